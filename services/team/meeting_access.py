"""Flags meetings that invited team members can't reasonably attend (seed 000, step 1).

Meeting times should suit everyone, including part-time staff and those who work outside
typical hours (food service, transportation, maintenance). The district profile holds each
position group's usual hours; a meeting that does not fall inside them, or one on a weekend, is
flagged for that group's invited members. Someone with hours of their own (a part-time member, a
split shift: ``meets_from``/``meets_until`` on People) is judged by those instead of their group's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from services import district_profile
from services.date_style import STYLE, DateStyle
from services.team import meetings, team_roster


@dataclass(frozen=True)
class AccessFlag:
    meeting_id: int
    group_name: str
    member_names: tuple[str, ...]
    reason: str
    hours: str  # the group's usual hours (or the person's own), or the weekday for a weekend meeting
    own_hours: bool = False  # judged by one person's own hours, not their group's

    def sentence(self) -> str:
        if self.own_hours:
            return self.reason
        who = ", ".join(self.member_names)
        return f"{self.reason} ({who})"

    def short(self) -> str:
        if self.own_hours:
            return f"{', '.join(self.member_names)} (can meet {self.hours})"
        return f"{', '.join(self.member_names)} ({self.group_name}, {self.hours})"


def outside_hours(meeting: meetings.MeetingRecord, group: district_profile.PositionGroupRecord) -> bool:
    """Whether ``meeting`` (anything with ``start_time`` and ``end_time``: a team meeting, a focus
    session's day) runs outside the group's usual shift; a group without hours set is never flagged."""
    if group.shift_start is None or group.shift_end is None:
        return False
    return meeting.start_time < group.shift_start or meeting.end_time > group.shift_end


def outside_own_hours(meeting: meetings.MeetingRecord, person: team_roster.PersonRecord) -> bool:
    """Whether ``meeting`` runs outside the hours this person can meet (``person.has_own_hours``)."""
    return meeting.start_time < person.meets_from or meeting.end_time > person.meets_until


def flag_meetings(session: Session, style: DateStyle = STYLE) -> dict[int, list[AccessFlag]]:
    """For each meeting id, the groups of invited members it does not suit, then each invited person
    whose own hours it falls outside (empty list if none); hours are written in ``style`` (the
    window passes the computer's)."""
    groups = {g.id: g for g in district_profile.list_position_groups(session)}
    team = team_roster.list_team(session)
    people = {p.id: p for p in team_roster.list_people(session)}
    result: dict[int, list[AccessFlag]] = {}
    for meeting in meetings.list_meetings(session):
        invited = [people[i] for i in meeting.attendee_ids if i in people] if meeting.attendee_ids else team
        by_group: dict[int, list[str]] = {}
        own_hours = [p for p in invited if p.has_own_hours]
        for person in invited:
            if person.position_group_id in groups and not person.has_own_hours:
                by_group.setdefault(person.position_group_id, []).append(person.name)
        flags: list[AccessFlag] = []
        weekend = meeting.meeting_date.weekday() >= 5
        if weekend:  # nobody's own hours are a weekend's: they join their group's (or their own) flag
            for person in own_hours:
                if person.position_group_id in groups:
                    by_group.setdefault(person.position_group_id, []).append(person.name)
        for group_id, names in by_group.items():
            group = groups[group_id]
            if weekend:
                reason = f"On a {meeting.meeting_date:%A}, outside the working week of {group.name}"
                hours = f"{meeting.meeting_date:%A}"
            elif outside_hours(meeting, group):
                reason = f"Outside the usual hours of {group.name} ({group.shift_text(style)})"
                hours = group.shift_text(style)
            else:
                continue
            flags.append(AccessFlag(meeting.id, group.name, tuple(sorted(names)), reason, hours))
        for person in sorted(own_hours, key=lambda p: p.name.lower()):
            group_name = groups[person.position_group_id].name if person.position_group_id in groups else ""
            if weekend:
                if group_name:
                    continue  # already in their group's weekend flag
                hours = f"{meeting.meeting_date:%A}"
                reason = f"On a {meeting.meeting_date:%A}, outside the hours {person.name} can meet"
            elif outside_own_hours(meeting, person):
                hours = style.times(person.meets_from, person.meets_until)
                reason = f"Outside the hours {person.name} can meet ({hours})"
            else:
                continue
            flags.append(AccessFlag(meeting.id, group_name, (person.name,), reason, hours, own_hours=True))
        result[meeting.id] = flags
    return result
