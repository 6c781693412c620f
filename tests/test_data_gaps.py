"""A gap in the district's data (no source speaks to a domain for a staff group) goes to Priorities
as a candidate action, once, from the Data tab's coverage grid (seed 000 step 3)."""

from __future__ import annotations

import pytest

from services.data import data_gaps, data_sources
from services.errors import InvalidInput
from services.priorities import candidate_actions


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def _gap_and_covered(s):
    cover = data_sources.coverage(s)
    gap = next((d, g) for d, _ in cover.domains for g, _ in cover.groups if not cover.cells.get((d, g)))
    covered = next(pair for pair, names in cover.cells.items() if names)
    return cover, gap, covered


def test_a_coverage_gap_becomes_a_candidate_action_once(sample_plan):
    with sample_plan.transaction() as s:
        cover, (domain_id, group_id), covered = _gap_and_covered(s)
        record = data_gaps.send_coverage_gap(s, domain_id, group_id)
        domain, group = dict(cover.domains)[domain_id], dict(cover.groups)[group_id]
        assert record.title == f"Find or collect data on {domain} for {group}"
        assert record.source_label == f"Data sources: nothing on {domain} for {group}"
        assert record.evidence.startswith("None of the district's 5 data sources speaks to")
        with pytest.raises(InvalidInput, match="already in Priorities"):
            data_gaps.send_coverage_gap(s, domain_id, group_id)
        with pytest.raises(InvalidInput, match="it is not a gap"):
            data_gaps.send_coverage_gap(s, *covered)
        kinds = {c.id: c.source_kind for c in candidate_actions.list_candidate_actions(s)}
        assert kinds[record.id] == "data_coverage_gap"


def test_the_coverage_grid_sends_the_gap_under_the_cursor_and_undo_takes_it_back(qtbot, window):
    from tests.test_gui_data import data_tab

    tab = data_tab(qtbot, window)
    page = tab.sources_page
    cover = page.coverage_model.coverage
    row, column = next((r, c) for r, (d, _) in enumerate(cover.domains) for c, (g, _) in enumerate(cover.groups)
                       if not cover.cells.get((d, g)))
    page.grid.setCurrentIndex(page.coverage_model.index(row, column))
    assert page.send_gap_action.isEnabled()
    assert "Send gap to Priorities" in [a.text().replace("&", "") for a in page.grid.context_menu().actions()]
    before = len(window.context.read(candidate_actions.list_candidate_actions))
    page.send_gap_action.trigger()
    assert len(window.context.read(candidate_actions.list_candidate_actions)) == before + 1
    assert "Sent to Priorities: \u201cFind or collect data on" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert len(window.context.read(candidate_actions.list_candidate_actions)) == before
    covered = next((r, c) for r, (d, _) in enumerate(cover.domains) for c, (g, _) in enumerate(cover.groups)
                   if cover.cells.get((d, g)))
    page.grid.setCurrentIndex(page.coverage_model.index(*covered))
    assert not page.send_gap_action.isEnabled()
