"""A plan in a database on the district's PostgreSQL server, and moving a plan between a plan file
and a server, both ways (issue 22).

A server plan is a database that holds WellPlan's tables and, in ``plan_info``, the key
``schema_version`` (a plan file keeps its version in SQLite's header instead, which a server has
no such place for). A database without it is not a plan; one of a newer version is refused as a
newer plan file is. A plan is copied to a server only into a database that holds no tables at all,
so nobody's other data is ever written over; a copy from a server is a new plan file, written
under a hidden name and renamed once whole.

The password is never part of what WellPlan keeps: a location may carry one (the command line,
from the person), or the connection takes it from PostgreSQL's own password file or environment.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, delete, func, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import sessionmaker

from models.base import Base
from models.plan_info import PlanInfo
from models.schema import CURRENT_VERSION, create_current_schema, create_tables, migrations_from
from services.plan import server_changes
from services.plan.plan_copy import copy_records
from services.plan.plan_errors import NewerPlanError, NotAPlanError, PlanFileError
from services.plan.record_versions import SeenVersions
from services.plan_changes import topics_of, written_tables

SCHEMES = ("postgresql", "postgres")
VERSION_KEY = "schema_version"
CONNECT_SECONDS = 10  # a server that does not answer is said so within this


def is_server_location(location: str | Path) -> bool:
    """Whether a PLAN the person gave names a database on a server rather than a plan file."""
    return str(location).split(":", 1)[0].split("+", 1)[0].lower() in SCHEMES and "://" in str(location)


def describe(location: str) -> str:
    """The location without its password, for messages and the log: ``db on host:port``."""
    url = _url(location)
    return f"{url.database} on {url.host or 'localhost'}:{url.port or 5432}"


def _url(location: str):
    try:
        url = make_url(location)
    except (ArgumentError, ValueError) as exc:  # (ValueError: a port that is no number)
        # (Not echoed back: a location may carry a password.)
        raise PlanFileError("That is not a server location such as postgresql://user@host/database.") from exc
    if not url.database:
        raise PlanFileError("The server location names no database: add it after the host, as in "
                            "postgresql://user@host/database.")
    return url.set(drivername="postgresql+psycopg")


def server_engine(location: str) -> Engine:
    """An engine for the database at ``location`` (nothing is connected until it is used)."""
    url = _url(location)
    try:
        return create_engine(url, hide_parameters=True, pool_pre_ping=True,
                             connect_args={"connect_timeout": CONNECT_SECONDS, "application_name": "WellPlan"})
    except (NoSuchModuleError, ImportError) as exc:  # a build made without the server's driver
        logging.getLogger("wellplan").warning("the PostgreSQL driver could not be loaded: %s", exc)
        raise PlanFileError("This installation of WellPlan can't reach a district server (its PostgreSQL "
                            "driver is not installed); nothing was written.") from exc


def lost_connection(exc: BaseException) -> bool:
    """Whether a refusal (a ``PlanFileError`` from ``server_errors_as_sentences``) came from the
    server being out of reach, rather than from what was asked of it."""
    from sqlalchemy.exc import OperationalError

    return isinstance(exc.__cause__, OperationalError)


@contextlib.contextmanager
def server_errors_as_sentences(location: str):
    """A server that can't be reached, refuses the user or their password, or fails a statement,
    in one sentence naming where (never the password). A statement the server's roles refuse (a
    reader's edit, anyone's reading of survey answers) is said as what the account may do."""
    try:
        yield
    except DBAPIError as exc:
        from services.plan.server_roles import refusal_sentence  # (which imports this module)

        refused = refusal_sentence(exc, location)
        if refused is not None:
            raise PlanFileError(refused) from exc
        said = str(exc.orig or exc).strip()
        reason = said.splitlines()[0] if said else type(exc).__name__
        raise PlanFileError(f"The district server could not be used ({describe(location)}): {reason}.") from exc


def server_version(connection: Connection, *, older: bool = False) -> int:
    """The plan's schema version on a server; ``NotAPlanError`` if the database holds no plan. One
    of an older format is refused unless ``older`` (for opening it to upgrade it)."""
    if not inspect(connection).has_table(PlanInfo.__tablename__):
        raise NotAPlanError("That database holds no WellPlan plan.")
    stored = connection.scalar(select(PlanInfo.value).where(PlanInfo.key == VERSION_KEY))
    if stored is None or not stored.isdigit():
        raise NotAPlanError("That database holds no WellPlan plan (it has no plan format version).")
    version = int(stored)
    if version > CURRENT_VERSION:
        raise NewerPlanError("That plan was made with a newer version of WellPlan; update WellPlan to open it.")
    if version < CURRENT_VERSION and not older:
        raise PlanFileError(f"That plan on the server is in an older format ({version}): open it for editing once, "
                            "with the account that owns it, to bring it up to date; nothing was changed.")
    return version


# A plan first went onto a server at format 10: the older steps are a plan file's alone.
FIRST_SERVER_VERSION = 10


def upgrade_server_plan(engine: Engine, location: str, version: int) -> None:
    """Bring a plan on a server up to the current format, in one transaction (all steps or none),
    as its owner: the same steps as a plan file's (``models.schema.MIGRATIONS``)."""
    if version < FIRST_SERVER_VERSION:
        raise PlanFileError(f"That plan on the server is in format {version}, older than any WellPlan put on a "
                            "server; nothing was changed.")
    try:
        with server_errors_as_sentences(location), engine.begin() as connection:
            for step in migrations_from(version):
                step.apply(connection)
            connection.execute(update(PlanInfo).where(PlanInfo.key == VERSION_KEY).values(value=str(CURRENT_VERSION)))
    except PlanFileError as exc:
        if isinstance(exc.__cause__, DBAPIError) and getattr(exc.__cause__.orig, "sqlstate", None) == "42501":
            raise PlanFileError(f"That plan on the server is in an older format ({version}): the account that owns "
                                "it must open it once, with this version of WellPlan, to bring it up to date; "
                                "nothing was changed.") from exc
        raise


# What respondents gave, one respondent at a time: every survey answer, every respondent's group,
# and the comments a wave kept. On a server, whoever may read the database may read these.
RESPONDENT_TABLES = ("survey_item", "survey_dimension", "survey_comment")
# In each, the columns that hold what respondents answered (every answer, every respondent's group,
# each comment's words); the others say what the wave asked (server_roles lets readers see those).
ANSWER_COLUMNS = {"survey_item": ("answers",), "survey_dimension": ("codes",), "survey_comment": ("text",)}


def keep_answers_to_owner(connection: Connection) -> None:
    """Take every use of the respondent tables from every role but their owner: a new table is the
    owner's alone, unless IT's default privileges give it to some group as it is made."""
    for table in RESPONDENT_TABLES:
        grantees = connection.scalars(text(
            "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
            "WHERE table_schema = current_schema() AND table_name = :table AND grantee <> current_user"),
            {"table": table}).all()
        for grantee in grantees:
            who = "PUBLIC" if grantee == "PUBLIC" else connection.dialect.identifier_preparer.quote(grantee)
            connection.exec_driver_sql(f"REVOKE ALL ON TABLE {connection.dialect.identifier_preparer.quote(table)} "
                                       f"FROM {who}")


def holds_survey_answers(connection: Connection) -> bool:
    import models  # noqa: F401  (registers every table on Base.metadata)

    return any(connection.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
               for name in RESPONDENT_TABLES)


def copy_file_to_server(source: Engine, location: str,
                        progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Copy the plan read through ``source`` (a plan file's engine, usually its read-only snapshot)
    into the empty database at ``location``, in one transaction: all of it or nothing.

    The survey answers go too (a plan moves whole, and back exactly), kept to the account that
    copies them: no other account is given any use of the tables that hold them, not even by the
    server's default privileges (``keep_answers_to_owner``); ``server_roles`` lets planners and
    readers see the rest."""
    _url(location)  # a location that is none is said first
    target = server_engine(location)
    try:
        with server_errors_as_sentences(location):
            with target.begin() as on_server:
                existing = inspect(on_server).get_table_names()
                if existing:
                    raise PlanFileError(f"The database {describe(location)} already holds tables "
                                        f"({', '.join(sorted(existing)[:3])}{'...' if len(existing) > 3 else ''}); "
                                        "a plan is copied only into an empty database, so nothing was written.")
                create_tables(on_server)  # its version goes in plan_info, below
                keep_answers_to_owner(on_server)
                with source.connect() as plan_file:
                    copied = copy_records(plan_file, on_server, progress)
                on_server.execute(delete(PlanInfo).where(PlanInfo.key == VERSION_KEY))
                on_server.execute(PlanInfo.__table__.insert(), {"key": VERSION_KEY, "value": str(CURRENT_VERSION)})
    finally:
        target.dispose()
    return copied


def copy_plan_file_to_server(path: str | Path, location: str,
                             progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """``copy_file_to_server`` from the plan file at ``path``, read as a consistent copy (an older
    file upgraded in it, the file itself only read)."""
    from services.plan.plan_file import open_plan

    plan = open_plan(path, read_only=True)
    try:
        return copy_file_to_server(plan.engine, location, progress)
    finally:
        plan.close()


def copy_server_to_file(location: str, destination: Path,
                        progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write the plan at ``location`` as a new plan file at ``destination`` (which must not exist)."""
    from services.plan.plan_connection import make_engine
    from services.plan.plan_file import journal_path_for, open_plan

    if destination.exists():
        raise PlanFileError(f"{destination.name} already exists; choose another name.")
    building = destination.with_name(f".{destination.name}.building")
    source = server_engine(location)
    try:
        for leftover in (building, journal_path_for(building)):
            leftover.unlink(missing_ok=True)
        with server_errors_as_sentences(location), source.connect() as on_server:
            server_version(on_server)
            target = make_engine(building, create=True)
            try:
                with target.begin() as plan_file:
                    create_current_schema(plan_file)
                    copied = copy_records(on_server, plan_file, progress)
                    plan_file.execute(delete(PlanInfo).where(PlanInfo.key == VERSION_KEY))
            finally:
                target.dispose()
        open_plan(building, read_only=True).close()  # every check of a plan file passes
        os.replace(building, destination)
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    finally:
        source.dispose()
    return copied


class ServerPlan:
    """A plan in a database on a server, opened as a plan file is (``open_plan``): one short
    transaction at a time, ``transaction()``. Read-only, each transaction sees the plan as it was
    when it began (PostgreSQL's REPEATABLE READ: what a plan file's snapshot copy gives), and
    writes nothing."""

    def __init__(self, location: str, *, read_only: bool, engine: Engine | None = None):
        self.location = location
        self.read_only = read_only
        self.engine = engine or server_engine(location)
        self._owns_engine = engine is None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # What this planner's window read, so an edit of a record someone else has changed since
        # is refused (``record_versions``); the window's reads fill it.
        self.seen = SeenVersions()
        # Who wrote an announcement of changes: a window ignores its own (``server_changes``).
        self.planner = uuid.uuid4().hex
        if engine is not None:
            return
        try:
            with server_errors_as_sentences(location), self.engine.connect() as connection:
                version = server_version(connection, older=not read_only)
            if version < CURRENT_VERSION:
                upgrade_server_plan(self.engine, location, version)
        except BaseException:
            self.engine.dispose()
            raise

    gone = None  # a server has no file to lose (a lost connection is said by the transaction)
    on_server = True

    def refresh_mirror(self) -> None:
        """Nothing to do: the server keeps the plan; there is no copy in memory to bring up to date."""

    @property
    def name(self) -> str:
        """What the window calls the plan: its database and server, never its password."""
        return describe(self.location)

    def snapshot(self) -> ServerPlan:
        """A read-only view for a background read: each of its transactions sees the plan as it was
        when it began. It shares this plan's connections and what its planner has seen."""
        view = ServerPlan(self.location, read_only=True, engine=self.engine)
        view.seen, view.planner = self.seen, self.planner
        return view

    @contextlib.contextmanager
    def transaction(self, check_file: bool = True):  # noqa: ARG002 (a server has no file to lose)
        """One short transaction; one that wrote ends by announcing what it changed to the other
        planners (``server_changes``), delivered when it commits."""
        with server_errors_as_sentences(self.location), self._sessions() as session, session.begin():
            if self.read_only:
                session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
                yield session
                return
            with written_tables(session) as tables:
                yield session
                session.flush()
            if tables:
                server_changes.announce(session, self.planner, topics_of(tables))

    def listen(self, heard: Callable[[frozenset[str]], None], lost: Callable[[str], None],
               back: Callable[[], None]) -> server_changes.ChangeListener:
        """Start hearing the other planners' changes (and whether the server is there)."""
        url = _url(self.location)
        arguments = {"connect_timeout": CONNECT_SECONDS, "application_name": "WellPlan"}
        # (A location's own connect_timeout or sslmode wins, as it does for the plan's connections.)
        arguments.update({k: v for k, v in url.query.items() if isinstance(v, str)})
        arguments.update(url.translate_connect_args(username="user", database="dbname"))

        import psycopg

        def connect():
            return psycopg.connect(autocommit=True, **arguments)

        listener = server_changes.ChangeListener(connect, self.planner, heard, lost, back,
                                                 connection_errors=psycopg.Error)
        listener.start()
        return listener

    def save_copy(self, destination: str | Path) -> Path:
        """Write the plan as it is now to a new plan file (File > Save a copy as...)."""
        copy_server_to_file(self.location, Path(destination))
        return Path(destination)

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()


def open_plan_at(location: str | Path, *, read_only: bool = False):
    """The plan at ``location``: a plan file (``open_plan``) or a database on a server."""
    if is_server_location(location):
        return ServerPlan(str(location), read_only=read_only)
    from services.plan.plan_file import open_plan

    return open_plan(location, read_only=read_only)


def check_server_plan(location: str, count_rows: Callable) -> tuple[list[str], dict[str, int]]:
    """What ``wellplan check`` says of a plan on a server: the tables or columns WellPlan needs that
    the database lacks (the server itself keeps the records and their links whole), and what the
    plan holds, by ``count_rows(session)``. A database without a plan, or of another version, is
    refused as opening it would be."""
    from services.plan.plan_copy import tables_in_link_order

    plan = ServerPlan(location, read_only=True)
    try:
        with server_errors_as_sentences(location), plan.engine.connect() as connection:
            found = inspect(connection)
            problems = []
            for table in tables_in_link_order():
                if not found.has_table(table.name):
                    problems.append(f"the table {table.name} is missing")
                    continue
                present = {column["name"] for column in found.get_columns(table.name)}
                problems += [f"the column {table.name}.{column.name} is missing"
                             for column in table.columns if column.name not in present]
        if problems:
            return problems, {}
        with plan.transaction() as session:
            return [], count_rows(session)
    finally:
        plan.close()
