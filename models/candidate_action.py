"""Candidate actions: the shared pool every tab feeds and the Priorities tab decides on."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Boolean, DateTime, WholeNumber


class ActionStatus(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    DECLINED = "declined"
    PARKED = "parked"


class SourceKind(enum.StrEnum):
    """Where a candidate action came from. ``source_id`` points into the table this names."""

    MANUAL = "manual"
    READINESS_ITEM = "readiness_item"
    SURVEY_FINDING = "survey_finding"
    FOCUS_GROUP_INITIATIVE = "focus_group_initiative"
    FOCUS_GROUP_PROPOSAL = "focus_group_proposal"
    FOCUS_GROUP_BRAINSTORM = "focus_group_brainstorm"
    DATA_COVERAGE_GAP = "data_coverage_gap"  # source_id: the wellness domain; the label names the group
    LOW_PARTICIPATION = "low_participation"  # source_id: the wave's headcount row of the group
    POLICY_REVIEW = "policy_review"  # source_id: the reviewed policy


class CandidateAction(Base):
    __tablename__ = "candidate_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(120), default="")
    source_kind: Mapped[str] = mapped_column(String(40), default=SourceKind.MANUAL.value)
    # A typed link: (source_kind, source_id) names the record; the label keeps it readable
    # ("Readiness round 2, item C3") even in a SQLite client or after the record is gone.
    source_id: Mapped[int | None] = mapped_column(WholeNumber)
    source_label: Mapped[str] = mapped_column(String(300), default="Entered by hand")
    status: Mapped[str] = mapped_column(String(20), default=ActionStatus.PROPOSED.value)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Added in version 2 (Priorities). The team's agreed place on the impact x ease matrix, set by
    # dragging; the raters' own ratings (action_rating) are kept as they were given.
    agreed_impact: Mapped[float | None] = mapped_column(Float)
    agreed_ease: Mapped[float | None] = mapped_column(Float)
    # Where raters disagree, who gets a better estimate and how (seed 004).
    discussion_owner: Mapped[str] = mapped_column(String(200), default="")
    discussion_next_step: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    # A focus-group proposal names an owner and a deadline ("Start of next school year"); they
    # travel with the action into the plan when it is approved.
    proposed_owner: Mapped[str] = mapped_column(String(200), default="")
    proposed_deadline: Mapped[str] = mapped_column(String(120), default="")
    # Added in version 10: limited by a contract or collective bargaining (seed 004's bold
    # reminder), set in the focus group or here, and what limits it; carried into the plan.
    contract_limited: Mapped[bool] = mapped_column(Boolean, default=False)
    contract_note: Mapped[str] = mapped_column(Text, default="")
