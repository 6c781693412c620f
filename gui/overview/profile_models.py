"""Schools and staff position groups as editable tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime

from gui.overview import commands
from gui.plan_context import GROUPS, SCHOOLS, PlanContext, PlanEdit
from gui.screen_dates import parse_time, show_time
from gui.widgets.record_model import Column, RecordTableModel
from services import district_profile as dp
from services.errors import InvalidInput


class SchoolsModel(RecordTableModel):
    topics = frozenset({SCHOOLS})
    paste_target = "the schools and sites"

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("name", "School or site", lambda s: s.name, lambda s: s.name, tooltip=lambda s: s.name),
            Column("level", "Level", lambda s: s.level, lambda s: s.level),
        ])
        self.reload()

    def load(self) -> list[dp.SchoolRecord]:
        return self.context.read(dp.list_schools)

    def make_edit(self, record: dp.SchoolRecord, key: str, value: Any) -> PlanEdit | None:
        value = str(value)
        if key == "level":  # a level pasted or typed as text: the one it names
            try:
                value = dp.level_named(value)
            except InvalidInput as exc:
                self.context.rejected.emit(str(exc))
                return None
        return commands.change_school(self.context, record, key, value)

    def add_pasted(self, session, values: dict[str, str]) -> dp.SchoolRecord:
        return dp.add_pasted_school(session, values)

    def remove_pasted(self, session, record: dp.SchoolRecord) -> None:
        dp.remove_school(session, record.id)

    @staticmethod
    def level_choices() -> list[tuple[Any, str]]:
        return [("", "(not set)"), *((lvl, lvl) for lvl in dp.SCHOOL_LEVELS)]


def _time(value: Any) -> QTime:
    """An empty time is an invalid QTime: its editor starts at midday, never "0:00"."""
    return QTime(value.hour, value.minute) if value is not None else QTime()


class PositionGroupsModel(RecordTableModel):
    topics = frozenset({GROUPS})
    paste_target = "the staff position groups"

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("name", "Position group", lambda g: g.name, lambda g: g.name, tooltip=lambda g: g.name),
            Column("headcount", "Staff", lambda g: f"{g.headcount:,}", lambda g: g.headcount, align_right=True),
            Column("shift_start", "Usual start", lambda g: show_time(g.shift_start),
                   lambda g: _time(g.shift_start),
                   tooltip=lambda g: "When this group's working day usually starts; used to flag meetings."),
            Column("shift_end", "Usual end", lambda g: show_time(g.shift_end),
                   lambda g: _time(g.shift_end),
                   tooltip=lambda g: "When this group's working day usually ends; used to flag meetings."),
        ])
        self.reload()

    def load(self) -> list[dp.PositionGroupRecord]:
        return self.context.read(dp.list_position_groups)

    def make_edit(self, record: dp.PositionGroupRecord, key: str, value: Any) -> PlanEdit | None:
        try:
            if isinstance(value, QTime):
                value = value.toPython().replace(second=0, microsecond=0) if value.isValid() else None
            elif key in ("shift_start", "shift_end") and isinstance(value, str):
                value = parse_time(value)
            elif key == "headcount" and isinstance(value, str):
                value = dp.headcount_from_text(value)
        except (InvalidInput, ValueError) as exc:
            self.context.rejected.emit(str(exc) if isinstance(exc, InvalidInput) else f"{exc}.")
            return None
        return commands.change_group(self.context, record, key, value)

    def add_pasted(self, session, values: dict[str, str]) -> dp.PositionGroupRecord:
        start, end = parse_time(values.get("shift_start", "")), parse_time(values.get("shift_end", ""))
        return dp.add_pasted_group(session, values.get("name", ""), values.get("headcount", ""), start, end)

    def remove_pasted(self, session, record: dp.PositionGroupRecord) -> None:
        dp.remove_position_group(session, record.id)

    def total(self) -> int:
        return sum(g.headcount for g in self.records())
