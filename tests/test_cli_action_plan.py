"""The action plan's exports through the command line: the Gantt chart's names repeated on every
page, the plan and the one-page update, the calendar parsed back with the same events, and the
spreadsheet opened with the same rows."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
from icalendar import Calendar
from pypdf import PdfReader

from services.sample import sample_action_plan
from services.sample.sample_district import MEETINGS
from services.sample.sample_priorities import APPROVED
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text


def test_gantt_pdf_repeats_the_action_names_on_every_page(sample_file, tmp_path):
    out = tmp_path / "gantt.pdf"
    result = wellplan("export", str(sample_file), "gantt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) >= 5
    assert "the whole year" in pages[0]
    assert "Ask drivers and cooks when a break could fit" in pages[0]  # the overview has every row
    detail = pages[1:]
    # every detail page names its rows: the first objective's actions on each tile of its block
    tiles_with_first_row = [p for p in detail if "Ask drivers and cooks when a break" in p]
    assert len(tiles_with_first_row) >= 3
    assert all("part " in p for p in detail)
    # a block that continues an objective repeats the objective's heading
    assert sum("Double the use of the employee" in p for p in detail) >= 4
    page = PdfReader(out).pages[1]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape


def test_plan_and_progress_update(sample_file, tmp_path):
    plan_pdf, update = tmp_path / "plan.pdf", tmp_path / "update.pdf"
    assert wellplan("export", str(sample_file), "plan", "--out", str(plan_pdf)).returncode == 0
    text = pdf_text(plan_pdf)
    for expected in ("Employee wellness action plan", "Specific", "Time-bound", "No date: give a target date",
                     "Actions by owner", "Plan-Do-Study-Act log", "Try a 15-minute break rotation",
                     "Communication plan", "target 70%"):
        assert expected in text, expected
    assert wellplan("export", str(sample_file), "progress-update", "--out", str(update)).returncode == 0
    assert len(PdfReader(update).pages) == 1
    text = pdf_text(update)
    for heading in ("What we heard", "What we did", "What's next", "What we celebrate"):
        assert heading in text


def test_calendar_parses_back_with_the_same_events(sample_file, tmp_path):
    """The calendar holds what the sample district was built with: each dated action on its end
    date, each team meeting at its time, each dated message and each objective's target date."""
    out = tmp_path / "plan.ics"
    assert wellplan("export", str(sample_file), "calendar", "--out", str(out)).returncode == 0
    cal = Calendar.from_ical(out.read_bytes())
    # meetings carry the computer's time zone (or none, as floating times): compared as clock times
    events = [(str(e["SUMMARY"]), _clock(e.decoded("DTSTART")), str(e["UID"])) for e in cal.walk("VEVENT")]
    parsed = {(summary, start) for summary, start, _ in events}
    expected = {(f"{'Milestone' if milestone else 'Deadline'}: {title}", end)
                for title, _o, _owner, _start, end, status, _p, milestone, _d in sample_action_plan.ACTIONS
                if status != "dropped"}
    expected |= {(f"Wellness team meeting: {purpose}" if purpose else "Wellness team meeting",
                  dt.datetime.combine(day, start)) for day, start, _end, _place, purpose, _purposes in MEETINGS}
    # a message that already starts "Celebrate:" is not prefixed again
    expected |= {(message if celebration and message.startswith("Celebrate:") else
                  ("Celebrate: " if celebration else f"Tell {audience.lower()}: ") + message, send_on)
                 for audience, message, _channel, send_on, _owner, _needs, celebration
                 in sample_action_plan.COMMUNICATIONS}
    targets = {(s, start) for s, start in parsed if s.startswith("Objective target: ")}
    assert parsed - targets == expected  # nothing missing, nothing extra
    assert sorted(start for _, start in targets) == \
        sorted(o["target_date"] for o in sample_action_plan.OBJECTIVES if o["target_date"])
    assert len(parsed) == len(events)  # no event twice
    # spot checks written out by hand
    assert ("Milestone: New break schedules start", dt.date(2027, 2, 8)) in parsed
    assert ("Wellness team meeting: Set priorities: impact and ease", dt.datetime(2027, 1, 14, 12, 30)) in parsed
    assert len({uid for _, _, uid in events}) == len(events)  # each event its own UID
    again = tmp_path / "again.ics"  # the same UIDs next time, so calendars update instead of duplicating
    assert wellplan("export", str(sample_file), "calendar", "--out", str(again)).returncode == 0
    assert sorted((str(e["SUMMARY"]), str(e["UID"])) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")) == \
        sorted((summary, uid) for summary, _, uid in events)


def _clock(value):
    return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value


STATUS_WORDS = {"done": "Done", "in_progress": "In progress", "not_started": "Not started", "on_hold": "On hold"}


def _expected_action_rows() -> dict[str, list[object]]:
    """The sample's own actions as the spreadsheet should show them, from the sample's definition."""
    statements = [o["statement"] for o in sample_action_plan.OBJECTIVES]
    return {title: [statements[objective - 1] if objective else "", title, owner, start, end, STATUS_WORDS[status],
                    # late: not done (nor dropped) and past its end, on the day the test runs
                    "yes" if status not in ("done", "dropped") and end and end < dt.date.today() else "",
                    percent, "yes" if milestone else "", "; ".join(after)]
            for title, objective, owner, start, end, status, percent, milestone, after in sample_action_plan.ACTIONS}


def test_actions_spreadsheet_and_csv_open_with_the_same_rows(sample_file, tmp_path):
    xlsx, csv_path = tmp_path / "actions.xlsx", tmp_path / "actions.csv"
    assert wellplan("export", str(sample_file), "actions", "--out", str(xlsx)).returncode == 0
    assert wellplan("export", str(sample_file), "actions", "--out", str(csv_path)).returncode == 0
    expected = _expected_action_rows()
    sheet = openpyxl.load_workbook(xlsx).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(values[0]) == ("Objective", "Action", "Owner", "Start", "End", "Status", "Late", "Percent done",
                                "Milestone", "Depends on", "Source", "School", "Contract-limited", "Contract note")
    by_title = {r[1]: r for r in values[1:]}
    assert len(by_title) == len(values) - 1 and set(by_title) == set(expected)  # one row per action
    for title, row in expected.items():
        got = by_title[title]
        got = [v.date() if isinstance(v, dt.datetime) else v for v in got[:10]]  # real dates, not text
        got[7] = round(got[7] * 100)  # a real percent: 0.4 shown as 40%
        assert [v or "" for v in got] == [v or "" for v in row], title
    # the actions approved in Priorities name where they came from; the others were added in the plan
    approved = [title for title in APPROVED if title in by_title]
    assert approved and all(by_title[t][10] not in ("", "Added in the plan") for t in approved)
    # objective 1's finding was approved as its bus depot break room; the rest of its actions were added in the plan
    assert by_title["Set up a break room at the bus depot"][10].startswith("Staff survey Fall 2026, finding 1")
    assert by_title["Map route gaps with the transportation supervisor"][10] == "Added in the plan"
    assert by_title["Agree schedules with the union"][3] == dt.datetime(2027, 1, 18)
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        read = list(csv.reader(f))
    assert tuple(read[0]) == tuple(values[0])
    assert [r[1] for r in read[1:]] == [r[1] for r in values[1:]]  # the same rows in the same order
    csv_by_title = {r[1]: r for r in read[1:]}
    for title, row in expected.items():
        assert csv_by_title[title][:10] == [v.isoformat() if isinstance(v, dt.date) else str(v) for v in row], \
            title
