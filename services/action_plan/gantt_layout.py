"""What the Gantt chart shows, worked out once for the screen and the printout: rows grouped by
objective, each action's bar (or milestone), the dependency links between rows, communication
dates, the school year with its breaks, today, and which work is late.

Pure data: the window draws it with Qt graphics, the PDF with reportlab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from services.action_plan import action_schedule, communications, objectives, school_calendar
from services.action_plan.action_schedule import STATUSES, ActionRecord
from services.action_plan.objectives import ObjectiveRecord
from services.action_plan.school_calendar import SchoolYear

OBJECTIVE, ACTION, COMMUNICATION = "objective", "action", "communication"
NO_OBJECTIVE = "Not under an objective"


@dataclass(frozen=True)
class GanttRow:
    kind: str
    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    milestone: bool = False
    percent: int = 0
    status: str = ""
    owner: str = ""
    late: bool = False
    action_id: int | None = None
    celebration: bool = False  # a communication row celebrating a success (printed as a star)

    @property
    def status_text(self) -> str:
        return STATUSES.get(self.status, self.status)


@dataclass(frozen=True)
class Filters:
    owner_id: int | None = None
    statuses: frozenset[str] | None = None  # None: all
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    hide_done: bool = False
    communications: bool = True

    def keeps(self, a: ActionRecord) -> bool:
        if self.owner_id is not None and a.owner_id != self.owner_id:
            return False
        if self.statuses is not None and a.status not in self.statuses:
            return False
        if self.hide_done and a.status in ("done", "dropped"):
            return False
        if self.date_from is not None and a.end is not None and a.end < self.date_from:
            return False
        return not (self.date_to is not None and a.start is not None and a.start > self.date_to)


@dataclass
class GanttChart:
    rows: list[GanttRow]
    start: dt.date
    end: dt.date
    year: SchoolYear
    today: dt.date
    links: list[tuple[int, int]] = field(default_factory=list)  # (predecessor row, successor row)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def offset(self, day: dt.date) -> int:
        return (day - self.start).days

    def late_count(self) -> int:
        return sum(1 for r in self.rows if r.late)


def build_chart(session: Session, today: dt.date, filters: Filters = Filters(),
                actions: list[ActionRecord] | None = None,
                objective_records: list[ObjectiveRecord] | None = None) -> GanttChart:
    """The chart of the plan read through ``session``; ``actions`` and ``objective_records`` are the
    plan's every action and objective when the caller has just read them (``list_actions``,
    ``list_objectives``): the Action plan tab's tables have, and reading 1,000 actions again for the
    chart doubled what each edit cost the window."""
    if actions is None:
        actions = action_schedule.list_actions(session)
    if objective_records is None:
        objective_records = objectives.list_objectives(session)
    actions = [a for a in actions if filters.keeps(a)]
    titles = {o.id: o.statement for o in objective_records}
    order = list(titles) + [None]
    # Grouped in one pass: each objective picking its own out of every action would cost
    # objectives x actions, which a district-size plan with many objectives feels.
    by_objective: dict[int | None, list[ActionRecord]] = {}
    for a in actions:
        by_objective.setdefault(a.objective_id, []).append(a)
    rows: list[GanttRow] = []
    row_of: dict[int, int] = {}
    for objective_id in order:
        members = sorted(by_objective.get(objective_id, ()),
                         key=lambda a: (a.start is None, a.start or dt.date.max, a.sort_order, a.id))
        if not members:
            continue
        dated = [a for a in members if a.scheduled]
        rows.append(GanttRow(OBJECTIVE, titles.get(objective_id, NO_OBJECTIVE),
                             min((a.start for a in dated), default=None), max((a.end for a in dated), default=None)))
        for a in members:
            row_of[a.id] = len(rows)
            rows.append(GanttRow(ACTION, a.title, a.start, a.end, a.milestone, a.percent_done, a.status, a.owner_name,
                                 a.late(today), a.id))
    if filters.communications:
        items = [i for i in communications.list_items(session) if i.on_gantt and i.send_on is not None]
        if filters.date_from is not None:
            items = [i for i in items if i.send_on >= filters.date_from]
        if filters.date_to is not None:
            items = [i for i in items if i.send_on <= filters.date_to]
        if items:
            rows.append(GanttRow(OBJECTIVE, "Communications and celebrations"))
            for i in items:
                label = i.message if i.celebration and i.message.lower().startswith("celebrat") else \
                    ("Celebrate: " if i.celebration else f"{i.audience}: ") + i.message
                rows.append(GanttRow(COMMUNICATION, label, i.send_on, i.send_on, True,
                                     100 if i.done else 0, "done" if i.done else "not_started",
                                     celebration=i.celebration))
    links = [(row_of[p], row_of[a.id]) for a in actions for p in a.predecessor_ids if p in row_of]
    year = school_calendar.school_year(session)
    days = [d for r in rows for d in (r.start, r.end) if d is not None]
    start = min([d for d in (year.start, *days) if d is not None], default=today)
    end = max([d for d in (year.end, *days) if d is not None], default=today + dt.timedelta(days=90))
    if filters.date_from is not None:
        start = max(start, filters.date_from)
    if filters.date_to is not None:
        end = min(end, filters.date_to)
    if end < start:
        end = start
    return GanttChart(rows, start, end, year, today, links)
