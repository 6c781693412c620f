"""Objectives: the list, and the selected objective as a SMARTIE form with the checker's verdict
beside each letter, the groups it is for and the people involved, and its indicator drawn toward
the target (pyqtgraph)."""

from __future__ import annotations

import datetime as dt
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.action_plan.optional_date import optional_date, optional_date_edit, show_optional_date
from gui.action_plan.plan_models import MeasurementsModel, ObjectivesModel
from gui.screen_dates import screen_style, show_date
from gui.widgets.buttons import button_row
from gui.widgets.empty_state import EmptyState
from gui.widgets.tables import fit_columns, make_table_view
from services.action_plan import objectives
from services.action_plan.objectives import (
    CHANGE_LEVEL_HINTS,
    CHANGE_LEVELS,
    GOAL_TYPE_HINTS,
    GOAL_TYPES,
    PART_LABELS,
    PART_PROMPTS,
    ObjectiveRecord,
)
from services.action_plan.plan_balance import Balance

OK_MARK, MISSING_MARK = "\u2714", "\u2716"


class IndicatorChart(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(170)
        self.getPlotItem().addLegend(offset=(-5, 2), labelTextColor="#1F2933", brush="#FFFFFFDD", colCount=2)

    def show_indicator(self, record: ObjectiveRecord | None, measurements) -> None:
        plot = self.getPlotItem()
        plot.clear()
        plot.legend.clear()
        self.setAccessibleDescription(describe_indicator(record, measurements))
        if record is None:
            return
        points = []
        if record.baseline is not None and record.baseline_date is not None:
            points.append((record.baseline_date, record.baseline))
        points += [(m.measured_on, m.value) for m in measurements]
        points.sort()
        if not points:
            plot.setTitle("No baseline or measurements yet", color="#52606D", size="9pt")
            return
        plot.setTitle(record.indicator or "Indicator", color="#1F2933", size="9pt")
        origin = points[0][0]

        def x(day: dt.date) -> float:
            return (day - origin).days

        plot.plot([x(d) for d, _ in points], [v for _, v in points], pen=pg.mkPen("#2166AC", width=2),
                  symbol="o", symbolBrush="#2166AC", symbolSize=7, name="Measured")
        if record.target is not None:
            end = record.target_date or points[-1][0] + dt.timedelta(days=90)
            plot.plot([x(points[-1][0]), x(end)], [points[-1][1], record.target],
                      pen=pg.mkPen("#E08214", width=2, style=Qt.PenStyle.DashLine), name="Toward the target")
            plot.plot([x(end)], [record.target], pen=None, symbol="star", symbolBrush="#E08214", symbolSize=12)
        days = [x(d) for d, _ in points] + ([x(record.target_date)] if record.target_date else [])
        ticks = sorted({int(t) for t in days})
        plot.getAxis("bottom").setTicks([[(t, screen_style().month_year(origin + dt.timedelta(days=t)))
                                          for t in ticks]])


def describe_indicator(record: ObjectiveRecord | None, measurements) -> str:
    """What the indicator's chart shows, in words, for a screen reader."""
    if record is None:
        return "No objective chosen."
    unit = objectives.unit_suffix(record.unit)
    points = ([f"baseline {record.baseline:g}{unit} on {show_date(record.baseline_date)}"]
              if record.baseline is not None and record.baseline_date else [])
    points += [f"{m.value:g}{unit} on {show_date(m.measured_on)}" for m in measurements]
    if record.target is not None:
        points.append(f"target {record.target:g}{unit}" + (f" by {show_date(record.target_date)}"
                                                           if record.target_date else ""))
    return f"{record.indicator or 'Indicator'}: " + ("; ".join(points) if points else "no baseline or measurements yet") \
        + "."


class ObjectivesPage(QWidget):
    """Emits requests; the tab turns them into undoable edits."""

    field_changed = Signal(int, str, object)  # objective id, field, value
    add_requested = Signal()
    remove_requested = Signal()
    groups_requested = Signal()
    people_requested = Signal()
    add_measurement_requested = Signal()
    remove_measurement_requested = Signal()

    def __init__(self, objectives_model: ObjectivesModel, measurements_model: MeasurementsModel,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.model = objectives_model
        self.record: ObjectiveRecord | None = None
        self.list = make_table_view(self, stretch_column=0, name="Objectives")
        self.list.setObjectName("objectivesList")
        self.list.setModel(objectives_model)
        self.list.setWordWrap(True)
        fit_columns(self.list, stretch_column=0)
        buttons = button_row((("&Add objective...", self.add_requested.emit, "addObjective"),
                                   ("Remove objective", self.remove_requested.emit, "removeObjective")))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # the goal types and how many goals (seed 002), over the list
        self.goals_line = QLabel(objectName="goalsLine", wordWrap=True)
        self.goals_line.setTextFormat(Qt.TextFormat.RichText)
        left_layout.addWidget(self.goals_line)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)

        form_widget = QWidget()
        form = QGridLayout(form_widget)
        self.statement = QLineEdit(objectName="objectiveStatement")
        self.statement.editingFinished.connect(lambda: self._changed("statement", self.statement.text()))
        form.addWidget(QLabel("<b>Objective</b>", buddy=self.statement), 0, 0)
        form.addWidget(self.statement, 0, 1, 1, 2)
        self.parts: dict[str, QLineEdit] = {}
        self.marks: dict[str, QLabel] = {}
        for row, key in enumerate(PART_LABELS, 1):
            edit = QLineEdit(objectName=f"part_{key}", placeholderText=PART_PROMPTS[key])
            edit.editingFinished.connect(lambda k=key, e=edit: self._changed(k, e.text()))
            mark = QLabel(objectName=f"check_{key}", wordWrap=True)
            mark.setMinimumWidth(200)
            self.parts[key], self.marks[key] = edit, mark
            label = QLabel(f"&{PART_LABELS[key]}:", buddy=edit)
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1)
            form.addWidget(mark, row, 2)
        self.groups_label = QLabel(objectName="objectiveGroups", wordWrap=True)
        self.people_label = QLabel(objectName="objectivePeople", wordWrap=True)
        groups_button = QPushButton("Staff groups it is &for...", objectName="objectiveGroupsButton")
        groups_button.clicked.connect(self.groups_requested.emit)
        people_button = QPushButton("People &involved...", objectName="objectivePeopleButton")
        people_button.clicked.connect(self.people_requested.emit)
        row = len(PART_LABELS) + 1
        form.addWidget(groups_button, row, 0)
        form.addWidget(self.groups_label, row, 1, 1, 2)
        form.addWidget(people_button, row + 1, 0)
        form.addWidget(self.people_label, row + 1, 1, 1, 2)
        self.goal_type = self._choice("objectiveGoalType", GOAL_TYPES, GOAL_TYPE_HINTS, "goal_type")
        self.change_level = self._choice("objectiveChangeLevel", CHANGE_LEVELS, CHANGE_LEVEL_HINTS, "change_level")
        for offset, (label, combo, hint) in enumerate((
                ("&Goal type:", self.goal_type, "Set quality goals first: the experience staff should have."),
                ("What it c&hanges:", self.change_level, "Balance changes to the individual and to the system "
                                                         "around them, especially for job stressors."))):
            form.addWidget(QLabel(label, buddy=combo), row + 2 + offset, 0)
            form.addWidget(combo, row + 2 + offset, 1)
            form.addWidget(QLabel(f"<span style='color:#52606D'>{escape(hint)}</span>", wordWrap=True),
                           row + 2 + offset, 2)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(2, 2)

        indicator = QWidget()
        ind_form = QFormLayout(indicator)
        self.indicator = QLineEdit(objectName="indicatorName", placeholderText="What you will count")
        self.indicator.editingFinished.connect(lambda: self._changed("indicator", self.indicator.text()))
        self.unit = QLineEdit(objectName="indicatorUnit", placeholderText="%, staff, days...")
        self.unit.setMaximumWidth(120)
        self.unit.editingFinished.connect(lambda: self._changed("unit", self.unit.text()))
        self.baseline = QLineEdit(objectName="indicatorBaseline", accessibleName="Baseline")
        self.baseline.editingFinished.connect(lambda: self._number("baseline", self.baseline))
        self.target = QLineEdit(objectName="indicatorTarget", accessibleName="Target")
        self.target.editingFinished.connect(lambda: self._number("target", self.target))
        self.baseline_date = self._date_edit("baseline_date", "Baseline measured on")
        self.target_date = self._date_edit("target_date", "Target date")
        self.target_date.setToolTip("When the target is to be reached. Moving it rewords the old date where the "
                                    "objective and its Time-bound answer name it (\u201cBy June 2027\u201d).")
        pair = QHBoxLayout()
        pair.addWidget(self.baseline)
        pair.addWidget(QLabel("on"))
        pair.addWidget(self.baseline_date)
        target_pair = QHBoxLayout()
        target_pair.addWidget(self.target)
        target_pair.addWidget(QLabel("by"))
        target_pair.addWidget(self.target_date)
        ind_form.addRow("Indicator:", self.indicator)
        ind_form.addRow("Unit:", self.unit)
        ind_form.addRow("Baseline:", pair)
        ind_form.addRow("Target:", target_pair)
        self.progress = QLabel(objectName="indicatorProgress", wordWrap=True)
        ind_form.addRow(self.progress)
        self.measurements = make_table_view(self, stretch_column=2, name="Measurements of the indicator")
        self.measurements.setObjectName("measurementsList")
        self.measurements.setModel(measurements_model)
        self.measurements.setMaximumHeight(150)
        fit_columns(self.measurements, stretch_column=2)
        m_buttons = button_row((("Add &measurement...", self.add_measurement_requested.emit, "addMeasurement"),
                                   ("Remove measurement", self.remove_measurement_requested.emit, "removeMeasurement")))
        # The indicator's chart is made and drawn when the page is on screen: a pyqtgraph plot took a
        # third of building the whole Action plan tab, whose first page is the schedule.
        self.chart: IndicatorChart | None = None
        self._chart_box = QWidget(minimumHeight=170)
        QVBoxLayout(self._chart_box).setContentsMargins(0, 0, 0, 0)
        self._indicator: tuple[ObjectiveRecord | None, list] = (None, [])
        self._indicator_drawn = False
        ind_side = QWidget()
        ind_layout = QVBoxLayout(ind_side)
        ind_layout.setContentsMargins(0, 0, 0, 0)
        ind_layout.addWidget(indicator)
        ind_layout.addWidget(self.measurements)
        ind_layout.addLayout(m_buttons)
        ind_layout.addWidget(self._chart_box, 1)

        detail = QWidget()
        detail_layout = QHBoxLayout(detail)
        detail_layout.addWidget(form_widget, 3)
        detail_layout.addWidget(ind_side, 2)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; the area scrolls to each
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        self.detail = detail
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([180, 520])
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(QLabel("Write each objective as SMARTIE: specific, measurable, achievable, relevant, "
                                     "time-bound, inclusive and equitable. The checks on the right say what is "
                                     "still missing.", wordWrap=True))
        page_layout.addWidget(split, 1)
        self.empty = EmptyState(
            "No objectives yet",
            "An objective says what will change, for which staff, by when: \u201cBy June 2027, 80% of bus drivers "
            "can take their breaks.\u201d Write the first in one sentence; the SMARTIE checks then say what it "
            "still needs.",
            "&Add the first objective...", self.add_requested.emit, object_name="objectivesEmpty")
        self.stack = QStackedWidget(objectName="objectivesStack")
        self.stack.addWidget(page)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack, 1)
        for signal in (objectives_model.modelReset, objectives_model.rowsInserted, objectives_model.rowsRemoved):
            signal.connect(self._show_page)
        self._show_page()

    def _choice(self, name: str, labels: dict[str, str], hints: dict[str, str], key: str) -> QComboBox:
        """A drop-down of one of the objective's kinds (not set, or one of ``labels``); picking one
        changes the objective."""
        combo = QComboBox(objectName=name)
        combo.addItem("(not set)", "")
        for value, label in labels.items():
            combo.addItem(label, value)
            combo.setItemData(combo.count() - 1, hints[value], Qt.ItemDataRole.ToolTipRole)
        combo.activated.connect(lambda _i: self._changed(key, combo.currentData()))
        return combo

    def show_goals(self, balance: Balance) -> None:
        """"Goal types: Quality 1 · Implementation 0 · ...", and what to look at (seed 002)."""
        lines = [f"<b>Goal types:</b> {escape(balance.goals_line)}"]
        lines += [f"<span style='color:#8A4B00'>\u26a0 {escape(w)}</span>" for w in balance.goal_warnings]
        self.goals_line.setText("<br>".join(lines))

    def _show_page(self, *_args) -> None:
        """The objectives, or what to do first while there are none."""
        self.stack.setCurrentWidget(self.empty if self.model.rowCount() == 0 else self.stack.widget(0))

    def _date_edit(self, key: str, name: str) -> QDateEdit:
        edit = optional_date_edit(None, f"indicator_{key}", "no date")
        edit.setAccessibleName(name)
        edit.editingFinished.connect(lambda: self._changed(key, optional_date(edit)))
        return edit

    def _changed(self, key: str, value) -> None:
        if self.record is None:
            return
        current = self.record.parts.get(key) if key in self.record.parts else getattr(self.record, key, None)
        if isinstance(value, str):
            value = " ".join(value.split()) if key == "statement" else value.strip()
        if value != current:
            self.field_changed.emit(self.record.id, key, value)

    def _number(self, key: str, edit: QLineEdit) -> None:
        text = edit.text().strip().rstrip("%").replace(",", "")
        if not text:
            self._changed(key, None)
            return
        try:
            self._changed(key, float(text))
        except ValueError:
            edit.setText("" if getattr(self.record, key) is None else f"{getattr(self.record, key):g}")
            edit.setToolTip("Type a number, such as 70.")

    def show_objective(self, record: ObjectiveRecord | None, findings, groups: str, people: str,
                       measurements) -> None:
        self.record = record
        self.detail.setEnabled(record is not None)
        if record is None:
            for edit in (self.statement, self.indicator, self.unit, self.baseline, self.target, *self.parts.values()):
                edit.clear()
            for mark in self.marks.values():
                mark.clear()
            self.groups_label.clear()
            self.people_label.clear()
            for combo in (self.goal_type, self.change_level):
                combo.setCurrentIndex(0)
            self.progress.setText("Add an objective to start the plan.")
            self._show_indicator(None, [])
            return
        self.statement.setText(record.statement)
        self.statement.setCursorPosition(0)
        self.statement.setToolTip(record.statement)
        for key, edit in self.parts.items():
            if not edit.hasFocus():
                edit.setText(record.parts[key])
                edit.setCursorPosition(0)  # show the start of a long answer, as people read it
            edit.setToolTip(record.parts[key] or PART_PROMPTS[key])  # the whole answer, wider than the field
        for f in findings:
            mark = self.marks[f.part]
            color = "#1E7B34" if f.ok else "#B42318"
            mark.setText(f"<span style='color:{color}'>{OK_MARK if f.ok else MISSING_MARK}</span> {f.message}")
        for combo, value in ((self.goal_type, record.goal_type), (self.change_level, record.change_level)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.groups_label.setText(groups or "<i>No staff group chosen</i>")
        self.people_label.setText(people or "<i>No one named</i>")
        for edit, text in ((self.indicator, record.indicator), (self.unit, record.unit)):
            if not edit.hasFocus():
                edit.setText(text)
                edit.setCursorPosition(0)  # the start of a long name, as people read it
        self.baseline.setText("" if record.baseline is None else f"{record.baseline:g}")
        self.target.setText("" if record.target is None else f"{record.target:g}")
        for edit, day in ((self.baseline_date, record.baseline_date), (self.target_date, record.target_date)):
            show_optional_date(edit, day)
        self.progress.setText(objectives.progress_text(record, measurements, screen_style()))
        self._show_indicator(record, measurements)

    def _show_indicator(self, record: ObjectiveRecord | None, measurements) -> None:
        self._indicator, self._indicator_drawn = (record, measurements), False
        if self.isVisible():
            self._draw_indicator()

    def _draw_indicator(self) -> None:
        if self.chart is None:
            self.chart = IndicatorChart(self._chart_box)
            self.chart.setAccessibleName("Indicator chart")
            self._chart_box.layout().addWidget(self.chart)
        self.chart.show_indicator(*self._indicator)
        self._indicator_drawn = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._indicator_drawn:
            self._draw_indicator()
