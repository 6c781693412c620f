"""The action plan (seed 000 steps 5-7): SMARTIE objectives with an indicator, the actions that
reach them (``planned_action``, scheduled here), their dependencies, PDSA cycles, the
communication plan, and the school year's breaks the Gantt chart shades."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Boolean, Date, DateTime, WholeNumber

SMARTIE_PARTS = ("specific", "measurable", "achievable", "relevant", "time_bound", "inclusive", "equitable")


class Objective(Base):
    """A SMARTIE objective: a statement and a field for each letter, with one indicator."""

    __tablename__ = "objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement: Mapped[str] = mapped_column(Text)
    specific: Mapped[str] = mapped_column(Text, default="")
    measurable: Mapped[str] = mapped_column(Text, default="")
    achievable: Mapped[str] = mapped_column(Text, default="")
    relevant: Mapped[str] = mapped_column(Text, default="")
    time_bound: Mapped[str] = mapped_column(Text, default="")
    inclusive: Mapped[str] = mapped_column(Text, default="")
    equitable: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[str] = mapped_column(String(300), default="")  # what is measured
    unit: Mapped[str] = mapped_column(String(40), default="")  # "%", "staff", "days"
    baseline: Mapped[float | None] = mapped_column(Float)
    baseline_date: Mapped[dt.date | None] = mapped_column(Date)
    target: Mapped[float | None] = mapped_column(Float)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    source_label: Mapped[str] = mapped_column(String(300), default="")  # the finding or priority behind it
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Added in version 9. Seed 002's goal types ("quality", "implementation", "access", or ""); seed
    # 000 step 5's balance: whether it changes the "individual" or the "system" around them (or "").
    goal_type: Mapped[str] = mapped_column(String(20), default="")
    change_level: Mapped[str] = mapped_column(String(20), default="")
    # The team's conclusions at the year-end review, and whether it came over from last year's plan.
    conclusions: Mapped[str] = mapped_column(Text, default="")
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False)


class ObjectiveGroup(Base):
    """A staff group the objective is for (what "Equitable" names)."""

    __tablename__ = "objective_group"

    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("position_group.id", ondelete="CASCADE"), primary_key=True)


class ObjectivePerson(Base):
    """Someone involved in the objective's work (what "Inclusive" asks for from the groups it serves)."""

    __tablename__ = "objective_person"

    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)


class Measurement(Base):
    """The indicator measured on a date."""

    __tablename__ = "measurement"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"))
    measured_on: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class ActionDependency(Base):
    """Finish-to-start: the successor can start when the predecessor ends."""

    __tablename__ = "action_dependency"

    predecessor_id: Mapped[int] = mapped_column(ForeignKey("planned_action.id", ondelete="CASCADE"),
                                                primary_key=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("planned_action.id", ondelete="CASCADE"),
                                              primary_key=True)


class PdsaCycle(Base):
    """Plan-Do-Study-Act on an objective or an action (seed 003)."""

    __tablename__ = "pdsa_cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("planned_action.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    question: Mapped[str] = mapped_column(Text, default="")  # Plan: what we want to learn
    prediction: Mapped[str] = mapped_column(Text, default="")
    plan_date: Mapped[dt.date | None] = mapped_column(Date)
    do_notes: Mapped[str] = mapped_column(Text, default="")
    do_date: Mapped[dt.date | None] = mapped_column(Date)
    study_notes: Mapped[str] = mapped_column(Text, default="")
    study_date: Mapped[dt.date | None] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(String(20), default="")  # adopt, adapt, abandon
    act_notes: Mapped[str] = mapped_column(Text, default="")
    act_date: Mapped[dt.date | None] = mapped_column(Date)
    # What the Act decision opened (seed 003: the learning carried into the next step): "adapt" opens
    # a revised action or a next cycle on the same thing.
    follow_up_cycle_id: Mapped[int | None] = mapped_column(ForeignKey("pdsa_cycle.id", ondelete="SET NULL"))
    revised_action_id: Mapped[int | None] = mapped_column(ForeignKey("planned_action.id", ondelete="SET NULL"))


class CommunicationItem(Base):
    """Who hears what, when and how; a celebration is a communication of a success."""

    __tablename__ = "communication_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    audience: Mapped[str] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(60))
    send_on: Mapped[dt.date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    celebration: Mapped[bool] = mapped_column(Boolean, default=False)
    on_gantt: Mapped[bool] = mapped_column(Boolean, default=True)


class FeedbackItem(Base):
    """What staff, schools or partners said back (seed 000 step 7: when people don't see their
    feedback addressed, it creates distrust), linked to the action or communication that answers it,
    so a progress update pairs "You said" with "we did"."""

    __tablename__ = "feedback_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    # From a staff group, or from a school, a partner or families, in words.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("position_group.id", ondelete="SET NULL"))
    from_text: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(60), default="")
    said: Mapped[str] = mapped_column(Text)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("planned_action.id", ondelete="SET NULL"))
    communication_id: Mapped[int | None] = mapped_column(ForeignKey("communication_item.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class SchoolBreak(Base):
    """A break in the school year (winter, spring), shaded on the Gantt chart."""

    __tablename__ = "school_break"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
