"""How a round's answers read: distributions, medians, "don't know", disagreement, standing.

Pure functions over answers, so the rules are tested on hand-made numbers. The seed (000, step 2)
is clear that the value is in the reflection, not a score, so nothing here adds items into a
total: each item and each section is read on its own.

The rules, in one place:
- The median is taken over real answers; "don't know" is counted apart, as a knowledge gap
  (when at least ``KNOWLEDGE_GAP_SHARE`` of answers are "don't know"), not as a low answer.
- An item is a strength when its median sits in the top part of the scale (at or above
  ``STRENGTH_AT`` of the way from the lowest point to the highest) and a growth area when it
  sits in the bottom part (at or below ``GROWTH_AT``). On a 4-level scale that is a median of
  Developing or Established, and of Not yet or Beginning; on yes/no, a majority Yes or No.
- Respondents disagree when answers lie ``DISAGREEMENT_LEVELS`` or more levels apart; on a yes/no
  checklist, when each answer was given by at least ``SPLIT_SHARE`` of those who answered.
"""

from __future__ import annotations

import enum
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.instrument import DONT_KNOW, Instrument, Scale, ScaleType

KNOWLEDGE_GAP_SHARE = 0.25
STRENGTH_AT = 0.6
GROWTH_AT = 0.4
DISAGREEMENT_LEVELS = 2
SPLIT_SHARE = 0.25


class Standing(enum.StrEnum):
    STRENGTH = "strength"
    GROWTH = "growth"
    MIXED = "mixed"
    NO_ANSWERS = "no_answers"


STANDING_LABELS = {
    Standing.STRENGTH: "Strength",
    Standing.GROWTH: "Growth area",
    Standing.MIXED: "In between",
    Standing.NO_ANSWERS: "No answers",
}


@dataclass(frozen=True)
class Reading:
    """How one set of answers (an item's, or a section's pooled) reads."""

    counts: dict[int, int]  # value -> how many; DONT_KNOW included
    total: int  # everyone who gave any answer, "don't know" included
    answered: int  # real answers only
    median: float | None
    dont_know_share: float
    spread: int  # highest minus lowest real answer
    disagreement: bool
    standing: Standing

    @property
    def knowledge_gap(self) -> bool:
        return self.total > 0 and self.dont_know_share >= KNOWLEDGE_GAP_SHARE

    def count(self, value: int) -> int:
        return self.counts.get(value, 0)


def position(scale: Scale, median: float) -> float:
    """Where a median sits between the lowest point (0) and the highest (1)."""
    return (median - 1) / (scale.points - 1)


def standing_of(scale: Scale, median: float | None) -> Standing:
    if median is None:
        return Standing.NO_ANSWERS
    p = position(scale, median)
    if p >= STRENGTH_AT:
        return Standing.STRENGTH
    if p <= GROWTH_AT:
        return Standing.GROWTH
    return Standing.MIXED


def _disagree(scale: Scale, real: Sequence[int]) -> bool:
    if len(real) < 2:
        return False
    if scale.type is ScaleType.YES_NO:
        yes = sum(1 for v in real if v == 2)
        return min(yes, len(real) - yes) / len(real) >= SPLIT_SHARE
    return max(real) - min(real) >= DISAGREEMENT_LEVELS


def read_answers(scale: Scale, values: Iterable[int]) -> Reading:
    values = list(values)
    real = [v for v in values if v != DONT_KNOW]
    counts = Counter(values)
    median = float(statistics.median(real)) if real else None
    total = len(values)
    return Reading(
        counts=dict(counts), total=total, answered=len(real), median=median,
        dont_know_share=(counts.get(DONT_KNOW, 0) / total) if total else 0.0,
        spread=(max(real) - min(real)) if real else 0,
        disagreement=_disagree(scale, real),
        standing=standing_of(scale, median),
    )


@dataclass(frozen=True)
class ItemResult:
    key: str
    section_key: str
    reading: Reading


@dataclass(frozen=True)
class SectionResult:
    key: str
    title: str
    reading: Reading  # every answer in the section pooled
    items: tuple[ItemResult, ...]


@dataclass(frozen=True)
class RoundReading:
    instrument: Instrument
    respondents: int
    sections: tuple[SectionResult, ...]

    @property
    def items(self) -> tuple[ItemResult, ...]:
        return tuple(i for s in self.sections for i in s.items)

    def item(self, key: str) -> ItemResult:
        return next(i for i in self.items if i.key == key)

    def section(self, key: str) -> SectionResult:
        return next(s for s in self.sections if s.key == key)

    def with_standing(self, standing: Standing) -> list[ItemResult]:
        return [i for i in self.items if i.reading.standing is standing]

    @property
    def strengths(self) -> list[ItemResult]:
        return self.with_standing(Standing.STRENGTH)

    @property
    def growth_areas(self) -> list[ItemResult]:
        return self.with_standing(Standing.GROWTH)

    @property
    def knowledge_gaps(self) -> list[ItemResult]:
        return [i for i in self.items if i.reading.knowledge_gap]

    @property
    def disagreements(self) -> list[ItemResult]:
        return [i for i in self.items if i.reading.disagreement]


def read_round(instrument: Instrument, answers_by_respondent: Sequence[dict[str, int]]) -> RoundReading:
    """Read a round from each respondent's answers (item key -> value)."""
    sections = []
    for section in instrument.sections:
        items = tuple(
            ItemResult(item.key, section.key, read_answers(
                instrument.scale, (a[item.key] for a in answers_by_respondent if item.key in a)))
            for item in section.items
        )
        pooled = read_answers(instrument.scale, (
            a[item.key] for item in section.items for a in answers_by_respondent if item.key in a))
        sections.append(SectionResult(section.key, section.title, pooled, items))
    return RoundReading(instrument, len(answers_by_respondent), tuple(sections))


def median_change(current: Reading, previous: Reading | None) -> float | None:
    """How far the median moved since the previous round (positive is further along)."""
    if previous is None or current.median is None or previous.median is None:
        return None
    return current.median - previous.median


def describe_median(scale: Scale, median: float | None) -> str:
    """A median in the scale's words: "Developing", or "Beginning-Developing" between two points."""
    if median is None:
        return "-"
    if median == int(median):
        return scale.label(int(median))
    return f"{scale.label(int(median))}-{scale.label(int(median) + 1)}"


def describe_change(change: float | None) -> str:
    if change is None:
        return ""
    if change == 0:
        return "no change"
    arrow = "up" if change > 0 else "down"
    return f"{arrow} {abs(change):g}"
