"""Whether a plan file holds only the tables and indexes WellPlan's own schema defines.

A plan file is data, never code. SQLite runs what a file's schema says: a trigger runs when a
table is written, a view is read in place of a table, and a column's DEFAULT, a generated column,
a CHECK or an index on an expression are evaluated on every insert, none of them passing through
the authorizer. So before a file is trusted, every object in its ``sqlite_master`` must be one
that WellPlan itself writes at that format: same type, name, table and SQL text (whitespace
aside). The texts are listed per format in ``resources/schema/signatures.json``, made by
``tests/fixtures/make_schema_signatures.py`` from the checked-in plans of every format, new and
upgraded (an upgraded table's text differs from a new one's); a test keeps it current.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from dataclasses import dataclass

from services.resource_paths import resource_path

# Objects SQLite makes itself: indexes behind UNIQUE and PRIMARY KEY constraints (no SQL text),
# and the tables ANALYZE and AUTOINCREMENT keep, with the exact text SQLite gives them. Anything
# else with a ``sqlite_`` name is a stranger like any other (SQLite loads whatever the file says).
_AUTOINDEX = re.compile(r"^sqlite_autoindex_(.+)_\d+$")
_SQLITE_TABLES = {
    "sqlite_sequence": "CREATE TABLE sqlite_sequence(name,seq)",
    "sqlite_stat1": "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    "sqlite_stat4": "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}


def _sqlite_own(kind: str, name: str, table: str, sql: str | None, ours: set[str]) -> bool:
    autoindex = _AUTOINDEX.match(name)
    if autoindex is not None:
        return kind == "index" and sql is None and table in ours and autoindex.group(1) == table
    return kind == "table" and table == name and normalise(sql) == _SQLITE_TABLES.get(name)


@dataclass(frozen=True)
class Stranger:
    """An object in the file that WellPlan's schema does not define."""

    kind: str  # trigger, view, table, index
    name: str
    table: str
    removable: bool  # nothing of WellPlan's depends on it: removing it leaves the plan whole
    missing: bool = False  # one of WellPlan's tables that the file lacks

    def describe(self) -> str:
        if self.missing:
            return f"no '{shown(self.name)}' table where WellPlan keeps one"
        return f"a database {self.kind} ('{shown(self.name)}')"


def shown(name: str, width: int = 40) -> str:
    """A name read from the file, safe to put in a one-line message: no control characters (a
    name can hold line breaks and fake output), and not longer than ``width``."""
    clean = "".join(c if c.isprintable() else " " for c in name).strip()
    return clean if len(clean) <= width else clean[: width - 3] + "..."


def normalise(sql: str | None) -> str:
    return " ".join((sql or "").split())


@functools.cache
def signatures() -> dict[int, dict[tuple[str, str], frozenset[str]]]:
    """For each plan format: (type, name) -> the SQL texts WellPlan writes for it."""
    raw = json.loads(resource_path("schema", "signatures.json").read_text(encoding="utf-8"))
    return {int(version): {(kind, name): frozenset(texts) for kind, name, texts in objects}
            for version, objects in raw.items()}


def schema_objects(con: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    return con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def strangers(objects: list[tuple[str, str, str, str | None]], version: int) -> list[Stranger]:
    """Every object that is not WellPlan's own at ``version``; triggers and views first."""
    expected = signatures().get(version)
    if expected is None:
        return []  # a format this version doesn't know is refused before this is asked
    ours = {name for kind, name in expected if kind == "table"}
    found = []
    for kind, name, table, sql in objects:
        if _sqlite_own(kind, name, table, sql, ours):
            continue
        texts = expected.get((kind, name))
        if texts is not None and normalise(sql) in texts:
            continue
        # An extra trigger, view, table or index can be dropped and leave the plan whole; one of
        # WellPlan's own tables or indexes defined otherwise can't.
        found.append(Stranger(kind, name, table, removable=texts is None))
    order = {"trigger": 0, "view": 1, "table": 2, "index": 3}
    missing = [Stranger("table", name, name, False, missing=True) for kind, name in expected
               if kind == "table" and not any(o[0] == "table" and o[1] == name for o in objects)]
    return sorted(found, key=lambda s: (order.get(s.kind, 4), s.name)) + missing
