"""Undoable edits of the Priorities tab, each a ``PlanEdit`` over the priority services."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from gui.plan_context import PlanContext, PlanEdit
from services.priorities import action_decisions, candidate_actions, contract_limits, priority_ratings
from services.priorities.candidate_actions import STATUS_LABELS
from services.priorities.priority_board import PriorityItem

FIELD_NAMES = {"title": "title", "category": "category", "description": "description",
               "discussion_owner": "discussion owner", "discussion_next_step": "next step",
               "evidence": "evidence", "proposed_owner": "proposed owner", "proposed_deadline": "deadline"}


# The action an ``ActionEdit`` is announcing a change of, per plan context, while it announces it.
_ANNOUNCING: dict[int, int] = {}


def changed_action(context: PlanContext) -> int | None:
    """While an edit of one candidate action alone announces what it changed, that action's id;
    otherwise None (any other edit, or none). The Priorities views then re-read that one action
    instead of the whole board."""
    return _ANNOUNCING.get(id(context))


class ActionEdit(PlanEdit):
    """An edit of one candidate action's own rows: its agreed position, a rating, a detail, whom it
    serves. It announces the same topics as any edit (every other view hears of it as before), and
    names its action while it does (``changed_action``), so a drop on a matrix of 500 actions re-reads
    and redraws one action, not the board (issue 21: a finished drag within two frames). Undo and
    redo name it too."""

    def __init__(self, context: PlanContext, text: str, action_id: int, forward: Callable[[Session, Any], Any],
                 backward: Callable[[Session, Any], Any], merge_key: str | None = None):
        super().__init__(context, text, forward, backward, merge_key=merge_key)
        self.action_id = action_id

    @contextmanager
    def _naming(self) -> Iterator[None]:
        key = id(self._context)
        outer = _ANNOUNCING.get(key)
        _ANNOUNCING[key] = self.action_id
        try:
            yield
        finally:
            if outer is None:
                _ANNOUNCING.pop(key, None)
            else:
                _ANNOUNCING[key] = outer

    def redo(self) -> None:
        with self._naming():
            super().redo()

    def undo(self) -> None:
        with self._naming():
            super().undo()


def _short(title: str) -> str:
    return title if len(title) <= 40 else title[:38] + "..."


def add_action(ctx: PlanContext, title: str, category: str = "") -> PlanEdit:
    def forward(s, removed):
        if removed is not None:
            action_decisions.restore_action(s, removed)
            return removed.record
        return candidate_actions.add_candidate_action(s, title, category=category)

    return PlanEdit(ctx, f"Add \u201c{_short(title)}\u201d", forward,
                    lambda s, rec: action_decisions.remove_action(s, rec.id))


def remove_action(ctx: PlanContext, item: PriorityItem) -> PlanEdit:
    return PlanEdit(ctx, f"Remove \u201c{_short(item.title)}\u201d", lambda s, _m: action_decisions.remove_action(s, item.id),
                    lambda s, removed: action_decisions.restore_action(s, removed))


def change_action(ctx: PlanContext, item: PriorityItem, key: str, value: str) -> PlanEdit:
    def backward(s, before):
        candidate_actions.update_candidate_action(s, item.id, **{key: getattr(before, key)})

    return ActionEdit(ctx, f"Change the {FIELD_NAMES[key]} of \u201c{_short(item.title)}\u201d", item.id,
                      lambda s, _m: candidate_actions.update_candidate_action(s, item.id, **{key: value}), backward)


def set_detail(ctx: PlanContext, item: PriorityItem, field: str, value: str) -> PlanEdit:
    return ActionEdit(ctx, f"Change the {FIELD_NAMES[field]} of \u201c{_short(item.title)}\u201d", item.id,
                      lambda s, _m: priority_ratings.set_detail(s, item.id, field, value),
                      lambda s, old: priority_ratings.set_detail(s, item.id, field, old))


def set_rating(ctx: PlanContext, item: PriorityItem, rater_id: int, rater_name: str, axis: str,
               value: int | None) -> PlanEdit:
    def forward(s, _m):
        return priority_ratings.set_rating(s, item.id, rater_id, **{axis: value})

    def backward(s, before):
        priority_ratings.set_rating(s, item.id, rater_id, impact=before[0], ease=before[1])

    return ActionEdit(ctx, f"Rate the {axis} of \u201c{_short(item.title)}\u201d for {rater_name}", item.id, forward,
                      backward)


def set_agreed_position(ctx: PlanContext, item: PriorityItem, impact: float | None, ease: float | None,
                        merge_key: str | None = None) -> PlanEdit:
    text = (f"Move \u201c{_short(item.title)}\u201d on the matrix" if impact is not None
            else f"Put \u201c{_short(item.title)}\u201d back at the raters' mean")

    def backward(s, before):
        priority_ratings.set_agreed_position(s, item.id, *before)

    return ActionEdit(ctx, text, item.id, lambda s, _m: priority_ratings.set_agreed_position(s, item.id, impact, ease),
                      backward, merge_key=merge_key)


def set_served_groups(ctx: PlanContext, item: PriorityItem, group_ids: Iterable[int]) -> PlanEdit:
    ids = tuple(group_ids)
    return ActionEdit(ctx, f"Change who \u201c{_short(item.title)}\u201d serves", item.id,
                      lambda s, _m: priority_ratings.set_served_groups(s, item.id, ids),
                      lambda s, before: priority_ratings.set_served_groups(s, item.id, before))


def set_criterion_score(ctx: PlanContext, item: PriorityItem, criterion: str, label: str,
                        score: int | None) -> PlanEdit:
    return ActionEdit(ctx, f"Score the {label.lower()} of \u201c{_short(item.title)}\u201d", item.id,
                      lambda s, _m: priority_ratings.set_criterion_score(s, item.id, criterion, score),
                      lambda s, before: priority_ratings.set_criterion_score(s, item.id, criterion, before),
                      merge_key=f"criterion-{item.id}-{criterion}")


def set_setting(ctx: PlanContext, key: str, value: float, text: str) -> PlanEdit:
    return PlanEdit(ctx, text, lambda s, _m: priority_ratings.set_setting(s, key, value),
                    lambda s, before: priority_ratings.set_setting(s, key, before))


def add_rater(ctx: PlanContext, name: str) -> PlanEdit:
    def forward(s, removed):
        if removed is not None:
            priority_ratings.restore_rater(s, removed)
            return removed.rater
        return priority_ratings.add_rater(s, name)

    return PlanEdit(ctx, f"Add rater {name}", forward,
                    lambda s, rec: priority_ratings.remove_rater(s, rec.id))


def rename_rater(ctx: PlanContext, rater_id: int, old: str, name: str) -> PlanEdit:
    return PlanEdit(ctx, f"Rename rater {old}", lambda s, _m: priority_ratings.rename_rater(s, rater_id, name),
                    lambda s, before: priority_ratings.rename_rater(s, rater_id, before))


def remove_rater(ctx: PlanContext, rater_id: int, name: str) -> PlanEdit:
    return PlanEdit(ctx, f"Remove rater {name} and their ratings", lambda s, _m: priority_ratings.remove_rater(s, rater_id),
                    lambda s, removed: priority_ratings.restore_rater(s, removed))


def decide(ctx: PlanContext, item: PriorityItem, status: str, reason: str = "") -> PlanEdit:
    verb = {"approved": "Approve", "declined": "Decline", "parked": "Park"}.get(status)
    text = f"{verb} \u201c{_short(item.title)}\u201d" if verb else \
        f"Mark \u201c{_short(item.title)}\u201d {STATUS_LABELS[status].lower()} again"
    return PlanEdit(ctx, text, lambda s, _m: action_decisions.decide(s, item.id, status, reason),
                    lambda s, memo: action_decisions.undo_decision(s, memo))


def set_contract_limit(ctx: PlanContext, item: PriorityItem, limited: bool, note: str) -> PlanEdit:
    """Mark an action limited by a contract or collective bargaining (or not), with its note; the plan's
    action it became, if approved, changes with it in the same undo step."""
    if limited != item.contract_limited:
        text = (f"Mark \u201c{_short(item.title)}\u201d limited by a contract" if limited
                else f"Mark \u201c{_short(item.title)}\u201d not limited by a contract")
    else:
        text = f"Change the contract note of \u201c{_short(item.title)}\u201d"
    return ActionEdit(ctx, text, item.id, lambda s, _m: contract_limits.set_for_candidate(s, item.id, limited, note),
                      lambda s, memo: contract_limits.restore(s, memo))
