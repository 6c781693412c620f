"""Attendees whose usual hours don't cover a focus-group session's time (seed 004: "schedule a time
that will work for all members"; seed 000 asks the same of team meetings).

The rule is the Team tab's (``services.team.meeting_access``): someone with hours of their own
(``meets_from``/``meets_until`` on People) is judged by those, anyone else by their position
group's usual shift; a weekend day is outside everyone's working week. A session with two dates
(two shorter sessions) is checked on each day, each half the time booked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from services import district_profile
from services.date_style import STYLE, DateStyle
from services.focus_groups.focus_sessions import AttendeeRecord, SessionRecord
from services.team import meeting_access, team_roster

# The Team tab's two checks, reused (not copied).
_outside_group_hours = meeting_access.outside_hours
_outside_own_hours = meeting_access.outside_own_hours


@dataclass(frozen=True)
class _Span:
    """One day of the session, shaped as the meeting the Team tab's rule reads."""

    meeting_date: dt.date
    start_time: dt.time
    end_time: dt.time


def session_spans(record: SessionRecord) -> list[_Span]:
    """Each day the session meets with its start and end time; empty while no date or start time is set."""
    days = [d for d in (record.first_date, record.second_date) if d]
    if not days or record.start_time is None or not record.booked_minutes:
        return []
    minutes = record.booked_minutes // len(days)
    spans = []
    for day in days:
        end = dt.datetime.combine(day, record.start_time) + dt.timedelta(minutes=minutes)
        spans.append(_Span(day, record.start_time, end.time() if end.date() == day else dt.time(23, 59)))
    return spans


def attendee_hours(session: Session, record: SessionRecord, attendees: list[AttendeeRecord],
                   style: DateStyle = STYLE) -> dict[int, str]:
    """For each attendee (by attendee id) whose hours the session falls outside, why, in a few
    words: "Outside the usual hours of Food service (6:00 AM–2:00 PM)". Nobody listed: everyone's
    hours cover it, or the session has no date and start time yet."""
    spans = session_spans(record)
    if not spans:
        return {}
    groups = {g.id: g for g in district_profile.list_position_groups(session)}
    people = {p.id: p for p in team_roster.list_people(session)}
    flags: dict[int, str] = {}
    for attendee in attendees:
        person = people.get(attendee.person_id)
        if person is None:
            continue
        group = groups.get(person.position_group_id)
        for span in spans:
            reason = _outside(span, person, group, style, several=len(spans) > 1)
            if reason:
                flags[attendee.id] = reason
                break
    return flags


def _outside(span: _Span, person: team_roster.PersonRecord, group: district_profile.PositionGroupRecord | None,
             style: DateStyle, several: bool) -> str:
    on = f" on {style.date(span.meeting_date)}" if several else ""
    if span.meeting_date.weekday() >= 5:
        return f"On a {span.meeting_date:%A}, outside the working week"
    if person.has_own_hours:
        if _outside_own_hours(span, person):
            return f"Outside the hours they can meet ({style.times(person.meets_from, person.meets_until)}){on}"
        return ""
    if group is not None and _outside_group_hours(span, group):
        return f"Outside the usual hours of {group.name} ({group.shift_text(style)}){on}"
    return ""


def hours_summary(names_and_reasons: list[tuple[str, str]]) -> str:
    """One sentence for the Plan page and the guide: who can't be expected at this time."""
    if not names_and_reasons:
        return ""
    listed = "; ".join(f"{name}: {reason[0].lower() + reason[1:]}" for name, reason in names_and_reasons)
    n = len(names_and_reasons)
    return (f"The session's time falls outside the usual hours of {n} attendee{'s' if n != 1 else ''} "
            f"({listed}). Choose another time, or arrange cover so they can attend.")
