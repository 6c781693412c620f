"""SMARTIE objectives (seed 000 step 5): the statement, a field for each letter, the groups it is
for, the people involved, and an indicator with a baseline, a target and measurements.

``check_smartie`` says in plain words what an objective still lacks; the tab shows it beside the
form and the printed plan lists it under the objective.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    Measurement,
    Objective,
    ObjectiveGroup,
    ObjectivePerson,
    PdsaCycle,
    Person,
    PlannedAction,
    PositionGroup,
)
from models.action_plan import SMARTIE_PARTS
from services.date_style import STYLE, DateStyle
from services.errors import InvalidInput
from services.plan_records import next_number, values_of, written_with_links
from services.stored_values import choice, number
from services.stored_values import text as stored_text
from services.wording import quote_each

PART_LABELS = {
    "specific": "Specific", "measurable": "Measurable", "achievable": "Achievable", "relevant": "Relevant",
    "time_bound": "Time-bound", "inclusive": "Inclusive", "equitable": "Equitable",
}
PART_PROMPTS = {
    "specific": "What exactly will change, where, and for whom?",
    "measurable": "What will you count, and what number means success?",
    "achievable": "Why is this within reach: the people, time and money behind it?",
    "relevant": "Which finding, focus group or priority does it answer?",
    "time_bound": "By when? Give a date.",
    "inclusive": "Who from the affected groups shapes and carries out the work?",
    "equitable": "Which staff group is it for, and how does it close a gap for them?",
}
_MONTHS = r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(tember)?|oct(ober)?|" \
          r"nov(ember)?|dec(ember)?"
# What an objective or an action changes (seed 000 step 5: "Most plans will need to balance
# individual and structural changes ... especially around reducing job stressors").
CHANGE_LEVELS = {"individual": "Individual", "system": "System"}
CHANGE_LEVEL_HINTS = {"individual": "Helps people build habits or use support (sessions, coaching, information)",
                      "system": "Changes the job or the workplace around them (schedules, staffing, policies, spaces)"}
# What kind of goal an objective is (seed 002: goals "related to the quality of, implementation of,
# and access to" supports; "Set quality goals ... first").
GOAL_TYPES = {"quality": "Quality", "implementation": "Implementation", "access": "Access"}
GOAL_TYPE_HINTS = {"quality": "The experience or outcome staff should have (the result you aim for)",
                   "implementation": "The steps the district takes to put the work in place",
                   "access": "Who can reach the support: every group, shift and school"}
_DATE_WORDS = re.compile(rf"\b(20\d\d|{_MONTHS}|semester|quarter|end of (the )?(school )?year)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ObjectiveRecord:
    id: int
    statement: str
    parts: dict[str, str]
    indicator: str
    unit: str
    baseline: float | None
    baseline_date: dt.date | None
    target: float | None
    target_date: dt.date | None
    source_label: str
    group_ids: frozenset[int]
    person_ids: frozenset[int]
    sort_order: int
    goal_type: str = ""  # a GOAL_TYPES key, or "" not set
    change_level: str = ""  # a CHANGE_LEVELS key, or "" not set
    conclusions: str = ""  # the team's, at the year-end review
    carried_over: bool = False  # came over from last year's plan

    @property
    def short(self) -> str:
        return self.statement if len(self.statement) <= 70 else self.statement[:69].rstrip() + "\u2026"


@dataclass(frozen=True)
class Finding:
    part: str
    ok: bool
    message: str


@dataclass(frozen=True)
class MeasurementRecord:
    id: int
    objective_id: int
    measured_on: dt.date
    value: float
    note: str


def _indicator_value(value: object) -> float | None:
    """A baseline, target or measurement read back from the plan: a finite number, or not known
    for what another program wrote ('abc', 1e999)."""
    return number(value, -math.inf, math.inf)


def _record(session: Session, o: Objective) -> ObjectiveRecord:
    groups = frozenset(session.scalars(select(ObjectiveGroup.group_id).where(ObjectiveGroup.objective_id == o.id)))
    people = frozenset(session.scalars(select(ObjectivePerson.person_id).where(ObjectivePerson.objective_id == o.id)))
    return ObjectiveRecord(o.id, o.statement, {p: getattr(o, p) for p in SMARTIE_PARTS}, o.indicator, o.unit,
                           _indicator_value(o.baseline), o.baseline_date, _indicator_value(o.target), o.target_date,
                           o.source_label, groups, people,
                           o.sort_order, choice(o.goal_type, GOAL_TYPES, ""), choice(o.change_level, CHANGE_LEVELS, ""),
                           stored_text(o.conclusions), o.carried_over is True)


def list_objectives(session: Session) -> list[ObjectiveRecord]:
    return [_record(session, o) for o in session.scalars(select(Objective).order_by(Objective.sort_order,
                                                                                    Objective.id))]


def get_objective(session: Session, objective_id: int) -> ObjectiveRecord:
    o = session.get(Objective, objective_id)
    if o is None:
        raise InvalidInput("That objective no longer exists.")
    return _record(session, o)


def _statement(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput("An objective needs a statement, such as 'By June 2027, 80% of transportation staff "
                           "can take their breaks'.")
    return text


def add_objective(session: Session, statement: str, *, at: dt.datetime | None = None, **fields) -> ObjectiveRecord:
    o = Objective(statement=_statement(statement), sort_order=next_number(session, Objective.sort_order),
                  created_at=at or dt.datetime.now().replace(microsecond=0))
    session.add(o)
    session.flush()
    if fields:
        update_objective(session, o.id, **fields)
    return _record(session, o)


_FIELDS = {"statement", *SMARTIE_PARTS, "indicator", "unit", "baseline", "baseline_date", "target", "target_date",
           "source_label", "goal_type", "change_level", "conclusions"}


def update_objective(session: Session, objective_id: int, **changes) -> ObjectiveRecord:
    o = session.get(Objective, objective_id)
    if o is None:
        raise InvalidInput("That objective no longer exists.")
    for key, value in changes.items():
        if key in ("group_ids", "person_ids"):
            written_with_links(o)
            (set_groups if key == "group_ids" else set_people)(session, objective_id, value)
            continue
        if key not in _FIELDS:
            raise InvalidInput(f"An objective has no field '{key}'.")
        if key == "statement":
            value = _statement(value)
        elif key in ("goal_type", "change_level"):
            value = value or ""
            if value and value not in (GOAL_TYPES if key == "goal_type" else CHANGE_LEVELS):
                raise InvalidInput(f"A goal type is one of: {', '.join(GOAL_TYPES.values())} (or not set)."
                                   if key == "goal_type" else
                                   f"What it changes is one of: {', '.join(CHANGE_LEVELS.values())} (or not set).")
        elif key in ("baseline", "target") and value is not None and not isinstance(value, (int, float)):
            raise InvalidInput(f"The {key} is a number.")
        elif isinstance(value, str):
            value = value.strip()
        setattr(o, key, value)
    session.flush()
    return _record(session, o)


def set_groups(session: Session, objective_id: int, group_ids) -> None:
    session.query(ObjectiveGroup).filter(ObjectiveGroup.objective_id == objective_id).delete()
    session.add_all(ObjectiveGroup(objective_id=objective_id, group_id=g) for g in sorted(set(group_ids)))
    session.flush()


def set_people(session: Session, objective_id: int, person_ids) -> None:
    session.query(ObjectivePerson).filter(ObjectivePerson.objective_id == objective_id).delete()
    session.add_all(ObjectivePerson(objective_id=objective_id, person_id=p) for p in sorted(set(person_ids)))
    session.flush()


@dataclass(frozen=True)
class RemovedObjective:
    record: ObjectiveRecord
    measurements: tuple[MeasurementRecord, ...]
    action_ids: tuple[int, ...]
    created_at: dt.datetime
    cycles: tuple[dict, ...] = ()  # its PDSA cycles, which the file removes with it


def what_goes_with_objective(session: Session, objective_id: int) -> list[str]:
    """What removing the objective takes with it or leaves behind, a sentence each (none: nothing
    depends on it, so the window removes it without asking)."""
    measured = session.scalar(select(func.count()).select_from(Measurement)
                              .where(Measurement.objective_id == objective_id)) or 0
    cycles = list(session.scalars(select(PdsaCycle.title).where(PdsaCycle.objective_id == objective_id)
                                  .order_by(PdsaCycle.id)))
    actions = list(session.scalars(select(PlannedAction.title).where(PlannedAction.objective_id == objective_id)
                                   .order_by(PlannedAction.id)))
    out = []
    if actions:
        out.append(f"{'One action' if len(actions) == 1 else f'{len(actions)} actions'} toward it "
                   f"({quote_each(actions)}) will stay in the plan with no objective.")
    if cycles:
        out.append(f"{'One PDSA cycle' if len(cycles) == 1 else f'{len(cycles)} PDSA cycles'} on it "
                   f"({quote_each(cycles)}) will be removed.")
    if measured:
        out.append(f"{'Its one measurement' if measured == 1 else f'Its {measured} measurements'} of the indicator "
                   "will be removed.")
    return out


def remove_objective(session: Session, objective_id: int) -> RemovedObjective:
    """Remove an objective with its measurements and PDSA cycles; its actions stay in the plan without
    one. For undo, see ``restore_objective``."""
    o = session.get(Objective, objective_id)
    if o is None:
        raise InvalidInput("That objective no longer exists.")
    removed = RemovedObjective(_record(session, o), tuple(list_measurements(session, objective_id)),
                               tuple(session.scalars(select(PlannedAction.id)
                                                     .where(PlannedAction.objective_id == objective_id))),
                               o.created_at,
                               tuple(values_of(c) for c in session.scalars(
                                   select(PdsaCycle).where(PdsaCycle.objective_id == objective_id))))
    session.delete(o)
    session.flush()
    return removed


def restore_objective(session: Session, removed: RemovedObjective) -> None:
    r = removed.record
    session.add(Objective(id=r.id, statement=r.statement, **r.parts, indicator=r.indicator, unit=r.unit,
                          baseline=r.baseline, baseline_date=r.baseline_date, target=r.target,
                          target_date=r.target_date, source_label=r.source_label, sort_order=r.sort_order,
                          goal_type=r.goal_type, change_level=r.change_level, conclusions=r.conclusions,
                          carried_over=r.carried_over, created_at=removed.created_at))
    session.flush()
    set_groups(session, r.id, r.group_ids)
    set_people(session, r.id, r.person_ids)
    for m in removed.measurements:
        session.add(Measurement(id=m.id, objective_id=r.id, measured_on=m.measured_on, value=m.value, note=m.note))
    for action_id in removed.action_ids:
        action = session.get(PlannedAction, action_id)
        if action is not None:
            action.objective_id = r.id
    session.add_all(PdsaCycle(**values) for values in removed.cycles)
    session.flush()


# ---- the indicator ----------------------------------------------------------------------------

def list_measurements(session: Session, objective_id: int) -> list[MeasurementRecord]:
    """The indicator's measurements, oldest first; one whose value is not a number is left out."""
    return [MeasurementRecord(m.id, m.objective_id, m.measured_on, _indicator_value(m.value), m.note)
            for m in session.scalars(select(Measurement).where(Measurement.objective_id == objective_id)
                                     .order_by(Measurement.measured_on, Measurement.id))
            if _indicator_value(m.value) is not None]


def add_measurement(session: Session, objective_id: int, measured_on: dt.date, value: float,
                    note: str = "") -> MeasurementRecord:
    if session.get(Objective, objective_id) is None:
        raise InvalidInput("That objective no longer exists.")
    m = Measurement(objective_id=objective_id, measured_on=measured_on, value=float(value), note=note.strip())
    session.add(m)
    session.flush()
    return MeasurementRecord(m.id, m.objective_id, m.measured_on, m.value, m.note)


def remove_measurement(session: Session, measurement_id: int) -> MeasurementRecord:
    m = session.get(Measurement, measurement_id)
    if m is None:
        raise InvalidInput("That measurement no longer exists.")
    record = MeasurementRecord(m.id, m.objective_id, m.measured_on, m.value, m.note)
    session.delete(m)
    session.flush()
    return record


def restore_measurement(session: Session, record: MeasurementRecord) -> None:
    session.add(Measurement(id=record.id, objective_id=record.objective_id, measured_on=record.measured_on,
                            value=record.value, note=record.note))
    session.flush()


def unit_suffix(unit: str) -> str:
    """"%" sticks to the number; any other unit follows a space ("7 schools")."""
    unit = unit.strip()
    return unit if unit in ("", "%") else f" {unit}"


def progress_text(record: ObjectiveRecord, measurements: list[MeasurementRecord], style: DateStyle = STYLE) -> str:
    """"Staff who take breaks: 62% on Nov 20, 2026, from 40%, toward 80% by Jun 1, 2027." (or what is
    missing to say so), dates in ``style`` (the district's, where the plan is at hand)."""
    if not record.indicator:
        return "No indicator yet."
    unit = unit_suffix(record.unit)
    parts = []
    if measurements:
        parts.append(f"{measurements[-1].value:g}{unit} on {style.date(measurements[-1].measured_on)}")
    if record.baseline is not None:
        parts.append(f"from {record.baseline:g}{unit}")
    if record.target is not None:
        parts.append(f"toward {record.target:g}{unit}" + (f" by {style.date(record.target_date)}"
                                                           if record.target_date else ""))
    return f"{record.indicator}: " + (", ".join(parts) if parts else "no baseline or target yet") + "."


def reaches_target(record: ObjectiveRecord, value: float | None) -> bool:
    """Whether ``value`` meets the indicator's target: at or above it, or at or below it for an
    indicator meant to go down (a target under its baseline: fewer staff reporting burnout)."""
    if value is None or record.target is None:
        return False
    going_down = record.baseline is not None and record.target < record.baseline
    return value <= record.target if going_down else value >= record.target


def newly_reached(record: ObjectiveRecord, measurements: list[MeasurementRecord], new_id: int) -> bool:
    """Whether the measurement ``new_id`` is the one that reached the target: it does, and the
    latest measurement before it did not (so a success is offered as a celebration once)."""
    new = next((m for m in measurements if m.id == new_id), None)
    if new is None or not reaches_target(record, new.value):
        return False
    earlier = [m for m in measurements if m.id != new_id and (m.measured_on, m.id) < (new.measured_on, new.id)]
    return not earlier or not reaches_target(record, earlier[-1].value)


def celebration_text(record: ObjectiveRecord, measurement: MeasurementRecord, style: DateStyle = STYLE) -> str:
    """The message a reached target offers for the communication plan (seed 000 step 7: celebrate
    successes, small early ones too)."""
    unit = unit_suffix(record.unit)
    return (f"We reached our target: {record.indicator} {measurement.value:g}{unit} on "
            f"{style.date(measurement.measured_on)} (target {record.target:g}{unit}). Thank you to everyone who "
            "made it happen.")


# ---- the checker --------------------------------------------------------------------------------

def check_smartie(session: Session, record: ObjectiveRecord) -> list[Finding]:
    """Each letter's state in plain words: what is there, or what is missing."""
    p = record.parts
    groups = {g.id: g.name for g in session.scalars(select(PositionGroup))}
    served = [groups[g] for g in record.group_ids if g in groups]
    people = list(session.scalars(select(Person).where(Person.id.in_(record.person_ids)))) if record.person_ids \
        else []
    out = []
    words = len((p["specific"] or record.statement).split())
    out.append(Finding("specific", bool(p["specific"]) and words >= 5,
                       "Says what will change and for whom." if p["specific"] and words >= 5 else
                       "Say what exactly will change, where, and for whom (Specific is "
                       + ("too short)." if p["specific"] else "empty).")))
    has_number = record.target is not None or bool(re.search(r"\d", p["measurable"]))
    measurable_ok = bool(record.indicator) and has_number
    out.append(Finding("measurable", measurable_ok, "Has an indicator and a target number." if measurable_ok else
                       "No " + ("number: give the indicator a target." if record.indicator else
                                "indicator: name what you will count and the number that means success.")))
    out.append(Finding("achievable", bool(p["achievable"]), "Says why it is within reach." if p["achievable"] else
                       "Say why it is within reach: who does the work, with what time and money."))
    out.append(Finding("relevant", bool(p["relevant"] or record.source_label),
                       "Connected to what staff said." if p["relevant"] or record.source_label else
                       "Say which finding, focus group or priority it answers."))
    dated = record.target_date is not None or bool(_DATE_WORDS.search(p["time_bound"]))
    out.append(Finding("time_bound", dated, "Has a date." if dated else "No date: give a target date."))
    if not served:
        inclusive_ok = bool(people) and bool(p["inclusive"])
        message = "Names who is involved." if inclusive_ok else \
            "Name the staff it is for (Equitable), then involve people from those groups."
    else:
        from_groups = [x.name for x in people if x.position_group_id in record.group_ids]
        inclusive_ok = bool(from_groups)
        message = (f"Involves {', '.join(from_groups)} from the groups it serves." if inclusive_ok else
                   f"No one from the affected groups is involved: add someone from {', '.join(sorted(served))}.")
    out.append(Finding("inclusive", inclusive_ok, message))
    named_in_text = [g for g in groups.values() if g.casefold() in (p["equitable"] + " " + record.statement).casefold()]
    equitable_ok = bool(served or named_in_text)
    out.append(Finding("equitable", equitable_ok,
                       f"For {', '.join(sorted(served or named_in_text))}." if equitable_ok else
                       "No group of staff named: say which staff it is for and how it closes a gap for them."))
    return out


def missing_parts(findings: list[Finding]) -> list[str]:
    return [PART_LABELS[f.part] for f in findings if not f.ok]
