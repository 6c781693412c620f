"""Actions in the plan, made when the team approves a candidate action.

The Priorities tab creates them; the Action plan tab schedules them. Each keeps the link to the
candidate it came from, so a line of the plan can be traced back to its evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    ActionDependency,
    ActionServedGroup,
    CandidateAction,
    PdsaCycle,
    PlannedAction,
    PlannedActionGroup,
    PositionGroup,
)
from services.action_plan.action_schedule import stored_status
from services.errors import InvalidInput
from services.plan_records import values_of
from services.priorities import contract_limits


@dataclass(frozen=True)
class PlannedActionRecord:
    id: int
    candidate_action_id: int | None
    title: str
    description: str
    owner: str
    deadline_text: str
    start_date: dt.date | None
    due_date: dt.date | None
    status: str
    created_at: dt.datetime


def _record(p: PlannedAction) -> PlannedActionRecord:
    return PlannedActionRecord(p.id, p.candidate_action_id, p.title, p.description, p.owner, p.deadline_text,
                               p.start_date, p.due_date, stored_status(p.status), p.created_at)


def list_planned_actions(session: Session) -> list[PlannedActionRecord]:
    return [_record(p) for p in session.scalars(select(PlannedAction).order_by(PlannedAction.id))]


def find_for_candidate(session: Session, candidate_id: int) -> PlannedActionRecord | None:
    row = session.scalar(select(PlannedAction).where(PlannedAction.candidate_action_id == candidate_id))
    return _record(row) if row else None


def served_groups(session: Session, planned_id: int) -> tuple[int, ...]:
    """The staff groups a plan's action serves (carried from its candidate when approved)."""
    return tuple(session.scalars(select(PlannedActionGroup.group_id).where(PlannedActionGroup.action_id == planned_id)
                                 .order_by(PlannedActionGroup.group_id)))


def plan_candidate(session: Session, candidate_id: int, at: dt.datetime | None = None) -> PlannedActionRecord:
    """The plan's action for an approved candidate, made once. Its owner and deadline, evidence,
    source label, served groups and any limit by a contract or collective bargaining (with its note)
    come along, so nothing chosen on Priorities is chosen twice."""
    existing = find_for_candidate(session, candidate_id)
    if existing is not None:
        return existing
    candidate = session.get(CandidateAction, candidate_id)
    if candidate is None:
        raise InvalidInput("That candidate action is no longer in the plan.")
    limit = contract_limits.stored_limit(candidate.contract_limited, candidate.contract_note)
    planned = PlannedAction(
        candidate_action_id=candidate.id,
        title=candidate.title,
        description=candidate.description,
        owner=candidate.proposed_owner,
        deadline_text=candidate.proposed_deadline,
        status="not_started",
        created_at=at or dt.datetime.now().replace(microsecond=0),
        evidence=candidate.evidence or "",
        source_label=(candidate.source_label or "")[:300],
        contract_limited=limit.limited,
        contract_note=limit.note,
    )
    session.add(planned)
    session.flush()
    groups = session.scalars(select(ActionServedGroup.position_group_id)
                             .where(ActionServedGroup.action_id == candidate.id)).all()
    session.add_all(PlannedActionGroup(action_id=planned.id, group_id=g) for g in sorted(set(groups)))
    session.flush()
    return _record(planned)


@dataclass(frozen=True)
class RemovedPlanLine:
    """Everything that left with a plan's action, so undo puts back its schedule, objective, owner,
    progress, PDSA cycles, finish-to-start links and served groups, not just its title."""

    values: dict
    cycles: tuple[dict, ...]
    predecessors: tuple[int, ...]
    successors: tuple[int, ...]
    groups: tuple[int, ...] = ()

    @property
    def id(self) -> int:
        return self.values["id"]


def remove_planned_action(session: Session, planned_id: int) -> RemovedPlanLine:
    row = session.get(PlannedAction, planned_id)
    if row is None:
        raise InvalidInput("That action is no longer in the plan.")
    removed = RemovedPlanLine(
        values_of(row),
        tuple(values_of(c) for c in session.scalars(select(PdsaCycle).where(PdsaCycle.action_id == planned_id))),
        tuple(session.scalars(select(ActionDependency.predecessor_id).where(ActionDependency.successor_id == planned_id))),
        tuple(session.scalars(select(ActionDependency.successor_id).where(ActionDependency.predecessor_id == planned_id))),
        served_groups(session, planned_id),
    )
    session.delete(row)
    session.flush()
    return removed


def restore_planned_action(session: Session, removed: RemovedPlanLine) -> None:
    session.add(PlannedAction(**removed.values))
    session.flush()
    existing = set(session.scalars(select(PlannedAction.id)))
    session.add_all(PdsaCycle(**values) for values in removed.cycles)
    session.add_all(ActionDependency(predecessor_id=p, successor_id=removed.id)
                    for p in removed.predecessors if p in existing)
    session.add_all(ActionDependency(predecessor_id=removed.id, successor_id=s)
                    for s in removed.successors if s in existing)
    groups = set(session.scalars(select(PositionGroup.id)))
    session.add_all(PlannedActionGroup(action_id=removed.id, group_id=g) for g in removed.groups if g in groups)
    session.flush()
