"""``check --repair``: put a plan back in order as far as SQLite can, and say what was done.

In order: a change cut off by a crash is rolled back (SQLite's own recovery); a lock left by a
WellPlan that is no longer running is removed; objects WellPlan never writes (triggers, views,
extra tables and indexes) are dropped; and a damaged file is rebuilt from every row SQLite can
still read into a new plan, the damaged file kept beside it. Every step that changes the file
keeps a copy of it first. A plan open in WellPlan somewhere is left alone.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import sqlite3
from pathlib import Path

from models.base import Base
from models.schema import CURRENT_VERSION, create_current_schema
from services.plan import plan_file as pf
from services.plan.plan_connection import make_engine, plan_uri
from services.plan.plan_errors import storage_errors_as
from services.plan.plan_inspect import current_holder
from services.plan.plan_lock import lock_is_stale, lock_path_for, read_owner
from services.plan.plan_schema import schema_objects, strangers
from services.plan.storage_errors import failure_of, sentence

_CHUNK = 200  # rows read at a time from a damaged table, so one bad page loses only its rows


def _kept_copy(path: Path, why: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.stem} ({why}, {stamp}){path.suffix}")
    partial = copy.with_name(copy.name + ".partial")
    try:
        shutil.copy2(path, partial)
        partial.replace(copy)
    finally:
        partial.unlink(missing_ok=True)
    return copy


def repair_plan(path: str | Path) -> list[str]:
    """Repair what can be repaired; returns one line per thing done (empty: nothing to do).

    A full or read-only disk is one sentence about the plan, whichever working file it hit."""
    path = Path(path)
    try:
        return _repair(path)
    except (OSError, sqlite3.Error) as exc:
        failure = failure_of(exc)
        if failure is None:
            raise
        raise pf.PlanStorageError(sentence(failure, pf.Place.PLAN, path, "nothing was changed"), failure) from exc


def _repair(path: Path) -> list[str]:
    done: list[str] = []
    owner = read_owner(path)
    if owner is not None:
        here = owner.host == socket.gethostname()
        if here and not lock_is_stale(owner):
            raise pf.PlanInUseError(f"{path.name} is open in WellPlan by {owner.describe()}; close it there "
                                    "before repairing it.")
        lock_path_for(path).unlink(missing_ok=True)
        done.append(f"Removed the lock of {owner.describe()}: " + (
            "that WellPlan is no longer running." if here else
            "another computer's WellPlan can't be seen from here, so it was taken as no longer running."))
    journal = pf.journal_path_for(path)
    if journal.exists() and not pf.has_interrupted_write(path) and current_holder(path) is None:
        journal.unlink()  # left by a program stopped after its change was undone: holds nothing
        done.append("Removed a leftover journal that held no change.")
    if pf.has_interrupted_write(path):
        with storage_errors_as(pf.Place.PLAN, path, "nothing was changed"):
            kept = pf.recover_interrupted_write(path)
        done.append("Rolled back a change that was cut off (a crash or a stopped program): the plan is as it "
                    f"was after its last saved change; the file and its journal as they were are kept as {kept.name}.")
    try:
        pf.inspect_plan_file(path)
    except pf.ForeignObjectsError as exc:
        if not exc.removable:
            raise
        copy = _kept_copy(path, "before repair")
        _drop(path, exc.strangers)
        names = ", ".join(s.describe() for s in exc.strangers)
        done.append(f"Removed {names}, which WellPlan never writes; the file as it was is kept as {copy.name}.")
    except pf.DamagedPlanError:
        done += _rebuild(path)
    return done


def _drop(path: Path, found) -> None:
    con = sqlite3.connect(plan_uri(path, "rw"), uri=True, isolation_level=None)
    try:
        from services.plan.plan_authorizer import authorizer

        con.set_authorizer(authorizer(repair=True))
        con.execute("BEGIN IMMEDIATE")
        for stranger in found:
            quoted = stranger.name.replace('"', '""')
            con.execute(f'DROP {stranger.kind.upper()} IF EXISTS "{quoted}"')
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def _readable_rows(con: sqlite3.Connection, table: str, columns: list[str]) -> tuple[list[tuple], set[int]]:
    """Every row of ``table`` SQLite can still read, and the row ids it couldn't."""
    select = ", ".join(f'"{c}"' for c in columns)
    try:
        return con.execute(f'SELECT {select} FROM "{table}"').fetchall(), set()
    except sqlite3.DatabaseError:
        pass
    rows: list[tuple] = []
    lost: set[int] = set()
    try:
        top = con.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
    except sqlite3.DatabaseError:
        top = 1_000_000
    start = 0
    while start <= top:
        try:
            rows += con.execute(f'SELECT {select} FROM "{table}" WHERE rowid BETWEEN ? AND ?',
                                (start, start + _CHUNK - 1)).fetchall()
        except sqlite3.DatabaseError:
            # One bad page: read the stretch row by row, so only the rows on it are lost.
            for rowid in range(start, start + _CHUNK):
                try:
                    rows += con.execute(f'SELECT {select} FROM "{table}" WHERE rowid = ?', (rowid,)).fetchall()
                except sqlite3.DatabaseError:
                    lost.add(rowid)
        start += _CHUNK
    return rows, lost


def _rebuild(path: Path) -> list[str]:
    """Copy every readable row into a new plan of the current format; keep the damaged file."""
    source = sqlite3.connect(plan_uri(path, "ro"), uri=True)
    try:
        try:
            version = source.execute("PRAGMA user_version").fetchone()[0]
            objects = schema_objects(source)
        except sqlite3.DatabaseError as exc:
            raise pf.DamagedPlanError(f"{path.name} is too damaged for SQLite to read its list of tables, so "
                                      "nothing can be recovered from it: open your most recent copy.") from exc
        if version != CURRENT_VERSION:
            raise pf.DamagedPlanError(f"{path.name} is damaged and of an older plan format ({version}); open it "
                                      "with the WellPlan that made it, or your most recent copy.")
        if any(s.missing or not s.removable for s in strangers(objects, version)):
            raise pf.DamagedPlanError(f"{path.name} is damaged and its tables are not WellPlan's own, so nothing "
                                      "can be recovered from it: open your most recent copy.")
    except BaseException:
        source.close()
        raise
    new = path.with_name(path.name + ".rebuilt")
    try:
        new.unlink(missing_ok=True)
        target = sqlite3.connect(new, isolation_level=None)
        kept, lost_tables, lost_ids = 0, [], {}
        try:
            engine = make_engine(new, create=True)
            try:
                with engine.begin() as con:
                    create_current_schema(con)
            finally:
                engine.dispose()
            target.execute("PRAGMA foreign_keys = OFF")
            target.execute("BEGIN")
            for table in Base.metadata.sorted_tables:
                columns = [c.name for c in table.columns]
                rows, lost = _readable_rows(source, table.name, columns)
                if lost:
                    lost_tables.append(table.name)
                    lost_ids[table.name] = lost
                marks = ", ".join("?" for _ in columns)
                names = ", ".join(f'"{c}"' for c in columns)
                for row in rows:
                    try:
                        target.execute(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', row)
                        kept += 1
                    except sqlite3.IntegrityError:
                        pass
            # Rows whose parent was lost would break the plan's links: they go too.
            for _ in range(10):
                broken = target.execute("PRAGMA foreign_key_check").fetchall()
                if not broken:
                    break
                for table, rowid, _parent, _fk in broken:
                    target.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            target.execute("COMMIT")
            problems = target.execute("PRAGMA integrity_check").fetchall()
        finally:
            target.close()
        if problems != [("ok",)]:
            raise pf.DamagedPlanError(f"{path.name} could not be rebuilt; open your most recent copy instead.")
        removed_waves = _remove_broken_waves(new, lost_ids)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    damaged = _kept_copy(path, "damaged")
    new.replace(path)
    lines = [f"Rebuilt the damaged plan from the {kept} records SQLite could still read; the damaged file is kept "
             f"as {damaged.name}."]
    if lost_tables:
        lines.append("Some records could not be read and are lost from: " + ", ".join(lost_tables) + ".")
    for label in removed_waves:
        lines.append(f"Survey wave '{label}' lost some of its answers, so it was removed: import its file again.")
    return lines


# A wave's rows in these tables are written in one import, one after another, so their ids run
# without a gap; a lost row inside or next to that run belonged to it.
_WAVE_TABLES = ("survey_item", "survey_dimension", "survey_comment")


def _remove_broken_waves(path: Path, lost_ids: dict[str, set[int]]) -> list[str]:
    """Survey waves the rebuild couldn't bring back whole (a row of theirs lost, answers that no
    longer match the responses): removed, since half a wave would report wrong results."""
    from services.data.survey_report import load_wave
    from services.data.survey_waves import list_waves, remove_wave
    from services.errors import StoredValueError

    plan = pf.open_plan(path)
    removed = []
    try:
        with plan.transaction() as s:
            for wave in list_waves(s):
                whole = True
                for table in _WAVE_TABLES:
                    ids = [r[0] for r in s.connection().exec_driver_sql(
                        f"SELECT id FROM {table} WHERE wave_id = ? ORDER BY id", (wave.id,))]
                    if ids and (ids[-1] - ids[0] + 1 != len(ids) or
                                any(ids[0] - 1 <= i <= ids[-1] + 1 for i in lost_ids.get(table, ()))):
                        whole = False
                try:
                    whole = whole and load_wave(s, wave.label).items != []
                except StoredValueError:
                    whole = False
                if not whole:
                    remove_wave(s, wave.id)
                    removed.append(wave.label)
    finally:
        plan.close()
    return removed
