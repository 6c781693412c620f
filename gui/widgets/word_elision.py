"""Long text cut at a word, not mid-word: "Give counselors and psychologists a private…".

Qt elides at whatever character runs out of room ("Pr…"). Every table cell (``TableDelegate``)
and chart label that runs short cuts here instead, by the width of its font where it has one and
by characters where it hasn't; the whole text stays in its tooltip.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

ELLIPSIS = "\u2026"


def elide_at_word(text: str, fits: Callable[[str], bool]) -> str | None:
    """The longest run of whole words of ``text`` that ``fits`` with "…" after it; None if not even
    the first word does (the caller then cuts it as Qt would)."""
    if fits(text):
        return text
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:n]).rstrip(",;:.-\u2013\u2014") + ELLIPSIS
        if fits(candidate):
            return candidate
    return None


# By characters, where no font is at hand (chart labels, header lines):
def cut_at_word(text: str, length: int = 22) -> str:
    """``text`` cut at a word boundary with "…" when longer than ``length`` characters."""
    return elide_at_word(text, lambda t: len(t) <= length) or text[:length - 1] + ELLIPSIS


def wrapped(text: str, width: int, lines: int) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, broken between words only
    (a long word gets its own line); what doesn't fit ends in "…" at a word boundary."""
    parts = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(parts) <= lines:
        return "\n".join(parts)
    last = " ".join(parts[lines - 1:])
    return "\n".join([*parts[:lines - 1], cut_at_word(last, max(width, len(parts[lines - 1]) + 2))])
