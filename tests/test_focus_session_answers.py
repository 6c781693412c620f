"""A focus session as the guide runs it (seed 004): the meeting intention (the guide's sample unless
changed) and the group's own version, the group's view of the framework, attendees' usual hours
against the session's time, and actions limited by a contract or collective bargaining."""

from __future__ import annotations

import datetime as dt

import pytest

from models import CandidateAction, FocusSession
from services import district_profile
from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions
from services.team import team_roster


@pytest.fixture
def planned(empty_plan):
    with empty_plan.transaction() as s:
        record = focus_sessions.create_session(s, "retain-mh-staff", "Provider focus group",
                                               first_date=dt.date(2026, 10, 14))  # a Wednesday
    return empty_plan, record.id


# ---- 2. meeting intention ---------------------------------------------------------------------

def test_the_intention_is_the_guides_sample_until_changed_and_the_groups_version_is_kept(planned):
    plan, sid = planned
    with plan.transaction() as s:
        template = focus_sessions.template_of(s, sid)
        data = focus_results.load(s, sid)
        assert template.intention.startswith("We are here to brainstorm")
        assert data.intention == template.intention and data.record.intention == ""
        focus_sessions.update_session(s, sid, intention="  We meet to hear what keeps our counselors here. ",
                                      group_intention="Find three things we can change this year.")
        data = focus_results.load(s, sid)
        assert data.intention == "We meet to hear what keeps our counselors here."
        assert data.record.group_intention == "Find three things we can change this year."
        # Typing the sample back (or clearing it) is the sample again.
        focus_sessions.update_session(s, sid, intention=template.intention)
        assert s.get(FocusSession, sid).intention == ""
        focus_sessions.update_session(s, sid, intention="")
        assert focus_results.load(s, sid).intention == template.intention
        with pytest.raises(InvalidInput, match="The meeting intention can be at most 4000 characters"):
            focus_sessions.update_session(s, sid, intention="x" * 4001)


def test_an_old_plans_empty_intention_reads_as_the_sample(planned):
    plan, sid = planned
    with plan.transaction() as s:
        row = s.get(FocusSession, sid)
        row.intention, row.group_intention, row.attributes_matter = "", 7, b"\x01"
        s.flush()
        data = focus_results.load(s, sid)
        assert data.intention == data.template.intention
        assert (data.record.group_intention, data.record.attributes_matter) == ("", "")


# ---- 3. the group's view of the framework ----------------------------------------------------

def test_the_groups_view_of_the_framework_and_notes_are_recorded(planned):
    plan, sid = planned
    with plan.transaction() as s:
        focus_sessions.update_session(s, sid, attributes_matter="Great jobs, then great leaders",
                                      attributes_change="Add: supervision time", notes="Two came late.")
        record = focus_sessions.get_session(s, sid)
        assert (record.attributes_matter, record.attributes_change, record.notes) == (
            "Great jobs, then great leaders", "Add: supervision time", "Two came late.")
        snap = focus_sessions.snapshot(s, sid)
        focus_sessions.update_session(s, sid, attributes_matter="")
        focus_sessions.restore(s, snap)
        assert focus_sessions.get_session(s, sid).attributes_matter == "Great jobs, then great leaders"


# ---- 4. attendees' hours ----------------------------------------------------------------------

def test_attendees_whose_hours_dont_cover_the_session_are_flagged(planned):
    plan, sid = planned
    with plan.transaction() as s:
        early = district_profile.add_position_group(s, "Breakfast crew", 20, dt.time(6, 0), dt.time(14, 0))
        office = district_profile.add_position_group(s, "Counseling team", 10, dt.time(8, 0), dt.time(17, 0))
        cook = focus_sessions.add_new_attendee(s, sid, "Rosa Diaz", "other", position_group_id=early.id)
        counselor = focus_sessions.add_new_attendee(s, sid, "Ana Lopez", "counselors", position_group_id=office.id)
        part_time = team_roster.add_person(s, "Lee Park", position_group_id=office.id,
                                           meets_from=dt.time(8, 0), meets_until=dt.time(12, 0))
        parker = focus_sessions.add_attendee(s, sid, part_time.id, "psychologists")
        assert focus_results.load(s, sid).hours == {}  # no start time yet: nothing to check
        focus_sessions.update_session(s, sid, start_time=dt.time(13, 0))  # 1:00-3:00 PM
        hours = focus_results.load(s, sid).hours
        assert set(hours) == {cook.id, parker.id}
        assert hours[cook.id].startswith("Outside the usual hours of Breakfast crew (6:00")
        assert hours[parker.id].startswith("Outside the hours they can meet (8:00")
        assert counselor.id not in hours
        # Two shorter sessions: each day is half the time booked; a Saturday is outside everyone's week.
        focus_sessions.update_session(s, sid, start_time=dt.time(9, 0), second_date=dt.date(2026, 10, 17))
        hours = focus_results.load(s, sid).hours
        assert hours[counselor.id] == "On a Saturday, outside the working week"
        assert set(hours) == {cook.id, counselor.id, parker.id}


def test_someone_invited_as_new_gets_a_position_group(planned):
    plan, sid = planned
    with plan.transaction() as s:
        group = district_profile.add_position_group(s, "Counseling team", 10, dt.time(8, 0), dt.time(17, 0))
        attendee = focus_sessions.add_new_attendee(s, sid, "Ana Lopez", "counselors", position_group_id=group.id)
        person = next(p for p in team_roster.list_people(s) if p.id == attendee.person_id)
        assert person.position_group_id == group.id and not attendee.on_team
        with pytest.raises(InvalidInput, match="position group is no longer"):
            focus_sessions.add_new_attendee(s, sid, "Ghost", "counselors", position_group_id=9999)


# ---- 5. contract or collective bargaining ------------------------------------------------------

def test_contract_limits_travel_to_the_candidates_sent_to_priorities(planned):
    plan, sid = planned
    with plan.transaction() as s:
        focus_results.set_mark(s, sid, "11.1", explore=True, contract_limited=True,
                               contract_note="Extra hours are set by the support staff agreement")
        focus_results.set_mark(s, sid, "1.1", explore=True)
        idea = focus_results.add_idea(s, sid, "job", "could", "Pay for supervision hours toward licensure")
        focus_results.update_idea(s, idea.id, contract_limited=True, contract_note="Salary schedule (CBA art. 9)")
        other = focus_results.add_idea(s, sid, "job", "could", "Four-day summer schedule")
        focus_results.update_idea(s, other.id, contract_limited=True)
        # A proposal restating the idea carries the idea's limit.
        focus_results.add_proposal(s, sid, "Pay for supervision toward licensure", restates=(None, other.id))
        data = focus_results.load(s, sid)
        assert data.contract_of(("11.1", None)).text == (
            "Limited by a contract or collective bargaining: Extra hours are set by the support staff agreement")
        assert data.contract_of(("1.1", None)).text == ""
        with pytest.raises(InvalidInput, match="at most 2000 characters"):
            focus_results.update_idea(s, idea.id, contract_note="x" * 2001)
        focus_results.send_to_priorities(s, sid)
        got = {c.title: (c.contract_limited, c.contract_note) for c in s.query(CandidateAction)}
        assert got[focus_results.load(s, sid).template.action("11.1")[1].text] == (
            True, "Extra hours are set by the support staff agreement")
        assert got["Pay for supervision hours toward licensure"] == (True, "Salary schedule (CBA art. 9)")
        assert got["Pay for supervision toward licensure"] == (True, "")
        assert got[focus_results.load(s, sid).template.action("1.1")[1].text] == (False, "")
