"""The planning team: who is on it, in which role, and the one lead point of contact (seed 000, step 1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    CommunicationItem,
    FindingReader,
    FocusAttendee,
    MeetingAttendee,
    ObjectivePerson,
    Person,
    PersonKind,
    PlannedAction,
    PositionGroup,
    School,
    TeamRole,
)
from services.errors import InvalidInput
from services.plan_records import counted_sentences
from services.stored_values import choice
from services.stored_values import text as stored_text
from services.wording import counted

TENURE_BANDS = (
    "Less than 1 year",
    "1-4 years",
    "5-9 years",
    "10-19 years",
    "20 years or more",
)
TEAM_ROLES = {TeamRole.LEAD.value: "Lead point of contact", TeamRole.MEMBER.value: "Member"}
NOT_ON_TEAM = "Not on the team"
# Who someone is to the district (seed 003 names leaders, partners, families and students).
KINDS = {
    PersonKind.STAFF.value: "Staff",
    PersonKind.PARTNER.value: "Community partner",
    PersonKind.FAMILY.value: "Family member",
    PersonKind.STUDENT.value: "Student",
    PersonKind.OTHER.value: "Other",
}
TEXT_LIMITS = {"demographics": 400, "contact": 200, "organisation": 200, "release_note": 2000, "notes": 4000}
EDITABLE_FIELDS = (
    "name",
    "position_group_id",
    "school_id",
    "tenure_band",
    "demographics",
    "contact",
    "team_role",
    "notes",
    "kind",
    "organisation",
    "meets_from",
    "meets_until",
    "release_note",
)


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    position_group_id: int | None
    school_id: int | None
    tenure_band: str
    demographics: str
    contact: str
    team_role: str | None
    notes: str
    kind: str = PersonKind.STAFF.value
    organisation: str = ""
    meets_from: dt.time | None = None  # the hours this person can meet, when not their group's
    meets_until: dt.time | None = None
    release_note: str = ""  # release time or adjusted duties for the team's work

    @property
    def is_lead(self) -> bool:
        return self.team_role == TeamRole.LEAD.value

    @property
    def on_team(self) -> bool:
        return self.team_role is not None

    @property
    def has_own_hours(self) -> bool:
        return self.meets_from is not None and self.meets_until is not None

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def role_label(self) -> str:
        return TEAM_ROLES.get(self.team_role or "", NOT_ON_TEAM)


@dataclass(frozen=True)
class FocusPlace:
    """A removed person's place on a focus session's attendee list, to put back as it was."""

    id: int
    session_id: int
    role_key: str
    role_detail: str
    attended: bool
    sort_order: int


@dataclass(frozen=True)
class RemovedPerson:
    """Enough to put a removed person back exactly: the meetings they were invited to, the actions
    and communications they owned, their focus-session places, the objectives naming them and the
    findings they read (the file drops or empties all of these when the person goes)."""

    person: PersonRecord
    meetings: tuple[tuple[int, bool], ...]  # (meeting id, attended)
    owned_actions: tuple[int, ...] = ()
    owned_communications: tuple[int, ...] = ()
    focus_places: tuple[FocusPlace, ...] = ()
    objectives: tuple[int, ...] = ()
    findings_read: tuple[int, ...] = ()  # survey findings they took part in reading


def _time(value: object) -> dt.time | None:
    return value if isinstance(value, dt.time) else None


def _record(p: Person) -> PersonRecord:
    # Read defensively: a plan file is data from anywhere (another program may have written a role
    # or a kind WellPlan never writes, or text where a time belongs).
    meets_from, meets_until = _time(p.meets_from), _time(p.meets_until)
    if meets_from is not None and meets_until is not None and meets_from >= meets_until:
        meets_from = meets_until = None
    return PersonRecord(
        p.id, stored_text(p.name), p.position_group_id, p.school_id, stored_text(p.tenure_band),
        stored_text(p.demographics), stored_text(p.contact), choice(p.team_role, TEAM_ROLES, None),
        stored_text(p.notes),
        kind=choice(p.kind, KINDS, PersonKind.STAFF.value), organisation=stored_text(p.organisation),
        meets_from=meets_from, meets_until=meets_until, release_note=stored_text(p.release_note),
    )


def list_team(session: Session) -> list[PersonRecord]:
    """Team members in the order they were added (the table sorts them as the user likes)."""
    rows = session.scalars(select(Person).where(Person.team_role.is_not(None)).order_by(Person.id))
    return [r for r in map(_record, rows) if r.on_team]  # a role WellPlan never writes is no role


def list_people(session: Session) -> list[PersonRecord]:
    # By name in code-point order, sorted here: a plan file's database sorts text that way, and a
    # district server by its own locale ("apple" before "Banana"), so the lists would differ.
    return [_record(p) for p in sorted(session.scalars(select(Person)), key=lambda p: (p.name, p.id))]


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InvalidInput("That person is no longer in the plan.")
    return person


def find_lead(session: Session) -> PersonRecord | None:
    lead = session.scalar(select(Person).where(Person.team_role == TeamRole.LEAD.value))
    return _record(lead) if lead else None


def _validate(session: Session, values: dict) -> None:
    if "name" in values:
        name = (values["name"] or "").strip()
        if not name:
            raise InvalidInput("A person needs a name.")
        if len(name) > 200:
            raise InvalidInput("A name can be at most 200 characters.")
        values["name"] = name
    if values.get("position_group_id") is not None and session.get(PositionGroup, values["position_group_id"]) is None:
        raise InvalidInput("That position group is no longer in the plan.")
    if values.get("school_id") is not None and session.get(School, values["school_id"]) is None:
        raise InvalidInput("That school is no longer in the plan.")
    band = values.get("tenure_band")
    if band and band not in TENURE_BANDS:
        raise InvalidInput(f"Tenure must be one of: {', '.join(TENURE_BANDS)}.")
    role = values.get("team_role")
    if role is not None and role not in TEAM_ROLES:
        raise InvalidInput("A team role is either lead or member.")
    if "kind" in values:
        values["kind"] = values["kind"] or PersonKind.STAFF.value
        if values["kind"] not in KINDS:
            raise InvalidInput(f"Who someone is must be one of: {', '.join(KINDS.values())}.")
    for key in ("meets_from", "meets_until"):
        if values.get(key) is not None and not isinstance(values[key], dt.time):
            raise InvalidInput("The hours someone can meet are times of day, such as 7:30 AM.")
    for key in ("demographics", "contact", "notes", "tenure_band", "organisation", "release_note"):
        if key in values:
            values[key] = (values[key] or "").strip()
            if len(values[key]) > TEXT_LIMITS.get(key, 400):
                raise InvalidInput(f"That is too long: keep it to {TEXT_LIMITS.get(key, 400):,} characters.")


def _check_hours(meets_from: dt.time | None, meets_until: dt.time | None) -> None:
    """Own hours are a span: both ends, the end after the start (one end alone is still being typed)."""
    if meets_from is not None and meets_until is not None and meets_from >= meets_until:
        raise InvalidInput("The hours someone can meet must end after they start.")


def add_person(session: Session, name: str, **fields: object) -> PersonRecord:
    """Add someone the plan names (an action owner, a focus-group attendee). They join the
    planning team only if ``team_role`` is given ('member' or 'lead')."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown person field: {', '.join(sorted(unknown))}.")
    values = {"team_role": None, **fields, "name": name}
    _validate(session, values)
    _check_hours(values.get("meets_from"), values.get("meets_until"))
    wants_lead = values["team_role"] == TeamRole.LEAD.value
    if wants_lead:
        values["team_role"] = TeamRole.MEMBER.value  # set_lead below demotes any other lead first
    blank = {"tenure_band": "", "demographics": "", "contact": "", "notes": "", "kind": PersonKind.STAFF.value,
             "organisation": "", "release_note": ""}
    person = Person(**{**blank, **values})
    session.add(person)
    session.flush()
    if wants_lead:
        set_lead(session, person.id)
    return _record(person)


def add_member(session: Session, name: str, **fields: object) -> PersonRecord:
    """Add someone to the planning team (as a member unless ``team_role='lead'``)."""
    return add_person(session, name, **{"team_role": TeamRole.MEMBER.value, **fields})


def update_person(session: Session, person_id: int, **changes: object) -> PersonRecord:
    """Change some fields; returns the record as it was. Making someone lead demotes the old lead."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown person field: {', '.join(sorted(unknown))}.")
    person = _person(session, person_id)
    before = _record(person)
    _validate(session, changes)
    _check_hours(changes.get("meets_from", before.meets_from), changes.get("meets_until", before.meets_until))
    role = changes.pop("team_role", before.team_role)
    for key, value in changes.items():
        setattr(person, key, value)
    if role == TeamRole.LEAD.value and not before.is_lead:
        set_lead(session, person_id)
    elif role != TeamRole.LEAD.value:
        person.team_role = role
    return before


def set_lead(session: Session, person_id: int | None) -> int | None:
    """Make one person the lead point of contact (others become members); returns the old lead's id."""
    old = find_lead(session)
    if old is not None:
        session.get(Person, old.id).team_role = TeamRole.MEMBER.value
    if person_id is not None:
        person = _person(session, person_id)
        # Flush the demotion first: the partial unique index allows only one lead.
        session.flush()
        person.team_role = TeamRole.LEAD.value
    session.flush()
    return old.id if old else None


def what_goes_with_member(session: Session, person_id: int) -> list[str]:
    """What else changes if this person is removed, each a sentence ("2 actions Maria owns will
    have no owner."); empty when nothing in the plan points at them."""
    person = _person(session, person_id)
    name = person.name
    return counted_sentences(session, person_id, (
        (PlannedAction.owner_id, lambda n: f"{counted(n, 'action')} {name} owns will have no owner."),
        (CommunicationItem.owner_id, lambda n: f"{counted(n, 'communication')} {name} is responsible for will "
                                               "have no owner."),
        (MeetingAttendee.person_id, lambda n: f"{name} will be taken off the invitations to {counted(n, 'meeting')}."),
        (FocusAttendee.person_id, lambda n: f"The record that {name} attended {counted(n, 'focus session')} goes.",
         FocusAttendee.attended.is_(True)),
        (FocusAttendee.person_id, lambda n: f"{name} will be taken off the attendee list of "
                                            f"{counted(n, 'focus session')}.", FocusAttendee.attended.is_not(True)),
        (ObjectivePerson.person_id, lambda n: f"{counted(n, 'objective')} will no longer name {name} among the "
                                              "people involved."),
        (FindingReader.person_id, lambda n: f"{counted(n, 'survey finding')} will no longer name {name} among "
                                            "those who read it."),
    ))


def remove_person(session: Session, person_id: int) -> RemovedPerson:
    person = _person(session, person_id)
    meetings = tuple(
        (a.meeting_id, a.attended)
        for a in session.scalars(select(MeetingAttendee).where(MeetingAttendee.person_id == person_id))
    )
    places = tuple(
        FocusPlace(a.id, a.session_id, a.role_key, a.role_detail, bool(a.attended), a.sort_order)
        for a in session.scalars(select(FocusAttendee).where(FocusAttendee.person_id == person_id))
    )
    removed = RemovedPerson(
        _record(person), meetings,
        owned_actions=tuple(session.scalars(select(PlannedAction.id).where(PlannedAction.owner_id == person_id))),
        owned_communications=tuple(
            session.scalars(select(CommunicationItem.id).where(CommunicationItem.owner_id == person_id))),
        focus_places=places,
        objectives=tuple(session.scalars(select(ObjectivePerson.objective_id)
                                         .where(ObjectivePerson.person_id == person_id))),
        findings_read=tuple(session.scalars(select(FindingReader.finding_id)
                                            .where(FindingReader.person_id == person_id))),
    )
    session.delete(person)
    session.flush()
    return removed


def restore_person(session: Session, removed: RemovedPerson) -> None:
    r = removed.person
    session.add(
        Person(
            id=r.id, name=r.name, position_group_id=r.position_group_id, school_id=r.school_id,
            tenure_band=r.tenure_band, demographics=r.demographics, contact=r.contact,
            team_role=r.team_role, notes=r.notes, kind=r.kind, organisation=r.organisation,
            meets_from=r.meets_from, meets_until=r.meets_until, release_note=r.release_note,
        )
    )
    session.flush()
    for meeting_id, attended in removed.meetings:
        session.add(MeetingAttendee(meeting_id=meeting_id, person_id=r.id, attended=attended))
    for place in removed.focus_places:
        session.add(FocusAttendee(id=place.id, session_id=place.session_id, person_id=r.id, role_key=place.role_key,
                                  role_detail=place.role_detail, attended=place.attended, sort_order=place.sort_order))
    for objective_id in removed.objectives:
        session.add(ObjectivePerson(objective_id=objective_id, person_id=r.id))
    for finding_id in removed.findings_read:
        session.add(FindingReader(finding_id=finding_id, person_id=r.id))
    # Each owned record gets its owner back one by one, as an edit of that record (so it counts as
    # a change: another planner's edit of it is checked, and theirs is kept: one given another
    # owner meanwhile keeps that owner).
    for model, ids in ((PlannedAction, removed.owned_actions), (CommunicationItem, removed.owned_communications)):
        for owned in session.scalars(select(model).where(model.id.in_(ids), model.owner_id.is_(None))):
            owned.owner_id = r.id
    session.flush()
