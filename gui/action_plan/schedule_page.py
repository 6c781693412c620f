"""The Action plan's schedule: the filters, the actions' table and the Gantt chart in step, and the
line under the chart that says what is shown and how to move a bar.

This builds the widgets and keeps the chart's zoom with the slider; the tab wires the rest to the
plan (what a selection, a drag or a filter does)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.action_plan.gantt_view import GanttView
from gui.action_plan.optional_date import optional_date, optional_date_edit
from gui.action_plan.plan_models import CONTRACT_CHOICES, DISTRICT_WIDE, NOT_SET, ActionsModel
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import PlanTableView, fit_columns, make_table_view
from services.action_plan.action_schedule import STATUSES
from services.action_plan.gantt_layout import Filters, GanttChart
from services.action_plan.objectives import CHANGE_LEVELS
from services.action_plan.plan_balance import Balance

Choices = Callable[[], list]


class SchedulePage(QWidget):
    """Emits ``filters_changed`` when a filter is changed; ``filters()`` reads them. The tab gives
    the table its commands (right-click menu, Delete)."""

    filters_changed = Signal()

    def __init__(self, actions_model: ActionsModel, objective_choices: Choices, people_choices: Choices,
                 parent: QWidget | None = None):
        super().__init__(parent)
        filters, view_controls = self._filter_bar()
        self.actions_view = self._actions_table(actions_model, objective_choices, people_choices)
        # what the plan's actions change, and what to look at (seed 000 step 5), over the table
        self.balance_line = QLabel(objectName="balanceLine", wordWrap=True)
        self.balance_line.setTextFormat(Qt.TextFormat.RichText)
        self.gantt = GanttView(self)
        self.gantt.setObjectName("gantt")
        self.status_line = QLabel(objectName="ganttStatus", wordWrap=True)
        self.gantt.drag_feedback.connect(self.status_line.setText)
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 2, 0, 0)
        chart_layout.addLayout(view_controls)
        chart_layout.addWidget(self.gantt, 1)
        table = QWidget()
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.balance_line)
        table_layout.addWidget(self.actions_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(table)
        split.addWidget(chart)
        split.setChildrenCollapsible(False)
        split.setSizes([250, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_line)

    def _filter_bar(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """What the table and chart show (over the table), and the chart's own controls (over the
        chart): two short rows, so nothing is squeezed out on a small screen."""
        self.owner_filter = QComboBox(objectName="ownerFilter")
        self.owner_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_filter.setMinimumContentsLength(10)
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem("All statuses", None)
        for key, label in STATUSES.items():
            self.status_filter.addItem(label, key)
        self.from_filter = optional_date_edit(None, "fromFilter", "any")
        self.to_filter = optional_date_edit(None, "toFilter", "any")
        for edit in (self.from_filter, self.to_filter):
            edit.dateChanged.connect(lambda _d: self.filters_changed.emit())
        self.hide_done = QCheckBox("&Hide done work", objectName="hideDone")
        self.show_communications = QCheckBox("Show co&mmunications", objectName="showCommunications", checked=True)
        for widget in (self.owner_filter, self.status_filter):
            widget.activated.connect(lambda _i: self.filters_changed.emit())
        for box in (self.hide_done, self.show_communications):
            box.toggled.connect(lambda _b: self.filters_changed.emit())
        self.zoom = QSlider(Qt.Orientation.Horizontal, objectName="ganttZoom")
        self.zoom.setRange(10, 300)  # tenths of a pixel per day: the whole year to a few weeks
        self.zoom.setValue(40)
        self.zoom.setMinimumWidth(120)
        self.zoom.setMaximumWidth(220)
        self.zoom.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.zoom.setPageStep(20)
        self.zoom.setToolTip("Zoom: left shows the whole year, right a few weeks (also Ctrl+wheel over the chart, "
                             "or Ctrl+Plus and Ctrl+Minus)")
        self.zoom.valueChanged.connect(lambda v: self.gantt.set_zoom(v / 10))
        whole = QPushButton("&Whole year", objectName="wholeYear")
        whole.clicked.connect(self._fit_year)
        row = QHBoxLayout()
        for label, widget in (("Own&er:", self.owner_filter), ("St&atus:", self.status_filter),
                              ("&From:", self.from_filter), ("&to:", self.to_filter)):
            row.addWidget(QLabel(label, buddy=widget))
            row.addWidget(widget)
        row.addWidget(self.hide_done)
        row.addStretch(1)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Gantt chart", objectName="ganttHeading"))
        controls.addStretch(1)
        controls.addWidget(self.show_communications)
        controls.addSpacing(12)
        controls.addWidget(QLabel("&Zoom:", buddy=self.zoom))
        controls.addWidget(self.zoom)
        controls.addWidget(whole)
        return row, controls

    def _actions_table(self, model: ActionsModel, objective_choices: Choices, people_choices: Choices) -> PlanTableView:
        view = make_table_view(self, stretch_column=0, name="Actions")
        view.setObjectName("actionsList")
        view.setModel(model)
        view.setItemDelegateForColumn(1, ChoiceDelegate(objective_choices, view))
        view.setItemDelegateForColumn(2, ChoiceDelegate(people_choices, view))
        view.setItemDelegateForColumn(5, ChoiceDelegate(lambda: list(STATUSES.items()), view))
        view.setItemDelegateForColumn(model.column_of("change_level"), ChoiceDelegate(
            lambda: [("", NOT_SET), *CHANGE_LEVELS.items()], view))
        view.setItemDelegateForColumn(model.column_of("school_id"), ChoiceDelegate(
            lambda: [(None, DISTRICT_WIDE), *model.schools.items()], view))
        view.setItemDelegateForColumn(model.column_of("contract"), ChoiceDelegate(
            lambda: list(CONTRACT_CHOICES.items()), view))
        fit_columns(view, stretch_column=0)
        return view

    def show_balance(self, balance: Balance) -> None:
        """"What the actions change: Individual 3 · System 1 · not set 2", and a gentle warning
        under it when the plan leans on individual change."""
        lines = [f"<b>What the actions change:</b> {escape(balance.actions_line)}"]
        lines += [f"<span style='color:#8A4B00'>\u26a0 {escape(w)}</span>" for w in balance.level_warnings]
        self.balance_line.setText("<br>".join(lines))
        self.balance_line.setToolTip("Seed 000, step 5: most plans balance individual and structural changes, "
                                     "especially around job stressors. Set it in the Changes column.")

    def keep_sort_order(self) -> None:
        """After the rows were read afresh, order them as the person last chose by a heading."""
        header = self.actions_view.horizontalHeader()
        if header.sortIndicatorSection() >= 0 and self.actions_view.isSortingEnabled():
            self.actions_view.model().sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _fit_year(self) -> None:
        self.gantt.fit_year()
        with QSignalBlocker(self.zoom):  # the chart is zoomed already; the slider only follows
            self.zoom.setValue(round(self.gantt.px_per_day * 10))

    def filters(self) -> Filters:
        status = self.status_filter.currentData()
        return Filters(owner_id=self.owner_filter.currentData(), statuses=frozenset({status}) if status else None,
                       date_from=optional_date(self.from_filter), date_to=optional_date(self.to_filter),
                       hide_done=self.hide_done.isChecked(), communications=self.show_communications.isChecked())

    def fill_owners(self, owners: dict[int, str]) -> None:
        """The owner filter lists ``owners`` (id: name) by name, keeping the one chosen."""
        keep = self.owner_filter.currentData()
        self.owner_filter.clear()
        self.owner_filter.addItem("Everyone", None)
        for owner_id, name in sorted(owners.items(), key=lambda kv: kv[1].casefold()):
            self.owner_filter.addItem(name, owner_id)
        self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(keep)))

    def show_chart(self, chart: GanttChart) -> None:
        if self.gantt.chart is None:  # the first chart is drawn at the slider's zoom (once, not at 4 and again)
            self.gantt.px_per_day = self.zoom.value() / 10
        self.gantt.set_chart(chart)
        actions = sum(1 for r in chart.rows if r.action_id)
        if not actions:
            self.status_line.setText(
                "No actions match the filters." if replace(self.filters(), communications=True) != Filters() else
                "No actions yet. Priorities approved on the Priorities tab arrive here to be scheduled; or press "
                "Add action (Ctrl+Shift+N) to add one.")
            return
        self.status_line.setText(f"{actions} actions shown, {chart.late_count()} late (red, marked \u26a0). Drag a "
                                 "bar to move it, drag an end to change its dates, or in the chart choose one with "
                                 "\u2191/\u2193 and move it with \u2190/\u2192 (Shift: a week); Ctrl+Z undoes.")
