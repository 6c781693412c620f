"""The survey import's faster read (issue 21) gives what a district's file says, row by row.

Columns that hold a different value in nearly every row (response ids, timestamps, employee
numbers, comments) are read as text and made categories afterwards; the other columns are read
as categories by pandas. These tests check the answers, the roles and the privacy checks are
what the file holds, whichever way a column was read: no speed is measured here (that is
``make bench``)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pytest
from sqlalchemy import select

from models import SurveyItem
from services.data.survey_columns import Role, answer_counts, missing_tokens, propose_roles
from services.data.survey_files import distinct_columns, read_survey_file
from services.data.survey_import import prepare_wave, propose, read_for_import, response_dates, store_wave
from services.data.wellness_domains import domain_by_name
from services.plan.plan_file import create_plan
from tests.survey_exports import build_qualtrics_csv

AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
POSITIONS = ["Teacher", "Bus driver", "Custodian", "Food service"]
HEADER = ["Response ID", "Submitted", "Q5", "What is your position?", "I feel valued by district leadership",
          "My workload is manageable", "Anything else you would like to tell us?"]
ROWS = 60


def _rows() -> list[list[str]]:
    rows = []
    for n in range(ROWS):
        rows.append([
            f"R_{n:04d}x",
            f"2026-10-{1 + n // 20:02d} 08:{n if n != 5 else 4:02d}:00",  # two people submit in the same minute
            f"{4500 + n:07d}",  # an employee number with its leading zeros: "0004500"
            POSITIONS[n % 4],
            AGREE[n % 5] if n % 7 else "",
            AGREE[(n * 3) % 5],
            f"Comment number {n}: more planning time, please" if n % 3 else "",
        ])
    return rows


def _write(path, rows, *, blank_every: int = 0) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for n, row in enumerate(rows):
        if blank_every and n and n % blank_every == 0:
            out.write(",,,,,,\n")  # an empty line as Excel writes one
        writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")


def _column(table, index: int) -> list[str | None]:
    """Each row's value as the table holds it: the category its code points at."""
    series = table.frame[index]
    categories = series.cat.categories.tolist()
    return [categories[c] if c >= 0 else None for c in series.cat.codes.to_numpy()]


def test_columns_of_different_answers_keep_every_answer_as_written(tmp_path):
    rows = _rows()
    _write(tmp_path / "survey.csv", rows)
    text = distinct_columns(rows[:32], len(HEADER))
    # ids, timestamps (a few repeat) and employee numbers are read as text, the scales and groups not
    assert {0, 1, 2} <= text and not text & {3, 4, 5}

    table = read_survey_file(tmp_path / "survey.csv")
    assert table.row_count == ROWS
    for index in range(len(HEADER)):
        assert _column(table, index) == [r[index] for r in rows], HEADER[index]
        categories = [str(c) for c in table.frame[index].cat.categories.tolist()]
        assert categories == sorted(set(categories)), HEADER[index]
    assert _column(table, 2)[:2] == ["0004500", "0004501"]  # the leading zeros an id has are kept
    assert response_dates(table) == (dt.date(2026, 10, 1), dt.date(2026, 10, 3))


def test_a_row_cut_short_counts_as_no_answer_in_a_column_read_as_text(tmp_path):
    rows = _rows()
    path = tmp_path / "survey.csv"
    _write(path, rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[10] = ",".join(lines[10].split(",")[:2])  # a response with only its id and time
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    table = read_survey_file(path)
    assert table.row_count == ROWS
    # its missing answers are blanks, as in a column read by pandas
    assert _column(table, 2)[9] == "" and _column(table, 5)[9] == "" and _column(table, 1)[9] == rows[9][1]
    counts = answer_counts(table, 2, missing_tokens())
    assert sum(counts.values()) == ROWS - 1 and rows[9][2] not in counts
    scale = answer_counts(table, 5, missing_tokens())
    assert sum(scale.values()) == ROWS - 1
    assert scale == {a: sum(1 for n, r in enumerate(rows) if r[5] == a and n != 9) for a in AGREE}


def test_blank_lines_are_left_out_when_the_first_column_differs_in_every_row(tmp_path):
    rows = _rows()
    _write(tmp_path / "survey.csv", rows, blank_every=7)
    table = read_survey_file(tmp_path / "survey.csv")
    assert table.row_count == ROWS
    assert _column(table, 0) == [r[0] for r in rows]


def test_roles_and_privacy_checks_hold_for_columns_read_as_text(tmp_path):
    _write(tmp_path / "survey.csv", _rows())
    proposals = {p.column.header: p for p in propose_roles(read_survey_file(tmp_path / "survey.csv"))}
    assert proposals["Response ID"].role is Role.IDENTIFYING
    assert proposals["Submitted"].role is Role.IDENTIFYING
    # "Q5" says nothing; its answers are employee numbers, found by what they hold
    assert proposals["Q5"].role is Role.IDENTIFYING and "id number" in proposals["Q5"].reason
    assert proposals["What is your position?"].role is Role.DIMENSION
    assert proposals["My workload is manageable"].role is Role.SCALE
    assert proposals["Anything else you would like to tell us?"].role is Role.COMMENT


def test_a_large_export_keeps_nothing_identifying_and_every_item_its_domain(tmp_path):
    # 80 respondents: every identifying column differs in the first rows, so each is read as text
    built = build_qualtrics_csv(tmp_path, n=80)
    plan_path = tmp_path / "district.wellplan"
    plan = create_plan(plan_path, district_name="Maple Hollow")
    try:
        source = read_for_import(built.path)
        with open(built.path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        headers = rows[0]
        text = distinct_columns(rows[3:35], len(headers))
        assert {headers.index("ResponseId"), headers.index("IPAddress"), headers.index("RecipientEmail")} <= text
        with plan.transaction() as session:
            proposal = propose(session, source)
        wave = prepare_wave(proposal.source, proposal.choices, keep_comments=True)
        with plan.transaction() as session:
            store_wave(session, wave, "Fall 2026")
        with plan.transaction() as session:
            items = session.scalars(select(SurveyItem)).all()
            domains = {c.label: c.domain for c, _ in wave.items}
            assert len(items) == len(wave.items) and any(domains.values())
            for item in items:
                wanted = domain_by_name(session, domains[item.label]) if domains[item.label] else None
                assert item.domain_id == (wanted.id if wanted else None), item.label
            for label, answers in built.scale_items.items():
                stored = next(i for i in items if i.label == label)
                expected = [0 if a is None else a for a in answers]
                assert np.frombuffer(stored.answers, dtype=np.int8).tolist() == expected, label
    finally:
        plan.close()
    raw = plan_path.read_bytes()
    leaked = [s for s in built.secrets if s.encode("utf-8") in raw]
    assert not leaked, leaked[:5]


@pytest.mark.parametrize("sample_rows", [0, 5, 19])
def test_too_few_first_rows_read_every_column_as_pandas_does(sample_rows):
    rows = _rows()[:sample_rows]
    assert distinct_columns(rows, len(HEADER)) == set()
