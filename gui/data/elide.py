"""Long names on a crowded screen: broken between words, cut with "…" at a word boundary (the
whole name stays in the tooltip), never mid-word."""

from __future__ import annotations

import textwrap


def short(text: str, length: int = 22) -> str:
    """``text`` cut at a word boundary with "…" when longer than ``length``."""
    if len(text) <= length:
        return text
    cut = text[:length - 1]
    if " " in cut.strip():
        cut = cut[:cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:-") + "\u2026"


def wrapped(text: str, width: int, lines: int) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, broken between words only
    (a long word gets its own line); what doesn't fit ends in "…" at a word boundary."""
    parts = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(parts) <= lines:
        return "\n".join(parts)
    last = " ".join(parts[lines - 1:])
    return "\n".join([*parts[:lines - 1], short(last, max(width, len(parts[lines - 1]) + 2))])
