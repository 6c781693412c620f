"""The Priorities printouts: the matrix with its ranked list, and a blank dot-voting sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from services import district_profile
from services.data.survey_findings import list_findings
from services.priorities.contract_limits import HINT as CONTRACT_HINT
from services.priorities.contract_limits import LABEL as CONTRACT_LABEL
from services.priorities.contract_limits import MARK as CONTRACT_MARK
from services.priorities.prioritization import CRITERIA, QUADRANT_HINTS, QUADRANT_LABELS, QUADRANT_ORDER, Quadrant
from services.priorities.priority_board import Board, PriorityItem, load_board, ranked
from services.reports.document import (
    FONT,
    INK,
    MUTED,
    RULE,
    DocumentInfo,
    WriteInLines,
    build_pdf,
    data_table,
    frame_width,
    nothing_yet,
    styles,
    text,
)
from services.reports.matrix_chart import matrix_drawing

MATRIX_TITLE = "Priorities: impact and ease"
VOTING_TITLE = "Dot-voting sheet: impact and ease"


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _frame_width(session: Session) -> float:
    return frame_width(district_profile.get_profile(session).paper_size, landscape=True)


def _side_by_side(chart: Flowable, beside: Flowable | list[Flowable], widths: list[float | None]) -> Table:
    """The chart on the left, its key or instructions on the right, tops aligned."""
    layout = Table([[chart, beside]], colWidths=widths)
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return layout


def _info(session: Session, title: str) -> DocumentInfo:
    profile = district_profile.get_profile(session)
    return DocumentInfo(title=title, district=profile.display_name, paper=profile.paper_size, landscape=True)


def _legend(items: list[PriorityItem], width: float) -> Table:
    """Number and title, compact enough to sit beside the chart."""
    st = styles()
    style = ParagraphStyle("legend", parent=st.cell, fontSize=8, leading=9.6)
    rows = []
    for item in sorted(items, key=lambda i: i.number):
        flag = " <font color='#D55E00'>(needs discussion)</font>" if item.needs_discussion else ""
        tick = " ✔" if item.status == "approved" else ""
        contract = f" <b>{CONTRACT_MARK}</b>" if item.contract_limited else ""
        rows.append([Paragraph(f"<b>{item.number}</b>", style),
                     Paragraph(f"{text(item.title)}{tick}{contract}{flag}", style)])
    table = Table(rows, colWidths=[0.3 * inch, width - 0.3 * inch], repeatRows=0)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]))
    return table


def _lead_in() -> ParagraphStyle:
    """The small print between a heading and its table, kept with the table as the heading is."""
    return ParagraphStyle("lead_in", parent=styles().small, keepWithNext=True)


def _rated_by(board: Board) -> str:
    n, raters = len(board.items), len(board.raters)
    if not n:
        return "No candidate actions yet"
    actions = f"{n} candidate action{'s' if n != 1 else ''}"
    if not raters:
        return f"{actions}, not rated yet"
    return f"{actions}, rated by {raters} rater{'s' if raters != 1 else ''} ({', '.join(r.name for r in board.raters)})"


def _nothing_to_show(board: Board) -> str:
    """What the matrix says when it has no point to place, and what to do about it."""
    if not board.items:
        return ("No candidate actions yet. Add them on the Priorities tab (Add action), or send them there from "
                "the Readiness, Data and Focus groups tabs: a growth item, a survey gap or a focus group's proposal "
                "becomes a candidate action. Then rate them on the Priorities tab, or print the dot-voting sheet "
                "for the team to rate them on paper.")
    return (f"All {len(board.items)} candidate actions have been decided: the lists on the next page say how. "
            "To weigh one again, select it on the Priorities tab and press Undecide.")


def _quadrant_counts(board: Board) -> Paragraph:
    do_now_limit = board.settings.do_now_limit
    st = styles()
    parts = []
    for q in QUADRANT_ORDER:
        n = len(board.in_quadrant(q))
        if n or q is not Quadrant.UNRATED:
            parts.append(f"<b>{text(QUADRANT_LABELS[q])}</b> {n}")
    line = " &nbsp;&middot;&nbsp; ".join(parts)
    if len(board.in_quadrant(Quadrant.DO_NOW)) > do_now_limit:
        line += (f"<br/><font color='#B45309'>More than {do_now_limit} actions are in Do it now!: "
                 "too many to be a priority. Choose the few to start with.</font>")
    return Paragraph(line, st.body)


def _findings_read(session: Session, board: Board) -> list[Flowable]:
    """The survey findings behind the board's actions with the team's reading of each and who read
    them (seed 000 step 4); nothing when no finding has been read yet."""
    numbers = {i.id: i.number for i in board.items}
    rows = []
    for f in list_findings(session):
        if f.action_id in numbers and (f.interpretation or f.readers):
            rows.append([str(numbers[f.action_id]), f"{f.wave}: {f.text}", f.interpretation or "-",
                         ", ".join(f.readers) or "-"])
    if not rows:
        return []
    st = styles()
    return [CondPageBreak(1.5 * inch), Paragraph("Survey findings and how the team read them", st.h1),
            Paragraph("What the team made of each finding, read together, and who took part in reading it.",
                      _lead_in()),
            data_table(["#", "Finding", "The team's reading", "Read by"], rows,
                       [0.35 * inch, 3.0 * inch, 3.6 * inch, 2.0 * inch])]


def build_matrix_pdf(
    session: Session,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    st = styles()
    board = load_board(session)
    active = [i for i in board.items if i.in_play]
    decided = [i for i in board.items if not i.in_play]
    settings = board.settings
    if progress:
        progress(1, 3)

    story: list[Flowable] = [Paragraph(text(MATRIX_TITLE), st.title), Paragraph(text(_rated_by(board)), st.subtitle)]
    chart_size = 4.9 * inch
    chart = matrix_drawing(active, chart_size, settings.midpoint_impact, settings.midpoint_ease)
    key = Paragraph(
        "Each number is an action in the list. A point sits at the mean of the raters' ratings, or where the "
        "team agreed to put it (* in the list). Filled points are approved. Lines show how far raters' "
        "ratings spread; <font color='#D55E00'>dashed circles with heavy lines</font> are actions whose raters "
        "differ by two or more points: they need discussion. Reconsider is the hatched quarter."
        + (f" <b>{CONTRACT_MARK}</b> marks an action limited by a contract or collective bargaining (see the list "
           "after the decisions)." if any(i.contract_limited for i in active) else ""), st.small)
    side_width = _frame_width(session) - chart_size - 0.3 * inch
    legend: Flowable = _legend(active, side_width) if active else nothing_yet(_nothing_to_show(board))
    _, legend_height = legend.wrap(side_width, 10_000)
    _, key_height = key.wrap(side_width, 10_000)
    counts = [_quadrant_counts(board)] if board.items else []
    if legend_height + 6 + key_height <= chart_size + 0.4 * inch:  # the list and its key beside the chart
        story += [*counts, _side_by_side(chart, [legend, Spacer(1, 6), key], [chart_size + 0.3 * inch, side_width])]
    else:  # too many to list beside the chart: the legend follows it, full width
        story += [*counts, chart, key, Paragraph("Numbered list", st.h1), _legend(active, _frame_width(session))]
    if progress:
        progress(2, 3)
    if not board.items:  # nothing to rank or decide: the first page says what to do
        if progress:
            progress(3, 3)
        return build_pdf(out_path, _info(session, MATRIX_TITLE), story, cancel=cancel)

    story += [PageBreak(), Paragraph("Ranked list", st.h1)]
    weights = ", ".join(f"{c.label.lower()} x{settings.weights[c.key]:g}" for c in CRITERIA)
    story.append(Paragraph(text(
        "Ranked by the weighted mean of the extra criteria (each 1-5, 5 best; weights: " + weights + "). "
        "Actions not yet scored on any criterion follow, by quadrant. Shaded rows need discussion."), _lead_in()))
    rows, highlight = [], []
    for n, item in enumerate(ranked(active)):
        agreed = "*" if item.has_agreed_position else ""
        if item.needs_discussion:
            highlight.append(n)
        rows.append([
            str(item.rank or "-"), str(item.number), _title(item), item.quadrant_label,
            _fmt(item.impact) + agreed, _fmt(item.ease) + agreed, _fmt(item.score),
            Paragraph(f"{text(item.status_label)}<br/><i>needs discussion</i>", styles().cell)
            if item.needs_discussion else item.status_label,
            item.source_text, ", ".join(item.served_group_names) or "All staff",
        ])
    if rows:
        story.append(data_table(
            ["Rank", "#", "Action", "Quadrant", "Impact", "Ease", "Score", "Status", "Evidence", "Serves"],
            rows,
            [0.5 * inch, 0.38 * inch, 2.3 * inch, 0.9 * inch, 0.7 * inch, 0.5 * inch, 0.58 * inch,
             0.8 * inch, 1.78 * inch, 1.1 * inch],
            highlight_rows=highlight,
        ))
    else:
        story.append(nothing_yet(
            f"No candidate action is waiting for a decision: all {len(board.items)} have been decided (below). "
            "To weigh one again, select it on the Priorities tab and press Undecide."))

    flagged = [i for i in active if i.needs_discussion]
    if flagged:
        story.append(CondPageBreak(1.5 * inch))
        story.append(Paragraph("Needs discussion", st.h1))
        story.append(Paragraph("Raters differ by two or more points. Name who will get a better estimate, and how.",
                               _lead_in()))
        story.append(data_table(
            ["#", "Action", "Where raters differ", "Owner", "Next step"],
            [[str(i.number), i.title, i.summary.disagreement_text(), i.discussion_owner or "(not named)",
              i.discussion_next_step or "(not set)"] for i in flagged],
            [0.35 * inch, 2.6 * inch, 1.9 * inch, 1.4 * inch, 2.75 * inch],
        ))

    story += _findings_read(session, board)

    approved = [i for i in board.items if i.status == "approved"]
    story.append(CondPageBreak(1.5 * inch))
    story.append(Paragraph("Decisions", st.h1))
    if approved:
        story.append(Paragraph("Approved: these go into the action plan.", st.h2))
        story.append(data_table(
            ["#", "Action", "Quadrant", "Proposed owner", "Possible deadline"],
            [[str(i.number), _title(i), i.quadrant_label, i.proposed_owner or "-", i.proposed_deadline or "-"]
             for i in approved],
            [0.35 * inch, 3.6 * inch, 1.0 * inch, 2.0 * inch, 2.0 * inch],
        ))
    else:
        story.append(Paragraph("No action has been approved yet.", st.body))
    if decided:
        story.append(Paragraph("Declined or parked: kept, with the reason.", st.h2))
        story.append(data_table(
            ["#", "Action", "Decision", "Reason"],
            [[str(i.number), i.title, i.status_label, i.status_reason] for i in decided],
            [0.35 * inch, 3.6 * inch, 0.9 * inch, 4.1 * inch],
        ))
    story += _contract_limited(board)
    if progress:
        progress(3, 3)
    return build_pdf(out_path, _info(session, MATRIX_TITLE), story, cancel=cancel)


def _title(item: PriorityItem) -> str:
    """An action's title in a table, with the contract sign when an agreement limits it."""
    return f"{item.title} {CONTRACT_MARK}" if item.contract_limited else item.title


def _contract_limited(board: Board) -> list[Flowable]:
    """The actions a contract or collective bargaining limits, with the note on how: the guide's bold
    reminder, answered action by action. Nothing when none is marked."""
    limited = [i for i in board.items if i.contract_limited]
    if not limited:
        return []
    st = styles()
    return [CondPageBreak(1.5 * inch), Paragraph(f"{CONTRACT_MARK} {text(CONTRACT_LABEL)}", st.h1),
            Paragraph(text(CONTRACT_HINT), _lead_in()),
            data_table(["#", "Action", "Status", "How an agreement limits it"],
                       [[str(i.number), i.title, i.status_label, i.contract_note or "(no note yet)"] for i in limited],
                       [0.35 * inch, 3.4 * inch, 0.9 * inch, 4.3 * inch])]


class ScaleBoxes(Flowable):
    """Five numbered boxes (1-5) to circle or tick on paper."""

    def __init__(self, box: float = 13, gap: float = 4):
        super().__init__()
        self.box, self.gap = box, gap
        self.width = 5 * box + 4 * gap
        self.height = box

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.7)
        for n in range(5):
            x = n * (self.box + self.gap)
            c.setStrokeColor(INK)
            c.rect(x, 0, self.box, self.box)
            c.setFillColor(MUTED)
            c.setFont(FONT, 7)
            c.drawCentredString(x + self.box / 2, 3.5, str(n + 1))


BLANK_ROWS = 10  # write-in lines on a voting sheet printed with no candidate action to vote on


def _nothing_to_vote_on(board: Board) -> str:
    if not board.items:
        return ("The plan has no candidate actions yet, so this sheet has blank lines to write the team's ideas in. "
                "To print them here instead, add them on the Priorities tab (Add action) or send them there from the "
                "Readiness, Data and Focus groups tabs, then print this sheet again.")
    return (f"All {len(board.items)} candidate actions in the plan have been decided (approved, declined or parked), "
            "so there is none left to vote on; this sheet has blank lines for new ideas. To vote on a decided "
            "action again, select it on the Priorities tab, press Undecide and print this sheet again.")


def build_voting_sheet_pdf(
    session: Session,
    out_path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    st = styles()
    board = load_board(session)
    candidates = [i for i in board.items if i.status == "proposed"]
    settings = board.settings
    if progress:
        progress(1, 2)
    grid = matrix_drawing([], 5.6 * inch, settings.midpoint_impact, settings.midpoint_ease, show_points=False)
    first_step = ("1. Read the numbered list of candidate actions (next page)." if candidates else
                  "1. On the next page, write each action the team suggests on a numbered line.")
    guide = [
        Paragraph("How to use this sheet", st.h2),
        Paragraph(first_step, st.body),
        Paragraph("2. For each action, place a dot or write its number where you think it belongs: "
                  "higher means more impact on staff wellness, further right means easier to do.", st.body),
        Paragraph("3. Where dots for one action are far apart, talk it through and name who will get a "
                  "better estimate.", st.body),
        Paragraph("4. The facilitator types each person's or subgroup's ratings into WellPlan's Priorities "
                  "tab (one rater each).", st.body),
        Spacer(1, 8),
    ]
    for q in QUADRANT_ORDER[:4]:
        guide.append(Paragraph(f"<b>{text(QUADRANT_LABELS[q])}</b>: {text(QUADRANT_HINTS[q].lower())}", st.small))
    guide.append(Paragraph("Reconsider is the hatched quarter.", st.small))
    layout = _side_by_side(grid, guide, [5.85 * inch, None])
    others = [0.4 * inch, 1.7 * inch, 1.35 * inch, 1.35 * inch]
    widths = [others[0], _frame_width(session) - sum(others), *others[1:]]
    story: list[Flowable] = [
        Paragraph(text(VOTING_TITLE), st.title),
        Paragraph("Name or subgroup: ______________________________ &nbsp;&nbsp; Date: _______________", st.subtitle),
        layout,
        PageBreak(),
    ]
    if candidates:
        story += [
            Paragraph(f"Candidate actions ({len(candidates)})", st.h1),
            Paragraph("Mark one box for impact and one for ease (5 = most impact / easiest to do).", _lead_in()),
        ]
        rows = [[Paragraph(f"<b>{i.number}</b>", st.cell_bold), i.title, i.category or "-", ScaleBoxes(), ScaleBoxes()]
                for i in candidates]
        story.append(data_table(["#", "Action", "Category", "Impact", "Ease"], rows, widths))
        story.append(KeepTogether([Paragraph("Other ideas to add", st.h2),
                                   Paragraph("Write any new action here; it will be added to the list.", st.small),
                                   WriteInLines(2)]))
    else:
        story += [
            Paragraph("Actions to rate", st.h1),
            nothing_yet(_nothing_to_vote_on(board)),
            Paragraph("Write one action on each line, then mark one box for impact and one for ease "
                      "(5 = most impact / easiest to do).", _lead_in()),
            data_table(["#", "Action (write it in)", "Category", "Impact", "Ease"],
                       [[str(n), WriteInLines(1, widths[1] - 10), WriteInLines(1, widths[2] - 10), ScaleBoxes(),
                         ScaleBoxes()] for n in range(1, BLANK_ROWS + 1)], widths),
        ]
    if progress:
        progress(2, 2)
    return build_pdf(out_path, _info(session, VOTING_TITLE), story, cancel=cancel)

