"""Meetings with a purpose (seed 000 step 1): each meeting's purposes, read defensively, and the
sentence that says what the year's schedule leaves out."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from models import MeetingPurposeMark
from services.errors import InvalidInput
from services.team import meetings

NOON, ONE = dt.time(12, 30), dt.time(13, 30)


def _add(s, day: int, purposes=()):
    return meetings.add_meeting(s, dt.date(2026, 9, day), NOON, ONE, "Room 4", "", purposes=purposes)


def test_purposes_are_kept_in_order_and_replaced(empty_plan):
    with empty_plan.transaction() as s:
        m = _add(s, 1, ("plan", "team"))
        assert m.purposes == ("team", "plan")
        assert meetings.list_meetings(s)[0].purposes == ("team", "plan")
        before = meetings.update_meeting(s, m.id, purposes=("data",))
        assert before.purposes == ("team", "plan")
        assert meetings.list_meetings(s)[0].purposes == ("data",)
        meetings.update_meeting(s, m.id, purposes=())
        assert meetings.list_meetings(s)[0].purposes == ()
        assert s.scalars(select(MeetingPurposeMark)).all() == []


def test_a_removed_meeting_comes_back_with_its_purposes(empty_plan):
    with empty_plan.transaction() as s:
        m = _add(s, 1, ("team", "other"))
        removed = meetings.remove_meeting(s, m.id)
        assert meetings.list_meetings(s) == [] and s.scalars(select(MeetingPurposeMark)).all() == []
        meetings.restore_meeting(s, removed)
        assert meetings.list_meetings(s)[0].purposes == ("team", "other")


def test_purposes_typed_or_pasted_as_words():
    assert meetings.parse_purposes("Team functioning; Reading data and setting priorities") == ("team", "data")
    assert meetings.parse_purposes("action plan, data\nteam") == ("team", "data", "plan")
    assert meetings.parse_purposes("  ") == ()
    shown = meetings.purposes_text(("plan", "data"))
    assert shown == "Reading data and setting priorities; Equity-focused action plan"
    assert meetings.parse_purposes(shown) == ("data", "plan")  # what a cell copies pastes back
    with pytest.raises(InvalidInput, match="'budget' is not a meeting purpose. Use one or more of: Team functioning"):
        meetings.parse_purposes("team; budget")


def test_an_unknown_purpose_is_refused_in_one_sentence(empty_plan):
    with empty_plan.transaction() as s:
        m = _add(s, 1)
        with pytest.raises(InvalidInput, match="'lunch' is not a meeting purpose"):
            meetings.update_meeting(s, m.id, purposes=("lunch",))
        assert meetings.list_meetings(s)[0].purposes == ()


def test_a_stored_purpose_wellplan_never_writes_is_left_out(empty_plan):
    with empty_plan.transaction() as s:
        m = _add(s, 1, ("data",))
        s.execute(text("INSERT INTO meeting_purpose (meeting_id, purpose) VALUES (:m, 'x' || char(0) || 'y')"),
                  {"m": m.id})
        s.execute(text("INSERT INTO meeting_purpose (meeting_id, purpose) VALUES (:m, 42)"), {"m": m.id})
        assert meetings.list_meetings(s)[0].purposes == ("data",)
        # Changing the purposes replaces whatever was stored.
        meetings.update_meeting(s, m.id, purposes=("team",))
        assert [x.purpose for x in s.scalars(select(MeetingPurposeMark))] == ["team"]


def test_the_warning_names_what_the_year_leaves_out(empty_plan):
    with empty_plan.transaction() as s:
        assert meetings.purpose_warning(meetings.list_meetings(s)) == ""  # nothing scheduled: nothing to say
        first = _add(s, 1)
        assert meetings.purpose_warning(meetings.list_meetings(s)) == (
            "No meeting this year is for the team's own functioning, reading the data and setting priorities, "
            "or the equity-focused action plan.")
        meetings.update_meeting(s, first.id, purposes=("team", "other"))
        _add(s, 29, ("plan",))
        assert meetings.purpose_warning(meetings.list_meetings(s)) == \
            "No meeting this year is for reading the data and setting priorities."
        meetings.update_meeting(s, first.id, purposes=("team", "data"))
        assert meetings.missing_purposes(meetings.list_meetings(s)) == []
        assert meetings.purpose_warning(meetings.list_meetings(s)) == ""


def test_other_is_worded_by_the_description(empty_plan):
    with empty_plan.transaction() as s:
        m = meetings.add_meeting(s, dt.date(2026, 9, 1), NOON, ONE, "", "Budget review", purposes=("data", "other"))
        assert meetings.purpose_labels(m) == ["Reading data and setting priorities", "Other: Budget review"]


def test_the_overview_team_step_names_a_purpose_the_year_leaves_out(empty_plan):
    from services.overview import journey
    from services.team import team_roster

    def team_step(s):
        step = next(x for x in journey.STEPS if x.key == "team")
        return journey.check_team(s, step)

    from services import district_profile

    with empty_plan.transaction() as s:
        group = district_profile.list_position_groups(s)[0].id
        team_roster.add_member(s, "Ana", team_role="lead", position_group_id=group, tenure_band="1-4 years")
        team_roster.add_member(s, "Ben", position_group_id=group, tenure_band="20 years or more")
        first = _add(s, 1)
        plain = team_step(s)
        assert plain.state is journey.StepState.DONE, plain
        # Meetings from before purposes existed: the step is as it was (the Team tab says what is missing).
        meetings.update_meeting(s, first.id, purposes=("team", "plan"))
        status = team_step(s)
        assert status.state is journey.StepState.STARTED
        assert status.next_move == ("No meeting this year is for reading the data and setting priorities. "
                                    "Give a meeting that purpose on the Team tab.")
        _add(s, 29, ("data",))
        assert team_step(s).state is plain.state and team_step(s).next_move == plain.next_move


def test_next_year_starts_from_a_plan_whose_meetings_have_purposes(empty_plan, tmp_path):
    from services.year import next_year

    with empty_plan.transaction() as s:
        _add(s, 1, ("team", "data"))
    path = empty_plan.path
    empty_plan.close()
    next_year.start_next_year(path, tmp_path / "next.wellplan", "2027-2028")
    from services.plan.plan_file import open_plan

    nxt = open_plan(tmp_path / "next.wellplan")
    try:  # this year's meetings and their purposes stay behind; the new year's schedule starts empty
        with nxt.transaction() as s:
            assert meetings.list_meetings(s) == []
            assert s.scalars(select(MeetingPurposeMark)).all() == []
    finally:
        nxt.close()


def test_next_year_keeps_the_districts_need_for_each_provider(empty_plan, tmp_path):
    from models import ProviderNeed
    from services.plan.plan_file import open_plan
    from services.year import next_year

    with empty_plan.transaction() as s:
        s.add(ProviderNeed(template_key="retain-mh-staff", role_key="psychologists", vacancies=2,
                           hard_to_fill_rank=1, student_share=40, note="Two posts open since August"))
    path = empty_plan.path
    empty_plan.close()
    next_year.start_next_year(path, tmp_path / "next.wellplan", "2027-2028")
    nxt = open_plan(tmp_path / "next.wellplan")
    try:
        with nxt.transaction() as s:
            need = s.scalars(select(ProviderNeed)).one()
            assert (need.role_key, need.vacancies, need.hard_to_fill_rank, need.student_share, need.note) == \
                ("psychologists", 2, 1, 40, "Two posts open since August")
    finally:
        nxt.close()
