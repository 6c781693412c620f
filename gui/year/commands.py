"""The year-end review's undoable edits: the team's conclusions on an objective and on the year."""

from __future__ import annotations

from gui.plan_context import PlanContext, PlanEdit, value_swap
from services.year import year_review


def set_objective_conclusions(context: PlanContext, objective_id: int, number: int, conclusions: str) -> PlanEdit:
    swap = value_swap(lambda s, v: year_review.set_objective_conclusions(s, objective_id, v), conclusions)
    return PlanEdit(context, f"Record the conclusions on objective {number}", swap, swap)


def set_year_conclusions(context: PlanContext, conclusions: str) -> PlanEdit:
    swap = value_swap(year_review.set_year_conclusions, conclusions)
    return PlanEdit(context, "Record the conclusions on the year", swap, swap)
