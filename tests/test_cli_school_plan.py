"""One school's plan and progress update through the command line (`export PLAN plan --school`),
as a school team would receive them: that school's actions and the district-wide ones, never
another school's, titled for the school; the school named in any case, and a name the district
does not have refused in one sentence that lists its schools. The actions spreadsheet names
where each action happens."""

from __future__ import annotations

import openpyxl

from services.sample import sample_action_plan
from tests.cli_run import wellplan
from tests.pdf_text import page_count, pdf_text

HIGH = "Maple Hollow High School"
HIGH_ACTION = next(t for t, school in sample_action_plan.AT_SCHOOL.items() if school == HIGH)
MIDDLE_ACTION = next(t for t, school in sample_action_plan.AT_SCHOOL.items() if school != HIGH)
DISTRICT_WIDE = "Principals name a room in each school"


def test_a_school_s_plan_has_its_own_and_the_district_wide_actions_only(sample_file, tmp_path):
    out = tmp_path / "high.pdf"
    result = wellplan("export", str(sample_file), "plan", "--school", HIGH.upper(), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert f"{HIGH}: employee wellness action plan" in text
    assert f"The actions at {HIGH} and the district-wide actions" in text
    assert HIGH_ACTION in text and f"At: {HIGH}" in text
    assert DISTRICT_WIDE in text and "District-wide" in text
    assert MIDDLE_ACTION not in text  # Hawthorne Middle School's
    whole = tmp_path / "district.pdf"
    assert wellplan("export", str(sample_file), "plan", "--out", str(whole)).returncode == 0
    district = pdf_text(whole)
    assert MIDDLE_ACTION in district and HIGH_ACTION in district
    assert "What the actions change: Individual" in district


def test_a_school_s_progress_update_is_one_page_and_leads_with_its_own_work(sample_file, tmp_path):
    out = tmp_path / "update.pdf"
    result = wellplan("export", str(sample_file), "progress-update", "--school", "maple hollow high school",
                      "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert page_count(out) == 1
    assert f"Employee wellness at {HIGH}" in text
    assert MIDDLE_ACTION not in text
    nxt = text.split("What's next")[1]
    assert nxt.split("\u2022")[1].strip().startswith(HIGH_ACTION)  # the school's own work first


def test_an_unknown_school_is_refused_naming_the_choices(sample_file, tmp_path):
    out = tmp_path / "x.pdf"
    for kind in ("plan", "progress-update"):
        result = wellplan("export", str(sample_file), kind, "--school", "Lincoln Elementary", "--out", str(out))
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert "no school called \u201cLincoln Elementary\u201d; choose one of \u201cAlder Elementary School\u201d" \
            in result.stderr
        assert HIGH in result.stderr and not out.exists()


def test_the_actions_spreadsheet_names_each_action_s_school(sample_file, tmp_path):
    out = tmp_path / "actions.xlsx"
    assert wellplan("export", str(sample_file), "actions", "--out", str(out)).returncode == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    school = rows[0].index("School")
    by_title = {r[1]: r[school] for r in rows[1:]}
    assert by_title[HIGH_ACTION] == HIGH
    assert by_title[DISTRICT_WIDE] in (None, "")
