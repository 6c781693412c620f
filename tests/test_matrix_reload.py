"""Reading one action back after an edit of it alone gives what reading the whole board gives.

The Priorities tab shows a drop on the matrix by re-reading the moved action only (issue 21: a
finished drag within two frames with 500 actions). That is only right if the one action read back
is exactly the action the whole board would hold, and if the narrow read refuses whenever the
change reaches other actions (a weighted score that can move every rank), and the crowded points
are placed where the simple definition puts them.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services import district_profile
from services.priorities import candidate_actions, contract_limits, priority_ratings
from services.priorities.matrix_layout import fan_out
from services.priorities.priority_board import load_board, reload_item


@pytest.fixture
def board_plan(empty_plan):
    """Four actions rated by three raters, one of them scored on a criterion."""
    with empty_plan.transaction() as s:
        ids = [candidate_actions.add_candidate_action(s, f"Action {n}").id for n in range(4)]
        raters = [priority_ratings.add_rater(s, name).id for name in ("A", "B", "C")]
        for n, action in enumerate(ids):
            for k, rater in enumerate(raters):
                priority_ratings.set_rating(s, action, rater, impact=1 + (n + k) % 5, ease=1 + (2 * n + k) % 5)
        priority_ratings.set_criterion_score(s, ids[0], "cost", 4)
    return empty_plan, ids, raters


def _edit_then_compare(plan, action_id, edit):
    """Apply ``edit`` to the plan, then read the one action back into the board read before it."""
    with plan.transaction() as s:
        before = load_board(s)
    with plan.transaction() as s:
        edit(s)
    with plan.transaction() as s:
        return before, reload_item(s, before, action_id), load_board(s)


@pytest.mark.parametrize("what", ["position", "position cleared", "rating", "rating cleared", "detail", "title",
                                  "served groups", "contract"])
def test_one_action_read_back_is_the_action_the_whole_board_reads(board_plan, what):
    plan, ids, raters = board_plan
    action = ids[2]
    with plan.transaction() as s:
        group = district_profile.list_position_groups(s)[0].id
        priority_ratings.set_agreed_position(s, ids[1], 2.0, 2.0)
    edits = {
        "position": lambda s: priority_ratings.set_agreed_position(s, action, 4.6, 1.3),
        "position cleared": lambda s: priority_ratings.set_agreed_position(s, ids[1], None, None),
        "rating": lambda s: priority_ratings.set_rating(s, action, raters[0], impact=5),
        "rating cleared": lambda s: priority_ratings.set_rating(s, action, raters[1], impact=None, ease=None),
        "detail": lambda s: priority_ratings.set_detail(s, action, "discussion_owner", "Ms. Rivera"),
        "title": lambda s: candidate_actions.update_candidate_action(s, action, title="A new title"),
        "served groups": lambda s: priority_ratings.set_served_groups(s, action, [group]),
        "contract": lambda s: contract_limits.set_for_candidate(s, action, True, "Article 12"),
    }
    changed = ids[1] if what == "position cleared" else action
    before, narrow, whole = _edit_then_compare(plan, changed, edits[what])
    assert narrow is not None
    assert narrow.item(changed) != before.item(changed)  # the change is seen...
    assert narrow.items == whole.items  # ...and the board is what a full read gives, every action of it
    assert (narrow.raters, narrow.settings, narrow.group_names) == (whole.raters, whole.settings, whole.group_names)
    assert [i.id for i in narrow.items] == [i.id for i in before.items]


def test_a_change_that_can_move_every_rank_is_not_read_narrowly(board_plan):
    plan, ids, _raters = board_plan
    before, narrow, whole = _edit_then_compare(plan, ids[3], lambda s: priority_ratings.set_criterion_score(
        s, ids[3], "cost", 5))
    assert narrow is None  # the whole board is read instead: ranks are the list's, not one action's
    assert whole.item(ids[3]).rank == 1 and before.item(ids[3]).rank is None


@pytest.mark.parametrize("what", ["rater added", "setting", "removed"])
def test_a_change_beyond_the_action_is_not_read_narrowly(board_plan, what):
    plan, ids, _raters = board_plan
    edits = {
        "rater added": lambda s: priority_ratings.add_rater(s, "D"),
        "setting": lambda s: priority_ratings.set_setting(s, "midpoint_impact", 3.5),
        "removed": lambda s: candidate_actions.remove_candidate_action(s, ids[0]),
    }
    _before, narrow, _whole = _edit_then_compare(plan, ids[0], edits[what])
    assert narrow is None


def _fan_out_by_definition(points, min_gap):
    """The rule fan_out keeps, the slow way: each point joins the first group (in order of their
    first points) whose first point is closer than min_gap; each group of several spreads on a ring."""
    groups: list[list[int]] = []
    for i, (x, y) in enumerate(points):
        for group in groups:
            gx, gy = points[group[0]]
            if math.hypot(x - gx, y - gy) < min_gap:
                group.append(i)
                break
        else:
            groups.append([i])
    placed = list(points)
    for group in groups:
        if len(group) > 1:
            cx = sum(points[i][0] for i in group) / len(group)
            cy = sum(points[i][1] for i in group) / len(group)
            radius = max(min_gap * 0.75, min_gap / (2 * math.sin(math.pi / len(group))))
            fx, fy = points[group[0]][0] - cx, points[group[0]][1] - cy
            start = math.atan2(fy, fx) if math.hypot(fx, fy) > 1e-9 else math.pi / 2
            for n, i in enumerate(group):
                angle = start - 2 * math.pi * n / len(group)
                placed[i] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return placed


positions = st.one_of(
    st.tuples(st.integers(1, 5), st.integers(1, 5)).map(lambda p: (float(p[0]), float(p[1]))),  # one rater
    st.tuples(st.integers(5, 25), st.integers(5, 25)).map(lambda p: (p[0] / 5, p[1] / 5)),  # means of five
    st.tuples(st.floats(1, 5), st.floats(1, 5)).map(lambda p: (round(p[0], 2), round(p[1], 2))),  # dragged
)


@given(st.lists(positions, max_size=60), st.sampled_from([0.05, 0.2, 0.27, 0.5, 1.3]))
def test_crowds_are_placed_as_the_rule_says(points, gap):
    assert fan_out(points, gap) == _fan_out_by_definition(points, gap)
