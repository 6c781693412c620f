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
from services.app_info import APP_NAME, APP_VERSION
from services.date_style import style_for
from services.errors import InvalidInput
from services.priorities import contract_limits
from services.spreadsheet_cells import spreadsheet_safe
from services.team import meetings

ACTION_COLUMNS = ("Objective", "Action", "Owner", "Start", "End", "Status", "Late", "Percent done", "Milestone",
                  "Depends on", "Source", "School", "Contract-limited", "Contract note")
# A stable namespace, so the same plan item keeps the same UID each time the file is exported and
# calendar programs update the event instead of adding a copy.
_UID_SPACE = uuid.UUID("5b7a4b1e-51f4-4c55-9a9e-7e3c1f5c2a11")
NO_DATES = ("The plan has no dates to put in a calendar yet: give actions an end date, add team meetings, or "
            "date a message or an objective's target first.")
# Zones a computer reports when nobody set one (a server, a fresh virtual machine): no district's.
_NO_PLACE_ZONES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
                   "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Greenwich"}


def _uid(kind: str, key: object, district: str) -> str:
    return f"{uuid.uuid5(_UID_SPACE, f'{district}/{kind}/{key}')}@wellplan"


def _titled(kind: str, text: str, *, already: tuple[str, ...]) -> str:
    """``kind: text``, unless the text already starts with what the kind says ("Celebrate: seven
    quiet rooms open" stays as typed instead of "Celebrate: Celebrate: ...")."""
    words = text.split()
    first = " ".join(words[:3]).casefold().strip(" :.-")
    if any(first == word or first.startswith(word + " ") or first.startswith(word + ":") for word in already):
        return text
    return f"{kind}: {text}"


def calendar_events(db: Session) -> list[dict]:
    """Every dated thing in the plan, as (summary, start, end, description, uid, busy) dicts; a
    meeting's start and end are local clock times (no zone: the plan keeps none)."""
    profile = district_profile.get_profile(db)
    district, style = profile.display_name, style_for(profile)
    events = []
    contracts = contract_limits.planned_limits(db)
    for a in action_schedule.list_actions(db):
        if a.end is None or a.status == "dropped":
            continue
        kind = "Milestone" if a.milestone else "Deadline"
        when = f" Runs {style.range(a.start, a.end)}." if a.start is not None and a.start != a.end else ""
        limit = contracts.get(a.id, contract_limits.NOT_LIMITED)
        limited = f" {limit.text.rstrip('.')}." if limit.limited else ""
        events.append({"summary": _titled(kind, a.title, already=(kind.casefold(),)),
                       "start": a.end, "end": a.end + dt.timedelta(days=1),
                       "description": f"Owner: {a.owner_name}. Status: {STATUSES[a.status]}.{when}{limited}",
                       "uid": _uid("action", a.id, district), "busy": False})
    for m in meetings.list_meetings(db):
        events.append({"summary": _titled("Wellness team meeting", m.purpose,
                                          already=("wellness team meeting", "team meeting", "meeting"))
                       if m.purpose else "Wellness team meeting",
                       "start": dt.datetime.combine(m.meeting_date, m.start_time),
                       "end": dt.datetime.combine(m.meeting_date, m.end_time),
                       "description": m.place, "uid": _uid("meeting", m.id, district), "location": m.place,
                       "busy": True})
    for i in communications.list_items(db):
        if i.send_on is None:
            continue
        summary = _titled("Celebrate", i.message, already=("celebrate", "celebrating", "celebration")) \
            if i.celebration else _titled(f"Tell {i.audience.lower()}", i.message, already=("tell",))
        events.append({"summary": summary, "start": i.send_on, "end": i.send_on + dt.timedelta(days=1),
                       "description": f"Channel: {i.channel}.", "uid": _uid("communication", i.id, district),
                       "busy": False})
    for o in objectives.list_objectives(db):
        if o.target_date is not None:
            events.append({"summary": _titled("Objective target", o.short, already=("objective target",)),
                           "start": o.target_date, "end": o.target_date + dt.timedelta(days=1),
                           "description": o.statement, "uid": _uid("objective", o.id, district), "busy": False})
    return sorted(events, key=lambda e: (str(e["start"]), e["summary"]))


def local_zone_name() -> str | None:
    """The IANA name of this computer's time zone ("America/Chicago"), or None when it has none a
    district could be in (unset, or UTC as on a server). The plan keeps no time zone; the computer
    exporting it is the district's, so its zone is the district's best guess."""
    import os
    import sys
    import zoneinfo

    def valid(name: str | None) -> str | None:
        name = (name or "").strip().lstrip(":")
        if not name or name in _NO_PLACE_ZONES or name.startswith("/"):
            return None
        try:
            zoneinfo.ZoneInfo(name)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return None
        return name

    if os.environ.get("TZ"):  # set: it decides, as it does for the computer's own clock
        return valid(os.environ["TZ"])
    if sys.platform == "win32":
        return valid(_windows_zone())
    try:
        return valid(Path("/etc/timezone").read_text(encoding="utf-8").splitlines()[0])
    except (OSError, IndexError, UnicodeDecodeError):
        pass
    try:  # /etc/localtime -> /usr/share/zoneinfo/America/Chicago (Linux, macOS)
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    return valid(target.split("/zoneinfo/", 1)[1]) if "/zoneinfo/" in target else None


def _windows_zone() -> str | None:
    try:
        import winreg

        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                            r"SYSTEM\CurrentControlSet\Control\TimeZoneInformation") as key:
            return WINDOWS_TO_OLSON.get(winreg.QueryValueEx(key, "TimeZoneKeyName")[0].rstrip("\0"))
    except (ImportError, OSError):
        return None


def _replace_atomically(out: Path, write: Callable[[Path], None]) -> Path:
    temporary = out.with_name(out.name + ".part")
    try:
        write(temporary)
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)
    return out


def _refuse_empty(events) -> None:
    if not events:
        raise InvalidInput(NO_DATES)


def check_calendar(db: Session) -> None:
    """Refuse a plan with no dates yet, before anyone is asked where to save its calendar."""
    _refuse_empty(calendar_events(db))


def build_calendar(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> Path:
    """The plan's dates as an .ics file. Deadlines, milestones, messages and targets are all-day
    and free (TRANSP:TRANSPARENT: they don't block anyone's day); meetings are busy (OPAQUE).

    Meetings carry this computer's time zone as an IANA TZID with its VTIMEZONE: Google Calendar
    reads the IANA name, Outlook the VTIMEZONE's rules, so both show 12:30 at the district's 12:30
    even for someone whose laptop is set elsewhere. Where the computer names no zone a district
    could be in (UTC, as on a server) meetings are floating times, which both programs place at
    that clock time in the reader's own zone: right for people in the district, and never an
    hour off as a guessed zone would be. An empty plan is refused, not written as an empty file
    a calendar program would import without a word."""
    import zoneinfo

    from icalendar import Calendar, Event

    events = calendar_events(db)
    _refuse_empty(events)
    profile = district_profile.get_profile(db)
    zone_name = local_zone_name()
    zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{APP_NAME} {APP_VERSION} employee wellness action plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{profile.display_name} wellness plan")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for e in events:
        start, end = e["start"], e["end"]
        if isinstance(start, dt.datetime) and zone is not None:
            start, end = start.replace(tzinfo=zone), end.replace(tzinfo=zone)
        event = Event()
        event.add("uid", e["uid"])
        event.add("dtstamp", stamp)
        event.add("summary", e["summary"])
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("transp", "OPAQUE" if e["busy"] else "TRANSPARENT")
        if e.get("description"):
            event.add("description", e["description"])
        if e.get("location"):
            event.add("location", e["location"])
        cal.add_component(event)
    if zone is not None:
        days = [e["start"].date() if isinstance(e["start"], dt.datetime) else e["start"] for e in events]
        # the zone's rules over the plan's years only: a short VTIMEZONE, as Outlook writes
        cal.add_missing_timezones(dt.date(min(days).year - 1, 1, 1), dt.date(max(days).year + 1, 12, 31))
    if progress is not None:
        progress(1, 1)
    return _replace_atomically(Path(out_path), lambda p: p.write_bytes(cal.to_ical()))


def action_rows(db: Session, today: dt.date | None = None) -> list[list[object]]:
    """One row per action, in ``ACTION_COLUMNS``' order; late as the Gantt chart judges it
    (``ActionRecord.late``: past its end and neither done nor dropped); the school where it happens,
    empty for a district-wide action; "yes" and the note when a contract or collective bargaining
    limits it."""
    today = today or dt.date.today()
    titles = {o.id: o.statement for o in objectives.list_objectives(db)}
    actions = action_schedule.list_actions(db)
    names = {a.id: a.title for a in actions}
    schools = {s.id: s.name for s in district_profile.list_schools(db)}
    contracts = contract_limits.planned_limits(db)
    rows = []
    for a in actions:
        limit = contracts.get(a.id, contract_limits.NOT_LIMITED)
        rows.append([titles.get(a.objective_id, ""), a.title, a.owner_name, a.start, a.end, STATUSES[a.status],
                     "yes" if a.late(today) else "", a.percent_done, "yes" if a.milestone else "",
                     "; ".join(names[p] for p in a.predecessor_ids), a.source_label, schools.get(a.school_id, ""),
                     "yes" if limit.limited else "", limit.note if limit.limited else ""])
    return rows


# Column widths in characters, for a landscape page fitted to its width at a readable size;
# long text wraps within its column instead.
_WIDTHS = {"Objective": 30, "Action": 34, "Owner": 16, "Start": 12.5, "End": 12.5, "Status": 11, "Late": 6,
           "Percent done": 9, "Milestone": 10, "Depends on": 22, "Source": 20, "School": 22, "Contract-limited": 10,
           "Contract note": 30}
_PERCENT = ACTION_COLUMNS.index("Percent done")


def _lines(value: object, width: float) -> int:
    """About how many lines ``value`` wraps to in a column ``width`` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width) - 1)
    total = 0
    for paragraph in value.splitlines() or [""]:
        lines, used = 1, 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line or used == 0:
                used = need
            else:
                lines, used = lines + 1, len(word)
            while used > per_line:  # a word longer than the column breaks across lines
                lines, used = lines + 1, used - per_line
        total += lines
    return total


def build_actions_sheet(db: Session, out_path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                        cancel: Callable[[], bool] | None = None, today: dt.date | None = None) -> Path:
    """.xlsx with real dates and percents, wrapped text, a frozen, filterable header and a print
    setup (landscape, one page wide, the header on every page); .csv (UTF-8 with a mark, so Excel
    shows accents) when the file name ends in .csv. Both say which actions are late (``today``:
    the computer's date unless given)."""
    out = Path(out_path)
    # titles, owners and objectives are typed by people; neutralised here, not in action_rows, so
    # other readers of the rows see the words as typed. Dates and percents stay real values.
    rows = [[spreadsheet_safe(v) for v in r] for r in action_rows(db, today)]
    if out.suffix.casefold() == ".csv":
        def write_csv(path: Path) -> None:
            # ISO dates: the one form every spreadsheet program reads back as a date, whatever its locale
            with path.open("w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(ACTION_COLUMNS)
                writer.writerows([[v.isoformat() if isinstance(v, dt.date) else v for v in r] for r in rows])
        return _replace_atomically(out, write_csv)

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    profile = district_profile.get_profile(db)
    style = style_for(profile)
    book = Workbook()
    book.properties.creator = f"{APP_NAME} {APP_VERSION}"
    book.properties.lastModifiedBy = f"{APP_NAME} {APP_VERSION}"
    book.properties.title = f"{profile.display_name}: wellness plan actions"
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(ACTION_COLUMNS)
    for r in rows:
        sheet.append([v / 100 if i == _PERCENT and isinstance(v, int) else v for i, v in enumerate(r)])
    wrap = Alignment(wrap_text=True, vertical="top")
    date_format = "d mmm yyyy" if style.day_first else "mmm d, yyyy"  # the printouts' "Nov 1, 2027"
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row[3:5]:
            cell.number_format = date_format
        row[_PERCENT].number_format = "0%"
    for index, name in enumerate(ACTION_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[name]
    for row in sheet.iter_rows():  # tall enough for the wrapped text (no program fits rows on opening)
        sheet.row_dimensions[row[0].row].height = 15 * max(_lines(c.value, _WIDTHS[name])
                                                           for c, name in zip(row, ACTION_COLUMNS, strict=True))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    # Printing: landscape on the district's paper, every column on one page across, as many pages
    # down as it takes, the header row repeated on each, margins clear of the printer's edge.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4 if profile.paper_size == "a4" else sheet.PAPERSIZE_LETTER
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.45
    # "&" starts a code in a header ("&P"): a district's own "&" is doubled to print as one
    sheet.oddHeader.left.text = f"{profile.display_name}: wellness plan actions".replace("&", "&&")
    sheet.oddHeader.right.text = f"Exported {style.date(today or dt.date.today())}"
    sheet.oddFooter.center.text = "Page &P of &N"
    if progress is not None:
        progress(1, 1)
    return _replace_atomically(out, lambda p: book.save(p))
