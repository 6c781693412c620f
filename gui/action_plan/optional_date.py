"""A date field that may be empty ("no date", "any"), typed in the computer's order.

An empty date is Qt's minimum date with a word in its place. Left alone, typing into that word or
opening the calendar on it starts from 1 January 2000, and Tab stays in it (Qt's date field tabs
between its sections, and the word has none). Here the first digit typed into an empty field starts
from a sensible day (today, or what the form offers), the calendar opens on that day's month,
Tab and Shift+Tab go on to the next control, and Delete on the whole date empties it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDateEdit, QDateTimeEdit, QWidget

from gui.screen_dates import from_qdate, make_date_edit, to_qdate

EMPTY = QDate(2000, 1, 1)


class _EmptyDateKeys(QObject):
    def __init__(self, edit: QDateEdit, default_day: Callable[[], dt.date]):
        super().__init__(edit)
        self.edit, self.default_day = edit, default_day

    def eventFilter(self, watched, event) -> bool:
        edit = self.edit
        if watched is edit and event.type() == QEvent.Type.KeyPress:
            return self._key(event)
        if event.type() == QEvent.Type.Show and watched is edit.calendarWidget() and is_empty(edit):
            day = self.default_day()
            watched.setCurrentPage(day.year, day.month)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        edit, text, key = self.edit, event.text(), event.key()
        if is_empty(edit):
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                QAbstractSpinBox.focusNextPrevChild(edit, key == Qt.Key.Key_Tab)
                return True
            if text.isdigit():  # start from a real day, then type this digit into its first section
                edit.setDate(to_qdate(self.default_day()))
                edit.setSelectedSection(edit.sectionAt(0))
                QApplication.sendEvent(edit, QKeyEvent(event.type(), key, event.modifiers(), text))
                return True
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                edit.lineEdit().selectedText() == edit.lineEdit().text():
            edit.setDate(EMPTY)
            return True
        return False


def is_empty(edit: QDateEdit) -> bool:
    return edit.date() == EMPTY


def optional_date_edit(parent: QWidget | None, object_name: str, empty_text: str,
                       default_day: Callable[[], dt.date] = dt.date.today) -> QDateEdit:
    """An empty date field (showing ``empty_text``) that starts at ``default_day()`` when typed into."""
    edit = make_date_edit(parent, None, object_name)
    edit.setMinimumDate(EMPTY)
    edit.setSpecialValueText(empty_text)
    edit.setDate(EMPTY)
    edit.setCurrentSection(QDateTimeEdit.Section.MonthSection)
    keys = _EmptyDateKeys(edit, default_day)
    edit.installEventFilter(keys)
    if edit.calendarWidget() is not None:
        edit.calendarWidget().installEventFilter(keys)
    return edit


def optional_date(edit: QDateEdit) -> dt.date | None:
    return None if is_empty(edit) else from_qdate(edit.date())


def show_optional_date(edit: QDateEdit, day: dt.date | None) -> None:
    edit.blockSignals(True)
    edit.setDate(to_qdate(day) if day else EMPTY)
    edit.blockSignals(False)
