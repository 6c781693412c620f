"""What an import did, in words: one line per column (its role and why) and the closing lines the
command line prints and the wizard shows. Every count here is read from the prepared wave itself,
so "comments: not stored" is only said when none are in it."""

from __future__ import annotations

from services.data.identifying_values import redact
from services.data.survey_columns import Role
from services.data.survey_import import ColumnChoice, PreparedWave


def column_line(choice: ColumnChoice, keep_comments: bool) -> str:
    """ "Q4 (I feel valued) -> scale, agreement, 5 points (...): its answers are on a scale"."""
    extra = ""
    if choice.role is Role.SCALE and choice.scale is not None:
        extra = f", {choice.scale.text}" + (", reverse-scored" if choice.reverse else "") + \
            (f", domain: {choice.domain}" if choice.domain else "")
        mapped = len(choice.answers)
        if mapped:
            extra += f", {mapped} odd answer{'s' if mapped != 1 else ''} mapped"
    elif choice.role is Role.CHOICES:
        extra = f", {len(choice.options)} choice{'s' if len(choice.options) != 1 else ''}"
    elif choice.role is Role.COMMENT:
        extra = ", kept (contact details and ids removed)" if keep_comments else ", not stored"
    elif choice.role is Role.IDENTIFYING:
        extra = ", not stored"
    header, label = redact(choice.header), redact(choice.label)
    named = header if label == header else f"{header} ({label})"
    reason = f": {choice.reason}" if choice.reason else ""
    return f"{named} -> {choice.role.value}{extra}{reason}"


def dropped_line(choices: list[ColumnChoice]) -> str:
    """The one line naming what was dropped as identifying, and why, grouped by reason."""
    dropped = [c for c in choices if c.role is Role.IDENTIFYING]
    if not dropped:
        return "Identifying columns dropped: 0 (no column names or holds people's names, contact details or ids)."
    by_reason: dict[str, list[str]] = {}
    for c in dropped:
        by_reason.setdefault(c.reason or "marked as not stored", []).append(redact(c.label))
    parts = "; ".join(f"{', '.join(names)} ({reason})" for reason, names in by_reason.items())
    return f"Identifying columns dropped: {len(dropped)}, never stored: {parts}."


def answered_lines(wave: PreparedWave) -> list[str]:
    """Per item, how many answers were counted and how many were missing."""
    return [f"{label}: {counted} answers counted, {missing} missing" for label, counted, missing in wave.answered]


def closing_lines(wave: PreparedWave, label: str, comments_stored: int) -> list[str]:
    attributes = len(wave.dimensions)
    comments = f"{comments_stored} kept" if wave.keep_comments else "not stored"
    lines = [f"Imported wave '{label}': {wave.respondent_count} responses, {len(wave.items)} items, "
             f"{attributes} respondent attribute{'s' if attributes != 1 else ''}; comments: {comments}."]
    lines += wave.notes
    lines.append(dropped_line(wave.choices))
    return lines
