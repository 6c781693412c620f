"""The one document template behind every PDF WellPlan prints.

Header: district name and document title. Footer: date printed, "Page N of M", and an optional
note (documents with survey results carry the suppression rule there). Letter or A4 from the
district profile. Shared styles for headings, tables, checkboxes and write-in lines, so a
worksheet printed from any tab looks like the others. DejaVu Sans is embedded because names in
a roster are not always in the Latin-1 range that PDF's built-in fonts cover.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

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
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from services.errors import Cancelled  # noqa: F401  (re-exported: the reports raise it from here)
from services.resource_paths import resource_path

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
MARGIN = 0.7 * inch


def frame_width(paper: str, landscape: bool = False) -> float:
    """The width text and tables can use on a page of ``paper`` ("letter" or "a4")."""
    size = PAPER.get(paper, LETTER)
    return (max(size) if landscape else min(size)) - 2 * MARGIN

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


def styles() -> Styles:
    _register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK, alignment=TA_LEFT)
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
    )


def text(value: object) -> str:
    """Escape user text for a Paragraph (names like 'O<Brien & Co>' must print as typed)."""
    return escape("" if value is None else str(value))


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    *,
    highlight_rows: Sequence[int] = (),
) -> Table:
    """A table that repeats its header on each page and never splits a row across pages."""
    st = styles()

    def cell(value: object, style: ParagraphStyle) -> Flowable:
        return value if isinstance(value, Flowable) else Paragraph(text(value), style)

    data = [[cell(h, st.header_cell) for h in header]]
    data += [[cell(v, st.cell) for v in row] for row in rows]
    table = Table(data, colWidths=list(col_widths), repeatRows=1, splitInRow=0)
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
    """Holds pages until the end so the footer can say "Page N of M"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = self._pagesize
        self.setFont(FONT, 8.5)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN, MARGIN * 0.55, f"Page {self._pageNumber} of {total}")


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    district: str
    paper: str = "letter"
    landscape: bool = False
    footer_note: str | None = None  # e.g. the suppression rule on anything with survey results
    printed_on: dt.date | None = None


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
    header_height = 0.45 * inch

    def decorate(canv: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        width, height = size
        canv.saveState()
        canv.setFont(FONT_BOLD, 9)
        canv.setFillColor(INK)
        canv.drawString(MARGIN, height - MARGIN * 0.75, info.district or "Unnamed district")
        canv.setFont(FONT, 9)
        canv.setFillColor(MUTED)
        canv.drawRightString(width - MARGIN, height - MARGIN * 0.75, info.title)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, height - MARGIN * 0.75 - 6, width - MARGIN, height - MARGIN * 0.75 - 6)
        canv.line(MARGIN, MARGIN * 0.85, width - MARGIN, MARGIN * 0.85)
        canv.setFont(FONT, 8.5)
        canv.drawString(MARGIN, MARGIN * 0.55, f"Printed {printed:%B} {printed.day}, {printed.year} with WellPlan")
        if info.footer_note:
            canv.setFont(FONT_ITALIC, 7.5)
            canv.drawCentredString(width / 2, MARGIN * 0.55 - 10, info.footer_note)
        canv.restoreState()

    tmp = out_path.with_name(out_path.name + ".partial")
    doc = BaseDocTemplate(
        str(tmp),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + header_height * 0.3,
        bottomMargin=MARGIN,
        title=f"{info.title} - {info.district}",
        author=info.district,
        creator="WellPlan",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    try:
        doc.build(story, canvasmaker=_NumberedCanvas)
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return out_path

