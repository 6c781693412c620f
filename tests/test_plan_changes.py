"""Operations report what they changed, worked out from the rows they wrote: a caller can't
forget a topic, and a cross-tab effect (a focus group's ideas sent to Priorities) is announced
by itself."""

from __future__ import annotations

import pytest

import models  # noqa: F401  (registers every table)
from models.base import Base
from services import district_profile
from services.data import survey_participation, survey_waves
from services.focus_groups import focus_results, focus_sessions
from services.plan_changes import TABLE_TOPICS, Operation, Topic, topics_of
from services.team import team_roster


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def test_every_table_of_the_plan_has_its_topics():
    assert set(TABLE_TOPICS) == set(Base.metadata.tables)


def test_an_unknown_table_changes_every_topic():
    assert topics_of({"a_table_from_a_later_version"}) == frozenset(Topic)


def test_rows_sqlite_removes_by_cascade_are_announced_too():
    # Removing a candidate action deletes its ratings (ON DELETE CASCADE) and unlinks the plan's
    # action (SET NULL) inside SQLite: no statement names those tables.
    assert {Topic.ACTIONS, Topic.RATINGS, Topic.PLAN} <= topics_of({"candidate_action"})


def test_adding_a_team_member_changes_the_team_and_undo_says_the_same(sample_plan):
    def forward(session, memo):
        return team_roster.add_member(session, "Jordan Lee").id

    def backward(session, person_id):
        team_roster.remove_person(session, person_id)
        return None

    op = Operation("Add Jordan Lee", forward, backward)
    assert op.apply(sample_plan) == {Topic.TEAM}
    assert op.result is not None
    assert op.revert(sample_plan) >= {Topic.TEAM}
    with sample_plan.transaction() as s:
        assert "Jordan Lee" not in [p.name for p in team_roster.list_team(s)]


def test_a_profile_edit_and_a_headcount_change_only_their_own_topics(sample_plan):
    op = Operation("Rename the district", lambda s, m: district_profile.update_profile(s, name="Riverside").name,
                   lambda s, m: None)
    assert op.apply(sample_plan) == {Topic.PROFILE}
    with sample_plan.transaction() as s:
        wave = survey_waves.list_waves(s)[-1]
        dimension = next(iter(survey_participation.headcounts(s, wave.id, "Which best describes your position?")),
                         None)
    assert dimension is not None
    op = Operation("Set a headcount", lambda s, m: survey_participation.set_headcount(
        s, wave.id, "Which best describes your position?", dimension, 99), lambda s, m: None)
    assert op.apply(sample_plan) == {Topic.HEADCOUNTS}


def test_sending_a_focus_group_to_priorities_announces_both_tabs(sample_plan):
    with sample_plan.transaction() as s:
        session_id = focus_sessions.list_sessions(s)[0].id
        # the sample's focus group is all in Priorities already: a proposal written since gives it something to send
        focus_results.add_proposal(s, session_id, "Trial a caseload cap at one middle school")
    op = Operation("Send to Priorities", lambda s, m: focus_results.send_to_priorities(s, session_id),
                   lambda s, result: focus_results.undo_send(s, result))
    changed = op.apply(sample_plan)
    assert {Topic.ACTIONS} <= changed


def test_raw_sql_writes_are_seen_too(sample_plan):
    from sqlalchemy import text

    op = Operation("Rename a school", lambda s, m: s.execute(text("UPDATE school SET name = name || ' '")),
                   lambda s, m: None)
    assert op.apply(sample_plan) == {Topic.SCHOOLS}
    reads = Operation("Read only", lambda s, m: team_roster.list_team(s), lambda s, m: None)
    assert reads.apply(sample_plan) == frozenset()
