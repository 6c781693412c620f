"""Rows pasted from a spreadsheet into the team roster, as team members.

A pasted row is text, cell by cell, as the person's spreadsheet shows it: a role, a position group,
a school and a tenure band by their labels. Each is matched to what the plan stores without regard
to case; a cell that matches nothing refuses its row with one plain sentence (``InvalidInput``), so
the roster can name the rows that did not fit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import TeamRole
from services import district_profile
from services.errors import InvalidInput
from services.pasted_cells import BLANK, folded, pick
from services.team import team_roster
from services.team.team_roster import TEAM_ROLES, TENURE_BANDS, PersonRecord

ROLE_WORDS = {"lead": TeamRole.LEAD.value, "member": TeamRole.MEMBER.value, "team member": TeamRole.MEMBER.value,
              **{label.casefold(): key for key, label in TEAM_ROLES.items()}}


def role_named(text: str) -> str:
    """The stored role a cell names ("Lead", "Lead point of contact", "Member"); blank is a member."""
    wanted = folded(text)
    if wanted in BLANK:
        return TeamRole.MEMBER.value
    if wanted in ROLE_WORDS:
        return ROLE_WORDS[wanted]
    raise InvalidInput(f"\u201c{text}\u201d is not a team role: a member is either Lead point of contact or Member.")


def group_named(session: Session, text: str) -> int | None:
    groups = ((g.id, g.name) for g in district_profile.list_position_groups(session))
    return pick(text, groups, "{text} is not one of the plan's position groups (they are listed on the Overview tab).")


def school_named(session: Session, text: str) -> int | None:
    schools = ((x.id, x.name) for x in district_profile.list_schools(session))
    return pick(text, schools, "{text} is not one of the plan's schools or sites (they are listed on the Overview tab).")


def tenure_named(text: str) -> str:
    return pick(text, ((b, b) for b in TENURE_BANDS), f"{{text}} is not a tenure band: {', '.join(TENURE_BANDS)}.") or ""


def member_fields(session: Session, values: dict[str, str]) -> dict[str, object]:
    """A pasted row ({roster column key: text}) as the fields of a team member."""
    fields: dict[str, object] = {"team_role": role_named(values.get("team_role", ""))}
    if "position_group_id" in values:
        fields["position_group_id"] = group_named(session, values["position_group_id"])
    if "school_id" in values:
        fields["school_id"] = school_named(session, values["school_id"])
    if "tenure_band" in values:
        fields["tenure_band"] = tenure_named(values["tenure_band"])
    for key in ("demographics", "contact", "notes"):
        if key in values:
            fields[key] = values[key]
    return fields


def add_pasted_member(session: Session, values: dict[str, str]) -> tuple[PersonRecord, int | None]:
    """Add the member a pasted row describes; returns them and the lead they replaced, if the row
    made them the lead (``remove_pasted_member`` gives the role back)."""
    name = (values.get("name") or "").strip()
    if not name:
        raise InvalidInput("It has no name.")
    fields = member_fields(session, values)
    old_lead = team_roster.find_lead(session) if fields["team_role"] == TeamRole.LEAD.value else None
    person = team_roster.add_member(session, name, **fields)
    return person, old_lead.id if old_lead else None


def remove_pasted_member(session: Session, person_id: int, replaced_lead: int | None) -> None:
    team_roster.remove_person(session, person_id)
    if replaced_lead is not None:
        team_roster.set_lead(session, replaced_lead)
