"""The Gantt chart on screen: a QGraphicsView over ``services.action_plan.gantt_layout.GanttChart``.

Rows are grouped by objective; bars show progress, milestones are diamonds, arrows join
dependent actions, the school year's breaks are shaded, today is a red line and late work is red.
Drag a bar to move it, drag either end to resize it; only the bar moves while dragging and the plan
is written once, on release (``moved``), as one undoable edit. Ctrl+wheel or the zoom slider
changes the scale from weeks to the whole year.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from gui.screen_dates import screen_style, show_date
from gui.widgets.word_elision import elide_at_word
from services.action_plan.gantt_layout import ACTION, COMMUNICATION, OBJECTIVE, GanttChart, GanttRow
from services.priorities import contract_limits
from services.priorities.contract_limits import ContractLimit

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
CELEBRATION = QColor("#E08214")
EDGE = 6  # pixels at each end of a bar that resize instead of move


class BarItem(QGraphicsRectItem):
    """An action's bar: drag the middle to move, an end to resize. Snaps to whole days."""

    def __init__(self, view: GanttView, row: GanttRow, rect: QRectF):
        super().__init__(rect)
        self.view, self.row = view, row
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        contract = view.contracts.get(row.action_id)
        self.setToolTip(f"{row.label}\n{row.owner}\n{_range(row.start, row.end)} \u2022 "
                        f"{row.status_text}, {row.percent}% done" + ("\nLate" if row.late else "")
                        + (f"\n{contract_limits.MARK} {contract.text}" if contract and contract.limited else "")
                        + "\nDrag to move; drag an end to change its dates.")
        self._mode: str | None = None
        self._press_x = 0.0
        self._start_rect = QRectF(rect)

    def _mode_at(self, x: float) -> str:
        r = self.rect()
        if self.row.milestone:
            return "move"
        if x <= r.left() + EDGE:
            return "start"
        if x >= r.right() - EDGE:
            return "end"
        return "move"

    def hoverMoveEvent(self, event) -> None:
        mode = self._mode_at(event.pos().x())
        self.setCursor(Qt.CursorShape.SizeHorCursor if mode != "move" else Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._mode = self._mode_at(event.pos().x())
        self._press_x = event.scenePos().x()
        self._start_rect = QRectF(self.rect())
        self.view.select_action(self.row.action_id)
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._mode is None:
            return
        days = round((event.scenePos().x() - self._press_x) / self.view.px_per_day)
        dx = days * self.view.px_per_day
        r = QRectF(self._start_rect)
        if self._mode == "move":
            r.translate(dx, 0)
        elif self._mode == "start":
            r.setLeft(min(r.left() + dx, r.right() - self.view.px_per_day))
        else:
            r.setRight(max(r.right() + dx, r.left() + self.view.px_per_day))
        self.setRect(r)
        self.view.drag_feedback.emit(self._dates_text(r))

    def _dates(self, r: QRectF) -> tuple[dt.date, dt.date]:
        start = self.view.date_at(r.left() + 1)
        end = self.view.date_at(r.right() - 1)
        return start, max(end, start)

    def _dates_text(self, r: QRectF) -> str:
        start, end = self._dates(r)
        return f"{self.row.label}: {start:%a} {show_date(start)} \u2013 {end:%a} {show_date(end)}"

    def mouseReleaseEvent(self, event) -> None:
        if self._mode is None:
            return
        mode, self._mode = self._mode, None
        start, end = self._dates(self.rect())
        if self.row.milestone:
            end = start
        if (start, end) != (self.row.start, self.row.end):
            self.view.moved.emit(self.row.action_id, start, end, mode)
        event.accept()


def _range(first: dt.date, last: dt.date) -> str:
    return screen_style().range(first, last)


class GanttView(QGraphicsView):
    moved = Signal(int, object, object, str)  # action id, new start, new end, "move"/"start"/"end"
    action_selected = Signal(int)
    drag_feedback = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Gantt chart")
        self.chart: GanttChart | None = None
        self.contracts: dict[int, ContractLimit] = {}  # by action id: the tab sets it with each chart
        self.px_per_day = 4.0
        self.bars: dict[int, BarItem] = {}
        self.selected_id: int | None = None
        self._pinned: list[tuple[QGraphicsItem, float]] = []  # label-column items and their x in the column
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._pin_labels())
        self._font = QFont()
        self._font.setPointSizeF(9)
        self._bold = QFont(self._font)
        self._bold.setBold(True)

    # Coordinates ---------------------------------------------------------------------------------
    def x_of(self, day: dt.date) -> float:
        return LABEL_WIDTH + (day - self.chart.start).days * self.px_per_day

    def date_at(self, x: float) -> dt.date:
        return self.chart.start + dt.timedelta(days=int((x - LABEL_WIDTH) // self.px_per_day))

    def set_zoom(self, px_per_day: float) -> None:
        """Pixels per day: about 1.5 shows a whole year, 20 a few weeks."""
        px_per_day = max(1.0, min(40.0, px_per_day))
        if abs(px_per_day - self.px_per_day) < 0.01:
            return
        center = self.date_at(self.mapToScene(self.viewport().rect().center()).x()) if self.chart else None
        self.px_per_day = px_per_day
        self.redraw()
        if center is not None:
            self.centerOn(self.x_of(center), self.mapToScene(self.viewport().rect().center()).y())

    def fit_year(self) -> None:
        if self.chart is not None:
            width = max(self.viewport().width() - LABEL_WIDTH - 20, 200)
            self.set_zoom(width / max(self.chart.days, 1))

    def keyPressEvent(self, event) -> None:
        """Up/Down choose an action; Left/Right move it a day (Shift: a week); Ctrl+Plus/Minus zoom."""
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.selected_id in self.bars:
            row = self.bars[self.selected_id].row
            days = (7 if mods & Qt.KeyboardModifier.ShiftModifier else 1) * (-1 if key == Qt.Key.Key_Left else 1)
            delta = dt.timedelta(days=days)
            self.moved.emit(row.action_id, row.start + delta, row.end + delta, "move")
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.bars and not mods & Qt.KeyboardModifier.ControlModifier:
            # Up/Down choose the action above or below, so the keyboard alone can pick a bar to move
            order = [r.action_id for r in self.chart.rows if r.action_id in self.bars]
            at = order.index(self.selected_id) if self.selected_id in order else -1
            step = -1 if key == Qt.Key.Key_Up else 1
            self.select_action(order[max(0, min(len(order) - 1, at + step if at >= 0 else 0))])
            event.accept()
            return
        if mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal,
                                                                   Qt.Key.Key_Minus):
            self.set_zoom(self.px_per_day * (0.8 if key == Qt.Key.Key_Minus else 1.25))
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.px_per_day * (1.25 if event.angleDelta().y() > 0 else 0.8))
            event.accept()
        else:
            super().wheelEvent(event)

    # Drawing -------------------------------------------------------------------------------------
    def set_chart(self, chart: GanttChart) -> None:
        self.chart = chart
        self.redraw()

    def select_action(self, action_id: int | None, emit: bool = True) -> None:
        self.selected_id = action_id
        for aid, bar in self.bars.items():
            bar.setPen(self._bar_pen(bar.row, aid == action_id))
        if action_id in self.bars:
            self.ensureVisible(self.bars[action_id], 40, 10)
        # a screen reader reads the chosen bar as the chart's name changes (Up/Down choose one)
        self.setAccessibleName(f"Gantt chart, chosen: {self._row_text(self.bars[action_id].row)}"
                               if action_id in self.bars else "Gantt chart")
        if emit and action_id is not None:
            self.action_selected.emit(action_id)

    def _bar_pen(self, row: GanttRow, selected: bool) -> QPen:
        if selected:
            return QPen(QColor("#1F2933"), 2.2)
        return QPen(LATE, 2) if row.late else QPen(Qt.PenStyle.NoPen)

    def _pin_labels(self) -> None:
        """Keep the action names in view while the dates scroll sideways (like frozen panes)."""
        left = max(self.mapToScene(0, 0).x(), 0.0)
        for item, x in self._pinned:
            item.setX(left + x)

    def redraw(self) -> None:
        scene = self.scene()
        scene.clear()
        self.bars = {}
        self._pinned = []
        chart = self.chart
        if chart is None:
            return
        width = LABEL_WIDTH + chart.days * self.px_per_day + 20
        height = AXIS_HEIGHT + len(chart.rows) * ROW_HEIGHT + 10
        scene.setSceneRect(0, 0, width, height)
        bottom = AXIS_HEIGHT + len(chart.rows) * ROW_HEIGHT
        for name, first, last in chart.year.breaks:
            if last < chart.start or first > chart.end:
                continue
            rect = scene.addRect(QRectF(self.x_of(max(first, chart.start)), AXIS_HEIGHT,
                                        ((min(last, chart.end) - max(first, chart.start)).days + 1) * self.px_per_day,
                                        bottom - AXIS_HEIGHT), QPen(Qt.PenStyle.NoPen), QBrush(BREAK))
            rect.setToolTip(f"{name}: {_range(first, last)}")
            rect.setZValue(-2)
        self._draw_axis(bottom)
        backdrop = scene.addRect(QRectF(0, 0, LABEL_WIDTH, bottom), QPen(Qt.PenStyle.NoPen), QBrush(QColor("white")))
        backdrop.setZValue(7)
        self._pinned.append((backdrop, 0.0))
        edge = scene.addLine(LABEL_WIDTH, 0, LABEL_WIDTH, bottom, QPen(QColor("#52606D"), 1))
        edge.setZValue(9)
        self._pinned.append((edge, 0.0))
        for n, row in enumerate(chart.rows):
            y = AXIS_HEIGHT + n * ROW_HEIGHT
            if row.kind == OBJECTIVE:
                head = scene.addRect(QRectF(0, y, LABEL_WIDTH, ROW_HEIGHT), QPen(Qt.PenStyle.NoPen), QBrush(HEADER))
                head.setZValue(7.5)
                self._pinned.append((head, 0.0))
                band = scene.addRect(QRectF(0, y, width, ROW_HEIGHT), QPen(Qt.PenStyle.NoPen), QBrush(HEADER))
                band.setZValue(-3)
            line = scene.addLine(0, y + ROW_HEIGHT, width, y + ROW_HEIGHT, QPen(GRID, 0.5))
            line.setZValue(-1)
            label = QGraphicsSimpleTextItem(self._elide(row))  # a late one is marked, not only red
            label.setFont(self._bold if row.kind == OBJECTIVE else self._font)
            label.setBrush(QBrush(LATE if row.late else QColor("#1F2933")))
            indent = 6 if row.kind == OBJECTIVE else 18
            label.setPos(indent, y + (ROW_HEIGHT - 14) / 2)
            label.setToolTip(row.label + (f" \u2014 {row.owner}" if row.owner else ""))
            label.setZValue(8)
            scene.addItem(label)
            self._pinned.append((label, float(indent)))
            self._draw_row(row, y)
        self._draw_links()
        if chart.start <= chart.today <= chart.end:
            x = self.x_of(chart.today) + self.px_per_day / 2
            pen = QPen(LATE, 1.5, Qt.PenStyle.DashLine)
            today = scene.addLine(x, AXIS_HEIGHT - 6, x, bottom, pen)
            today.setZValue(4)
            today.setToolTip(f"Today, {show_date(chart.today)}")
        self._pin_labels()
        self.setAccessibleDescription(self.describe())
        if self.selected_id in self.bars:
            self.select_action(self.selected_id, emit=False)

    def _elide(self, row: GanttRow) -> str:
        """The label cut at a word to fit the name column, with "\u2026" (the whole in its tooltip)."""
        metrics = QFontMetricsF(self._bold if row.kind == OBJECTIVE else self._font)
        room = LABEL_WIDTH - (6 if row.kind == OBJECTIVE else 18) - 8
        limited = row.action_id in self.contracts and self.contracts[row.action_id].limited
        text = ("\u26a0 " if row.late else "") + (f"{contract_limits.MARK} " if limited else "") + row.label
        cut = elide_at_word(text, lambda t: metrics.horizontalAdvance(t) <= room)
        return cut if cut is not None else metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)

    def describe(self) -> str:
        """What the chart shows, in words, for a screen reader: each row, its dates and state."""
        chart = self.chart
        if chart is None or not chart.rows:
            return "No actions to show."
        lines = []
        for row in chart.rows:
            if row.kind == OBJECTIVE:
                lines.append(f"Objective: {row.label}.")
            else:
                lines.append(self._row_text(row) + ".")
        return " ".join(lines)

    @staticmethod
    def _row_text(row: GanttRow) -> str:
        if row.start is None:
            return f"{row.label}: not scheduled"
        if row.kind != ACTION:
            return f"{row.label}: message, {_range(row.start, row.end or row.start)}"
        state = row.status_text.lower() + (", late" if row.late else "")
        return f"{row.label}: {_range(row.start, row.end or row.start)}, {state}, {row.percent}% done"

    def _draw_axis(self, bottom: float) -> None:
        scene, chart = self.scene(), self.chart
        scene.addRect(QRectF(LABEL_WIDTH, 0, chart.days * self.px_per_day, AXIS_HEIGHT),
                      QPen(Qt.PenStyle.NoPen), QBrush(QColor("#F5F7FA"))).setZValue(-4)
        day = chart.start
        weekly = self.px_per_day >= 3
        while day <= chart.end:
            x = self.x_of(day)
            next_month = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            crowded = day == chart.start and day.day > 1 and (next_month - day).days * self.px_per_day < 70
            if (day.day == 1 or day == chart.start) and not crowded:
                scene.addLine(x, 0, x, bottom, QPen(QColor("#9AA5B1"), 1)).setZValue(-1)
                text = QGraphicsSimpleTextItem(screen_style().month_year(day) if day.month in (1, 8)
                                               or day == chart.start else f"{day:%b}")
                text.setFont(self._bold)
                text.setPos(x + 3, 2)
                scene.addItem(text)
            elif weekly and day.weekday() == 0:
                scene.addLine(x, AXIS_HEIGHT - 8, x, bottom, QPen(GRID, 0.5)).setZValue(-1)
                if self.px_per_day >= 5:
                    text = QGraphicsSimpleTextItem(str(day.day))
                    text.setFont(self._font)
                    text.setBrush(QBrush(QColor("#52606D")))
                    text.setPos(x + 2, 18)
                    scene.addItem(text)
            day += dt.timedelta(days=1)
        for edge, name in ((chart.year.start, "First day of school"), (chart.year.end, "Last day of school")):
            if edge is not None and chart.start <= edge <= chart.end:
                line = scene.addLine(self.x_of(edge), AXIS_HEIGHT, self.x_of(edge), bottom, QPen(QColor("#1F2933"), 1.5))
                line.setToolTip(f"{name}: {show_date(edge)}")

    def _draw_row(self, row: GanttRow, y: float) -> None:
        if row.start is None or row.end is None:
            return
        scene = self.scene()
        x0, x1 = self.x_of(row.start), self.x_of(row.end) + self.px_per_day
        mid = y + ROW_HEIGHT / 2
        if row.kind == OBJECTIVE:
            scene.addRect(QRectF(x0, mid - 3, x1 - x0, 6), QPen(Qt.PenStyle.NoPen), QBrush(QColor("#52606D")))
            return
        if row.milestone or row.kind == COMMUNICATION:
            r = 7
            cx = x0 + self.px_per_day / 2
            diamond = QPolygonF([QPointF(cx, mid - r), QPointF(cx + r, mid), QPointF(cx, mid + r),
                                 QPointF(cx - r, mid)])
            color = CELEBRATION if row.kind == COMMUNICATION else LATE if row.late else \
                DONE if row.status == "done" else PROGRESS
            if row.kind == ACTION:
                bar = BarItem(self, row, QRectF(cx - r, mid - r, 2 * r, 2 * r))
                bar.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                bar.setPen(self._bar_pen(row, False))
                bar.setZValue(3)
                scene.addItem(bar)
                self.bars[row.action_id] = bar
            item = scene.addPolygon(diamond, QPen(QColor("white"), 1), QBrush(color))
            item.setZValue(2)
            item.setToolTip(row.label)
            return
        bar = BarItem(self, row, QRectF(x0, mid - 8, max(x1 - x0, 2), 16))
        bar.setBrush(QBrush(DONE if row.status == "done" else PLANNED))
        bar.setPen(self._bar_pen(row, False))
        bar.setZValue(2)
        scene.addItem(bar)
        self.bars[row.action_id] = bar
        if row.percent and row.status != "done":
            done = QGraphicsRectItem(0, 0, (x1 - x0) * row.percent / 100, 6, bar)
            done.setPos(x0, mid - 3)
            done.setBrush(QBrush(PROGRESS))
            done.setPen(QPen(Qt.PenStyle.NoPen))
            done.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def _draw_links(self) -> None:
        chart, scene = self.chart, self.scene()
        pen = QPen(QColor("#52606D"), 1)
        for before, after in chart.links:
            a, b = chart.rows[before], chart.rows[after]
            if a.end is None or b.start is None:
                continue
            xa = self.x_of(a.end) + self.px_per_day
            xb = self.x_of(b.start)
            ya = AXIS_HEIGHT + before * ROW_HEIGHT + ROW_HEIGHT / 2
            yb = AXIS_HEIGHT + after * ROW_HEIGHT + ROW_HEIGHT / 2
            elbow = xa + 6
            path = QPainterPath(QPointF(xa, ya))
            path.lineTo(elbow, ya)
            path.lineTo(elbow, yb)
            path.lineTo(xb, yb)
            link = scene.addPath(path, pen if xb >= xa else QPen(LATE, 1.2))
            link.setZValue(1)
            head = QPolygonF([QPointF(xb, yb), QPointF(xb - 5, yb - 3), QPointF(xb - 5, yb + 3)])
            scene.addPolygon(head, QPen(Qt.PenStyle.NoPen), QBrush(pen.color())).setZValue(1)
