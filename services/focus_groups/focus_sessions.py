"""Focus-group sessions: planning one from a template, its attendees, agenda and invitation.

What the group said (aspirations, marks, ideas, ratings, proposals) is ``focus_results``. Every
edit of a session's rows can be undone through ``snapshot``/``restore``: a session is a few
hundred rows at most, and restoring them with their ids keeps the links candidate actions hold.

Long because each part of a session (attendees, agenda, invitation) has its edits and undo
beside it; what was said is ``focus_results``.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import (
    FocusActionMark,
    FocusAgendaItem,
    FocusAspiration,
    FocusAttendee,
    FocusIdea,
    FocusProposal,
    FocusRating,
    FocusSession,
    FocusSubgroup,
    Person,
    PositionGroup,
)
from models.focus_template import INVITATION_PLACEHOLDERS, FocusTemplate
from services import district_profile
from services.date_style import STYLE, DateStyle, style_for
from services.errors import InvalidInput
from services.focus_groups import focus_templates
from services.plan_records import next_number
from services.stored_values import text as stored_text
from services.stored_values import whole_number
from services.team import team_roster

MAX_MINUTES = 16 * 60
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class SessionRecord:
    id: int
    template_key: str
    title: str
    first_date: dt.date | None
    second_date: dt.date | None
    start_time: dt.time | None
    place: str
    facilitator: str
    booked_minutes: int
    notes: str
    # Seed 004's meeting intention: what the facilitator reads (empty: the template's sample) and
    # the group's own version; the group's answers on the framework.
    intention: str = ""
    group_intention: str = ""
    attributes_matter: str = ""
    attributes_change: str = ""

    def intention_read(self, template: FocusTemplate) -> str:
        """The intention the facilitator reads: the session's own, or the guide's sample."""
        return self.intention or template.intention

    @property
    def label(self) -> str:
        """How the session is named in other tabs: "Mental health staff focus group, Oct 14, 2026"."""
        return f"{self.title}, {STYLE.date(self.first_date)}" if self.first_date else self.title

    @property
    def dates_text(self) -> str:
        days = [d for d in (self.first_date, self.second_date) if d]
        text = " and ".join(STYLE.long(d) for d in days) or "date to be set"
        if self.start_time:
            text += f", {STYLE.time(self.start_time)}"
        return text


@dataclass(frozen=True)
class AttendeeRecord:
    id: int
    person_id: int
    name: str
    role_key: str
    role_name: str
    role_detail: str
    on_team: bool
    contact: str
    attended: bool


@dataclass(frozen=True)
class AgendaRecord:
    id: int
    title: str
    minutes: int


EDITABLE = {"title", "first_date", "second_date", "start_time", "place", "facilitator", "booked_minutes", "notes",
            "intention", "group_intention", "attributes_matter", "attributes_change"}
# Free text of a session, with the most each may hold.
TEXT_FIELDS = {"place": 200, "facilitator": 200, "notes": 10000, "intention": 4000, "group_intention": 4000,
               "attributes_matter": 4000, "attributes_change": 4000}
_TEXT_NAMES = {"place": "The place", "facilitator": "The facilitator's name", "notes": "The notes",
               "intention": "The meeting intention", "group_intention": "The group's intention",
               "attributes_matter": "Which attributes matter most", "attributes_change": "What the group would change"}


def stored_minutes(value: object) -> int:
    """Minutes read back from the plan: 1 to ``MAX_MINUTES``, or 0 (not known) for what another
    program wrote (-30, a million, 'an hour')."""
    return whole_number(value, 1, MAX_MINUTES) or 0


def _record(row: FocusSession) -> SessionRecord:
    return SessionRecord(row.id, row.template_key, row.title, row.first_date, row.second_date, row.start_time,
                         row.place, row.facilitator, stored_minutes(row.booked_minutes), stored_text(row.notes),
                         stored_text(row.intention), stored_text(row.group_intention),
                         stored_text(row.attributes_matter), stored_text(row.attributes_change))


def _row(session: Session, session_id: int) -> FocusSession:
    row = session.get(FocusSession, session_id)
    if row is None:
        raise InvalidInput("That focus-group session is no longer in the plan.")
    return row


def list_sessions(session: Session) -> list[SessionRecord]:
    rows = session.scalars(select(FocusSession).order_by(FocusSession.first_date.is_(None),
                                                         FocusSession.first_date, FocusSession.id))
    return [_record(r) for r in rows]


def get_session(session: Session, session_id: int) -> SessionRecord:
    return _record(_row(session, session_id))


def find_session(session: Session, wanted: str) -> SessionRecord:
    """A session by id, title or date (YYYY-MM-DD), for the command line."""
    sessions = list_sessions(session)
    text = wanted.strip()
    for s in sessions:
        if text == str(s.id) or text.casefold() == s.title.casefold() or (s.first_date and text == s.first_date.isoformat()):
            return s
    known = "; ".join(f"{s.id} ({s.label})" for s in sessions) or "there are none yet"
    raise InvalidInput(f"There is no focus-group session '{wanted}'. Sessions: {known}.")


def template_of(session: Session, session_id: int) -> FocusTemplate:
    row = _row(session, session_id)
    return focus_templates.parse_template(row.template_text, f"the template of session '{row.title}'")


def template_text(session: Session, session_id: int) -> str:
    """The text of the template a session keeps (what it was planned with)."""
    text = _row(session, session_id).template_text
    return text if isinstance(text, str) else ""


def template_titles(session: Session) -> dict[int, str]:
    """Each session's template by its title ("Retaining mental health staff"), as the screen names
    it: the key a template is stored under is for the program, not for people."""
    built_in = {text: t.title for t, text in focus_templates.built_in_templates()}  # read once, cached
    titles = {}
    for row in session.scalars(select(FocusSession)):
        try:
            titles[row.id] = built_in.get(row.template_text) or template_of(session, row.id).title
        except InvalidInput:
            titles[row.id] = "(template unreadable)"
    return titles


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise InvalidInput("A focus-group session needs a title.")
    if len(title) > 200:
        raise InvalidInput("A session's title can be at most 200 characters.")
    return title


def _check_minutes(minutes: object, what: str) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"{what} must be between 1 and {MAX_MINUTES} minutes.")
    return minutes


def create_session(session: Session, template_key: str, title: str | None = None, *,
                   first_date: dt.date | None = None, place: str = "", facilitator: str = "",
                   at: dt.datetime | None = None) -> SessionRecord:
    """A new session with the template's agenda; the template's text is kept with it."""
    template, text = focus_templates.get_template(template_key)
    row = FocusSession(template_key=template.key, template_text=text, title=_clean_title(title or template.title),
                       first_date=first_date, second_date=None, start_time=None, place=place.strip(),
                       facilitator=facilitator.strip(), booked_minutes=template.booked_minutes, notes="",
                       created_at=at or dt.datetime.now().replace(microsecond=0))
    session.add(row)
    session.flush()
    for n, item in enumerate(template.agenda):
        session.add(FocusAgendaItem(session_id=row.id, title=item.title, minutes=item.minutes, sort_order=n))
    session.flush()
    return _record(row)


def update_session(session: Session, session_id: int, **changes: object) -> dict[str, object]:
    """Change some fields; returns their old values (for undo)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidInput(f"Unknown session field: {', '.join(sorted(unknown))}.")
    row = _row(session, session_id)
    if "title" in changes:
        changes["title"] = _clean_title(str(changes["title"]))
    if "booked_minutes" in changes:
        changes["booked_minutes"] = _check_minutes(changes["booked_minutes"], "The time booked")
    for key, most in TEXT_FIELDS.items():
        if key in changes:
            changes[key] = str(changes[key] or "").strip()
            if len(changes[key]) > most:
                raise InvalidInput(f"{_TEXT_NAMES[key]} can be at most {most} characters.")
    if changes.get("intention") and " ".join(changes["intention"].split()) == " ".join(
            template_of(session, session_id).intention.split()):
        changes["intention"] = ""  # the guide's sample as it is: stored as "the sample"
    first = changes.get("first_date", row.first_date)
    second = changes.get("second_date", row.second_date)
    if second is not None and (first is None or second <= first):
        raise InvalidInput("The second date must come after the first.")
    old = {key: getattr(row, key) for key in changes}
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return old


# ---- undo: a whole session's rows ------------------------------------------------------------

_CHILDREN = (FocusAttendee, FocusAgendaItem, FocusAspiration, FocusActionMark, FocusIdea, FocusSubgroup,
             FocusProposal)


@dataclass(frozen=True)
class SessionSnapshot:
    session_row: dict
    children: tuple[tuple[type, tuple[dict, ...]], ...]
    ratings: tuple[dict, ...]


def _values(row: object) -> dict:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


def snapshot(session: Session, session_id: int) -> SessionSnapshot:
    row = _row(session, session_id)
    children = tuple((cls, tuple(_values(r) for r in session.scalars(select(cls).where(cls.session_id == session_id))))
                     for cls in _CHILDREN)
    subgroups = select(FocusSubgroup.id).where(FocusSubgroup.session_id == session_id)
    ratings = tuple(_values(r) for r in session.scalars(select(FocusRating).where(FocusRating.subgroup_id.in_(subgroups))))
    return SessionSnapshot(_values(row), children, ratings)


def restore(session: Session, snap: SessionSnapshot) -> None:
    """Put a session back exactly as it was (ids included), replacing whatever it has now."""
    session_id = snap.session_row["id"]
    existing = session.get(FocusSession, session_id)
    if existing is not None:
        session.delete(existing)
        session.flush()
    session.add(FocusSession(**snap.session_row))
    session.flush()
    people = set(session.scalars(select(Person.id)))
    for cls, rows in snap.children:
        for values in rows:
            if cls is FocusAttendee and values["person_id"] not in people:
                continue  # the person was removed from the plan since; they can't come back here
            session.add(cls(**values))
    session.flush()
    for values in snap.ratings:
        session.add(FocusRating(**values))
    session.flush()


def delete_session(session: Session, session_id: int) -> SessionSnapshot:
    snap = snapshot(session, session_id)
    # Delete children explicitly: SQLite only cascades when foreign keys are on for the connection.
    subgroups = select(FocusSubgroup.id).where(FocusSubgroup.session_id == session_id)
    session.execute(delete(FocusRating).where(FocusRating.subgroup_id.in_(subgroups)))
    for cls in _CHILDREN:
        session.execute(delete(cls).where(cls.session_id == session_id))
    session.delete(_row(session, session_id))
    session.flush()
    return snap


# ---- attendees -------------------------------------------------------------------------------

def list_attendees(session: Session, session_id: int) -> list[AttendeeRecord]:
    template = template_of(session, session_id)
    roles = {r.key: r.name for r in template.roles}
    rows = session.execute(
        select(FocusAttendee, Person).join(Person, Person.id == FocusAttendee.person_id)
        .where(FocusAttendee.session_id == session_id).order_by(FocusAttendee.sort_order, FocusAttendee.id))
    return [AttendeeRecord(a.id, p.id, p.name, a.role_key, roles.get(a.role_key, a.role_key), a.role_detail,
                           p.team_role is not None, p.contact, a.attended) for a, p in rows]


def _check_role(template: FocusTemplate, role_key: str) -> str:
    if role_key and role_key not in {r.key for r in template.roles}:
        raise InvalidInput(f"'{role_key}' is not a role in {template.title}: "
                           f"{', '.join(r.name for r in template.roles)}.")
    return role_key


def add_attendee(session: Session, session_id: int, person_id: int, role_key: str = "",
                 role_detail: str = "") -> AttendeeRecord:
    template = template_of(session, session_id)
    if session.get(Person, person_id) is None:
        raise InvalidInput("That person is no longer in the plan.")
    if session.scalar(select(FocusAttendee.id).where(FocusAttendee.session_id == session_id,
                                                     FocusAttendee.person_id == person_id)):
        raise InvalidInput("That person is already invited to this session.")
    order = next_number(session, FocusAttendee.sort_order, FocusAttendee.session_id == session_id)
    row = FocusAttendee(session_id=session_id, person_id=person_id, role_key=_check_role(template, role_key),
                        role_detail=role_detail.strip()[:200], attended=False, sort_order=order)
    session.add(row)
    session.flush()
    return next(a for a in list_attendees(session, session_id) if a.id == row.id)


def add_new_attendee(session: Session, session_id: int, name: str, role_key: str = "",
                     role_detail: str = "", position_group_id: int | None = None) -> AttendeeRecord:
    """Invite someone who isn't in the plan yet: they are added as a person, not to the team, in
    ``position_group_id`` (so their usual hours are known and checked against the session's)."""
    template_of(session, session_id)  # refuse before adding the person
    person = team_roster.add_person(session, name, position_group_id=position_group_id)
    return add_attendee(session, session_id, person.id, role_key, role_detail)


def update_attendee(session: Session, attendee_id: int, **changes: object) -> dict[str, object]:
    row = session.get(FocusAttendee, attendee_id)
    if row is None:
        raise InvalidInput("That attendee is no longer on the list.")
    unknown = set(changes) - {"role_key", "role_detail", "attended"}
    if unknown:
        raise InvalidInput(f"Unknown attendee field: {', '.join(sorted(unknown))}.")
    if "role_key" in changes:
        changes["role_key"] = _check_role(template_of(session, row.session_id), str(changes["role_key"] or ""))
    if "role_detail" in changes:
        changes["role_detail"] = str(changes["role_detail"] or "").strip()[:200]
    if "attended" in changes:
        changes["attended"] = bool(changes["attended"])
    old = {key: getattr(row, key) for key in changes}
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    return old


def remove_attendee(session: Session, attendee_id: int) -> None:
    row = session.get(FocusAttendee, attendee_id)
    if row is None:
        raise InvalidInput("That attendee is no longer on the list.")
    session.delete(row)
    session.flush()


def missing_roles(template: FocusTemplate, attendees: list[AttendeeRecord]) -> list[str]:
    """The roles the template asks for that nobody invited covers (optional roles aside)."""
    covered = {a.role_key for a in attendees}
    return [r.name for r in template.roles if not r.optional and r.key not in covered]


def invitable_people(session: Session, session_id: int) -> list[tuple[int, str, bool]]:
    """Everyone on People not yet invited, on the team or not: (id, how to show them, on the team),
    team first. Someone beyond the team is shown with who they are ("Carmen Ortiz, Community
    partner, Maple Hollow Community Health Center"; staff by their position group), so the right
    person is picked for a role."""
    invited = set(session.scalars(select(FocusAttendee.person_id).where(FocusAttendee.session_id == session_id)))
    groups = {g.id: g.name for g in session.scalars(select(PositionGroup))}
    people = sorted(team_roster.list_people(session), key=lambda p: (not p.on_team, p.name.casefold(), p.id))
    return [(p.id, _described(p, groups), p.on_team) for p in people if p.id not in invited]


def _described(p: team_roster.PersonRecord, groups: dict[int, str]) -> str:
    if p.on_team:
        return p.name
    about = [groups.get(p.position_group_id, "")] if p.kind == "staff" else [p.kind_label, p.organisation]
    about = [x for x in about if x]
    return f"{p.name}, {', '.join(about)}" if about else p.name


# ---- agenda ----------------------------------------------------------------------------------

def list_agenda(session: Session, session_id: int) -> list[AgendaRecord]:
    rows = session.scalars(select(FocusAgendaItem).where(FocusAgendaItem.session_id == session_id)
                           .order_by(FocusAgendaItem.sort_order, FocusAgendaItem.id))
    return [AgendaRecord(r.id, r.title, stored_minutes(r.minutes)) for r in rows]


def _agenda_row(session: Session, item_id: int) -> FocusAgendaItem:
    row = session.get(FocusAgendaItem, item_id)
    if row is None:
        raise InvalidInput("That agenda item is no longer there.")
    return row


def add_agenda_item(session: Session, session_id: int, title: str, minutes: int, after_id: int | None = None
                    ) -> AgendaRecord:
    _row(session, session_id)
    title = (title or "").strip()
    if not title:
        raise InvalidInput("An agenda item needs a title.")
    items = list_agenda(session, session_id)
    position = next((n + 1 for n, a in enumerate(items) if a.id == after_id), len(items))
    row = FocusAgendaItem(session_id=session_id, title=title[:300], minutes=_check_minutes(minutes, "An agenda item"),
                          sort_order=position)
    session.add(row)
    session.flush()
    ids = [a.id for a in items]
    ids.insert(position, row.id)
    _renumber(session, ids)
    return AgendaRecord(row.id, row.title, row.minutes)


def _renumber(session: Session, ids: list[int]) -> None:
    for n, item_id in enumerate(ids):
        session.get(FocusAgendaItem, item_id).sort_order = n
    session.flush()


def update_agenda_item(session: Session, item_id: int, *, title: str | None = None, minutes: int | None = None) -> None:
    row = _agenda_row(session, item_id)
    if title is not None:
        if not title.strip():
            raise InvalidInput("An agenda item needs a title.")
        row.title = title.strip()[:300]
    if minutes is not None:
        row.minutes = _check_minutes(minutes, "An agenda item")
    session.flush()


def move_agenda_item(session: Session, item_id: int, step: int) -> None:
    row = _agenda_row(session, item_id)
    ids = [a.id for a in list_agenda(session, row.session_id)]
    n = ids.index(item_id)
    target = max(0, min(len(ids) - 1, n + step))
    ids.insert(target, ids.pop(n))
    _renumber(session, ids)


def remove_agenda_item(session: Session, item_id: int) -> None:
    session.delete(_agenda_row(session, item_id))
    session.flush()


@dataclass(frozen=True)
class AgendaTiming:
    total: int
    booked: int

    @property
    def over_by(self) -> int:
        return max(0, self.total - self.booked)

    @property
    def text(self) -> str:
        text = f"{self.total} minutes planned of {self.booked} booked"
        if self.over_by:
            text += f": {self.over_by} minutes over. Shorten an item or book more time."
        return text


def timing_of(agenda: Iterable[AgendaRecord], booked_minutes: int) -> AgendaTiming:
    """The agenda's minutes added up against the time booked, from rows already read (the window
    has them loaded); ``agenda_timing`` reads them first."""
    return AgendaTiming(sum(a.minutes for a in agenda), booked_minutes)


def agenda_timing(session: Session, session_id: int) -> AgendaTiming:
    return timing_of(list_agenda(session, session_id), get_session(session, session_id).booked_minutes)


# ---- invitation ------------------------------------------------------------------------------

def _duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and not rest:
        return "one-hour" if hours == 1 else f"{_WORDS.get(hours, str(hours))}-hour"
    return f"{minutes}-minute"


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@dataclass(frozen=True)
class Invitation:
    subject: str
    body: str
    recipients: tuple[str, ...]

    @property
    def mailto(self) -> str:
        """A mailto: link the user's own mail app opens; WellPlan never sends anything itself."""
        query = urllib.parse.urlencode({"subject": self.subject, "body": self.body}, quote_via=urllib.parse.quote)
        return f"mailto:{','.join(urllib.parse.quote(r, safe='@') for r in self.recipients)}?{query}"


# What each placeholder stands for, where a letter leaves it to be written in ("[date]").
INVITATION_BLANKS = {"district": "district", "date": "date", "place": "place", "duration": "length",
                     "facilitator": "your name"}


def session_dates(record: SessionRecord, style: DateStyle) -> str | None:
    """When the session meets, in the district's style: "Wednesday, October 14, 2026, 1:00 PM–3:00 PM";
    None while no date is set. One day with a start time gives the time booked as a range."""
    days = [d for d in (record.first_date, record.second_date) if d]
    if not days:
        return None
    text = " and ".join(style.long(d) for d in days)
    start = record.start_time
    if start and len(days) == 1 and record.booked_minutes:
        end = (dt.datetime.combine(days[0], start) + dt.timedelta(minutes=record.booked_minutes))
        text += ", " + (style.times(start, end.time()) if end.date() == days[0] else style.time(start))
    elif start:
        text += ", " + style.time(start)
    return text


def invitation_values(template: FocusTemplate, district: str, record: SessionRecord | None,
                      style: DateStyle) -> dict[str, str | None]:
    """What the plan knows for each placeholder of the invitation; None where it is to be written in.
    Without a session (a blank guide) only the district and the template's length are known."""
    minutes = record.booked_minutes if record is not None else template.booked_minutes
    values: dict[str, str | None] = {"district": district.strip() or None,
                                     "duration": _duration_text(minutes) if minutes else None,
                                     "date": None, "place": None, "facilitator": None}
    if record is not None:
        values.update(date=session_dates(record, style), place=record.place or None,
                      facilitator=record.facilitator or None)
    return values


def fill_invitation(template: FocusTemplate, values: dict[str, str | None],
                    blank: Callable[[str], str]) -> tuple[str, str]:
    """The template's subject and body with ``values`` filled in and ``blank(key)`` for each
    unknown one (a ruled line on paper, "[date]" in an e-mail), so no placeholder is left."""
    filled = {key: values.get(key) or blank(key) for key in INVITATION_PLACEHOLDERS}
    return template.invitation_subject.format(**filled), template.invitation_body.format(**filled)


def invitation(session: Session, session_id: int) -> Invitation:
    """The e-mail inviting a session's attendees: unknown details stay as "[date]" to type over."""
    template = template_of(session, session_id)
    profile = district_profile.get_profile(session)
    values = invitation_values(template, profile.name, get_session(session, session_id), style_for(profile))
    subject, body = fill_invitation(template, values, lambda key: f"[{INVITATION_BLANKS[key]}]")
    recipients = tuple(a.contact for a in list_attendees(session, session_id) if _EMAIL.match(a.contact or ""))
    return Invitation(subject, body, recipients)
