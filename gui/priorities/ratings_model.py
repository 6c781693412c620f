"""One action's ratings, a row per rater: type a digit 1-5 for impact and ease, Delete to clear."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QWidget

from gui.plan_context import ACTIONS, RATINGS, PlanContext, PlanEdit
from gui.priorities import commands
from gui.priorities.board_model import PriorityListModel
from gui.widgets.record_model import Column, RecordTableModel
from services.priorities.priority_board import PriorityItem

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RaterRow:
    id: int  # the rater's id
    name: str
    impact: int | None
    ease: int | None


class RatingsModel(RecordTableModel):
    topics = frozenset({ACTIONS, RATINGS})

    def __init__(self, context: PlanContext, boards: PriorityListModel):
        # The list model reads the board first on every change (it connected to the context
        # first, and Qt calls slots in connection order), so this model reuses its reading.
        self.boards = boards
        self.item: PriorityItem | None = None
        super().__init__(context, [
            Column("name", "Rater", lambda r: r.name, lambda r: r.name,
                   tooltip=lambda _r: "A person, or a subgroup as in the focus-group guide. Type to rename."),
            Column("impact", "Impact (1-5)", lambda r: r.impact or "", lambda r: r.impact, align_right=True,
                   tooltip=lambda _r: "How much it would improve staff wellness: 5 = a great deal."),
            Column("ease", "Ease (1-5)", lambda r: r.ease or "", lambda r: r.ease, align_right=True,
                   tooltip=lambda _r: "How easy it is to put in place: 5 = very easy."),
        ])

    def show_item(self, item: PriorityItem | None) -> None:
        self.item = item
        self.reload()

    def load(self) -> list[RaterRow]:
        board = self.boards.board
        current = board.item(self.item.id) if board is not None and self.item is not None else None
        self.item = current
        given = {r.rater_id: r for r in current.ratings} if current else {}
        return [RaterRow(r.id, r.name, getattr(given.get(r.id), "impact", None), getattr(given.get(r.id), "ease", None))
                for r in board.raters] if current else []

    def make_edit(self, record: RaterRow, key: str, value: Any) -> PlanEdit | None:
        if key == "name":
            return commands.rename_rater(self.context, record.id, record.name, str(value))
        if self.item is None:
            return None
        return commands.set_rating(self.context, self.item, record.id, record.name, key, value)

    def clear(self, index: Index) -> None:
        """Delete on a rating cell clears it."""
        column = self.columns[index.column()]
        if column.key in ("impact", "ease") and column.edit_value(self.record_at(index.row())) is not None:
            self.setData(index, None)


class RatingDelegate(QStyledItemDelegate):
    """A one-character editor that takes 1-5 (or nothing, to clear): fast from the keyboard."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression("[1-5]?"), editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QLineEdit, index: Index) -> None:
        # Selected, so a typed digit (Qt sends it on after this) replaces the old rating.
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setText("" if value is None else str(value))
        editor.selectAll()

    def setModelData(self, editor: QLineEdit, model, index: Index) -> None:
        text = editor.text().strip()
        model.setData(index, int(text) if text else None, Qt.ItemDataRole.EditRole)
