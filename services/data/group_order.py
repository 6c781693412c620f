"""The order a reader expects an attribute's groups in: tenure and age bands by length, the
district's position groups in the profile's order, schools by level (elementary to high, the
district office last); "No answer" last; anything else as the wave lists it.

One rule for every place that lists groups: the printed survey summary and the Data tab's results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from services import district_profile
from services.data.survey_files import normalize_text
from services.data.survey_results import NO_ANSWER, GroupReport

# Schools by level, youngest pupils first; the district office and district-wide staff last.
_LEVEL_WORDS: tuple[tuple[str, ...], ...] = (
    ("pre-k", "prek", "preschool", "pre-school", "early childhood", "early learning", "kindergarten"),
    ("elementary", "primary"),
    ("k-8", "k8", "k-8th"),
    ("middle", "junior high", "intermediate"),
    ("high", "secondary"),
    ("alternative",),
    ("district", "central office", "all schools"),
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_BELOW = re.compile(r"(less than|fewer than|under|below|up to|<)\s*$")
_ABOVE = re.compile(r"(more than|over|above|>)\s*$")


def _band_start(name: str) -> float | None:
    """Where a band such as "Less than 2 years", "2-5 years" or "More than 10 years" starts."""
    low = name.casefold()
    found = _NUMBER.search(low)
    if found is None:
        return None
    value = float(found.group().replace(",", "."))
    before = low[: found.start()]
    if _BELOW.search(before):
        return value - 0.5
    if _ABOVE.search(before):
        return value + 0.5
    return value


def _level_rank(name: str, schools: dict[str, int]) -> int | None:
    key = normalize_text(name)
    if key in schools:
        return schools[key]
    low = name.casefold()
    return next((rank for rank, words in enumerate(_LEVEL_WORDS)
                 if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in words)), None)


def natural_order(groups: Sequence[str], position_groups: Sequence[str] = (),
                  schools: Sequence[tuple[str, str]] = ()) -> list[str]:
    """``groups`` (an attribute's groups, as the report lists them) in the order a reader expects:
    bands by where they start (tenure, age: "Less than 2 years" before "2-5 years" before "More
    than 10 years"), when every group is one; else the district's position groups in the profile's
    order, or schools by level (elementary, middle, high, ..., district-wide last; a school's name
    takes its level from the profile: ``schools`` is (name, level) in the profile's order),
    whichever matches more than half of the groups, those not matched after the rest in the given
    order. "No answer" stays last. Anything else keeps the given order."""
    named = [g for g in groups if g != NO_ANSWER]
    tail = [g for g in groups if g == NO_ANSWER]
    starts = {g: _band_start(g) for g in named}
    if named and all(v is not None for v in starts.values()):
        return sorted(named, key=lambda g: starts[g]) + tail
    position = {normalize_text(name): n for n, name in enumerate(position_groups)}
    position.update({k.removesuffix("s"): n for k, n in list(position.items())})
    school_rank = {}
    for name, level in schools:
        rank = _level_rank(level, {})
        school_rank[normalize_text(name)] = len(_LEVEL_WORDS) if rank is None else rank
    by_position = {g: position.get(normalize_text(g), position.get(normalize_text(g).removesuffix("s")))
                   for g in named}
    by_level = {g: _level_rank(g, school_rank) for g in named}
    best = max((by_position, by_level), key=lambda ranks: sum(r is not None for r in ranks.values()))
    if 2 * sum(r is not None for r in best.values()) <= len(named):
        return list(groups)
    place = {g: n for n, g in enumerate(named)}
    return sorted(named, key=lambda g: (best[g] is None, best[g] or 0, place[g])) + tail


def group_order(session: Session, groups: Sequence[str]) -> list[str]:
    """``natural_order`` with the district's position groups and schools from the profile."""
    return natural_order(groups, [g.name for g in district_profile.list_position_groups(session)],
                         [(sc.name, sc.level) for sc in district_profile.list_schools(session)])


def in_group_order(session: Session, report: GroupReport) -> GroupReport:
    """The report with its groups (after "All respondents") in ``group_order``."""
    return replace(report, groups=(report.groups[0], *group_order(session, report.groups[1:])))
