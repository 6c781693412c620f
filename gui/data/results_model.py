"""The results table: one row per domain and item, one column per group (after "All respondents").

Each cell shows the mean and the percent favorable. A withheld cell shows a dash and says why on
hover; a gap is shaded and marked with a triangle, so it reads without colour too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gui.widgets.word_elision import wrapped
from services.data.survey_report import is_gap
from services.data.survey_results import ALL, GroupReport

Index = QModelIndex | QPersistentModelIndex
_R = Qt.ItemDataRole
# The roles a cell answers; Qt asks each cell for a dozen as it paints (check state, icon, size...).
ANSWERED = frozenset({_R.DisplayRole, _R.ToolTipRole, _R.BackgroundRole, _R.ForegroundRole, _R.TextAlignmentRole,
                      _R.FontRole, _R.AccessibleTextRole})
GAP_BACKGROUND = QColor("#FDE3C8")
WITHHELD_FOREGROUND = QColor("#7B8794")
SENT_BACKGROUND = QColor("#DCEBFA")
DASH = "\u2014"
GAP_MARK = "\u25bc"


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: GroupReport | None = None
        self.measures: list[str] = []
        self.thresholds = (0.3, 10.0)
        self.sent: set[tuple[str, str]] = set()
        self._gaps: dict[tuple[str, str], bool] = {}  # worked out once per report, as cells are painted
        self._headings: dict[int, str] = {}  # each group's heading, wrapped once per report

    def set_report(self, report: GroupReport | None, thresholds: tuple[float, float],
                   sent: set[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.report, self.thresholds, self.sent, self._gaps, self._headings = report, thresholds, sent, {}, {}
        if report is None:
            self.measures = []
        else:
            domains = [m for m in report.measures if m in report.domain_names]
            self.measures = domains + [m for m in report.measures if m not in report.domain_names]
        self.endResetModel()

    def groups(self) -> tuple[str, ...]:
        return self.report.groups if self.report else ()

    def cell_at(self, index: Index) -> tuple[str, str] | None:
        """(group, measure) of a results cell."""
        if not index.isValid() or self.report is None:
            return None
        return self.report.groups[index.column()], self.measures[index.row()]

    def gap_at(self, index: Index) -> bool:
        cell = self.cell_at(index)
        if cell is None:
            return False
        gap = self._gaps.get(cell)
        if gap is None:
            gap = self._gaps[cell] = is_gap(self.report, cell[0], cell[1], *self.thresholds)
        return gap

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.measures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.report is None else len(self.report.groups)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.report is None:
            return None
        if orientation == Qt.Orientation.Vertical:  # the measures stay in view while the groups scroll
            if not 0 <= section < len(self.measures):
                return None
            measure = self.measures[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return measure
            if role == Qt.ItemDataRole.FontRole and measure in self.report.domain_names:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return "A domain: all its items' answers together" if measure in self.report.domain_names \
                    else measure
            return None
        if not 0 <= section < len(self.report.groups):
            return None
        group = self.report.groups[section]
        if role == Qt.ItemDataRole.DisplayRole:
            heading = self._headings.get(section)
            if heading is None:
                heading = self._headings[section] = \
                    wrapped(group, 16, 3) + f"\n({self.report.count_text(group) or 'withheld'})"
            return heading
        count = self.report.count_text(group)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{group}: {count} respondents" if count else \
                f"{group}: the number of respondents is withheld to protect a small group"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED or not index.isValid() or self.report is None or \
                not 0 <= index.row() < len(self.measures):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        measure = self.measures[index.row()]
        is_domain = measure in self.report.domain_names
        group = self.report.groups[index.column()]
        cell = self.report.cell(group, measure)
        gap = role in (_R.DisplayRole, _R.ToolTipRole, _R.BackgroundRole) and self.gap_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if not cell.shown:
                return DASH
            if cell.mean is None:
                return "no answers"
            if measure in self.report.shares:
                return f"{cell.pct_favorable:.0f}% ticked"
            return f"{cell.mean:.2f}  {cell.pct_favorable:.0f}%" + (f" {GAP_MARK}" if gap else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if not cell.shown:
                return f"Withheld: {cell.withheld}."
            if cell.mean is None:
                return "Nobody in this group answered."
            everyone = self.report.cell(ALL, measure)
            if measure in self.report.shares:
                return (f"{group}: {cell.pct_favorable:.1f}% of the {cell.respondents} who answered the question "
                        f"ticked \u201c{measure.removeprefix('Ticked: ')}\u201d")
            text = (f"{group}, {measure}: mean {cell.mean:.2f} (1 = lowest), "
                    f"{cell.pct_favorable:.1f}% favorable, {cell.n} answers")
            if group != ALL and everyone.shown and everyone.mean is not None:
                text += f"\nAll respondents: {everyone.mean:.2f}, {everyone.pct_favorable:.1f}% favorable"
            if gap:
                text += "\nA gap: press Send gap to Priorities to make it a finding and a candidate action."
            if (group, measure) in self.sent:
                text += "\nAlready sent to Priorities."
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            if (group, measure) in self.sent:
                return QBrush(SENT_BACKGROUND)
            if gap:
                return QBrush(GAP_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and not cell.shown:
            return QBrush(WITHHELD_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and is_domain:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "withheld" if not cell.shown else self.data(index)
        return None
