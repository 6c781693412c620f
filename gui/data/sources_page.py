"""Data sources and gaps (seed 000, step 3): the district's existing sources, what each covers,
the district policies the team reviewed, and a grid of domains by staff group where an empty cell
is a gap."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.data import commands
from gui.data.policy_reviews_panel import PolicyReviewsPanel
from gui.plan_context import DATA, GROUPS, PlanContext, PlanEdit
from gui.widgets.buttons import button_row
from gui.widgets.checklist import CheckList, CheckListDialog
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.headed_table_model import HeadedTableModel
from gui.widgets.record_model import Column, RecordTableModel
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from gui.widgets.word_elision import wrapped
from services.data import data_sources
from services.data.data_sources import QUALITIES, Coverage

Index = QModelIndex | QPersistentModelIndex
GAP_BACKGROUND = QColor("#FDE3C8")
COVERED_BACKGROUND = QColor("#DCEBFA")


class SourcesModel(RecordTableModel):
    topics = frozenset({DATA, GROUPS})

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("name", "Data source", lambda r: r.name, lambda r: r.name),
            Column("quality", "Quality", lambda r: QUALITIES.get(r.quality, r.quality), lambda r: r.quality),
            Column("last_updated", "Last updated", lambda r: r.last_updated, lambda r: r.last_updated),
            Column("domains", "Domains covered", lambda r: self._names(r.domain_ids, self.domain_names),
                   tooltip=lambda _r: "Press Edit coverage... to change"),
            Column("groups", "Staff groups covered", lambda r: self._names(r.group_ids, self.group_names),
                   tooltip=lambda _r: "Press Edit coverage... to change"),
            Column("notes", "Notes", lambda r: r.notes, lambda r: r.notes),
        ])
        self.domain_names: dict[int, str] = {}
        self.group_names: dict[int, str] = {}
        self.coverage: Coverage | None = None  # as last read: the page's grid shows it too
        self.reload()

    @staticmethod
    def _names(ids: frozenset[int], names: dict[int, str]) -> str:
        if names and set(names) <= ids:
            return "All"
        return ", ".join(names[i] for i in names if i in ids) or "None"

    def load(self) -> list[Any]:
        cover, sources = self.context.read(lambda s: (data_sources.coverage(s), data_sources.list_sources(s)))
        self.coverage = cover
        self.domain_names, self.group_names = dict(cover.domains), dict(cover.groups)
        return sources

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        return commands.update_source(self.context, record.id, key, str(value))

    # Rows copied from a spreadsheet (name, quality, last updated, domains, groups, notes) become sources.
    paste_target = "the data sources"

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        return data_sources.add_source_from_row(session, values)

    def remove_pasted(self, session, record: Any) -> None:
        data_sources.remove_source(session, record.id)


class CoverageModel(HeadedTableModel):
    """Domains (rows) by staff groups (columns): how many sources cover each pair."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.coverage: Coverage | None = None

    def set_coverage(self, coverage: Coverage) -> None:
        self.beginResetModel()
        self.coverage = coverage
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.coverage.domains) if self.coverage else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.coverage else len(self.coverage.groups)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or self.coverage is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = self.coverage.groups[section][1]
            return wrapped(name, 14, 3) if role == Qt.ItemDataRole.DisplayRole else name
        return self.coverage.domains[section][1]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else \
            Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.coverage is None:
            return None
        domain_id, domain = self.coverage.domains[index.row()]
        group_id, group = self.coverage.groups[index.column()]
        sources = self.coverage.cells.get((domain_id, group_id), ())
        if role == Qt.ItemDataRole.DisplayRole:
            return str(len(sources)) if sources else "gap"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{domain} for {group}: " + (f"{len(sources)} source{'s' if len(sources) != 1 else ''}"
                                                 if sources else "gap")
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{domain} for {group}: " + ("; ".join(sources) if sources else "no data source covers this"))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COVERED_BACKGROUND if sources else GAP_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class CoverageDialog(CheckListDialog):
    """Tick the domains and the staff groups a source tells the team about."""

    def __init__(self, name: str, coverage: Coverage, domain_ids, group_ids, parent: QWidget | None = None):
        self.domains = CheckList(coverage.domains, domain_ids, "coverageDomains")
        self.groups = CheckList(coverage.groups, group_ids, "coverageGroups")
        super().__init__(f"What {name} covers", [("Wellness domains", self.domains), ("Staff groups", self.groups)],
                         parent=parent)

    def values(self) -> tuple[frozenset[int], frozenset[int]]:
        return self.domains.checked(), self.groups.checked()


class SourcesPage(QWidget):
    add_requested = Signal()
    coverage_requested = Signal()
    remove_requested = Signal()
    send_gap_requested = Signal(int, int)  # (domain id, group id) of a coverage gap, for Priorities

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = SourcesModel(context)
        self.view = make_table_view(self, stretch_column=5, name="Data sources")
        self.view.setObjectName("sourcesList")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(1, ChoiceDelegate(lambda: list(QUALITIES.items()), self.view))
        fit_columns(self.view, stretch_column=5)
        self.view.setColumnWidth(0, 260)
        self.view.setColumnWidth(3, 220)
        self.view.setColumnWidth(4, 220)
        self.coverage_action = QAction("Edit &coverage...", self.view)
        self.coverage_action.triggered.connect(lambda _checked=False: self.coverage_requested.emit())
        self.view.set_commands(add=("&Add source...", self.add_requested.emit),
                               remove=("&Remove source", self.remove_requested.emit), extra=[self.coverage_action])
        self.view.doubleClicked.connect(self._double_clicked)
        buttons = button_row((("&Add source...", self.add_requested.emit, "addSource"),
                                   ("Edit &coverage...", self.coverage_requested.emit, "editCoverage"),
                                   ("&Remove source", self.remove_requested.emit, "removeSource")))
        self.coverage_model = CoverageModel(self)
        self.grid = make_table_view(self)
        self.grid.setObjectName("coverageGrid")
        self.grid.setAccessibleName("Coverage: domains by staff group")
        grid_add = QAction("&Add source...", self.grid)
        grid_add.triggered.connect(lambda _checked=False: self.add_requested.emit())
        self.send_gap_action = QAction("&Send gap to Priorities", self.grid)
        self.send_gap_action.setToolTip("Make finding or collecting this data a candidate action")
        self.send_gap_action.triggered.connect(lambda _checked=False: self._send_gap())
        self.grid.set_commands(extra=[grid_add, self.send_gap_action])
        self.grid.setModel(self.coverage_model)
        self.send_gap_action.setEnabled(False)
        self.grid.selectionModel().currentChanged.connect(
            lambda *_: self.send_gap_action.setEnabled(self.selected_gap() is not None))
        self.grid.verticalHeader().setVisible(True)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setStretchLastSection(False)
        self.gaps = QLabel(objectName="coverageGaps", wordWrap=True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("The data the district already has about staff wellbeing, and what each source "
                                    "tells you about. Double-click a cell to edit it, or paste rows copied from a spreadsheet.", wordWrap=True))
        top_layout.addWidget(self.view, 1)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("<b>Coverage</b>: how many sources speak to each domain for each staff group. "
                                       "A <i>gap</i> has none."))
        bottom_layout.addWidget(self.grid, 1)
        bottom_layout.addWidget(self.gaps)
        self.policies = PolicyReviewsPanel(context, self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.policies)
        split.addWidget(bottom)
        for n, share in enumerate((3, 2, 4)):  # the grid keeps the most room: its gaps are the point
            split.setStretchFactor(n, share)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        # After the sources' own reload (connected first, as the model was made first), which read
        # the coverage this grid shows: read once, not once for the list and again for the grid.
        context.changed.connect(lambda topics: self.refresh() if topics & SourcesModel.topics else None)
        self.refresh()

    def selected_gap(self) -> tuple[int, int] | None:
        """The (domain id, group id) of the grid's current cell when no source covers it."""
        index, cover = self.grid.currentIndex(), self.coverage_model.coverage
        if not index.isValid() or cover is None:
            return None
        pair = (cover.domains[index.row()][0], cover.groups[index.column()][0])
        return None if cover.cells.get(pair) else pair

    def _send_gap(self) -> None:
        gap = self.selected_gap()
        if gap is not None:
            self.send_gap_requested.emit(*gap)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() in (3, 4):
            self.coverage_requested.emit()

    def refresh(self) -> None:
        cover = self.model.coverage
        self.coverage_model.set_coverage(cover)
        metrics = self.grid.horizontalHeader().fontMetrics()
        for col, (_id, name) in enumerate(cover.groups):  # the longest word of a group's name fits whole
            longest = max((metrics.horizontalAdvance(word) for word in name.split()), default=0)
            self.grid.setColumnWidth(col, max(88, longest + 16))
        self.grid.horizontalHeader().setMinimumHeight(56)
        parts = []
        if not self.model.rowCount():
            parts.append("No data sources listed yet: press <b>Add source...</b>.")
        else:
            if cover.uncovered_domains():
                parts.append("No source covers: <b>" + ", ".join(cover.uncovered_domains()) + "</b>.")
            if cover.uncovered_groups():
                parts.append("No source speaks for: <b>" + ", ".join(cover.uncovered_groups()) + "</b>.")
            gaps = len(cover.gaps())
            parts.append(f"{gaps} of {len(cover.domains) * len(cover.groups)} domain and group pairs are gaps."
                         if gaps else "Every domain is covered for every staff group.")
        self.gaps.setText(" ".join(parts))

    def selected(self):
        return selected_record(self.view)
