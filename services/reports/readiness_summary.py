"""The readiness summary a team hands its superintendent: for each round, how the sections read,
the distribution of answers, strengths, growth areas with next steps, knowledge gaps, where people
disagree, the planning team beside everyone else, change since the previous round, and whom
nobody who answered spoke for (position groups, schools, levels and tenure bands).

Group results obey the plan's minimum group size (``services.readiness.readiness_results`` never reads a
smaller group) and the footer of every page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer
from sqlalchemy.orm import Session

from models.instrument import DONT_KNOW, Instrument, Item, ScaleType
from services import district_profile
from services.date_style import DateStyle, style_for
from services.readiness import instruments, readiness_results, readiness_rounds
from services.readiness.readiness_results import GroupReading, RoundResults
from services.readiness.readiness_scoring import ItemResult, describe_change, describe_median
from services.readiness.round_representation import RoundRepresentation, round_representation
from services.reports.document import (
    Cancelled,
    DocumentInfo,
    build_pdf,
    data_table,
    frame_width,
    nothing_yet,
    styles,
    text,
)
from services.reports.readiness_chart import distribution_drawing
from services.suppression import suppression_note

TITLE = "Readiness results"


def _rounds_to_report(session: Session, round_label: str | None, instrument: str | None):
    rounds = readiness_rounds.list_rounds(session)
    if instrument:
        rounds = [r for r in rounds if r.instrument_key == instrument]
    if round_label:
        wanted = round_label.strip().casefold()
        chosen = [r for r in rounds if r.label.casefold() == wanted]
        if not chosen:
            readiness_rounds.find_round(session, round_label, instrument)  # raises, listing the rounds there are
        return chosen
    latest: dict[str, readiness_rounds.RoundRecord] = {}
    for r in rounds:  # newest first, so the first of each instrument is its latest round
        latest.setdefault(r.instrument_key, r)
    return list(latest.values())


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _item_line(results: RoundResults, item: ItemResult) -> str:
    inst = results.data.instrument
    return f"<b>{text(item.key)}</b> {text(inst.items_by_key[item.key].text)}"


def growth_step(inst: Instrument, item: Item, median: float | None) -> str:
    """What would move a growth item up, from the instrument: a checklist's next step, a levels
    item's growth step, else a rubric's description of the level above the middle answer. A plan's
    copy of a built-in made before growth steps were written takes them from the shipped file
    (where the item still reads the same)."""
    if item.next_step or item.growth_step:
        return item.next_step or item.growth_step
    shipped = next((b for b in instruments.built_in_instruments() if b.key == inst.key), None)
    same = shipped.items_by_key.get(item.key) if shipped else None
    if same is not None and same.text == item.text and (same.next_step or same.growth_step):
        return same.next_step or same.growth_step
    if item.descriptors and median is not None:
        above = min(int(median) + 1, inst.scale.points)  # the level above the middle answer
        return f"Aim for \u201c{inst.scale.label(above)}\u201d: {item.descriptors[above - 1]}"
    return "Discuss what would move this a level up."


def _bullets(lines: list[str], lead: list[Flowable] | None = None) -> list[Flowable]:
    """A bulleted list under its heading (``lead``); a short one is kept on one page with it, so
    neither the heading nor one bullet is left alone at a page's foot or top."""
    st = styles()
    bullets = [Paragraph(line, st.body, bulletText="\u2022") for line in lines]
    lead = lead or []
    return [KeepTogether(lead + bullets)] if 1 < len(bullets) <= 8 else lead + bullets


def _group_table(results: RoundResults, groups: list[GroupReading], width: float) -> Flowable:
    scale = results.data.instrument.scale
    header = ["Section"] + [f"{g.name} ({g.count})" for g in groups]
    rows = []
    for section in results.reading.sections:
        row: list[object] = [section.title]
        for g in groups:
            row.append(f"Not shown: fewer than {results.min_group_size}" if g.suppressed else
                       describe_median(scale, g.reading.section(section.key).reading.median))
        rows.append(row)
    first = width * 0.34
    return data_table(header, rows, [first] + [(width - first) / len(groups)] * len(groups))


def _round_story(results: RoundResults, width: float, dates: DateStyle,
                 heard: RoundRepresentation | None = None) -> list[Flowable]:
    st = styles()
    data, reading, inst = results.data, results.reading, results.data.instrument
    scale = inst.scale
    on_team = sum(1 for p in data.respondents if p.on_team and data.answered_count(p.id))
    story: list[Flowable] = [
        Paragraph(f"{text(inst.title)}: {text(data.round.label)}", st.h1),
        Paragraph(f"Given {dates.date(data.round.given_on)}; "
                  f"{reading.respondents} respondents ({on_team} on the planning team, "
                  f"{reading.respondents - on_team} others). Source: {text(inst.source)}.", st.small),
        Spacer(1, 4),
    ]
    gaps = heard.gaps() if heard is not None and heard.answered else []
    if gaps:
        story.append(Paragraph("<b>Whom nobody spoke for.</b> Readiness is reflected on with people in every kind of "
                               "position, school and length of service (Take Action toolkit, step 2). "
                               + text(" ".join(gaps)), st.note))
    if inst.guidance:
        story.append(Paragraph(text(inst.guidance), st.note))
    if reading.respondents == 0:
        return story + [nothing_yet("No answers have been entered for this round yet. Type them in on the "
                                    "Readiness tab's Answers page, from the screen or from the paper forms, then "
                                    "print this summary again.")]

    change_title = f"Change since {results.previous.label}" if results.previous else "Change"
    rows = []
    for section in reading.sections:
        r = section.reading
        rows.append([section.title, describe_median(scale, r.median), _pct(r.dont_know_share),
                     str(sum(i.reading.disagreement for i in section.items)),
                     describe_change(results.section_change(section.key)) or "first round"])
    story += [Paragraph("Sections at a glance", st.h2),
              data_table(["Section", "Middle answer (median)", "Don't know", "Items with disagreement", change_title],
                         rows, [width * 0.34, width * 0.2, width * 0.12, width * 0.16, width * 0.18])]

    strengths = reading.strengths
    growth = reading.growth_areas
    heading = Paragraph("Strengths to build on", st.h2)
    story += _bullets([f"{_item_line(results, i)} ({text(describe_median(scale, i.reading.median))})"
                       for i in strengths], [heading]) if strengths else [
        heading, Paragraph("None yet: no item's middle answer is in the top part of the scale.", st.body)]
    story.append(Paragraph("Where growth is needed", st.h2))
    if growth:
        rows = []
        for i in growth:
            item = inst.items_by_key[i.key]
            sent = " (in Priorities)" if i.key in results.sent else ""
            rows.append([Paragraph(_item_line(results, i), st.cell),
                         readiness_results.evidence_text(results, i) + sent,
                         growth_step(inst, item, i.reading.median)])
        story.append(data_table(["Item", "What the round said", "Next step"], rows,
                                [width * 0.38, width * 0.24, width * 0.38]))
    else:
        story.append(Paragraph("No item's middle answer is in the bottom part of the scale.", st.body))
    if scale.type is ScaleType.YES_NO:
        others = [i for i in reading.items if i not in growth and i.reading.count(1)]
        if others:
            story.append(Paragraph("Other questions someone answered \u201cno\u201d", st.h2))
            story.append(data_table(["Item", "Answers", "Next step"], [
                [Paragraph(_item_line(results, i), st.cell), readiness_results.evidence_text(results, i),
                 inst.items_by_key[i.key].next_step] for i in others], [width * 0.38, width * 0.24, width * 0.38]))

    story += [CondPageBreak(2.5 * inch), Paragraph("How people answered, item by item", st.h2),
              distribution_drawing(inst, reading, width)]

    gaps = reading.knowledge_gaps
    if gaps:
        story += _bullets([f"{_item_line(results, i)} ({i.reading.count(DONT_KNOW)} of {i.reading.total})"
                           for i in gaps], [
            Paragraph("Knowledge gaps: many answered \u201cdon't know\u201d", st.h2),
            Paragraph("A knowledge gap is something people have not been told, not a weakness.", st.small)])
    split = reading.disagreements
    if split:
        story += _bullets([f"{_item_line(results, i)} (" + ", ".join(
            f"{scale.label(v)} {i.reading.count(v)}" for v in scale.values if i.reading.count(v)) + ")" for i in split],
            [Paragraph("Where respondents disagree", st.h2),
             Paragraph("Answers two or more levels apart" if scale.type is not ScaleType.YES_NO else
                       "Answers split between yes and no", st.small)])

    story.append(CondPageBreak(1.8 * inch))
    story.append(Paragraph("The planning team and other respondents", st.h2))
    if results.team_and_others and not all(g.suppressed for g in results.team_and_others):
        story.append(_group_table(results, results.team_and_others, width))
    else:
        story.append(Paragraph(f"Not shown: the planning team or the other respondents are fewer than "
                               f"{results.min_group_size}.", st.body))
    shown = [g for g in results.by_position if not g.suppressed]
    story.append(Paragraph("By position group", st.h2))
    if shown:
        story.append(_group_table(results, shown, width))
    withheld = [g.name for g in results.by_position if g.suppressed]
    if withheld:
        story.append(Paragraph(f"Not shown, to protect respondents: {text(', '.join(withheld))}.", st.small))

    notes = [(key, note) for key, note in data.notes.items() if note]
    if notes:
        story += _bullets([f"<b>{text(k)}</b> {text(n)}" for k, n in notes], [Paragraph("Discussion notes", st.h2)])
    return story


def build_readiness_summary_pdf(
    session: Session,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    round: str | None = None,  # noqa: A002 (the command line's --round)
    instrument: str | None = None,
) -> Path:
    """Every round with ``round`` as its label, or the latest round of each instrument."""
    st = styles()
    profile = district_profile.get_profile(session)
    width = frame_width(profile.paper_size)
    rounds = _rounds_to_report(session, round, instrument)
    story: list[Flowable] = [Paragraph(TITLE, st.title)]
    if not rounds:
        story.append(nothing_yet("No readiness rounds yet, so there are no results to show. Start one in the "
                                 "Readiness tab with New round..., print its forms for paper (or type the answers "
                                 "in on screen), then print this summary."))
    else:
        story.append(Paragraph(text("; ".join(f"{r.instrument_title} ({r.label})" for r in rounds)), st.subtitle))
        story.append(Paragraph(
            "The value of a readiness reflection is not in a score. These pages show where the people asked see "
            "strengths already in place and where growth is needed, to start the team's conversation.", st.body))
    for n, r in enumerate(rounds):
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, len(rounds))
        if n:
            story.append(PageBreak())
        story += _round_story(readiness_results.load_results(session, r.id), width, style_for(profile),
                              round_representation(session, r.id))
    info = DocumentInfo(title=TITLE, district=profile.display_name, paper=profile.paper_size,
                        footer_note=suppression_note(profile.min_group_size))
    return build_pdf(out_path, info, story, cancel=cancel)
