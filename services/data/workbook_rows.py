"""An .xlsx workbook's sheets as rows of values, read in a stream with bounded memory.

openpyxl decides what each cell holds (shared text, a number, a date by its number format, a
boolean) and WellPlan uses its code for that; but its read-only mode builds each row of a sheet
whole in memory, keeps every element it does not know, and at opening reads through every sheet
that doesn't declare its size. A crafted sheet (one row of millions of cells, millions of stray
elements) would exhaust memory either way. So the XML of the sheets and of the shared texts is
walked here instead: every element is dropped as soon as it has been read, a row is counted as it
arrives (``input_limits.TableGuard``), and no piece of text or nesting can grow past a limit. What a
sheet declares about its own size is never used. Call ``input_limits.check_workbook`` first: it
refuses, from the table of contents, what would be too big to unpack.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import IO

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import WorkSheetParser  # its parse_cell: what a cell holds, as openpyxl reads it
from openpyxl.xml.constants import SHARED_STRINGS

from services.errors import InvalidInput
from services.input_limits import MB, LimitExceeded, TableGuard, damaged_workbook, size_text

MAX_TEXT_BYTES = 1 * MB  # an Excel cell holds at most 32,767 characters (128 KB in UTF-8, 640 KB escaped)
MAX_DEPTH = 64  # a real sheet nests seven deep (worksheet, sheetData, row, c, is, r, t)
MAX_RECORD_ELEMENTS = 10_000  # elements inside one cell or one shared text (runs of formatted text)
# elements of a sheet that are neither rows nor cells: column widths, merged ranges, links, rules;
# a real sheet has a few thousand at most
MAX_OTHER_ELEMENTS = 1_000_000
_CHUNK = 64 * 1024

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _SHARED = f"{_NS}row", f"{_NS}c", f"{_NS}si"


class WorkbookError(InvalidInput):
    """A workbook that can't be read; the message names the file."""


def _damaged(name: str, why: str = "") -> WorkbookError:
    return damaged_workbook(name, WorkbookError, why)


def _events(source: IO[bytes], name: str, records: str) -> Iterator[tuple[str, ET.Element]]:
    """("start"/"end", element) for an XML part, each element detached from its parent once it
    has ended, except inside an element tagged ``records`` (a cell, a shared text), which is
    handed over whole at its end and then dropped."""
    parser = ET.XMLPullParser(events=("start", "end"))
    stack: list[ET.Element] = []
    record_depth = 0  # 1 + the stack index of the open record, or 0 when none is open
    in_record = 0
    run = 0  # bytes since the last '<': the text or tag being read
    tail = b""
    while True:
        data = source.read(_CHUNK)
        if data:
            first = data.find(b"<")  # no stretch inside a chunk can pass the limit: the chunk is smaller
            if first < 0:
                run += len(data)
            else:
                run += first
                if run <= MAX_TEXT_BYTES:
                    run = len(data) - 1 - data.rfind(b"<")
            if run > MAX_TEXT_BYTES:
                raise LimitExceeded(f"{name} holds a single piece of text or markup longer than "
                                    f"{size_text(MAX_TEXT_BYTES)}, far more than an Excel cell can hold (32,767 "
                                    f"characters); WellPlan reads up to {size_text(MAX_TEXT_BYTES)}.")
            if b"<!DOCTYPE" in tail + data or b"<!ENTITY" in tail + data:
                raise _damaged(name, "it defines its own XML entities")
            tail = data[-8:]
            parser.feed(data)
        else:
            parser.close()
        for event, element in parser.read_events():
            if event == "start":
                stack.append(element)
                if len(stack) > MAX_DEPTH:
                    raise _damaged(name, "its XML is nested too deeply")
                if record_depth:
                    in_record += 1
                    if in_record > MAX_RECORD_ELEMENTS:
                        raise _damaged(name, "one cell holds too many parts")
                elif element.tag == records:
                    record_depth, in_record = len(stack), 0
                yield event, element
                continue
            stack.pop()
            if record_depth and len(stack) >= record_depth:
                continue  # inside a record: kept until the record ends
            yield event, element
            if len(stack) + 1 == record_depth:
                record_depth = 0
            if stack:
                stack[-1].remove(element)  # its parent holds nothing else: earlier children went the same way
        if not data:
            return


def shared_strings(source: IO[bytes], name: str) -> list[str]:
    """The workbook's shared texts, as openpyxl's ``read_string_table`` reads them."""
    strings = []
    for event, element in _events(source, name, _SHARED):
        if event == "end" and element.tag == _SHARED:
            strings.append(Text.from_tree(element).content.replace("x005F_", ""))
    return strings


class _Reader(ExcelReader):
    """openpyxl's reader for every part of a workbook but the sheets' cells and the shared texts."""

    def __init__(self, source: IO[bytes], name: str):
        super().__init__(source, read_only=True, data_only=True, keep_links=False)
        self.name = name

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as src:
                self.shared_strings = shared_strings(src, self.name)


class Workbook:
    """An open workbook: ``sheets`` (its worksheets' names, in order) and ``rows(sheet)``.

    ``source`` is an open binary file (not a path, so a workbook renamed .csv is read too); the
    caller closes it after the workbook.
    """

    def __init__(self, source: IO[bytes], name: str, names_only: bool = False):
        """With ``names_only``, only ``sheets`` is wanted: the texts and styles are not read."""
        self.name = name
        reader = None
        try:
            reader = _Reader(source, name)
            reader.read_manifest()
            if not names_only:
                reader.read_strings()
            reader.read_workbook()
            if not names_only:
                apply_stylesheet(reader.archive, reader.wb)
            self._parts = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()
                           if rel.target in reader.valid_files and "chartsheet" not in rel.Type}
        except Exception as exc:  # openpyxl raises its own types, and KeyError or ValueError, for damage
            if reader is not None:
                reader.archive.close()
            if isinstance(exc, InvalidInput):
                raise
            raise _damaged(name) from None
        self._archive = reader.archive
        self._strings = reader.shared_strings
        self._book = reader.wb
        self.sheets = list(self._parts)

    def close(self) -> None:
        self._archive.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def rows(self, sheet: str) -> Iterator[list[object]]:
        """The sheet's rows as openpyxl's ``iter_rows(values_only=True)`` gives them when the
        sheet declares no size: a missing row is empty, a row runs to its last cell."""
        book = self._book
        cells = WorkSheetParser(None, self._strings, data_only=True, epoch=book.epoch,
                                date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        guard = TableGuard(self.name)
        expected = 1  # the number of the next row to hand over
        values: list[object] = []
        last = in_row = other = 0
        try:
            with self._archive.open(self._parts[sheet]) as src:
                for event, element in _events(src, self.name, _CELL):
                    if element.tag == _ROW:
                        if event == "start":
                            cells.row_counter = _row_number(element.get("r"), cells.row_counter)
                            cells.col_counter = 0
                            guard.row(cells.row_counter)
                            values, last, in_row = [], 0, 0
                            continue
                        number = cells.row_counter
                        if number < expected:
                            continue  # openpyxl drops a row numbered before one already read
                        guard.add(last)
                        for _ in range(expected, number):
                            yield []
                        expected = number + 1
                        yield values[:last]
                    elif event == "start":
                        continue
                    elif element.tag != _CELL:
                        other += 1
                        if other > MAX_OTHER_ELEMENTS:
                            raise _damaged(self.name, f"its sheet holds over {MAX_OTHER_ELEMENTS:,} elements that "
                                                      "are neither rows nor cells")
                    else:
                        in_row += 1
                        guard.row_cells(in_row)
                        cell = cells.parse_cell(element)
                        column = cell["column"]
                        guard.column(column)
                        if column > len(values):
                            values.extend([None] * (column - len(values)))
                        values[column - 1] = cell["value"]
                        last = column  # openpyxl's row runs to its last cell
        except InvalidInput:
            raise
        except Exception:  # openpyxl's, zipfile's and XML errors alike: damage the person can't name
            raise _damaged(self.name) from None


def _row_number(text: str | None, previous: int) -> int:
    if text is None:
        return previous + 1
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"{text} is not a valid row number")
    return int(number)
