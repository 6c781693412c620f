"""The Gantt chart on paper: a first page that fits the whole year, then as many landscape pages as
the chart needs, each about a quarter of the year wide and two dozen rows tall, with the action
names repeated on every page and text large enough to read on a wall.

Printed Gantt charts from desktop tools are usually shrunk until unreadable or cut off at the
page edge; tiling by rows and by date windows, with the same labels on every tile, avoids both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.action_plan.gantt_layout import ACTION, COMMUNICATION, OBJECTIVE, Filters, GanttChart, build_chart
from services.reports.document import FONT, FONT_BOLD, INK, MUTED, Cancelled, DocumentInfo, build_pdf, styles, text

PLANNED = colors.HexColor("#92C5DE")
PROGRESS = colors.HexColor("#2166AC")
LATE = colors.HexColor("#C0392B")
DONE = colors.HexColor("#7B8794")
BREAK = colors.HexColor("#EEF2F7")
GRID = colors.HexColor("#D9DEE5")
CELEBRATION = colors.HexColor("#E08214")
WINDOW_DAYS = 91  # a quarter of a year per detail page
ROWS_PER_PAGE = 24


def _fit(label: str, font: str, size: float, width: float) -> str:
    if stringWidth(label, font, size) <= width:
        return label
    while label and stringWidth(label + "\u2026", font, size) > width:
        label = label[:-1]
    return label.rstrip() + "\u2026"


class GanttPage(Flowable):
    """One tile of the chart: ``rows`` (indexes into the chart) from ``start`` to ``end``."""

    def __init__(self, chart: GanttChart, rows: list[int], start: dt.date, end: dt.date, width: float,
                 height: float, font_size: float, label_width: float, week_ticks: bool):
        super().__init__()
        self.chart, self.row_indexes, self.start, self.end = chart, rows, start, end
        self.width, self.height = width, height
        self.size, self.label_width, self.week_ticks = font_size, label_width, week_ticks
        self.axis_height = font_size * 3.2
        self.row_height = (height - self.axis_height) / max(len(rows), 1)
        self.row_height = min(self.row_height, font_size * 2.4)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _x(self, day: dt.date) -> float:
        span = (self.end - self.start).days + 1
        return self.label_width + (day - self.start).days / span * (self.width - self.label_width)

    def _y(self, position: int) -> float:  # top of a row
        return self.height - self.axis_height - position * self.row_height

    def draw(self) -> None:
        c = self.canv
        chart, size = self.chart, self.size
        top, bottom = self.height - self.axis_height, self._y(len(self.row_indexes))
        right = self.width
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
        # months and weeks
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        day = self.start
        while day <= self.end:
            near_month = day == self.start and day.day > 1 and (day.replace(day=28) + dt.timedelta(days=4)).replace(
                day=1) - day < dt.timedelta(days=12)
            if (day.day == 1 or day == self.start) and not near_month:
                x = self._x(day)
                c.setStrokeColor(colors.HexColor("#9AA5B1"))
                c.line(x, bottom, x, self.height - size * 1.2)
                c.setFillColor(INK)
                c.setFont(FONT_BOLD, size)
                label = f"{day:%b %Y}" if day.month == 1 or day == self.start else f"{day:%b}"
                c.drawString(x + 2, self.height - size, label)
                c.setStrokeColor(GRID)
            elif self.week_ticks and day.weekday() == 0:
                x = self._x(day)
                c.line(x, bottom, x, top)
                c.setFillColor(MUTED)
                c.setFont(FONT, size * 0.75)
                c.drawString(x + 1, top + 2, f"{day.day}")
            day += dt.timedelta(days=1)
        for edge, name in ((chart.year.start, "First day"), (chart.year.end, "Last day")):
            if edge is not None and self.start <= edge <= self.end:
                c.setStrokeColor(INK)
                c.setLineWidth(1)
                c.line(self._x(edge), bottom, self._x(edge), top)
                c.setFillColor(INK)
                c.setFont(FONT, size * 0.7)
                c.drawString(self._x(edge) + 2, bottom + 2, name)
        # rows
        positions = {index: n for n, index in enumerate(self.row_indexes)}
        for n, index in enumerate(self.row_indexes):
            row = chart.rows[index]
            y = self._y(n)
            mid = y - self.row_height / 2
            if row.kind == OBJECTIVE:
                c.setFillColor(colors.HexColor("#E4ECF7"))
                c.rect(0, y - self.row_height, right, self.row_height, stroke=0, fill=1)
            c.setStrokeColor(GRID)
            c.setLineWidth(0.3)
            c.line(0, y - self.row_height, right, y - self.row_height)
            font = FONT_BOLD if row.kind == OBJECTIVE else FONT
            indent = 0 if row.kind == OBJECTIVE else size * 0.8
            label = row.label if row.kind == OBJECTIVE else f"{row.label}" + (f" ({row.owner})" if row.owner else "")
            c.setFillColor(LATE if row.late else INK)
            c.setFont(font, size)
            c.drawString(2 + indent, mid - size * 0.35, _fit(label, font, size, self.label_width - indent - 6))
            if row.start is None or row.end is None or row.end < self.start or row.start > self.end:
                continue
            x0 = self._x(max(row.start, self.start))
            x1 = self._x(min(row.end, self.end) + dt.timedelta(days=1))
            bar = self.row_height * (0.35 if row.kind == OBJECTIVE else 0.6)
            if row.kind == OBJECTIVE:
                c.setFillColor(colors.HexColor("#52606D"))
                c.rect(x0, mid - bar / 2, x1 - x0, bar, stroke=0, fill=1)
            elif row.milestone or row.kind == COMMUNICATION:
                x = self._x(row.start) + (self._x(row.start + dt.timedelta(days=1)) - self._x(row.start)) / 2
                r = bar * 0.55
                fill = (CELEBRATION if row.kind == COMMUNICATION else
                        LATE if row.late else DONE if row.status == "done" else PROGRESS)
                c.setFillColor(fill)
                c.setStrokeColor(colors.white)
                path = c.beginPath()
                path.moveTo(x, mid + r)
                path.lineTo(x + r, mid)
                path.lineTo(x, mid - r)
                path.lineTo(x - r, mid)
                path.close()
                c.drawPath(path, stroke=1, fill=1)
            else:
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
        # dependency links between rows on this page
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
            ya = self._y(positions[before]) - self.row_height / 2
            yb = self._y(positions[after]) - self.row_height / 2
            elbow = max(xa + 3, min(xb - 3, xa + 6))
            c.line(xa, ya, elbow, ya)
            c.line(elbow, ya, elbow, yb)
            c.line(elbow, yb, xb, yb)
            c.line(xb, yb, xb - 3, yb + 2)
            c.line(xb, yb, xb - 3, yb - 2)
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


def _legend() -> str:
    return ("Light blue bar: planned; dark blue inside it: done so far; grey: finished; red outline and red "
            "name: late; \u25c6 milestone; orange \u25c6 communication or celebration; shaded: school breaks; "
            "dashed red line: today; arrows: this must finish before that starts.")


def build_gantt_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None, today: dt.date | None = None) -> Path:
    from reportlab.lib.pagesizes import A4, LETTER, landscape

    profile = district_profile.get_profile(db)
    chart = build_chart(db, today or dt.date.today(), Filters())
    page_w, page_h = landscape(A4 if profile.paper_size == "a4" else LETTER)
    width, height = page_w - 1.4 * inch, page_h - 1.4 * inch - 0.9 * inch
    st = styles()
    story = [Paragraph("Action plan: the whole year", st.h1),
             Paragraph(text(f"{len([r for r in chart.rows if r.kind == ACTION])} actions, {chart.late_count()} late "
                            f"on {chart.today:%d %B %Y}. " + _legend()), st.small), Spacer(1, 4)]
    if not chart.rows:
        story.append(Paragraph("No actions are scheduled yet. Approve priorities or add actions on the Action plan "
                               "tab, give them dates, and print again.", st.body))
        return build_pdf(out_path, DocumentInfo("Gantt chart", profile.display_name, profile.paper_size, True),
                         story, cancel=cancel)
    overview_size = max(5.0, min(8.0, (height - 0.6 * inch) / (len(chart.rows) + 3) / 1.25))
    story.append(GanttPage(chart, list(range(len(chart.rows))), chart.start, chart.end, width,
                           height - 0.6 * inch, overview_size, 2.4 * inch, week_ticks=False))
    windows = []
    first = chart.start
    while first <= chart.end:
        last = min(first + dt.timedelta(days=WINDOW_DAYS - 1), chart.end)
        windows.append((first, last))
        first = last + dt.timedelta(days=1)
    blocks = []
    for i in range(0, len(chart.rows), ROWS_PER_PAGE):
        rows = list(range(i, min(i + ROWS_PER_PAGE, len(chart.rows))))
        if chart.rows[i].kind != OBJECTIVE:  # repeat the group's heading above rows that continue it
            rows.insert(0, max(j for j in range(i) if chart.rows[j].kind == OBJECTIVE))
        blocks.append(rows)
    total, done = len(windows) * len(blocks), 0
    for b, rows in enumerate(blocks):
        for w, (first, last) in enumerate(windows):
            if cancel is not None and cancel():
                raise Cancelled()
            story += [PageBreak(),
                      Paragraph(text(f"{first:%d %b %Y} to {last:%d %b %Y}"
                                     + (f" \u2022 rows {rows[1 if len(rows) > 1 and rows[1] != rows[0] + 1 else 0] + 1}"
                                        f"-{rows[-1] + 1} of {len(chart.rows)}"
                                        if len(blocks) > 1 else "")
                                     + f" \u2022 part {b * len(windows) + w + 1} of {total}"), st.h2),
                      GanttPage(chart, rows, first, last, width, height - 0.4 * inch, 8.5, 3.4 * inch,
                                week_ticks=True)]
            done += 1
            if progress is not None:
                progress(done, total)
    info = DocumentInfo("Gantt chart", profile.display_name, profile.paper_size, True,
                        footer_note="Names are repeated on every page; lay the pages side by side to see a row.")
    return build_pdf(out_path, info, story, cancel=cancel)
