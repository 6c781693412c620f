"""The actions workbook and the calendar read back as Excel, Outlook and Google would read them.

The workbook: wrapped text, a print setup (landscape, one page wide, the header row on every page,
margins clear of the printer's edge), percents as percents, dates in the district's style, a Late
column by the Gantt chart's rule, and WellPlan as its creator; the CSV has the Late column too.
The calendar: no word said twice in a title, meetings in the computer's time zone (a TZID with its
VTIMEZONE) or floating where the computer names none, deadlines free and meetings busy, and an
empty plan refused in one sentence instead of a calendar with no events.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import openpyxl
import pytest
from icalendar import Calendar

from services import district_profile
from services.action_plan import action_schedule, communications, objectives, plan_exports
from services.app_info import APP_NAME, APP_VERSION
from services.errors import InvalidInput
from services.plan.plan_file import create_plan
from services.team import meetings, team_roster
from tests.cli_run import wellplan

D = dt.date
TODAY = D(2027, 1, 4)
LONG_TITLE = ("Ask every bus driver, cook and custodian which ten minutes of their shift could become a break, "
              "and write down what would have to change for it")
# title: (status, percent, start, end, late on TODAY as the app judges it)
ACTIONS = {
    "Ask drivers when a break could fit": ("not_started", 0, D(2026, 11, 2), D(2026, 12, 18), True),
    "Train supervisors": ("on_hold", 30, D(2026, 10, 1), D(2026, 11, 13), True),
    "Map route gaps": ("done", 100, D(2026, 11, 9), D(2026, 12, 4), False),
    "Old idea": ("dropped", 0, D(2026, 9, 1), D(2026, 9, 30), False),
    LONG_TITLE: ("in_progress", 40, D(2026, 12, 1), D(2027, 1, 15), False),
    "Due today is not late": ("in_progress", 60, D(2026, 12, 1), TODAY, False),
}


@pytest.fixture
def plan(tmp_path):
    plan = create_plan(tmp_path / "plan.wellplan", district_name="Lakeside & Pines")
    with plan.transaction() as s:
        objective = objectives.add_objective(s, "By June 2027, 70% of drivers and cooks can take their breaks.",
                                             target_date=D(2027, 6, 1))
        owner = team_roster.add_person(s, "Lucia Fernandez")
        for title, (status, percent, start, end, _late) in ACTIONS.items():
            action_schedule.add_action(s, title, objective_id=objective.id, owner_id=owner.id, start=start, end=end,
                                       status=status, percent_done=percent)
        action_schedule.add_action(s, "Milestone: new break schedules start", objective_id=objective.id,
                                   start=D(2027, 2, 8), end=D(2027, 2, 8), milestone=True)
        meetings.add_meeting(s, D(2027, 1, 14), dt.time(12, 30), dt.time(13, 30), "District office",
                             "Set priorities")
        meetings.add_meeting(s, D(2027, 5, 20), dt.time(15, 0), dt.time(16, 0), "High school",
                             "Wellness team meeting: plan next year")
        communications.add_item(s, "Staff", "Celebrate: seven quiet rooms open", "Staff meeting", D(2027, 1, 12),
                                celebration=True)
        communications.add_item(s, "Staff", "celebrate the EAP's evening sessions", "Email", D(2027, 3, 26),
                                celebration=True)
        communications.add_item(s, "Staff", "Thank the bus drivers", "Email", D(2027, 3, 27), celebration=True)
        communications.add_item(s, "Board", "Tell the board what staff said", "Board meeting", D(2027, 1, 26))
        communications.add_item(s, "Families", "Why we invest in staff wellbeing", "Website", D(2027, 2, 12))
    yield plan
    plan.close()


# The workbook ----------------------------------------------------------------------------------


def _workbook(plan, tmp_path, name="actions.xlsx"):
    with plan.transaction() as s:
        out = plan_exports.build_actions_sheet(s, tmp_path / name, today=TODAY)
    return openpyxl.load_workbook(out)


def _rows(sheet) -> dict[str, dict[str, openpyxl.cell.Cell]]:
    header = [c.value for c in sheet[1]]
    return {r[header.index("Action")].value: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)}


def test_workbook_says_which_actions_are_late_as_the_app_judges_it(plan, tmp_path):
    rows = _rows(_workbook(plan, tmp_path).active)
    with plan.transaction() as s:
        records = {a.title: a for a in action_schedule.list_actions(s)}
    for title, (*_, late) in ACTIONS.items():
        assert (rows[title]["Late"].value == "yes") is late, title
        assert records[title].late(TODAY) is late, title  # the rule the Gantt chart uses agrees
    assert rows["Milestone: new break schedules start"]["Late"].value in (None, "")


def test_workbook_percent_is_a_percent_and_dates_are_the_districts(plan, tmp_path):
    rows = _rows(_workbook(plan, tmp_path).active)
    long = rows[LONG_TITLE]
    assert long["Percent done"].value == pytest.approx(0.4) and long["Percent done"].number_format == "0%"
    assert rows["Map route gaps"]["Percent done"].value == 1
    assert long["Start"].value == dt.datetime(2026, 12, 1) and long["Start"].is_date
    assert long["End"].number_format == "mmm d, yyyy"  # "Jan 15, 2027", as the printouts say it
    with plan.transaction() as s:
        district_profile.update_profile(s, paper_size="a4")
    rows = _rows(_workbook(plan, tmp_path, "a4.xlsx").active)
    assert rows[LONG_TITLE]["End"].number_format == "d mmm yyyy"  # "15 Jan 2027"


def test_workbook_wraps_text_and_prints_landscape_one_page_wide_with_the_header_repeated(plan, tmp_path):
    book = _workbook(plan, tmp_path)
    sheet = book.active
    assert all(c.alignment.wrap_text for row in sheet.iter_rows() for c in row)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_LETTER)  # the district prints on Letter
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0  # as many pages down as needed
    assert sheet.print_title_rows == "$1:$1"
    margins = sheet.page_margins
    assert min(margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer) >= 0.4
    assert "Page &P of &N" in sheet.oddFooter.center.text
    assert sheet.oddHeader.left.text.startswith("Lakeside && Pines")  # "&&" prints one "&"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    # a row whose action wraps is drawn tall enough for it; a short one stays one line per line
    row_of = {c.value: c.row for c in sheet["B"]}
    heights = sheet.row_dimensions
    assert heights[row_of[LONG_TITLE]].height >= 3 * 15
    assert heights[row_of["Map route gaps"]].height < heights[row_of[LONG_TITLE]].height


def test_workbook_names_wellplan_as_its_creator(plan, tmp_path):
    book = _workbook(plan, tmp_path)
    assert book.properties.creator == f"{APP_NAME} {APP_VERSION}" == "WellPlan " + APP_VERSION
    assert "Lakeside & Pines" in book.properties.title


def test_csv_has_the_late_column_too(plan, tmp_path):
    with plan.transaction() as s:
        out = plan_exports.build_actions_sheet(s, tmp_path / "actions.csv", today=TODAY)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = {r["Action"]: r for r in csv.DictReader(f)}
    for title, (*_, late) in ACTIONS.items():
        assert rows[title]["Late"] == ("yes" if late else ""), title
    assert rows[LONG_TITLE]["Percent done"] == "40"  # a plain number: the header says what it is


# The calendar ----------------------------------------------------------------------------------


def _calendar(plan, tmp_path, monkeypatch, zone: str) -> Calendar:
    monkeypatch.setenv("TZ", zone)
    with plan.transaction() as s:
        out = plan_exports.build_calendar(s, tmp_path / "plan.ics")
    return Calendar.from_ical(out.read_bytes())


def _events(cal: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def _doubled(summary: str) -> bool:
    words = [w.casefold() for w in re.findall(r"\w+", summary)]
    return any(a == b for a, b in zip(words, words[1:], strict=False)) or \
        summary.casefold().count("celebrate") > 1 or summary.casefold().count("wellness team meeting") > 1


def test_no_title_says_a_word_twice(plan, tmp_path, monkeypatch):
    events = _events(_calendar(plan, tmp_path, monkeypatch, "America/Chicago"))
    assert not [s for s in events if _doubled(s)]
    assert "Celebrate: seven quiet rooms open" in events
    assert "celebrate the EAP's evening sessions" in events  # already says it, in its own words
    assert "Celebrate: Thank the bus drivers" in events
    assert "Tell the board what staff said" in events
    assert "Tell families: Why we invest in staff wellbeing" in events
    assert "Milestone: new break schedules start" in events
    assert "Wellness team meeting: plan next year" in events
    assert "Wellness team meeting: Set priorities" in events
    assert "Deadline: Map route gaps" in events


def test_meetings_carry_the_computers_time_zone(plan, tmp_path, monkeypatch):
    cal = _calendar(plan, tmp_path, monkeypatch, "America/Chicago")
    meeting = _events(cal)["Wellness team meeting: Set priorities"]
    assert meeting["DTSTART"].params["TZID"] == "America/Chicago"
    start = meeting.decoded("DTSTART")
    assert start.replace(tzinfo=None) == dt.datetime(2027, 1, 14, 12, 30)
    assert start.utcoffset() == dt.timedelta(hours=-6)  # 12:30 in Chicago in January
    later = _events(cal)["Wellness team meeting: plan next year"].decoded("DTSTART")
    assert later.utcoffset() == dt.timedelta(hours=-5)  # daylight time by May: the VTIMEZONE's rules
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    # days stay whole days, without a zone
    deadline = _events(cal)["Deadline: Map route gaps"]
    assert deadline.decoded("DTSTART") == D(2026, 12, 4) and "TZID" not in deadline["DTSTART"].params


def test_meetings_float_where_the_computer_names_no_zone(plan, tmp_path, monkeypatch):
    cal = _calendar(plan, tmp_path, monkeypatch, "UTC")  # as on a server: no district is "UTC"
    meeting = _events(cal)["Wellness team meeting: Set priorities"]
    assert "TZID" not in meeting["DTSTART"].params
    assert meeting.decoded("DTSTART") == dt.datetime(2027, 1, 14, 12, 30)  # floating: no tzinfo
    assert "20270114T123000Z" not in cal.to_ical().decode()
    assert list(cal.walk("VTIMEZONE")) == []


def test_deadlines_are_free_and_meetings_busy(plan, tmp_path, monkeypatch):
    events = _events(_calendar(plan, tmp_path, monkeypatch, "America/Chicago"))
    busy = {s: str(e["TRANSP"]) for s, e in events.items()}
    assert busy["Wellness team meeting: Set priorities"] == "OPAQUE"
    assert busy["Wellness team meeting: plan next year"] == "OPAQUE"
    for summary in ("Deadline: Map route gaps", "Milestone: new break schedules start",
                    "Celebrate: Thank the bus drivers", "Tell families: Why we invest in staff wellbeing"):
        assert busy[summary] == "TRANSPARENT", summary
    assert all(value in ("OPAQUE", "TRANSPARENT") for value in busy.values())
    assert sum(value == "OPAQUE" for value in busy.values()) == 2
    # the action's dates written in the district's style
    assert "Runs Nov 9 \u2013 Dec 4, 2026." in str(events["Deadline: Map route gaps"]["DESCRIPTION"])


def test_an_empty_plan_has_no_calendar(tmp_path):
    out = tmp_path / "plan.ics"
    plan = create_plan(tmp_path / "empty.wellplan", district_name="Test District")
    try:
        with plan.transaction() as s, pytest.raises(InvalidInput) as refused:
            plan_exports.build_calendar(s, out)
    finally:
        plan.close()
    assert str(refused.value).startswith("The plan has no dates to put in a calendar yet: ")
    assert not out.exists()
    # the command line says so in one line and writes nothing
    result = wellplan("export", str(tmp_path / "empty.wellplan"), "calendar", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"wellplan: {plan_exports.NO_DATES}"]
    assert not out.exists() and not list(tmp_path.glob("plan.ics*"))
