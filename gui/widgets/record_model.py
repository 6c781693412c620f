"""A table model over a list of service records (frozen dataclasses with an ``id``).

Rows are reloaded from the plan when a topic the model shows changes. The reload keeps rows in
place when it can (an edit becomes ``dataChanged``, an append ``rowsInserted``, a removal
``rowsRemoved``), so the current cell and selection survive every edit and keyboard users don't
lose their place. Edits go back through ``make_edit``, which returns an undoable ``PlanEdit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gui.plan_context import PlanContext, PlanEdit

WARNING_BACKGROUND = QColor("#FFF4E5")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    display: Callable[[Any], Any]
    edit_value: Callable[[Any], Any] | None = None  # None: read-only
    tooltip: Callable[[Any], str | None] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    topics: frozenset[str] = frozenset()

    def __init__(self, context: PlanContext, columns: list[Column]):
        super().__init__()
        self.context = context
        self.columns = columns
        self._records: list[Any] = []
        context.changed.connect(self._on_changed)

    # To implement -------------------------------------------------------------------------------
    def load(self) -> list[Any]:
        raise NotImplementedError

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        return None

    def row_warning(self, record: Any) -> bool:
        return False

    # Loading ------------------------------------------------------------------------------------
    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & self.topics:
            self.reload()

    def reload(self) -> None:
        new = self.load()
        old_ids = [r.id for r in self._records]
        new_ids = [r.id for r in new]
        if new_ids == old_ids:
            self._records = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(self.columns) - 1))
        elif new_ids[: len(old_ids)] == old_ids:
            self.beginInsertRows(QModelIndex(), len(old_ids), len(new_ids) - 1)
            self._records = new
            self.endInsertRows()
        elif len(new_ids) == len(old_ids) - 1 and [i for i in old_ids if i in set(new_ids)] == new_ids:
            gone = next(row for row, i in enumerate(old_ids) if i not in set(new_ids))
            self.beginRemoveRows(QModelIndex(), gone, gone)
            self._records = new
            self.endRemoveRows()
        else:
            self.beginResetModel()
            self._records = new
            self.endResetModel()

    # Access -------------------------------------------------------------------------------------
    def record_at(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> list[Any]:
        return list(self._records)

    def row_of(self, record_id: int) -> int:
        return next((row for row, r in enumerate(self._records) if r.id == record_id), -1)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # Qt model -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].edit_value is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.display(record)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole and column.edit_value is not None:
            return column.edit_value(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.row_warning(record):
            return QBrush(WARNING_BACKGROUND)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if column.edit_value is None or column.edit_value(record) == value:
            return False
        edit = self.make_edit(record, column.key, value)
        return edit is not None and self.context.edit(edit)
