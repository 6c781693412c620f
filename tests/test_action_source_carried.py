"""An approved action keeps where it came from after its candidate leaves the Priorities tab: the
source label and evidence carried into the plan at approval are what the plan shows and prints."""

from __future__ import annotations

import datetime as dt

import pytest

from models import CandidateAction, PlannedAction
from services.action_plan import action_schedule
from services.reports.plan_report import action_sources, build_plan_pdf
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def test_the_carried_label_and_evidence_outlive_the_candidate(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        action = next(a for a in action_schedule.list_actions(s) if a.candidate_id is not None)
        row = s.get(PlannedAction, action.id)
        row.source_label, row.evidence = action.source_label, "Fall 2026: 12% favorable (n = 25)."
        s.delete(s.get(CandidateAction, action.candidate_id))
        s.flush()
        after = action_schedule.get_action(s, action.id)
        assert (after.candidate_id, after.source_label) == (None, action.source_label)
        assert action_sources(s)[action.id].line == f"Priority: {action.source_label}"
        out = build_plan_pdf(s, tmp_path / "plan.pdf", today=dt.date(2026, 12, 1))
    text = pdf_text(out)
    assert f"{action.title} From: Priority: {action.source_label}. Evidence: Fall 2026: 12% favorable" in text


def test_an_action_typed_into_the_plan_says_so(empty_plan):
    with empty_plan.transaction() as s:
        a = action_schedule.add_action(s, "Walking club")
        assert action_schedule.get_action(s, a.id).source_label == "Added in the plan"
        assert action_sources(s)[a.id].line == "Added in the plan"
