"""The Overview's seven steps after an edit: only the checks that read what the edit changed run
again, their labels are rewritten in place, and an edit made while the Overview is out of sight
shows when it comes back. Each step's topics come from the tables its check reads, and a test
here holds that list to the queries the checks really send."""

from __future__ import annotations

import datetime as dt
import html
import sqlite3

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import event

from gui.action_plan import commands as plan_commands
from gui.overview import commands as overview_commands
from gui.overview.journey_panel import REFRESH_DELAY_MS
from gui.team import commands as team_commands
from services import district_profile
from services.overview import journey
from services.plan.plan_connection import read_only_uri
from services.plan_changes import TABLE_TOPICS
from services.readiness import readiness_rounds
from tests.gui_windows import open_window
from tests.test_gui_team import click_tab


@pytest.fixture
def checks_run(qtbot, window, monkeypatch) -> list[str]:
    """The keys of the step checks run after the window opened, in order (each still does its work)."""
    steps_of(qtbot, window)  # the first reading done
    return spy_on_checks(monkeypatch)


def spy_on_checks(monkeypatch) -> list[str]:
    """The keys of the step checks run from now on, in order (each still does its work)."""
    run: list[str] = []
    for key, check in list(journey.STEP_CHECKS.items()):
        def spy(session, step, check=check, key=key):
            run.append(key)
            return check(session, step)

        monkeypatch.setitem(journey.STEP_CHECKS, key, spy)
    return run


def steps_of(qtbot, window):
    """The Overview's steps, once they have been read (off the window's thread)."""
    panel = window.tab("overview").journey
    qtbot.waitUntil(lambda: not panel.reading, timeout=10000)
    return panel


def next_text(panel) -> str:
    return html.unescape(panel.next_label.text())


def group_id(window, name: str) -> int:
    return next(g.id for g in window.context.read(district_profile.list_position_groups) if g.name == name)


def test_the_steps_read_while_the_plan_opened_are_shown_without_reading_them_again(qtbot, qt_settings, sample_plan,
                                                                                  monkeypatch):
    """Opening a plan reads every step (a value nothing can stand in for refuses the plan there):
    the Overview shows what that read found at once, rather than reading the whole plan again."""
    run = spy_on_checks(monkeypatch)
    window = open_window(qtbot, qt_settings, sample_plan)
    panel = window.tab("overview").journey
    assert not panel.reading  # nothing left to read
    assert "10 members" in panel.step_labels["team"].text()
    assert next_text(panel).startswith("<b>What to do next:</b> Step 1: ")
    qtbot.wait(300)  # (a second read would have finished by now)
    assert sorted(run) == sorted(journey.STEP_CHECKS)  # each check once: the opening's


def test_adding_a_team_member_runs_only_the_checks_that_read_people(qtbot, window, checks_run):
    panel = steps_of(qtbot, window)
    assert "10 members" in panel.step_labels["team"].text()
    readiness_before = panel.step_labels["readiness"].text()
    assert window.context.edit(team_commands.add_member(window.context, "Jordan Lee"))
    qtbot.waitUntil(lambda: "11 members" in panel.step_labels["team"].text())
    # Once, after the pause; the plan step reads people too (owners, who is involved).
    assert checks_run == ["team", "plan"]
    assert panel.step_labels["readiness"].text() == readiness_before


def test_the_steps_labels_are_rewritten_in_place(qtbot, window):
    panel = steps_of(qtbot, window)
    widgets = [panel.grid.itemAt(i).widget() for i in range(panel.grid.count())]
    labels = dict(panel.step_labels)
    assert window.context.edit(team_commands.add_member(window.context, "Jordan Lee"))
    qtbot.waitUntil(lambda: "11 members" in panel.step_labels["team"].text())
    qtbot.wait(50)  # deferred deletions, had any label been replaced
    after = [panel.grid.itemAt(i).widget() for i in range(panel.grid.count())]
    assert len(after) == len(widgets) and all(a is b for a, b in zip(after, widgets, strict=True))
    assert all(panel.step_labels[key] is label for key, label in labels.items())
    assert panel.findChildren(QLabel, "step_team") == [labels["team"]]


def test_what_to_do_next_follows_a_step_that_changed(qtbot, window):
    panel = steps_of(qtbot, window)
    assert "Step 1: Invite someone from Transportation" in next_text(panel)
    transportation = group_id(window, "Transportation")
    assert window.context.edit(team_commands.add_member(window.context, "Jordan Lee",
                                                        position_group_id=transportation))
    qtbot.waitUntil(lambda: "Transportation" not in panel.step_labels["team"].text())
    assert "Step 1: Invite someone from Transportation" not in next_text(panel)
    assert "Done" in panel.step_labels["team"].text() and "Step 5:" in next_text(panel)


def test_edits_during_the_pause_are_read_together_once(qtbot, window, checks_run):
    panel = steps_of(qtbot, window)
    communicate_before = panel.step_labels["communicate"].text()
    assert window.context.edit(team_commands.add_member(window.context, "Jordan Lee"))
    assert window.context.edit(plan_commands.add_communication(window.context, "All staff", "Thank you",
                                                               "Newsletter", dt.date(2027, 1, 15)))
    qtbot.waitUntil(lambda: panel.step_labels["communicate"].text() != communicate_before)
    assert "11 members" in panel.step_labels["team"].text()
    assert "8 communications" in panel.step_labels["communicate"].text()
    # Communications are stored with objectives and PDSA cycles (one topic), so those steps run too.
    assert checks_run == ["team", "plan", "improve", "communicate"]


def test_an_edit_made_while_the_overview_is_hidden_shows_when_it_comes_back(qtbot, window, checks_run):
    panel = steps_of(qtbot, window)
    click_tab(qtbot, window, "Team")
    assert not panel.isVisible()
    assert window.context.edit(team_commands.add_member(window.context, "Jordan Lee"))
    assert window.context.edit(plan_commands.add_communication(window.context, "All staff", "Thank you",
                                                               "Newsletter", dt.date(2027, 1, 15)))
    qtbot.wait(REFRESH_DELAY_MS + 200)
    assert checks_run == []  # nothing read while out of sight
    assert "10 members" in panel.step_labels["team"].text()
    click_tab(qtbot, window, "Overview")
    steps_of(qtbot, window)
    # Both edits, although the second came after the first's pause began.
    assert "11 members" in panel.step_labels["team"].text()
    assert "8 communications" in panel.step_labels["communicate"].text()
    assert checks_run == ["team", "plan", "improve", "communicate"]


@pytest.fixture
def empty_window(qtbot, qt_settings, empty_plan):
    return open_window(qtbot, qt_settings, empty_plan)


def test_a_profile_edit_updates_what_to_do_next_when_no_step_changed(qtbot, empty_window):
    panel = steps_of(qtbot, empty_window)
    assert "list the district's schools" in next_text(panel)
    team_before = panel.step_labels["team"].text()
    assert empty_window.context.edit(overview_commands.add_school(empty_window.context, "Alder Elementary"))
    qtbot.waitUntil(lambda: "enter the staff headcount" in next_text(panel))
    assert panel.step_labels["team"].text() == team_before  # read again (it reads schools), unchanged


# -- Each step's topics cover every table its check reads ------------------------------------------

def tables_read(plan, read) -> set[str]:
    """The tables the statements ``read`` sends read. SQLite's own parser says which: each
    statement is compiled again under EXPLAIN on a second connection, whose authorizer notes every
    table a statement reads (a count(*) included)."""
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        statements.append((statement, parameters))

    with plan.transaction() as session:
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", seen)
        try:
            read(session)
        finally:
            event.remove(connection, "before_cursor_execute", seen)
    tables: set[str] = set()

    def note(action, table, _column, _db, _source) -> int:
        if action == sqlite3.SQLITE_READ and table:
            tables.add(table)
        return sqlite3.SQLITE_OK

    probe = sqlite3.connect(read_only_uri(plan.path), uri=True)
    try:
        probe.set_authorizer(note)
        for statement, parameters in statements:
            probe.execute("EXPLAIN " + statement, parameters)
    finally:
        probe.close()
    assert statements, "nothing was read"
    return tables


def declared(models) -> set[str]:
    return {model.__tablename__ for model in models}


def add_unanswered_round(plan) -> None:
    with plan.transaction() as s:  # rounds with no answers yet are read another way
        readiness_rounds.create_round(s, "readiness", "Fall", dt.date(2026, 10, 1), respondents=2)


@pytest.mark.parametrize("make", ["empty", "unanswered round", "sample"])
def test_each_step_declares_every_table_its_check_reads(make, request):
    plan = request.getfixturevalue("sample_plan" if make == "sample" else "empty_plan")
    if make == "unanswered round":
        add_unanswered_round(plan)
    for step in journey.STEPS:
        reads = tables_read(plan, lambda s, step=step: journey.STEP_CHECKS[step.key](s, step))
        assert reads <= declared(journey.STEP_READS[step.key]), step.key
    assert tables_read(plan, journey.profile_gaps) <= declared(journey.PROFILE_GAP_READS)


def test_every_step_has_its_reads_and_each_read_is_announced():
    assert set(journey.STEP_READS) == set(journey.STEP_CHECKS) == {step.key for step in journey.STEPS}
    for models in (*journey.STEP_READS.values(), journey.PROFILE_GAP_READS):
        # A table no topic announces would leave a step showing what the plan no longer holds.
        assert all(TABLE_TOPICS[model.__tablename__] for model in models)
