"""The Action plan's feedback log as a team member works it: add what was said, choose who said it
and the action that answers it in the table by typing, see it marked answered, filter to what is
not answered yet, and undo each step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QPushButton

from services.action_plan import feedback_log
from services.district_profile import list_position_groups
from tests.gui_windows import open_tab_for_typing
from tests.test_gui_team import click_cell, press_enter

SAID = "Drivers want the relief rota posted a week ahead."


def _feedback_page(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    tab.pages.setCurrentWidget(tab.feedback_page)
    qtbot.waitUntil(tab.feedback_page.isVisible)
    return tab


def _choose_in_cell(qtbot, view, row: int, column: int, typed: str) -> None:
    """Open the cell's drop-down with F2, type the start of a choice, Enter: as a keyboard user does."""
    click_cell(qtbot, view, row, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    qtbot.keyClicks(combo, typed)
    press_enter(qtbot, combo)


def _stored(window):
    return next(f for f in window.context.read(feedback_log.list_items) if f.said == SAID)


def test_type_a_row_link_an_action_filter_and_undo(qtbot, window, monkeypatch):
    tab = _feedback_page(qtbot, window)
    page, model = tab.feedback_page, tab.feedback_model
    before = model.rowCount()
    assert "1 not answered yet" in page.summary.text()  # the sample's kitchen staff

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (SAID, True))
    qtbot.mouseClick(page.findChild(QPushButton, "addFeedback"), Qt.MouseButton.LeftButton)
    assert model.rowCount() == before + 1
    row = model.row_of(_stored(window).id)
    assert model.index(row, model.column_of("answer")).data() == feedback_log.NOT_ANSWERED
    assert "2 not answered yet" in page.summary.text()

    _choose_in_cell(qtbot, page.view, row, model.column_of("group_id"), "Transportation")
    transport = next(g.id for g in window.context.read(list_position_groups) if g.name == "Transportation")
    assert _stored(window).group_id == transport

    _choose_in_cell(qtbot, page.view, row, model.column_of("answer"), "New")  # a space would open the list
    stored = _stored(window)
    assert stored.answered and model.index(row, model.column_of("answer")).data() == \
        "New break schedules start (action)"
    assert "1 not answered yet" in page.summary.text()

    # the filter keeps only what waits for an answer
    qtbot.mouseClick(page.only_unanswered, Qt.MouseButton.LeftButton)
    shown = [model.record_at(r).said for r in range(model.rowCount())]
    assert SAID not in shown and shown == [f.said for f in window.context.read(feedback_log.list_items)
                                           if not f.answered]
    qtbot.mouseClick(page.only_unanswered, Qt.MouseButton.LeftButton)

    window.undo_action.trigger()  # the answer
    assert not _stored(window).answered and "2 not answered yet" in page.summary.text()
    window.undo_action.trigger()  # the group
    assert _stored(window).group_id is None
    window.undo_action.trigger()  # the row
    assert model.rowCount() == before
    assert not any(f.said == SAID for f in window.context.read(feedback_log.list_items))


def test_remove_feedback_with_delete_and_undo(qtbot, window):
    tab = _feedback_page(qtbot, window)
    page, model = tab.feedback_page, tab.feedback_model
    before = [f.id for f in window.context.read(feedback_log.list_items)]
    click_cell(qtbot, page.view, 0, model.column_of("said"))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert len(window.context.read(feedback_log.list_items)) == len(before) - 1
    window.undo_action.trigger()
    assert [f.id for f in window.context.read(feedback_log.list_items)] == before


def test_the_feedback_model_behaves(qtmodeltester, qtbot, window):
    tab = _feedback_page(qtbot, window)
    qtmodeltester.check(tab.feedback_model)


def test_rows_pasted_from_a_spreadsheet_become_feedback_in_one_undo_step(qtbot, window, monkeypatch):
    import datetime as dt

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    tab = _feedback_page(qtbot, window)
    page = tab.feedback_page
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    before = len(window.context.read(feedback_log.list_items))
    QGuiApplication.clipboard().setText(
        "Received\tFrom staff group\tOr from\tChannel\tWhat was said\tAnswered by\n"
        "11/02/2026\ttransportation\t\tstaff meeting\tThe depot room is too cold.\t"
        "Set up a break room at the bus depot (action)\n"
        "11/03/2026\t\tCedar Park PTA\tEmail\tThank you for the quiet rooms.\t\n")
    click_cell(qtbot, page.view, 0, 0)
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    items = window.context.read(feedback_log.list_items)
    assert len(items) == before + 2
    cold = next(f for f in items if f.said == "The depot room is too cold.")
    assert cold.received_on == dt.date(2026, 11, 2) and cold.channel == "Staff meeting" and cold.answered
    thanks = next(f for f in items if f.said == "Thank you for the quiet rooms.")
    assert (thanks.group_id, thanks.from_text, thanks.answered) == (None, "Cedar Park PTA", False)
    window.undo_action.trigger()
    assert len(window.context.read(feedback_log.list_items)) == before
