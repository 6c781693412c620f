"""Who may do what with a plan on the district's PostgreSQL server: the server's own roles (issue 22).

WellPlan keeps no accounts of its own on a server: the district's IT gives each person a LOGIN
role of the server and makes it a member of one of two group roles this module sets up for a plan
database. The readers' group may connect, see and print everything but survey answers; the
planners' group may also add, change and remove records. Neither may touch the three tables that
hold what each respondent answered (``RESPONDENT_TABLES``): only the account that owns the plan
(the one that copied it in) reads individual answers, so a district's planners see survey results
only as WellPlan releases them, from a plan file, under its disclosure rules.

The setup is a list of SQL statements, printed for IT to read and run in psql or run here in one
transaction (``wellplan server-roles``). Running it again changes nothing: roles are created only
if missing, and every plan table's privileges are first taken from PUBLIC and both groups, then
given as described, so a grant made by hand is set back to this. A plan given new tables by a later
WellPlan is set up by running it again.

A refusal by these roles reaches the person as one sentence (``refusal_sentence``), which
``server_plan.server_errors_as_sentences`` says in place of PostgreSQL's own message.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import re
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from services.plan.plan_errors import PlanFileError
from services.plan.server_plan import (
    ANSWER_COLUMNS,
    RESPONDENT_TABLES,
    describe,
    server_engine,
    server_errors_as_sentences,
    server_version,
)

# The group roles' names carry the plan's database: PostgreSQL's roles belong to the whole server,
# not to one database, and a server may hold several plans (two districts served by one regional
# centre, or this year's plan and next year's). Roles shared by all of them would make a reader of
# one plan a reader of every plan set up later; a group per plan keeps each grant to the plan IT
# meant. (IT who want one group for several plans can grant one group to another.)
READERS_PREFIX = "wellplan_readers_"
PLANNERS_PREFIX = "wellplan_planners_"
NAME_BYTES = 63  # PostgreSQL cuts longer names silently, so two long names could become one role
SQLSTATE_INSUFFICIENT_PRIVILEGE = "42501"
OWNER_WRITES = ("survey_release", "plan_info")  # read by both groups, written by the owner only


def role_names(database: str) -> tuple[str, str]:
    """The readers' and the planners' group roles for the plan in ``database``.

    Kept to lower-case letters, digits and underscores, so IT type them in a GRANT without quotes;
    a database name that had to be changed for that, or shortened, gets a short hash of its own
    name, so two databases never end up with the same roles ("Plan A" and "plan_a")."""
    plain = re.sub(r"[^a-z0-9_]+", "_", database.lower()).strip("_") or "plan"
    room = NAME_BYTES - len(PLANNERS_PREFIX)
    if plain != database or len(plain) > room:
        mark = hashlib.sha256(database.encode("utf-8")).hexdigest()[:8]
        plain = f"{plain[:room - len(mark) - 1].rstrip('_')}_{mark}"
    return READERS_PREFIX + plain, PLANNERS_PREFIX + plain


@dataclass(frozen=True)
class PlanRoles:
    """The roles of the plan in one database, and what each may use."""

    database: str
    schema: str  # where the plan's tables are
    readers: str
    planners: str
    tables: tuple[str, ...]  # every table of the plan
    sequences: tuple[str, ...]  # the id counters of the tables the groups may write

    @property
    def described_columns(self) -> dict[str, tuple[str, ...]]:
        """Of each respondent table, the columns that describe the survey rather than answer it."""
        import models  # noqa: F401  (registers every table)
        from models.base import Base

        return {name: tuple(c.name for c in Base.metadata.tables[name].columns if c.name not in ANSWER_COLUMNS[name])
                for name in RESPONDENT_TABLES if name in self.tables}

    @property
    def written_tables(self) -> tuple[str, ...]:
        """The tables planners may change: all they read but the ledger of released survey results
        (each later release is audited against it: a planner who could delete an entry could make
        the next release give away what the earlier ones withheld; only the owner, who releases,
        writes it) and ``plan_info`` (the plan's format and which waves came over from last year)."""
        return tuple(name for name in self.shared_tables if name not in OWNER_WRITES)

    @property
    def shared_tables(self) -> tuple[str, ...]:
        """The tables both groups may read (and planners write): all but the survey answers."""
        return tuple(name for name in self.tables if name not in RESPONDENT_TABLES)

    def statements(self) -> list[str]:
        """The setup, one statement at a time, with every name quoted by psycopg."""
        from psycopg import sql

        schema, readers, planners = sql.Identifier(self.schema), sql.Identifier(self.readers), \
            sql.Identifier(self.planners)

        def tables(names):  # one to a line, in alphabetical order: IT read the script before running it
            return sql.SQL(",\n    ").join(sql.Identifier(self.schema, name) for name in sorted(names))

        steps = [
            _create_roles(self.readers, self.planners),
            # Planners read what readers read: a planner needs one grant, and reading stays in one place.
            sql.SQL("GRANT {} TO {}").format(readers, planners),
            # PostgreSQL lets every role connect to a new database; only the groups (and the owner) may.
            sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(self.database)),
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(self.database), readers),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, readers),
            # From nothing, so that running it again (or after a grant by hand) gives exactly this.
            sql.SQL("REVOKE ALL ON TABLE\n    {}\nFROM PUBLIC, {}, {}").format(tables(self.tables), readers, planners),
            sql.SQL("GRANT SELECT ON TABLE\n    {}\nTO {}").format(tables(self.shared_tables), readers),
            sql.SQL("GRANT INSERT, UPDATE, DELETE ON TABLE\n    {}\nTO {}").format(tables(self.written_tables),
                                                                                    planners),
        ]
        # Of the survey answers' tables, readers see what a wave asked and of whom (its questions,
        # scales and domains, its attributes and their group names, which questions had comments),
        # never what anyone answered: the column-level grant leaves out the answers themselves.
        for table, columns in sorted(self.described_columns.items()):
            steps.append(sql.SQL("GRANT SELECT ({}) ON TABLE {} TO {}").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(self.schema, table), readers))
        if self.sequences:  # a new record's id is drawn from its table's counter
            steps.append(sql.SQL("GRANT USAGE, SELECT, UPDATE ON SEQUENCE\n    {}\nTO {}").format(
                tables(self.sequences), planners))
        return [step.as_string(None) for step in steps]

    def script(self) -> str:
        """The setup as IT read it and run it in psql, in one transaction."""
        kept = ", ".join(RESPONDENT_TABLES)
        # A line break in a database's name would end the comment and make the rest of it SQL.
        database = re.sub(r"[\x00-\x1f\x7f]", "?", self.database)
        lines = [
            f"-- WellPlan: who may use the plan in the database {database}.",
            f"-- {self.readers}: may connect, see and print the plan.",
            f"-- {self.planners}: may also change it (and is a member of {self.readers}).",
            f"-- Neither may read or change the survey answers ({kept}: what a wave asked, yes; what anyone "
            "answered, no); only the plan's owner may.",
            "-- Run it as the owner of the plan's tables (or a superuser) who may create roles:",
            f"--   psql -v ON_ERROR_STOP=1 -d {database} -f this-file.sql",
            "-- Then give each person's login role one group, e.g.:",
            f"--   CREATE ROLE jsmith LOGIN PASSWORD '...'; GRANT {self.planners} TO jsmith;",
            "BEGIN;",
            *(f"{statement};" for statement in self.statements()),
            "COMMIT;",
        ]
        return "\n".join(lines) + "\n"


def _create_roles(*names: str):
    """Each group role, created only if the server has none of that name (CREATE ROLE has no IF
    NOT EXISTS). NOLOGIN: a group is never an account anyone signs in with."""
    from psycopg import sql

    body = sql.SQL("\n").join(
        sql.SQL("  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {}) THEN\n"
                "    CREATE ROLE {} NOLOGIN;\n  END IF;").format(sql.Literal(name), sql.Identifier(name))
        for name in names)
    # The names are letters, digits and underscores (role_names), so they can't end the quoting.
    return sql.SQL("DO $wellplan$\nBEGIN\n{}\nEND\n$wellplan$").format(body)


def read_plan_roles(connection: Connection) -> PlanRoles:
    """The roles for the plan the connection's database holds (``NotAPlanError`` if it holds none)."""
    from services.plan.plan_copy import tables_in_link_order

    server_version(connection)
    database = connection.scalar(text("SELECT current_database()"))
    # Where WellPlan finds the plan: its tables were made in the copying account's first schema.
    schema = connection.scalar(text(
        "SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid = to_regclass('plan_info')"))
    tables = tuple(table.name for table in tables_in_link_order())
    readers, planners = role_names(database)
    return PlanRoles(database, schema, readers, planners, tables,
                     _sequences_of(connection, schema, [t for t in tables if t not in RESPONDENT_TABLES]))


def _sequences_of(connection: Connection, schema: str, tables: list[str]) -> tuple[str, ...]:
    """The id counters belonging to ``tables``, as the server named them (serial and identity
    columns alike); the survey answers' counters are not among them."""
    found = connection.execute(text(
        "SELECT DISTINCT s.relname FROM pg_catalog.pg_class s "
        "JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.oid "
        "AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "JOIN pg_catalog.pg_class t ON t.oid = d.refobjid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
        "WHERE s.relkind = 'S' AND n.nspname = :schema AND t.relname IN :tables ORDER BY s.relname"
    ).bindparams(bindparam("tables", expanding=True)), {"schema": schema, "tables": tables})
    return tuple(found.scalars())


def roles_script(location: str) -> str:
    """The setup for the plan at ``location``, for IT to read and run; nothing is changed."""
    with _connected(location) as connection:
        return read_plan_roles(connection).script()


def apply_roles(location: str) -> PlanRoles:
    """Set up the roles for the plan at ``location`` in one transaction: all of it or nothing."""
    with _connected(location, writing=True) as connection:
        roles = read_plan_roles(connection)
        for statement in roles.statements():
            # Run as written (no_parameters): a '%' or ':' in a database's name is not a placeholder.
            connection.execution_options(no_parameters=True).exec_driver_sql(statement)
        return roles


@contextlib.contextmanager
def _connected(location: str, *, writing: bool = False):
    engine = server_engine(location)
    try:
        with server_errors_as_sentences(location), _not_allowed_as_sentence(location), \
                (engine.begin() if writing else engine.connect()) as connection:
            yield connection
    finally:
        engine.dispose()


@contextlib.contextmanager
def _not_allowed_as_sentence(location: str):
    """Setting up roles refused by the server: the account is not the plan's owner, or may not
    create roles. (Said here, as the person running it is IT, not a planner editing the plan.)"""
    try:
        yield
    except DBAPIError as exc:
        if _sqlstate(exc) != SQLSTATE_INSUFFICIENT_PRIVILEGE:
            raise
        raise PlanFileError(
            f"The account {_account(location, exc)} may not set up the roles of the plan in {describe(location)}: "
            "connect as the owner of the plan's tables who may create roles, or as a superuser; nothing was "
            "changed.") from exc


_WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)
_READS = re.compile(r"^\s*(SELECT|WITH)\b", re.IGNORECASE)
_ANSWERS = re.compile(r"\b(" + "|".join(RESPONDENT_TABLES) + r")\b", re.IGNORECASE)


def refusal_sentence(exc: DBAPIError, location: str) -> str | None:
    """A statement the server's roles refused, in one sentence for the person whose account it
    was; None if ``exc`` is no such refusal (or of no statement reading or writing the plan)."""
    if _sqlstate(exc) != SQLSTATE_INSUFFICIENT_PRIVILEGE:
        return None
    statement = exc.statement or ""
    account = _account(location, exc)
    if not (_WRITES.match(statement) or _READS.match(statement)):
        return None  # e.g. making tables: the server's own reason says it best
    if _ANSWERS.search(statement):
        return (f"Survey answers on the district server are kept from your account ({account}): only the account "
                "that owns the plan may read or change each answer; nothing was changed.")
    if _WRITES.match(statement):
        return f"Your account on the district server ({account}) may read this plan but not change it; nothing was changed."
    readers, _planners = role_names(make_url(location).database or "")
    return (f"Your account on the district server ({account}) may not read the plan in {describe(location)}; "
            f"the district's IT can grant it {readers}.")


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def _account(location: str, exc: DBAPIError) -> str:
    """The account the server refused: as the location names it, else as the connection signed in
    (a location without a user takes the computer's)."""
    named = make_url(location).username
    if named:
        return named
    connection = getattr(exc.orig, "pgconn", None)
    user = getattr(connection, "user", None)
    if isinstance(user, bytes):
        return user.decode("utf-8", "replace")
    return os.environ.get("PGUSER") or getpass.getuser()  # whom libpq signs in as when none is named
