"""Everyone who takes part, not only the planning team (issue 20): people on People who are not on
the team, the team's representation counting only the team (and naming schools and tenure bands it
lacks), own hours that flag meetings, focus roles covered by people beyond the team, and each
readiness round naming whom nobody who answered spoke for."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from models import Person
from services import district_profile as dp
from services.errors import InvalidInput
from services.focus_groups import focus_sessions
from services.readiness import readiness_rounds
from services.readiness.round_representation import round_representation
from services.team import meeting_access, meetings, pasted_members, team_representation, team_roster


def _group(s, name: str) -> int:
    return next(g.id for g in dp.list_position_groups(s) if g.name == name)


def test_someone_beyond_the_team_is_on_people_but_not_counted_in_the_teams_representation(empty_plan):
    with empty_plan.transaction() as s:
        dp.update_position_group(s, _group(s, "Transportation"), headcount=45)
        team_roster.add_member(s, "Ana Ruiz", team_role="lead", position_group_id=_group(s, "Teachers"))
        driver = team_roster.add_person(s, "Walt Kowalski", kind="staff", position_group_id=_group(s, "Transportation"))
        partner = team_roster.add_person(s, "Carmen Ortiz", kind="partner", organisation="Community Health Center")
        assert [p.name for p in team_roster.list_team(s)] == ["Ana Ruiz"]
        assert {p.name for p in team_roster.list_people(s)} == {"Ana Ruiz", "Walt Kowalski", "Carmen Ortiz"}
        assert (driver.on_team, driver.role_label) == (False, "Not on the team")
        assert (partner.kind_label, partner.organisation) == ("Community partner", "Community Health Center")
        rep = team_representation.assess_representation(s)
    # The bus driver takes part, but only the team is counted: transportation has no one on it.
    assert [g.name for g in rep.missing_groups] == ["Transportation"]
    assert rep.team_size == 1


def test_the_team_is_told_which_schools_and_tenure_bands_it_lacks(empty_plan):
    with empty_plan.transaction() as s:
        oak = dp.add_school(s, "Oak Elementary", "Elementary")
        dp.add_school(s, "Elm Elementary", "Elementary")
        dp.add_school(s, "Ridge High", "High")
        team_roster.add_member(s, "Ana", team_role="lead", school_id=oak.id, tenure_band="1-4 years",
                               position_group_id=_group(s, "Teachers"))
        team_roster.add_member(s, "Bo", school_id=oak.id, tenure_band="20 years or more",
                               position_group_id=_group(s, "Teachers"))
        # Someone beyond the team at Ridge High with less than a year does not fill either gap.
        team_roster.add_person(s, "Cy", school_id=dp.list_schools(s)[2].id, tenure_band="Less than 1 year")
        gaps = team_representation.describe_gaps(team_representation.assess_representation(s))
    assert "No one on the team works at a school of the level \u201cHigh\u201d." in gaps
    assert "No one on the team works at Elm Elementary." in gaps  # its level has a member: named itself
    assert not any("Ridge High" in g for g in gaps)  # said by its level already
    assert ("No one on the team has a tenure of \u201cLess than 1 year\u201d, \u201c5-9 years\u201d or "
            "\u201c10-19 years\u201d.") in gaps


def test_a_persons_own_hours_flag_a_meeting_their_groups_hours_would_allow(empty_plan):
    with empty_plan.transaction() as s:
        clerical = _group(s, "Office and clerical")
        dp.update_position_group(s, clerical, shift_start=dt.time(7, 30), shift_end=dt.time(16, 0))
        team_roster.add_member(s, "Rosa Delgado", position_group_id=clerical, meets_from=dt.time(7, 30),
                               meets_until=dt.time(11, 30))
        team_roster.add_member(s, "Omar Said", position_group_id=clerical)
        afternoon = meetings.add_meeting(s, dt.date(2026, 10, 8), dt.time(14, 0), dt.time(15, 0))
        morning = meetings.add_meeting(s, dt.date(2026, 10, 9), dt.time(8, 0), dt.time(9, 0))
        flags = meeting_access.flag_meetings(s)
    assert flags[morning.id] == []
    [flag] = flags[afternoon.id]
    assert flag.member_names == ("Rosa Delgado",) and flag.own_hours
    assert flag.sentence() == "Outside the hours Rosa Delgado can meet (7:30 AM\u201311:30 AM)"
    assert flag.short() == "Rosa Delgado (can meet 7:30 AM\u201311:30 AM)"


def test_own_hours_are_a_span_that_ends_after_it_starts(empty_plan):
    with empty_plan.transaction() as s:
        rosa = team_roster.add_member(s, "Rosa")
        with pytest.raises(InvalidInput, match="must end after they start"):
            team_roster.update_person(s, rosa.id, meets_from=dt.time(13), meets_until=dt.time(8))
        with pytest.raises(InvalidInput, match="times of day"):
            team_roster.update_person(s, rosa.id, meets_from="mornings")
        with pytest.raises(InvalidInput, match="Who someone is must be one of"):
            team_roster.update_person(s, rosa.id, kind="volunteer")


def test_a_kind_or_hours_another_program_wrote_are_read_as_safe_values(empty_plan):
    with empty_plan.transaction() as s:
        rosa = team_roster.add_person(s, "Rosa", meets_from=dt.time(7, 30), meets_until=dt.time(11, 30))
        s.execute(update(Person).where(Person.id == rosa.id).values(kind="overlord", team_role="king",
                                                                     meets_until=dt.time(6, 0)))
        s.expire_all()
        [read] = team_roster.list_people(s)
    assert (read.kind, read.team_role, read.on_team) == ("staff", None, False)
    with empty_plan.transaction() as s:
        assert team_roster.list_team(s) == []  # a role WellPlan never writes puts no one on the team
    assert (read.meets_from, read.meets_until, read.has_own_hours) == (None, None, False)


def test_pasted_people_name_who_they_are_and_whether_they_are_on_the_team(empty_plan):
    with empty_plan.transaction() as s:
        partner, _ = pasted_members.add_pasted_member(
            s, {"name": "Carmen Ortiz", "team_role": "", "kind": "Community partner",
                "organisation": "Community Health Center"}, role_if_blank=None)
        parent, _ = pasted_members.add_pasted_member(s, {"name": "Sam", "team_role": "not on the team",
                                                         "kind": "parent"})
        member, _ = pasted_members.add_pasted_member(s, {"name": "Bo", "team_role": ""})
        assert (partner.on_team, partner.kind, partner.organisation) == (False, "partner", "Community Health Center")
        assert (parent.on_team, parent.kind) == (False, "family")
        assert member.team_role == "member"
        with pytest.raises(InvalidInput, match="not who someone is to the district"):
            pasted_members.add_pasted_member(s, {"name": "Lee", "kind": "robot"})


def test_a_focus_role_is_covered_by_someone_beyond_the_team(empty_plan):
    with empty_plan.transaction() as s:
        sid = focus_sessions.create_session(s, "retain-mh-staff", "Mental health staff").id
        template = focus_sessions.template_of(s, sid)
        worker = team_roster.add_person(s, "Luis Navarro", kind="staff",
                                        position_group_id=_group(s, "Counselors, psychologists and social workers"))
        before = focus_sessions.missing_roles(template, focus_sessions.list_attendees(s, sid))
        assert "Social worker(s)" in before
        offered = focus_sessions.invitable_people(s, sid)
        assert (worker.id, "Luis Navarro, Counselors, psychologists and social workers", False) in offered
        focus_sessions.add_attendee(s, sid, worker.id, "social-workers")
        after = focus_sessions.missing_roles(template, focus_sessions.list_attendees(s, sid))
        assert "Social worker(s)" not in after
        assert not team_roster.list_team(s)  # inviting him did not put him on the team
        # Someone new invited joins People, not the team.
        new = focus_sessions.add_new_attendee(s, sid, "Hannah Okafor", "psychologists")
        assert new.on_team is False and "Hannah Okafor" in {p.name for p in team_roster.list_people(s)}


def test_a_round_names_the_groups_schools_levels_and_tenure_nobody_who_answered_spoke_for(empty_plan):
    with empty_plan.transaction() as s:
        dp.update_position_group(s, _group(s, "Teachers"), headcount=400)
        dp.update_position_group(s, _group(s, "Transportation"), headcount=45)
        oak = dp.add_school(s, "Oak Elementary", "Elementary")
        dp.add_school(s, "Elm Elementary", "Elementary")
        dp.add_school(s, "Ridge High", "High")
        round_id = readiness_rounds.create_round(s, "readiness", "Fall 2026", dt.date(2026, 10, 1)).id
        item = readiness_rounds.load_round(s, round_id).instrument.items[0].key
        for code, on_team, band in (("R01", True, "1-4 years"), ("R02", False, "10-19 years")):
            p = readiness_rounds.add_respondent(s, round_id, code, position_group_id=_group(s, "Teachers"),
                                                on_team=on_team, school_id=oak.id, tenure_band=band)
            readiness_rounds.set_answer(s, p.id, item, 2)
        # A code printed on a form nobody returned speaks for no one.
        readiness_rounds.add_respondent(s, round_id, "R03", position_group_id=_group(s, "Transportation"),
                                        school_id=dp.list_schools(s)[2].id, tenure_band="Less than 1 year")
        rep = round_representation(s, round_id)
    assert (rep.answered, rep.beyond_team) == (2, 1)
    assert rep.heard_from() == "2 people answered, 1 of them not on the planning team."
    gaps = rep.gaps()
    assert "Nobody from Transportation (45 staff) answered." in gaps
    assert "Nobody from a school of the level \u201cHigh\u201d answered." in gaps
    assert "Nobody from Elm Elementary answered." in gaps
    assert ("Nobody with a tenure of \u201cLess than 1 year\u201d, \u201c5-9 years\u201d or \u201c20 years or "
            "more\u201d answered.") in gaps


def test_a_round_without_schools_or_tenure_recorded_asks_for_them_rather_than_listing_everything(empty_plan):
    with empty_plan.transaction() as s:
        dp.add_school(s, "Oak Elementary", "Elementary")
        round_id = readiness_rounds.create_round(s, "readiness", "Fall 2026", dt.date(2026, 10, 1)).id
        item = readiness_rounds.load_round(s, round_id).instrument.items[0].key
        p = readiness_rounds.add_respondent(s, round_id, on_team=True)
        readiness_rounds.set_answer(s, p.id, item, 2)
        gaps = round_representation(s, round_id).gaps()
        assert round_representation(s, readiness_rounds.create_round(
            s, "readiness", "Spring 2027", dt.date(2027, 3, 1)).id).gaps() == ["No one has answered yet."]
    assert gaps == [
        "Everyone who answered is on the planning team: ask people beyond the team too.",
        "No respondent's position group is recorded, so the groups nobody spoke for can't be named.",
        "No respondent's school is recorded, so the schools nobody spoke for can't be named.",
        "No respondent's tenure is recorded, so the tenure bands nobody spoke for can't be named.",
    ]


def test_a_pasted_respondent_keeps_school_and_tenure_and_undo_restores_them(empty_plan):
    with empty_plan.transaction() as s:
        dp.add_school(s, "Oak Elementary", "Elementary")
        round_id = readiness_rounds.create_round(s, "readiness", "Fall 2026", dt.date(2026, 10, 1)).id
        p = readiness_rounds.add_pasted_respondent(s, round_id, {"code": "R09", "position_group_id": "teachers",
                                                                 "on_team": "No", "school_id": "oak elementary",
                                                                 "tenure_band": "5\u20139 years"})
        assert (p.tenure_band, p.school_id is not None) == ("5-9 years", True)
        snapshot = readiness_rounds.remove_respondent(s, p.id)
        readiness_rounds.restore_respondent(s, snapshot)
        [back] = readiness_rounds.list_respondents(s, round_id)
        assert (back.school_id, back.tenure_band) == (p.school_id, "5-9 years")
        with pytest.raises(InvalidInput, match="not one of the plan's schools"):
            readiness_rounds.add_pasted_respondent(s, round_id, {"code": "R10", "school_id": "Nowhere High"})
