"""The one document template behind every PDF WellPlan prints.

Header: district name and document title. Footer: date printed (in the district's date style),
"Page N of M", and an optional note (documents with survey results carry the suppression rule
there). Letter or A4 from the district profile. Shared styles for headings, tables, checkboxes and
write-in lines, so a worksheet printed from any tab looks like the others.

What every printout inherits from here, so no printout has to remember it:

- The printer's margin: nothing is drawn within ``SAFE_EDGE`` (0.4 in) of the paper's edge; the
  header and footer sit inside it, and the body frame inside them (``frame_width``,
  ``frame_height`` give a report the room it has).
- Fonts: DejaVu Sans, embedded (names in a roster are not always in the Latin-1 range PDF's
  built-in fonts cover). Bullets (``bulletText``), table cells and the canvas's starting font use
  it too, so no non-embedded Helvetica sneaks in.
- Headings (``h1``, ``h2`` and styles derived from them) never end a page: they are kept with the
  first part of what follows (a long table still starts under its heading, not on a new page).
- ``data_table``: header repeated on each page, never a lone row on either side of a page break
  (``KeptTable``, usable for a report's own table), columns widened from their neighbours' slack
  so a word is never broken mid-word (``fit_column_widths``, likewise usable on its own). Styles do not break
  long words either (``splitLongWords=0``).
- Bookmarks: every ``h1``/``h2`` is an entry in the PDF's outline (shown when the document has
  several); title, subject, author (the district) and creator ("WellPlan <version>") are set.

Shared pieces for the printouts:

- ``nothing_yet(message)``: what an empty section prints instead of an empty heading or a table
  of zeros: one framed sentence saying what to do ("No meetings yet: add one on the Team tab.").
- ``services.reports.marks``: status marks that differ by shape and printed letter as well as
  colour, and hatched fills, so a mark survives a black-and-white printer.
- ``Checkbox``/``centered_checkbox``, ``WriteInLines``, ``RotatedLabel``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable

from services.app_info import APP_NAME, APP_VERSION
from services.date_style import style_for_paper
from services.errors import Cancelled  # noqa: F401  (re-exported: the reports raise it from here)
from services.resource_paths import resource_path

# Page streams compressed only, not also written out in ASCII85 text: a fifth smaller and, for the
# Gantt chart's hundreds of pages, seconds faster (ASCII85 was for mail gateways, not for files).
rl_config.useA85 = 0

FONT = "WellPlanSans"
FONT_BOLD = "WellPlanSans-Bold"
FONT_ITALIC = "WellPlanSans-Italic"

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
ACCENT = colors.HexColor("#2B6CB0")
RULE = colors.HexColor("#CBD2D9")
HEADER_FILL = colors.HexColor("#E4ECF7")
STRIPE_FILL = colors.HexColor("#F5F7FA")
WARN_FILL = colors.HexColor("#FFF4E5")

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 0.7 * inch  # left and right, and where the body's text starts and ends
SAFE_EDGE = 0.4 * inch  # many printers cannot print closer to the edge: nothing is drawn there
TOP_MARGIN = 0.72 * inch  # the body frame's top, below the header
BOTTOM_MARGIN = 0.78 * inch  # the body frame's bottom, above the footer
HEADER_BASELINE = 0.55 * inch  # from the top edge
FOOTER_RULE = 0.74 * inch  # from the bottom edge
FOOTER_BASELINE = 0.6 * inch  # "Printed ..." and "Page N of M"
NOTE_BASELINE = FOOTER_BASELINE - 10  # the footer note's line, still 0.44 in above the edge


def frame_width(paper: str, landscape: bool = False) -> float:
    """The width text and tables can use on a page of ``paper`` ("letter" or "a4")."""
    size = PAPER.get(paper, LETTER)
    return (max(size) if landscape else min(size)) - 2 * MARGIN


def frame_height(paper: str, landscape: bool = False) -> float:
    """The height the body can use on a page of ``paper``, between the header and the footer."""
    size = PAPER.get(paper, LETTER)
    return (min(size) if landscape else max(size)) - TOP_MARGIN - BOTTOM_MARGIN

_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if _fonts_registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(resource_path("fonts", "DejaVuSans-Oblique.ttf"))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)
    # A table sets its cells' font (reportlab's default, Helvetica: not embedded) before drawing
    # each cell, even one holding a Paragraph, so every Table, a report's own too, names ours.
    # A chart (reportlab.graphics) starts from its own default font the same way.
    from reportlab.graphics.shapes import STATE_DEFAULTS
    from reportlab.platypus.tables import CellStyle

    CellStyle.fontname = FONT
    STATE_DEFAULTS["fontName"] = FONT
    _fonts_registered = True


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle
    note: ParagraphStyle
    empty: ParagraphStyle  # an empty section's "nothing yet: do this" sentence (``nothing_yet``)


def styles() -> Styles:
    _register_fonts()
    # bulletFontName: reportlab's default is Helvetica, which is not embedded. splitLongWords=0:
    # a word too long for its column runs on rather than printing as "Self-describe / d";
    # data_table and fit_column_widths give columns the width their longest word needs.
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK, alignment=TA_LEFT,
                          bulletFontName=FONT, splitLongWords=0)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=24, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=11, leading=14, textColor=MUTED, spaceAfter=14),
        h1=ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18, textColor=ACCENT,
                          spaceBefore=14, spaceAfter=6, keepWithNext=True),
        h2=ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                          spaceAfter=4, keepWithNext=True),
        body=ParagraphStyle("body2", parent=base, spaceAfter=6),
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        cell_bold=ParagraphStyle("cellb", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5),
        header_cell=ParagraphStyle("hcell", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5),
        note=ParagraphStyle("note", parent=base, fontSize=9.5, leading=12.5, backColor=WARN_FILL,
                            borderPadding=(5, 6, 5, 6), spaceBefore=4, spaceAfter=10),
        empty=ParagraphStyle("empty", parent=base, fontName=FONT_ITALIC, fontSize=9.5, leading=12.5,
                             textColor=INK, borderWidth=0.6, borderColor=MUTED, borderPadding=(5, 6, 5, 6),
                             leftIndent=6, rightIndent=6, spaceBefore=6, spaceAfter=10),
    )


def text(value: object) -> str:
    """Escape user text for a Paragraph (names like 'O<Brien & Co>' must print as typed)."""
    return escape("" if value is None else str(value))


def nothing_yet(message: str, *, markup: bool = False) -> Paragraph:
    """What an empty section prints: one framed sentence saying what there is not yet and what to
    do instead, e.g. ``nothing_yet("No meetings yet: add the first on the Team tab.")``. The text
    is escaped unless ``markup`` (then it may hold <b>, <i>)."""
    return Paragraph(message if markup else text(message), styles().empty)


def _min_width(cell: object) -> float:
    """The narrowest a cell can be without breaking a word (its longest word, or its drawing)."""
    if isinstance(cell, Paragraph):
        return cell.minWidth()
    if isinstance(cell, Flowable):
        return float(getattr(cell, "width", 0) or 0)
    if isinstance(cell, (list, tuple)):
        return max((_min_width(c) for c in cell), default=0.0)
    return 0.0


def fit_column_widths(rows: Sequence[Sequence[object]], col_widths: Sequence[float],
                      padding: float = 10) -> list[float]:
    """``col_widths`` with each column widened to its longest word (plus ``padding``, the cell's
    left and right padding together), the width taken from columns with room to spare, so the
    table's total width stays the same and no word is broken mid-word. Where the whole table is
    too narrow, the columns get what there is in proportion to their need."""
    widths = [float(w) for w in col_widths]
    need = [0.0] * len(widths)
    for row in rows:
        for i, cell in enumerate(row[: len(widths)]):
            need[i] = max(need[i], _min_width(cell) + padding + 0.5)
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    if short <= 0:
        return widths
    slack = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    spare = sum(slack)
    if spare >= short:
        return [max(w, n) if n > w else w - short * s / spare for w, n, s in zip(widths, need, slack, strict=True)]
    total = sum(widths)
    return [total * n / sum(need) for n in need]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    *,
    highlight_rows: Sequence[int] = (),
) -> Table:
    """A table that repeats its header on each page, never splits a row across pages nor leaves a
    lone row on either side of a page break, and widens a column that a word would not fit."""
    st = styles()

    def cell(value: object, style: ParagraphStyle) -> Flowable:
        return value if isinstance(value, Flowable) else Paragraph(text(value), style)

    data = [[cell(h, st.header_cell) for h in header]]
    data += [[cell(v, st.cell) for v in row] for row in rows]
    widths = fit_column_widths(data, col_widths)
    table = KeptTable(data, colWidths=widths, repeatRows=1, splitInRow=0)
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    for i in range(1, len(data)):
        if i % 2 == 0:
            commands.append(("BACKGROUND", (0, i), (-1, i), STRIPE_FILL))
    for i in highlight_rows:
        commands.append(("BACKGROUND", (0, i + 1), (-1, i + 1), WARN_FILL))
    table.setStyle(TableStyle(commands))
    return table


class KeptTable(Table):
    """A Table that never leaves a lone row at a page's foot or the top of the next: a part of it
    on either side of a page break holds at least ``keep_rows`` rows (besides the repeated
    heading) or ``keep_height`` of them (a single row of a paragraph's height reads fine alone).
    Where no break can honour that, the table moves to the next page whole; one that would not fit
    even on an empty page splits where it must rather than stopping the printout."""

    keep_rows = 2
    keep_height = 1.0 * inch

    def _split_range(self) -> tuple[int, int]:
        heights = self._rowHeights
        repeat = self.repeatRows
        head = repeat if isinstance(repeat, int) else max(repeat, default=-1) + 1
        lo = hi = None
        for n in range(head + 1, len(heights)):  # n: the first row after the break
            before, after = heights[head:n], heights[n:]
            if lo is None and (len(before) >= self.keep_rows or sum(before) >= self.keep_height):
                lo = n
            if len(after) >= self.keep_rows or sum(after) >= self.keep_height:
                hi = n
        if lo is None or hi is None or lo > hi:
            return len(heights), len(heights) - 1  # no break point honours it: move whole
        return lo, hi

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        self._calc(availWidth, availHeight)
        self._rowSplitRange = self._split_range()
        parts = super().split(availWidth, availHeight)
        if not parts and getattr(getattr(self, "_frame", None), "_atTop", False):
            self._rowSplitRange = None
            parts = super().split(availWidth, availHeight)
        return parts


class Checkbox(Flowable):
    """An empty (or ticked) square big enough to mark with a pen."""

    def __init__(self, checked: bool = False, size: float = 11):
        super().__init__()
        self.checked = checked
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.rect(0, 0, self.size, self.size)
        if self.checked:
            c.setLineWidth(1.4)
            c.line(2, self.size * 0.5, self.size * 0.4, 2)
            c.line(self.size * 0.4, 2, self.size - 2, self.size - 2)


def centered_checkbox(checked: bool = False, size: float = 11) -> Table:
    """A checkbox centred in its table cell (a bare flowable sits at the cell's left edge)."""
    box = Table([[Checkbox(checked, size)]], colWidths=[size + 3], rowHeights=[size + 3])
    box.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return box


class WriteInLines(Flowable):
    """Ruled lines for handwriting: 0.33 in apart, the spacing of college-ruled paper plus a bit."""

    def __init__(self, lines: int = 3, width: float | None = None, spacing: float = 0.33 * inch):
        super().__init__()
        self.lines = lines
        self.spacing = spacing
        self._width = width
        self.height = lines * spacing

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self._width or avail_width
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.5)
        for i in range(self.lines):
            y = self.height - (i + 1) * self.spacing + 2
            c.line(0, y, self.width, y)


class RotatedLabel(Flowable):
    """A column heading written bottom-to-top, so a table of many narrow columns (survey groups)
    keeps whole words in its headings. Wraps onto a second or third line past ``length``."""

    def __init__(self, label: str, length: float = 1.6 * inch, size: float = 8, bold: bool = True):
        super().__init__()
        from reportlab.lib.utils import simpleSplit

        _register_fonts()
        self.font = FONT_BOLD if bold else FONT
        self.size = size
        self.lines = simpleSplit(label, self.font, size, length)[:3]
        self.leading = size * 1.2
        self.width = len(self.lines) * self.leading
        self.height = max(pdfmetrics.stringWidth(line, self.font, size) for line in self.lines) if self.lines else 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(INK)
        c.setFont(self.font, self.size)
        c.rotate(90)
        for i, line in enumerate(self.lines):
            c.drawString(0, -(i + 1) * self.leading + self.size * 0.25, line)
        c.restoreState()


class _NumberedCanvas(rl_canvas.Canvas):
    """Holds pages until the end so the footer can say "Page N of M"; the outline's entries wait
    with their pages (a bookmark names the page the document is writing when it is made)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._marks: list[tuple[str, str, int, float]] = []  # (key, title, level, top) on this page

    def outline_entry(self, title: str, level: int, top: float) -> None:
        self._marks.append((f"s{len(self._pages)}.{len(self._marks)}", title, level, top))

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        entries = sum(len(state["_marks"]) for state in self._pages)
        level = -1
        for state in self._pages:
            self.__dict__.update(state)
            for key, title, wanted, top in state["_marks"]:
                level = min(wanted, level + 1)  # an outline cannot skip a level (an h2 before any h1)
                self.bookmarkHorizontalAbsolute(key, top)
                self.addOutlineEntry(title, key, level=level, closed=level > 0)
            self._draw_page_number(total)
            super().showPage()
        if entries >= 2:
            self.showOutline()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = self._pagesize
        self.setFont(FONT, 8.5)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN, FOOTER_BASELINE, f"Page {self._pageNumber} of {total}")


class _UnnumberedCanvas(_NumberedCanvas):
    def _draw_page_number(self, total: int) -> None:
        pass


class _KeepWithFirstPart(KeepTogether):
    """What a heading (keepWithNext) is kept with: when heading and what follows do not fit in
    what is left of the page, the heading moves to the next page unless the next flowable can split
    so that its first part (a table's first rows, a paragraph's first lines) still fits under the
    heading; then the heading stays, with that part. Never a heading alone at a page's foot."""

    def split(self, aW, aH):  # noqa: N803 (reportlab's names)
        lead, last = self._content[:-1], self._content[-1]
        if lead and not isinstance(last, (KeepTogether, ActionFlowable)):
            canv = getattr(self, "canv", None)
            lead_height = sum(f.wrapOn(canv, aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
            room = aH - lead_height - last.getSpaceBefore() - 2
            if room > 0 and last.wrapOn(canv, aW, room)[1] > room:
                parts = last.splitOn(canv, aW, room)
                if len(parts) >= 2 and not isinstance(parts[0], ActionFlowable) \
                        and 0 < parts[0].wrapOn(canv, aW, room)[1] <= room:
                    return [*lead, *parts]
        return super().split(aW, aH)


_OUTLINE_LEVELS = {"h1": 0, "h2": 1}


def _outline_level(flowable: Flowable) -> int | None:
    """0 for an h1 heading, 1 for an h2 (or a style derived from one); None for anything else."""
    style = getattr(flowable, "style", None) if isinstance(flowable, Paragraph) else None
    while style is not None:
        if style.name in _OUTLINE_LEVELS:
            return _OUTLINE_LEVELS[style.name]
        style = getattr(style, "parent", None)
    return None


class _Document(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        level = _outline_level(flowable)
        if level is None or not isinstance(self.canv, _NumberedCanvas):
            return
        title = " ".join(flowable.getPlainText().split())
        if title:
            top = self.frame._y + getattr(flowable, "height", 0) + flowable.getSpaceAfter() + 4
            self.canv.outline_entry(title, level, top)


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    district: str
    paper: str = "letter"
    landscape: bool = False
    footer_note: str | None = None  # e.g. the suppression rule on anything with survey results
    printed_on: dt.date | None = None
    subject: str | None = None  # the PDF's subject; by default, what the document is, for whom
    # False for a batch of forms that number their own pages ("R02 - page 2 of 3"): "Page 5 of 27"
    # across the batch would contradict them on every loose page.
    page_numbers: bool = True


def _fit_font(value: str, font: str, size: float, width: float, smallest: float = 6) -> float:
    """``size``, or smaller down to ``smallest``, so ``value`` fits in ``width``."""
    natural = pdfmetrics.stringWidth(value, font, size)
    return size if natural <= width else max(smallest, size * width / natural)


def build_pdf(
    out_path: str | Path,
    info: DocumentInfo,
    story: list[Flowable],
    *,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    """Lay out ``story`` on the shared template and write it atomically to ``out_path``."""
    _register_fonts()
    out_path = Path(out_path)
    size = PAPER.get(info.paper, LETTER)
    if info.landscape:
        size = landscape(size)
    printed = info.printed_on or dt.date.today()
    printed_line = f"Printed {style_for_paper(info.paper).date(printed)} with {APP_NAME}"
    district = info.district or "Unnamed district"

    def decorate(canv: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        width, height = size
        line_width = width - 2 * MARGIN
        canv.saveState()
        header_y = height - HEADER_BASELINE
        canv.setFillColor(INK)
        district_size = _fit_font(district, FONT_BOLD, 9, line_width * 0.45)
        canv.setFont(FONT_BOLD, district_size)
        canv.drawString(MARGIN, header_y, district)
        room = line_width - pdfmetrics.stringWidth(district, FONT_BOLD, district_size) - 18
        canv.setFont(FONT, _fit_font(info.title, FONT, 9, room))
        canv.setFillColor(MUTED)
        canv.drawRightString(width - MARGIN, header_y, info.title)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, header_y - 6, width - MARGIN, header_y - 6)
        canv.line(MARGIN, FOOTER_RULE, width - MARGIN, FOOTER_RULE)
        canv.setFont(FONT, 8.5)
        canv.drawString(MARGIN, FOOTER_BASELINE, printed_line)
        if info.footer_note:
            canv.setFont(FONT_ITALIC, _fit_font(info.footer_note, FONT_ITALIC, 7.5, line_width))
            canv.drawCentredString(width / 2, NOTE_BASELINE, info.footer_note)
        canv.restoreState()

    tmp = out_path.with_name(out_path.name + ".partial")
    doc = _Document(
        str(tmp),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=info.title,
        subject=info.subject or f"{info.title}, from the staff wellness plan of {district}",
        author=district,
        creator=f"{APP_NAME} {APP_VERSION}",
        initialFontName=FONT,  # the page's starting font is in every page's resources: embedded, too
        initialFontSize=10,
        keepTogetherClass=_KeepWithFirstPart,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    try:
        doc.build(story, canvasmaker=_NumberedCanvas if info.page_numbers else _UnnumberedCanvas)
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return out_path
