"""Approving a candidate carries what was chosen on Priorities into the plan's action: the staff
groups it serves, its evidence and its source label; taking the approval back (or undoing it)
removes them with the action, and undoing a removal of the approval puts them back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import PlannedAction, PlannedActionGroup
from services import district_profile
from services.priorities import action_decisions, candidate_actions, planned_actions, priority_ratings
from tests.test_gui_priorities import item_by_title, open_priorities
from tests.test_gui_team import click_action


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def _carried(s, candidate_id: int):
    planned = s.scalar(select(PlannedAction).where(PlannedAction.candidate_action_id == candidate_id))
    if planned is None:
        return None
    return planned.evidence, planned.source_label, planned_actions.served_groups(s, planned.id)


def test_approval_carries_groups_evidence_and_source_and_undo_removes_them(empty_plan):
    with empty_plan.transaction() as s:
        district_profile.add_position_group(s, "Bus drivers")
        district_profile.add_position_group(s, "Custodians")
        groups = [g.id for g in district_profile.list_position_groups(s)]
        sent = candidate_actions.add_candidate_action(
            s, "Paid time for drivers to take the survey", source_kind="survey_finding", source_id=7,
            source_label="Staff survey Fall 2026, finding 7: Bus drivers, 'I feel valued'",
            evidence="Fall 2026: Bus drivers mean 2.10 (20% favorable, n = 12) against 3.40 (61%) for all.")
        priority_ratings.set_served_groups(s, sent.id, groups)
        memo = action_decisions.decide(s, sent.id, "approved")
        assert _carried(s, sent.id) == (sent.evidence, sent.source_label, tuple(sorted(groups)))
        action_decisions.undo_decision(s, memo)
        assert _carried(s, sent.id) is None
        assert s.scalars(select(PlannedActionGroup)).all() == []
        # approved again, then parked: the line goes; undoing the parking brings its groups back
        action_decisions.decide(s, sent.id, "approved")
        parked = action_decisions.decide(s, sent.id, "parked", "Waiting for the budget")
        assert _carried(s, sent.id) is None
        action_decisions.undo_decision(s, parked)
        assert _carried(s, sent.id) == (sent.evidence, sent.source_label, tuple(sorted(groups)))


def test_approving_on_the_priorities_tab_carries_the_served_groups_and_undo_takes_them(qtbot, window):
    tab = open_priorities(qtbot, window)
    item = item_by_title(window, "Front-load benefit accrual for new mental health staff")
    assert item.served_group_names  # the sample names who it serves
    tab.select_action(item.id)
    click_action(qtbot, tab, tab.approve_action)
    carried = window.context.read(lambda s: _carried(s, item.id))
    assert carried is not None
    evidence, label, groups = carried
    assert (evidence, label) == (item.evidence, item.source_label)
    names = {g.id: g.name for g in window.context.read(district_profile.list_position_groups)}
    assert tuple(sorted(names[g] for g in groups)) == tuple(sorted(item.served_group_names))
    planned_id = window.context.read(lambda s: planned_actions.find_for_candidate(s, item.id).id)
    window.undo_action.trigger()
    assert window.context.read(lambda s: _carried(s, item.id)) is None
    assert window.context.read(lambda s: planned_actions.served_groups(s, planned_id)) == ()


def test_the_sample_readiness_chain_reaches_the_plan(sample_plan):
    """Seed 000 step 2 to step 5: a readiness item sent to Priorities, approved, and an action in the
    plan that still says which item it answers and why."""
    with sample_plan.transaction() as s:
        item = next(a for a in candidate_actions.list_candidate_actions(s) if a.source_kind == "readiness_item"
                    and a.status == "approved")
        assert item.source_label == "Readiness round Fall 2026, item B2"
        home = candidate_actions.source_home(s, item.source_kind, item.source_id)
        assert home is not None  # Show where it came from opens its readiness round
        evidence, label, groups = _carried(s, item.id)
        assert (evidence, label) == (item.evidence, item.source_label) and evidence
        names = {g.id: g.name for g in district_profile.list_position_groups(s)}
        assert [names[g] for g in groups] == ["School administrators"]
