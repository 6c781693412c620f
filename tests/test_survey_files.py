"""Survey exports as districts really have them, made by the tests themselves: every layout,
encoding and separator, Excel workbooks, and every kind of bad file."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from services.data.survey_columns import Role, fit_scale, propose_roles, scale_values
from services.data.survey_files import SurveyFileError, read_survey_file, workbook_sheets

AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def _csv(rows, sep=","):
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def qualtrics_rows():
    ids = ["StartDate", "EndDate", "IPAddress", "Duration (in seconds)", "ResponseId", "RecipientEmail",
           "LocationLatitude", "Q1", "Q2", "Q4_1", "Q4_2", "Q5"]
    text = ["Start Date", "End Date", "IP Address", "Duration (in seconds)", "Response ID", "Recipient Email",
            "Location Latitude", "What is your role?", "Which school do you work in?",
            "How much do you agree? - I feel valued by district leadership",
            "How much do you agree? - I can take breaks when I need to", "Anything else?"]
    import_ids = [json.dumps({"ImportId": i}) for i in ids]
    data = []
    roles = ["Teacher", "Bus driver", "Teacher", "Food service", "Custodian", "Teacher"]
    for n, role in enumerate(roles):
        data.append([f"2026-10-0{n + 1} 08:00:00", f"2026-10-0{n + 1} 08:10:00", f"10.0.0.{n}", "600",
                     f"R_{n}abc", f"person{n}@district.org", "40.1", role, "Elm Street",
                     AGREE[n % 5].upper() if n == 2 else AGREE[n % 5], "Don't know" if n == 1 else "agree",
                     "Breaks are hard to get" if n == 0 else ""])
    return [ids, text, import_ids, *data]


def test_qualtrics_csv_with_bom_three_header_rows(tmp_path):
    path = tmp_path / "qualtrics.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _csv(qualtrics_rows()).encode("utf-8"))
    table = read_survey_file(path)
    assert (table.layout, table.encoding, table.separator) == ("qualtrics", "utf-8-sig", ",")
    assert table.row_count == 6 and table.first_data_row == 4
    q41 = table.find("Q4_1")
    assert q41.label == "I feel valued by district leadership" and q41.question == "How much do you agree?"
    assert table.find("what is your role?").header == "Q1"
    roles = {p.column.header: p.role for p in propose_roles(table)}
    for identifying in ("StartDate", "EndDate", "IPAddress", "Duration (in seconds)", "ResponseId",
                        "RecipientEmail", "LocationLatitude"):
        assert roles[identifying] is Role.IDENTIFYING, identifying
    assert roles["Q1"] is Role.DIMENSION and roles["Q4_1"] is Role.SCALE and roles["Q4_2"] is Role.SCALE
    assert roles["Q5"] is Role.COMMENT


def test_surveymonkey_two_header_rows_with_a_matrix_over_blank_cells(tmp_path):
    top = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
           "Last Name", "What is your position?", "How often do you...", "", "Comments"]
    sub = ["", "", "", "", "", "", "", "", "Response", "feel stressed at work", "have time for lunch",
           "Open-Ended Response"]
    rows = [top, sub] + [[str(1000 + n), "55", "10/01/2026", "10/01/2026", "1.2.3.4", f"p{n}@x.org", "Pat", "Lee",
                          "Paraprofessional" if n % 2 else "Teacher", ["Never", "Rarely", "Sometimes", "Often",
                                                                       "Always"][n % 5], "sometimes", ""]
                         for n in range(8)]
    path = tmp_path / "monkey.csv"
    path.write_bytes(_csv(rows).encode("cp1252"))
    table = read_survey_file(path)
    assert table.layout == "surveymonkey" and table.row_count == 8
    stressed = table.find("feel stressed at work")
    assert stressed.question == "How often do you..." and stressed.header == "How often do you... - feel stressed at work"
    lunch = table.find("have time for lunch")
    assert lunch.question == "How often do you..."  # the question carried over the blank cell
    proposals = {p.column.label: p for p in propose_roles(table)}
    assert proposals["feel stressed at work"].scale.kind == "frequency"
    assert proposals["What is your position?"].role is Role.DIMENSION
    assert all(proposals[x].role is Role.IDENTIFYING for x in ("Respondent ID", "Email Address", "First Name"))


def test_surveymonkey_xlsx_and_sheet_choice(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active["A1"] = "Exported for the wellness team"
    ws = wb.create_sheet("Responses")
    ws.append(["Respondent ID", "Role", "I feel respected", ""])
    ws.append(["", "Response", "Response", ""])
    for n in range(6):
        ws.append([9000 + n, "Custodian" if n < 3 else "Teacher", n % 5 + 1, None])
    path = tmp_path / "monkey.xlsx"
    wb.save(path)
    table = read_survey_file(path, sheet="responses")
    assert (table.layout, table.sheet) == ("surveymonkey", "Responses")
    assert [c.header for c in table.columns] == ["Respondent ID", "Role", "I feel respected"]
    assert fit_scale(dict.fromkeys(table.values(2), 1))[0].points == 5
    with pytest.raises(SurveyFileError, match="has no sheet 'Summary'. Its sheets: Notes, Responses"):
        read_survey_file(path, sheet="Summary")
    assert read_survey_file(path).sheet == "Responses"  # the notes sheet above it is no table
    assert workbook_sheets(path) == ["Notes", "Responses"]
    (tmp_path / "a.csv").write_text("a,b\n1,2\n")
    assert workbook_sheets(tmp_path / "a.csv") == [] and workbook_sheets(tmp_path / "missing.xlsx") == []


def test_google_forms_utf16_tab_separated(tmp_path):
    rows = [["Timestamp", "Email Address", "Your role", "I have the resources I need"]]
    rows += [[f"10/{n + 1}/2026 9:00:00", f"x{n}@school.org", "Nurse" if n < 3 else "Teacher", str(n % 4 + 1)]
             for n in range(7)]
    path = tmp_path / "forms.txt"
    path.write_bytes(_csv(rows, sep="\t").encode("utf-16"))
    table = read_survey_file(path)
    assert (table.layout, table.encoding, table.separator) == ("google-forms", "utf-16", "\t")
    roles = {p.column.header: p.role for p in propose_roles(table)}
    assert roles == {"Timestamp": Role.IDENTIFYING, "Email Address": Role.IDENTIFYING, "Your role": Role.DIMENSION,
                     "I have the resources I need": Role.SCALE}


@pytest.mark.parametrize("sep", [";", "|", ","])
def test_plain_hr_export_with_a_title_row_and_blank_rows(tmp_path, sep):
    rows = [["Staff climate survey 2026 - export"], [], ["Department", "Years of service", "Workload is manageable"]]
    rows += [["Transportation" if n % 3 else "Food service", "5-9", AGREE[n % 5]] for n in range(9)]
    path = tmp_path / "hr.csv"
    path.write_bytes(_csv(rows, sep=sep).encode("cp1252"))
    table = read_survey_file(path)
    assert table.layout == "plain" and table.separator == sep
    assert [c.header for c in table.columns] == ["Department", "Years of service", "Workload is manageable"]
    assert table.first_data_row == 4
    assert [p.role for p in propose_roles(table)] == [Role.DIMENSION, Role.DIMENSION, Role.SCALE]


def test_windows_1252_text_survives(tmp_path):
    rows = [["Rôle", "Je me sens respecté"], *[["Café", "Agree"]] * 3, ["Cafétéria", "Strongly agree"]]
    path = tmp_path / "fr.csv"
    path.write_bytes(_csv(rows, sep=";").encode("cp1252"))
    table = read_survey_file(path)
    assert table.encoding == "cp1252" and table.columns[0].header == "Rôle" and table.values(0)[-1] == "Cafétéria"
    assert read_survey_file(path, encoding="latin-1").columns[0].header == "Rôle"


def test_scale_values_missing_tokens_and_reverse_scoring(tmp_path):
    rows = [["Role", "Q"], ["A", "strongly AGREE"], ["A", "N/A"], ["A", "Prefer not to say"], ["B", "disagree"],
            ["B", "Skipped it"]]
    path = tmp_path / "s.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    table = read_survey_file(path)
    proposals = propose_roles(table, extra_missing=["Skipped it"])
    q = proposals[1]
    assert q.role is Role.SCALE and q.scale.points == 4  # strongly disagree .. strongly agree, no neutral
    assert scale_values(table, q, ["Skipped it"]).tolist() == [4, 0, 0, 2, 0]
    assert scale_values(table, q, ["Skipped it"], reverse=True).tolist() == [1, 0, 0, 3, 0]
    with pytest.raises(SurveyFileError, match=r"row 6, column 'Q': 1 answer is not on the item's scale"):
        scale_values(table, q)


def test_out_of_range_numbers_are_reported_with_row_and_column(tmp_path):
    rows = [["Site", "Q1"]] + [["North", str(n % 5 + 1)] for n in range(6)] + [["South", "9"]]
    path = tmp_path / "n.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    table = read_survey_file(path)
    proposal = propose_roles(table)[1]
    assert proposal.scale.points == 10  # 9 can only be on a 1-10 scale; the wizard lets the user say 5
    from services.data.survey_columns import ColumnProposal, Scale

    five = ColumnProposal(proposal.column, Role.SCALE, Scale("numeric", tuple("12345")))
    with pytest.raises(SurveyFileError, match=r"n.csv: row 8, column 'Q1': '9' is not on the item's scale"):
        scale_values(table, five)


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \r\n\r\n", "is empty"),
    (b"Role,Q1,Q2\r\n", "has a header but no responses"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not a CSV or Excel file"),
    (b"%PDF-1.7 binary", "is a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old-style Excel 97-2003 workbook"),
    (b"PK\x03\x04 this is not really a zip", "is not a readable Excel workbook"),
    (bytes(range(256)) * 20, "holds binary data"),
    (b"Role,Q1,Role\r\nA,1,B\r\nB,2,C\r\n", "two columns are both called 'Role' (columns 1 and 3)"),
    (b"Role,Q1\r\n" + b"A,1\r\n" * 50 + b"B,2,extra\r\n", "line 52 has 3 values but the header has 2 columns"),
])
def test_bad_files_are_refused_with_one_clear_sentence(tmp_path, content, message):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    with pytest.raises(SurveyFileError, match="upload.csv") as info:
        read_survey_file(path)
    assert message in str(info.value)


def test_missing_paths_and_wrong_options(tmp_path):
    with pytest.raises(SurveyFileError, match="nothing.csv does not exist"):
        read_survey_file(tmp_path / "nothing.csv")
    with pytest.raises(SurveyFileError, match="is a folder"):
        read_survey_file(tmp_path)
    path = tmp_path / "ok.csv"
    path.write_text("Role,Q1\nA,1\nB,2\n", encoding="utf-8")
    with pytest.raises(SurveyFileError, match="--sheet is for Excel workbooks"):
        read_survey_file(path, sheet="Sheet1")
    with pytest.raises(SurveyFileError, match="'klingon' is not an encoding"):
        read_survey_file(path, encoding="klingon")
    assert read_survey_file(path, sep="comma").separator == ","


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Role", "Q1"])
    for n in range(4):
        wb.active.append(["Teacher", n + 1])
    path = tmp_path / "renamed.csv"
    wb.save(path)
    table = read_survey_file(path)
    assert table.sheet == "Sheet" and table.values(1) == ["1", "2", "3", "4"]


def two_attribute_survey(path, late: int = 0):
    """A small Google Forms export with two respondent attributes (role and site) for cross-tabs;
    ``late`` more teachers at North as if they answered after a first download."""
    rows = [["Timestamp", "What is your role?", "Which site?", "I feel valued by district leadership",
             "I can take breaks when I need to"]]
    people = [("Teacher", "North")] * 9 + [("Teacher", "South")] * 7 + [("Bus driver", "North")] * 6 + \
        [("Nurse", "South")] * 3 + [("Teacher", "North")] * late
    for n, (role, site) in enumerate(people):
        rows.append([f"10/{n % 28 + 1}/2026 8:00:00", role, site, AGREE[(n * 3) % 5], AGREE[(n + 1) % 5]])
    path.write_text(_csv(rows), encoding="utf-8")
    return path
