"""``survey import``, ``survey report`` and the survey-summary PDF through the command line: the
mapping printed, identifying values never in the plan file's bytes, every bad input refused in one
line with the plan byte-for-byte unchanged, and the CSV and PDF withholding small groups."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from cli import commands as cli
from services.plan.plan_file import create_plan
from tests.cli_run import digest, wellplan
from tests.pdf_text import pdf_text
from tests.test_survey_files import AGREE, _csv

NAMES = ["Maria Lopez", "James O'Neill", "Ayesha Khan", "Tom Berg", "Li Wei", "Sam Ortiz", "Ana Silva",
         "Joe Park", "Kim Nguyen", "Ole Hansen", "Eva Novak", "Raj Patel"]


def staff_rows(roles=("Teacher",) * 6 + ("Bus driver",) * 4 + ("Nurse",) * 2):
    header = ["Timestamp", "Email Address", "Your name", "What is your role?", "I feel valued by district leadership",
              "I can take breaks when I need to", "My workload is too heavy", "Comments"]
    rows = [header]
    for n, role in enumerate(roles):
        rows.append([f"10/{n + 1}/2026 8:00:00", f"staff{n}@maplehollow.k12.us", NAMES[n % len(NAMES)], role,
                     AGREE[(n * 3) % 5], "Prefer not to say" if n == 4 else AGREE[(n + 2) % 5],
                     AGREE[(n * 2) % 5], "I worry about my pension" if n == 3 else ""])
    return rows


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "district.wellplan"
    create_plan(path, district_name="Maple Hollow").close()
    return path


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_prints_the_mapping_and_never_stores_identifying_values(tmp_path, plan_path):
    survey = tmp_path / "google.csv"
    survey.write_text(_csv(staff_rows()), encoding="utf-8")
    result = wellplan("survey", "import", str(plan_path), str(survey))
    assert result.returncode == 0, result.stderr
    assert "Email Address -> identifying" in result.stdout
    assert "Your name -> identifying" in result.stdout
    assert "What is your role? -> dimension" in result.stdout
    assert "I feel valued by district leadership -> scale" in result.stdout
    assert "Comments -> comment, not stored" in result.stdout
    assert "Imported wave 'Fall 2026'" in result.stdout  # from the timestamps (October 2026)
    raw = plan_path.read_bytes()
    for secret in [b"maplehollow.k12.us", b"staff0@", b"Lopez", b"O'Neill", b"pension", b"10/1/2026"]:
        assert secret not in raw, secret
    for name in NAMES:
        assert name.encode() not in raw and name.encode("utf-16-le") not in raw


def test_report_csv_withholds_small_groups_and_the_pdf_too(tmp_path, plan_path):
    survey = tmp_path / "staff survey.csv"
    survey.write_text(_csv(staff_rows()), encoding="utf-8")
    assert wellplan("survey", "import", str(plan_path), str(survey), "--wave", "Pilot").returncode == 0
    out = tmp_path / "by role.csv"
    result = wellplan("survey", "report", str(plan_path), "--by", "What is your role?", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == ["group", "measure", "n", "mean", "pct_favorable", "suppressed"]
    by = {(r[0], r[1]): r[2:] for r in rows[1:]}
    # 6 teachers shown; 4 bus drivers and 2 nurses below 5; nurses alone would be hidden, so drivers too
    assert by[("Bus driver", "I feel valued by district leadership")] == ["", "", "", "true"]
    assert by[("Nurse", "I feel valued by district leadership")] == ["", "", "", "true"]
    teachers = [AGREE.index(AGREE[(n * 3) % 5]) + 1 for n in range(6)]
    assert by[("Teacher", "I feel valued by district leadership")] == [
        "6", f"{sum(teachers) / 6:.4f}", f"{100 * sum(v >= 4 for v in teachers) / 6:.1f}", "false"]
    everyone = by[("All respondents", "I can take breaks when I need to")]
    assert everyone[0] == "11"  # one "Prefer not to say" is missing, not a value
    pdf = tmp_path / "summary.pdf"
    result = wellplan("export", str(plan_path), "survey-summary", "--by", "What is your role?", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    text = pdf_text(pdf)
    assert "Staff survey results: Pilot" in text and "Teacher (6)" in text
    assert "Nurse (count withheld)" in text and "fewer than 5 respondents are not shown" in text
    assert "maplehollow" not in text


def test_the_saved_profile_is_used_for_the_same_columns_next_time(tmp_path, plan_path):
    from services.data.survey_columns import CHOICE_SCALE_KIND
    from services.data.survey_import import choices_for, prepare_wave, read_for_import, store_wave
    from services.plan.plan_file import open_plan

    first = tmp_path / "2025.csv"
    first.write_text(_csv(staff_rows()), encoding="utf-8")
    plan = open_plan(plan_path)
    with plan.transaction() as s:
        source = read_for_import(first)
        choices, from_profile = choices_for(s, source)
        assert not from_profile
        changed = [c if c.header != "My workload is too heavy" else
                   c.__class__(**{**c.__dict__, "reverse": True, "domain": "Working conditions and job stressors"})
                   for c in choices]
        store_wave(s, prepare_wave(source, changed), "Fall 2025")
    plan.close()
    second = tmp_path / "2026.csv"  # next year: same columns, different letter case in one header
    rows = staff_rows()
    rows[0][3] = "WHAT IS YOUR ROLE?"
    rows[1][4] = AGREE[4]  # a new year's answers (the very same responses would be refused as imported already)
    second.write_text(_csv(rows), encoding="utf-8")
    result = wellplan("survey", "import", str(plan_path), str(second), "--wave", "Fall 2026")
    assert result.returncode == 0, result.stderr
    assert "the profile saved for these columns" in result.stdout
    assert "My workload is too heavy -> scale" in result.stdout and "reverse-scored" in result.stdout
    assert "Working conditions and job stressors" in result.stdout
    plan = open_plan(plan_path, read_only=True)
    with plan.transaction() as s:
        from services.data.survey_report import load_wave

        wave = load_wave(s, "Fall 2026")
        workload = next(i for i in wave.items if i.label == "My workload is too heavy")
        original = [AGREE.index(AGREE[(n * 2) % 5]) + 1 for n in range(12)]
        assert list(workload.values) == [6 - v for v in original]  # reverse-scored
        assert workload.reverse and workload.domain == "Working conditions and job stressors"
        assert workload.points == 5 and workload.scale_kind != CHOICE_SCALE_KIND  # a scale, not a choice
        assert not any(d.header.lower() == "my workload is too heavy" for d in wave.dimensions)
        role = wave.dimension("What is your role?")  # the header's new letter case matched the saved profile
        assert "Teacher" in role.groups
    plan.close()


def _bad_files(tmp_path):
    ok = staff_rows()
    dup = [list(r) for r in ok]
    dup[0][5] = dup[0][4]
    no_scale = [[r[0], r[3], r[7]] for r in ok]
    off_scale = [list(r) for r in ok]
    off_scale[5][4] = "Mostly"
    broken_xlsx = io.BytesIO()
    with zipfile.ZipFile(broken_xlsx, "w") as z:
        z.writestr("[Content_Types].xml", "<broken")
    files = {
        "empty.csv": (b"", "is empty"),
        "header only.csv": (_csv(ok[:1]).encode(), "has a header but no responses"),
        "photo.csv": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "is a PNG image"),
        "broken.xlsx": (broken_xlsx.getvalue(), "is not a readable Excel workbook"),
        "no scale.csv": (_csv(no_scale).encode(), "has no scale items"),
        "duplicates.csv": (_csv(dup).encode(), "two columns are both called"),
        "off scale.csv": (_csv(off_scale).encode(), "row 6, column 'I feel valued by district leadership': 1 answer is not on"),
    }
    for name, (content, _) in files.items():
        (tmp_path / name).write_bytes(content)
    return {name: message for name, (_, message) in files.items()}


def test_every_bad_input_is_one_line_and_leaves_the_plan_unchanged(tmp_path, plan_path, capsys):
    # one good wave first, so "unchanged" covers a plan with data in it
    good = tmp_path / "good.csv"
    good.write_text(_csv(staff_rows()), encoding="utf-8")
    assert run_cli(capsys, "survey", "import", str(plan_path), str(good), "--wave", "Fall 2026")[0] == 0
    before = digest(plan_path)
    cases = _bad_files(tmp_path)
    cases["missing.csv"] = "does not exist"
    (tmp_path / "a folder.csv").mkdir()
    cases["a folder.csv"] = "is a folder"
    for name, message in cases.items():
        code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(tmp_path / name))
        assert code == 1, name
        assert err.count("\n") == 1 and err.startswith("wellplan: ") and message in err, (name, err)
        assert digest(plan_path) == before, name
    # the same file again, the same label twice, and an unknown sheet
    code, _, err = run_cli(capsys, "survey", "import", str(plan_path), str(good), "--wave", "Spring 2027")
    assert code == 1 and "has the same responses as wave 'Fall 2026'" in err
    other_rows = staff_rows()
    other_rows[1][4] = AGREE[4]
    other = tmp_path / "other.csv"
    other.write_text(_csv(other_rows), encoding="utf-8")
    code, _, err = run_cli(capsys, "survey", "import", str(plan_path), str(other), "--wave", "fall 2026")
    assert code == 1 and "already a wave called 'Fall 2026'" in err
    book = openpyxl.Workbook()
    book.active.title = "Responses"
    for row in staff_rows():
        book.active.append(row)
    book.save(tmp_path / "hr.xlsx")
    code, _, err = run_cli(capsys, "survey", "import", str(plan_path), str(tmp_path / "hr.xlsx"), "--sheet", "Nope")
    assert code == 1 and "has no sheet 'Nope'. Its sheets: Responses" in err
    assert digest(plan_path) == before


def test_missing_tokens_xlsx_sheets_and_report_options(tmp_path, plan_path, capsys):
    rows = staff_rows()
    for r in rows[1:4]:
        r[5] = "Unsure"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["This workbook was exported from the HR system"])
    sheet = book.create_sheet("Survey")
    sheet.append(["Staff wellbeing survey 2026"])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "hr export.xlsx")
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(tmp_path / "hr export.xlsx"),
                             "--sheet", "Survey", "--missing", "Unsure", "--wave", "Spring 2026")
    assert code == 0, err
    assert "I can take breaks when I need to -> scale" in out  # "Unsure" no longer hides the scale
    report = tmp_path / "r.csv"
    code, _, err = run_cli(capsys, "survey", "report", str(plan_path), "--by", "what is your role?",
                           "--min-n", "3", "--out", str(report))
    assert code == 1 and "below this plan's minimum group size (5)" in err
    code, _, err = run_cli(capsys, "survey", "report", str(plan_path), "--by", "School", "--out", str(report))
    assert code == 1 and "has no respondent attribute 'School'" in err and "'What is your role?'" in err
    code, _, err = run_cli(capsys, "survey", "report", str(plan_path), "--by", "What is your role?",
                           "--wave", "Fall 2031", "--out", str(report))
    assert code == 1 and "no survey wave 'Fall 2031'" in err and "'Spring 2026'" in err
    code, _, err = run_cli(capsys, "survey", "report", str(plan_path), "--by", "What is your role?", "--min-n", "7",
                           "--out", str(report))
    assert code == 0, err
    rows = list(csv.reader(report.open(encoding="utf-8")))
    assert ("Teacher", "I can take breaks when I need to", "", "", "", "true") in [tuple(r) for r in rows]
    code, _, err = run_cli(capsys, "export", str(plan_path), "team", "--by", "x", "--out", str(tmp_path / "t.pdf"))
    assert code == 1 and "--by does not apply to the team export" in err


def test_comments_are_kept_only_when_asked_and_never_linked_to_answers(tmp_path, plan_path, capsys):
    from services.data.survey_waves import list_comments, list_waves
    from services.plan.plan_file import open_plan

    survey = tmp_path / "s.csv"
    rows = staff_rows()
    rows[5][7] = "Call me on 555-201-3344 or write to j.doe@maplehollow.k12.us"
    survey.write_text(_csv(rows), encoding="utf-8")
    code, out, err = run_cli(capsys, "survey", "import", str(plan_path), str(survey), "--wave", "W1",
                             "--keep-comments")
    assert code == 0, err
    assert "comments: 2 kept" in out
    raw = plan_path.read_bytes()
    assert b"I worry about my pension" in raw and b"maplehollow.k12.us" not in raw and b"201-3344" not in raw
    plan = open_plan(plan_path, read_only=True)
    with plan.transaction() as s:
        wave = list_waves(s)[0]
        assert [c.text for c in list_comments(s, wave.id)] == [
            "Call me on [phone removed] or write to [email removed]", "I worry about my pension"]
    plan.close()


def test_headcounts_as_pairs_after_the_options_through_main_py(tmp_path, sample_file):
    """``main.py`` hands the command line everything, so GROUP=N pairs after the options work
    there too (main.py used to parse the arguments itself and refused them)."""
    result = wellplan("survey", "headcounts", str(sample_file), "--wave", "Fall 2026", "--by",
                      "Which best describes your position?", "Teachers=210")
    assert result.returncode == 0, result.stderr
    assert "Set 1 headcounts" in result.stdout


def test_the_survey_csv_is_an_export_kind_too_with_a_cross_tab(tmp_path, plan_path):
    from tests.test_survey_files import two_attribute_survey

    survey = two_attribute_survey(tmp_path / "sites pulse.csv")
    assert wellplan("survey", "import", str(plan_path), str(survey), "--wave", "Sites pulse").returncode == 0
    out = tmp_path / "by role and site.csv"
    done = wellplan("export", str(plan_path), "survey-report-csv", "--by", "What is your role?", "--then-by",
                    "Which site?", "--out", str(out))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["group"] for r in rows} >= {"Teacher / North", "Teacher / South"}
    assert {r["suppressed"] for r in rows} == {"true", "false"}  # the 3 nurses withheld, others shown
    refused = wellplan("export", str(plan_path), "team", "--then-by", "Which site?", "--out", str(tmp_path / "t.pdf"))
    assert refused.returncode == 1 and refused.stderr.strip() == "wellplan: --then-by does not apply to the team export."
