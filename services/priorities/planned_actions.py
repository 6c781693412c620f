"""Actions in the plan, made when the team approves a candidate action.

The Priorities tab creates them; the Action plan tab schedules them. Each keeps the link to the
candidate it came from, so a line of the plan can be traced back to its evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ActionDependency, CandidateAction, PdsaCycle, PlannedAction
from services.action_plan.action_schedule import stored_status
from services.errors import InvalidInput
from services.plan_records import values_of


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


def plan_candidate(session: Session, candidate_id: int, at: dt.datetime | None = None) -> PlannedActionRecord:
    """The plan's action for an approved candidate, made once; owner and deadline come along."""
    existing = find_for_candidate(session, candidate_id)
    if existing is not None:
        return existing
    candidate = session.get(CandidateAction, candidate_id)
    if candidate is None:
        raise InvalidInput("That candidate action is no longer in the plan.")
    planned = PlannedAction(
        candidate_action_id=candidate.id,
        title=candidate.title,
        description=candidate.description,
        owner=candidate.proposed_owner,
        deadline_text=candidate.proposed_deadline,
        status="not_started",
        created_at=at or dt.datetime.now().replace(microsecond=0),
    )
    session.add(planned)
    session.flush()
    return _record(planned)


@dataclass(frozen=True)
class RemovedPlanLine:
    """Everything that left with a plan's action, so undo puts back its schedule, objective, owner,
    progress, PDSA cycles and finish-to-start links, not just its title."""

    values: dict
    cycles: tuple[dict, ...]
    predecessors: tuple[int, ...]
    successors: tuple[int, ...]

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
    session.flush()
