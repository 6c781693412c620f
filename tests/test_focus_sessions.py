"""Focus-group sessions against a real plan: planning, the role check, agenda timing, the
invitation, recording results, undo snapshots, and sending to Priorities."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

from models import CandidateAction, SourceKind
from services import district_profile
from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions
from services.priorities import candidate_actions, priority_ratings
from services.team import team_roster
from tests.test_priority_services import rating_of


@pytest.fixture
def planned(empty_plan):
    with empty_plan.transaction() as s:
        district_profile.update_profile(s, name="Riverbend Unified")
        record = focus_sessions.create_session(s, "retain-mh-staff", "Mental health staff focus group",
                                               first_date=dt.date(2026, 10, 14), place="Board room",
                                               facilitator="Dana Whitfield")
    return empty_plan, record.id


def test_a_session_starts_with_the_template_agenda_and_checks_roles(planned):
    plan, sid = planned
    with plan.transaction() as s:
        timing = focus_sessions.agenda_timing(s, sid)
        assert (timing.total, timing.booked, timing.over_by) == (120, 120, 0)
        a = focus_sessions.add_new_attendee(s, sid, "Ana Lopez", "counselors")
        team_member = team_roster.add_member(s, "Sam Ortiz")
        focus_sessions.add_attendee(s, sid, team_member.id, "district-head")
        missing = focus_sessions.missing_roles(focus_sessions.template_of(s, sid), focus_sessions.list_attendees(s, sid))
        assert "School counselor(s)" not in missing and "District head of student support" not in missing
        assert "Social worker(s)" in missing and "Other (please specify)" not in missing
        assert a.on_team is False and a.role_name == "School counselor(s)"
        with pytest.raises(InvalidInput, match="already invited"):
            focus_sessions.add_attendee(s, sid, team_member.id)
        with pytest.raises(InvalidInput, match="'janitor' is not a role"):
            focus_sessions.add_new_attendee(s, sid, "Lee", "janitor")


def test_agenda_edits_show_a_running_total_and_warn_when_over(planned):
    plan, sid = planned
    with plan.transaction() as s:
        items = focus_sessions.list_agenda(s, sid)
        focus_sessions.update_agenda_item(s, items[0].id, minutes=15)
        added = focus_sessions.add_agenda_item(s, sid, "Lunch", 10, after_id=items[3].id)
        assert [a.title for a in focus_sessions.list_agenda(s, sid)][4] == "Lunch"
        timing = focus_sessions.agenda_timing(s, sid)
        assert timing.total == 140 and timing.over_by == 20 and "20 minutes over" in timing.text
        focus_sessions.move_agenda_item(s, added.id, -10)
        assert focus_sessions.list_agenda(s, sid)[0].title == "Lunch"
        focus_sessions.update_session(s, sid, booked_minutes=150)
        assert focus_sessions.agenda_timing(s, sid).over_by == 0
        # the window's rows, already loaded, are timed by the same rule
        loaded = focus_results.load(s, sid)
        assert focus_sessions.timing_of(loaded.agenda, loaded.record.booked_minutes) == \
            focus_sessions.agenda_timing(s, sid)
        with pytest.raises(InvalidInput, match="between 1 and"):
            focus_sessions.update_agenda_item(s, added.id, minutes=0)
        with pytest.raises(InvalidInput, match="second date must come after"):
            focus_sessions.update_session(s, sid, second_date=dt.date(2026, 10, 1))


def test_the_invitation_is_filled_in_and_opens_as_mailto(planned):
    plan, sid = planned
    with plan.transaction() as s:
        person = team_roster.add_person(s, "Ana Lopez", contact="ana.lopez@riverbend.example")
        focus_sessions.add_attendee(s, sid, person.id, "counselors")
        focus_sessions.add_new_attendee(s, sid, "No Email", "health")
        invite = focus_sessions.invitation(s, sid)
    assert "Riverbend Unified" in invite.body and "Board room" in invite.body
    assert "Wednesday, October 14, 2026" in invite.body and "two-hour" in invite.body
    assert invite.body.rstrip().endswith("Dana Whitfield") and "{" not in invite.body
    assert invite.recipients == ("ana.lopez@riverbend.example",)
    url = urllib.parse.urlsplit(invite.mailto)
    assert url.scheme == "mailto" and url.path == "ana.lopez@riverbend.example"
    assert urllib.parse.parse_qs(url.query)["body"][0] == invite.body


def _record_results(s, sid):
    focus_results.set_aspiration(s, sid, "organization", now="Shared rooms", want="Our organization will be ...")
    focus_results.set_mark(s, sid, "1.1", explore=True)
    focus_results.set_mark(s, sid, "4.3", does_this=True)
    focus_results.set_mark(s, sid, "7.2", explore=True)
    idea = focus_results.add_idea(s, sid, "job", focus_results.COULD, "Peer supervision circle")
    focus_results.add_idea(s, sid, "job", focus_results.TAKEN, "Monthly case consults")
    a = focus_results.add_subgroup(s, sid)
    b = focus_results.add_subgroup(s, sid)
    focus_results.set_rating(s, a.id, ("1.1", None), impact=4, ease=2)
    focus_results.set_rating(s, b.id, ("1.1", None), impact=5, ease=4)
    focus_results.set_rating(s, a.id, (None, idea.id), impact=3, ease=5)
    focus_results.add_proposal(s, sid, "Set direct-contact time goals", owner="Principal of each school",
                               deadline="Start of next school year")
    return a, b, idea


def test_recording_results(planned):
    plan, sid = planned
    with plan.transaction() as s:
        a, b, idea = _record_results(s, sid)
        assert (a.name, b.name) == ("Subgroup A: great organization", "Subgroup B: great leaders")
        data = focus_results.load(s, sid)
        assert [t.label for t in data.targets()] == ["1.1", "7.2", "Idea (Great job)"]
        summary = data.summary(data.targets()[0])
        assert summary.impact.mean == 4.5 and summary.needs_discussion  # ease 2 vs 4
        assert data.marks["4.3"] == (True, False)
        with pytest.raises(InvalidInput, match="no example action 13.1"):
            focus_results.set_mark(s, sid, "13.1", explore=True)
        with pytest.raises(InvalidInput, match="from 1 to 5"):
            focus_results.set_rating(s, a.id, ("7.2", None), impact=6)


def test_send_to_priorities_carries_source_ratings_and_illustrative_position(planned):
    plan, sid = planned
    with plan.transaction() as s:
        _record_results(s, sid)
        result = focus_results.send_to_priorities(s, sid)
        actions = {a.title: a for a in candidate_actions.list_candidate_actions(s)}
        assert len(result.action_ids) == 4 and len(result.rater_ids) == 2
        office = next(a for t, a in actions.items() if t.startswith("Give mental health support staff dedicated office"))
        assert office.source_kind == SourceKind.FOCUS_GROUP_INITIATIVE.value
        assert "initiative 1, action 1.1" in office.source_label and "Oct 14, 2026" in office.source_label
        raters = {r.name: r.id for r in priority_ratings.list_raters(s)}
        rater_a = raters["Mental health staff focus group: Subgroup A: great organization"]
        assert rating_of(s, office.id, rater_a) == (4, 2)
        unrated = next(a for t, a in actions.items() if t.startswith("Set goals for time spent"))
        row = s.get(CandidateAction, unrated.id)
        assert (row.agreed_impact, row.agreed_ease) == (4.6, 2.6)  # initiative 7's illustrative place
        proposal = actions["Set direct-contact time goals"]
        assert proposal.source_kind == SourceKind.FOCUS_GROUP_PROPOSAL.value
        proposal_row = s.get(CandidateAction, proposal.id)
        assert (proposal_row.proposed_owner, proposal_row.proposed_deadline) == ("Principal of each school",
                                                                                 "Start of next school year")
        with pytest.raises(InvalidInput, match="already in Priorities"):
            focus_results.send_to_priorities(s, sid)
        focus_results.undo_send(s, result)
        assert candidate_actions.list_candidate_actions(s) == []
        assert priority_ratings.list_raters(s) == []


def test_nothing_to_send_says_what_to_do(planned):
    plan, sid = planned
    with plan.transaction() as s, pytest.raises(InvalidInput, match="Nothing to send yet"):
        focus_results.send_to_priorities(s, sid)


def test_snapshot_restores_a_deleted_session_with_its_ids(planned):
    plan, sid = planned
    with plan.transaction() as s:
        _record_results(s, sid)
        before = focus_results.load(s, sid)
        snap = focus_sessions.delete_session(s, sid)
        assert focus_sessions.list_sessions(s) == []
    with plan.transaction() as s:
        focus_sessions.restore(s, snap)
    with plan.transaction() as s:
        after = focus_results.load(s, sid)
    assert after.ratings == before.ratings and after.ideas == before.ideas and after.marks == before.marks
    assert after.attendees == before.attendees and after.proposals == before.proposals


def test_find_session_for_the_command_line(planned):
    plan, sid = planned
    with plan.transaction() as s:
        assert focus_sessions.find_session(s, str(sid)).id == sid
        assert focus_sessions.find_session(s, "2026-10-14").id == sid
        assert focus_sessions.find_session(s, "mental health staff focus group").id == sid
        with pytest.raises(InvalidInput, match=r"no focus-group session 'x'\. Sessions: 1 \(Mental"):
            focus_sessions.find_session(s, "x")


def test_the_journey_counts_focus_groups_under_step_3(planned):
    from services.overview import journey

    plan, sid = planned
    with plan.transaction() as s:
        step = next(st for st in journey.journey_status(s) if st.step.key == "data")
        assert step.summary == "1 focus-group session, 0 with results"
        assert "type its results in" in step.next_move
        focus_results.add_proposal(s, sid, "Supervision hour")
        step = next(st for st in journey.journey_status(s) if st.step.key == "data")
        assert step.summary == "1 focus-group session, 1 with results"
