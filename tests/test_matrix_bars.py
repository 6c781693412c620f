"""The raters' spread bars are drawn as fewer, longer lines where they overlap (issue 21): the
picture is the one drawing every bar alone gives, pixel for pixel."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter, QTransform

from gui.priorities.matrix_view import _merge_lines


def _picture(x0, y0, x1, y1) -> np.ndarray:
    image = QImage(420, 420, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setTransform(QTransform(80, 0, 0, -80, 10, 410))  # as a view: 1-5, upwards
    painter.setPen(pg.mkPen("#D55E00", width=2))
    painter.drawPath(pg.arrayToQPath(np.stack([x0, x1], axis=1).ravel(), np.stack([y0, y1], axis=1).ravel(),
                                     connect="pairs"))
    painter.end()
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(420, image.bytesPerLine()).copy()


def test_overlapping_bars_become_one_line_and_the_picture_stays_the_same(qapp):
    rng = np.random.default_rng(3)
    n = 400  # bars from one whole rating to another, through points at tenths: they overlap a lot
    at = rng.integers(10, 50, n) / 10
    low, high = rng.integers(1, 4, n).astype(float), rng.integers(3, 6, n).astype(float)
    level = rng.random(n) < 0.5
    x0, x1 = np.where(level, low, at), np.where(level, high, at)
    y0, y1 = np.where(level, at, low), np.where(level, at, high)
    merged = _merge_lines(x0, y0, x1, y1)
    assert len(merged[0]) < n / 2
    # Every merged line is level or upright, and lies on the lines it replaces.
    assert np.all((merged[0] == merged[2]) | (merged[1] == merged[3]))
    assert np.array_equal(_picture(*merged), _picture(x0, y0, x1, y1))


def test_separate_and_touching_segments_on_one_line():
    x0, y0 = np.array([0.0, 1.0, 3.0, 2.0, 5.0]), np.array([1.0, 1.0, 1.0, 1.0, 0.0])
    x1, y1 = np.array([1.0, 2.0, 4.0, 2.0, 5.0]), np.array([1.0, 1.0, 1.0, 1.0, 3.0])
    got = sorted(zip(*(v.tolist() for v in _merge_lines(x0, y0, x1, y1)), strict=True))
    # 0-1, 1-2 and the dot at 2 are one line; 3-4 stays apart; the upright one is left as it is.
    assert got == [(0.0, 1.0, 2.0, 1.0), (3.0, 1.0, 4.0, 1.0), (5.0, 0.0, 5.0, 3.0)]
