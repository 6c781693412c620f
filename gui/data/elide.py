"""Long names on a crowded screen, by characters (chart labels, header lines): broken between
words, cut with "…" at a word boundary as ``gui.widgets.word_elision`` cuts table cells."""

from __future__ import annotations

import textwrap

from gui.widgets.word_elision import ELLIPSIS, elide_at_word


def short(text: str, length: int = 22) -> str:
    """``text`` cut at a word boundary with "…" when longer than ``length`` characters."""
    return elide_at_word(text, lambda t: len(t) <= length) or text[:length - 1] + ELLIPSIS


def wrapped(text: str, width: int, lines: int) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, broken between words only
    (a long word gets its own line); what doesn't fit ends in "…" at a word boundary."""
    parts = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(parts) <= lines:
        return "\n".join(parts)
    last = " ".join(parts[lines - 1:])
    return "\n".join([*parts[:lines - 1], short(last, max(width, len(parts[lines - 1]) + 2))])
