"""WellPlan: open the window, or run a command-line command. No logic of its own lives here."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``argv`` defaults to the process's own arguments (the installed ``wellplan`` command calls it so)."""
    from cli.command_names import COMMANDS, not_for_the_window

    if argv is None:
        argv = sys.argv[1:]

    if argv == ["self-test"]:
        from gui.self_test import run_self_test

        return run_self_test()
    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        from cli import commands as cli

        return cli.main(argv)
    refusal = not_for_the_window(argv)
    if refusal is not None:
        print(f"wellplan: {refusal}", file=sys.stderr)
        return 2

    from gui.app import run_app

    return run_app(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
