"""How WellPlan connects to a plan file: by URI (``mode=rw`` never creates a file; spaces, '#',
'%' and UNC paths encoded), with a rollback journal and ``synchronous=FULL`` (not WAL, whose
shared memory is unsafe on network drives), foreign keys on, sorting in memory, and the
authorizer on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from services.plan.plan_authorizer import authorizer


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
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False),
        poolclass=QueuePool,
        # An error's message never carries the statement's values (group names, answers, text
        # typed in): tracebacks go to the log file, which a district sends to support.
        hide_parameters=True,
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


