"""Creating, opening, checking and copying ``.wellplan`` files (one SQLite database per plan).

Every edit runs in its own short transaction (``PlanFile.transaction``) and is committed at once,
so there is no unsaved state to lose. The connection uses a rollback journal and
``synchronous=FULL`` rather than WAL, because district files often live on network drives where
WAL's shared memory is unsafe, and foreign keys are switched on for every connection.

Before a file is trusted it is inspected read-only: a missing file, something that is not a
SQLite database, a damaged database, another program's database and a file from a newer
WellPlan are each refused with a plain message and left untouched. An older file is copied aside
and then upgraded in one transaction.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from models.plan_info import PlanInfo
from models.schema import (
    APPLICATION_ID,
    CURRENT_VERSION,
    MIGRATIONS,
    Migration,
    create_current_schema,
    migrations_from,
    stamp_version,
)
from services.app_info import APP_NAME, APP_VERSION
from services.plan_lock import PlanLock, PlanLockedError

PLAN_SUFFIX = ".wellplan"
SQLITE_HEADER = b"SQLite format 3\x00"


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
    """The file holds triggers or views: code WellPlan never writes, which would run or be read
    in place of its own tables."""


class PlanInUseError(PlanFileError):
    def __init__(self, message: str, by_this_process: bool = False):
        super().__init__(message)
        self.by_this_process = by_this_process


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at a file found, before anything is changed."""

    path: Path
    schema_version: int


def _configure_connection(dbapi_connection: sqlite3.Connection, foreign_keys: bool) -> None:
    # We issue BEGIN ourselves (see _begin) so that DDL in migrations is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Off only while migrating: rebuilding a table would otherwise cascade deletes.
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    # Also turns WAL off in a file copied from elsewhere (see the module docstring).
    cursor.execute("PRAGMA journal_mode = DELETE")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _begin(connection) -> None:  # SQLAlchemy "begin" event
    connection.exec_driver_sql("BEGIN")


def _make_engine(path: Path, foreign_keys: bool = True) -> Engine:
    # A creator rather than a URL, so folder names with '#', '?' or '%' need no escaping.
    # check_same_thread is off because report workers open their own read-only snapshot
    # and the pool may close a connection from another thread.
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(str(path), timeout=5, check_same_thread=False),
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", lambda con, _rec: _configure_connection(con, foreign_keys))
    event.listen(engine, "begin", _begin)
    return engine


def _read_only_uri(path: Path) -> str:
    # as_uri() percent-encodes spaces and '#', and writes Windows drive letters as SQLite expects.
    return path.resolve().as_uri() + "?mode=ro"


def journal_path_for(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_interrupted_write(path: Path) -> bool:
    """True if a crash or power cut left a change half-written (a "hot" rollback journal)."""
    journal = journal_path_for(path)
    return journal.exists() and journal.stat().st_size > 0


def recover_interrupted_write(path: Path) -> None:
    """Let SQLite undo a half-written change, restoring the file to its last committed state.

    Reading the file through an ordinary read-write connection is enough: SQLite rolls back a
    hot journal before the first read. (A journal that another running copy is still using is
    not hot, and is left alone.)
    """
    con = sqlite3.connect(str(path), timeout=5)
    try:
        con.execute("PRAGMA schema_version").fetchone()
    finally:
        con.close()


def inspect_plan_file(path: str | Path, recover: bool = True) -> FileFacts:
    """Look at a file and say whether it is a plan this version can open.

    Nothing is written, except that with ``recover`` a change left half-written by a crash is
    rolled back first, as any SQLite program would on opening the file. Without ``recover`` such
    a file is refused with ``InterruptedWriteError``.
    """
    path = Path(path)
    if not path.exists():
        raise PlanNotFoundError(f"There is no file at {path}.")
    if path.is_dir():
        raise NotAPlanError(f"{path} is a folder, not a WellPlan plan file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise PlanFileError(f"{path.name} can't be read: {exc.strerror or exc}.") from exc
    if size == 0:
        raise NotAPlanError(f"{path.name} is empty (0 bytes), so it is not a WellPlan plan.")
    if header != SQLITE_HEADER:
        raise NotAPlanError(f"{path.name} is not a WellPlan plan file.")
    if has_interrupted_write(path):
        if not recover:
            raise InterruptedWriteError(
                f"{path.name} has a change that was cut off (the computer may have crashed). Open it "
                "in WellPlan once to restore it to its last saved state, then try again."
            )
        try:
            recover_interrupted_write(path)
        except sqlite3.DatabaseError as exc:
            raise DamagedPlanError(
                f"{path.name} is damaged and can't be opened ({exc}). Open your most recent copy instead."
            ) from exc
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            problems = [row[0] for row in con.execute("PRAGMA quick_check").fetchall()]
            foreign = con.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') "
                                  "ORDER BY type, name").fetchall() if problems == ["ok"] else []
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedPlanError(
            f"{path.name} is damaged and can't be opened ({exc}). Open your most recent copy instead."
        ) from exc
    if problems != ["ok"]:
        raise DamagedPlanError(
            f"{path.name} is damaged and can't be opened ({problems[0]}). "
            "Open your most recent copy instead."
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
    if foreign:
        kind, name = foreign[0]
        raise ForeignObjectsError(
            f"{path.name} holds a database {kind} ('{name}') that WellPlan never writes; a plan file is data, "
            "not code, so it was not opened. Open your most recent copy instead; the file has not been changed.")
    return FileFacts(path=path, schema_version=version)


class PlanFile:
    """An open plan. Use ``transaction()`` for each operation; close when done."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: PlanLock | None,
        read_only: bool,
        snapshot_dir: Path | None = None,
    ):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._lock = lock
        self._snapshot_dir = snapshot_dir
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def schema_version(self) -> int:
        with self.engine.connect() as con:
            return int(con.exec_driver_sql("PRAGMA user_version").scalar_one())

    def save_copy(self, destination: str | Path) -> Path:
        """Write a consistent copy with SQLite's backup API (safe even while the plan is open)."""
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise PlanFileError("Choose a different name: that is the plan you have open.")
        tmp = destination.with_name(destination.name + ".partial")
        raw = self.engine.raw_connection()
        try:
            target = sqlite3.connect(tmp)
            try:
                raw.driver_connection.backup(target)
            finally:
                target.close()
        finally:
            raw.close()
        tmp.replace(destination)
        return destination

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._snapshot_dir is not None:
            shutil.rmtree(self._snapshot_dir, ignore_errors=True)
            self._snapshot_dir = None


def _set_info(session: Session, **values: str) -> None:
    for key, value in values.items():
        session.merge(PlanInfo(key=key, value=value))


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def create_plan(path: str | Path, district_name: str = "", overwrite: bool = False) -> PlanFile:
    """Make a new, empty plan file at ``path`` and open it for editing."""
    from services import district_profile

    path = Path(path)
    if path.exists() and not overwrite:
        raise PlanFileError(f"{path.name} already exists; choose another name.")
    if path.exists():
        owner_lock = PlanLock(path)
        try:
            owner_lock.acquire()
        except PlanLockedError as exc:
            raise PlanInUseError(str(exc), exc.by_this_process) from exc
        owner_lock.release()
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = _make_engine(path)
    try:
        with engine.begin() as con:
            create_current_schema(con)
        plan = _open_engine(path, engine, read_only=False)
        with plan.transaction() as s:
            _set_info(s, created_with=f"{APP_NAME} {APP_VERSION}", created_at=_now())
            district_profile.initialise(s, district_name)
    except Exception:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    return plan


def _open_engine(path: Path, engine: Engine, read_only: bool) -> PlanFile:
    lock = None
    if not read_only:
        lock = PlanLock(path)
        try:
            lock.acquire()
        except PlanLockedError as exc:
            engine.dispose()
            raise PlanInUseError(str(exc), exc.by_this_process) from exc
    return PlanFile(path, engine, lock, read_only)


def backup_path_for(path: Path, version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem} (before upgrade from format {version}, {stamp}){path.suffix}")


def open_plan(
    path: str | Path,
    *,
    read_only: bool = False,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> PlanFile:
    """Open a plan for editing, or read-only (the file itself is then never written).

    A read-only open works on a consistent snapshot in a temporary folder; a file from an older
    version is upgraded there, so exports and checks work on old files without changing them.
    """
    path = Path(path)
    facts = inspect_plan_file(path, recover=not read_only)
    pending = migrations_from(facts.schema_version, migrations)

    if read_only:
        snapshot_dir = Path(tempfile.mkdtemp(prefix="wellplan-"))
        snapshot = snapshot_dir / path.name
        try:
            source = sqlite3.connect(_read_only_uri(path), uri=True)
            target = sqlite3.connect(snapshot)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            if pending:
                _run_migrations(snapshot, pending)
        except Exception:
            shutil.rmtree(snapshot_dir, ignore_errors=True)
            raise
        return PlanFile(path, _make_engine(snapshot), None, True, snapshot_dir)

    engine = _make_engine(path)
    plan = _open_engine(path, engine, read_only=False)
    try:
        if pending:
            shutil.copy2(path, backup_path_for(path, facts.schema_version))
            _run_migrations(path, pending)
        with plan.transaction() as s:
            _set_info(s, last_opened_with=f"{APP_NAME} {APP_VERSION}", last_opened_at=_now())
    except Exception:
        plan.close()
        raise
    return plan


def _run_migrations(path: Path, pending: list[Migration]) -> None:
    """Run every pending step in one transaction: a failure leaves the file as it was."""
    engine = _make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as con:
            for step in pending:
                step.apply(con)
                stamp_version(con, step.to_version)
            problems = con.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DamagedPlanError(
                    f"Upgrading the plan found broken links between tables ({problems[0]})."
                )
    finally:
        engine.dispose()


@dataclass(frozen=True)
class HealthReport:
    path: Path
    healthy: bool
    schema_version: int
    problems: list[str]
    counts: dict[str, int]


def check_plan(path: str | Path, count_rows: Callable[[Session], dict[str, int]] | None = None) -> HealthReport:
    """Integrity check for ``wellplan check``: never writes to the file."""
    path = Path(path)
    facts = inspect_plan_file(path, recover=False)  # raises for anything that is not a usable plan
    problems: list[str] = []
    con = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        problems += [r[0] for r in con.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        problems += [
            f"broken link in table {r[0]} row {r[1]} to {r[2]}"
            for r in con.execute("PRAGMA foreign_key_check").fetchall()
        ]
    finally:
        con.close()
    counts: dict[str, int] = {}
    if count_rows is not None:
        plan = open_plan(path, read_only=True)
        try:
            with plan.transaction() as s:
                counts = count_rows(s)
        finally:
            plan.close()
    return HealthReport(path, not problems, facts.schema_version, problems, counts)
