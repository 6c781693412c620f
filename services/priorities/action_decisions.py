"""Deciding on a candidate action: approve (it enters the plan), decline or park (with a reason).

Declined and parked actions stay in the plan file with their reason; nothing is deleted by a
decision. Approving makes the plan's action (owner and deadline carried from a focus-group
proposal); taking an approval back removes that action again, and undo restores it as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ActionRating, ActionServedGroup, ActionStatus, CriterionScore, Rater
from services.priorities import candidate_actions, planned_actions
from services.priorities.candidate_actions import CandidateActionRecord
from services.priorities.planned_actions import RemovedPlanLine


@dataclass(frozen=True)
class DecisionMemo:
    """What a decision changed, so it can be undone exactly."""

    before: CandidateActionRecord
    created_planned_id: int | None
    removed_planned: RemovedPlanLine | None


def decide(session: Session, action_id: int, status: str, reason: str = "",
           at: dt.datetime | None = None) -> DecisionMemo:
    """``at`` fixes the time stamps (the sample district is the same on every run)."""
    before = candidate_actions.set_status(session, action_id, status, reason, at=at)
    created = removed = None
    existing = planned_actions.find_for_candidate(session, action_id)
    if status == ActionStatus.APPROVED.value:
        if existing is None:
            created = planned_actions.plan_candidate(session, action_id, at=at).id
    elif existing is not None:
        removed = planned_actions.remove_planned_action(session, existing.id)
    return DecisionMemo(before, created, removed)


def undo_decision(session: Session, memo: DecisionMemo) -> None:
    candidate_actions.restore_status(session, memo.before)
    if memo.created_planned_id is not None:
        planned_actions.remove_planned_action(session, memo.created_planned_id)
    if memo.removed_planned is not None:
        planned_actions.restore_planned_action(session, memo.removed_planned)


@dataclass(frozen=True)
class RemovedAction:
    record: CandidateActionRecord
    ratings: tuple[tuple[int, int | None, int | None], ...]  # (rater_id, impact, ease)
    scores: tuple[tuple[str, int], ...]
    served: tuple[int, ...]
    planned: RemovedPlanLine | None


def remove_action(session: Session, action_id: int) -> RemovedAction:
    """Remove a candidate with its ratings, scores and plan line, keeping all of it for undo."""
    ratings = tuple((r.rater_id, r.impact, r.ease)
                    for r in session.scalars(select(ActionRating).where(ActionRating.action_id == action_id)))
    scores = tuple((c.criterion, c.score)
                   for c in session.scalars(select(CriterionScore).where(CriterionScore.action_id == action_id)))
    served = tuple(session.scalars(select(ActionServedGroup.position_group_id)
                                   .where(ActionServedGroup.action_id == action_id)))
    existing = planned_actions.find_for_candidate(session, action_id)
    planned = planned_actions.remove_planned_action(session, existing.id) if existing is not None else None
    record = candidate_actions.remove_candidate_action(session, action_id)
    return RemovedAction(record, ratings, scores, served, planned)


def restore_action(session: Session, removed: RemovedAction) -> None:
    candidate_actions.restore_candidate_action(session, removed.record)
    action_id = removed.record.id
    raters = set(session.scalars(select(Rater.id)))
    session.add_all(ActionRating(action_id=action_id, rater_id=r, impact=i, ease=e)
                    for r, i, e in removed.ratings if r in raters)
    session.add_all(CriterionScore(action_id=action_id, criterion=c, score=s) for c, s in removed.scores)
    session.add_all(ActionServedGroup(action_id=action_id, position_group_id=g) for g in removed.served)
    session.flush()
    if removed.planned is not None:
        planned_actions.restore_planned_action(session, removed.planned)
