"""Rows pasted from a spreadsheet become records: one undo step, and a sentence for each row that
did not fit.

The table's model says how one row becomes a record (``RecordTableModel.add_pasted``) and how to
take it away again; this lines the pasted cells up with the table's columns and runs every row in
one edit, each in its own savepoint, so a row the plan refuses is left out (and named) without
undoing the rows that fitted.
"""

from __future__ import annotations

from typing import Any

from gui.plan_context import PlanEdit
from gui.widgets.record_model import RecordTableModel
from services.errors import InvalidInput

MAX_NAMED_REFUSALS = 8


def rows_by_column(model: RecordTableModel, rows: list[list[str]], first_column: int) -> list[dict[str, str]]:
    """Each pasted row as {column key: text}. A first row that repeats the table's headings (copied
    with them) decides which cell is which and is not itself a row; otherwise the cells fill the
    columns from ``first_column`` on, as a spreadsheet pastes from the selected cell."""
    titles = {c.title.strip().lower(): c.key for c in model.columns}
    if rows and sum(cell.strip().lower() in titles for cell in rows[0]) >= max(1, (len(rows[0]) + 1) // 2):
        keys = [titles.get(cell.strip().lower()) for cell in rows[0]]
        rows = rows[1:]
    else:
        keys = [c.key for c in model.columns[first_column:]]
    return [{key: cell.strip() for key, cell in zip(keys, row, strict=False) if key is not None} for row in rows]


class PasteOutcome:
    """What a paste did: the rows added and a sentence for each row left out."""

    def __init__(self) -> None:
        self.added: list[Any] = []
        self.refused: list[str] = []

    def message(self) -> str:
        lines = self.refused[:MAX_NAMED_REFUSALS]
        more = len(self.refused) - len(lines)
        if more:
            lines.append(f"\u2026and {more} more.")
        return "\n".join(lines)


def paste_edit(model: RecordTableModel, rows: list[dict[str, str]], what: str) -> tuple[PlanEdit, PasteOutcome]:
    """One edit adding a record for every row that fits; ``what`` names the table ("the team roster").
    Applying it when no row fits refuses it with the reasons, so nothing is put on the undo stack."""
    outcome = PasteOutcome()
    fitted: list[dict[str, str]] = []

    def forward(session, _memo):
        first = not fitted and not outcome.refused
        added = []
        for number, values in enumerate(rows if first else fitted, start=1):
            try:
                with session.begin_nested():
                    added.append(model.add_pasted(session, values))
            except (InvalidInput, ValueError) as exc:
                if not first:
                    raise  # what fitted once fits again on redo, or the redo is refused whole
                outcome.refused.append(f"Row {number}: {_sentence(exc)}")
                continue
            if first:
                fitted.append(values)
        if first:
            outcome.added = added
            if not added:
                raise InvalidInput(f"None of the pasted rows could be added to {what}.\n" + outcome.message())
        return added

    def backward(session, added):
        for record in reversed(added):
            model.remove_pasted(session, record)

    count = len(rows)
    text = f"Paste {count} row{'s' if count != 1 else ''} into {what}"
    return PlanEdit(model.context, text, forward, backward), outcome


def _sentence(exc: Exception) -> str:
    text = str(exc).strip() or "it does not fit this table"
    return text if text.endswith((".", "?", "!")) else text + "."
