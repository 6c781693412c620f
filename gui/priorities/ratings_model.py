"""One action's ratings, a row per rater: type a digit 1-5 for impact and ease, Delete to clear.

A rater's name is not typed over here: it changes only through Rename rater (a dialog), so a
digit meant for a rating can never rename someone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from gui.plan_context import ACTIONS, RATINGS, PlanContext, PlanEdit
from gui.priorities import commands
from gui.priorities.board_model import PriorityListModel
from gui.widgets.record_model import Column, RecordTableModel
from services.priorities.priority_board import PriorityItem

Index = QModelIndex | QPersistentModelIndex
RATING_KEYS = ("impact", "ease")


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
            Column("name", "Rater", lambda r: r.name,
                   tooltip=lambda r: f"{r.name}: a person, or a subgroup as in the focus-group guide. "
                                     "Rename rater (right-click, or double-click the name) changes the name."),
            Column("impact", "Impact (1-5)", lambda r: r.impact or "", lambda r: r.impact, align_right=True,
                   tooltip=lambda _r: "How much it would improve staff wellness: 5 = a great deal."),
            Column("ease", "Ease (1-5)", lambda r: r.ease or "", lambda r: r.ease, align_right=True,
                   tooltip=lambda _r: "How easy it is to put in place: 5 = very easy."),
        ])

    def show_item(self, item: PriorityItem | None) -> None:
        self.item = item
        self.reload()

    def reload(self) -> None:
        # Most changes leave the rows as they were (a drop moves the agreed position, not a
        # rating; another action changed): then nothing is told, so the table is neither measured
        # for its column widths nor painted again. Another action selected (a point grabbed on the
        # matrix), or a rating typed, changes ratings only: their cells alone are told of it.
        new = self.load()
        if self._records and new == self._records:
            return
        if new and [(r.id, r.name) for r in new] == [(r.id, r.name) for r in self._records]:
            changed = [row for row, (old, now) in enumerate(zip(self._records, new, strict=True)) if old != now]
            self._records = new
            first, last = self.rating_columns()[0], self.rating_columns()[-1]
            self.dataChanged.emit(self.index(changed[0], first), self.index(changed[-1], last))
            return
        super().reload()

    def load(self) -> list[RaterRow]:
        board = self.boards.board
        current = board.item(self.item.id) if board is not None and self.item is not None else None
        self.item = current
        given = {r.rater_id: r for r in current.ratings} if current else {}
        return [RaterRow(r.id, r.name, getattr(given.get(r.id), "impact", None), getattr(given.get(r.id), "ease", None))
                for r in board.raters] if current else []

    def make_edit(self, record: RaterRow, key: str, value: Any) -> PlanEdit | None:
        if self.item is None or key not in RATING_KEYS:
            return None
        return commands.set_rating(self.context, self.item, record.id, record.name, key, value)

    def rating_columns(self) -> list[int]:
        return [self.column_of(key) for key in RATING_KEYS]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A rating is a whole number 1-5 or nothing; text pasted or typed ("4", "", "4.0") is read
        as one, and anything else is left as it was."""
        if isinstance(value, str):
            text = value.strip()
            try:
                value = int(float(text)) if text else None
            except ValueError:
                return False
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            return False
        return super().setData(index, value, role)

    def clear_cells(self, indexes: list[Index]) -> None:
        """Delete on rating cells clears them, in one undo step."""
        filled = [i for i in indexes if self.columns[i.column()].key in RATING_KEYS
                  and self.columns[i.column()].edit_value(self.record_at(i.row())) is not None]
        if not filled:
            return
        stack = self.context.undo_stack
        stack.beginMacro("Clear ratings" if len(filled) > 1 else "Clear a rating")
        try:
            for index in filled:
                self.setData(self.index(index.row(), index.column()), None)
        finally:
            stack.endMacro()
