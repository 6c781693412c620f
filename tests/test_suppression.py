"""The one small-group rule (``suppress_small_groups``) on its own, for any counts and any sets of
groups whose totals are shown, and the survey participation counts going through it (the survey
results' and cross-tabs' property tests check theirs against it too)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from services.data.survey_participation import participation
from services.data.survey_report import WaveDimension
from services.suppression import is_reportable, suppress_small_groups

NAMES = ["a", "b", "c", "d", "e", "f", "g", "h"]


def test_a_lone_small_cell_takes_one_more_with_it_in_its_row_its_column_and_the_whole():
    counts = {"T/new": 10, "T/long": 20, "D/new": 2, "D/long": 10}
    rows, columns = [["T/new", "T/long"], ["D/new", "D/long"]], [["T/new", "D/new"], ["T/long", "D/long"]]
    withheld = suppress_small_groups(counts, 5, partitions=rows + columns)
    # D/new alone in its row takes D/long; alone in its column, T/new; then T/new's row needs T/long
    assert withheld == set(counts)
    assert suppress_small_groups(counts, 5) == {"D/new", "D/long"}  # the whole alone: the next smallest


def test_base_groups_stay_withheld_unless_empty_and_empty_groups_never_count():
    assert suppress_small_groups({"Teachers": 40, "Nurses": 9, "Bus": 12}, 5, base={"Nurses"}) == {"Nurses", "Bus"}
    assert suppress_small_groups({"Teachers": 40, "Nurses": 0, "Bus": 12}, 5, base={"Nurses"}) == set()
    assert suppress_small_groups({"Teachers": 40, "Nurses": 0, "Bus": 2}, 5) == {"Bus", "Teachers"}


@settings(max_examples=400, deadline=None)
@given(counts=st.dictionaries(st.sampled_from(NAMES), st.integers(0, 25), max_size=len(NAMES)),
       base=st.sets(st.sampled_from(NAMES)),
       partitions=st.lists(st.lists(st.sampled_from(NAMES), max_size=5), max_size=4),
       min_size=st.integers(3, 10))
def test_no_set_whose_total_is_shown_has_exactly_one_withheld_group(counts, base, partitions, min_size):
    withheld = suppress_small_groups(counts, min_size, base=base, partitions=partitions)
    nonempty = {g for g, n in counts.items() if n > 0}
    # every group below the minimum (and every base group) is withheld; an empty one never is
    assert {g for g in nonempty if not is_reportable(counts[g], min_size)} <= withheld
    assert base & nonempty <= withheld
    assert withheld <= nonempty
    # within the whole and within each partition, a lone withheld group would be its total minus the others
    for members in [list(counts), *partitions]:
        present = {g for g in members if g in nonempty}
        if present - withheld:
            assert len(present & withheld) != 1, (members, withheld)
    # the answer is settled: asking again with it as the base withholds nothing more
    assert suppress_small_groups(counts, min_size, base=withheld, partitions=partitions) == withheld


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NAMES[:5]), min_size=1, max_size=60), st.integers(3, 8))
def test_participation_withholds_exactly_the_response_counts_the_rule_says(groups, min_size):
    names = tuple(sorted(set(groups)))
    dimension = WaveDimension(1, "Role", "Role", names, np.array([names.index(g) + 1 for g in groups], dtype="<u2"))
    withheld = {r.group for r in participation(dimension, {}, min_size).rows if r.responses is None}
    assert withheld == suppress_small_groups({g: groups.count(g) for g in names}, min_size)
