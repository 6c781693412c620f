"""What the Action plan tab does when built and on an edit (issue 21): its tables, owner filter and balance line share
one read of the actions per change; while the tab is hidden an edit anywhere reads and draws nothing,
and when it is shown again it shows every change made meanwhile; showing it again with nothing changed
reads nothing; and the Gantt chart asks the computer's date style once per redraw, not once a row.

Counted, not timed: the figures are bench/responsiveness.py's."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from gui.action_plan import commands, gantt_view
from gui.team import commands as team_commands
from services.action_plan import action_schedule, objectives
from services.team import team_roster
from tests.test_gui_action_plan import plan_tab, settled
from tests.test_gui_action_plan_habits import open_editor
from tests.test_gui_team import click_tab, press_enter


def calls_on_the_window_thread(monkeypatch, module, name: str) -> list[int]:
    """Each call of ``module.name`` made on the window's thread (a worker's calls hold nothing up)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counted(session):
        if threading.current_thread() is threading.main_thread():
            calls.append(1)
        return real(session)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.fixture
def reads(monkeypatch):
    """Every read of the whole list of actions on the window's thread, by the tab or a service it calls
    (the Overview's journey reads them on a worker meanwhile: that holds nothing up)."""
    return calls_on_the_window_thread(monkeypatch, action_schedule, "list_actions")


@pytest.fixture
def objective_reads(monkeypatch):
    return calls_on_the_window_thread(monkeypatch, objectives, "list_objectives")


@pytest.fixture
def redraws(monkeypatch):
    calls: list[int] = []
    real = gantt_view.GanttView.redraw

    def counted(self):
        calls.append(1)
        real(self)

    monkeypatch.setattr(gantt_view.GanttView, "redraw", counted)
    return calls


def _owned_action(window):
    return next(a for a in window.context.read(action_schedule.list_actions) if a.owner_id is not None)


def _bar_labels(tab) -> dict[int, str]:
    return {action_id: bar.row.label for action_id, bar in tab.schedule.gantt.bars.items()}


def test_an_edit_typed_in_the_table_reads_the_actions_once_for_the_tab(qtbot, window, reads, redraws,
                                                                      objective_reads):
    tab = plan_tab(qtbot, window)
    model, view = tab.actions_model, tab.schedule.actions_view
    action = _owned_action(window)
    reads.clear()
    redraws.clear()
    objective_reads.clear()
    gantt = tab.schedule.gantt
    qtbot.waitUntil(lambda: gantt.rows_drawn == len(gantt.chart.rows))  # those out of view follow the rest
    before = {n: items for n, items in enumerate(gantt._row_items)}
    editor = open_editor(qtbot, view, model.row_of(action.id), model.column_of("title"))
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed in the table")
    press_enter(qtbot, editor)
    qtbot.waitUntil(lambda: model.record_at(model.row_of(action.id)).title == "Renamed in the table")
    settled(qtbot, tab)  # the chart, the other tables and the lines follow a piece at a time
    # One read shared by the actions, cycles and feedback tables, the owner filter, the balance line
    # and the chart (six before; two while the chart read its own).
    assert len(reads) == 1
    assert len(objective_reads) == 1  # the same for the objectives (five before)
    assert _bar_labels(tab)[action.id] == "Renamed in the table"
    # Only the renamed row is drawn again: the scene is not rebuilt, the other rows keep their items.
    assert redraws == []
    redrawn = [n for n, items in enumerate(gantt._row_items) if items != before[n]]
    assert [gantt.chart.rows[n].action_id for n in redrawn] == [action.id]
    assert "Renamed in the table" in gantt.accessibleDescription()
    assert "Renamed in the table" in gantt.bars[action.id].toolTip()
    answers = dict(tab.feedback_model.answer_choices())
    assert any("Renamed in the table" in label for label in answers.values())


def test_a_hidden_tab_reads_and_draws_nothing_on_edits_elsewhere_and_shows_them_when_shown(
        qtbot, window, reads, redraws):
    tab = plan_tab(qtbot, window)
    action = _owned_action(window)
    owner = next(p for p in window.context.read(team_roster.list_people) if p.id == action.owner_id)
    click_tab(qtbot, window, "Team")
    qtbot.waitUntil(lambda: not tab.isVisible())
    reads.clear()
    redraws.clear()
    context = window.context
    assert context.edit(commands.set_action_field(context, action.id, "title", "Renamed while hidden"))
    assert context.edit(commands.set_action_field(context, action.id, "change_level", "system"))
    assert context.edit(team_commands.change_member(context, owner, "name", "Renamed Owner"))
    assert reads == [] and redraws == []
    assert tab.source.behind  # the work waits for the tab

    reads.clear()
    click_tab(qtbot, window, "Action plan")
    qtbot.waitUntil(tab.isVisible)
    settled(qtbot, tab)  # shown first, then brought up to date a piece at a time
    assert not tab.source.behind
    assert len(reads) <= 2 and len(redraws) <= 1  # every change followed at once
    model = tab.actions_model
    shown = model.record_at(model.row_of(action.id))
    assert (shown.title, shown.change_level, shown.owner_name) == ("Renamed while hidden", "system", "Renamed Owner")
    assert _bar_labels(tab)[action.id] == "Renamed while hidden"
    assert tab.schedule.gantt.bars[action.id].row.owner == "Renamed Owner"
    owners = [tab.schedule.owner_filter.itemText(i) for i in range(tab.schedule.owner_filter.count())]
    assert "Renamed Owner" in owners and owner.name not in owners
    balance = tab.schedule.balance_line.text()
    with_system = window.context.read(lambda s: sum(a.change_level == "system" and a.status != "dropped"
                                                    for a in action_schedule.list_actions(s)))
    assert f"System {with_system}" in balance


def test_showing_the_tab_again_with_nothing_changed_reads_nothing(qtbot, window, reads, redraws):
    tab = plan_tab(qtbot, window)
    click_tab(qtbot, window, "Team")
    qtbot.waitUntil(lambda: not tab.isVisible())
    reads.clear()
    redraws.clear()
    click_tab(qtbot, window, "Action plan")
    qtbot.waitUntil(tab.isVisible)
    assert reads == [] and redraws == []
    assert tab.actions_model.rowCount() == len(window.context.read(action_schedule.list_actions))


def test_the_chart_asks_the_date_style_once_a_redraw(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    gantt = tab.schedule.gantt
    asked = []
    real = gantt_view.screen_style
    monkeypatch.setattr(gantt_view, "screen_style", lambda: asked.append(1) or real())
    gantt.redraw()
    assert len(gantt.bars) > 5 and len(asked) == 1
    bar = next(b for b in gantt.bars.values() if b.row.start != b.row.end)
    assert real().range(bar.row.start, bar.row.end) in bar.toolTip()


def test_the_tab_built_on_its_first_visit_draws_its_chart_once_at_the_sliders_zoom(qtbot, window, reads, redraws):
    tab = plan_tab(qtbot, window)
    gantt = tab.schedule.gantt
    assert len(redraws) == 1  # not at the default zoom and then again at the slider's
    assert gantt.day_width == gantt.px_per_day == tab.schedule.zoom.value() / 10
    assert len(reads) <= 2  # built once: being shown read nothing more
    assert len(gantt.bars) == sum(1 for r in gantt.chart.rows if r.action_id)


def _scene_picture(gantt) -> list[tuple]:
    """Every item of the chart's scene as it looks: its kind, place, colour, words and tooltip."""
    from PySide6.QtWidgets import QAbstractGraphicsShapeItem, QGraphicsSimpleTextItem

    picture = []
    for item in gantt.scene().items():
        box = item.sceneBoundingRect()
        picture.append((type(item).__name__, round(box.x(), 2), round(box.y(), 2), round(box.width(), 2),
                        round(box.height(), 2), item.zValue(), item.toolTip(),
                        item.brush().color().name() if isinstance(item, QAbstractGraphicsShapeItem) else "",
                        item.text() if isinstance(item, QGraphicsSimpleTextItem) else ""))
    return sorted(picture)


def test_rows_drawn_again_after_an_edit_look_as_a_whole_redraw_draws_them(qtbot, window):
    tab = plan_tab(qtbot, window)
    gantt, context = tab.schedule.gantt, window.context
    action = next(a for a in context.read(action_schedule.list_actions)
                  if a.end is not None and not a.milestone and a.predecessor_ids)
    assert context.edit(commands.set_action_field(context, action.id, "percent_done", 40))
    assert context.edit(commands.set_action_field(context, action.id, "end", action.end + dt.timedelta(days=9)))
    settled(qtbot, tab)
    assert gantt.bars[action.id].row.percent == 40
    every_row = lambda: gantt.rows_drawn == len(gantt.chart.rows)  # noqa: E731 (the rest follow the rows in view)
    qtbot.waitUntil(every_row)
    drawn = _scene_picture(gantt)
    description = gantt.accessibleDescription()
    gantt.redraw()
    qtbot.waitUntil(every_row)
    assert _scene_picture(gantt) == drawn
    assert gantt.accessibleDescription() == description


def test_a_refused_move_puts_the_dragged_bar_back(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    gantt = tab.schedule.gantt
    action = next(a for a in window.context.read(action_schedule.list_actions) if a.end is not None and not a.milestone)
    placed = gantt.bars[action.id].sceneBoundingRect()
    gantt.bars[action.id].setRect(gantt.bars[action.id].rect().translated(7 * gantt.day_width, 0))  # dragged
    monkeypatch.setattr(window.context, "edit", lambda _edit: False)  # the plan refuses the move
    monkeypatch.setattr(tab, "_confirm_move", lambda _effects: False)
    row = gantt.bars[action.id].row
    gantt.moved.emit(action.id, row.start + dt.timedelta(days=7), row.end + dt.timedelta(days=7), "move")
    assert gantt.bars[action.id].sceneBoundingRect() == placed


def test_a_small_plans_tables_follow_an_edit_with_it_and_the_rest_in_turn(qtbot, window):
    # All of the tab's work in a row held the window 120-190 ms after a cell typed in the sample's
    # action table: the tables follow with the edit (the next key lands on what it shows), the chart,
    # the objective's panel and the lines each in an event of its own after it.
    tab = plan_tab(qtbot, window)
    assert not tab.source.in_background
    context, model = window.context, tab.actions_model
    action = model.record_at(0)
    answers = dict(tab.feedback_model.answer_choices())
    assert context.edit(commands.set_action_field(context, action.id, "title", "Renamed with the edit"))
    assert model.record_at(model.row_of(action.id)).title == "Renamed with the edit"  # no event run yet
    assert dict(tab.feedback_model.answer_choices()) != answers  # every table: the next key may go to any
    assert tab.reading and _bar_labels(tab)[action.id] == action.title  # the chart is still to follow
    settled(qtbot, tab)
    assert _bar_labels(tab)[action.id] == "Renamed with the edit"
    assert any("Renamed with the edit" in label for label in dict(tab.feedback_model.answer_choices()).values())
