"""The Action plan tab (seed 000 steps 5-7): SMARTIE objectives with their indicators, the actions
on a Gantt chart (the table and the chart in step), PDSA cycles, and the communication plan.
Approved priorities and focus-group proposals arrive here ready to schedule."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSlider,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.action_plan import commands
from gui.action_plan.gantt_view import GanttView
from gui.action_plan.objectives_page import ObjectivesPage
from gui.action_plan.plan_models import (
    ActionsModel,
    CommunicationsModel,
    CyclesModel,
    MeasurementsModel,
    ObjectivesModel,
)
from gui.dialog_lifetime import listen_while_open, run_modal
from gui.plan_context import GROUPS, OBJECTIVES, PLAN, PROFILE, TEAM, PlanContext
from gui.widgets.buttons import button_row
from gui.widgets.checklist import CheckList, CheckListDialog
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import fit_columns, make_table_view, on_delete_key, selected_record
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.workspace_tab import WorkspaceTab
from services.action_plan import action_schedule, communications, improvement_cycles, objectives, school_calendar
from services.action_plan.action_schedule import STATUSES
from services.action_plan.gantt_layout import Filters, build_chart
from services.district_profile import get_profile, list_position_groups
from services.team.team_roster import list_people

INTRO = ("Turn priorities into a plan: SMARTIE objectives with an indicator, actions with owners and dates on the "
         "Gantt chart, Plan-Do-Study-Act cycles to learn what works, and who hears what, when.")


class ActionPlanTab(WorkspaceTab):
    tab_key = "action_plan"
    tab_title = "Action plan"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.today = dt.date.today()
        toolbar = tab_toolbar("Action plan")
        self.add_action_button = add_tab_action(self, toolbar, "Add action...", "Add an action to the plan",
                                                self.add_action, QKeySequence("Ctrl+Shift+N"))
        self.remove_action_button = add_tab_action(self, toolbar, "Remove action", "Remove the selected action",
                                                   self.remove_action)
        self.depends_button = add_tab_action(self, toolbar, "Depends on...", "Choose the actions that must finish "
                                             "before the selected one starts", self.edit_dependencies)
        toolbar.addSeparator()
        add_tab_action(self, toolbar, "School breaks...", "The breaks the Gantt chart shades", self.edit_breaks)
        toolbar.addSeparator()
        for text, kind in (("Print Gantt...", "gantt"), ("Print plan...", "plan"),
                           ("Progress update...", "progress-update"), ("Calendar...", "calendar"),
                           ("Spreadsheet...", "actions")):
            add_tab_action(self, toolbar, text, f"Export: {text.rstrip('.').lower()}",
                           lambda _c=False, k=kind: self.export_requested.emit(k))

        self.actions_model = ActionsModel(context)
        self.objectives_model = ObjectivesModel(context)
        self.measurements_model = MeasurementsModel(context)
        self.cycles_model = CyclesModel(context)
        self.communications_model = CommunicationsModel(context)

        self.pages = QTabWidget(objectName="planPages")
        self.pages.addTab(self._schedule_page(), "&Schedule and Gantt")
        self.objectives_page = ObjectivesPage(self.objectives_model, self.measurements_model, self)
        self.pages.addTab(self.objectives_page, "&Objectives")
        self.pages.addTab(self._cycles_page(), "&PDSA cycles")
        self.pages.addTab(self._communications_page(), "&Communication")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(toolbar)
        layout.addWidget(QLabel(INTRO, wordWrap=True))
        layout.addWidget(self.pages, 1)

        op = self.objectives_page
        op.list.selectionModel().selectionChanged.connect(lambda *_a: self._show_objective())
        op.field_changed.connect(lambda i, k, v: self.context.edit(commands.set_objective_field(self.context, i, k,
                                                                                                 v)))
        op.add_requested.connect(self.add_objective)
        op.remove_requested.connect(self.remove_objective)
        op.groups_requested.connect(self.edit_objective_groups)
        op.people_requested.connect(self.edit_objective_people)
        op.add_measurement_requested.connect(self.add_measurement)
        op.remove_measurement_requested.connect(self.remove_measurement)
        context.changed.connect(self._plan_changed)
        if self.objectives_model.rowCount():
            op.list.selectRow(0)
        self.refresh_chart()
        self._show_objective()

    # Schedule -------------------------------------------------------------------------------------
    def _schedule_page(self) -> QWidget:
        page = QWidget()
        self.owner_filter = QComboBox(objectName="ownerFilter")
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem("All statuses", None)
        for key, label in STATUSES.items():
            self.status_filter.addItem(label, key)
        self.from_filter = QDateEdit(objectName="fromFilter", calendarPopup=True, displayFormat="d MMM yyyy")
        self.to_filter = QDateEdit(objectName="toFilter", calendarPopup=True, displayFormat="d MMM yyyy")
        for edit in (self.from_filter, self.to_filter):
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setSpecialValueText("any")
            edit.setDate(edit.minimumDate())
            edit.dateChanged.connect(lambda _d: self._filters_changed())
        self.hide_done = QCheckBox("&Hide done work", objectName="hideDone")
        self.show_communications = QCheckBox("Show co&mmunications", objectName="showCommunications", checked=True)
        for widget in (self.owner_filter, self.status_filter):
            widget.activated.connect(lambda _i: self._filters_changed())
        for box in (self.hide_done, self.show_communications):
            box.toggled.connect(lambda _b: self._filters_changed())
        self.zoom = QSlider(Qt.Orientation.Horizontal, objectName="ganttZoom")
        self.zoom.setRange(10, 300)  # tenths of a pixel per day: the whole year to a few weeks
        self.zoom.setValue(40)
        self.zoom.setMaximumWidth(160)
        self.zoom.setToolTip("Zoom (Ctrl+wheel over the chart)")
        self.zoom.valueChanged.connect(lambda v: self.gantt.set_zoom(v / 10))
        whole = QPushButton("&Whole year", objectName="wholeYear")
        whole.clicked.connect(self._fit_year)
        filters = QHBoxLayout()
        for label, widget in (("Owner:", self.owner_filter), ("Status:", self.status_filter),
                              ("From:", self.from_filter), ("to:", self.to_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.hide_done)
        filters.addWidget(self.show_communications)
        filters.addStretch(1)
        filters.addWidget(QLabel("Zoom:"))
        filters.addWidget(self.zoom)
        filters.addWidget(whole)

        self.actions_view = make_table_view(page, stretch_column=0)
        self.actions_view.setObjectName("actionsList")
        self.actions_view.setModel(self.actions_model)
        self.actions_view.setItemDelegateForColumn(1, ChoiceDelegate(self._objective_choices, self.actions_view))
        self.actions_view.setItemDelegateForColumn(2, ChoiceDelegate(self._people_choices, self.actions_view))
        self.actions_view.setItemDelegateForColumn(5, ChoiceDelegate(lambda: list(STATUSES.items()),
                                                                     self.actions_view))
        fit_columns(self.actions_view, stretch_column=0)
        self.actions_view.setColumnWidth(1, 220)
        on_delete_key(self.actions_view, self.remove_action)
        self.gantt = GanttView(page)
        self.gantt.setObjectName("gantt")
        self.status_line = QLabel(objectName="ganttStatus", wordWrap=True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.actions_view)
        split.addWidget(self.gantt)
        split.setSizes([250, 450])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_line)
        self.actions_view.selectionModel().selectionChanged.connect(lambda *_a: self._table_selected())
        self.gantt.action_selected.connect(self._gantt_selected)
        self.gantt.moved.connect(self._bar_moved)
        self.gantt.drag_feedback.connect(self.status_line.setText)
        self._fill_owner_filter()
        return page

    def _fit_year(self) -> None:
        self.gantt.fit_year()
        self.zoom.blockSignals(True)
        self.zoom.setValue(round(self.gantt.px_per_day * 10))
        self.zoom.blockSignals(False)

    def _objective_choices(self):
        return [(None, "(none)")] + [(o.id, o.short) for o in self.context.read(objectives.list_objectives)]

    def _people_choices(self):
        return [(None, "(none)")] + [(p.id, p.name) for p in self.context.read(list_people)]

    def _fill_owner_filter(self) -> None:
        keep = self.owner_filter.currentData()
        self.owner_filter.clear()
        self.owner_filter.addItem("Everyone", None)
        owners = {a.owner_id: a.owner_name for a in self.context.read(action_schedule.list_actions) if a.owner_id}
        for owner_id, name in sorted(owners.items(), key=lambda kv: kv[1].casefold()):
            self.owner_filter.addItem(name, owner_id)
        self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(keep)))

    def filters(self) -> Filters:
        def day(edit: QDateEdit):
            return None if edit.date() == edit.minimumDate() else edit.date().toPython()

        status = self.status_filter.currentData()
        return Filters(owner_id=self.owner_filter.currentData(), statuses=frozenset({status}) if status else None,
                       date_from=day(self.from_filter), date_to=day(self.to_filter),
                       hide_done=self.hide_done.isChecked(), communications=self.show_communications.isChecked())

    def _filters_changed(self) -> None:
        self.actions_model.filters = self.filters()
        self.actions_model.reload()
        self.refresh_chart()

    def refresh_chart(self) -> None:
        chart = self.context.read(lambda s: build_chart(s, self.today, self.filters()))
        first = self.gantt.chart is None
        self.gantt.set_chart(chart)
        if first:
            self.gantt.px_per_day = self.zoom.value() / 10
            self.gantt.redraw()
        late = chart.late_count()
        actions = sum(1 for r in chart.rows if r.action_id)
        self.status_line.setText(f"{actions} actions shown, {late} late (red). Drag a bar to move it, drag an end to "
                                 "change its dates, or select it and press \u2190/\u2192 (Shift: a week); "
                                 "Ctrl+Z undoes.")

    def selected_action(self):
        return selected_record(self.actions_view)

    def _table_selected(self) -> None:
        action = self.selected_action()
        for button in (self.remove_action_button, self.depends_button):
            button.setEnabled(action is not None)
        if action is not None:
            self.gantt.select_action(action.id, emit=False)

    def _gantt_selected(self, action_id: int) -> None:
        row = self.actions_model.row_of(action_id)
        if row >= 0:
            self.actions_view.selectRow(row)

    def _bar_moved(self, action_id: int, start: dt.date, end: dt.date, _mode: str) -> None:
        action = self.context.read(lambda s: action_schedule.get_action(s, action_id))
        with_dependants = False

        def preview(s):  # what the move would break, without writing anything
            graph = {}
            for a in action_schedule.list_actions(s):
                for p in a.predecessor_ids:
                    graph.setdefault(p, []).append(a)
            late_after = [d for d in graph.get(action_id, ()) if d.start is not None and d.start <= end]
            early = [p for p in action.predecessor_ids
                     if (pe := action_schedule.get_action(s, p).end) is not None and start <= pe]
            return late_after, early

        dependants, predecessors = self.context.read(preview)
        if predecessors:
            names = ", ".join(self.actions_model.titles.get(p, "?") for p in predecessors)
            QMessageBox.warning(self, "Move action", f"\u201c{action.title}\u201d now starts before {names} ends. "
                                "It is moved anyway; check that it can really start then.")
        if dependants:
            names = "\n".join(f"\u2022 {d.title}" for d in dependants[:8])
            answer = QMessageBox.question(
                self, "Move action", f"These actions wait for \u201c{action.title}\u201d and would start before it "
                f"ends:\n{names}\n\nMove them along (keeping their length)?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
            with_dependants = answer == QMessageBox.StandardButton.Yes
        if not self.context.edit(commands.move_action(self.context, action_id, start, end, with_dependants,
                                                      action.title)):
            self.refresh_chart()  # refused: put the bar back

    def add_action(self) -> None:
        title, ok = QInputDialog.getText(self, "Add action", "What will be done?")
        if not ok or not title.strip():
            return
        objective = selected_record(self.objectives_page.list)
        start = max(self.today, self.context.read(get_profile).year_start or self.today)
        edit = commands.add_action(self.context, title, objective_id=objective.id if objective else None,
                                   start=start, end=start + dt.timedelta(days=13))
        if self.context.edit(edit):
            self._gantt_selected(edit.result)

    def remove_action(self) -> None:
        action = self.selected_action()
        if action is not None:
            self.context.edit(commands.remove_action(self.context, action.id))

    def edit_dependencies(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        others = [(a.id, a.title) for a in self.context.read(action_schedule.list_actions) if a.id != action.id]
        checklist = CheckList(others, action.predecessor_ids, "predecessorsList")
        dialog = CheckListDialog(f"What \u201c{action.title}\u201d waits for",
                                 [("Must finish before it starts", checklist)], parent=self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            chosen = dialog.values()[0]
            if chosen != frozenset(action.predecessor_ids):
                self.context.edit(commands.set_predecessors(self.context, action.id, chosen))

    def edit_breaks(self) -> None:
        run_modal(BreaksDialog(self.context, self))

    # Objectives -----------------------------------------------------------------------------------
    def _show_objective(self) -> None:
        record = selected_record(self.objectives_page.list)
        self.measurements_model.set_objective(record.id if record else None)
        if record is None:
            self.objectives_page.show_objective(None, [], "", "", [])
            return

        def read(s):
            fresh = objectives.get_objective(s, record.id)
            groups = {g.id: g.name for g in list_position_groups(s)}
            people = {p.id: p.name for p in list_people(s)}
            return (fresh, objectives.check_smartie(s, fresh),
                    ", ".join(groups[g] for g in groups if g in fresh.group_ids),
                    ", ".join(people[p] for p in people if p in fresh.person_ids),
                    objectives.list_measurements(s, fresh.id))

        self.objectives_page.show_objective(*self.context.read(read))

    def add_objective(self) -> None:
        text, ok = QInputDialog.getText(self, "Add objective", "The objective, in one sentence (you can refine it "
                                        "with the SMARTIE fields):")
        if ok and text.strip():
            edit = commands.add_objective(self.context, text)
            if self.context.edit(edit):
                row = self.objectives_model.row_of(edit.result)
                self.objectives_page.list.selectRow(row)

    def remove_objective(self) -> None:
        record = selected_record(self.objectives_page.list)
        if record is not None:
            self.context.edit(commands.remove_objective(self.context, record.id))

    def _pick(self, title: str, entries, checked, field: str, note: str = "") -> None:
        record = selected_record(self.objectives_page.list)
        if record is None:
            return
        checklist = CheckList(entries, checked, f"{field}List")
        dialog = CheckListDialog(title, [(title, checklist)], note, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            chosen = dialog.values()[0]
            if chosen != frozenset(checked):
                self.context.edit(commands.set_objective_field(self.context, record.id, field, chosen))

    def edit_objective_groups(self) -> None:
        record = selected_record(self.objectives_page.list)
        if record is not None:
            groups = [(g.id, g.name) for g in self.context.read(list_position_groups)]
            self._pick("Staff groups it is for", groups, record.group_ids, "group_ids")

    def edit_objective_people(self) -> None:
        record = selected_record(self.objectives_page.list)
        if record is not None:
            groups = {g.id: g.name for g in self.context.read(list_position_groups)}
            # each person's staff group beside the name: Inclusive asks for people from the groups served
            people = [(p.id, p.name + (f" ({groups[p.position_group_id]})" if p.position_group_id in groups else ""))
                      for p in self.context.read(list_people)]
            self._pick("People involved", people, record.person_ids, "person_ids",
                       "Inclusive means people from the groups the objective serves shape and carry out the work.")

    def add_measurement(self) -> None:
        record = selected_record(self.objectives_page.list)
        if record is None:
            return
        dialog = MeasurementDialog(record.indicator or "the indicator", record.unit, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            when, value = dialog.values()
            self.context.edit(commands.add_measurement(self.context, record.id, when, value))

    def remove_measurement(self) -> None:
        m = selected_record(self.objectives_page.measurements)
        if m is not None:
            self.context.edit(commands.remove_measurement(self.context, m.id))

    # Cycles and communications ----------------------------------------------------------------------
    def _cycles_page(self) -> QWidget:
        page = QWidget()
        self.cycles_view = make_table_view(page)
        self.cycles_view.setObjectName("cyclesList")
        self.cycles_view.setModel(self.cycles_model)
        self.cycles_view.setItemDelegateForColumn(1, ChoiceDelegate(self._objective_choices, self.cycles_view))
        self.cycles_view.setItemDelegateForColumn(
            10, ChoiceDelegate(lambda: list(improvement_cycles.DECISIONS.items()), self.cycles_view))
        fit_columns(self.cycles_view)
        self.cycles_note = QLabel(objectName="cyclesNote", wordWrap=True)
        buttons = button_row((("&Add cycle...", self.add_cycle, "addCycle"),
                                 ("Remove cycle", self.remove_cycle, "removeCycle")))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("Plan a small test (the question and what you predict), Do it, Study the data "
                                "against the prediction, then Act: adopt, adapt or abandon. Double-click a cell to "
                                "write in it.", wordWrap=True))
        layout.addWidget(self.cycles_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.cycles_note)
        return page

    def add_cycle(self) -> None:
        title, ok = QInputDialog.getText(self, "Add PDSA cycle", "What will you try? (e.g. 'A 15-minute break "
                                         "rotation on two routes')")
        if ok and title.strip():
            objective = selected_record(self.objectives_page.list)
            self.context.edit(commands.add_cycle(self.context, title, objective_id=objective.id if objective
                                                 else None, plan_date=self.today))

    def remove_cycle(self) -> None:
        cycle = selected_record(self.cycles_view)
        if cycle is not None:
            self.context.edit(commands.remove_cycle(self.context, cycle.id))

    def _communications_page(self) -> QWidget:
        page = QWidget()
        self.communications_view = make_table_view(page, stretch_column=2)
        self.communications_view.setObjectName("communicationsList")
        self.communications_view.setModel(self.communications_model)
        view = self.communications_view
        view.setItemDelegateForColumn(1, ChoiceDelegate(lambda: [(a, a) for a in communications.AUDIENCES], view))
        view.setItemDelegateForColumn(3, ChoiceDelegate(lambda: [(c, c) for c in communications.CHANNELS], view))
        view.setItemDelegateForColumn(4, ChoiceDelegate(self._people_choices, view))
        for col in (5, 6, 7):
            view.setItemDelegateForColumn(col, ChoiceDelegate(lambda: [(False, "No"), (True, "Yes")], view))
        fit_columns(view, stretch_column=2)
        buttons = button_row((("&Add message...", self.add_communication, "addCommunication"),
                                 ("Add &celebration...", lambda: self.add_communication(celebration=True),
                                  "addCelebration"),
                                 ("Remove", self.remove_communication, "removeCommunication")))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("Who hears what, through which channel, when, and from whom. Celebrate successes, "
                                "small early ones too: they build trust for the next survey.", wordWrap=True))
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        return page

    def add_communication(self, celebration: bool = False) -> None:
        prompt = "What success will you celebrate?" if celebration else "What do you want them to know?"
        message, ok = QInputDialog.getText(self, "Add celebration" if celebration else "Add message", prompt)
        if ok and message.strip():
            self.context.edit(commands.add_communication(self.context, "Staff", message, "Staff meeting",
                                                         self.today + dt.timedelta(days=7), celebration=celebration))

    def remove_communication(self) -> None:
        item = selected_record(self.communications_view)
        if item is not None:
            self.context.edit(commands.remove_communication(self.context, item.id))

    # Refresh --------------------------------------------------------------------------------------
    def _plan_changed(self, topics: frozenset[str]) -> None:
        if topics & {PLAN, OBJECTIVES, TEAM, GROUPS, PROFILE}:
            self._fill_owner_filter()
            self.refresh_chart()
            self._show_objective()
            self._table_selected()
            profile = self.context.read(get_profile)
            without = self.context.read(lambda s: improvement_cycles.objectives_without_cycle(
                s, profile.year_start, profile.year_end))
            self.cycles_note.setText(("No cycle this school year yet on: " + "; ".join(without)) if without else
                                     "Every objective has had a cycle this school year.")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._plan_changed(frozenset({PLAN}))


class MeasurementDialog(QDialog):
    def __init__(self, indicator: str, unit: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add measurement")
        self.when = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMM yyyy",
                              objectName="measurementDate")
        self.value = QDoubleSpinBox(decimals=1, minimum=-1e9, maximum=1e9, suffix=f" {unit}".rstrip(),
                                    objectName="measurementValue")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{indicator}</b>"))
        form.addRow("&Date:", self.when)
        form.addRow("&Value:", self.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[dt.date, float]:
        return self.when.date().toPython(), self.value.value()


class BreaksDialog(QDialog):
    """The school year's breaks: listed, added (name and two dates) and removed, each undoable."""

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("School breaks")
        self.list = QListWidget(objectName="breaksList")
        self.name = QLineEdit(objectName="breakName", placeholderText="e.g. Winter break")
        self.first = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMM yyyy")
        self.last = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMM yyyy")
        add = QPushButton("&Add", objectName="addBreak")
        add.clicked.connect(self.add)
        remove = QPushButton("&Remove selected", objectName="removeBreak")
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for w in (self.name, QLabel("from"), self.first, QLabel("to"), self.last, add):
            row.addWidget(w)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The first and last day of school are in the district profile (Overview); list the "
                                "breaks between them here.", wordWrap=True))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(remove)
        layout.addWidget(close)
        self.resize(620, 380)
        listen_while_open(self, context.changed, lambda topics: self.refresh() if OBJECTIVES in topics else None)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for b in self.context.read(school_calendar.list_breaks):
            item = QListWidgetItem(f"{b['name']}: {b['starts_on']:%a %d %b %Y} \u2013 {b['ends_on']:%a %d %b %Y}")
            item.setData(Qt.ItemDataRole.UserRole, b["id"])
            self.list.addItem(item)

    def add(self) -> None:
        self.context.edit(commands.add_break(self.context, self.name.text(), self.first.date().toPython(),
                                             self.last.date().toPython()))
        self.name.clear()

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.context.edit(commands.remove_break(self.context, item.data(Qt.ItemDataRole.UserRole)))
