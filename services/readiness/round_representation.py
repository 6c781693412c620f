"""Whom a readiness round heard from, and whom nobody spoke for (seed 000, step 2).

Readiness should be reflected on with people in every kind of position and of every length of
service, including people who are not on the planning team. A round's respondents are codes with
a position group, a school and a tenure band; this names the position groups with staff, the
schools, the levels of school and the tenure bands none of those who answered belong to.

Only respondents who gave at least one answer count: a code printed on a form nobody returned
spoke for no one. Schools and tenure bands are named only once some respondent has one recorded,
so a round typed in without them asks for them rather than listing every school.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from services.readiness import readiness_rounds
from services.team.team_representation import Coverage, coverage, listed
from services.wording import counted, quote_each


@dataclass(frozen=True)
class RoundRepresentation:
    answered: int  # respondents who gave at least one answer
    beyond_team: int  # of them, people not on the planning team
    found: Coverage

    def gaps(self) -> list[str]:
        """Plain sentences: whom nobody who answered speaks for, most important first."""
        if self.answered == 0:
            return ["No one has answered yet."]
        found, notes = self.found, []
        if self.beyond_team == 0:
            notes.append("Everyone who answered is on the planning team: ask people beyond the team too.")
        if found.without_group == found.size:
            notes.append("No respondent's position group is recorded, so the groups nobody spoke for can't be named.")
        elif found.missing_groups:
            names = [f"{g.name} ({g.headcount:,} staff)" for g in found.missing_groups]
            notes.append(f"Nobody from {listed(names, most=6)} answered.")
        if found.without_school == found.size:
            notes.append("No respondent's school is recorded, so the schools nobody spoke for can't be named.")
        else:
            if found.levels_missing:
                levels = quote_each(found.levels_missing, limit=None, joiner="or")
                notes.append(f"Nobody from a school of the level {levels} answered.")
            if found.schools_to_name:
                notes.append(f"Nobody from {listed(found.schools_to_name)} answered.")
        if found.without_band == found.size:
            notes.append("No respondent's tenure is recorded, so the tenure bands nobody spoke for can't be named.")
        elif found.bands_missing:
            bands = quote_each(found.bands_missing, limit=5, joiner="or")
            notes.append(f"Nobody with a tenure of {bands} answered.")
        return notes

    def heard_from(self) -> str:
        """"12 people answered, 8 of them not on the planning team." """
        if self.answered == 0:
            return "No one has answered yet."
        return (f"{counted(self.answered, 'person', 'people')} answered, "
                f"{self.beyond_team} of them not on the planning team.")


def round_representation(session: Session, round_id: int) -> RoundRepresentation:
    data = readiness_rounds.load_round(session, round_id)
    spoke = [p for p in data.respondents if data.answered_count(p.id) > 0]
    return RoundRepresentation(len(spoke), sum(1 for p in spoke if not p.on_team), coverage(session, spoke))
