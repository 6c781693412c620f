"""The small-group rule: no result for a group smaller than the plan's minimum group size.

One rule for every tab that shows results by group (readiness now, survey data later). A group
below the minimum is withheld. When exactly one group would be withheld while the total is shown,
its answers could be worked out by subtracting the others from the total, so the next-smallest
group is withheld too ("complementary suppression").
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping


def suppression_note(min_size: int) -> str:
    """The sentence every screen and printout with group results carries."""
    return (f"Results for groups of fewer than {min_size} respondents are not shown, so no one can be "
            "identified from their answers.")


def is_reportable(count: int, min_size: int) -> bool:
    return count >= min_size


def suppress_small_groups(counts: Mapping[Hashable, int], min_size: int) -> set[Hashable]:
    """The groups whose results must not be shown, given each group's respondent count.

    ``counts`` are the groups of one breakdown, which together make up the total shown beside it.
    Empty groups have nothing to reveal and are not counted as withheld.
    """
    withheld = {g for g, n in counts.items() if 0 < n < min_size}
    shown = sorted(((n, str(g), g) for g, n in counts.items() if n >= min_size), key=lambda t: t[:2])
    if len(withheld) == 1 and shown:
        withheld.add(shown[0][2])
    return withheld
