"""Undoable edits of the district profile, its schools and its position groups."""

from __future__ import annotations

from typing import Any

from gui.plan_context import PlanContext, PlanEdit
from services import district_profile as dp

PROFILE_LABELS = {
    "name": "district name",
    "school_year": "school year",
    "year_start": "first day of school",
    "year_end": "last day of school",
    "min_group_size": "minimum group size",
    "paper_size": "paper size",
}


def change_profile(ctx: PlanContext, key: str, value: Any) -> PlanEdit:
    def backward(s, before: dp.DistrictProfile):
        dp.update_profile(s, **{key: getattr(before, key)})

    # Typing in one field, or nudging one spin box, is one undo step.
    return PlanEdit(ctx, f"Change {PROFILE_LABELS[key]}", lambda s, _m: dp.update_profile(s, **{key: value}), backward, merge_key=f"profile:{key}")


def add_school(ctx: PlanContext, name: str, level: str = "") -> PlanEdit:
    def forward(s, removed):
        if removed is not None:
            dp.restore_school(s, removed)
            return removed.school
        return dp.add_school(s, name, level)

    return PlanEdit(ctx, f"Add {name}", forward, lambda s, rec: dp.remove_school(s, rec.id))


def remove_school(ctx: PlanContext, school: dp.SchoolRecord) -> PlanEdit:
    return PlanEdit(ctx, f"Remove {school.name}", lambda s, _m: dp.remove_school(s, school.id), lambda s, removed: dp.restore_school(s, removed))


def change_school(ctx: PlanContext, school: dp.SchoolRecord, key: str, value: str) -> PlanEdit:
    return PlanEdit(ctx, f"Change {school.name}'s {key}", lambda s, _m: dp.update_school(s, school.id, **{key: value}),
                    lambda s, before: dp.update_school(s, school.id, **{key: getattr(before, key)}))


def add_group(ctx: PlanContext, name: str) -> PlanEdit:
    def forward(s, removed):
        if removed is not None:
            dp.restore_position_group(s, removed)
            return removed.group
        return dp.add_position_group(s, name)

    return PlanEdit(ctx, f"Add {name}", forward, lambda s, rec: dp.remove_position_group(s, rec.id))


def remove_group(ctx: PlanContext, group: dp.PositionGroupRecord) -> PlanEdit:
    return PlanEdit(ctx, f"Remove {group.name}", lambda s, _m: dp.remove_position_group(s, group.id),
                    lambda s, removed: dp.restore_position_group(s, removed))


GROUP_LABELS = {"name": "name", "headcount": "headcount", "shift_start": "usual start", "shift_end": "usual end"}


def change_group(ctx: PlanContext, group: dp.PositionGroupRecord, key: str, value: Any) -> PlanEdit:
    return PlanEdit(ctx, f"Change {group.name}'s {GROUP_LABELS[key]}", lambda s, _m: dp.update_position_group(s, group.id, **{key: value}),
                    lambda s, before: dp.update_position_group(s, group.id, **{key: getattr(before, key)}))
