"""The Gantt chart's painted layers: the date axis with the grid behind the bars, and the
dependency arrows.

The chart's scene is laid out in days (``day_width`` scene units a day, the zoom of its last
rebuild) and the view zooms by scaling x alone, so a zoom never rebuilds anything. Whatever must
keep its size on screen at every zoom is drawn here, for the exposed part only: lines with
cosmetic pens (one pixel stays one pixel), the axis' words in device pixels (never stretched),
the arrows' elbows and heads a fixed number of pixels wide, and which ticks are labelled is
decided at paint time from the zoom the painter carries. Neither layer can be hit by the mouse,
so the bars, breaks and labels under or over them keep their clicks and tooltips.
"""

from __future__ import annotations

import bisect
import datetime as dt

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from gui.screen_dates import screen_style
from services.action_plan.gantt_layout import GanttChart

ROW_HEIGHT = 26
AXIS_HEIGHT = 36
LABEL_WIDTH = 300
PLANNED = QColor("#92C5DE")
PROGRESS = QColor("#2166AC")
LATE = QColor("#C0392B")
DONE = QColor("#9AA5B1")
BREAK = QColor("#EEF2F7")
HEADER = QColor("#E4ECF7")
GRID = QColor("#D9DEE5")
FAINT = QColor("#ECEEF2")  # GRID at half strength: a one-pixel line as light as a half-pixel one
CELEBRATION = QColor("#E08214")
INK = QColor("#1F2933")
MUTED = QColor("#52606D")
MONTH_LINE = QColor("#9AA5B1")
AXIS_FILL = QColor("#F5F7FA")
ELBOW = 6  # pixels an arrow runs right of its predecessor's end before turning
HEAD = 5  # pixels from an arrow's tip to the back of its head


def cosmetic(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen as wide on screen at every zoom (the view scales x, which would fatten vertical lines)."""
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    return pen


class _PaintedLayer(QGraphicsItem):
    """A layer the mouse passes through: no shape, no buttons, painted for the exposed rect only."""

    def __init__(self, bounds: QRectF):
        super().__init__()
        self._bounds = bounds
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)  # fills exposedRect
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()


class AxisAndGrid(_PaintedLayer):
    """Month and week headers over the chart, their lines down it, and a line under every row.

    Month lines and names always; at 3 pixels a day or more a line each Monday, and at 5 or more
    the Monday's date too. A month name that would run into the next month's is shortened, its
    year on the line below, so the headers stay readable when a whole year is shown.
    """

    def __init__(self, chart: GanttChart, day_width: float, font: QFont, bold: QFont):
        rows = len(chart.rows)
        self.bottom = AXIS_HEIGHT + rows * ROW_HEIGHT
        self.width = LABEL_WIDTH + chart.days * day_width
        # Reaching left under the names column as far as the farthest zoom out (one pixel a day) shows
        # it, so the line under the last row runs on under the last name as well, at every zoom.
        reach = LABEL_WIDTH * max(day_width, 1.0)
        super().__init__(QRectF(LABEL_WIDTH - reach, 0, reach + chart.days * day_width + 20, self.bottom + 1))
        self.setZValue(-1)
        self.chart, self.day_width, self.rows = chart, day_width, rows
        self.font, self.bold = font, bold
        self._ascent = QFontMetricsF(font).ascent()
        self._bold_ascent = QFontMetricsF(bold).ascent()
        self._bold_metrics = QFontMetricsF(bold)
        # Ticks, worked out once: each month's first day (and the chart's) and each Monday, by x.
        style = screen_style()
        # x, day, month start, its name and the name's width, days in the month
        self._ticks: list[tuple[float, dt.date, bool, str, float, int]] = []
        day = chart.start
        while day <= chart.end:
            month = day.day == 1 or day == chart.start
            if month or day.weekday() == 0:
                next_month = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                name = style.month_year(day) if day.month in (1, 8) or day == chart.start else f"{day:%b}"
                self._ticks.append((LABEL_WIDTH + (day - chart.start).days * day_width, day, month, name,
                                    self._bold_metrics.horizontalAdvance(name), (next_month - day).days))
            day += dt.timedelta(days=1)
        self._xs = [tick[0] for tick in self._ticks]

    def paint(self, painter, option, widget=None) -> None:
        exposed = option.exposedRect
        to_device = painter.worldTransform()
        scale = to_device.m11()  # device pixels per scene unit on x
        px = scale * self.day_width
        top, bottom = max(exposed.top(), 0.0), min(exposed.bottom(), self.bottom)
        left, right = max(exposed.left(), LABEL_WIDTH), min(exposed.right(), self.width)
        if top < AXIS_HEIGHT:
            painter.fillRect(QRectF(LABEL_WIDTH, 0, self.width - LABEL_WIDTH, AXIS_HEIGHT).intersected(exposed),
                             AXIS_FILL)
        first = max(0, int((top - AXIS_HEIGHT) // ROW_HEIGHT))
        last = min(self.rows, int((bottom - AXIS_HEIGHT) // ROW_HEIGHT) + 1)
        rows = [QLineF(exposed.left(), y, exposed.right(), y)
                for y in (AXIS_HEIGHT + (n + 1) * ROW_HEIGHT for n in range(first, last))]
        # A name may reach about 90 pixels right of its tick: start that far left of the exposed part.
        ticks = self._ticks[bisect.bisect_left(self._xs, left - 90 / scale):
                            bisect.bisect_right(self._xs, right + 1 / scale)]
        months, weeks, words = [], [], []
        for x, day, month, name, name_width, month_days in ticks:
            crowded = day == self.chart.start and day.day > 1 and month_days * px < 70
            inside = left - 1 / scale <= x <= right + 1 / scale
            if month and not crowded:
                if inside:
                    months.append(QLineF(x, top, x, bottom))
                if name_width + 6 > month_days * px and px < 5 and " " in name:
                    words += [(x, 3, 2, True, f"{day:%b}"), (x, 3, 18, False, str(day.year))]
                else:
                    words.append((x, 3, 2, True, name))
            elif px >= 3 and day.weekday() == 0:
                if inside and bottom > AXIS_HEIGHT - 8:
                    weeks.append(QLineF(x, max(top, AXIS_HEIGHT - 8), x, bottom))
                if px >= 5:
                    words.append((x, 2, 18, False, str(day.day)))
        # Every line is level or upright: drawn without antialiasing, each is one crisp pixel (at
        # half the hairlines' colour, the ink they spread over two pixels) and paints in half the time.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(cosmetic(FAINT, 1))
        painter.drawLines(rows + weeks)
        painter.setPen(cosmetic(MONTH_LINE, 1))
        painter.drawLines(months)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if not words or top >= AXIS_HEIGHT:
            return
        painter.save()
        painter.resetTransform()  # the words in device pixels: the same size at every zoom
        for x, dx, y, strong, text in words:
            at = to_device.map(QPointF(x, y))
            painter.setFont(self.bold if strong else self.font)
            painter.setPen(QColor("black") if strong else MUTED)
            painter.drawText(QPointF(at.x() + dx, at.y() + (self._bold_ascent if strong else self._ascent)), text)
        painter.restore()


class DependencyLinks(_PaintedLayer):
    """The arrows from each predecessor's end to its successor's start; red where the successor
    starts before the predecessor ends.

    ``links`` are (predecessor's end x, its row's middle y, successor's start x, its middle y) in
    scene units. Only the arrows crossing the exposed rect are drawn, in three paths.
    """

    def __init__(self, links: list[tuple[float, float, float, float]], bounds: QRectF):
        super().__init__(bounds)
        self.setZValue(1)
        self._links = sorted(links, key=lambda link: min(link[1], link[3]))
        self._tops = [min(link[1], link[3]) for link in self._links]

    def paint(self, painter, option, widget=None) -> None:
        exposed = option.exposedRect
        scale = painter.worldTransform().m11()
        elbow, head = ELBOW / scale, HEAD / scale
        top, bottom, left, right = exposed.top() - 4, exposed.bottom() + 4, exposed.left(), exposed.right()
        # Each arrow as up to three lines, the one down its elbow cut to the exposed rows: an arrow
        # spanning a thousand rows costs no more to draw than one spanning two.
        on_time: list[QLineF] = []
        late: list[QLineF] = []
        heads = QPainterPath()
        heads.setFillRule(Qt.FillRule.WindingFill)  # two heads on one start stay filled
        for xa, ya, xb, yb in self._links[:bisect.bisect_right(self._tops, bottom)]:
            low, high = (ya, yb) if ya <= yb else (yb, ya)
            turn = xa + elbow
            if high < top or max(turn, xb) < left or min(xa, xb - head) > right:
                continue
            lines = on_time if xb >= xa else late
            if top <= ya <= bottom:
                lines.append(QLineF(xa, ya, turn, ya))
            if left <= turn <= right and low != high:
                lines.append(QLineF(turn, max(low, top), turn, min(high, bottom)))
            if top <= yb <= bottom:
                lines.append(QLineF(turn, yb, xb, yb))
                heads.addPolygon(QPolygonF([QPointF(xb, yb), QPointF(xb - head, yb - 3), QPointF(xb - head, yb + 3),
                                            QPointF(xb, yb)]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # level and upright: crisp, and fast
        painter.setPen(cosmetic(MUTED, 1))
        painter.drawLines(on_time)
        painter.setPen(cosmetic(LATE, 1))
        painter.drawLines(late)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MUTED)
        painter.drawPath(heads)
