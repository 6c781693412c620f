"""Undoable edits of the team roster and meeting schedule (each a ``PlanEdit`` over services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui.plan_context import PlanContext, PlanEdit
from models import TeamRole
from services.team import meetings, team_roster

FIELD_NAMES = {
    "name": "name",
    "position_group_id": "position group",
    "school_id": "school",
    "tenure_band": "tenure",
    "demographics": "self-description",
    "contact": "contact",
    "team_role": "team role",
    "notes": "notes",
    "kind": "kind of participant",
    "organisation": "organisation",
    "meets_from": "hours",
    "meets_until": "hours",
    "release_note": "release time",
}


def add_member(ctx: PlanContext, name: str, **fields: Any) -> PlanEdit:
    """Add someone to the planning team."""
    return add_person(ctx, name, **{"team_role": TeamRole.MEMBER.value, **fields})


def add_person(ctx: PlanContext, name: str, **fields: Any) -> PlanEdit:
    """Add someone to People: on the team only if ``team_role`` says so."""
    def forward(s, removed):
        if removed is not None:
            team_roster.restore_person(s, removed)
            return removed.person
        return team_roster.add_person(s, name, **fields)

    return PlanEdit(ctx, f"Add {name}", forward,
                    lambda s, rec: team_roster.remove_person(s, rec.id))


def remove_member(ctx: PlanContext, person: team_roster.PersonRecord) -> PlanEdit:
    def backward(s, removed):
        team_roster.restore_person(s, removed)

    return PlanEdit(ctx, f"Remove {person.name}", lambda s, _m: team_roster.remove_person(s, person.id), backward)


def change_member(ctx: PlanContext, person: team_roster.PersonRecord, key: str, value: Any) -> PlanEdit:
    text = f"Change {person.name}'s {FIELD_NAMES.get(key, key)}"
    if key == "team_role" and value == TeamRole.LEAD.value:
        # The old lead becomes a member; undo must give the role back to them.
        return PlanEdit(ctx, f"Make {person.name} the lead", lambda s, _m: team_roster.set_lead(s, person.id),
                        lambda s, old_lead: _restore_lead(s, old_lead, person.id))

    def backward(s, before: team_roster.PersonRecord):
        team_roster.update_person(s, person.id, **{key: getattr(before, key)})

    return PlanEdit(ctx, text, lambda s, _m: team_roster.update_person(s, person.id, **{key: value}), backward)


def change_hours(ctx: PlanContext, person: team_roster.PersonRecord, start, end) -> PlanEdit:
    """The hours someone can meet (both ends in one step; None and None for their group's hours)."""
    def backward(s, before: team_roster.PersonRecord):
        team_roster.update_person(s, person.id, meets_from=before.meets_from, meets_until=before.meets_until)

    return PlanEdit(ctx, f"Change {person.name}'s hours",
                    lambda s, _m: team_roster.update_person(s, person.id, meets_from=start, meets_until=end), backward)


def _restore_lead(session, old_lead: int | None, person_id: int) -> None:
    if old_lead is None:
        team_roster.update_person(session, person_id, team_role=TeamRole.MEMBER.value)
    else:
        team_roster.set_lead(session, old_lead)


def add_meeting(ctx: PlanContext, day: dt.date, start: dt.time, end: dt.time, place: str = "",
                purpose: str = "") -> PlanEdit:
    def forward(s, removed):
        if removed is not None:
            meetings.restore_meeting(s, removed)
            return removed
        return meetings.add_meeting(s, day, start, end, place, purpose)

    return PlanEdit(ctx, f"Add meeting on {day:%b} {day.day}", forward,
                    lambda s, rec: meetings.remove_meeting(s, rec.id))


def remove_meeting(ctx: PlanContext, meeting: meetings.MeetingRecord) -> PlanEdit:
    return PlanEdit(ctx, f"Remove meeting on {meeting.meeting_date:%b} {meeting.meeting_date.day}", lambda s, _m: meetings.remove_meeting(s, meeting.id),
                    lambda s, removed: meetings.restore_meeting(s, removed))


def change_meeting(ctx: PlanContext, meeting: meetings.MeetingRecord, key: str, value: Any,
                   what: str) -> PlanEdit:
    def backward(s, before: meetings.MeetingRecord):
        meetings.update_meeting(s, meeting.id, **{key: getattr(before, key)})

    return PlanEdit(ctx, f"Change meeting {what}", lambda s, _m: meetings.update_meeting(s, meeting.id, **{key: value}), backward)
