"""Editors for table cells: a drop-down of choices (stored value, shown label)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex


class _ChoiceCombo(QComboBox):
    """Remembers whether the list was opened, to tell a mouse pick from keyboard browsing."""

    popup_used = False

    def showPopup(self) -> None:
        self.popup_used = True
        super().showPopup()


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box whose items come from ``choices()``: a list of (value, label)."""

    def __init__(self, choices: Callable[[], list[tuple[Any, str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = _ChoiceCombo(parent)
        for value, label in self._choices():
            combo.addItem(label, value)
        # A pick from the opened list commits at once; typing or arrowing through a closed box
        # commits on Enter or when leaving the cell, so browsing is one undo step, not many.
        combo.activated.connect(lambda _i: self._picked(combo))
        return combo

    def _picked(self, combo: _ChoiceCombo) -> None:
        if combo.popup_used:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        row = editor.findData(value)
        editor.setCurrentIndex(max(row, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
