"""The shared pool of candidate actions that every tab feeds."""

from __future__ import annotations

import pytest

from models import ActionStatus, SourceKind
from services.errors import InvalidInput
from services.priorities import candidate_actions as ca
from tests.test_priority_services import action_of


def test_add_list_and_trace_back_to_the_source(empty_plan):
    with empty_plan.transaction() as s:
        by_hand = ca.add_candidate_action(s, "  Quiet room in each school ", category="Working conditions")
        from_item = ca.add_candidate_action(
            s, "Name a wellness lead at each school", source_kind=SourceKind.READINESS_ITEM.value,
            source_id=42, source_label="Readiness round 2, item C3",
        )
    with empty_plan.transaction() as s:
        actions = ca.list_candidate_actions(s)
        assert [a.title for a in actions] == ["Quiet room in each school", "Name a wellness lead at each school"]
        assert actions[0].source_label == "Entered by hand"
        assert actions[0].status == ActionStatus.PROPOSED.value
        only_readiness = ca.list_candidate_actions(s, source_kind=SourceKind.READINESS_ITEM.value)
        assert [a.source_label for a in only_readiness] == ["Readiness round 2, item C3"]
        assert by_hand.id != from_item.id


def test_a_title_is_required_and_sources_need_a_record(empty_plan):
    with empty_plan.transaction() as s:
        with pytest.raises(InvalidInput, match="needs a title"):
            ca.add_candidate_action(s, "   ")
        with pytest.raises(InvalidInput, match="which record"):
            ca.add_candidate_action(s, "From a survey", source_kind=SourceKind.SURVEY_FINDING.value)
        with pytest.raises(InvalidInput, match="Unknown source"):
            ca.add_candidate_action(s, "Odd", source_kind="rumour")


def test_decisions_need_reasons_and_can_be_undone(empty_plan):
    with empty_plan.transaction() as s:
        action = ca.add_candidate_action(s, "Staff walking club")
        with pytest.raises(InvalidInput, match="Say why"):
            ca.set_status(s, action.id, ActionStatus.DECLINED.value)
        before = ca.set_status(s, action.id, ActionStatus.PARKED.value, "Revisit in spring")
        assert before.status == ActionStatus.PROPOSED.value
        ca.set_status(s, action.id, ActionStatus.APPROVED.value)
    with empty_plan.transaction() as s:
        assert [(a.status, a.status_reason) for a in ca.list_candidate_actions(s)] == [(ActionStatus.APPROVED.value, "")]
        assert ca.list_candidate_actions(s, status=ActionStatus.APPROVED.value)[0].title == "Staff walking club"


def test_update_returns_the_old_record_and_remove_can_be_restored(empty_plan):
    with empty_plan.transaction() as s:
        action = ca.add_candidate_action(s, "Wellness newsletter")
        before = ca.update_candidate_action(s, action.id, title="Monthly wellness newsletter", category="Communication")
        assert before.title == "Wellness newsletter"
        with pytest.raises(InvalidInput):
            ca.update_candidate_action(s, action.id, status="approved")
        removed = ca.remove_candidate_action(s, action.id)
        assert ca.list_candidate_actions(s) == []
        ca.restore_candidate_action(s, removed)
        restored = action_of(s, action.id)
    assert restored.title == "Monthly wellness newsletter"
    assert restored.category == "Communication"
