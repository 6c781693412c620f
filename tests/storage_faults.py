"""Run WellPlan's command line with a disk failure injected into SQLite itself, for machines where a
small filesystem can't be mounted: ``python -m tests.storage_faults FAULT MATCH -- ARGS...``.

FAULT ``full``: every connection to the database at MATCH (an absolute path) or whose name contains
MATCH may not grow by a single
page (``PRAGMA max_page_count``), so SQLite returns SQLITE_FULL exactly as on a full disk.
FAULT ``read-only``: such connections are ``query_only``, so writes fail with SQLITE_READONLY.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _inject(fault: str, match: str) -> None:
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        con = real_connect(database, *args, **kwargs)
        name = str(database)
        if name.startswith("file:"):  # WellPlan opens plans by URI, percent-encoded
            name = unquote(urlsplit(name).path)
        if name == match or (not Path(match).is_absolute() and match in name):
            if fault == "full":
                pages = con.execute("PRAGMA page_count").fetchone()[0]
                con.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
            elif fault == "read-only":
                con.execute("PRAGMA query_only = ON")
        return con

    sqlite3.connect = connect


def main(argv: list[str]) -> int:
    fault, match, separator, *args = argv
    assert separator == "--"
    _inject(fault, match)
    sys.path.insert(0, str(ROOT))
    from main import main as wellplan

    return wellplan(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
