"""The staff survey summary: who answered, and every domain and item by group, with gaps marked
and every small group withheld (the rule is in the footer of each page).

Landscape, so a district's ten staff groups fit beside "All respondents"; more groups continue in
a second block of columns. Comments are never printed: they stay in the plan, if kept at all.

On paper nothing is left to a tooltip: every withheld cell ("—") carries a letter saying why,
explained under its table in the Data tab's words; groups are listed in their natural order (the
district's position groups as the profile orders them, schools by level, tenure and other bands
by length), not alphabetically; a gap is a ▼ as well as a shade.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle
from sqlalchemy.orm import Session

from models import SurveyWave
from services import district_profile
from services.data.group_order import group_order
from services.data.survey_participation import headcounts, participation
from services.data.survey_release import ALIKE, PRINT_PRECISION, PendingRelease, release_table
from services.data.survey_report import gaps, is_gap, load_wave, min_group_size, school_slice
from services.data.survey_results import ALL, NO_ANSWER, GroupReport, released_numbers
from services.date_style import style_for
from services.errors import InvalidInput
from services.reports.document import (
    FONT,
    WARN_FILL,
    Cancelled,
    DocumentInfo,
    RotatedLabel,
    build_pdf,
    data_table,
    frame_width,
    styles,
    text,
)
from services.suppression import suppression_note

GROUPS_PER_BLOCK = 12
DASH = "\u2014"
GAP_MARK = "\u25bc"  # a shape as well as a colour, so a gap reads in greyscale and to colour-blind eyes


# Why a cell is withheld, in the Data tab's words (its tooltip says "Withheld: <reason>."): each
# kind of reason gets a letter, printed beside the dash and explained under the table.
def _reason_kinds(min_size: int) -> list[tuple[Callable[[str], bool], str]]:
    return [
        (lambda why: why == f"group of fewer than {min_size} respondents",
         f"group of fewer than {min_size} respondents"),
        (lambda why: why == f"fewer than {min_size} in this group answered",
         f"fewer than {min_size} in this group answered"),
        (lambda why: why == f"fewer than {min_size} respondents answered",
         f"fewer than {min_size} respondents answered"),
        (lambda why: why == "withheld so a smaller group's result can't be worked out from the total",
         "withheld so a smaller group's result can't be worked out from the total"),
        (lambda why: why.startswith("withheld so that "),
         "withheld so that a small group's result can't be worked out from this and the results released "
         "before (WellPlan keeps a ledger of every report, printout and piece of evidence)"),
        (lambda why: why == ALIKE, ALIKE),
    ]


class WithheldNotes:
    """A letter for each reason a report withholds a cell, lettered in the order above (reasons
    the list does not know get their own letter and their own words)."""

    def __init__(self, report: GroupReport):
        kinds = _reason_kinds(report.min_size)
        used: dict[int | str, str] = {}
        self._key: dict[str, int | str] = {}
        for cell in report.cells.values():
            if cell.withheld and cell.withheld not in self._key:
                kind = next((k for k, (matches, _) in enumerate(kinds) if matches(cell.withheld)), cell.withheld)
                self._key[cell.withheld] = kind
                used[kind] = kinds[kind][1] if isinstance(kind, int) else cell.withheld
        ordered = sorted(used, key=lambda k: (isinstance(k, str), k if isinstance(k, int) else 0, str(k)))
        self.letter = {kind: "abcdefghijklmnopqrstuvwxyz"[n] for n, kind in enumerate(ordered)}
        self.words = {self.letter[kind]: used[kind] for kind in ordered}

    def mark(self, why: str) -> str:
        return self.letter[self._key[why]]

    def legend(self, letters: set[str]) -> str:
        return "; ".join(f"<b>{m}</b> {text(self.words[m])}" for m in sorted(letters))


def _cell_text(report: GroupReport, group: str, measure: str, notes: WithheldNotes) -> str:
    cell = report.cell(group, measure)
    numbers = released_numbers(cell)  # the same numbers as the CSV and the evidence sent to Priorities
    if numbers is None:
        if cell.shown:
            return "no answers"
        return f"{DASH}\u00a0<super><b>{notes.mark(cell.withheld)}</b></super>"
    if measure in report.shares:
        return f"<b>{numbers.pct_favorable:.0f}%</b><br/>ticked"
    mark = f"\u00a0{GAP_MARK}" if is_gap(report, group, measure) else ""
    return f"<b>{numbers.mean:.2f}</b><br/>{numbers.pct_favorable:.0f}%{mark}"


def _results_tables(report: GroupReport, measures: list[str], width: float, first_title: str,
                    order: Sequence[str], notes: WithheldNotes, per_block: int = GROUPS_PER_BLOCK) -> list[Flowable]:
    st = styles()
    groups = list(order)
    blocks = [groups[i:i + per_block] for i in range(0, len(groups), per_block)] or [[]]
    out: list[Flowable] = []
    for block in blocks:
        used = {notes.mark(report.cell(g, m).withheld) for g in [ALL, *block] for m in measures
                if not report.cell(g, m).shown}
        # The letters' key sits in the first heading cell, the room beside the turned group names, so
        # it repeats with the heading on every page the table runs over.
        key = (f"<font name='{FONT}' size=7.5 color='#52606D'>{DASH} withheld: {notes.legend(used)}.</font><br/><br/>"
               if used else "")
        header = [Paragraph(f"{key}<b>{text(first_title)}</b>", st.header_cell)] + [
            RotatedLabel(f"{g} ({report.count_text(g) or 'count withheld'})") for g in [ALL, *block]]
        rows = [[Paragraph(text(m), st.cell)] +
                [Paragraph(_cell_text(report, g, m, notes), st.cell) for g in [ALL, *block]]
                for m in measures]
        rest = min(0.62 * 72, width * 0.6 / (len(block) + 1))
        first = width - rest * (len(block) + 1)
        table = data_table(header, rows, [first] + [rest] * (len(block) + 1))
        marks = [("BACKGROUND", (c, r), (c, r), WARN_FILL) for r, m in enumerate(measures, 1)
                 for c, g in enumerate(block, 2) if is_gap(report, g, m)]
        marks.append(("LINEAFTER", (1, 0), (1, -1), 0.8, colors.HexColor("#9AA5B1")))
        marks.append(("VALIGN", (0, 0), (-1, 0), "BOTTOM"))
        marks += [("LEFTPADDING", (1, 0), (-1, -1), 3), ("RIGHTPADDING", (1, 0), (-1, -1), 2)]
        table.setStyle(TableStyle(marks))
        out += [table, Spacer(1, 8)]
    return out


class SchoolResultsWithheld(InvalidInput):
    """One school's results can't be shown at all: no school attribute in the wave, no one from the
    school, or fewer than the minimum group size."""


@dataclass(frozen=True)
class SurveyPart:
    """The survey results as a printout's flowables, and the minimum group size its footer names."""

    story: list[Flowable]
    min_size: int
    title: str


def school_names(db: Session) -> list[str]:
    return [s.name for s in district_profile.list_schools(db)]


def survey_story(db: Session, *, wave: str | None = None, by: str | None = None, school: str | None = None,
                 releases: list | None = None, width: float, per_block: int = GROUPS_PER_BLOCK,
                 kind: str = "printed survey summary", heading: str | None = None,
                 step: Callable[[int], None] = lambda n: None) -> SurveyPart:
    """Results of ``wave`` (default: the latest) by the attribute ``by`` (default: the first; within
    a ``school``, the first other than the school's), audited against every earlier release; what it
    prints is added to ``releases`` for the caller to record once the file is written. ``heading``
    replaces the title (a packet numbers its sections).

    For a school, a wave with no school attribute, or without enough of the school's respondents to
    show anything, is refused with ``SchoolResultsWithheld`` (a packet says why and goes on)."""
    data = load_wave(db, wave)
    if not data.dimensions:
        raise InvalidInput(f"Wave '{data.label}' has no respondent attributes to break results down by.")
    min_size = min_group_size(db)
    within = None
    if school:
        try:
            within = school_slice(data, school, school_names(db))
        except InvalidInput as exc:
            raise SchoolResultsWithheld(str(exc)) from None
        if int(within.members.sum()) < min_size:
            raise SchoolResultsWithheld(f"Fewer than {min_size} people from {within.name} answered wave "
                                        f"'{data.label}', so its results are withheld: too few to show without "
                                        "telling who said what.")
        others = [d for d in data.dimensions if d.id != within.dimension.id]
        if not by and not others:
            raise SchoolResultsWithheld(f"Wave '{data.label}' has no respondent attribute besides school to break "
                               f"{within.name}'s results down by.")
        dimension = data.dimension(by) if by else others[0]
    else:
        dimension = data.dimension(by) if by else data.dimensions[0]
    table = release_table(db, data, dimension.label, min_size, within=within)  # audited against every release
    report = table.report
    where = f" at {within.name}" if within else ""
    if releases is not None:
        releases.append(PendingRelease(table, "summary", PRINT_PRECISION,
                                       f"{kind} of {data.label}{where} by {dimension.label}"))
    profile = district_profile.get_profile(db)
    st = styles()

    step(0)
    dates = ""
    row = db.get(SurveyWave, data.id)
    if row.first_response and row.last_response:
        dates = f", answered {style_for(profile).range(row.first_response, row.last_response)}"
    order = group_order(db, report.groups[1:])
    notes = WithheldNotes(report)
    count = report.count_text(ALL)
    responses = f"{count} responses" if count else "number of responses withheld"
    whose = "all respondents" if within is None else f"all of {within.name}'s respondents"
    title = f"Staff survey results{where}: {data.label}"
    story: list[Flowable] = [
        Paragraph(text(heading or title), st.title),
        Paragraph(text(f"Grouped by: {dimension.label} \u2022 {responses}{where}, {len(data.items)} "
                       f"items{dates}"), st.subtitle),
        Paragraph(text(f"Each cell shows the mean on the item's scale (1 = lowest) and, below it, the percent "
                       "favorable (the top two points; the top one on a scale of three points or fewer, such as "
                       f"yes/no). {GAP_MARK} and shading mark a gap: at least 0.3 below {whose} on the "
                       f"mean, or 10 points on percent favorable. {DASH} means withheld: "
                       f"{suppression_note(min_size)} When one group would be withheld, the next smallest is "
                       "withheld too, so it can't be worked out from the total; and sometimes more, so that no "
                       "small group's result can be worked out from this and the results released before "
                       "(WellPlan keeps a ledger of every report, printout and piece of evidence). The letter "
                       f"beside each {DASH} says why: the key is at the top left of each table."), st.note),
    ]

    step(1)
    story.append(Paragraph("Who answered", st.h1))
    rank = {g: n for n, g in enumerate(order)}
    if within is None:
        counts = headcounts(db, data.id, dimension.label)
        part = participation(dimension, counts, min_size, report.hidden_counts)
        rows = []
        part_rows = sorted(part.rows, key=lambda r: (r.group == NO_ANSWER, rank.get(r.group, len(rank))))
        for r in part_rows:
            rows.append([r.group, DASH if r.responses is None else str(r.responses),
                         "" if r.headcount is None else str(r.headcount),
                         "" if r.rate is None else f"{r.rate:.0f}%", r.note])
        low = [i for i, r in enumerate(part_rows) if r.low]
        story.append(data_table(["Group", "Responses", "Staff", "Response rate", "Note"], rows,
                                [width * 0.3, width * 0.1, width * 0.1, width * 0.12, width * 0.38],
                                highlight_rows=low))
        if part.overall_rate is not None:
            story.append(Paragraph(text(f"Overall response rate: {part.overall_rate:.0f}% of {part.headcount} staff "
                                        "in the groups with a headcount."), st.small))
        elif not counts:
            story.append(Paragraph("No headcounts have been entered for these groups, so response rates are not "
                                   "shown (enter them on the Data tab's Participation page).", st.small))
    else:
        story += _school_responses(report, order, width, st)

    step(2)
    domains = [m for m in report.measures if m in report.domain_names]
    if domains:
        story.append(Paragraph("Wellness domains", st.h1))
        story += _results_tables(report, domains, width, "Domain", order, notes, per_block)
    step(3)
    story.append(Paragraph("Items", st.h1))
    items = [m for m in report.measures if m not in report.domain_names]
    story += _results_tables(report, items, width, "Item", order, notes, per_block)

    step(4)
    found = gaps(report)
    story.append(Paragraph("Largest gaps", st.h1))
    if found:
        story += [Paragraph(text(g.text()), st.body, bulletText="\u2022") for g in found[:12]]
        if len(found) > 12:
            story.append(Paragraph(text(f"... and {len(found) - 12} more on the Data tab."), st.small))
    else:
        story.append(Paragraph(f"No shown group is 0.3 or more below {whose} on any item.", st.body))
    return SurveyPart(story, min_size, title)


def _school_responses(report: GroupReport, order: Sequence[str], width: float, st) -> list[Flowable]:
    """One school's responses by group: the district's staff numbers are by group across schools,
    so a school's response rates can't be given."""
    min_size = report.min_size
    rows = []
    for group in [*order, *([NO_ANSWER] if NO_ANSWER in report.groups else [])]:
        if group not in report.respondents:
            continue
        shown = report.count_text(group)
        small = 0 < report.respondents[group] < min_size
        note = "" if shown else (f"fewer than {min_size} responded: too few to report" if small else
                                 "count withheld so a smaller group's can't be worked out")
        rows.append([group, shown or DASH, note])
    return [data_table(["Group", "Responses", "Note"], rows, [width * 0.4, width * 0.15, width * 0.45]),
            Paragraph("Response rates are not shown for one school: the plan's staff numbers are by group across "
                      "the district.", st.small)]


def build_survey_summary_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                             cancel: Callable[[], bool] | None = None, by: str | None = None,
                             wave: str | None = None, school: str | None = None,
                             releases: list | None = None) -> Path:
    """Results of ``wave`` (default: the latest) by the attribute ``by`` (default: the first), for
    everyone or for one ``school``'s respondents."""

    def step(n: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, 5)

    profile = district_profile.get_profile(db)
    width = frame_width(profile.paper_size, landscape=True)
    part = survey_story(db, wave=wave, by=by, school=school, releases=releases, width=width, step=step)
    title = "Staff survey results" if not school else part.title.partition(":")[0]
    info = DocumentInfo(title=title, district=profile.display_name, paper=profile.paper_size,
                        landscape=True, footer_note=suppression_note(part.min_size))
    path = build_pdf(out_path, info, part.story, cancel=cancel)
    step(5)
    return path
