"""WellPlan's icon, drawn in code: a blue rounded square with a white rising line of three steps
ending in a green leaf (a plan that grows wellbeing), crisp at every size the desktop asks for.

Drawn rather than shipped as an image so the window, the bundle and the desktop entry can't drift
apart: ``python -m gui.app_icon OUT.png [SIZE]`` writes the same picture for the installer.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

BLUE = QColor("#1F5F99")  # the printouts' heading blue
GREEN = QColor("#3BA55C")
SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_pixmap(size: int) -> QPixmap:
    """The icon as a square pixmap ``size`` pixels wide, transparent outside its rounded square."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    inset = s * 0.04
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(BLUE))
    p.drawRoundedRect(QRectF(inset, inset, s - 2 * inset, s - 2 * inset), s * 0.2, s * 0.2)
    # three steps up, left to right
    line = QPainterPath(QPointF(s * 0.2, s * 0.74))
    for x, y in ((0.38, 0.74), (0.38, 0.58), (0.56, 0.58), (0.56, 0.42), (0.7, 0.42)):
        line.lineTo(s * x, s * y)
    pen = QPen(QColor("white"), max(1.5, s * 0.085))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(line)
    # the leaf at the top step
    leaf = QPainterPath(QPointF(s * 0.68, s * 0.42))
    leaf.cubicTo(QPointF(s * 0.7, s * 0.2), QPointF(s * 0.82, s * 0.16), QPointF(s * 0.86, s * 0.14))
    leaf.cubicTo(QPointF(s * 0.86, s * 0.3), QPointF(s * 0.8, s * 0.42), QPointF(s * 0.68, s * 0.42))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(GREEN))
    p.drawPath(leaf)
    p.end()
    return pixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(icon_pixmap(size))
    return icon


def main(argv: list[str]) -> int:
    """Write the icon as a PNG: ``python -m gui.app_icon OUT.png [SIZE]`` (for bundles and installers)."""
    from PySide6.QtGui import QGuiApplication

    if len(argv) not in (2, 3):
        print("usage: python -m gui.app_icon OUT.png [SIZE]", file=sys.stderr)
        return 2
    _app = QGuiApplication.instance() or QGuiApplication(["wellplan-icon"])
    size = int(argv[2]) if len(argv) == 3 else 256
    if not icon_pixmap(size).save(argv[1]):
        print(f"Could not write {argv[1]}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
