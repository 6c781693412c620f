"""A big Gantt chart is drawn a part at a time (issue 21): a redraw draws the rows in view (and a
margin) at once and the rest between other events, so showing 1,000 actions no longer holds the
window for all of them. A row not drawn yet is drawn the moment it is needed: its bar chosen, scrolled
to, moved with the keys; and the screen reader hears every row from the start.

Counted, not timed: the figures are bench/responsiveness.py's."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from gui.action_plan.gantt_items import AXIS_HEIGHT, ROW_HEIGHT
from gui.action_plan.gantt_view import GanttView
from services import district_profile
from services.action_plan import action_schedule, objectives
from services.action_plan.gantt_layout import build_chart

FIRST_DAY = dt.date(2026, 8, 17)
TODAY = dt.date(2026, 8, 20)
ACTIONS = 300


@pytest.fixture
def big_chart(empty_plan):
    with empty_plan.transaction() as s:
        district_profile.update_profile(s, year_start=FIRST_DAY, year_end=dt.date(2027, 6, 11))
        goal = objectives.add_objective(s, "Every school has a quiet room").id
        for n in range(ACTIONS):
            start = FIRST_DAY + dt.timedelta(days=n % 200)
            action_schedule.add_action(s, f"Action number {n}", objective_id=goal, start=start,
                                       end=start + dt.timedelta(days=10))
        return build_chart(s, TODAY)


@pytest.fixture
def gantt(qtbot):
    view = GanttView()
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def row_in_view(view: GanttView, n: int) -> bool:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    middle = AXIS_HEIGHT + n * ROW_HEIGHT + ROW_HEIGHT / 2
    return seen.top() <= middle <= seen.bottom()


def test_a_big_chart_draws_the_rows_in_view_first_and_the_rest_a_chunk_at_a_time(qtbot, gantt, big_chart):
    gantt.set_chart(big_chart)
    rows = len(big_chart.rows)
    assert 0 < gantt.rows_drawn < rows // 3  # not every row up front
    assert all(gantt._row_items[n] is not None for n in range(rows) if row_in_view(gantt, n))
    qtbot.waitUntil(lambda: gantt.rows_drawn == rows)
    assert len(gantt.drawn_bars) == ACTIONS
    assert all(f"{row.label}:" in gantt.accessibleDescription() for row in big_chart.rows[1:])


def test_a_row_changed_before_it_is_drawn_is_described_at_once_and_drawn_as_it_now_is(qtbot, gantt, big_chart):
    gantt.set_chart(big_chart)
    last = big_chart.rows[-1]
    renamed = replace(big_chart, rows=[*big_chart.rows[:-1], replace(last, label="Renamed before it was drawn")])
    gantt.set_chart(renamed)  # the same rows, one renamed: only that row follows
    assert gantt._row_items[-1] is None  # still not drawn...
    assert "Renamed before it was drawn:" in gantt.accessibleDescription()  # ...but the screen reader hears it
    assert f"{last.label}:" not in gantt.accessibleDescription()
    qtbot.waitUntil(lambda: gantt.rows_drawn == len(renamed.rows))
    assert gantt.bars[last.action_id].row.label == "Renamed before it was drawn"


def test_a_row_not_drawn_yet_is_drawn_when_chosen_or_scrolled_to(qtbot, gantt, big_chart):
    gantt.set_chart(big_chart)
    far = big_chart.rows[-1].action_id
    assert far in gantt.bars and far not in gantt.drawn_bars
    gantt.select_action(far, emit=False)  # chosen in the table
    bar = gantt.drawn_bars[far]
    assert bar.pen().widthF() > 2  # marked as chosen
    assert row_in_view(gantt, len(big_chart.rows) - 1)  # and scrolled to
    assert "Action number" in gantt.accessibleName()
    # Up chooses the action above, drawn already or not
    gantt.setFocus()
    qtbot.keyClick(gantt, Qt.Key.Key_Up)
    above = big_chart.rows[-2].action_id
    assert gantt.selected_id == above and above in gantt.drawn_bars
    # scrolled to the middle: the rows there are drawn before they are painted
    middle = len(big_chart.rows) // 2
    gantt.verticalScrollBar().setValue(AXIS_HEIGHT + middle * ROW_HEIGHT - gantt.viewport().height() // 2)
    assert gantt._row_items[middle] is not None
    # a bar asked for by id is drawn then, where its row is
    some = big_chart.rows[ACTIONS // 3]
    bar = gantt.bars[some.action_id]
    assert bar.sceneBoundingRect().center().y() == pytest.approx(AXIS_HEIGHT + (ACTIONS // 3) * ROW_HEIGHT
                                                                 + ROW_HEIGHT / 2)


def test_a_zoom_while_rows_are_still_being_drawn_rebuilds_nothing(qtbot, gantt, big_chart):
    gantt.set_chart(big_chart)
    first_bar = gantt.bars[big_chart.rows[1].action_id]
    gantt.set_zoom(9.0)
    qtbot.waitUntil(lambda: gantt.rows_drawn == len(big_chart.rows))
    assert gantt.bars[big_chart.rows[1].action_id] is first_bar and gantt.day_width == 4.0
