"""Exports a spreadsheet opens never run what people typed: a group name, item label, action
title, owner or objective that starts like a formula reaches the CSV and the workbook with a
leading quote (OWASP's rule), while means, percents, dates and percent done stay numbers."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from services.action_plan import action_schedule, objectives
from services.plan.plan_file import create_plan
from services.spreadsheet_cells import spreadsheet_safe
from services.team import team_roster
from tests.cli_run import wellplan
from tests.test_survey_files import AGREE, _csv

# no web address in it: a group holding one is refused as a group, and a label loses it
LINK = '=HYPERLINK("#Results!A1","Open")'
FORMULAS = [LINK, "+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("text", [*FORMULAS, "=1+1", "\tTab first", "\rReturn first", "-"])
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Teachers", "", "Bus drivers = 12", "I feel valued", "'=already quoted",
                                   " =leading space", -0.3, -2, 0, True, dt.date(2026, 9, 1), None])
def test_everything_else_is_left_as_it_is(value):
    assert spreadsheet_safe(value) == value
    assert type(spreadsheet_safe(value)) is type(value)


def _survey_rows() -> list[list[str]]:
    """Five respondents in each formula-named group, so every group's results are shown."""
    header = ["Timestamp", "What is your role?", LINK, "-2+3 breaks are hard to take", "I feel valued"]
    rows = [header]
    for n in range(20):
        rows.append([f"10/{n + 1}/2026 8:00:00", FORMULAS[n % 4], AGREE[n % 5], AGREE[(n + 2) % 5],
                     AGREE[(n * 3) % 5]])
    return rows


def test_survey_report_csv_quotes_group_and_item_names_but_not_numbers(tmp_path):
    plan_path = tmp_path / "district.wellplan"
    create_plan(plan_path, district_name="Maple Hollow").close()
    survey = tmp_path / "staff survey.csv"
    survey.write_text(_csv(_survey_rows()), encoding="utf-8")
    imported = wellplan("survey", "import", str(plan_path), str(survey), "--wave", "Pilot")
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "by role.csv"
    result = wellplan("survey", "report", str(plan_path), "--by", "What is your role?", "--out", str(out))
    assert result.returncode == 0, result.stderr

    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["group", "measure", "n", "mean", "pct_favorable", "suppressed"]
    body = rows[1:]
    groups = {r[0] for r in body}
    measures = {r[1] for r in body}
    assert {"'" + g for g in FORMULAS} <= groups
    assert "'" + LINK in measures and "'-2+3 breaks are hard to take" in measures
    assert "I feel valued" in measures and "All respondents" in groups  # plain names untouched
    assert not any(name.startswith(("=", "+", "-", "@")) for name in groups | measures)

    shown = [r for r in body if r[5] == "false"]
    assert len(shown) == len(body) == 5 * len(measures)  # all respondents and four groups of five
    for _, _, n, mean, pct, _ in shown:
        assert int(n) == 5 or int(n) == 20
        assert 1.0 <= float(mean) <= 5.0 and 0.0 <= float(pct) <= 100.0  # no quote in front of a number


def _plan_with_formula_text(tmp_path):
    path = tmp_path / "actions.wellplan"
    plan = create_plan(path, district_name="Maple Hollow")
    with plan.transaction() as s:
        objective = objectives.add_objective(s, LINK)
        owner = team_roster.add_person(s, "@SUM(A1)")
        first = action_schedule.add_action(s, "+1", objective_id=objective.id, owner_id=owner.id,
                                           start=dt.date(2026, 9, 1), end=dt.date(2026, 9, 30), percent_done=40)
        second = action_schedule.add_action(s, "-2+3", objective_id=objective.id,
                                            start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 15))
        action_schedule.add_dependency(s, first.id, second.id)
    plan.close()
    return path


def test_actions_workbook_quotes_typed_text_and_keeps_dates_and_percents(tmp_path):
    plan_path = _plan_with_formula_text(tmp_path)
    xlsx = tmp_path / "actions.xlsx"
    result = wellplan("export", str(plan_path), "actions", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr

    sheet = openpyxl.load_workbook(xlsx).active
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("Action")].value: {h: c for h, c in zip(header, r, strict=True)}
            for r in sheet.iter_rows(min_row=2)}
    assert set(rows) == {"'+1", "'-2+3"}
    first, second = rows["'+1"], rows["'-2+3"]
    assert first["Objective"].value == "'" + LINK
    assert first["Owner"].value == "'@SUM(A1)"
    assert second["Depends on"].value == "'+1"
    # no cell became a formula (openpyxl stores text starting with "=" as one)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert first["Start"].value == dt.datetime(2026, 9, 1) and first["Start"].is_date
    assert first["End"].value == dt.datetime(2026, 9, 30)
    assert first["Percent done"].value == 0.4 and first["Percent done"].number_format == "0%" \
        and first["Percent done"].data_type == "n"  # a percent Excel shows as 40%


def test_actions_csv_quotes_typed_text_and_keeps_dates_and_percents(tmp_path):
    plan_path = _plan_with_formula_text(tmp_path)
    out = tmp_path / "actions.csv"
    result = wellplan("export", str(plan_path), "actions", "--out", str(out))
    assert result.returncode == 0, result.stderr

    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    by_title = {r["Action"]: r for r in rows}
    assert set(by_title) == {"'+1", "'-2+3"}
    first, second = by_title["'+1"], by_title["'-2+3"]
    assert first["Objective"] == "'" + LINK and first["Owner"] == "'@SUM(A1)"
    assert second["Depends on"] == "'+1"
    assert first["Start"] == "2026-09-01" and first["End"] == "2026-09-30"
    assert first["Percent done"] == "40" and second["Percent done"] == "0"
