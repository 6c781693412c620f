"""Limited by a contract or collective bargaining: the check and its note travel from a candidate
action, through approval, into the plan's action, and both sides stay one fact (issue 23)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from models import ActionStatus, CandidateAction, PlannedAction
from services.action_plan import action_schedule
from services.errors import InvalidInput
from services.priorities import action_decisions, candidate_actions, contract_limits, planned_actions
from services.priorities.priority_board import load_board

NOTE = "The custodians' agreement sets their break times; talk to the union steward first."


@pytest.fixture
def marked(empty_plan):
    """A candidate marked limited by a contract (as the focus-group tab sends one) and one entered by hand."""
    with empty_plan.transaction() as s:
        limited = candidate_actions.add_candidate_action(s, "Move custodians' breaks to quiet hours",
                                                         contract_limited=True, contract_note=f"  {NOTE} ").id
        plain = candidate_actions.add_candidate_action(s, "Quiet room in each school").id
    return empty_plan, limited, plain


def test_a_candidate_carries_the_check_and_note_to_the_board(marked):
    plan, limited, plain = marked
    with plan.transaction() as s:
        board = load_board(s)
        records = {r.id: r for r in candidate_actions.list_candidate_actions(s)}
    assert board.item(limited).contract_limited and board.item(limited).contract_note == NOTE
    assert not board.item(plain).contract_limited and board.item(plain).contract_note == ""
    assert board.item(limited).contract.text == f"Limited by a contract or collective bargaining: {NOTE}"
    assert board.item(plain).contract.text == ""
    assert records[limited].contract_limited is True and records[limited].contract_note == NOTE


def test_approving_copies_the_check_and_note_onto_the_plans_action(marked):
    plan, limited, plain = marked
    with plan.transaction() as s:
        action_decisions.decide(s, limited, ActionStatus.APPROVED.value)
        action_decisions.decide(s, plain, ActionStatus.APPROVED.value)
    with plan.transaction() as s:
        rows = {r.candidate_action_id: r for r in s.scalars(select(PlannedAction))}
        limits = contract_limits.planned_limits(s)
    assert rows[limited].contract_limited is True and rows[limited].contract_note == NOTE
    assert rows[plain].contract_limited is False and rows[plain].contract_note == ""
    assert limits[rows[limited].id] == contract_limits.ContractLimit(True, NOTE)
    assert limits[rows[plain].id] == contract_limits.NOT_LIMITED


def test_a_hand_entered_candidate_can_be_marked_and_undone(marked):
    plan, _limited, plain = marked
    with plan.transaction() as s:
        memo = contract_limits.set_for_candidate(s, plain, True, "Teachers' contract: no duties in lunch")
    with plan.transaction() as s:
        assert load_board(s).item(plain).contract == contract_limits.ContractLimit(
            True, "Teachers' contract: no duties in lunch")
        contract_limits.restore(s, memo)
    with plan.transaction() as s:
        assert load_board(s).item(plain).contract == contract_limits.NOT_LIMITED


def test_marking_either_side_marks_both_and_undo_puts_both_back(marked):
    plan, limited, plain = marked
    with plan.transaction() as s:
        action_decisions.decide(s, plain, ActionStatus.APPROVED.value)
        planned_id = planned_actions.find_for_candidate(s, plain).id
        on_candidate = contract_limits.set_for_candidate(s, plain, True, "Bus drivers' agreement")
    with plan.transaction() as s:
        assert contract_limits.planned_limit(s, planned_id) == contract_limits.ContractLimit(True, "Bus drivers' agreement")
        on_plan = contract_limits.set_for_planned(s, planned_id, False, "Bus drivers' agreement")
    with plan.transaction() as s:
        assert not load_board(s).item(plain).contract_limited
        assert not contract_limits.planned_limit(s, planned_id).limited
        contract_limits.restore(s, on_plan)
        contract_limits.restore(s, on_candidate)
    with plan.transaction() as s:
        assert load_board(s).item(plain).contract == contract_limits.NOT_LIMITED
        assert contract_limits.planned_limit(s, planned_id) == contract_limits.NOT_LIMITED


def test_an_action_added_in_the_plan_can_be_marked(empty_plan):
    with empty_plan.transaction() as s:
        action = action_schedule.add_action(s, "Stagger the custodians' shifts")
        memo = contract_limits.set_for_planned(s, action.id, True, "")
        assert memo.candidate_id is None
    with empty_plan.transaction() as s:
        limit = contract_limits.planned_limit(s, action.id)
    assert limit.limited and limit.text == "Limited by a contract or collective bargaining."


def test_removing_and_restoring_a_candidate_keeps_its_mark(marked):
    plan, limited, _plain = marked
    with plan.transaction() as s:
        removed = action_decisions.remove_action(s, limited)
    with plan.transaction() as s:
        action_decisions.restore_action(s, removed)
    with plan.transaction() as s:
        assert load_board(s).item(limited).contract == contract_limits.ContractLimit(True, NOTE)


def test_bad_input_is_one_plain_sentence(marked):
    plan, limited, _plain = marked
    with plan.transaction() as s, pytest.raises(InvalidInput, match="at most 2000 characters"):
        contract_limits.set_for_candidate(s, limited, True, "x" * 2001)
    with plan.transaction() as s, pytest.raises(InvalidInput, match="no longer in the plan"):
        contract_limits.set_for_candidate(s, 9999, True, "")
    with plan.transaction() as s, pytest.raises(InvalidInput, match="no longer exists"):
        contract_limits.set_for_planned(s, 9999, True, "")
    with plan.transaction() as s, pytest.raises(InvalidInput, match="yes or no"):
        contract_limits.set_for_candidate(s, limited, "yes", "")


def test_a_note_stored_as_a_blob_reads_as_empty(marked):
    plan, limited, _plain = marked
    with plan.transaction() as s:
        s.execute(text("UPDATE candidate_action SET contract_note = X'00FF' WHERE id = :id"), {"id": limited})
    with plan.transaction() as s:
        assert load_board(s).item(limited).contract == contract_limits.ContractLimit(True, "")
        assert s.get(CandidateAction, limited) is not None


def test_the_actions_sheet_and_calendar_carry_the_limit(marked):
    import datetime as dt

    from services.action_plan import plan_exports

    plan, limited, plain = marked
    with plan.transaction() as s:
        action_decisions.decide(s, limited, ActionStatus.APPROVED.value)
        action_decisions.decide(s, plain, ActionStatus.APPROVED.value)
        for candidate in (limited, plain):
            planned = planned_actions.find_for_candidate(s, candidate)
            action_schedule.update_action(s, planned.id, start=dt.date(2027, 1, 4), end=dt.date(2027, 1, 29))
    with plan.transaction() as s:
        rows = {r[1]: r for r in plan_exports.action_rows(s, today=dt.date(2026, 12, 1))}
        events = {e["summary"]: e["description"] for e in plan_exports.calendar_events(s)}
    columns = plan_exports.ACTION_COLUMNS
    assert columns[-2:] == ("Contract-limited", "Contract note")
    assert rows["Move custodians' breaks to quiet hours"][-2:] == ["yes", NOTE]
    assert rows["Quiet room in each school"][-2:] == ["", ""]
    assert events["Deadline: Move custodians' breaks to quiet hours"].endswith(
        f"Limited by a contract or collective bargaining: {NOTE.rstrip('.')}.")
    assert "contract" not in events["Deadline: Quiet room in each school"]


def test_an_older_plan_upgrades_with_nothing_marked_and_can_be_marked(tmp_path):
    import shutil
    from pathlib import Path

    from services.plan.plan_file import open_plan

    path = tmp_path / "old.wellplan"
    shutil.copy(Path(__file__).parent / "fixtures" / "plan-v9.wellplan", path)
    plan = open_plan(path)
    try:
        with plan.transaction() as s:
            board = load_board(s)
            limits = contract_limits.planned_limits(s)
            assert board.items and limits
            assert not any(i.contract_limited for i in board.items)
            assert set(limits.values()) == {contract_limits.NOT_LIMITED}
            approved = next(i for i in board.items if i.planned_action_id is not None)
            contract_limits.set_for_candidate(s, approved.id, True, NOTE)
        with plan.transaction() as s:
            assert contract_limits.planned_limit(s, approved.planned_action_id).note == NOTE
    finally:
        plan.close()
