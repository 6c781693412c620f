"""Rows pasted from a spreadsheet into the actions and communications tables, as plan records.

A pasted row is text, cell by cell, as the person's spreadsheet shows it: an owner by name, an
objective by its statement, a status or a channel by its label, "Yes"/"No", "40%". Each is matched
to what the plan stores, without regard to case; a cell that matches nothing refuses its row with
one plain sentence (``InvalidInput``), so the table can list the rows that did not fit. Dates come
already read (the window reads them in the computer's order).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Objective, Person, PlannedAction, School
from services.action_plan import action_schedule, communications
from services.action_plan.action_schedule import STATUSES, ActionRecord
from services.action_plan.communications import CommunicationRecord
from services.action_plan.objectives import CHANGE_LEVELS
from services.errors import InvalidInput
from services.pasted_cells import BLANK, folded, pasted_number, pick, tidy, yes_or_no

MILESTONE_MARK = "\u25c6"  # the actions table marks a milestone's title with it


def person_named(session: Session, name: str) -> int | None:
    """The id of the person called ``name`` (any case), None for an empty cell or "(none)"."""
    people = session.execute(select(Person.id, Person.name).order_by(Person.id))
    return pick(name, people, "No one on the team is called {text}; add them on the Team tab first, or leave the "
                "owner empty.")


def objective_named(session: Session, text: str) -> int | None:
    """The objective whose statement reads ``text`` (or starts so, where the table cut it short
    with "\u2026"); None for an empty cell or "(none)"."""
    wanted = folded(text)
    if wanted in BLANK:
        return None
    cut = wanted.endswith("\u2026")
    stem = wanted.rstrip("\u2026").rstrip()
    for objective_id, statement in session.execute(select(Objective.id, Objective.statement)
                                                   .order_by(Objective.sort_order, Objective.id)):
        read = folded(statement)
        if read == wanted or (cut and stem and read.startswith(stem)):
            return objective_id
    raise InvalidInput(f"No objective reads \u201c{' '.join(text.split())}\u201d; add it on the Objectives page "
                       "first, or leave the objective empty.")


def status_labelled(text: str) -> str:
    wanted = folded(text)
    if not wanted:
        return "not_started"
    for key, label in STATUSES.items():
        if wanted in (key.replace("_", " "), label.casefold(), key):
            return key
    raise InvalidInput(f"\u201c{text.strip()}\u201d is not a status: use one of {', '.join(STATUSES.values())}.")


def percent_written(text: str) -> int:
    value = pasted_number(text, "{text} is not a percentage: type a number from 0 to 100.")
    if value is None:
        return 0
    if not 0 <= value <= 100:
        raise InvalidInput(f"{text.strip()} done is not between 0 and 100.")
    return round(value)


def change_level_labelled(text: str) -> str:
    """"Individual" or "System" (any case) as stored; "" for a blank cell."""
    return pick(text, CHANGE_LEVELS.items(), "{text} is not what an action changes: use Individual or System, or "
                "leave it empty.") or ""


def school_named(session: Session, text: str) -> int | None:
    """The school a pasted cell names (any case); None for a blank cell or "District-wide"."""
    if folded(text) in ("district-wide", "district wide", "all schools"):
        return None
    schools = session.execute(select(School.id, School.name).order_by(School.sort_order, School.id))
    return pick(text, schools, "The district has no school called {text}; add it on the Overview tab first, or "
                "leave the school empty for a district-wide action.")


def add_action(session: Session, title: str, *, objective: str = "", owner: str = "", start: dt.date | None = None,
               end: dt.date | None = None, status: str = "", percent_done: str = "", change_level: str = "",
               school: str = "") -> ActionRecord:
    """An action from a pasted row. An owner the team doesn't have is kept as written (as a proposal's
    owner in words is), so nothing typed is lost; the person is chosen from the team later."""
    title = (title or "").strip()
    milestone = title.endswith(MILESTONE_MARK)
    title = title.removesuffix(MILESTONE_MARK).strip()
    if milestone and (start is None) != (end is None):
        start = end = start or end
    objective_id = objective_named(session, objective)
    try:
        owner_id, owner_words = person_named(session, owner), ""
    except InvalidInput:
        owner_id, owner_words = None, " ".join(owner.split())
    chosen = status_labelled(status)
    percent = percent_written(percent_done)
    level, school_id = change_level_labelled(change_level), school_named(session, school)
    if chosen == "done":
        percent = 100
    elif percent and chosen == "not_started":
        chosen = "in_progress"
    record = action_schedule.add_action(session, title, objective_id=objective_id, owner_id=owner_id, start=start,
                                        end=end, milestone=milestone and start is not None, status=chosen,
                                        percent_done=percent)
    if level or school_id is not None:
        record = action_schedule.update_action(session, record.id, change_level=level, school_id=school_id)
    if owner_words:
        session.get(PlannedAction, record.id).owner = owner_words[:200]
        session.flush()
        record = action_schedule.get_action(session, record.id)
    return record


def _choice(text: str, choices: tuple[str, ...]) -> str:
    """A pasted audience or channel, spelled as the list spells it when it is one of them."""
    return next((c for c in choices if folded(c) == folded(text)), tidy(text))


def add_communication(session: Session, message: str, *, audience: str = "", channel: str = "",
                      send_on: dt.date | None = None, owner: str = "", done: str = "", celebration: str = "",
                      on_gantt: str = "") -> CommunicationRecord:
    """A communication from a pasted row: audience and channel as the lists spell them (or as
    written, for one of the district's own), the owner by name, Yes/No cells as they read."""
    return communications.add_item(
        session, _choice(audience, communications.AUDIENCES), " ".join((message or "").split()),
        _choice(channel, communications.CHANNELS), send_on, owner_id=person_named(session, owner),
        done=yes_or_no(done, "Done"), celebration=yes_or_no(celebration, "Celebration"),
        on_gantt=yes_or_no(on_gantt, "On the Gantt", blank=True))
