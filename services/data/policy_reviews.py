"""District policies the team reviewed for how they shape staff wellbeing and working conditions
(seed 000 step 3: leave, workload, scheduling and other policies are data too), with what the team
found and the wellness domain it touches; a review's finding can go to Priorities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CandidateAction, PolicyReview, SourceKind, WellnessDomain
from services import date_style
from services.errors import InvalidInput
from services.plan_records import next_number, values_of
from services.priorities.candidate_actions import CandidateActionRecord, add_candidate_action
from services.stored_values import text

SUGGESTED_POLICIES = (
    "Leave and absence policy",
    "Workload and class-size agreements",
    "Scheduling and duty-free lunch",
    "Employee assistance program",
    "Professional learning and release time",
    "Safety and violence-prevention policy",
)
MAX_NAME = 200
MAX_FINDING = 4000


@dataclass(frozen=True)
class PolicyReviewRecord:
    id: int
    name: str
    reviewed_on: dt.date | None
    finding: str
    domain_id: int | None
    domain: str  # the domain's name, "" for none
    sent_action_id: int | None  # the candidate action sent to Priorities from it, if any


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def list_reviews(session: Session) -> list[PolicyReviewRecord]:
    """Every review in the plan's order; values another program wrote that WellPlan never writes
    (a number for a name, text for a date) read as empty."""
    domains = dict(session.execute(select(WellnessDomain.id, WellnessDomain.name)).all())
    sent = dict(session.execute(select(CandidateAction.source_id, CandidateAction.id).where(
        CandidateAction.source_kind == SourceKind.POLICY_REVIEW.value)).all())
    out = []
    for r in session.scalars(select(PolicyReview).order_by(PolicyReview.sort_order, PolicyReview.id)):
        domain_id = r.domain_id if r.domain_id in domains else None
        out.append(PolicyReviewRecord(r.id, text(r.name, ""), _date(r.reviewed_on), text(r.finding, ""), domain_id,
                                      domains.get(domain_id, "") if domain_id is not None else "", sent.get(r.id)))
    return out


def _review(session: Session, review_id: int) -> PolicyReview:
    row = session.get(PolicyReview, review_id)
    if row is None:
        raise InvalidInput("That policy review is no longer in the plan.")
    return row


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("A policy review needs the policy's name.")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"A policy's name can be at most {MAX_NAME} characters.")
    return name


def _clean_finding(finding: str) -> str:
    finding = (finding or "").strip()
    if len(finding) > MAX_FINDING:
        raise InvalidInput(f"What the team found can be at most {MAX_FINDING:,} characters.")
    return finding


def _check_domain(session: Session, domain_id: int | None) -> int | None:
    if domain_id is not None and session.get(WellnessDomain, domain_id) is None:
        raise InvalidInput("That wellness domain is no longer in the plan.")
    return domain_id


def add_review(session: Session, name: str, *, reviewed_on: dt.date | None = None, finding: str = "",
               domain_id: int | None = None) -> int:
    row = PolicyReview(name=_clean_name(name), reviewed_on=reviewed_on, finding=_clean_finding(finding),
                       domain_id=_check_domain(session, domain_id),
                       sort_order=next_number(session, PolicyReview.sort_order))
    session.add(row)
    session.flush()
    return row.id


FIELDS = {"name", "reviewed_on", "finding", "domain_id"}


def update_review(session: Session, review_id: int, key: str, value) -> object:
    """Change one field; returns the value it had, for undo."""
    if key not in FIELDS:
        raise InvalidInput(f"A policy review has no field '{key}'.")
    row = _review(session, review_id)
    before = getattr(row, key)
    if key == "name":
        value = _clean_name(value)
    elif key == "finding":
        value = _clean_finding(value)
    elif key == "domain_id":
        value = _check_domain(session, value)
    elif value is not None and not isinstance(value, dt.date):
        raise InvalidInput("The review date is a date.")
    setattr(row, key, value)
    session.flush()
    return before


def remove_review(session: Session, review_id: int) -> dict:
    """Remove a review; returns its row, for ``restore_review``. A candidate action sent from it
    stays on Priorities (the team's decisions on it stand) with its label and evidence."""
    row = _review(session, review_id)
    values = values_of(row)
    session.delete(row)
    session.flush()
    return values


def restore_review(session: Session, values: dict) -> None:
    session.add(PolicyReview(**values))
    session.flush()


def review_dependents(session: Session, review_id: int) -> list[str]:
    """What removing a review means, each a sentence: the candidate action sent from it stays."""
    title = session.scalar(select(CandidateAction.title).where(
        CandidateAction.source_kind == SourceKind.POLICY_REVIEW.value, CandidateAction.source_id == review_id))
    if title is None:
        return []
    return [f"The candidate action \u201c{title}\u201d sent from it stays on Priorities with its evidence, "
            "but can no longer show the review it came from."]


def review_label(record: PolicyReviewRecord) -> str:
    # Month and year read the same in a US and a day-first district, so the stored label suits both.
    when = f" ({date_style.STYLE.month_year(record.reviewed_on)})" if record.reviewed_on else ""
    return f"Policy review: {record.name}{when}"[:300]


def send_review(session: Session, review_id: int, at: dt.datetime | None = None) -> CandidateActionRecord:
    """A candidate action to act on what the review found, once per review; refused until the team
    has written what it found (the evidence Priorities weighs)."""
    _review(session, review_id)
    record = next(r for r in list_reviews(session) if r.id == review_id)
    if not record.finding:
        raise InvalidInput(f"Write what the team found in {record.name} first: it is the evidence Priorities "
                           "weighs.")
    if record.sent_action_id is not None:
        raise InvalidInput(f"The review of {record.name} is already in Priorities.")
    domain = f" ({record.domain})" if record.domain else ""
    return add_candidate_action(
        session, f"Act on the review of {record.name}"[:300], category="Policy",
        source_kind=SourceKind.POLICY_REVIEW.value, source_id=review_id, source_label=review_label(record),
        evidence=f"{record.name}{domain}: {record.finding}", at=at)
