"""The Action plan tab as a user works it: drag a Gantt bar (and its dependants along) and undo,
resize a bar, type an objective's SMARTIE parts and see the checker change, a dependency loop
refused with a message, filters, PDSA cycles and communications."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from services.action_plan import action_schedule, communications, improvement_cycles, objectives
from tests.test_gui_team import click_action, click_cell, click_tab, type_into_editor


def plan_tab(qtbot, window):
    click_tab(qtbot, window, "Action plan")
    tab = window.tab("action_plan")
    qtbot.waitUntil(tab.isVisible)
    settled(qtbot, tab)
    return tab


def settled(qtbot, tab) -> None:
    """Wait until the tab has read the plan and followed every change (it reads in the background, then
    brings its tables, chart and lines up to date a piece at a time), as a person waits to see it."""
    qtbot.waitUntil(lambda: not tab.reading)


def _action(window, title):
    return next(a for a in window.context.read(action_schedule.list_actions) if a.title == title)


def scroll_into_view(qtbot, view, item) -> None:
    """Scroll until the whole bar is inside the view's viewport (a drag needs it on screen)."""
    view.ensureVisible(item)
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.mapFromScene(item.sceneBoundingRect()).boundingRect()))


def drag(qtbot, view, start_point, dx):
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start_point)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start_point + QPoint(round(dx * step / 5), 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start_point + QPoint(dx, 0))


def test_drag_a_bar_moves_its_dependants_along_and_undo_puts_them_back(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    gantt = tab.schedule.gantt
    title = "Agree schedules with the union"
    before = _action(window, title)
    successor = _action(window, "New break schedules start")
    bar = gantt.bars[before.id]
    scroll_into_view(qtbot, gantt, bar)
    center = gantt.mapFromScene(bar.sceneBoundingRect().center())
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    drag(qtbot, gantt, center, round(7 * gantt.px_per_day))  # one week later
    moved = _action(window, title)
    assert (moved.start - before.start).days == 7 and (moved.end - before.end).days == 7
    assert asked and "New break schedules start" in asked[0]
    assert _action(window, "New break schedules start").start > moved.end  # moved along
    assert window.context.read(action_schedule.conflicts) == []
    window.undo_action.trigger()
    assert _action(window, title).start == before.start
    assert _action(window, "New break schedules start").start == successor.start


def test_drag_the_end_of_a_bar_changes_only_its_end(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    gantt = tab.schedule.gantt
    before = _action(window, "Quarterly pulse on breaks")
    bar = gantt.bars[before.id]
    scroll_into_view(qtbot, gantt, bar)
    rect = bar.sceneBoundingRect()
    right_edge = gantt.mapFromScene(rect.right() - 2, rect.center().y())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    drag(qtbot, gantt, right_edge, round(3 * gantt.px_per_day))
    after = _action(window, "Quarterly pulse on breaks")
    assert after.start == before.start and (after.end - before.end).days == 3
    window.undo_action.trigger()
    assert _action(window, "Quarterly pulse on breaks").end == before.end


def test_selecting_in_the_table_selects_the_bar_and_a_loop_is_refused(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    first = _action(window, "Ask drivers and cooks when a break could fit")
    row = tab.actions_model.row_of(first.id)
    click_cell(qtbot, tab.schedule.actions_view, row, 0)
    assert tab.schedule.gantt.selected_id == first.id
    messages = []
    window.context.rejected.connect(messages.append)
    # "Ask drivers..." can't wait for "Agree schedules...", which waits (through Draft) for it
    from gui.action_plan import commands

    agree = _action(window, "Agree schedules with the union")
    assert not window.context.edit(commands.set_predecessors(window.context, first.id, [agree.id]))
    assert messages and "That would make a loop" in messages[-1] and "Draft break schedules" in messages[-1]
    assert _action(window, first.title).predecessor_ids == ()


def test_filters_hide_done_work_and_narrow_to_an_owner(qtbot, window):
    tab = plan_tab(qtbot, window)
    total = tab.actions_model.rowCount()
    qtbot.mouseClick(tab.schedule.hide_done, Qt.MouseButton.LeftButton)
    assert 0 < tab.actions_model.rowCount() < total
    assert all(r.status != "done" for r in tab.actions_model.records())
    index = tab.schedule.owner_filter.findText("Ken Watanabe")
    tab.schedule.owner_filter.setCurrentIndex(index)
    tab.schedule.owner_filter.activated.emit(index)
    assert {r.owner_name for r in tab.actions_model.records()} == {"Ken Watanabe"}
    assert all(r.owner == "Ken Watanabe" for r in tab.schedule.gantt.chart.rows if r.action_id)


def test_type_smartie_parts_and_the_checker_follows(qtbot, window):
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.objectives_page)
    page = tab.objectives_page
    page.list.selectRow(2)  # the EAP objective: Specific, Measurable and Time-bound missing
    record = page.record
    assert "No date" in page.marks["time_bound"].text()
    page.parts["time_bound"].setFocus()
    qtbot.keyClicks(page.parts["time_bound"], "By the end of May 2027")
    qtbot.keyClick(page.parts["time_bound"], Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "Has a date" in page.marks["time_bound"].text())
    assert window.context.read(lambda s: objectives.get_objective(s, record.id)).parts["time_bound"] == \
        "By the end of May 2027"
    page.target.setFocus()
    qtbot.keyClicks(page.target, "12")
    qtbot.keyClick(page.target, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "Has an indicator and a target number" in page.marks["measurable"].text())
    window.undo_action.trigger()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "No date" in page.marks["time_bound"].text())  # the panel follows the undo


def test_cycles_and_communications_are_edited_in_their_tables(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentIndex(2)
    cycle = tab.cycles_model.records()[1]  # the one not yet done
    click_cell(qtbot, tab.cycles_page.view, 1, tab.cycles_model.column_of("do_notes"))
    qtbot.keyClick(tab.cycles_page.view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "Six custodians came")
    stored = next(c for c in window.context.read(improvement_cycles.list_cycles) if c.id == cycle.id)
    assert stored.do_notes == "Six custodians came"
    assert stored.stage == "Study"
    tab.pages.setCurrentIndex(3)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("The first break schedules work", True))
    before = len(window.context.read(communications.list_items))
    tab.add_communication(celebration=True)
    items = window.context.read(communications.list_items)
    assert len(items) == before + 1 and any(i.celebration and "first break" in i.message for i in items)
    window.undo_action.trigger()
    assert len(window.context.read(communications.list_items)) == before


def test_plan_models_behave(qtmodeltester, qtbot, window):
    tab = plan_tab(qtbot, window)
    for model in (tab.actions_model, tab.objectives_model, tab.measurements_model, tab.cycles_model,
                  tab.communications_model):
        qtmodeltester.check(model)


def test_add_an_action_from_the_toolbar(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    tab = plan_tab(qtbot, window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Order break-room chairs", True))
    before = tab.actions_model.rowCount()
    click_action(qtbot, tab, tab.add_action_button)
    assert tab.actions_model.rowCount() == before + 1
    added = _action(window, "Order break-room chairs")
    assert added.scheduled and (added.end - added.start) == dt.timedelta(days=13)


def test_arrow_keys_nudge_the_selected_bar(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    before = _action(window, "Quarterly pulse on breaks")
    click_cell(qtbot, tab.schedule.actions_view, tab.actions_model.row_of(before.id), 0)
    tab.schedule.gantt.setFocus()
    qtbot.keyClick(tab.schedule.gantt, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert (_action(window, before.title).start - before.start).days == 7
    qtbot.keyClick(tab.schedule.gantt, Qt.Key.Key_Left)
    assert (_action(window, before.title).start - before.start).days == 6
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert _action(window, before.title).start == before.start


def test_school_breaks_are_listed_added_and_removed(qtbot, window):
    from PySide6.QtCore import QDate

    from gui.action_plan.breaks_dialog import BreaksDialog
    from services.action_plan import school_calendar

    dialog = BreaksDialog(window.context, plan_tab(qtbot, window))  # as School breaks... opens it, without waiting
    dialog.show()
    assert dialog.list.count() == 4
    assert dialog.list.item(1).text() == "Winter break: Mon Dec 21, 2026 \u2013 Fri Jan 1, 2027"
    dialog.name.setText("Teacher work day")
    dialog.first.setDate(QDate(2027, 1, 18))
    dialog.last.setDate(QDate(2027, 1, 18))
    qtbot.mouseClick(dialog.findChild(QPushButton, "addBreak"), Qt.MouseButton.LeftButton)
    assert [b.name for b in window.context.read(school_calendar.list_breaks)][2] == "Teacher work day"
    assert dialog.list.item(2).text().startswith("Teacher work day: Mon Jan 18, 2027")
    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.findChild(QPushButton, "removeBreak"), Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 4
    window.undo_action.trigger()
    assert dialog.list.count() == 5
    dialog.reject()
