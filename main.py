"""WellPlan: open the window, or run a command-line command. No logic of its own lives here."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from services import cli

    if argv and (argv[0] in cli.COMMANDS or argv[0].startswith("-")):
        args = cli.build_parser().parse_args(argv)
        if args.command == "self-test":
            from gui.self_test import run_self_test

            return run_self_test()
        if args.command is None:
            cli.build_parser().print_help()
            return 0
        return cli.run(args)

    from gui.app import run_app

    return run_app(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
