"""Reading survey exports and HR spreadsheets as districts really have them.

Pure functions over a file: no plan, no database. The import (``survey_import``) proposes column
roles from what this returns, and never stores a column marked identifying.

What real files look like, and what this handles:
- encodings: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), UTF-16 (Excel's
  "Unicode text", often tab-separated), and Windows-1252 (Excel's plain "CSV" on Windows);
- separators: comma, semicolon (Excel in much of Europe), tab and pipe;
- header layouts: Qualtrics (three header rows: ids, question text, ImportId JSON),
  SurveyMonkey (two header rows; a matrix question written once over a run of blank cells,
  its statements in the second row), Google Forms (Timestamp first), and plain exports from HR
  systems with a title row or blank rows above the header;
- .xlsx workbooks (any sheet), including an .xlsx someone renamed .csv.
Anything else is refused with one sentence naming the file and the problem, and so is a file
beyond ``input_limits`` (a pipe or a device, far too big, a 50 MB line, 600,000 columns, a
workbook that unpacks a thousandfold), before it is read.

Long on purpose: every tool's layout is recognised here, beside the others, so a file is
tried against all of them in one place and a new layout is one more function.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from services import input_limits
from services.errors import InvalidInput

SEPARATORS = (",", ";", "\t", "|")
LAYOUT_NAMES = {"qualtrics": "Qualtrics export", "surveymonkey": "SurveyMonkey export",
                "google-forms": "Google Forms export", "microsoft-forms": "Microsoft Forms export",
                "plain": "plain table"}
_SIGNATURES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old-style Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx or CSV",
}
_HEADER_SCAN_ROWS = 30


class SurveyFileError(InvalidInput):
    """A file that can't be read as a survey; the message names the file and the problem."""


@dataclass(frozen=True)
class SurveyColumn:
    index: int
    header: str  # the column's name in the file: "Q4_1", "Email Address", a question's text
    label: str  # what people read: the question, or for a matrix question its statement
    question: str = ""  # the matrix question a statement belongs to
    # what the file's own header says of the column: "metadata" (a survey tool's respondent
    # fields), "open-ended" (a free-text question), or "" when it says nothing
    hint: str = ""


@dataclass
class SurveyTable:
    """The answers as a pandas DataFrame of text categories, one column per ``columns`` entry
    (positional: frame column i is ``columns[i]``). Categories keep a 150,000-row file small: each
    distinct answer is stored once per column."""

    name: str  # the file's name, for messages
    columns: list[SurveyColumn]
    frame: Any  # pandas.DataFrame
    layout: str
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    first_data_row: int = 2  # the file's row number of the first response, for messages
    notes: tuple[str, ...] = ()  # what was noticed about the file as a whole (a row cut short)

    @property
    def row_count(self) -> int:
        return len(self.frame)

    def values(self, column: int) -> list[str]:
        return [str(v) for v in self.frame[column].tolist()]

    def row_number(self, position: int) -> int:
        return self.first_data_row + position

    def find(self, wanted: str) -> SurveyColumn | None:
        """A column by its header, its label or its question-and-statement (case does not matter)."""
        key = normalize_text(wanted)
        for c in self.columns:
            if key in {normalize_text(c.header), normalize_text(c.label),
                       normalize_text(f"{c.question} - {c.label}")}:
                return c
        return None


_ODD_SPACE = ("  ", "\t", "\n", "\r", "\x0b", "\x0c")


def normalize_text(text: str) -> str:
    """Text compared the way people read it: case, curly apostrophes and runs of spaces ignored."""
    if text.isascii() and not any(odd in text for odd in _ODD_SPACE):  # most answers: no regex needed
        return text.strip().casefold()
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u00a0", " ")).strip().casefold()


# ---- bytes to rows ---------------------------------------------------------------------------

def _read_head(path: Path) -> tuple[bytes, int]:
    """The file's first ``_HEAD_BYTES`` and its size, once ``input_limits`` has seen that it is an
    ordinary file of a size a survey export can have (a pipe is never opened: that would wait)."""
    try:
        size = input_limits.regular_file_size(path, SurveyFileError)
        input_limits.check_survey_file_size(path.name, size)
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except FileNotFoundError:
        raise SurveyFileError(f"{path.name} does not exist.") from None
    except IsADirectoryError:
        raise SurveyFileError(f"{path.name} is a folder, not a file.") from None
    except OSError as exc:
        raise SurveyFileError(f"{path.name} can't be read ({exc.strerror or exc}).") from None
    if not head.strip() and size <= len(head):
        raise SurveyFileError(f"{path.name} is empty.")
    return head, size


def _decode(raw: bytes, encoding: str, partial: bool, errors: str = "strict") -> str:
    """Decode; with ``partial``, ``raw`` is the start of a file and may end inside a character."""
    if not partial:
        return raw.decode(encoding, errors=errors)
    return codecs.getincrementaldecoder(encoding)(errors=errors).decode(raw, final=False)


def decode_text(raw: bytes, name: str, encoding: str | None = None, partial: bool = False) -> tuple[str, str]:
    """The text of a CSV file (or, with ``partial``, of its first part) and the encoding it was in
    (the one asked for, or the one found)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SurveyFileError(f"'{encoding}' is not an encoding WellPlan knows (try utf-8, utf-16 or "
                                  "cp1252).") from None
        try:
            return _decode(raw, encoding, partial), encoding
        except UnicodeDecodeError as exc:
            raise SurveyFileError(f"{name} is not {encoding} text (byte {exc.start + 1} doesn't fit).") from None
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[len(codecs.BOM_UTF8):], "utf-8", partial, "replace"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(raw, "utf-16", partial, "replace"), "utf-16"
    sample = raw[:4096]
    if sample.count(0) > len(sample) // 4:
        # UTF-16 without a mark: every other byte of plain text is zero.
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > 4 * even:
            return _decode(raw, "utf-16-le", partial, "replace"), "utf-16-le"
        if even > 4 * odd:
            return _decode(raw, "utf-16-be", partial, "replace"), "utf-16-be"
        raise SurveyFileError(f"{name} is not a CSV or Excel file (it holds binary data).")
    try:
        return _decode(raw, "utf-8", partial), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return raw.decode("latin-1"), "latin-1"


def _split(text: str, sep: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def detect_separator(text: str) -> str:
    """The separator that splits the most lines into the same number of columns."""
    lines = [line for line in text.splitlines() if line.strip()][:40]
    sample = "\n".join(lines)
    best, best_score = ",", (-1.0, 0)
    for sep in SEPARATORS:
        try:
            counts = [len(r) for r in _split(sample, sep) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = (counts.count(modal) / len(counts), modal)
        if score > best_score:
            best, best_score = sep, score
    return best


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def workbook_sheets(path: str | Path) -> list[str]:
    """The sheet names of an .xlsx workbook (for the import wizard's sheet list); [] for anything
    else, and for a workbook beyond the limits (reading it says why). Quick enough for the window
    to call as the path is typed: a pipe is never opened, the sheets and their texts are not read."""
    from services.data.workbook_rows import Workbook

    path = Path(path)
    try:
        size = input_limits.regular_file_size(path)
        with path.open("rb") as f:
            if f.read(4) != b"PK\x03\x04":
                return []
        input_limits.check_workbook(path, size)
        with path.open("rb") as source, Workbook(source, path.name, names_only=True) as workbook:
            return list(workbook.sheets)
    except (OSError, InvalidInput):
        return []


def _xlsx_sheets(path: Path, size: int, sheet: str | None):
    """(name, rows) of the sheet asked for, or of every sheet in order when none is named; each
    sheet is read only when the one before it has been tried."""
    from services.data.workbook_rows import Workbook, WorkbookError

    input_limits.check_workbook(path, size, SurveyFileError)
    with path.open("rb") as source:
        try:
            workbook = Workbook(source, path.name)
        except WorkbookError as exc:
            raise SurveyFileError(str(exc)) from None
        with workbook:
            names = list(workbook.sheets)
            if sheet is not None:
                match = next((n for n in names if n == sheet), None) or \
                    next((n for n in names if n.casefold() == sheet.casefold()), None)
                if match is None:
                    raise SurveyFileError(f"{path.name} has no sheet '{sheet}'. Its sheets: {', '.join(names)}.")
                names = [match]
            for name in names:
                try:
                    rows = [[_cell_text(v) for v in row] for row in workbook.rows(name)]
                except WorkbookError as exc:
                    raise SurveyFileError(str(exc)) from None
                yield name, rows


# ---- rows to columns -------------------------------------------------------------------------

def _pad(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    return [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]


def _header_row(rows: list[list[str]]) -> int:
    """The first row that looks like a header: most cells filled, and data below it."""
    width = max((sum(1 for c in r if c) for r in rows[:_HEADER_SCAN_ROWS]), default=0)
    for i, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        filled = sum(1 for c in row if c)
        if filled >= max(2, width * 0.6):
            return i
    return 0


def _shorten_matrix_labels(columns: list[SurveyColumn]) -> list[SurveyColumn]:
    """Qualtrics writes "Question - Statement" (its older export "Question-Statement"); a question
    shared by several columns is a matrix, or a question with one column per choice."""
    out = list(columns)
    for joint in (" - ", "-"):
        prefixes = [c.label.rsplit(joint, 1)[0] if joint in c.label and not c.question else None for c in out]
        for n, (c, prefix) in enumerate(zip(out, prefixes, strict=True)):
            if prefix and prefixes.count(prefix) > 1 and len(prefix.strip()) >= 12:
                out[n] = replace(c, label=c.label.rsplit(joint, 1)[1].strip(), question=prefix.strip())
    return out


_GRID = re.compile(r"^(?P<question>.+?)\s*\[(?P<row>[^\[\]]+)\]\s*$", re.DOTALL)


def _split_grid_labels(columns: list[SurveyColumn]) -> list[SurveyColumn]:
    """Google Forms writes a grid question as one column per row, "Question [Row]": the row is the
    item people read, the question its prompt (twelve items don't all read "How much do you...")."""
    found = [_GRID.match(c.label) for c in columns]
    questions = [m.group("question").strip() if m else None for m in found]
    out = []
    for c, m, question in zip(columns, found, questions, strict=True):
        if m and questions.count(question) > 1 and not c.question:
            out.append(replace(c, label=m.group("row").strip(), question=question))
        else:
            out.append(c)
    return out


# SurveyMonkey's respondent fields before the questions: identifying whatever the second row says
_SURVEYMONKEY_METADATA = re.compile(r"respondent id|collector id|start date|end date|ip address|email address|"
                                    r"first name|last name|custom data( \d+)?|email|name", re.IGNORECASE)
_SURVEYMONKEY_SUBS = {"response", "open-ended response"}
_OPEN_ENDED_SUB = re.compile(r"open-ended response|please specify|other \(.*\)|comments?", re.IGNORECASE)
_QUALTRICS_IMPORT_ID = re.compile(r"^\{\s*['\"]ImportId['\"]\s*:")
_QUALTRICS_LEGACY_IDS = re.compile(r"^(V\d+|Q\d+[\w.]*|[A-Za-z]+\d+(_\d+)*(_TEXT)?)$")


def _surveymonkey_columns(first: list[str], second: list[str]) -> list[SurveyColumn]:
    """Row 1: the metadata fields, then each question once (over blank cells for a matrix or a
    multi-select); row 2: blank under the metadata, "Response" or "Open-Ended Response" under a
    question of one column, the statement or the choice under each of several."""
    columns, question, in_metadata = [], "", True
    for i, top in enumerate(first):
        sub = second[i] if i < len(second) else ""
        if in_metadata and top and _SURVEYMONKEY_METADATA.fullmatch(top.strip()):
            columns.append(SurveyColumn(i, top, top, hint="metadata"))
            continue
        in_metadata = False
        question = top or question
        open_ended = bool(sub) and bool(_OPEN_ENDED_SUB.fullmatch(sub.strip()))
        hint = "open-ended" if open_ended else ""
        if sub and normalize_text(sub) not in _SURVEYMONKEY_SUBS:
            # one statement of a matrix, or one choice of a multi-select, under its question
            columns.append(SurveyColumn(i, f"{question} - {sub}" if question else sub, sub, question, hint))
        else:  # a question of its own (its second row says "Response"), or an empty column
            columns.append(SurveyColumn(i, top or f"Column {i + 1}", top or f"Column {i + 1}", hint=hint))
    return columns


def _is_surveymonkey(rows: list[list[str]]) -> bool:
    return len(rows) >= 2 and bool(rows[0]) and normalize_text(rows[0][0]) == "respondent id" and (
        not rows[1][0] or any(normalize_text(c) in _SURVEYMONKEY_SUBS for c in rows[1]))


def _columns(rows: list[list[str]]) -> tuple[str, list[SurveyColumn], int]:
    """Layout, columns, and how many rows the header takes (from the top of ``rows``)."""
    first = rows[0]

    def plain(labels: list[str]) -> list[SurveyColumn]:
        return [SurveyColumn(i, h or f"Column {i + 1}", (labels[i] if i < len(labels) else "") or h or
                             f"Column {i + 1}") for i, h in enumerate(first)]

    if len(rows) >= 3 and any(_QUALTRICS_IMPORT_ID.match(c) for c in rows[2]):
        return "qualtrics", _shorten_matrix_labels(plain(rows[1])), 3
    if len(rows) >= 2 and "responseid" in {normalize_text(c) for c in rows[1]} and \
            sum(1 for c in first if _QUALTRICS_LEGACY_IDS.match(c)) >= len([c for c in first if c]) * 0.6:
        # Qualtrics' older export: short ids (V1, Q2_1) over the question text, no ImportId row
        return "qualtrics", _shorten_matrix_labels(plain(rows[1])), 2
    if _is_surveymonkey(rows):
        return "surveymonkey", _surveymonkey_columns(first, rows[1]), 2
    lowered = [normalize_text(c) for c in first]
    if lowered[:1] == ["timestamp"]:
        return "google-forms", _split_grid_labels(plain([])), 1
    if lowered[:3] == ["id", "start time", "completion time"]:
        return "microsoft-forms", _split_grid_labels(plain([])), 1
    return "plain", _split_grid_labels(plain([])), 1


def _refuse_duplicates(name: str, columns: list[SurveyColumn]) -> None:
    seen: dict[str, int] = {}
    for c in columns:
        key = normalize_text(c.header)
        if key in seen:
            raise SurveyFileError(f"{name}: two columns are both called '{c.header}' (columns {seen[key] + 1} and "
                                  f"{c.index + 1}); rename one in the file and import it again.")
        seen[key] = c.index


def _locate_header(name: str, rows: list[list[str]]) -> tuple[int, str, list[SurveyColumn], int]:
    """Index (in ``rows``) of the first data row, layout, columns, and the header's first row index."""
    rows = _pad(rows)
    filled = [i for i, r in enumerate(rows) if any(r)]
    if not filled:
        raise SurveyFileError(f"{name} is empty.")
    # SurveyMonkey's first row can be mostly blank (a matrix question is written once over its
    # columns), so it is found by its first field rather than by how full the row is.
    monkey = next((i for i in filled[:_HEADER_SCAN_ROWS] if normalize_text(rows[i][0]) == "respondent id"), None)
    start = monkey if monkey is not None else filled[_header_row([rows[i] for i in filled])]
    header_block = [r for r in rows[start:] if any(r)]
    layout, columns, header_rows = _columns(header_block)
    # the row after the header's last non-empty row
    seen, data_start = 0, len(rows)
    for i in range(start, len(rows)):
        if any(rows[i]):
            seen += 1
            if seen == header_rows:
                data_start = i + 1
                break
    return data_start, layout, columns, start


def _distinct_count(series) -> int:
    import pandas as pd

    return len(series.cat.categories) if isinstance(series.dtype, pd.CategoricalDtype) else len(series)


def _blank_rows(frame):
    """Rows with nothing in any cell (",,,," lines), column by column on the category codes, so a
    district-sized file is never turned into Python strings; stops at the first full column."""
    import numpy as np
    import pandas as pd

    blank = np.ones(len(frame), dtype=bool)
    # Columns with the fewest distinct answers first: a full one ends the search, and each costs
    # its distinct answers, so a column of 150,000 timestamps is reached only if every other
    # column has a blank row.
    for column in sorted(frame.columns, key=lambda c: _distinct_count(frame[c])):
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            empty = [i for i, c in enumerate(series.cat.categories.tolist()) if str(c).strip() == ""]
            codes = series.cat.codes.to_numpy()
            blank &= (codes == -1) | np.isin(codes, empty)
        else:
            blank &= (series.astype(str).str.strip() == "").to_numpy()
        if not blank.any():
            break
    return blank


def _finish(name: str, columns: list[SurveyColumn], frame, layout: str, first_data_row: int,
            **info: object) -> SurveyTable:
    import pandas as pd

    if len(frame):
        blank = _blank_rows(frame)
        if blank.any():
            frame = frame.loc[~blank]
    frame = frame.reset_index(drop=True)
    # Drop trailing columns with no header and no values (Excel's stray formatted cells).
    while columns and columns[-1].header.startswith("Column ") and \
            (len(frame) == 0 or (frame[columns[-1].index].astype(str) == "").all()):
        frame = frame.drop(columns=columns[-1].index)
        columns = columns[:-1]
    if not columns:
        raise SurveyFileError(f"{name} has no columns.")
    _refuse_duplicates(name, columns)
    if len(frame) == 0:
        raise SurveyFileError(f"{name} has a header but no responses.")
    frame = frame.astype("category") if not all(isinstance(d, pd.CategoricalDtype) for d in frame.dtypes) else frame
    return SurveyTable(name=name, columns=columns, frame=frame, layout=layout, first_data_row=first_data_row,
                       **info)


def table_from_rows(name: str, raw_rows: list[list[str]], **info: object) -> SurveyTable:
    """A table from rows already in memory (a worksheet)."""
    import pandas as pd

    data_start, layout, columns, _ = _locate_header(name, raw_rows)
    width = len(columns)
    rows = [(list(r) + [""] * width)[:width] for r in raw_rows[data_start:]]
    for n, r in enumerate(raw_rows[data_start:], data_start + 1):
        extra = next((i for i, c in enumerate(r) if i >= width and str(c).strip()), None)
        if extra is not None:
            raise SurveyFileError(f"{name}: row {n} has a value in column {extra + 1}, beyond the last column "
                                  "of the header.")
    frame = pd.DataFrame(rows, columns=range(width), dtype="object").fillna("")
    return _finish(name, columns, frame, layout, data_start + 1, **info)


_HEAD_ROWS = _HEADER_SCAN_ROWS + 5
_HEAD_BYTES = 512 * 1024  # enough for any header: detection reads only this much as text


def _head_rows(path: Path, text: str, sep: str, partial: bool) -> list[list[str]]:
    """The first rows, through the csv module (quoted newlines in a question are fine); a row
    wider than ``input_limits.MAX_COLUMNS`` is refused before anything is made of it. With
    ``partial``, ``text`` is the start of the file and its last row may be cut short."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    head: list[list[str]] = []
    try:
        for row in reader:
            input_limits.check_columns(path.name, len(row), exact=not partial)
            head.append(row)
            if len(head) >= _HEAD_ROWS:
                break
    except csv.Error as exc:
        input_limits.check_line_lengths(path, path.name)  # "field larger than field limit": a runaway line?
        raise SurveyFileError(f"{path.name} can't be read as CSV: {exc}.") from None
    return head


_DISTINCT_SAMPLE = 20  # first responses that must nearly all differ for a column to be read as text


def distinct_columns(rows: list[list[str]], width: int) -> set[int]:
    """Columns whose first responses (``rows``, from the head of the file) nearly all differ:
    ids, timestamps (two people can start in the same second), addresses, free text. They are
    read as text (``_text_categories``): the same answers in the same sorted categories, except
    that a column of numbers keeps them as written ("0012345", where pandas' category parsing
    makes 12345), so the checks for ids see what the file says. No scale can pass (20 answers,
    18 different), and a wrong guess either way costs time, not answers."""
    sample = [r for r in rows if any(c.strip() for c in r)]
    if len(sample) < _DISTINCT_SAMPLE:
        return set()
    found = set()
    for i in range(width):
        filled = [r[i] for r in sample if i < len(r) and r[i].strip()]
        if len(filled) >= _DISTINCT_SAMPLE and len(set(filled)) >= 0.9 * len(filled):
            found.add(i)
    return found


def _text_categories(values):
    """A column of text (and NaN for a row cut short) as categories sorted as pandas sorts them,
    the text kept as written. pandas' own category parsing re-sorts and merges a column's
    distinct answers in every chunk of about 8,000 rows: for a column of 150,000 different
    timestamps that costs more than parsing the rest of the file (measured), where hashing once
    and sorting once here costs a tenth of it."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(values, dtype=object), sort=False)
    found = uniques.tolist()
    order = sorted(range(len(found)), key=found.__getitem__)
    rank = np.empty(len(found) + 1, dtype=np.intp)
    rank[order] = np.arange(len(found))
    rank[-1] = -1  # factorize's -1 (no value) stays -1
    categories = pd.Index([found[i] for i in order], dtype="str")
    return pd.Categorical.from_codes(rank[codes], dtype=pd.CategoricalDtype(categories))


def _parse_responses(name: str, source, sep: str, encoding: str, skip: int, width: int,
                     text_columns: set[int] = frozenset()):
    """The responses in one pass of pandas' C parser, into category columns.

    ``skip`` is the number of rows (records, as the csv module counted them) before the first
    response; pandas' tokenizer skips records the same way, quotes included. It stops one row
    past what ``input_limits`` allows, and such a file is refused. ``text_columns`` (likely to
    hold a different value in every row) are read as text and made categories by
    ``_text_categories``; the others become categories as pandas parses them.
    """
    import pandas as pd

    # pandas decodes UTF-8 in C (and skips a byte-order mark itself); any other name, even
    # "utf-8-sig", sends every byte through Python's slower text layer.
    encoding = "utf-8" if encoding in ("utf-8", "utf-8-sig") else encoding
    try:
        frame = pd.read_csv(source, sep=sep, header=None, names=list(range(width)), index_col=False,
                            dtype={i: object if i in text_columns else "category" for i in range(width)},
                            na_filter=False, skip_blank_lines=True, engine="c", quotechar='"',
                            # a list, not a count: pandas 3 takes a faster path for it (measured)
                            skiprows=list(range(skip)), encoding=encoding, encoding_errors="strict",
                            nrows=input_limits.rows_allowed(width) + 1)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=range(width))
    except pd.errors.ParserError as exc:
        if "EOF inside string" in str(exc):
            raise SurveyFileError(f"{name} ends in the middle of a quoted answer, so it was cut short (the "
                                  "export or the copy did not finish); export it again.") from None
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            raise SurveyFileError(f"{name}: line {found.group(2)} has {found.group(3)} values but the header has "
                                  f"{width} columns.") from None
        raise SurveyFileError(f"{name} can't be read as CSV: {exc}.") from None
    for i in sorted(text_columns):
        frame[i] = _text_categories(frame[i].to_numpy())
    return frame


def _table_from_csv(path: Path, head_raw: bytes, size: int, encoding: str | None, sep: str | None) -> SurveyTable:
    """The header from the first bytes (csv module), the responses from the file by pandas' C parser:
    the whole file is never held as Python text, which would cost several times its size in memory."""
    name = path.name
    text, found = decode_text(head_raw, name, encoding, partial=size > len(head_raw))
    if "\x00" in text or sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\r\n\t") > 20:
        raise SurveyFileError(f"{name} is not a CSV or Excel file (it holds binary data).")
    if sep is not None:
        sep = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}.get(sep.casefold(), sep)
        if len(sep) != 1:
            raise SurveyFileError(f"The separator must be one character (or 'tab'), not '{sep}'.")
    sep = sep or detect_separator(text[:200000])
    head = _head_rows(path, text, sep, partial=size > len(head_raw))
    input_limits.check_line_lengths(path, name)  # before pandas holds a runaway line whole
    data_start, layout, columns, _ = _locate_header(name, head)
    width = len(columns)
    info = {"separator": sep, "encoding": found}
    text_columns = distinct_columns(head[data_start:], width)
    try:
        frame = _parse_responses(name, path, sep, found, data_start, width, text_columns)
    except UnicodeDecodeError:
        if encoding or found not in ("utf-8", "utf-8-sig"):
            raise SurveyFileError(f"{name} is not {encoding or found} text throughout.") from None
        # UTF-8 at the top, Windows-1252 further down: Excel's plain CSV with an accent past the header
        found = "cp1252"
        info["encoding"] = found
        frame = _parse_responses(name, path, sep, found, data_start, width, text_columns)
    if len(frame) > input_limits.rows_allowed(width):
        raise input_limits.refuse_rows(name, width)
    notes = ()
    if len(frame) and _last_row_cut_short(path, size, found, sep, width):
        notes = (f"The last row (row {data_start + len(frame)}) was cut short, so the file may have been "
                 "truncated; that response was left out.",)
        frame = frame.iloc[:-1]
    return _finish(name, columns, frame, layout, data_start + 1, notes=notes, **info)


def _last_row_cut_short(path: Path, size: int, encoding: str, sep: str, width: int) -> bool:
    """A file that stops mid-row: no line break at the end, and a last line with fewer fields
    than the header (a complete row with blank answers still has all its separators)."""
    with path.open("rb") as f:
        f.seek(max(0, size - 65536))
        tail = f.read()
    if tail.endswith((b"\n", b"\r")) or (encoding.startswith("utf-16") and tail.endswith((b"\n\x00", b"\x00\n"))):
        return False
    text = tail.decode("utf-16-le" if encoding == "utf-16" else encoding.replace("-sig", ""), errors="replace")
    last = text.splitlines()[-1] if text.splitlines() else ""
    fields = next(csv.reader([last], delimiter=sep), [])
    return len(fields) < width


def read_survey_file(path: str | Path, *, sheet: str | None = None, encoding: str | None = None,
                     sep: str | None = None) -> SurveyTable:
    """Read a CSV or XLSX export; the layout, encoding and separator are found unless given."""
    path = Path(path)
    head, size = _read_head(path)  # pandas, or the workbook reader, reads the rest itself
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise SurveyFileError(f"{path.name} is {what}, not a CSV or Excel file.")
    if head.startswith(b"PK\x03\x04"):
        if encoding or sep:
            raise SurveyFileError(f"{path.name} is an Excel workbook; --encoding and --sep are for CSV files.")
        first_error: SurveyFileError | None = None
        with closing(_xlsx_sheets(path, size, sheet)) as sheets:
            for sheet_name, rows in sheets:
                # Without --sheet, the first sheet that reads as a table (a cover or notes sheet is
                # skipped); a sheet beyond the limits refuses the whole file.
                try:
                    return table_from_rows(path.name, rows, sheet=sheet_name)
                except SurveyFileError as exc:
                    first_error = first_error or exc
        raise first_error or SurveyFileError(f"{path.name} has no sheets.")
    if sheet:
        raise SurveyFileError(f"{path.name} is a CSV file; --sheet is for Excel workbooks.")
    return _table_from_csv(path, head, size, encoding, sep)
