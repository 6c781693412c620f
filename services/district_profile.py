"""The district profile: name, school year, reporting threshold, paper size, schools, staff groups.

The minimum group size protects survey respondents: no result for a smaller group is ever
shown. It defaults to 5 and can never be set below 3.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    ActionServedGroup,
    DataSourceGroup,
    District,
    ObjectiveGroup,
    Person,
    PositionGroup,
    ReadinessRespondent,
    School,
)
from services.date_style import STYLE, DateStyle
from services.errors import InvalidInput
from services.pasted_cells import pasted_number
from services.plan_records import counted_sentences, next_number
from services.stored_values import choice, number, text, whole_number
from services.wording import counted

# The table of the district row, for code that must name it (what a change to it announces)
# without reading it: this module is its one reader (tests/test_hostile_settings.py keeps it so).
DISTRICT_TABLE = District
DEFAULT_MIN_GROUP_SIZE = 5
MIN_GROUP_SIZE_FLOOR = 3
PAPER_SIZES = {"letter": "Letter (8.5 x 11 in)", "a4": "A4 (210 x 297 mm)"}
SCHOOL_LEVELS = ("Elementary", "Middle", "High", "K-8", "Alternative", "District office", "Other")

# The groups a new plan starts with, with usual hours; the seed stresses food service,
# transportation and maintenance staff, whose shifts differ from teachers'.
DEFAULT_POSITION_GROUPS: tuple[tuple[str, dt.time | None, dt.time | None], ...] = (
    ("Teachers", dt.time(7, 30), dt.time(15, 30)),
    ("Paraprofessionals and aides", dt.time(7, 45), dt.time(14, 45)),
    ("School administrators", dt.time(7, 0), dt.time(17, 0)),
    ("Counselors, psychologists and social workers", dt.time(7, 30), dt.time(16, 0)),
    ("Nurses and health staff", dt.time(7, 30), dt.time(15, 30)),
    ("Food service", dt.time(5, 30), dt.time(13, 30)),
    ("Transportation", dt.time(5, 45), dt.time(9, 15)),
    ("Maintenance and custodial", dt.time(14, 0), dt.time(22, 30)),
    ("Office and clerical", dt.time(7, 30), dt.time(16, 0)),
    ("District office", dt.time(8, 0), dt.time(16, 30)),
)


@dataclass(frozen=True)
class DistrictProfile:
    name: str
    school_year: str
    year_start: dt.date | None
    year_end: dt.date | None
    min_group_size: int
    paper_size: str

    @property
    def display_name(self) -> str:
        return self.name or "Unnamed district"


@dataclass(frozen=True)
class SchoolRecord:
    id: int
    name: str
    level: str


@dataclass(frozen=True)
class PositionGroupRecord:
    id: int
    name: str
    headcount: int
    shift_start: dt.time | None
    shift_end: dt.time | None

    def shift_text(self, style: DateStyle = STYLE) -> str:
        """The usual hours in ``style`` (a printout's, or the screen's the window passes)."""
        if self.shift_start is None or self.shift_end is None:
            return "hours not set"
        return style.times(self.shift_start, self.shift_end)


@dataclass(frozen=True)
class RemovedSchool:
    """Enough to put a removed school back exactly, including who was linked to it."""

    school: SchoolRecord
    sort_order: int
    person_ids: tuple[int, ...]


@dataclass(frozen=True)
class RemovedPositionGroup:
    """Enough to put a removed group back with everything that named it: people and readiness
    respondents (left with no group by the file) and the actions, objectives and data sources that
    listed it (the file drops those links)."""

    group: PositionGroupRecord
    sort_order: int
    person_ids: tuple[int, ...]
    respondent_ids: tuple[int, ...] = ()
    served_action_ids: tuple[int, ...] = ()
    objective_ids: tuple[int, ...] = ()
    data_source_ids: tuple[int, ...] = ()


def default_school_year(today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The school year a plan made on ``today`` is most likely about (July starts a new one)."""
    first = today.year if today.month >= 7 else today.year - 1
    return f"{first}-{str(first + 1)[-2:]}", dt.date(first, 8, 15), dt.date(first + 1, 6, 15)


def _new_district(district_name: str = "", today: dt.date | None = None) -> District:
    label, start, end = default_school_year(today or dt.date.today())
    return District(id=1, name=district_name.strip(), school_year=label, year_start=start, year_end=end,
                    min_group_size=DEFAULT_MIN_GROUP_SIZE, paper_size="letter")


def initialise(session: Session, district_name: str = "", today: dt.date | None = None) -> None:
    session.add(_new_district(district_name, today))
    for order, (name, start_t, end_t) in enumerate(DEFAULT_POSITION_GROUPS):
        session.add(
            PositionGroup(name=name, headcount=0, shift_start=start_t, shift_end=end_t, sort_order=order)
        )


def _district(session: Session) -> District:
    district = session.get(District, 1)
    if district is None:  # a plan always has one; repair rather than fail (the groups it has are kept)
        district = _new_district()
        session.add(district)
        session.flush()
    return district


def get_profile(session: Session) -> DistrictProfile:
    """The district profile, its settings checked on read: a plan file is data from anywhere.

    The minimum group size is never below the floor, whatever the file says: a value WellPlan
    never writes (1, 0 or -5 written with another program, 'abc', 2.5) is read as the default, 5,
    not as the nearest allowed value, so a group of 3 or 4 stays withheld; a fraction above the
    default is rounded up, and one above the editor's 100 is kept (both only hide more). An unknown
    paper size is read as Letter."""
    d = _district(session)
    return DistrictProfile(text(d.name), text(d.school_year), d.year_start, d.year_end,
                           stored_min_group_size(d.min_group_size), choice(d.paper_size, PAPER_SIZES, "letter"))


def year_conclusions(session: Session) -> str:
    """The team's conclusions on the year as a whole (the year-end review)."""
    return text(_district(session).year_conclusions)


def set_year_conclusions(session: Session, conclusions: str) -> str:
    """Record the year's conclusions; returns what they were (for undo)."""
    district = _district(session)
    before = text(district.year_conclusions)
    district.year_conclusions = conclusions
    session.flush()
    return before


def stored_min_group_size(value: object) -> int:
    """The minimum group size a stored value stands for, failing safe (see ``get_profile``)."""
    if whole_number(value, MIN_GROUP_SIZE_FLOOR, 2**63 - 1) is not None:
        return value
    size = number(value, -math.inf, math.inf)
    return DEFAULT_MIN_GROUP_SIZE if size is None else max(DEFAULT_MIN_GROUP_SIZE, math.ceil(size))


PROFILE_FIELDS = tuple(f.name for f in fields(DistrictProfile))


def validate_profile(profile: DistrictProfile, changed: Collection[str] = PROFILE_FIELDS) -> None:
    """Check the ``changed`` fields (all by default): a value read from the file is checked on read,
    so one out of the editor's range (a minimum group size of 500) doesn't block other changes."""
    if "name" in changed and len(profile.name) > 200:
        raise InvalidInput("The district name can be at most 200 characters.")
    if "min_group_size" in changed:
        if isinstance(profile.min_group_size, bool) or not isinstance(profile.min_group_size, int):
            raise InvalidInput("The minimum group size must be a whole number.")
        if profile.min_group_size < MIN_GROUP_SIZE_FLOOR:
            raise InvalidInput(
                f"The minimum group size can't be below {MIN_GROUP_SIZE_FLOOR}: smaller groups "
                "would let people be identified."
            )
        if profile.min_group_size > 100:
            raise InvalidInput("The minimum group size can be at most 100.")
    if "paper_size" in changed and profile.paper_size not in PAPER_SIZES:
        raise InvalidInput(f"Paper size must be one of: {', '.join(PAPER_SIZES)}.")
    if ({"year_start", "year_end"} & set(changed) and profile.year_start and profile.year_end
            and profile.year_end <= profile.year_start):
        raise InvalidInput("The school year must end after it starts.")


def update_profile(session: Session, **changes: object) -> DistrictProfile:
    """Change some profile fields; returns the profile as it was, for undo."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown district profile field: {', '.join(sorted(unknown))}.")
    before = get_profile(session)
    if isinstance(changes.get("name"), str):
        changes["name"] = changes["name"].strip()
    after = replace(before, **changes)
    validate_profile(after, changes)
    d = _district(session)
    for key, value in changes.items():
        setattr(d, key, value)
    return before


# Schools -----------------------------------------------------------------------------------


def list_schools(session: Session) -> list[SchoolRecord]:
    rows = session.scalars(select(School).order_by(School.sort_order, School.id))
    return [SchoolRecord(s.id, s.name, s.level) for s in rows]


def _clean_name(name: str, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput(f"A {what} needs a name.")
    if len(name) > 200:
        raise InvalidInput(f"A {what} name can be at most 200 characters.")
    return name


def add_school(session: Session, name: str, level: str = "") -> SchoolRecord:
    order = next_number(session, School.sort_order)
    school = School(name=_clean_name(name, "school"), level=level.strip(), sort_order=order)
    session.add(school)
    session.flush()
    return SchoolRecord(school.id, school.name, school.level)


def level_named(text: str) -> str:
    """The school level a pasted cell names (any case); blank or "(not set)" is none."""
    wanted = " ".join((text or "").split()).casefold()
    if wanted in ("", "(not set)", "not set", "-"):
        return ""
    for level in SCHOOL_LEVELS:
        if level.casefold() == wanted:
            return level
    raise InvalidInput(f"\u201c{text.strip()}\u201d is not a school level: {', '.join(SCHOOL_LEVELS)}.")


def add_pasted_school(session: Session, values: dict[str, str]) -> SchoolRecord:
    """A row pasted from a spreadsheet ({"name": ..., "level": ...} as text) as a school."""
    return add_school(session, values.get("name", ""), level_named(values.get("level", "")))


def update_school(session: Session, school_id: int, **changes: str) -> SchoolRecord:
    """Change a school's name or level; returns the record as it was."""
    school = session.get(School, school_id)
    if school is None:
        raise InvalidInput("That school is no longer in the plan.")
    before = SchoolRecord(school.id, school.name, school.level)
    if "name" in changes:
        school.name = _clean_name(changes["name"], "school")
    if "level" in changes:
        school.level = (changes["level"] or "").strip()
    return before


def what_goes_with_school(session: Session, school_id: int) -> list[str]:
    """What changes if this school is removed, each a sentence; empty when nothing points at it."""
    school = session.get(School, school_id)
    if school is None:
        raise InvalidInput("That school is no longer in the plan.")
    return counted_sentences(session, school_id, (
        (Person.school_id, lambda n: f"{counted(n, 'person', 'people')} recorded at {school.name} will have no "
                                     "school or site."),))


def remove_school(session: Session, school_id: int) -> RemovedSchool:
    school = session.get(School, school_id)
    if school is None:
        raise InvalidInput("That school is no longer in the plan.")
    person_ids = tuple(session.scalars(select(Person.id).where(Person.school_id == school_id)))
    removed = RemovedSchool(SchoolRecord(school.id, school.name, school.level), school.sort_order, person_ids)
    session.delete(school)
    session.flush()
    return removed


def restore_school(session: Session, removed: RemovedSchool) -> None:
    s = removed.school
    session.add(School(id=s.id, name=s.name, level=s.level, sort_order=removed.sort_order))
    session.flush()
    # (One by one, as edits of each person, keeping a school another planner gave them meanwhile.)
    for person in session.scalars(select(Person).where(Person.id.in_(removed.person_ids), Person.school_id.is_(None))):
        person.school_id = s.id


# Position groups -----------------------------------------------------------------------------


MAX_HEADCOUNT = 1_000_000


def _group_record(g: PositionGroup) -> PositionGroupRecord:
    """A group as stored, its headcount checked on read: one that is not a whole number from 0 to
    1,000,000 (-40, 'many', 9e18 written with another program) is read as 0, not known."""
    return PositionGroupRecord(g.id, text(g.name), whole_number(g.headcount, 0, MAX_HEADCOUNT) or 0, g.shift_start,
                               g.shift_end)


def list_position_groups(session: Session) -> list[PositionGroupRecord]:
    rows = session.scalars(select(PositionGroup).order_by(PositionGroup.sort_order, PositionGroup.id))
    return [_group_record(g) for g in rows]


def total_headcount(session: Session) -> int:
    return sum(g.headcount for g in list_position_groups(session))


def _check_group_values(session: Session, group_id: int | None, values: dict) -> None:
    if "name" in values:
        values["name"] = _clean_name(values["name"], "position group")
        clash = session.scalar(
            select(PositionGroup.id).where(
                func.lower(PositionGroup.name) == values["name"].lower(), PositionGroup.id != (group_id or -1)
            )
        )
        if clash is not None:
            raise InvalidInput(f"There is already a position group called {values['name']}.")
    if "headcount" in values:
        try:
            values["headcount"] = int(values["headcount"])
        except (TypeError, ValueError):
            raise InvalidInput("Headcount must be a whole number.") from None
        if not 0 <= values["headcount"] <= MAX_HEADCOUNT:
            raise InvalidInput(f"Headcount must be between 0 and {MAX_HEADCOUNT:,}.")


def add_position_group(
    session: Session,
    name: str,
    headcount: int = 0,
    shift_start: dt.time | None = None,
    shift_end: dt.time | None = None,
) -> PositionGroupRecord:
    values = {"name": name, "headcount": headcount}
    _check_group_values(session, None, values)
    order = next_number(session, PositionGroup.sort_order)
    group = PositionGroup(shift_start=shift_start, shift_end=shift_end, sort_order=order, **values)
    session.add(group)
    session.flush()
    return _group_record(group)


def headcount_from_text(text: str) -> int:
    """A headcount as a spreadsheet shows it ("1,250", "12.0", blank for none)."""
    value = pasted_number(text, "{text} is not a number of staff.")
    if value is None:
        return 0
    if value != int(value):
        raise InvalidInput(f"\u201c{text.strip()}\u201d is not a whole number of staff.")
    return int(value)


def add_pasted_group(session: Session, name: str, headcount: str = "", shift_start: dt.time | None = None,
                     shift_end: dt.time | None = None) -> PositionGroupRecord:
    """A row pasted from a spreadsheet as a position group: its headcount as text, its usual hours
    already read (the window reads times in the computer's style)."""
    return add_position_group(session, name, headcount_from_text(headcount), shift_start, shift_end)


def update_position_group(session: Session, group_id: int, **changes: object) -> PositionGroupRecord:
    """Change name, headcount or shift hours; returns the record as it was."""
    group = session.get(PositionGroup, group_id)
    if group is None:
        raise InvalidInput("That position group is no longer in the plan.")
    before = _group_record(group)
    _check_group_values(session, group_id, changes)
    for key in ("name", "headcount", "shift_start", "shift_end"):
        if key in changes:
            setattr(group, key, changes[key])
    return before


def what_goes_with_group(session: Session, group_id: int) -> list[str]:
    """What changes if this position group is removed, each a sentence; empty when nothing points at
    it and it has no staff counted."""
    group = session.get(PositionGroup, group_id)
    if group is None:
        raise InvalidInput("That position group is no longer in the plan.")
    record = _group_record(group)
    notes = []
    if record.headcount:
        notes.append(f"Its {record.headcount:,} staff will no longer count in the district's total.")
    return notes + counted_sentences(session, group_id, (
        (Person.position_group_id, lambda n: f"{counted(n, 'person', 'people')} in it will have no position group "
                                             "recorded."),
        (ReadinessRespondent.position_group_id, lambda n: f"{counted(n, 'readiness respondent')} will have no "
                                                          "position group recorded."),
        (ActionServedGroup.position_group_id, lambda n: f"{counted(n, 'candidate action')} will no longer list it "
                                                        "among the groups served."),
        (ObjectiveGroup.group_id, lambda n: f"{counted(n, 'objective')} will no longer list it among the groups "
                                            "served."),
        (DataSourceGroup.group_id, lambda n: f"{counted(n, 'data source')} will no longer list it among the groups "
                                             "covered."),
    ))

def remove_position_group(session: Session, group_id: int) -> RemovedPositionGroup:
    group = session.get(PositionGroup, group_id)
    if group is None:
        raise InvalidInput("That position group is no longer in the plan.")
    person_ids = tuple(session.scalars(select(Person.id).where(Person.position_group_id == group_id)))
    removed = RemovedPositionGroup(
        _group_record(group), group.sort_order, person_ids,
        respondent_ids=tuple(session.scalars(select(ReadinessRespondent.id)
                                             .where(ReadinessRespondent.position_group_id == group_id))),
        served_action_ids=tuple(session.scalars(select(ActionServedGroup.action_id)
                                                .where(ActionServedGroup.position_group_id == group_id))),
        objective_ids=tuple(session.scalars(select(ObjectiveGroup.objective_id)
                                            .where(ObjectiveGroup.group_id == group_id))),
        data_source_ids=tuple(session.scalars(select(DataSourceGroup.source_id)
                                              .where(DataSourceGroup.group_id == group_id))),
    )
    session.delete(group)
    session.flush()
    return removed


def restore_position_group(session: Session, removed: RemovedPositionGroup) -> None:
    g = removed.group
    session.add(
        PositionGroup(
            id=g.id,
            name=g.name,
            headcount=g.headcount,
            shift_start=g.shift_start,
            shift_end=g.shift_end,
            sort_order=removed.sort_order,
        )
    )
    session.flush()
    # (One by one, as edits of each record, keeping a group another planner gave them meanwhile.)
    for model, ids in ((Person, removed.person_ids), (ReadinessRespondent, removed.respondent_ids)):
        for record in session.scalars(select(model).where(model.id.in_(ids), model.position_group_id.is_(None))):
            record.position_group_id = g.id
    for action_id in removed.served_action_ids:
        session.add(ActionServedGroup(action_id=action_id, position_group_id=g.id))
    for objective_id in removed.objective_ids:
        session.add(ObjectiveGroup(objective_id=objective_id, group_id=g.id))
    for source_id in removed.data_source_ids:
        session.add(DataSourceGroup(source_id=source_id, group_id=g.id))
    session.flush()
