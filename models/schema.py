"""Schema versions of the plan file and the ordered steps that upgrade an older file.

Why an ordered list of steps and not Alembic: a plan file is one user's document, not a server
database. Its version must be readable before any table is trusted, so it lives in SQLite's
``user_version`` header field, and ``application_id`` marks the file as a WellPlan plan. Upgrading
is a short, ordered list of Python functions run in one transaction on the file's own
connection; there is no migration environment to ship inside the installer, and a SQLite client
shows the result as ordinary tables. (TagStudio keeps its library files the same way.)

To change the schema: change the ORM classes, bump ``CURRENT_VERSION``, append a ``Migration``
whose ``apply`` turns a file of the previous version into exactly what ``create_all`` makes now,
and check in a plan file of the previous version under ``tests/fixtures/``. SQLite cannot alter
most column definitions in place; rebuild the table (create new, copy, drop, rename) instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from models.base import Base

# "WPLN" in ASCII: a SQLite file without this id is some other program's database.
APPLICATION_ID = 0x57504C4E

# Version 1 is the first released schema (district profile, team, meetings, candidate actions).
CURRENT_VERSION = 1


@dataclass(frozen=True)
class Migration:
    to_version: int
    summary: str
    apply: Callable[[Connection], None]


# Steps in order; step ``n`` upgrades a file of version ``n.to_version - 1``.
MIGRATIONS: tuple[Migration, ...] = ()


def create_current_schema(connection: Connection) -> None:
    """Create every table of a new plan file and stamp it with the current version."""
    import models  # noqa: F401  (registers every table on Base.metadata)

    Base.metadata.create_all(connection)
    stamp_version(connection, CURRENT_VERSION)


def stamp_version(connection: Connection, version: int) -> None:
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def migrations_from(version: int, steps: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """The steps that bring a file of ``version`` up to date, in the order to run them."""
    pending = [m for m in steps if m.to_version > version]
    expected = list(range(version + 1, version + 1 + len(pending)))
    if [m.to_version for m in pending] != expected:
        raise RuntimeError(f"Migration steps are not contiguous from version {version}")
    return pending
