"""Files from outside the plan beyond any real export are refused before they are read: one
sentence, in seconds, with little memory, and the plan untouched (issue 16).

Each hostile file is built here at test time, small or sparse or streamed, so the tests stay
fast: a workbook declaring a cell at XFD1048576, a zip bomb, a 600,000-column header, a 50 MB
line, a named pipe, /dev/zero, a sparse 8 GB file and a folder named like a CSV.
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from services import input_limits
from services.data.survey_files import SurveyFileError, read_survey_file, workbook_sheets
from services.errors import InvalidInput
from services.input_limits import LimitExceeded
from tests import cli_run
from tests.cli_run import digest
from tests.test_cli_survey import staff_rows
from tests.test_survey_files import _csv

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_PART = "xl/worksheets/sheet1.xml"
GRACE = 20  # seconds: a refusal takes one or two; a file read whole would take minutes


def wellplan(*args: str) -> subprocess.CompletedProcess:
    """The command line, as tests/cli_run runs it, but given only a few seconds."""
    return cli_run.wellplan(*args, timeout=GRACE)


# ---- hostile files -----------------------------------------------------------------------------

def workbook_with_sheet(path: Path, chunks, compresslevel: int | None = None) -> Path:
    """A real openpyxl workbook whose one sheet's XML is replaced by ``chunks`` (streamed into the
    zip, so a sheet of hundreds of megabytes never exists in memory)."""
    book = openpyxl.Workbook()
    book.active.append(["Role", "Q1"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as out:
        for item in source.infolist():
            if item.filename != SHEET_PART:
                out.writestr(item, source.read(item))
        with out.open(SHEET_PART, "w") as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return path


def sheet_xml(rows: bytes | list[bytes], dimension: str | None = None):
    """A sheet's XML in pieces: ``rows`` is the inside of <sheetData>, or a stream of pieces of it."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from [rows] if isinstance(rows, bytes) else rows
    yield b"</sheetData></worksheet>"


def far_cell_xlsx(path: Path, declared: bool = True) -> Path:
    """4 KB: one cell at XFD1048576 (the last cell Excel has), and a sheet saying it is that big."""
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>'
    return workbook_with_sheet(path, sheet_xml(far, "A1:XFD1048576" if declared else None))


def zip_bomb_xlsx(path: Path, megabytes: int = 100) -> Path:
    """A sheet of ``megabytes`` MB of identical rows, packed some 300-fold (100 MB into 300 KB)."""
    rows = b'<row><c t="inlineStr"><is><t>Agree</t></is></c></row>' * 20_000

    def body():
        written = 0
        while written < megabytes * input_limits.MB:
            yield rows
            written += len(rows)

    return workbook_with_sheet(path, sheet_xml(body()), compresslevel=9)


def wide_header_csv(path: Path, columns: int = 600_000) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(f"Q{n}" for n in range(1, columns + 1)) + "\n")
        f.write(",".join("3" for _ in range(columns)) + "\n")
    return path


def long_line_csv(path: Path, megabytes: int = 50) -> Path:
    """A proper header and rows, then one answer of ``megabytes`` MB, written in 1 MB pieces."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(_csv(staff_rows()))
        f.write("Teacher,")
        piece = "a" * input_limits.MB
        for _ in range(megabytes):
            f.write(piece)
        f.write("\r\n")
    return path


def sparse_file(path: Path, size: int = 8 * input_limits.GB) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # takes no disk space on any file system the tests run on
    return path


def fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are a POSIX feature")
    os.mkfifo(path)
    return path


# ---- through the command line ------------------------------------------------------------------

HOSTILE = {
    # name: (build it in a folder, what the one line on stderr says)
    "far cell": (lambda d: far_cell_xlsx(d / "staff.xlsx"),
                 "staff.xlsx says its sheet is 1,048,576 rows by 16,384 columns, far more than a survey export"),
    "far cell, undeclared": (lambda d: far_cell_xlsx(d / "staff.xlsx", declared=False),
                             "staff.xlsx has a row numbered 1,048,576, far beyond a survey export"),
    "zip bomb": (lambda d: zip_bomb_xlsx(d / "bomb.xlsx"), "bomb.xlsx would grow"),
    "600,000 columns": (lambda d: wide_header_csv(d / "wide.csv"), "wide.csv has at least"),
    "50 MB line": (lambda d: long_line_csv(d / "long.csv"), "long.csv has a line of more than 1 MB"),
    "named pipe": (lambda d: fifo(d / "x.csv"), "x.csv is a pipe between programs, not a saved file"),
    "/dev/zero": (lambda d: Path("/dev/zero") if Path("/dev/zero").exists() else pytest.skip("no /dev/zero"),
                  "zero is a device, not a saved file"),
    "sparse 8 GB": (lambda d: sparse_file(d / "huge.csv"), "huge.csv is 8 GB, far more than a survey export"),
    "folder": (lambda d: (d / "x.csv").mkdir() or d / "x.csv", "x.csv is a folder, not a file"),
}


def refused_in_one_line(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("wellplan: "), result.stderr
    assert message in result.stderr, result.stderr


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_survey_file_is_refused_in_one_line_and_the_plan_is_untouched(case, sample_file, tmp_path):
    build, message = HOSTILE[case]
    path = build(tmp_path)
    before = digest(sample_file)
    refused_in_one_line(wellplan("survey", "import", str(sample_file), str(path), "--wave", "Hostile"), message)
    assert digest(sample_file) == before


@pytest.mark.parametrize("case", ["far cell", "named pipe", "sparse 8 GB"])
def test_a_hostile_roster_is_refused_the_same_way(case, sample_file, tmp_path):
    build, message = HOSTILE[case]
    path = build(tmp_path)
    before = digest(sample_file)
    refused_in_one_line(wellplan("survey", "headcounts", str(sample_file), "--wave", "Fall 2025", "--by",
                                 "Which best describes your position?", "--roster", str(path)), message)
    assert digest(sample_file) == before


# ---- the limits, one by one ----------------------------------------------------------------------

def test_only_ordinary_files_are_read_and_a_pipe_is_never_opened(tmp_path):
    pipe = fifo(tmp_path / "survey.xlsx")
    with pytest.raises(InvalidInput, match="survey.xlsx is a pipe between programs"):
        input_limits.regular_file_size(pipe)
    assert workbook_sheets(pipe) == []  # the wizard asks as the path is typed: no wait, no error
    with pytest.raises(SurveyFileError, match="is a folder, not a file"):
        input_limits.regular_file_size(tmp_path, SurveyFileError)
    with pytest.raises(FileNotFoundError):  # the caller says "does not exist" its own way
        input_limits.regular_file_size(tmp_path / "missing.csv")
    link = tmp_path / "link.csv"
    link.symlink_to(pipe)  # a shortcut to a pipe is a pipe
    with pytest.raises(SurveyFileError, match="link.csv is a pipe"):
        read_survey_file(link)
    ordinary = tmp_path / "ok.csv"
    ordinary.write_text(_csv(staff_rows()), encoding="utf-8")
    assert input_limits.regular_file_size(ordinary) == ordinary.stat().st_size


def test_sizes_are_refused_from_the_disk_alone(tmp_path):
    with pytest.raises(LimitExceeded, match=r"^huge.csv is 251 MB, far more than a survey export; WellPlan "
                                            r"reads CSV files of up to 250 MB and Excel workbooks of up to "
                                            r"100 MB.$"):
        read_survey_file(sparse_file(tmp_path / "huge.csv", 251 * input_limits.MB))
    book = sparse_file(tmp_path / "big.xlsx", 150 * input_limits.MB)
    with book.open("r+b") as f:
        f.write(b"PK\x03\x04")
    with pytest.raises(LimitExceeded, match="big.xlsx is an Excel workbook of 150 MB, more than WellPlan reads "
                                            r"\(up to 100 MB\); save its sheet as CSV"):
        read_survey_file(book)
    assert workbook_sheets(book) == []
    assert [input_limits.size_text(n) for n in (8 * input_limits.GB, 8_500_000, 10)] == ["8 GB", "8.1 MB", "1 KB"]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_line_length_is_counted_across_chunks_without_holding_a_line(tmp_path, newline):
    limit = input_limits.MAX_LINE_BYTES
    path = tmp_path / "lines.csv"
    path.write_bytes(b"a" * limit + newline + b"b" * 10 + newline + b"c" * limit)
    for chunk in (7, 4096, limit):
        input_limits.check_line_lengths(path, path.name, chunk_size=chunk)  # exactly at the limit: fine
    path.write_bytes(b"a" * 10 + newline + b"b" * (limit + 1) + newline)
    for chunk in (7, 4096, limit):
        with pytest.raises(LimitExceeded, match="lines.csv has a line of more than 1 MB with no line break"):
            input_limits.check_line_lengths(path, path.name, chunk_size=chunk)


def test_columns_rows_and_cells_of_a_csv(tmp_path, monkeypatch):
    widest = tmp_path / "widest.csv"
    widest.write_text(_csv([["Role"] + [f"Q{n}" for n in range(1, 2000)],
                            *[["Teacher"] + ["3"] * 1999 for _ in range(3)]]), encoding="utf-8")
    assert len(read_survey_file(widest).columns) == 2000  # at the limit: read
    wider = tmp_path / "wider.csv"
    wider.write_text(_csv([[f"Q{n}" for n in range(1, 2002)], ["3"] * 2001]), encoding="utf-8")
    with pytest.raises(LimitExceeded, match=r"^wider.csv has 2,001 columns, far more than a survey export; "
                                            r"WellPlan reads up to 2,000 columns.$"):
        read_survey_file(wider)
    many = tmp_path / "many.csv"
    many.write_text(_csv(staff_rows(("Teacher",) * 30)), encoding="utf-8")
    monkeypatch.setattr(input_limits, "MAX_ROWS", 25)
    with pytest.raises(LimitExceeded, match="many.csv has more than 25 rows"):
        read_survey_file(many)
    monkeypatch.setattr(input_limits, "MAX_ROWS", 200_000)
    monkeypatch.setattr(input_limits, "MAX_CELLS", 100)  # 8 columns: 12 rows allowed
    with pytest.raises(LimitExceeded, match=r"many.csv has more than 12 rows of 8 columns, more than 100 cells"):
        read_survey_file(many)


def test_a_workbooks_table_of_contents_is_checked_before_it_is_unpacked(tmp_path, monkeypatch):
    ok = workbook_with_sheet(tmp_path / "ok.xlsx", sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>', "A1"))
    input_limits.check_workbook(ok)
    pieces = tmp_path / "pieces.xlsx"
    with zipfile.ZipFile(pieces, "w") as z:
        for n in range(1001):
            z.writestr(f"p{n}", b"")
    with pytest.raises(LimitExceeded, match="pieces.xlsx is made of 1,001 pieces, far more than a real workbook"):
        input_limits.check_workbook(pieces)
    monkeypatch.setattr(input_limits, "SHEET_MAX_UNPACKED", 100)
    with pytest.raises(LimitExceeded, match="ok.xlsx holds a sheet that takes 1 KB once unpacked"):
        input_limits.check_workbook(ok)
    monkeypatch.setattr(input_limits, "SHEET_MAX_UNPACKED", input_limits.MB)
    monkeypatch.setattr(input_limits, "PART_MAX_UNPACKED", 500)
    with pytest.raises(LimitExceeded, match="ok.xlsx holds [0-9]+ KB of shared text or formatting"):
        input_limits.check_workbook(ok)
    monkeypatch.setattr(input_limits, "PART_MAX_UNPACKED", input_limits.MB)
    monkeypatch.setattr(input_limits, "WORKBOOK_MAX_UNPACKED", 1000)
    with pytest.raises(LimitExceeded, match="ok.xlsx takes [0-9]+ KB once unpacked"):
        input_limits.check_workbook(ok)
    with pytest.raises(SurveyFileError, match="broken.xlsx is not a readable Excel workbook"):
        (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
        input_limits.check_workbook(tmp_path / "broken.xlsx", error=SurveyFileError)


def test_a_zip_bomb_is_refused_by_how_tightly_it_is_packed(tmp_path):
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", megabytes=8)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(LimitExceeded, match=r"bomb.xlsx would grow [0-9,]+ times when opened \([0-9]+ KB to 8.[0-9] MB\), "
                                            r"far more than a real workbook"):
        input_limits.check_workbook(bomb)


@pytest.mark.parametrize("ref, refused", [
    ("A1:XFD1048576", "1,048,576 rows by 16,384 columns"),
    ("A1:BXY10", "10 rows by 2,001 columns"),
    ("B2:C200001", "200,001 rows by 3 columns"),
    ("A1:CV200000", "200,000 rows by 100 columns"),  # 20,000,000 cells: the limit itself
    ("A1:CW200000", "200,000 rows by 101 columns"),
    ("XFD1048576", "1,048,576 rows by 16,384 columns"),  # a sheet of one far cell
])
def test_a_sheets_declared_size_is_checked(tmp_path, ref, refused):
    path = workbook_with_sheet(tmp_path / "hr.xlsx", sheet_xml(b"", ref))
    if refused.startswith("200,000 rows by 100 "):
        input_limits.check_workbook(path)
        return
    with pytest.raises(LimitExceeded, match=f"hr.xlsx says its sheet is {refused}, far more than a survey export; "
                                            "WellPlan reads up to 200,000 rows and 2,000 columns"):
        input_limits.check_workbook(path)


def test_what_a_sheet_holds_is_counted_while_it_is_read(tmp_path, monkeypatch):
    far = b'<row r="3"><c r="BXY3"><v>1</v></c></row>'
    with pytest.raises(LimitExceeded, match="w.xlsx has a cell in column 2,001, far beyond a survey export"):
        read_survey_file(workbook_with_sheet(tmp_path / "w.xlsx", sheet_xml(far, "A1")))  # declared small: a lie
    rows = b"".join(b'<row><c t="inlineStr"><is><t>Agree</t></is></c><c><v>3</v></c></row>' for _ in range(30))
    path = workbook_with_sheet(tmp_path / "t.xlsx", sheet_xml(rows))
    monkeypatch.setattr(input_limits, "MAX_ROWS", 20)
    with pytest.raises(LimitExceeded, match="t.xlsx has a row numbered 21"):
        read_survey_file(path)
    monkeypatch.setattr(input_limits, "MAX_ROWS", 200_000)
    monkeypatch.setattr(input_limits, "MAX_CELLS", 41)
    with pytest.raises(LimitExceeded, match="t.xlsx has more than 41 cells"):
        read_survey_file(path)
    from services.data import workbook_rows

    monkeypatch.setattr(workbook_rows, "MAX_OTHER_ELEMENTS", 1000)
    junk = workbook_with_sheet(tmp_path / "junk.xlsx", sheet_xml(b"<row><c><v>3</v></c></row>" + b"<junk/>" * 1001))
    with pytest.raises(SurveyFileError, match="junk.xlsx is not a readable Excel workbook: .*over 1,000 elements "
                                              "that are neither rows nor cells"):
        read_survey_file(junk)


@pytest.mark.parametrize("xml, refused", [
    (b'<row><c t="inlineStr"><is><t>' + os.urandom(input_limits.MB // 2 + 1).hex().encode() + b"</t></is></c></row>",
     "holds a single piece of text or markup longer than 1 MB"),
    (b"<row>" + b"<a>" * 100 + b"</a>" * 100 + b"</row>", "nested too deeply"),
    (b"<row>" + b'<c r="A1"><v>1</v></c>' * 2001 + b"</row>", "has a row of more than 2,000 cells"),
    (b'<row><c t="inlineStr"><is>' + b"<r><t>x</t></r>" * 5000 + b"</is></c></row>", "one cell holds too many"),
])
def test_a_sheet_built_to_exhaust_memory_is_refused_while_read(tmp_path, xml, refused):
    path = workbook_with_sheet(tmp_path / "odd.xlsx", sheet_xml(xml))
    with pytest.raises(InvalidInput, match=f"odd.xlsx .*{refused}"):
        read_survey_file(path)


def test_a_sheet_of_stray_elements_is_read_without_keeping_them(tmp_path):
    """Elements openpyxl doesn't know would pile up in its tree; here each is dropped once read,
    so ten times as many cost no more memory."""
    import tracemalloc

    from services.data.workbook_rows import Workbook

    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Role</t></is></c></row>'
    peaks = []
    for count in (10_000, 100_000):  # 70 KB and 700 KB of markup; a tree of the latter is ~10 MB
        path = workbook_with_sheet(tmp_path / f"junk{count}.xlsx", sheet_xml(header + b"<junk/>" * count))
        tracemalloc.start()
        with path.open("rb") as f, Workbook(f, path.name) as book:
            assert list(book.rows(book.sheets[0])) == [["Role"]]
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < peaks[0] + input_limits.MB // 2


def test_the_rows_are_what_openpyxl_reads(tmp_path):
    """The streamed reader uses openpyxl's own reading of each cell: dates, numbers, booleans,
    shared and inline text, formulas' last values, gaps."""
    import datetime as dt

    from services.data.workbook_rows import Workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Text", "Int", "Float", "Date", "Bool", "Formula", None, "Last"])
    sheet.append(["héllo", 3, 2.5, dt.datetime(2026, 10, 1, 8, 30), True, "=B2*2", None, "x"])
    sheet["A5"] = "after a gap"
    sheet["J7"] = 1.0
    sheet["C7"] = dt.date(2026, 1, 2)
    book.create_sheet("Second").append(["a"])
    book.save(tmp_path / "mixed.xlsx")
    expected = openpyxl.load_workbook(tmp_path / "mixed.xlsx", read_only=True, data_only=True)
    with (tmp_path / "mixed.xlsx").open("rb") as f, Workbook(f, "mixed.xlsx") as streamed:
        assert streamed.sheets == ["Sheet", "Second"]
        for name in streamed.sheets:
            reference = expected[name]
            reference.reset_dimensions()
            assert list(streamed.rows(name)) == [list(r) for r in reference.iter_rows(values_only=True)]
    expected.close()


def test_definition_files_are_checked_too(tmp_path):
    from services.readiness.instruments import InstrumentError, read_instrument_file

    with pytest.raises(InstrumentError, match="custom.toml is a pipe between programs"):
        read_instrument_file(fifo(tmp_path / "custom.toml"))
    big = sparse_file(tmp_path / "big.toml", 5 * input_limits.MB)
    with pytest.raises(InstrumentError, match="big.toml is 5 MB, far more than an instrument file"):
        read_instrument_file(big)


def test_the_import_wizard_shows_the_refusal(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from tests.test_gui_data import data_tab, open_wizard

    tab = data_tab(qtbot, window)
    pipe = fifo(tmp_path / "survey.xlsx")
    far = far_cell_xlsx(tmp_path / "staff.xlsx")
    for path, refused in ((pipe, "survey.xlsx is a pipe between programs"),
                          (far, "staff.xlsx says its sheet is 1,048,576 rows by 16,384 columns")):
        wizard = open_wizard(qtbot, tab, path)  # typing a pipe's name looks for its sheets: no wait
        assert not wizard.file_page.sheet.isEnabled()
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda r=refused, w=wizard: r in w.file_page.error.text(), timeout=GRACE * 1000)
        assert wizard.currentPage() is wizard.file_page
        wizard.reject()
