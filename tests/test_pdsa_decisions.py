"""A PDSA cycle's Act decision changes the plan (seed 000 step 6, seed 003), and undo takes it back."""

from __future__ import annotations

import datetime as dt

import pytest

from models import PdsaCycle, PlannedAction
from services.action_plan import action_schedule, improvement_cycles
from services.errors import InvalidInput


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def _cycle_on_action(s, title="Try a break rotation", start=dt.date(2026, 10, 1), end=dt.date(2027, 3, 1)):
    action = action_schedule.add_action(s, "Rotate breaks on two routes", start=start, end=end)
    cycle = improvement_cycles.add_cycle(s, title, action_id=action.id, question="Do drivers get breaks?",
                                         study_notes="Breaks taken on one route only", act_notes="Pair routes",
                                         act_date=dt.date(2026, 12, 1))
    return action, cycle


def test_abandon_drops_the_tested_action_ending_it_on_the_day_and_undo_takes_it_back(sample_plan):
    with sample_plan.transaction() as s:
        action, cycle = _cycle_on_action(s)
        memo, said = improvement_cycles.act_on(s, cycle.id, "abandon")
        after = action_schedule.get_action(s, action.id)
        assert (after.status, after.end) == ("dropped", dt.date(2026, 12, 1))
        assert "dropped from the plan; it ran until Dec 1, 2026" in said[0]
        assert next(c for c in improvement_cycles.list_cycles(s) if c.id == cycle.id).decision == "abandon"
        improvement_cycles.undo_act(s, memo)
        back = action_schedule.get_action(s, action.id)
        assert (back.status, back.end) == (action.status, action.end)
        assert next(c for c in improvement_cycles.list_cycles(s) if c.id == cycle.id).decision == ""


def test_adopt_makes_the_action_standard_practice(sample_plan):
    with sample_plan.transaction() as s:
        action, cycle = _cycle_on_action(s)
        memo, said = improvement_cycles.act_on(s, cycle.id, "adopt")
        assert action_schedule.get_action(s, action.id).standard_practice
        assert said == [f"\u201c{action.title}\u201d is now the district's standard practice."]
        decided = next(c for c in improvement_cycles.list_cycles(s) if c.id == cycle.id)
        assert improvement_cycles.what_it_changed(decided, {action.id: action.title}, {}) == \
            f"Standard practice: {action.title}"
        improvement_cycles.undo_act(s, memo)
        assert not action_schedule.get_action(s, action.id).standard_practice


def test_adapt_opens_a_next_cycle_carrying_the_learning(sample_plan):
    with sample_plan.transaction() as s:
        action, cycle = _cycle_on_action(s)
        count = s.query(PdsaCycle).count()
        memo, _said = improvement_cycles.act_on(s, cycle.id, "adapt")
        decided = next(c for c in improvement_cycles.list_cycles(s) if c.id == cycle.id)
        follow = next(c for c in improvement_cycles.list_cycles(s) if c.id == decided.follow_up_cycle_id)
        assert (follow.action_id, follow.question, follow.plan_date) == (action.id, "Pair routes", dt.date(2026, 12, 1))
        assert follow.title.endswith("(adapted)") and follow.decision == ""
        improvement_cycles.undo_act(s, memo)
        assert s.query(PdsaCycle).count() == count


def test_adapt_can_open_a_revised_action_instead(sample_plan):
    with sample_plan.transaction() as s:
        action, cycle = _cycle_on_action(s)
        count = s.query(PlannedAction).count()
        memo, said = improvement_cycles.act_on(s, cycle.id, "adapt", adapt_with="action")
        decided = next(c for c in improvement_cycles.list_cycles(s) if c.id == cycle.id)
        revised = action_schedule.get_action(s, decided.revised_action_id)
        assert revised.title == f"{action.title} (revised)" and revised.start is None and revised.status == "not_started"
        assert "Pair routes" in revised.description
        assert action_schedule.get_action(s, action.id).status == action.status  # the tested one stays
        assert "revised action" in said[0]
        improvement_cycles.undo_act(s, memo)
        assert s.query(PlannedAction).count() == count


def test_a_decided_cycle_is_not_decided_again(sample_plan):
    with sample_plan.transaction() as s:
        _action, cycle = _cycle_on_action(s)
        improvement_cycles.act_on(s, cycle.id, "adopt")
        with pytest.raises(InvalidInput, match="already decided"):
            improvement_cycles.act_on(s, cycle.id, "abandon")


def test_a_cycle_on_an_objective_records_abandon_and_adopt_and_adapts_with_a_next_cycle(sample_plan):
    from services.action_plan import objectives

    with sample_plan.transaction() as s:
        objective = objectives.list_objectives(s)[0]
        cycle = improvement_cycles.add_cycle(s, "Quiet rooms pilot", objective_id=objective.id)
        _memo, said = improvement_cycles.act_on(s, cycle.id, "abandon")
        assert "changes no one action" in said[0]
        other = improvement_cycles.add_cycle(s, "Second pilot", objective_id=objective.id)
        improvement_cycles.act_on(s, other.id, "adapt", adapt_with="action")  # no action to revise: a cycle
        assert next(c for c in improvement_cycles.list_cycles(s) if c.id == other.id).follow_up_cycle_id


def test_choosing_adapt_in_the_act_cell_asks_what_it_opens_and_one_undo_takes_it_back(qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt

    from gui.action_plan import action_plan_tab
    from tests.test_gui_action_plan import plan_tab
    from tests.test_gui_action_plan_habits import open_editor

    with window.context.plan.transaction() as s:
        action, cycle = _cycle_on_action(s, title="Zz break rotation test")
    window.context.announce({"plan"})
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.cycles_page)
    view, model = tab.cycles_page.view, tab.cycles_model
    qtbot.waitUntil(lambda: model.row_of(cycle.id) >= 0)
    asked = []

    def answer(box):
        asked.append(box.text())
        next(b for b in box.buttons() if "revised action" in b.text().replace("&", "")).click()

    monkeypatch.setattr(action_plan_tab, "run_modal", answer)
    count = len(window.context.read(action_schedule.list_actions))
    combo = open_editor(qtbot, view, model.row_of(cycle.id), model.column_of("decision"))
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Adopt
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Adapt
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.context.read(action_schedule.list_actions)) == count + 1)
    assert "carry what was learned" in asked[0]
    row = model.row_of(cycle.id)
    assert model.index(row, model.column_of("follow_up")).data() == f"Revised action: {action.title} (revised)"
    assert "revised action" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo: decision and action
    qtbot.waitUntil(lambda: len(window.context.read(action_schedule.list_actions)) == count)
    assert model.index(model.row_of(cycle.id), model.column_of("decision")).data() == "Not decided"


def test_the_printed_plan_shows_what_a_decision_changed(sample_plan, tmp_path):
    from services.reports.plan_report import build_plan_pdf
    from tests.pdf_text import pdf_text

    with sample_plan.transaction() as s:
        action, cycle = _cycle_on_action(s, title="Break rotation trial")
        improvement_cycles.act_on(s, cycle.id, "adopt")
    with sample_plan.transaction() as s:
        out = build_plan_pdf(s, tmp_path / "plan.pdf")
    words = " ".join(pdf_text(out).split())
    assert f"Standard practice: {action.title}." in words
    assert "Not started, standard practice" in words


def test_a_decision_before_the_study_date_is_dated_no_earlier_than_the_study(sample_plan):
    with sample_plan.transaction() as s:
        action = action_schedule.add_action(s, "Walking group", start=dt.date(2027, 1, 4), end=dt.date(2027, 5, 1))
        cycle = improvement_cycles.add_cycle(s, "Walking group trial", action_id=action.id,
                                             study_date=dt.date(2027, 2, 1))
        improvement_cycles.act_on(s, cycle.id, "adopt", on=dt.date(2026, 12, 2))
        assert next(c for c in improvement_cycles.list_cycles(s) if c.id == cycle.id).act_date == dt.date(2027, 2, 1)
