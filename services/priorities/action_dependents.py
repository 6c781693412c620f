"""What else goes when an action is removed, in plain sentences for the question the window asks.

Two records can be "an action": the plan's action (``planned_action``, scheduled on the Action
plan tab) and the candidate it came from (``candidate_action``, rated and decided on the
Priorities tab). Removing the plan's action deletes its PDSA cycles and its finish-to-start links
(ON DELETE CASCADE) and takes its schedule, progress and place under an objective with it.
Removing a candidate deletes its ratings, criterion scores and served groups (CASCADE), and the
Priorities tab removes its plan line too (``action_decisions.remove_action``).

Each function answers an empty list when nothing depends on the record, so the window removes it
without asking ("never a silent cascade", but no question when there is nothing to lose).
Communications have no link to an action, so none is listed; feedback it answers is.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import (
    ActionDependency,
    ActionRating,
    ActionServedGroup,
    CandidateAction,
    CriterionScore,
    FeedbackItem,
    Objective,
    PdsaCycle,
    PlannedAction,
    PositionGroup,
)
from services.stored_values import whole_number
from services.wording import counted, quote_each


def what_goes_with_action(session: Session, action_id: int) -> list[str]:
    """Sentences for removing the plan's action ``action_id`` (a ``planned_action``): its schedule
    and progress, its PDSA cycles, the actions linked to it, the objective it counts toward.
    The candidate it came from stays on the Priorities tab, so it is not listed."""
    action = session.get(PlannedAction, action_id)
    if action is None:
        return []
    sentences: list[str] = []
    scheduled = action.start_date is not None or action.due_date is not None
    percent = whole_number(action.percent_done, 0, 100) or 0
    if action.milestone and scheduled:
        sentences.append("Its milestone on the Gantt chart will be removed.")
    elif scheduled:
        sentences.append("Its dates on the schedule and the Gantt chart will be removed.")
    if percent or action.status not in ("not_started", None, ""):
        sentences.append(f"Its progress ({percent}% done) will be lost." if percent
                         else "Its progress will be lost.")
    cycles = list(session.scalars(select(PdsaCycle.title).where(PdsaCycle.action_id == action_id)
                                  .order_by(PdsaCycle.id)))
    if cycles:
        sentences.append(f"{counted(len(cycles), 'PDSA cycle', 'PDSA cycles', start=True)} on it "
                         f"({quote_each(cycles)}) will be removed.")
    waiting = list(session.scalars(
        select(PlannedAction.title).join(ActionDependency, ActionDependency.successor_id == PlannedAction.id)
        .where(ActionDependency.predecessor_id == action_id).order_by(PlannedAction.id)))
    if waiting:
        sentences.append(f"{counted(len(waiting), 'action waits', 'actions wait', start=True)} for it to finish "
                         f"({quote_each(waiting)}); {'it' if len(waiting) == 1 else 'they'} will no longer wait.")
    before = list(session.scalars(
        select(PlannedAction.title).join(ActionDependency, ActionDependency.predecessor_id == PlannedAction.id)
        .where(ActionDependency.successor_id == action_id).order_by(PlannedAction.id)))
    if before:
        sentences.append(f"Its link to what it waits for ({quote_each(before)}) will be removed.")
    if action.objective_id is not None:
        objective = session.get(Objective, action.objective_id)
        if objective is not None:
            others = session.scalar(select(func.count()).select_from(PlannedAction).where(
                PlannedAction.objective_id == objective.id, PlannedAction.id != action_id)) or 0
            statement = quote_each([objective.statement])
            sentences.append(f"The objective {statement} will have no actions left." if not others
                             else f"The objective {statement} will have one action fewer.")
    answered = session.scalar(select(func.count()).select_from(FeedbackItem)
                              .where(FeedbackItem.action_id == action_id)) or 0
    if answered:
        sentences.append(f"{counted(answered, 'piece', 'pieces', start=True)} of feedback it answers will show as "
                         "not answered yet (in the feedback log and the progress update's You said, we did).")
    return sentences


def what_goes_with_candidate(session: Session, candidate_id: int) -> list[str]:
    """Sentences for removing the candidate action ``candidate_id`` from the Priorities tab: its
    ratings, criterion scores and served groups, and its action in the plan with everything
    :func:`what_goes_with_action` lists for that."""
    candidate = session.get(CandidateAction, candidate_id)
    if candidate is None:
        return []
    sentences: list[str] = []
    rated = session.scalar(select(func.count()).select_from(ActionRating).where(
        ActionRating.action_id == candidate_id,
        or_(ActionRating.impact.is_not(None), ActionRating.ease.is_not(None)))) or 0
    if rated:
        sentences.append(f"{counted(rated, 'rater', 'raters', start=True)}' ratings of it will be removed."
                         if rated > 1 else "One rater's ratings of it will be removed.")
    scores = session.scalar(select(func.count()).select_from(CriterionScore)
                            .where(CriterionScore.action_id == candidate_id)) or 0
    if scores:
        sentences.append(f"Its {'score' if scores == 1 else 'scores'} on "
                         f"{counted(scores, 'ranking criterion', 'ranking criteria', start=True).lower()} will be removed.")
    groups = sorted(session.scalars(  # code-point order, as a plan file sorts (a server by its locale)
        select(PositionGroup.name).join(ActionServedGroup, ActionServedGroup.position_group_id == PositionGroup.id)
        .where(ActionServedGroup.action_id == candidate_id)))
    if groups:
        sentences.append(f"The staff {'group' if len(groups) == 1 else 'groups'} it is meant to serve "
                         f"({quote_each(groups)}) will no longer be recorded.")
    planned = session.scalar(select(PlannedAction).where(PlannedAction.candidate_action_id == candidate_id))
    if planned is not None:
        sentences.append(f"Its action in the plan, {quote_each([planned.title])}, will be removed from the "
                         "Action plan tab.")
        sentences.extend(what_goes_with_action(session, planned.id))
    return sentences


def what_goes_with_taking_back_approval(session: Session, candidate_id: int) -> list[str]:
    """Sentences for declining, parking or re-proposing an approved candidate: its action leaves
    the plan with what :func:`what_goes_with_action` lists; its ratings stay."""
    planned = session.scalar(select(PlannedAction).where(PlannedAction.candidate_action_id == candidate_id))
    if planned is None:
        return []
    details = what_goes_with_action(session, planned.id)
    if not details:
        return []
    return [f"Its action in the plan, {quote_each([planned.title])}, will be removed from the Action plan tab.",
            *details]


def what_goes_with_rater(session: Session, rater_id: int) -> list[str]:
    """Sentences for removing a rater: the ratings they gave (CASCADE), action by action."""
    titles = list(session.scalars(
        select(CandidateAction.title).join(ActionRating, ActionRating.action_id == CandidateAction.id)
        .where(ActionRating.rater_id == rater_id,
               or_(ActionRating.impact.is_not(None), ActionRating.ease.is_not(None)))
        .order_by(CandidateAction.id)))
    if not titles:
        return []
    return [f"Their ratings of {counted(len(titles), 'action', 'actions', start=True).lower()} ({quote_each(titles)}) will be "
            "removed, and those actions may move on the matrix."]
