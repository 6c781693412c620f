"""The impact x ease matrix on screen (pyqtgraph): numbered points you can click, drag and nudge.

Dragging a point sets the team's agreed position; the raters' own ratings stay as they were.
While dragging, only a "ghost" point moves, so a drag costs the same with 5 points or 500; the
plan is written once, when the mouse is released; then only the moved point (and any crowd it
left or joined, whose ring changes) is moved, not the matrix rebuilt. Arrow keys nudge the selected point (Shift for
bigger steps), and Page Down / Page Up select the next or previous point, so the matrix works
without a mouse too. Colour is never the only sign: quadrants are named, a status has its own
shape (circle proposed, square approved, diamond declined or parked), a disagreement a dashed
ring, an action limited by a contract or collective bargaining a "§" badge at its upper right
(black on white, so it reads in greyscale too), and a screen reader reads every point from the
matrix's description.
"""

from __future__ import annotations

import operator
from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QPainter,
    QPen,
    QPicture,
    QRegion,
    QStaticText,
    QTransform,
)
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

    drag_started = Signal(int)
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
            self.drag_started.emit(self._dragging)
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

    def set_spots(self, xs: np.ndarray, ys: np.ndarray, looks: list[tuple[str, QPen, QBrush]], ids: list[int]) -> None:
        """Every point anew, each with its (symbol, pen, brush). ``setData`` would copy 500 pens and
        500 brushes into its table one by one, each looked at by numpy as a possible sequence (3 ms
        of a redraw); the points have a handful of looks, so each look's objects are put in a table
        once and the points take theirs by number."""
        kinds: dict[tuple[str, int, int], tuple[int, tuple[str, QPen, QBrush]]] = {}
        codes = np.array([kinds.setdefault((look[0], id(look[1]), id(look[2])), (len(kinds), look))[0]
                          for look in looks], dtype=int)
        if self._showing(xs, ys, kinds, codes, ids):
            return  # (a redraw that changes nothing here: no point made again, nothing painted again)
        self.setData(x=xs, y=ys, data=ids)
        data = self.data
        for field, part in (("symbol", 0), ("pen", 1), ("brush", 2)):
            table = np.empty(len(kinds), dtype=object)
            for code, look in kinds.values():
                table[code] = look[part]
            data[field] = table[codes]
        data["sourceRect"] = 0  # as setPen does: each point's symbol image is looked up again
        self.updateSpots(data)

    def _showing(self, xs: np.ndarray, ys: np.ndarray, kinds: dict, codes: np.ndarray, ids: list[int]) -> bool:
        """Whether the points shown are these already: the same actions at the same places, each
        with the same symbol, pen and brush objects."""
        data = self.data
        if len(data) != len(ids) or not len(ids):
            return False
        if not (np.array_equal(data["x"], xs) and np.array_equal(data["y"], ys) and data["data"].tolist() == ids):
            return False
        looks = [None] * len(kinds)
        for code, look in kinds.values():
            looks[code] = look
        return all(data["symbol"][n] == looks[c][0] and data["pen"][n] is looks[c][1] and data["brush"][n] is looks[c][2]
                   for n, c in enumerate(codes.tolist()))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        # The whole scale, and a point's reach beyond it, wherever the points are (the view shows
        # no more): pyqtgraph's own box follows the points, so moving one changed the item's
        # geometry and the whole plot was painted again after each drop.
        dx, dy = _pixel(self)
        pad = self.pixelPadding()
        return QRectF(LOW - pad * dx, LOW - pad * dy, HIGH - LOW + 2 * pad * dx, HIGH - LOW + 2 * pad * dy)

    def move_spots(self, indexes: list[int], xs: list[float], ys: list[float]) -> None:
        """Move some points in place: the others (and every point's SpotItem) stay as they are, and
        only the places the moved ones left and reached are painted again."""
        was = list(zip(self.data["x"][indexes].tolist(), self.data["y"][indexes].tolist(), strict=True))
        self.data["x"][indexes] = xs
        self.data["y"][indexes] = ys
        self.bounds = [None, None]  # the points' extent, worked out again when asked
        dx, dy = _pixel(self)  # (asked once: a crowd that fans out anew moves forty points)
        rx, ry = (self.pixelPadding() + 1) * dx, (self.pixelPadding() + 1) * dy
        for x, y in was + list(zip(xs, ys, strict=True)):
            self.update(QRectF(x - rx, y - ry, 2 * rx, 2 * ry))

    def restyle_spot(self, index: int, symbol: str, pen: QPen, brush: QBrush) -> None:
        """Give one point a new shape, outline or fill (a decision, a disagreement), in place."""
        data = self.data
        if data["symbol"][index] == symbol and data["pen"][index] is pen and data["brush"][index] is brush:
            return
        data["symbol"][index], data["pen"][index], data["brush"][index] = symbol, pen, brush
        data["sourceRect"][index] = (0, 0, 0, 0)  # as SpotItem.updateItem: its symbol image is looked up again
        self.updateSpots(data[index:index + 1])


class _Picture(pg.GraphicsObject):
    """A layer of the matrix kept as a picture of its own, drawn again only where it changed: after
    one point moves, the places it left and reached, not 500 of everything. Every frame copies the
    picture (a drag's frames, where only the ghost moves, cost a copy); a new size draws it all.

    Subclasses draw with ``draw(painter, parts)``, in view units, whatever reaches into ``parts``;
    they call ``redraw_all`` when everything changed and ``redraw(rect)`` for a part."""

    def __init__(self) -> None:
        super().__init__()
        self._image: QImage | None = None
        self._placed: tuple[float, ...] = ()  # the view-to-pixel transform the picture was drawn at
        self._dirty: list[QRectF] = []  # parts changed since the picture was drawn
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return QRectF(LOW, LOW, HIGH - LOW, HIGH - LOW)  # points are kept on the scale, inside the view

    def redraw_all(self) -> None:
        self._placed = ()  # drawn anew at the next paint (into the same image, if of the same size)
        self._dirty = []
        self.update()

    def redraw(self, rect: QRectF) -> None:
        if self._placed:
            self._dirty.append(rect)
        self.update(rect)

    def draw(self, painter: QPainter, parts: list[QRectF]) -> None:
        raise NotImplementedError

    def paint(self, painter: QPainter, *_args) -> None:
        to_pixels = painter.transform()
        placed = (to_pixels.m11(), to_pixels.m12(), to_pixels.m21(), to_pixels.m22(), to_pixels.dx(), to_pixels.dy())
        area = to_pixels.mapRect(self.boundingRect()).toAlignedRect()
        if area.isEmpty():
            return  # not laid out yet
        ratio = painter.device().devicePixelRatioF()
        if self._image is None or placed != self._placed:
            size = area.size() * ratio
            if self._image is None or self._image.size() != size or self._image.devicePixelRatio() != ratio:
                # (a new image's memory is the system's to hand out, page by page, as it is first filled)
                self._image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
                self._image.setDevicePixelRatio(ratio)
            self._image.fill(Qt.GlobalColor.transparent)
            self._placed, self._dirty = placed, []
            self._draw_into(to_pixels, area, [self.boundingRect()], clear=False)
        elif self._dirty:
            parts, self._dirty = self._dirty, []
            self._draw_into(to_pixels, area, parts)
        painter.save()
        painter.resetTransform()
        painter.drawImage(area.topLeft(), self._image)
        painter.restore()

    def _draw_into(self, to_pixels: QTransform, area: QRect, parts: list[QRectF], clear: bool = True) -> None:
        """Draw ``parts`` of the picture again: cleared, then drawn within them only."""
        image_painter = QPainter(self._image)
        try:
            shift = QTransform.fromTranslate(-area.left(), -area.top())
            if clear:
                clip = QRegion()
                for part in parts:
                    clip += (to_pixels * shift).mapRect(part).toAlignedRect().adjusted(-1, -1, 1, 1)
                image_painter.setClipRegion(clip)
                image_painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
                image_painter.fillRect(self._image.rect(), Qt.GlobalColor.transparent)
                image_painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            image_painter.setTransform(to_pixels * shift)
            self.draw(image_painter, parts)
        finally:
            image_painter.end()


class _Labels(_Picture):
    """Every point's number, and the contract sign beside a limited one, drawn by one item.

    As 500 pyqtgraph TextItems they cost a Python call each per frame (and each re-laid out a text
    document), which made a frame of the matrix 40-60 ms; here the numbers are prepared once as
    static texts and drawn in one pass at their points' pixels, at the font's size whatever the
    zoom. The sign is a small white badge with a black border (it reads in greyscale too) whose
    lower left corner sits on the point's rim."""

    PAD = 4.0  # as a pyqtgraph TextItem's border sat round its text (the text document's margin)
    REACH = 48.0  # pixels from its point that a number and its badge can cover

    def __init__(self, font: QFont):
        super().__init__()
        self._font = font
        self._xy = np.zeros((2, 0))
        self._texts: list[QStaticText] = []
        self._half = np.zeros((2, 0))  # half of each number's width and height, in pixels
        self._white = np.zeros(0, dtype=bool)
        self._badged = np.zeros(0, dtype=bool)
        self._prepared: dict[str, QStaticText] = {}
        self._halves: dict[str, tuple[float, float]] = {}  # half of each prepared text's width and height
        self._pens = {False: QPen(QColor(INK)), True: QPen(QColor("white"))}
        self._badge_pen = QPen(QColor(INK), 1)
        self._badge_brush = QBrush(QColor("white"))

    def _static(self, text: str) -> QStaticText:
        prepared = self._prepared.get(text)
        if prepared is None:
            prepared = QStaticText(text)
            prepared.setTextFormat(Qt.TextFormat.PlainText)
            prepared.prepare(QTransform(), self._font)
            self._prepared[text] = prepared
            self._halves[text] = (prepared.size().width() / 2, prepared.size().height() / 2)
        return prepared

    def set_labels(self, xs: np.ndarray, ys: np.ndarray, texts: list[str], white: list[bool],
                   badged: list[bool]) -> None:
        xy = np.vstack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
        prepared = [self._static(t) for t in texts]
        white_now, badged_now = np.array(white, dtype=bool), np.array(badged, dtype=bool)
        if (len(prepared) == len(self._texts) and np.array_equal(xy, self._xy) and np.array_equal(white_now, self._white)
                and np.array_equal(badged_now, self._badged) and all(map(operator.is_, prepared, self._texts))):
            return  # the same numbers at the same places: the picture stays as it is
        self._xy = xy
        self._texts = prepared
        self._half = np.array([self._halves[t] for t in texts], dtype=float).reshape(-1, 2).T
        self._white, self._badged = white_now, badged_now
        self.redraw_all()

    def move(self, indexes: list[int], xs: list[float], ys: list[float]) -> None:
        was = self._xy[:, indexes].T.tolist()
        self._xy[0, indexes] = xs
        self._xy[1, indexes] = ys
        # Where they were and where they are now, as far as each number and its badge reach: only
        # these parts of the picture are drawn again (a drop into a crowd moves its twenty or forty
        # points: the pixel's size is asked once).
        dx, dy = _pixel(self)
        reach = (self._reach()[:, indexes] * np.array([[dx], [dy]])).T.tolist()
        for (x, y), (rx, ry) in zip(was + self._xy[:, indexes].T.tolist(), reach + reach, strict=True):
            self.redraw(QRectF(x - rx, y - ry, 2 * rx, 2 * ry))

    def restyle(self, index: int, text: str, white: bool, badged: bool) -> None:
        if (self._texts[index].text(), self._white[index], self._badged[index]) == (text, white, badged):
            return
        self._texts[index] = self._static(text)
        self._half[:, index] = self._halves[text]
        self._white[index], self._badged[index] = white, badged
        self._redraw_around(index)

    def _redraw_around(self, index: int) -> None:
        self.redraw(_around(self, float(self._xy[0, index]), float(self._xy[1, index]), self.REACH))

    def text_at(self, index: int) -> str:
        return self._texts[index].text()

    def position_at(self, index: int) -> tuple[float, float]:
        return float(self._xy[0, index]), float(self._xy[1, index])

    def badge_count(self) -> int:
        return int(self._badged.sum())

    def _reach(self) -> np.ndarray:
        """How far, in pixels across and up, each number (and its badge) can cover from its point: its
        own half size, the badge's far corner (``draw``), and a pixel or two for the glyphs' edges.
        A number is drawn into a part only if it reaches it (a drop into a crowd draws forty parts
        again; drawn by ``REACH``, every number within 96 pixels was drawn, most of them clipped)."""
        reach = self._half + 2.0
        if self._badged.any():
            size = self._static(CONTRACT_MARK).size()
            w, h = size.width() + 2 * self.PAD, size.height() + 2 * self.PAD
            badge = np.array([[1.5 * w + 2.0], [1.4 * h + 2.0]])
            reach = np.where(self._badged, np.maximum(reach, badge), reach)
        return reach

    def draw(self, painter: QPainter, parts: list[QRectF]) -> None:
        if not self._texts:
            return
        near = _near(self, self._xy, parts, self._reach())  # the numbers that reach into the parts drawn
        pixels = fn.transformCoordinates(painter.transform(), self._xy)
        corners = (pixels - self._half).tolist()  # each number centred on its point
        painter.resetTransform()
        painter.setFont(self._font)
        texts, draw = self._texts, painter.drawStaticText
        for white, pen in self._pens.items():
            painter.setPen(pen)
            for i in np.flatnonzero(near & (self._white == white)).tolist():
                draw(QPointF(corners[0][i], corners[1][i]), texts[i])
        badged = np.flatnonzero(near & self._badged).tolist()
        if badged:
            sign = self._static(CONTRACT_MARK)
            size = sign.size()
            w, h = size.width() + 2 * self.PAD, size.height() + 2 * self.PAD
            painter.setBrush(self._badge_brush)
            for i in badged:
                left, top = pixels[0, i] + 0.5 * w, pixels[1, i] - 1.4 * h
                painter.setPen(self._badge_pen)
                painter.drawRect(QRectF(left, top, w, h))
                painter.setPen(self._pens[False])
                painter.drawStaticText(QPointF(left + self.PAD, top + self.PAD), sign)


def _pixel(item: pg.GraphicsObject) -> tuple[float, float]:
    """How many view units one pixel is across and up, at the item's current size (a guess before
    it is laid out)."""
    width, height = item.pixelWidth(), item.pixelHeight()
    return (width or (HIGH - LOW) / 400, height or (HIGH - LOW) / 400)


def _around(item: pg.GraphicsObject, x: float, y: float, reach: float) -> QRectF:
    """The square ``reach`` pixels round a point, in view units."""
    dx, dy = _pixel(item)
    return QRectF(x - reach * dx, y - reach * dy, 2 * reach * dx, 2 * reach * dy)


def _near(item: pg.GraphicsObject, xy: np.ndarray, parts: list[QRectF], reach: float | np.ndarray) -> np.ndarray:
    """Which points lie within ``reach`` pixels of any of ``parts`` (one reach for all, or each point's
    own across and up: an array of two rows), so draw into them (every point against every part at
    once: a drop into a crowd redraws forty parts)."""
    dx, dy = _pixel(item)
    reach = np.broadcast_to(np.asarray(reach, dtype=float), (2, xy.shape[1]))
    box = np.array([(r.left(), r.right(), r.top(), r.bottom()) for r in parts], dtype=float).reshape(-1, 4)
    x, y = xy[0][None, :], xy[1][None, :]
    rx, ry = reach[0][None, :] * dx, reach[1][None, :] * dy
    return ((x >= box[:, 0:1] - rx) & (x <= box[:, 1:2] + rx)
            & (y >= box[:, 2:3] - ry) & (y <= box[:, 3:4] + ry)).any(axis=0)


class _Bars(_Picture):
    """The raters' spread: through each point, a bar from the lowest to the highest rating on each
    axis, with a short beam at each end; grey where the raters agree, orange and thicker where they
    differ by two or more. One item draws every bar; when one point changes, only the strips its old
    and new bars cover are drawn again."""

    BEAM = 0.06  # the beams' length, in rating units
    MARGIN = 3.0  # pixels: the thick pen's half width and a little more

    def __init__(self) -> None:
        super().__init__()
        self._bars = np.zeros((7, 0))  # x, y, left, right, bottom, top, flag (``PriorityMatrix._spread_of``)
        self._pens = ((0.0, pg.mkPen(SPREAD, width=0.8)), (1.0, pg.mkPen(FLAG, width=2)))

    def set_bars(self, bars: np.ndarray) -> None:
        if np.array_equal(bars, self._bars):
            return  # the same bars: the picture stays as it is
        self._bars = bars.copy()
        self.redraw_all()

    def set_bar(self, index: int, bar: tuple[float, ...]) -> None:
        if tuple(self._bars[:, index].tolist()) == tuple(bar):
            return
        for strip in self._strips(index):
            self.redraw(strip)
        self._bars[:, index] = bar
        for strip in self._strips(index):
            self.redraw(strip)

    def drawn(self) -> list[tuple[float, ...]]:
        """Every bar drawn (tests read it)."""
        return [tuple(bar) for bar in self._bars.T.tolist() if bar[6] >= 0]

    def _strips(self, index: int) -> list[QRectF]:
        x, y, left, right, bottom, top, flag = self._bars[:, index].tolist()
        if flag < 0:
            return []
        dx, dy = _pixel(self)
        mx, my = self.MARGIN * dx, self.MARGIN * dy
        half = self.BEAM / 2
        return [QRectF(x - left - mx, y - half - my, left + right + 2 * mx, 2 * (half + my)),
                QRectF(x - half - mx, y - bottom - my, 2 * (half + mx), bottom + top + 2 * my)]

    def draw(self, painter: QPainter, parts: list[QRectF]) -> None:
        x, y, left, right, bottom, top, flag = self._bars
        half = self.BEAM / 2
        # Six segments a bar: across, its two beams, upright, its two beams (x0, y0, x1, y1 each).
        lo, hi, below, above = x - left, x + right, y - bottom, y + top
        segments = np.stack([
            np.stack([lo, lo, hi, x, x - half, x - half], axis=1).ravel(),
            np.stack([y, y - half, y - half, below, below, above], axis=1).ravel(),
            np.stack([hi, lo, hi, x, x + half, x + half], axis=1).ravel(),
            np.stack([y, y + half, y + half, above, below, above], axis=1).ravel()])
        kinds = np.repeat(flag, 6)
        # Each segment is drawn only where it crosses a part being drawn: after one point moved,
        # the strips its old and new bars cover (and the stretch of a long bar of another point
        # crossing them). Segments are upright or across, so cutting one to a box is clamping it.
        dx, dy = _pixel(self)
        mx, my = self.MARGIN * dx, self.MARGIN * dy
        sx0, sx1 = np.minimum(segments[0], segments[2]), np.maximum(segments[0], segments[2])
        sy0, sy1 = np.minimum(segments[1], segments[3]), np.maximum(segments[1], segments[3])
        pieces = []
        for rect in parts:
            x_min, x_max = rect.left() - mx, rect.right() + mx
            y_min, y_max = rect.top() - my, rect.bottom() + my
            inside = (sx1 >= x_min) & (sx0 <= x_max) & (sy1 >= y_min) & (sy0 <= y_max) & (kinds >= 0)
            pieces.append(np.stack([np.clip(sx0[inside], x_min, x_max), np.clip(sy0[inside], y_min, y_max),
                                    np.clip(sx1[inside], x_min, x_max), np.clip(sy1[inside], y_min, y_max),
                                    kinds[inside]]))
        cut = np.concatenate(pieces, axis=1) if pieces else np.zeros((5, 0))
        for value, pen in self._pens:
            chosen = cut[:, cut[4] == value]
            if not chosen.size:
                continue
            x0, y0, x1, y1 = _merge_lines(*chosen[:4])
            path = pg.arrayToQPath(np.stack([x0, x1], axis=1).ravel(), np.stack([y0, y1], axis=1).ravel(),
                                   connect="pairs")
            painter.setPen(pen)
            painter.drawPath(path)


def _merge_lines(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> tuple[np.ndarray, ...]:
    """Level and upright segments (x0 <= x1, y0 <= y1) as fewer: those on one line that overlap or
    touch become one. Ratings are whole numbers, so hundreds of bars end on the same few lines and
    cover one another; drawn one by one, the same pixels were filled over and over (500 disagreeing
    actions: 11 ms of a full redraw). One pen, no antialiasing: the pixels are the same."""
    level = y0 == y1
    merged = []
    for start, end, at in ((x0[level], x1[level], y0[level]), (y0[~level], y1[~level], x0[~level])):
        if not at.size:
            merged.append((start, end, at))
            continue
        order = np.lexsort((start, at))
        start, end, at = start[order], end[order], at[order]
        new_line = np.r_[True, at[1:] != at[:-1]]
        # The furthest end reached so far on each line: lines are set apart by more than any
        # segment's length, so one running maximum serves them all.
        apart = float(end.max() - start.min()) + 1.0
        line = np.cumsum(new_line) * apart
        reached = np.maximum.accumulate(end + line)
        begins = new_line.copy()
        begins[1:] |= start[1:] + line[1:] > reached[:-1]
        first = np.flatnonzero(begins)
        merged.append((start[first], np.maximum.reduceat(end, first), at[first]))
    (hx0, hx1, hy), (vy0, vy1, vx) = merged
    return np.r_[hx0, vx], np.r_[hy, vy0], np.r_[hx1, vx], np.r_[hy, vy1]


class _Drawing(NamedTuple):
    """One action's point as the matrix draws it, all worked out from its record."""

    place: tuple[float, float]  # (ease, impact): where it truly is
    look: tuple[str, QPen, QBrush]  # ``PriorityMatrix._look``
    spread: tuple[float, ...]  # ``PriorityMatrix._spread_of``
    number: str
    white: bool  # its number in white (on an approved action's blue)
    badged: bool  # the contract sign beside it


class PriorityMatrix(pg.PlotWidget):
    point_selected = Signal(int)  # action id
    point_moved = Signal(int, float, float)  # action id, impact, ease: a finished drag
    point_nudged = Signal(int, float, float)  # the same from the arrow keys

    def __init__(self, parent: QWidget | None = None):
        # No right-click menu (the view is fixed): the view box is made without building one.
        super().__init__(parent, background="w", viewBox=pg.ViewBox(enableMenu=False))
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
            _measure_numbers(axis)
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

        self._spread = _Bars()
        self._leaders = pg.PlotDataItem([], [], connect="pairs", pen=pg.mkPen(SPREAD, width=1))
        for item in (self._spread, self._leaders):
            plot.addItem(item)
        # The ring round the selected point: one spot, set once, moved by moving the item (setData
        # would build its one spot again at each selection: a click or a grab's first millisecond).
        self._selection = pg.ScatterPlotItem([0.0], [0.0], size=POINT_SIZE + 12, pen=pg.mkPen(INK, width=2.5),
                                             brush=pg.mkBrush(255, 255, 255, 0), symbol="o")
        self._selection.setVisible(False)
        self._points = _Points(size=POINT_SIZE, pxMode=True, hoverable=True, tip=self._tip)
        # The point that follows the mouse in a drag, and its number: made at the first drag.
        self._ghost: pg.ScatterPlotItem | None = None
        self._ghost_label: pg.TextItem | None = None
        for item in (self._selection, self._points):
            plot.addItem(item)
        self._points.setZValue(10)
        self._brushes = {"approved": pg.mkBrush(APPROVED), "declined": pg.mkBrush(DECIDED),
                         "parked": pg.mkBrush(DECIDED), "proposed": pg.mkBrush("w")}
        self._pens = {True: pg.mkPen(FLAG, width=3, style=Qt.PenStyle.DashLine), False: pg.mkPen(INK, width=1.2)}
        self._number_font = QFont()
        self._number_font.setBold(True)
        self._number_font.setPointSize(8)
        self._labels_layer = _Labels(self._number_font)
        self._labels_layer.setZValue(20)
        plot.addItem(self._labels_layer)
        # The numbers and the raters' spread are kept as pictures (``_Picture``): a frame of a drag
        # (only the ghost moves) copies them instead of drawing 500 of each.
        # Where each shown point truly is and where it is drawn (crowds fanned out), and which index
        # in ``_shown`` and ``_items`` each action has: what moving one point needs.
        self._true: list[tuple[float, float]] = []
        self._spots: list[tuple[float, float]] = []
        self._leader_lines: list[tuple[tuple[float, float], tuple[float, float]]] | None = None  # as drawn
        self._shown_at: dict[int, int] = {}
        self._items_at: dict[int, int] = {}
        # Each shown action's words for a screen reader, kept with the record they were made from:
        # the description is made again after every drop, and only the changed action's words are.
        self._said: dict[int, tuple[PriorityItem, str]] = {}
        # Each action's point as drawn, kept with the record it was worked out from (``_drawing``).
        self._drawn: dict[int, tuple[PriorityItem, _Drawing | None]] = {}
        self._spots_gap = 0.0  # the gap ``_spots`` were fanned out with

        self._points.sigClicked.connect(self._clicked)
        self._points.drag_started.connect(self._drag_started)
        self._points.drag_moved.connect(self._drag_moved)
        self._points.drag_done.connect(self._drag_done)
        self._place_quadrants()

    # Drawing ------------------------------------------------------------------------------------
    def set_items(self, items: list[PriorityItem], midpoint_impact: float, midpoint_ease: float) -> None:
        """Show ``items`` (already filtered); unrated ones are left off the matrix."""
        self._items = list(items)
        self._items_at = {item.id: n for n, item in enumerate(self._items)}
        self._midpoints = (midpoint_impact, midpoint_ease)
        self._place_quadrants()
        # What each action's point looks like, worked out once per record (a filter change shows
        # the same records again; only a record read again is worked out anew).
        known, drawn = self._drawn, {}
        placed = []
        for item in self._items:
            kept = known.get(item.id)
            if kept is None or kept[0] is not item:
                kept = (item, self._drawing(item))
            drawn[item.id] = kept
            if kept[1] is not None:
                placed.append(kept)
        self._drawn = drawn
        shown = [i for i, _look in placed]
        self._shown = shown
        self._shown_at = {item.id: n for n, item in enumerate(shown)}
        true = [d.place for _i, d in placed]
        gap = self._gap()
        if true != self._true or gap != self._spots_gap:  # (the same places fan out the same)
            self._true, self._spots, self._spots_gap = true, fan_out(true, min_gap=gap), gap
        xs = np.array([p[0] for p in self._spots], dtype=float)
        ys = np.array([p[1] for p in self._spots], dtype=float)
        # The same few pen and brush objects for every point: pyqtgraph caches one symbol image
        # per pen/brush pair, and looks them up much faster when they are the same objects.
        self._points.set_spots(xs, ys, [d.look for _i, d in placed], [i.id for i in shown])
        self._labels_layer.set_labels(xs, ys, [d.number for _i, d in placed], [d.white for _i, d in placed],
                                      [d.badged for _i, d in placed])
        self._spread.set_bars(np.array([d.spread for _i, d in placed], dtype=float).reshape(-1, 7).T)
        self._draw_leaders()
        self._hide_ghost()
        self._draw_selection()
        self._describe()

    def update_item(self, item: PriorityItem) -> None:
        """One action changed (a drop, a nudge, a rating): move its point and restyle it, and move the
        points of any crowd it left or joined; the rest of the matrix stays as it is."""
        at = self._items_at.get(item.id)
        if at is None:
            return  # filtered out: not on the matrix
        self._items[at] = item
        drawing = self._drawing(item)
        self._drawn[item.id] = (item, drawing)
        n = self._shown_at.get(item.id)
        if (n is not None) != (drawing is not None):
            self.set_items(self._items, *self._midpoints)  # rated or unrated now: on or off the matrix
            return
        if n is None or drawing is None:
            self._describe()
            return
        self._shown[n] = item
        self._true[n] = drawing.place
        self._spots_gap = self._gap()
        spots = fan_out(self._true, min_gap=self._spots_gap)
        moved = [k for k, (new, old) in enumerate(zip(spots, self._spots, strict=True)) if new != old]
        self._spots = spots
        if moved:
            xs, ys = [spots[k][0] for k in moved], [spots[k][1] for k in moved]
            self._points.move_spots(moved, xs, ys)
            self._labels_layer.move(moved, xs, ys)
        self._points.restyle_spot(n, *drawing.look)
        self._labels_layer.restyle(n, drawing.number, drawing.white, drawing.badged)
        self._spread.set_bar(n, drawing.spread)
        self._draw_leaders()
        self._draw_selection()
        self._describe()

    def _drawing(self, item: PriorityItem) -> _Drawing | None:
        """How an action's point is drawn; None when it is not rated, so not on the matrix."""
        ease, impact = item.ease, item.impact  # (each worked out at each reading)
        if impact is None or ease is None:
            return None
        return _Drawing((ease, impact), self._look(item), self._spread_of(item, ease, impact), str(item.number),
                        item.status == "approved", item.contract_limited)

    def _look(self, item: PriorityItem) -> tuple[str, QPen, QBrush]:
        """A point's symbol (its status's shape), outline (dashed orange if raters differ) and fill."""
        return (SYMBOLS.get(item.status, "o"), self._pens[item.needs_discussion],
                self._brushes.get(item.status, self._brushes["proposed"]))

    @staticmethod
    def _spread_of(item: PriorityItem, ease: float, impact: float) -> tuple[float, ...]:
        """The point's bars (at ``ease``, ``impact``: where it is), from the lowest to the highest
        rating on each axis through the point: x, y, left, right, bottom, top, and whether they are
        drawn (1 raters differ, 0 they agree, -1 not drawn: one rater or none)."""
        s = item.summary
        if s.rater_count <= 1:
            return (ease, impact, 0.0, 0.0, 0.0, 0.0, -1.0)
        return (ease, impact, ease - (s.ease.low or ease), (s.ease.high or ease) - ease,
                impact - (s.impact.low or impact), (s.impact.high or impact) - impact,
                1.0 if s.needs_discussion else 0.0)

    def _draw_leaders(self) -> None:
        """A thin line from where a fanned-out point truly is to where its number is drawn."""
        leader = [(t, s) for t, s in zip(self._true, self._spots, strict=True) if t != s]
        if leader == self._leader_lines:
            return  # (a point moved from one lone place to another: every line stays as it is)
        self._leader_lines = leader
        self._leaders.setData([v for t, s in leader for v in (t[0], s[0])], [v for t, s in leader for v in (t[1], s[1])])

    def unrated_count(self) -> int:
        """How many of the actions given are not rated, so not on the matrix."""
        return len(self._items) - len(self._shown)

    def badge_count(self) -> int:
        """How many points carry the contract badge (tests read it)."""
        return self._labels_layer.badge_count()

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
        selected = self._shown[self._shown_at[self._selected]] if self._selected in self._shown_at else None
        parts = [f"Selected: {' '.join(point_lines(selected))}"] if selected is not None else []
        if not self._shown:
            parts.append("No rated actions to show.")
        by_quadrant: dict[Quadrant, list[str]] = {quadrant: [] for quadrant in QUADRANT_ORDER}
        said, words = self._said, {}
        for i in self._shown:
            known = said.get(i.id)
            if known is None or known[0] is not i:  # a record read again is a new object
                known = (i, f"{i.number}. {i.title} ({STATUS_WORDS.get(i.status, i.status)}"
                            f"{', limited by a contract' if i.contract_limited else ''})")
            words[i.id] = known
            by_quadrant[i.quadrant].append(known[1])
        self._said = words
        for quadrant, listed in by_quadrant.items():
            if listed:
                parts.append(f"{QUADRANT_LABELS[quadrant]}: {'; '.join(listed)}.")
        unrated = len(self._items) - len(self._shown)
        if unrated:
            parts.append(f"{unrated} not rated yet, so not on the matrix.")
        self.setAccessibleDescription(" ".join(parts))

    # Selection ----------------------------------------------------------------------------------
    def select(self, action_id: int | None) -> None:
        if action_id == self._selected:
            return  # drawn and described already: every redraw draws the selection and says it
        self._selected = action_id
        self._draw_selection()
        self._describe()

    def selected_id(self) -> int | None:
        return self._selected

    def _draw_selection(self) -> None:
        row = self._shown_at.get(self._selected)
        self._selection.setVisible(row is not None)
        if row is not None:
            self._selection.setPos(float(self._points.data["x"][row]), float(self._points.data["y"][row]))

    def _clicked(self, _item, points, _ev) -> None:
        if len(points):
            action_id = int(points[0].data())
            self.setFocus()
            self.select(action_id)
            self.point_selected.emit(action_id)

    # Dragging -----------------------------------------------------------------------------------
    def _drag_started(self, index: int) -> None:
        """The grabbed point is the selected one from the start, as a click would make it: the list
        shows its row and the details panel its details while it is dragged, and the drop then only
        moves it (scrolling the list to a far row repaints every cell of it: no longer on the
        release the person waits for)."""
        self._choose(self._shown[index].id)

    def _choose(self, action_id: int) -> None:
        """Select a point and tell the tab, unless it is already the selected one."""
        if action_id != self._selected:
            self.select(action_id)
            self.point_selected.emit(action_id)

    def _drag_moved(self, index: int, x: float, y: float) -> None:
        if self._ghost is None or self._ghost_label is None:
            self._ghost = pg.ScatterPlotItem([0.0], [0.0], size=POINT_SIZE, brush=pg.mkBrush(255, 255, 255, 200),
                                             pen=pg.mkPen(INK, width=1.5, style=Qt.PenStyle.DashLine))
            self._ghost.setZValue(25)
            self._ghost_label = pg.TextItem("", color=INK, anchor=(0.5, 0.5))
            self._ghost_label.setZValue(30)
            for ghost in (self._ghost, self._ghost_label):
                self.getPlotItem().addItem(ghost)
        number = str(self._shown[index].number)
        if self._ghost_label.toPlainText() != number:
            self._ghost_label.setText(number)
        for ghost in (self._ghost, self._ghost_label):  # moved, not made again, at each step of the mouse
            ghost.setPos(x, y)
            ghost.setVisible(True)

    def _hide_ghost(self) -> None:
        for ghost in (self._ghost, self._ghost_label):
            if ghost is not None:
                ghost.setVisible(False)

    def _drag_done(self, index: int, x: float, y: float) -> None:
        item = self._shown[index]
        self._hide_ghost()
        self._choose(item.id)  # a drag started elsewhere (a test, a touch) selects on the drop
        self.point_moved.emit(item.id, round(y, 2), round(x, 2))

    # A visible frame round the plot while the keyboard is on the matrix (arrow keys then move the
    # selected point); drawn by the plot, so the widget's size and the points' places don't change.
    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        if self.getPlotItem() is not None:  # (None once closed)
            self.getPlotItem().vb.setBorder(pg.mkPen(APPROVED, width=3))

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        if self.getPlotItem() is not None:
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


def _measure_numbers(axis: pg.AxisItem) -> None:
    """Let an axis measure its numbers now, as its first paint would. Until then it guesses their
    width (30 pixels); a narrower axis after the first paint widened the plot, and the whole matrix
    was drawn again at its new scale (at the tab's first visit, or its next)."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        axis.generateDrawSpecs(painter)
    finally:
        painter.end()


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
