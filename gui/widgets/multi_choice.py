"""A table cell holding one or more of a few choices (a meeting's purposes): edited as a short list
of tick boxes that opens in the cell.

By keyboard: F2 or Enter opens it (typing a choice's first letter opens it there), the arrows move,
Space or a choice's number ticks and unticks, Enter or Tab keeps the ticks as one undo step, Esc
leaves the cell as it was. The cell's value is a tuple of the ticked choices' values, in the
choices' order; pasted text goes to the model as text, which reads it back (``parse``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QStyleOptionViewItem, QWidget

from gui.widgets.delegates import TableDelegate

Index = QModelIndex | QPersistentModelIndex


class ChoiceTicks(QListWidget):
    """The editor: one tick box per choice; a digit ticks the choice with that number."""

    def __init__(self, choices: list[tuple[Any, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("choiceTicks")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, (value, label) in enumerate(choices, 1):
            item = QListWidgetItem(f"{number}  {label}" if len(choices) < 10 else label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setCurrentRow(0)
        self.setToolTip("Space or a number ticks a purpose; Enter keeps the ticks, Esc leaves them as they were.")

    def set_values(self, values: object) -> None:
        chosen = set(values) if isinstance(values, tuple | list | set | frozenset) else set()
        for row in range(self.count()):
            item = self.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def values(self) -> tuple[Any, ...]:
        return tuple(self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())
                     if self.item(row).checkState() == Qt.CheckState.Checked)

    def toggle(self, row: int) -> None:
        item = self.item(row)
        if item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            self.setCurrentRow(row)

    def keyPressEvent(self, event) -> None:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= self.count() and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.toggle(int(text) - 1)
            return
        if event.key() == Qt.Key.Key_Space and self.currentRow() >= 0:
            self.toggle(self.currentRow())
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        # A letter finds the choice that starts with it, past the number shown before each.
        wanted = search.casefold()
        for row in range(self.count()):
            label = self.item(row).text().split("  ", 1)[-1]
            if label.casefold().startswith(wanted):
                self.setCurrentRow(row)
                return

    def wanted_height(self) -> int:
        rows = sum(self.sizeHintForRow(r) for r in range(self.count()))
        return rows + 2 * self.frameWidth() + 2

    def wanted_width(self) -> int:
        return self.sizeHintForColumn(0) + 2 * self.frameWidth() + 8


class MultiChoiceDelegate(TableDelegate):
    """Tick boxes for a cell whose value is a tuple of ``choices()`` values ((value, label) pairs)."""

    def __init__(self, choices: Callable[[], list[tuple[Any, str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return ChoiceTicks(self._choices(), parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        editor.set_values(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, editor.values(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        # Opens over the cell, as tall as its choices, moved up to stay inside the table.
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.wanted_width()))
        rect.setHeight(max(rect.height(), editor.wanted_height()))
        room = editor.parentWidget().rect() if editor.parentWidget() is not None else rect
        if rect.bottom() > room.bottom():
            rect.moveBottom(max(room.bottom(), rect.height() - 1))
        if rect.right() > room.right():
            rect.moveRight(max(room.right(), rect.width() - 1))
        editor.setGeometry(rect)
        editor.raise_()
