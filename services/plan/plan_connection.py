"""How WellPlan connects to a plan file: by URI (``mode=rw`` never creates a file; spaces, '#',
'%' and UNC paths encoded), with a rollback journal and ``synchronous=FULL`` (not WAL, whose
shared memory is unsafe on network drives), foreign keys on, sorting in memory, and the
authorizer on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.pool import QueuePool
from sqlalchemy.util import LRUCache

from services.plan.plan_authorizer import authorizer

# Statements compiled by any plan engine, for all of them (see PlanDialect): the statements of a
# few hundred reads and writes, with room to spare.
COMPILED_STATEMENTS = 2000


class PlanDialect(SQLiteDialect_pysqlite):
    """SQLite as every plan engine speaks it, each engine's dialect equal to every other's, so
    that a statement one engine compiled is found compiled by the next. SQLAlchemy keeps compiled
    statements by dialect object, and every engine made its own: each background read of a
    snapshot (a new engine over a copy) compiled all its statements again, 45-90 ms of the
    Overview's read of its steps, holding Python's lock while the window painted. Every engine is
    made by ``make_engine`` over the same sqlite3 library, so their dialects compile alike (what
    a dialect learns as it first connects, the library's version, is the same for all)."""

    supports_statement_cache = True

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))


registry.register("sqlite.wellplan", __name__, "PlanDialect")
_compiled = LRUCache(COMPILED_STATEMENTS)


def configure_connection(dbapi_connection: sqlite3.Connection, foreign_keys: bool, schema_changes: bool) -> None:
    # We issue BEGIN ourselves (see _begin) so that DDL in migrations is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Off only while migrating: rebuilding a table would otherwise cascade deletes.
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    # Also turns WAL off in a file copied from elsewhere (see the module docstring).
    cursor.execute("PRAGMA journal_mode = DELETE")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    # Sorting and grouping in memory, so a full temporary folder can't fail a report midway.
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()
    dbapi_connection.set_authorizer(authorizer(schema_changes=schema_changes))


def _begin(connection) -> None:  # SQLAlchemy "begin" event
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path, foreign_keys: bool = True, create: bool = False,
                 schema_changes: bool = False) -> Engine:
    # A URI rather than a plain name: with mode=rw SQLite never creates a file, so a plan deleted
    # while open is not silently replaced by an empty database when the pool opens a connection.
    # check_same_thread is off because report workers open their own read-only snapshot
    # and the pool may close a connection from another thread.
    uri = plan_uri(path, "rwc" if create else "rw")
    engine = create_engine(
        "sqlite+wellplan://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False),
        poolclass=QueuePool,
        # An error's message never carries the statement's values (group names, answers, text
        # typed in): tracebacks go to the log file, which a district sends to support.
        hide_parameters=True,
        execution_options={"compiled_cache": _compiled},
    )
    event.listen(engine, "connect", lambda con, _rec: configure_connection(con, foreign_keys, schema_changes or create))
    event.listen(engine, "begin", _begin)
    return engine


def plan_uri(path: Path, mode: str) -> str:
    # as_uri() percent-encodes spaces, '#', '?' and '%', and writes Windows drive letters as
    # SQLite expects; a UNC path (\\server\share) needs SQLite's empty-authority form.
    uri = path.resolve().as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://"):]
    return f"{uri}?mode={mode}"


def read_only_uri(path: Path) -> str:
    return plan_uri(path, "ro")


