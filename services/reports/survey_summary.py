"""The staff survey summary: who answered, and every domain and item by group, with gaps marked
and every small group withheld (the rule is in the footer of each page).

Landscape, so a district's ten staff groups fit beside "All respondents"; more groups continue in
a second block of columns. Comments are never printed: they stay in the plan, if kept at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle
from sqlalchemy.orm import Session

from models import SurveyWave
from services import district_profile
from services.data.survey_participation import headcounts, participation
from services.data.survey_release import PRINT_PRECISION, PendingRelease, release_table
from services.data.survey_report import gaps, is_gap, load_wave, min_group_size
from services.data.survey_results import ALL, GroupReport, released_numbers
from services.errors import InvalidInput
from services.reports.document import (
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


def _cell_text(report: GroupReport, group: str, measure: str) -> str:
    cell = report.cell(group, measure)
    numbers = released_numbers(cell)  # the same numbers as the CSV and the evidence sent to Priorities
    if numbers is None:
        return "no answers" if cell.shown else DASH
    if measure in report.shares:
        return f"<b>{numbers.pct_favorable:.0f}%</b><br/>ticked"
    mark = f"\u00a0{GAP_MARK}" if is_gap(report, group, measure) else ""
    return f"<b>{numbers.mean:.2f}</b><br/>{numbers.pct_favorable:.0f}%{mark}"


def _results_tables(report: GroupReport, measures: list[str], width: float, first_title: str) -> list[Flowable]:
    st = styles()
    groups = list(report.groups[1:])
    blocks = [groups[i:i + GROUPS_PER_BLOCK] for i in range(0, len(groups), GROUPS_PER_BLOCK)] or [[]]
    out: list[Flowable] = []
    for block in blocks:
        header = [first_title] + [RotatedLabel(f"{g} ({report.count_text(g) or 'count withheld'})")
                                  for g in [ALL, *block]]
        rows = [[Paragraph(text(m), st.cell)] + [Paragraph(_cell_text(report, g, m), st.cell) for g in [ALL, *block]]
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


def build_survey_summary_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                             cancel: Callable[[], bool] | None = None, by: str | None = None,
                             wave: str | None = None, releases: list | None = None) -> Path:
    """Results of ``wave`` (default: the latest) by the attribute ``by`` (default: the first)."""
    data = load_wave(db, wave)
    if not data.dimensions:
        raise InvalidInput(f"Wave '{data.label}' has no respondent attributes to break results down by.")
    dimension = data.dimension(by) if by else data.dimensions[0]
    min_size = min_group_size(db)
    table = release_table(db, data, dimension.label, min_size)  # audited against every earlier release
    report = table.report
    if releases is not None:
        releases.append(PendingRelease(table, "summary", PRINT_PRECISION,
                                       f"printed survey summary of {data.label} by {dimension.label}"))
    profile = district_profile.get_profile(db)
    width = frame_width(profile.paper_size, landscape=True)
    st = styles()

    def step(n: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, 5)

    step(0)
    dates = ""
    row = db.get(SurveyWave, data.id)
    if row.first_response and row.last_response:
        dates = f", answered {row.first_response:%d %b %Y} to {row.last_response:%d %b %Y}"
    story: list[Flowable] = [
        Paragraph(text(f"Staff survey results: {data.label}"), st.title),
        Paragraph(text(f"Grouped by: {dimension.label} \u2022 {data.respondent_count} responses, {len(data.items)} "
                       f"items{dates}"), st.subtitle),
        Paragraph(text(f"Each cell shows the mean on the item's scale (1 = lowest) and, below it, the percent "
                       "favorable (the top two points; the top one on a scale of three points or fewer, such as "
                       f"yes/no). {GAP_MARK} and shading mark a gap: at least 0.3 below all "
                       f"respondents on the mean, or 10 points on percent favorable. {DASH} means withheld: "
                       f"{suppression_note(min_size)} When one group would be withheld, the next smallest is "
                       "withheld too, so it can't be worked out from the total; and sometimes more, so that no "
                       "small group's result can be worked out from this and the results released before "
                       "(WellPlan keeps a ledger of every report, printout and piece of evidence)."), st.note),
    ]

    step(1)
    counts = headcounts(db, data.id, dimension.label)
    part = participation(dimension, counts, min_size, report.hidden_counts)
    story.append(Paragraph("Who answered", st.h1))
    rows = []
    for r in part.rows:
        rows.append([r.group, DASH if r.responses is None else str(r.responses),
                     "" if r.headcount is None else str(r.headcount),
                     "" if r.rate is None else f"{r.rate:.0f}%", r.note])
    low = [i for i, r in enumerate(part.rows) if r.low]
    story.append(data_table(["Group", "Responses", "Staff", "Response rate", "Note"], rows,
                            [width * 0.3, width * 0.1, width * 0.1, width * 0.12, width * 0.38], highlight_rows=low))
    if part.overall_rate is not None:
        story.append(Paragraph(text(f"Overall response rate: {part.overall_rate:.0f}% of {part.headcount} staff in "
                                    "the groups with a headcount."), st.small))
    elif not counts:
        story.append(Paragraph("No headcounts have been entered for these groups, so response rates are not "
                               "shown (enter them on the Data tab's Participation page).", st.small))

    step(2)
    domains = [m for m in report.measures if m in report.domain_names]
    if domains:
        story.append(Paragraph("Wellness domains", st.h1))
        story += _results_tables(report, domains, width, "Domain")
    step(3)
    story.append(Paragraph("Items", st.h1))
    items = [m for m in report.measures if m not in report.domain_names]
    story += _results_tables(report, items, width, "Item")

    step(4)
    found = gaps(report)
    story.append(Paragraph("Largest gaps", st.h1))
    if found:
        story += [Paragraph(text(g.text()), st.body, bulletText="\u2022") for g in found[:12]]
        if len(found) > 12:
            story.append(Paragraph(text(f"... and {len(found) - 12} more on the Data tab."), st.small))
    else:
        story.append(Paragraph("No shown group is 0.3 or more below all respondents on any item.", st.body))
    info = DocumentInfo(title="Staff survey results", district=profile.display_name, paper=profile.paper_size,
                        landscape=True, footer_note=suppression_note(min_size))
    path = build_pdf(out_path, info, story, cancel=cancel)
    step(5)
    return path
