"""The Gantt chart on screen: a QGraphicsView over ``services.action_plan.gantt_layout.GanttChart``.

Rows are grouped by objective; bars show progress, milestones are diamonds, arrows join
dependent actions, the school year's breaks are shaded, today is a red line and late work is red.
Drag a bar to move it, drag either end to resize it; only the bar moves while dragging and the plan
is written once, on release (``moved``), as one undoable edit. Ctrl+wheel or the zoom slider
changes the scale from weeks to the whole year.

Zooming stays within a frame at district scale because it rebuilds nothing: the scene is laid
out in days, ``day_width`` scene units a day (the zoom of its last rebuild, so right after one
the view is unscaled), and a zoom only scales the view on x. What must not stretch doesn't: pens
are cosmetic, the names column and the diamonds ignore the view's scale, and the axis and the
arrows are painted in pixels (``gantt_items``). Scrolling repaints only what the scene's index
finds in view. The names column is a few items of 64 rows each (their names are their children,
passed over whole when out of view), moved as the dates scroll sideways.

A rebuild stays within a frame too: drawing all 1,000 rows of a district's plan held the window
about 200 ms, so a redraw draws the rows in view (and a margin) and the rest a chunk at a time on a
0 ms timer. A row is drawn at once when it is needed before its turn: scrolled into view, its bar
chosen (from the table, with Up/Down) or asked for (``bars``). The screen reader's description and
the rows' order are worked out for every row at once, from the chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from gui.action_plan.gantt_items import (
    AXIS_HEIGHT,
    BREAK,
    CELEBRATION,
    DONE,
    HEADER,
    INK,
    LABEL_WIDTH,
    LATE,
    MUTED,
    PLANNED,
    PROGRESS,
    ROW_HEIGHT,
    AxisAndGrid,
    DependencyLinks,
    cosmetic,
)
from gui.screen_dates import screen_style, show_date
from gui.widgets.word_elision import elide_at_word
from services.action_plan.gantt_layout import ACTION, COMMUNICATION, OBJECTIVE, GanttChart, GanttRow
from services.priorities import contract_limits
from services.priorities.contract_limits import ContractLimit

EDGE = 6  # pixels at each end of a bar that resize instead of move
DIAMOND = 7  # a milestone's half-width in pixels, at every zoom
IGNORES_ZOOM = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
COLUMN_BLOCK = 64  # rows of names in one item of the names column
# A redraw draws the rows in view and MARGIN rows either side at once, the rest CHUNK rows at a time
# between other events (each chunk a few ms); a row asked for before its turn is drawn then.
MARGIN = 20
CHUNK = 24


class BarItem(QGraphicsRectItem):
    """An action's bar: drag the middle to move, an end to resize. Snaps to whole days.

    A milestone's is the square around its diamond, in pixels at every zoom (it ignores the
    view's scale, so it sits at its day by ``pos``); the diamond is its child and moves with it.
    """

    def __init__(self, view: GanttView, row: GanttRow, rect: QRectF):
        super().__init__(rect)
        self.view, self.row = view, row
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        contract = view.contracts.get(row.action_id)
        self.setToolTip(f"{row.label}\n{row.owner}\n{view.date_style.range(row.start, row.end)} \u2022 "
                        f"{row.status_text}, {row.percent}% done" + ("\nLate" if row.late else "")
                        + (f"\n{contract_limits.MARK} {contract.text}" if contract and contract.limited else "")
                        + "\nDrag to move; drag an end to change its dates.")
        self._mode: str | None = None
        self._press_x = 0.0
        self._start_rect = QRectF(rect)
        self._start_pos = QPointF()

    def _mode_at(self, x: float) -> str:
        r = self.rect()
        if self.row.milestone:
            return "move"
        edge = EDGE / self.view.transform().m11()  # EDGE pixels, in scene units at this zoom
        if x <= r.left() + edge:
            return "start"
        if x >= r.right() - edge:
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
        self._start_pos = QPointF(self.pos())
        self.view.select_action(self.row.action_id)
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._mode is None:
            return
        day = self.view.day_width
        dx = round((event.scenePos().x() - self._press_x) / day) * day
        if self.row.milestone:
            self.setPos(self._start_pos + QPointF(dx, 0))
        else:
            r = QRectF(self._start_rect)
            if self._mode == "move":
                r.translate(dx, 0)
            elif self._mode == "start":
                r.setLeft(min(r.left() + dx, r.right() - day))
            else:
                r.setRight(max(r.right() + dx, r.left() + day))
            self.setRect(r)
        self.view.drag_feedback.emit(self._dates_text())

    def _dates(self) -> tuple[dt.date, dt.date]:
        if self.row.milestone:  # its pos is the middle of its day
            day = self.view.date_at(self.pos().x())
            return day, day
        r, half = self.rect(), self.view.day_width / 2  # the middle of the first and of the last day
        start, end = self.view.date_at(r.left() + half), self.view.date_at(r.right() - half)
        return start, max(end, start)

    def _dates_text(self) -> str:
        start, end = self._dates()
        return f"{self.row.label}: {start:%a} {show_date(start)} \u2013 {end:%a} {show_date(end)}"

    def mouseReleaseEvent(self, event) -> None:
        if self._mode is None:
            return
        mode, self._mode = self._mode, None
        start, end = self._dates()
        if (start, end) != (self.row.start, self.row.end):
            self.view.moved.emit(self.row.action_id, start, end, mode)
        event.accept()


class Bars(Mapping):
    """Every bar of the chart, by action id, whether drawn yet or not: asking for one not drawn draws
    its row first. ``in`` and ``len`` draw nothing."""

    def __init__(self, view: GanttView):
        self._view = view

    def __getitem__(self, action_id: int) -> BarItem:
        view = self._view
        view.draw_row(view.bar_rows[action_id])
        return view.drawn_bars[action_id]

    def __contains__(self, action_id: object) -> bool:
        return action_id in self._view.bar_rows

    def __iter__(self) -> Iterator[int]:
        return iter(self._view.bar_rows)

    def __len__(self) -> int:
        return len(self._view.bar_rows)


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
        # The computer's date style, taken once per redraw: asking for it reads QLocale's formats,
        # which once a row (the bars' tooltips, the description) cost 130-280 ms at 1,000 actions.
        self.date_style = screen_style()
        self.contracts: dict[int, ContractLimit] = {}  # by action id: the tab sets it with each chart
        self.px_per_day = 4.0  # on screen; set it and call redraw(), or call set_zoom()
        self.day_width = 4.0  # in the scene: px_per_day when it was last rebuilt
        self.bar_rows: dict[int, int] = {}  # each bar's row, by action id: drawn or not
        self.drawn_bars: dict[int, BarItem] = {}  # the bars drawn so far
        self.bars = Bars(self)
        self.selected_id: int | None = None
        self._pinned: list[QGraphicsItem] = []  # the names column's blocks and its edge, kept on the left
        # What was drawn, so a chart that differs in a few rows redraws only those (``set_chart``).
        self._blocks: list[QGraphicsRectItem] = []  # the names column's blocks, COLUMN_BLOCK rows each
        self._row_items: list[list[QGraphicsItem] | None] = []  # each row's items, by row; None: not drawn yet
        self._next_row = 0  # the rows before it are drawn (the chunks' progress)
        self._chunks = QTimer(self, singleShot=True, interval=0)
        self._chunks.timeout.connect(self._draw_chunk)
        self._row_lines: list[str] = []  # each row's sentence of the description
        self._described = False  # whether they are written for the chart drawn
        self._links: QGraphicsItem | None = None
        self._drawn_contracts: dict[int, ContractLimit] = {}
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._pin_labels())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._draw_in_view())
        self._font = QFont()
        self._font.setPointSizeF(9)
        self._bold = QFont(self._font)
        self._bold.setBold(True)

    # Coordinates ---------------------------------------------------------------------------------
    def x_of(self, day: dt.date) -> float:
        """The scene x of a day's left edge."""
        return LABEL_WIDTH + (day - self.chart.start).days * self.day_width

    def date_at(self, x: float) -> dt.date:
        return self.chart.start + dt.timedelta(days=int((x - LABEL_WIDTH) // self.day_width))

    def set_zoom(self, px_per_day: float) -> None:
        """Pixels per day: about 1.5 shows a whole year, 20 a few weeks. Scales the view; rebuilds nothing."""
        px_per_day = max(1.0, min(40.0, px_per_day))
        if abs(px_per_day - self.px_per_day) < 0.01:
            return
        center = self.mapToScene(self.viewport().rect().center())  # scene x is in days: it stays put
        self.px_per_day = px_per_day
        self._scale_view()
        if self.chart is not None:
            self.centerOn(center)
            self._pin_labels()

    def _scale_view(self) -> None:
        """Scale x to the zoom, the names column keeping its pixels on the left at every zoom."""
        scale = self.px_per_day / self.day_width
        self.setTransform(QTransform.fromScale(scale, 1.0))
        if self.chart is not None:
            column = LABEL_WIDTH / scale  # the scene units the column covers at this zoom
            self.setSceneRect(QRectF(LABEL_WIDTH - column, 0, column + self.chart.days * self.day_width + 20 / scale,
                                     AXIS_HEIGHT + len(self.chart.rows) * ROW_HEIGHT + 10))

    def fit_year(self) -> None:
        if self.chart is not None:
            width = max(self.viewport().width() - LABEL_WIDTH - 20, 200)
            self.set_zoom(width / max(self.chart.days, 1))

    def keyPressEvent(self, event) -> None:
        """Up/Down choose an action; Left/Right move it a day (Shift: a week); Ctrl+Plus/Minus zoom."""
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.selected_id in self.bar_rows:
            row = self.chart.rows[self.bar_rows[self.selected_id]]
            days = (7 if mods & Qt.KeyboardModifier.ShiftModifier else 1) * (-1 if key == Qt.Key.Key_Left else 1)
            delta = dt.timedelta(days=days)
            self.moved.emit(row.action_id, row.start + delta, row.end + delta, "move")
            event.accept()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.bar_rows and not mods & Qt.KeyboardModifier.ControlModifier:
            # Up/Down choose the action above or below, so the keyboard alone can pick a bar to move
            order = list(self.bar_rows)  # in the rows' order
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
        """Show ``chart``: when only some rows differ from the chart shown (an action renamed, its
        progress or its dates changed without moving it among the rows), only those rows are drawn
        again; otherwise the whole scene is rebuilt (``redraw``). After an edit at 1,000 actions a
        redraw held the window 200-450 ms; most edits change a row or two."""
        old, self.chart = self.chart, chart
        changed = self._rows_changed(old, chart)
        if changed is None:
            self.redraw()
        elif changed:
            self._redraw_rows(changed)

    def _rows_changed(self, old: GanttChart | None, new: GanttChart) -> list[int] | None:
        """The rows of ``new`` that differ from ``old``'s, or None if the scene must be rebuilt (other
        rows, another span of dates, another school year or other links between rows)."""
        if old is None or len(self._row_items) != len(old.rows) or len(old.rows) != len(new.rows) \
                or (old.start, old.end, old.year, old.today, old.links) != (new.start, new.end, new.year, new.today,
                                                                             new.links) \
                or any((a.kind, a.action_id) != (b.kind, b.action_id) for a, b in zip(old.rows, new.rows, strict=True)):
            return None
        contracts = self.contracts  # a limit's mark is in the name and the tooltip
        limited = {i for i in contracts.keys() | self._drawn_contracts.keys()
                   if contracts.get(i) != self._drawn_contracts.get(i)}
        return [n for n, (a, b) in enumerate(zip(old.rows, new.rows, strict=True)) if a != b or b.action_id in limited]

    def _redraw_rows(self, changed: list[int]) -> None:
        scene = self.scene()
        self._describe()
        for n in changed:
            row = self.chart.rows[n]
            self._row_lines[n] = self._row_line(row)
            if self._row_items[n] is None:
                continue  # not drawn yet: drawn from the new chart in its turn
            for item in self._row_items[n]:
                if isinstance(item, BarItem):
                    self.drawn_bars.pop(item.row.action_id, None)
                item.setParentItem(None)  # a name leaves its block of the column
                scene.removeItem(item)
            self._row_items[n] = self._draw_whole_row(n, row)
        # the rows are as they were; an action's dates may have come or gone, and its bar with them
        self.bar_rows = {row.action_id: n for n, row in enumerate(self.chart.rows) if _has_bar(row)}
        self._drawn_contracts = dict(self.contracts)
        if self._links is not None:  # the arrows follow the bars' ends: one item, drawn again whole
            scene.removeItem(self._links)
        self._draw_links(AXIS_HEIGHT + len(self.chart.rows) * ROW_HEIGHT)
        self.setAccessibleDescription(" ".join(self._row_lines) or "No actions to show.")
        if self.selected_id in self.bar_rows:
            self.select_action(self.selected_id, emit=False)

    def select_action(self, action_id: int | None, emit: bool = True) -> None:
        previous, self.selected_id = self.selected_id, action_id
        if previous in self.drawn_bars:  # only it and the chosen one change
            self.drawn_bars[previous].setPen(self._bar_pen(self.drawn_bars[previous].row, False))
        if action_id in self.bar_rows:
            bar = self.bars[action_id]  # drawn now if it was not yet
            bar.setPen(self._bar_pen(bar.row, True))
            self.ensureVisible(bar, 40, 10)
        # a screen reader reads the chosen bar as the chart's name changes (Up/Down choose one)
        self.setAccessibleName(f"Gantt chart, chosen: {self._row_text(self.chart.rows[self.bar_rows[action_id]])}"
                               if action_id in self.bar_rows else "Gantt chart")
        if emit and action_id is not None:
            self.action_selected.emit(action_id)

    def _bar_pen(self, row: GanttRow, selected: bool) -> QPen:
        if selected:
            return cosmetic(INK, 2.2)
        return cosmetic(LATE, 2) if row.late else QPen(Qt.PenStyle.NoPen)

    def _pin_labels(self) -> None:
        """Keep the action names in view while the dates scroll sideways (like frozen panes)."""
        left = self.mapToScene(0, 0).x()
        for item in self._pinned:
            item.setX(left)

    def redraw(self) -> None:
        """Rebuild the scene from the chart at the current zoom (a zoom alone only scales the view)."""
        scene = self.scene()
        self._chunks.stop()
        scene.clear()
        self.bar_rows, self.drawn_bars = {}, {}
        self._pinned = []
        self._blocks, self._row_items, self._row_lines, self._links = [], [], [], None
        self._described = False
        self._drawn_contracts = dict(self.contracts)
        self.day_width = self.px_per_day
        self.date_style = screen_style()
        chart = self.chart
        if chart is None:
            return
        day = self.day_width
        width = LABEL_WIDTH + chart.days * day + 20
        bottom = AXIS_HEIGHT + len(chart.rows) * ROW_HEIGHT
        scene.setSceneRect(0, 0, width, bottom + 10)
        self._scale_view()
        for name, first, last in chart.year.breaks:
            if last < chart.start or first > chart.end:
                continue
            rect = scene.addRect(QRectF(self.x_of(max(first, chart.start)), AXIS_HEIGHT,
                                        ((min(last, chart.end) - max(first, chart.start)).days + 1) * day,
                                        bottom - AXIS_HEIGHT), QPen(Qt.PenStyle.NoPen), QBrush(BREAK))
            rect.setToolTip(f"{name}: {self.date_style.range(first, last)}")
            rect.setZValue(-2)
        scene.addItem(AxisAndGrid(chart, day, self._font, self._bold))
        for edge, name in ((chart.year.start, "First day of school"), (chart.year.end, "Last day of school")):
            if edge is not None and chart.start <= edge <= chart.end:
                line = scene.addLine(self.x_of(edge), AXIS_HEIGHT, self.x_of(edge), bottom, cosmetic(INK, 1.5))
                line.setToolTip(f"{name}: {show_date(edge)}")
        for n, row in enumerate(chart.rows):
            if n % COLUMN_BLOCK == 0:
                y = AXIS_HEIGHT + n * ROW_HEIGHT
                self._blocks.append(self._column_block(0.0 if n == 0 else y, AXIS_HEIGHT + min(
                    n + COLUMN_BLOCK, len(chart.rows)) * ROW_HEIGHT))
            if _has_bar(row):
                self.bar_rows[row.action_id] = n
        self._row_items = [None] * len(chart.rows)
        self._next_row = 0
        edge = scene.addLine(LABEL_WIDTH, 0, LABEL_WIDTH, bottom, QPen(MUTED, 1))
        edge.setFlag(IGNORES_ZOOM, True)
        edge.setZValue(9)
        self._pinned.append(edge)
        self._draw_links(bottom)
        if chart.start <= chart.today <= chart.end:
            x = self.x_of(chart.today) + day / 2
            today = scene.addLine(x, AXIS_HEIGHT - 6, x, bottom, cosmetic(LATE, 1.5, Qt.PenStyle.DashLine))
            today.setZValue(4)
            today.setToolTip(f"Today, {show_date(chart.today)}")
        self._pin_labels()
        if self.selected_id in self.bar_rows:
            self.select_action(self.selected_id, emit=False)  # draws its row, and scrolls to it
        self._draw_in_view()
        self._chunks.start()  # the description first (``_describe``), then the rows not drawn yet

    # Rows drawn when needed ------------------------------------------------------------------------
    @property
    def rows_drawn(self) -> int:
        """How many of the chart's rows are drawn so far (all of them a moment after a redraw)."""
        return sum(items is not None for items in self._row_items)

    def draw_row(self, n: int) -> None:
        """Draw row ``n`` if it is not drawn yet."""
        if self._row_items[n] is None:
            self._row_items[n] = self._draw_whole_row(n, self.chart.rows[n])

    def _draw_in_view(self) -> None:
        """Draw the rows in view, and MARGIN either side, that are not drawn yet."""
        if not self._row_items:
            return
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        first = max(0, int((seen.top() - AXIS_HEIGHT) // ROW_HEIGHT) - MARGIN)
        last = min(len(self._row_items), int((seen.bottom() - AXIS_HEIGHT) // ROW_HEIGHT) + 1 + MARGIN)
        for n in range(first, last):
            self.draw_row(n)

    def _describe(self) -> None:
        """Every row's sentence for the screen reader, if not written since the last redraw: the first
        thing done after a redraw (a sentence a row, with its dates, for 1,000 rows took half of it)."""
        if not self._described:
            self._row_lines = [self._row_line(row) for row in self.chart.rows]
            self.setAccessibleDescription(" ".join(self._row_lines) or "No actions to show.")
            self._described = True

    def _draw_chunk(self) -> None:
        """The description first, then the next CHUNK rows not drawn yet; again on the timer until every
        row is."""
        if not self._described:
            self._describe()
            self._chunks.start()
            return
        rows, drawn = len(self._row_items), 0
        while self._next_row < rows and drawn < CHUNK:
            if self._row_items[self._next_row] is None:
                self.draw_row(self._next_row)
                drawn += 1
            self._next_row += 1
        if self._next_row < rows:
            self._chunks.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._draw_in_view()  # a taller view shows rows that may not be drawn yet

    def _column_block(self, top: float, bottom: float) -> QGraphicsRectItem:
        """White under a block of names, which it holds as children: in pixels at every zoom (they
        ignore the view's scale), and not even looked at when the block is out of view."""
        block = self.scene().addRect(QRectF(0, 0, LABEL_WIDTH, bottom - top), QPen(Qt.PenStyle.NoPen),
                                     QBrush(QColor("white")))
        block.setPos(0, top)
        block.setFlag(IGNORES_ZOOM, True)
        block.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
        block.setZValue(7)
        self._pinned.append(block)
        return block

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
        return " ".join(self._row_line(row) for row in chart.rows)

    def _row_line(self, row: GanttRow) -> str:
        return f"Objective: {row.label}." if row.kind == OBJECTIVE else self._row_text(row) + "."

    def _row_text(self, row: GanttRow) -> str:
        if row.start is None:
            return f"{row.label}: not scheduled"
        if row.kind != ACTION:
            return f"{row.label}: message, {self.date_style.range(row.start, row.end or row.start)}"
        state = row.status_text.lower() + (", late" if row.late else "")
        return f"{row.label}: {self.date_style.range(row.start, row.end or row.start)}, {state}, {row.percent}% done"

    def _draw_whole_row(self, n: int, row: GanttRow) -> list[QGraphicsItem]:
        """Row ``n``: its name in the names column, an objective's band, and its bar; the items made."""
        scene, y = self.scene(), AXIS_HEIGHT + n * ROW_HEIGHT
        column = self._blocks[n // COLUMN_BLOCK]
        items: list[QGraphicsItem] = []
        if row.kind == OBJECTIVE:
            head = QGraphicsRectItem(QRectF(0, y - column.y(), LABEL_WIDTH, ROW_HEIGHT), column)  # under its name
            head.setBrush(QBrush(HEADER))
            head.setPen(QPen(Qt.PenStyle.NoPen))
            width = LABEL_WIDTH + self.chart.days * self.day_width + 20
            band = scene.addRect(QRectF(0, y, width, ROW_HEIGHT), QPen(Qt.PenStyle.NoPen), QBrush(HEADER))
            band.setZValue(-3)
            items += [head, band]
        label = QGraphicsSimpleTextItem(self._elide(row), column)  # a late one is marked, not only red
        label.setFont(self._bold if row.kind == OBJECTIVE else self._font)
        label.setBrush(QBrush(LATE if row.late else INK))
        label.setPos(6 if row.kind == OBJECTIVE else 18, y - column.y() + (ROW_HEIGHT - 14) / 2)
        label.setToolTip(row.label + (f" \u2014 {row.owner}" if row.owner else ""))
        items.append(label)
        drawn = self._draw_row(row, y)
        if drawn is not None:
            items.append(drawn)
        return items

    def _draw_row(self, row: GanttRow, y: float) -> QGraphicsItem | None:
        """The row's bar, diamond or objective's span (the one item made, with its children), if dated."""
        if row.start is None or row.end is None:
            return None
        scene = self.scene()
        x0, x1 = self.x_of(row.start), self.x_of(row.end) + self.day_width
        mid = y + ROW_HEIGHT / 2
        if row.kind == OBJECTIVE:
            return scene.addRect(QRectF(x0, mid - 3, x1 - x0, 6), QPen(Qt.PenStyle.NoPen), QBrush(MUTED))
        if row.milestone or row.kind == COMMUNICATION:
            r = DIAMOND
            color = CELEBRATION if row.kind == COMMUNICATION else LATE if row.late else \
                DONE if row.status == "done" else PROGRESS
            diamond = QGraphicsPolygonItem(QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0)]))
            diamond.setPen(QPen(QColor("white"), 1))
            diamond.setBrush(QBrush(color))
            diamond.setToolTip(row.label)
            diamond.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            at = QPointF(x0 + self.day_width / 2, mid)
            if row.kind == ACTION:
                bar = BarItem(self, row, QRectF(-r, -r, 2 * r, 2 * r))
                bar.setFlag(IGNORES_ZOOM, True)
                bar.setPos(at)
                bar.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                bar.setPen(self._bar_pen(row, row.action_id == self.selected_id))
                bar.setZValue(3)
                scene.addItem(bar)
                self.drawn_bars[row.action_id] = bar
                diamond.setParentItem(bar)  # dragged with it, drawn under its outline
                diamond.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent, True)
                return bar
            diamond.setFlag(IGNORES_ZOOM, True)
            diamond.setPos(at)
            diamond.setZValue(2)
            scene.addItem(diamond)
            return diamond
        bar = BarItem(self, row, QRectF(x0, mid - 8, x1 - x0, 16))
        bar.setBrush(QBrush(DONE if row.status == "done" else PLANNED))
        bar.setPen(self._bar_pen(row, row.action_id == self.selected_id))
        bar.setZValue(2)
        scene.addItem(bar)
        self.drawn_bars[row.action_id] = bar
        if row.percent and row.status != "done":
            done = QGraphicsRectItem(0, 0, (x1 - x0) * row.percent / 100, 6, bar)
            done.setPos(x0, mid - 3)
            done.setBrush(QBrush(PROGRESS))
            done.setPen(QPen(Qt.PenStyle.NoPen))
            done.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        return bar

    def _draw_links(self, bottom: float) -> None:
        chart = self.chart
        links = []
        for before, after in chart.links:
            a, b = chart.rows[before], chart.rows[after]
            if a.end is None or b.start is None:
                continue
            links.append((self.x_of(a.end) + self.day_width, AXIS_HEIGHT + before * ROW_HEIGHT + ROW_HEIGHT / 2,
                          self.x_of(b.start), AXIS_HEIGHT + after * ROW_HEIGHT + ROW_HEIGHT / 2))
        if links:
            # Wide enough for an arrow's pixels (elbow, head) at the farthest zoom out, one pixel a day.
            pad = 10 * self.day_width
            self._links = DependencyLinks(links, QRectF(-pad, 0, LABEL_WIDTH + chart.days * self.day_width + 2 * pad,
                                                        bottom))
            self.scene().addItem(self._links)


def _has_bar(row: GanttRow) -> bool:
    """Whether the row is an action's with dates: one with a bar (or a milestone's diamond) to drag."""
    return row.kind == ACTION and row.start is not None and row.end is not None
