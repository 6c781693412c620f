"""A table model over a list of service records (frozen dataclasses with an ``id``).

Rows are reloaded from the plan when a topic the model shows changes. The reload keeps rows where
they are on screen (an edit becomes ``dataChanged``, new records ``rowsInserted`` at the end,
removals ``rowsRemoved``) even when the plan's own order has changed, so the row just edited
doesn't jump away (an action whose date was typed stays put, selected, until the person sorts
again) and the next value typed lands where they are looking. A model whose cells show only their
row's record and what ``load`` sets on it (``cells_follow_records``) says which rows changed, so a
view paints and measures those again rather than all of them. Clicking a heading sorts by it.
Edits go back through ``make_edit``, which returns an undoable ``PlanEdit``; a table that takes
rows pasted from a spreadsheet says how one becomes a record (``add_pasted``).
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

_DISPLAY, _EDIT, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT, _BACKGROUND = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.BackgroundRole)
_ANSWERED = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _ALIGNMENT, _BACKGROUND})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    display: Callable[[Any], Any]
    edit_value: Callable[[Any], Any] | None = None  # None: read-only
    tooltip: Callable[[Any], str | None] | None = None
    align_right: bool = False
    sort_value: Callable[[Any], Any] | None = None  # what a click on the heading orders by, if not the edit value


class RecordTableModel(QAbstractTableModel):
    topics: frozenset[str] = frozenset()

    def __init__(self, context: PlanContext, columns: list[Column]):
        super().__init__()
        self.context = context
        self.columns = columns
        self._records: list[Any] = []
        # Where a change's reload goes: now, or (a tab's ``WhenShown``) once the tab is on screen.
        self.when_shown: Callable[[Callable[[], None]], None] | None = None
        context.changed.connect(self._on_changed)

    # To implement -------------------------------------------------------------------------------
    def load(self) -> list[Any]:
        raise NotImplementedError

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        return None

    def row_warning(self, record: Any) -> bool:
        return False

    # A table that takes rows pasted from a spreadsheet names itself here ("the team roster") and
    # says how one row ({column key: text}) becomes a record (raising InvalidInput or ValueError,
    # in a sentence, for a row that doesn't fit) and how to take that record away again.
    paste_target: str | None = None
    # Where the order is itself what the person edits (an agenda's Move up), rows follow the plan.
    follows_plan_order: bool = False
    # Whether each cell shows only its row's record (a value, not a reference into something else) and
    # the model's public attributes that ``load`` sets (names by id, a summary): then a reload tells
    # the views only of the rows whose records changed, or of every row when one of those attributes
    # did. A typed cell of the Action plan had every visible cell of its table painted and measured
    # again (40-60 ms at 33 actions), and every other table of the tab too, none of them changed.
    cells_follow_records: bool = False

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        raise NotImplementedError

    def remove_pasted(self, session, record: Any) -> None:
        raise NotImplementedError

    # Loading ------------------------------------------------------------------------------------
    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & self.topics:
            if self.when_shown is not None:
                self.when_shown(self.reload)
            else:
                self.reload()

    def reload(self) -> None:
        shown = self._shown_state() if self.cells_follow_records else None
        before = {r.id: r for r in self._records} if shown is not None else {}
        new = self.load()
        by_id = {r.id: r for r in new}
        old_ids = [r.id for r in self._records]
        kept = [i for i in old_ids if i in by_id]
        old = set(old_ids)  # once, not once per row: 20 ms a reload at 1,000 rows
        added = [r for r in new if r.id not in old]
        reordered = self.follows_plan_order and kept != [r.id for r in new if r.id in old]
        if (not kept and old_ids) or reordered:  # all new (another plan, a big undo), or a move: the plan's order
            self.beginResetModel()
            self._records = new
            self.endResetModel()
            return
        for row in reversed(range(len(old_ids))):
            if old_ids[row] not in by_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._records[row]
                self.endRemoveRows()
        self._records = [by_id[i] for i in kept]
        if shown is None or shown != self._shown_state():
            changed = range(len(self._records))
        else:
            changed = [row for row, r in enumerate(self._records) if r is not before[r.id] and r != before[r.id]]
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        if added:
            self.beginInsertRows(QModelIndex(), len(self._records), len(self._records) + len(added) - 1)
            self._records.extend(added)
            self.endInsertRows()

    def _shown_state(self) -> dict[str, Any]:
        """What the cells show beyond their records: the model's public attributes (containers copied,
        so one changed in place still compares as changed)."""
        return {k: type(v)(v) if type(v) in (dict, list, set) else v
                for k, v in vars(self).items() if not k.startswith("_")}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column, as the person asked by clicking its heading: by the value
        behind the cell (a date as a date), blanks last."""
        if not 0 <= column < len(self.columns):
            return
        col = self.columns[column]
        key_of = col.sort_value or col.edit_value or col.display
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._records[i.row()].id for i in persistent]
        filled = [r for r in self._records if _sortable(key_of(r)) is not None]
        blank = [r for r in self._records if _sortable(key_of(r)) is None]
        filled.sort(key=lambda r: _sortable(key_of(r)), reverse=order == Qt.SortOrder.DescendingOrder)
        self._records = filled + blank
        rows = {r.id: row for row, r in enumerate(self._records)}
        self.changePersistentIndexList(persistent, [self.index(rows[i], p.column()) for i, p in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

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
        # Asked for every cell painted: the answers are made once (combining Qt's flags is Python work).
        if not index.isValid():
            return _NO_FLAGS
        return _READ_ONLY if self.columns[index.column()].edit_value is None else _EDITABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view painting a cell asks for seven roles (text, icon, font, alignment, background,
        # colour, check state) and this answers at most three: the others are turned away before the
        # record and column are looked up. The roles are plain ints here, since reading
        # ``Qt.ItemDataRole.X`` is an attribute lookup each time, for every cell of every paint.
        if role not in _ANSWERED:
            return None
        row = index.row()
        if not 0 <= row < len(self._records) or not index.isValid():
            return None
        record = self._records[row]
        column = self.columns[index.column()]
        if role == _DISPLAY:
            value = column.display(record)
            return "" if value is None else str(value)
        if role == _EDIT:
            return None if column.edit_value is None else column.edit_value(record)
        if role == _TOOLTIP:
            return None if column.tooltip is None else column.tooltip(record)
        if role == _ALIGNMENT:
            return _RIGHT if column.align_right else None
        return QBrush(WARNING_BACKGROUND) if self.row_warning(record) else None  # _BACKGROUND

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if column.edit_value is None or column.edit_value(record) == value:
            return False
        edit = self.make_edit(record, column.key, value)
        return edit is not None and self.context.edit(edit)


def _runs(rows) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _sortable(value: Any) -> Any:
    """A value rows can be ordered by: text without regard to case, Qt dates as dates; None for blank."""
    if value is None or value == "":
        return None
    if hasattr(value, "isValid") and hasattr(value, "toPython"):
        return value.toPython() if value.isValid() else None
    if isinstance(value, str):
        return (1, value.casefold())
    if isinstance(value, bool | int | float):
        return (0, value)
    return value
