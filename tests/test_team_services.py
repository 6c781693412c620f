"""Team roster, lead, meetings, representation gaps, meeting-time flags and the profile rules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import Person
from services import district_profile as dp
from services.errors import InvalidInput
from services.overview import journey
from services.team import meeting_access, meetings, team_representation, team_roster


def _person(s, person_id):
    return s.get(Person, person_id)


def _group_id(s, name):
    return next(g.id for g in dp.list_position_groups(s) if g.name == name)


def test_one_lead_point_of_contact(empty_plan):
    with empty_plan.transaction() as s:
        ana = team_roster.add_member(s, "Ana", team_role="lead")
        ben = team_roster.add_member(s, "Ben")
        old = team_roster.set_lead(s, ben.id)
        assert old == ana.id
        assert team_roster.find_lead(s).name == "Ben"
        assert _person(s, ana.id).team_role == "member"


def test_the_file_itself_refuses_two_leads(empty_plan):
    with pytest.raises(IntegrityError):
        with empty_plan.transaction() as s:
            s.add(Person(name="A", team_role="lead"))
            s.add(Person(name="B", team_role="lead"))
            s.flush()


def test_member_fields_are_validated(empty_plan):
    with empty_plan.transaction() as s:
        with pytest.raises(InvalidInput, match="needs a name"):
            team_roster.add_member(s, "  ")
        with pytest.raises(InvalidInput, match="Tenure must be"):
            team_roster.add_member(s, "Cy", tenure_band="forever")
        with pytest.raises(InvalidInput, match="no longer in the plan"):
            team_roster.add_member(s, "Cy", position_group_id=9999)


def test_removed_member_comes_back_with_their_invitations(empty_plan):
    with empty_plan.transaction() as s:
        ana = team_roster.add_member(s, "Ana")
        ben = team_roster.add_member(s, "Ben")
        meeting = meetings.add_meeting(s, dt.date(2026, 9, 1), dt.time(12), dt.time(13), attendee_ids=(ana.id, ben.id))
        removed = team_roster.remove_person(s, ana.id)
        assert meetings.list_meetings(s)[0].attendee_ids == (ben.id,)
        team_roster.restore_person(s, removed)
        assert meetings.list_meetings(s)[0].attendee_ids == (ana.id, ben.id)
        assert meeting.id == meetings.list_meetings(s)[0].id


def test_meeting_must_end_after_it_starts(empty_plan):
    with empty_plan.transaction() as s:
        with pytest.raises(InvalidInput, match="end after it starts"):
            meetings.add_meeting(s, dt.date(2026, 9, 1), dt.time(13), dt.time(12))
        m = meetings.add_meeting(s, dt.date(2026, 9, 1), dt.time(12), dt.time(13))
        with pytest.raises(InvalidInput, match="end after it starts"):
            meetings.update_meeting(s, m.id, end_time=dt.time(11))


def test_groups_with_staff_but_no_one_on_the_team_are_named(empty_plan):
    with empty_plan.transaction() as s:
        dp.update_position_group(s, _group_id(s, "Teachers"), headcount=400)
        dp.update_position_group(s, _group_id(s, "Food service"), headcount=60)
        dp.update_position_group(s, _group_id(s, "Transportation"), headcount=45)
        team_roster.add_member(s, "Ana", position_group_id=_group_id(s, "Teachers"), team_role="lead")
        team_roster.add_member(s, "Raj", position_group_id=_group_id(s, "Food service"))
        rep = team_representation.assess_representation(s)
    assert [g.name for g in rep.missing_groups] == ["Transportation"]  # groups with no staff are not gaps
    teachers = next(g for g in rep.groups if g.name == "Teachers")
    assert teachers.team_count == 1 and teachers.team_share == 0.5
    assert round(teachers.staff_share, 3) == round(400 / 505, 3)
    gaps = team_representation.describe_gaps(rep)
    assert "No one from Transportation (45 staff) is on the team." in gaps
    assert team_representation.next_step(rep) == "Invite someone from Transportation (45 staff) to join the team."


def test_school_levels_no_member_works_at_are_named(empty_plan):
    with empty_plan.transaction() as s:
        oak = dp.add_school(s, "Oak Elementary", "Elementary")
        dp.add_school(s, "Pine Middle", "Middle")
        dp.add_school(s, "Ridge High", "High")
        dp.add_school(s, "Adult Learning Center")  # no level recorded: not a level
        team_roster.add_member(s, "Ana", school_id=oak.id, team_role="lead",
                               position_group_id=_group_id(s, "Teachers"), tenure_band="1-4 years")
        team_roster.add_member(s, "Bo", school_id=oak.id, position_group_id=_group_id(s, "Teachers"),
                               tenure_band="10-19 years")
        rep = team_representation.assess_representation(s)
    assert rep.levels_without_member == ["Middle", "High"]
    assert "No one on the team works at a school of the level \u201cMiddle\u201d." in team_representation.describe_gaps(rep)
    assert team_representation.next_step(rep) == "Invite someone who works at a school of the level \u201cMiddle\u201d."


def test_meetings_outside_a_members_hours_are_flagged(empty_plan):
    with empty_plan.transaction() as s:
        food = _group_id(s, "Food service")
        dp.update_position_group(s, food, shift_start=dt.time(5, 30), shift_end=dt.time(13, 30))
        dp.update_position_group(s, _group_id(s, "Teachers"), shift_start=dt.time(7, 30), shift_end=dt.time(15, 30))
        team_roster.add_member(s, "Raj", position_group_id=food)
        ana = team_roster.add_member(s, "Ana", position_group_id=_group_id(s, "Teachers"))
        lunch = meetings.add_meeting(s, dt.date(2026, 9, 15), dt.time(12, 30), dt.time(13, 30))  # a Tuesday
        after_school = meetings.add_meeting(s, dt.date(2026, 9, 16), dt.time(14, 30), dt.time(15, 30))
        teachers_only = meetings.add_meeting(s, dt.date(2026, 9, 17), dt.time(15, 0), dt.time(15, 30),
                                             attendee_ids=(ana.id,))
        saturday = meetings.add_meeting(s, dt.date(2026, 9, 19), dt.time(9), dt.time(10))
        flags = meeting_access.flag_meetings(s)
    assert flags[lunch.id] == []
    assert [(f.group_name, f.member_names) for f in flags[after_school.id]] == [("Food service", ("Raj",))]
    assert "5:30 AM" in flags[after_school.id][0].sentence()  # a US district's 12-hour clock
    assert flags[teachers_only.id] == []  # Raj isn't invited
    assert {f.group_name for f in flags[saturday.id]} == {"Food service", "Teachers"}
    assert all("Saturday" in f.reason for f in flags[saturday.id])
    assert {f.member_names for f in flags[saturday.id]} == {("Raj",), ("Ana",)}


def test_minimum_group_size_never_goes_below_three(empty_plan):
    with empty_plan.transaction() as s:
        assert dp.get_profile(s).min_group_size == 5
        with pytest.raises(InvalidInput, match="can't be below 3"):
            dp.update_profile(s, min_group_size=2)
        dp.update_profile(s, min_group_size=3)
        assert dp.get_profile(s).min_group_size == 3


def test_profile_rejects_a_year_that_ends_before_it_starts(empty_plan):
    with empty_plan.transaction() as s:
        with pytest.raises(InvalidInput, match="end after it starts"):
            dp.update_profile(s, year_start=dt.date(2026, 8, 1), year_end=dt.date(2026, 6, 1))


def test_removing_a_group_and_undoing_relinks_its_people(empty_plan):
    with empty_plan.transaction() as s:
        food = _group_id(s, "Food service")
        raj = team_roster.add_member(s, "Raj", position_group_id=food)
        removed = dp.remove_position_group(s, food)
        assert _person(s, raj.id).position_group_id is None
        dp.restore_position_group(s, removed)
        assert _person(s, raj.id).position_group_id == food
        with pytest.raises(InvalidInput, match="already a position group"):
            dp.add_position_group(s, "food service")


def test_the_seven_steps_follow_the_plan_contents(empty_plan):
    with empty_plan.transaction() as s:
        statuses = journey.journey_status(s)
        assert [st.step.number for st in statuses] == [1, 2, 3, 4, 5, 6, 7]
        assert all(st.state is journey.StepState.NOT_STARTED for st in statuses)
        assert journey.what_next(s).startswith("Start with the district profile")
        dp.add_school(s, "Lakeside Elementary")
        dp.update_position_group(s, _group_id(s, "Teachers"), headcount=30)
        assert journey.what_next(s) == "Step 1: Add the planning team and name a lead point of contact."
        ana = team_roster.add_member(s, "Ana", position_group_id=_group_id(s, "Teachers"), tenure_band="1-4 years")
        team_roster.add_member(s, "Bo", position_group_id=_group_id(s, "Teachers"), tenure_band="20 years or more")
        assert journey.journey_status(s)[0].state is journey.StepState.STARTED
        assert journey.journey_status(s)[0].next_move.startswith("Name a lead point of contact")
        team_roster.set_lead(s, ana.id)
        assert journey.journey_status(s)[0].next_move == "Set the team's meeting schedule."
        meetings.add_meeting(s, dt.date(2026, 9, 15), dt.time(12), dt.time(13))
        first = journey.journey_status(s)[0]
        assert first.state is journey.StepState.DONE
        assert first.summary == "2 members, 1 meeting scheduled"
        assert journey.what_next(s).startswith("Step 2:")


def test_people_outside_the_team_are_kept_apart_from_the_roster(empty_plan):
    with empty_plan.transaction() as s:
        owner = team_roster.add_person(s, "Facilities director", contact="ext. 100")
        member = team_roster.add_member(s, "Ana")
        assert [p.name for p in team_roster.list_team(s)] == ["Ana"]
        assert {p.name for p in team_roster.list_people(s)} == {"Facilities director", "Ana"}
        assert owner.team_role is None and member.team_role == "member"
        team_roster.update_person(s, owner.id, team_role="member")  # invited onto the team later
        assert len(team_roster.list_team(s)) == 2
        team_roster.update_person(s, member.id, team_role=None)  # stepped down, still named in the plan
        assert [p.name for p in team_roster.list_team(s)] == ["Facilities director"]


def test_removing_a_member_says_what_goes_with_them_and_undo_puts_it_all_back(empty_plan):
    from models import CommunicationItem, FindingReader, FocusAttendee, ObjectivePerson, PlannedAction, SurveyFinding
    from services.action_plan import action_schedule, communications, objectives
    from services.focus_groups import focus_sessions

    with empty_plan.transaction() as s:
        maria = team_roster.add_member(s, "Maria Hernandez")
        ben = team_roster.add_member(s, "Ben")
        assert team_roster.what_goes_with_member(s, maria.id) == []
        action = action_schedule.add_action(s, "Quiet room", owner_id=maria.id)
        action_schedule.add_action(s, "Walking club", owner_id=maria.id)
        note = communications.add_item(s, "All staff", "Quiet room opens", "Email", owner_id=maria.id)
        meetings.add_meeting(s, dt.date(2026, 9, 1), dt.time(12), dt.time(13), attendee_ids=(maria.id, ben.id))
        focus = focus_sessions.create_session(s, "listening-session", "Spring listening")
        place = focus_sessions.add_attendee(s, focus.id, maria.id)
        focus_sessions.update_attendee(s, place.id, attended=True)
        goal = objectives.add_objective(s, "Fewer staff report burnout by June")
        objectives.set_people(s, goal.id, [maria.id])
        finding = SurveyFinding(measure="Burnout", dimension="Position", group_name="Teachers",
                                text="Teachers report more burnout", created_at=dt.datetime(2026, 10, 1))
        s.add(finding)
        s.flush()
        s.add(FindingReader(finding_id=finding.id, person_id=maria.id))

        said = team_roster.what_goes_with_member(s, maria.id)
        assert said == [
            "2 actions Maria Hernandez owns will have no owner.",
            "1 communication Maria Hernandez is responsible for will have no owner.",
            "Maria Hernandez will be taken off the invitations to 1 meeting.",
            "The record that Maria Hernandez attended 1 focus session goes.",
            "1 objective will no longer name Maria Hernandez among the people involved.",
            "1 survey finding will no longer name Maria Hernandez among those who read it.",
        ]
        removed = team_roster.remove_person(s, maria.id)
        assert s.get(PlannedAction, action.id).owner_id is None
        team_roster.restore_person(s, removed)
        assert s.get(PlannedAction, action.id).owner_id == maria.id
        assert s.get(CommunicationItem, note.id).owner_id == maria.id
        back = s.scalars(select(FocusAttendee).where(FocusAttendee.person_id == maria.id)).one()
        assert (back.session_id, back.attended) == (focus.id, True)
        assert s.get(ObjectivePerson, (goal.id, maria.id)) is not None
        assert s.get(FindingReader, (finding.id, maria.id)) is not None
        assert team_roster.what_goes_with_member(s, maria.id) == said


def test_removing_a_school_or_group_says_what_points_at_it_and_undo_relinks_it(empty_plan):
    from models import ReadinessRespondent
    from services.readiness import readiness_rounds

    with empty_plan.transaction() as s:
        school = dp.add_school(s, "Lincoln Elementary")
        assert dp.what_goes_with_school(s, school.id) == []
        team_roster.add_member(s, "Ana", school_id=school.id)
        assert dp.what_goes_with_school(s, school.id) == [
            "1 person recorded at Lincoln Elementary will have no school or site."]

        new = dp.add_position_group(s, "Coaches")
        assert dp.what_goes_with_group(s, new.id) == []
        food = _group_id(s, "Food service")
        dp.update_position_group(s, food, headcount=45)
        team_roster.add_member(s, "Raj", position_group_id=food)
        round_ = readiness_rounds.create_round(s, "where-to-start", "Fall 2026", dt.date(2026, 9, 23), respondents=0)
        respondent = readiness_rounds.add_respondent(s, round_.id, position_group_id=food)
        said = dp.what_goes_with_group(s, food)
        assert said == [
            "Its 45 staff will no longer count in the district's total.",
            "1 person in it will have no position group recorded.",
            "1 readiness respondent will have no position group recorded.",
        ]
        removed = dp.remove_position_group(s, food)
        assert s.get(ReadinessRespondent, respondent.id).position_group_id is None
        dp.restore_position_group(s, removed)
        assert s.get(ReadinessRespondent, respondent.id).position_group_id == food
        assert dp.what_goes_with_group(s, food) == said


def test_a_pasted_roster_row_is_matched_by_its_labels(empty_plan):
    from services.team import pasted_members

    with empty_plan.transaction() as s:
        school = dp.add_school(s, "Lincoln Elementary")
        ana = team_roster.add_member(s, "Ana", team_role="lead")
        maria, replaced = pasted_members.add_pasted_member(s, {
            "name": "Maria Hernandez", "team_role": "lead", "position_group_id": "food SERVICE",
            "school_id": "lincoln elementary", "tenure_band": "1\u20134 years", "contact": "maria@example.org"})
        assert replaced == ana.id
        assert (maria.team_role, maria.position_group_id, maria.school_id, maria.tenure_band) == \
            ("lead", _group_id(s, "Food service"), school.id, "1-4 years")
        pasted_members.remove_pasted_member(s, maria.id, replaced)
        assert team_roster.find_lead(s).id == ana.id
        with pytest.raises(InvalidInput, match="\u201cBus drivers\u201d is not one of the plan's position groups"):
            pasted_members.add_pasted_member(s, {"name": "Cy", "position_group_id": "Bus drivers"})
        with pytest.raises(InvalidInput, match="not a team role"):
            pasted_members.add_pasted_member(s, {"name": "Cy", "team_role": "Boss"})
        with pytest.raises(InvalidInput, match="no name"):
            pasted_members.add_pasted_member(s, {"name": " ", "team_role": "Member"})


def test_pasted_schools_and_groups_read_levels_and_headcounts_as_spreadsheets_show_them(empty_plan):
    with empty_plan.transaction() as s:
        school = dp.add_pasted_school(s, {"name": "Oak High", "level": "high"})
        assert school.level == "High"
        with pytest.raises(InvalidInput, match="not a school level"):
            dp.add_pasted_school(s, {"name": "Elm", "level": "Junior"})
        group = dp.add_pasted_group(s, "Coaches", "1,250", dt.time(15), dt.time(18))
        assert (group.headcount, group.shift_start) == (1250, dt.time(15))
        with pytest.raises(InvalidInput, match="not a number of staff"):
            dp.add_pasted_group(s, "Tutors", "many")


def test_gaps_are_plain_sentences_with_proper_plurals(empty_plan):
    with empty_plan.transaction() as s:
        team_roster.add_member(s, "Maria Hernandez", team_role="lead")
        team_roster.add_member(s, "Dev Patel")
        gaps = team_representation.describe_gaps(team_representation.assess_representation(s))
        assert "2 team members have no position group recorded." in gaps
        assert "No team member's tenure is recorded yet." in gaps
        assert not any("(s)" in g for g in gaps)
