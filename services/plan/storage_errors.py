"""A failed read or write of a file, told in one sentence a district user can act on.

The cause is read from SQLite's own result code (``sqlite3.Error.sqlite_errorcode``, whose low byte
is the primary code) or the operating system's ``errno``, never from the wording of a message:
SQLAlchemy wraps SQLite's exceptions (the original is its ``orig``), and message texts differ
between SQLite versions and languages. Each sentence names the place that failed (the plan, the
temporary folder, the file being written) and says what happened to the plan.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


class Place(Enum):
    """Where the failing read or write went."""

    PLAN = "plan"  # the plan file itself (or its journal beside it)
    TEMPORARY = "temporary"  # the private temporary folder holding a snapshot of the plan
    OUTPUT = "output"  # a file being written for the user: a PDF, a CSV, a copy
    NEW_PLAN = "new plan"  # a plan being made (new, the sample)


class StorageError(Exception):
    """A disk failed a read or write; the message is one sentence for the person."""


@contextmanager
def writing_output(path: Path) -> Iterator[None]:
    """Around writing a file the person asked for (a PDF, a CSV): a full or read-only disk there
    becomes ``StorageError`` naming that file (a write to an open file carries no file name)."""
    try:
        yield
    except OSError as exc:
        message = explain(exc, Place.OUTPUT, path, "nothing was written")
        if message is None:
            raise
        raise StorageError(message) from exc


@dataclass(frozen=True)
class Failure:
    kind: str  # "full", "read-only", "unreachable", "busy", "damaged", "memory"
    sqlite_code: int | None = None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, SQLAlchemy's ``orig`` behind it, and its causes, each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError
        if isinstance(orig, BaseException):
            yield orig
        current = current.__cause__ or current.__context__


def sqlite_error_in(exc: BaseException) -> sqlite3.Error | None:
    """The SQLite exception behind ``exc``: itself, SQLAlchemy's ``orig``, or a cause."""
    return next((e for e in _chain(exc) if isinstance(e, sqlite3.Error)), None)


def _os_error_in(exc: BaseException) -> OSError | None:
    return next((e for e in _chain(exc) if isinstance(e, OSError) and e.errno is not None), None)


def failure_of(exc: BaseException) -> Failure | None:
    """What kind of storage failure ``exc`` is, or None if it isn't one."""
    error = sqlite_error_in(exc)
    if error is not None:
        code = getattr(error, "sqlite_errorcode", None)
        if code is None:
            return None
        primary = code & 0xFF
        kind = {
            SQLITE_FULL: "full",
            SQLITE_READONLY: "read-only",
            SQLITE_PERM: "read-only",
            SQLITE_IOERR: "unreachable",
            SQLITE_CANTOPEN: "unreachable",
            SQLITE_BUSY: "busy",
            SQLITE_LOCKED: "busy",
            SQLITE_CORRUPT: "damaged",
            SQLITE_NOTADB: "damaged",
            SQLITE_NOMEM: "memory",
        }.get(primary)
        return Failure(kind, code) if kind else None
    if isinstance(exc, MemoryError):
        return Failure("memory")
    os_error = _os_error_in(exc)
    if os_error is not None:
        if os_error.errno in _FULL_ERRNOS:
            return Failure("full")
        if os_error.errno in _READ_ONLY_ERRNOS:
            return Failure("read-only")
        if os_error.errno in {errno.EIO, errno.ENXIO, getattr(errno, "ESTALE", errno.EIO)}:
            return Failure("unreachable")
    return None


def sentence(failure: Failure, place: Place, path: Path | None, outcome: str) -> str:
    """One sentence for ``failure`` at ``place``; ``outcome`` says what happened to the plan
    ("nothing was changed", "nothing was written")."""
    name = path.name if path is not None else "the file"
    if place is Place.TEMPORARY:
        where = "The computer's temporary folder"
        holder = "the computer's temporary folder"
    elif place in (Place.OUTPUT, Place.NEW_PLAN):
        where = f"The folder for {name}"
        holder = f"the disk holding {name}"
    else:
        where = name
        holder = f"the disk holding {name}"
    if failure.kind == "full":
        return f"{holder[0].upper()}{holder[1:]} is full: free some space and try again; {outcome}."
    if failure.kind == "read-only":
        if place is Place.PLAN:
            return (f"{name} can't be changed because the file or its folder is read-only: save a copy "
                    f"somewhere you can write to and work on that; {outcome}.")
        if place in (Place.OUTPUT, Place.NEW_PLAN):
            return f"{name} can't be written there because the folder or file is read-only: choose another folder; {outcome}."
        return f"{where} is read-only, so WellPlan can't make its working copy there; {outcome}."
    if failure.kind == "unreachable":
        return (f"{where} could not be read or written (a network drive or USB stick may have been "
                f"disconnected): reconnect it and try again; {outcome}.")
    if failure.kind == "busy":
        return f"Another program is using {name} right now: wait a moment and try again; {outcome}."
    if failure.kind == "damaged":
        return f"{name} is damaged and can't be used: open your most recent copy instead; {outcome}."
    return f"The computer ran out of memory while working on {name}: close other programs and try again; {outcome}."


def in_temporary_folder(exc: BaseException) -> bool:
    """True if the failing file is in the computer's temporary folder (WellPlan's working copies
    and files it makes for itself are there), so the message names that folder, not the plan."""
    import tempfile

    os_error = _os_error_in(exc)
    filename = getattr(os_error, "filename", None) if os_error is not None else None
    if not filename:
        return False
    try:
        return Path(filename).resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    except (OSError, ValueError):
        return False


def explain(exc: BaseException, place: Place = Place.PLAN, path: Path | None = None,
            outcome: str = "nothing was changed") -> str | None:
    """The plain sentence for ``exc`` if it is a storage failure, else None."""
    failure = failure_of(exc)
    return None if failure is None else sentence(failure, place, path, outcome)
