"""Blank readiness forms for paper: one per respondent code of a round, or one with a space for
the code. Real boxes to tick, write-in lines for comments, and rows that never split a page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from models.instrument import Instrument, Item
from services import district_profile
from services.readiness import instruments, readiness_rounds
from services.reports.document import (
    FONT,
    HEADER_FILL,
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


def _choice_table(instrument: Instrument, items: tuple[Item, ...], width: float) -> Table:
    """Items down the side, one column of boxes per answer."""
    st = styles()
    scale = instrument.scale
    answers = list(scale.labels) + (["Don't know"] if scale.dont_know else [])
    # Each answer's column is as wide as its longest word, so labels wrap between words only.
    label_style = ParagraphStyle("answer", parent=st.small, fontSize=7.5, leading=9, alignment=TA_CENTER)
    # (+16: the cell's padding, 6 points a side, and a little air)
    box_width = max(0.6 * inch, *(max(stringWidth(w, FONT, 7.5) for w in a.split()) + 16 for a in answers))
    text_width = width - box_width * len(answers)
    header = [Paragraph("", st.header_cell)] + [Paragraph(text(a), label_style) for a in answers]
    rows = [header]
    for item in items:
        rows.append([Paragraph(f"<b>{text(item.key)}</b>&nbsp;&nbsp;{text(item.text)}", st.cell)]
                    + [centered_checkbox() for _ in answers])
    table = Table(rows, colWidths=[text_width] + [box_width] * len(answers), repeatRows=1, splitInRow=0)
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 1), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), STRIPE_FILL) for i in range(2, len(rows), 2)]
    table.setStyle(TableStyle(commands))
    return table


def _rubric_item(instrument: Instrument, item: Item, width: float) -> Flowable:
    """A rubric row: the element, then each level's description with its box."""
    st = styles()
    scale = instrument.scale
    cells = []
    for label, descriptor in zip(scale.labels, item.descriptors, strict=True):
        cells.append([Table([[Checkbox(), Paragraph(f"<b>{text(label)}</b>", st.cell)]], colWidths=[16, None],
                            style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
                      Paragraph(text(descriptor), st.small)])
    col = width / scale.points
    levels = Table([cells], colWidths=[col] * scale.points)
    levels.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE)]))
    parts: list[Flowable] = [Paragraph(f"<b>{text(item.key)}</b>&nbsp;&nbsp;{text(item.text)}", st.body), levels]
    if scale.dont_know:
        parts.append(Table([[Checkbox(), Paragraph("Don't know", st.small)]], colWidths=[16, None],
                           style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    parts.append(Spacer(1, 8))
    return KeepTogether(parts)


def form_story(instrument: Instrument, width: float, code: str | None, round_label: str | None,
               groups: list[str]) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [Paragraph(text(instrument.title), st.title),
                             Paragraph(f"Source: {text(instrument.source)}", st.small), Spacer(1, 8)]
    def filled_or_blank(label: str, value: str | None) -> Flowable:
        if value:
            return Paragraph(f"<b>{label}</b> {text(value)}", st.body)
        return Table([[Paragraph(f"<b>{label}</b>", st.body), WriteInLines(1, 1.5 * inch, 0.26 * inch)]],
                     colWidths=[stringWidth(label, FONT, 10) + 16, None],
                     style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])

    about = Table([
        [filled_or_blank("Respondent code:", code), filled_or_blank("Round:", round_label)],
        [Paragraph("<b>Your position group:</b> " + ("  ".join(f"&#9633; {text(g)}" for g in groups)
                                                    if groups else "_______________________"), st.small),
         Table([[Paragraph("<b>On the planning team?</b>", st.small), Checkbox(), Paragraph("Yes", st.small),
                 Checkbox(), Paragraph("No", st.small)]], colWidths=[1.35 * inch, 14, 26, 14, 24],
               style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 1)])],
    ], colWidths=[width * 0.6, width * 0.4])
    about.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story += [about, Spacer(1, 8)]
    if instrument.instructions:
        story.append(Paragraph(text(instrument.instructions), st.note))
    story.append(Paragraph("Write only your code on this form, never your name.", st.small))
    for section in instrument.sections:
        story.append(CondPageBreak(1.6 * inch))
        story.append(Paragraph(text(section.title), st.h1))
        if section.prompt:
            story.append(Paragraph(text(section.prompt), st.body))
        if instrument.is_rubric:
            story += [_rubric_item(instrument, item, width) for item in section.items]
        else:
            story.append(_choice_table(instrument, section.items, width))
        story.append(KeepTogether([Spacer(1, 6), Paragraph("Comments on this section (optional):", st.small),
                                   WriteInLines(2)]))
    return story


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
    profile = district_profile.get_profile(session)
    width = frame_width(profile.paper_size)
    groups = [g.name for g in district_profile.list_position_groups(session)]
    if round:
        found = readiness_rounds.find_round(session, round, instrument)
        inst = readiness_rounds.load_round(session, found.id).instrument
        codes: list[str | None] = [p.code for p in readiness_rounds.list_respondents(session, found.id)] or [None]
        label: str | None = found.label
    else:
        inst = instruments.get_instrument(session, instrument or DEFAULT_INSTRUMENT)
        codes, label = [None], None
    story: list[Flowable] = []
    for n, code in enumerate(codes):
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, len(codes))
        if n:
            story.append(PageBreak())
        story += form_story(inst, width, code, label, groups)
    info = DocumentInfo(title=f"Readiness form: {inst.title}", district=profile.display_name,
                        paper=profile.paper_size)
    return build_pdf(out_path, info, story, cancel=cancel)
