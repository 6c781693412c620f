"""A multi-line text field that says when the person leaves it.

Free text (a description, a meeting intention, a year's conclusions) is recorded when focus
leaves the field, like a spreadsheet cell, so each edit is one undo step rather than one per
keystroke. Tab moves on to the next field instead of typing a tab, as in every other form.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit


class CommittingTextEdit(QPlainTextEdit):
    editing_finished = Signal()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.editing_finished.emit()
