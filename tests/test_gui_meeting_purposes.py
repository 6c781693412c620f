"""Meetings with a purpose on the Team tab, driven as a person would: tick a meeting's purposes by
keyboard, see the sentence about what the year leaves out go away, undo, paste words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from gui.widgets.multi_choice import ChoiceTicks
from services.team import meetings
from tests.gui_windows import open_tab_for_typing
from tests.test_gui_team_habits import focus_cell


def _stored(window) -> dict[int, tuple[str, ...]]:
    return {m.id: m.purposes for m in window.context.read(meetings.list_meetings)}


def _clear_all(window) -> None:
    """The sample's meetings without purposes, as in a plan from before version 10."""
    def clear(s):
        for m in meetings.list_meetings(s):
            meetings.update_meeting(s, m.id, purposes=())
    with window.context.plan.transaction() as s:
        clear(s)
    window.context.changed.emit(frozenset({"meetings"}))


def _ticks(qtbot) -> ChoiceTicks:
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), ChoiceTicks))
    return QApplication.focusWidget()


def _close(qtbot, view, editor, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def test_purposes_ticked_by_keyboard_clear_the_warning_and_undo_brings_it_back(qtbot, window):
    _clear_all(window)
    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    view, model = tab.meetings_view, tab.meetings_model
    warning = tab.purpose_warning
    qtbot.waitUntil(lambda: not warning.isHidden())
    assert warning.text().startswith("No meeting this year is for the team's own functioning, reading the data and "
                                     "setting priorities, or the equity-focused action plan.")
    column = model.column_of("purposes")
    first, second = model.record_at(0), model.record_at(1)

    # F2 opens the ticks; Space ticks the first, Down then Space the second; Enter keeps both.
    focus_cell(qtbot, view, 0, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = _ticks(qtbot)
    assert editor.count() == 4 and editor.geometry().height() > view.rowHeight(0)
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    _close(qtbot, view, editor)
    qtbot.waitUntil(lambda: _stored(window)[first.id] == ("team", "data"))
    assert model.index(0, column).data() == "Team functioning; Reading data and setting priorities"
    assert window.context.undo_stack.undoText() == "Change meeting purposes"
    assert warning.text().startswith("No meeting this year is for the equity-focused action plan.")

    # Typing a number on the next meeting's cell opens the ticks with that purpose ticked.
    focus_cell(qtbot, view, 1, column)
    qtbot.keyClick(view, Qt.Key.Key_3)
    editor = _ticks(qtbot)
    assert editor.values() == ("plan",)
    _close(qtbot, view, editor)
    qtbot.waitUntil(lambda: _stored(window)[second.id] == ("plan",))
    qtbot.waitUntil(warning.isHidden)

    # Esc leaves a cell as it was.
    focus_cell(qtbot, view, 1, column)
    qtbot.keyClick(view, Qt.Key.Key_1)
    _close(qtbot, view, _ticks(qtbot), Qt.Key.Key_Escape)
    assert _stored(window)[second.id] == ("plan",)

    window.undo_action.trigger()
    assert _stored(window)[second.id] == ()
    qtbot.waitUntil(lambda: not warning.isHidden())
    assert warning.text().startswith("No meeting this year is for the equity-focused action plan.")
    window.redo_action.trigger()
    qtbot.waitUntil(warning.isHidden)


def test_purposes_pasted_as_words_and_refused_in_a_sentence(qtbot, window):
    _clear_all(window)
    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    view, model = tab.meetings_view, tab.meetings_model
    column = model.column_of("purposes")
    meeting = model.record_at(2)
    focus_cell(qtbot, view, 2, column)
    QGuiApplication.clipboard().setText("Equity-focused action plan; team")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _stored(window)[meeting.id] == ("team", "plan"))
    # What a cell copies pastes back into another.
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    focus_cell(qtbot, view, 3, column)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _stored(window)[model.record_at(3).id] == ("team", "plan"))

    QGuiApplication.clipboard().setText("Budget")
    focus_cell(qtbot, view, 2, column)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "rejectedEdit")
    assert box.text().startswith("'Budget' is not a meeting purpose.")
    box.close()
    assert _stored(window)[meeting.id] == ("team", "plan")


def test_other_shows_the_description_in_the_tooltip(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    model = tab.meetings_model
    meeting = model.record_at(0)
    with window.context.plan.transaction() as s:
        meetings.update_meeting(s, meeting.id, purposes=("other",), purpose="Budget review")
    window.context.changed.emit(frozenset({"meetings"}))
    row = model.row_of(meeting.id)
    qtbot.waitUntil(lambda: model.index(row, model.column_of("purposes")).data() == "Other")
    assert model.index(row, model.column_of("purposes")).data(Qt.ItemDataRole.ToolTipRole) == "Other: Budget review"


def test_tab_keeps_the_ticks_and_moves_on(qtbot, window):
    _clear_all(window)
    tab = open_tab_for_typing(qtbot, window, "Team", "team")
    view, model = tab.meetings_view, tab.meetings_model
    column = model.column_of("purposes")
    meeting = model.record_at(4)
    focus_cell(qtbot, view, 4, column)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = _ticks(qtbot)
    qtbot.keyClicks(editor, "e")  # a letter goes to the purpose it starts ("Equity-focused action plan")
    qtbot.keyClick(editor, Qt.Key.Key_Space)
    qtbot.keyClick(editor, Qt.Key.Key_4)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _stored(window)[meeting.id] == ("plan", "other"))
    # The keyboard went on to the next cell, the next meeting's date (Purposes is the last column).
    qtbot.waitUntil(lambda: view.currentIndex() == model.index(5, 0))
    assert not isinstance(QApplication.focusWidget(), ChoiceTicks)
