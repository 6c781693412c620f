"""A deterministic, realistic plan for a fictional district, so a newcomer sees every tab in use.

Maple Hollow School District: ten sites, about 1,500 staff, a planning team of ten with one
gap in representation (nobody from transportation), people who take part beyond the team (a bus
driver and a custodian affected by the plan, a community partner, a parent), and a year of team
meetings, some at a time the food-service and paraprofessional members, or the part-time office
member (her own morning hours), can't make. Each capability adds its
part with a ``_add_...`` function listed in ``SAMPLE_PARTS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from services import district_profile
from services.plan.plan_file import (
    PlanFile,
    PlanFileError,
    PlanInUseError,
    PlanStorageError,
    create_plan,
    journal_path_for,
    open_plan,
)
from services.plan.plan_lock import LockBlocked, PlanLock, PlanLockedError, lock_path_for
from services.plan.storage_errors import Place, failure_of, in_temporary_folder, sentence
from services.priorities import candidate_actions
from services.team import meetings, team_roster

DISTRICT_NAME = "Maple Hollow School District"

SCHOOLS = (
    ("Alder Elementary School", "Elementary"),
    ("Birch Creek Elementary School", "Elementary"),
    ("Cedar Park Elementary School", "Elementary"),
    ("Dogwood Elementary School", "Elementary"),
    ("Elm Street Elementary School", "Elementary"),
    ("Hawthorne Middle School", "Middle"),
    ("Juniper Middle School", "Middle"),
    ("Maple Hollow High School", "High"),
    ("Pathways Alternative School", "Alternative"),
    ("District Office", "District office"),
)

HEADCOUNTS = {
    "Teachers": 780,
    "Paraprofessionals and aides": 185,
    "School administrators": 52,
    "Counselors, psychologists and social workers": 58,
    "Nurses and health staff": 16,
    "Food service": 112,
    "Transportation": 96,
    "Maintenance and custodial": 118,
    "Office and clerical": 64,
    "District office": 41,
}

# Custodial staff here work a mid-day-to-evening shift; the defaults assume nights.
SHIFT_OVERRIDES = {"Maintenance and custodial": (dt.time(10, 0), dt.time(18, 30))}

# name, position group, school, tenure band, self-described demographics, contact, role
TEAM = (
    ("Dana Whitfield", "District office", "District Office", "10-19 years", "",
     "dwhitfield@maplehollow.example", "lead"),
    ("Marcus Oyelaran", "Teachers", "Maple Hollow High School", "5-9 years",
     "Black; first in family to attend college", "moyelaran@maplehollow.example", "member"),
    ("Lucia Fernandez", "Food service", "Cedar Park Elementary School", "10-19 years",
     "Latina; bilingual (Spanish)", "ext. 4412", "member"),
    ("Ken Watanabe", "Maintenance and custodial", "Hawthorne Middle School", "20 years or more",
     "", "ext. 2290", "member"),
    ("Priya Raman", "Counselors, psychologists and social workers", "Juniper Middle School",
     "1-4 years", "South Asian", "praman@maplehollow.example", "member"),
    ("Tom Becker", "School administrators", "Alder Elementary School", "10-19 years", "",
     "tbecker@maplehollow.example", "member"),
    ("Aisha Karim", "Paraprofessionals and aides", "Dogwood Elementary School", "1-4 years",
     "Muslim; parent of a district student", "akarim@maplehollow.example", "member"),
    ("Grace Liu", "Nurses and health staff", "Birch Creek Elementary School", "5-9 years", "",
     "gliu@maplehollow.example", "member"),
    ("Rosa Delgado", "Office and clerical", "Elm Street Elementary School", "20 years or more",
     "Works part-time (mornings)", "ext. 3105", "member"),
    ("Jordan Ellis", "Teachers", "Pathways Alternative School", "Less than 1 year",
     "Nonbinary", "jellis@maplehollow.example", "member"),
)

# The part-time member's own hours (she works mornings), and the release time the lead was given.
OWN_HOURS = {"Rosa Delgado": (dt.time(7, 30), dt.time(13, 30))}
RELEASE_NOTES = {
    "Dana Whitfield": "Two hours a week released from district office duties for the wellness plan",
    "Marcus Oyelaran": "One planning period a week covered by a substitute on meeting weeks",
}

# People who take part but are not on the planning team (seed 000, step 2; seed 003): name, kind,
# position group, school, tenure band, organisation, contact.
PEOPLE = (
    ("Walt Kowalski", "staff", "Transportation", "District Office", "20 years or more", "", "ext. 5120"),
    ("Nadia Haddad", "staff", "Maintenance and custodial", "Juniper Middle School", "1-4 years", "", "ext. 2291"),
    ("Carmen Ortiz", "partner", None, None, "", "Maple Hollow Community Health Center", "cortiz@mhchc.example"),
    ("Sam Whitaker", "family", None, "Birch Creek Elementary School", "", "Birch Creek PTA", ""),
)

# The mental health focus group's invitees who are not on the team, by position group.
FOCUS_INVITEES = {
    "Monique Baptiste": "School administrators",
    "Luis Navarro": "Counselors, psychologists and social workers",
    "Hannah Okafor": "Counselors, psychologists and social workers",
    "Ben Achterberg": "Counselors, psychologists and social workers",
    "Carmen Ruiz": "Counselors, psychologists and social workers",
}

MEETINGS = (
    (dt.date(2026, 9, 10), dt.time(12, 30), dt.time(13, 30), "Hawthorne Middle School library",
     "Kick-off: why employee wellness, roles and team norms", ("team",)),
    (dt.date(2026, 10, 8), dt.time(14, 0), dt.time(15, 0), "District Office board room",
     "Readiness reflection and who else to ask", ("team", "data")),
    (dt.date(2026, 11, 12), dt.time(12, 30), dt.time(13, 30), "Cedar Park Elementary School staff room",
     "Read the staff survey results together", ("data",)),
    (dt.date(2027, 1, 14), dt.time(12, 30), dt.time(13, 30), "Hawthorne Middle School library",
     "Set priorities: impact and ease", ("data", "plan")),
    (dt.date(2027, 3, 11), dt.time(12, 30), dt.time(13, 30), "District Office board room",
     "Check progress on the action plan (first PDSA cycle)", ("plan",)),
    (dt.date(2027, 5, 20), dt.time(12, 30), dt.time(14, 0), "Maple Hollow High School cafeteria",
     "Celebrate early wins and plan next year", ("team", "plan")),
)

HAND_ENTERED_ACTIONS = (
    ("Create a quiet break space in every school", "Working conditions",
     "Staff at the kick-off said there is nowhere to take a short break away from students."),
    ("Cover classes so staff can attend wellness sessions", "Working conditions",
     "Substitute shortages keep teachers and aides from district wellness events."),
    ("Publish a 'you said, we did' update after each survey", "Communication",
     "Show staff how their feedback was used, so participation grows next year."),
)


def _add_profile(session: Session) -> None:
    district_profile.update_profile(
        session,
        name=DISTRICT_NAME,
        school_year="2026-27",
        year_start=dt.date(2026, 8, 17),
        year_end=dt.date(2027, 6, 11),
        min_group_size=5,
        paper_size="letter",
    )
    for name, level in SCHOOLS:
        district_profile.add_school(session, name, level)
    for group in district_profile.list_position_groups(session):
        changes: dict[str, object] = {"headcount": HEADCOUNTS.get(group.name, 0)}
        if group.name in SHIFT_OVERRIDES:
            changes["shift_start"], changes["shift_end"] = SHIFT_OVERRIDES[group.name]
        district_profile.update_position_group(session, group.id, **changes)


def _add_team(session: Session) -> None:
    groups = {g.name: g.id for g in district_profile.list_position_groups(session)}
    schools = {s.name: s.id for s in district_profile.list_schools(session)}
    for name, group, school, tenure, demographics, contact, role in TEAM:
        meets_from, meets_until = OWN_HOURS.get(name, (None, None))
        team_roster.add_member(
            session, name, position_group_id=groups[group], school_id=schools[school],
            tenure_band=tenure, demographics=demographics, contact=contact, team_role=role,
            meets_from=meets_from, meets_until=meets_until, release_note=RELEASE_NOTES.get(name, ""),
        )
    for name, kind, group, school, tenure, organisation, contact in PEOPLE:
        team_roster.add_person(
            session, name, kind=kind, position_group_id=groups.get(group), school_id=schools.get(school),
            tenure_band=tenure, organisation=organisation, contact=contact,
        )
    for day, start, end, place, purpose, purposes in MEETINGS:
        meetings.add_meeting(session, day, start, end, place, purpose, purposes=purposes)


def _add_candidate_actions(session: Session) -> None:
    at = dt.datetime(2026, 9, 10, 13, 30)
    for title, category, description in HAND_ENTERED_ACTIONS:
        candidate_actions.add_candidate_action(
            session, title, category=category, description=description, at=at,
            source_label="Entered by hand at the kick-off meeting",
        )


def _add_readiness(session: Session) -> None:
    from services.sample.sample_readiness import add_sample_readiness

    add_sample_readiness(session)
    _describe_respondents(session)


def _describe_respondents(session: Session) -> None:
    """Each readiness respondent's school and tenure band (by code only, never a name): the rounds
    reached every elementary, middle and high school but not the alternative school or the district
    office, and none of the newest staff, so each round's results name whom nobody spoke for."""
    from services.readiness import readiness_rounds

    schools = [s.id for s in district_profile.list_schools(session)][:8]
    bands = team_roster.TENURE_BANDS[1:]
    for round_ in readiness_rounds.list_rounds(session):
        for n, person in enumerate(readiness_rounds.list_respondents(session, round_.id)):
            readiness_rounds.update_respondent(session, person.id, school_id=schools[n % len(schools)],
                                               tenure_band=bands[(n // 2) % len(bands)])


def _add_focus_groups(session: Session) -> None:
    from services.sample.sample_focus_groups import add_sample_focus_groups

    add_sample_focus_groups(session)
    # The focus group's invitees beyond the team are staff: record their position groups on People.
    groups = {g.name: g.id for g in district_profile.list_position_groups(session)}
    for person in team_roster.list_people(session):
        if not person.on_team and person.name in FOCUS_INVITEES:
            team_roster.update_person(session, person.id, position_group_id=groups[FOCUS_INVITEES[person.name]])


def _add_priorities(session: Session) -> None:
    from services.sample.sample_priorities import add_sample_priorities

    add_sample_priorities(session)


def _add_survey_data(session: Session) -> None:
    from services.sample.sample_survey_waves import add_sample_survey

    add_sample_survey(session)


def _add_action_plan(session: Session) -> None:
    from services.sample.sample_action_plan import add_sample_action_plan

    add_sample_action_plan(session)


SAMPLE_PARTS: tuple[Callable[[Session], None], ...] = (
    _add_profile, _add_team, _add_candidate_actions, _add_readiness, _add_focus_groups, _add_survey_data,
    _add_priorities, _add_action_plan,
)


def build_sample(path: str | Path, overwrite: bool = False, *, mirror: bool = False) -> PlanFile:
    """Create the sample plan at ``path`` and return it open for editing.

    It is built under a hidden name beside ``path`` and renamed when complete, so a build that is
    interrupted (killed, the disk full) never leaves a half-built plan that looks like a plan."""
    import contextlib
    import os

    path = Path(path)
    if path.exists() and not overwrite:
        raise PlanFileError(f"{path.name} already exists; choose another name.")
    # Overwriting: refused now, before seconds of building, if someone has the old plan open, and
    # the old plan stays whole until the new one replaces it in one step.
    owner = PlanLock(path)
    try:
        owner.acquire()
    except PlanLockedError as exc:
        raise PlanInUseError(str(exc), exc.by_this_process, exc.elsewhere) from exc
    except LockBlocked as exc:
        raise PlanFileError(str(exc)) from exc
    temporary = path.with_name(f".{path.name}.building")
    try:
        for leftover in (temporary, journal_path_for(temporary), lock_path_for(temporary)):
            leftover.unlink(missing_ok=True)  # what a build that was killed left
        plan = create_plan(temporary)
        try:
            with plan.transaction() as session:
                for part in SAMPLE_PARTS:
                    part(session)
        finally:
            plan.close()
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        failure = exc.failure if isinstance(exc, PlanStorageError) else failure_of(exc)
        if failure is not None:  # named as asked for, not by its hidden working name
            place = Place.TEMPORARY if in_temporary_folder(exc) else Place.NEW_PLAN
            raise PlanStorageError(sentence(failure, place, path, "no plan was made"), failure) from exc
        raise
    finally:
        owner.release()
    return open_plan(path, mirror=mirror)
