"""The distribution of answers per item as stacked horizontal bars, in vector form for the PDF."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from models.instrument import DONT_KNOW, Instrument
from services.readiness.readiness_scoring import RoundReading
from services.reports.document import FONT, FONT_BOLD, INK, MUTED, RULE
from services.scale_colors import DONT_KNOW_COLOR, scale_colors, text_color_on

ROW = 15.0
BAR = 10.5
LABEL_WIDTH = 34.0


def distribution_drawing(instrument: Instrument, reading: RoundReading, width: float) -> Drawing:
    """One bar per item, grouped by section, each answer's share in the scale's colour."""
    scale = instrument.scale
    palette = scale_colors(scale.points)
    values = [*scale.values] + ([DONT_KNOW] if scale.dont_know else [])
    fills = {v: palette[v - 1] for v in scale.values} | {DONT_KNOW: DONT_KNOW_COLOR}
    names = {v: scale.label(v) for v in values}

    rows: list[tuple[str, object]] = []  # ("section", title) or ("item", ItemResult)
    for section in reading.sections:
        rows.append(("section", section.title))
        rows.extend(("item", item) for item in section.items)
    legend_height = 22.0
    height = len(rows) * ROW + legend_height + 14
    d = Drawing(width, height)
    bar_width = width - LABEL_WIDTH - 40
    y = height - legend_height

    # Legend along the top, in scale order.
    x = LABEL_WIDTH
    for v in values:
        d.add(Rect(x, y + 6, 9, 9, fillColor=colors.HexColor(fills[v]), strokeColor=None))
        d.add(String(x + 12, y + 7.5, names[v], fontName=FONT, fontSize=7.5, fillColor=INK))
        x += 12 + len(names[v]) * 4.2 + 14

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
            d.add(Rect(x, y, w, BAR, fillColor=colors.HexColor(fills[v]), strokeColor=colors.white, strokeWidth=0.5))
            if w >= 10:
                d.add(String(x + w / 2, y + 2.6, str(n), fontName=FONT, fontSize=7, textAnchor="middle",
                             fillColor=colors.HexColor(text_color_on(fills[v]))))
            x += w
        d.add(String(LABEL_WIDTH + bar_width + 4, y + 2.5, f"n={total}", fontName=FONT, fontSize=7, fillColor=MUTED))
    return d
