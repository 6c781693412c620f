"""Readiness rounds: an instrument given on a date to respondents known only by a code."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Boolean, Date, DateTime, WholeNumber


class ReadinessInstrument(Base):
    """An instrument this plan uses or made: its full definition, as TOML text.

    A built-in instrument is copied here when a round first uses it, so the round keeps the
    items it was answered on even if a later version of the app rewords the built-in.
    """

    __tablename__ = "readiness_instrument"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20))  # "built_in" or "custom"
    definition: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReadinessRound(Base):
    """An instrument given on a date, with a label people recognise ("Fall 2026")."""

    __tablename__ = "readiness_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("readiness_instrument.id", ondelete="RESTRICT"))
    label: Mapped[str] = mapped_column(String(120))
    given_on: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReadinessRespondent(Base):
    """Someone who answered, by code only: never a name (their position group and team membership
    are what the results compare)."""

    __tablename__ = "readiness_respondent"
    __table_args__ = (UniqueConstraint("round_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("readiness_round.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    position_group_id: Mapped[int | None] = mapped_column(ForeignKey("position_group.id", ondelete="SET NULL"))
    on_team: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)
    # Added in version 9: so a round can say which schools and tenure bands nobody spoke for (seed
    # 000, step 2). Counted for representation only; results still compare by group and team.
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"))
    tenure_band: Mapped[str] = mapped_column(String(40), default="")


class ReadinessAnswer(Base):
    """One respondent's answer to one item: 1..N on the scale, or 0 for "don't know"."""

    __tablename__ = "readiness_answer"

    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("readiness_respondent.id", ondelete="CASCADE"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(WholeNumber)


class ReadinessRoundItem(Base):
    """An item as discussed in one round: its notes, and the record a candidate action sent from
    it points to (``candidate_action.source_id``)."""

    __tablename__ = "readiness_round_item"
    __table_args__ = (UniqueConstraint("round_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("readiness_round.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
