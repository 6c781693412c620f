"""The district profile: one district row, its schools and its staff by position group."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Date, Time, WholeNumber


class District(Base):
    """The one district a plan file is about (always id 1)."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    school_year: Mapped[str] = mapped_column(String(40), default="")
    year_start: Mapped[dt.date | None] = mapped_column(Date)
    year_end: Mapped[dt.date | None] = mapped_column(Date)
    # Results for groups smaller than this are never shown (see services/district_profile.py).
    min_group_size: Mapped[int] = mapped_column(WholeNumber, default=5)
    paper_size: Mapped[str] = mapped_column(String(10), default="letter")
    # Added in version 9: the team's conclusions on the year as a whole (the year-end review).
    year_conclusions: Mapped[str] = mapped_column(Text, default="")


class School(Base):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(40), default="")
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class PositionGroup(Base):
    """A group of staff by position (teachers, food service, ...) with its headcount and usual hours."""

    __tablename__ = "position_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    headcount: Mapped[int] = mapped_column(WholeNumber, default=0)
    # Typical working hours; meetings outside them are flagged for this group's team members.
    shift_start: Mapped[dt.time | None] = mapped_column(Time)
    shift_end: Mapped[dt.time | None] = mapped_column(Time)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)

