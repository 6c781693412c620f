"""The year-end review as a PDF (``export PLAN year-review``): for the meeting where the team looks
back on the year (seed 003's Act before the next year-long cycle) and for the district's records.

Each objective gets its indicator against its target (the result in words and a mark, so it reads
the same in black and white), the PDSA decisions and what they changed, the actions done and not
finished, and the team's conclusions; where none are recorded yet, ruled lines to write them on
in the meeting. No survey results are printed, so no suppression note is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.reports.document import (
    Cancelled,
    DocumentInfo,
    WriteInLines,
    build_pdf,
    data_table,
    frame_width,
    nothing_yet,
    styles,
    text,
)
from services.wording import counted
from services.year.year_review import (
    DECISION_HEADINGS,
    DECISION_ORDER,
    ActionLine,
    CycleOutcome,
    YearReview,
    load_review,
    value_text,
)

TITLE = "Year-end review"
# Printed beside the result, so a black-and-white copy says it without colour.
REACHED_MARK, NOT_REACHED_MARK = "\u2714", "\u2716"


def _dates(review: YearReview) -> str:
    style = review.style
    if review.year_start and review.year_end:
        return f"School year {review.school_year} ({style.range(review.year_start, review.year_end)})"
    return f"School year {review.school_year}" if review.school_year else "School year not set"


def _summary(review: YearReview) -> str:
    total = len(review.objectives)
    if not total:
        return ""
    reached = review.reached
    unmeasured = sum(1 for o in review.objectives if o.reached is None)
    parts = [f"{reached} of {counted(total, 'objective')} reached {'its' if total == 1 else 'their'} target"]
    if unmeasured:
        parts.append(f"{counted(unmeasured, 'objective')} could not be judged (no target or no measurement)")
    decided = [c for o in review.objectives for c in o.cycles] + list(review.other_cycles)
    if decided:
        by = {d: sum(1 for c in decided if c.decision == d) for d in DECISION_ORDER}
        parts.append(f"PDSA cycles: {by['adopt']} adopted, {by['adapt']} adapted, {by['abandon']} abandoned")
    return "; ".join(parts) + "."


def _cycles_table(cycles: list[CycleOutcome], width: float, style) -> Flowable:
    rows = []
    for decision in DECISION_ORDER:
        for c in (c for c in cycles if c.decision == decision):
            what = " ".join(t for t in (f"{c.changed}." if c.changed else "", c.learning) if t)
            rows.append([DECISION_HEADINGS[decision], c.title + (f" ({style.date(c.decided_on)})" if c.decided_on
                                                                  else ""), what or "Nothing written down."])
    return data_table(["Decision", "PDSA cycle", "What it changed and what was learned"], rows,
                      [width * 0.14, width * 0.34, width * 0.52])


def _actions(actions: list[ActionLine], st) -> list[Flowable]:
    done = [a for a in actions if a.finished]
    unfinished = [a for a in actions if not a.finished and not a.dropped]
    dropped = [a for a in actions if a.dropped]
    out: list[Flowable] = []

    def listed(label: str, lines: list[ActionLine], with_status: bool) -> None:
        if not lines:
            return
        items = "; ".join(text(a.title) + (f" ({text(a.status.lower())})" if with_status else "")
                          + (" \u2014 now standard practice" if a.standard_practice else "") for a in lines)
        out.append(Paragraph(f"<b>{label} ({len(lines)}):</b> {items}.", st.body))

    listed("Done", done, False)
    listed("Not finished", unfinished, True)
    listed("Dropped", dropped, False)
    if not out:
        out.append(Paragraph("No actions were planned for it.", st.small))
    return out


def _conclusions(conclusions: str, st, what: str) -> list[Flowable]:
    if conclusions:
        return [Paragraph(text(conclusions).replace("\n", "<br/>"), st.body)]
    return [Paragraph(f"Not recorded yet: write the team's conclusions on {what} here, then type them into "
                      "WellPlan (File &gt; Year-end review).", st.small), WriteInLines(4)]


def build_year_review_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                          cancel: Callable[[], bool] | None = None) -> Path:
    review = load_review(db)
    profile = district_profile.get_profile(db)
    width = frame_width(profile.paper_size)
    st = styles()
    style = review.style
    steps = len(review.objectives) + 2

    def step(n: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, steps)

    step(0)
    story: list[Flowable] = [Paragraph(TITLE, st.title), Paragraph(text(_dates(review)), st.subtitle)]
    if review.objectives:
        story.append(Paragraph(text(_summary(review)), st.body))
    else:
        story.append(nothing_yet("The plan has no objectives yet, so there is nothing to review against: write "
                                 "SMARTIE objectives on the Action plan tab."))
    for n, o in enumerate(review.objectives, start=1):
        step(n)
        heading = f"Objective {n}" + (" (carried over from last year)" if o.carried_over else "")
        story.append(Paragraph(text(heading), st.h1))
        story.append(Paragraph(f"<b>{text(o.statement)}</b>", st.body))
        mark = {True: REACHED_MARK, False: NOT_REACHED_MARK}.get(o.reached, "")
        result = Paragraph(f"<b>{mark + ' ' if mark else ''}{text(o.verdict)}</b>", st.cell)
        baseline = value_text(o.baseline, o.unit) + (f" ({style.date(o.baseline_date)})" if o.baseline_date else "")
        latest = value_text(o.latest, o.unit) + (f" ({style.date(o.latest_date)})" if o.latest_date else "")
        target = value_text(o.target, o.unit) + (f" by {style.date(o.target_date)}" if o.target_date else "")
        story.append(KeepTogether([data_table(
            ["Indicator", "Baseline", "Latest measurement", "Target", "Result"],
            [[o.indicator or "No indicator yet", baseline, latest, target, result]],
            [width * 0.3, width * 0.16, width * 0.18, width * 0.18, width * 0.18],
            highlight_rows=[0] if o.reached is False else ()), Spacer(1, 6)]))
        story.append(Paragraph("Adopted, adapted and abandoned", st.h2))
        if o.cycles:
            story.append(_cycles_table(list(o.cycles), width, style))
        else:
            story.append(Paragraph("No PDSA cycle on this objective or its actions was decided this year.", st.small))
        if o.open_cycles:
            story.append(Paragraph(text(f"{counted(o.open_cycles, 'cycle')} still under way (not yet decided)."),
                                   st.small))
        story.append(Paragraph("Actions", st.h2))
        story += _actions(list(o.actions), st)
        story.append(Paragraph("Our conclusions", st.h2))
        story += _conclusions(o.conclusions, st, "this objective")
    step(steps - 1)
    if review.other_actions or review.other_cycles:
        story.append(Paragraph("Work not tied to an objective", st.h1))
        if review.other_cycles:
            story.append(_cycles_table(list(review.other_cycles), width, style))
            story.append(Spacer(1, 6))
        story += _actions(list(review.other_actions), st)
    story.append(Paragraph("The year as a whole", st.h1))
    story += _conclusions(review.year_conclusions, st, "the year")
    story.append(Spacer(1, 0.15 * inch))
    story.append(Paragraph("Next: File &gt; Start next school year carries the objectives not reached (their latest "
                           "measurement becomes the new baseline) and the unfinished actions into a new plan; this "
                           "year's plan is kept as it is.", st.small))
    return build_pdf(out_path, DocumentInfo(title=TITLE, district=review.district, paper=profile.paper_size,
                                            subject=f"{TITLE} of {review.school_year}, from the staff wellness plan "
                                                    f"of {review.district}"), story, cancel=cancel)
