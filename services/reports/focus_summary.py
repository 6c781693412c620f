"""After the focus group: what it said and decided, on a few pages to share with decision makers.

Attendance is reported by role, not by name: participants were told their words would be
summarized without names. The ratings table flags subgroups that disagree by two points or more,
as the Priorities tab does, so the team knows where a better estimate is needed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from services import district_profile
from services.date_style import style_for
from services.errors import InvalidInput
from services.focus_groups import focus_results, focus_sessions
from services.priorities import prioritization
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
from services.reports.matrix_chart import MatrixPoint, matrix_drawing

DISAGREE_MARK = "\u25b2"  # printed beside a row the subgroups disagree on, so it shows without colour
_NOT_YET = "After the meeting, type"


def _latest(db: Session) -> str:
    sessions = focus_sessions.list_sessions(db)
    if not sessions:
        raise InvalidInput("There is no focus-group session yet, so there are no results to summarize: plan one "
                           "on the Focus groups tab, or print blank worksheets (the focus-guide export).")
    latest = max(sessions, key=lambda s: (s.first_date is not None, s.first_date or dt.date.min, s.id))
    return str(latest.id)


def build_focus_summary_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                            cancel: Callable[[], bool] | None = None, session: str | None = None) -> Path:
    """The results of ``session`` (number, title or date), or of the latest session."""
    found = focus_sessions.find_session(db, session or _latest(db))
    profile = district_profile.get_profile(db)
    data = focus_results.load(db, found.id, style_for(profile))
    width = frame_width(profile.paper_size)
    st = styles()
    t, r = data.template, data.record

    def p(value: str, style=None) -> Paragraph:
        return Paragraph(text(value), style or st.body)

    def step(n: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, 6)

    step(0)
    details = [focus_sessions.session_dates(r, style_for(profile)) or "Date not recorded"]
    details += [r.place] if r.place else []
    details += [f"Facilitator: {r.facilitator}"] if r.facilitator else []
    story: list[Flowable] = [Paragraph(text(f"Focus group results: {r.title}"), st.title),
                             Paragraph(text(" \u2022 ".join(details)), st.subtitle),
                             p(f"Template: {t.title}. {t.purpose}")]
    attended = [a for a in data.attendees if a.attended] or data.attendees
    roles = Counter(a.role_name or "Role not recorded" for a in attended)
    word = "took part" if any(a.attended for a in data.attendees) else "were invited"
    story.append(Paragraph("Who took part", st.h1))
    story.append(p(f"{len(attended)} people {word}: " + "; ".join(f"{role} ({n})" for role, n in roles.items()) + "."
                   ) if attended else nothing_yet("No attendees were recorded. Add who was invited on the Focus "
                                                  "groups tab's Plan and invite page, and mark who attended."))
    missing = focus_sessions.missing_roles(t, data.attendees)
    if missing:
        story.append(Paragraph(f"<b>Voices missing:</b> {text(', '.join(missing))}.", st.note))
    if data.need_gaps:  # the district's need checked against who was invited (roles only, no names)
        story.append(Paragraph(f"<b>The district's need:</b> {text(' '.join(data.need_gaps))}", st.note))

    story.append(Paragraph("Meeting intention", st.h1))
    own = "The session's intention" if r.intention else "The guide's sample intention, as read"
    story.append(Paragraph(f"<b>{own}:</b> <i>{text(data.intention)}</i>", st.body))
    story.append(p(f"The group's version: {r.group_intention}") if r.group_intention else nothing_yet(
        f"{_NOT_YET} the group's own version of the intention on the Focus groups tab's Intention and framework page."))

    story.append(Paragraph("The group's view of the framework", st.h1))
    if r.attributes_matter or r.attributes_change:
        rows = [[Paragraph(f"<b>{question}</b>", st.cell), answer or "Not written down"] for question, answer in (
            ("Which attributes matter most?", r.attributes_matter), ("What would you add or remove?", r.attributes_change))]
        story.append(data_table(["Question", "What the group said"], rows, [width * 0.3, width * 0.7]))
    else:
        story.append(nothing_yet(f"{_NOT_YET} which of the framework's attributes ({', '.join(a.title for a in t.attributes)}) "
                                 "matter most to the group, and what it would add or remove, on the Intention and "
                                 "framework page."))

    step(1)
    story.append(Paragraph("Our aspiration", st.h1))
    if any(any(data.aspirations.get(a.key, ())) for a in t.attributes):
        rows = [[Paragraph(f"<b>{text(a.title)}</b>", st.cell),
                 *(value or "Not written down" for value in data.aspirations.get(a.key, ("", "")))]
                for a in t.attributes]
        story.append(data_table(["Attribute", "Where are we now?", "Where do we want to be?"], rows,
                                [width * 0.2, width * 0.4, width * 0.4]))
    else:
        story.append(nothing_yet(f"{_NOT_YET} what the group said about where the district is now and where "
                                 "it wants to be on the Focus groups tab's Aspirations page."))

    step(2)
    story.append(Paragraph("Example actions", st.h1))
    marked = [(i, a, *data.marks[a.key]) for i in t.initiatives for a in i.actions
              if any(data.marks.get(a.key, ())) or data.contract_of((a.key, None)).limited]
    if marked:
        rows = [[f"{i.number}. {i.title}", f"{a.key} {a.text}", "Yes" if does else "", "Yes" if explore else "",
                 data.contract_of((a.key, None)).note or ("Yes" if data.contract_of((a.key, None)).limited else "")]
                for i, a, does, explore in marked]
        story.append(data_table(["Initiative", "Action", "The district does this", "Explore further",
                                 "Limited by contract"], rows,
                                [width * 0.25, width * 0.37, width * 0.11, width * 0.11, width * 0.16]))
    else:
        story.append(nothing_yet(f"No example actions were marked. {_NOT_YET} the group's ticks (\u201cthe "
                                 "district does this\u201d, \u201cexplore further\u201d) on the Example actions page."))
    ideas = data.ideas
    if ideas:
        story.append(Paragraph("The group's own ideas", st.h2))
        titles = {a.key: a.title for a in t.attributes}
        story.append(data_table(["Attribute", "Idea", "Status", "Limited by contract"],
                                [[titles.get(i.attribute_key, i.attribute_key), i.text, focus_results.IDEA_KINDS[i.kind],
                                  i.contract_note or ("Yes" if i.contract_limited else "")]
                                 for i in ideas], [width * 0.2, width * 0.46, width * 0.16, width * 0.18]))

    step(3)
    targets = data.targets()
    story.append(Paragraph("Impact and ease", st.h1))
    if targets:
        # Short column names ("Subgroup A"); the full names are spelled out under the table.
        header = ["#", "Action or idea"] + [g.name.split(":")[0] for g in data.subgroups] + [
            "Mean impact / ease", "Where it falls"]
        rows, flagged, spots = [], [], []
        for n, target in enumerate(targets, 1):
            summary = data.summary(target)
            cells = []
            for g in data.subgroups:
                impact, ease = data.rating(g.id, target)
                cells.append(f"{impact or '-'} / {ease or '-'}" if impact or ease else "")
            if summary.impact.mean is not None and summary.ease.mean is not None:
                mean = f"{summary.impact.mean:.1f} / {summary.ease.mean:.1f}"
                spots.append(MatrixPoint(n, summary.impact.mean, summary.ease.mean, summary, summary.needs_discussion))
                where = prioritization.QUADRANT_LABELS[prioritization.quadrant(summary.impact.mean, summary.ease.mean)]
            elif target.illustrative:
                mean, where = "not rated", "Template's illustrative place: " + prioritization.QUADRANT_LABELS[
                    prioritization.quadrant(*target.illustrative)]
            else:
                mean, where = "not rated", ""
            number: object = str(n)
            if summary.needs_discussion:
                # Shaded on a colour printer; the words and the mark say it on a black-and-white one.
                flagged.append(len(rows))
                number = Paragraph(f"<b>{n} {DISAGREE_MARK}</b>", st.cell)
                where = Paragraph(f"{text(where)}<br/><b>{DISAGREE_MARK} Subgroups disagree:</b> "
                                  f"{text(summary.disagreement_text())}", st.cell)
            rows.append([number, f"{target.label}: {target.text}", *cells, mean, where])
        sub_w = 0.85 * inch
        rest = width - 0.3 * inch - sub_w * len(data.subgroups) - 0.9 * inch
        story.append(data_table(header, rows, [0.3 * inch, rest * 0.62, *[sub_w] * len(data.subgroups), 0.9 * inch,
                                               rest * 0.38], highlight_rows=flagged))
        if data.subgroups:
            story.append(p("Ratings are impact / ease, each 1 (low, hard) to 5 (high, easy). Subgroups: "
                           + "; ".join(g.name for g in data.subgroups) + ".", st.small))
        if spots:
            size = min(width * 0.6, 4.2 * inch)
            drawing = matrix_drawing(spots, size, prioritization.DEFAULT_MIDPOINT, prioritization.DEFAULT_MIDPOINT)
            chart = Table([[drawing, p("Each number is a row of the table above, at the mean of the subgroups' "
                                       "ratings; the lines through it reach from the lowest to the highest rating. A "
                                       "dashed ring with thick lines (orange in colour) means the subgroups disagree "
                                       f"by two points or more ({DISAGREE_MARK} in the table): agree who will find "
                                       "out more.", st.small)]],
                          colWidths=[size + 10, width - size - 10])
            chart.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [Spacer(1, 8), KeepTogether([chart])]
    else:
        story.append(nothing_yet("Nothing was marked \u201cexplore further\u201d and no new ideas were added, so "
                                 f"there is nothing to rate. {_NOT_YET} the marks and ideas first, then the "
                                 "subgroups' ratings on the Impact and ease page."))

    step(4)
    story.append(Paragraph("Proposals for decision makers", st.h1))
    if data.proposals:
        def idea(x) -> str:  # with the rated action or idea it restates, so the two read as one
            target = data.target(x.restates)
            return f"{x.idea} (restates {target.label})" if target is not None else x.idea

        story.append(data_table(["Category", "Initiative idea", "Proposed owner", "Possible deadline"],
                                [[focus_results.CATEGORIES[x.category], idea(x), x.owner, x.deadline]
                                 for x in data.proposals], [width * 0.15, width * 0.45, width * 0.22, width * 0.18]))
    else:
        story.append(nothing_yet(f"No proposals were written yet. {_NOT_YET} each \u201cDo it now!\u201d or "
                                 "\u201cDo it next\u201d idea, with its owner and deadline, on the Proposals page."))
    if t.reminder:
        story.append(Paragraph(f"<b>Reminder: {text(t.reminder)}</b>", st.note))
    story.append(Paragraph("Notes", st.h1))
    story.append(p(r.notes) if r.notes else nothing_yet("No notes were written for this session."))
    sent = len(data.sent)
    story.append(p(f"{sent} item{'s' if sent != 1 else ''} from this session {'are' if sent != 1 else 'is'} on the "
                   "Priorities tab." if sent else "Nothing from this session has been sent to the Priorities tab yet.",
                   st.small))
    step(5)
    return build_pdf(out_path, DocumentInfo(title=f"Focus group results: {r.title}", district=profile.display_name,
                                            paper=profile.paper_size), story, cancel=cancel)
