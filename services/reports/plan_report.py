"""The printed action plan, and the one-page progress update for staff and the community.

The plan: every objective with the evidence behind it, its goal type, SMARTIE parts, what is still
missing, and its indicator (baseline, target, measurements drawn toward the target); the balance
of the plan (individual and system changes, a few goals of the right kinds); the actions by
objective, each with where it came from (survey finding, readiness item, focus-group proposal,
entered by hand), what it changes and where it happens, and whether a contract or collective
bargaining limits it (in bold, with the note, and listed together after the objectives), and by
owner; the PDSA log; the
communication plan. The update: what we heard, "you said, we did" (each piece of feedback with the
action or message that answers it), what we did, what's next, what we celebrate, in words anyone
can read in a newsletter, and never anything dated after the day it is printed for.

Either can be printed for one school (``school="Lincoln Elementary"``): that school's actions and
the district-wide ones. ``plan_story`` and ``progress_story`` give the body of each, for a packet
that puts several printouts in one PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.action_plan import action_schedule, communications, feedback_log, improvement_cycles, objectives
from services.action_plan.action_schedule import CLOSED, STATUSES, ActionRecord
from services.action_plan.objectives import GOAL_TYPES
from services.action_plan.plan_balance import balance_of
from services.date_style import DateStyle, style_for
from services.errors import InvalidInput
from services.priorities import candidate_actions, contract_limits
from services.priorities.contract_limits import NOT_LIMITED, ContractLimit
from services.reports.document import (
    FONT,
    MUTED,
    Cancelled,
    DocumentInfo,
    build_pdf,
    data_table,
    frame_height,
    frame_width,
    nothing_yet,
    styles,
    text,
)
from services.reports.school_choice import school_named
from services.team.team_roster import list_people
from services.wording import counted

TARGET = colors.HexColor("#E08214")
LINE = colors.HexColor("#2166AC")
ADDED_IN_PLAN = "Added in the plan"
# What the update says an action came from, for readers who never saw the Priorities tab.
_PLAIN_SOURCE = {
    "survey_finding": "from the staff survey",
    "readiness_item": "from the readiness reflection",
    "focus_group_initiative": "from a focus group",
    "focus_group_proposal": "from a focus group",
    "focus_group_brainstorm": "from a focus group",
    "data_coverage_gap": "from a gap in the district's data",
    "low_participation": "from staff who seldom answer the survey",
    "policy_review": "from a review of district policy",
    "manual": "proposed by the team",
}


@dataclass(frozen=True)
class ActionSource:
    """Where a planned action came from: its candidate action's kind, label and evidence, or
    "Added in the plan" for an action the team typed straight into the schedule."""
    kind: str  # a candidate_actions.SOURCE_LABELS value ("Survey finding"), or ADDED_IN_PLAN
    label: str  # "Staff survey Fall 2026, finding 2: ..." ("" when added in the plan)
    evidence: str
    plain: str  # "from the staff survey", for the progress update

    @property
    def line(self) -> str:
        """"Survey finding: Staff survey Fall 2026, finding 2" for the plan and the Gantt tiles."""
        if not self.label or not self.kind or self.label.casefold().startswith(self.kind.casefold()):
            return self.label or self.kind
        return f"{self.kind}: {self.label}"


def action_sources(db: Session) -> dict[int, ActionSource]:
    """Each planned action's source, by action id: its candidate's while the candidate is on the
    Priorities tab, else the label and evidence carried into the action when it was approved."""
    candidates = {c.id: c for c in candidate_actions.list_candidate_actions(db)}
    out = {}
    for a in action_schedule.list_actions(db):
        c = candidates.get(a.candidate_id) if a.candidate_id is not None else None
        if c is not None:
            out[a.id] = ActionSource(candidate_actions.SOURCE_LABELS.get(c.source_kind, "Priority"), c.source_label,
                                     a.evidence or c.evidence, _PLAIN_SOURCE.get(c.source_kind, "proposed by the team"))
        elif a.source_label and a.source_label != ADDED_IN_PLAN:
            # its candidate was removed from Priorities after approval: the label it carried says where from
            out[a.id] = ActionSource("Priority", a.source_label, a.evidence, "proposed by the team")
        else:
            out[a.id] = ActionSource(ADDED_IN_PLAN, "", "", "added by the team")
    return out


def objective_evidence(db: Session, record: objectives.ObjectiveRecord) -> str:
    """What the objective rests on: its source label, with the finding's numbers when a candidate
    action carries the same label ("Staff survey Fall 2026, finding 1: ...") or is the priority it
    names ("Priority: Create a quiet break space in every school")."""
    label = record.source_label.strip()
    if not label:
        return ""
    details = ""
    for c in candidate_actions.list_candidate_actions(db):
        same = c.source_label == label or c.source_label.startswith(label + ":")
        if (same or label == f"Priority: {c.title}") and c.evidence:
            details = c.evidence
            break
    return f"{label} \u2014 {details}" if details else label


_EMPTY_PART = {
    "inclusive": "Inclusive is empty: say who from the affected groups shapes and carries out the work.",
    "equitable": "Equitable is empty: say which staff group it is for and how it closes a gap for them.",
}


def still_missing(db: Session, record: objectives.ObjectiveRecord) -> list[tuple[str, str]]:
    """(part, what is missing, or "") for each SMARTIE letter. The checker accepts Inclusive and
    Equitable from the groups and people linked to the objective; on paper an empty Inclusive or
    Equitable line is still missing, since the reader can't see those links."""
    out = []
    for finding in objectives.check_smartie(db, record):
        message = "" if finding.ok else finding.message
        if not message and finding.part in ("inclusive", "equitable") and not record.parts[finding.part].strip():
            message = _EMPTY_PART[finding.part]
        out.append((finding.part, message))
    return out


def indicator_drawing(record: objectives.ObjectiveRecord, measurements, width: float, height: float = 1.3 * inch,
                      style: DateStyle | None = None):
    """The measurements as a line, the baseline as its first point, and a dashed line to the target."""
    style = style or DateStyle()
    points = [(record.baseline_date, record.baseline)] if record.baseline is not None and record.baseline_date \
        else []
    points += [(m.measured_on, m.value) for m in measurements if (m.measured_on, m.value) not in points]
    if record.target is None or not points:
        return None
    end = record.target_date or max(d for d, _ in points) + dt.timedelta(days=60)
    first = min(d for d, _ in points)
    span = max((end - first).days, 1)
    values = [v for _, v in points] + [record.target]
    low, high = min(values + [0]), max(values) * 1.1 or 1
    left, bottom, w, h = 30, 14, width - 40, height - 24

    def xy(day, value):
        return left + (day - first).days / span * w, bottom + (value - low) / (high - low) * h

    d = Drawing(width, height)
    d.add(Line(left, bottom, left + w, bottom, strokeColor=colors.HexColor("#9AA5B1")))
    d.add(Line(left, bottom, left, bottom + h, strokeColor=colors.HexColor("#9AA5B1")))
    d.add(PolyLine([c for p in points for c in xy(*p)], strokeColor=LINE, strokeWidth=1.6))
    last = points[-1]
    d.add(Line(*xy(*last), *xy(end, record.target), strokeColor=TARGET, strokeDashArray=[3, 2], strokeWidth=1))
    tx, ty = xy(end, record.target)
    d.add(String(tx - 2, ty + 4, f"target {record.target:g}{objectives.unit_suffix(record.unit)}", fontName=FONT,
                 fontSize=7, fillColor=TARGET, textAnchor="end"))
    for p in points:
        x, y = xy(*p)
        d.add(String(x, y + 4, f"{p[1]:g}", fontName=FONT, fontSize=7, textAnchor="middle"))
    d.add(String(left, 2, style.date(first), fontName=FONT, fontSize=7))
    d.add(String(left + w, 2, style.date(end), fontName=FONT, fontSize=7, textAnchor="end"))
    return d


def _status(a: ActionRecord, today: dt.date) -> str:
    return STATUSES[a.status] + (f", {a.percent_done}%" if a.status == "in_progress" else "") \
        + (" (late)" if a.late(today) else "") + (", standard practice" if a.standard_practice else "")


@dataclass(frozen=True)
class _Scope:
    """What a printout covers: the whole district, or one school's actions and the district-wide
    ones (``school_id``), and what it prints beside the actions: their schools' names and any limit
    by a contract or collective bargaining (by action id)."""
    school_id: int | None
    school_name: str
    schools: dict[int, str]
    contracts: dict[int, ContractLimit] = field(default_factory=dict)

    def contract(self, a: ActionRecord) -> ContractLimit:
        return self.contracts.get(a.id, NOT_LIMITED)

    def keeps(self, a: ActionRecord) -> bool:
        return self.school_id is None or a.school_id in (None, self.school_id)


def _scope(db: Session, school_id: int | None) -> _Scope:
    schools = {s.id: s.name for s in district_profile.list_schools(db)}
    if school_id is not None and school_id not in schools:
        raise InvalidInput("That school is no longer in the district.")
    return _Scope(school_id, schools.get(school_id, ""), schools, contract_limits.planned_limits(db))


def _action_cell(a: ActionRecord, source: ActionSource | None, under_objective: bool, scope: _Scope) -> Paragraph:
    """The action's title, then where it came from and its evidence, what it changes and where it
    happens, small."""
    st = styles()
    title = text(a.title) + (" \u25c6 milestone" if a.milestone else "")
    if source is None or source.kind == ADDED_IN_PLAN:
        origin = "Added in the plan" + (" for this objective" if under_objective else "")
    else:
        origin = source.line + (f". Evidence: {source.evidence}" if source.evidence else "")
    facts = [f"Changes: {'the system' if a.change_level == 'system' else 'the individual'}"] if a.change_level \
        else []
    if a.school_id in scope.schools:
        facts.append(f"At: {scope.schools[a.school_id]}")
    elif scope.school_id is not None:  # a school's plan says which of its actions are the district's
        facts.append("District-wide")
    if a.carried_over:
        facts.append("carried over from last year")
    more = f"<br/>{text(' / '.join(facts))}" if facts else ""
    contract = scope.contract(a)
    # the guide prints its reminder in bold; so is the answer to it
    limited = f"<br/><b>{contract_limits.MARK} {text(contract.text)}</b>" if contract.limited else ""
    return Paragraph(f"{title}{limited}<br/><font size=7.5 color='#{MUTED.hexval()[2:]}'>From: "
                     f"{text(origin)}{more}</font>", st.cell)


def _actions_table(actions: list[ActionRecord], sources: dict[int, ActionSource], style: DateStyle,
                   today: dt.date, width: float, under_objective: bool, scope: _Scope):
    return data_table(["Action and where it came from", "Owner", "Dates", "Status"],
                      [[_action_cell(a, sources.get(a.id), under_objective, scope), a.owner_name,
                        style.range(a.start, a.end) if a.scheduled else a.deadline_text or "No dates yet",
                        _status(a, today)] for a in actions],
                      [width * 0.44, width * 0.17, width * 0.23, width * 0.16])


def _contract_limited_story(actions: list[ActionRecord], scope: _Scope, width: float, st) -> list[Flowable]:
    """The actions an existing agreement limits, together, with how: what to take to HR and the
    bargaining table. Nothing when none is marked."""
    limited = [a for a in actions if scope.contract(a).limited]
    if not limited:
        return []
    return [KeepTogether([
        Paragraph(f"{contract_limits.MARK} {text(contract_limits.LABEL)}", st.h2),
        Paragraph(text(contract_limits.HINT), st.small),
        data_table(["Action", "Owner", "How an agreement limits it"],
                   [[a.title, a.owner_name or "No owner yet", scope.contract(a).note or "(no note yet)"]
                    for a in limited],
                   [width * 0.38, width * 0.2, width * 0.42])])]


def _kind_line(record: objectives.ObjectiveRecord) -> str:
    """"Quality goal • changes the system", or what is not set yet."""
    goal = f"{GOAL_TYPES[record.goal_type]} goal" if record.goal_type else "Goal type not set"
    level = {"individual": "changes the individual", "system": "changes the system"}.get(record.change_level,
                                                                                         "what it changes not set")
    return f"{goal} \u2022 {level}" + (" \u2022 carried over from last year" if record.carried_over else "")


def _objective_story(db: Session, number: int, record, actions, sources, style: DateStyle, today: dt.date,
                     width: float, scope: _Scope) -> list[Flowable]:
    st = styles()
    missing = dict(still_missing(db, record))
    rows = [[objectives.PART_LABELS[p], record.parts[p] or "\u2014", missing[p]] for p in objectives.PART_LABELS]
    evidence = objective_evidence(db, record)
    evidence_line = (f"Evidence: {evidence}" if evidence else
                     "Evidence: none linked yet" + (", see Relevant below." if record.parts["relevant"] else
                                                    ": say which finding, focus group or priority it answers."))
    story: list[Flowable] = [Paragraph(text(f"Objective {number}. {record.statement}"), st.h2),
                             Paragraph(text(_kind_line(record)), st.small),
                             Paragraph(text(evidence_line), st.body),
                             data_table(["", "What the team wrote", "Still missing"], rows,
                                        [width * 0.14, width * 0.52, width * 0.34]), Spacer(1, 4)]
    measurements = objectives.list_measurements(db, record.id)
    story.append(Paragraph(text(objectives.progress_text(record, measurements, style)), st.body))
    drawing = indicator_drawing(record, measurements, width * 0.6, style=style)
    if drawing is not None:
        story.append(drawing)
    mine = [a for a in actions if a.objective_id == record.id]
    if mine:
        story.append(_actions_table(mine, sources, style, today, width, True, scope))
    else:
        story.append(nothing_yet("No actions under this objective yet: add them on the Action plan tab "
                                 "(Schedule and Gantt) and choose this objective."))
    return story


def _balance_story(records, actions, st) -> list[Flowable]:
    """The plan's balance, under its objectives' heading: what the actions change and the goal types,
    with what to look at (seed 000 step 5; seed 002)."""
    balance = balance_of(records, actions)
    story: list[Flowable] = [Paragraph("<b>Balance of the plan.</b> " + text(
        f"What the actions change: {balance.actions_line}. Goal types: {balance.goals_line}."), st.body)]
    story += [Paragraph(text(w), st.note) for w in balance.warnings]
    return story


def _getting_started(st) -> list[Flowable]:
    steps = ["On the Priorities tab, approve the candidate actions the team agreed on; each becomes an action "
             "in the plan, with where it came from.",
             "On the Action plan tab (Objectives), write a SMARTIE objective for each priority: specific, "
             "measurable, achievable, relevant, time-bound, inclusive and equitable.",
             "On Schedule and Gantt, give each action an owner, dates and its objective.",
             "Plan who hears what and when on Communication, including a first celebration; then print again."]
    return [Paragraph("The plan has no objectives or actions yet. To build it:", st.body),
            ListFlowable([ListItem(Paragraph(text(s), st.body), value=n + 1) for n, s in enumerate(steps)],
                         bulletType="1", bulletFontName=FONT, bulletFontSize=10, leftIndent=16)]


def plan_story(db: Session, st, style: DateStyle, *, school_id: int | None = None, today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> list[Flowable]:
    """The printed plan's body, without its title: objectives with their actions, the balance,
    actions by owner, the PDSA log and the communication plan. With ``school_id``: that school's
    actions and the district-wide ones (and the objectives and cycles they belong to), said so in
    its first line. ``st`` is ``document.styles()``, ``style`` the district's ``DateStyle``."""
    today = today or dt.date.today()
    profile = district_profile.get_profile(db)
    width = frame_width(profile.paper_size)
    scope = _scope(db, school_id)
    all_records = objectives.list_objectives(db)
    all_actions = action_schedule.list_actions(db)
    actions = [a for a in all_actions if scope.keeps(a)]
    records = all_records if school_id is None else [
        r for r in all_records if any(a.objective_id == r.id for a in actions)
        or not any(a.objective_id == r.id for a in all_actions)]
    sources = action_sources(db)
    kept_actions = {a.id for a in actions}
    kept_records = {r.id for r in records}
    cycles = [c for c in improvement_cycles.list_cycles(db)
              if c.action_id in kept_actions or (c.action_id is None and (c.objective_id in kept_records
                                                                          or c.objective_id is None))]
    items = communications.list_items(db)
    story: list[Flowable] = []
    if school_id is not None:
        story.append(Paragraph(text(f"The actions at {scope.school_name} and the district-wide actions; actions "
                                    "at other schools are in the district's plan."), st.body))
    if not records and not actions and not cycles and not items:
        return story + _getting_started(st)
    story.append(Paragraph("Objectives", st.h1))
    if school_id is None and (records or actions):
        story += _balance_story(records, actions, st)
    if not records:
        story.append(nothing_yet("No objectives yet: on the Action plan tab (Objectives), write a SMARTIE "
                                 "objective for each priority, then put its actions under it."))
    for n, record in enumerate(records):
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, len(records) + 3)
        story += _objective_story(db, all_records.index(record) + 1, record, actions, sources, style, today, width,
                                  scope)
    loose = [a for a in actions if a.objective_id is None]
    if loose:
        story += [Paragraph("Actions not under an objective", st.h2),
                  _actions_table(loose, sources, style, today, width, False, scope)]
    story += _contract_limited_story(actions, scope, width, st)
    # A section's heading goes in one KeepTogether with its first block, so it never ends a page
    # (the heading style's keepWithNext does not hold when the next flowable is a KeepTogether).
    if actions:
        by_owner: dict[str, list] = {}
        for a in actions:
            by_owner.setdefault(a.owner_name or "No owner yet", []).append(a)
        for n, owner in enumerate(sorted(by_owner, key=str.casefold)):
            story.append(KeepTogether([Paragraph("Actions by owner", st.h1)] * (n == 0) + [
                Paragraph(text(owner), st.h2), data_table(
                    ["Action", "Ends", "Status"],
                    [[a.title + (f" {contract_limits.MARK}" if scope.contract(a).limited else ""),
                      style.date(a.end) or a.deadline_text, _status(a, today)]
                     for a in sorted(by_owner[owner], key=lambda a: a.end or dt.date.max)],
                    [width * 0.58, width * 0.2, width * 0.22])]))
    titles = {r.id: r.statement for r in all_records}
    action_titles = {a.id: a.title for a in all_actions}
    cycle_titles = {c.id: c.title for c in improvement_cycles.list_cycles(db)}
    if not cycles:
        story += [Paragraph("Plan-Do-Study-Act log", st.h1),
                  nothing_yet("No PDSA cycle recorded yet: once an action is under way, start one on the Action "
                              "plan tab (PDSA cycles) to test a change on a small scale.")]
    for n, c in enumerate(cycles):
        rows = [["Plan", style.date(c.plan_date), f"{c.question} Prediction: {c.prediction}".strip()],
                ["Do", style.date(c.do_date), c.do_notes], ["Study", style.date(c.study_date), c.study_notes],
                ["Act", style.date(c.act_date), (improvement_cycles.DECISIONS[c.decision] + ": " if c.decision
                                                 else "") + c.act_notes]]
        changed = improvement_cycles.what_it_changed(c, action_titles, cycle_titles)
        if changed:
            rows.append(["", "", f"{changed}."])
        story.append(KeepTogether([Paragraph("Plan-Do-Study-Act log", st.h1)] * (n == 0) + [
                                   Paragraph(text(c.title), st.h2),
                                   Paragraph(text(f"On: {titles.get(c.objective_id, 'an action')} \u2022 "
                                                  f"stage: {c.stage}"), st.small),
                                   data_table(["", "Date", "Notes"], rows,
                                              [width * 0.1, width * 0.18, width * 0.72])]))
    without = improvement_cycles.objectives_without_cycle(db, profile.year_start, profile.year_end)
    without = [w for w in without if school_id is None or w in {r.statement for r in records}]
    if without:
        story.append(Paragraph(text("No cycle this school year yet: " + "; ".join(without)), st.note))
    story.append(Paragraph("Communication plan", st.h1))
    if not items:
        story.append(nothing_yet("Nothing planned yet: on the Action plan tab (Communication), plan who hears "
                                 "what, when and how, and a first celebration of a success."))
    else:
        people = {p.id: p.name for p in list_people(db)}
        story.append(data_table(["Date", "Audience", "Message", "Channel", "Owner", "Done"],
                                [[style.date(i.send_on), i.audience, ("\u2605 " if i.celebration else "")
                                  + i.message, i.channel, people.get(i.owner_id, ""),
                                  "yes" if i.done else ""] for i in items],
                                [width * 0.15, width * 0.13, width * 0.36, width * 0.13, width * 0.15,
                                 width * 0.08]))
        story.append(Paragraph("\u2605 a celebration of a success.", st.small))
    return story


def build_plan_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None, today: dt.date | None = None,
                   school: str | None = None) -> Path:
    """The action plan; with ``school`` (a school's name, any case), that school's plan."""
    profile = district_profile.get_profile(db)
    style = style_for(profile)
    st = styles()
    chosen = school_named(db, school) if school else None
    title = f"{chosen.name}: employee wellness action plan" if chosen else "Employee wellness action plan"
    story: list[Flowable] = [Paragraph(text(title), st.title),
                             Paragraph(text(f"{profile.display_name} \u2022 {profile.school_year}"), st.subtitle)]
    story += plan_story(db, st, style, school_id=chosen.id if chosen else None, today=today, progress=progress,
                        cancel=cancel)
    # the page header names the school too, for pages that end up apart from the first
    info = DocumentInfo(f"Action plan \u2022 {chosen.name}" if chosen else "Action plan", profile.display_name,
                        profile.paper_size)
    return build_pdf(out_path, info, story, cancel=cancel)


@dataclass(frozen=True)
class ActionCounts:
    """How far the plan's actions have got on a day, counted as the Gantt chart and the Action
    plan tab count them (action_schedule's statuses and its rule for late)."""
    total: int
    done: int
    in_progress: int
    late: int

    @classmethod
    def of(cls, actions: list[ActionRecord], today: dt.date) -> ActionCounts:
        return cls(len(actions), sum(a.status == "done" for a in actions),
                   sum(a.status == "in_progress" for a in actions), sum(a.late(today) for a in actions))

    def sentence(self, on: str) -> str:
        return (f"Of the plan's {self.total} action{'s' if self.total != 1 else ''}, {self.done} "
                f"{'is' if self.done == 1 else 'are'} done, {self.in_progress} under way and {self.late} running "
                f"late on {on}.")


def _celebration(message: str) -> str:
    """The message without a leading "Celebrate:" (it is printed under "What we celebrate")."""
    head, sep, rest = message.partition(":")
    return rest.strip() if sep and head.strip().casefold() in ("celebrate", "celebration") and rest.strip() \
        else message


# How many lines each part of the update shows, most first: the update takes the first that fits
# its one page ("and 3 more in the action plan" says what was left for the plan).
@dataclass(frozen=True)
class _Detail:
    heard: int
    pairs: int
    did: int
    next: int
    celebrate: int


_DETAILS = (_Detail(3, 4, 6, 4, 6), _Detail(2, 3, 4, 3, 3), _Detail(1, 2, 3, 2, 2), _Detail(1, 1, 2, 2, 1),
            _Detail(1, 1, 1, 1, 1))


def _height(story: list[Flowable], width: float) -> float:
    """About how tall ``story`` is laid out ``width`` wide, spaces between its blocks included."""
    total = 0.0
    for f in story:
        if isinstance(f, KeepTogether):  # measured by what it holds (it measures itself only on a page)
            total += _height(f._content, width)
        else:
            total += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def as_of(a: ActionRecord, today: dt.date, adopted_on: dict[int, dt.date] | None = None) -> ActionRecord:
    """The action as an update dated ``today`` can report it: work can't be done or under way before
    it starts, and an action marked done is still under way until its end date has come (the plan
    holds its latest status, which an update of an earlier day must not claim). ``adopted_on``: the
    day a PDSA cycle's "adopt" made each action standard practice; not yet standard before it."""
    if a.standard_practice and adopted_on and adopted_on.get(a.id, today) > today:
        a = replace(a, standard_practice=False)
    if a.start is not None and a.start > today and a.status in ("done", "in_progress"):
        return replace(a, status="not_started", percent_done=0)
    if a.status == "done" and a.end is not None and a.end > today:
        return replace(a, status="in_progress")
    return a


def progress_story(db: Session, st, style: DateStyle, *, school_id: int | None = None,
                   today: dt.date | None = None, room: float | None = None) -> list[Flowable]:
    """The progress update's body, without its title: what we heard, you said and we did, what we
    did, what's next and what we celebrate, as of ``today`` (nothing after it is reported). With
    ``school_id``: that school's actions and the district-wide ones. ``st`` is
    ``document.styles()``, ``style`` the district's ``DateStyle``. With ``room`` (points of page
    height), each part shows only as many lines as let the whole fit it."""
    from services.data import survey_waves

    today = today or dt.date.today()
    scope = _scope(db, school_id)
    records = objectives.list_objectives(db)
    adopted_on = {c.action_id: c.act_date for c in improvement_cycles.list_cycles(db)
                  if c.decision == "adopt" and c.action_id is not None and c.act_date is not None}
    actions = [as_of(a, today, adopted_on) for a in action_schedule.list_actions(db) if scope.keeps(a)]
    sources = action_sources(db)
    items = communications.list_items(db)
    waves = [w for w in survey_waves.list_waves(db) if (w.first_response or w.imported_at.date()) <= today]
    pairs = feedback_log.said_and_done(db, today, school_actions={a.id for a in actions} if school_id else None,
                                       action_status={a.id: _status(a, today).lower() for a in actions},
                                       stage={a.id: a.status for a in actions})
    story: list[Flowable] = []
    if not records and not actions and not waves and not items and not pairs:
        return story + [Paragraph("Nothing to report yet", st.h1),
                        nothing_yet("This plan holds no survey, objectives, actions or communications yet, so an "
                                    "update would have nothing true to say. Import the staff survey on the Data "
                                    "tab, approve priorities, then add objectives and actions on the Action plan "
                                    "tab, and print this update again.")]

    def bullets(lines: list[str], empty: str, limit: int) -> list[Flowable]:
        shown = [Paragraph(text(x), st.body, bulletText="\u2022") for x in lines[:limit]]
        if len(lines) > limit:
            shown.append(Paragraph(text(f"and {len(lines) - limit} more in the action plan."), st.body,
                                   bulletText="\u2022"))
        return shown or [Paragraph(text(empty), st.body)]

    answers = {r.id: r.source_label for r in records if r.source_label}

    def origin(a: ActionRecord) -> str:
        source = sources.get(a.id)
        if source is None:
            return ""
        if source.kind == ADDED_IN_PLAN and a.objective_id in answers:
            return f" (toward {answers[a.objective_id]})"
        return f" ({source.plain})"

    heard = [f"{w.respondent_count} staff answered the {w.label} survey." for w in waves[-1:]]
    heard += [r.parts["relevant"] for r in records if r.parts["relevant"]]

    def school_first(a: ActionRecord) -> bool:  # a school's update leads with the school's own work
        return school_id is None or a.school_id != school_id

    finished = sorted((a for a in actions if a.status == "done"),
                      key=lambda a: (school_first(a), -(a.end or dt.date.min).toordinal()))
    indicators = []  # first, and never cut: they say whether the work is making a difference
    for r in records:
        measurements = [m for m in objectives.list_measurements(db, r.id) if m.measured_on <= today]
        if measurements and r.indicator:
            indicators.append(objectives.progress_text(r, measurements, style))
    did = indicators + [a.title + origin(a) for a in finished]
    upcoming = sorted((a for a in actions if a.status not in CLOSED and a.start and a.end and a.end >= today),
                      key=lambda a: (school_first(a), a.start))
    nxt = [f"{a.title}, {style.range(a.start, a.end)}{origin(a)}" for a in upcoming]
    celebrate = [_celebration(i.message) + (f" ({style.date(i.send_on)})" if i.send_on else "")
                 for i in items if i.celebration and (i.send_on <= today if i.send_on else i.done)]
    counts = ActionCounts.of(actions, today)

    def body(detail: _Detail) -> list[Flowable]:
        out = [Paragraph("What we heard", st.h1),
               *bullets(heard, "We are gathering staff views this year.", detail.heard + (not pairs))]
        if pairs:
            out += _said_and_done_story(pairs, st, detail.pairs)
        return out + [Paragraph("What we did", st.h1),
                      Paragraph(text(counts.sentence(style.date(today))), st.body),
                      *bullets(did, "No action is finished yet.", len(indicators) + detail.did),
                      Paragraph("What's next", st.h1), *bullets(nxt, "The next steps are being planned.", detail.next),
                      Paragraph("What we celebrate", st.h1),
                      *bullets(celebrate, "Nothing celebrated yet this year: tell the wellness team about a success "
                                          "worth celebrating.", detail.celebrate)]

    width = frame_width(district_profile.get_profile(db).paper_size) - 12  # the frame's own padding
    for detail in _DETAILS:
        shown = body(detail)
        if room is None or _height(story + shown, width) <= room:
            break
    return story + shown


# On the update's every page, in the footer (where it takes none of the one page's room).
SMALL_GROUPS_NOTE = "Results for small groups of staff are never shared, so no one can be identified."


def _said_and_done_story(pairs: list[feedback_log.SaidAndDone], st, most: int) -> list[Flowable]:
    """Each piece of feedback with what answers it, from the links the team made in the feedback log;
    feedback not answered yet is counted, never paired with something it was not linked to."""
    answered = [p for p in pairs if p.did]
    waiting = len(pairs) - len(answered)
    said_style = ParagraphStyle("said", parent=st.body, spaceAfter=1)
    did_style = ParagraphStyle("did", parent=st.body, leftIndent=14)
    story: list[Flowable] = [Paragraph("You said, we did", st.h1)]
    for pair in answered[:most]:
        story.append(KeepTogether([Paragraph(f"<b>You said:</b> {text(pair.said)}", said_style),
                                   Paragraph(f"<b>{pair.verb}:</b> {text(pair.did)}", did_style)]))
    more = len(answered) - most
    if more > 0:
        story.append(Paragraph(text(f"and {counted(more, 'more answer')} in the action plan."), st.body))
    if waiting:
        story.append(Paragraph(text(f"We heard {counted(waiting, 'more piece', 'more pieces')} of feedback we have "
                                    "not answered yet; the next update says what we did about "
                                    f"{'it' if waiting == 1 else 'them'}."), st.body))
    if not answered:
        story.insert(1, Paragraph(text("We are still working on what you told us."), st.body))
    return story


def build_progress_update_pdf(db: Session, out_path: str | Path, *,
                              progress: Callable[[int, int], None] | None = None,
                              cancel: Callable[[], bool] | None = None, today: dt.date | None = None,
                              school: str | None = None) -> Path:
    """One page for staff, families and partners: what we heard, you said and we did, what we did,
    will do, and celebrate. Only what has happened by ``today`` is reported as done or celebrated.
    With ``school`` (a school's name, any case), that school's update."""
    today = today or dt.date.today()
    profile = district_profile.get_profile(db)
    style = style_for(profile)
    st = styles()
    chosen = school_named(db, school) if school else None
    school_id = chosen.id if chosen else None
    title = f"Employee wellness at {chosen.name}" if chosen else "Employee wellness: where we are"
    story: list[Flowable] = [Paragraph(text(title), st.title),
                             Paragraph(text(f"{profile.display_name} \u2022 update of {style.long(today)}"),
                                       st.subtitle)]
    room = frame_height(profile.paper_size) - 12 - _height(story, frame_width(profile.paper_size) - 12)
    story += progress_story(db, st, style, school_id=school_id, today=today, room=room)
    if progress is not None:
        progress(1, 1)
    info = DocumentInfo(f"Progress update \u2022 {chosen.name}" if chosen else "Progress update",
                        profile.display_name, profile.paper_size, footer_note=SMALL_GROUPS_NOTE)
    return build_pdf(out_path, info, story, cancel=cancel)
