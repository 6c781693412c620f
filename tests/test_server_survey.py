"""Survey answers on a district server (issue 22): kept to the account that copied them, whatever
default privileges the server has; results released from the server audited against, and recorded
in, its own ledger, one release at a time even when two people release at once; a planner's Data
tab shows what each wave asked and no result. On the loopback throwaway server."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, select

from models import Person, SurveyItem
from services.data.release_ledger import list_releases
from services.data.survey_release import CSV_PRECISION, record_table, release_table
from services.data.survey_report import load_wave, min_group_size
from services.errors import InvalidInput
from services.plan.server_plan import ServerPlan, copy_plan_file_to_server
from services.plan.server_roles import apply_roles, role_names
from tests.postgres_server import ADMIN

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_url(postgres_server, server_sample_template) -> str:
    return postgres_server.database(template=server_sample_template.rsplit("/", 1)[1])


def _login(postgres_server, database: str, group: str | None = None) -> str:
    name = f"person_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=ADMIN, dbname=database,
                         autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
        if group:
            admin.execute(f'GRANT "{group}" TO "{name}"')
    return postgres_server.url(database, user=name)


def _table(session):
    wave = load_wave(session, "Fall 2026")
    return release_table(session, wave, wave.dimensions[0].label, min_group_size(session))


def test_two_releasing_at_once_the_second_is_audited_again(server_url):
    first, second = ServerPlan(server_url, read_only=False), ServerPlan(server_url, read_only=False)
    try:
        with first.transaction() as session:
            prepared = _table(session)  # audited against the ledger as it stood then

        with second.transaction() as session:  # meanwhile someone else releases from the same wave
            record_table(session, _table(session), "report", CSV_PRECISION)

        with pytest.raises(InvalidInput, match="Someone else released results of the Fall 2026 survey while this "
                                               "was being prepared, so it was not released"):
            with first.transaction() as session:
                record_table(session, prepared, "report", CSV_PRECISION)

        with first.transaction() as session:  # made again, it is audited against theirs too
            before = len(list_releases(session))
            record_table(session, _table(session), "report", CSV_PRECISION)
            assert len(list_releases(session)) == before + 1
    finally:
        first.close()
        second.close()


def test_survey_answers_stay_the_copying_accounts_whatever_the_servers_default_privileges(
        postgres_server, built_sample):
    url = postgres_server.database()
    database = url.rsplit("/", 1)[1]
    snoop = _login(postgres_server, database)
    name = snoop.split("//", 1)[1].split("@", 1)[0]
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user=ADMIN, dbname=database,
                         autocommit=True) as admin:  # IT once made every new table readable by someone
        admin.execute(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{ADMIN}" GRANT SELECT ON TABLES TO "{name}"')
    copy_plan_file_to_server(built_sample, url)
    engine = create_engine(snoop)
    try:
        with engine.connect() as connection:
            assert connection.scalars(select(Person.name)).first()  # what IT's default gave
            with pytest.raises(Exception, match="permission denied for table survey_item"):
                connection.execute(select(SurveyItem.answers)).first()
    finally:
        engine.dispose()


def test_a_planners_data_tab_shows_what_each_wave_asked_and_no_result(qtbot, qt_settings, postgres_server,
                                                                       server_url):
    from gui.main_window import MainWindow
    from services.data.answer_access import KEPT

    apply_roles(server_url)
    database = server_url.rsplit("/", 1)[1]
    planner = _login(postgres_server, database, role_names(database)[1])
    window = MainWindow(qt_settings)
    qtbot.addWidget(window)
    assert window.open_plan_path(planner)
    window.show()
    window.show_tab("data")
    tab = window.tab("data")
    qtbot.waitUntil(lambda: tab.results_page.note.text() == KEPT, timeout=5000)
    assert not tab.results_page.view.isVisible()
    assert not tab.import_action.isEnabled() and not tab.print_action.isEnabled() and not tab.csv_action.isEnabled()
    assert tab.waves_model.rowCount() == 2  # the waves themselves, and their sizes, it lists
    tab.items_model.page = None  # (read now, on the window's thread)
    tab.items_model.reload()
    qtbot.waitUntil(lambda: tab.items_model.rowCount() > 0, timeout=5000)
    answered = tab.items_model.column_of("answered")
    assert tab.items_model.index(0, answered).data() == "\u2014"  # how many answered: kept too
    assert tab.items_model.index(0, 0).data()  # the item's wording is shown
    window.close_plan()


def test_a_plan_on_the_server_of_the_format_before_is_brought_up_to_date_by_its_owner(postgres_server, server_url):
    # A plan put on a server at format 10 (the first that could be): as the owner opens it.
    from sqlalchemy import text

    from models.base import Base
    from models.schema import CURRENT_VERSION
    from services.plan.plan_errors import PlanFileError
    from services.plan.server_plan import VERSION_KEY
    from services.plan_changes import Operation
    from services.priorities.candidate_actions import update_candidate_action

    engine = create_engine(server_url)
    with engine.begin() as owner:
        for table in Base.metadata.tables:
            owner.execute(text(f'ALTER TABLE "{table}" DROP COLUMN row_version'))
        owner.execute(text("UPDATE plan_info SET value = '10' WHERE key = :k"), {"k": VERSION_KEY})
    with pytest.raises(PlanFileError, match="older format"):  # roles are set up on the current format
        apply_roles(server_url)

    with pytest.raises(PlanFileError, match=r"older format \(10\): open it for editing once"):
        ServerPlan(server_url, read_only=True)

    plan = ServerPlan(server_url, read_only=False)  # the owner: brought up to date, in one step
    try:
        Operation("Rename", lambda s, m: update_candidate_action(s, 1, title="Renamed"), lambda s, m: None).apply(plan)
    finally:
        plan.close()
    with engine.connect() as owner:
        assert owner.scalar(text("SELECT value FROM plan_info WHERE key = :k"), {"k": VERSION_KEY}) == \
            str(CURRENT_VERSION)
        assert owner.scalar(text("SELECT row_version FROM candidate_action WHERE id = 1")) == 2
        assert owner.scalar(text("SELECT data_type FROM information_schema.columns WHERE table_name = "
                                 "'person' AND column_name = 'row_version'")) == "bigint"
    engine.dispose()


def test_a_planner_opening_a_plan_of_the_format_before_is_told_its_owner_must(postgres_server, server_url):
    from sqlalchemy import text

    from models.base import Base
    from services.plan.plan_errors import PlanFileError
    from services.plan.server_plan import VERSION_KEY

    apply_roles(server_url)
    database = server_url.rsplit("/", 1)[1]
    planner = _login(postgres_server, database, role_names(database)[1])
    engine = create_engine(server_url)
    with engine.begin() as owner:
        for table in Base.metadata.tables:
            owner.execute(text(f'ALTER TABLE "{table}" DROP COLUMN row_version'))
        owner.execute(text("UPDATE plan_info SET value = '10' WHERE key = :k"), {"k": VERSION_KEY})
    engine.dispose()
    with pytest.raises(PlanFileError, match="the account that owns it must open it once"):
        ServerPlan(planner, read_only=False)
