"""The distribution of answers per item as stacked horizontal bars, in vector form for the PDF.

Each answer has a colour and a pattern, so the bars still read on a black-and-white printer: the
lower levels (and "No") are hatched, the closer-set the lower, a middle level has level lines,
the upper levels are plain and darken upward (on a long scale those between the lightest and the
top are hatched the other way), and "Don't know" is cross-hatched. The legend shows the same
swatches."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.instrument import DONT_KNOW, Instrument, Scale
from services.readiness.readiness_scoring import RoundReading
from services.reports.document import FONT, FONT_BOLD, INK, MUTED, RULE
from services.scale_colors import DONT_KNOW_COLOR, scale_colors, text_color_on

ROW = 15.0
BAR = 10.5
LABEL_WIDTH = 34.0

# Patterns: ("diagonal", spacing) rising, ("falling", spacing), ("level", spacing), ("cross", spacing),
# or ("plain", 0)
Pattern = tuple[str, float]


def answer_patterns(scale: Scale) -> dict[int, Pattern]:
    """Each answer's pattern: hatched below the middle (closer lines for lower levels), level
    lines on an odd scale's middle point, plain above it but for the levels between the lightest
    upper one and the top, hatched the other way; "don't know" cross-hatched. No two answers of a
    scale share a pattern unless their colours differ clearly in grey."""
    points = scale.points
    first_upper = points // 2 + 1 + points % 2  # the first level above the middle
    out: dict[int, Pattern] = {}
    for v in scale.values:
        if 2 * v < points + 1:  # below the middle
            out[v] = ("diagonal", 2.6 + 2.4 * (v - 1))
        elif 2 * v == points + 1:
            out[v] = ("level", 3.0)
        elif v in (first_upper, points):
            out[v] = ("plain", 0.0)
        else:
            out[v] = ("falling", 3.0 + 2.4 * (v - first_upper - 1))
    out[DONT_KNOW] = ("cross", 4.0)
    return out


def _clip_diagonal(x: float, y: float, w: float, h: float, c: float, rising: bool) -> tuple[float, ...] | None:
    """The part of the 45° line through (x + c, y) that lies inside the rectangle."""
    x0, y0 = x + c, y
    x1, y1 = x + c + h, y + h
    if not rising:  # mirror: falls from (x + c, y + h) to (x + c + h, y)
        y0, y1 = y + h, y
    if x0 < x:
        t = x - x0
        x0, y0 = x, y0 + (t if rising else -t)
    if x1 > x + w:
        t = x1 - (x + w)
        x1, y1 = x + w, y1 - (t if rising else -t)
    return (x0, y0, x1, y1) if x1 > x0 + 0.2 else None


def swatch(x: float, y: float, w: float, h: float, fill: str, pattern: Pattern) -> Group:
    """A rectangle in ``fill`` with ``pattern`` drawn over it in black or white, whichever reads."""
    g = Group(Rect(x, y, w, h, fillColor=colors.HexColor(fill), strokeColor=colors.white, strokeWidth=0.5))
    kind, spacing = pattern
    ink = colors.HexColor(text_color_on(fill))
    if kind in ("diagonal", "falling", "cross"):
        for rising in {"diagonal": (True,), "falling": (False,), "cross": (True, False)}[kind]:
            c = -h
            while c < w:
                seg = _clip_diagonal(x, y, w, h, c, rising)
                if seg:
                    g.add(Line(*seg, strokeColor=ink, strokeWidth=0.55))
                c += spacing
    elif kind == "level":
        yy = y + spacing / 2
        while yy < y + h:
            g.add(Line(x, yy, x + w, yy, strokeColor=ink, strokeWidth=0.55))
            yy += spacing
    return g


def distribution_drawing(instrument: Instrument, reading: RoundReading, width: float) -> Drawing:
    """One bar per item, grouped by section, each answer's share in the scale's colour and pattern."""
    scale = instrument.scale
    palette = scale_colors(scale.points)
    values = [*scale.values] + ([DONT_KNOW] if scale.dont_know else [])
    fills = {v: palette[v - 1] for v in scale.values} | {DONT_KNOW: DONT_KNOW_COLOR}
    patterns = answer_patterns(scale)
    names = {v: scale.label(v) for v in values}

    rows: list[tuple[str, object]] = []  # ("section", title) or ("item", ItemResult)
    for section in reading.sections:
        rows.append(("section", section.title))
        rows.extend(("item", item) for item in section.items)
    legend_height = 24.0
    height = len(rows) * ROW + legend_height + 14
    d = Drawing(width, height)
    bar_width = width - LABEL_WIDTH - 40
    y = height - legend_height

    # Legend along the top, in scale order, with the bars' own swatches.
    x = LABEL_WIDTH
    for v in values:
        d.add(swatch(x, y + 5, 16, 11, fills[v], patterns[v]))
        d.add(Rect(x, y + 5, 16, 11, fillColor=None, strokeColor=INK, strokeWidth=0.4))
        d.add(String(x + 20, y + 7.5, names[v], fontName=FONT, fontSize=7.5, fillColor=INK))
        x += 20 + stringWidth(names[v], FONT, 7.5) + 14

    for kind, row in rows:
        y -= ROW
        if kind == "section":
            d.add(String(0, y + 3, str(row), fontName=FONT_BOLD, fontSize=8, fillColor=MUTED))
            continue
        item = row
        d.add(String(0, y + 2.5, item.key, fontName=FONT, fontSize=8, fillColor=INK))
        total = item.reading.total
        d.add(Rect(LABEL_WIDTH, y, bar_width, BAR, fillColor=None, strokeColor=RULE, strokeWidth=0.4))
        if total == 0:
            d.add(String(LABEL_WIDTH + 4, y + 2.5, "no answers", fontName=FONT, fontSize=7, fillColor=MUTED))
            continue
        x = LABEL_WIDTH
        for v in values:
            n = item.reading.count(v)
            if not n:
                continue
            w = bar_width * n / total
            d.add(swatch(x, y, w, BAR, fills[v], patterns[v]))
            if w >= 12:
                label = str(n)
                if patterns[v][0] == "plain":
                    ink = colors.HexColor(text_color_on(fills[v]))
                else:  # on a white patch, so the hatching neither crosses nor hides the count
                    ink = INK
                    lw = stringWidth(label, FONT, 7) + 4
                    d.add(Rect(x + w / 2 - lw / 2, y + 1.2, lw, BAR - 2.4, fillColor=colors.white,
                               strokeColor=None))
                d.add(String(x + w / 2, y + 2.6, label, fontName=FONT, fontSize=7, textAnchor="middle",
                             fillColor=ink))
            x += w
        d.add(String(LABEL_WIDTH + bar_width + 4, y + 2.5, f"n={total}", fontName=FONT, fontSize=7, fillColor=MUTED))
    return d
