"""Table models of the Action plan tab: actions, objectives, measurements, PDSA cycles,
communications and the feedback log, each read from its service and edited through undoable
commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal

from gui.action_plan import commands
from gui.action_plan.plan_source import PlanSource
from gui.plan_context import GROUPS, OBJECTIVES, PLAN, SCHOOLS, TEAM, PlanContext, PlanEdit
from gui.screen_dates import from_qdate, parse_date, show_date, to_qdate
from gui.widgets.delegates import DEFAULT_DATE_ROLE
from gui.widgets.record_model import Column, RecordTableModel
from services.action_plan import (
    action_schedule,
    communications,
    feedback_log,
    improvement_cycles,
    objectives,
    pasted_rows,
)
from services.action_plan.action_schedule import STATUSES
from services.action_plan.gantt_layout import Filters
from services.action_plan.objectives import CHANGE_LEVELS
from services.district_profile import get_profile, list_position_groups, list_schools
from services.priorities import contract_limits
from services.priorities.contract_limits import NOT_LIMITED, ContractLimit

TOPICS = frozenset({PLAN, OBJECTIVES, TEAM, GROUPS})
NOT_SET = "(not set)"
CONTRACT_CHOICES = {False: "No", True: "Yes"}  # as pasted cells read yes and no
DISTRICT_WIDE = "District-wide"
Index = QModelIndex | QPersistentModelIndex


def qdate(day: dt.date | None) -> QDate:
    """A date cell's value: an invalid QDate for none, so its editor starts at a sensible day."""
    return to_qdate(day)


def pydate(value: Any) -> dt.date | None:
    if isinstance(value, QDate):
        return from_qdate(value)
    return value


def _day(day: dt.date | None) -> str:
    return show_date(day)


def first_working_day(context: PlanContext) -> dt.date:
    """Where a new date starts: today, or the school year's first day while it is still ahead."""
    today = dt.date.today()
    year_start = context.read(get_profile).year_start
    return max(today, year_start) if year_start else today


class TabModel(RecordTableModel):
    """A table of the tab: it reads the actions from the tab's ``PlanSource`` (once per change for every
    table), and follows a change only when the tab is shown (at once, or when next shown). Its cells
    show their record and the names and checks ``load`` keeps on the model."""

    cells_follow_records = True

    def __init__(self, context: PlanContext, source: PlanSource, columns: list[Column]):
        self.source = source
        super().__init__(context, columns)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & self.topics:
            self.source.when_shown(self.reload, table=True)


class DatedModel(TabModel):
    """A table with date cells: an empty one's editor starts at ``default_day`` (not Qt's 2000)."""

    def default_day(self, record: Any, key: str) -> dt.date:
        return first_working_day(self.context)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == DEFAULT_DATE_ROLE:
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            return qdate(self.default_day(self.record_at(index.row()), self.columns[index.column()].key))
        return super().data(index, role)


def _pasted_day(values: dict[str, str], key: str) -> dt.date | None:
    return parse_date(values.get(key, ""))


def action_details(a, groups: dict[int, str], contract: ContractLimit = NOT_LIMITED) -> str:
    """An action's title with where it came from, its evidence, the groups it serves and any limit by
    a contract or collective bargaining (the title cell's tooltip)."""
    lines = [a.title, f"From: {a.source_label}"]
    if a.evidence:
        lines.append(f"Evidence: {a.evidence}")
    served = [groups[g] for g in groups if g in a.group_ids]
    if served:
        lines.append(f"Serves: {', '.join(served)}")
    if a.deadline_text:
        lines.append(f"Proposed deadline: {a.deadline_text}")
    if a.carried_over:
        lines.append("Carried over from last year's plan")
    if contract.limited:
        lines.append(f"{contract_limits.MARK} {contract.text}")
    return "\n".join(lines)


class ActionsModel(DatedModel):
    topics = TOPICS | {SCHOOLS}
    paste_target = "the plan's actions"
    # An objective chosen in its cell for an action that serves staff groups (action, objective id):
    # the tab offers the groups to the objective, then sets it, one undo step.
    objective_chosen = Signal(object, object)

    def __init__(self, context: PlanContext, source: PlanSource):
        self.people: dict[int, str] = {}
        self.objective_titles: dict[int, str] = {}
        self.statements: dict[int, str] = {}
        self.groups: dict[int, str] = {}
        self.schools: dict[int, str] = {}
        self.contracts: dict[int, ContractLimit] = {}
        self.filters = Filters()
        self.today = dt.date.today()
        super().__init__(context, source, [
            Column("title", "Action", lambda a: a.title + (" \u25c6" if a.milestone else ""), lambda a: a.title,
                   tooltip=lambda a: action_details(a, self.groups, self.contract(a))),
            Column("objective_id", "Objective", lambda a: self.statements.get(a.objective_id, "(none)"),
                   lambda a: a.objective_id, sort_value=lambda a: self.objective_titles.get(a.objective_id),
                   tooltip=lambda a: self.statements.get(a.objective_id)),
            Column("owner_id", "Owner", lambda a: a.owner_name or "(none)", lambda a: a.owner_id,
                   sort_value=lambda a: a.owner_name),
            Column("start", "Start", lambda a: _day(a.start), lambda a: qdate(a.start)),
            Column("end", "End", lambda a: _day(a.end), lambda a: qdate(a.end),
                   tooltip=lambda a: "Late: past its end and not done" if a.late(self.today) else None),
            # late is written, not only coloured
            Column("status", "Status", lambda a: STATUSES[a.status] + (", late" if a.late(self.today) else "")
                   + (", standard practice" if a.standard_practice else ""),
                   lambda a: a.status,
                   sort_value=lambda a: list(STATUSES).index(a.status)),
            Column("percent_done", "% done", lambda a: a.percent_done, lambda a: a.percent_done, align_right=True),
            Column("predecessors", "Depends on", lambda a: ", ".join(self.titles.get(p, "?")
                                                                     for p in a.predecessor_ids),
                   tooltip=lambda a: "\n".join([*(f"Waits for: {self.titles.get(p, '?')}" for p in a.predecessor_ids),
                                                 "Change it with Depends on... (right-click)"])),
            Column("change_level", "Changes", lambda a: CHANGE_LEVELS.get(a.change_level, NOT_SET),
                   lambda a: a.change_level, tooltip=lambda a: objectives.CHANGE_LEVEL_HINTS.get(
                       a.change_level, "Whether it changes the individual or the system around them")),
            Column("school_id", "School", lambda a: self.schools.get(a.school_id, DISTRICT_WIDE), lambda a: a.school_id,
                   sort_value=lambda a: self.schools.get(a.school_id, "")),
            # Seed 004's bold reminder, carried from the focus group and Priorities; editable here too.
            Column("contract", "Contract-limited", lambda a: "Yes" if self.contract(a).limited else "",
                   lambda a: self.contract(a).limited, tooltip=lambda a: self.contract(a).text or contract_limits.HINT),
            Column("contract_note", "Contract note", lambda a: self.contract(a).note, lambda a: self.contract(a).note,
                   tooltip=lambda a: self.contract(a).note or "Which agreement, and what it allows or rules out "
                   "(typing a note marks the action limited)"),
        ])
        self.titles: dict[int, str] = {}
        source.when_shown(self.reload, table=True)  # read when the tab is first shown

    def load(self) -> list[Any]:
        records = self.source.objectives()

        def read(s):
            from services.team.team_roster import list_people

            self.people = {p.id: p.name for p in list_people(s)}
            self.groups = {g.id: g.name for g in list_position_groups(s)}
            self.schools = {x.id: x.name for x in list_schools(s)}
            self.objective_titles = {o.id: o.short for o in records}
            self.statements = {o.id: o.statement for o in records}
            self.contracts = contract_limits.planned_limits(s)

        self.context.read(read)
        actions = self.source.actions()
        self.titles = {a.id: a.title for a in actions}
        return [a for a in actions if self.filters.keeps(a)]

    def contract(self, record: Any) -> ContractLimit:
        """Whether a contract or collective bargaining limits the action, and how."""
        return self.contracts.get(record.id, NOT_LIMITED)

    def refilter(self) -> None:
        """Show the actions the filters keep, in the plan's order (a filter is a fresh look at the
        plan, not an edit, so the rows need not stay where they were)."""
        self.beginResetModel()
        self._records = self.load()
        self.endResetModel()

    def default_day(self, record: Any, key: str) -> dt.date:
        if key == "end" and record.start is not None:
            return record.start  # an end no earlier than the start
        return first_working_day(self.context)

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        return pasted_rows.add_action(session, values.get("title", ""), objective=values.get("objective_id", ""),
                                      owner=values.get("owner_id", ""), start=_pasted_day(values, "start"),
                                      end=_pasted_day(values, "end"), status=values.get("status", ""),
                                      percent_done=values.get("percent_done", ""),
                                      change_level=values.get("change_level", ""), school=values.get("school_id", ""))

    def remove_pasted(self, session, record: Any) -> None:
        action_schedule.remove_action(session, record.id)

    def row_warning(self, record: Any) -> bool:
        return record.late(self.today)

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key in ("start", "end"):
            value = pydate(value)
            if record.milestone:  # a milestone is one day: both dates move together
                return commands.move_action(self.context, record.id, value, value, False, record.title)
        if key == "percent_done":
            value = int(value)
        if key in ("contract", "contract_note"):
            return self._contract_edit(record, key, value)
        if key == "objective_id" and value is not None and value != record.objective_id and record.group_ids:
            self.objective_chosen.emit(record, value)  # the tab offers its groups to the objective
            return None
        return commands.set_action_field(self.context, record.id, key, value)

    def _contract_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        """The check, or the note: a note typed for an action not yet marked marks it limited."""
        before = self.contract(record)
        if key == "contract":
            limited, note = value is True, before.note
        else:
            note = str(value or "").strip()
            limited = before.limited or bool(note)
        if (limited, note) == (before.limited, before.note):
            return None
        return commands.set_contract_limit(self.context, record.id, record.title, limited, note, before.limited)


class ObjectivesModel(TabModel):
    # Its SMARTIE check reads the objectives, groups and people, no action: an action's edit leaves it be.
    topics = frozenset({OBJECTIVES, TEAM, GROUPS})

    def __init__(self, context: PlanContext, source: PlanSource):
        self.missing: dict[int, list[str]] = {}
        super().__init__(context, source, [
            Column("statement", "Objective", lambda o: o.statement, lambda o: o.statement, tooltip=lambda o: o.statement),
            Column("missing", "SMARTIE", lambda o: "complete" if not self.missing.get(o.id) else
                   "missing: " + ", ".join(self.missing[o.id])),
            Column("goal_type", "Goal type", lambda o: objectives.GOAL_TYPES.get(o.goal_type, NOT_SET),
                   tooltip=lambda o: objectives.GOAL_TYPE_HINTS.get(o.goal_type, "Set it in the objective's form")),
        ])
        source.when_shown(self.reload, table=True)  # read when the tab is first shown

    def load(self) -> list[Any]:
        records = self.source.objectives()

        def read(s):
            self.missing = {r.id: objectives.missing_parts(objectives.check_smartie(s, r)) for r in records}
            return list(records)  # the table's own list: it removes and adds rows in it

        return self.context.read(read)

    def row_warning(self, record: Any) -> bool:
        return bool(self.missing.get(record.id))

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        return commands.set_objective_field(self.context, record.id, key, str(value))


class MeasurementsModel(TabModel):
    topics = frozenset({OBJECTIVES})

    def __init__(self, context: PlanContext, source: PlanSource):
        super().__init__(context, source, [
            Column("measured_on", "Date", lambda m: _day(m.measured_on), sort_value=lambda m: m.measured_on),
            Column("value", "Value", lambda m: f"{m.value:g}", align_right=True),
            Column("note", "Note", lambda m: m.note, tooltip=lambda m: m.note or None),
        ])
        self.objective_id: int | None = None

    def set_objective(self, objective_id: int | None) -> None:
        self.objective_id = objective_id
        self.reload()

    def load(self) -> list[Any]:
        if self.objective_id is None:
            return []
        return self.context.read(lambda s: objectives.list_measurements(s, self.objective_id))


class CyclesModel(DatedModel):
    topics = TOPICS
    DATE_KEYS = ("plan_date", "do_date", "study_date", "act_date")
    # An Act decision chosen in its cell (cycle, decision): the tab asks what an "adapt" opens, then
    # makes the decision act on the plan as one undo step.
    decision_chosen = Signal(object, str)

    def __init__(self, context: PlanContext, source: PlanSource):
        self.objective_titles: dict[int, str] = {}
        self.action_titles: dict[int, str] = {}
        self.cycle_titles: dict[int, str] = {}

        def text(key, title, tip=None):
            # the whole note on hover: the cells are narrow and notes are sentences
            return Column(key, title, lambda c: getattr(c, key), lambda c: getattr(c, key),
                          tooltip=lambda c: "\n".join(x for x in (getattr(c, key), f"({tip})" if tip else "") if x)
                          or None)

        def day(key, title):
            return Column(key, title, lambda c: _day(getattr(c, key)), lambda c: qdate(getattr(c, key)))

        super().__init__(context, source, [
            text("title", "Cycle"),
            Column("objective_id", "On objective", lambda c: self.objective_titles.get(c.objective_id, ""),
                   lambda c: c.objective_id, sort_value=lambda c: self.objective_titles.get(c.objective_id),
                   tooltip=lambda c: self.objective_titles.get(c.objective_id)),
            Column("stage", "Stage", lambda c: c.stage),
            text("question", "Plan: question", "What do you want to learn?"),
            text("prediction", "Prediction", "What do you expect to happen?"), day("plan_date", "Planned"),
            text("do_notes", "Do: what happened"), day("do_date", "Done on"),
            text("study_notes", "Study: data against the prediction"), day("study_date", "Studied on"),
            Column("decision", "Act", lambda c: improvement_cycles.DECISIONS[c.decision], lambda c: c.decision,
                   sort_value=lambda c: list(improvement_cycles.DECISIONS).index(c.decision)),
            text("act_notes", "What changes"), day("act_date", "Acted on"),
            Column("follow_up", "What it changed",
                   lambda c: improvement_cycles.what_it_changed(c, self.action_titles, self.cycle_titles)),
        ])
        source.when_shown(self.reload, table=True)  # read when the tab is first shown

    def load(self) -> list[Any]:
        self.objective_titles = {o.id: o.statement for o in self.source.objectives()}

        def read(s):
            cycles = improvement_cycles.list_cycles(s)
            self.cycle_titles = {c.id: c.title for c in cycles}
            return cycles

        cycles = self.context.read(read)
        self.action_titles = {a.id: a.title for a in self.source.actions()}
        return cycles

    def default_day(self, record: Any, key: str) -> dt.date:
        """A stage's date starts at the stage before's (the dates go Plan, Do, Study, Act)."""
        earlier = [getattr(record, k) for k in self.DATE_KEYS[:self.DATE_KEYS.index(key)]] if key in self.DATE_KEYS \
            else []
        known = [d for d in earlier if d is not None]
        return max(known[-1], first_working_day(self.context)) if known else first_working_day(self.context)

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key == "decision":
            if record.decision or not value:  # already acted, or back to undecided: the service says why not
                return commands.act_on_cycle(self.context, record.id, value or record.decision)
            self.decision_chosen.emit(record, value)
            return None
        if key in self.DATE_KEYS:
            value = pydate(value)
        return commands.set_cycle_field(self.context, record.id, key, value)


class CommunicationsModel(DatedModel):
    topics = frozenset({OBJECTIVES, TEAM})  # the messages and their owners' names
    paste_target = "the communication plan"

    def __init__(self, context: PlanContext, source: PlanSource):
        self.people: dict[int, str] = {}

        def yes(key, title):
            return Column(key, title, lambda c: "Yes" if getattr(c, key) else "No", lambda c: getattr(c, key))

        super().__init__(context, source, [
            Column("send_on", "Date", lambda c: _day(c.send_on), lambda c: qdate(c.send_on)),
            Column("audience", "Audience", lambda c: c.audience, lambda c: c.audience),
            Column("message", "Message", lambda c: c.message, lambda c: c.message, tooltip=lambda c: c.message),
            Column("channel", "Channel", lambda c: c.channel, lambda c: c.channel),
            Column("owner_id", "Owner", lambda c: self.people.get(c.owner_id, "(none)"), lambda c: c.owner_id,
                   sort_value=lambda c: self.people.get(c.owner_id)),
            Column("done", "Done", lambda c: "No, overdue" if self.row_warning(c) else "Yes" if c.done else "No",
                   lambda c: c.done),
            yes("celebration", "Celebration"), yes("on_gantt", "On the Gantt"),
        ])
        source.when_shown(self.reload, table=True)  # read when the tab is first shown

    def load(self) -> list[Any]:
        def read(s):
            from services.team.team_roster import list_people

            self.people = {p.id: p.name for p in list_people(s)}
            return communications.list_items(s)

        return self.context.read(read)

    def row_warning(self, record: Any) -> bool:
        return bool(record.send_on and record.send_on < dt.date.today() and not record.done)

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key == "send_on":
            value = pydate(value)
        return commands.set_communication_field(self.context, record.id, key, value)

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        return pasted_rows.add_communication(
            session, values.get("message", ""), audience=values.get("audience", ""),
            channel=values.get("channel", ""), send_on=_pasted_day(values, "send_on"),
            owner=values.get("owner_id", ""), done=values.get("done", ""), celebration=values.get("celebration", ""),
            on_gantt=values.get("on_gantt", ""))

    def remove_pasted(self, session, record: Any) -> None:
        communications.remove_item(session, record.id)


class FeedbackModel(DatedModel):
    """The feedback log: what was heard, from whom, and what answers it. ``only_unanswered`` keeps
    the feedback no action or message answers yet."""
    topics = TOPICS
    paste_target = "the feedback log"

    def __init__(self, context: PlanContext, source: PlanSource):
        self.groups: dict[int, str] = {}
        self.answers: dict[str, str] = {}  # "action:7" -> "Action: ...", for the Answered by cell
        self.only_unanswered = False
        super().__init__(context, source, [
            Column("received_on", "Received", lambda f: _day(f.received_on), lambda f: qdate(f.received_on)),
            Column("group_id", "From staff group", lambda f: self.groups.get(f.group_id, ""), lambda f: f.group_id,
                   sort_value=lambda f: self.groups.get(f.group_id, "")),
            Column("from_text", "Or from", lambda f: f.from_text, lambda f: f.from_text,
                   tooltip=lambda f: f.from_text or "A school, a partner, families, students... in words"),
            Column("channel", "Channel", lambda f: f.channel, lambda f: f.channel),
            Column("said", "What was said", lambda f: f.said, lambda f: f.said, tooltip=lambda f: f.said),
            Column("answer", "Answered by", lambda f: self.answers.get(f.answer_key, feedback_log.NOT_ANSWERED),
                   lambda f: f.answer_key, tooltip=lambda f: self.answers.get(f.answer_key) or
                   "Choose the action or message that answers it: people who see their feedback addressed trust "
                   "the plan."),
        ])
        source.when_shown(self.reload, table=True)  # read when the tab is first shown

    def load(self) -> list[Any]:
        actions = self.source.actions()

        def read(s):
            self.groups = {g.id: g.name for g in list_position_groups(s)}
            # named by their own words first, so typing the start of one in the cell finds it
            self.answers = {**{f"action:{a.id}": feedback_log.action_label(a.title) for a in actions},
                            **{f"communication:{c.id}": feedback_log.message_label(c.message, c.audience)
                               for c in communications.list_items(s)}}
            return feedback_log.list_items(s)

        records = self.context.read(read)
        return [r for r in records if not r.answered] if self.only_unanswered else records

    def refilter(self) -> None:
        self.beginResetModel()
        self._records = self.load()
        self.endResetModel()

    def answer_choices(self) -> list[tuple[str, str]]:
        return [("", feedback_log.NOT_ANSWERED), *self.answers.items()]

    def row_warning(self, record: Any) -> bool:
        return not record.answered

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key == "received_on":
            value = pydate(value)
        return commands.set_feedback_field(self.context, record.id, key, value)

    def add_pasted(self, session, values: dict[str, str]) -> Any:
        return feedback_log.add_pasted(session, values, _pasted_day(values, "received_on"))

    def remove_pasted(self, session, record: Any) -> None:
        feedback_log.remove_item(session, record.id)
