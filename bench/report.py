"""How every benchmark prints a figure: its value, its target and whether it holds, the same way.

Each benchmark calls `figure` (one value against its target) and `growth` (one cost at three
sizes, to show how it grows with the work); `run_all` prints the tally at the end and exits
non-zero when a figure misses, so a quiet run says plainly whether the targets hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Faster than linear is what we forbid; a measured exponent a little over 1 between sizes is
# noise and fixed costs being amortised, not a quadratic (which would read about 2).
LINEAR_LIMIT = 1.15


@dataclass(frozen=True)
class Figure:
    label: str
    holds: bool


RESULTS: list[Figure] = []


def heading(text: str) -> None:
    print(f"\n{text}", flush=True)


def figure(label: str, value: float, target: float, unit: str, *, note: str = "", at_least: bool = False) -> bool:
    """Print one measured figure against its target (at most `target`, or at least if `at_least`)."""
    holds = value >= target if at_least else value <= target
    sign = ">=" if at_least else "<="
    shown = f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"
    aim = f"{target:,.2f}" if abs(target) < 10 else f"{target:,.0f}"
    text = f"  {label:<46} {shown:>9} {unit:<3} target {sign} {aim:<6} {'ok' if holds else 'MISSED'}"
    print(text + (f"  ({note})" if note else ""), flush=True)
    RESULTS.append(Figure(label, holds))
    return holds


def exponent(sizes: list[float], values: list[float]) -> float:
    """How the cost grows with the work between the smallest and the largest size: 1 is linear."""
    if values[0] <= 0 or values[-1] <= 0:
        return 0.0
    return math.log(values[-1] / values[0]) / math.log(sizes[-1] / sizes[0])


def growth(label: str, sizes: list[float], values: list[float], unit: str, *, size_unit: str) -> bool:
    """Print one cost at each size and how it grows; it may not grow faster than linearly."""
    shown = ", ".join(f"{size:,.0f} {size_unit}: {value:,.2f} {unit}" for size, value in zip(sizes, values, strict=True))
    return figure(f"growth of {label}", exponent(sizes, values), LINEAR_LIMIT, "", note=f"1 is linear; {shown}")


def tally() -> int:
    """Print how many figures hold; the exit status for `make bench`."""
    missed = [result.label for result in RESULTS if not result.holds]
    print(f"\n{len(RESULTS) - len(missed)} of {len(RESULTS)} figures hold their targets."
          + (f" Missed: {'; '.join(missed)}." if missed else ""))
    return 1 if missed else 0
