"""Results by group: pick the attribute (and a second one for a cross-tab), read the table, see
the chart, and send a gap to Priorities."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from gui.data.chart_words import WaveCells
from gui.data.results_model import ResultsModel
from gui.snapshot_read import SnapshotRead
from gui.widgets.tables import make_table_view
from services.data.survey_report import WaveData
from services.data.survey_results import GroupReport
from services.suppression import suppression_note

if TYPE_CHECKING:
    from gui.data.results_chart import ResultsChart

# Audited results for a wave by one attribute (or two): (session, wave, by, then_by, min_size).
Reporter = Callable[[Session, WaveData, str, "str | None", int], GroupReport]
# The (group, measure) cells of a wave by an attribute already sent to Priorities.
SentReader = Callable[[Session, WaveData, str], "set[tuple[str, str]]"]

NO_SECOND = ""


class ResultsPage(QWidget):
    send_requested = Signal(str, str)  # group, measure
    settings_changed = Signal()  # the attribute, cross-tab or chart mode changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.by = QComboBox(objectName="groupBy")
        self.then_by = QComboBox(objectName="thenBy")
        self.chart_mode = QComboBox(objectName="chartMode")
        self.chart_mode.addItem("Bars: the selected row by group", "bars")
        self.chart_mode.addItem("Heat map: domains by group", "heat")
        self.send_button = QPushButton("&Send gap to Priorities", objectName="sendGap")
        self.send_button.setToolTip("Make the selected cell a survey finding and a candidate action")
        # Two rows, so the attributes' names stay readable in a 1024-wide window.
        controls = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        controls.addLayout(first)
        controls.addLayout(second)
        first.addWidget(QLabel("&Group by:", buddy=self.by))
        first.addWidget(self.by, 1)
        first.addWidget(QLabel("&then by:", buddy=self.then_by))
        first.addWidget(self.then_by, 1)
        second.addWidget(QLabel("C&hart:", buddy=self.chart_mode))
        second.addWidget(self.chart_mode)
        second.addStretch(1)
        second.addWidget(self.send_button)
        self.model = ResultsModel(self)
        self.view = make_table_view(self, name="Results by group")
        self.view.setObjectName("resultsTable")
        self.send_action = QAction("&Send gap to Priorities", self.view)
        self.send_action.setEnabled(False)
        self.send_action.triggered.connect(lambda _checked=False: self._send())
        self.view.set_commands(extra=[self.send_action])
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectItems)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.horizontalHeader().setMinimumHeight(62)
        rows = self.view.verticalHeader()
        rows.setVisible(True)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setFixedWidth(340)  # narrower in a narrow window (resizeEvent)
        # The chart is a pyqtgraph plot, the dearest widget of the tab to make (25-55 ms, and pyqtgraph
        # itself if not loaded yet): it is made once there are results to draw, in an event of its
        # own (``chart``), so building the tab costs none of it.
        self._chart: ResultsChart | None = None
        self._chart_due = False  # its making is queued
        self._chart_box = QWidget(objectName="resultsChartBox")
        self._chart_box.setMinimumHeight(220)
        QVBoxLayout(self._chart_box).setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(objectName="resultsNote", wordWrap=True)
        self._split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self._chart_box)
        split.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addStretch(0)
        self.wave: WaveData | None = None
        self.other_waves: list[WaveData] = []
        self.min_size = 5
        self.report: GroupReport | None = None
        self.other_reports: dict[str, GroupReport] = {}  # earlier waves, by the same attributes
        self.reporter: Reporter | None = None
        self.sent_reader: SentReader | None = None
        self.reads: SnapshotRead | None = None  # the background reads of the plan (the tab gives it)
        self._thresholds: tuple[float, float] = (0.3, 10.0)
        self._sent: set[tuple[str, str]] = set()
        self._kept_cell: tuple[str, str] | None = None  # the selected cell, found again when the results return
        self.send_button.clicked.connect(self._send)
        self.by.activated.connect(lambda _i: self.settings_changed.emit())
        self.then_by.activated.connect(lambda _i: self.settings_changed.emit())
        self.chart_mode.activated.connect(lambda _i: self._draw_chart())
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._selection_moved())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # The measures' names keep a third of the table at most, so a group or two stays in view.
        self.view.verticalHeader().setFixedWidth(max(260, min(340, self.width() // 3)))

    # Filling --------------------------------------------------------------------------------------
    def show_kept(self, message: str) -> None:
        """No results at all, and why: the account may not read the answers (a plan on a server)."""
        self.set_wave(None, [], self.min_size, self._thresholds)
        self._split.setVisible(False)
        for control in (self.by, self.then_by, self.chart_mode, self.send_button):
            control.setEnabled(False)
        self.note.setText(message)

    def set_wave(self, wave: WaveData | None, other_waves: list[WaveData], min_size: int,
                 thresholds: tuple[float, float]) -> None:
        self.wave, self.other_waves, self.min_size = wave, other_waves, min_size
        keep_by, keep_then = self.by.currentText(), self.then_by.currentData()
        self.by.clear()
        self.then_by.clear()
        self.then_by.addItem("(nothing: one attribute)", NO_SECOND)
        for d in (wave.dimensions if wave else ()):
            self.by.addItem(d.label, d.label)
            self.then_by.addItem(d.label, d.label)
        if keep_by and self.by.findText(keep_by) >= 0:
            self.by.setCurrentIndex(self.by.findText(keep_by))
        if keep_then and self.then_by.findData(keep_then) >= 0:
            self.then_by.setCurrentIndex(self.then_by.findData(keep_then))
        self._thresholds = thresholds
        self.report, self.other_reports = None, {}
        second = self.then_by.currentData() or None
        if second is not None and second == self.by.currentData():
            second = None
            self.then_by.setCurrentIndex(0)
        if wave is None or not self.by.count() or self.reporter is None or self.reads is None:
            if self.reads is not None:
                self.reads.cancel()
            self._show(None, {}, set())
            return
        by, reporter, sent_reader = self.by.currentData(), self.reporter, self.sent_reader
        others = [w for w in other_waves if any(d.matches(by) for d in w.dimensions) and
                  (second is None or any(d.matches(second) for d in w.dimensions))]

        def reports(session: Session):
            return (reporter(session, wave, by, second, min_size),
                    {w.label: reporter(session, w, by, second, min_size) for w in others},
                    sent_reader(session, wave, by) if sent_reader else set())

        def failed(message: str) -> None:
            self._show(None, {}, set())
            self.note.setText(f"The results could not be prepared: {message}")

        def cancelled() -> None:
            self._show(None, {}, set())
            self.note.setText("Reading the results was cancelled: choose the attribute again to read them.")

        # Every cell is audited against everything released before (a cross-tab has many small
        # cells): off the window's thread, on a read-only snapshot, with Cancel if it takes long.
        label = ("Checking the cross-tab against everything released before..." if second else
                 "Reading the results by group...")
        self._kept_cell = self.selected_cell() or self._kept_cell  # (a read replaced: the one before it)
        self.model.set_report(None, thresholds, self._sent)
        self.note.setText(label)
        self.reads.start(label, reports, lambda result: self._show(*result), failed, cancelled)

    def _show(self, report: GroupReport | None, others: dict[str, GroupReport], sent: set[tuple[str, str]]) -> None:
        current, kept, self._kept_cell = self.view.currentIndex(), self._kept_cell, None
        self.report, self.other_reports, self._sent = report, others, sent
        thresholds, sent, min_size = self._thresholds, self._sent, self.min_size
        self.model.set_report(self.report, thresholds, sent)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in range(self.model.columnCount()):
            self.view.setColumnWidth(col, 118)
        if report is not None and kept is not None and kept[0] in report.groups and kept[1] in self.model.measures:
            # the cell selected before the results were read again (a gap just sent stays selected)
            self.view.setCurrentIndex(self.model.index(self.model.measures.index(kept[1]),
                                                       report.groups.index(kept[0])))
        elif current.isValid() and current.row() < self.model.rowCount() and \
                current.column() < self.model.columnCount():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        elif self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        mean, pct = thresholds
        self.note.setText(
            f"Each cell: mean (1 = lowest) and percent favorable (top two points). \u25bc and shading: a gap, "
            f"{mean:g} or more below all respondents on the mean or {pct:g} points on percent favorable. "
            f"\u2014 withheld (hover to see why): {suppression_note(min_size)} Sometimes more is withheld, so that "
            "no small group's result can be worked out from this and the reports already released.")
        self._selection_moved()

    def show_sent(self, sent: set[tuple[str, str]]) -> None:
        """The cells already sent to Priorities, read again after a finding came or went (the
        results themselves are unchanged, so they are not read again)."""
        if self.report is not None and sent != self._sent:
            self._show(self.report, self.other_reports, sent)

    def dimension(self) -> str:
        return self.by.currentData() or ""

    def selected_cell(self) -> tuple[str, str] | None:
        return self.model.cell_at(self.view.currentIndex())

    # Chart ------------------------------------------------------------------------------------------
    @property
    def chart(self) -> ResultsChart:
        """The results' chart, made (and drawn for what is shown) the first time it is needed."""
        if self._chart is None:
            from gui.data.results_chart import ResultsChart  # pyqtgraph: see __init__

            self._chart = ResultsChart(self._chart_box)
            self._chart.setAccessibleName("Results chart")
            self._chart_box.layout().addWidget(self._chart)
            self._chart.show()  # (a child added to a page already shown is not shown with it)
            self._draw_chart()
        return self._chart

    def make_chart(self) -> None:
        """Make the chart (drawn by its making) if it isn't made: just after the first results are
        shown, or ahead, empty, while the tab is still hidden (its first visit spent 60-110 ms on
        pyqtgraph's plot and axes)."""
        self._chart_due = False
        self.chart  # noqa: B018 (made here)

    def _selection_moved(self) -> None:
        cell = self.selected_cell()
        can_send = cell is not None and self.model.gap_at(self.view.currentIndex()) and cell not in self.model.sent \
            and not self.then_by.currentData()
        self.send_button.setEnabled(bool(can_send))
        self.send_action.setEnabled(bool(can_send))
        self._draw_chart()

    def _draw_chart(self) -> None:
        if self._chart is None:  # nothing drawn yet: made for the first results, after what shows them
            if self.report is not None and not self._chart_due:
                self._chart_due = True
                QTimer.singleShot(0, self, self.make_chart)
            return
        if self.report is None:
            self.chart.show_bars("", [], [])
            return
        if self.chart_mode.currentData() == "heat":
            domains = [m for m in self.model.measures if m in self.report.domain_names] or self.model.measures
            self.chart.show_heat_map(self.report, domains)
            return
        index = self.view.currentIndex()
        measure = self.model.measures[index.row()] if index.isValid() and self.model.measures else None
        if measure is None:
            self.chart.show_bars("", [], [])
            return
        groups = list(self.report.groups)
        waves = [WaveCells(label, {g: report.cell(g, measure) for g in groups if (g, measure) in report.cells})
                 for label, report in self.other_reports.items() if measure in report.measures]
        waves.append(WaveCells(self.wave.label, {g: self.report.cell(g, measure) for g in groups}))
        self.chart.show_bars(measure, groups, waves, self.min_size)

    def _send(self) -> None:
        cell = self.selected_cell()
        if cell is not None:
            self.send_requested.emit(*cell)
