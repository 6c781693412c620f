"""Scoring rules on hand-made answers: medians, "don't know", disagreement, standing, suppression."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.instrument import DONT_KNOW, Instrument, Item, Scale, ScaleType, Section
from services.readiness.readiness_scoring import Standing, describe_median, read_answers, read_round
from services.suppression import suppress_small_groups

LEVELS = Scale(ScaleType.LEVELS, ("Not yet", "Beginning", "Developing", "Established"))
YES_NO = Scale(ScaleType.YES_NO, ("No", "Yes"))


def test_dont_know_is_counted_apart_not_as_a_low_answer():
    r = read_answers(LEVELS, [4, 4, 3, DONT_KNOW, DONT_KNOW])
    assert r.median == 4.0 and r.answered == 3 and r.total == 5
    assert r.dont_know_share == 0.4 and r.knowledge_gap
    assert r.standing is Standing.STRENGTH


def test_answers_two_levels_apart_are_disagreement_one_level_is_not():
    assert read_answers(LEVELS, [1, 3, 2]).disagreement
    assert not read_answers(LEVELS, [2, 3, 3, 2]).disagreement
    assert read_answers(LEVELS, [1, 4]).spread == 3


def test_standing_follows_the_median_on_the_scale():
    assert read_answers(LEVELS, [1, 2, 2]).standing is Standing.GROWTH
    assert read_answers(LEVELS, [2, 3]).standing is Standing.MIXED  # median 2.5, between
    assert read_answers(LEVELS, [3, 3, 1]).standing is Standing.STRENGTH
    assert read_answers(LEVELS, [DONT_KNOW]).standing is Standing.NO_ANSWERS
    assert describe_median(LEVELS, 2.5) == "Beginning-Developing"


def test_a_checklist_splits_when_each_answer_has_a_quarter():
    assert read_answers(YES_NO, [2, 2, 2, 1]).disagreement  # 1 of 4 said no
    assert not read_answers(YES_NO, [2, 2, 2, 2, 2, 1]).disagreement  # 1 of 6
    assert read_answers(YES_NO, [1, 1, 2]).standing is Standing.GROWTH


def test_sections_pool_their_items_answers():
    inst = Instrument("t", "T", "test", LEVELS, (
        Section("A", "First", items=(Item("A1", "x"), Item("A2", "y"))),
        Section("B", "Second", items=(Item("B1", "z"),)),
    ))
    reading = read_round(inst, [{"A1": 1, "A2": 1, "B1": 4}, {"A1": 2, "A2": 1, "B1": 4}, {"A1": 1}])
    assert reading.respondents == 3
    assert reading.section("A").reading.counts == {1: 4, 2: 1}
    assert reading.item("B1").reading.total == 2
    assert [i.key for i in reading.growth_areas] == ["A1", "A2"]
    assert [i.key for i in reading.strengths] == ["B1"]


def test_small_groups_are_withheld_and_a_lone_one_takes_the_next_smallest_with_it():
    assert suppress_small_groups({"Teachers": 9, "Food service": 2, "Nurses": 0}, 5) == {"Food service", "Teachers"}
    assert suppress_small_groups({"Teachers": 9, "Food": 6, "Bus": 2}, 5) == {"Bus", "Food"}
    assert suppress_small_groups({"Teachers": 9, "Food": 3, "Bus": 2}, 5) == {"Food", "Bus"}
    assert suppress_small_groups({"Teachers": 9, "Food": 5}, 5) == set()


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 30), max_size=8), st.integers(3, 10))
def test_no_shown_group_is_ever_below_the_minimum_and_never_exactly_one_is_hidden(counts, min_size):
    withheld = suppress_small_groups(counts, min_size)
    shown = [g for g, n in counts.items() if n > 0 and g not in withheld]
    assert all(counts[g] >= min_size for g in shown)
    assert len(withheld) != 1 or not shown


@given(st.lists(st.sampled_from([DONT_KNOW, 1, 2, 3, 4]), max_size=30))
def test_the_distribution_always_adds_up(values):
    r = read_answers(LEVELS, values)
    assert sum(r.counts.values()) == r.total == len(values)
    assert r.answered == len([v for v in values if v != DONT_KNOW])
    assert (r.median is None) == (r.answered == 0)
