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


class MeetingPurpose(enum.StrEnum):
    """What a team meeting is for (seed 000 step 1: the team meets for its own functioning, to read
    data and set priorities, and to write the equity-focused action plan)."""

    TEAM = "team"
    DATA = "data"
    PLAN = "plan"
    OTHER = "other"


class PersonKind(enum.StrEnum):
    """Who someone is to the district (seed 003 names leaders, partners, families and students)."""

    STAFF = "staff"
    PARTNER = "partner"
    FAMILY = "family"
    STUDENT = "student"
    OTHER = "other"


class Person(Base):
    """Anyone the plan involves: a planning-team member, an action owner, a focus-group attendee,
    an affected staff member, a partner, a family member or a student.

    ``team_role`` is empty for people who are not on the planning team: the team is a filter of
    the people. ``contact`` is kept only in the plan file.
    """

    __tablename__ = "person"
    # The team has one lead point of contact (seed 000, step 1); the database itself enforces it,
    # in a plan file and on a district server alike (each dialect names its partial index apart).
    __table_args__ = (
        Index("uq_person_one_lead", "team_role", unique=True, sqlite_where=text("team_role = 'lead'"),
              postgresql_where=text("team_role = 'lead'")),
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
    # Added in version 9 (everyone who takes part, seed 000 and 003): staff, partner, family,
    # student or other (``PersonKind``); a partner's or provider's organisation; the hours this
    # person can meet when they differ from their position group's (part-time, split shifts); and
    # the release time or adjusted duties that make room for the team's work (seed 000, step 1).
    kind: Mapped[str] = mapped_column(String(20), default="staff")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    meets_from: Mapped[dt.time | None] = mapped_column(Time)
    meets_until: Mapped[dt.time | None] = mapped_column(Time)
    release_note: Mapped[str] = mapped_column(Text, default="")


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


class MeetingPurposeMark(Base):
    """One of a meeting's purposes (``MeetingPurpose``); added in version 10."""

    __tablename__ = "meeting_purpose"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20), primary_key=True)


class MeetingAttendee(Base):
    __tablename__ = "meeting_attendee"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
