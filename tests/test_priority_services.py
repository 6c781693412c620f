"""Raters, ratings, the agreed position, criteria and decisions, against a real plan file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import ActionDependency, ActionStatus, PdsaCycle, PlannedAction, SourceKind
from services import district_profile
from services.action_plan import action_schedule, improvement_cycles, objectives
from services.errors import InvalidInput
from services.plan_records import values_of
from services.priorities import action_decisions, candidate_actions, planned_actions, priority_ratings
from services.priorities.action_dependents import (
    what_goes_with_action,
    what_goes_with_candidate,
    what_goes_with_rater,
    what_goes_with_taking_back_approval,
)
from services.priorities.prioritization import Quadrant
from services.priorities.priority_board import load_board, ranked
from services.sample.sample_priorities import APPROVED


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def rating_of(session, action_id: int, rater_id: int) -> tuple[int | None, int | None]:
    """One rater's (impact, ease) for an action, as the Priorities tab reads it (from the board)."""
    given = {r.rater_id: (r.impact, r.ease) for r in load_board(session).item(action_id).ratings}
    return given.get(rater_id, (None, None))


def action_of(session, action_id: int):
    """An action as the Priorities tab reads it (from the board)."""
    return load_board(session).item(action_id)


@pytest.fixture
def rated(empty_plan):
    """Two actions and three raters, on an empty plan."""
    with empty_plan.transaction() as s:
        a = candidate_actions.add_candidate_action(s, "Quiet room in each school").id
        b = candidate_actions.add_candidate_action(
            s, "Set time with students", source_kind=SourceKind.FOCUS_GROUP_PROPOSAL.value, source_id=1,
            source_label="Focus group, proposal 1", proposed_owner="Principal of each school",
            proposed_deadline="Start of next school year").id
        raters = [priority_ratings.add_rater(s, name).id for name in ("Subgroup A", "Subgroup B", "Subgroup C")]
    return empty_plan, a, b, raters


def test_ratings_place_the_action_and_flag_disagreement(rated):
    plan, a, b, (r1, r2, r3) = rated
    with plan.transaction() as s:
        for rater, (impact, ease) in zip((r1, r2, r3), ((4, 4), (5, 4), (4, 5)), strict=True):
            priority_ratings.set_rating(s, a, rater, impact=impact, ease=ease)
        priority_ratings.set_rating(s, b, r1, impact=2, ease=2)
        priority_ratings.set_rating(s, b, r2, impact=4, ease=2)
    with plan.transaction() as s:
        board = load_board(s)
        qa, qb = board.item(a), board.item(b)
    assert qa.quadrant is Quadrant.DO_NOW and not qa.needs_discussion
    assert qa.impact == pytest.approx(13 / 3)
    assert qb.quadrant is Quadrant.RECONSIDER and qb.needs_discussion
    assert qb.summary.disagreement_text() == "impact rated 2 to 4"
    assert [r.rater_name for r in qa.ratings] == ["Subgroup A", "Subgroup B", "Subgroup C"]


def test_set_rating_returns_what_it_replaced_and_clearing_both_removes_the_row(rated):
    plan, a, _b, (r1, *_rest) = rated
    with plan.transaction() as s:
        assert priority_ratings.set_rating(s, a, r1, impact=3) == (None, None)
        assert priority_ratings.set_rating(s, a, r1, ease=5) == (3, None)
        assert rating_of(s, a, r1) == (3, 5)
        assert priority_ratings.set_rating(s, a, r1, impact=None, ease=None) == (3, 5)
        assert load_board(s).item(a).ratings == ()
        with pytest.raises(InvalidInput, match="1 to 5"):
            priority_ratings.set_rating(s, a, r1, impact=6)


def test_agreed_position_moves_the_point_but_keeps_the_ratings(rated):
    plan, a, _b, (r1, r2, _r3) = rated
    with plan.transaction() as s:
        priority_ratings.set_rating(s, a, r1, impact=2, ease=2)
        priority_ratings.set_rating(s, a, r2, impact=2, ease=2)
        assert load_board(s).item(a).quadrant is Quadrant.RECONSIDER
        assert priority_ratings.set_agreed_position(s, a, 4.6, 4.2) == (None, None)
        item = load_board(s).item(a)
        assert item.quadrant is Quadrant.DO_NOW and item.has_agreed_position
        assert (item.impact, item.ease) == (4.6, 4.2)
        assert item.summary.impact.mean == 2  # raters' ratings untouched
        assert priority_ratings.set_agreed_position(s, a, None, None) == (4.6, 4.2)
        assert load_board(s).item(a).quadrant is Quadrant.RECONSIDER
        with pytest.raises(InvalidInput):
            priority_ratings.set_agreed_position(s, a, 6, 3)


def test_removing_a_rater_and_undoing_it_brings_the_ratings_back(rated):
    plan, a, b, (r1, _r2, _r3) = rated
    with plan.transaction() as s:
        priority_ratings.set_rating(s, a, r1, impact=5, ease=1)
        removed = priority_ratings.remove_rater(s, r1)
        assert load_board(s).item(a).ratings == ()
        priority_ratings.restore_rater(s, removed)
        assert rating_of(s, a, r1) == (5, 1)
        with pytest.raises(InvalidInput, match="already a rater"):
            priority_ratings.add_rater(s, "subgroup b")


def test_approve_creates_the_plan_record_with_owner_and_deadline_and_undo_removes_it(rated):
    plan, _a, b, _raters = rated
    with plan.transaction() as s:
        memo = action_decisions.decide(s, b, ActionStatus.APPROVED.value)
        planned = planned_actions.find_for_candidate(s, b)
        assert planned is not None and memo.created_planned_id == planned.id
        assert (planned.title, planned.owner, planned.deadline_text) == (
            "Set time with students", "Principal of each school", "Start of next school year")
        assert action_of(s, b).status == "approved"
        action_decisions.undo_decision(s, memo)
        assert planned_actions.find_for_candidate(s, b) is None
        assert action_of(s, b).status == "proposed"


def test_declining_an_approved_action_takes_it_out_of_the_plan_and_keeps_the_reason(rated):
    plan, a, _b, _raters = rated
    with plan.transaction() as s:
        action_decisions.decide(s, a, ActionStatus.APPROVED.value)
        with pytest.raises(InvalidInput, match="Say why"):
            action_decisions.decide(s, a, ActionStatus.DECLINED.value, "  ")
        memo = action_decisions.decide(s, a, ActionStatus.DECLINED.value, "No space this year")
        assert planned_actions.find_for_candidate(s, a) is None
        declined = candidate_actions.list_candidate_actions(s, status="declined")
        assert [(d.id, d.status_reason) for d in declined] == [(a, "No space this year")]
        action_decisions.undo_decision(s, memo)
        assert planned_actions.find_for_candidate(s, a) is not None
        assert action_of(s, a).status == "approved"


def test_remove_and_restore_an_action_keeps_everything_attached(rated):
    plan, a, _b, (r1, _r2, _r3) = rated
    with plan.transaction() as s:
        priority_ratings.set_rating(s, a, r1, impact=4, ease=3)
        priority_ratings.set_criterion_score(s, a, "cost", 2)
        group = district_profile.list_position_groups(s)[0].id
        priority_ratings.set_served_groups(s, a, [group])
        action_decisions.decide(s, a, ActionStatus.APPROVED.value)
        before = load_board(s).item(a)
        removed = action_decisions.remove_action(s, a)
        assert load_board(s).item(a) is None and planned_actions.list_planned_actions(s) == []
        action_decisions.restore_action(s, removed)
        assert load_board(s).item(a) == before


def test_criteria_weights_change_the_ranking(rated):
    plan, a, b, _raters = rated
    with plan.transaction() as s:
        priority_ratings.set_criterion_score(s, a, "importance", 5)
        priority_ratings.set_criterion_score(s, a, "cost", 1)
        priority_ratings.set_criterion_score(s, b, "importance", 3)
        priority_ratings.set_criterion_score(s, b, "cost", 4)
        board = load_board(s)
        assert (board.item(a).score, board.item(b).score) == (3.0, 3.5)
        assert [i.id for i in ranked(board.items)] == [b, a]
        assert priority_ratings.set_setting(s, "weight_importance", 3) == 1.0
        board = load_board(s)
        assert board.item(a).score == pytest.approx((15 + 1) / 4)
        assert [i.id for i in ranked(board.items)] == [a, b]
        with pytest.raises(InvalidInput, match="weight"):
            priority_ratings.set_setting(s, "weight_cost", 9)
        with pytest.raises(InvalidInput, match="midpoint"):
            priority_ratings.set_setting(s, "midpoint_ease", 5)
        with pytest.raises(InvalidInput, match="Unknown ranking criterion"):
            priority_ratings.set_criterion_score(s, a, "vibes", 3)


def test_sample_district_priorities(sample_plan):
    with sample_plan.transaction() as s:
        board = load_board(s)
        planned = planned_actions.list_planned_actions(s)
    assert 18 <= len(board.items) <= 26  # 25 since the focus group's 11.3 and lead counselor proposal were sent
    assert {i.source_kind for i in board.items} == {k.value for k in SourceKind}
    assert len(board.raters) == 3
    assert sum(i.needs_discussion for i in board.items) == 2
    assert all(i.discussion_owner and i.discussion_next_step for i in board.items if i.needs_discussion)
    # every approved priority is in the plan (beside the actions the plan added itself)
    assert sorted(p.title for p in planned if p.candidate_action_id) == sorted(APPROVED)
    assert {i.status for i in board.items} == {"proposed", "approved", "declined", "parked"}
    assert len(board.in_quadrant(Quadrant.DO_NOW)) > 5  # the sample shows the "too many" warning


def test_a_plan_from_before_priorities_upgrades_and_can_be_rated(tmp_path):
    import shutil

    from services.plan.plan_file import open_plan
    from tests.conftest import FIXTURES

    path = tmp_path / "old.wellplan"
    shutil.copy(FIXTURES / "plan-v1.wellplan", path)
    plan = open_plan(path)
    try:
        with plan.transaction() as s:
            board = load_board(s)
            assert board.items and board.raters == []
            assert all(i.quadrant is Quadrant.UNRATED and not i.has_agreed_position for i in board.items)
            rater = priority_ratings.add_rater(s, "Whole team").id
            priority_ratings.set_rating(s, board.items[0].id, rater, impact=5, ease=5)
            action_decisions.decide(s, board.items[0].id, ActionStatus.APPROVED.value)
        with plan.transaction() as s:
            assert load_board(s).items[0].quadrant is Quadrant.DO_NOW
            assert len(planned_actions.list_planned_actions(s)) == 1
    finally:
        plan.close()


def test_the_overview_step_says_what_to_do_next_about_priorities(empty_plan):
    from services.overview import journey

    step = next(s for s in journey.STEPS if s.key == "priorities")
    with empty_plan.transaction() as s:
        assert journey.check_priorities(s, step).state is journey.StepState.NOT_STARTED
        a = candidate_actions.add_candidate_action(s, "Quiet room").id
        assert "Rate the candidate actions" in journey.check_priorities(s, step).next_move
        r1 = priority_ratings.add_rater(s, "A").id
        r2 = priority_ratings.add_rater(s, "B").id
        priority_ratings.set_rating(s, a, r1, impact=1, ease=3)
        priority_ratings.set_rating(s, a, r2, impact=4, ease=3)
        assert "Raters disagree on 1 action" in journey.check_priorities(s, step).next_move
        priority_ratings.set_detail(s, a, "discussion_owner", "Dana")
        assert "approve the first few" in journey.check_priorities(s, step).next_move
        action_decisions.decide(s, a, ActionStatus.APPROVED.value)
        assert journey.check_priorities(s, step).state is journey.StepState.DONE


# ---- what goes with a removed action (the question before a delete that takes other things along) ----

def test_nothing_goes_with_a_fresh_candidate(rated):
    plan, a, _b, _raters = rated
    with plan.transaction() as s:
        assert what_goes_with_candidate(s, a) == []
        assert what_goes_with_taking_back_approval(s, a) == []
        assert what_goes_with_candidate(s, 99999) == []


def test_what_goes_with_an_approved_scheduled_candidate_and_undo_puts_it_all_back(rated):
    plan, a, b, (r1, r2, _r3) = rated
    with plan.transaction() as s:
        priority_ratings.set_rating(s, a, r1, impact=4, ease=3)
        priority_ratings.set_rating(s, a, r2, impact=5)
        priority_ratings.set_criterion_score(s, a, "importance", 4)
        group = district_profile.add_position_group(s, "Bus drivers", 12)
        priority_ratings.set_served_groups(s, a, [group.id])
        action_decisions.decide(s, a, ActionStatus.APPROVED.value)
        action_decisions.decide(s, b, ActionStatus.APPROVED.value)
        line = planned_actions.find_for_candidate(s, a).id
        other = planned_actions.find_for_candidate(s, b).id
        goal = objectives.add_objective(s, "Fewer staff report burnout").id
        action_schedule.update_action(s, line, start=dt.date(2027, 9, 1), end=dt.date(2027, 10, 15),
                                      objective_id=goal, status="in_progress", percent_done=40)
        action_schedule.add_dependency(s, line, other)
        improvement_cycles.add_cycle(s, "Try a quiet room in one school", action_id=line)

    with plan.transaction() as s:
        on_its_own = what_goes_with_action(s, line)
        everything = what_goes_with_candidate(s, a)
        taking_back = what_goes_with_taking_back_approval(s, a)
    assert on_its_own == [
        "Its dates on the schedule and the Gantt chart will be removed.",
        "Its progress (40% done) will be lost.",
        "One PDSA cycle on it (\u201cTry a quiet room in one school\u201d) will be removed.",
        "One action waits for it to finish (\u201cSet time with students\u201d); it will no longer wait.",
        "The objective \u201cFewer staff report burnout\u201d will have no actions left.",
    ]
    assert everything == [
        "2 raters' ratings of it will be removed.",
        "Its score on one ranking criterion will be removed.",
        "The staff group it is meant to serve (\u201cBus drivers\u201d) will no longer be recorded.",
        "Its action in the plan, \u201cQuiet room in each school\u201d, will be removed from the Action plan tab.",
        *on_its_own,
    ]
    assert taking_back == everything[3:]
    with plan.transaction() as s:
        assert what_goes_with_action(s, other) == ["Its link to what it waits for (\u201cQuiet room in each "
                                                   "school\u201d) will be removed."]

    # Removing the candidate takes all of it; undo puts back the plan line as it was scheduled.
    with plan.transaction() as s:
        before = values_of(s.get(PlannedAction, line))
        removed = action_decisions.remove_action(s, a)
    with plan.transaction() as s:
        assert s.get(PlannedAction, line) is None
        assert not list(s.scalars(select(PdsaCycle)))
        action_decisions.restore_action(s, removed)
    with plan.transaction() as s:
        assert values_of(s.get(PlannedAction, line)) == before
        assert [c.title for c in s.scalars(select(PdsaCycle))] == ["Try a quiet room in one school"]
        assert [(d.predecessor_id, d.successor_id) for d in s.scalars(select(ActionDependency))] == [(line, other)]
        assert what_goes_with_candidate(s, a) == everything

    # Taking the approval back removes the plan line too; undo of the decision restores the schedule.
    with plan.transaction() as s:
        memo = action_decisions.decide(s, a, ActionStatus.PARKED.value, "Next year")
    with plan.transaction() as s:
        assert s.get(PlannedAction, line) is None
        action_decisions.undo_decision(s, memo)
    with plan.transaction() as s:
        assert values_of(s.get(PlannedAction, line)) == before



def test_what_goes_with_a_rater(rated):
    plan, a, b, (r1, r2, _r3) = rated
    with plan.transaction() as s:
        priority_ratings.set_rating(s, a, r1, impact=4)
        priority_ratings.set_rating(s, b, r1, ease=2)
        assert what_goes_with_rater(s, r1) == [
            "Their ratings of 2 actions (\u201cQuiet room in each school\u201d and \u201cSet time with "
            "students\u201d) will be removed, and those actions may move on the matrix."]
        assert what_goes_with_rater(s, r2) == []
