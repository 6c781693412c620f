"""Deciding, before reading, whether a file from outside the plan is safe to read.

Survey exports, rosters and definition files come from anywhere: a survey tool, an HR system, an
email. A file far larger than any real one (a sheet that says it is 1,048,576 rows by 16,384
columns, a workbook that unpacks a thousandfold, one 50 MB line) would otherwise make WellPlan run
for minutes and use gigabytes of memory before failing with a traceback. So every such file is
looked at here first, from what the disk and the file's own table of contents say, reading at
most a few kilobytes of it; anything beyond a limit is refused with one sentence that names the
file and the limit, never its content. Limits also hold while reading (``TableGuard``), since what
a file declares can be a lie.

Only ordinary files are read: a named pipe, a device such as /dev/zero, a socket or a folder is
refused from ``os.stat`` alone, without opening it (opening a pipe waits for a writer forever).

The limits, and why each is where it is:
- rows: 200,000. The largest district's staff over several waves, the benchmark's survey export,
  is 150,000 responses.
- columns: 2,000. Real exports run to a few hundred (Qualtrics with embedded data and every
  statement of every matrix question as its own column); a table wider than 2,000 is not a survey.
- cells: 20,000,000 (rows x columns). The benchmark's export is 150,000 x 78, about 12 million.
- CSV file size: 250 MB. That export, answers written out in words, is about 155 MB.
- workbook file size: 100 MB. A workbook is stored compressed, ten to thirty times smaller than
  its content, and reading it takes far longer than a CSV of the same answers: one over 100 MB is
  better saved as CSV, and the message says so.
- line length: 1 MB. A row of 2,000 answers of 500 characters; a real line is a few kilobytes.
- a workbook's pieces (it is a zip of XML parts): at most 1,000 parts (real ones have a few
  dozen); a sheet at most 500 MB once unpacked (the benchmark's export as Excel writes it is about
  400 MB), any other part (the shared texts, the styles) at most 50 MB, all parts at most 1 GB;
  and no part over 1 MB may unpack to more than 100 times its packed size (real sheets are 10 to
  30 times; a "zip bomb" is hundreds or thousands of times).
- definition files (readiness instruments, focus-group templates): 1 MB; real ones are a few
  kilobytes.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
from pathlib import Path

from services.errors import InvalidInput

KB = 1024
MB = 1024 * KB
GB = 1024 * MB

MAX_ROWS = 200_000
MAX_COLUMNS = 2_000
MAX_CELLS = 20_000_000
CSV_MAX_BYTES = 250 * MB
WORKBOOK_MAX_BYTES = 100 * MB
DEFINITION_MAX_BYTES = 1 * MB
MAX_LINE_BYTES = 1 * MB
WORKBOOK_MAX_PARTS = 1_000
SHEET_MAX_UNPACKED = 500 * MB
PART_MAX_UNPACKED = 50 * MB
WORKBOOK_MAX_UNPACKED = 1 * GB
MAX_PACKING_RATIO = 100
_RATIO_FROM = 1 * MB  # a part smaller than this can't exhaust anything, whatever its ratio
DIMENSION_SCAN_BYTES = 64 * KB  # the <dimension> element comes within the first few hundred bytes

TABLE_LIMITS = (f"WellPlan reads up to {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns, {MAX_CELLS:,} cells in "
                "all")


class LimitExceeded(InvalidInput):
    """A file beyond one of the limits above; the message names the file and the limit."""


def size_text(size: int) -> str:
    """A size as Windows Explorer shows it (1 MB = 1,048,576 bytes): "8 GB", "8.1 MB", "56 KB"."""
    for unit, text in ((GB, "GB"), (MB, "MB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {text}"
    return f"{max(1, round(size / KB))} KB"


_NOT_FILES = ((stat.S_ISDIR, "is a folder, not a file"),
              (stat.S_ISFIFO, "is a pipe between programs, not a saved file; WellPlan reads only files saved on a "
                              "disk"),
              (stat.S_ISCHR, "is a device, not a saved file; WellPlan reads only files saved on a disk"),
              (stat.S_ISBLK, "is a device, not a saved file; WellPlan reads only files saved on a disk"),
              (stat.S_ISSOCK, "is a connection between programs, not a saved file; WellPlan reads only files saved "
                              "on a disk"))


def regular_file_size(path: str | Path, error: type[InvalidInput] = InvalidInput) -> int:
    """The size of an ordinary file, from ``os.stat`` alone (the file is not opened).

    A folder, pipe, device or socket is refused with ``error``; a missing or unreadable path
    raises the ``OSError`` from ``os.stat``, for the caller to word as it words those.
    """
    path = Path(path)
    info = os.stat(path)  # follows a shortcut (symbolic link) to what it points at
    if not stat.S_ISREG(info.st_mode):
        what = next((text for test, text in _NOT_FILES if test(info.st_mode)),
                    "is not an ordinary file; WellPlan reads only files saved on a disk")
        raise error(f"{path.name or path} {what}.")
    return info.st_size


def check_survey_file_size(name: str, size: int) -> None:
    """Before anything is read: no survey export or roster is bigger than a large CSV."""
    if size > CSV_MAX_BYTES:
        raise LimitExceeded(f"{name} is {size_text(size)}, far more than a survey export; WellPlan reads CSV files "
                            f"of up to {size_text(CSV_MAX_BYTES)} and Excel workbooks of up to "
                            f"{size_text(WORKBOOK_MAX_BYTES)}.")


def check_definition_size(name: str, size: int, kind: str, error: type[InvalidInput] = LimitExceeded) -> None:
    """Readiness instruments and focus-group templates (``kind``) are a few kilobytes."""
    if size > DEFINITION_MAX_BYTES:
        raise error(f"{name} is {size_text(size)}, far more than {_a(kind)} file (they are a few kilobytes); "
                    f"WellPlan reads {kind} files of up to {size_text(DEFINITION_MAX_BYTES)}.")


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


# ---- CSV ----------------------------------------------------------------------------------------

def check_line_lengths(path: str | Path, name: str, chunk_size: int = MAX_LINE_BYTES) -> None:
    """Refuse a file with a line longer than ``MAX_LINE_BYTES``, reading it in chunks no larger
    than the limit (so a line is never held whole): inside one chunk no stretch between line
    breaks can exceed the limit, so only the stretch carried across chunks is counted."""
    chunk_size = min(chunk_size, MAX_LINE_BYTES)
    run = 0  # bytes since the last line break
    with open(path, "rb") as f:
        while chunk := f.read(chunk_size):
            first = min((i for i in (chunk.find(b"\n"), chunk.find(b"\r")) if i >= 0), default=-1)
            if first < 0:
                run += len(chunk)
            else:
                run += first
                if run <= MAX_LINE_BYTES:
                    run = len(chunk) - 1 - max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            if run > MAX_LINE_BYTES:
                raise LimitExceeded(f"{name} has a line of more than {size_text(MAX_LINE_BYTES)} with no line break, "
                                    "far longer than a row of a survey export; WellPlan reads lines of up to "
                                    f"{size_text(MAX_LINE_BYTES)}.")


def check_columns(name: str, count: int, exact: bool = True) -> None:
    if count > MAX_COLUMNS:
        raise LimitExceeded(f"{name} has {'' if exact else 'at least '}{count:,} columns, far more than a survey "
                            f"export; WellPlan reads up to {MAX_COLUMNS:,} columns.")


def rows_allowed(columns: int) -> int:
    """How many rows a table of ``columns`` columns may have."""
    return min(MAX_ROWS, MAX_CELLS // max(1, columns))


def refuse_rows(name: str, columns: int) -> LimitExceeded:
    """The refusal of a table found to hold more than ``rows_allowed(columns)`` rows."""
    allowed = rows_allowed(columns)
    if allowed == MAX_ROWS:
        return LimitExceeded(f"{name} has more than {MAX_ROWS:,} rows, far more than a survey export; WellPlan reads "
                             f"up to {MAX_ROWS:,} rows.")
    return LimitExceeded(f"{name} has more than {allowed:,} rows of {columns:,} columns, more than {MAX_CELLS:,} "
                         f"cells, far more than a survey export; {TABLE_LIMITS}.")


# ---- Excel workbooks --------------------------------------------------------------------------

_EOCD = b"PK\x05\x06"
_EOCD64 = b"PK\x06\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']\s*([A-Za-z]{1,3})?(\d{1,9})?"
                        rb"(?::([A-Za-z]{1,3})?(\d{1,9})?)?\s*[\"']")


def column_number(letters: bytes | str) -> int:
    """'A' is 1, 'XFD' is 16,384."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        n = n * 26 + ord(ch) - 64
    return n


def damaged_workbook(name: str, error: type[InvalidInput], why: str = "") -> InvalidInput:
    """The one sentence for a workbook that can't be read: ``why`` in plain words when it is known
    (never a Python exception's name: the person can't act on "BadZipFile")."""
    if why:
        return error(f"{name} is not a readable Excel workbook: {why}.")
    return error(f"{name} is not a readable Excel workbook: it may be damaged or only partly copied; open it in "
                 "Excel and save it again.")


def _zip_directory(path: Path, name: str, size: int, error: type[InvalidInput]) -> None:
    """Read the zip's last record (at most 64 KB from the end) and refuse a table of contents of
    more than ``WORKBOOK_MAX_PARTS`` entries before ``zipfile`` builds an object for each."""
    with open(path, "rb") as f:
        f.seek(max(0, size - (65535 + 22 + 20 + 56)))
        tail = f.read()
    at = tail.rfind(_EOCD)  # where zipfile looks too: the last record, or the last before a comment
    if at < 0 or len(tail) - at < 22:
        raise damaged_workbook(name, error)
    entries, directory_size = struct.unpack("<HI", tail[at + 10:at + 16])
    # A Zip64 locator just before that record replaces both numbers (zipfile reads them from the
    # Zip64 record just before the locator), whatever the record says.
    if at >= 20 + 56 and tail[at - 20:at - 16] == _EOCD64_LOCATOR and tail[at - 76:at - 72] == _EOCD64:
        entries, directory_size = struct.unpack("<QQ", tail[at - 76 + 32:at - 76 + 48])
    # 0xFFFF means "more than 65,534, see the Zip64 record": far more than any workbook either way
    if entries > WORKBOOK_MAX_PARTS or directory_size > WORKBOOK_MAX_PARTS * 1024:
        pieces = f"{entries:,}" if entries < 0xFFFF else "more than 65,000"
        raise LimitExceeded(f"{name} is made of {pieces} pieces, far more than a real workbook (a few dozen); "
                            f"WellPlan reads workbooks of up to {WORKBOOK_MAX_PARTS:,} pieces.")


def check_workbook(path: str | Path, size: int | None = None, error: type[InvalidInput] = InvalidInput) -> None:
    """Refuse an .xlsx file beyond the limits, looking only at its size, its table of contents
    and the first few kilobytes of each sheet (where a sheet declares its dimensions)."""
    path = Path(path)
    name = path.name
    size = regular_file_size(path, error) if size is None else size
    if size > WORKBOOK_MAX_BYTES:
        raise LimitExceeded(f"{name} is an Excel workbook of {size_text(size)}, more than WellPlan reads (up to "
                            f"{size_text(WORKBOOK_MAX_BYTES)}); save its sheet as CSV (up to "
                            f"{size_text(CSV_MAX_BYTES)}) and import that.")
    _zip_directory(path, name, size, error)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            _check_parts(name, parts)
            sheets = [p for p in parts if _is_sheet(p.filename)]
            for part in sheets:
                with archive.open(part) as src:
                    head = src.read(DIMENSION_SCAN_BYTES)
                _check_dimension(name, head, len(sheets))
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError,
            RuntimeError):
        # a damaged entry, an unsupported compression method, an encrypted part
        raise damaged_workbook(name, error) from None


def _is_sheet(part_name: str) -> bool:
    return "worksheets/" in part_name.replace("\\", "/").casefold() and part_name.casefold().endswith(".xml")


def _check_parts(name: str, parts: list[zipfile.ZipInfo]) -> None:
    """Sizes as the table of contents gives them; zipfile never unpacks more than that."""
    for p in parts:
        if _is_sheet(p.filename) and p.file_size > SHEET_MAX_UNPACKED:
            raise LimitExceeded(f"{name} holds a sheet that takes {size_text(p.file_size)} once unpacked (an Excel "
                                "file is stored compressed), far more than a survey export; WellPlan reads sheets "
                                f"of up to {size_text(SHEET_MAX_UNPACKED)} unpacked.")
        if not _is_sheet(p.filename) and p.file_size > PART_MAX_UNPACKED:
            raise LimitExceeded(f"{name} holds {size_text(p.file_size)} of shared text or formatting once unpacked "
                                "(an Excel file is stored compressed), far more than a survey export; WellPlan reads "
                                f"up to {size_text(PART_MAX_UNPACKED)} of it.")
        if p.file_size > _RATIO_FROM and p.file_size > MAX_PACKING_RATIO * max(1, p.compress_size):
            ratio = p.file_size // max(1, p.compress_size)
            raise LimitExceeded(f"{name} would grow {ratio:,} times when opened ({size_text(p.compress_size)} to "
                                f"{size_text(p.file_size)}), far more than a real workbook (10 to 30 times) and the "
                                "mark of a file made to exhaust memory; WellPlan reads workbooks that grow up to "
                                f"{MAX_PACKING_RATIO} times.")
    total = sum(p.file_size for p in parts)
    if total > WORKBOOK_MAX_UNPACKED:
        raise LimitExceeded(f"{name} takes {size_text(total)} once unpacked (an Excel file is stored compressed), "
                            f"far more than a survey export; WellPlan reads workbooks of up to "
                            f"{size_text(WORKBOOK_MAX_UNPACKED)} unpacked.")


def _check_dimension(name: str, head: bytes, sheets: int) -> None:
    """A sheet says how big it is (``<dimension ref="A1:F200"/>``); Excel, and openpyxl when told
    to trust it, would make room for that many cells."""
    found = _DIMENSION.search(head)
    if not found:
        return  # not every program writes one; TableGuard counts while reading
    first_col, first_row, last_col, last_row = found.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    rows = int(last_row) if last_row else 1
    columns = column_number(last_col) if last_col else 1
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        which = "its sheet" if sheets == 1 else "one of its sheets"
        raise LimitExceeded(f"{name} says {which} is {rows:,} rows by {columns:,} columns, far more than a survey "
                            f"export; {TABLE_LIMITS}.")


class TableGuard:
    """Counts rows and cells while a sheet is read, whatever the sheet declared: refuses a row
    numbered past ``MAX_ROWS``, a cell past ``MAX_COLUMNS``, and more than ``MAX_CELLS`` cells."""

    def __init__(self, name: str):
        self.name = name
        self.cells = 0

    def row(self, number: int) -> None:
        if number > MAX_ROWS:
            raise LimitExceeded(f"{self.name} has a row numbered {number:,}, far beyond a survey export; "
                                f"{TABLE_LIMITS}.")

    def column(self, number: int) -> None:
        if number > MAX_COLUMNS:
            raise LimitExceeded(f"{self.name} has a cell in column {number:,}, far beyond a survey export; "
                                f"{TABLE_LIMITS}.")

    def row_cells(self, count: int) -> None:
        """A row holds each of its columns' cells once; more than ``MAX_COLUMNS`` is not a row."""
        if count > MAX_COLUMNS:
            raise LimitExceeded(f"{self.name} has a row of more than {MAX_COLUMNS:,} cells, far beyond a survey "
                                f"export; {TABLE_LIMITS}.")

    def add(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise LimitExceeded(f"{self.name} has more than {MAX_CELLS:,} cells, far more than a survey export; "
                                f"{TABLE_LIMITS}.")
