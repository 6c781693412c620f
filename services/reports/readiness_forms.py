"""Blank readiness forms for paper: one per respondent code of a round, or one with a space for
the code. Real boxes to tick, write-in lines for comments, and rows that never split a page.

Loose pages get shuffled on the meeting table, so every page of a form carries its respondent
code and round at the top, and its own numbering within the form ("R02 - page 2 of 3"): a form's
page count is measured by laying out one form first. No page holds fewer than three of a
section's items, and the section's comment lines always stay with its last items.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import SetPageTopFlowables
from sqlalchemy.orm import Session

from models.instrument import DONT_KNOW, Instrument, Item, ScaleType, Section
from services import district_profile
from services.readiness import instruments, readiness_rounds
from services.reports.document import (
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
    STRIPE_FILL,
    Cancelled,
    Checkbox,
    DocumentInfo,
    WriteInLines,
    build_pdf,
    centered_checkbox,
    frame_width,
    styles,
    text,
)

DEFAULT_INSTRUMENT = "readiness"
BOX = 11.0  # every tick box on the form, answers and the "about you" boxes alike
MIN_ITEMS_ON_A_PAGE = 3  # a section's table never leaves fewer of its items on either side of a page break


# ---- what is on every page: the code, the round, the page within the form ---------------------------


class FormStrip(Flowable):
    """The line at the top of every page of one form: "Respondent code: R02   Round: Fall 2026" on the
    left, "R02 - page 2 of 3" on the right (blanks to write in on a form printed without a code).
    The same strip is drawn on each page of its form; it counts its pages from the first."""

    HEIGHT = 20.0

    def __init__(self, code: str | None, round_label: str | None, pages: int | None = None):
        super().__init__()
        self.code, self.round_label, self.pages = code, round_label, pages
        self.first_page: int | None = None
        self.last_page: int | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.HEIGHT

    def page_label(self, page: int) -> str:
        of = f" of {self.pages}" if self.pages else ""
        return f"{self.code} - page {page}{of}" if self.code else f"Page {page}{of} of this form"

    def draw(self) -> None:
        c = self.canv
        number = c.getPageNumber()
        if self.first_page is None:
            self.first_page = number
        self.last_page = number
        baseline = 7.0
        x = 0.0
        for label, value in (("Respondent code:", self.code), ("Round:", self.round_label)):
            c.setFont(FONT, 8.5)
            c.setFillColor(MUTED)
            c.drawString(x, baseline, label)
            x += stringWidth(label, FONT, 8.5) + 4
            if value:
                c.setFont(FONT_BOLD, 10)
                c.setFillColor(INK)
                c.drawString(x, baseline, value)
                x += stringWidth(value, FONT_BOLD, 10) + 18
            else:  # a line to write the code (or round) on
                c.setStrokeColor(MUTED)
                c.setLineWidth(0.5)
                c.line(x, baseline - 2, x + 1.1 * inch, baseline - 2)
                x += 1.1 * inch + 18
        c.setFont(FONT_BOLD, 9)
        c.setFillColor(INK)
        c.drawRightString(self.width, baseline, self.page_label(number - self.first_page + 1))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(0, 1, self.width, 1)


# ---- the answers ---------------------------------------------------------------------------------------


def answer_order(instrument: Instrument) -> list[tuple[str, int]]:
    """The answer columns, (label, value), in the order the instructions name them ("tick Yes if
    ... and No if ..." puts Yes first); the scale's order where the instructions don't name them all."""
    scale = instrument.scale
    answers = [(scale.label(v), v) for v in scale.values] + ([("Don't know", DONT_KNOW)] if scale.dont_know else [])
    said = instrument.instructions or ""
    where = {label: m.start() for label, _ in answers
             if (m := re.search(rf"(?<![\w']){re.escape(label)}(?![\w'])", said))}
    if len(where) == len(answers):
        return sorted(answers, key=lambda a: where[a[0]])
    if scale.type is ScaleType.YES_NO:  # "Yes" before "No", as a checklist is read
        return [answers[1], answers[0], *answers[2:]]
    return answers


def _comments() -> list[Flowable]:
    st = styles()
    return [Spacer(1, 4), Paragraph("Comments on this section (optional):", st.small), WriteInLines(2)]


class ChoiceTable(Table):
    """Items down the side, one column of boxes per answer, and (on the section's last part) its
    comment lines as the last row. It splits only between items, leaving at least
    MIN_ITEMS_ON_A_PAGE items on each side and the comments with the last ones; a section too short
    for that moves whole. (Its own split rather than reportlab's rowSplitRange, whose range does
    not carry over to the part after a break.)"""

    def __init__(self, instrument: Instrument, items: Sequence[Item], width: float, *, first: int = 0,
                 comments: bool = True):
        st = styles()
        self.instrument, self.items, self.table_width = instrument, list(items), width
        self.first, self.comments = first, comments
        answers = [label for label, _ in answer_order(instrument)]
        # Each answer's column is as wide as its longest word, so labels wrap between words only.
        label_style = ParagraphStyle("answer", parent=st.small, fontSize=7.5, leading=9, alignment=TA_CENTER)
        # (+16: the cell's padding, 6 points a side, and a little air)
        box_width = max(0.6 * inch, *(max(stringWidth(w, FONT, 7.5) for w in a.split()) + 16 for a in answers))
        header = [Paragraph("", st.header_cell)] + [Paragraph(text(a), label_style) for a in answers]
        rows: list[list[object]] = [header]
        for item in self.items:
            rows.append([Paragraph(f"<b>{text(item.key)}</b>&nbsp;&nbsp;{text(item.text)}", st.cell)]
                        + [centered_checkbox(size=BOX) for _ in answers])
        if comments:
            rows.append([_comments()] + [""] * len(answers))
        super().__init__(rows, colWidths=[width - box_width * len(answers)] + [box_width] * len(answers),
                         repeatRows=1, splitInRow=0)
        last = len(rows) - 1
        commands = [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("LINEBELOW", (0, 0), (-1, len(self.items)), 0.4, RULE),
            ("TOPPADDING", (0, 1), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
        ]
        if comments:
            commands += [("SPAN", (0, last), (-1, last)), ("LEFTPADDING", (0, last), (-1, last), 0),
                         ("RIGHTPADDING", (0, last), (-1, last), 0)]
        # stripes by the item's place in the section, so they run on across a page break
        commands += [("BACKGROUND", (0, r), (-1, r), STRIPE_FILL)
                     for r in range(1, len(self.items) + 1) if (first + r) % 2 == 0]
        self.setStyle(TableStyle(commands))

    def head_rows(self) -> int:
        """How many items must stay with the heading: MIN_ITEMS_ON_A_PAGE, or all of a short section."""
        keep = MIN_ITEMS_ON_A_PAGE
        return keep if len(self.items) >= 2 * keep else len(self.items)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        keep = MIN_ITEMS_ON_A_PAGE
        if len(self.items) < 2 * keep:
            return []
        self.wrap(avail_width, avail_height)
        heights = self._rowHeights  # noqa: SLF001 (reportlab sets them in wrap)
        best = None
        for n in range(keep, len(self.items) - keep + 1):  # n items before the break
            if sum(heights[: n + 1]) <= avail_height:
                best = n
        if best is None:
            return []
        return [ChoiceTable(self.instrument, self.items[:best], self.table_width, first=self.first,
                            comments=False),
                ChoiceTable(self.instrument, self.items[best:], self.table_width, first=self.first + best,
                            comments=self.comments)]


def _box_and_label(label: Flowable, style_padding: float = 0) -> Table:
    return Table([[Checkbox(size=BOX), label]], colWidths=[BOX + 5, None],
                 style=[("LEFTPADDING", (0, 0), (-1, -1), style_padding), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])


def _rubric_item(instrument: Instrument, item: Item, width: float) -> list[Flowable]:
    """A rubric row: the element, then each level's description with its box."""
    st = styles()
    scale = instrument.scale
    cells = []
    for label, descriptor in zip(scale.labels, item.descriptors, strict=True):
        cells.append([_box_and_label(Paragraph(f"<b>{text(label)}</b>", st.cell)),
                      Paragraph(text(descriptor), st.small)])
    col = width / scale.points
    levels = Table([cells], colWidths=[col] * scale.points)
    levels.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE)]))
    parts: list[Flowable] = [Paragraph(f"<b>{text(item.key)}</b>&nbsp;&nbsp;{text(item.text)}", st.body), levels]
    if scale.dont_know:
        parts.append(_box_and_label(Paragraph("Don't know", st.small)))
    parts.append(Spacer(1, 8))
    return parts


class TickChoices(Flowable):
    """A bold lead-in, then a box and a label for each choice, flowing over as many lines as needed
    but never parting a box from its label. The boxes are the answer boxes' size."""

    def __init__(self, lead: str, labels: Sequence[str], size: float = 8.5):
        super().__init__()
        self.lead, self.labels, self.size = lead, list(labels), size
        self.line_height = max(BOX, size) + 5
        self._placed: list[tuple[float, int, str]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        x = stringWidth(self.lead, FONT_BOLD, self.size) + 6
        line, placed = 0, []
        for label in self.labels:
            w = BOX + 4 + stringWidth(label, FONT, self.size)
            if x > 0 and x + w > avail_width:
                x, line = 0.0, line + 1
            placed.append((x, line, label))
            x += w + 10
        self._placed = placed
        self.width = avail_width
        self.height = (line + 1) * self.line_height
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        top = self.height
        text_drop = (BOX - self.size * 0.72) / 2  # centres a capital's height on the box
        c.setFont(FONT_BOLD, self.size)
        c.setFillColor(INK)
        c.drawString(0, top - self.line_height + 2 + text_drop, self.lead)
        for x, line, label in self._placed:
            y = top - (line + 1) * self.line_height + 2
            Checkbox(size=BOX).drawOn(c, x, y)
            c.setFont(FONT, self.size)
            c.setFillColor(INK)
            c.drawString(x + BOX + 4, y + text_drop, label)


def _section(instrument: Instrument, section: Section, width: float) -> list[Flowable]:
    """A section's heading and prompt, kept with its first items (at least three, or all of a short
    section), then the items, then the comment lines kept with the last items."""
    st = styles()
    heading = [Paragraph(text(section.title), _form_styles()[1])]
    if section.prompt:
        heading.append(Paragraph(text(section.prompt), st.body))
    need = sum(_height(f, width) for f in heading)
    if instrument.is_rubric:
        items = [_rubric_item(instrument, item, width) for item in section.items]
        items[-1] += _comments()
        blocks: list[Flowable] = [KeepTogether(parts) for parts in items]
        need += sum(_height(f, width) for f in items[0])
    else:
        table = ChoiceTable(instrument, section.items, width)
        blocks = [table]
        _height(table, width)
        rows = table._rowHeights  # noqa: SLF001 (reportlab sets them in wrap)
        need += sum(rows[: table.head_rows() + 1 + (table.head_rows() == len(table.items))])
    return [CondPageBreak(need + 4), *heading, *blocks]


def _form_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    """The form's title and its section headings, looking like the title and h1 but an outline's
    first and second level: a batch's bookmarks read one form per respondent, its sections below."""
    st = styles()
    title = ParagraphStyle("form_title", parent=st.h1, fontName=FONT_BOLD, fontSize=20, leading=24,
                           textColor=INK, spaceBefore=0, spaceAfter=4, keepWithNext=0)
    section = ParagraphStyle("form_section", parent=st.h2, fontSize=st.h1.fontSize, leading=st.h1.leading,
                             textColor=st.h1.textColor, spaceBefore=st.h1.spaceBefore, spaceAfter=st.h1.spaceAfter)
    return title, section


def _height(flowable: Flowable, width: float) -> float:
    _, h = flowable.wrap(width, 100 * inch)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def form_story(instrument: Instrument, width: float, code: str | None, round_label: str | None,
               groups: list[str]) -> list[Flowable]:
    st = styles()
    title = text(instrument.title)
    if code:
        title += (f" <br/><font size=11 color='#52606D'>Form for respondent {text(code)}"
                  + (f", round {text(round_label)}" if round_label else "") + "</font>")
    story: list[Flowable] = [Paragraph(title, _form_styles()[0]),
                             Paragraph(f"Source: {text(instrument.source)}", st.small), Spacer(1, 8)]

    about = Table([
        [TickChoices("Your position group:", groups) if groups else
         Table([[Paragraph("<b>Your position group:</b>", st.small), WriteInLines(1, None, 0.26 * inch)]],
               colWidths=[1.25 * inch, None], style=[("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                     ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]),
         Table([[Paragraph("<b>On the planning team?</b>", st.small), Checkbox(size=BOX), Paragraph("Yes", st.small),
                 Checkbox(size=BOX), Paragraph("No", st.small)]], colWidths=[1.35 * inch, BOX + 3, 26, BOX + 3, 24],
               style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 1)])],
    ], colWidths=[width * 0.64, width * 0.36])
    about.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story += [about, Spacer(1, 8)]
    if instrument.instructions:
        story.append(Paragraph(text(instrument.instructions), st.note))
    if code:
        story.append(Paragraph("Write only your code on this form, never your name.", st.small))
    else:
        story.append(Paragraph("Write your respondent code at the top of every page, never your name. (To print "
                               "forms with the codes on them, start a round in the Readiness tab with New round... "
                               "and print its forms.)" if not round_label else
                               "Write your respondent code at the top of every page, never your name.", st.small))
    parts = [_section(instrument, section, width) for section in instrument.sections]
    if not instrument.is_rubric and len(parts) > 1 and len(instrument.sections[-1].items) < MIN_ITEMS_ON_A_PAGE:
        # A short last section would be a page of its own with two items: it goes with the last
        # items of the section before (its CondPageBreak dropped: the two move together).
        *before, table = parts[-2]
        parts[-2:] = [[*before, _WithLastItems([table, *parts[-1][1:]])]]
    for part in parts:
        story += part
    return story


class _WithLastItems(KeepTogether):
    """A section's table kept with what follows it (a short last section): where they don't fit
    together, the table splits between items and its last part goes on with what follows."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        table, rest = self._content[0], self._content[1:]
        parts = table.split(avail_width, avail_height) if isinstance(table, ChoiceTable) else []
        if len(parts) == 2:
            return [parts[0], _WithLastItems([parts[1], *rest])]
        return super().split(avail_width, avail_height)


def _one_form(instrument: Instrument, width: float, strip: FormStrip, groups: list[str], first: bool,
              note: str | None = None) -> list[Flowable]:
    """One form: the strip made every page's top from the form's first page on."""
    story: list[Flowable] = [SetPageTopFlowables([strip])]
    story.append(strip if first else PageBreak())
    if note:
        story.append(Paragraph(note, styles().note))
    return story + form_story(instrument, width, strip.code, strip.round_label, groups)


def _pages_per_form(instrument: Instrument, info: DocumentInfo, width: float, code: str | None,
                    round_label: str | None, groups: list[str], note: str | None) -> int:
    """How many pages one form takes, by laying it out once (every form of a round is the same but
    for its code; the longest code is measured)."""
    strip = FormStrip(code, round_label)
    with tempfile.TemporaryDirectory(prefix="wellplan-form-") as scratch:
        build_pdf(Path(scratch) / "one.pdf", info, _one_form(instrument, width, strip, groups, True, note))
    return (strip.last_page or 1) - (strip.first_page or 1) + 1


def build_readiness_forms_pdf(
    session: Session,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    instrument: str | None = None,
    round: str | None = None,  # noqa: A002 (the command line's --round)
) -> Path:
    """Forms for every respondent of ``round`` (codes printed), or one blank form to copy."""
    styles()  # registers the fonts the measuring below needs
    profile = district_profile.get_profile(session)
    width = frame_width(profile.paper_size)
    groups = [g.name for g in district_profile.list_position_groups(session)]
    note: str | None = None
    if round:
        found = readiness_rounds.find_round(session, round, instrument)
        inst = readiness_rounds.load_round(session, found.id).instrument
        codes: list[str | None] = [p.code for p in readiness_rounds.list_respondents(session, found.id)] or [None]
        label: str | None = found.label
        if codes == [None]:
            note = (f"<b>Round {text(found.label)} has no respondent codes yet.</b> Add them in the Readiness "
                    "tab (Add respondent) and print again for one form per code, or copy this form and "
                    "write a code at the top of every page before handing it out.")
    else:
        inst = instruments.get_instrument(session, instrument or DEFAULT_INSTRUMENT)
        codes, label = [None], None
    info = DocumentInfo(title=f"Readiness form: {inst.title}", district=profile.display_name,
                        paper=profile.paper_size, page_numbers=False)  # each form numbers its own
    longest = max(codes, key=lambda c: stringWidth(c or "", FONT_BOLD, 10))
    pages = _pages_per_form(inst, info, width, longest, label, groups, note)
    story: list[Flowable] = []
    for n, code in enumerate(codes):
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, len(codes))
        story += _one_form(inst, width, FormStrip(code, label, pages), groups, n == 0, note)
    return build_pdf(out_path, info, story, cancel=cancel)
