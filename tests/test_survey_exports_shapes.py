"""The survey-export builders write what they claim: layouts, row counts, planted values, expectations."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests import survey_exports as se

CSV_BUILDERS = ["surveymonkey_csv", "google_forms_csv", "qualtrics_csv", "qualtrics_legacy_csv", "hr_table_csv"]
LABEL_VALUES = {**{label: k + 1 for k, label in enumerate(se.AGREE)},
                **{label: k + 1 for k, label in enumerate(se.FREQUENCY)}}


def rows_of(path: Path) -> list[list[str]]:
    """Every row as text cells ('' for empty), CSV or XLSX."""
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    wb = load_workbook(path)
    return [["" if v is None else str(v) for v in row] for row in wb.active.iter_rows(values_only=True)]


def header_row(built: se.BuiltExport) -> list[str]:
    return rows_of(built.path)[built.header_rows - 1 if built.path.name.startswith("hr_") else 0]


def public_text() -> list[str]:
    """Everything a plan may legitimately show: questions, statements, labels, choices, groups."""
    return [se.AGREE_Q, *se.AGREE_STATEMENTS, se.FREQUENCY_Q, *se.FREQUENCY_STATEMENTS, se.SATISFIED, se.STAY,
            se.RATING_Q, se.POSITION_Q, se.SCHOOL_Q, se.YEARS_Q, se.SUPPORTS_Q, *se.SUPPORTS, se.OTHER,
            se.COMMENT_Q1, se.COMMENT_Q2, *se.AGREE, *se.FREQUENCY, se.DONT_KNOW, *se.POSITIONS, *se.SCHOOLS,
            *se.YEARS, se.HR_TITLE, *se._BENIGN_1, *se._BENIGN_2, se._MULTILINE, *se._OTHER_SUPPORTS]


@pytest.mark.parametrize("name", sorted(se.ALL_BUILDERS))
def test_rows_expectations_and_secrets(tmp_path: Path, name: str):
    built = se.ALL_BUILDERS[name](tmp_path)
    assert built.path.exists() and built.n_respondents == 40
    rows = rows_of(built.path)
    assert len(rows) == built.header_rows + 40
    for mapping in (built.scale_items, built.attributes, built.comments):
        assert all(len(values) == 40 for values in mapping.values())
    for choices in built.multi_select.values():
        assert all(len(values) == 40 for values in choices.values())
    for label, values in built.scale_items.items():
        assert all(v is None or 1 <= v <= built.scale_points[label] for v in values)
        assert any(v is not None for v in values)
    # A group of 10 or more and small groups of 3 or 4.
    sizes = [list(values).count(group) for values in built.attributes.values() for group in set(values) - {None}]
    assert max(sizes) >= 10 and {3, 4} <= set(sizes)
    # Every planted value is in the file, exactly as listed.
    if built.path.suffix == ".csv":
        content = built.path.read_bytes().decode("utf-8-sig")
    else:
        content = "\n".join("\t".join(row) for row in rows)
    assert len(built.secrets) > 40
    missing = [s for s in built.secrets if s not in content]
    assert not missing
    for kind in (r"\(555\) \d{3}-\d{4}", r"2001:db8:[0-9a-f:]+", r"https://\S+", r"E-2\d{5}", r"\S+@\S+\.example\.(org|com)"):
        assert any(re.fullmatch(kind, s) for s in built.secrets), kind
    # No planted value hides inside text a plan may show (that would make leak tests lie).
    public = public_text()
    assert not [s for s in built.secrets if any(s in text for text in public)]
    header = header_row(built)
    assert set(built.identifying_headers) <= set(header)


def test_surveymonkey_two_header_rows(tmp_path: Path):
    built = se.build_surveymonkey_csv(tmp_path)
    raw = built.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    row1, row2, first = rows_of(built.path)[:3]
    assert row1[:9] == se.SURVEYMONKEY_META and row2[:9] == [""] * 9
    assert len(row1) == len(row2) == len(first)
    matrix = row1.index(se.AGREE_Q)
    assert row1[matrix + 1:matrix + 5] == [""] * 4 and row2[matrix:matrix + 5] == se.AGREE_STATEMENTS
    assert row2.count("Response") >= 4 and row2.count("Open-Ended Response") == 4
    supports = row1.index(se.SUPPORTS_Q)
    assert row2[supports:supports + 5] == [*se.SUPPORTS, se.OTHER]
    assert re.fullmatch(r"\d{11}", first[0]) and re.fullmatch(r"\d{9}", first[1])
    assert re.fullmatch(r"\d{1,2}/\d{1,2}/2026 \d{1,2}:\d\d:\d\d [AP]M", first[2])
    ips = [row[4] for row in rows_of(built.path)[2:]]
    assert any(":" in ip for ip in ips) and any(re.fullmatch(r"[\d.]+", ip) for ip in ips)
    data = rows_of(built.path)[2:]
    for statement in se.AGREE_STATEMENTS + se.FREQUENCY_STATEMENTS:
        col = row2.index(statement)
        assert [LABEL_VALUES.get(row[col]) for row in data] == built.scale_items[statement]
    for label in (se.SATISFIED, se.STAY):
        assert [LABEL_VALUES.get(row[row1.index(label)]) for row in data] == built.scale_items[label]
    for k, choice in enumerate([*se.SUPPORTS, se.OTHER]):
        answered = [any(row[supports:supports + 5]) for row in data]
        expected = built.multi_select[se.SUPPORTS_Q][choice]
        assert [bool(row[supports + k]) if a else None for row, a in zip(data, answered, strict=True)] == expected


def test_surveymonkey_xlsx_matches_csv(tmp_path: Path):
    csv_rows = rows_of(se.build_surveymonkey_csv(tmp_path).path)
    built = se.build_surveymonkey_xlsx(tmp_path)
    assert rows_of(built.path)[:2] == csv_rows[:2]
    assert rows_of(built.path)[2:] == csv_rows[2:]
    assert isinstance(load_workbook(built.path).active["A3"].value, int)


def test_microsoft_forms_layout(tmp_path: Path):
    built = se.build_microsoft_forms_xlsx(tmp_path, last_modified=True)
    wb = load_workbook(built.path)
    assert wb.sheetnames == ["Sheet1"]
    rows = rows_of(built.path)
    header, data = rows[0], rows[1:]
    assert header[:6] == ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    anonymous = [row for row in data if row[3] == "anonymous"]
    assert anonymous and all(row[4] == "" for row in anonymous)
    multi = [row[header.index(se.SUPPORTS_Q)] for row in data if row[header.index(se.SUPPORTS_Q)]]
    assert multi and all(cell.endswith(";") for cell in multi) and any(cell.count(";") > 1 for cell in multi)
    for statement in se.AGREE_STATEMENTS + se.FREQUENCY_STATEMENTS:
        assert [LABEL_VALUES.get(row[header.index(statement)]) for row in data] == built.scale_items[statement]
    assert se.AGREE_Q not in header  # a Likert question's own text is not exported
    assert header_row(se.build_microsoft_forms_xlsx(tmp_path, id_header="Id"))[0] == "Id"


@pytest.mark.parametrize("style, pattern", [("download", r"2026/10/\d\d \d{1,2}:\d\d:\d\d [AP]M GMT-5"),
                                            ("sheets", r"10/\d{1,2}/2026 \d{1,2}:\d\d:\d\d")])
def test_google_forms_layout(tmp_path: Path, style: str, pattern: str):
    built = se.build_google_forms_csv(tmp_path, timestamp_style=style)
    raw = built.path.read_bytes().decode("utf-8")
    assert raw.startswith('"Timestamp","Email Address",') == (style == "download")
    header, *data = rows_of(built.path)
    assert header[:2] == ["Timestamp", "Email Address"]
    assert all(re.fullmatch(pattern, row[0]) for row in data)
    for statement in se.AGREE_STATEMENTS:
        col = header.index(f"{se.AGREE_Q} [{statement}]")
        assert [LABEL_VALUES.get(row[col]) for row in data] == built.scale_items[statement]
    rating = header.index(se.RATING_Q)
    assert [int(row[rating]) if row[rating] else None for row in data] == built.scale_items[se.RATING_Q]
    ticks = [row[header.index(se.SUPPORTS_Q)] for row in data]
    assert any(", " in cell for cell in ticks)
    for choice in se.SUPPORTS:
        expected = built.multi_select[se.SUPPORTS_Q][choice]
        assert [(choice in cell.split(", ")) if cell else None for cell in ticks] == expected
    no_email = se.build_google_forms_csv(tmp_path, collect_email=False)
    assert rows_of(no_email.path)[0][1] == se.POSITION_Q


@pytest.mark.parametrize("quotes, start", [("double", '{"ImportId":"'), ("single", "{'ImportId': '")])
def test_qualtrics_three_header_rows(tmp_path: Path, quotes: str, start: str):
    built = se.build_qualtrics_csv(tmp_path, import_id_quotes=quotes)
    row1, row2, row3, *data = rows_of(built.path)
    assert row1[:17] == [m[0] for m in se.QUALTRICS_META]
    assert row1[17:21] == ["Q1", "Q2", "Q3", "Q4"] and "Q1_email" in row1 and "Q6_1" in row1
    assert row2[:3] == ["Start Date", "End Date", "Response Type"]
    assert all(cell.startswith(start) for cell in row3)
    assert ("{'ImportId': 'responseId'}" in row3) == (quotes == "single")
    assert row3[row1.index("Q6_2")] in ('{"ImportId":"QID6_2"}', "{'ImportId': 'QID6_2'}")
    assert row2[row1.index("Q9")] == f"{se.SUPPORTS_Q} - Selected Choice"
    for k, statement in enumerate(se.AGREE_STATEMENTS):
        assert row2[row1.index(f"Q6_{k + 1}")] == f"{se.AGREE_Q} - {statement}"
        assert [LABEL_VALUES.get(row[row1.index(f"Q6_{k + 1}")]) for row in data] == built.scale_items[statement]
    assert all(re.fullmatch(r"R_[A-Za-z0-9]{15}", row[8]) for row in data)
    assert all(row[2] == "IP Address" and row[6] == "True" for row in data)
    assert built.header_text["Q1_email"] == se.EMAIL_Q


def test_qualtrics_legacy_layout(tmp_path: Path):
    built = se.build_qualtrics_legacy_csv(tmp_path)
    row1, row2, *data = rows_of(built.path)
    assert row1[:10] == [f"V{k}" for k in range(1, 11)] and row2[:10] == se.LEGACY_META
    assert row1[-4:] == ["LocationLatitude", "LocationLongitude", "LocationAccuracy", ""]
    assert all(row[-1] == "" and len(row) == len(row1) for row in [row2, *data])
    assert row2[row1.index("Q6_1")] == f"{se.AGREE_Q}-{se.AGREE_STATEMENTS[0]}"
    assert [int(r[row1.index("Q6_1")]) if r[row1.index("Q6_1")] else None for r in data] == built.scale_items[se.AGREE_STATEMENTS[0]]
    codes = built.attributes[se.POSITION_Q]
    assert [built.value_labels[se.POSITION_Q][c] for c in codes].count("Counselor") == 4
    assert {row[2] for row in data} - {"Anonymous"}


def test_hr_table_layout(tmp_path: Path):
    built = se.build_hr_table_csv(tmp_path)
    title, blank, header, *data = rows_of(built.path)
    assert title[0] == se.HR_TITLE and set(title[1:]) == {""} and set(blank) == {""}
    assert len(title) == len(blank) == len(header)
    for name in ("Employee ID #", "Staff number", "Name (optional)", "Q1_email", "Supervisor name"):
        assert name in header
    col = header.index(se.AGREE_STATEMENTS[0])
    assert [int(r[col]) if r[col] else None for r in data] == built.scale_items[se.AGREE_STATEMENTS[0]]
    supervisors = [r[header.index("Supervisor name")] for r in data if r[header.index("Supervisor name")]]
    assert len(set(supervisors)) == 10 and all(supervisors.count(s) >= 2 for s in supervisors)
    xlsx = se.build_hr_table_xlsx(tmp_path)
    ws = load_workbook(xlsx.path).active
    assert ws["A1"].value == se.HR_TITLE and all(c.value is None for c in ws[2]) and ws["A3"].value == "Employee ID #"


@pytest.mark.parametrize("name", ["surveymonkey_csv", "surveymonkey_xlsx", "microsoft_forms_xlsx", "google_forms_csv",
                                  "qualtrics_csv", "hr_table_csv", "hr_table_xlsx"])
def test_typo_flag(tmp_path: Path, name: str):
    plain = se.ALL_BUILDERS[name](tmp_path)
    assert not plain.anomalies and se.TYPO not in str(rows_of(plain.path))
    built = se.ALL_BUILDERS[name](tmp_path, typo=True)
    assert len(built.anomalies) == 1
    cells = [cell for row in rows_of(built.path) for cell in row]
    assert cells.count(se.TYPO) == 1
    assert sum(v is None for vs in built.scale_items.values() for v in vs) == \
        sum(v is None for vs in plain.scale_items.values() for v in vs) + 1


@pytest.mark.parametrize("name", ["google_forms_csv", "qualtrics_legacy_csv", "hr_table_csv", "hr_table_xlsx"])
def test_out_of_range_flag(tmp_path: Path, name: str):
    plain = se.ALL_BUILDERS[name](tmp_path)
    plain_99s = sum(cell == "99" for row in rows_of(plain.path)[plain.header_rows:] for cell in row)
    assert plain_99s == 0 and not plain.anomalies
    built = se.ALL_BUILDERS[name](tmp_path, out_of_range=True)
    data = rows_of(built.path)[built.header_rows:]
    assert sum(cell == "99" for row in data for cell in row) == 1
    assert len(built.anomalies) == 1
    assert sum(v is None for vs in built.scale_items.values() for v in vs) == \
        sum(v is None for vs in plain.scale_items.values() for v in vs) + 1


@pytest.mark.parametrize("name", CSV_BUILDERS)
def test_truncated_last_row(tmp_path: Path, name: str):
    full = se.ALL_BUILDERS[name](tmp_path)
    full_bytes = full.path.read_bytes()
    built = se.ALL_BUILDERS[name](tmp_path, truncate=True)
    raw = built.path.read_bytes()
    assert not raw.endswith(b"\n") and full_bytes.startswith(raw) and len(raw) < len(full_bytes)
    rows = rows_of(built.path)
    assert len(rows) == built.header_rows + 40 and len(rows[-1]) < len(rows[built.header_rows])
    assert built.truncated_row == 39
    text = raw.decode("utf-8-sig")
    assert all(s in text for s in built.secrets) and set(built.secrets) <= set(full.secrets)


def test_seeded_and_sized(tmp_path: Path):
    folders = [tmp_path / name for name in "abcd"]
    for folder in folders:
        folder.mkdir()
    a = se.build_qualtrics_csv(folders[0])
    b = se.build_qualtrics_csv(folders[1])
    c = se.build_qualtrics_csv(folders[2], seed=8)
    assert a.path.read_bytes() == b.path.read_bytes() != c.path.read_bytes()
    d = se.build_surveymonkey_csv(folders[3], n=120)
    assert len(rows_of(d.path)) == 122 and len(set(d.attributes[se.POSITION_Q])) == 5
    with pytest.raises(ValueError):
        se.build_google_forms_csv(tmp_path, n=19)
