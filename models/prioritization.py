"""Ratings behind the priority matrix: who rated, what they said, and the ranking criteria."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import WholeNumber


class Rater(Base):
    """A person or a subgroup that rates candidate actions ("Subgroup A: great organization")."""

    __tablename__ = "rater"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class ActionRating(Base):
    """One rater's estimate of an action's impact and ease of implementation, each 1-5."""

    __tablename__ = "action_rating"
    __table_args__ = (UniqueConstraint("action_id", "rater_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("candidate_action.id", ondelete="CASCADE"))
    rater_id: Mapped[int] = mapped_column(ForeignKey("rater.id", ondelete="CASCADE"))
    impact: Mapped[int | None] = mapped_column(WholeNumber)
    ease: Mapped[int | None] = mapped_column(WholeNumber)


class CriterionScore(Base):
    """An action's score (1-5) on one extra ranking criterion (importance, cost, ...)."""

    __tablename__ = "criterion_score"

    action_id: Mapped[int] = mapped_column(ForeignKey("candidate_action.id", ondelete="CASCADE"), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(20), primary_key=True)
    score: Mapped[int] = mapped_column(WholeNumber)


class ActionServedGroup(Base):
    """A staff group an action is meant to serve (equity: who benefits)."""

    __tablename__ = "action_served_group"

    action_id: Mapped[int] = mapped_column(ForeignKey("candidate_action.id", ondelete="CASCADE"), primary_key=True)
    position_group_id: Mapped[int] = mapped_column(ForeignKey("position_group.id", ondelete="CASCADE"),
                                                   primary_key=True)


class PrioritizationSetting(Base):
    """Plan-wide matrix settings (midpoints, criterion weights); a missing key means the default."""

    __tablename__ = "prioritization_setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
