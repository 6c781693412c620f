"""The rules of the priority matrix (seed 000 step 4; seed 004's impact x ease exercise).

Pure functions over plain numbers, so the screen, the PDF and the tests apply the same rules:
- each action sits at the mean of its raters' impact and ease ratings (1-5), or at the position
  the team agreed on, if it dragged the point there;
- the quadrant follows from that position and the plan's midpoints;
- raters whose ratings are two or more points apart on either axis disagree: the action is
  flagged "needs discussion", as the seed asks the team to align on a better estimate;
- optional extra criteria (as in the CDC School Health Index's planning step) give a weighted
  score and a ranking.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.stored_values import number, whole_number

SCALE_MIN, SCALE_MAX = 1, 5
DEFAULT_MIDPOINT = 3.0
DISAGREEMENT_GAP = 2  # points apart on either axis
DEFAULT_DO_NOW_LIMIT = 5


class Quadrant(enum.StrEnum):
    DO_NOW = "do_now"
    DO_NEXT = "do_next"
    LATER = "later"
    RECONSIDER = "reconsider"
    UNRATED = "unrated"


QUADRANT_LABELS = {
    Quadrant.DO_NOW: "Do it now!",
    Quadrant.DO_NEXT: "Do it next",
    Quadrant.LATER: "Later",
    Quadrant.RECONSIDER: "Reconsider",
    Quadrant.UNRATED: "Not rated yet",
}
QUADRANT_HINTS = {
    Quadrant.DO_NOW: "High impact and easier to do",
    Quadrant.DO_NEXT: "High impact but harder to do",
    Quadrant.LATER: "Lower impact, easier to do",
    Quadrant.RECONSIDER: "Lower impact and harder to do",
    Quadrant.UNRATED: "No impact and ease ratings yet",
}
QUADRANT_ORDER = (Quadrant.DO_NOW, Quadrant.DO_NEXT, Quadrant.LATER, Quadrant.RECONSIDER, Quadrant.UNRATED)


def quadrant(impact: float | None, ease: float | None,
             midpoint_impact: float = DEFAULT_MIDPOINT, midpoint_ease: float = DEFAULT_MIDPOINT) -> Quadrant:
    """Which quadrant a position falls in.

    A position on a midpoint line counts as the lower / harder side: only a clear lean earns
    "high impact" or "easier", so middling ratings don't crowd Do it now!.
    """
    if impact is None or ease is None:
        return Quadrant.UNRATED
    high = impact > midpoint_impact
    easier = ease > midpoint_ease
    if high:
        return Quadrant.DO_NOW if easier else Quadrant.DO_NEXT
    return Quadrant.LATER if easier else Quadrant.RECONSIDER


def check_rating(value: int | None, what: str = "A rating") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"{what} must be a whole number from {SCALE_MIN} to {SCALE_MAX}.")
    return value


def stored_rating(value: object) -> int | None:
    """A rating or criterion score read back from the plan: a whole number from 1 to 5, or not
    rated (None) for anything else another program wrote (42, -3, 'high')."""
    return whole_number(value, SCALE_MIN, SCALE_MAX)


def stored_position(impact: object, ease: object) -> tuple[float | None, float | None]:
    """An agreed position read back from the plan: both axes from 1 to 5, or no agreed position."""
    impact, ease = number(impact, SCALE_MIN, SCALE_MAX), number(ease, SCALE_MIN, SCALE_MAX)
    return (impact, ease) if impact is not None and ease is not None else (None, None)


@dataclass(frozen=True)
class AxisSummary:
    count: int
    mean: float | None
    low: int | None
    high: int | None

    @property
    def spread(self) -> int:
        return 0 if self.low is None or self.high is None else self.high - self.low


def _axis(values: Iterable[int | None]) -> AxisSummary:
    given = [v for v in values if v is not None]
    if not given:
        return AxisSummary(0, None, None, None)
    return AxisSummary(len(given), statistics.fmean(given), min(given), max(given))


@dataclass(frozen=True)
class RatingSummary:
    impact: AxisSummary
    ease: AxisSummary

    @property
    def needs_discussion(self) -> bool:
        return self.impact.spread >= DISAGREEMENT_GAP or self.ease.spread >= DISAGREEMENT_GAP

    @property
    def rater_count(self) -> int:
        return max(self.impact.count, self.ease.count)

    def disagreement_text(self) -> str:
        parts = []
        if self.impact.spread >= DISAGREEMENT_GAP:
            parts.append(f"impact rated {self.impact.low} to {self.impact.high}")
        if self.ease.spread >= DISAGREEMENT_GAP:
            parts.append(f"ease rated {self.ease.low} to {self.ease.high}")
        return "; ".join(parts)


def summarize(ratings: Iterable[tuple[int | None, int | None]]) -> RatingSummary:
    """Mean and range on each axis of (impact, ease) pairs; a rater may have rated one axis only."""
    pairs = list(ratings)
    return RatingSummary(_axis(i for i, _ in pairs), _axis(e for _, e in pairs))


# Ranking criteria ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    question: str  # every criterion is scored so that 5 is the best


CRITERIA: tuple[Criterion, ...] = (
    Criterion("importance", "Importance", "How much would it matter for staff wellness and equity? (5 = a great deal)"),
    Criterion("cost", "Cost", "How affordable is it? (5 = little or no cost)"),
    Criterion("time", "Time", "How quickly can it be put in place? (5 = within weeks)"),
    Criterion("commitment", "Commitment", "How committed are staff and leaders to it? (5 = strongly)"),
    Criterion("feasibility", "Feasibility",
              "How feasible is it with current resources and agreements, including bargaining? (5 = very)"),
)
CRITERIA_KEYS = tuple(c.key for c in CRITERIA)
DEFAULT_WEIGHT = 1
MAX_WEIGHT = 5


def weighted_score(scores: Mapping[str, int], weights: Mapping[str, float]) -> float | None:
    """The weighted mean of the scored criteria (1-5), or None if nothing with weight is scored.

    A criterion not scored yet is left out rather than counted as zero, so a half-scored action
    is not pushed to the bottom of the list for what nobody has judged.
    """
    total = weight_sum = 0.0
    for key, score in scores.items():
        weight = weights.get(key, DEFAULT_WEIGHT)
        if score is None or weight <= 0:
            continue
        total += weight * score
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def rank(scores: Mapping[int, float | None]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of ids by score, highest first; unscored ids get no rank."""
    ordered = sorted((s, i) for i, s in scores.items() if s is not None)
    ordered.reverse()
    ranks: dict[int, int] = {}
    previous: float | None = None
    for position, (score, item) in enumerate(ordered, start=1):
        if previous is None or round(score, 9) != round(previous, 9):
            current = position
        ranks[item] = current
        previous = score
    return ranks


def to_matrix_scale(value: float, midpoint: float, from_midpoint: float = DEFAULT_MIDPOINT) -> float:
    """A 1-5 rating read against ``from_midpoint`` (a focus group's matrix: the middle, 3) moved onto a
    matrix whose line sits at ``midpoint``, keeping its side of the line and its distance from the
    ends in proportion: a rating just above the group's middle lands just above the plan's line."""
    value = min(max(value, SCALE_MIN), SCALE_MAX)
    if value <= from_midpoint:
        return SCALE_MIN + (value - SCALE_MIN) * (midpoint - SCALE_MIN) / (from_midpoint - SCALE_MIN)
    return midpoint + (value - from_midpoint) * (SCALE_MAX - midpoint) / (SCALE_MAX - from_midpoint)


def into_quadrant(impact: float, ease: float, wanted: Quadrant, midpoint_impact: float = DEFAULT_MIDPOINT,
                  midpoint_ease: float = DEFAULT_MIDPOINT) -> tuple[float, float]:
    """The nearest position to (impact, ease) in the Do it now! or Do it next quadrant (a class a
    group chose on purpose keeps it on the matrix); other quadrants leave the position as it is."""
    step = 0.5  # clearly across the line, not on it (a position on a line counts as the lower side)
    if wanted not in (Quadrant.DO_NOW, Quadrant.DO_NEXT):
        return impact, ease
    if impact <= midpoint_impact:
        impact = min(SCALE_MAX, midpoint_impact + step)
    if wanted == Quadrant.DO_NOW and ease <= midpoint_ease:
        ease = min(SCALE_MAX, midpoint_ease + step)
    elif wanted == Quadrant.DO_NEXT and ease > midpoint_ease:
        ease = midpoint_ease
    return round(impact, 2), round(ease, 2)
