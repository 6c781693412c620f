"""The year-end review (seed 003: Study and Act on the whole year before the next begins): for each
objective, its indicator against its target, what the PDSA cycles adopted, adapted and abandoned
and what that changed, the actions done and not finished, and the conclusions the team records;
then the team's conclusions on the year as a whole.

The facts are read from the action plan's own rules (``objectives.reaches_target``,
``improvement_cycles.what_it_changed``), so the review says what the Action plan tab says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from models import Objective
from services import district_profile
from services.action_plan import action_schedule, improvement_cycles
from services.action_plan import objectives as objective_rules
from services.date_style import STYLE, DateStyle
from services.errors import InvalidInput
from services.stored_values import text

# Conclusions are a few paragraphs; a page of text is the most a printed review can hold for one.
MAX_CONCLUSIONS = 4000
DECISION_ORDER = ("adopt", "adapt", "abandon")
DECISION_HEADINGS = {"adopt": "Adopted", "adapt": "Adapted", "abandon": "Abandoned"}


@dataclass(frozen=True)
class CycleOutcome:
    """A PDSA cycle the team decided on, and what the decision did to the plan."""

    title: str
    decision: str  # adopt, adapt or abandon
    decided_on: dt.date | None
    changed: str  # "Dropped: …", "Next cycle: …" (improvement_cycles.what_it_changed), or ""
    learning: str  # the Act notes, or what the Study found


@dataclass(frozen=True)
class ActionLine:
    title: str
    status: str  # in words: "Done", "In progress"…
    finished: bool  # done
    dropped: bool
    standard_practice: bool


@dataclass(frozen=True)
class ObjectiveReview:
    id: int
    statement: str
    indicator: str
    unit: str
    baseline: float | None
    baseline_date: dt.date | None
    latest: float | None
    latest_date: dt.date | None
    target: float | None
    target_date: dt.date | None
    reached: bool | None  # None: no target or no measurement to tell by
    carried_over: bool
    conclusions: str
    cycles: tuple[CycleOutcome, ...] = ()
    open_cycles: int = 0
    actions: tuple[ActionLine, ...] = ()

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "No target set"
        if self.latest is None:
            return "Not measured this year"
        return "Target reached" if self.reached else "Target not reached"

    def decided(self, decision: str) -> list[CycleOutcome]:
        return [c for c in self.cycles if c.decision == decision]

    @property
    def done(self) -> list[ActionLine]:
        return [a for a in self.actions if a.finished]

    @property
    def unfinished(self) -> list[ActionLine]:
        return [a for a in self.actions if not a.finished and not a.dropped]

    @property
    def dropped(self) -> list[ActionLine]:
        return [a for a in self.actions if a.dropped]


@dataclass(frozen=True)
class YearReview:
    district: str
    school_year: str
    year_start: dt.date | None
    year_end: dt.date | None
    objectives: tuple[ObjectiveReview, ...]
    year_conclusions: str
    # Actions and cycles on no objective: still the year's work.
    other_actions: tuple[ActionLine, ...] = ()
    other_cycles: tuple[CycleOutcome, ...] = ()
    style: DateStyle = field(default=STYLE, compare=False)

    @property
    def reached(self) -> int:
        return sum(1 for o in self.objectives if o.reached)


def value_text(value: float | None, unit: str) -> str:
    return "not recorded" if value is None else f"{value:g}{objective_rules.unit_suffix(unit)}"


def _outcome(cycle: improvement_cycles.CycleRecord, titles: dict[int, str], cycle_titles: dict[int, str]
             ) -> CycleOutcome:
    learning = " ".join((cycle.act_notes or cycle.study_notes or "").split())
    return CycleOutcome(cycle.title, cycle.decision, cycle.act_date,
                        improvement_cycles.what_it_changed(cycle, titles, cycle_titles), learning)


def _line(action: action_schedule.ActionRecord) -> ActionLine:
    status = action_schedule.stored_status(action.status)
    return ActionLine(action.title, action_schedule.STATUSES[status], status == "done", status == "dropped",
                      bool(action.standard_practice))


def load_review(session: Session) -> YearReview:
    """Everything the review shows, read in one go."""
    from services.date_style import style_for

    profile = district_profile.get_profile(session)
    actions = action_schedule.list_actions(session)
    cycles = improvement_cycles.list_cycles(session)
    titles = {a.id: a.title for a in actions}
    cycle_titles = {c.id: c.title for c in cycles}
    objective_of_action = {a.id: a.objective_id for a in actions}

    def cycle_objective(c: improvement_cycles.CycleRecord) -> int | None:
        return c.objective_id if c.objective_id is not None else objective_of_action.get(c.action_id)

    reviews = []
    for record in objective_rules.list_objectives(session):
        row = session.get(Objective, record.id)
        measured = objective_rules.list_measurements(session, record.id)
        latest = measured[-1] if measured else None
        mine = [c for c in cycles if cycle_objective(c) == record.id]
        reached = None if latest is None or record.target is None else \
            objective_rules.reaches_target(record, latest.value)
        reviews.append(ObjectiveReview(
            record.id, record.statement, record.indicator, record.unit, record.baseline, record.baseline_date,
            latest.value if latest else None, latest.measured_on if latest else None, record.target,
            record.target_date, reached, row.carried_over is True, text(row.conclusions),
            tuple(_outcome(c, titles, cycle_titles) for c in mine if c.decision),
            sum(1 for c in mine if not c.decision),
            tuple(_line(a) for a in actions if a.objective_id == record.id)))
    known = {o.id for o in reviews}
    return YearReview(
        profile.display_name, profile.school_year, profile.year_start, profile.year_end, tuple(reviews),
        district_profile.year_conclusions(session),
        tuple(_line(a) for a in actions if a.objective_id not in known),
        tuple(_outcome(c, titles, cycle_titles) for c in cycles if c.decision and cycle_objective(c) not in known),
        style_for(profile))


def _clean(value: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_CONCLUSIONS:
        raise InvalidInput(f"Conclusions can be at most {MAX_CONCLUSIONS:,} characters; this is {len(value):,}.")
    return value


def set_objective_conclusions(session: Session, objective_id: int, conclusions: str) -> str:
    """Record the team's conclusions on one objective; returns what they were (for undo)."""
    row = session.get(Objective, objective_id)
    if row is None:
        raise InvalidInput("That objective no longer exists.")
    before = text(row.conclusions)
    row.conclusions = _clean(conclusions)
    session.flush()
    return before


def set_year_conclusions(session: Session, conclusions: str) -> str:
    """Record the team's conclusions on the year as a whole; returns what they were (for undo)."""
    return district_profile.set_year_conclusions(session, _clean(conclusions))
