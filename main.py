"""WellPlan: open the window, or run a command-line command. No logic of its own lives here."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from services import cli

    if argv == ["self-test"]:
        from gui.self_test import run_self_test

        return run_self_test()
    if argv and (argv[0] in cli.COMMANDS or argv[0].startswith("-")):
        return cli.main(argv)

    from gui.app import run_app

    return run_app(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
