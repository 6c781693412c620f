"""The plan's balance as a team reads it (seed 000 step 5, seed 002): what its actions change (the
individual or the system around them), a warning when every action changes only the individual
or when an objective about a job stressor has no action that changes the job, and its goals: a
few, quality first. Shown in the printed plan, under its objectives."""

from __future__ import annotations

import datetime as dt

import pytest

from services.action_plan import action_schedule, objectives, plan_balance
from services.action_plan.plan_balance import MOST_OBJECTIVES, MOST_OF_A_GOAL_TYPE
from services.errors import InvalidInput
from services.reports.plan_report import build_plan_pdf
from tests.pdf_text import pdf_text


def _plan(s, *levels: str, statement="By June, 80% of drivers can take their breaks", goal_type="quality"):
    o = objectives.add_objective(s, statement, goal_type=goal_type)
    for n, level in enumerate(levels):
        a = action_schedule.add_action(s, f"Action {n + 1}", objective_id=o.id)
        action_schedule.update_action(s, a.id, change_level=level)
    return o


def test_the_balance_counts_what_the_actions_change(empty_plan):
    with empty_plan.transaction() as s:
        _plan(s, "individual", "individual", "individual", "system", "", "")
        balance = plan_balance.plan_balance(s)
    assert balance.actions_line == "Individual 3 \u00b7 System 1 \u00b7 not set 2"
    assert balance.level_warnings == ()


def test_an_all_individual_plan_is_warned_gently(empty_plan):
    with empty_plan.transaction() as s:
        _plan(s, "individual", "individual", "", statement="Every school offers a yoga class")
        balance = plan_balance.plan_balance(s)
    assert balance.level_warnings == ("Every action with a level set changes the individual: add at least one that "
                                      "changes the system around staff (schedules, staffing, policies, spaces).",)


def test_a_job_stressor_objective_without_a_system_action_is_named(empty_plan):
    with empty_plan.transaction() as s:
        breaks = _plan(s, "individual", "individual")  # about breaks: a job stressor
        _plan(s, "system", statement="Every school has a quiet room")  # the plan as a whole has a system change
        balance = plan_balance.plan_balance(s)
        assert len(balance.level_warnings) == 1
        assert breaks.short in balance.level_warnings[0] and "job stressor" in balance.level_warnings[0]
        # one system action under it answers the warning
        action_schedule.update_action(s, action_schedule.list_actions(s)[0].id, change_level="system")
        assert plan_balance.plan_balance(s).level_warnings == ()


def test_a_dropped_action_does_not_count(empty_plan):
    with empty_plan.transaction() as s:
        _plan(s, "individual", "system")
        system = next(a for a in action_schedule.list_actions(s) if a.change_level == "system")
        action_schedule.update_action(s, system.id, status="dropped")
        balance = plan_balance.plan_balance(s)
    assert balance.actions_line.startswith("Individual 1 \u00b7 System 0")
    assert len(balance.level_warnings) == 2  # all individual, and the breaks objective has no system action


def test_too_many_goals_and_no_quality_goal_are_warned(empty_plan):
    with empty_plan.transaction() as s:
        for n in range(MOST_OF_A_GOAL_TYPE + 1):
            objectives.add_objective(s, f"Access goal {n}", goal_type="access")
        warnings = plan_balance.plan_balance(s).goal_warnings
        assert any(f"{MOST_OF_A_GOAL_TYPE + 1} access goals" in w for w in warnings)
        assert any("no quality goal" in w for w in warnings)
        assert not any("objectives: keep only a few" in w for w in warnings)
        for n in range(MOST_OBJECTIVES - MOST_OF_A_GOAL_TYPE):
            objectives.add_objective(s, f"Quality goal {n}", goal_type="quality")
        warnings = plan_balance.plan_balance(s).goal_warnings
        assert not any("no quality goal" in w for w in warnings)
        assert any(f"{MOST_OBJECTIVES + 1} objectives: keep only a few" in w for w in warnings)
        assert plan_balance.plan_balance(s).goals_line == \
            "Quality 2 \u00b7 Implementation 0 \u00b7 Access 4 \u00b7 not set 0"


def test_a_goal_type_or_level_that_is_not_one_is_refused_in_a_sentence(empty_plan):
    with empty_plan.transaction() as s:
        o = objectives.add_objective(s, "Something")
        a = action_schedule.add_action(s, "Something else")
        with pytest.raises(InvalidInput, match="A goal type is one of: Quality, Implementation, Access"):
            objectives.update_objective(s, o.id, goal_type="outcome")
        with pytest.raises(InvalidInput, match="Individual, System"):
            action_schedule.update_action(s, a.id, change_level="both")
        assert objectives.update_objective(s, o.id, goal_type=None).goal_type == ""


def test_an_objective_removed_and_put_back_keeps_its_kinds(empty_plan):
    with empty_plan.transaction() as s:
        o = objectives.add_objective(s, "Breaks for drivers", goal_type="implementation", change_level="system")
        removed = objectives.remove_objective(s, o.id)
        objectives.restore_objective(s, removed)
        back = objectives.get_objective(s, o.id)
    assert (back.goal_type, back.change_level) == ("implementation", "system")


def test_the_printed_plan_shows_the_balance_and_each_objective_s_kind(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        _plan(s, "individual", "individual", goal_type="implementation")
        out = build_plan_pdf(s, tmp_path / "plan.pdf", today=dt.date(2026, 12, 1))
    text = pdf_text(out)
    assert "What the actions change: Individual 2 \u00b7 System 0 \u00b7 not set 0." in text
    assert "Goal types: Quality 0 \u00b7 Implementation 1 \u00b7 Access 0 \u00b7 not set 0." in text
    assert "Every action with a level set changes the individual" in text
    assert "is about a job stressor, but none of its actions changes the system" in text
    assert "There are implementation goals but no quality goal" in text
    assert "Implementation goal \u2022 what it changes not set" in text
    assert "Changes: the individual" in text


def test_a_pasted_row_says_what_an_action_changes_and_where_in_words(empty_plan):
    from services.action_plan import pasted_rows
    from services.district_profile import add_school

    with empty_plan.transaction() as s:
        school = add_school(s, "Lincoln Elementary", "Elementary")
        a = pasted_rows.add_action(s, "Quiet room", change_level="SYSTEM", school="lincoln elementary")
        assert (a.change_level, a.school_id) == ("system", school.id)
        b = pasted_rows.add_action(s, "Yoga at lunch", change_level="(not set)", school="District-wide")
        assert (b.change_level, b.school_id) == ("", None)
        with pytest.raises(InvalidInput, match="no school called \u201cLincon\u201d"):
            pasted_rows.add_action(s, "Typo", school="Lincon")
        with pytest.raises(InvalidInput, match="use Individual or System"):
            pasted_rows.add_action(s, "Typo", change_level="both")
