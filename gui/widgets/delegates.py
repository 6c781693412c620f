"""Editors for table cells: a drop-down of choices (stored value, shown label), and every table's
default editor (dates and times in the computer's order)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTimeEdit,
    QToolTip,
    QWidget,
)

from gui.screen_dates import make_date_edit, make_time_edit
from gui.widgets.word_elision import elide_at_word

Index = QModelIndex | QPersistentModelIndex


# The date an empty date cell's editor starts at, when the row knows better than today (an
# action's start: the school year's first day). A model answers it for that cell.
DEFAULT_DATE_ROLE = Qt.ItemDataRole.UserRole + 40
_ITEM = QStyle.ControlElement.CE_ItemViewItem
SHOWN_KEPT = 4000  # cells' texts as cut for their room, per table: several screenfuls of a wide table


class TableDelegate(QStyledItemDelegate):
    """Every table's cells. Text too long for its column is cut at a word ("Give counselors a…", not
    "Give counselors a priv…"; the whole shows in the tooltip). Dates and times are typed in the
    computer's order (``gui.screen_dates``) with a calendar to pick from; an empty date starts at
    today (or the date the model offers), never Qt's "1/1/2000"; the editor is never narrower than
    its text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # What a cell's text became in its room, by (text, room, font): a table paints the same
        # cells again and again (a tab shown again, a row selected, a scroll back), and measuring a
        # long text at each of its words was most of a cell's Python. Forgotten when full. (The font
        # itself is the key, hashed and compared by Qt: its ``key()`` text took 8 us a cell painted.)
        self._shown: dict[tuple[str, int, QFont], str] = {}
        self._margin: tuple[QStyle, int] | None = None  # the style's cell margin, asked once per style

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        if self._margin is None or self._margin[0] is not style:
            self._margin = (style, style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1)
        if opt.text:
            opt.text = self._fitted(opt, opt.rect.width() - 2 * self._margin[1])
        style.drawControl(_ITEM, opt, painter, widget)

    def _fitted(self, opt: QStyleOptionViewItem, room: int) -> str:
        key = (opt.text, room, QFont(opt.font))  # a copy: ``opt.font`` goes with the option
        shown = self._shown.get(key)
        if shown is None:
            metrics, text = opt.fontMetrics, opt.text
            shown = text
            if metrics.horizontalAdvance(text) > room:
                cut = elide_at_word(text, lambda t: metrics.horizontalAdvance(t) <= room)
                shown = cut if cut is not None else metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            if len(self._shown) >= SHOWN_KEPT:
                self._shown.clear()
            self._shown[key] = shown
        return shown

    def helpEvent(self, event, view, option, index) -> bool:
        # A cell cut short shows its whole text as a tooltip when the model gives none.
        if event is not None and index.isValid() and index.data(Qt.ItemDataRole.ToolTipRole) is None:
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text and option.fontMetrics.horizontalAdvance(text) > option.rect.width() - 6:
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDate):
            return make_date_edit(parent)
        if isinstance(value, QTime):
            return make_time_edit(parent)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit) and isinstance(value, QDate):
            if not value.isValid():
                offered = index.data(DEFAULT_DATE_ROLE)
                value = offered if isinstance(offered, QDate) and offered.isValid() else QDate.currentDate()
            editor.setDate(value)
            return
        if isinstance(editor, QTimeEdit) and isinstance(value, QTime):
            editor.setTime(value if value.isValid() else QTime(12, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QTimeEdit):
            model.setData(index, editor.time(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        super().updateEditorGeometry(editor, option, index)
        wanted = editor.sizeHint().width()
        if editor.width() < wanted:
            editor.resize(wanted, editor.height())


class _ChoiceCombo(QComboBox):
    """Remembers whether the list was opened, to tell a mouse pick from keyboard browsing."""

    popup_used = False

    def showPopup(self) -> None:
        self.popup_used = True
        super().showPopup()


class ChoiceDelegate(TableDelegate):
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
