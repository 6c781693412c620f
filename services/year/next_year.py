"""Start the next school year: a NEW plan file made from this year's, which is left byte for byte as
it was (it is opened read-only, on a private copy).

Seed 003 ends the year-long cycle with Act, and seed 001 calls planning ongoing ("re-charting"):
what the team set out to do and has not finished comes along, what it learned stays readable, and
what belonged to this year's calendar stays behind in this year's file. Every table of the plan is
in exactly one of ``AS_THEY_ARE``, ``CARRIED`` (changed on the way) or ``LEFT_BEHIND`` (with the
reason), so a table added later must be decided on (a test checks it).

Rows keep their ids, so every link (a respondent's group, a candidate's source, the release
ledger's wave numbers and its chain of digests) means the same in the new file: last year's survey
releases keep being audited, so a copied wave never lets a withheld value be worked out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from models import (
    ActionServedGroup,
    Base,
    CandidateAction,
    PdsaCycle,
    Person,
    PlanInfo,
    PlannedAction,
    PositionGroup,
    SourceKind,
)
from services.action_plan import objectives as objective_rules
from services.action_plan import statement_dates
from services.action_plan.action_schedule import CLOSED
from services.action_plan.improvement_cycles import DECISIONS
from services.data.release_ledger import HISTORY_WAVES_KEY
from services.district_profile import default_school_year
from services.errors import Cancelled, InvalidInput
from services.stored_values import choice
from services.wording import counted

# Copied row for row: who the district is, and the history that shows change since last year.
AS_THEY_ARE = (
    "school", "position_group", "person", "readiness_instrument", "readiness_round", "readiness_respondent",
    "readiness_answer", "readiness_round_item", "wellness_domain", "survey_wave", "survey_dimension", "survey_item",
    "survey_import_profile", "survey_headcount", "survey_release", "survey_finding", "finding_reader", "data_source",
    "data_source_domain", "data_source_group", "policy_review", "prioritization_setting", "provider_need",
)
# Copied with changes: the district (next year), the plan's own notes, and what is still open.
CARRIED = (
    "district", "plan_info", "objective", "objective_group", "objective_person", "planned_action",
    "planned_action_group", "action_dependency", "pdsa_cycle", "candidate_action", "action_served_group",
)
# Not carried, and why (also said in the README's "Start next school year").
LEFT_BEHIND = {
    "measurement": "the indicator's latest measurement becomes the new baseline; the year's measurements stay in "
                   "last year's file",
    "meeting": "this year's meetings were dated in this year",
    "meeting_attendee": "this year's meetings were dated in this year",
    "meeting_purpose": "this year's meetings were dated in this year",
    "communication_item": "messages were for this year's work",
    "feedback_item": "what people said was answered by this year's actions",
    "school_break": "next year's breaks fall on other days",
    "rater": "priorities are rated again with next year's data",
    "action_rating": "priorities are rated again with next year's data",
    "criterion_score": "priorities are rated again with next year's data",
    "survey_comment": "free-text comments are the most likely to identify someone; they were read this year",
    **dict.fromkeys(("focus_session", "focus_agenda_item", "focus_aspiration", "focus_attendee", "focus_idea",
                     "focus_subgroup", "focus_rating", "focus_proposal", "focus_action_mark"),
                    "focus-group sessions were this year's conversations; what they proposed is on Priorities"),
}
# A candidate still to be decided comes along, and so does the approved one behind each carried
# action; the rest were turned down or are behind work that is finished.
OPEN_CANDIDATES = ("proposed", "parked")
# Candidates whose source is a focus-group record point at nothing in the new file (sessions stay behind).
_FOCUS_SOURCES = {SourceKind.FOCUS_GROUP_INITIATIVE.value, SourceKind.FOCUS_GROUP_PROPOSAL.value,
                  SourceKind.FOCUS_GROUP_BRAINSTORM.value}
_YEAR = re.compile(r"\s*(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})\s*")


@dataclass(frozen=True)
class NextYear:
    """The school year a new plan is for, and how many years its dates move."""

    label: str
    start: dt.date | None
    end: dt.date | None
    years: int


@dataclass(frozen=True)
class NextYearSummary:
    out: Path
    from_plan: Path
    year: NextYear
    objectives_carried: int = 0
    objectives_reached: int = 0
    statements_redated: int = 0  # carried objectives whose statement named the target date moved a year on
    actions_carried: int = 0
    actions_done: int = 0
    actions_dropped: int = 0
    candidates_carried: int = 0
    candidates_behind: int = 0  # approved, behind a carried action
    candidates_decided: int = 0
    cycles_carried: int = 0
    cycles_decided: int = 0
    people: int = 0
    team: int = 0
    schools: int = 0
    groups: int = 0
    readiness_rounds: int = 0
    survey_waves: int = 0
    releases: int = 0
    data_sources: int = 0
    policy_reviews: int = 0

    def lines(self) -> list[str]:
        """What came over, in a few sentences (the command prints them; the window shows them). What
        was carried is counted even when none was; what came as it was and what stayed behind name
        only what there was."""
        y = self.year
        dates = f" ({y.start:%b} {y.start.day}, {y.start.year} to {y.end:%b} {y.end.day}, {y.end.year})" \
            if y.start and y.end else ""
        waves = counted(self.survey_waves, "survey wave") + " for comparison (printed only from last year's plan" + (
            f", which keeps the record of their {counted(self.releases, 'release')})" if self.releases else ")")
        came = [f"{counted(self.people, 'person', 'people')} ({self.team} on the planning team)",
                *(counted(n, what) for n, what in ((self.schools, "school"), (self.groups, "position group"),
                                                   (self.readiness_rounds, "readiness round")) if n),
                *([waves] if self.survey_waves else []),
                *(counted(n, what) for n, what in ((self.data_sources, "data source"),
                                                   (self.policy_reviews, "policy review")) if n),
                "instruments, import profiles and wellness domains"]
        behind = [counted(n, one, many) for n, one, many in (
            (self.objectives_reached, "objective that reached its target", "objectives that reached their target"),
            (self.actions_done, "finished action", None), (self.actions_dropped, "dropped action", None),
            (self.candidates_decided, "decided candidate action", None),
            (self.cycles_decided, "decided PDSA cycle", None)) if n]
        return [
            f"Started the {y.label} plan: {self.out}{dates}.",
            "Carried over: " + ", ".join((
                counted(self.objectives_carried, "open objective")
                + (" (the latest measurement is the new baseline" + (
                    f"; {counted(self.statements_redated, 'statement names', 'statements name')} the target date "
                    "a year on" if self.statements_redated else "") + ")" if self.objectives_carried else ""),
                counted(self.actions_carried, "unfinished action")
                + (" (undated, to schedule again)" if self.actions_carried else ""),
                counted(self.candidates_carried, "candidate action") + " not yet decided"
                + (f" (and the {counted(self.candidates_behind, 'approved one')} behind the actions, so they still "
                   "show where they came from)" if self.candidates_behind else ""),
                counted(self.cycles_carried, "PDSA cycle") + " still under way")) + ".",
            "Came over as they were: " + ", ".join(came) + ".",
            "Not carried: " + ", ".join((*behind, "ratings, measurements, meetings, communications, feedback, "
                                         "focus-group sessions, school breaks and survey comments"))
            + f"; they stay in {self.from_plan.name}, which is unchanged.",
        ]


# ---- the school year ------------------------------------------------------------------------------

def _moved(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def _first_year(label: str) -> tuple[int, int] | None:
    """``2026-27`` or ``2026-2027``: the first year and how many digits the second is written with."""
    found = _YEAR.fullmatch(label or "")
    if not found:
        return None
    first, second = int(found.group(1)), found.group(2)
    if not 1900 <= first <= 9997 or second != f"{first + 1:04d}"[-len(second):]:
        return None
    return first, len(second)


def _label(first: int, digits: int) -> str:
    return f"{first}-{f'{first + 1:04d}'[-digits:]}"


def next_school_year(label: str, start: dt.date | None, end: dt.date | None, wanted: str | None = None) -> NextYear:
    """The year after ``label`` (its dates a year on), or ``wanted`` ("2027-28"), which must come after it."""
    current = _first_year(label)
    current_first = current[0] if current else (start.year if start and start.month >= 7 else
                                                start.year - 1 if start else None)
    digits = current[1] if current else 2
    if wanted is not None:
        asked = _first_year(wanted)
        if asked is None:
            raise InvalidInput(f"The school year must be written like 2027-28 (a year and the one after it), "
                               f"not '{wanted.strip()}'; nothing was written.")
        first, digits = asked
        if current_first is not None and first <= current_first:
            raise InvalidInput(f"The next school year must come after this plan's ({label or current_first}), "
                               f"not {wanted.strip()}; nothing was written.")
    elif current_first is not None:
        first = current_first + 1
    else:  # a plan with no school year at all: the one after today's
        first = int(default_school_year(dt.date.today())[0][:4]) + 1
    if current_first is None or start is None or end is None:
        default_label, default_start, default_end = default_school_year(dt.date(first, 7, 1))
        return NextYear(_label(first, digits), default_start, default_end, first - (current_first or first - 1))
    years = first - current_first
    return NextYear(_label(first, digits), _moved(start, years), _moved(end, years), years)


# ---- copying --------------------------------------------------------------------------------------

def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _rows(session: Session, table: Table, *where) -> list[dict]:
    return [dict(r) for r in session.execute(select(table).where(*where)).mappings()]


def _put(session: Session, table: Table, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(table), rows)


@dataclass
class _Carry:
    """What is open in this year's plan, read once before anything is written."""

    objectives: dict[int, dict]  # id -> the new row
    reached: int
    actions: dict[int, dict]
    done: int
    dropped: int
    candidates: set[int]  # still to be decided
    behind_actions: set[int]  # the approved candidate behind each carried action
    decided_candidates: int
    cycles: set[int]
    decided_cycles: int
    redated: int = 0  # statements reworded for their target date moved a year on


def _open_objectives(src: Session, new_year: NextYear, old_end: dt.date | None) -> tuple[dict[int, dict], int, int]:
    """The open objectives' new rows, how many reached their target, and how many statements were
    reworded for the target date moved a year on."""
    carried: dict[int, dict] = {}
    reached = redated = 0
    for record in objective_rules.list_objectives(src):
        measured = objective_rules.list_measurements(src, record.id)
        latest = measured[-1] if measured else None
        if latest is not None and objective_rules.reaches_target(record, latest.value):
            reached += 1
            continue
        row = _rows(src, _table("objective"), _table("objective").c.id == record.id)[0]
        row["baseline"], row["target"] = record.baseline, record.target  # a number, or None for 'abc'
        if latest is not None:
            row["baseline"], row["baseline_date"] = latest.value, latest.measured_on
        target_date = record.target_date
        new_start = new_year.start or dt.date.max
        in_old_year = target_date is not None and (target_date <= old_end if old_end else target_date < new_start)
        row["target_date"] = _moved(target_date, new_year.years) if in_old_year else target_date
        # "By June 2027, ..." reads "By June 2028, ..." in the new year's plan, as the window rewords it
        reworded = statement_dates.redate(record.statement, record.parts["time_bound"], target_date,
                                          row["target_date"])
        row.update(reworded.changes)
        redated += reworded.statement is not None
        row["conclusions"], row["carried_over"] = "", True  # the new year's review is written afresh
        carried[record.id] = row
    return carried, reached, redated


def _open_actions(src: Session, objectives: dict[int, dict]) -> tuple[dict[int, dict], int, int]:
    carried: dict[int, dict] = {}
    done = dropped = 0
    candidates = {c.id: c for c in src.scalars(select(CandidateAction))}
    for row in _rows(src, _table("planned_action")):
        status = row["status"] if isinstance(row["status"], str) else "not_started"
        if status in CLOSED:
            done, dropped = done + (status == "done"), dropped + (status == "dropped")
            continue
        candidate = candidates.get(row["candidate_action_id"])
        if candidate is not None:  # what it rested on stays with the action, as approving carries it today
            row["source_label"] = row["source_label"] or candidate.source_label
            row["evidence"] = row["evidence"] or candidate.evidence
        else:
            row["candidate_action_id"] = None
        row.update(start_date=None, due_date=None, percent_done=0, carried_over=True,
                   status="on_hold" if status == "on_hold" else "not_started")
        if row["objective_id"] not in objectives:
            row["objective_id"] = None  # its objective was reached: the action still stands on its own
        carried[row["id"]] = row
    return carried, done, dropped


def _what_to_carry(src: Session, new_year: NextYear, old_end: dt.date | None) -> _Carry:
    objectives, reached, redated = _open_objectives(src, new_year, old_end)
    actions, done, dropped = _open_actions(src, objectives)
    statuses = dict(src.execute(select(CandidateAction.id, CandidateAction.status)).all())
    candidates = {i for i, s in statuses.items() if s in OPEN_CANDIDATES}
    # The decision behind a carried action comes along with it, so the action can still show where
    # it came from (Show where it came from opens its candidate, and the candidate its source).
    behind = {a["candidate_action_id"] for a in actions.values() if a["candidate_action_id"] is not None} - candidates
    cycles: set[int] = set()
    decided = 0
    for cycle_id, decision, objective_id, action_id in src.execute(
            select(PdsaCycle.id, PdsaCycle.decision, PdsaCycle.objective_id, PdsaCycle.action_id)):
        if choice(decision, DECISIONS, ""):
            decided += 1
        elif objective_id in objectives or action_id in actions:
            cycles.add(cycle_id)
    return _Carry(objectives, reached, actions, done, dropped, candidates, behind,
                  len(statuses) - len(candidates) - len(behind), cycles, decided, redated)


def _carried_rows(src: Session, name: str, carry: _Carry, new_year: NextYear, from_plan: Path) -> list[dict]:
    """The new file's rows of a table in ``CARRIED``."""
    table = _table(name)
    c = table.c
    if name == "district":
        rows = _rows(src, table)
        for row in rows:
            row.update(school_year=new_year.label, year_start=new_year.start, year_end=new_year.end,
                       year_conclusions="")
        return rows
    if name == "plan_info":
        # The survey waves that come over are history here: their releases stay with last year's
        # file (release_ledger.history_waves says why).
        waves = ",".join(str(i) for i in src.scalars(select(_table("survey_wave").c.id)))
        return [{"key": "continues_plan", "value": f"{from_plan.name} (the school year before {new_year.label})"},
                {"key": HISTORY_WAVES_KEY, "value": waves}]
    if name == "objective":
        return list(carry.objectives.values())
    if name in ("objective_group", "objective_person"):
        return _rows(src, table, c.objective_id.in_(carry.objectives))
    if name == "planned_action":
        return list(carry.actions.values())
    if name == "planned_action_group":
        rows = _rows(src, table, c.action_id.in_(carry.actions))
        have = {r["action_id"] for r in rows}
        # An action approved before served groups were carried into the plan takes its candidate's.
        candidate_of = dict(src.execute(select(PlannedAction.id, PlannedAction.candidate_action_id)
                                        .where(PlannedAction.id.in_(carry.actions))).all())
        for action_id, candidate_id in candidate_of.items():
            if action_id not in have and candidate_id is not None:
                rows += [{"action_id": action_id, "group_id": g} for g in src.scalars(
                    select(ActionServedGroup.position_group_id).where(ActionServedGroup.action_id == candidate_id))]
        return rows
    if name == "action_dependency":
        return _rows(src, table, c.predecessor_id.in_(carry.actions), c.successor_id.in_(carry.actions))
    if name == "pdsa_cycle":
        rows = _rows(src, table, c.id.in_(carry.cycles))
        for row in rows:
            row["objective_id"] = row["objective_id"] if row["objective_id"] in carry.objectives else None
            row["action_id"] = row["action_id"] if row["action_id"] in carry.actions else None
            if row["follow_up_cycle_id"] not in carry.cycles:
                row["follow_up_cycle_id"] = None
            if row["revised_action_id"] not in carry.actions:
                row["revised_action_id"] = None
        return rows
    if name == "candidate_action":
        rows = _rows(src, table, c.id.in_(carry.candidates | carry.behind_actions))
        for row in rows:
            if row["source_kind"] in _FOCUS_SOURCES:
                row["source_id"] = None  # the session stays behind; the label still says where it came from
            if row["id"] in carry.candidates:
                # Placed again from next year's ratings (re-charting: the context has moved on); an
                # approved one keeps the place it was approved from, as the record of that decision.
                row.update(agreed_impact=None, agreed_ease=None, discussion_owner="", discussion_next_step="")
        return rows
    if name == "action_served_group":
        return _rows(src, table, c.action_id.in_(carry.candidates | carry.behind_actions))
    raise AssertionError(f"no rule for carried table {name}")


def _copy_as_it_is(src: Session, dst: Session, table: Table) -> None:
    """Every row exactly as stored, in batches (survey answers can be megabytes). Values are not
    read through the column types: a value another program wrote ('abc' in a number column) comes
    over as it was, for the services to read as defensively as they do in last year's file, instead
    of stopping the new year."""
    if src.get_bind().dialect.name != "sqlite":
        # A plan on a district server keeps each column's own type (a time of day, a yes/no), and
        # a value of the wrong type can't be there: copied through the columns' types, in key order.
        rows = src.execute(select(table).order_by(*table.primary_key.columns))
        while batch := rows.fetchmany(200):
            dst.execute(table.insert(), [dict(r._mapping) for r in batch])
    else:
        names = ", ".join(f'"{c.name}"' for c in table.c)
        rows = src.connection().exec_driver_sql(f'SELECT {names} FROM "{table.name}" ORDER BY rowid')
        insert_sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(table.c))})'
        while batch := rows.fetchmany(200):
            dst.connection().exec_driver_sql(insert_sql, [tuple(r) for r in batch])
    if table.name == "survey_wave":  # its comments stay in last year's file (LEFT_BEHIND)
        dst.connection().exec_driver_sql("UPDATE survey_wave SET comments_kept = 0")


def _counts(dst: Session) -> dict[str, int]:
    from sqlalchemy import func

    def n(name: str, *where) -> int:
        return int(dst.scalar(select(func.count()).select_from(_table(name)).where(*where)) or 0)

    return {"people": n("person"), "team": n("person", Person.team_role.is_not(None)), "schools": n("school"),
            "groups": n("position_group"), "readiness_rounds": n("readiness_round"), "survey_waves": n("survey_wave"),
            "releases": n("survey_release"), "data_sources": n("data_source"), "policy_reviews": n("policy_review")}


def _copy(src: Session, dst: Session, new_year: NextYear, from_plan: Path,
          progress: Callable[[int, int], None] | None, cancel: Callable[[], bool] | None) -> dict[str, int]:
    # The district row read as a row, not as the profile: the profile's reader repairs a missing
    # row, and this year's file is open read-only.
    districts = _rows(src, _table("district"))
    old_end = districts[0]["year_end"] if districts else None
    carry = _what_to_carry(src, new_year, old_end)
    # The new plan's own start (a district row, the usual staff groups) gives way to this year's.
    dst.execute(delete(PositionGroup))
    dst.execute(delete(_table("district")))
    tables = [t for t in Base.metadata.sorted_tables if t.name not in LEFT_BEHIND]
    for done, table in enumerate(tables):
        if cancel is not None and cancel():
            raise Cancelled
        if table.name in CARRIED:
            rows = _carried_rows(src, table.name, carry, new_year, from_plan)
            if table.name == "plan_info":  # beside the new file's own notes (created_with, created_at)
                for row in rows:
                    dst.merge(PlanInfo(**row))
            else:
                _put(dst, table, rows)
        else:
            _copy_as_it_is(src, dst, table)
        if progress is not None:
            progress(done + 1, len(tables))
    dst.flush()
    return {"objectives_carried": len(carry.objectives), "objectives_reached": carry.reached,
            "statements_redated": carry.redated,
            "actions_carried": len(carry.actions), "actions_done": carry.done, "actions_dropped": carry.dropped,
            "candidates_carried": len(carry.candidates), "candidates_behind": len(carry.behind_actions),
            "candidates_decided": carry.decided_candidates,
            "cycles_carried": len(carry.cycles), "cycles_decided": carry.decided_cycles, **_counts(dst)}


# ---- the whole step -------------------------------------------------------------------------------

def next_plan_path(out: str | Path) -> Path:
    """Where the new plan goes: ``.wellplan`` added when missing, as the save dialog does."""
    from services.plan.plan_file import PLAN_SUFFIX

    out = Path(out)
    return out if out.suffix.lower() == PLAN_SUFFIX else out.with_name(out.name + PLAN_SUFFIX)


def check_destination(plan_path: str | Path, out: str | Path) -> Path:
    """The new plan's path, or one sentence on why it can't be written there."""
    plan_path, out = Path(plan_path), next_plan_path(out)
    same = out.resolve() == plan_path.resolve()
    if not same and out.exists():
        try:
            same = out.samefile(plan_path)
        except OSError:
            same = False
    if same:
        raise InvalidInput(f"{out.name} is this year's plan itself; the next year's plan must be a new file, so "
                           "this year's stays as it is. Nothing was written.")
    if out.exists() or out.is_symlink():
        raise InvalidInput(f"{out} already exists; choose another name. Nothing was written.")
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist; create it first or choose another place. "
                           "Nothing was written.")
    return out


def start_next_year(plan_path: str | Path, out: str | Path, school_year: str | None = None, *,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> NextYearSummary:
    """Write the next school year's plan to ``out`` (a new file) from the plan at ``plan_path`` (a
    plan file or a plan on a district server), which is only read. All or nothing: a failure or
    Cancel leaves no new file behind."""
    from services import district_profile
    from services.plan.plan_file import create_plan
    from services.plan.plan_inspect import journal_path_for
    from services.plan.server_plan import describe, is_server_location, open_plan_at

    # (What the new plan says it continues, and where this year's stays: a file's name, or the
    # server's database, never its password.)
    named = Path(describe(str(plan_path))) if is_server_location(plan_path) else Path(plan_path)
    out = check_destination(named, out)
    source = open_plan_at(plan_path, read_only=True)
    plan_path = named
    try:
        with source.transaction() as src:
            profile = district_profile.get_profile(src)
            new_year = next_school_year(profile.school_year, profile.year_start, profile.year_end, school_year)
            target = create_plan(out, profile.name)
            try:
                with target.transaction() as dst:
                    counts = _copy(src, dst, new_year, plan_path, progress, cancel)
            except BaseException:
                target.close()
                out.unlink(missing_ok=True)
                journal_path_for(out).unlink(missing_ok=True)
                raise
            target.close()
    finally:
        source.close()
    return NextYearSummary(out, plan_path, new_year, **counts)
