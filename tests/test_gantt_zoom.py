"""The Gantt chart zooms by scaling the view, never by rebuilding the scene, and still shows the
same chart: each bar spans its days at the new scale, while the names, the month names, the
milestones' diamonds and the arrows keep their size in pixels; a drag at any zoom moves by whole
days; the names stay in their column when the dates scroll sideways.

Everything is checked on the pixels the view paints (offscreen), the way a user sees it.
"""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage

from gui.action_plan.gantt_items import AXIS_HEIGHT, LABEL_WIDTH, PLANNED, PROGRESS, ROW_HEIGHT
from gui.action_plan.gantt_view import GanttView
from services import district_profile
from services.action_plan import action_schedule, objectives
from services.action_plan.gantt_layout import build_chart

FIRST_DAY = dt.date(2026, 8, 17)  # the chart starts here: the first day of school
BAR_START, BAR_END = dt.date(2026, 9, 8), dt.date(2026, 9, 17)  # ten days
MILESTONE = dt.date(2026, 10, 5)
TODAY = dt.date(2026, 8, 20)


@pytest.fixture
def gantt(qtbot, empty_plan):
    with empty_plan.transaction() as s:
        district_profile.update_profile(s, year_start=FIRST_DAY, year_end=dt.date(2027, 6, 11))
        goal = objectives.add_objective(s, "Every school has a quiet room").id
        bar = action_schedule.add_action(s, "Choose the rooms", objective_id=goal, start=BAR_START, end=BAR_END)
        stone = action_schedule.add_action(s, "Rooms open", objective_id=goal, start=MILESTONE, end=MILESTONE,
                                           milestone=True)
        action_schedule.add_dependency(s, bar.id, stone.id)
        chart = build_chart(s, TODAY)
    view = GanttView()
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_chart(chart)
    view.ids = {"bar": bar.id, "milestone": stone.id}
    return view


def painted(view: GanttView) -> QImage:
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def color(image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(round(x), round(y))


def screen_x(view: GanttView, day: dt.date) -> float:
    """Where a day's left edge is painted, scrolled fully left: the names column, then the days."""
    return LABEL_WIDTH + (day - FIRST_DAY).days * view.px_per_day


def names_column(view: GanttView) -> QRect:
    """The names column as painted: left of its edge line, down to the last row."""
    return QRect(0, 0, LABEL_WIDTH - 1, AXIS_HEIGHT + len(view.chart.rows) * ROW_HEIGHT)


def bar_middle_y(view: GanttView) -> float:
    return view.mapFromScene(view.bars[view.ids["bar"]].sceneBoundingRect().center()).y()


def test_a_zoom_keeps_every_item_and_only_scales_the_view(gantt):
    before = {shiboken6.getCppPointer(item)[0] for item in gantt.scene().items()}
    bar = gantt.bars[gantt.ids["bar"]]
    gantt.set_zoom(9.0)
    gantt.set_zoom(2.5)
    assert {shiboken6.getCppPointer(item)[0] for item in gantt.scene().items()} == before
    assert gantt.bars[gantt.ids["bar"]] is bar and gantt.px_per_day == 2.5
    assert gantt.transform().m11() == pytest.approx(2.5 / gantt.day_width) and gantt.transform().m22() == 1


@pytest.mark.parametrize("zoom", [2.0, 6.0])
def test_a_bar_spans_its_days_at_each_zoom(gantt, zoom):
    gantt.set_zoom(zoom)
    image = painted(gantt)
    y = bar_middle_y(gantt) - 5
    left, right = screen_x(gantt, BAR_START), screen_x(gantt, BAR_END + dt.timedelta(days=1))
    assert right - left == pytest.approx(10 * zoom)
    for x in (left + 1.5, (left + right) / 2, right - 1.5):
        assert color(image, x, y) == PLANNED, x
    for x in (left - 2, right + 2):
        assert color(image, x, y) != PLANNED, x


def test_names_month_names_and_diamonds_keep_their_pixels_at_every_zoom(gantt):
    images, months = {}, {}
    september = dt.date(2026, 9, 1)
    for zoom in (2.0, 4.0, 12.0):
        gantt.set_zoom(zoom)
        images[zoom] = image = painted(gantt)
        # the names column, pixel for pixel
        months[zoom] = image.copy(QRect(round(screen_x(gantt, september)) + 2, 1, 36, 16))
        # the milestone's diamond is 14 pixels wide whatever a day measures
        middle = screen_x(gantt, MILESTONE) + zoom / 2
        y = gantt.mapFromScene(gantt.bars[gantt.ids["milestone"]].sceneBoundingRect().center()).y()
        assert color(image, middle, y) == PROGRESS
        assert color(image, middle + 4, y) == PROGRESS and color(image, middle - 4, y) == PROGRESS
        assert color(image, middle + 10, y) != PROGRESS and color(image, middle - 10, y) != PROGRESS
    column = names_column(gantt)
    assert images[2.0].copy(column) == images[4.0].copy(column) == images[12.0].copy(column)
    assert months[2.0] == months[4.0] == months[12.0]
    assert any(months[4.0].pixelColor(x, y).value() < 100 for x in range(36) for y in range(16))  # "Sep" is there


def test_a_drag_after_a_zoom_moves_by_whole_days(gantt, qtbot):
    gantt.set_zoom(12.0)
    moved = []
    gantt.moved.connect(lambda *args: moved.append(args))
    bar = gantt.bars[gantt.ids["bar"]]
    gantt.ensureVisible(bar)
    start = gantt.mapFromScene(bar.sceneBoundingRect().center())
    viewport = gantt.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 4):
        qtbot.mouseMove(viewport, start + QPoint(12 * step, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(36, 0))
    assert moved == [(gantt.ids["bar"], BAR_START + dt.timedelta(days=3), BAR_END + dt.timedelta(days=3), "move")]


def test_a_click_on_a_milestone_leaves_it_on_its_day(gantt, qtbot):
    """Pressing and releasing without moving is no edit (it used to move a milestone a day earlier)."""
    moved = []
    gantt.moved.connect(lambda *args: moved.append(args))
    for zoom in (1.5, 4.0, 20.0):
        gantt.set_zoom(zoom)
        stone = gantt.bars[gantt.ids["milestone"]]
        gantt.ensureVisible(stone)
        at = gantt.mapFromScene(stone.sceneBoundingRect().center())
        qtbot.mousePress(gantt.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseRelease(gantt.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert gantt.selected_id == gantt.ids["milestone"]
    assert moved == []


def test_the_names_stay_in_their_column_when_the_dates_scroll_sideways(gantt):
    gantt.set_zoom(10.0)
    column = names_column(gantt)
    at_start = painted(gantt).copy(column)
    bar = gantt.horizontalScrollBar()
    bar.setValue(bar.maximum())
    gantt.viewport().repaint()
    scrolled = gantt.viewport().grab().toImage()
    assert bar.value() > bar.minimum() and scrolled.copy(column) == at_start


def test_an_empty_chart_zooms_with_its_axis_right_of_the_names_column(qtbot, empty_plan):
    with empty_plan.transaction() as s:
        district_profile.update_profile(s, year_start=FIRST_DAY, year_end=dt.date(2027, 6, 11))
        chart = build_chart(s, TODAY)
    view = GanttView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_chart(chart)
    view.set_zoom(1.5)
    image = painted(view)
    assert chart.rows == [] and view.bars == {}
    assert color(image, 150, 10) == QColor("white")  # nothing under the names column
    assert color(image, LABEL_WIDTH + 40, 30) != QColor("white")
