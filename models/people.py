"""People named in the plan (the planning team and other participants) and team meetings."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base
from models.types import Boolean, Date, Time


class TeamRole(enum.StrEnum):
    LEAD = "lead"
    MEMBER = "member"


class Person(Base):
    """Anyone the plan names: a planning-team member, an action owner, a focus-group attendee.

    ``team_role`` is empty for people who are not on the planning team.
    """

    __tablename__ = "person"
    # The team has one lead point of contact (seed 000, step 1); the file itself enforces it.
    __table_args__ = (
        Index("uq_person_one_lead", "team_role", unique=True, sqlite_where=text("team_role = 'lead'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("position_group.id", ondelete="SET NULL")
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"))
    tenure_band: Mapped[str] = mapped_column(String(40), default="")
    # Self-described, optional, free text: the team decides what to record, if anything.
    demographics: Mapped[str] = mapped_column(String(400), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    team_role: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")


class Meeting(Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(String(400), default="")
    # Empty attendee list means "the whole team is invited".
    attendees: Mapped[list[MeetingAttendee]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class MeetingAttendee(Base):
    __tablename__ = "meeting_attendee"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
