"""Table models of the Action plan tab: actions, objectives, measurements, PDSA cycles and
communications, each read from its service and edited through undoable commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate

from gui.action_plan import commands
from gui.plan_context import GROUPS, OBJECTIVES, PLAN, TEAM, PlanContext, PlanEdit
from gui.widgets.record_model import Column, RecordTableModel
from services.action_plan import action_schedule, communications, improvement_cycles, objectives
from services.action_plan.action_schedule import STATUSES
from services.action_plan.gantt_layout import Filters

TOPICS = frozenset({PLAN, OBJECTIVES, TEAM, GROUPS})


def qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else QDate()


def pydate(value: Any) -> dt.date | None:
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None
    return value


def _day(day: dt.date | None) -> str:
    return f"{day:%a %d %b %Y}" if day else ""


class ActionsModel(RecordTableModel):
    topics = TOPICS

    def __init__(self, context: PlanContext):
        self.people: dict[int, str] = {}
        self.objective_titles: dict[int, str] = {}
        self.filters = Filters()
        self.today = dt.date.today()
        super().__init__(context, [
            Column("title", "Action", lambda a: a.title + (" \u25c6" if a.milestone else ""), lambda a: a.title,
                   tooltip=lambda a: f"From: {a.source_label}" + (f"\nProposed deadline: {a.deadline_text}"
                                                                  if a.deadline_text else "")),
            Column("objective_id", "Objective", lambda a: self.objective_titles.get(a.objective_id, "(none)"),
                   lambda a: a.objective_id),
            Column("owner_id", "Owner", lambda a: a.owner_name or "(none)", lambda a: a.owner_id),
            Column("start", "Start", lambda a: _day(a.start), lambda a: qdate(a.start)),
            Column("end", "End", lambda a: _day(a.end), lambda a: qdate(a.end),
                   tooltip=lambda a: "Late: past its end and not done" if a.late(self.today) else None),
            Column("status", "Status", lambda a: STATUSES[a.status], lambda a: a.status),
            Column("percent_done", "% done", lambda a: a.percent_done, lambda a: a.percent_done, align_right=True),
            Column("predecessors", "Depends on", lambda a: ", ".join(self.titles.get(p, "?")
                                                                     for p in a.predecessor_ids),
                   tooltip=lambda _a: "Press Depends on... to change"),
        ])
        self.titles: dict[int, str] = {}
        self.reload()

    def load(self) -> list[Any]:
        def read(s):
            from services.team.team_roster import list_people

            self.people = {p.id: p.name for p in list_people(s)}
            self.objective_titles = {o.id: o.short for o in objectives.list_objectives(s)}
            return action_schedule.list_actions(s)

        actions = self.context.read(read)
        self.titles = {a.id: a.title for a in actions}
        return [a for a in actions if self.filters.keeps(a)]

    def row_warning(self, record: Any) -> bool:
        return record.late(self.today)

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key in ("start", "end"):
            value = pydate(value)
            if record.milestone:  # a milestone is one day: both dates move together
                return commands.move_action(self.context, record.id, value, value, False, record.title)
        if key == "percent_done":
            value = int(value)
        return commands.set_action_field(self.context, record.id, key, value)


class ObjectivesModel(RecordTableModel):
    topics = TOPICS

    def __init__(self, context: PlanContext):
        self.missing: dict[int, list[str]] = {}
        super().__init__(context, [
            Column("statement", "Objective", lambda o: o.statement, lambda o: o.statement),
            Column("missing", "SMARTIE", lambda o: "complete" if not self.missing.get(o.id) else
                   "missing: " + ", ".join(self.missing[o.id])),
        ])
        self.reload()

    def load(self) -> list[Any]:
        def read(s):
            records = objectives.list_objectives(s)
            self.missing = {r.id: objectives.missing_parts(objectives.check_smartie(s, r)) for r in records}
            return records

        return self.context.read(read)

    def row_warning(self, record: Any) -> bool:
        return bool(self.missing.get(record.id))

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        return commands.set_objective_field(self.context, record.id, key, str(value))


class MeasurementsModel(RecordTableModel):
    topics = TOPICS

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("measured_on", "Date", lambda m: _day(m.measured_on)),
            Column("value", "Value", lambda m: f"{m.value:g}", align_right=True),
            Column("note", "Note", lambda m: m.note),
        ])
        self.objective_id: int | None = None

    def set_objective(self, objective_id: int | None) -> None:
        self.objective_id = objective_id
        self.reload()

    def load(self) -> list[Any]:
        if self.objective_id is None:
            return []
        return self.context.read(lambda s: objectives.list_measurements(s, self.objective_id))


class CyclesModel(RecordTableModel):
    topics = TOPICS
    DATE_KEYS = ("plan_date", "do_date", "study_date", "act_date")

    def __init__(self, context: PlanContext):
        self.objective_titles: dict[int, str] = {}

        def text(key, title, tip=None):
            # the whole note on hover: the cells are narrow and notes are sentences
            return Column(key, title, lambda c: getattr(c, key), lambda c: getattr(c, key),
                          tooltip=lambda c: "\n".join(x for x in (getattr(c, key), f"({tip})" if tip else "") if x)
                          or None)

        def day(key, title):
            return Column(key, title, lambda c: _day(getattr(c, key)), lambda c: qdate(getattr(c, key)))

        super().__init__(context, [
            text("title", "Cycle"),
            Column("objective_id", "On objective", lambda c: self.objective_titles.get(c.objective_id, ""),
                   lambda c: c.objective_id),
            Column("stage", "Stage", lambda c: c.stage),
            text("question", "Plan: question", "What do you want to learn?"),
            text("prediction", "Prediction", "What do you expect to happen?"), day("plan_date", "Planned"),
            text("do_notes", "Do: what happened"), day("do_date", "Done on"),
            text("study_notes", "Study: data against the prediction"), day("study_date", "Studied on"),
            Column("decision", "Act", lambda c: improvement_cycles.DECISIONS[c.decision], lambda c: c.decision),
            text("act_notes", "What changes"), day("act_date", "Acted on"),
        ])
        self.reload()

    def load(self) -> list[Any]:
        def read(s):
            self.objective_titles = {o.id: o.short for o in objectives.list_objectives(s)}
            return improvement_cycles.list_cycles(s)

        return self.context.read(read)

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key in self.DATE_KEYS:
            value = pydate(value)
        return commands.set_cycle_field(self.context, record.id, key, value)


class CommunicationsModel(RecordTableModel):
    topics = TOPICS

    def __init__(self, context: PlanContext):
        self.people: dict[int, str] = {}

        def yes(key, title):
            return Column(key, title, lambda c: "Yes" if getattr(c, key) else "No", lambda c: getattr(c, key))

        super().__init__(context, [
            Column("send_on", "Date", lambda c: _day(c.send_on), lambda c: qdate(c.send_on)),
            Column("audience", "Audience", lambda c: c.audience, lambda c: c.audience),
            Column("message", "Message", lambda c: c.message, lambda c: c.message, tooltip=lambda c: c.message),
            Column("channel", "Channel", lambda c: c.channel, lambda c: c.channel),
            Column("owner_id", "Owner", lambda c: self.people.get(c.owner_id, "(none)"), lambda c: c.owner_id),
            yes("done", "Done"), yes("celebration", "Celebration"), yes("on_gantt", "On the Gantt"),
        ])
        self.reload()

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
