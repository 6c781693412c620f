"""Survey results by group, with small groups withheld: the numbers behind the Data tab's table,
charts, PDF and CSV.

Pure functions over plain numbers (answers already on 1..N, reverse-scored where marked), so the
screen, the printout, the CSV and the tests apply one rule:
- for every group and for "All respondents": how many answered, the mean (1 = lowest), and the
  percent favorable (the top two points of the scale; the top point only on a scale of three
  points or fewer, so a yes/no measure counts the "yes" answers, not everyone);
- a group with fewer respondents than the plan's minimum shows nothing, and within a group an
  item fewer than the minimum answered shows nothing;
- if exactly one group would be withheld on a measure while "All respondents" is shown, its value
  could be worked out from the total and the others, so the next-smallest group is withheld too
  (the rule is ``suppression.suppress_small_groups``, the one every other screen uses too);
- the n printed beside a result (CSV, evidence sent to Priorities) counts people, like the group
  sizes the summary shows: the respondents who answered the measure. A domain pools its items'
  answers, so its count of answers (``Cell.n``) is several per person and never printed as n
  (``released_numbers``);
- respondents who left the breakdown question blank form a group of their own ("No answer"),
  withheld by the same rule, so they can't be found by subtraction either.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from services.suppression import is_reportable, suppress_small_groups

ALL = "All respondents"
NO_ANSWER = "No answer"


@dataclass(frozen=True)
class ItemAnswers:
    label: str
    points: int  # the scale's number of points
    values: Sequence[int | None]  # one per respondent (1..N; None or 0 = no answer), in the groups' order
    share: bool = False  # a tick-all-that-apply choice: only the share who ticked it means anything


@dataclass(frozen=True)
class Cell:
    n: int  # answers to the measure in the group (a domain's: several per person), never printed as n
    respondents: int  # people in the group who answered the measure: the n every output prints
    mean: float | None
    pct_favorable: float | None
    withheld: str = ""  # why it is not shown; empty when shown

    @property
    def shown(self) -> bool:
        return not self.withheld


@dataclass(frozen=True)
class GroupReport:
    groups: tuple[str, ...]  # ALL first, then the groups in order
    respondents: Mapping[str, int]
    measures: tuple[str, ...]  # items by label, then domains by name
    domain_names: frozenset[str]
    cells: Mapping[tuple[str, str], Cell]
    min_size: int
    hidden_counts: frozenset[str] = frozenset()  # groups whose respondent count is not shown
    shares: frozenset[str] = frozenset()  # measures read as the share who ticked a choice (no mean)

    def count_text(self, group: str) -> str:
        return "" if group in self.hidden_counts else str(self.respondents[group])

    def cell(self, group: str, measure: str) -> Cell:
        return self.cells[(group, measure)]


def favorable_from(points: int) -> int:
    """The lowest favorable answer on a scale of ``points``: the top two points, or the top one
    on a scale of three points or fewer (on yes/no, "top two" would be everyone)."""
    return points if points <= 3 else points - 1


@dataclass(frozen=True)
class ReleasedNumbers:
    respondents: int  # the n printed beside the result
    mean: float
    pct_favorable: float


def released_numbers(cell: Cell) -> ReleasedNumbers | None:
    """The numbers of a cell as every output prints them (CSV, evidence sent to Priorities), or
    None when it is withheld or nobody answered.

    n is the people who answered the measure, not ``Cell.n``: for a domain that counts answers
    pooled over its items (143 answers from 37 food-service staff), which no one reads as n.
    """
    if not cell.shown or not cell.n or cell.mean is None or cell.pct_favorable is None:
        return None
    return ReleasedNumbers(cell.respondents, cell.mean, cell.pct_favorable)


def _as_array(values: Sequence[int | None]) -> np.ndarray:
    if isinstance(values, np.ndarray):
        return values
    return np.fromiter((0 if v is None else v for v in values), dtype=np.int8, count=len(values))


def disaggregate(groups: Sequence[Hashable | None], items: Sequence[ItemAnswers],
                 domains: Mapping[str, Sequence[str]], min_size: int) -> GroupReport:
    """Results by group for every item and every domain (a domain pools its items' answers)."""
    labels = [None if g is None or str(g).strip() == "" else str(g) for g in groups]
    names = sorted({g for g in labels if g is not None}, key=str.casefold)
    code_of = {g: n for n, g in enumerate(names, 1)}
    codes = np.fromiter((0 if g is None else code_of[g] for g in labels), dtype=np.uint16, count=len(labels))
    return disaggregate_codes(codes, names, items, domains, min_size)


def disaggregate_codes(codes: np.ndarray, names: Sequence[str], items: Sequence[ItemAnswers],
                       domains: Mapping[str, Sequence[str]], min_size: int,
                       partitions: Sequence[Sequence[str]] = ()) -> GroupReport:
    """As ``disaggregate``, for groups given as codes: 0 = no answer, k = ``names[k - 1]``.

    Vector arithmetic per measure (numpy ``bincount``), so 150,000 respondents x 60 items take a
    fraction of a second.
    """
    size = len(codes)
    for item in items:
        if len(item.values) != size:
            raise ValueError(f"{item.label}: {len(item.values)} answers for {size} respondents")
    names = list(names)
    present = np.bincount(codes, minlength=len(names) + 1)
    order = sorted(range(len(names)), key=lambda k: names[k].casefold())
    listed = [names[k] for k in order if present[k + 1]]
    if present[0]:
        listed.append(NO_ANSWER)
    slot = {name: i for i, name in enumerate(listed)}
    # each respondent's row in the tables below: their group's place in ``listed``
    index = np.zeros(len(names) + 1, dtype=np.int64)
    for k, name in enumerate(names, 1):
        index[k] = slot.get(name, 0)
    index[0] = slot.get(NO_ANSWER, 0)
    member = index[codes.astype(np.int64)]
    width = len(listed)
    respondents = {ALL: size, **{g: int(present[0] if g == NO_ANSWER else present[names.index(g) + 1])
                                 for g in listed}}
    small = {g for g in listed if respondents[g] < min_size}
    # Respondent counts follow the same rule, so a small group's size can't be subtracted out either.
    hidden_counts = suppress_small_groups({g: respondents[g] for g in listed}, min_size, base=small,
                                          partitions=partitions)

    starts: dict[int, np.ndarray] = {}

    def tally(values: np.ndarray, points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        # One count per group and answer (one bincount over the respondents), from which the
        # answers, their sum and the favorable ones per group follow: a third of the work of
        # counting each separately. An answer below 1 is no answer; one above the scale (a plan
        # file changed outside WellPlan) is counted as before, in a row wide enough to hold it.
        answered = values > 0
        answers = values if values.min(initial=0) >= 0 else np.where(answered, values, 0)
        stride = max(points, int(answers.max(initial=0))) + 1
        if stride not in starts:
            starts[stride] = member * stride  # each respondent's group's first slot, for every item alike
        counts = np.bincount(starts[stride] + answers, minlength=width * stride).reshape(width, stride)
        n = counts[:, 1:].sum(axis=1)
        total = (counts * np.arange(stride)).sum(axis=1).astype(float)
        favorable = counts[:, favorable_from(points):].sum(axis=1)
        return n, total, favorable, answered

    arrays = {i.label: (_as_array(i.values), i.points) for i in items}
    tallied = {label: tally(*arrays[label]) for label in arrays}  # each item counted once, domains reuse it
    results: list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # measure, n, sum, fav, people
    for item in items:
        n, total, favorable, _ = tallied[item.label]
        results.append((item.label, n, total, favorable, n))
    for name, members in domains.items():
        n = np.zeros(width, dtype=np.int64)
        total = np.zeros(width)
        favorable = np.zeros(width, dtype=np.int64)
        anyone = np.zeros(size, dtype=bool)
        for label in members:
            if label in tallied:
                a, b, c, answered = tallied[label]
                n, total, favorable = n + a, total + b, favorable + c
                anyone |= answered
        results.append((name, n, total, favorable, np.bincount(member[anyone], minlength=width)))

    def summary(n: int, total: float, favorable: int, people: int) -> Cell:
        n, people = int(n), int(people)
        if not n:
            return Cell(0, people, None, None)
        return Cell(n, people, round(float(total) / n, 4), round(100 * float(favorable) / n, 1))

    cells: dict[tuple[str, str], Cell] = {}
    for measure, n, total, favorable, people in results:
        everyone = summary(n.sum(), total.sum(), favorable.sum(), int(people.sum()))
        if not is_reportable(everyone.respondents, min_size):
            everyone = Cell(everyone.n, everyone.respondents, everyone.mean, everyone.pct_favorable,
                            f"fewer than {min_size} respondents answered")
        cells[(ALL, measure)] = everyone
        counts = {g: int(people[i]) for i, g in enumerate(listed)}
        hidden = suppress_small_groups(counts, min_size, base=small, partitions=partitions)
        for i, g in enumerate(listed):
            cell = summary(n[i], total[i], favorable[i], counts[g])
            if g in hidden or not everyone.shown:
                if respondents[g] < min_size:
                    why = f"group of fewer than {min_size} respondents"
                elif 0 < counts[g] < min_size:
                    why = f"fewer than {min_size} in this group answered"
                elif not everyone.shown:
                    why = f"fewer than {min_size} respondents answered"
                else:
                    why = "withheld so a smaller group's result can't be worked out from the total"
                cell = Cell(cell.n, cell.respondents, cell.mean, cell.pct_favorable, why)
            cells[(g, measure)] = cell
    return GroupReport(groups=(ALL, *listed), respondents=respondents, measures=tuple(m for m, *_ in results),
                       domain_names=frozenset(domains), cells=cells, min_size=min_size,
                       hidden_counts=frozenset(hidden_counts), shares=frozenset(i.label for i in items if i.share))


CSV_HEADER = ("group", "measure", "n", "mean", "pct_favorable", "suppressed")


def csv_rows(report: GroupReport) -> list[tuple[str, ...]]:
    """The rows of ``survey report``'s CSV: withheld cells have empty n, mean and percent; n is
    the respondents who answered (``released_numbers``), as in the evidence and the summary."""
    rows = []
    for group in report.groups:
        for measure in report.measures:
            cell = report.cell(group, measure)
            numbers = released_numbers(cell)
            if numbers is not None:
                mean = "" if measure in report.shares else f"{numbers.mean:.4f}"  # a share has no mean
                rows.append((group, measure, str(numbers.respondents), mean, f"{numbers.pct_favorable:.1f}", "false"))
            elif cell.shown:
                rows.append((group, measure, "0", "", "", "false"))
            else:
                rows.append((group, measure, "", "", "", "true"))
    return rows
