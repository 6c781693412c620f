"""The Action plan tab with the habits people bring from Excel and Word: typed dates keep the row
where it is, dates typed in the computer's order, rows pasted from a spreadsheet, a question before
a removal that takes other things with it, right-click menus, an empty Objectives page that says
what to do first, and a schedule that still works on a small screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDateEdit, QInputDialog, QMessageBox, QPushButton

from gui.action_plan.plan_models import first_working_day
from services.action_plan import action_schedule, communications, improvement_cycles, objectives
from tests.test_gui_action_plan import _action, plan_tab
from tests.test_gui_team import click_cell

D = dt.date


def open_editor(qtbot, view, row: int, column: int):
    """Click the cell and press F2, as a person opens a cell to type in it; the editor that opens."""
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click_cell(qtbot, view, row, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() not in (None, view))
    return QApplication.focusWidget()


def test_a_typed_start_date_keeps_the_row_in_place_and_the_next_value_lands_on_it(qtbot, window):
    tab = plan_tab(qtbot, window)
    view, model = tab.schedule.actions_view, tab.actions_model
    first = model.record_at(0)
    later = model.record_at(1)  # starts after the first: a new start past it reorders the plan
    assert later.start > first.start
    new_start = later.start + dt.timedelta(days=2)
    assert new_start < first.end
    editor = open_editor(qtbot, view, 0, model.column_of("start"))
    assert isinstance(editor, QDateEdit) and editor.displayFormat() == "MM/dd/yyyy"
    qtbot.keyClicks(editor, f"{new_start:%m/%d/%Y}")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # commits, and goes on to the End cell of the same row
    qtbot.waitUntil(lambda: _action(window, first.title).start == new_start)
    assert [a.id for a in window.context.read(action_schedule.list_actions)][:2] == [later.id, first.id]
    assert model.record_at(0).id == first.id  # stayed where it was on screen
    assert view.currentIndex().row() == 0 and view.currentIndex().column() == model.column_of("end")
    editor = QApplication.focusWidget()
    if not isinstance(editor, QDateEdit):  # Tab may land on the cell rather than open it
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
    new_end = first.end + dt.timedelta(days=3)
    qtbot.keyClicks(editor, f"{new_end:%m/%d/%Y}")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _action(window, first.title).end == new_end)
    assert _action(window, later.title).end == later.end  # the other action untouched
    # Enter went down, as in Excel, to the next row under the cell where the typing began
    assert model.record_at(0).id == first.id
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, model.column_of("start"))
    # a click on the Start heading sorts again, by start date
    header = view.horizontalHeader()
    column = model.column_of("start")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 8, header.height() // 2))
    starts = [r.start for r in model.records() if r.start]
    assert starts == sorted(starts) and model.record_at(0).id != first.id


def test_an_empty_date_cell_starts_at_a_sensible_day_and_takes_a_us_date(qtbot, window):
    tab = plan_tab(qtbot, window)
    monkey_title = "Order break-room chairs"
    from gui.action_plan import commands

    edit = commands.add_action(window.context, monkey_title)
    assert window.context.edit(edit)
    view, model = tab.schedule.actions_view, tab.actions_model
    row = model.row_of(edit.result)
    assert row == model.rowCount() - 1  # a new action comes in at the end
    assert model.index(row, model.column_of("start")).data(Qt.ItemDataRole.EditRole).isValid() is False
    editor = open_editor(qtbot, view, row, model.column_of("start"))
    assert editor.date().toPython() == first_working_day(window.context)  # never 1/1/2000
    assert editor.width() >= editor.sizeHint().width()
    qtbot.keyClicks(editor, "11/01/2027")
    assert editor.text() == "11/01/2027"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _action(window, monkey_title).start == D(2027, 11, 1))


def answer_removal(monkeypatch, button: str) -> list[str]:
    """Answer the removal question by clicking ``button`` ("Cancel" or "Remove"); the questions
    asked (with what goes with the record) are returned."""
    import gui.widgets.confirm as confirm

    asked: list[str] = []

    def click(box):
        asked.append(box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()

    monkeypatch.setattr(confirm, "run_modal", click)
    return asked


def test_delete_on_an_approved_scheduled_action_says_what_goes_with_it(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    view, model = tab.schedule.actions_view, tab.actions_model
    approved = next(r for r in model.records() if r.candidate_id is not None and r.scheduled)
    from gui.action_plan import commands

    assert window.context.edit(commands.add_cycle(window.context, "Try it on two routes", action_id=approved.id))
    click_cell(qtbot, view, model.row_of(approved.id), 0)
    asked = answer_removal(monkeypatch, "Cancel")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked and f"Remove \u201c{approved.title}\u201d from the plan?" in asked[0]
    assert "Its dates on the schedule and the Gantt chart will be removed." in asked[0]
    assert "One PDSA cycle on it (\u201cTry it on two routes\u201d) will be removed." in asked[0]
    assert model.row_of(approved.id) >= 0  # Cancel kept it
    asked = answer_removal(monkeypatch, "Remove")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked and model.row_of(approved.id) == -1
    assert not any(c.action_id == approved.id for c in window.context.read(improvement_cycles.list_cycles))
    window.undo_action.trigger()  # one step brings back the action and its cycle
    assert model.row_of(approved.id) >= 0
    assert any(c.action_id == approved.id for c in window.context.read(improvement_cycles.list_cycles))


def test_removing_an_objective_asks_and_an_empty_objectives_page_says_what_to_do(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.objectives_page)
    page = tab.objectives_page
    asked = answer_removal(monkeypatch, "Remove")
    while page.model.rowCount():
        click_cell(qtbot, page.list, 0, 0)
        qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert any("will stay in the plan with no objective" in q for q in asked)
    assert any("measurements of the indicator will be removed" in q for q in asked)
    assert window.context.read(objectives.list_objectives) == []
    assert all(a.objective_id is None for a in window.context.read(action_schedule.list_actions))
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert page.stack.currentWidget() is page.empty
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("By May 2027, every driver gets a break.", True))
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.empty.isVisible())
    assert [o.statement for o in window.context.read(objectives.list_objectives)] == \
        ["By May 2027, every driver gets a break."]


def test_three_rows_pasted_from_excel_become_actions_in_one_undo_step(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    view, model = tab.schedule.actions_view, tab.actions_model
    objective = window.context.read(objectives.list_objectives)[1]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    before = model.rowCount()
    QGuiApplication.clipboard().setText(
        "Order break-room chairs\t(none)\tken watanabe\t11/01/2027\t11/12/2027\tNot started\t0\r\n"
        f"Paint the quiet rooms\t{objective.short}\tPat Contractor\t11/03/2027\t11/20/2027\tIn progress\t20%\r\n"
        "Ends before it starts\t\t\t11/05/2027\t11/02/2027\t\t\r\n")
    click_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == before + 2)
    chairs, paint = _action(window, "Order break-room chairs"), _action(window, "Paint the quiet rooms")
    assert (chairs.owner_name, chairs.start, chairs.end) == ("Ken Watanabe", D(2027, 11, 1), D(2027, 11, 12))
    assert (paint.objective_id, paint.owner_name, paint.status, paint.percent_done) == \
        (objective.id, "Pat Contractor", "in_progress", 20)
    assert told and "Row 3" in told[0] and "can't end" in told[0]
    assert {model.record_at(r).title for r in (before, before + 1)} == {"Order break-room chairs",
                                                                       "Paint the quiet rooms"}  # at the end
    window.undo_action.trigger()
    assert model.rowCount() == before


def test_rows_pasted_with_their_headings_become_communications(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.communications_page)
    view = tab.communications_page.view
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    before = len(window.context.read(communications.list_items))
    QGuiApplication.clipboard().setText(
        "Date\tAudience\tMessage\tChannel\tOwner\tDone\tCelebration\n"
        "11/01/2027\tfamilies\tWhat the survey said\tnewsletter\tKen Watanabe\tNo\tNo\n"
        "11/08/2027\tStaff\tQuiet rooms are open\tStaff meeting\t\tNo\tYes\n"
        "11/15/2027\tBoard\tThe plan at mid-year\tBoard meeting\t(none)\tYes\tNo\n")
    click_cell(qtbot, view, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    items = window.context.read(communications.list_items)
    assert len(items) == before + 3
    survey = next(i for i in items if i.message == "What the survey said")
    assert (survey.send_on, survey.audience, survey.channel, survey.on_gantt) == \
        (D(2027, 11, 1), "Families", "Newsletter", True)
    assert next(i for i in items if i.message == "Quiet rooms are open").celebration
    window.undo_action.trigger()
    assert len(window.context.read(communications.list_items)) == before


def test_every_table_has_a_right_click_menu_and_a_name(qtbot, window):
    tab = plan_tab(qtbot, window)
    assert tab.main_printout == "plan"
    view = tab.schedule.actions_view
    click_cell(qtbot, view, 0, 0)
    texts = [a.text().replace("&", "") for a in view.context_menu().actions() if not a.isSeparator()]
    for wanted in ("Add action...", "Remove action", "Copy", "Paste", "Depends on...", "Show where it came from",
                   "Add a PDSA cycle on it...", "School breaks..."):
        assert wanted in texts
    tables = {tab.schedule.actions_view: "Add action...", tab.objectives_page.list: "Add objective...",
              tab.objectives_page.measurements: "Add measurement...", tab.cycles_page.view: "Add cycle...",
              tab.communications_page.view: "Add message..."}
    for table, add in tables.items():
        assert table.accessibleName()
        texts = [a.text().replace("&", "") for a in table.context_menu().actions()]
        assert add in texts and any(t.startswith("Remove") for t in texts), texts
    approved = next(r for r in tab.actions_model.records() if r.candidate_id is not None)
    click_cell(qtbot, view, tab.actions_model.row_of(approved.id), 0)
    assert tab.source_menu_action.isEnabled()
    tab.source_menu_action.trigger()
    assert window.tabs.currentWidget().isAncestorOf(window.tab("priorities"))


def test_at_1024_by_700_the_zoom_slider_and_filters_still_work(qtbot, window):
    tab = plan_tab(qtbot, window)
    window.resize(1024, 700)
    schedule = tab.schedule
    qtbot.waitUntil(lambda: schedule.zoom.width() >= 100)
    for widget in (schedule.owner_filter, schedule.status_filter, schedule.from_filter, schedule.to_filter,
                   schedule.hide_done, schedule.show_communications, schedule.zoom, schedule.gantt):
        assert widget.isVisible() and widget.width() >= widget.minimumSizeHint().width() > 0, widget.objectName()
    before = schedule.gantt.px_per_day
    schedule.zoom.setFocus()
    qtbot.keyClick(schedule.zoom, Qt.Key.Key_PageUp)
    assert schedule.gantt.px_per_day > before
    # a date typed into the empty From filter, in US order, narrows the schedule
    total = tab.actions_model.rowCount()
    schedule.from_filter.setFocus()
    qtbot.keyClicks(schedule.from_filter, "02/01/2027")
    assert schedule.filters().date_from == D(2027, 2, 1)
    assert 0 < tab.actions_model.rowCount() < total
    assert all(r.end is None or r.end >= D(2027, 2, 1) for r in tab.actions_model.records())
    schedule.from_filter.lineEdit().selectAll()
    qtbot.keyClick(schedule.from_filter, Qt.Key.Key_Delete)
    assert schedule.filters().date_from is None and tab.actions_model.rowCount() == total


def test_an_objectives_target_date_is_typed_in_us_order_into_the_empty_field(qtbot, window):
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.objectives_page)
    page = tab.objectives_page
    row = next(r for r in range(page.model.rowCount()) if page.model.record_at(r).target_date is None)
    record = page.model.record_at(row)
    click_cell(qtbot, page.list, row, 0)
    assert page.target_date.text() == "no date"
    page.target_date.setFocus()
    qtbot.keyClicks(page.target_date, "06/01/2027")
    qtbot.keyClick(page.target_date, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.context.read(lambda s: objectives.get_objective(s, record.id)).target_date
                    == D(2027, 6, 1))
    qtbot.waitUntil(lambda: "Has a date" in page.marks["time_bound"].text())  # the checker follows the edit
    assert page.target_date.text() == "06/01/2027"


def test_every_page_of_the_tab_is_reachable_and_named_from_the_keyboard(qtbot, window):
    from tests.test_gui_accessibility import accessible_name, walk

    tab = plan_tab(qtbot, window)
    for index in range(tab.pages.count()):
        tab.pages.setCurrentIndex(index)
        page = tab.pages.currentWidget()
        inside = [w for w in walk(qtbot, window.tabs.tabBar()) if page.isAncestorOf(w)]
        assert inside, f"Tab never enters {tab.pages.tabText(index)}"
        unnamed = [f"{type(w).__name__} {w.objectName()}" for w in inside if not accessible_name(w)]
        assert not unnamed, f"{tab.pages.tabText(index)}: {unnamed}"


def test_the_breaks_and_measurement_dialogs_name_their_fields_and_take_us_dates(qtbot, window):
    from gui.action_plan.breaks_dialog import BreaksDialog
    from gui.action_plan.measurement_dialog import MeasurementDialog
    from services.action_plan import school_calendar
    from tests.test_gui_accessibility import accessible_name

    tab = plan_tab(qtbot, window)
    dialog = BreaksDialog(window.context, tab)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for widget in (dialog.list, dialog.name, dialog.first, dialog.last):
        assert accessible_name(widget), widget.objectName()
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "Teacher work day")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.first
    qtbot.keyClicks(dialog.first, "03/15/2027")
    assert dialog.last.date().toPython() == D(2027, 3, 15)  # the last day follows a later first day
    qtbot.mouseClick(dialog.findChild(QPushButton, "addBreak"), Qt.MouseButton.LeftButton)
    assert ("Teacher work day", D(2027, 3, 15), D(2027, 3, 15)) in window.context.read(
        lambda s: school_calendar.school_year(s).breaks)
    assert any(dialog.list.item(i).text() == "Teacher work day: Mon Mar 15, 2027 \u2013 Mon Mar 15, 2027"
               for i in range(dialog.list.count()))
    dialog.reject()
    measure = MeasurementDialog("Breaks taken", "%", tab)
    measure.show()
    measure.activateWindow()
    qtbot.waitUntil(measure.isActiveWindow)
    assert QApplication.focusWidget() is measure.when  # the first field
    qtbot.keyClicks(measure.when, "11/01/2027")
    assert measure.values()[0] == D(2027, 11, 1) and accessible_name(measure.when)
    measure.reject()


def test_delete_removes_every_selected_communication_in_one_undo_step(qtbot, window):
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.communications_page)
    view, model = tab.communications_page.view, tab.communications_model
    before = model.rowCount()
    chosen = {model.record_at(0).id, model.record_at(2).id}
    click_cell(qtbot, view, 0, 2)
    index = model.index(2, 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     view.visualRect(index).center())
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    remaining = {i.id for i in window.context.read(communications.list_items)}
    assert len(remaining) == before - 2 and not chosen & remaining
    window.undo_action.trigger()
    assert model.rowCount() == before


def test_the_gantt_chart_is_worked_and_read_from_the_keyboard(qtbot, window, monkeypatch):
    tab = plan_tab(qtbot, window)
    gantt = tab.schedule.gantt
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    assert "Objective:" in gantt.accessibleDescription() and "% done" in gantt.accessibleDescription()
    gantt.setFocus()
    qtbot.keyClick(gantt, Qt.Key.Key_Down)
    qtbot.keyClick(gantt, Qt.Key.Key_Down)
    chosen = tab.selected_action()  # the table follows the chart
    assert chosen is not None and chosen.id == gantt.selected_id
    assert gantt.accessibleName().startswith(f"Gantt chart, chosen: {chosen.title}: ")
    qtbot.keyClick(gantt, Qt.Key.Key_Right)
    assert _action(window, chosen.title).start == chosen.start + dt.timedelta(days=1)
    window.undo_action.trigger()
    assert _action(window, chosen.title).start == chosen.start


def test_a_cycles_empty_stage_date_starts_after_the_stage_before(qtbot, window):
    from gui.widgets.delegates import DEFAULT_DATE_ROLE

    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.cycles_page)
    model, view = tab.cycles_model, tab.cycles_page.view
    row = next(r for r in range(model.rowCount()) if model.record_at(r).do_date is None)
    cycle = model.record_at(row)
    offered = model.index(row, model.column_of("do_date")).data(DEFAULT_DATE_ROLE).toPython()
    assert offered == max(cycle.plan_date or offered, first_working_day(window.context))
    editor = open_editor(qtbot, view, row, model.column_of("do_date"))
    assert editor.date().toPython() == offered
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_a_new_plans_action_plan_says_what_to_do_first(qtbot, qt_settings, empty_plan):
    from tests.gui_windows import open_window

    window = open_window(qtbot, qt_settings, empty_plan)
    tab = plan_tab(qtbot, window)
    assert tab.schedule.status_line.text().startswith("No actions yet. Priorities approved on the Priorities tab")
    tab.pages.setCurrentWidget(tab.objectives_page)
    qtbot.waitUntil(tab.objectives_page.empty.isVisible)
    assert tab.objectives_page.empty.button.text() == "&Add the first objective..."
    from PySide6.QtWidgets import QLabel

    body = next(label for label in tab.objectives_page.empty.findChildren(QLabel) if label.wordWrap())
    assert "SMARTIE checks" in body.text() and body.height() >= body.heightForWidth(body.width())  # every line
