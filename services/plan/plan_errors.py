"""Why a plan file can't be used or written: one exception family, each message written for the
person who chose the file (``PlanFileError``), and the one context that turns a failure of the
disk into that (``storage_errors_as``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from services.plan.plan_schema import Stranger, shown
from services.plan.storage_errors import Failure, Place, StorageError, failure_of, sentence


class PlanFileError(Exception):
    """A plan file can't be used; the message is written for the person who chose the file."""


class PlanNotFoundError(PlanFileError):
    pass


class NotAPlanError(PlanFileError):
    pass


class DamagedPlanError(PlanFileError):
    pass


class NewerPlanError(PlanFileError):
    pass


class InterruptedWriteError(PlanFileError):
    pass


class ForeignObjectsError(PlanFileError):
    """The file holds objects WellPlan never writes (triggers, views, tables or indexes defined
    otherwise): code that would run, or be read in place of its own tables."""

    def __init__(self, path: Path, found: list[Stranger]):
        self.path = path
        self.strangers = found
        self.removable = all(s.removable for s in found)
        first = found[0]
        more = f" and {len(found) - 1} more thing{'s' if len(found) > 2 else ''}" if len(found) > 1 else ""
        if first.missing:
            what = f"{path.name} lacks WellPlan's '{shown(first.name)}' table{more}: it is not a whole plan"
        elif not first.removable:
            what = (f"{path.name} defines WellPlan's {first.kind} '{shown(first.name)}' otherwise than WellPlan does{more}; "
                    "a plan file is data, not code")
        else:
            what = (f"{path.name} holds {first.describe()}{more} that WellPlan never writes; a plan file is data, "
                    "not code")
        remedy = (f"'check --repair' can remove {'it' if len(found) == 1 else 'them'} (a copy of the file is kept "
                  "first)" if self.removable else "open your most recent copy instead")
        super().__init__(f"{what}, so it was not opened and has not been changed: {remedy}.")


class PlanStorageError(PlanFileError, StorageError):
    """A read or write failed for a reason of the disk (full, read-only, disconnected, busy); the
    transaction was rolled back, so the plan is as it was."""

    def __init__(self, message: str, failure: Failure):
        super().__init__(message)
        self.failure = failure


class PlanGoneError(PlanFileError):
    """The file at the plan's path is no longer the one that was opened: deleted, moved, replaced
    or written over by another program. Nothing more is written to the path."""


class PlanInUseError(PlanFileError):
    def __init__(self, message: str, by_this_process: bool = False, elsewhere: bool = False):
        super().__init__(message)
        self.by_this_process = by_this_process
        self.elsewhere = elsewhere  # held from another computer, whose programs we can't see


@contextmanager
def storage_errors_as(place: Place, path: Path, outcome: str) -> Iterator[None]:
    """Turn a failure of the disk into ``PlanStorageError`` with one sentence."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        failure = failure_of(exc)
        if failure is None:
            raise
        raise PlanStorageError(sentence(failure, place, path, outcome), failure) from exc


