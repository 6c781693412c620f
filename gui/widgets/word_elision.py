"""Long text cut at a word, not mid-word: "Give counselors and psychologists a private…".

Qt elides at whatever character runs out of room ("Pr…"). Every table cell (``TableDelegate``)
and chart label that runs short cuts here instead; the whole text stays in its tooltip.
"""

from __future__ import annotations

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
