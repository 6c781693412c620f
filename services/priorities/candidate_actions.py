"""Candidate actions: the ideas every tab contributes and the Priorities tab decides on.

Each keeps a typed link to its evidence (``source_kind`` + ``source_id``) and a readable label
("Readiness round 2, item C3"), so a line in the plan can be traced back to where it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    ActionStatus,
    CandidateAction,
    FocusActionMark,
    FocusIdea,
    FocusProposal,
    PolicyReview,
    ReadinessRoundItem,
    SourceKind,
    SurveyFinding,
    SurveyHeadcount,
)
from services.errors import InvalidInput
from services.priorities import contract_limits, prioritization
from services.stored_values import choice

SOURCE_LABELS = {
    SourceKind.MANUAL.value: "Entered by hand",
    SourceKind.READINESS_ITEM.value: "Readiness item",
    SourceKind.SURVEY_FINDING.value: "Survey finding",
    SourceKind.FOCUS_GROUP_INITIATIVE.value: "Focus-group initiative",
    SourceKind.FOCUS_GROUP_PROPOSAL.value: "Focus-group proposal",
    SourceKind.FOCUS_GROUP_BRAINSTORM.value: "Focus-group brainstorm",
    SourceKind.DATA_COVERAGE_GAP.value: "Data coverage gap",
    SourceKind.LOW_PARTICIPATION.value: "Low participation",
    SourceKind.POLICY_REVIEW.value: "Policy review",
}
STATUS_LABELS = {
    ActionStatus.PROPOSED.value: "Proposed",
    ActionStatus.APPROVED.value: "Approved",
    ActionStatus.DECLINED.value: "Declined",
    ActionStatus.PARKED.value: "Parked",
}


@dataclass(frozen=True)
class CandidateActionRecord:
    id: int
    title: str
    description: str
    category: str
    source_kind: str
    source_id: int | None
    source_label: str
    status: str
    status_reason: str
    created_at: dt.datetime
    updated_at: dt.datetime
    agreed_impact: float | None = None
    agreed_ease: float | None = None
    discussion_owner: str = ""
    discussion_next_step: str = ""
    evidence: str = ""
    proposed_owner: str = ""
    proposed_deadline: str = ""
    contract_limited: bool = False  # limited by a contract or collective bargaining (see ``contract_limits``)
    contract_note: str = ""


def stored_status(value: object) -> str:
    """A status read back from the plan: one WellPlan writes, or "proposed" (the column's default)
    for one another program wrote."""
    return choice(value, STATUS_LABELS, ActionStatus.PROPOSED.value)


def stored_source_kind(value: object) -> str:
    """Where an action came from, read back: an unknown kind is read as entered by hand (its
    ``source_id`` then points nowhere)."""
    return choice(value, SOURCE_LABELS, SourceKind.MANUAL.value)


def _record(a: CandidateAction) -> CandidateActionRecord:
    limit = contract_limits.stored_limit(a.contract_limited, a.contract_note)
    return CandidateActionRecord(
        a.id, a.title, a.description, a.category, stored_source_kind(a.source_kind), a.source_id, a.source_label,
        stored_status(a.status), a.status_reason, a.created_at, a.updated_at,
        *prioritization.stored_position(a.agreed_impact, a.agreed_ease),
        a.discussion_owner, a.discussion_next_step, a.evidence, a.proposed_owner, a.proposed_deadline,
        limit.limited, limit.note,
    )


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise InvalidInput("A candidate action needs a title.")
    if len(title) > 300:
        raise InvalidInput("A candidate action's title can be at most 300 characters.")
    return title


def add_candidate_action(
    session: Session,
    title: str,
    *,
    description: str = "",
    category: str = "",
    source_kind: str = SourceKind.MANUAL.value,
    source_id: int | None = None,
    source_label: str | None = None,
    evidence: str = "",
    proposed_owner: str = "",
    proposed_deadline: str = "",
    contract_limited: bool = False,
    contract_note: str = "",
    at: dt.datetime | None = None,
) -> CandidateActionRecord:
    """Add a proposed action; ``at`` fixes the timestamps (the sample district is deterministic).

    A focus-group proposal passes the owner and deadline it proposed; they go into the plan
    with the action when it is approved, as does a mark that a contract or collective bargaining
    limits it (``contract_limited``, with ``contract_note`` saying how).
    """
    limit = contract_limits.checked(contract_limited, contract_note)
    if source_kind not in SOURCE_LABELS:
        raise InvalidInput(f"Unknown source of a candidate action: {source_kind}.")
    if source_kind != SourceKind.MANUAL.value and source_id is None:
        raise InvalidInput("A candidate action from another tab must say which record it came from.")
    now = at or _now()
    action = CandidateAction(
        title=_clean_title(title),
        description=description.strip(),
        category=category.strip(),
        source_kind=source_kind,
        source_id=source_id,
        source_label=(source_label or SOURCE_LABELS[source_kind]).strip(),
        status=ActionStatus.PROPOSED.value,
        status_reason="",
        created_at=now,
        updated_at=now,
        evidence=evidence.strip(),
        proposed_owner=proposed_owner.strip(),
        proposed_deadline=proposed_deadline.strip(),
        contract_limited=limit.limited,
        contract_note=limit.note,
    )
    session.add(action)
    session.flush()
    return _record(action)


def list_candidate_actions(
    session: Session,
    *,
    status: str | None = None,
    source_kind: str | None = None,
) -> list[CandidateActionRecord]:
    query = select(CandidateAction).order_by(CandidateAction.id)
    if status is not None:
        query = query.where(CandidateAction.status == status)
    if source_kind is not None:
        query = query.where(CandidateAction.source_kind == source_kind)
    return [_record(a) for a in session.scalars(query)]


def _action(session: Session, action_id: int) -> CandidateAction:
    action = session.get(CandidateAction, action_id)
    if action is None:
        raise InvalidInput("That candidate action is no longer in the plan.")
    return action


def update_candidate_action(session: Session, action_id: int, **changes: str) -> CandidateActionRecord:
    """Change title, description or category; returns the record as it was."""
    allowed = {"title", "description", "category"}
    if set(changes) - allowed:
        raise InvalidInput(f"Only {', '.join(sorted(allowed))} can be changed this way.")
    action = _action(session, action_id)
    before = _record(action)
    if "title" in changes:
        action.title = _clean_title(changes["title"])
    for key in ("description", "category"):
        if key in changes:
            setattr(action, key, (changes[key] or "").strip())
    action.updated_at = _now()
    return before


def set_status(session: Session, action_id: int, status: str, reason: str = "",
               at: dt.datetime | None = None) -> CandidateActionRecord:
    """Approve, decline, park or re-propose; declining or parking needs a reason. Returns the old record."""
    if status not in STATUS_LABELS:
        raise InvalidInput(f"Unknown status: {status}.")
    if status in (ActionStatus.DECLINED.value, ActionStatus.PARKED.value) and not reason.strip():
        raise InvalidInput(f"Say why the action is {STATUS_LABELS[status].lower()}.")
    action = _action(session, action_id)
    before = _record(action)
    action.status = status
    action.status_reason = reason.strip()
    action.updated_at = at or _now()
    return before


def restore_status(session: Session, record: CandidateActionRecord) -> None:
    """Put back the status and reason an action had (undo of a decision)."""
    action = _action(session, record.id)
    action.status, action.status_reason, action.updated_at = record.status, record.status_reason, record.updated_at


def remove_candidate_action(session: Session, action_id: int) -> CandidateActionRecord:
    action = _action(session, action_id)
    record = _record(action)
    session.delete(action)
    session.flush()
    return record


def restore_candidate_action(session: Session, record: CandidateActionRecord) -> None:
    session.add(CandidateAction(**record.__dict__))
    session.flush()


def source_home(session: Session, kind: str, source_id: int | None) -> int | None:
    """The record the source tab selects to show where a candidate came from: a readiness item's
    round, a survey finding's or low participation's wave, a focus-group mark's, idea's or
    proposal's session, the reviewed policy itself; None when there is none to select (a data gap:
    the sources and gaps page shows it; or the record is gone)."""
    homes = {
        SourceKind.READINESS_ITEM.value: ReadinessRoundItem.round_id,
        SourceKind.SURVEY_FINDING.value: SurveyFinding.wave_id,
        SourceKind.LOW_PARTICIPATION.value: SurveyHeadcount.wave_id,
        SourceKind.FOCUS_GROUP_INITIATIVE.value: FocusActionMark.session_id,
        SourceKind.FOCUS_GROUP_BRAINSTORM.value: FocusIdea.session_id,
        SourceKind.FOCUS_GROUP_PROPOSAL.value: FocusProposal.session_id,
        SourceKind.POLICY_REVIEW.value: PolicyReview.id,
    }
    column = homes.get(kind)
    if column is None or source_id is None:
        return None
    return session.scalar(select(column).where(column.class_.id == source_id))
