"""The ratings table typed as a spreadsheet: "a digit, Tab, a digit, Enter" rates one rater.

Tab and Shift+Tab move between the rating cells only (Impact, Ease, then the next rater's
Impact), never into a rater's name. Enter commits and goes down, back to the column where the
person started tabbing across the row (Excel's habit), so the next digit lands on the next
rater's Impact. A digit typed while a name is current goes to that rater's Impact cell. A name
changes only through Rename rater: double-click or F2 on it asks for the new name.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QLineEdit,
    QStyledItemDelegate,
    QWidget,
)

from gui.widgets.tables import PlanTableView, make_table_view

Index = QModelIndex | QPersistentModelIndex


class RatingDelegate(QStyledItemDelegate):
    """A one-character editor that takes 1-5 (or nothing, to clear): fast from the keyboard."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802 (Qt's name)
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression("[1-5]?"), editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setAccessibleName(f"{index.model().headerData(index.column(), Qt.Orientation.Horizontal)} rating")
        return editor

    def setEditorData(self, editor: QLineEdit, index: Index) -> None:  # noqa: N802 (Qt's name)
        # Selected, so a typed digit (Qt sends it on after this) replaces the old rating.
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setText("" if value is None else str(value))
        editor.selectAll()

    def setModelData(self, editor: QLineEdit, model, index: Index) -> None:  # noqa: N802 (Qt's name)
        text = editor.text().strip()
        model.setData(index, int(text) if text else None, Qt.ItemDataRole.EditRole)


class RatingsView(PlanTableView):
    rename_requested = Signal(int)  # the row whose rater the person asked to rename

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.doubleClicked.connect(self._double_clicked)

    # The cells Tab visits -----------------------------------------------------------------------
    def _rating_columns(self) -> list[int]:
        model = self.model()
        return model.rating_columns() if model is not None and hasattr(model, "rating_columns") else []

    def _step(self, index: QModelIndex, forward: bool) -> QModelIndex:
        """The rating cell after (or before) ``index``, row by row; invalid past either end."""
        columns, model = self._rating_columns(), self.model()
        if not columns or model is None or model.rowCount() == 0:
            return QModelIndex()
        cells = [(r, c) for r in range(model.rowCount()) for c in columns]
        here = (index.row(), index.column()) if index.isValid() else None
        if here is None:
            target = cells[0] if forward else cells[-1]
        elif here in cells:
            n = cells.index(here) + (1 if forward else -1)
            if not 0 <= n < len(cells):
                return QModelIndex()
            target = cells[n]
        else:  # on a name: its row's first rating forward, the row before's last backward
            row = index.row() if forward else index.row() - 1
            if row < 0:
                return QModelIndex()
            target = (row, columns[0] if forward else columns[-1])
        return model.index(*target)

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802 (Qt's name)
        # Tab out of an open editor comes here (closeEditor's EditNextItem / EditPreviousItem).
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return self._step(self.currentIndex(), action == QAbstractItemView.CursorAction.MoveNext)
        return super().moveCursor(action, modifiers)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        # Tab with no editor open: the next rating cell, or on to the next control past the last one.
        model = self.model()
        if self.state() == QAbstractItemView.State.EditingState or model is None or not self.currentIndex().isValid():
            return QAbstractScrollArea.focusNextPrevChild(self, forward)
        target = self._step(self.currentIndex(), forward)
        if not target.isValid():
            self._row_start = None
            return QAbstractScrollArea.focusNextPrevChild(self, forward)
        self._note_tab_start()
        self.setCurrentIndex(target)
        return True

    def _note_tab_start(self) -> None:
        current = self.currentIndex()
        if current.isValid() and (self._row_start is None or self._row_start[0] != current.row()):
            self._row_start = (current.row(), current.column())

    # Keys (Enter going down, back to where Tab began on the row, is every plan table's) ----------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        current = self.currentIndex()
        columns = self._rating_columns()
        on_name = current.isValid() and columns and current.column() not in columns
        if on_name and event.key() == Qt.Key.Key_F2:
            self.rename_requested.emit(current.row())
            return
        if on_name and event.text().isdigit():
            self.setCurrentIndex(self.model().index(current.row(), columns[0]))
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        # Tabbing in lands on a rating, not a name, so the first digit typed is a rating.
        super().focusInEvent(event)
        columns, model = self._rating_columns(), self.model()
        if (event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason) and columns
                and model is not None and model.rowCount()):
            current, forward = self.currentIndex(), event.reason() == Qt.FocusReason.TabFocusReason
            if not current.isValid() or current.column() not in columns:
                row = current.row() if current.isValid() else (0 if forward else model.rowCount() - 1)
                self.setCurrentIndex(model.index(row, columns[0] if forward else columns[-1]))

    def _contents_changed(self, *args) -> None:
        # Ratings alone changed (``RatingsModel.reload``): a digit 1-5 is narrower than its column's
        # heading, so the columns are as wide as before and are not measured again.
        if (len(args) >= 2 and isinstance(args[0], QModelIndex) and isinstance(args[1], QModelIndex)
                and args[0].isValid() and args[1].isValid()
                and set(range(args[0].column(), args[1].column() + 1)) <= set(self._rating_columns())):
            return
        super()._contents_changed(*args)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() not in self._rating_columns():
            self.rename_requested.emit(index.row())


def make_ratings_view(parent: QWidget | None = None, name: str = "") -> RatingsView:
    """The ratings table, set up as every plan table is; the rater's name takes the spare width."""
    return make_table_view(parent, stretch_column=0, name=name, view_class=RatingsView)
