"""School breaks as a person keeps them: Action plan > School breaks... opens the dialog, a break is
typed in (name, Tab, dates) and added, it is listed and shaded on the Gantt chart; a break ending
before it starts is refused with a message and nothing is written; a break is removed; Ctrl+Z in
the main window and Edit > Redo take each edit back and forth.

The app has no working-day arithmetic that reads breaks: they are shown as the Gantt chart's
shading (on screen and printed), so that is what is checked here."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QGraphicsRectItem, QMessageBox, QPushButton

from gui.action_plan import action_plan_tab
from gui.action_plan.breaks_dialog import BreaksDialog
from gui.action_plan.gantt_view import GanttView
from services import district_profile
from services.action_plan import school_calendar
from tests.cli_run import digest
from tests.gui_windows import modal_dialogs_of, open_from_toolbar, open_window
from tests.test_gui_action_plan import plan_tab

D = dt.date
YEAR_START, YEAR_END = D(2026, 8, 17), D(2027, 6, 11)


@pytest.fixture
def window(qtbot, qt_settings, empty_plan):
    """The window over a new plan with the 2026-27 school year (the sample takes seconds to build)."""
    with empty_plan.transaction() as s:
        district_profile.update_profile(s, year_start=YEAR_START, year_end=YEAR_END)
        school_calendar.add_break(s, "Thanksgiving break", D(2026, 11, 25), D(2026, 11, 27))
    return open_window(qtbot, qt_settings, empty_plan)


@pytest.fixture
def opened(monkeypatch) -> list[BreaksDialog]:
    return modal_dialogs_of(monkeypatch, action_plan_tab)


def open_breaks(qtbot, window, opened) -> BreaksDialog:
    return open_from_toolbar(qtbot, plan_tab(qtbot, window), "School breaks...", opened)


def type_date(qtbot, edit, day: dt.date) -> None:
    """Type a date as a US computer's person does (the tests' locale): 12/21/2026."""
    qtbot.keyClicks(edit, f"{day:%m/%d/%Y}")


def type_break(qtbot, dialog: BreaksDialog, name: str, first: dt.date, last: dt.date) -> None:
    """Type the name, Tab to the first date, type it, Tab to the last, type it, then click Add."""
    dialog.activateWindow()  # back from a message box
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.name, name)
    for day, field in ((first, dialog.first), (last, dialog.last)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is field
        type_date(qtbot, field, day)
    assert (dialog.first.date().toPython(), dialog.last.date().toPython()) == (first, last)
    qtbot.mouseClick(dialog.findChild(QPushButton, "addBreak"), Qt.MouseButton.LeftButton)


def close(qtbot, window, dialog: BreaksDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    """A shortcut typed in the main window (Ctrl+Z undo)."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def stored(window) -> list[tuple[str, dt.date, dt.date]]:
    return [(b.name, b.starts_on, b.ends_on) for b in window.context.read(school_calendar.list_breaks)]


def listed(dialog: BreaksDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def chart(window) -> GanttView:
    return window.tab("action_plan").findChild(GanttView, "gantt")


def shaded(qtbot, window) -> dict[str, tuple[float, float]]:
    """The Gantt chart's break shading: each break's name and the left and right of its band, once the
    tab has followed the last change (the chart follows a moment after the dialog's list)."""
    qtbot.waitUntil(lambda: not window.tab("action_plan").reading)
    gantt = chart(window)
    bands = {}
    for item in gantt.scene().items():
        if isinstance(item, QGraphicsRectItem) and ":" in item.toolTip() and item.zValue() == -2:
            rect = item.rect()
            bands[item.toolTip().split(":")[0]] = (rect.left(), rect.right())
    return bands


def band_of(window, first: dt.date, last: dt.date) -> tuple[float, float]:
    gantt = chart(window)
    return gantt.x_of(first), gantt.x_of(last) + gantt.day_width  # scene units: the view scales them on a zoom


def test_a_typed_break_is_listed_shaded_and_undone_with_ctrl_z(qtbot, window, opened):
    dialog = open_breaks(qtbot, window, opened)
    assert listed(dialog) == ["Thanksgiving break: Wed Nov 25, 2026 \u2013 Fri Nov 27, 2026"]
    assert set(shaded(qtbot, window)) == {"Thanksgiving break"}

    type_break(qtbot, dialog, "Winter break", D(2026, 12, 21), D(2027, 1, 1))
    winter = ("Winter break", D(2026, 12, 21), D(2027, 1, 1))
    assert stored(window) == [("Thanksgiving break", D(2026, 11, 25), D(2026, 11, 27)), winter]
    assert listed(dialog)[1] == "Winter break: Mon Dec 21, 2026 \u2013 Fri Jan 1, 2027"
    # The chart behind the dialog shades the twelve days at once, with the break's name on hover.
    assert shaded(qtbot, window)["Winter break"] == pytest.approx(band_of(window, winter[1], winter[2]))
    assert dialog.name.text() == ""  # ready for the next one

    close(qtbot, window, dialog)
    press(qtbot, window, Qt.Key.Key_Z)
    assert winter not in stored(window) and "Winter break" not in shaded(qtbot, window)
    window.redo_action.trigger()  # Edit > Redo
    assert winter in stored(window)
    assert shaded(qtbot, window)["Winter break"] == pytest.approx(band_of(window, winter[1], winter[2]))
    dialog = open_breaks(qtbot, window, opened)
    assert listed(dialog)[1] == "Winter break: Mon Dec 21, 2026 \u2013 Fri Jan 1, 2027"
    close(qtbot, window, dialog)


def rejection(qtbot, window) -> str:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "rejectedEdit")
    text = box.text()
    box.accept()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is None)
    return text


def test_a_break_ending_before_it_starts_is_refused_and_nothing_is_written(qtbot, window, opened):
    dialog = open_breaks(qtbot, window, opened)
    before, undo_steps = digest(window.context.plan.path), window.context.undo_stack.count()
    type_break(qtbot, dialog, "Spring break", D(2027, 4, 5), D(2027, 3, 26))
    assert rejection(qtbot, window) == "A break can't end before it starts."
    assert digest(window.context.plan.path) == before
    assert window.context.undo_stack.count() == undo_steps
    assert len(listed(dialog)) == 1 and set(shaded(qtbot, window)) == {"Thanksgiving break"}
    # A break without a name is refused the same way.
    type_break(qtbot, dialog, "   ", D(2027, 3, 22), D(2027, 3, 26))
    assert rejection(qtbot, window) == "A break needs a name, such as 'Winter break'."
    assert digest(window.context.plan.path) == before and len(listed(dialog)) == 1
    close(qtbot, window, dialog)


def test_a_refused_break_keeps_what_was_typed(qtbot, window, opened):
    dialog = open_breaks(qtbot, window, opened)
    type_break(qtbot, dialog, "Spring break", D(2027, 4, 5), D(2027, 3, 26))
    rejection(qtbot, window)
    assert dialog.name.text() == "Spring break"
    assert dialog.first.date() == QDate(2027, 4, 5) and dialog.last.date() == QDate(2027, 3, 26)


def test_remove_a_break_and_bring_it_back_with_ctrl_z(qtbot, window, opened):
    dialog = open_breaks(qtbot, window, opened)
    type_break(qtbot, dialog, "Winter break", D(2026, 12, 21), D(2027, 1, 1))
    assert len(listed(dialog)) == 2
    thanksgiving = ("Thanksgiving break", D(2026, 11, 25), D(2026, 11, 27))
    item = dialog.list.item(0)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.list.visualItemRect(item).center())
    assert dialog.list.currentRow() == 0
    qtbot.mouseClick(dialog.findChild(QPushButton, "removeBreak"), Qt.MouseButton.LeftButton)
    assert thanksgiving not in stored(window) and [n for n, *_ in stored(window)] == ["Winter break"]
    assert listed(dialog) == ["Winter break: Mon Dec 21, 2026 \u2013 Fri Jan 1, 2027"]
    assert set(shaded(qtbot, window)) == {"Winter break"}

    close(qtbot, window, dialog)
    press(qtbot, window, Qt.Key.Key_Z)  # the removal
    assert thanksgiving in stored(window)
    assert shaded(qtbot, window)["Thanksgiving break"] == pytest.approx(band_of(window, thanksgiving[1], thanksgiving[2]))
    press(qtbot, window, Qt.Key.Key_Z)  # the winter break's addition
    assert stored(window) == [thanksgiving] and set(shaded(qtbot, window)) == {"Thanksgiving break"}
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert [n for n, *_ in stored(window)] == ["Winter break"]
    dialog = open_breaks(qtbot, window, opened)
    assert listed(dialog) == ["Winter break: Mon Dec 21, 2026 \u2013 Fri Jan 1, 2027"]
    close(qtbot, window, dialog)


def test_ctrl_y_and_ctrl_shift_z_in_the_main_window_redo(qtbot, window, opened):
    dialog = open_breaks(qtbot, window, opened)
    type_break(qtbot, dialog, "Winter break", D(2026, 12, 21), D(2027, 1, 1))
    close(qtbot, window, dialog)
    press(qtbot, window, Qt.Key.Key_Z)
    assert "Winter break" not in shaded(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Y)
    assert "Winter break" in [n for n, *_ in stored(window)] and "Winter break" in shaded(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Z)
    assert "Winter break" not in shaded(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Winter break" in shaded(qtbot, window)
