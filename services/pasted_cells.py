"""Reading a cell pasted from a spreadsheet as the value the plan stores: a label, a name, Yes/No.

A pasted cell is what the person's spreadsheet shows, in any case, with stray spaces, Excel's en
dash for a hyphen, and "(none)" or "-" for nothing. Every table that takes pasted rows reads its
labels here, so "teachers", "Teachers " and "TEACHERS" mean the same group everywhere and a blank
means the same thing everywhere; a cell that names nothing refuses its row with one sentence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TypeVar

from services.errors import InvalidInput

T = TypeVar("T")

BLANK = frozenset({"", "(none)", "none", "(not set)", "not set", "(not recorded)", "not recorded", "-", "\u2014"})
YES = frozenset({"yes", "y", "true", "x", "1", "\u2714", "\u2713"})
NO = frozenset({"no", "n", "false", "0"})


def folded(text: str | None) -> str:
    """Text as compared with a label: spaces collapsed, any case, an en or em dash as a hyphen."""
    return " ".join((text or "").replace("\u2013", "-").replace("\u2014", "-").split()).casefold()


def tidy(text: str | None) -> str:
    """The cell as the person wrote it, stray spaces taken out (for the sentence that refuses it)."""
    return " ".join((text or "").split())


def is_blank(text: str | None) -> bool:
    return folded(text) in BLANK


def pick(text: str | None, choices: Iterable[tuple[T, str]], refusal: str) -> T | None:
    """The value whose label the cell names; None for a blank cell. ``refusal`` is the sentence for a
    cell that names none of them, with ``{text}`` where the cell goes."""
    wanted = folded(text)
    if wanted in BLANK:
        return None
    for value, label in choices:
        if folded(label) == wanted:
            return value
    raise InvalidInput(refusal.format(text=f"\u201c{tidy(text)}\u201d"))


def pick_many(text: str | None, choices: Iterable[tuple[T, str]], what: str) -> frozenset[T]:
    """Labels listed in one cell ("Teachers, Bus drivers"; "All"; "None") as the values they name."""
    choices = list(choices)
    if folded(text) in BLANK:
        return frozenset()
    if folded(text) == "all":
        return frozenset(value for value, _ in choices)
    parts = [p for p in (text or "").replace(";", ",").split(",") if p.strip()]
    return frozenset(pick(part, choices, f"{{text}} is not one of the plan's {what}.") for part in parts)


def yes_or_no(text: str | None, title: str, blank: bool = False, yes: Iterable[str] = (), no: Iterable[str] = ()) -> bool:
    """A Yes/No cell ("Yes", "x", "TRUE", "No"); ``blank`` for an empty one. ``yes``/``no`` add a
    table's own words ("on the team")."""
    wanted = folded(text)
    if wanted in BLANK:
        return blank
    if wanted in YES or wanted in {folded(w) for w in yes}:
        return True
    if wanted in NO or wanted in {folded(w) for w in no}:
        return False
    raise InvalidInput(f"{title} is Yes or No, not \u201c{tidy(text)}\u201d.")


def pasted_number(text: object, refusal: str) -> float | None:
    """A number as a spreadsheet shows it ("1,250", "12.0", "40%"); None for a blank cell. ``refusal``
    is the sentence for a cell that is no number, with ``{text}`` where the cell goes."""
    cleaned = str(text if text is not None else "").replace("\u00a0", "").replace(" ", "").replace(",", "").rstrip("%")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InvalidInput(refusal.format(text=f"\u201c{tidy(str(text))}\u201d"))
    return value
