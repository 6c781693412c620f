"""The impact x ease matrix as a vector drawing (reportlab.graphics), for the printouts.

Impact runs up, ease of implementation runs right, both 1-5, split at the plan's midpoints into
the four quadrants of seed 004. Colours are light tints of the Okabe-Ito palette, which stay
distinct for colour-blind readers. On a black-and-white printer the quadrants still differ: each is
named in words in its corner, their tints are four different greys (Do it now! the darkest) and
Reconsider is hatched. A point that needs discussion is a dashed circle with heavy spread lines,
not just an orange one; an approved point is filled. An action limited by a contract or collective
bargaining carries a small white badge with a black "§" at its upper right (the key says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors

from services.priorities.contract_limits import MARK as CONTRACT_MARK
from services.priorities.matrix_layout import fan_out
from services.priorities.prioritization import QUADRANT_LABELS, SCALE_MAX, SCALE_MIN, Quadrant, RatingSummary, summarize
from services.priorities.priority_board import PriorityItem
from services.reports.document import FONT, FONT_BOLD, INK, MUTED, RULE
from services.reports.marks import add_hatch

QUADRANT_FILL = {  # tints whose greys differ too (luminance about 213, 229, 247 and 242)
    Quadrant.DO_NOW: colors.HexColor("#B9E3D3"),  # bluish green
    Quadrant.DO_NEXT: colors.HexColor("#D6E9F5"),  # sky blue
    Quadrant.LATER: colors.HexColor("#FDF8E1"),  # yellow
    Quadrant.RECONSIDER: colors.HexColor("#F2F2F2"),  # grey, hatched
}
HATCHED = {Quadrant.RECONSIDER: "diagonal"}  # services.reports.marks patterns
HATCH = colors.HexColor("#B8C0CA")
APPROVED_FILL = colors.HexColor("#0072B2")
FLAG = colors.HexColor("#D55E00")
SPREAD = colors.HexColor("#7B8794")
LOW, HIGH = SCALE_MIN - 0.5, SCALE_MAX + 0.5


@dataclass(frozen=True)
class MatrixPoint:
    """A numbered point to draw that is not a Priorities action (a focus group's rated idea, an
    initiative on a template's illustrative chart): the fields ``matrix_drawing`` reads."""

    number: int
    impact: float
    ease: float
    summary: RatingSummary = summarize(())
    needs_discussion: bool = False
    status: str = ""


def matrix_drawing(items: Sequence[PriorityItem | MatrixPoint], size: float, midpoint_impact: float, midpoint_ease: float,
                   *, show_points: bool = True) -> Drawing:
    """A square drawing ``size`` points wide; with ``show_points`` False, the empty grid for voting."""
    left, bottom, pad = 34.0, 30.0, 6.0
    plot = size - left - pad
    d = Drawing(size, size)

    def px(ease: float) -> float:
        return left + (ease - LOW) / (HIGH - LOW) * plot

    def py(impact: float) -> float:
        return bottom + (impact - LOW) / (HIGH - LOW) * (size - bottom - pad)

    mx, my = px(midpoint_ease), py(midpoint_impact)
    x0, x1, y0, y1 = px(LOW), px(HIGH), py(LOW), py(HIGH)
    for q, (ax, ay, bx, by) in {
        Quadrant.DO_NOW: (mx, my, x1, y1), Quadrant.DO_NEXT: (x0, my, mx, y1),
        Quadrant.LATER: (mx, y0, x1, my), Quadrant.RECONSIDER: (x0, y0, mx, my),
    }.items():
        d.add(Rect(ax, ay, bx - ax, by - ay, fillColor=QUADRANT_FILL[q], strokeColor=None))
        if q in HATCHED:
            add_hatch(d, ax, ay, bx - ax, by - ay, HATCHED[q], color=HATCH, spacing=6.4, width=0.5)
    for v in range(SCALE_MIN, SCALE_MAX + 1):
        d.add(Line(px(v), y0, px(v), y1, strokeColor=colors.white, strokeWidth=0.8))
        d.add(Line(x0, py(v), x1, py(v), strokeColor=colors.white, strokeWidth=0.8))
        d.add(String(px(v), y0 - 11, str(v), fontName=FONT, fontSize=8, fillColor=MUTED, textAnchor="middle"))
        d.add(String(x0 - 6, py(v) - 3, str(v), fontName=FONT, fontSize=8, fillColor=MUTED, textAnchor="end"))
    d.add(Line(mx, y0, mx, y1, strokeColor=INK, strokeWidth=1.2))
    d.add(Line(x0, my, x1, my, strokeColor=INK, strokeWidth=1.2))
    d.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=None, strokeColor=RULE, strokeWidth=0.8))
    corner = 13
    d.add(String(x1 - 6, y1 - corner, QUADRANT_LABELS[Quadrant.DO_NOW], fontName=FONT_BOLD, fontSize=11,
                 fillColor=INK, textAnchor="end"))
    d.add(String(x0 + 6, y1 - corner, QUADRANT_LABELS[Quadrant.DO_NEXT], fontName=FONT_BOLD, fontSize=11,
                 fillColor=INK))
    d.add(String(x1 - 6, y0 + 7, QUADRANT_LABELS[Quadrant.LATER], fontName=FONT_BOLD, fontSize=11,
                 fillColor=INK, textAnchor="end"))
    d.add(String(x0 + 6, y0 + 7, QUADRANT_LABELS[Quadrant.RECONSIDER], fontName=FONT_BOLD, fontSize=11,
                 fillColor=INK))
    d.add(String((x0 + x1) / 2, 2, "Ease of implementation  (harder  \u2192  easier)", fontName=FONT,
                 fontSize=9, fillColor=INK, textAnchor="middle"))
    title = String(0, 0, "Impact  (lower  \u2192  higher)", fontName=FONT, fontSize=9, fillColor=INK,
                   textAnchor="middle")
    from reportlab.graphics.shapes import Group

    rotated = Group(title)
    rotated.rotate(90)
    rotated.translate((y0 + y1) / 2, -9)
    d.add(rotated)
    if not show_points:
        return d

    shown = [i for i in items if i.impact is not None and i.ease is not None]
    radius = 7.5
    unit = plot / (HIGH - LOW)
    spots = fan_out([(i.ease, i.impact) for i in shown], min_gap=(2 * radius + 1.5) / unit)
    for item in shown:  # spread first, so points draw over the bars
        if item.summary.rater_count > 1:
            cx, cy = px(item.ease), py(item.impact)
            colour = FLAG if item.needs_discussion else SPREAD
            if item.summary.ease.spread:
                d.add(Line(px(item.summary.ease.low), cy, px(item.summary.ease.high), cy, strokeColor=colour,
                           strokeWidth=1.6 if item.needs_discussion else 0.6))
            if item.summary.impact.spread:
                d.add(Line(cx, py(item.summary.impact.low), cx, py(item.summary.impact.high), strokeColor=colour,
                           strokeWidth=1.6 if item.needs_discussion else 0.6))
    for item, (sx, sy) in zip(shown, spots, strict=True):
        cx, cy = px(sx), py(sy)
        if (sx, sy) != (item.ease, item.impact):
            d.add(Line(px(item.ease), py(item.impact), cx, cy, strokeColor=MUTED, strokeWidth=0.4))
        approved = item.status == "approved"
        d.add(Circle(cx, cy, radius, fillColor=APPROVED_FILL if approved else colors.white,
                     strokeColor=FLAG if item.needs_discussion else INK,
                     strokeWidth=2 if item.needs_discussion else 0.8,
                     strokeDashArray=(2, 1.5) if item.needs_discussion else None))
        label = str(item.number)
        d.add(String(cx, cy - 3, label, fontName=FONT_BOLD, fontSize=7 if len(label) < 3 else 5.5,
                     fillColor=colors.white if approved else INK, textAnchor="middle"))
        if getattr(item, "contract_limited", False):
            _contract_badge(d, cx + radius * 0.55, cy + radius * 0.45)
    return d


def _contract_badge(d: Drawing, x: float, y: float) -> None:
    """The contract sign in a small white box whose lower left corner sits on the point's rim."""
    w, h = 6.4, 8.0
    d.add(Rect(x, y, w, h, fillColor=colors.white, strokeColor=INK, strokeWidth=0.6))
    d.add(String(x + w / 2, y + 1.8, CONTRACT_MARK, fontName=FONT_BOLD, fontSize=6.5, fillColor=INK,
                 textAnchor="middle"))

