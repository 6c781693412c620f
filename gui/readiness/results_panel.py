"""Results of a round: how each item and section reads, a stacked-bar chart of the answers, the
planning team beside everyone else, and a button that sends an item to Priorities.

Group breakdowns come from ``services.readiness.readiness_results``, which never reads a group below the
plan's minimum group size; this panel only says "not shown" where it withheld one.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.headed_table_model import HeadedTableModel
from gui.widgets.tables import fit_columns, make_table_view, selected_rows
from models.instrument import DONT_KNOW
from services.readiness.readiness_results import RoundResults, evidence_text, suggested_for_action
from services.readiness.readiness_scoring import STANDING_LABELS, ItemResult, Standing, describe_change, describe_median
from services.readiness.round_representation import RoundRepresentation
from services.suppression import suppression_note

if TYPE_CHECKING:
    from gui.readiness.distribution_chart import DistributionChart

Index = QModelIndex | QPersistentModelIndex
STANDING_TINTS = {Standing.STRENGTH: "#D6E6F5", Standing.GROWTH: "#FCE3CC"}


class ItemResultsModel(HeadedTableModel):
    HEADERS = ("Item", "Reads as", "Middle answer", "Don't know", "Disagree", "Change", "Priorities")

    def __init__(self):
        super().__init__()
        self.results: RoundResults | None = None

    def set_results(self, results: RoundResults | None) -> None:
        self.beginResetModel()
        self.results = results
        self.endResetModel()

    def item_at(self, row: int) -> ItemResult:
        return self.results.reading.items[row]

    def row_count(self) -> int:
        return 0 if self.results is None else len(self.results.reading.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.results is None:
            return None
        results = self.results
        item = self.item_at(index.row())
        r = item.reading
        scale = results.data.instrument.scale
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{item.key}  {results.data.instrument.items_by_key[item.key].text}"
            if column == 1:
                return STANDING_LABELS[r.standing] + (" (knowledge gap)" if r.knowledge_gap else "")
            if column == 2:
                return describe_median(scale, r.median)
            if column == 3:
                return f"{r.count(DONT_KNOW)} of {r.total}" if r.total else "-"
            if column == 4:
                return "Yes" if r.disagreement else ""
            if column == 5:
                return describe_change(results.item_change(item.key))
            if column == 6:
                if item.key in results.sent:
                    return "Sent"
                return "Suggested" if suggested_for_action(results, item) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            next_step = results.data.instrument.items_by_key[item.key].next_step
            if next_step and r.count(1):  # every "no" shows its next step
                return f"{evidence_text(results, item)}\n\nNext step: {next_step}"
            return evidence_text(results, item)
        if role == Qt.ItemDataRole.BackgroundRole and column == 1 and r.standing in STANDING_TINTS:
            return QBrush(QColor(STANDING_TINTS[r.standing]))
        return None


class GroupsModel(QAbstractTableModel):
    """Sections down the side, one column per group; withheld groups say so in words."""

    def __init__(self):
        super().__init__()
        self.results: RoundResults | None = None
        self.groups: list = []

    def set_groups(self, results: RoundResults | None, groups: list) -> None:
        self.beginResetModel()
        self.results, self.groups = results, groups
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.results is None else len(self.results.reading.sections)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.results is None else len(self.groups) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Section"
        g = self.groups[section - 1]
        return g.name if g.suppressed else f"{g.name} ({g.count})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.results is None:
            return None
        section = self.results.reading.sections[index.row()]
        if index.column() == 0:
            return section.title if role == Qt.ItemDataRole.DisplayRole else None
        g = self.groups[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            if g.suppressed:
                return f"Not shown (fewer than {self.results.min_group_size})"
            return describe_median(self.results.data.instrument.scale, g.reading.section(section.key).reading.median)
        if role == Qt.ItemDataRole.ForegroundRole and g.suppressed:
            return QBrush(QColor("#52606D"))
        return None


def whole_number_ticks(top: float, most: int = 8) -> list[tuple[int, str]]:
    """Ticks for a count axis from 0 to ``top``: whole numbers only (there is no half a
    respondent), at a step of 1, 2, 5, 10, 20, 50... so at most about ``most`` show."""
    step = 1
    while top / step > most:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= most:
                break
    return [(v, str(v)) for v in range(0, int(top) + 1, step)]


def chart_description(results: RoundResults) -> str:
    """What the chart shows, in words, for a screen reader: each item's answers as counts."""
    scale = results.data.instrument.scale
    values = [*scale.values] + ([DONT_KNOW] if scale.dont_know else [])
    lines = []
    for item in results.reading.items:
        counts = [f"{item.reading.count(v)} {scale.label(v)}" for v in values if item.reading.count(v)]
        lines.append(f"{item.key}: {', '.join(counts) or 'no answers'}.")
    return " ".join(lines)


class ResultsPanel(QWidget):
    send_requested = Signal(str)  # an item key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: RoundResults | None = None
        self.summary = QLabel()
        self.summary.setObjectName("resultsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.heard = QLabel()
        self.heard.setObjectName("roundRepresentation")
        self.heard.setWordWrap(True)
        self.heard.setTextFormat(Qt.TextFormat.RichText)
        self.heard.setToolTip("Readiness is best reflected on with people in every kind of position, school and "
                              "length of service, including people not on the planning team (Take Action toolkit, "
                              "step 2). Record each respondent's group, school and tenure on the Respondents list.")
        self.items_model = ItemResultsModel()
        self.items_view = make_table_view(self, name="What the round said about each item")
        self.items_view.setObjectName("itemResults")
        self.items_view.setModel(self.items_model)
        self.items_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.detail = QLabel()
        self.detail.setObjectName("itemDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.send_button = QPushButton("Send to &Priorities")
        self.send_button.setToolTip("Make a candidate action from the selected item, linked back to it")
        self.send_button.clicked.connect(self._send)
        # The chart is a pyqtgraph plot, the dearest widget to make (tens of ms); the page opens on
        # Answers, so it is made when this page is first shown (``chart``), not with the tab.
        self._chart: DistributionChart | None = None
        self._chart_box = QWidget()
        self._chart_box.setMinimumWidth(300)
        QVBoxLayout(self._chart_box).setContentsMargins(0, 0, 0, 0)

        self.compare = QComboBox()
        self.compare.setObjectName("compareBy")
        self.compare.addItem("Planning team and other respondents", "team")
        self.compare.addItem("Position groups", "position")
        self.compare.currentIndexChanged.connect(self._fill_groups)
        self.groups_model = GroupsModel()
        self.groups_view = make_table_view(self, name="Each section by group")
        self.groups_view.setObjectName("groupResults")
        self.groups_view.setModel(self.groups_model)
        self.groups_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.privacy = QLabel()
        self.privacy.setWordWrap(True)
        self.privacy.setStyleSheet("color: #52606D;")

        # Items (full width, they carry the most text) above; the chart and the group comparison below.
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.items_view, 1)
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.detail, 1)
        detail_row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignTop)
        top_layout.addLayout(detail_row)
        groups_box = QWidget()
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.setContentsMargins(0, 0, 0, 0)
        compare_row = QHBoxLayout()
        compare_label = QLabel("&Compare by section:")
        compare_label.setBuddy(self.compare)
        compare_row.addWidget(compare_label)
        compare_row.addWidget(self.compare, 1)
        groups_layout.addLayout(compare_row)
        groups_layout.addWidget(self.groups_view, 1)
        groups_layout.addWidget(self.privacy)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self._chart_box)
        bottom.addWidget(groups_box)
        bottom.setSizes([560, 440])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([330, 300])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.heard)
        layout.addWidget(split, 1)
        self.items_view.selectionModel().selectionChanged.connect(self._show_detail)
        self.send_action = QAction("Send to &Priorities", self)
        self.send_action.triggered.connect(self._send)
        self.items_view.set_commands(extra=[self.send_action])
        self._show_detail()

    @property
    def chart(self) -> DistributionChart:
        """The answers' chart, made (and drawn for the round shown) the first time it is needed."""
        if self._chart is None:
            # Its module imports pyqtgraph: a Readiness tab opened on Answers never waits for that.
            from gui.readiness.distribution_chart import DistributionChart

            self._chart = DistributionChart(self._chart_box)
            self._chart_box.layout().addWidget(self._chart)
            self._chart.show()  # (a child made while its page is being shown is not shown with it)
            self._chart.show_results(self.results)
        return self._chart

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.chart  # noqa: B018 (made on the page's first showing)
        super().showEvent(event)

    def show_results(self, results: RoundResults | None) -> None:
        selected = self.selected_item_key()
        self.results = results
        self.items_model.set_results(results)
        if self._chart is not None:  # otherwise drawn when made
            self._chart.show_results(results)
        self._fill_summary()
        self._fill_groups()
        if results is not None:
            self.privacy.setText(suppression_note(results.min_group_size))
            # The item's text as wide as fits (320 at most, the whole in its tooltip); on a narrow
            # screen the table scrolls sideways rather than squeezing the items to "...".
            fit_columns(self.items_view)
            keys = [i.key for i in results.reading.items]
            if selected in keys:
                self.items_view.selectRow(keys.index(selected))
        self._show_detail()

    def show_representation(self, rep: RoundRepresentation | None) -> None:
        """Whom the round heard from and whom nobody spoke for, named (the gaps tinted, in words too)."""
        if rep is None or rep.answered == 0:
            self.heard.setText("")
            self.heard.setVisible(False)
            return
        gaps = rep.gaps()
        text = f"<b>Who answered:</b> {escape(rep.heard_from())}"
        if gaps:
            text += f" <span style='color:#9C4221'><b>Gaps:</b></span> {' '.join(escape(g) for g in gaps)}"
        else:
            text += " Every position group with staff, every school and every tenure band is among them."
        self.heard.setText(text)
        self.heard.setVisible(True)

    def selected_item_key(self) -> str | None:
        rows = selected_rows(self.items_view)
        if not rows or self.results is None:
            return None
        return self.items_model.item_at(rows[0]).key

    def _fill_summary(self) -> None:
        results = self.results
        if results is None:
            self.summary.setText("")
            return
        reading = results.reading
        if reading.respondents == 0:
            self.summary.setText("<i>No answers yet. Type them in on the Answers page, from the screen or from "
                                 "paper forms.</i>")
            return

        def keys(items: list[ItemResult]) -> str:
            return ", ".join(i.key for i in items) or "none"

        previous = f" Change is against {results.previous.label}." if results.previous else ""
        self.summary.setText(
            f"<b>{reading.respondents} respondents.</b> "
            f"<span style='background:{STANDING_TINTS[Standing.STRENGTH]}'>&nbsp;Strengths: {keys(reading.strengths)}"
            f"&nbsp;</span> &nbsp; <span style='background:{STANDING_TINTS[Standing.GROWTH]}'>&nbsp;Growth areas: "
            f"{keys(reading.growth_areas)}&nbsp;</span> &nbsp; Knowledge gaps (many \u201cdon't know\u201d): "
            f"{keys(reading.knowledge_gaps)}. &nbsp;Disagreement: {keys(reading.disagreements)}.{previous}")

    def _fill_groups(self) -> None:
        results = self.results
        if results is None:
            self.groups_model.set_groups(None, [])
            return
        groups = results.team_and_others if self.compare.currentData() == "team" else results.by_position
        self.groups_model.set_groups(results, groups)
        fit_columns(self.groups_view)

    def _show_detail(self, *_args) -> None:
        key = self.selected_item_key()
        if key is None or self.results is None:
            self.detail.setText("Select an item to see what the round said about it.")
            self.send_button.setEnabled(False)
            self.send_action.setEnabled(False)
            return
        results = self.results
        item = results.data.instrument.items_by_key[key]
        result = results.reading.item(key)
        parts = [f"<b>{escape(key)}</b> {escape(item.text)}", escape(evidence_text(results, result))]
        if item.next_step:
            parts.append(f"<b>Next step if not done:</b> {escape(item.next_step)}")
        if item.growth_step:
            parts.append(f"<b>A step up:</b> {escape(item.growth_step)}")
        if item.descriptors:
            scale = results.data.instrument.scale
            level = int(result.reading.median) if result.reading.median else None
            parts.append("<b>Levels:</b> " + " &nbsp;".join(
                f"{'<u>' if v == level else ''}{escape(scale.label(v))}: {escape(d)}{'</u>' if v == level else ''}"
                for v, d in zip(scale.values, item.descriptors, strict=True)))
        notes = results.data.notes.get(key)
        if notes:
            parts.append(f"<b>Notes:</b> {escape(notes)}")
        self.detail.setText("<br>".join(parts))
        sent = key in results.sent
        self.send_button.setEnabled(not sent)
        self.send_action.setEnabled(not sent)
        self.send_button.setText("Already in Priorities" if sent else "Send to &Priorities")

    def _send(self) -> None:
        key = self.selected_item_key()
        if key is not None:
            self.send_requested.emit(key)
