"""Rounds, coded respondents, answers, results with suppression, and items sent to Priorities,
against a real plan file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import ReadinessRoundItem, SourceKind
from models.instrument import DONT_KNOW
from services import district_profile
from services.errors import InvalidInput
from services.priorities import candidate_actions
from services.readiness import instruments, readiness_results, readiness_rounds


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


@pytest.fixture
def checklist_round(empty_plan):
    with empty_plan.transaction() as s:
        r = readiness_rounds.create_round(s, "where-to-start", "Fall 2026", dt.date(2026, 9, 23), respondents=3)
    return empty_plan, r.id


def test_a_round_starts_with_coded_blank_respondents(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        people = readiness_rounds.list_respondents(s, round_id)
        assert [p.code for p in people] == ["R01", "R02", "R03"]
        assert readiness_rounds.add_respondent(s, round_id).code == "R04"
        with pytest.raises(InvalidInput, match="already has a respondent R02"):
            readiness_rounds.add_respondent(s, round_id, "r02")
        with pytest.raises(InvalidInput, match="not an email"):
            readiness_rounds.update_respondent(s, people[0].id, code="pat@district.org")
        with pytest.raises(InvalidInput, match="already has a round called"):
            readiness_rounds.create_round(s, "where-to-start", "fall 2026", dt.date(2026, 10, 1))


def test_answers_are_checked_against_the_scale(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        p = readiness_rounds.list_respondents(s, round_id)[0]
        assert readiness_rounds.set_answer(s, p.id, "S1", 2) is None
        assert readiness_rounds.set_answer(s, p.id, "S1", DONT_KNOW) == 2
        with pytest.raises(InvalidInput, match="3 is not an answer on this scale; use 1 to 2"):
            readiness_rounds.set_answer(s, p.id, "S1", 3)
        with pytest.raises(InvalidInput, match="Item Z9 is not part"):
            readiness_rounds.set_answer(s, p.id, "Z9", 1)
        assert readiness_rounds.set_answer(s, p.id, "S1", None) == DONT_KNOW
        assert readiness_rounds.load_round(s, round_id).answers == {}


def test_deleting_a_round_can_be_undone_whole(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        p = readiness_rounds.list_respondents(s, round_id)[1]
        readiness_rounds.set_answer(s, p.id, "T4", 1)
        readiness_rounds.set_item_notes(s, round_id, "T4", "Advisory pilot at Juniper")
        before = readiness_rounds.load_round(s, round_id)
        snapshot = readiness_rounds.delete_round(s, round_id)
        assert readiness_rounds.list_rounds(s) == []
        readiness_rounds.restore_round(s, snapshot)
        after = readiness_rounds.load_round(s, round_id)
        assert (after.answers, after.notes, after.respondents) == (before.answers, before.notes, before.respondents)


def test_results_never_read_a_group_below_the_minimum(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        groups = {g.name: g.id for g in district_profile.list_position_groups(s)} or {
            "Teachers": district_profile.add_position_group(s, "Teachers", 100).id}
        teachers = groups["Teachers"]
        people = readiness_rounds.list_respondents(s, round_id)
        for p in people:
            readiness_rounds.update_respondent(s, p.id, position_group_id=teachers, on_team=True)
        for _ in range(3):
            people.append(readiness_rounds.add_respondent(s, round_id, position_group_id=teachers))
        for p in people:
            readiness_rounds.set_answer(s, p.id, "S1", 1)
        results = readiness_results.load_results(s, round_id)
    assert results.reading.respondents == 6
    assert results.min_group_size == 5
    team = {g.name: g for g in results.team_and_others}
    # 3 on the team and 3 others: both below 5, neither is read.
    assert team["Planning team"].suppressed and team["Other respondents"].suppressed
    assert team["Planning team"].reading is None
    [teachers_group] = results.by_position
    assert (teachers_group.count, teachers_group.suppressed) == (6, False)


def test_a_no_goes_to_priorities_once_with_its_next_step_and_a_link_back(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        for p, value in zip(readiness_rounds.list_respondents(s, round_id), (1, 1, 2), strict=True):
            readiness_rounds.set_answer(s, p.id, "M3", value)
        results = readiness_results.load_results(s, round_id)
        assert readiness_results.suggested_for_action(results, results.reading.item("M3"))
        action = readiness_results.send_to_priorities(s, round_id, "M3")
        assert action.title.startswith("Run an improvement cycle")
        assert action.source_label == ("Readiness round Fall 2026, item M3 "
                                       "(Where do we start? Wellbeing and connectedness checklist)")
        assert action.evidence == "2 of 3 answered No."
        assert action.category == "Monitoring and improving"
        assert (action.source_kind, action.source_id) == (SourceKind.READINESS_ITEM.value, s.scalar(
            select(ReadinessRoundItem.id).where(ReadinessRoundItem.round_id == round_id,
                                                ReadinessRoundItem.item_key == "M3")))
        assert readiness_results.load_results(s, round_id).sent == {"M3": action.id}
        with pytest.raises(InvalidInput, match="already in Priorities"):
            readiness_results.send_to_priorities(s, round_id, "M3")
        assert [a.id for a in candidate_actions.list_candidate_actions(s)] == [action.id]  # no second one


def test_change_is_read_against_the_previous_round_of_the_same_instrument(empty_plan):
    with empty_plan.transaction() as s:
        old = readiness_rounds.create_round(s, "readiness", "Fall 2025", dt.date(2025, 10, 1), respondents=2)
        new = readiness_rounds.create_round(s, "readiness", "Fall 2026", dt.date(2026, 10, 1), respondents=2)
        readiness_rounds.create_round(s, "where-to-start", "Spring 2026", dt.date(2026, 4, 1))
        for round_, values in ((old, (1, 2)), (new, (3, 3))):
            for p, v in zip(readiness_rounds.list_respondents(s, round_.id), values, strict=True):
                readiness_rounds.set_answer(s, p.id, "C4", v)
        results = readiness_results.load_results(s, new.id)
        assert results.previous.label == "Fall 2025"
        assert results.item_change("C4") == 1.5
        assert results.item_change("A1") is None
        assert readiness_results.load_results(s, old.id).previous is None
        with pytest.raises(InvalidInput, match="no readiness round 'Winter'"):
            readiness_rounds.find_round(s, "Winter")


def test_a_custom_instrument_is_saved_shared_and_protected_while_in_use(empty_plan, tmp_path):
    from models.instrument import Instrument, Item, Scale, ScaleType, Section

    mine = Instrument("bus-check", "Bus depot check", "Maple Hollow transportation team",
                      Scale(ScaleType.AGREEMENT, ("Disagree", "Neutral", "Agree")),
                      (Section("1", "Breaks", items=(Item("1.1", "I can take a break between routes."),)),))
    with empty_plan.transaction() as s:
        instruments.save_custom_instrument(s, mine)
        path = instruments.export_instrument(instruments.get_instrument(s, "bus-check"), tmp_path / "bus")
        again = instruments.import_instrument_file(s, path)
        assert again.key == "bus-check"  # the same file again adds nothing
        edited = path.read_text(encoding="utf-8").replace("Bus depot check", "Bus depot check (v2)")
        path.write_text(edited, encoding="utf-8")
        assert instruments.import_instrument_file(s, path).key == "bus-check-2"
        readiness_rounds.create_round(s, "bus-check", "Spring", dt.date(2027, 3, 1))
        with pytest.raises(InvalidInput, match="used by 1 round"):
            instruments.delete_custom_instrument(s, "bus-check")
        with pytest.raises(InvalidInput, match="built-in instrument"):
            instruments.save_custom_instrument(s, Instrument("readiness", "Mine", "me", mine.scale, mine.sections))
        keys = [c.key for c in instruments.available_instruments(s)]
        assert keys[:4] == ["readiness", "sharing-action", "six-lessons", "where-to-start"]
        assert {"bus-check", "bus-check-2"} <= set(keys)


def test_the_sample_has_two_readiness_rounds_a_year_apart_and_a_checklist(sample_plan):
    with sample_plan.transaction() as s:
        rounds = readiness_rounds.list_rounds(s)
        assert sorted((r.instrument_key, r.label) for r in rounds) == [
            ("readiness", "Fall 2025"), ("readiness", "Fall 2026"), ("where-to-start", "Fall 2026")]
        assert all(8 <= r.respondent_count <= 15 for r in rounds)
        latest = readiness_rounds.find_round(s, "Fall 2026", "readiness")
        results = readiness_results.load_results(s, latest.id)
        assert results.previous.label == "Fall 2025"
        assert results.reading.disagreements and results.reading.strengths and results.reading.growth_areas
        assert set(results.sent) == {"B2", "C1", "C4"}  # the sample's Priorities link back here
        c4 = results.reading.item("C4").reading
        assert (c4.count(1), c4.total) == (9, 12)


def test_the_overview_step_counts_only_rounds_with_answers(empty_plan):
    from services.overview.journey import STEPS, StepState, check_readiness

    step = next(s for s in STEPS if s.key == "readiness")
    with empty_plan.transaction() as s:
        assert check_readiness(s, step).state is StepState.NOT_STARTED
        r = readiness_rounds.create_round(s, "readiness", "Fall", dt.date(2026, 10, 1), respondents=2)
        status = check_readiness(s, step)
        assert status.state is StepState.STARTED and "no answers yet" in status.summary
        team, other = readiness_rounds.list_respondents(s, r.id)
        readiness_rounds.update_respondent(s, team.id, on_team=True)
        readiness_rounds.set_answer(s, team.id, "A1", 2)
        status = check_readiness(s, step)
        assert status.state is StepState.STARTED and "beyond the planning team" in status.next_move
        assert status.summary == "1 round, 1 respondent"
        readiness_rounds.set_answer(s, other.id, "A1", 3)
        assert check_readiness(s, step).state is StepState.DONE


def test_a_growth_item_sent_to_priorities_carries_its_step_up(sample_plan):
    with sample_plan.transaction() as s:
        round_ = next(r for r in readiness_rounds.list_rounds(s) if r.instrument_key == "readiness")
        results = readiness_results.load_results(s, round_.id)
        item = next(i for i in results.data.instrument.items
                    if i.growth_step and i.key not in results.sent)
        action = readiness_results.send_to_priorities(s, round_.id, item.key)
        assert f"A step up: {item.growth_step}" in action.description


def test_deleting_a_round_or_a_respondent_says_what_goes_with_it(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        people = readiness_rounds.list_respondents(s, round_id)
        assert readiness_rounds.what_goes_with_respondent(s, people[0].id) == []
        keys = [i.key for i in readiness_rounds.load_round(s, round_id).instrument.items]
        readiness_rounds.set_answer(s, people[0].id, keys[0], 2)
        readiness_rounds.set_answer(s, people[0].id, keys[1], 1)
        readiness_rounds.set_item_notes(s, round_id, keys[0], "Ask the union")
        assert readiness_rounds.what_goes_with_respondent(s, people[0].id) == ["R01's 2 answers go with them."]
        assert readiness_rounds.what_goes_with_round(s, round_id) == [
            "Its 3 respondents go with it, with their 2 answers.",
            "The discussion notes on 1 item go with it.",
        ]


def test_a_pasted_respondent_row_is_read_by_its_labels(checklist_round):
    plan, round_id = checklist_round
    with plan.transaction() as s:
        food = next(g.id for g in district_profile.list_position_groups(s) if g.name == "Food service")
        made = readiness_rounds.add_pasted_respondent(s, round_id, {"code": "K7", "position_group_id": "food SERVICE",
                                                                     "on_team": "Yes"})
        assert (made.code, made.position_group_id, made.on_team) == ("K7", food, True)
        blank = readiness_rounds.add_pasted_respondent(s, round_id, {"code": "", "on_team": "no"})
        assert blank.code == "R04" and blank.position_group_id is None and not blank.on_team
        with pytest.raises(InvalidInput, match="\u201cBus drivers\u201d is not one of the plan's position groups"):
            readiness_rounds.add_pasted_respondent(s, round_id, {"code": "K8", "position_group_id": "Bus drivers"})
        with pytest.raises(InvalidInput, match="is Yes or No"):
            readiness_rounds.add_pasted_respondent(s, round_id, {"code": "K9", "on_team": "maybe"})
