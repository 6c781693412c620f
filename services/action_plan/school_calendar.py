"""The school year as the Gantt chart shades it: first and last day (district profile) and the
breaks between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import SchoolBreak
from services import plan_records
from services.district_profile import get_profile
from services.errors import InvalidInput


@dataclass(frozen=True)
class SchoolYear:
    start: dt.date | None
    end: dt.date | None
    breaks: tuple[tuple[str, dt.date, dt.date], ...]


@dataclass(frozen=True)
class BreakRecord:
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date


def school_year(session: Session) -> SchoolYear:
    profile = get_profile(session)
    breaks = tuple((b.name, b.starts_on, b.ends_on) for b in list_breaks(session))
    return SchoolYear(profile.year_start, profile.year_end, breaks)


def list_breaks(session: Session) -> list[BreakRecord]:
    return [BreakRecord(**row) for row in plan_records.list_rows(session, SchoolBreak, SchoolBreak.starts_on,
                                                                 SchoolBreak.id)]


def add_break(session: Session, name: str, starts_on: dt.date, ends_on: dt.date) -> BreakRecord:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A break needs a name, such as 'Winter break'.")
    if ends_on < starts_on:
        raise InvalidInput("A break can't end before it starts.")
    return BreakRecord(**plan_records.add_row(session, SchoolBreak, name=name, starts_on=starts_on, ends_on=ends_on))


def remove_break(session: Session, break_id: int) -> dict:
    """Removes the break; returns its values, which ``restore_break`` puts back (undo)."""
    return plan_records.remove_row(session, SchoolBreak, break_id, "break")


def restore_break(session: Session, values: dict) -> None:
    plan_records.restore_row(session, SchoolBreak, values)
