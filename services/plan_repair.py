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
from services import plan_file as pf
from services.plan_lock import lock_is_stale, lock_path_for, read_owner
from services.plan_schema import schema_objects, strangers

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
    """Repair what can be repaired; returns one line per thing done (empty: nothing to do)."""
    path = Path(path)
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
    if pf.has_interrupted_write(path):
        with pf._storage_errors(pf.Place.PLAN, path, "nothing was changed"):
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
    con = sqlite3.connect(pf._uri(path, "rw"), uri=True, isolation_level=None)
    try:
        from services.plan_authorizer import authorizer

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


def _readable_rows(con: sqlite3.Connection, table: str, columns: list[str]) -> tuple[list[tuple], int]:
    """Every row of ``table`` SQLite can still read, and how many stretches of rows it couldn't."""
    select = ", ".join(f'"{c}"' for c in columns)
    try:
        return con.execute(f'SELECT {select} FROM "{table}"').fetchall(), 0
    except sqlite3.DatabaseError:
        pass
    rows: list[tuple] = []
    lost = 0
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
            lost += 1
        start += _CHUNK
    return rows, lost


def _rebuild(path: Path) -> list[str]:
    """Copy every readable row into a new plan of the current format; keep the damaged file."""
    source = sqlite3.connect(pf._uri(path, "ro"), uri=True)
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
        new = path.with_name(path.name + ".rebuilt")
        new.unlink(missing_ok=True)
        target = sqlite3.connect(new, isolation_level=None)
        kept, lost_tables = 0, []
        try:
            engine = pf._make_engine(new, create=True)
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
            new.unlink(missing_ok=True)
            raise pf.DamagedPlanError(f"{path.name} could not be rebuilt; open your most recent copy instead.")
    finally:
        source.close()
    damaged = _kept_copy(path, "damaged")
    new.replace(path)
    lines = [f"Rebuilt the damaged plan from the {kept} records SQLite could still read; the damaged file is kept "
             f"as {damaged.name}."]
    if lost_tables:
        lines.append("Some records could not be read and are lost from: " + ", ".join(lost_tables) + ".")
    return lines
