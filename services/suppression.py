"""The small-group rule: no result for a group smaller than the plan's minimum group size.

One rule for every screen, printout, chart and CSV that shows results by group (readiness rounds,
survey participation, survey results and their cross-tabs): they all ask ``suppress_small_groups``
which groups to withhold, so the rule can't drift between two copies.

A group below the minimum is withheld. When exactly one group would be withheld while the total is
shown, its answers could be worked out by subtracting the others from the total, so the
next-smallest group is withheld too ("complementary suppression"); the same holds within every
further set of groups whose total is shown elsewhere (a cross-tab's rows and columns).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping

# What the disclosure audit (``disclosure_audit.Protection``) guarantees, in the words Preferences
# and the user guide use.
PROTECTION_TEXT = ("A small group's result is protected when, from everything WellPlan has released, its mean can't "
                   "be narrowed to less than half the scale, its percent favorable to less than 30 points, and its "
                   "number of respondents can't be worked out (that a listed group has someone is shown; how many "
                   "isn't).")


def suppression_note(min_size: int) -> str:
    """The sentence every screen and printout with group results carries."""
    return (f"Results for groups of fewer than {min_size} respondents are not shown, so no one can be "
            "identified from their answers.")


def is_reportable(count: int, min_size: int) -> bool:
    """Whether a count of respondents is large enough to show on its own."""
    return count >= min_size


def suppress_small_groups(counts: Mapping[Hashable, int], min_size: int, *, base: Collection[Hashable] = (),
                          partitions: Iterable[Iterable[Hashable]] = ()) -> set[Hashable]:
    """The groups whose results must not be shown, given each group's respondent count.

    ``counts`` are the groups of one breakdown, which together make up the total shown beside it.
    ``base``: groups to withhold whatever their count here (a survey group too small overall stays
    hidden on a measure that fewer of the others answered). ``partitions``: further sets of these
    groups whose totals are shown elsewhere (the rows and columns of a cross-tab); within each, as
    within the whole, one withheld group alone could be subtracted out, so the next-smallest shown
    one (by count, then name) is withheld too, until no set has exactly one.

    Empty groups have nothing to reveal: never withheld, and not counted in a set's withheld ones.
    """
    def size(group: Hashable) -> int:
        return counts.get(group, 0)

    withheld = {g for g, n in counts.items() if n > 0 and (not is_reportable(n, min_size) or g in base)}
    sets = [list(counts), *(list(dict.fromkeys(p)) for p in partitions)]
    changed = True
    while changed:
        changed = False
        for members in sets:
            present = [g for g in members if size(g) > 0]
            shown = [g for g in present if g not in withheld]
            if len(present) - len(shown) == 1 and shown:
                withheld.add(min(shown, key=lambda g: (size(g), str(g))))
                changed = True
    return withheld
