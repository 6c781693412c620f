"""The sample district's priorities: about twenty-five candidate actions from every source, rated by
three subgroups (as seed 004 suggests), two of them flagged for discussion (one limited by the
bargaining agreement) and seven approved: one from each chain the plan shows (a survey finding, a
readiness item, a focus-group proposal, the focus group's example actions, a hand-entered idea).

The source ids name the records the other tabs' sample parts create (readiness items are looked
up in the readiness sample's latest round, focus-group actions, ideas and proposals in the focus
group sample, survey findings in the Data tab's sample, whose numbers become the evidence); the
labels keep the trail readable on their own. What the focus group marked or proposed beyond these
arrives through its own "Send to Priorities", as a facilitator sends it after the session.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models import ActionStatus, SourceKind
from services import district_profile
from services.date_style import STYLE
from services.priorities import action_decisions, candidate_actions, contract_limits, priority_ratings
from services.sample import sample_focus_groups, sample_readiness, sample_survey_waves

RATERS = ("Subgroup A: great organization", "Subgroup B: great leaders", "Subgroup C: great jobs")

# Short names for the sources, so each action below fits on a few lines.
ITEM, FINDING, INITIATIVE, PROPOSAL, BRAINSTORM = (
    SourceKind.READINESS_ITEM.value, SourceKind.SURVEY_FINDING.value, SourceKind.FOCUS_GROUP_INITIATIVE.value,
    SourceKind.FOCUS_GROUP_PROPOSAL.value, SourceKind.FOCUS_GROUP_BRAINSTORM.value,
)

# title, category, source kind, source id, source label, evidence, served groups,
# ratings per rater as (impact, ease), criteria (importance, cost, time, commitment, feasibility).
# A survey finding's evidence is left blank: the Data tab's sample writes it from the survey report's
# own numbers, so no figure typed here can disagree with the report.
ACTIONS = (
    ("Give counselors and psychologists a private office in every school", "Working conditions", INITIATIVE, "1.1",
     "Focus group {fg}, initiative 1, action 1.1", "Three of five providers said they counsel in shared rooms.",
     ("Counselors, psychologists and social workers",), ((4, 2), (4, 3), (5, 2)), (5, 2, 2, 4, 3)),
    # The group's proposal 3 restates example action 2.2: one action for the pair, the proposal's.
    ("One referral and triage process for the whole district", "Systems and processes", PROPOSAL, 3,
     "Focus group {fg}, proposal (restates 2.2)", "", ("Counselors, psychologists and social workers",),
     ((4, 3), (4, 4), (4, 3)), (4, 4, 3, 4, 4)),
    ("Invite mental health staff to morning meetings and staff celebrations", "Connection", INITIATIVE, "3.1",
     "Focus group {fg}, initiative 3, action 3.1", "", ("Counselors, psychologists and social workers",),
     ((3, 5), (3, 5), (3, 4)), (3, 5, 5, 4, 5)),
    ("Ask providers before deciding anything about student wellbeing", "Leadership", INITIATIVE, "4.3",
     "Focus group {fg}, initiative 4, action 4.3", "", ("Counselors, psychologists and social workers",),
     ((4, 4), (4, 5), (5, 4)), (4, 5, 5, 4, 5)),
    ("Explain counselors' and social workers' roles to all staff", "Leadership", INITIATIVE, "5.2",
     "Focus group {fg}, initiative 5, action 5.2", "", ("Teachers", "Counselors, psychologists and social workers"),
     ((3, 4), (3, 5), (1, 4)), None),
    ("Take non-counseling duties (lunch, bus duty) off providers' schedules", "Job design", INITIATIVE, "7.1",
     "Focus group {fg}, initiative 7, action 7.1", "Providers log about 4 hours a week of supervision duties.",
     ("Counselors, psychologists and social workers",), ((5, 2), (4, 3), (5, 3)), (5, 3, 3, 3, 3)),
    ("Expect providers to spend a set share of time with students in need", "Job design", PROPOSAL, 1,
     "Focus group {fg}, proposal", "", ("Counselors, psychologists and social workers",),
     ((4, 4), (5, 4), (4, 3)), (4, 5, 4, 4, 4)),
    ("Front-load benefit accrual for new mental health staff", "Compensation and benefits", PROPOSAL, 2,
     "Focus group {fg}, proposal", "Subject to the bargaining agreement.",
     ("Counselors, psychologists and social workers",), ((4, 1), (2, 2), (5, 1)), (4, 1, 1, 3, 2)),
    ("Peer supervision circle for new counselors", "Professional development", BRAINSTORM, 1,
     "Focus group {fg}, brainstorm (Great job)", "", ("Counselors, psychologists and social workers",),
     ((3, 4), (2, 4), (3, 5)), None),
    ("Hold a district-wide provider appreciation week", "Recognition", BRAINSTORM, 2,
     "Focus group {fg}, brainstorm (Great organization)", "", (), ((2, 5), (2, 4), (2, 5)), None),
    ("Put staff wellness on every principals' meeting agenda", "Leadership", ITEM, "B2",
     "Readiness round Fall 2026, item B2", "Leaders' support rated 'beginning' by most respondents.",
     ("School administrators",), ((4, 4), (3, 4), (4, 5)), (4, 5, 5, 3, 5)),
    ("Name a wellness contact in every school", "Capacity", ITEM, "C1",
     "Readiness round Fall 2026, item C1", "", (), ((3, 4), (3, 4), (3, 3)), None),
    ("Budget line for employee wellness in next year's budget", "Capacity", ITEM, "C4",
     "Readiness round Fall 2026, item C4", "Rated 'not yet' by 9 of 12 respondents.", (),
     ((5, 2), (4, 1), (4, 2)), (5, 1, 2, 3, 2)),
    # The team's reading of finding 1: drivers' breaks fall between routes, when the garage's break room is locked.
    ("Set up a break room at the bus depot", "Working conditions", FINDING, 1,
     "Staff survey 2026, finding 1", "",
     ("Transportation",), ((5, 3), (5, 3), (4, 2)), (5, 3, 3, 4, 3)),
    ("Offer wellness sessions at times night custodians can attend", "Access", FINDING, 2,
     "Staff survey 2026, finding 2", "",
     ("Maintenance and custodial",), ((4, 4), (4, 5), (3, 4)), (4, 4, 4, 4, 4)),
    ("Translate wellness information into Spanish", "Access", FINDING, 3,
     "Staff survey 2026, finding 3", "",
     ("Food service", "Maintenance and custodial"), ((4, 4), (3, 5), (4, 5)), (4, 4, 5, 4, 5)),
    ("Reduce paperwork for paraprofessionals", "Workload", FINDING, 4,
     "Staff survey 2026, finding 4", "",
     ("Paraprofessionals and aides",), ((3, 2), (3, 1), (2, 2)), None),
    ("Create a quiet break space in every school", "Working conditions", None, None, None, "", (),
     ((4, 3), (4, 3), (3, 3)), None),
    ("Cover classes so staff can attend wellness sessions", "Working conditions", None, None, None, "",
     ("Teachers", "Paraprofessionals and aides"), ((3, 2), (2, 1), (3, 2)), None),
    ("Publish a 'you said, we did' update after each survey", "Communication", None, None, None, "", (),
     ((4, 5), (4, 5), (5, 4)), (4, 5, 5, 4, 5)),
)

PROPOSALS = {  # proposal title: (owner, deadline), as the focus group wrote them
    "Expect providers to spend a set share of time with students in need": ("Principal of each school",
                                                                           sample_focus_groups.PROPOSED_DEADLINE),
    "Front-load benefit accrual for new mental health staff": ("Director of Human Resources", "Next bargaining round"),
    "One referral and triage process for the whole district": ("Director of Student Services", "January 2027"),
}

DISCUSSIONS = {
    "Front-load benefit accrual for new mental health staff":
        ("Dana Whitfield", "Ask HR and the union what the current agreement allows; bring a cost estimate."),
    "Explain counselors' and social workers' roles to all staff":
        ("Priya Raman", "Ask two principals how well roles are understood now."),
}

APPROVED = (
    # The readiness chain: item B2 (leaders' support) was sent to Priorities, approved, and is in the plan.
    "Put staff wellness on every principals' meeting agenda",
    # The survey chain: finding 1 (transportation staff's breaks) is the plan's first objective's source;
    # this is the one of its actions approved here (the others were added in the plan, toward it).
    "Set up a break room at the bus depot",
    "Ask providers before deciding anything about student wellbeing",
    "Expect providers to spend a set share of time with students in need",
    "Offer wellness sessions at times night custodians can attend",
    "Translate wellness information into Spanish",
    "Publish a 'you said, we did' update after each survey",
)
# Limited by a contract or collective bargaining (seed 004's bold reminder), and how.
CONTRACT_LIMITED = {
    "Front-load benefit accrual for new mental health staff":
        "Leave and benefit accrual are set by the bargaining agreement: it can change only in the next round.",
}
DECIDED_OTHERWISE = {
    "Hold a district-wide provider appreciation week": (ActionStatus.DECLINED.value,
                                                         "Folded into the existing staff recognition week."),
    "Reduce paperwork for paraprofessionals": (ActionStatus.PARKED.value,
                                               "Wait for the state's new IEP forms next spring."),
}
AGREED = {  # dragged by the team after discussion: (impact, ease)
    "Set up a break room at the bus depot": (4.8, 3.4),
}


def add_sample_priorities(session: Session) -> None:
    at = dt.datetime(2027, 1, 14, 13, 30)
    groups = {g.name: g.id for g in district_profile.list_position_groups(session)}
    raters = [priority_ratings.add_rater(session, name).id for name in RATERS]
    focus_label = f"{sample_focus_groups.SESSION_TITLE}, {STYLE.date(sample_focus_groups.SESSION_DATE)}"
    existing = {a.title: a for a in candidate_actions.list_candidate_actions(session)}
    ids: dict[str, int] = {}
    for title, category, kind, source_id, label, evidence, served, ratings, criteria in ACTIONS:
        if title in existing:
            action_id = existing[title].id
        else:
            owner, deadline = PROPOSALS.get(title, ("", ""))
            if kind == ITEM:  # the readiness sample made the round; link to its item
                source_id = sample_readiness.latest_round_item(session, source_id)
            elif kind == FINDING:  # and the Data tab's sample its findings, with the survey report's numbers
                source_id, label, evidence = sample_survey_waves.sample_finding(session, source_id)
            elif kind in (INITIATIVE, PROPOSAL, BRAINSTORM):  # and the focus-group sample its records
                source_id = sample_focus_groups.source_record(session, kind, source_id)
                label = label.format(fg=focus_label)
            action_id = candidate_actions.add_candidate_action(
                session, title, category=category, source_kind=kind, source_id=source_id, source_label=label,
                evidence=evidence,
                proposed_owner=owner, proposed_deadline=deadline, at=at,
            ).id
        ids[title] = action_id
        priority_ratings.set_served_groups(session, action_id, [groups[g] for g in served])
        for rater_id, (impact, ease) in zip(raters, ratings, strict=True):
            priority_ratings.set_rating(session, action_id, rater_id, impact=impact, ease=ease)
        for key, score in zip(("importance", "cost", "time", "commitment", "feasibility"), criteria or (), strict=False):
            priority_ratings.set_criterion_score(session, action_id, key, score)
    for title, (owner, step) in DISCUSSIONS.items():
        priority_ratings.set_detail(session, ids[title], "discussion_owner", owner)
        priority_ratings.set_detail(session, ids[title], "discussion_next_step", step)
    for title, (impact, ease) in AGREED.items():
        priority_ratings.set_agreed_position(session, ids[title], impact, ease)
    for title in APPROVED:
        action_decisions.decide(session, ids[title], ActionStatus.APPROVED.value, at=at)
    for title, (status, reason) in DECIDED_OTHERWISE.items():
        action_decisions.decide(session, ids[title], status, reason, at=at)
    for title, note in CONTRACT_LIMITED.items():
        contract_limits.set_for_candidate(session, ids[title], True, note)
    _send_a_data_gap(session, at)
    _send_low_participation(session, at)
    _send_a_policy_review(session, at)
    _send_the_rest_of_the_focus_group(session, at)


def _send_the_rest_of_the_focus_group(session: Session, at: dt.datetime) -> None:
    """After the session the facilitator sent what was not in Priorities yet (the marked example action
    11.3, unrated, and the proposal for a lead counselor role) with the focus-group tab's own
    "Send to Priorities", so the sample's focus group is fully handed off; their time stamps are the
    meeting's, so the sample is the same on every run."""
    from models import CandidateAction
    from services.focus_groups import focus_results, focus_sessions

    sid = focus_sessions.find_session(session, sample_focus_groups.SESSION_DATE.isoformat()).id
    for action_id in focus_results.send_to_priorities(session, sid).action_ids:
        row = session.get(CandidateAction, action_id)
        row.created_at = row.updated_at = at
    session.flush()


def _send_a_data_gap(session: Session, at: dt.datetime) -> None:
    """The team sent one gap in the district's data to Priorities: nothing tells it about nurses'
    working conditions (too few answered the survey for their results to be shown, and no other
    source the district has covers them)."""
    from services.data import data_gaps, data_sources

    cover = data_sources.coverage(session)
    domains, groups = {n: i for i, n in cover.domains}, {n: i for i, n in cover.groups}
    domain, group = domains.get("Working conditions and job stressors"), groups.get("Nurses and health staff")
    if domain is not None and group is not None and not cover.cells.get((domain, group)):
        data_gaps.send_coverage_gap(session, domain, group, at=at)


def _send_low_participation(session: Session, at: dt.datetime) -> None:
    """Food service answered the survey far less than others; the team found why (the Data tab's
    sample recorded the barriers) and sent it to Priorities, with its response rate as evidence."""
    from services.data import low_participation
    from services.data.survey_report import find_wave

    wave = find_wave(session, sample_survey_waves.LATEST).id
    low_participation.send_low_participation(session, wave, sample_survey_waves.POSITION,
                                             sample_survey_waves.LOW_PARTICIPATION, at=at)


def _send_a_policy_review(session: Session, at: dt.datetime) -> None:
    """The reviewed leave policy's finding went to Priorities (the Data tab's sample reviewed it)."""
    from services.data import policy_reviews

    review = next(r for r in policy_reviews.list_reviews(session) if r.name == sample_survey_waves.SENT_POLICY)
    policy_reviews.send_review(session, review.id, at=at)
