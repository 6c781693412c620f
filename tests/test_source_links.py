"""A candidate's source opens what it points to: Priorities' "Show where it came from" selects the
round, wave or session it was sent from, and the Action plan's selects the candidate on Priorities."""

from __future__ import annotations

import pytest

from gui.tabs import TABS
from services.action_plan import action_schedule
from services.priorities import candidate_actions
from tests.test_gui_team import click_tab

TAB_ORDER = [spec.key for spec in TABS]


def _show_source_of(qtbot, window, kind: str):
    click_tab(qtbot, window, "Priorities")
    tab = window.tab("priorities")
    item = next(i for i in tab.model.records() if i.source_kind == kind)
    tab.select_action(item.id)
    assert tab.selected_item().id == item.id and tab.source_action.isEnabled()
    tab.source_action.trigger()
    return item, window.context.read(lambda s: candidate_actions.source_home(s, item.source_kind, item.source_id))


@pytest.mark.parametrize("kind, key", [("readiness_item", "readiness"), ("focus_group_proposal", "focus_groups"),
                                       ("survey_finding", "data"), ("data_coverage_gap", "data"),
                                       ("low_participation", "data"), ("policy_review", "data")])
def test_show_where_it_came_from_selects_the_record_it_was_sent_from(qtbot, window, kind, key):
    item, home = _show_source_of(qtbot, window, kind)
    assert window.tabs.currentIndex() == TAB_ORDER.index(key)
    target = window.tab(key)
    if key == "readiness":
        assert target.selected_round().id == home
    elif key == "focus_groups":
        assert target.selected_session().id == home
    elif kind == "survey_finding":
        assert target.selected_wave().id == home and target.pages.currentWidget() is target.results_page
    elif kind == "low_participation":  # the wave, on the page where its barriers were recorded
        assert target.selected_wave().id == home and target.pages.currentWidget() is target.participation_page
    elif kind == "policy_review":  # the review itself, among the sources
        assert home == item.source_id and target.pages.currentWidget() is target.sources_page
        assert target.sources_page.policies.selected().id == home
    else:
        assert home is None and target.pages.currentWidget() is target.sources_page
    assert item.source_label in window.statusBar().currentMessage()
    if key == "data":
        qtbot.waitUntil(lambda: not target.reading, timeout=30000)


def test_an_actions_source_selects_its_candidate_on_priorities(qtbot, window):
    click_tab(qtbot, window, "Action plan")
    plan = window.tab("action_plan")
    action = next(a for a in window.context.read(action_schedule.list_actions) if a.candidate_id is not None)
    view = plan.schedule.actions_view
    view.setCurrentIndex(plan.actions_model.index(plan.actions_model.row_of(action.id), 0))
    plan.show_source()
    assert window.tabs.currentIndex() == TAB_ORDER.index("priorities")
    assert window.tab("priorities").selected_item().id == action.candidate_id


def test_a_candidate_the_filters_hide_is_shown_by_resetting_them(qtbot, window):
    click_tab(qtbot, window, "Priorities")
    priorities = window.tab("priorities")
    action = next(a for a in window.context.read(action_schedule.list_actions) if a.candidate_id is not None)
    candidate = next(i for i in priorities.model.records() if i.id == action.candidate_id)
    other = priorities.source_filter.findData(next(
        k for k in (priorities.source_filter.itemData(i) for i in range(1, priorities.source_filter.count()))
        if k != candidate.source_kind))
    priorities.source_filter.setCurrentIndex(other)  # a filter that hides the action's candidate
    assert priorities.proxy.row_of(candidate.id) < 0
    click_tab(qtbot, window, "Action plan")
    plan = window.tab("action_plan")
    plan.schedule.actions_view.setCurrentIndex(plan.actions_model.index(plan.actions_model.row_of(action.id), 0))
    plan.show_source()
    assert window.tabs.currentIndex() == TAB_ORDER.index("priorities")
    assert priorities.selected_item().id == candidate.id
    assert priorities.source_filter.currentData() is None
