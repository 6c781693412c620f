"""Rows pasted from a spreadsheet into the People table (or its planning-team view).

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
from services.team.team_roster import KINDS, NOT_ON_TEAM, TEAM_ROLES, TENURE_BANDS, PersonRecord

ROLE_WORDS = {"lead": TeamRole.LEAD.value, "member": TeamRole.MEMBER.value, "team member": TeamRole.MEMBER.value,
              "yes": TeamRole.MEMBER.value, "on the team": TeamRole.MEMBER.value,
              **{label.casefold(): key for key, label in TEAM_ROLES.items()}}
OFF_TEAM_WORDS = frozenset({folded(NOT_ON_TEAM), "no", "not on team", "off the team"})
KIND_WORDS = {**{folded(label): key for key, label in KINDS.items()}, **{key: key for key in KINDS},
              "partner": "partner", "parent": "family", "family": "family", "caregiver": "family",
              "employee": "staff"}


def role_named(text: str, blank: str | None = TeamRole.MEMBER.value) -> str | None:
    """The stored role a cell names ("Lead", "Lead point of contact", "Member", "Not on the team" as
    None); a blank cell is ``blank`` (a member when pasting into the team, no one's role on People)."""
    wanted = folded(text)
    if wanted in BLANK:
        return blank
    if wanted in ROLE_WORDS:
        return ROLE_WORDS[wanted]
    if wanted in OFF_TEAM_WORDS:
        return None
    raise InvalidInput(f"\u201c{text}\u201d is not a team role: someone is the Lead point of contact, a Member or "
                       "Not on the team.")


def kind_named(text: str) -> str:
    """Who someone is to the district ("Staff", "Community partner", "Family member", "Student",
    "Other"); blank is staff."""
    wanted = folded(text)
    if wanted in BLANK:
        return "staff"
    if wanted in KIND_WORDS:
        return KIND_WORDS[wanted]
    raise InvalidInput(f"\u201c{text}\u201d is not who someone is to the district: {', '.join(KINDS.values())}.")


def group_named(session: Session, text: str) -> int | None:
    groups = ((g.id, g.name) for g in district_profile.list_position_groups(session))
    return pick(text, groups, "{text} is not one of the plan's position groups (they are listed on the Overview tab).")


def school_named(session: Session, text: str) -> int | None:
    schools = ((x.id, x.name) for x in district_profile.list_schools(session))
    return pick(text, schools, "{text} is not one of the plan's schools or sites (they are listed on the Overview tab).")


def tenure_named(text: str) -> str:
    return pick(text, ((b, b) for b in TENURE_BANDS), f"{{text}} is not a tenure band: {', '.join(TENURE_BANDS)}.") or ""


def member_fields(session: Session, values: dict[str, str], role_if_blank: str | None = TeamRole.MEMBER.value
                  ) -> dict[str, object]:
    """A pasted row ({People column key: text}) as the fields of a person; the times of day they
    can meet come already read (the window reads them in the computer's style)."""
    fields: dict[str, object] = {"team_role": role_named(values.get("team_role", ""), role_if_blank)}
    if "kind" in values:
        fields["kind"] = kind_named(values["kind"])
    if "position_group_id" in values:
        fields["position_group_id"] = group_named(session, values["position_group_id"])
    if "school_id" in values:
        fields["school_id"] = school_named(session, values["school_id"])
    if "tenure_band" in values:
        fields["tenure_band"] = tenure_named(values["tenure_band"])
    for key in ("demographics", "contact", "notes", "organisation", "release_note", "meets_from", "meets_until"):
        if key in values:
            fields[key] = values[key]
    return fields


def add_pasted_member(session: Session, values: dict[str, object], role_if_blank: str | None = TeamRole.MEMBER.value
                      ) -> tuple[PersonRecord, int | None]:
    """Add the person a pasted row describes (a team member unless the row or ``role_if_blank`` says
    otherwise); returns them and the lead they replaced, if the row made them the lead
    (``remove_pasted_member`` gives the role back)."""
    name = str(values.get("name") or "").strip()
    if not name:
        raise InvalidInput("It has no name.")
    fields = member_fields(session, values, role_if_blank)
    old_lead = team_roster.find_lead(session) if fields["team_role"] == TeamRole.LEAD.value else None
    person = team_roster.add_person(session, name, **fields)
    return person, old_lead.id if old_lead else None


def remove_pasted_member(session: Session, person_id: int, replaced_lead: int | None) -> None:
    team_roster.remove_person(session, person_id)
    if replaced_lead is not None:
        team_roster.set_lead(session, replaced_lead)
