"""The seven steps of the employee-wellness toolkit (seed 000) and how far this plan has got.

Each step's state is computed from what the plan holds, never ticked by hand, so the Overview
can't claim progress the plan doesn't show. A capability that stores a step's work registers a
check for it in ``STEP_CHECKS``, and the tables that check reads in ``STEP_READS``; a step with
nothing recorded yet is "not started". The tables give each step its topics
(``services.plan_changes.TABLE_TOPICS``), so after an edit the Overview re-runs only the checks
whose topics the edit changed (a check is several queries; all seven are about fifty).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    ActionDependency,
    ActionRating,
    ActionServedGroup,
    ActionStatus,
    Base,
    CandidateAction,
    CommunicationItem,
    CriterionScore,
    DataSource,
    FeedbackItem,
    FocusActionMark,
    FocusAspiration,
    FocusIdea,
    FocusProposal,
    FocusSession,
    Meeting,
    MeetingAttendee,
    MeetingPurposeMark,
    Objective,
    ObjectiveGroup,
    ObjectivePerson,
    PdsaCycle,
    Person,
    PlannedAction,
    PlannedActionGroup,
    PositionGroup,
    PrioritizationSetting,
    Rater,
    ReadinessAnswer,
    ReadinessInstrument,
    ReadinessRespondent,
    ReadinessRound,
    School,
    SurveyWave,
)
from services import district_profile
from services.focus_groups import focus_results, focus_sessions
from services.plan_changes import TABLE_TOPICS, Topic
from services.priorities import priority_board
from services.readiness import readiness_rounds
from services.team import meetings, team_representation


class StepState(enum.StrEnum):
    NOT_STARTED = "not_started"
    STARTED = "started"
    DONE = "done"


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    purpose: str
    tab: str  # the workspace where the step's work is done
    first_move: str  # what to do when nothing is recorded yet


STEPS: tuple[Step, ...] = (
    Step(1, "team", "Establish a diverse and inclusive team",
         "A planning team that mirrors staff positions, tenure and backgrounds, with one lead.",
         "team", "Add the planning team and name a lead point of contact."),
    Step(2, "readiness", "Assess readiness to make and sustain change",
         "Reflect on district context, leaders' support and capacity, with people beyond the team.",
         "readiness", "Run the readiness reflection with the team and other staff."),
    Step(3, "data", "Collect data to assess needs and assets",
         "Bring together the surveys and records the district already has, and name the gaps.",
         "data", "List the data you already have and import the latest staff survey."),
    Step(4, "priorities", "Use data to set priorities",
         "Read the data together, by staff group where possible, and choose what matters most.",
         "priorities", "Gather candidate actions and rate them for impact and ease."),
    Step(5, "plan", "Develop a plan",
         "Write SMARTIE objectives (specific, measurable, achievable, relevant, time-bound, "
         "inclusive, equitable) and the actions to reach them.",
         "action_plan", "Turn approved priorities into SMARTIE objectives and actions."),
    Step(6, "improve", "Implement, improve and sustain efforts",
         "Track whether changes work, with Plan-Do-Study-Act cycles, and adjust.",
         "action_plan", "Start a Plan-Do-Study-Act cycle on your first action."),
    Step(7, "communicate", "Communicate early and often",
         "Build buy-in, report progress through existing channels, and celebrate early wins.",
         "action_plan", "Plan who hears what, when and how, and a first celebration."),
)


@dataclass(frozen=True)
class StepStatus:
    step: Step
    state: StepState
    summary: str  # what the plan holds for this step, in a few words
    next_move: str  # one line: what to do next
    whole_next_move: str = ""  # the next move with nothing shortened, when ``next_move`` quotes an elided text


QUOTE_LENGTH = 60


def quoted(text: str, limit: int = QUOTE_LENGTH) -> str:
    """A statement quoted in a sentence: whole if it is short, otherwise cut at a word boundary and
    ended with "…" (never mid-word or mid-number)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


def _quoting(step: Step, state: StepState, summary: str, before: str, statement: str, after: str) -> StepStatus:
    """A status whose next move quotes a statement (an objective): shortened on the Overview, whole
    in ``whole_next_move`` for its tooltip."""
    short = quoted(statement)
    whole = f"{before}“{' '.join(statement.split())}”{after}"
    return StepStatus(step, state, summary, f"{before}“{short}”{after}",
                      whole if short != " ".join(statement.split()) else "")


StepCheck = Callable[[Session, Step], StepStatus]


def _nothing_recorded(_session: Session, step: Step) -> StepStatus:
    return StepStatus(step, StepState.NOT_STARTED, "Nothing recorded yet", step.first_move)


def check_team(session: Session, step: Step) -> StepStatus:
    rep = team_representation.assess_representation(session)
    schedule = meetings.list_meetings(session)
    meeting_count = len(schedule)
    if rep.team_size == 0:
        return StepStatus(step, StepState.NOT_STARTED, "No team members yet", step.first_move)
    summary = f"{rep.team_size} member{'s' if rep.team_size != 1 else ''}, {meeting_count} meeting" \
        f"{'s' if meeting_count != 1 else ''} scheduled"
    to_do = team_representation.next_step(rep)
    if to_do:
        return StepStatus(step, StepState.STARTED, summary, to_do)
    if meeting_count == 0:
        return StepStatus(step, StepState.STARTED, summary, "Set the team's meeting schedule.")
    # Once the team gives its meetings purposes, a purpose the year leaves out is the next move (a
    # plan from before purposes existed is not sent back for them: the Team tab says it there).
    if any(m.purposes for m in schedule) and meetings.missing_purposes(schedule):
        return StepStatus(step, StepState.STARTED, summary,
                          meetings.purpose_warning(schedule) + " Give a meeting that purpose on the Team tab.")
    return StepStatus(step, StepState.DONE, summary, "Review the team's make-up each year.")


def check_priorities(session: Session, step: Step) -> StepStatus:
    board = priority_board.load_board(session)
    total = len(board.items)
    if total == 0:
        return StepStatus(step, StepState.NOT_STARTED, "No candidate actions yet", step.first_move)
    approved = sum(i.status == ActionStatus.APPROVED.value for i in board.items)
    proposed = sum(i.status == ActionStatus.PROPOSED.value for i in board.items)
    summary = f"{total} candidate action{'s' if total != 1 else ''}, {approved} approved"
    if not board.raters or all(not i.ratings for i in board.items):
        return StepStatus(step, StepState.STARTED, summary,
                          "Rate the candidate actions for impact and ease (alone or in subgroups).")
    unowned = [i for i in board.items if i.status == ActionStatus.PROPOSED.value and i.needs_discussion
               and not i.discussion_owner]
    if unowned:
        n = len(unowned)
        return StepStatus(step, StepState.STARTED, summary,
                          f"Raters disagree on {n} action{'s' if n != 1 else ''}: name who will get a better "
                          "estimate.")
    if approved == 0:
        return StepStatus(step, StepState.STARTED, summary, "Rate the candidate actions and approve the first few.")
    if proposed:
        return StepStatus(step, StepState.DONE, summary, f"Decide on the {proposed} still proposed.")
    return StepStatus(step, StepState.DONE, summary, "Revisit priorities when new data arrives.")


def check_readiness(session: Session, step: Step) -> StepStatus:
    summary_ = readiness_rounds.answered_summary(session)
    if summary_.rounds == 0:
        rounds = readiness_rounds.list_rounds(session)
        if rounds:
            return StepStatus(step, StepState.STARTED, f"{len(rounds)} round{'s' if len(rounds) != 1 else ''}, "
                              "no answers yet", "Type in the answers, on screen or from the paper forms.")
        return StepStatus(step, StepState.NOT_STARTED, "Nothing recorded yet", step.first_move)
    n = summary_.rounds
    people = summary_.respondents
    summary = f"{n} round{'s' if n != 1 else ''}, {people} respondent{'s' if people != 1 else ''}"
    if not summary_.beyond_team:
        return StepStatus(step, StepState.STARTED, summary,
                          "Ask people beyond the planning team, in every kind of position, to answer too.")
    return StepStatus(step, StepState.DONE, summary,
                      "Send the growth areas you agree on to Priorities; repeat the reflection next year.")


def check_data(session: Session, step: Step) -> StepStatus:
    """Done when the team has listed its data sources, imported a staff survey and heard staff in a
    focus group (seed 000: surveys and records, and the voices numbers miss)."""
    # Counts, not the survey services: those bring numpy, and the Overview is on the startup path.
    waves = session.scalar(select(func.count()).select_from(SurveyWave))
    sources = session.scalar(select(func.count()).select_from(DataSource))
    sessions = focus_sessions.list_sessions(session)
    recorded = focus_results.sessions_with_results(session) if sessions else 0
    if not (waves or sources or sessions):
        return StepStatus(step, StepState.NOT_STARTED, "Nothing recorded yet", step.first_move)
    parts = []
    if waves:
        parts.append(f"{waves} survey wave{'s' if waves != 1 else ''}")
    if sources:
        parts.append(f"{sources} data source{'s' if sources != 1 else ''}")
    if sessions:
        parts.append(f"{len(sessions)} focus-group session{'s' if len(sessions) != 1 else ''}, {recorded} with "
                     "results")
    summary = ", ".join(parts)
    if sessions and not recorded:
        return StepStatus(step, StepState.STARTED, summary,
                          "After the focus group, type its results in on the Focus groups tab.")
    if not sources:
        return StepStatus(step, StepState.STARTED, summary, "List the data sources the district already has "
                                                            "on the Data tab, and what each covers.")
    if not waves:
        return StepStatus(step, StepState.STARTED, summary, "Import the latest staff survey on the Data tab.")
    if not recorded:
        return StepStatus(step, StepState.STARTED, summary,
                          "Hear from staff the numbers miss: hold a focus group and record its results.")
    return StepStatus(step, StepState.DONE, summary,
                      "Send the gaps you agree on to Priorities, and fill the coverage gaps next year.")


def check_plan(session: Session, step: Step) -> StepStatus:
    from services.action_plan import action_schedule, objectives

    records = objectives.list_objectives(session)
    if not records:
        return StepStatus(step, StepState.NOT_STARTED, "Nothing recorded yet", step.first_move)
    actions = action_schedule.list_actions(session)
    scheduled = [a for a in actions if a.scheduled]
    summary = (f"{len(records)} objective{'s' if len(records) != 1 else ''}, {len(actions)} action"
               f"{'s' if len(actions) != 1 else ''} ({len(scheduled)} scheduled)")
    for record in records:
        missing = objectives.missing_parts(objectives.check_smartie(session, record))
        if missing:
            return _quoting(step, StepState.STARTED, summary, "Finish ", record.statement,
                            f": {', '.join(missing)} still missing.")
    bare = [r for r in records if not any(a.objective_id == r.id and a.scheduled for a in actions)]
    if bare:
        return _quoting(step, StepState.STARTED, summary, "Schedule the actions for ", bare[0].statement, ".")
    unscheduled = len(actions) - len(scheduled)
    if unscheduled:
        return StepStatus(step, StepState.STARTED, summary,
                          f"Give {unscheduled} action{'s' if unscheduled != 1 else ''} an owner and dates.")
    return StepStatus(step, StepState.DONE, summary, "Keep the Gantt chart current as work moves.")


def check_improve(session: Session, step: Step) -> StepStatus:
    from services import district_profile
    from services.action_plan import improvement_cycles

    cycles = improvement_cycles.list_cycles(session)
    if not cycles:
        return StepStatus(step, StepState.NOT_STARTED, "Nothing recorded yet", step.first_move)
    profile = district_profile.get_profile(session)
    without = improvement_cycles.objectives_without_cycle(session, profile.year_start, profile.year_end)
    done = sum(1 for c in cycles if c.decision)
    summary = f"{len(cycles)} PDSA cycle{'s' if len(cycles) != 1 else ''}, {done} decided"
    if without:
        return _quoting(step, StepState.STARTED, summary,
                        f"{len(without)} objective{'s have' if len(without) != 1 else ' has'} had no cycle this "
                        "year: start one on ", without[0], ".")
    return StepStatus(step, StepState.DONE, summary, "Study each cycle's data against its prediction, then act.")


def check_communicate(session: Session, step: Step) -> StepStatus:
    from services.action_plan import communications, feedback_log

    items = communications.list_items(session)
    heard = feedback_log.list_items(session)
    if not items and not heard:
        return StepStatus(step, StepState.NOT_STARTED, "Nothing recorded yet", step.first_move)
    done = sum(1 for i in items if i.done)
    celebrations = sum(1 for i in items if i.celebration)
    summary = f"{len(items)} communications, {done} done, {celebrations} celebration{'s' if celebrations != 1 else ''}"
    if heard:
        summary += f", {len(heard)} piece{'s' if len(heard) != 1 else ''} of feedback"
    if not items:
        return StepStatus(step, StepState.STARTED, summary, step.first_move)
    if not celebrations:
        return StepStatus(step, StepState.STARTED, summary, "Plan a celebration of an early success.")
    if not done:
        return StepStatus(step, StepState.STARTED, summary, "Send the first message and tick it done.")
    # Seed 000 step 7: when people don't see their feedback addressed, it creates distrust.
    waiting = sum(1 for f in heard if not f.answered)
    if waiting:
        return StepStatus(step, StepState.DONE, summary,
                          f"Answer the {waiting} piece{'s' if waiting != 1 else ''} of feedback not yet linked to "
                          "what you did.")
    return StepStatus(step, StepState.DONE, summary, "Keep telling staff what changed because they spoke up.")


# A capability that records a step's work replaces that step's entry here.
STEP_CHECKS: dict[str, StepCheck] = {
    "team": check_team,
    "readiness": check_readiness,
    "data": check_data,
    "priorities": check_priorities,
    "plan": check_plan,
    "improve": check_improve,
    "communicate": check_communicate,
}


# The tables each check reads, its services' queries included: a change to anything else can't
# change the step, so the step's topics are those of these tables and nothing more.
# tests/test_gui_overview_steps.py records the tables every check's queries touch and fails on one
# missing here. A capability that replaces a step's check replaces its entry here too.
STEP_READS: dict[str, tuple[type[Base], ...]] = {
    "team": (Person, PositionGroup, School, Meeting, MeetingAttendee, MeetingPurposeMark),
    "readiness": (ReadinessRound, ReadinessInstrument, ReadinessRespondent, ReadinessAnswer),
    "data": (SurveyWave, DataSource, FocusSession, FocusActionMark, FocusIdea, FocusProposal, FocusAspiration),
    "priorities": (CandidateAction, ActionServedGroup, Rater, ActionRating, CriterionScore, PrioritizationSetting,
                   PlannedAction, PositionGroup),
    "plan": (Objective, ObjectiveGroup, ObjectivePerson, PlannedAction, ActionDependency, CandidateAction, Person,
             PositionGroup, PlannedActionGroup, School),
    "improve": (PdsaCycle, district_profile.DISTRICT_TABLE, Objective, PlannedAction),
    "communicate": (CommunicationItem, FeedbackItem, PositionGroup, PlannedAction),
}
# What ``profile_gaps`` reads; "what to do next" also depends on every step's status.
PROFILE_GAP_READS: tuple[type[Base], ...] = (district_profile.DISTRICT_TABLE, School, PositionGroup)


def topics_of_tables(tables: Iterable[type[Base]]) -> frozenset[Topic]:
    """The topics a change to any of these tables is announced as."""
    return frozenset().union(*(TABLE_TOPICS[table.__tablename__] for table in tables))


def step_topics(key: str) -> frozenset[Topic]:
    return topics_of_tables(STEP_READS.get(key, ()))


def profile_gap_topics() -> frozenset[Topic]:
    return topics_of_tables(PROFILE_GAP_READS)


def journey_topics() -> frozenset[Topic]:
    """Every topic the steps and "what to do next" are computed from."""
    return profile_gap_topics().union(*(step_topics(step.key) for step in STEPS))


def steps_changed_by(topics: Iterable[str]) -> list[str]:
    """The keys of the steps a change to ``topics`` may have changed, in journey order."""
    changed = frozenset(topics)
    return [step.key for step in STEPS if step_topics(step.key) & changed]


def step_statuses(session: Session, keys: Iterable[str]) -> dict[str, StepStatus]:
    """The status of the named steps only (their checks alone run), by key in journey order."""
    wanted = set(keys)
    return {step.key: STEP_CHECKS.get(step.key, _nothing_recorded)(session, step)
            for step in STEPS if step.key in wanted}


def journey_status(session: Session) -> list[StepStatus]:
    return list(step_statuses(session, (step.key for step in STEPS)).values())


def profile_gaps(session: Session) -> list[str]:
    """What the district profile still needs before the steps make sense."""
    profile = district_profile.get_profile(session)
    gaps = []
    if not profile.name:
        gaps.append("Enter the district's name.")
    if not district_profile.list_schools(session):
        gaps.append("List the district's schools.")
    if district_profile.total_headcount(session) == 0:
        gaps.append("Enter the staff headcount for each position group.")
    return gaps


def what_next(session: Session, statuses: list[StepStatus] | None = None) -> str:
    """One line: the single most useful thing to do now."""
    gaps = profile_gaps(session)
    if gaps:
        return "Start with the district profile: " + gaps[0][0].lower() + gaps[0][1:]
    for status in statuses or journey_status(session):
        if status.state is not StepState.DONE:
            return f"Step {status.step.number}: {status.next_move}"
    return "Every step has work recorded. Keep the cycle going: review data and update the plan."
