"""The Action plan tab (seed 000 steps 5-7): SMARTIE objectives with their indicators and goal
types, the actions on a Gantt chart (the table and the chart in step) with the plan's balance of
individual and system changes, PDSA cycles, the communication plan, and the feedback log.
Approved priorities and focus-group proposals arrive here ready to schedule; put under an
objective, an action's served groups are offered to it.

Each page builds its own widgets (``schedule_page``, ``objectives_page``, ``cycles_page``,
``communications_page``, ``feedback_page``); the tab wires what they ask for to undoable edits of
the plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QTabWidget, QToolBar, QVBoxLayout, QWidget

from gui.action_plan import commands
from gui.action_plan.breaks_dialog import BreaksDialog
from gui.action_plan.communications_page import CommunicationsPage
from gui.action_plan.cycles_page import CyclesPage
from gui.action_plan.feedback_page import FeedbackPage
from gui.action_plan.measurement_dialog import MeasurementDialog
from gui.action_plan.objectives_page import ObjectivesPage
from gui.action_plan.plan_models import (
    ActionsModel,
    CommunicationsModel,
    CyclesModel,
    FeedbackModel,
    MeasurementsModel,
    ObjectivesModel,
    first_working_day,
)
from gui.action_plan.plan_source import PlanSource
from gui.action_plan.schedule_page import SchedulePage
from gui.dialog_lifetime import run_modal
from gui.plan_context import GROUPS, OBJECTIVES, PLAN, PROFILE, TEAM, PlanContext
from gui.widgets.checklist import CheckList, CheckListDialog
from gui.widgets.confirm import confirm_removal, confirm_removing
from gui.widgets.tables import selected_record, selected_rows
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.workspace_tab import WorkspaceTab
from services.action_plan import action_schedule, improvement_cycles, objectives, plan_balance
from services.action_plan.action_schedule import MoveEffects
from services.action_plan.gantt_layout import build_chart
from services.date_style import style_for
from services.district_profile import get_profile, list_position_groups
from services.priorities import contract_limits
from services.priorities.action_dependents import what_goes_with_action
from services.team.team_roster import list_people

INTRO = ("Turn priorities into a plan: SMARTIE objectives with an indicator, actions with owners and dates on the "
         "Gantt chart, Plan-Do-Study-Act cycles to learn what works, who hears what and when, and the "
         "feedback people give back.")
EXPORTS = (("Print Gantt...", "gantt"), ("Print plan...", "plan"), ("Progress update...", "progress-update"),
           ("Calendar...", "calendar"), ("Spreadsheet...", "actions"))


class ActionPlanTab(WorkspaceTab):
    main_printout = "plan"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.today = dt.date.today()
        # Made before the tables, so a change drops the actions read before any of them reads again.
        self.source = PlanSource(context, self)
        self.actions_model = ActionsModel(context, self.source)
        self.objectives_model = ObjectivesModel(context, self.source)
        self.measurements_model = MeasurementsModel(context, self.source)
        self.cycles_model = CyclesModel(context, self.source)
        self.communications_model = CommunicationsModel(context, self.source)
        self.feedback_model = FeedbackModel(context, self.source)

        self.schedule = SchedulePage(self.actions_model, self._objective_choices, self._people_choices)
        self.objectives_page = ObjectivesPage(self.objectives_model, self.measurements_model, self)
        self.cycles_page = CyclesPage(self.cycles_model, self._objective_choices)
        self.communications_page = CommunicationsPage(self.communications_model, self._people_choices)
        self.feedback_page = FeedbackPage(self.feedback_model)
        self.pages = QTabWidget(objectName="planPages")
        for page, title in ((self.schedule, "&Schedule and Gantt"), (self.objectives_page, "&Objectives"),
                            (self.cycles_page, "&PDSA cycles"), (self.communications_page, "&Communication"),
                            (self.feedback_page, "Feed&back")):
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self._toolbar())
        layout.addWidget(QLabel(INTRO, wordWrap=True))
        layout.addWidget(self.pages, 1)

        self._wire()
        self._table_commands()
        # Once the tables have read the plan, the first objective is chosen and everything else shown as
        # after a change of the plan: now for a small plan, when first shown for a big one.
        self.source.when_shown(self._choose_first_objective)
        self._plan_changed(frozenset({PLAN}))
        self.source.built()

    def _toolbar(self) -> QToolBar:
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
        for text, kind in EXPORTS:
            add_tab_action(self, toolbar, text, f"Export: {text.rstrip('.').lower()}",
                           lambda _c=False, k=kind: self.export_requested.emit(k))
        return toolbar

    def _wire(self) -> None:
        schedule = self.schedule
        schedule.filters_changed.connect(self._filters_changed)
        schedule.actions_view.selectionModel().selectionChanged.connect(lambda *_a: self._table_selected())
        schedule.gantt.action_selected.connect(self._gantt_selected)
        schedule.gantt.moved.connect(self._bar_moved)
        op = self.objectives_page
        op.list.selectionModel().selectionChanged.connect(lambda *_a: self._show_objective())
        op.field_changed.connect(self._objective_field_changed)
        op.add_requested.connect(self.add_objective)
        op.remove_requested.connect(self.remove_objective)
        op.groups_requested.connect(self.edit_objective_groups)
        op.people_requested.connect(self.edit_objective_people)
        op.add_measurement_requested.connect(self.add_measurement)
        op.remove_measurement_requested.connect(self.remove_measurement)
        self.cycles_page.add_requested.connect(self.add_cycle)
        self.cycles_model.decision_chosen.connect(self.act_on_cycle)
        self.cycles_page.remove_requested.connect(self.remove_cycle)
        self.communications_page.add_requested.connect(self.add_communication)
        self.communications_page.remove_requested.connect(self.remove_communication)
        self.feedback_page.add_requested.connect(self.add_feedback)
        self.feedback_page.remove_requested.connect(self.remove_feedback)
        self.actions_model.objective_chosen.connect(self.put_under_objective)
        self.context.changed.connect(self._plan_changed)

    def _table_commands(self) -> None:
        """What each table's right-click menu offers (Delete runs its remove)."""
        def command(text: str, slot, parent: QWidget) -> QAction:
            action = QAction(text, parent)
            action.triggered.connect(lambda _checked=False: slot())
            return action

        schedule = self.schedule.actions_view
        self.depends_menu_action = command("&Depends on...", self.edit_dependencies, schedule)
        self.source_menu_action = command("Show where it came &from", self.show_source, schedule)
        self.cycle_menu_action = command("Add a PDSA &cycle on it...", self.add_cycle_on_action, schedule)
        schedule.set_commands(add=("&Add action...", self.add_action), remove=("&Remove action", self.remove_action),
                              extra=[self.depends_menu_action, self.source_menu_action, self.cycle_menu_action,
                                     command("School &breaks...", self.edit_breaks, schedule)])
        op = self.objectives_page
        op.list.set_commands(
            add=("&Add objective...", self.add_objective), remove=("&Remove objective", self.remove_objective),
            extra=[command("Add &measurement...", self.add_measurement, op.list),
                   command("Staff groups it is &for...", self.edit_objective_groups, op.list),
                   command("People &involved...", self.edit_objective_people, op.list)])
        op.measurements.set_commands(add=("Add &measurement...", self.add_measurement),
                                     remove=("&Remove measurement", self.remove_measurement))
        self.cycles_page.view.set_commands(add=("&Add cycle...", self.add_cycle),
                                           remove=("&Remove cycle", self.remove_cycle))
        self.communications_page.view.set_commands(
            add=("&Add message...", lambda: self.add_communication(False)),
            remove=("&Remove message", self.remove_communication),
            extra=[command("Add &celebration...", lambda: self.add_communication(True),
                           self.communications_page.view)])
        self.feedback_page.view.set_commands(add=("&Add feedback...", self.add_feedback),
                                             remove=("&Remove feedback", self.remove_feedback))

    def _objective_choices(self):
        return [(None, "(none)")] + [(o.id, o.short) for o in self.source.objectives()]

    def _people_choices(self):
        return [(None, "(none)")] + [(p.id, p.name) for p in self.context.read(list_people)]

    # Schedule -------------------------------------------------------------------------------------
    def _fill_owner_filter(self) -> None:
        actions = self.source.actions()
        self.schedule.fill_owners({a.owner_id: a.owner_name for a in actions if a.owner_id})

    def _filters_changed(self) -> None:
        self.actions_model.filters = self.schedule.filters()
        self.actions_model.refilter()
        self.schedule.keep_sort_order()
        self.refresh_chart()

    def refresh_chart(self) -> None:
        filters = self.schedule.filters()
        # The actions and objectives the tables read for this change: the chart does not read them again.
        actions, plan_objectives = self.source.actions(), self.source.objectives()
        chart, contracts = self.context.read(lambda s: (build_chart(s, self.today, filters, actions, plan_objectives),
                                                        contract_limits.planned_limits(s)))
        self.schedule.gantt.contracts = contracts  # the bars' tooltips say which a contract limits
        self.schedule.show_chart(chart)

    def selected_action(self):
        return selected_record(self.schedule.actions_view)

    def _table_selected(self) -> None:
        action = self.selected_action()
        for button in (self.remove_action_button, self.depends_button, self.depends_menu_action,
                       self.cycle_menu_action):
            button.setEnabled(action is not None)
        self.source_menu_action.setEnabled(action is not None and action.candidate_id is not None)
        if action is not None:
            self.schedule.gantt.select_action(action.id, emit=False)

    def _gantt_selected(self, action_id: int) -> None:
        row = self.actions_model.row_of(action_id)
        if row >= 0:
            self.schedule.actions_view.selectRow(row)

    def _bar_moved(self, action_id: int, start: dt.date, end: dt.date, _mode: str) -> None:
        effects = self.context.read(lambda s: action_schedule.move_effects(s, action_id, start, end))
        with_dependants = self._confirm_move(effects)
        if not self.context.edit(commands.move_action(self.context, action_id, start, end, with_dependants,
                                                      effects.action.title)):
            self.schedule.gantt.redraw()  # refused: put the bar back (the chart itself has not changed)
        else:  # the chart first: the next arrow key moves the bar on from where this one put it
            self.source.when_shown(self.refresh_chart, first=True)

    def _confirm_move(self, effects: MoveEffects) -> bool:
        """Warn of what the move breaks; whether the dependants move along (the person says)."""
        title = effects.action.title
        if effects.predecessors:
            names = ", ".join(p.title for p in effects.predecessors)
            QMessageBox.warning(self, "Move action", f"\u201c{title}\u201d now starts before {names} ends. "
                                "It is moved anyway; check that it can really start then.")
        if not effects.dependants:
            return False
        names = "\n".join(f"\u2022 {d.title}" for d in effects.dependants[:8])
        answer = QMessageBox.question(
            self, "Move action", f"These actions wait for \u201c{title}\u201d and would start before it "
            f"ends:\n{names}\n\nMove them along (keeping their length)?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def add_action(self) -> None:
        title, ok = QInputDialog.getText(self, "Add action", "What will be done?")
        if not ok or not title.strip():
            return
        objective = selected_record(self.objectives_page.list)
        start = first_working_day(self.context)
        edit = commands.add_action(self.context, title, objective_id=objective.id if objective else None,
                                   start=start, end=start + dt.timedelta(days=13))
        if self.context.edit(edit):  # chosen once the table has it (the tables follow the edit in turn)
            self.source.when_shown(lambda: self._gantt_selected(edit.result))

    def remove_action(self) -> None:
        """Remove the selected actions (every row with a selected cell), saying first what goes with
        them when anything does: one undo step."""
        view = self.schedule.actions_view
        actions = [self.actions_model.record_at(row) for row in selected_rows(view)]
        if not actions:
            return
        goes = self.context.read(lambda s: [(a.title, what_goes_with_action(s, a.id)) for a in actions])
        if confirm_removing(self, goes, "from the plan", "actions from the plan"):
            self.context.edit(commands.remove_actions(self.context, [a.id for a in actions]))

    def show_source(self) -> None:
        """The Priorities tab, where the action's candidate was rated and approved."""
        action = self.selected_action()
        if action is None or action.candidate_id is None:
            return
        self.open_record.emit("priorities", action.candidate_id)
        self.status_message.emit(f"\u201c{action.title}\u201d came from: {action.source_label}.", 8000)

    def edit_dependencies(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        others = [(a.id, a.title) for a in self.source.actions() if a.id != action.id]
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
            if self.context.edit(edit):  # chosen once the list has it
                self.source.when_shown(lambda: self.objectives_page.list.selectRow(
                    self.objectives_model.row_of(edit.result)))

    def _objective_field_changed(self, objective_id: int, key: str, value) -> None:
        edit = commands.set_objective_field(self.context, objective_id, key, value)
        if self.context.edit(edit) and getattr(edit, "said", None):
            self.status_message.emit(" ".join(edit.said) + " Ctrl+Z takes both back.", 12000)

    def remove_objective(self) -> None:
        record = selected_record(self.objectives_page.list)
        if record is None:
            return
        goes = self.context.read(lambda s: objectives.what_goes_with_objective(s, record.id))
        if confirm_removal(self, f"Remove the objective \u201c{record.short}\u201d?", goes):
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
            # everyone the plan names, not only the team: affected staff take part without joining it
            people = [(p.id, p.name + _person_note(p, groups)) for p in self.context.read(list_people)]
            self._pick("People involved", people, record.person_ids, "person_ids",
                       "Inclusive means people from the groups the objective serves shape and carry out the work.")

    def add_measurement(self) -> None:
        record = selected_record(self.objectives_page.list)
        if record is None:
            return
        dialog = MeasurementDialog(record.indicator or "the indicator", record.unit, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            when, value = dialog.values()
            edit = commands.add_measurement(self.context, record.id, when, value)
            if self.context.edit(edit):
                self._offer_celebration(record.id, edit.result)  # the new measurement's id

    def _offer_celebration(self, objective_id: int, measurement_id: int) -> None:
        """A measurement that reaches the indicator's target is offered as a celebration (seed 000
        step 7), once: the team adds it to the communication plan or not."""
        def read(s):
            record = objectives.get_objective(s, objective_id)
            return record, objectives.list_measurements(s, objective_id)

        record, measurements = self.context.read(read)
        if not objectives.newly_reached(record, measurements, measurement_id):
            return
        measurement = next(m for m in measurements if m.id == measurement_id)
        message = objectives.celebration_text(record, measurement, style_for(self.context.read(get_profile)))
        box = QMessageBox(QMessageBox.Icon.Information, "Target reached", "The indicator reached its target. "
                          "Celebrate it with the staff?", QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("celebrateTarget")
        box.setInformativeText(message)
        add = box.addButton("Add a &celebration", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(add)
        run_modal(box)
        if box.clickedButton() is add and self.context.edit(commands.add_communication(
                self.context, "Staff", message, "Staff meeting", self.today + dt.timedelta(days=7), celebration=True)):
            self.status_message.emit("Added a celebration to the communication plan, a week from today.", 8000)

    def remove_measurement(self) -> None:
        m = selected_record(self.objectives_page.measurements)
        if m is not None:
            self.context.edit(commands.remove_measurement(self.context, m.id))

    # Cycles and communications ----------------------------------------------------------------------
    def act_on_cycle(self, cycle, decision: str) -> None:
        """The Act decision changes the plan, one undo step: abandon drops the tested action, adopt
        makes it standard practice, adapt opens a next cycle or (asked here) a revised action."""
        adapt_with = "cycle"
        if decision == "adapt" and cycle.action_id is not None:
            box = QMessageBox(QMessageBox.Icon.Question, "Adapt", f"\u201c{cycle.title}\u201d: carry what was "
                              "learned into a next cycle on the same action, or into a revised action?",
                              QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("adaptWith")
            next_cycle = box.addButton("A next &cycle", QMessageBox.ButtonRole.AcceptRole)
            revised = box.addButton("A &revised action", QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(next_cycle)
            run_modal(box)
            if box.clickedButton() not in (next_cycle, revised):
                return
            adapt_with = "action" if box.clickedButton() is revised else "cycle"
        edit = commands.act_on_cycle(self.context, cycle.id, decision, adapt_with)
        if self.context.edit(edit):
            self.status_message.emit(" ".join(edit.said) + " Ctrl+Z takes it back.", 12000)

    def add_cycle(self) -> None:
        title, ok = QInputDialog.getText(self, "Add PDSA cycle", "What will you try? (e.g. 'A 15-minute break "
                                         "rotation on two routes')")
        if ok and title.strip():
            objective = selected_record(self.objectives_page.list)
            self.context.edit(commands.add_cycle(self.context, title, objective_id=objective.id if objective
                                                 else None, plan_date=self.today))

    def add_cycle_on_action(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        title, ok = QInputDialog.getText(self, "Add PDSA cycle", f"What will you try in \u201c{action.title}\u201d?")
        if ok and title.strip():
            if self.context.edit(commands.add_cycle(self.context, title, action_id=action.id,
                                                    objective_id=action.objective_id, plan_date=self.today)):
                self.pages.setCurrentWidget(self.cycles_page)

    def remove_cycle(self) -> None:
        """Remove the selected cycles (nothing else depends on a cycle; undo brings them back)."""
        view = self.cycles_page.view
        ids = [self.cycles_model.record_at(r).id for r in selected_rows(view)]
        if ids:
            self.context.edit(commands.remove_cycle(self.context, *ids))

    def add_communication(self, celebration: bool = False) -> None:
        prompt = "What success will you celebrate?" if celebration else "What do you want them to know?"
        message, ok = QInputDialog.getText(self, "Add celebration" if celebration else "Add message", prompt)
        if ok and message.strip():
            self.context.edit(commands.add_communication(self.context, "Staff", message, "Staff meeting",
                                                         self.today + dt.timedelta(days=7), celebration=celebration))

    def remove_communication(self) -> None:
        """Remove the selected communications (nothing depends on one; undo brings them back)."""
        view = self.communications_page.view
        ids = [self.communications_model.record_at(r).id for r in selected_rows(view)]
        if ids:
            self.context.edit(commands.remove_communication(self.context, *ids))

    def add_feedback(self) -> None:
        said, ok = QInputDialog.getText(self, "Add feedback", "What was said? (You choose who said it, the channel "
                                        "and what answers it in the table.)")
        if ok and said.strip():
            edit = commands.add_feedback(self.context, said, received_on=self.today)
            if self.context.edit(edit):  # chosen once the log has it
                self.source.when_shown(lambda: self._select_feedback(edit.result))

    def _select_feedback(self, feedback_id: int) -> None:
        row = self.feedback_model.row_of(feedback_id)
        if row >= 0:
            self.feedback_page.view.selectRow(row)

    def remove_feedback(self) -> None:
        """Remove the selected feedback (nothing depends on it; undo brings it back)."""
        view = self.feedback_page.view
        ids = [self.feedback_model.record_at(r).id for r in selected_rows(view)]
        if ids:
            self.context.edit(commands.remove_feedback(self.context, *ids))

    def put_under_objective(self, action, objective_id: int) -> None:
        """An action that serves staff groups is put under an objective: the groups the objective is
        not yet for are offered to it (Equitable), in the same undo step."""
        def read(s):
            record = objectives.get_objective(s, objective_id)
            groups = {g.id: g.name for g in list_position_groups(s)}
            return record, [(g, groups[g]) for g in groups if g in action.group_ids - record.group_ids]

        record, missing = self.context.read(read)
        add = False
        if missing:
            names = " and ".join(", ".join(n for _, n in missing).rsplit(", ", 1))
            box = QMessageBox(QMessageBox.Icon.Question, "Staff groups it serves",
                              f"“{action.title}” serves {names}. Add "
                              f"{'this group' if len(missing) == 1 else 'these groups'} to the staff groups the "
                              f"objective “{record.short}” is for?", QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("offerGroups")
            box.setInformativeText("Equitable: the objective names the staff it is for, so its indicator and the "
                                   "people involved can follow them.")
            yes = box.addButton("&Add the groups", QMessageBox.ButtonRole.YesRole)
            no = box.addButton("&Only the objective", QMessageBox.ButtonRole.NoRole)
            box.setDefaultButton(yes)
            run_modal(box)
            if box.clickedButton() not in (yes, no):
                return
            add = box.clickedButton() is yes
        if add:
            self.context.edit(commands.set_objective_with_groups(self.context, action.id, objective_id,
                                                                 [g for g, _ in missing]))
        else:
            self.context.edit(commands.set_action_field(self.context, action.id, "objective_id", objective_id))

    # Refresh --------------------------------------------------------------------------------------
    def _show_balance(self) -> None:
        balance = plan_balance.balance_of(self.source.objectives(), self.source.actions())
        self.schedule.show_balance(balance)
        self.objectives_page.show_goals(balance)

    def _choose_first_objective(self) -> None:
        if self.objectives_model.rowCount() and selected_record(self.objectives_page.list) is None:
            self.objectives_page.list.selectRow(0)

    def _plan_changed(self, topics: frozenset[str]) -> None:
        """Follow a change once the plan is read again if the tab is shown; a hidden tab follows every
        change noted when shown (``showEvent``). Each part is its own piece of work (``PlanSource``),
        asked for once however many changes ask for it."""
        if topics & {PLAN, OBJECTIVES}:
            self.source.when_shown(self._show_balance)
        if topics & {PLAN, OBJECTIVES, TEAM, GROUPS, PROFILE}:
            for work in (self._fill_owner_filter, self.refresh_chart, self._show_objective, self._table_selected,
                         self._show_cycle_gaps):
                self.source.when_shown(work)

    def _show_cycle_gaps(self) -> None:
        def read(s):
            profile = get_profile(s)
            return improvement_cycles.objectives_without_cycle(s, profile.year_start, profile.year_end)

        self.cycles_page.show_objectives_without_cycle(self.context.read(read))

    @property
    def reading(self) -> bool:
        """Whether the tab is still reading the plan, or following a change, in the background."""
        return self.source.reading

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.source.show()  # the tables first, then the chart and the rest, as a change does when shown

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.source.hide()


def _person_note(person, groups: dict[int, str]) -> str:
    """" (Transportation)", " (Transportation; not on the team)": the staff group beside a name,
    since Inclusive asks for people from the groups served, and whether they are on the team."""
    parts = [groups[person.position_group_id]] if person.position_group_id in groups else []
    if person.team_role is None:
        parts.append("not on the team")
    return f" ({'; '.join(parts)})" if parts else ""
