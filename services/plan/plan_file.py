"""A plan's life: creating, opening (lock, upgrade), the open plan and its watch on its file,
checking and copying ``.wellplan`` files (one SQLite database per plan). Connections are in
``plan_connection``, the look before a file is trusted in ``plan_inspect``, errors in ``plan_errors``.

Every edit runs in its own short transaction (``PlanFile.transaction``) and is committed at once,
so there is no unsaved state to lose. The connection uses a rollback journal and
``synchronous=FULL`` rather than WAL, because district files often live on network drives where
WAL's shared memory is unsafe, and foreign keys are switched on for every connection.

Before a file is trusted it is inspected read-only: a missing file, something that is not a
SQLite database, a damaged database, another program's database and a file from a newer
WellPlan are each refused with a plain message and left untouched. An older file is copied aside
and then upgraded in one transaction.

Long because the open plan's watch on its file and its copy in memory belong to the
``PlanFile`` they guard.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from models.plan_info import PlanInfo
from models.schema import (
    MIGRATIONS,
    Migration,
    create_current_schema,
    migrations_from,
    stamp_version,
)
from services.app_info import APP_NAME, APP_VERSION, PLAN_SUFFIX  # noqa: F401  (PLAN_SUFFIX: callers take it from here)
from services.plan import plan_snapshots as snapshots
from services.plan.plan_connection import make_engine, plan_uri, read_only_uri
from services.plan.plan_errors import (  # noqa: F401  (the plan file's errors, taken from here by callers)
    DamagedPlanError,
    ForeignObjectsError,
    InterruptedWriteError,
    NewerPlanError,
    NotAPlanError,
    PlanFileError,
    PlanGoneError,
    PlanInUseError,
    PlanNotFoundError,
    PlanStorageError,
    storage_errors_as,
)
from services.plan.plan_inspect import (  # noqa: F401
    FileFacts,
    has_interrupted_write,
    inspect_plan_file,
    journal_path_for,
    recover_interrupted_write,
)
from services.plan.plan_lock import LockBlocked, PlanLock, PlanLockedError
from services.plan.storage_errors import Place, explain, failure_of, sentence

# A plan up to this size is copied to memory after every edit (about 20 ms); a bigger one when the
# person pauses, since copying 50 MB takes a fifth of a second.
MIRROR_AT_ONCE_BYTES = 8 * 1024 * 1024


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _stamp(path: Path) -> tuple[int, int] | None:
    """When the file was last written and its size: another program's write changes them even
    when it copies SQLite's change counter along (data_version would not see that)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class PlanFile:
    """An open plan. Use ``transaction()`` for each operation; close when done.

    A plan open for editing keeps watching its file: before each transaction it checks that the
    path still holds the very file it opened (same device and file number, and no commit by any
    other connection since its own last one, which SQLite's ``data_version`` tells). A plan
    deleted, moved, replaced or written over by another program is never written to again; with
    ``mirror`` (the window) a copy in memory of the plan as of the last change lets the person
    save what they had.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: PlanLock | None,
        read_only: bool,
        snapshot_dir: Path | None = None,
        *,
        mirror: bool = False,
    ):
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._lock = lock
        self._snapshot_dir = snapshot_dir
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._guard = threading.RLock()
        self._gone: str | None = None
        self._watcher: sqlite3.Connection | None = None
        self._mirror: sqlite3.Connection | None = None
        self._identity = _identity(path)
        self._mirror_stale = False
        if not read_only:
            # Read-only and never in a transaction between ours, so it holds no lock.
            self._watcher = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
            self._seen_version = self._data_version()
            self._seen_stamp = _stamp(path)
            if mirror:
                self._mirror = sqlite3.connect(":memory:", check_same_thread=False)
                self._watcher.backup(self._mirror)

    # Only one person edits a plan file (its lock), so nobody else's change can be written over
    # and no record versions are checked (``record_versions``; a plan on a server has them).
    seen = None
    on_server = False

    @property
    def gone(self) -> str | None:
        """Why the file can no longer be written (deleted, replaced...), or None."""
        return self._gone

    @property
    def name(self) -> str:
        """What the window calls the plan: its file's name."""
        return self.path.name

    def snapshot(self) -> PlanFile:
        """A read-only copy of the plan as it is now, for a background read (close it after)."""
        return open_plan(self.path, read_only=True)

    def _data_version(self) -> int:
        assert self._watcher is not None
        return int(self._watcher.execute("PRAGMA data_version").fetchone()[0])

    def check_still_ours(self) -> None:
        """Raise ``PlanGoneError`` unless the path still holds the file this plan opened, unchanged
        by anyone else."""
        if self.read_only:
            return
        if self._gone is None:
            name = self.path.name
            now = _identity(self.path)
            keep = "Save a copy of the plan to keep it as it was at your last change."
            if now is None:
                self._gone = (f"{name} was deleted, renamed or moved while it was open, so WellPlan stopped "
                              f"saving to it. {keep}")
            elif now != self._identity:
                self._gone = (f"{name} was replaced by another file while it was open, so WellPlan stopped "
                              f"saving to it and left that file alone. {keep}")
            else:
                try:
                    changed = self._data_version() != self._seen_version or _stamp(self.path) != self._seen_stamp
                except sqlite3.DatabaseError:
                    changed = True
                if changed:
                    self._gone = (f"Another program wrote over {name} while it was open, so WellPlan stopped "
                                  f"saving to it and left it as that program wrote it. {keep}")
        if self._gone is not None:
            raise PlanGoneError(self._gone)

    @contextmanager
    def transaction(self, check_file: bool = True) -> Iterator[Session]:
        """One short transaction: committed when the block ends, rolled back if it raises.

        A failure of the disk becomes ``PlanStorageError`` with one sentence; ``check_file=False``
        lets a window keep reading what it shows after its file went away."""
        with self._guard:
            if check_file:
                self.check_still_ours()
            try:
                with self._sessions() as session, session.begin():
                    yield session
            except (DBAPIError, sqlite3.Error) as exc:
                failure = failure_of(exc)
                if failure is None:
                    raise
                place = Place.TEMPORARY if self._snapshot_dir is not None else Place.PLAN
                raise PlanStorageError(sentence(failure, place, self.path, "nothing was changed"), failure) from exc
            finally:
                self._after_transaction()

    def _after_transaction(self) -> None:
        if self._watcher is None or self._gone is not None:
            return
        try:
            version, stamp = self._data_version(), _stamp(self.path)
            if version != self._seen_version or stamp != self._seen_stamp:  # our own commit
                self._seen_version, self._seen_stamp = version, stamp
                self._mirror_stale = True
                if self._mirror is not None and self.path.stat().st_size <= MIRROR_AT_ONCE_BYTES:
                    self.refresh_mirror()
        except (sqlite3.Error, OSError):
            pass  # the next check says what happened to the file

    def refresh_mirror(self) -> None:
        """Bring the copy in memory up to the file's last change (the window calls this when the
        person pauses, for plans too big to copy after every edit; on a thread of its own, as a
        district's plan takes tens of milliseconds to copy)."""
        with self._guard:
            if self._mirror is None or self._watcher is None or not self._mirror_stale or self._gone is not None:
                return
            try:
                self.check_still_ours()
            except PlanGoneError:
                return
            self._watcher.backup(self._mirror)
            self._mirror_stale = False

    def schema_version(self) -> int:
        with self.engine.connect() as con:
            return int(con.exec_driver_sql("PRAGMA user_version").scalar_one())

    def save_copy(self, destination: str | Path) -> Path:
        """Write a consistent copy with SQLite's backup API (safe even while the plan is open).

        After the file went away, the copy is made from what this plan still holds: the copy in
        memory, or the file it opened (still readable through the open connection)."""
        destination = Path(destination)
        if destination.resolve() == self.path.resolve() and self._gone is None:
            raise PlanFileError("Choose a different name: that is the plan you have open.")
        with self._guard:
            if self._mirror is not None:
                source, release = self._mirror, None
            elif self._watcher is not None:
                source, release = self._watcher, None
            else:
                raw = self.engine.raw_connection()
                source, release = raw.driver_connection, raw
            if self._gone is not None and self._mirror is None and "wrote over" in self._gone:
                raise PlanFileError(f"{self.path.name} was written over by another program, so there is no "
                                    "copy of your plan left to save; open your most recent copy instead.")
            try:
                return write_database_copy(source, destination)
            finally:
                if release is not None:
                    release.close()

    def close(self) -> None:
        self.engine.dispose()
        with self._guard:  # not while the copy in memory is being brought up to date on another thread
            for con in (self._watcher, self._mirror):
                if con is not None:
                    con.close()
            self._watcher = self._mirror = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._snapshot_dir is not None:
            snapshots.remove(self._snapshot_dir)
            self._snapshot_dir = None


def write_database_copy(source: sqlite3.Connection, destination: Path) -> Path:
    """Copy an open database to ``destination`` whole or not at all (a partial name, renamed)."""
    tmp = destination.with_name(destination.name + ".partial")
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
        tmp.replace(destination)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        message = explain(exc, Place.OUTPUT, destination, "no copy was made")
        if message is None:
            raise
        raise PlanFileError(message) from exc
    return destination


def _set_info(session: Session, **values: str) -> None:
    for key, value in values.items():
        session.merge(PlanInfo(key=key, value=value))


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def create_plan(path: str | Path, district_name: str = "", overwrite: bool = False, *,
                mirror: bool = False) -> PlanFile:
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
            raise PlanInUseError(str(exc), exc.by_this_process, exc.elsewhere) from exc
        except LockBlocked as exc:
            raise PlanFileError(str(exc)) from exc
        owner_lock.release()
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with storage_errors_as(Place.NEW_PLAN, path, "no plan was made"):
            engine = make_engine(path, create=True)
            try:
                with engine.begin() as con:
                    create_current_schema(con)
                    con.exec_driver_sql(
                        "INSERT INTO plan_info (key, value) VALUES ('created_with', ?), ('created_at', ?)",
                        (f"{APP_NAME} {APP_VERSION}", _now()))
            finally:
                engine.dispose()
        plan = _open_locked(path, mirror=mirror)
        try:
            with plan.transaction() as s:
                district_profile.initialise(s, district_name)
        except BaseException:
            plan.close()
            raise
    except BaseException:
        path.unlink(missing_ok=True)
        journal_path_for(path).unlink(missing_ok=True)
        raise
    return plan


def _open_locked(path: Path, *, mirror: bool, before: Callable[[], None] | None = None,
                 take_over_lock: bool = False) -> PlanFile:
    """Take the plan's lock, run ``before`` (an upgrade) while holding it, then open it."""
    lock = PlanLock(path)
    try:
        lock.acquire(take_over=take_over_lock)
    except PlanLockedError as exc:
        raise PlanInUseError(str(exc), exc.by_this_process, exc.elsewhere) from exc
    except LockBlocked as exc:
        raise PlanFileError(str(exc)) from exc
    try:
        with storage_errors_as(Place.PLAN, path, "nothing was changed"):
            _leave_wal_mode(path)
        if before is not None:
            before()
        with storage_errors_as(Place.PLAN, path, "nothing was changed"):
            return PlanFile(path, make_engine(path), lock, False, mirror=mirror)
    except BaseException:
        lock.release()
        raise


def _leave_wal_mode(path: Path) -> None:
    """A plan another program switched to WAL is put back to a rollback journal before anything
    else connects (a connection open in WAL mode keeps the switch from happening): WAL's shared
    memory is unsafe on the network drives plans live on, and WellPlan writes only in DELETE mode.
    Switching folds the -wal file into the plan and removes it, as SQLite does."""
    con = sqlite3.connect(plan_uri(path, "rw"), uri=True, timeout=5, isolation_level=None)
    try:
        if str(con.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()


def backup_path_for(path: Path, version: int) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem} (before upgrade from format {version}, {stamp}){path.suffix}")


def open_plan(
    path: str | Path,
    *,
    read_only: bool = False,
    mirror: bool = False,
    take_over_lock: bool = False,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> PlanFile:
    """Open a plan for editing, or read-only (the file itself is then never written).

    A read-only open works on a consistent snapshot in a private temporary folder; a file from
    an older version is upgraded there, so exports and checks work on old files without changing
    them. Opening for editing writes nothing unless the file must be upgraded (a copy is kept
    first), so a command that fails leaves the file byte for byte as it was.
    """
    path = Path(path)
    # Only opening for editing rolls back a cut-off change (keeping a copy first); printing or
    # checking a plan never rewrites it.
    facts = inspect_plan_file(path, recover=not read_only)
    pending = migrations_from(facts.schema_version, migrations)

    if read_only:
        snapshot_dir = snapshots.new_folder()
        snapshot = snapshot_dir / path.name
        try:
            with storage_errors_as(Place.TEMPORARY, path, "nothing was changed"):
                source = sqlite3.connect(read_only_uri(path), uri=True)
                target = sqlite3.connect(snapshot)
                try:
                    # The copy is thrown away with its folder, so it is written without a journal
                    # and never waits on the disk: the copying holds a read lock on the plan, which
                    # an edit in the window waits for (a district plan's copy took 49 ms, not 18).
                    target.execute("PRAGMA journal_mode = OFF")
                    target.execute("PRAGMA synchronous = OFF")
                    source.backup(target)
                finally:
                    source.close()
                    target.close()
                if pending:
                    _run_migrations(snapshot, pending)
            return PlanFile(path, make_engine(snapshot), None, True, snapshot_dir)
        except BaseException:
            snapshots.remove(snapshot_dir)
            raise

    def upgrade() -> None:
        backup = backup_path_for(path, facts.schema_version)
        partial = backup.with_name(backup.name + ".partial")
        try:
            with storage_errors_as(Place.PLAN, path, "nothing was changed"):
                shutil.copy2(path, partial)
                partial.replace(backup)
                _run_migrations(path, pending)
        finally:
            partial.unlink(missing_ok=True)

    return _open_locked(path, mirror=mirror, before=upgrade if pending else None, take_over_lock=take_over_lock)


def record_opened(plan: PlanFile) -> None:
    """Note in the plan which version last opened it (for support); a full or read-only disk
    only means the note is skipped."""
    try:
        with plan.transaction() as s:
            _set_info(s, last_opened_with=f"{APP_NAME} {APP_VERSION}", last_opened_at=_now())
    except PlanStorageError:
        pass


def _run_migrations(path: Path, pending: list[Migration]) -> None:
    """Run every pending step in one transaction: a failure leaves the file as it was."""
    engine = make_engine(path, foreign_keys=False, schema_changes=True)
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
    con = sqlite3.connect(read_only_uri(path), uri=True)
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
