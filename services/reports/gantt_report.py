"""The Gantt chart on paper: a first page that fits the whole year, then as many landscape pages as
the chart needs, each a quarter of the year wide and as many rows tall as fit, with the action
names repeated on every page and text large enough to read on a wall.

Printed Gantt charts from desktop tools are usually shrunk until unreadable or cut off at the
page edge; tiling by rows and by date windows, with the same labels on every tile, avoids both.
On the tiles a name is never cut short: it wraps over as many lines as it needs, with the owner,
where the action came from and whether it is late on a line below. Every tile is drawn at the
same scale (a quarter of a year across), so the last, shorter one lines up with the others when
the pages are laid side by side. Late work and milestones differ by pattern, shape and a printed
word as well as by colour, so the chart reads the same from a black-and-white printer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.action_plan.gantt_layout import (
    ACTION,
    COMMUNICATION,
    OBJECTIVE,
    Filters,
    GanttChart,
    GanttRow,
    build_chart,
)
from services.date_style import DateStyle, style_for
from services.reports.document import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    Cancelled,
    DocumentInfo,
    build_pdf,
    frame_height,
    nothing_yet,
    styles,
    text,
)
from services.reports.plan_report import ActionSource, action_sources

PLANNED = colors.HexColor("#92C5DE")
PROGRESS = colors.HexColor("#2166AC")
LATE = colors.HexColor("#C0392B")
DONE = colors.HexColor("#7B8794")
BREAK = colors.HexColor("#EEF2F7")
GRID = colors.HexColor("#D9DEE5")
CELEBRATION = colors.HexColor("#E08214")
OBJECTIVE_FILL = colors.HexColor("#E4ECF7")
MONTH_LINE = colors.HexColor("#9AA5B1")
WINDOW_DAYS = 91  # a quarter of a year per detail page
TILE_FONT = 8.5
TILE_LABEL_WIDTH = 3.6 * inch
LEADING = 1.2
MAX_LINES = 8  # of a name on a tile, so the tallest row still fits a page


def _fit(label: str, font: str, size: float, width: float) -> str:
    """One line for the overview page (the tiles never shorten a name)."""
    if stringWidth(label, font, size) <= width:
        return label
    while label and stringWidth(label + "\u2026", font, size) > width:
        label = label[:-1]
    return label.rstrip() + "\u2026"


def _info(row: GanttRow, source: ActionSource | None) -> str:
    """The small line under a name on a tile: late or not, owner, where the action came from."""
    if row.kind == COMMUNICATION:
        return ("Celebration" if row.celebration else "Message") + (" \u2022 sent" if row.status == "done" else "")
    parts = ["LATE"] if row.late else []
    if row.owner:
        parts.append(row.owner)
    if source is not None:
        parts.append(source.kind)
    if row.milestone:
        parts.append("milestone")
    return " \u2022 ".join(parts)


class RowText:
    """What a row prints in the name column: the name (wrapped on tiles, one line on the overview)
    and, on tiles, the line below it."""

    def __init__(self, row: GanttRow, source: ActionSource | None, size: float, width: float, wrap: bool):
        self.font = FONT_BOLD if row.kind == OBJECTIVE else FONT
        self.size, self.small = size, size * 0.8
        self.indent = 0 if row.kind == OBJECTIVE else size * 0.8
        room = width - self.indent - 6
        if wrap:
            self.name = simpleSplit(row.label, self.font, size, room) or [""]
            if len(self.name) > MAX_LINES:  # an essay for a name (a title is at most 300 characters: 7 lines)
                self.name = self.name[:MAX_LINES - 1] + [_fit(" ".join(self.name[MAX_LINES - 1:]), self.font, size,
                                                              room)]
            info = _info(row, source) if row.kind != OBJECTIVE else ""
            self.info = simpleSplit(info, FONT_BOLD if row.late else FONT, self.small, room) if info else []
        else:
            self.name = [_fit(row.label, self.font, size, room)]
            self.info = []
        self.late = row.late

    @property
    def height(self) -> float:
        return len(self.name) * self.size * LEADING + len(self.info) * self.small * LEADING + self.size * 0.6


class GanttPage(Flowable):
    """One tile of the chart: ``rows`` (indexes into the chart) from ``start`` to ``end``, drawn at
    ``span_days`` across (a tile shorter than the others leaves the rest of its width empty).
    ``texts``, the rows' names as wrapped for this size and width, may be given: every tile of a
    block of rows shows the same ones (wrapped again for each of a block's dozen tiles, 1,012 rows
    were wrapped 14,840 times, about a fifth of the PDF's CPU at 1,000 actions)."""

    def __init__(self, chart: GanttChart, rows: list[int], start: dt.date, end: dt.date, width: float,
                 height: float, font_size: float, label_width: float, week_ticks: bool, *,
                 span_days: int | None = None, wrap: bool = False, sources: dict[int, ActionSource] | None = None,
                 style: DateStyle | None = None, texts: list[RowText] | None = None):
        super().__init__()
        self.chart, self.row_indexes, self.start, self.end = chart, rows, start, end
        self.width, self.height = width, height
        self.size, self.label_width, self.week_ticks = font_size, label_width, week_ticks
        self.span = span_days or (end - start).days + 1
        self.style = style or DateStyle()
        self.axis_height = font_size * 3.2
        if texts is None:
            sources = sources or {}
            texts = [RowText(chart.rows[i], sources.get(chart.rows[i].action_id), font_size, label_width, wrap)
                     for i in rows]
        self.texts = texts
        if wrap:
            self.heights = [t.height for t in self.texts]
        else:
            even = (height - self.axis_height) / max(len(rows), 1)
            self.heights = [min(even, font_size * 2.4)] * len(rows)
        self.tops = [height - self.axis_height - sum(self.heights[:n]) for n in range(len(rows) + 1)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _x(self, day: dt.date) -> float:
        return self.label_width + (day - self.start).days / self.span * (self.width - self.label_width)

    def _months(self, c, bottom: float) -> None:
        """Month lines and labels along the top; a label that would run into the next is left out
        (the first, part month's label gives way, and the next one then names the year)."""
        size = self.size
        edges = [self.start]  # and the first of each month after it
        day = self.start
        while (day := (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)) <= self.end:
            edges.append(day)
        right_of_last = -1.0
        year_shown = None
        for n, day in enumerate(edges):
            x = self._x(day)
            c.setStrokeColor(MONTH_LINE)
            c.setLineWidth(0.4)
            c.line(x, bottom, x, self.height - size * 1.2)
            label = self.style.month_year(day) if year_shown != day.year else f"{day:%b}"
            width = stringWidth(label, FONT_BOLD, size)
            following = self._x(edges[n + 1]) if n + 1 < len(edges) else self._x(self.end + dt.timedelta(days=1))
            crowded = x + 2 < right_of_last + 4 or (n + 1 < len(edges) and x + 2 + width > following - 2)
            if crowded:  # left out; the next label drawn names the year if this one would have
                continue
            c.setFillColor(INK)
            c.setFont(FONT_BOLD, size)
            c.drawString(x + 2, self.height - size, label)
            right_of_last = x + 2 + width
            year_shown = day.year

    def draw(self) -> None:
        c = self.canv
        chart, size = self.chart, self.size
        top, bottom = self.tops[0], self.tops[-1]
        right = self.width
        last_x = self._x(self.end + dt.timedelta(days=1))
        # breaks and the school year
        for name, first, last in chart.year.breaks:
            if last < self.start or first > self.end:
                continue
            x0, x1 = self._x(max(first, self.start)), self._x(min(last, self.end) + dt.timedelta(days=1))
            c.setFillColor(BREAK)
            c.rect(x0, bottom, x1 - x0, top - bottom, stroke=0, fill=1)
            c.setFillColor(MUTED)
            c.setFont(FONT, size * 0.75)
            if x1 - x0 > stringWidth(name, FONT, size * 0.75) + 2:
                c.drawCentredString((x0 + x1) / 2, bottom + 2, name)
        self._months(c, bottom)
        if self.week_ticks:
            c.setStrokeColor(GRID)
            c.setLineWidth(0.4)
            day = self.start + dt.timedelta(days=-self.start.weekday() % 7)  # the first Monday
            while day <= self.end:
                if day.day != 1:
                    x = self._x(day)
                    c.line(x, bottom, x, top)
                    if (day + dt.timedelta(days=2)).month == day.month:  # else it runs into the month's line
                        c.setFillColor(MUTED)
                        c.setFont(FONT, size * 0.75)
                        c.drawString(x + 1, top + 2, f"{day.day}")
                day += dt.timedelta(days=7)
        for edge, name in ((chart.year.start, "First day"), (chart.year.end, "Last day")):
            if edge is not None and self.start <= edge <= self.end:
                x = self._x(edge)
                c.setStrokeColor(INK)
                c.setLineWidth(1)
                c.line(x, bottom, x, top)
                c.setFillColor(INK)
                c.setFont(FONT, size * 0.7)
                if edge == chart.year.end:  # left of its line, clear of the page edge and the chart's end
                    c.drawRightString(x - 2, bottom + 2, name)
                else:
                    c.drawString(x + 2, bottom + 2, name)
        # rows
        positions = {index: n for n, index in enumerate(self.row_indexes)}
        for n, index in enumerate(self.row_indexes):
            row = chart.rows[index]
            y, height = self.tops[n], self.heights[n]
            mid = y - height / 2
            if row.kind == OBJECTIVE:
                c.setFillColor(OBJECTIVE_FILL)
                c.rect(0, y - height, right, height, stroke=0, fill=1)
            c.setStrokeColor(GRID)
            c.setLineWidth(0.3)
            c.line(0, y - height, right, y - height)
            self._label(c, self.texts[n], y, height)
            if row.start is None or row.end is None or row.end < self.start or row.start > self.end:
                continue
            x0 = self._x(max(row.start, self.start))
            x1 = self._x(min(row.end, self.end) + dt.timedelta(days=1))
            bar = min(height * 0.6, size * 1.4) * (0.6 if row.kind == OBJECTIVE else 1)
            if row.kind == OBJECTIVE:
                c.setFillColor(colors.HexColor("#52606D"))
                c.rect(x0, mid - bar / 2, x1 - x0, bar, stroke=0, fill=1)
                continue
            if row.milestone or row.kind == COMMUNICATION:
                x = self._x(row.start) + (self._x(row.start + dt.timedelta(days=1)) - self._x(row.start)) / 2
                self._mark(c, row, x, mid, max(bar * 0.55, 3))
                end_x = x + bar * 0.6
            else:
                self._bar(c, row, x0, x1, mid, bar)
                end_x = x1
            if row.late:  # the word, for a black-and-white printout
                c.setFillColor(LATE)
                c.setFont(FONT_BOLD, size * 0.75)
                word_width = stringWidth("late", FONT_BOLD, size * 0.75)
                if end_x + 3 + word_width <= right:
                    c.drawString(end_x + 3, mid - size * 0.25, "late")
                else:
                    c.drawRightString(x0 - 3, mid - size * 0.25, "late")
        self._links(c, positions)
        # today
        if self.start <= chart.today <= self.end:
            x = self._x(chart.today)
            c.setStrokeColor(LATE)
            c.setDash(3, 2)
            c.setLineWidth(1)
            c.line(x, bottom, x, top + size * 0.2)
            c.setDash()
            c.setFillColor(LATE)
            c.setFont(FONT_BOLD, size * 0.8)
            c.drawCentredString(x, top + size * 1.2, "Today")
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.line(self.label_width, bottom, self.label_width, top)
        if last_x < right - 1:  # a last tile narrower than the others: say where the chart ends
            c.setStrokeColor(MUTED)
            c.setLineWidth(0.6)
            c.line(last_x, bottom, last_x, top)
            c.setFillColor(MUTED)
            c.setFont(FONT, size * 0.75)
            c.drawString(last_x + 3, top - size, "End of the plan's dates")

    def _label(self, c, t: RowText, y: float, height: float) -> None:
        block = len(t.name) * t.size * LEADING + len(t.info) * t.small * LEADING
        cursor = y - (height - block) / 2
        c.setFillColor(INK)
        c.setFont(t.font, t.size)
        for line in t.name:
            c.drawString(2 + t.indent, cursor - t.size * 0.92, line)
            cursor -= t.size * LEADING
        c.setFillColor(LATE if t.late else MUTED)
        c.setFont(FONT_BOLD if t.late else FONT, t.small)
        for line in t.info:
            c.drawString(2 + t.indent, cursor - t.small * 0.92, line)
            cursor -= t.small * LEADING

    def _bar(self, c, row: GanttRow, x0: float, x1: float, mid: float, bar: float) -> None:
        base = DONE if row.status == "done" else PLANNED
        c.setFillColor(base)
        c.setStrokeColor(LATE if row.late else base)
        c.setLineWidth(1.4 if row.late else 0.5)
        c.rect(x0, mid - bar / 2, max(x1 - x0, 1), bar, stroke=1, fill=1)
        if row.percent and row.status != "done":
            done_to = self._x(row.start) + (self._x(row.end + dt.timedelta(days=1)) - self._x(row.start)) \
                * row.percent / 100
            done_to = min(max(done_to, x0), x1)
            c.setFillColor(PROGRESS)
            c.rect(x0, mid - bar / 4, done_to - x0, bar / 2, stroke=0, fill=1)
        if row.late:  # diagonal hatching: late reads as a pattern, not only as red
            c.saveState()
            path = c.beginPath()
            path.rect(x0, mid - bar / 2, max(x1 - x0, 1), bar)
            c.clipPath(path, stroke=0, fill=0)
            c.setStrokeColor(LATE)
            c.setLineWidth(0.8)
            step = 4
            x = x0 - bar
            while x < x1:
                c.line(x, mid - bar / 2, x + bar, mid + bar / 2)
                x += step
            c.restoreState()

    def _mark(self, c, row: GanttRow, x: float, mid: float, r: float) -> None:
        """A milestone is a diamond, a message a circle, a celebration a star: shapes, not only colours."""
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        if row.kind == COMMUNICATION:
            c.setFillColor(CELEBRATION if row.celebration else MUTED if row.status == "done" else colors.white)
            if row.celebration:
                self._star(c, x, mid, r * 1.25)
            else:
                c.circle(x, mid, r * 0.8, stroke=1, fill=1)
            return
        c.setFillColor(LATE if row.late else DONE if row.status == "done" else PROGRESS)
        path = c.beginPath()
        path.moveTo(x, mid + r)
        path.lineTo(x + r, mid)
        path.lineTo(x, mid - r)
        path.lineTo(x - r, mid)
        path.close()
        c.drawPath(path, stroke=1, fill=1)

    @staticmethod
    def _star(c, x: float, mid: float, r: float) -> None:
        import math

        path = c.beginPath()
        for k in range(10):
            radius = r if k % 2 == 0 else r * 0.45
            angle = math.pi / 2 + k * math.pi / 5
            px, py = x + radius * math.cos(angle), mid + radius * math.sin(angle)
            if k == 0:
                path.moveTo(px, py)
            else:
                path.lineTo(px, py)
        path.close()
        c.drawPath(path, stroke=1, fill=1)

    def _links(self, c, positions: dict[int, int]) -> None:
        """Dependency arrows between rows on this tile."""
        chart = self.chart
        c.setStrokeColor(colors.HexColor("#52606D"))
        c.setLineWidth(0.6)
        for before, after in chart.links:
            if before not in positions or after not in positions:
                continue
            a, b = chart.rows[before], chart.rows[after]
            if a.end is None or b.start is None or not (self.start <= a.end <= self.end) or \
                    not (self.start <= b.start <= self.end):
                continue  # an arrow whose ends are on other tiles would point off the page
            xa = self._x(a.end + dt.timedelta(days=1))
            xb = self._x(b.start)
            ya = self.tops[positions[before]] - self.heights[positions[before]] / 2
            yb = self.tops[positions[after]] - self.heights[positions[after]] / 2
            elbow = max(xa + 3, min(xb - 3, xa + 6))
            c.line(xa, ya, elbow, ya)
            c.line(elbow, ya, elbow, yb)
            c.line(elbow, yb, xb, yb)
            c.line(xb, yb, xb - 3, yb + 2)
            c.line(xb, yb, xb - 3, yb - 2)


def _legend() -> str:
    return ("Light blue bar: planned; dark blue inside it: done so far; grey: finished; hatched bar, red outline and "
            "\u201clate\u201d: late; \u25c6 milestone; \u25cb message (filled once sent); \u2605 celebration; "
            "shaded: school breaks; dashed line: today; arrows: this must finish before that starts.")


def _blocks(chart: GanttChart, texts: list[RowText], room: float) -> list[list[int]]:
    """Rows per tile, no more than fit in ``room`` points and about as many on each (not a last
    tile holding a handful); a block that continues an objective repeats its heading at the top."""
    fewest = _fill(chart, texts, room)
    target = sum(t.height for t in texts) / len(fewest)
    while target < room:
        even = _fill(chart, texts, target)
        if len(even) == len(fewest):
            return even
        target *= 1.05
    return fewest


def _fill(chart: GanttChart, texts: list[RowText], room: float) -> list[list[int]]:
    blocks: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for i, t in enumerate(texts):
        if current and used + t.height > room:
            blocks.append(current)
            current, used = [], 0.0
        if not current and chart.rows[i].kind != OBJECTIVE:
            heading = max(j for j in range(i) if chart.rows[j].kind == OBJECTIVE)
            current.append(heading)
            used += texts[heading].height
        current.append(i)
        used += t.height
    if current:
        blocks.append(current)
    return blocks


def build_gantt_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None, today: dt.date | None = None) -> Path:
    from reportlab.lib.pagesizes import A4, LETTER, landscape

    profile = district_profile.get_profile(db)
    style = style_for(profile)
    chart = build_chart(db, today or dt.date.today(), Filters())
    sources = action_sources(db)
    page_w, page_h = landscape(A4 if profile.paper_size == "a4" else LETTER)
    width, height = page_w - 1.4 * inch, page_h - 1.4 * inch - 0.9 * inch
    st = styles()
    actions = len([r for r in chart.rows if r.kind == ACTION])
    story = [Paragraph("Action plan: the whole year", st.h1),
             Paragraph(text(f"{actions} action{'s' if actions != 1 else ''}, {chart.late_count()} late on "
                            f"{style.date(chart.today)}. " + _legend()), st.small), Spacer(1, 4)]
    if not chart.rows:
        story[0] = Paragraph("Gantt chart: nothing scheduled yet", st.h1)
        story[1] = nothing_yet("No actions are scheduled yet. Approve priorities on the Priorities tab or add "
                               "actions on the Action plan tab (Schedule and Gantt), give them dates, and print again.")
        del story[2:]
        return build_pdf(out_path, DocumentInfo("Gantt chart", profile.display_name, profile.paper_size, True),
                         story, cancel=cancel)
    overview_size = max(5.0, min(8.0, (height - 0.6 * inch) / (len(chart.rows) + 3) / 1.25))
    story.append(GanttPage(chart, list(range(len(chart.rows))), chart.start, chart.end, width,
                           height - 0.6 * inch, overview_size, 3.0 * inch, week_ticks=False, style=style))
    windows = []
    first = chart.start
    while first <= chart.end:
        last = min(first + dt.timedelta(days=WINDOW_DAYS - 1), chart.end)
        windows.append((first, last))
        first = last + dt.timedelta(days=1)
    # the page's body less the tile's heading (an h2: 29 pt with its spacing) and a little slack
    tile_height = frame_height(profile.paper_size, landscape=True) - 0.5 * inch
    texts = [RowText(r, sources.get(r.action_id), TILE_FONT, TILE_LABEL_WIDTH, True) for r in chart.rows]
    blocks = _blocks(chart, texts, tile_height - TILE_FONT * 3.2)
    total, done = len(windows) * len(blocks), 0
    for b, rows in enumerate(blocks):
        own = rows[1:] if len(rows) > 1 and rows[1] != rows[0] + 1 else rows  # not the repeated heading
        block_texts = [texts[i] for i in rows]
        for w, (first, last) in enumerate(windows):
            if cancel is not None and cancel():
                raise Cancelled()
            where = f" \u2022 rows {min(own) + 1}\u2013{max(own) + 1} of {len(chart.rows)}" if len(blocks) > 1 else ""
            story += [PageBreak(),
                      Paragraph(text(f"{style.range(first, last)}{where} \u2022 part {b * len(windows) + w + 1} "
                                     f"of {total}"), st.h2),
                      GanttPage(chart, rows, first, last, width, tile_height, TILE_FONT, TILE_LABEL_WIDTH,
                                week_ticks=True, span_days=WINDOW_DAYS, wrap=True, style=style, texts=block_texts)]
            done += 1
            if progress is not None:
                progress(done, total)
    info = DocumentInfo("Gantt chart", profile.display_name, profile.paper_size, True,
                        footer_note="Names are repeated on every page; lay the pages side by side to see a row.")
    return build_pdf(out_path, info, story, cancel=cancel)
