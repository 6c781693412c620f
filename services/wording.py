"""Counting and quoting in the sentences services write for people ("3 actions", "“A”, “B” and 2
more"): one way, so two messages never count or quote differently."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, one: str, many: str | None = None, start: bool = False) -> str:
    """"1 action", "1,250 staff members"; ``many`` when adding "s" is wrong; ``start`` writes "One"
    for a sentence's first word."""
    number = "One" if start and n == 1 else f"{n:,}"
    return f"{number} {one if n == 1 else many or one + 's'}"


def quote_each(texts: Sequence[str], limit: int | None = 3, joiner: str = "and") -> str:
    """Each text in quotation marks, spaces tidied: "“A”, “B” and 2 more" (at most ``limit`` shown)."""
    texts = list(texts)
    shown = [f"\u201c{' '.join(str(t).split())}\u201d" for t in (texts if limit is None else texts[:limit])]
    rest = len(texts) - len(shown)
    if rest:
        shown.append(f"{rest} more")
    if not shown:
        return ""
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {joiner} " + shown[-1]
