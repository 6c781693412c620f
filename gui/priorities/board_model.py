"""The candidate actions as a table beside the matrix, and the filter that both views share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gui.plan_context import ACTIONS, GROUPS, PLAN, RATINGS, PlanContext, PlanEdit
from gui.priorities import commands
from gui.widgets.record_model import Column, RecordTableModel
from services.priorities import contract_limits, priority_board
from services.priorities.prioritization import QUADRANT_HINTS, QUADRANT_ORDER
from services.priorities.priority_board import Board, PriorityItem

Index = QModelIndex | QPersistentModelIndex


def _position(value: float | None, agreed: bool) -> str:
    return "" if value is None else f"{value:.1f}{'*' if agreed else ''}"


def _raters_text(item: PriorityItem) -> str:
    n = item.summary.rater_count
    if n == 0:
        return "none yet"
    return f"{n}, differ" if item.needs_discussion else f"{n}, agree"


def _raters_tooltip(item: PriorityItem) -> str:
    lines = [f"{r.rater_name}: impact {r.impact or '-'}, ease {r.ease or '-'}" for r in item.ratings]
    if item.needs_discussion:
        lines.append(f"Needs discussion: {item.summary.disagreement_text()}.")
    return "\n".join(lines) or "No ratings yet."


# The roles a RecordTableModel answers. A view painting a cell asks for about nine (font, colour,
# check state, icon...); the others are answered at once, without finding the record and column.
_DISPLAY, _ALIGNMENT, _BACKGROUND = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole),
                                     int(Qt.ItemDataRole.BackgroundRole))
_ANSWERED = frozenset({_DISPLAY, int(Qt.ItemDataRole.EditRole), int(Qt.ItemDataRole.ToolTipRole), _ALIGNMENT,
                       _BACKGROUND})


class PriorityListModel(RecordTableModel):
    topics = frozenset({ACTIONS, RATINGS, PLAN, GROUPS})

    def __init__(self, context: PlanContext):
        self.board: Board | None = None
        # The one action the latest change re-read, when an edit of that action alone made it
        # (``commands.ActionEdit``); None when the whole board was read. The tab redraws as narrowly.
        self.changed_only: int | None = None
        # Whether the latest whole read found the board as it was (``reload``): nothing to show.
        self.read_unchanged = False
        self._read_ahead: Board | None = None
        # What each record's cells show, worked out once per record: a list that scrolls to the
        # dropped action repaints every visible cell, and each asks for several roles.
        self._cells: dict[int, tuple[PriorityItem, dict[tuple[int, int], Any]]] = {}
        self._painted_rows: dict[int, tuple[PriorityItem, list[dict[int, Any]]]] = {}  # see ``_painted``
        super().__init__(context, [
            # The number as the matrix draws it: with the contract sign beside it when an agreement limits it.
            Column("number", "#", lambda i: f"{contract_limits.MARK} {i.number}" if i.contract_limited else i.number,
                   align_right=True, tooltip=lambda i: i.contract.text or None),
            Column("title", "Action", lambda i: i.title, lambda i: i.title,
                   tooltip=lambda i: f"{i.title}\n\n{i.description}" if i.description else i.title),
            Column("quadrant", "Quadrant", lambda i: i.quadrant_label, tooltip=lambda i: QUADRANT_HINTS[i.quadrant]),
            Column("impact", "Impact", lambda i: _position(i.impact, i.has_agreed_position), align_right=True,
                   tooltip=lambda i: "* the team's agreed position" if i.has_agreed_position else "Mean of the raters"),
            Column("ease", "Ease", lambda i: _position(i.ease, i.has_agreed_position), align_right=True),
            Column("raters", "Raters", _raters_text, tooltip=_raters_tooltip),
            Column("rank", "Rank", lambda i: i.rank or "", align_right=True,
                   tooltip=lambda i: f"Weighted score {i.score:.2f}" if i.score is not None else "Not scored"),
            Column("status", "Status", lambda i: i.status_label, tooltip=lambda i: i.status_reason or None),
            Column("category", "Category", lambda i: i.category, lambda i: i.category,
                   tooltip=lambda i: i.category or None),
            Column("evidence", "Evidence", lambda i: i.source_text, tooltip=lambda i: i.source_text),
            Column("serves", "Serves", lambda i: ", ".join(i.served_group_names) or "All staff",
                   tooltip=lambda i: ", ".join(i.served_group_names) or "All staff"),
            # The matrix marks these with the same sign; the note is in the tooltip and the details panel.
            Column("contract", "Contract", lambda i: f"{contract_limits.MARK} limited" if i.contract_limited else "",
                   tooltip=lambda i: i.contract.text or None),
        ])
        self._column_flags = tuple(RecordTableModel.flags(self, self.createIndex(0, column))
                                   for column in range(len(self.columns)))
        self.reload()

    def load(self) -> list[PriorityItem]:
        self._cells.clear()  # every record is read again
        self._painted_rows.clear()
        board, self._read_ahead = self._read_ahead, None
        self.board = board if board is not None else self.context.read(priority_board.load_board)
        return self.board.items

    def reload(self) -> None:
        # Most changes elsewhere in the plan (a hidden tab follows them all at once as it is shown)
        # leave every action as it was: then the rows, their widths and the matrix stay as they are.
        board = self.context.read(priority_board.load_board)
        self.read_unchanged = self.board is not None and board == self.board
        if not self.read_unchanged:
            self._read_ahead = board
            super().reload()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if not topics & self.topics:
            return
        if self.when_shown is not None and not self.when_shown.shown:  # hidden: read once when shown
            self.changed_only = None
            self.when_shown(self.reload)
            return
        action_id = commands.changed_action(self.context)
        self.changed_only = action_id if action_id is not None and self._reload_one(action_id) else None
        if self.changed_only is None:
            self.reload()

    def _reload_one(self, action_id: int) -> bool:
        """Re-read one action after an edit of it alone, and say so for its row only (``dataChanged``
        for one row: no reset, no re-read of 500 actions, no other row touched); False when the
        change reaches further (``priority_board.reload_item`` says when) and the board is read."""
        row = self.row_of(action_id)
        board = self.board
        if row < 0 or board is None:
            return False
        board = self.context.read(lambda s: priority_board.reload_item(s, board, action_id))
        if board is None:
            return False
        self.board = board
        old, new = self._records[row], board.item(action_id)
        self._records[row] = new
        # The cells that look different are told of it (a drop: its quadrant, impact and ease), so
        # the list paints those again, not the row's twelve (the whole row when none look different).
        differ = [column for column in range(len(self.columns)) if self._looks(old, column) != self._looks(new, column)]
        first, last = (differ[0], differ[-1]) if differ else (0, len(self.columns) - 1)
        self.dataChanged.emit(self.index(row, first), self.index(row, last))
        return True

    def _looks(self, record: PriorityItem, column: int) -> tuple[str, bool]:
        """What a cell of ``record`` shows when painted: its text (as ``RecordTableModel.data`` gives
        it) and whether its row is coloured."""
        value = self.columns[column].display(record)
        return "" if value is None else str(value), self.row_warning(record)

    # A view asks for each cell it paints through the filter, role by role, and each question was
    # several calls into Python (the filter asks this model for the cell's index: rowCount and
    # columnCount; then data, once per role): 24 a cell, most of a 500-action list's repaint after a
    # point is grabbed and the list scrolls to it. ``index`` answers in one call, and ``multiData``
    # (Qt's delegate asks for all seven of a cell's roles at once) fills them in one.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._records) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:  # noqa: N802 (Qt's name)
        if index.isValid():
            self.fill(index.row(), index.column(), roles)

    def fill(self, row: int, column: int, roles: QModelRoleDataSpan) -> None:
        """Every role of one cell asked for at once; each is set, empty where this model has nothing
        (the asker reuses its roles' values from cell to cell)."""
        shown = self._painted(row)[column] if 0 <= row < len(self._records) else {}
        for wanted in roles:
            value = shown.get(wanted.role())
            if value is None:
                wanted.clearData()
            else:
                wanted.setData(value)

    def _painted(self, row: int) -> list[dict[int, Any]]:
        """What each cell of a row shows when painted (its text and alignment, the row's colour),
        worked out for the whole row the first time it is painted: the list scrolled to a grabbed
        point shows a screenful of rows it may not have shown before."""
        record = self._records[row]
        cached = self._painted_rows.get(record.id)
        if cached is None or cached[0] is not record:  # a record read again is a new object
            background = RecordTableModel.data(self, self.createIndex(row, 0), _BACKGROUND)
            cells = []
            for column in range(len(self.columns)):
                index = self.createIndex(row, column)
                shown = {_DISPLAY: RecordTableModel.data(self, index, _DISPLAY)}
                alignment = RecordTableModel.data(self, index, _ALIGNMENT)
                for role, value in ((_ALIGNMENT, alignment), (_BACKGROUND, background)):
                    if value is not None:
                        shown[role] = value
                cells.append(shown)
            cached = self._painted_rows[record.id] = (record, cells)
        return cached[1]

    def cell(self, row: int, column: int, role: int) -> Any:
        """What one cell shows for ``role``, worked out once per record."""
        if not 0 <= row < len(self._records):
            return None
        record = self._records[row]
        cached = self._cells.get(record.id)
        if cached is None or cached[0] is not record:  # a record read again is a new object
            cached = self._cells[record.id] = (record, {})
        values = cached[1]
        key = (column, role)
        if key not in values:
            values[key] = RecordTableModel.data(self, self.createIndex(row, column), role)
        return values[key]

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """A cell's flags are its column's (the filter asks for each cell painted, some twice)."""
        return self._column_flags[column]

    def make_edit(self, record: PriorityItem, key: str, value: Any) -> PlanEdit | None:
        return commands.change_action(self.context, record, key, str(value).strip())

    def row_warning(self, record: PriorityItem) -> bool:
        return record.needs_discussion and record.status == "proposed"

    def sort_key(self, record: PriorityItem, key: str) -> Any:
        """What a column sorts by: numbers as numbers, quadrants in matrix order, blanks last."""
        if key == "quadrant":
            return QUADRANT_ORDER.index(record.quadrant)
        if key in ("impact", "ease"):
            value = getattr(record, key)
            return -1.0 if value is None else value
        if key == "rank":
            return record.rank or 10**9
        if key == "number":
            return record.number
        return self.columns[self.column_of(key)].display(record).lower()


ACTIVE = "active"  # the status filter that shows what is still in play: proposed and approved


class PriorityFilter(QSortFilterProxyModel):
    """Filter by source, category, status and disagreement; sort by the model's sort keys.

    The order is set when the person sorts (a heading click), not after every edit: a rating that
    moves an action to another quadrant or rank leaves its row where it is, selected, until they
    sort again. The filter is applied again after each change (``refilter``), so an action declined
    under "Proposed and approved" still leaves the list."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.source_kind: str | None = None
        self.category: str | None = None
        self.status: str | None = ACTIVE
        self.discussion_only = False

    def set_filter(self, **values: Any) -> None:
        self.beginFilterChange()
        for key, value in values.items():
            setattr(self, key, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refilter(self) -> None:
        """Apply the same filter to what the plan now holds, without sorting the rows again."""
        self.set_filter()

    def accepts(self, item: PriorityItem) -> bool:
        if self.source_kind and item.source_kind != self.source_kind:
            return False
        if self.category is not None and item.category != self.category:
            return False
        if self.status == ACTIVE and not item.in_play:
            return False
        if self.status not in (None, ACTIVE) and item.status != self.status:
            return False
        return not (self.discussion_only and not item.needs_discussion)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked from Python (a table measuring its cells, for five roles of each), the model's own
        # answer is a Python call: Qt's would go back into Python for the cell's index, then for its
        # data. A role the list never fills (a font, an icon) is answered without finding the cell.
        if role not in _ANSWERED:
            return None
        source = self.mapToSource(index)
        return self.sourceModel().data(source, role) if source.isValid() else None

    # Each cell painted, in one call into Python each (``PriorityListModel.multiData``): Qt's filter
    # would ask the model role by role, and find the cell's record for each.
    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:  # noqa: N802 (Qt's name)
        source = self.mapToSource(index)
        if source.isValid():
            self.sourceModel().fill(source.row(), source.column(), roles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.sourceModel().column_flags(index.column())

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model: PriorityListModel = self.sourceModel()
        return self.accepts(model.record_at(row))

    def lessThan(self, left: Index, right: Index) -> bool:
        model: PriorityListModel = self.sourceModel()
        key = model.columns[left.column()].key
        return model.sort_key(model.record_at(left.row()), key) < model.sort_key(model.record_at(right.row()), key)

    def visible_items(self) -> list[PriorityItem]:
        model: PriorityListModel = self.sourceModel()
        return [model.record_at(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())]

    def row_of(self, action_id: int) -> int:
        model: PriorityListModel = self.sourceModel()
        source_row = model.row_of(action_id)
        if source_row < 0:
            return -1
        return self.mapFromSource(model.index(source_row, 0)).row()
