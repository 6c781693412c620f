"""Marks and fills that survive a black-and-white printer.

Most school printers print in grey. A mark that differs only by colour (a green dot for "yes", a
red one for "no") prints as two grey dots. A ``Mark`` differs three ways: its colour, its shape
(circle, square, diamond, triangle, ...) and a letter printed inside it; its ``label`` is the
word a legend prints beside it. A bar or area can carry a ``hatch`` pattern as well as a colour.

Draw a mark

- on a page, in a table cell or beside a label: ``MarkFlowable(mark)``; ``labelled(mark, text)``
  puts the mark and its word side by side; ``legend(marks)`` prints a row of them;
- on a reportlab.graphics Drawing (a chart): ``drawing.add(mark_group(mark, cx, cy, size))``;
- on a canvas (a flowable's ``draw``): ``draw_mark(canvas, mark, cx, cy, size)``.

Hatch a rectangle: ``hatch_lines(x, y, w, h, pattern)`` gives the line segments (clipped to the
rectangle) to stroke over its fill; ``add_hatch(drawing, ...)`` and ``draw_hatch(canvas, ...)``
draw them. Patterns: "diagonal", "back-diagonal", "cross", "horizontal", "vertical" ("" or
"solid": none).

Ready-made sets, in the order a legend lists them: ``YES_NO`` (yes, no, don't know),
``STATUS`` (done, on track, late, not started) and ``scale_marks(labels)`` for an ordered scale
such as readiness levels (each step its own shape and number).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from services.reports.document import FONT_BOLD, INK, styles, text

SHAPES = ("circle", "square", "diamond", "triangle", "down-triangle", "hexagon")
PATTERNS = ("", "solid", "diagonal", "back-diagonal", "cross", "horizontal", "vertical")


@dataclass(frozen=True)
class Mark:
    shape: str  # one of SHAPES
    letter: str  # one or two characters printed inside: "Y", "N", "?", "3"
    fill: colors.Color
    label: str = ""  # what a legend prints beside it

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"Unknown mark shape {self.shape!r}; choose one of {', '.join(SHAPES)}.")


def _dark(color: colors.Color) -> bool:
    """Whether white reads better than ink on ``color`` (its luminance, as a printer's grey)."""
    r, g, b = color.red, color.green, color.blue
    return 0.299 * r + 0.587 * g + 0.114 * b < 0.55


def _outline(shape: str, cx: float, cy: float, size: float) -> list[float]:
    """The polygon points of ``shape`` centred on (cx, cy) in a ``size`` square."""
    r = size / 2
    if shape == "square":
        r *= 0.9
        return [cx - r, cy - r, cx + r, cy - r, cx + r, cy + r, cx - r, cy + r]
    if shape == "diamond":
        return [cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy]
    if shape == "triangle":
        return [cx - r, cy - r * 0.85, cx + r, cy - r * 0.85, cx, cy + r]
    if shape == "down-triangle":
        return [cx - r, cy + r * 0.85, cx + r, cy + r * 0.85, cx, cy - r]
    points: list[float] = []  # hexagon
    for i in range(6):
        a = math.pi / 6 + i * math.pi / 3
        points += [cx + r * math.cos(a), cy + r * math.sin(a)]
    return points


def mark_group(mark: Mark, cx: float, cy: float, size: float = 10) -> Group:
    """The mark as reportlab.graphics shapes centred on (cx, cy), for a chart's Drawing."""
    common = {"fillColor": mark.fill, "strokeColor": INK, "strokeWidth": 0.7}
    if mark.shape == "circle":
        body = Circle(cx, cy, size / 2, **common)
    else:
        body = Polygon(_outline(mark.shape, cx, cy, size), **common)
    font_size = size * (0.58 if len(mark.letter) < 2 else 0.46)
    # a triangle's letter sits low, where the shape is wide enough to hold it
    shift = {"triangle": -size * 0.12, "down-triangle": size * 0.12}.get(mark.shape, 0)
    letter = String(cx, cy + shift - font_size * 0.36, mark.letter, fontName=FONT_BOLD, fontSize=font_size,
                    fillColor=colors.white if _dark(mark.fill) else INK, textAnchor="middle")
    return Group(body, letter)


def draw_mark(canv, mark: Mark, cx: float, cy: float, size: float = 10) -> None:
    """Draw the mark centred on (cx, cy) on a pdfgen canvas."""
    drawing = Drawing(size + 2, size + 2)
    drawing.add(mark_group(mark, size / 2 + 1, size / 2 + 1, size))
    renderPDF.draw(drawing, canv, cx - size / 2 - 1, cy - size / 2 - 1)


class MarkFlowable(Flowable):
    """A mark as a flowable: in a table cell, or beside its label (``labelled``)."""

    def __init__(self, mark: Mark, size: float = 10):
        super().__init__()
        self.mark = mark
        self.size = size
        self.width = self.height = size + 2

    def draw(self) -> None:
        draw_mark(self.canv, self.mark, self.width / 2, self.height / 2, self.size)


def labelled(mark: Mark, label: str | None = None, size: float = 10) -> Table:
    """The mark and its word, side by side, kept on one line."""
    st = styles()
    cell = Table([[MarkFlowable(mark, size), Paragraph(text(label if label is not None else mark.label), st.cell)]],
                 colWidths=[size + 6, None])
    cell.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return cell


def legend(marks: Sequence[Mark], width: float | None = None, size: float = 10) -> Table:
    """One row: each mark beside its label, e.g. "(Y) Yes  [N] No  <?> Don't know"."""
    st = styles()
    cells: list[Flowable] = []
    widths: list[float | None] = []
    for m in marks:
        cells += [MarkFlowable(m, size), Paragraph(text(m.label), st.small)]
        widths += [size + 5, (width / len(marks) - size - 5) if width else None]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    return table


def hatch_lines(x: float, y: float, w: float, h: float, pattern: str,
                spacing: float = 4) -> list[tuple[float, float, float, float]]:
    """The segments (x1, y1, x2, y2) of ``pattern`` across the rectangle, clipped to it."""
    if pattern in ("", "solid"):
        return []
    if pattern not in PATTERNS:
        raise ValueError(f"Unknown hatch pattern {pattern!r}; choose one of {', '.join(PATTERNS[1:])}.")
    if pattern == "cross":
        return hatch_lines(x, y, w, h, "diagonal", spacing) + hatch_lines(x, y, w, h, "back-diagonal", spacing)
    segments = []
    if pattern == "horizontal":
        yy = y + spacing / 2
        while yy < y + h:
            segments.append((x, yy, x + w, yy))
            yy += spacing
        return segments
    if pattern == "vertical":
        xx = x + spacing / 2
        while xx < x + w:
            segments.append((xx, y, xx, y + h))
            xx += spacing
        return segments
    # diagonals at 45 degrees: u = (x - x0) -/+ (y - y0) stepped by spacing; clip to the box
    step = spacing * math.sqrt(2)
    c = -h + step / 2
    while c < w:
        if pattern == "diagonal":  # rising: points (x0 + t + c, y0 + t)
            t0, t1 = max(0.0, -c), min(h, w - c)
            if t1 > t0:
                segments.append((x + t0 + c, y + t0, x + t1 + c, y + t1))
        else:  # falling: points (x0 + c + t, y0 + h - t)
            t0, t1 = max(0.0, -c), min(h, w - c)
            if t1 > t0:
                segments.append((x + c + t0, y + h - t0, x + c + t1, y + h - t1))
        c += step
    return segments


def add_hatch(drawing: Drawing | Group, x: float, y: float, w: float, h: float, pattern: str,
              color: colors.Color = INK, spacing: float = 4, width: float = 0.6) -> None:
    """Stroke ``pattern`` over a rectangle already on ``drawing`` (draw the fill first)."""
    for x1, y1, x2, y2 in hatch_lines(x, y, w, h, pattern, spacing):
        drawing.add(Line(x1, y1, x2, y2, strokeColor=color, strokeWidth=width))


def draw_hatch(canv, x: float, y: float, w: float, h: float, pattern: str,
               color: colors.Color = INK, spacing: float = 4, width: float = 0.6) -> None:
    """Stroke ``pattern`` over a rectangle on a pdfgen canvas (draw the fill first)."""
    canv.saveState()
    canv.setStrokeColor(color)
    canv.setLineWidth(width)
    for x1, y1, x2, y2 in hatch_lines(x, y, w, h, pattern, spacing):
        canv.line(x1, y1, x2, y2)
    canv.restoreState()


def hatched_rect(x: float, y: float, w: float, h: float, fill: colors.Color, pattern: str,
                 stroke: colors.Color | None = INK) -> Group:
    """A filled rectangle with ``pattern`` over it, for a chart's Drawing (a bar, a legend key)."""
    group = Group(Rect(x, y, w, h, fillColor=fill, strokeColor=stroke, strokeWidth=0.6 if stroke else 0))
    add_hatch(group, x, y, w, h, pattern)
    return group


GREEN = colors.HexColor("#2F855A")
RED = colors.HexColor("#C53030")
AMBER = colors.HexColor("#F6C244")
GREY = colors.HexColor("#CBD2D9")
BLUE = colors.HexColor("#2B6CB0")

YES_NO = (
    Mark("circle", "Y", GREEN, "Yes"),
    Mark("square", "N", RED, "No"),
    Mark("diamond", "?", AMBER, "Don't know"),
)
STATUS = (
    Mark("circle", "\u2713", GREEN, "Done"),
    Mark("square", "O", BLUE, "On track"),
    Mark("triangle", "!", RED, "Late"),
    Mark("diamond", "-", GREY, "Not started"),
)


def scale_marks(labels: Sequence[str], low: colors.Color = colors.HexColor("#FDE8D7"),
                high: colors.Color = colors.HexColor("#2B6CB0")) -> list[Mark]:
    """Marks for an ordered scale (readiness levels 1-5 and the like): each step its own shape
    and its number, shading from ``low`` to ``high``."""
    n = len(labels)
    marks = []
    for i, label in enumerate(labels):
        t = i / (n - 1) if n > 1 else 1.0
        fill = colors.linearlyInterpolatedColor(low, high, 0, 1, t)
        marks.append(Mark(SHAPES[i % len(SHAPES)], str(i + 1), fill, label))
    return marks
