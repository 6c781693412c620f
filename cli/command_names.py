"""The command line's command names, and whether arguments that name none may open the window.

Apart from ``commands`` because ``main.py`` decides between the window and a command with them
before anything else is imported: the window's start must not wait for the parser and the
services behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from services.app_info import PLAN_SUFFIX

COMMANDS = ("new", "sample", "check", "export", "next-year", "copy", "server-roles", "survey", "self-test")


def not_for_the_window(argv: Sequence[str]) -> str | None:
    """Why ``argv`` (which names no command) can't open the window, or None if it can: no
    arguments, or one that names a plan file. ``python main.py new-plan x`` must not silently
    open the window."""
    if not argv:
        return None
    if len(argv) == 1 and (argv[0].lower().endswith(PLAN_SUFFIX) or Path(argv[0]).is_file()):
        return None
    if len(argv) == 1 and argv[0].lower().startswith(("postgresql://", "postgres://")):
        return None  # a plan on the district's server
    return (f"'{argv[0]}' is not a command or a plan file; the commands are {', '.join(COMMANDS)} "
            "(see --help)")
