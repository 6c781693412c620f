"""Actions in the plan: what an approved candidate action becomes, ready to be scheduled."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Boolean, Date, DateTime, WholeNumber


class PlannedAction(Base):
    __tablename__ = "planned_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The decision it came from; kept (SET NULL) if the candidate is later removed.
    candidate_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate_action.id", ondelete="SET NULL"), unique=True
    )
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    # As proposed, in words ("Start of next school year"); dates are set when it is scheduled.
    deadline_text: Mapped[str] = mapped_column(String(120), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Added in version 6 (Action plan): where it sits in the plan and on the Gantt chart.
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    percent_done: Mapped[int] = mapped_column(WholeNumber, default=0)
    milestone: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)
    # Added in version 8: a PDSA cycle on it ended in "adopt", so the district now does it as standard practice.
    standard_practice: Mapped[bool] = mapped_column(Boolean, default=False)
    # Added in version 9: whether it changes the "individual" or the "system" (seed 000 step 5);
    # unfinished and carried over from last year's plan; and the evidence and source label its
    # candidate had when approved, kept with the action (its served groups: planned_action_group).
    change_level: Mapped[str] = mapped_column(String(20), default="")
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(Text, default="")
    source_label: Mapped[str] = mapped_column(String(300), default="")
    # Where it happens: one school (its packet shows it), or the whole district (empty).
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"))
    # Added in version 10: limited by a contract or collective bargaining, and how (from its candidate).
    contract_limited: Mapped[bool] = mapped_column(Boolean, default=False)
    contract_note: Mapped[str] = mapped_column(Text, default="")


class PlannedActionGroup(Base):
    """A staff group the action serves, carried from its candidate when approved."""

    __tablename__ = "planned_action_group"

    action_id: Mapped[int] = mapped_column(ForeignKey("planned_action.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("position_group.id", ondelete="CASCADE"), primary_key=True)
