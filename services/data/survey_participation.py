"""Who answered: headcounts per group, response rates, and the groups whose rate is far below the
rest (seed 000: low participation often means distrust, and it is a data gap in itself).

Headcounts are kept per wave and per respondent attribute ("Which best describes your position?"),
typed in, pasted from a spreadsheet, read from a roster file, or taken from the district profile's
staff groups (matched to the survey's groups by ``headcount_matching``). A group too small to
report shows its rate's problem without its count, by the same rule as the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import SurveyHeadcount
from services.data.survey_files import SurveyFileError, normalize_text, read_survey_file
from services.data.survey_report import WaveDimension
from services.data.survey_results import NO_ANSWER
from services.errors import InvalidInput
from services.stored_values import whole_number
from services.suppression import suppress_small_groups

LOW_RATE_POINTS = 15.0  # a rate this many points below the overall rate is a data gap


@dataclass(frozen=True)
class ParticipationRow:
    group: str
    responses: int | None  # None: withheld (a group below the minimum size)
    headcount: int | None
    rate: float | None  # percent; None without a headcount or when withheld
    low: bool  # far below the overall rate (or too few answered to report at all)
    note: str = ""
    barriers: str = ""  # what the team found keeps the group from taking part (kept with its headcount)


@dataclass(frozen=True)
class Participation:
    dimension: str
    rows: tuple[ParticipationRow, ...]
    responses: int
    headcount: int | None  # of the groups with a headcount
    overall_rate: float | None

    @property
    def low_groups(self) -> list[ParticipationRow]:
        return [r for r in self.rows if r.low]


MAX_HEADCOUNT = 10_000_000


def wave_headcounts(session: Session, wave_id: int) -> list[tuple[str, str, int]]:
    """Every headcount of a wave as (attribute, group, staff), checked on read: one that is not a
    whole number from 0 to 10,000,000 (-5, 'x', 1e30 written with another program) is not known.
    The participation table prints these and the disclosure audit takes them as public, so both
    read them here."""
    rows = session.execute(select(SurveyHeadcount.dimension, SurveyHeadcount.group_name, SurveyHeadcount.headcount)
                           .where(SurveyHeadcount.wave_id == wave_id).order_by(SurveyHeadcount.id))
    out = []
    for dimension, group, count in rows:
        count = whole_number(count, 0, MAX_HEADCOUNT)
        if count is not None and isinstance(dimension, str) and isinstance(group, str):
            out.append((dimension, group, count))
    return out


def headcounts(session: Session, wave_id: int, dimension: str) -> dict[str, int]:
    return {group: count for d, group, count in wave_headcounts(session, wave_id) if d == dimension}


def _headcount_row(session: Session, wave_id: int, dimension: str, group: str) -> SurveyHeadcount | None:
    return session.scalar(select(SurveyHeadcount).where(SurveyHeadcount.wave_id == wave_id,
                                                        SurveyHeadcount.dimension == dimension,
                                                        SurveyHeadcount.group_name == group))


def barriers(session: Session, wave_id: int, dimension: str) -> dict[str, str]:
    """The barriers recorded for an attribute's groups (seed 000 step 3: find out why a group took
    little part before collecting more data), by group; a value another program wrote that is not
    text reads as none."""
    rows = session.execute(select(SurveyHeadcount.group_name, SurveyHeadcount.barriers)
                           .where(SurveyHeadcount.wave_id == wave_id, SurveyHeadcount.dimension == dimension))
    return {g: b.strip() for g, b in rows if isinstance(g, str) and isinstance(b, str) and b.strip()}


MAX_BARRIERS = 2000


def set_barriers(session: Session, wave_id: int, dimension: str, group: str, text: str) -> str:
    """Record the barriers found to a group's taking part; returns what was recorded before, for
    undo. They are kept with the group's headcount, so the group needs one first."""
    text = (text or "").strip()
    if len(text) > MAX_BARRIERS:
        raise InvalidInput(f"The barriers can be at most {MAX_BARRIERS:,} characters.")
    row = _headcount_row(session, wave_id, dimension, group)
    if row is None:
        raise InvalidInput(f"Enter the number of staff in {group} first: the barriers are recorded with its "
                           "response rate.")
    before = row.barriers if isinstance(row.barriers, str) else ""
    row.barriers = text
    session.flush()
    return before


def set_headcount(session: Session, wave_id: int, dimension: str, group: str, count: int | None) -> int | None:
    """Set (or with None, clear) a group's headcount; returns the previous one, for undo. Clearing
    it clears the barriers recorded with it (the window's undo puts both back)."""
    if count is not None and (count < 0 or count > MAX_HEADCOUNT):
        raise InvalidInput("A headcount is a whole number of staff, 0 or more.")
    row = _headcount_row(session, wave_id, dimension, group)
    before = row.headcount if row is not None else None
    if count is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SurveyHeadcount(wave_id=wave_id, dimension=dimension, group_name=group, headcount=count))
    else:
        row.headcount = count
    session.flush()
    return before


@dataclass(frozen=True)
class HeadcountRow:
    """A group's stored headcount row as it is, for undo: its id (a low-participation candidate on
    Priorities points to it), the number of staff and the barriers recorded with it."""

    id: int
    headcount: int
    barriers: str


def headcount_row(session: Session, wave_id: int, dimension: str, group: str) -> HeadcountRow | None:
    row = _headcount_row(session, wave_id, dimension, group)
    if row is None:
        return None
    return HeadcountRow(row.id, row.headcount, row.barriers if isinstance(row.barriers, str) else "")


def put_headcount_row(session: Session, wave_id: int, dimension: str, group: str, kept: HeadcountRow | None) -> None:
    """Put a group's headcount row back exactly as ``headcount_row`` read it (None: no row), id
    included, so what Priorities points to is found again."""
    row = _headcount_row(session, wave_id, dimension, group)
    if row is not None:
        session.delete(row)
        session.flush()
    if kept is not None:
        session.add(SurveyHeadcount(id=kept.id, wave_id=wave_id, dimension=dimension, group_name=group,
                                    headcount=kept.headcount, barriers=kept.barriers))
    session.flush()


def replace_headcounts(session: Session, wave_id: int, dimension: str, counts: dict[str, int]) -> dict[str, int]:
    """Replace all of an attribute's headcounts; returns the ones before, for undo. A group that
    keeps a headcount keeps the barriers recorded with it."""
    before = headcounts(session, wave_id, dimension)
    for group, count in counts.items():
        if count < 0:
            raise InvalidInput(f"The headcount for {group} is negative.")
    rows = {r.group_name: r for r in session.scalars(select(SurveyHeadcount).where(
        SurveyHeadcount.wave_id == wave_id, SurveyHeadcount.dimension == dimension))}
    session.execute(delete(SurveyHeadcount).where(SurveyHeadcount.wave_id == wave_id,
                                                  SurveyHeadcount.dimension == dimension,
                                                  SurveyHeadcount.group_name.not_in(list(counts))))
    for group, count in counts.items():
        if group in rows:
            rows[group].headcount = count
        else:
            session.add(SurveyHeadcount(wave_id=wave_id, dimension=dimension, group_name=group, headcount=count))
    session.flush()
    return before


def _number(text: str) -> int | None:
    cleaned = re.sub(r"[,\s\u00a0]", "", text)
    if re.fullmatch(r"\d+(\.0+)?", cleaned):
        return int(float(cleaned))
    return None


def match_groups(counts: dict[str, int], groups: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Counts under the wave's own spelling of each group, and the names that match none."""
    by_key = {normalize_text(g): g for g in groups}
    matched, unknown = {}, []
    for name, count in counts.items():
        group = by_key.get(normalize_text(name))
        if group is None:
            unknown.append(name)
        else:
            matched[group] = count
    return matched, unknown


def parse_pasted(text: str) -> dict[str, int]:
    """Group and count pairs pasted from a spreadsheet (tab-separated) or typed as "Group, 12"."""
    counts = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in (line.split("\t") if "\t" in line else line.rsplit(",", 1))]
        parts = [p for p in parts if p]
        count = _number(parts[-1]) if len(parts) >= 2 else None
        if count is None:
            if n == 1:
                continue  # a header row such as "Group<TAB>Headcount"
            raise InvalidInput(f"Line {n} ('{line.strip()[:60]}') is not a group followed by a number of staff.")
        counts[" ".join(parts[0].split())] = count
    if not counts:
        raise InvalidInput("No group and number of staff was found in what was pasted.")
    return counts


def read_roster(path: str | Path) -> dict[str, int]:
    """A roster CSV or workbook with a group column and a count column (the first of each kind)."""
    table = read_survey_file(path)
    numeric, text = None, None
    for c in table.columns:
        values = [v for v in table.values(c.index) if v.strip()]
        if values and all(_number(v) is not None for v in values):
            numeric = numeric if numeric is not None else c.index
        elif values:
            text = text if text is not None else c.index
    if numeric is None or text is None:
        raise SurveyFileError(f"{table.name} needs a column of group names and a column of numbers of staff.")
    counts: dict[str, int] = {}
    for group, count in zip(table.values(text), table.values(numeric), strict=True):
        if group.strip() and _number(count) is not None:
            key = " ".join(group.split())
            counts[key] = counts.get(key, 0) + _number(count)
    return counts


def participation(dimension: WaveDimension, counts: dict[str, int], min_size: int,
                  hidden: set[str] | frozenset[str] | None = None,
                  found: dict[str, str] | None = None) -> Participation:
    """Response counts and rates by group. ``hidden``: the groups whose counts the audited report
    withholds (``survey_release``), which may be more than the small-group rule alone hides;
    ``found``: the barriers recorded by group (``barriers``)."""
    found = found or {}
    import numpy as np

    present = np.bincount(dimension.codes, minlength=len(dimension.groups) + 1)
    responses = {g: int(present[k]) for k, g in enumerate(dimension.groups, 1) if present[k]}
    if present[0]:
        responses[NO_ANSWER] = int(present[0])
    hidden = suppress_small_groups(responses, min_size) | set(hidden or ())
    # The overall rate counts only groups whose own counts are shown, so it adds nothing that
    # could be subtracted to find a withheld group's count.
    known = [g for g in responses if g in counts and counts[g] > 0 and g not in hidden]
    total_heads = sum(counts[g] for g in known) or None
    answered = sum(responses.get(g, 0) for g in known)
    overall = round(100 * answered / total_heads, 1) if total_heads and known else None
    rows = []
    for g in sorted(set(responses) | {g for g in counts if counts[g] > 0},
                    key=lambda x: (x == NO_ANSWER, x.casefold())):
        n = responses.get(g, 0)
        heads = counts.get(g)
        if g in hidden:
            small = 0 < n < min_size
            note = (f"fewer than {min_size} responded: too few to report" if small else
                    "count withheld so a smaller group's can't be worked out")
            rows.append(ParticipationRow(g, None, heads, None, small and bool(heads), note, found.get(g, "")))
            continue
        rate = round(100 * n / heads, 1) if heads else None
        low = rate is not None and overall is not None and rate <= overall - LOW_RATE_POINTS
        note = "far below the overall rate: a data gap (low participation can mean distrust)" if low else ""
        if heads is not None and n > heads:
            note = "more responses than the headcount: check the headcount"
        rows.append(ParticipationRow(g, n, heads, rate, low, note, found.get(g, "")))
    return Participation(dimension.label, tuple(rows), int(present.sum()), total_heads, overall)
