"""Focus-group sessions planned from a template, and what the group said and decided.

A session keeps the text of its template (``template_text``) so what it recorded stays readable
if a later release rewords the shipped template. Example actions are named by their template key
("7.2"); brainstormed ideas and proposals are rows of their own, so a candidate action can point
at exactly the record it came from.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.types import Boolean, Date, DateTime, Time, WholeNumber


class FocusSession(Base):
    __tablename__ = "focus_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_key: Mapped[str] = mapped_column(String(60))
    template_text: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(200))
    first_date: Mapped[dt.date | None] = mapped_column(Date)
    # Seed 004: two shorter sessions can replace one long one.
    second_date: Mapped[dt.date | None] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    booked_minutes: Mapped[int] = mapped_column(WholeNumber)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Added in version 10 (seed 004): the meeting intention the facilitator reads (the guide's
    # sample unless changed) and the group's own version of it; the group's answers on the
    # framework: which attributes matter most, and what they would add or remove.
    intention: Mapped[str] = mapped_column(Text, default="")
    group_intention: Mapped[str] = mapped_column(Text, default="")
    attributes_matter: Mapped[str] = mapped_column(Text, default="")
    attributes_change: Mapped[str] = mapped_column(Text, default="")


class FocusAttendee(Base):
    """Someone invited, by the role the template asks for ("School counselor(s)")."""

    __tablename__ = "focus_attendee"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role_key: Mapped[str] = mapped_column(String(60), default="")
    role_detail: Mapped[str] = mapped_column(String(200), default="")  # "Other: behaviour specialist"
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class FocusAgendaItem(Base):
    __tablename__ = "focus_agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    minutes: Mapped[int] = mapped_column(WholeNumber)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class FocusAspiration(Base):
    """Where we are now and where we want to be, for one attribute of the framework."""

    __tablename__ = "focus_aspiration"

    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"), primary_key=True)
    attribute_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    now_text: Mapped[str] = mapped_column(Text, default="")
    want_text: Mapped[str] = mapped_column(Text, default="")


class FocusActionMark(Base):
    """The group's two checkboxes on one example action: the district does this / explore further."""

    __tablename__ = "focus_action_mark"
    __table_args__ = (UniqueConstraint("session_id", "action_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"))
    action_key: Mapped[str] = mapped_column(String(20))
    does_this: Mapped[bool] = mapped_column(Boolean, default=False)
    explore: Mapped[bool] = mapped_column(Boolean, default=False)
    # Added in version 10: the guide's bold reminder as a check, with what limits it.
    contract_limited: Mapped[bool] = mapped_column(Boolean, default=False)
    contract_note: Mapped[str] = mapped_column(Text, default="")


class FocusIdea(Base):
    """A brainstormed action under one attribute: already taken, or one the district could take."""

    __tablename__ = "focus_idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"))
    attribute_key: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))  # "taken" or "could"
    text: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)
    # Added in version 10: limited by a contract or collective bargaining, and how.
    contract_limited: Mapped[bool] = mapped_column(Boolean, default=False)
    contract_note: Mapped[str] = mapped_column(Text, default="")


class FocusSubgroup(Base):
    """A subgroup that rated impact and ease (seed 004 suggests one per attribute)."""

    __tablename__ = "focus_subgroup"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)


class FocusRating(Base):
    """One subgroup's impact and ease (1-5) for an example action or a brainstormed idea."""

    __tablename__ = "focus_rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    subgroup_id: Mapped[int] = mapped_column(ForeignKey("focus_subgroup.id", ondelete="CASCADE"))
    action_key: Mapped[str | None] = mapped_column(String(20))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("focus_idea.id", ondelete="CASCADE"))
    impact: Mapped[int | None] = mapped_column(WholeNumber)
    ease: Mapped[int | None] = mapped_column(WholeNumber)


class FocusProposal(Base):
    """A high-priority idea for decision makers: Do it now! or Do it next, with owner and deadline."""

    __tablename__ = "focus_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("focus_session.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(10))  # "now" or "next"
    idea: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[str] = mapped_column(String(120), default="")
    sort_order: Mapped[int] = mapped_column(WholeNumber, default=0)
    # Added in version 9: the rated idea or example action it restates, so it reaches Priorities
    # as that one candidate, placed from the group's ratings.
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("focus_idea.id", ondelete="SET NULL"))
    action_key: Mapped[str | None] = mapped_column(String(20))


class ProviderNeed(Base):
    """The district's own need for one type of provider a focus template invites (seed 004:
    "consider the district's need for different types of mental health support staff"), by the
    template's role: open positions, how hard the role is to fill (1 = hardest) and the share of
    students it serves, in percent."""

    __tablename__ = "provider_need"
    __table_args__ = (UniqueConstraint("template_key", "role_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_key: Mapped[str] = mapped_column(String(60))
    role_key: Mapped[str] = mapped_column(String(60))
    vacancies: Mapped[int | None] = mapped_column(WholeNumber)
    hard_to_fill_rank: Mapped[int | None] = mapped_column(WholeNumber)
    student_share: Mapped[int | None] = mapped_column(WholeNumber)
    note: Mapped[str] = mapped_column(Text, default="")
