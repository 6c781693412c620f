"""The Action plan tab on a plan with many actions (issue 21): it reads the plan in the background, so
an edit typed in its table or a visit after edits elsewhere never reads the actions on the window's
thread; the tables keep showing what they showed until the read arrives, then everything follows
(the table, the chart, the owner filter, the balance line). The Objectives page's indicator chart is
made when that page is first shown.

Counted, not timed: the figures are bench/responsiveness.py's."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.action_plan import commands
from gui.action_plan.objectives_page import describe_indicator
from gui.action_plan.plan_source import IN_BACKGROUND_FROM
from services.action_plan import action_schedule, objectives
from tests.test_action_plan_speed_reads import calls_on_the_window_thread
from tests.test_gui_action_plan import plan_tab, settled
from tests.test_gui_action_plan_habits import open_editor
from tests.test_gui_team import click_tab, press_enter


@pytest.fixture
def big_window(qtbot, qt_settings, sample_plan):
    """The sample plan with enough actions added that the tab reads it in the background."""
    from tests.gui_windows import open_window

    with sample_plan.transaction() as s:
        goal = objectives.list_objectives(s)[0].id
        missing = IN_BACKGROUND_FROM - len(action_schedule.list_actions(s))
        for n in range(missing):
            start = dt.date(2026, 9, 1) + dt.timedelta(days=n % 150)
            action_schedule.add_action(s, f"Walk-and-talk check-in {n}", objective_id=goal, start=start,
                                       end=start + dt.timedelta(days=6))
    return open_window(qtbot, qt_settings, sample_plan)


@pytest.fixture
def window_reads(monkeypatch):
    """Every read of the whole list of actions on the window's thread."""
    return calls_on_the_window_thread(monkeypatch, action_schedule, "list_actions")


def test_an_edit_typed_in_a_big_plans_table_is_read_in_the_background_and_then_shown(qtbot, big_window,
                                                                                      window_reads):
    tab = plan_tab(qtbot, big_window)
    assert tab.source.in_background
    model, view = tab.actions_model, tab.schedule.actions_view
    action = model.record_at(0)
    window_reads.clear()
    editor = open_editor(qtbot, view, 0, model.column_of("title"))
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed in a big plan")
    press_enter(qtbot, editor)
    settled(qtbot, tab)
    assert model.record_at(model.row_of(action.id)).title == "Renamed in a big plan"
    assert tab.schedule.gantt.bars[action.id].row.label == "Renamed in a big plan"
    assert "Renamed in a big plan" in tab.schedule.gantt.accessibleDescription()
    assert window_reads == []  # read on a worker, never on the window's thread


def test_a_big_plans_tab_keeps_what_it_shows_until_the_read_arrives(qtbot, big_window):
    tab = plan_tab(qtbot, big_window)
    context, model = big_window.context, tab.actions_model
    action = model.record_at(0)
    assert context.edit(commands.set_action_field(context, action.id, "title", "Renamed by an edit"))
    assert tab.reading  # the read runs in the background: the edit returned before it
    assert model.record_at(model.row_of(action.id)).title == action.title
    settled(qtbot, tab)
    assert model.record_at(model.row_of(action.id)).title == "Renamed by an edit"


def test_a_big_plans_hidden_tab_follows_edits_elsewhere_when_shown_again(qtbot, big_window, window_reads):
    tab = plan_tab(qtbot, big_window)
    action = tab.actions_model.record_at(0)
    click_tab(qtbot, big_window, "Team")
    qtbot.waitUntil(lambda: not tab.isVisible())
    context = big_window.context
    assert context.edit(commands.set_action_field(context, action.id, "change_level", "system"))
    assert not tab.reading and tab.source.behind  # nothing read while hidden
    window_reads.clear()
    click_tab(qtbot, big_window, "Action plan")
    qtbot.waitUntil(tab.isVisible)
    settled(qtbot, tab)
    model = tab.actions_model
    assert model.record_at(model.row_of(action.id)).change_level == "system"
    assert "System" in tab.schedule.balance_line.text()
    assert window_reads == []


def test_the_indicator_chart_is_made_when_the_objectives_page_is_shown(qtbot, window):
    tab = plan_tab(qtbot, window)
    page = tab.objectives_page
    assert page.chart is None  # the schedule is the page shown first
    pages = tab.pages.tabBar()
    qtbot.mouseClick(pages, Qt.MouseButton.LeftButton, pos=pages.tabRect(tab.pages.indexOf(page)).center())
    qtbot.waitUntil(lambda: page.chart is not None and page.chart.isVisible())
    record = tab.objectives_model.record_at(page.list.currentIndex().row())
    assert page.chart.accessibleDescription() == describe_indicator(record, window_measurements(window, record.id))
    page.list.selectRow(1)  # another objective: the chart, shown, follows at once
    other = tab.objectives_model.record_at(1)
    assert page.chart.accessibleDescription() == describe_indicator(other, window_measurements(window, other.id))


def window_measurements(window, objective_id: int):
    return window.context.read(lambda s: objectives.list_measurements(s, objective_id))


def test_an_edit_elsewhere_while_a_big_plans_tab_follows_the_last_one_leaves_nothing_half_done(qtbot, big_window):
    from gui.readiness import commands as readiness_commands

    tab = plan_tab(qtbot, big_window)
    context, model = big_window.context, tab.actions_model
    action = model.record_at(0)
    assert context.edit(commands.set_action_field(context, action.id, "title", "Renamed just before"))
    # a change the tab shows nothing of, while its read of the first is on its way: that read is dropped
    assert context.edit(readiness_commands.create_round(context, "readiness", "Spring", dt.date(2027, 3, 1), 4))
    settled(qtbot, tab)
    assert model.record_at(model.row_of(action.id)).title == "Renamed just before"
    assert tab.schedule.gantt.bars[action.id].row.label == "Renamed just before"
    assert not tab.source.behind
