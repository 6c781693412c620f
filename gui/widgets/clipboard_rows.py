"""Cells to and from the clipboard as spreadsheets write them: tab-separated rows.

Excel and LibreOffice put a copied range on the clipboard as lines of tab-separated cells, a cell
holding a tab, newline or quote wrapped in double quotes (inner quotes doubled), and a final line
break. Reading follows the same rules, so a cell with a line break inside it stays one cell.
"""

from __future__ import annotations

import csv
import io


def rows_to_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if cell is None else str(cell) for cell in row])
    return out.getvalue()


def text_to_rows(text: str) -> list[list[str]]:
    """The rows of a pasted range; blank lines (a trailing line break, an empty row) are left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)
    return [row for row in reader if any(cell.strip() for cell in row)]
