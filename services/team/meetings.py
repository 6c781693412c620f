"""The planning team's meeting schedule: when, where, what for, and who is invited.

Each meeting has one or more purposes (seed 000 step 1: a schedule "that includes time for focusing
on team functioning, identifying data-driven priorities, and carrying out an equity-focused action
plan"); "other" is worded by the meeting's own description (``Meeting.purpose``). The schedule is
checked for a purpose no meeting of the year serves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Meeting, MeetingAttendee, MeetingPurpose, MeetingPurposeMark, Person
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
    # MeetingPurpose values, in the order of PURPOSE_LABELS; empty when none is set (an older plan).
    purposes: tuple[str, ...] = ()

    def when_text(self) -> str:
        return f"{self.meeting_date:%a} {STYLE.date(self.meeting_date)}, {STYLE.times(self.start_time, self.end_time)}"


# What each purpose is called in the window and the printout, in the order they are listed.
PURPOSE_LABELS: dict[str, str] = {
    MeetingPurpose.TEAM.value: "Team functioning",
    MeetingPurpose.DATA.value: "Reading data and setting priorities",
    MeetingPurpose.PLAN.value: "Equity-focused action plan",
    MeetingPurpose.OTHER.value: "Other",
}
# The purposes a year's schedule should include (seed 000 step 1), and how a sentence names them.
NEEDED_PURPOSES: dict[str, str] = {
    MeetingPurpose.TEAM.value: "the team's own functioning",
    MeetingPurpose.DATA.value: "reading the data and setting priorities",
    MeetingPurpose.PLAN.value: "the equity-focused action plan",
}
# Other words a pasted or typed purpose may use ("data", "action plan", "team").
_PURPOSE_WORDS: dict[str, str] = {
    "team": MeetingPurpose.TEAM.value, "team functioning": MeetingPurpose.TEAM.value,
    "functioning": MeetingPurpose.TEAM.value,
    "data": MeetingPurpose.DATA.value, "priorities": MeetingPurpose.DATA.value,
    "reading data": MeetingPurpose.DATA.value, "reading the data and setting priorities": MeetingPurpose.DATA.value,
    "data and priorities": MeetingPurpose.DATA.value,
    "plan": MeetingPurpose.PLAN.value, "action plan": MeetingPurpose.PLAN.value,
    "equity-focused action plan": MeetingPurpose.PLAN.value, "the equity-focused action plan": MeetingPurpose.PLAN.value,
    "other": MeetingPurpose.OTHER.value,
}


def _ordered(purposes: object) -> tuple[str, ...]:
    """Known purposes once each, in the listed order; anything a plan file holds that WellPlan
    doesn't write is left out (read defensively)."""
    given = {p for p in purposes if isinstance(p, str)} if purposes else set()
    return tuple(p for p in PURPOSE_LABELS if p in given)


def _record(m: Meeting, purposes: tuple[str, ...] = ()) -> MeetingRecord:
    return MeetingRecord(
        m.id, m.meeting_date, m.start_time, m.end_time, m.place, m.purpose,
        tuple(sorted(a.person_id for a in m.attendees)), purposes,
    )


def _purposes_of(session: Session, meeting_ids: list[int] | None = None) -> dict[int, tuple[str, ...]]:
    query = select(MeetingPurposeMark.meeting_id, MeetingPurposeMark.purpose)
    if meeting_ids is not None:
        query = query.where(MeetingPurposeMark.meeting_id.in_(meeting_ids))
    found: dict[int, set[str]] = {}
    for meeting_id, purpose in session.execute(query):
        found.setdefault(meeting_id, set()).add(purpose)
    return {k: _ordered(v) for k, v in found.items()}


def list_meetings(session: Session) -> list[MeetingRecord]:
    rows = list(session.scalars(select(Meeting).order_by(Meeting.meeting_date, Meeting.start_time, Meeting.id)))
    purposes = _purposes_of(session)
    return [_record(m, purposes.get(m.id, ())) for m in rows]


def _one_record(session: Session, m: Meeting) -> MeetingRecord:
    return _record(m, _purposes_of(session, [m.id]).get(m.id, ()))


def purpose_labels(record: MeetingRecord) -> list[str]:
    """The meeting's purposes as words; "Other" is worded by its description when it has one."""
    return [f"Other: {record.purpose}" if p == MeetingPurpose.OTHER.value and record.purpose else PURPOSE_LABELS[p]
            for p in record.purposes]


def purposes_text(purposes: tuple[str, ...]) -> str:
    """"Team functioning; Equity-focused action plan": what a cell shows and copies, and reads back."""
    return "; ".join(PURPOSE_LABELS[p] for p in _ordered(purposes))


def parse_purposes(text: str) -> tuple[str, ...]:
    """Purposes typed or pasted as words, separated by semicolons, commas or lines ("Team
    functioning; Data"); an empty text clears them. A word that names no purpose is refused."""
    found: set[str] = set()
    for part in text.replace("\n", ";").replace(",", ";").split(";"):
        word = " ".join(part.split()).casefold().rstrip(".")
        if not word:
            continue
        purpose = next((k for k, label in PURPOSE_LABELS.items() if label.casefold() == word), None) \
            or _PURPOSE_WORDS.get(word)
        if purpose is None:
            known = "; ".join(PURPOSE_LABELS.values())
            raise InvalidInput(f"'{part.strip()}' is not a meeting purpose. Use one or more of: {known}.")
        found.add(purpose)
    return _ordered(found)


def missing_purposes(records: list[MeetingRecord]) -> list[str]:
    """The purposes (NEEDED_PURPOSES) no meeting of the schedule is for; none while nothing is scheduled."""
    if not records:
        return []
    served = {p for r in records for p in r.purposes}
    return [p for p in NEEDED_PURPOSES if p not in served]


def purpose_warning(records: list[MeetingRecord]) -> str:
    """One sentence naming what the year's schedule leaves out ("No meeting this year is for reading
    the data and setting priorities."), or "" when every purpose has a meeting."""
    missing = [NEEDED_PURPOSES[p] for p in missing_purposes(records)]
    if not missing:
        return ""
    if len(missing) == 1:
        named = missing[0]
    else:
        named = ", ".join(missing[:-1]) + (", or " if len(missing) > 2 else " or ") + missing[-1]
    return f"No meeting this year is for {named}."


def _validate(session: Session, values: dict) -> None:
    start, end = values.get("start_time"), values.get("end_time")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("A meeting must end after it starts.")
    for key in ("place", "purpose"):
        if key in values:
            values[key] = (values[key] or "").strip()
    if "purposes" in values:
        purposes = values["purposes"]
        if isinstance(purposes, str):
            purposes = parse_purposes(purposes)
        unknown = [p for p in purposes if p not in PURPOSE_LABELS]
        if unknown:
            raise InvalidInput(f"'{unknown[0]}' is not a meeting purpose.")
        values["purposes"] = _ordered(purposes)
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
    purposes: tuple[str, ...] | str = (),
) -> MeetingRecord:
    values = dict(start_time=start_time, end_time=end_time, place=place, purpose=purpose,
                  attendee_ids=tuple(attendee_ids), purposes=purposes)
    _validate(session, values)
    meeting = Meeting(
        id=meeting_id, meeting_date=meeting_date, start_time=start_time, end_time=end_time,
        place=values["place"], purpose=values["purpose"],
    )
    meeting.attendees = [MeetingAttendee(person_id=pid) for pid in sorted(set(attendee_ids))]
    session.add(meeting)
    session.flush()
    _set_purposes(session, meeting.id, values["purposes"])
    return _record(meeting, values["purposes"])


def _set_purposes(session: Session, meeting_id: int, purposes: tuple[str, ...]) -> None:
    have = {mark.purpose: mark for mark in session.scalars(
        select(MeetingPurposeMark).where(MeetingPurposeMark.meeting_id == meeting_id))}
    for purpose, mark in have.items():
        if purpose not in purposes:
            session.delete(mark)
    for purpose in purposes:
        if purpose not in have:
            session.add(MeetingPurposeMark(meeting_id=meeting_id, purpose=purpose))
    session.flush()


def update_meeting(session: Session, meeting_id: int, **changes: object) -> MeetingRecord:
    """Change some fields (``attendee_ids`` and ``purposes`` replace the lists); returns the record
    as it was."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput("That meeting is no longer in the plan.")
    before = _one_record(session, meeting)
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
    if "purposes" in changes:
        _set_purposes(session, meeting.id, merged["purposes"])
    session.flush()
    return before


def remove_meeting(session: Session, meeting_id: int) -> MeetingRecord:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput("That meeting is no longer in the plan.")
    record = _one_record(session, meeting)
    _set_purposes(session, meeting.id, ())
    session.delete(meeting)
    session.flush()
    return record


def restore_meeting(session: Session, record: MeetingRecord) -> None:
    add_meeting(
        session, record.meeting_date, record.start_time, record.end_time, record.place,
        record.purpose, record.attendee_ids, meeting_id=record.id, purposes=record.purposes,
    )
