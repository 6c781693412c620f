"""Schools and staff position groups as editable tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime

from gui.overview import commands
from gui.plan_context import GROUPS, SCHOOLS, PlanContext, PlanEdit
from gui.widgets.record_model import Column, RecordTableModel
from services import district_profile as dp


class SchoolsModel(RecordTableModel):
    topics = frozenset({SCHOOLS})

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("name", "School or site", lambda s: s.name, lambda s: s.name),
            Column("level", "Level", lambda s: s.level, lambda s: s.level),
        ])
        self.reload()

    def load(self) -> list[dp.SchoolRecord]:
        return self.context.read(dp.list_schools)

    def make_edit(self, record: dp.SchoolRecord, key: str, value: Any) -> PlanEdit | None:
        return commands.change_school(self.context, record, key, str(value))

    @staticmethod
    def level_choices() -> list[tuple[Any, str]]:
        return [("", "(not set)"), *((lvl, lvl) for lvl in dp.SCHOOL_LEVELS)]


def _time(value: Any):
    return QTime(value) if value is not None else QTime(0, 0)


class PositionGroupsModel(RecordTableModel):
    topics = frozenset({GROUPS})

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("name", "Position group", lambda g: g.name, lambda g: g.name),
            Column("headcount", "Staff", lambda g: f"{g.headcount:,}", lambda g: g.headcount, align_right=True),
            Column("shift_start", "Usual start", lambda g: f"{g.shift_start:%H:%M}" if g.shift_start else "",
                   lambda g: _time(g.shift_start),
                   tooltip=lambda g: "When this group's working day usually starts; used to flag meetings."),
            Column("shift_end", "Usual end", lambda g: f"{g.shift_end:%H:%M}" if g.shift_end else "",
                   lambda g: _time(g.shift_end),
                   tooltip=lambda g: "When this group's working day usually ends; used to flag meetings."),
        ])
        self.reload()

    def load(self) -> list[dp.PositionGroupRecord]:
        return self.context.read(dp.list_position_groups)

    def make_edit(self, record: dp.PositionGroupRecord, key: str, value: Any) -> PlanEdit | None:
        if isinstance(value, QTime):
            value = value.toPython().replace(second=0, microsecond=0)
        return commands.change_group(self.context, record, key, value)

    def total(self) -> int:
        return sum(g.headcount for g in self.records())
