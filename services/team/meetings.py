"""The planning team's meeting schedule: when, where, what for, and who is invited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Meeting, MeetingAttendee, Person
from services.date_style import STYLE
from services.errors import InvalidInput


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    meeting_date: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str
    purpose: str
    # Empty means the whole planning team is invited.
    attendee_ids: tuple[int, ...]

    def when_text(self) -> str:
        return f"{self.meeting_date:%a} {STYLE.date(self.meeting_date)}, {STYLE.times(self.start_time, self.end_time)}"


def _record(m: Meeting) -> MeetingRecord:
    return MeetingRecord(
        m.id, m.meeting_date, m.start_time, m.end_time, m.place, m.purpose,
        tuple(sorted(a.person_id for a in m.attendees)),
    )


def list_meetings(session: Session) -> list[MeetingRecord]:
    rows = session.scalars(select(Meeting).order_by(Meeting.meeting_date, Meeting.start_time, Meeting.id))
    return [_record(m) for m in rows]


def _validate(session: Session, values: dict) -> None:
    start, end = values.get("start_time"), values.get("end_time")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("A meeting must end after it starts.")
    for key in ("place", "purpose"):
        if key in values:
            values[key] = (values[key] or "").strip()
    ids = values.get("attendee_ids")
    if ids:
        known = set(session.scalars(select(Person.id).where(Person.id.in_(ids))))
        if known != set(ids):
            raise InvalidInput("Some of those attendees are no longer in the plan.")


def add_meeting(
    session: Session,
    meeting_date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str = "",
    purpose: str = "",
    attendee_ids: tuple[int, ...] = (),
    meeting_id: int | None = None,
) -> MeetingRecord:
    values = dict(start_time=start_time, end_time=end_time, place=place, purpose=purpose,
                  attendee_ids=tuple(attendee_ids))
    _validate(session, values)
    meeting = Meeting(
        id=meeting_id, meeting_date=meeting_date, start_time=start_time, end_time=end_time,
        place=values["place"], purpose=values["purpose"],
    )
    meeting.attendees = [MeetingAttendee(person_id=pid) for pid in sorted(set(attendee_ids))]
    session.add(meeting)
    session.flush()
    return _record(meeting)


def update_meeting(session: Session, meeting_id: int, **changes: object) -> MeetingRecord:
    """Change some fields (``attendee_ids`` replaces the list); returns the record as it was."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput("That meeting is no longer in the plan.")
    before = _record(meeting)
    merged = {
        "start_time": changes.get("start_time", meeting.start_time),
        "end_time": changes.get("end_time", meeting.end_time),
        **{k: v for k, v in changes.items() if k not in ("start_time", "end_time")},
    }
    _validate(session, merged)
    for key in ("meeting_date", "start_time", "end_time", "place", "purpose"):
        if key in changes:
            setattr(meeting, key, merged[key])
    if "attendee_ids" in changes:
        keep = {a.person_id: a for a in meeting.attendees}
        meeting.attendees = [
            keep.get(pid) or MeetingAttendee(person_id=pid) for pid in sorted(set(changes["attendee_ids"]))
        ]
    session.flush()
    return before


def remove_meeting(session: Session, meeting_id: int) -> MeetingRecord:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput("That meeting is no longer in the plan.")
    record = _record(meeting)
    session.delete(meeting)
    session.flush()
    return record


def restore_meeting(session: Session, record: MeetingRecord) -> None:
    add_meeting(
        session, record.meeting_date, record.start_time, record.end_time, record.place,
        record.purpose, record.attendee_ids, meeting_id=record.id,
    )
