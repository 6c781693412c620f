"""The action plan's exports through the command line: the Gantt chart's names repeated on every
page, the plan and the one-page update, the calendar parsed back with the same events, and the
spreadsheet opened with the same rows."""

from __future__ import annotations

import csv

import openpyxl
from icalendar import Calendar
from pypdf import PdfReader

from services.action_plan import action_schedule
from services.action_plan.plan_exports import ACTION_COLUMNS, action_rows, calendar_events
from services.plan.plan_file import open_plan
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
    out = tmp_path / "plan.ics"
    assert wellplan("export", str(sample_file), "calendar", "--out", str(out)).returncode == 0
    cal = Calendar.from_ical(out.read_bytes())
    parsed = sorted((str(e["SUMMARY"]), e.decoded("DTSTART"), str(e["UID"])) for e in cal.walk("VEVENT"))
    plan = open_plan(sample_file, read_only=True)
    with plan.transaction() as s:
        expected = sorted((e["summary"], e["start"], e["uid"]) for e in calendar_events(s))
        milestones = [a for a in action_schedule.list_actions(s) if a.milestone]
    plan.close()
    assert parsed == expected
    assert any(summary.startswith("Milestone: ") for summary, _, _ in parsed) and milestones
    assert any(summary.startswith("Wellness team meeting") for summary, _, _ in parsed)
    assert any(summary.startswith("Celebrate: ") for summary, _, _ in parsed)
    again = tmp_path / "again.ics"  # the same UIDs next time, so calendars update instead of duplicating
    assert wellplan("export", str(sample_file), "calendar", "--out", str(again)).returncode == 0
    assert sorted(str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")) == \
        sorted(uid for _, _, uid in parsed)


def test_actions_spreadsheet_and_csv_open_with_the_same_rows(sample_file, tmp_path):
    xlsx, csv_path = tmp_path / "actions.xlsx", tmp_path / "actions.csv"
    assert wellplan("export", str(sample_file), "actions", "--out", str(xlsx)).returncode == 0
    assert wellplan("export", str(sample_file), "actions", "--out", str(csv_path)).returncode == 0
    plan = open_plan(sample_file, read_only=True)
    with plan.transaction() as s:
        rows = action_rows(s)
    plan.close()
    sheet = openpyxl.load_workbook(xlsx).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(values[0]) == ACTION_COLUMNS and len(values) - 1 == len(rows)
    assert [r[1] for r in values[1:]] == [r[1] for r in rows]
    assert values[1][3].date() == rows[0][3]  # real dates, not text
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        read = list(csv.reader(f))
    assert tuple(read[0]) == ACTION_COLUMNS and [r[1] for r in read[1:]] == [r[1] for r in rows]
