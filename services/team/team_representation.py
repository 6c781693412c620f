"""How well the planning team mirrors the staff it plans for (seed 000, step 1).

A team should reflect the district's positions, tenure and backgrounds. We compare the team with
the headcount by position group and name every group that has staff but no one on the team, every
school and level of school (elementary, middle, high...) that no member works at, and the tenure
bands nobody has. The same count (``coverage``) tells a readiness round whom nobody spoke for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from services import district_profile
from services.team import team_roster
from services.wording import quote_each


@dataclass(frozen=True)
class GroupRepresentation:
    group_id: int
    name: str
    headcount: int
    staff_share: float  # 0..1 of all staff
    team_count: int
    team_share: float  # 0..1 of the team


@dataclass(frozen=True)
class TeamRepresentation:
    team_size: int
    lead_name: str | None
    groups: list[GroupRepresentation]
    missing_groups: list[GroupRepresentation]  # staff in the headcount, nobody on the team
    schools_without_member: list[str]
    tenure_bands_present: list[str]
    members_without_group: int
    levels_without_member: list[str] = ()  # school levels the district has that no member works at
    tenure_bands_missing: list[str] = ()  # bands no member is in (named once any tenure is recorded)
    schools_to_name: list[str] = ()  # schools without a member at a level that has one (the rest: by level)


class Described(Protocol):
    """Anyone counted for representation: a team member, or a readiness round's respondent."""

    position_group_id: int | None
    school_id: int | None
    tenure_band: str


@dataclass(frozen=True)
class Coverage:
    """Who a set of people speaks for: per position group, and the groups (with staff), schools,
    levels of school and tenure bands none of them is in."""

    size: int
    groups: list[GroupRepresentation]
    missing_groups: list[GroupRepresentation]
    schools_missing: list[str]
    levels_missing: list[str]
    schools_to_name: list[str]  # the schools missing at a level someone is from (a missing level says the rest)
    bands_present: list[str]
    bands_missing: list[str]
    without_group: int
    without_school: int
    without_band: int


def coverage(session: Session, people: Iterable[Described]) -> Coverage:
    people = list(people)
    groups = district_profile.list_position_groups(session)
    schools = district_profile.list_schools(session)
    total_staff = sum(g.headcount for g in groups)
    per_group = {g.id: 0 for g in groups}
    for person in people:
        if person.position_group_id in per_group:
            per_group[person.position_group_id] += 1
    rows = [
        GroupRepresentation(
            g.id,
            g.name,
            g.headcount,
            g.headcount / total_staff if total_staff else 0.0,
            per_group[g.id],
            per_group[g.id] / len(people) if people else 0.0,
        )
        for g in groups
    ]
    covered_schools = {p.school_id for p in people}
    bands = [b for b in team_roster.TENURE_BANDS if any(p.tenure_band == b for p in people)]
    levels_missing = _levels_without_member(schools, covered_schools)
    missing_levels = set(levels_missing)
    return Coverage(
        size=len(people),
        groups=rows,
        missing_groups=[r for r in rows if r.headcount > 0 and r.team_count == 0],
        schools_missing=[s.name for s in schools if s.id not in covered_schools],
        levels_missing=levels_missing,
        schools_to_name=[s.name for s in schools if s.id not in covered_schools
                         and " ".join((s.level or "").split()) not in missing_levels],
        bands_present=bands,
        bands_missing=[b for b in team_roster.TENURE_BANDS if b not in bands] if bands else [],
        without_group=sum(1 for p in people if p.position_group_id is None),
        without_school=sum(1 for p in people if p.school_id is None),
        without_band=sum(1 for p in people if not p.tenure_band),
    )


def assess_representation(session: Session) -> TeamRepresentation:
    """The planning team only: people on People who are not on the team are not counted."""
    team = team_roster.list_team(session)
    found = coverage(session, team)
    lead = next((p for p in team if p.is_lead), None)
    return TeamRepresentation(
        team_size=len(team),
        lead_name=lead.name if lead else None,
        groups=found.groups,
        missing_groups=found.missing_groups,
        schools_without_member=found.schools_missing,
        tenure_bands_present=found.bands_present,
        members_without_group=found.without_group,
        levels_without_member=found.levels_missing,
        tenure_bands_missing=found.bands_missing,
        schools_to_name=found.schools_to_name,
    )


def listed(names: list[str], most: int = 4, joiner: str = "or") -> str:
    """"A, B or C"; past ``most`` names, "A, B, C, D or 3 more" (``wording.quote_each`` without the
    quotation marks, for names that read as names: schools, position groups)."""
    if len(names) > most:
        return f"{', '.join(names[:most])} {joiner} {len(names) - most} more"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} {joiner} {names[-1]}"
    return names[0] if names else ""


def _levels_without_member(schools, covered: set) -> list[str]:
    """Each level of school the district has (in the order first listed) with no team member at a
    school of that level; schools with no level recorded are not a level."""
    levels: dict[str, bool] = {}
    for school in schools:
        level = " ".join((school.level or "").split())
        if level:
            levels[level] = levels.get(level, False) or school.id in covered
    return [level for level, has_member in levels.items() if not has_member]


def describe_gaps(rep: TeamRepresentation) -> list[str]:
    """Plain sentences about what the team is missing, most important first."""
    notes: list[str] = []
    if rep.team_size == 0:
        return ["No one is on the planning team yet."]
    if rep.lead_name is None:
        notes.append("The team has no lead point of contact yet.")
    for g in rep.missing_groups:
        notes.append(f"No one from {g.name} ({g.headcount:,} staff) is on the team.")
    for level in rep.levels_without_member:
        notes.append(f"No one on the team works at a school of the level \u201c{level}\u201d.")
    if rep.schools_to_name:
        notes.append(f"No one on the team works at {listed(rep.schools_to_name)}.")
    if rep.members_without_group:
        n = rep.members_without_group
        notes.append(f"{n} team member{' has' if n == 1 else 's have'} no position group recorded.")
    if not rep.tenure_bands_present:
        notes.append("No team member's tenure is recorded yet.")
    elif len(rep.tenure_bands_present) == 1 and rep.team_size > 1:
        notes.append("Every team member is in the same tenure band; add newer or longer-serving staff.")
    elif rep.tenure_bands_missing and rep.team_size > 1:
        bands = quote_each(rep.tenure_bands_missing, limit=5, joiner="or")
        notes.append(f"No one on the team has a tenure of {bands}.")
    return notes


def next_step(rep: TeamRepresentation) -> str | None:
    """The one thing to do about the team's make-up, as an action; None if nothing is missing."""
    if rep.team_size == 0:
        return "Add the planning team and name a lead point of contact."
    if rep.lead_name is None:
        return "Name a lead point of contact (set one member's role to Lead)."
    if rep.missing_groups:
        g = max(rep.missing_groups, key=lambda group: group.headcount)
        return f"Invite someone from {g.name} ({g.headcount:,} staff) to join the team."
    if rep.levels_without_member:
        return f"Invite someone who works at a school of the level \u201c{rep.levels_without_member[0]}\u201d."
    if rep.members_without_group:
        return "Record each team member's position group."
    if not rep.tenure_bands_present:
        return "Record each team member's tenure."
    if len(rep.tenure_bands_present) == 1:
        return "Add newer or longer-serving staff, so the team spans several tenure bands."
    return None
