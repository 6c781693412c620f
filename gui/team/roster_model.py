"""Everyone who takes part, as an editable table; the planning team is a view of it.

People are the planning team and everyone else the plan involves: affected staff, community
partners, family members, students. A person is on the team when they have a team role (Lead
point of contact or Member); "Not on the team" leaves them on People only. The table shows either
the planning team (as the Team tab always has) or everyone.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from gui.plan_context import GROUPS, SCHOOLS, TEAM, PlanContext, PlanEdit
from gui.screen_dates import parse_time, show_times
from gui.team import commands
from gui.widgets.record_model import Column, RecordTableModel
from models import TeamRole
from services import district_profile
from services.errors import InvalidInput
from services.team import pasted_members, team_roster
from services.team.team_roster import KINDS, NOT_ON_TEAM, TEAM_ROLES, PersonRecord

# How early each column of People gives way when the table is narrower than they ask (0: last;
# gui/team/people_columns.py): names and roles stay whole, the least used narrow first.
PEOPLE_TIERS = {"name": 0, "team_role": 0, "position_group_id": 1, "school_id": 1, "tenure_band": 1, "kind": 1,
                "meets": 1, "organisation": 2, "release_note": 2, "demographics": 2, "contact": 2}
_FOREGROUND, _TOOLTIP = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.ToolTipRole)
_DISPLAY, _ACROSS = int(Qt.ItemDataRole.DisplayRole), Qt.Orientation.Horizontal
QUIET = QBrush(QColor("#52606D"))  # the text of someone not on the team
OWN_HOURS_TIP = ("The hours this person can meet, such as 7:30 AM-1:30 PM, when they differ from their position "
                 "group's usual hours (part time, a split shift). Leave blank to use the group's hours.")


class TeamRosterModel(RecordTableModel):
    """People, filtered to the planning team unless ``everyone`` is set."""

    topics = frozenset({TEAM, GROUPS, SCHOOLS})
    cells_follow_records = True  # a person's record, and the group and school names load keeps

    def __init__(self, context: PlanContext):
        self.everyone = False
        self.group_names: dict[int, str] = {}
        self.school_names: dict[int, str] = {}
        self.team_size = 0
        self.people_count = 0
        self._replaced_leads: dict[int, int | None] = {}  # pasted lead -> the lead they replaced
        super().__init__(context, [
            Column("name", "Name", lambda p: p.name, lambda p: p.name),
            Column("team_role", "Team role", lambda p: p.role_label, lambda p: p.team_role,
                   tooltip=lambda p: _whole(p.role_label, "On the planning team." if p.on_team else
                                            "Takes part, but is not on the planning team (not counted in the "
                                            "team's representation).")),
            Column("position_group_id", "Position group", lambda p: self.group_names.get(p.position_group_id, ""),
                   lambda p: p.position_group_id),
            Column("school_id", "School or site", lambda p: self.school_names.get(p.school_id, ""),
                   lambda p: p.school_id),
            Column("tenure_band", "Tenure", lambda p: p.tenure_band, lambda p: p.tenure_band),
            Column("kind", "Who they are", lambda p: p.kind_label, lambda p: p.kind,
                   tooltip=lambda p: _whole(p.kind_label, "Staff, a community partner, a family member, a student "
                                                          "or someone else.")),
            Column("organisation", "Organisation", lambda p: p.organisation, lambda p: p.organisation,
                   tooltip=lambda p: _whole(p.organisation, "A partner's or provider's organisation.")),
            Column("meets", "Own hours", lambda p: _hours(p), lambda p: _hours(p),
                   tooltip=lambda p: _whole(_hours(p), OWN_HOURS_TIP),
                   sort_value=lambda p: (p.meets_from is None, p.meets_from or 0)),
            Column("release_note", "Release time or adjusted duties", lambda p: p.release_note,
                   lambda p: p.release_note,
                   tooltip=lambda p: p.release_note or "Release time or duties set aside for the team's work."),
            Column("demographics", "Self-described (optional)", lambda p: p.demographics, lambda p: p.demographics,
                   tooltip=lambda p: _whole(p.demographics, "Only what the person chooses to share about themselves.")),
            Column("contact", "Contact", lambda p: p.contact, lambda p: p.contact,
                   tooltip=lambda p: _whole(p.contact, "Kept only in the plan file: never printed beyond the team's own "
                                                       "page.")),
        ])
        self._role_column = self.column_of("team_role")
        self.reload()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # "Not on the team" reads quieter than a role (in words too: colour is never the only signal).
        # Asked of every cell painted, seven times: plain ints and the column found once (a third of
        # the Team tab's time painting People went to looking them up here).
        if role == _FOREGROUND:
            row = index.row()
            if index.column() == self._role_column and 0 <= row < len(self._records) and \
                    not self._records[row].on_team:
                return QUIET
            return None
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _TOOLTIP and orientation == _ACROSS and 0 <= section < len(self.columns):
            # A heading narrowed to fit the window ("Release time or…") reads whole on hover.
            return self.columns[section].title
        if role == _DISPLAY and orientation != _ACROSS and 0 <= section < len(self._records):
            # Each row's name at its start, for when the table is scrolled sideways past the Name column.
            return self._records[section].name
        return super().headerData(section, orientation, role)

    @property
    def paste_target(self) -> str:
        return "People" if self.everyone else "the team roster"

    def show_everyone(self, everyone: bool) -> None:
        if everyone != self.everyone:
            self.everyone = everyone
            self.beginResetModel()
            self._records = self.load()
            self.endResetModel()

    def load(self) -> list[PersonRecord]:
        def read(s):
            self.group_names = {g.id: g.name for g in district_profile.list_position_groups(s)}
            self.school_names = {x.id: x.name for x in district_profile.list_schools(s)}
            people = team_roster.list_people(s)
            self.team_size = sum(1 for p in people if p.on_team)
            self.people_count = len(people)
            if self.everyone:
                return people
            return sorted((p for p in people if p.on_team), key=lambda p: p.id)  # in the order they joined

        return self.context.read(read)

    def make_edit(self, record: PersonRecord, key: str, value: Any) -> PlanEdit | None:
        if isinstance(value, str):
            value = value.strip()
            try:  # a label pasted into a drop-down column, or a time typed: the value it names
                value = self._choice_named(key, value)
            except InvalidInput as exc:
                self.context.rejected.emit(str(exc))
                return None
        if key == "meets":
            return commands.change_hours(self.context, record, *value)
        return commands.change_member(self.context, record, key, value)

    def _choice_named(self, key: str, text: str) -> Any:
        if key == "team_role":
            return pasted_members.role_named(text, None if self.everyone else TeamRole.MEMBER.value)
        if key == "kind":
            return pasted_members.kind_named(text)
        if key == "tenure_band":
            return pasted_members.tenure_named(text)
        if key == "meets":
            return hours_typed(text)
        if key == "position_group_id":
            return self.context.read(lambda s: pasted_members.group_named(s, text))
        if key == "school_id":
            return self.context.read(lambda s: pasted_members.school_named(s, text))
        return text

    # Rows pasted from a spreadsheet: team members on the team view, people not on the team on
    # Everyone (a Team role cell says otherwise).
    def add_pasted(self, session, values: dict[str, str]) -> PersonRecord:
        fields: dict[str, object] = dict(values)
        if "meets" in fields:
            fields["meets_from"], fields["meets_until"] = hours_typed(str(fields.pop("meets")))
        role_if_blank = None if self.everyone else TeamRole.MEMBER.value
        person, replaced = pasted_members.add_pasted_member(session, fields, role_if_blank)
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
        return [*TEAM_ROLES.items(), (None, f"{NOT_ON_TEAM} (stays on People)")]

    @staticmethod
    def kind_choices() -> list[tuple[Any, str]]:
        return list(KINDS.items())

    @staticmethod
    def tenure_choices() -> list[tuple[Any, str]]:
        return [("", "(not set)"), *((b, b) for b in team_roster.TENURE_BANDS)]


def _hours(p: PersonRecord) -> str:
    return show_times(p.meets_from, p.meets_until) if p.has_own_hours else ""


def _whole(text: str, hint: str) -> str:
    """A cell's tooltip: its whole text (the cell may be too narrow for it), then what the column is for."""
    return f"{text}\n\n{hint}" if text else hint


def hours_typed(text: str) -> tuple:
    """Own hours as typed or pasted ("7:30 AM-1:30 PM", "7:30 to 13:30"); blank for none (the
    group's hours apply). A span that does not read is refused in one sentence."""
    text = " ".join(text.split())
    if not text:
        return None, None
    parts = re.split(r"\s*(?:[-\u2013\u2014]|\bto\b|\buntil\b)\s*", text)
    try:
        if len(parts) != 2:
            raise ValueError
        start, end = parse_time(parts[0]), parse_time(parts[1])
    except ValueError:
        raise InvalidInput(f"\u201c{text}\u201d is not a span of hours: type them as 7:30 AM-1:30 PM, or leave it "
                           "blank to use the position group's usual hours.") from None
    if start is None or end is None or start >= end:
        raise InvalidInput("Own hours need a start and a later end, such as 7:30 AM-1:30 PM.")
    return start, end
