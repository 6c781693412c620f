"""The matrix rules on hand-made ratings: quadrants, disagreement, weights and ranking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.priorities import prioritization as p
from services.priorities.matrix_layout import fan_out
from services.priorities.prioritization import Quadrant


@pytest.mark.parametrize(("impact", "ease", "expected"), [
    (5, 5, Quadrant.DO_NOW),
    (4, 2, Quadrant.DO_NEXT),
    (2, 4, Quadrant.LATER),
    (1, 1, Quadrant.RECONSIDER),
    (3.01, 3.01, Quadrant.DO_NOW),
    (3, 5, Quadrant.LATER),  # on the impact midpoint: not "high"
    (5, 3, Quadrant.DO_NEXT),  # on the ease midpoint: not "easier"
    (None, 4, Quadrant.UNRATED),
    (4, None, Quadrant.UNRATED),
])
def test_quadrant_with_the_default_midpoint(impact, ease, expected):
    assert p.quadrant(impact, ease) is expected


def test_midpoints_move_the_lines():
    assert p.quadrant(3.5, 3.5) is Quadrant.DO_NOW
    assert p.quadrant(3.5, 3.5, midpoint_impact=4) is Quadrant.LATER
    assert p.quadrant(3.5, 3.5, midpoint_ease=4) is Quadrant.DO_NEXT


def test_mean_and_range_of_three_subgroups():
    summary = p.summarize([(4, 2), (4, 3), (5, 2)])
    assert summary.impact.mean == pytest.approx(13 / 3)
    assert summary.ease.mean == pytest.approx(7 / 3)
    assert (summary.impact.low, summary.impact.high) == (4, 5)
    assert summary.rater_count == 3
    assert not summary.needs_discussion


@pytest.mark.parametrize(("ratings", "flagged", "text"), [
    ([(2, 3), (4, 3)], True, "impact rated 2 to 4"),
    ([(3, 1), (3, 3)], True, "ease rated 1 to 3"),
    ([(3, 3), (4, 4), (4, 4)], False, ""),
    ([(1, 5), (5, 1)], True, "impact rated 1 to 5; ease rated 1 to 5"),
    ([(4, 4)], False, ""),
    ([], False, ""),
])
def test_two_points_apart_on_either_axis_needs_discussion(ratings, flagged, text):
    summary = p.summarize(ratings)
    assert summary.needs_discussion is flagged
    assert summary.disagreement_text() == text


def test_a_rater_may_rate_one_axis_only():
    summary = p.summarize([(4, None), (None, 2), (5, 3)])
    assert summary.impact.count == 2 and summary.ease.count == 2
    assert summary.impact.mean == 4.5 and summary.ease.mean == 2.5
    assert summary.rater_count == 2


def test_ratings_outside_the_scale_are_refused():
    for bad in (0, 6, 2.5, True, "3"):
        with pytest.raises(ValueError, match="1 to 5"):
            p.check_rating(bad)
    assert p.check_rating(None) is None
    assert p.check_rating(5) == 5


def test_weighted_score_leaves_out_unscored_and_zero_weight_criteria():
    weights = {"importance": 2, "cost": 1, "time": 0, "commitment": 1, "feasibility": 1}
    assert p.weighted_score({"importance": 5, "cost": 2}, weights) == pytest.approx((10 + 2) / 3)
    assert p.weighted_score({"time": 5}, weights) is None  # only a weight-0 criterion was scored
    assert p.weighted_score({}, weights) is None
    # Equal weights: a plain mean.
    assert p.weighted_score({"importance": 4, "cost": 2}, {}) == 3


def test_ranking_shares_places_on_ties_and_skips_unscored():
    ranks = p.rank({1: 4.0, 2: 4.6, 3: 4.0, 4: None, 5: 2.5})
    assert ranks == {2: 1, 1: 2, 3: 2, 5: 4}


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=12))
def test_the_mean_stays_inside_the_raters_range(ratings):
    s = p.summarize(ratings)
    assert s.impact.low <= s.impact.mean <= s.impact.high
    assert s.ease.low <= s.ease.mean <= s.ease.high
    assert s.needs_discussion == (s.impact.high - s.impact.low >= 2 or s.ease.high - s.ease.low >= 2)


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=30))
def test_points_that_share_a_place_are_fanned_out_readably(points):
    gap = 0.3
    placed = fan_out([(float(x), float(y)) for x, y in points], gap)
    assert len(placed) == len(points)
    for i in range(len(placed)):
        if points.count(points[i]) == 1:
            assert placed[i] == points[i]  # a point alone stays exactly where it is
        for j in range(i + 1, len(placed)):
            if points[i] != points[j]:
                continue
            dx, dy = placed[i][0] - placed[j][0], placed[i][1] - placed[j][1]
            assert (dx * dx + dy * dy) ** 0.5 >= gap * 0.99


def test_two_close_points_side_by_side_spread_sideways():
    # Same impact, ease a third apart: they move apart left and right, not up onto a neighbour.
    (lx, ly), (rx, ry) = fan_out([(4.33, 4.33), (4.67, 4.33)], min_gap=0.5)
    assert abs(ly - 4.33) < 1e-9 and abs(ry - 4.33) < 1e-9
    assert lx < 4.33 and rx > 4.67 and rx - lx >= 0.5
