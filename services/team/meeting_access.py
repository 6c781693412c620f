"""Flags meetings that invited team members can't reasonably attend (seed 000, step 1).

Meeting times should suit everyone, including part-time staff and those who work outside
typical hours (food service, transportation, maintenance). The district profile holds each
position group's usual hours; a meeting that does not fall inside them, or one on a weekend, is
flagged for that group's invited members.
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
    hours: str  # the group's usual hours, or the weekday for a weekend meeting

    def sentence(self) -> str:
        who = ", ".join(self.member_names)
        return f"{self.reason} ({who})"

    def short(self) -> str:
        return f"{', '.join(self.member_names)} ({self.group_name}, {self.hours})"


def _outside_hours(meeting: meetings.MeetingRecord, group: district_profile.PositionGroupRecord) -> bool:
    if group.shift_start is None or group.shift_end is None:
        return False
    return meeting.start_time < group.shift_start or meeting.end_time > group.shift_end


def flag_meetings(session: Session, style: DateStyle = STYLE) -> dict[int, list[AccessFlag]]:
    """For each meeting id, the groups of invited members it does not suit (empty list if none);
    hours are written in ``style`` (the window passes the computer's)."""
    groups = {g.id: g for g in district_profile.list_position_groups(session)}
    team = team_roster.list_team(session)
    people = {p.id: p for p in team_roster.list_people(session)}
    result: dict[int, list[AccessFlag]] = {}
    for meeting in meetings.list_meetings(session):
        invited = [people[i] for i in meeting.attendee_ids if i in people] if meeting.attendee_ids else team
        by_group: dict[int, list[str]] = {}
        for person in invited:
            if person.position_group_id in groups:
                by_group.setdefault(person.position_group_id, []).append(person.name)
        flags: list[AccessFlag] = []
        weekend = meeting.meeting_date.weekday() >= 5
        for group_id, names in by_group.items():
            group = groups[group_id]
            if weekend:
                reason = f"On a {meeting.meeting_date:%A}, outside the working week of {group.name}"
                hours = f"{meeting.meeting_date:%A}"
            elif _outside_hours(meeting, group):
                reason = f"Outside the usual hours of {group.name} ({group.shift_text(style)})"
                hours = group.shift_text(style)
            else:
                continue
            flags.append(AccessFlag(meeting.id, group.name, tuple(sorted(names)), reason, hours))
        result[meeting.id] = flags
    return result
