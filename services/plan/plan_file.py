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
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
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
from services.plan import plan_snapshots as snapshots
from services.plan.plan_authorizer import authorizer
from services.plan.plan_lock import LockBlocked, LockOwner, PlanLock, PlanLockedError, lock_is_stale, read_owner
from services.plan.plan_schema import Stranger, schema_objects, shown, strangers
from services.plan.storage_errors import Failure, Place, StorageError, explain, failure_of, sentence

PLAN_SUFFIX = ".wellplan"
# A plan up to this size is copied to memory after every edit (about 20 ms); a bigger one when the
# person pauses, since copying 50 MB takes a fifth of a second.
MIRROR_AT_ONCE_BYTES = 8 * 1024 * 1024
SQLITE_NOTADB = 26
SQLITE_READONLY_ROLLBACK = 776  # a read-only connection met a hot journal it may not roll back


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


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at a file found, before anything is changed."""

    path: Path
    schema_version: int


def _configure_connection(dbapi_connection: sqlite3.Connection, foreign_keys: bool, schema_changes: bool) -> None:
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


def _make_engine(path: Path, foreign_keys: bool = True, create: bool = False,
                 schema_changes: bool = False) -> Engine:
    # A URI rather than a plain name: with mode=rw SQLite never creates a file, so a plan deleted
    # while open is not silently replaced by an empty database when the pool opens a connection.
    # check_same_thread is off because report workers open their own read-only snapshot
    # and the pool may close a connection from another thread.
    uri = _uri(path, "rwc" if create else "rw")
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False),
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", lambda con, _rec: _configure_connection(con, foreign_keys, schema_changes or create))
    event.listen(engine, "begin", _begin)
    return engine


def _uri(path: Path, mode: str) -> str:
    # as_uri() percent-encodes spaces, '#', '?' and '%', and writes Windows drive letters as
    # SQLite expects; a UNC path (\\server\share) needs SQLite's empty-authority form.
    uri = path.resolve().as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://"):]
    return f"{uri}?mode={mode}"


def _read_only_uri(path: Path) -> str:
    return _uri(path, "ro")


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
        con = sqlite3.connect(_read_only_uri(path), uri=True, timeout=5)
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
    with _storage_errors(Place.PLAN, path, "it was left as it is"):
        for source, target in ((path, kept), (journal_path_for(path), journal_path_for(kept))):
            partial = target.with_name(target.name + ".partial")
            try:
                shutil.copy2(source, partial)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
    con = sqlite3.connect(_uri(path, "rw"), uri=True, timeout=5)
    try:
        con.execute("PRAGMA schema_version").fetchone()
    finally:
        con.close()
    return kept


def _holder(path: Path) -> LockOwner | None:
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
        holder = _holder(path)
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
        con = sqlite3.connect(_read_only_uri(path), uri=True, timeout=5)
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
            self._watcher = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
            self._seen_version = self._data_version()
            self._seen_stamp = _stamp(path)
            if mirror:
                self._mirror = sqlite3.connect(":memory:", check_same_thread=False)
                self._watcher.backup(self._mirror)

    @property
    def gone(self) -> str | None:
        """Why the file can no longer be written (deleted, replaced...), or None."""
        return self._gone

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
        person pauses, for plans too big to copy after every edit)."""
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
        with _storage_errors(Place.NEW_PLAN, path, "no plan was made"):
            engine = _make_engine(path, create=True)
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


@contextmanager
def _storage_errors(place: Place, path: Path, outcome: str) -> Iterator[None]:
    """Turn a failure of the disk into ``PlanStorageError`` with one sentence."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        failure = failure_of(exc)
        if failure is None:
            raise
        raise PlanStorageError(sentence(failure, place, path, outcome), failure) from exc


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
        with _storage_errors(Place.PLAN, path, "nothing was changed"):
            _leave_wal_mode(path)
        if before is not None:
            before()
        with _storage_errors(Place.PLAN, path, "nothing was changed"):
            return PlanFile(path, _make_engine(path), lock, False, mirror=mirror)
    except BaseException:
        lock.release()
        raise


def _leave_wal_mode(path: Path) -> None:
    """A plan another program switched to WAL is put back to a rollback journal before anything
    else connects (a connection open in WAL mode keeps the switch from happening): WAL's shared
    memory is unsafe on the network drives plans live on, and WellPlan writes only in DELETE mode.
    Switching folds the -wal file into the plan and removes it, as SQLite does."""
    con = sqlite3.connect(_uri(path, "rw"), uri=True, timeout=5, isolation_level=None)
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
            with _storage_errors(Place.TEMPORARY, path, "nothing was changed"):
                source = sqlite3.connect(_read_only_uri(path), uri=True)
                target = sqlite3.connect(snapshot)
                try:
                    source.backup(target)
                finally:
                    source.close()
                    target.close()
                if pending:
                    _run_migrations(snapshot, pending)
            return PlanFile(path, _make_engine(snapshot), None, True, snapshot_dir)
        except BaseException:
            snapshots.remove(snapshot_dir)
            raise

    def upgrade() -> None:
        backup = backup_path_for(path, facts.schema_version)
        partial = backup.with_name(backup.name + ".partial")
        try:
            with _storage_errors(Place.PLAN, path, "nothing was changed"):
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
    engine = _make_engine(path, foreign_keys=False, schema_changes=True)
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
