"""The planning-team roster as an editable table."""

from __future__ import annotations

from typing import Any

from gui.plan_context import GROUPS, SCHOOLS, TEAM, PlanContext, PlanEdit
from gui.team import commands
from gui.widgets.record_model import Column, RecordTableModel
from services import district_profile
from services.errors import InvalidInput
from services.team import pasted_members, team_roster
from services.team.team_roster import TEAM_ROLES, PersonRecord


class TeamRosterModel(RecordTableModel):
    topics = frozenset({TEAM, GROUPS, SCHOOLS})
    paste_target = "the team roster"

    def __init__(self, context: PlanContext):
        self.group_names: dict[int, str] = {}
        self.school_names: dict[int, str] = {}
        self._replaced_leads: dict[int, int | None] = {}  # pasted lead -> the lead they replaced
        super().__init__(context, [
            Column("name", "Name", lambda p: p.name, lambda p: p.name),
            Column("team_role", "Role", lambda p: TEAM_ROLES.get(p.team_role or "", ""), lambda p: p.team_role),
            Column("position_group_id", "Position group", lambda p: self.group_names.get(p.position_group_id, ""),
                   lambda p: p.position_group_id),
            Column("school_id", "School or site", lambda p: self.school_names.get(p.school_id, ""),
                   lambda p: p.school_id),
            Column("tenure_band", "Tenure", lambda p: p.tenure_band, lambda p: p.tenure_band),
            Column("demographics", "Self-described (optional)", lambda p: p.demographics, lambda p: p.demographics,
                   tooltip=lambda _p: "Only what the person chooses to share about themselves."),
            Column("contact", "Contact", lambda p: p.contact, lambda p: p.contact),
        ])
        self.reload()

    def load(self) -> list[PersonRecord]:
        def read(s):
            self.group_names = {g.id: g.name for g in district_profile.list_position_groups(s)}
            self.school_names = {x.id: x.name for x in district_profile.list_schools(s)}
            return team_roster.list_team(s)

        return self.context.read(read)

    def make_edit(self, record: PersonRecord, key: str, value: Any) -> PlanEdit | None:
        if isinstance(value, str):
            value = value.strip()
            try:  # a label pasted into a drop-down column: the choice it names
                value = self._choice_named(key, value)
            except InvalidInput as exc:
                self.context.rejected.emit(str(exc))
                return None
        return commands.change_member(self.context, record, key, value)

    def _choice_named(self, key: str, text: str) -> Any:
        if key == "team_role":
            return pasted_members.role_named(text)
        if key == "tenure_band":
            return pasted_members.tenure_named(text)
        if key == "position_group_id":
            return self.context.read(lambda s: pasted_members.group_named(s, text))
        if key == "school_id":
            return self.context.read(lambda s: pasted_members.school_named(s, text))
        return text

    # Rows pasted from a spreadsheet
    def add_pasted(self, session, values: dict[str, str]) -> PersonRecord:
        person, replaced = pasted_members.add_pasted_member(session, values)
        self._replaced_leads[person.id] = replaced
        return person

    def remove_pasted(self, session, record: PersonRecord) -> None:
        pasted_members.remove_pasted_member(session, record.id, self._replaced_leads.get(record.id))

    # Choices for the drop-down columns
    def group_choices(self) -> list[tuple[Any, str]]:
        return [(None, "(not set)"), *self.group_names.items()]

    def school_choices(self) -> list[tuple[Any, str]]:
        return [(None, "(not set)"), *self.school_names.items()]

    @staticmethod
    def role_choices() -> list[tuple[Any, str]]:
        return list(TEAM_ROLES.items())

    @staticmethod
    def tenure_choices() -> list[tuple[Any, str]]:
        return [("", "(not set)"), *((b, b) for b in team_roster.TENURE_BANDS)]
