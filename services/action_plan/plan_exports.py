"""The action plan as files other programs open: an iCalendar file of deadlines, milestones,
meetings and communication dates (Outlook, Google Calendar), and the actions as a spreadsheet
(.xlsx, or .csv when the name says so). Both written whole to a temporary file, then renamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from services import district_profile
from services.action_plan import action_schedule, communications, objectives
from services.action_plan.action_schedule import STATUSES
from services.spreadsheet_cells import spreadsheet_safe
from services.team import meetings

ACTION_COLUMNS = ("Objective", "Action", "Owner", "Start", "End", "Status", "Percent done", "Milestone",
                  "Depends on", "Source")
# A stable namespace, so the same plan item keeps the same UID each time the file is exported and
# calendar programs update the event instead of adding a copy.
_UID_SPACE = uuid.UUID("5b7a4b1e-51f4-4c55-9a9e-7e3c1f5c2a11")


def _uid(kind: str, key: object, district: str) -> str:
    return f"{uuid.uuid5(_UID_SPACE, f'{district}/{kind}/{key}')}@wellplan"


def calendar_events(db: Session) -> list[dict]:
    """Every dated thing in the plan, as (summary, start, end, description, uid) dicts."""
    district = district_profile.get_profile(db).display_name
    events = []
    for a in action_schedule.list_actions(db):
        if a.end is None or a.status == "dropped":
            continue
        kind = "Milestone" if a.milestone else "Deadline"
        events.append({"summary": f"{kind}: {a.title}", "start": a.end, "end": a.end + dt.timedelta(days=1),
                       "description": f"Owner: {a.owner_name}. Status: {STATUSES[a.status]}.",
                       "uid": _uid("action", a.id, district)})
    for m in meetings.list_meetings(db):
        events.append({"summary": f"Wellness team meeting: {m.purpose}" if m.purpose else "Wellness team meeting",
                       "start": dt.datetime.combine(m.meeting_date, m.start_time),
                       "end": dt.datetime.combine(m.meeting_date, m.end_time),
                       "description": m.place, "uid": _uid("meeting", m.id, district), "location": m.place})
    for i in communications.list_items(db):
        if i.send_on is None:
            continue
        events.append({"summary": ("Celebrate: " if i.celebration else f"Tell {i.audience.lower()}: ")
                       + i.message, "start": i.send_on, "end": i.send_on + dt.timedelta(days=1),
                       "description": f"Channel: {i.channel}.", "uid": _uid("communication", i.id, district)})
    for o in objectives.list_objectives(db):
        if o.target_date is not None:
            events.append({"summary": f"Objective target: {o.short}", "start": o.target_date,
                           "end": o.target_date + dt.timedelta(days=1), "description": o.statement,
                           "uid": _uid("objective", o.id, district)})
    return sorted(events, key=lambda e: (str(e["start"]), e["summary"]))


def _replace_atomically(out: Path, write: Callable[[Path], None]) -> Path:
    temporary = out.with_name(out.name + ".part")
    try:
        write(temporary)
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)
    return out


def build_calendar(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> Path:
    from icalendar import Calendar, Event

    profile = district_profile.get_profile(db)
    cal = Calendar()
    cal.add("prodid", "-//WellPlan//Employee wellness action plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{profile.display_name} wellness plan")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for e in calendar_events(db):
        event = Event()
        event.add("uid", e["uid"])
        event.add("dtstamp", stamp)
        event.add("summary", e["summary"])
        event.add("dtstart", e["start"])
        event.add("dtend", e["end"])
        if e.get("description"):
            event.add("description", e["description"])
        if e.get("location"):
            event.add("location", e["location"])
        cal.add_component(event)
    if progress is not None:
        progress(1, 1)
    return _replace_atomically(Path(out_path), lambda p: p.write_bytes(cal.to_ical()))


def action_rows(db: Session) -> list[list[object]]:
    titles = {o.id: o.statement for o in objectives.list_objectives(db)}
    actions = action_schedule.list_actions(db)
    names = {a.id: a.title for a in actions}
    return [[titles.get(a.objective_id, ""), a.title, a.owner_name, a.start, a.end, STATUSES[a.status],
             a.percent_done, "yes" if a.milestone else "", "; ".join(names[p] for p in a.predecessor_ids),
             a.source_label] for a in actions]


def build_actions_sheet(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                        cancel: Callable[[], bool] | None = None) -> Path:
    """.xlsx with real dates and a frozen, filterable header; .csv (UTF-8 with a mark, so Excel
    shows accents) when the file name ends in .csv."""
    out = Path(out_path)
    # titles, owners and objectives are typed by people; neutralised here, not in action_rows, so
    # other readers of the rows see the words as typed. Dates and percents stay real values.
    rows = [[spreadsheet_safe(v) for v in r] for r in action_rows(db)]
    if out.suffix.casefold() == ".csv":
        def write_csv(path: Path) -> None:
            with path.open("w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(ACTION_COLUMNS)
                writer.writerows([[v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in rows])
        return _replace_atomically(out, write_csv)

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(ACTION_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        sheet.append(r)
    for row in sheet.iter_rows(min_row=2):
        for cell in row[3:5]:
            cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHIJ", (40, 50, 20, 12, 12, 12, 12, 10, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if progress is not None:
        progress(1, 1)
    return _replace_atomically(out, lambda p: book.save(p))
