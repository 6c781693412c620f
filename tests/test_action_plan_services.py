"""The action plan's rules: the SMARTIE checker on good and bad objectives, dependency loops,
moving an action with its dependants, PDSA cycles, communications and the sample."""

from __future__ import annotations

import datetime as dt

import pytest

from services.action_plan import action_schedule, communications, improvement_cycles, objectives, school_calendar
from services.district_profile import list_position_groups
from services.errors import InvalidInput
from services.overview import journey
from services.team.team_roster import add_person


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

D = dt.date


def _parts(findings):
    return {f.part: f.ok for f in findings}


def test_a_complete_objective_passes_and_a_bare_one_says_what_is_missing(empty_plan):
    with empty_plan.transaction() as s:
        groups = {g.name: g.id for g in list_position_groups(s)}
        driver = add_person(s, "Sam Ortiz", position_group_id=groups["Transportation"]).id
        teacher = add_person(s, "Kim Park", position_group_id=groups["Teachers"]).id
        good = objectives.add_objective(
            s, "By June 2027, 70% of drivers can take their breaks.",
            specific="Rest breaks that fit the routes for every bus driver.", measurable="% favorable; 70%",
            achievable="Relief drivers are budgeted.", relevant="Survey gap on breaks.", time_bound="",
            inclusive="Drivers design the schedule.", equitable="", indicator="% favorable on breaks", target=70.0,
            target_date=D(2027, 6, 4), group_ids={groups["Transportation"]}, person_ids={driver})
        assert all(f.ok for f in objectives.check_smartie(s, good)), objectives.check_smartie(s, good)
        bare = objectives.add_objective(s, "Improve staff wellness.")
        findings = objectives.check_smartie(s, bare)
        assert not any(f.ok for f in findings)
        text = {f.part: f.message for f in findings}
        assert "No indicator" in text["measurable"] and "No date" in text["time_bound"]
        assert "No group of staff named" in text["equitable"]
        # involving someone from another group does not make it inclusive
        objectives.update_objective(s, bare.id, group_ids={groups["Transportation"]}, person_ids={teacher},
                                    indicator="Breaks taken", measurable="12 a month")
        findings = _parts(objectives.check_smartie(s, objectives.get_objective(s, bare.id)))
        assert findings["equitable"] and findings["measurable"] and not findings["inclusive"]
        message = next(f.message for f in objectives.check_smartie(s, objectives.get_objective(s, bare.id))
                       if f.part == "inclusive")
        assert "No one from the affected groups is involved: add someone from Transportation" in message
        # a month in the time-bound text counts as a date
        objectives.update_objective(s, bare.id, time_bound="by the end of March")
        assert _parts(objectives.check_smartie(s, objectives.get_objective(s, bare.id)))["time_bound"]
        with pytest.raises(InvalidInput, match="needs a statement"):
            objectives.add_objective(s, "  ")


def test_dependency_loops_are_refused_with_the_loop_named(empty_plan):
    with empty_plan.transaction() as s:
        a = action_schedule.add_action(s, "Ask drivers", start=D(2026, 11, 2), end=D(2026, 11, 6)).id
        b = action_schedule.add_action(s, "Draft schedules", start=D(2026, 11, 9), end=D(2026, 11, 20)).id
        c = action_schedule.add_action(s, "Agree with the union", start=D(2026, 11, 23), end=D(2026, 12, 4)).id
        action_schedule.add_dependency(s, a, b)
        action_schedule.add_dependency(s, b, c)
        with pytest.raises(InvalidInput, match="loop: .Agree with the union. \u2192 .Ask drivers. \u2192 "
                                               ".Draft schedules. \u2192 .Agree with the union."):
            action_schedule.add_dependency(s, c, a)
        with pytest.raises(InvalidInput, match="itself"):
            action_schedule.add_dependency(s, a, a)
        assert action_schedule.get_action(s, c).predecessor_ids == (b,)
        assert action_schedule.set_predecessors(s, c, [a]) == (b,)
        assert action_schedule.get_action(s, c).predecessor_ids == (a,)


def test_moving_an_action_reports_conflicts_and_moves_dependants_keeping_their_length(empty_plan):
    with empty_plan.transaction() as s:
        a = action_schedule.add_action(s, "A", start=D(2026, 11, 2), end=D(2026, 11, 6)).id
        b = action_schedule.add_action(s, "B", start=D(2026, 11, 9), end=D(2026, 11, 13)).id
        c = action_schedule.add_action(s, "C", start=D(2026, 11, 16), end=D(2026, 11, 16), milestone=True).id
        action_schedule.add_dependency(s, a, b)
        action_schedule.add_dependency(s, b, c)
        # before the move: what it would break, with nothing written yet
        effects = action_schedule.move_effects(s, a, D(2026, 11, 9), D(2026, 11, 13))
        assert effects.action.title == "A" and [d.id for d in effects.dependants] == [b] and effects.predecessors == ()
        assert [p.title for p in action_schedule.move_effects(s, c, D(2026, 11, 12), D(2026, 11, 12)).predecessors] \
            == ["B"]
        assert action_schedule.move_effects(s, b, D(2026, 11, 9), D(2026, 11, 10)).dependants == ()
        assert action_schedule.get_action(s, a).start == D(2026, 11, 2)
        found = action_schedule.move_action(s, a, D(2026, 11, 9), D(2026, 11, 13))
        assert [(x.predecessor.id, x.successor.id) for x in found] == [(a, b)]
        assert "starts Nov 9 but depends on \u201cA\u201d, which ends Nov 13" in found[0].text()
        before = action_schedule.shift_dependants(s, a)
        assert before == {b: (D(2026, 11, 9), D(2026, 11, 13)), c: (D(2026, 11, 16), D(2026, 11, 16))}
        assert (action_schedule.get_action(s, b).start, action_schedule.get_action(s, b).end) == \
            (D(2026, 11, 14), D(2026, 11, 18))
        assert action_schedule.get_action(s, c).start == D(2026, 11, 19)
        assert action_schedule.conflicts(s) == []
        action_schedule.set_dates(s, before)
        assert action_schedule.get_action(s, b).start == D(2026, 11, 9)


def test_action_fields_are_checked_and_removal_restores_links(empty_plan):
    with empty_plan.transaction() as s:
        a = action_schedule.add_action(s, "A", start=D(2026, 11, 2), end=D(2026, 11, 6)).id
        b = action_schedule.add_action(s, "B").id
        action_schedule.add_dependency(s, a, b)
        with pytest.raises(InvalidInput, match="can't end"):
            action_schedule.update_action(s, a, end=D(2026, 10, 1))
        with pytest.raises(InvalidInput, match="between 0 and 100"):
            action_schedule.update_action(s, a, percent_done=120)
        assert action_schedule.update_action(s, a, percent_done=30).status == "in_progress"
        assert action_schedule.update_action(s, a, status="done").percent_done == 100
        assert action_schedule.get_action(s, a).late(D(2027, 1, 1)) is False
        assert action_schedule.update_action(s, a, status="in_progress").late(D(2027, 1, 1))
        removed = action_schedule.remove_action(s, a)
        assert action_schedule.get_action(s, b).predecessor_ids == ()
        action_schedule.restore_action(s, removed)
        assert action_schedule.get_action(s, b).predecessor_ids == (a,)


def test_cycles_communications_and_breaks(empty_plan):
    with empty_plan.transaction() as s:
        cycle = improvement_cycles.add_cycle(s, "Try a break rotation", question="Will it work?",
                                             plan_date=D(2026, 11, 2))
        assert cycle.stage == "Do"
        with pytest.raises(InvalidInput, match="in order"):
            improvement_cycles.update_cycle(s, cycle.id, do_date=D(2026, 10, 1))
        with pytest.raises(InvalidInput, match="Act is one of"):
            improvement_cycles.update_cycle(s, cycle.id, decision="maybe")
        done = improvement_cycles.update_cycle(s, cycle.id, decision="adopt")
        assert done.stage == "Done" and done.decision == "adopt"
        with pytest.raises(InvalidInput, match="needs a message"):
            communications.add_item(s, "Staff", " ", "Newsletter")
        item = communications.add_item(s, "Staff", "We heard you", "Newsletter", D(2026, 12, 4), celebration=True)
        removed = communications.remove_item(s, item.id)
        assert communications.list_items(s) == []
        communications.restore_item(s, removed)
        assert communications.list_items(s) == [item]
        with pytest.raises(InvalidInput, match="end before"):
            school_calendar.add_break(s, "Winter", D(2026, 12, 21), D(2026, 12, 1))
        added = school_calendar.add_break(s, "  Winter   break ", D(2026, 12, 21), D(2027, 1, 1))
        assert school_calendar.list_breaks(s) == [added] and added.name == "Winter break"
        school_calendar.restore_break(s, school_calendar.remove_break(s, added.id))
        assert school_calendar.school_year(s).breaks == (("Winter break", D(2026, 12, 21), D(2027, 1, 1)),)


def test_the_sample_plan_has_what_the_issue_asks(sample_plan):
    with sample_plan.transaction() as s:
        records = objectives.list_objectives(s)
        assert len(records) == 4 and "transportation and food service" in records[0].statement
        actions = action_schedule.list_actions(s)
        assert 25 <= len(actions) <= 40 and all(a.owner_id for a in actions)
        assert sum(1 for a in actions if a.predecessor_ids) >= 10
        assert any(a.status == "done" for a in actions) and any(a.late(D(2027, 1, 20)) for a in actions)
        assert any(a.milestone for a in actions)
        approved = [a for a in actions if a.source_label != "Added in the plan"]
        assert len(approved) == 7  # the approved priorities, scheduled (one from the readiness round)
        assert action_schedule.conflicts(s) == []
        assert len(improvement_cycles.list_cycles(s)) == 2
        assert any(i.celebration for i in communications.list_items(s))
        assert len(school_calendar.school_year(s).breaks) == 4
        steps = {x.step.key: x for x in journey.journey_status(s)}
        assert "Specific, Measurable, Time-bound still missing" in steps["plan"].next_move
        assert steps["communicate"].state.value == "done"


def test_removing_an_objective_says_what_goes_and_undo_brings_back_its_cycles(empty_plan):
    with empty_plan.transaction() as s:
        objective = objectives.add_objective(s, "Drivers take their breaks.")
        assert objectives.what_goes_with_objective(s, objective.id) == []  # nothing depends on it: no question
        action = action_schedule.add_action(s, "Ask drivers", objective_id=objective.id).id
        improvement_cycles.add_cycle(s, "Try a rotation", objective_id=objective.id)
        objectives.add_measurement(s, objective.id, D(2026, 11, 2), 40)
        objectives.add_measurement(s, objective.id, D(2027, 2, 2), 55)
        assert objectives.what_goes_with_objective(s, objective.id) == [
            "One action toward it (\u201cAsk drivers\u201d) will stay in the plan with no objective.",
            "One PDSA cycle on it (\u201cTry a rotation\u201d) will be removed.",
            "Its 2 measurements of the indicator will be removed."]
        removed = objectives.remove_objective(s, objective.id)
        assert improvement_cycles.list_cycles(s) == [] and action_schedule.get_action(s, action).objective_id is None
        objectives.restore_objective(s, removed)
        assert [c.title for c in improvement_cycles.list_cycles(s)] == ["Try a rotation"]
        assert action_schedule.get_action(s, action).objective_id == objective.id
        assert len(objectives.list_measurements(s, objective.id)) == 2


def test_removing_an_action_and_undoing_brings_back_its_cycles(empty_plan):
    with empty_plan.transaction() as s:
        action = action_schedule.add_action(s, "Ask drivers", start=D(2026, 11, 2), end=D(2026, 11, 6)).id
        improvement_cycles.add_cycle(s, "Try a rotation", action_id=action, question="Will it fit?")
        removed = action_schedule.remove_action(s, action)
        assert improvement_cycles.list_cycles(s) == []  # the file removes them with the action
        action_schedule.restore_action(s, removed)
        assert [(c.title, c.action_id) for c in improvement_cycles.list_cycles(s)] == [("Try a rotation", action)]


def test_pasted_rows_become_actions_matching_names_and_labels(empty_plan):
    from models import Person
    from services.action_plan import pasted_rows

    with empty_plan.transaction() as s:
        s.add(Person(name="Maria Lopez"))
        s.flush()
        objective = objectives.add_objective(s, "By June 2027, 80% of transportation staff take their breaks, "
                                                "every route and every shift.")
        action = pasted_rows.add_action(s, "Ask drivers", objective=objective.short.upper(), owner="maria lopez",
                                        start=D(2027, 11, 1), end=D(2027, 11, 5), status="in progress",
                                        percent_done="40%")
        assert (action.objective_id, action.owner_name, action.status, action.percent_done) == \
            (objective.id, "Maria Lopez", "in_progress", 40)
        # an owner the team doesn't have is kept in words; a copied milestone stays a milestone
        kept = pasted_rows.add_action(s, "Board vote \u25c6", owner="Pat Board", start=D(2027, 12, 1))
        assert kept.owner_id is None and kept.owner_name == "Pat Board"
        assert kept.milestone and kept.title == "Board vote" and kept.end == D(2027, 12, 1)
        assert pasted_rows.add_action(s, "Late one", percent_done="30").status == "in_progress"
        with pytest.raises(InvalidInput, match="No objective reads \u201cSomething else\u201d"):
            pasted_rows.add_action(s, "X", objective="Something else")
        with pytest.raises(InvalidInput, match="is not a status: use one of Not started"):
            pasted_rows.add_action(s, "X", status="Soon")
        with pytest.raises(InvalidInput, match="is not a percentage"):
            pasted_rows.add_action(s, "X", percent_done="lots")
        with pytest.raises(InvalidInput, match="needs a title"):
            pasted_rows.add_action(s, "  ")


def test_pasted_rows_become_communications(empty_plan):
    from models import Person
    from services.action_plan import pasted_rows

    with empty_plan.transaction() as s:
        s.add(Person(name="Ken Watanabe"))
        s.flush()
        item = pasted_rows.add_communication(s, "We heard you", audience="families", channel="newsletter",
                                             send_on=D(2027, 1, 8), owner="Ken Watanabe", done="No",
                                             celebration="Yes")
        assert (item.audience, item.channel, item.done, item.celebration, item.on_gantt) == \
            ("Families", "Newsletter", False, True, True)
        assert pasted_rows.add_communication(s, "Hi", audience="Bus drivers", channel="Radio").audience == "Bus drivers"
        with pytest.raises(InvalidInput, match="No one on the team is called \u201cNobody Here\u201d"):
            pasted_rows.add_communication(s, "Hi", audience="Staff", channel="Email", owner="Nobody Here")
        with pytest.raises(InvalidInput, match="Celebration is Yes or No"):
            pasted_rows.add_communication(s, "Hi", audience="Staff", channel="Email", celebration="maybe")
        with pytest.raises(InvalidInput, match="needs a message"):
            pasted_rows.add_communication(s, "", audience="Staff", channel="Email")


def test_one_field_of_an_action_reads_as_the_whole_record_gives_it(sample_plan):
    # An edit of one cell reads only that field before it writes (what undo puts back): it must be the
    # value the whole record holds, odd values another program stored included.
    from sqlalchemy import text

    attribute = {"start": "start", "end": "end"}
    with sample_plan.transaction() as s:
        odd = action_schedule.list_actions(s)[0].id
        s.execute(text("UPDATE planned_action SET status = 'paused', percent_done = 150, change_level = 'both?', "
                       "school_id = NULL WHERE id = :id"), {"id": odd})
        records = action_schedule.list_actions(s)
        assert any(r.school_id is not None for r in records)
        for record in records:
            for key in sorted(action_schedule._EDITABLE):
                assert action_schedule.action_value(s, record.id, key) == getattr(record, attribute.get(key, key)), \
                    (record.title, key)
        first = next(r for r in records if r.id == odd)
        assert (first.status, first.percent_done, first.change_level) == ("not_started", 0, "")
        with pytest.raises(InvalidInput, match="no longer exists"):
            action_schedule.action_value(s, max(r.id for r in records) + 1, "title")
        with pytest.raises(InvalidInput, match="no field"):
            action_schedule.action_value(s, odd, "colour")
