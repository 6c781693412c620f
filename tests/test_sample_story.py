"""The sample district tells one true story (issue 23): each chain the product teaches is walked
from its start to the plan (a survey finding, a readiness item, a focus-group proposal, each to
an action under the objective its evidence serves), and the progress update of a day says only
what could have happened by then."""

from __future__ import annotations

import datetime as dt

import pytest

from models import ActionStatus, SourceKind
from services import district_profile
from services.action_plan import action_schedule, objectives, plan_balance
from services.data import survey_findings
from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions
from services.priorities import candidate_actions, planned_actions
from services.readiness import readiness_rounds
from services.reports.plan_report import ADDED_IN_PLAN, action_sources, build_plan_pdf, build_progress_update_pdf
from services.sample import sample_action_plan, sample_focus_groups, sample_readiness
from services.team import meetings
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

D = dt.date
SURVEY = SourceKind.SURVEY_FINDING.value
APPROVED = ActionStatus.APPROVED.value


def _candidate_from(s, kind: str, source_id: int):
    found = [c for c in candidate_actions.list_candidate_actions(s) if c.source_kind == kind and c.source_id == source_id]
    assert len(found) == 1, (kind, source_id, found)
    return found[0]


def _planned(s, candidate_id: int) -> action_schedule.ActionRecord:
    line = planned_actions.find_for_candidate(s, candidate_id)
    assert line is not None, candidate_id
    return action_schedule.get_action(s, line.id)


def _objective_groups(s) -> dict[int, set[str]]:
    names = {g.id: g.name for g in district_profile.list_position_groups(s)}
    return {o.id: {names[g] for g in o.group_ids} for o in objectives.list_objectives(s)}


def test_each_approved_survey_finding_is_in_the_plan_under_the_objective_for_its_staff(sample_plan):
    with sample_plan.transaction() as s:
        groups = _objective_groups(s)
        records = {o.id: o for o in objectives.list_objectives(s)}
        chains = []
        for number, finding in enumerate(survey_findings.list_findings(s), start=1):
            candidate = _candidate_from(s, SURVEY, finding.id)
            action = _planned(s, candidate.id) if candidate.status == APPROVED else None
            chains.append((number, finding.group, candidate.title, candidate.status, action))
    approved = [c for c in chains if c[4] is not None]
    assert [c[0] for c in approved] == [1, 2, 3]  # finding 4 (paraprofessionals' workload) was parked
    for number, group, _title, _status, action in approved:
        assert action.objective_id is not None, number
        assert group in groups[action.objective_id], (number, group, records[action.objective_id].statement)
    by_number = {c[0]: c for c in chains}
    # the food service finding's translation sits under the food service objective, not the custodial EAP one
    translate = by_number[3][4]
    assert by_number[3][2] == "Translate wellness information into Spanish"
    assert records[translate.objective_id].source_label == "Staff survey Fall 2026, finding 3"
    assert "food service" in records[translate.objective_id].statement


def test_objective_1s_finding_is_approved_and_its_other_actions_were_added_toward_it(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        first = objectives.list_objectives(s)[0]
        candidates = [c for c in candidate_actions.list_candidate_actions(s)
                      if c.source_label.startswith(first.source_label + ":")]
        mine = [a for a in action_schedule.list_actions(s) if a.objective_id == first.id]
        sources = action_sources(s)
        text = pdf_text(build_plan_pdf(s, tmp_path / "plan.pdf", today=sample_action_plan.AT.date()))
    assert first.source_label == "Staff survey Fall 2026, finding 1"
    assert [(c.title, c.status) for c in candidates] == [("Set up a break room at the bus depot", APPROVED)]
    from_it = [a for a in mine if a.candidate_id == candidates[0].id]
    assert [a.title for a in from_it] == ["Set up a break room at the bus depot"]
    others = [a for a in mine if a.candidate_id is None]
    assert len(others) == len(mine) - 1 == 9
    assert all(sources[a.id].kind == ADDED_IN_PLAN for a in others)
    assert "Set up a break room at the bus depot" in text and "Survey finding: Staff survey Fall 2026, finding 1" in text
    assert "Added in the plan for this objective" in text


def test_readiness_item_b2_reaches_the_plan(sample_plan):
    with sample_plan.transaction() as s:
        round_ = readiness_rounds.find_round(s, sample_readiness.LATEST_READINESS, "readiness")
        item = readiness_rounds.ensure_round_item(s, round_.id, "B2")
        candidate = _candidate_from(s, SourceKind.READINESS_ITEM.value, item)
        action = _planned(s, candidate.id)
    assert candidate.status == APPROVED and candidate.source_label == "Readiness round Fall 2026, item B2"
    assert action.title == "Put staff wellness on every principals' meeting agenda" and action.scheduled
    # approved on Jan 14, starting at the next principals' meeting: not yet under way on the plan's date
    assert action.start > sample_action_plan.AT.date() and action.status == "not_started"


def test_the_focus_groups_proposal_reaches_the_plan_dated_for_its_deadline(sample_plan):
    with sample_plan.transaction() as s:
        profile = district_profile.get_profile(s)
        sid = focus_sessions.find_session(s, sample_focus_groups.SESSION_DATE.isoformat()).id
        data = focus_results.load(s, sid)
        proposal = next(p for p in data.proposals if p.idea.startswith("Expect providers"))
        candidate = _candidate_from(s, SourceKind.FOCUS_GROUP_PROPOSAL.value, proposal.id)
        action = _planned(s, candidate.id)
    assert proposal.deadline == candidate.proposed_deadline == action.deadline_text == \
        "Agreed by June 2027, in place at the start of next school year"
    assert candidate.status == APPROVED
    # agreed this spring, by June, within the school year (so it is in place when the next one starts)
    assert profile.year_start <= action.start <= action.end <= profile.year_end
    assert (action.end.year, action.end.month) == (2027, 6)


def test_everything_the_focus_group_marked_or_proposed_is_in_priorities(sample_plan):
    with sample_plan.transaction() as s:
        sid = focus_sessions.find_session(s, sample_focus_groups.SESSION_DATE.isoformat()).id
        titles = {c.title: c for c in candidate_actions.list_candidate_actions(s)}
        with pytest.raises(InvalidInput, match="Everything from this session is already in Priorities"):
            focus_results.send_to_priorities(s, sid)
    signing = titles["Consider signing bonuses for hard-to-fill positions and schools"]
    assert signing.source_label.endswith("initiative 11, action 11.3")
    assert signing.created_at == dt.datetime(2027, 1, 14, 13, 30)  # the same on every run
    lead = titles["Create a lead counselor role with time for mentoring"]
    assert lead.source_kind == SourceKind.FOCUS_GROUP_PROPOSAL.value and lead.proposed_deadline == "Budget for 2027-28"


def test_every_actions_objective_is_for_the_staff_its_source_serves(sample_plan):
    with sample_plan.transaction() as s:
        groups = _objective_groups(s)
        names = {g.id: g.name for g in district_profile.list_position_groups(s)}
        actions = action_schedule.list_actions(s)
        balance = plan_balance.plan_balance(s)
    checked = 0
    for a in actions:
        if a.objective_id is None or not a.group_ids:
            continue
        served = {names[g] for g in a.group_ids}
        assert served & groups[a.objective_id], (a.title, served, groups[a.objective_id])
        checked += 1
    assert checked == 3  # the three approved survey findings
    # approved actions for staff no objective is about stay outside the objectives, not under a wrong one
    providers = [a for a in actions if {names[g] for g in a.group_ids} == {"Counselors, psychologists and social workers"}]
    assert providers and all(a.objective_id is None for a in providers)
    assert balance.goal_warnings == () and balance.level_warnings == ()


def _update(plan, tmp_path, today: dt.date) -> str:
    with plan.transaction() as s:
        return pdf_text(build_progress_update_pdf(s, tmp_path / f"update-{today}.pdf", today=today))


def test_the_progress_update_says_what_had_happened_by_its_date(sample_plan, tmp_path):
    before = _update(sample_plan, tmp_path, D(2026, 10, 1))
    did = before.split("What we did")[1].split("What's next")[0]
    assert "0 are done" in did and "Principals name a room in each school" not in did
    assert "Nothing celebrated yet" in before

    december = _update(sample_plan, tmp_path, D(2026, 12, 2))
    did, rest = december.split("What we did")[1].split("What's next")
    assert "Principals name a room in each school" in did and "Ask drivers and cooks when a break could fit" in did
    # marked done in the plan, but it ends on Dec 4: on Dec 2 it is still under way
    assert "Map route gaps" not in did and "Map route gaps with the transportation supervisor, Nov 9" in rest
    assert "seven quiet rooms" not in december

    january = _update(sample_plan, tmp_path, sample_action_plan.AT.date())
    did, rest = january.split("What we did")[1].split("What's next")
    assert "5 are done" in did and "Map route gaps" not in rest  # done by then (it ended Dec 4), not under way
    assert "seven quiet rooms open before the break" in january.split("What we celebrate")[1]
    assert "Thank the EAP provider" not in january  # its day (Mar 26) is still to come
    # every objective with a measurement shows its indicator, the food service one included
    assert "% favorable: 'I can take the breaks I am entitled to'" in did
    # the celebrated seven rooms are what the indicator and the plan say happened before the break
    assert "Schools with a staff quiet room: 7 schools on Dec 18, 2026" in did
    assert "Open quiet rooms in the elementary schools" in did
    assert "% favorable: Belonging and respect (food service): 40% on Jan 12, 2027, from 38%" in did


def test_indicators_stay_when_the_update_cuts_its_lists_to_fit_one_page(sample_plan, tmp_path):
    day = sample_action_plan.AT.date()
    with sample_plan.transaction() as s:
        for n in range(14):
            a = action_schedule.add_action(s, f"Finished piece of work number {n + 1} with a title long enough to wrap "
                                              "onto a second line of the update", start=D(2026, 10, 1),
                                           end=D(2026, 10, 20))
            action_schedule.update_action(s, a.id, status="done")
        indicators = [o.indicator for o in objectives.list_objectives(s)
                      if o.indicator and [m for m in objectives.list_measurements(s, o.id) if m.measured_on <= day]]
        out = build_progress_update_pdf(s, tmp_path / "update.pdf", today=day)
    text = pdf_text(out)
    did = text.split("What we did")[1].split("What's next")[0]
    assert "more in the action plan" in did  # the list was cut
    assert len(indicators) == 3
    for indicator in indicators:
        assert indicator in did


def test_the_sample_shows_provider_need_the_groups_answers_and_contract_limits(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        sid = focus_sessions.find_session(s, sample_focus_groups.SESSION_DATE.isoformat()).id
        data = focus_results.load(s, sid)
        titles = {c.title: c for c in candidate_actions.list_candidate_actions(s)}
        union = next(a for a in action_schedule.list_actions(s) if a.title == "Agree schedules with the union")
        plan = pdf_text(build_plan_pdf(s, tmp_path / "plan.pdf", today=sample_action_plan.AT.date()))
    # the need per provider: social workers the hardest to fill, and none invited (the psychologist was)
    assert data.need_gaps == ["No social worker invited, and it is your hardest role to fill, has 3 open positions "
                              "and serves 35% of students."]
    assert {n.id: n.hard_to_fill_rank for n in data.needs} == {"counselors": 3, "social-workers": 1,
                                                               "psychologists": 2, "licensed": 4, "health": 5}
    # the guide's sample intention as read, the group's own, and its view of the framework
    assert data.record.intention == "" and data.record.group_intention == sample_focus_groups.GROUP_INTENTION
    assert "Great job matters most" in data.record.attributes_matter
    assert "caseload" in data.record.attributes_change
    # contract limits: set in the session (11.3) and carried into Priorities; set in Priorities; set in the plan
    assert data.mark_contracts["11.3"].limited
    signing = titles["Consider signing bonuses for hard-to-fill positions and schools"]
    assert signing.contract_limited and "salary schedule" in signing.contract_note
    accrual = titles["Front-load benefit accrual for new mental health staff"]
    assert accrual.contract_limited and "bargaining agreement" in accrual.contract_note
    assert union.candidate_id is None
    assert "Drivers' and cooks' breaks are set in their bargaining agreements" in plan


def test_the_years_meetings_leave_no_purpose_out(sample_plan):
    with sample_plan.transaction() as s:
        schedule = meetings.list_meetings(s)
    assert all(m.purposes for m in schedule)
    assert meetings.missing_purposes(schedule) == [] and meetings.purpose_warning(schedule) == ""


def test_the_command_lines_update_dated_today_reports_only_what_has_happened(sample_file, tmp_path):
    from tests.cli_run import wellplan

    out = tmp_path / "update.pdf"
    result = wellplan("export", str(sample_file), "progress-update", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    today = dt.date.today()
    celebrated = text.split("What we celebrate")[1]
    for _audience, message, _channel, send_on, _owner, _done, celebration in sample_action_plan.COMMUNICATIONS:
        if celebration:
            shown = message.partition(":")[2].strip() if message.startswith("Celebrate:") else message
            assert (shown in celebrated) == (send_on <= today), (message, today)
    did = text.split("What we did")[1].split("What's next")[0]
    for title, _objective, _owner, _start, end, status, *_rest in sample_action_plan.ACTIONS:
        if status == "done" and end > today:
            assert title not in did, (title, today)
