"""Who may do what with a plan on the district's server: ``wellplan server-roles`` sets up a readers'
and a planners' group, and the server itself refuses what an account's group does not allow, said
in one sentence (issue 22). On the tests' throwaway server (tests/postgres_server.py), loopback only:
the sample district copied there by its superuser (the owner who copied it in), then accounts made
as a district's IT would make them."""

from __future__ import annotations

import subprocess
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, func, select

from services.plan.plan_copy import tables_in_link_order
from services.plan.plan_errors import PlanFileError
from services.plan.server_plan import ANSWER_COLUMNS, RESPONDENT_TABLES, open_plan_at
from services.plan.server_roles import OWNER_WRITES, role_names
from services.plan_changes import Operation
from services.team import team_roster
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text
from tests.postgres_server import ADMIN

pytestmark = pytest.mark.postgres


def _user_location(url: str) -> str:
    """What a person types: ``postgresql://``, not SQLAlchemy's driver-qualified name."""
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def server_sample(postgres_server, server_sample_template) -> str:
    """The sample district in a database of this test's own, as its owner (the copying account)."""
    return postgres_server.database(template=server_sample_template.rsplit("/", 1)[1])


def _database(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _as_admin(postgres_server, url: str, *statements: str) -> None:
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=ADMIN, dbname=_database(url),
                         autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _account(postgres_server, url: str, group: str | None, prefix: str) -> str:
    """A person's LOGIN role, made a member of ``group`` (if any): their location for the plan."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"  # roles belong to the whole (session-long) server
    _as_admin(postgres_server, url, f'CREATE ROLE "{name}" LOGIN',
              *([f'GRANT "{group}" TO "{name}"'] if group else []))
    return _user_location(postgres_server.url(_database(url), user=name))


def _people(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            from models import Person

            return sorted(connection.scalars(select(Person.name)))
    finally:
        engine.dispose()


def _add_person(name: str) -> Operation:
    return Operation(f"Add {name}", forward=lambda session, _memo: team_roster.add_person(session, name).id,
                     backward=lambda session, memo: team_roster.remove_person(session, memo))


def test_role_names_are_one_plans_own_and_fit_postgresql():
    assert role_names("maple_hollow_2026") == ("wellplan_readers_maple_hollow_2026", "wellplan_planners_maple_hollow_2026")
    # Changed to be typed without quotes, so marked with the name's own hash: never another plan's roles.
    assert role_names("Plan A") != role_names("plan_a")
    assert role_names("Plan A")[0].startswith("wellplan_readers_plan_a_")
    long_names = [role_names("district_" + "x" * 60 + end) for end in "ab"]
    assert long_names[0] != long_names[1]
    assert all(len(name.encode()) <= 63 and name.replace("_", "").isalnum() for pair in long_names for name in pair)


def test_a_database_name_is_quoted_wherever_the_script_names_it():
    from services.plan.server_roles import PlanRoles

    odd = 'plan"\nDROP TABLE person; --'
    script = PlanRoles(odd, "public", *role_names(odd), ("person", "survey_item"), ("person_id_seq",)).script()
    # In a comment the line break is made '?' (it would end the comment); in SQL it stays inside quotes.
    assert script.splitlines()[0] == '-- WellPlan: who may use the plan in the database plan"?DROP TABLE person; --.'
    assert 'ON DATABASE "plan""\nDROP TABLE person; --" FROM PUBLIC' in script


def test_a_reader_sees_and_prints_everything_but_may_not_change_the_plan(postgres_server, server_sample, tmp_path):
    owner = _user_location(server_sample)
    done = wellplan("server-roles", owner, "--apply")
    assert done.returncode == 0, done.stderr
    readers, planners = role_names(_database(server_sample))
    assert done.stdout.startswith(f"Set up the roles of the plan in {_database(server_sample)} on 127.0.0.1:")
    assert readers in done.stdout and planners in done.stdout and len(done.stdout.splitlines()) == 1
    reader = _account(postgres_server, server_sample, readers, "reader")

    plan = open_plan_at(reader, read_only=True)
    try:
        with plan.transaction() as session:
            assert [p.name for p in team_roster.list_team(session)]
    finally:
        plan.close()
    for who, location in (("owner", owner), ("reader", reader)):
        printed = wellplan("export", location, "team", "--out", tmp_path / f"team-{who}.pdf")
        assert printed.returncode == 0, printed.stderr
    assert pdf_text(tmp_path / "team-reader.pdf") == pdf_text(tmp_path / "team-owner.pdf")  # everything a planner sees

    before = _people(server_sample)
    plan = open_plan_at(reader)  # opened for editing: the server, not WellPlan, says no
    try:
        with pytest.raises(PlanFileError) as refused:
            _add_person("Rosa Reader").apply(plan)
    finally:
        plan.close()
    user = reader.split("//", 1)[1].split("@", 1)[0]
    assert str(refused.value) == (f"Your account on the district server ({user}) may read this plan but not "
                                  "change it; nothing was changed.")
    assert _people(server_sample) == before


def test_a_reader_prints_every_export_or_is_told_it_reads_survey_answers(postgres_server, server_sample, tmp_path):
    # A printout that reads individual answers (a progress update's "what we heard") is refused in
    # the one sentence; every other prints as it does for the owner.
    from services.reports.registry import EXPORT_KINDS

    assert wellplan("server-roles", _user_location(server_sample), "--apply").returncode == 0
    reader = _account(postgres_server, server_sample, role_names(_database(server_sample))[0], "reader")
    printed = []
    for kind in EXPORT_KINDS.values():  # (those that release survey results read the answers)
        out = tmp_path / f"{kind.key}.{kind.default_filename.rsplit('.', 1)[-1]}"
        needs = {"school-packet": ("--school", "Alder Elementary School")}.get(kind.key, ())
        done = wellplan("export", reader, kind.key, "--out", out, *needs)
        if done.returncode == 0:
            printed.append(kind.key)
        else:
            assert done.stderr.startswith("wellplan: Survey answers on the district server are kept from your "
                                          "account"), (kind.key, done.stderr)
            assert not out.exists()
    assert {"team", "matrix", "gantt", "plan", "calendar", "actions", "year-review"} <= set(printed)


def test_a_planner_changes_the_plan_and_undoes_the_change(postgres_server, server_sample):
    assert wellplan("server-roles", _user_location(server_sample), "--apply").returncode == 0
    planner = _account(postgres_server, server_sample, role_names(_database(server_sample))[1], "planner")
    before = _people(server_sample)
    plan = open_plan_at(planner)
    try:
        adding = _add_person("Pat Planner")
        adding.apply(plan)  # a new id from the person table's counter, which planners may draw from
        assert _people(server_sample) == sorted([*before, "Pat Planner"])
        adding.revert(plan)
    finally:
        plan.close()
    assert _people(server_sample) == before


def test_planners_may_not_change_the_release_ledger_or_the_plans_own_facts(postgres_server, server_sample):
    # Every release is audited against the ledger: a planner who could delete an entry could make
    # the owner's next release give away what earlier ones withheld.
    assert wellplan("server-roles", _user_location(server_sample), "--apply").returncode == 0
    planner = _account(postgres_server, server_sample, role_names(_database(server_sample))[1], "planner")
    user = planner.split("//", 1)[1].split("@", 1)[0]
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=user,
                         dbname=_database(server_sample)) as connection:
        assert connection.execute("SELECT count(*) FROM survey_release").fetchone()[0] > 0
        for statement in ("DELETE FROM survey_release", "UPDATE survey_release SET content = '{}'",
                          "DELETE FROM plan_info", "UPDATE plan_info SET value = '99'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
            connection.rollback()


def test_survey_answers_are_kept_from_both_groups(postgres_server, server_sample):
    assert wellplan("server-roles", _user_location(server_sample), "--apply").returncode == 0
    from models.base import Base

    for group in role_names(_database(server_sample)):
        account = _account(postgres_server, server_sample, group, "person")
        user = account.split("//", 1)[1].split("@", 1)[0]
        with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=user,
                             dbname=_database(server_sample)) as connection:
            for table in RESPONDENT_TABLES:
                (answered,) = ANSWER_COLUMNS[table]
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(f"SELECT {answered} FROM {table}")
                connection.rollback()
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(f"SELECT * FROM {table}")
                connection.rollback()
                # What the wave asked (its questions, attributes and group names) they see.
                connection.execute(f"SELECT count(*), min(wave_id) FROM {table}")
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(f"DELETE FROM {table}")
                connection.rollback()
        plan = open_plan_at(account)  # and through WellPlan, in one sentence
        try:
            with pytest.raises(PlanFileError) as refused, plan.transaction() as session:
                session.execute(select(Base.metadata.tables["survey_item"].c.answers))
        finally:
            plan.close()
        assert str(refused.value) == (f"Survey answers on the district server are kept from your account ({user}): "
                                      "only the account that owns the plan may read or change each answer; nothing "
                                      "was changed.")
    engine = create_engine(server_sample)  # the owner still reads every answer
    try:
        with engine.connect() as owner:
            assert owner.scalar(select(func.count()).select_from(Base.metadata.tables["survey_item"])) > 0
    finally:
        engine.dispose()


def _privileges(postgres_server, url: str) -> set[tuple]:
    """Every grant on the plan's tables, sequences and database, as the server lists them."""
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=ADMIN, dbname=_database(url)) as con:
        on_relations = con.execute(
            "SELECT c.relname, coalesce(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_class c "
            "CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee "
            "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'S') AND c.relacl IS NOT NULL "
            "AND a.grantee <> c.relowner").fetchall()
        on_database = con.execute(
            "SELECT d.datname, coalesce(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_database d "
            "CROSS JOIN LATERAL aclexplode(d.datacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee "
            "WHERE d.datname = current_database() AND a.grantee <> d.datdba").fetchall()
        on_columns = con.execute(
            "SELECT c.relname || '.' || t.attname, coalesce(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_attribute t "
            "JOIN pg_class c ON c.oid = t.attrelid CROSS JOIN LATERAL aclexplode(t.attacl) a "
            "LEFT JOIN pg_roles g ON g.oid = a.grantee "
            "WHERE c.relnamespace = 'public'::regnamespace AND t.attacl IS NOT NULL").fetchall()
    return set(on_relations) | set(on_database) | set(on_columns)


def _psql(postgres_server, url: str, script: str) -> subprocess.CompletedProcess:
    """The script run as IT would run it: psql, stopping at the first error."""
    return subprocess.run([str(postgres_server.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                           "-p", str(postgres_server.port), "-U", ADMIN, "-d", _database(url), "-f", "-"],
                          input=script, capture_output=True, text=True, timeout=60)


def test_the_printed_sql_runs_in_psql_again_and_again_and_grants_what_apply_grants(
        postgres_server, server_sample_template):
    printed_db, applied_db = (postgres_server.database(template=_database(server_sample_template)) for _ in "ab")
    printed = wellplan("server-roles", _user_location(printed_db))
    assert printed.returncode == 0, printed.stderr
    script = printed.stdout
    assert script.startswith("-- WellPlan: ") and "BEGIN;" in script and script.rstrip().endswith("COMMIT;")
    assert _privileges(postgres_server, printed_db) == set()  # printing changes nothing

    runs = []
    for _ in range(2):  # the second run finds everything in place and changes nothing
        ran = _psql(postgres_server, printed_db, script)
        assert ran.returncode == 0, ran.stderr
        runs.append(_privileges(postgres_server, printed_db))
    after = runs[0]
    assert runs[1] == after

    readers, planners = role_names(_database(printed_db))
    database = _database(printed_db)
    shared = {table.name for table in tables_in_link_order()} - set(RESPONDENT_TABLES)
    assert {(g, p) for t, g, p in after if t == database} == {(readers, "CONNECT")}  # not PUBLIC's any more
    assert {(t, p) for t, g, p in after if g == readers and t != database and "." not in t} == \
        {(t, "SELECT") for t in shared}
    written = shared - set(OWNER_WRITES)  # the release ledger and plan_info: the owner's to write
    assert {(t, p) for t, g, p in after if g == planners and t in shared} == \
        {(t, p) for t in written for p in ("INSERT", "UPDATE", "DELETE")}  # (and SELECT as a reader)
    assert {t for t, g, _p in after if g == planners} - shared == {t for t, g, _p in after if t.endswith("_id_seq")}
    assert ("person_id_seq", planners, "USAGE") in after
    assert not [t for t, _g, _p in after if "." not in t and (t in RESPONDENT_TABLES or t.startswith(RESPONDENT_TABLES))]
    # Of the answers' tables, readers may see what a wave asked, column by column: never an answer.
    described = {(t, g, p) for t, g, p in after if "." in t}
    assert {(g, p) for _t, g, p in described} == {(readers, "SELECT")}
    assert {t.split(".")[0] for t, _g, _p in described} == set(RESPONDENT_TABLES)
    assert not {t for t, _g, _p in described} & {f"{t}.{c}" for t, cs in ANSWER_COLUMNS.items() for c in cs}
    assert ("survey_item.question", readers, "SELECT") in described

    # --apply grants the same as the printed script (each with its own plan's roles).
    for _ in range(2):
        assert wellplan("server-roles", _user_location(applied_db), "--apply").returncode == 0
    own = dict(zip(role_names(_database(applied_db)), (readers, planners), strict=True))
    own[_database(applied_db)] = database
    assert {(own.get(t, t), own.get(g, g), p) for t, g, p in _privileges(postgres_server, applied_db)} == after


def test_bad_input_is_one_sentence(postgres_server, server_sample, built_sample):
    not_a_server = wellplan("server-roles", built_sample, "--apply")
    assert not_a_server.returncode == 1
    assert not_a_server.stderr.startswith("wellplan: server-roles sets up who may use a plan on the district's server")

    empty = wellplan("server-roles", _user_location(postgres_server.database()))
    assert empty.returncode == 1 and empty.stderr == "wellplan: That database holds no WellPlan plan.\n"

    nowhere = wellplan("server-roles", "postgresql://nobody@127.0.0.1:1/plan", "--apply")
    assert nowhere.returncode == 1
    assert nowhere.stderr.startswith("wellplan: The district server could not be used (plan on 127.0.0.1:1)")

    # An account that neither owns the plan's tables nor may create roles: refused, nothing set up.
    stranger = _account(postgres_server, server_sample, None, "stranger")
    refused = wellplan("server-roles", stranger, "--apply")
    user = stranger.split("//", 1)[1].split("@", 1)[0]
    assert refused.returncode == 1
    assert refused.stderr == (f"wellplan: The account {user} may not set up the roles of the plan in "
                              f"{_database(server_sample)} on 127.0.0.1:{postgres_server.port}: connect as the owner "
                              "of the plan's tables who may create roles, or as a superuser; nothing was changed.\n")
    assert _privileges(postgres_server, server_sample) == set()

    # Before IT set up the roles, that account may connect but read nothing: said, naming the group to grant.
    with pytest.raises(PlanFileError) as unread:
        open_plan_at(stranger, read_only=True)
    assert str(unread.value) == (f"Your account on the district server ({user}) may not read the plan in "
                                 f"{_database(server_sample)} on 127.0.0.1:{postgres_server.port}; the district's IT "
                                 f"can grant it {role_names(_database(server_sample))[0]}.")
    for done in (not_a_server, empty, nowhere, refused):
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
