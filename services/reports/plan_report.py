"""The printed action plan, and the one-page progress update for staff and the community.

The plan: every objective with its SMARTIE parts, what the checker still finds missing, and its
indicator (baseline, target, measurements drawn toward the target); the actions by objective and by
owner; the PDSA log; the communication plan. The update: what we heard, what we did, what's next,
what we celebrate, in words anyone can read in a newsletter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from services import district_profile
from services.action_plan import action_schedule, communications, improvement_cycles, objectives
from services.action_plan.action_schedule import STATUSES
from services.reports.document import FONT, Cancelled, DocumentInfo, build_pdf, data_table, frame_width, styles, text
from services.team.team_roster import list_people

TARGET = colors.HexColor("#E08214")
LINE = colors.HexColor("#2166AC")


def _date(d: dt.date | None) -> str:
    return f"{d:%d %b %Y}" if d else ""


def indicator_drawing(record: objectives.ObjectiveRecord, measurements, width: float, height: float = 1.3 * inch):
    """The measurements as a line, the baseline as its first point, and a dashed line to the target."""
    points = [(record.baseline_date, record.baseline)] if record.baseline is not None and record.baseline_date \
        else []
    points += [(m.measured_on, m.value) for m in measurements if (m.measured_on, m.value) not in points]
    if record.target is None or not points:
        return None
    end = record.target_date or max(d for d, _ in points) + dt.timedelta(days=60)
    first = min(d for d, _ in points)
    span = max((end - first).days, 1)
    values = [v for _, v in points] + [record.target]
    low, high = min(values + [0]), max(values) * 1.1 or 1
    left, bottom, w, h = 30, 14, width - 40, height - 24

    def xy(day, value):
        return left + (day - first).days / span * w, bottom + (value - low) / (high - low) * h

    d = Drawing(width, height)
    d.add(Line(left, bottom, left + w, bottom, strokeColor=colors.HexColor("#9AA5B1")))
    d.add(Line(left, bottom, left, bottom + h, strokeColor=colors.HexColor("#9AA5B1")))
    d.add(PolyLine([c for p in points for c in xy(*p)], strokeColor=LINE, strokeWidth=1.6))
    last = points[-1]
    d.add(Line(*xy(*last), *xy(end, record.target), strokeColor=TARGET, strokeDashArray=[3, 2], strokeWidth=1))
    tx, ty = xy(end, record.target)
    d.add(String(tx - 2, ty + 4, f"target {record.target:g}{objectives.unit_suffix(record.unit)}", fontName=FONT, fontSize=7,
                 fillColor=TARGET, textAnchor="end"))
    for p in points:
        x, y = xy(*p)
        d.add(String(x, y + 4, f"{p[1]:g}", fontName=FONT, fontSize=7, textAnchor="middle"))
    d.add(String(left, 2, _date(first), fontName=FONT, fontSize=7))
    d.add(String(left + w, 2, _date(end), fontName=FONT, fontSize=7, textAnchor="end"))
    return d


def _objective_story(db: Session, record, actions, width: float) -> list[Flowable]:
    st = styles()
    findings = objectives.check_smartie(db, record)
    rows = [[objectives.PART_LABELS[p], record.parts[p] or "\u2014",
             "" if f.ok else f.message] for p, f in zip(objectives.PART_LABELS, findings, strict=True)]
    story: list[Flowable] = [Paragraph(text(record.statement), st.h2),
                             data_table(["", "What the team wrote", "Still missing"], rows,
                                        [width * 0.14, width * 0.52, width * 0.34])]
    measurements = objectives.list_measurements(db, record.id)
    story.append(Paragraph(text(objectives.progress_text(record, measurements)), st.body))
    drawing = indicator_drawing(record, measurements, width * 0.6)
    if drawing is not None:
        story.append(drawing)
    mine = [a for a in actions if a.objective_id == record.id]
    if mine:
        story.append(data_table(["Action", "Owner", "Dates", "Status"],
                                [[a.title + (" \u25c6" if a.milestone else ""), a.owner_name,
                                  f"{_date(a.start)} \u2013 {_date(a.end)}" if a.scheduled else a.deadline_text,
                                  f"{STATUSES[a.status]}" + (f", {a.percent_done}%" if a.status == "in_progress"
                                                             else "") + (" (late)" if a.late(dt.date.today())
                                                                         else "")]
                                 for a in mine], [width * 0.46, width * 0.18, width * 0.22, width * 0.14]))
    return story


def build_plan_pdf(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> Path:
    profile = district_profile.get_profile(db)
    width = frame_width(profile.paper_size)
    st = styles()
    records = objectives.list_objectives(db)
    actions = action_schedule.list_actions(db)
    story: list[Flowable] = [Paragraph("Employee wellness action plan", st.title),
                             Paragraph(text(f"{profile.display_name} \u2022 {profile.school_year}"), st.subtitle)]
    if not records and not actions:
        story.append(Paragraph("The plan has no objectives or actions yet.", st.body))
    story.append(Paragraph("Objectives", st.h1))
    for n, record in enumerate(records):
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(n, len(records) + 3)
        story += _objective_story(db, record, actions, width)
    loose = [a for a in actions if a.objective_id is None]
    if loose:
        story.append(Paragraph("Actions not under an objective", st.h2))
        story.append(data_table(["Action", "Owner", "Dates", "Status"],
                                [[a.title, a.owner_name, f"{_date(a.start)} \u2013 {_date(a.end)}" if a.scheduled
                                  else a.deadline_text, STATUSES[a.status]] for a in loose],
                                [width * 0.46, width * 0.18, width * 0.22, width * 0.14]))
    story.append(Paragraph("Actions by owner", st.h1))
    by_owner: dict[str, list] = {}
    for a in actions:
        by_owner.setdefault(a.owner_name or "No owner yet", []).append(a)
    for owner in sorted(by_owner, key=str.casefold):
        story.append(KeepTogether([Paragraph(text(owner), st.h2), data_table(
            ["Action", "Ends", "Status"], [[a.title, _date(a.end) or a.deadline_text, STATUSES[a.status]]
                                           for a in sorted(by_owner[owner], key=lambda a: a.end or dt.date.max)],
            [width * 0.6, width * 0.2, width * 0.2])]))
    story.append(Paragraph("Plan-Do-Study-Act log", st.h1))
    titles = {r.id: r.statement for r in records}
    cycles = improvement_cycles.list_cycles(db)
    if not cycles:
        story.append(Paragraph("No PDSA cycle recorded yet.", st.body))
    for c in cycles:
        rows = [["Plan", _date(c.plan_date), f"{c.question} Prediction: {c.prediction}".strip()],
                ["Do", _date(c.do_date), c.do_notes], ["Study", _date(c.study_date), c.study_notes],
                ["Act", _date(c.act_date), (improvement_cycles.DECISIONS[c.decision] + ": " if c.decision
                                               else "") + c.act_notes]]
        story.append(KeepTogether([Paragraph(text(c.title), st.h2),
                                   Paragraph(text(f"On: {titles.get(c.objective_id, 'an action')} \u2022 "
                                                  f"stage: {c.stage}"), st.small),
                                   data_table(["", "Date", "Notes"], rows,
                                              [width * 0.1, width * 0.16, width * 0.74])]))
    profile_year = (profile.year_start, profile.year_end)
    without = improvement_cycles.objectives_without_cycle(db, *profile_year)
    if without:
        story.append(Paragraph(text("No cycle this school year yet: " + "; ".join(without)), st.note))
    story.append(Paragraph("Communication plan", st.h1))
    people = {p.id: p.name for p in list_people(db)}
    items = communications.list_items(db)
    story.append(data_table(["Date", "Audience", "Message", "Channel", "Owner", "Done"],
                            [[_date(i.send_on), i.audience, ("\u2605 " if i.celebration else "")
                              + i.message, i.channel, people.get(i.owner_id, ""),
                              "yes" if i.done else ""] for i in items] or [["", "", "Nothing planned yet", "",
                                                                                "", ""]],
                            [width * 0.13, width * 0.13, width * 0.38, width * 0.13, width * 0.15, width * 0.08]))
    story.append(Paragraph("\u2605 a celebration of a success.", st.small))
    info = DocumentInfo("Action plan", profile.display_name, profile.paper_size)
    return build_pdf(out_path, info, story, cancel=cancel)


def build_progress_update_pdf(db: Session, out_path: str | Path, *,
                              progress: Callable[[int, int], None] | None = None,
                              cancel: Callable[[], bool] | None = None, today: dt.date | None = None) -> Path:
    """One page for staff, families and partners: what we heard, did, will do, and celebrate."""
    from services.data import survey_waves

    today = today or dt.date.today()
    profile = district_profile.get_profile(db)
    st = styles()
    records = objectives.list_objectives(db)
    actions = action_schedule.list_actions(db)
    waves = survey_waves.list_waves(db)

    def bullets(lines: list[str], empty: str) -> list[Flowable]:
        return [Paragraph(text(x), st.body, bulletText="\u2022") for x in lines[:6]] or [Paragraph(empty, st.body)]

    heard = [f"{w.respondent_count} staff answered the {w.label} survey." for w in waves[-1:]]
    heard += [r.parts["relevant"] for r in records if r.parts["relevant"]][:3]
    did = [a.title for a in sorted((a for a in actions if a.status == "done"), key=lambda a: a.end or dt.date.min,
                                   reverse=True)]
    for r in records:
        measurements = objectives.list_measurements(db, r.id)
        if measurements and r.indicator:
            did.append(objectives.progress_text(r, measurements))
    upcoming = sorted((a for a in actions if a.status not in ("done", "dropped") and a.start and a.end and
                       a.end >= today), key=lambda a: a.start)
    nxt = [f"{a.title} ({a.start:%b} \u2013 {a.end:%b %Y})" for a in upcoming[:5]]
    celebrate = [i.message for i in communications.list_items(db) if i.celebration]
    story = [Paragraph("Employee wellness: where we are", st.title),
             Paragraph(text(f"{profile.display_name} \u2022 update of {today:%d %B %Y}"), st.subtitle),
             Paragraph("What we heard", st.h1), *bullets(heard, "We are gathering staff views this year."),
             Paragraph("What we did", st.h1), *bullets(did, "Work starts this term."),
             Paragraph("What's next", st.h1), *bullets(nxt, "The next steps are being planned."),
             Paragraph("What we celebrate", st.h1), *bullets(celebrate, "Tell us about a success to celebrate."),
             Spacer(1, 8),
             Paragraph("Results for small groups of staff are never shared, so no one can be identified.", st.small)]
    if progress is not None:
        progress(1, 1)
    info = DocumentInfo("Progress update", profile.display_name, profile.paper_size)
    return build_pdf(out_path, info, story, cancel=cancel)
