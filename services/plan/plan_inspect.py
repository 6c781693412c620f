"""A read-only look at a file before it is trusted as a plan: a missing file, a folder, a pipe,
something that is not SQLite, a damaged database, another program's database, a newer format and
objects WellPlan never writes are each refused with a plain message, the file untouched; a change
cut off by a crash is recognised as SQLite does and, when allowed, rolled back (a copy kept first).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from models.schema import APPLICATION_ID, CURRENT_VERSION
from services.plan.plan_connection import plan_uri, read_only_uri
from services.plan.plan_errors import (
    DamagedPlanError,
    ForeignObjectsError,
    InterruptedWriteError,
    NewerPlanError,
    NotAPlanError,
    PlanFileError,
    PlanInUseError,
    PlanNotFoundError,
    storage_errors_as,
)
from services.plan.plan_lock import LockOwner, lock_is_stale, read_owner
from services.plan.plan_schema import schema_objects, shown, strangers
from services.plan.storage_errors import Place, explain

SQLITE_NOTADB = 26
SQLITE_READONLY_ROLLBACK = 776  # a read-only connection met a hot journal it may not roll back


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at a file found, before anything is changed."""

    path: Path
    schema_version: int


def journal_path_for(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_interrupted_write(path: Path) -> bool:
    """True if a crash or power cut left a change half-written: a journal SQLite calls "hot".

    A journal also exists, briefly, while another program commits; SQLite tells the two apart by
    its locks, so it is asked (a read-only connection refuses to read past a hot journal) rather
    than the journal's size guessed at."""
    if not journal_path_for(path).exists():
        return False
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=5)
        try:
            con.execute("PRAGMA schema_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return getattr(exc, "sqlite_errorcode", None) == SQLITE_READONLY_ROLLBACK
    return False


def recover_interrupted_write(path: Path) -> Path:
    """Let SQLite undo a half-written change, restoring the file to its last committed state, and
    return the copy kept first.

    Reading the file through an ordinary read-write connection is enough: SQLite rolls back a
    hot journal before the first read. (A journal that another running copy is still using is
    not hot, and is left alone.) SQLite can't tell a journal that belongs to another file (copied
    beside this one) from this file's own, so the plan and its journal are both copied aside
    first, as ``NAME (before recovery, DATE).wellplan`` and its ``-journal``: opening that copy
    with any SQLite program gives back exactly what was there.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem} (before recovery, {stamp}){path.suffix}")
    with storage_errors_as(Place.PLAN, path, "it was left as it is"):
        for source, target in ((path, kept), (journal_path_for(path), journal_path_for(kept))):
            partial = target.with_name(target.name + ".partial")
            try:
                shutil.copy2(source, partial)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
    con = sqlite3.connect(plan_uri(path, "rw"), uri=True, timeout=5)
    try:
        con.execute("PRAGMA schema_version").fetchone()
    finally:
        con.close()
    return kept


def current_holder(path: Path) -> LockOwner | None:
    """Who holds the plan open in WellPlan right now (None: nobody, or a lock left by a crash)."""
    owner = read_owner(path)
    if owner is None or lock_is_stale(owner):
        return None
    return owner


def _cut_off_message(path: Path) -> str:
    return (f"{path.name} has a change that was cut off (the computer may have crashed or WellPlan was "
            "stopped); 'check --repair' or opening it in WellPlan puts it back to its last saved state.")


def inspect_plan_file(path: str | Path, recover: bool = True) -> FileFacts:
    """Look at a file and say whether it is a plan this version can open.

    Nothing is written, except that with ``recover`` a change left half-written by a crash is
    rolled back first, as any SQLite program would on opening the file, when nobody holds the
    plan open. Without ``recover`` such a file is refused with ``InterruptedWriteError``. Only
    a regular file is looked at (a pipe or a device would never end), and only through SQLite:
    opening and closing the file ourselves would drop the locks SQLite holds on it in this process.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PlanNotFoundError(f"There is no file at {path}.") from None
    except OSError as exc:
        raise PlanFileError(f"{path.name} can't be read: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise NotAPlanError(f"{path} is a folder, not a WellPlan plan file.")
    if not stat.S_ISREG(info.st_mode):
        raise NotAPlanError(f"{path.name} is not a file on a disk (it is a device or a pipe), so it is not a "
                            "WellPlan plan file.")
    if info.st_size == 0:
        raise NotAPlanError(f"{path.name} is empty (0 bytes), so it is not a WellPlan plan.")
    if info.st_size < 512:
        raise NotAPlanError(f"{path.name} is not a WellPlan plan file.")
    if has_interrupted_write(path):
        holder = current_holder(path)
        if holder is not None:
            raise PlanInUseError(f"{path.name} is being changed in WellPlan by {holder.describe()}; try again "
                                 "when it has been closed there.")
        if not recover:
            raise InterruptedWriteError(_cut_off_message(path))
        try:
            recover_interrupted_write(path)
        except sqlite3.Error as exc:
            message = explain(exc, Place.PLAN, path, "it was left as it is")
            raise (PlanFileError(message) if message and "damaged" not in message else DamagedPlanError(
                f"{path.name} is damaged and can't be opened. Open your most recent copy instead.")) from exc
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=5)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            problems = [row[0] for row in con.execute("PRAGMA quick_check").fetchall()]
            objects = schema_objects(con) if problems == ["ok"] else []
        finally:
            con.close()
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) or 0
        if code & 0xFF == SQLITE_NOTADB:
            raise NotAPlanError(f"{path.name} is not a WellPlan plan file.") from exc
        if code == SQLITE_READONLY_ROLLBACK:
            raise InterruptedWriteError(_cut_off_message(path)) from exc
        message = explain(exc, Place.PLAN, path, "the file was left as it is")
        if message is not None and "damaged" not in message:
            raise PlanFileError(message) from exc
        raise DamagedPlanError(
            f"{path.name} is damaged and can't be opened. Open your most recent copy instead."
        ) from exc
    if problems != ["ok"]:
        raise DamagedPlanError(
            f"{path.name} is damaged and can't be opened ({shown(problems[0].splitlines()[0], 80)}): 'check --repair' rebuilds it from what "
            "can still be read (the damaged file is kept), or open your most recent copy."
        )
    if app_id != APPLICATION_ID:
        raise NotAPlanError(
            f"{path.name} is a database from another program, not a WellPlan plan."
        )
    if version > CURRENT_VERSION:
        raise NewerPlanError(
            f"{path.name} was saved by a newer version of WellPlan (plan format {version}; "
            f"this version reads up to format {CURRENT_VERSION}). Install the newer version to "
            "open it; the file has not been changed."
        )
    if version < 1:
        raise DamagedPlanError(f"{path.name} has no plan format version and can't be opened.")
    found = strangers(objects, version)
    if found:
        raise ForeignObjectsError(path, found)
    return FileFacts(path=path, schema_version=version)


