"""The impact x ease matrix on screen (pyqtgraph): numbered points you can click, drag and nudge.

Dragging a point sets the team's agreed position; the raters' own ratings stay as they were.
While dragging, only a "ghost" point moves, so a drag costs the same with 5 points or 500; the
plan is written once, when the mouse is released. Arrow keys nudge the selected point (Shift for
bigger steps), and Page Down / Page Up select the next or previous point, so the matrix works
without a mouse too. Colour is never the only sign: quadrants are named, a status has its own
shape (circle proposed, square approved, diamond declined or parked), a disagreement a dashed
ring, an action limited by a contract or collective bargaining a "§" badge at its upper right
(black on white, so it reads in greyscale too), and a screen reader reads every point from the
matrix's description.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from services.priorities.contract_limits import MARK as CONTRACT_MARK
from services.priorities.matrix_layout import fan_out
from services.priorities.prioritization import QUADRANT_LABELS, QUADRANT_ORDER, SCALE_MAX, SCALE_MIN, Quadrant
from services.priorities.priority_board import PriorityItem

LOW, HIGH = SCALE_MIN - 0.5, SCALE_MAX + 0.5
# Okabe-Ito tints: distinct for colour-blind eyes, and each quadrant is also named in words.
QUADRANT_FILL = {
    Quadrant.DO_NOW: "#D5EFE6", Quadrant.DO_NEXT: "#D6E9F5", Quadrant.LATER: "#FBF3CF", Quadrant.RECONSIDER: "#EDEDED",
}
INK, APPROVED, FLAG, DECIDED, SPREAD = "#1F2933", "#0072B2", "#D55E00", "#CBD2D9", "#B8C2CC"
POINT_SIZE = 24
SYMBOLS = {"approved": "s", "declined": "d", "parked": "d", "proposed": "o"}
STATUS_WORDS = {"approved": "approved", "declined": "declined", "parked": "parked", "proposed": "proposed"}


class _Points(pg.ScatterPlotItem):
    """Scatter points that report a drag of one point (by its index) instead of panning the view."""

    drag_moved = Signal(int, float, float)
    drag_done = Signal(int, float, float)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._dragging: int | None = None
        self._offset = QPointF()

    def mouseDragEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            hits = self.pointsAt(ev.buttonDownPos())
            if len(hits) == 0:
                ev.ignore()
                return
            self._dragging = hits[0].index()
            self._offset = hits[0].pos() - ev.buttonDownPos()
        if self._dragging is None:
            ev.ignore()
            return
        ev.accept()
        pos = ev.pos() + self._offset
        x = min(max(pos.x(), SCALE_MIN), SCALE_MAX)
        y = min(max(pos.y(), SCALE_MIN), SCALE_MAX)
        if ev.isFinish():
            index, self._dragging = self._dragging, None
            self.drag_done.emit(index, x, y)
        else:
            self.drag_moved.emit(self._dragging, x, y)


class PriorityMatrix(pg.PlotWidget):
    point_selected = Signal(int)  # action id
    point_moved = Signal(int, float, float)  # action id, impact, ease: a finished drag
    point_nudged = Signal(int, float, float)  # the same from the arrow keys

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setObjectName("priorityMatrix")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Impact and ease matrix")
        self.setToolTip("Click a number to select it; drag it to set the team's agreed position. "
                        "Page Down and Page Up select the next or previous point; arrow keys nudge it.")
        self._items: list[PriorityItem] = []
        self._shown: list[PriorityItem] = []
        self._selected: int | None = None
        self._midpoints = (3.0, 3.0)

        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.setXRange(LOW, HIGH, padding=0)
        plot.setYRange(LOW, HIGH, padding=0)
        ticks = [[(v, str(v)) for v in range(SCALE_MIN, SCALE_MAX + 1)]]
        for name, label in (("bottom", "Ease of implementation  (harder \u2192 easier)"),
                            ("left", "Impact  (lower \u2192 higher)")):
            axis = plot.getAxis(name)
            axis.setTicks(ticks)
            axis.setPen(pg.mkPen(INK))
            axis.setTextPen(pg.mkPen(INK))
            plot.setLabel(name, label, color=INK)
        plot.vb.setDefaultPadding(0)

        self._quadrants: dict[Quadrant, QGraphicsRectItem] = {}
        for q, colour in QUADRANT_FILL.items():
            rect = QGraphicsRectItem()
            rect.setBrush(QBrush(QColor(colour)))
            rect.setPen(QPen(Qt.PenStyle.NoPen))
            rect.setZValue(-20)
            plot.addItem(rect)
            self._quadrants[q] = rect
        bold = QFont()
        bold.setBold(True)
        bold.setPointSize(11)
        self._labels: dict[Quadrant, pg.TextItem] = {}
        for q, anchor in ((Quadrant.DO_NOW, (1, 0)), (Quadrant.DO_NEXT, (0, 0)), (Quadrant.LATER, (1, 1)),
                          (Quadrant.RECONSIDER, (0, 1))):
            label = pg.TextItem(QUADRANT_LABELS[q], color=INK, anchor=anchor)
            label.setFont(bold)
            label.setZValue(-10)
            plot.addItem(label)
            self._labels[q] = label
        line_pen = pg.mkPen(INK, width=1.5)
        self._vline = pg.InfiniteLine(angle=90, pen=line_pen, movable=False)
        self._hline = pg.InfiniteLine(angle=0, pen=line_pen, movable=False)
        for line in (self._vline, self._hline):
            line.setZValue(-5)
            plot.addItem(line)

        self._spread = pg.ErrorBarItem(x=np.array([]), y=np.array([]), pen=pg.mkPen(SPREAD, width=0.8))
        self._spread_flagged = pg.ErrorBarItem(x=np.array([]), y=np.array([]), pen=pg.mkPen(FLAG, width=2))
        self._leaders = pg.PlotDataItem([], [], connect="pairs", pen=pg.mkPen(SPREAD, width=1))
        for item in (self._spread, self._spread_flagged, self._leaders):
            plot.addItem(item)
        self._selection = pg.ScatterPlotItem(size=POINT_SIZE + 12, pen=pg.mkPen(INK, width=2.5),
                                             brush=pg.mkBrush(255, 255, 255, 0), symbol="o")
        self._points = _Points(size=POINT_SIZE, pxMode=True, hoverable=True, tip=self._tip)
        self._ghost = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen(INK, width=1.5, style=Qt.PenStyle.DashLine),
                                         brush=pg.mkBrush(255, 255, 255, 200))
        self._ghost_label = pg.TextItem("", color=INK, anchor=(0.5, 0.5))
        self._ghost_label.setZValue(30)
        for item in (self._selection, self._points, self._ghost, self._ghost_label):
            plot.addItem(item)
        self._points.setZValue(10)
        self._ghost.setZValue(25)
        self._numbers: list[pg.TextItem] = []
        self._badges: list[pg.TextItem] = []  # the contract sign beside each limited point
        self._brushes = {"approved": pg.mkBrush(APPROVED), "declined": pg.mkBrush(DECIDED),
                         "parked": pg.mkBrush(DECIDED), "proposed": pg.mkBrush("w")}
        self._pens = {True: pg.mkPen(FLAG, width=3, style=Qt.PenStyle.DashLine), False: pg.mkPen(INK, width=1.2)}
        self._number_font = QFont()
        self._number_font.setBold(True)
        self._number_font.setPointSize(8)

        self._points.sigClicked.connect(self._clicked)
        self._points.drag_moved.connect(self._drag_moved)
        self._points.drag_done.connect(self._drag_done)
        self._place_quadrants()

    # Drawing ------------------------------------------------------------------------------------
    def set_items(self, items: list[PriorityItem], midpoint_impact: float, midpoint_ease: float) -> None:
        """Show ``items`` (already filtered); unrated ones are left off the matrix."""
        self._items = items
        self._midpoints = (midpoint_impact, midpoint_ease)
        self._place_quadrants()
        shown = [i for i in items if i.impact is not None and i.ease is not None]
        self._shown = shown
        true = [(i.ease, i.impact) for i in shown]
        spots = fan_out(true, min_gap=self._gap())
        xs = np.array([p[0] for p in spots], dtype=float)
        ys = np.array([p[1] for p in spots], dtype=float)
        # The same few pen and brush objects for every point: pyqtgraph caches one symbol image
        # per pen/brush pair, and looks them up much faster when they are the same objects.
        brushes = [self._brushes.get(i.status, self._brushes["proposed"]) for i in shown]
        pens = [self._pens[i.needs_discussion] for i in shown]
        symbols = [SYMBOLS.get(i.status, "o") for i in shown]
        self._points.setData(x=xs, y=ys, brush=brushes, pen=pens, symbol=symbols, data=[i.id for i in shown])
        self._describe()

        # Labels: reuse TextItems, so redrawing 500 points does not churn the scene.
        plot = self.getPlotItem()
        while len(self._numbers) < len(shown):
            label = pg.TextItem("", anchor=(0.5, 0.5))
            label.setFont(self._number_font)
            label.setZValue(20)
            label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            plot.addItem(label)
            self._numbers.append(label)
        white, ink = QColor("white"), QColor(INK)
        for label, item, x, y in zip(self._numbers, shown, xs, ys, strict=False):
            # Only touch what changed: each call re-lays out the label.
            text, colour = str(item.number), white if item.status == "approved" else ink
            if label.textItem.toPlainText() != text:
                label.setText(text)
            if label.color != colour:
                label.setColor(colour)
            label.setPos(float(x), float(y))
            if not label.isVisible():
                label.setVisible(True)
        for label in self._numbers[len(shown):]:
            if label.isVisible():
                label.setVisible(False)
        self._draw_badges([(x, y) for item, x, y in zip(shown, xs, ys, strict=True) if item.contract_limited])

        self._draw_spread(shown)
        leader = [(t, s) for t, s in zip(true, spots, strict=True) if t != s]
        lx = [v for t, s in leader for v in (t[0], s[0])]
        ly = [v for t, s in leader for v in (t[1], s[1])]
        self._leaders.setData(lx, ly)
        self._ghost.setData([], [])
        self._ghost_label.setText("")
        self._draw_selection()

    def _draw_badges(self, spots: list[tuple[float, float]]) -> None:
        """A small white badge with the contract sign at the upper right of each limited point; its
        anchor (in fractions of its own size) puts its lower left corner on the point's rim."""
        plot = self.getPlotItem()
        while len(self._badges) < len(spots):
            badge = pg.TextItem(CONTRACT_MARK, color=INK, anchor=(-0.5, 1.4), border=pg.mkPen(INK, width=1),
                                fill=pg.mkBrush("w"))
            badge.setFont(self._number_font)
            badge.setZValue(22)
            badge.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            plot.addItem(badge)
            self._badges.append(badge)
        for badge, (x, y) in zip(self._badges, spots, strict=False):
            badge.setPos(float(x), float(y))
            badge.setVisible(True)
        for badge in self._badges[len(spots):]:
            if badge.isVisible():
                badge.setVisible(False)

    def badge_count(self) -> int:
        """How many points carry the contract badge (tests read it)."""
        return sum(1 for b in self._badges if b.isVisible())

    def _draw_spread(self, shown: list[PriorityItem]) -> None:
        for bars, flagged in ((self._spread, False), (self._spread_flagged, True)):
            rows = [i for i in shown if i.summary.rater_count > 1 and i.needs_discussion == flagged]
            if not rows:
                empty = np.array([], dtype=float)  # every array, or the old bars' lengths linger
                bars.setData(x=empty, y=empty, left=empty, right=empty, top=empty, bottom=empty)
                continue
            x = np.array([i.ease for i in rows], dtype=float)
            y = np.array([i.impact for i in rows], dtype=float)
            # Bars run from the lowest to the highest rating on each axis, through the point.
            left = np.array([i.ease - (i.summary.ease.low or i.ease) for i in rows], dtype=float)
            right = np.array([(i.summary.ease.high or i.ease) - i.ease for i in rows], dtype=float)
            bottom = np.array([i.impact - (i.summary.impact.low or i.impact) for i in rows], dtype=float)
            top = np.array([(i.summary.impact.high or i.impact) - i.impact for i in rows], dtype=float)
            bars.setData(x=x, y=y, left=left, right=right, top=top, bottom=bottom, beam=0.06)

    def _gap(self) -> float:
        """How far apart (in rating units) two numbers must be to read both, at the current size."""
        vb = self.getPlotItem().vb
        pixels = min(vb.width(), vb.height())
        if pixels < 100:  # not laid out yet; resizeEvent draws again once it is
            pixels = 480.0
        return (POINT_SIZE + 3) * (HIGH - LOW) / pixels

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if getattr(self, "_shown", None):  # crowded points fan out by pixels: a new size, new places
            self.set_items(self._items, *self._midpoints)

    def _place_quadrants(self) -> None:
        mi, me = self._midpoints
        rects = {
            Quadrant.DO_NOW: QRectF(me, mi, HIGH - me, HIGH - mi),
            Quadrant.DO_NEXT: QRectF(LOW, mi, me - LOW, HIGH - mi),
            Quadrant.LATER: QRectF(me, LOW, HIGH - me, mi - LOW),
            Quadrant.RECONSIDER: QRectF(LOW, LOW, me - LOW, mi - LOW),
        }
        for q, rect in rects.items():
            self._quadrants[q].setRect(rect)
        pad = 0.06
        self._labels[Quadrant.DO_NOW].setPos(HIGH - pad, HIGH - pad)
        self._labels[Quadrant.DO_NEXT].setPos(LOW + pad, HIGH - pad)
        self._labels[Quadrant.LATER].setPos(HIGH - pad, LOW + pad)
        self._labels[Quadrant.RECONSIDER].setPos(LOW + pad, LOW + pad)
        self._vline.setValue(me)
        self._hline.setValue(mi)

    def _tip(self, x: float, y: float, data: int) -> str:
        item = next((i for i in self._shown if i.id == data), None)
        return "\n".join(point_lines(item)) if item is not None else ""

    def _describe(self) -> None:
        """What a screen reader says for the matrix: the selected point, then every point by quadrant."""
        selected = next((i for i in self._shown if i.id == self._selected), None)
        parts = [f"Selected: {' '.join(point_lines(selected))}"] if selected is not None else []
        if not self._shown:
            parts.append("No rated actions to show.")
        for quadrant in QUADRANT_ORDER:
            points = [i for i in self._shown if i.quadrant is quadrant]
            if points:
                listed = "; ".join(f"{i.number}. {i.title} ({STATUS_WORDS.get(i.status, i.status)}"
                                   f"{', limited by a contract' if i.contract_limited else ''})" for i in points)
                parts.append(f"{QUADRANT_LABELS[quadrant]}: {listed}.")
        unrated = len(self._items) - len(self._shown)
        if unrated:
            parts.append(f"{unrated} not rated yet, so not on the matrix.")
        self.setAccessibleDescription(" ".join(parts))

    # Selection ----------------------------------------------------------------------------------
    def select(self, action_id: int | None) -> None:
        self._selected = action_id
        self._draw_selection()
        self._describe()

    def selected_id(self) -> int | None:
        return self._selected

    def _draw_selection(self) -> None:
        row = next((n for n, i in enumerate(self._shown) if i.id == self._selected), None)
        if row is None:
            self._selection.setData([], [])
            return
        x, y = self._points.data["x"][row], self._points.data["y"][row]
        self._selection.setData([x], [y])

    def _clicked(self, _item, points, _ev) -> None:
        if len(points):
            action_id = int(points[0].data())
            self.setFocus()
            self.select(action_id)
            self.point_selected.emit(action_id)

    # Dragging -----------------------------------------------------------------------------------
    def _drag_moved(self, index: int, x: float, y: float) -> None:
        item = self._shown[index]
        self._ghost.setData([x], [y])
        self._ghost_label.setText(str(item.number))
        self._ghost_label.setPos(x, y)

    def _drag_done(self, index: int, x: float, y: float) -> None:
        item = self._shown[index]
        self._ghost.setData([], [])
        self._ghost_label.setText("")
        self.select(item.id)
        self.point_selected.emit(item.id)
        self.point_moved.emit(item.id, round(y, 2), round(x, 2))

    # A visible frame round the plot while the keyboard is on the matrix (arrow keys then move the
    # selected point); drawn by the plot, so the widget's size and the points' places don't change.
    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        self.getPlotItem().vb.setBorder(pg.mkPen(APPROVED, width=3))

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.getPlotItem().vb.setBorder(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and self._shown:
            ordered = sorted(self._shown, key=lambda i: i.number)
            ids = [i.id for i in ordered]
            step = 1 if event.key() == Qt.Key.Key_PageDown else -1
            at = ids.index(self._selected) + step if self._selected in ids else (0 if step > 0 else -1)
            chosen = ordered[at % len(ordered)]
            self.select(chosen.id)
            self.point_selected.emit(chosen.id)
            return
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Left: (0, -1)}
        item = next((i for i in self._shown if i.id == self._selected), None)
        if event.key() not in steps or item is None:
            super().keyPressEvent(event)
            return
        size = 0.5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0.1
        di, de = steps[event.key()]
        impact = min(max(round(item.impact + di * size, 2), SCALE_MIN), SCALE_MAX)
        ease = min(max(round(item.ease + de * size, 2), SCALE_MIN), SCALE_MAX)
        self.point_nudged.emit(item.id, impact, ease)


def point_lines(item: PriorityItem) -> list[str]:
    """A point in words: its number and title, quadrant and position, status, any disagreement."""
    lines = [f"{item.number}. {item.title}",
             f"{item.quadrant_label}: impact {item.impact:.1f}, ease {item.ease:.1f}"
             + (" (agreed position)" if item.has_agreed_position else "") + f", {item.status_label.lower()}."]
    if item.needs_discussion:
        lines.append(f"Needs discussion: {item.summary.disagreement_text()}.")
    if item.contract_limited:
        lines.append(f"{CONTRACT_MARK} {item.contract.text}")
    return lines
