"""Survey results by group, with small groups withheld: the numbers behind the Data tab's table,
charts, PDF and CSV.

Pure functions over plain numbers (answers already on 1..N, reverse-scored where marked), so the
screen, the printout, the CSV and the tests apply one rule:
- for every group and for "All respondents": how many answered, the mean (1 = lowest), and the
  percent favorable (the top two points of the scale);
- a group with fewer respondents than the plan's minimum shows nothing, and within a group an
  item fewer than the minimum answered shows nothing;
- if exactly one group would be withheld on a measure while "All respondents" is shown, its value
  could be worked out from the total and the others, so the next-smallest group is withheld too;
- respondents who left the breakdown question blank form a group of their own ("No answer"),
  withheld by the same rule, so they can't be found by subtraction either.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from services.suppression import is_reportable

ALL = "All respondents"
NO_ANSWER = "No answer"


@dataclass(frozen=True)
class ItemAnswers:
    label: str
    points: int  # the scale's number of points
    values: Sequence[int | None]  # one per respondent, in the same order as the groups


@dataclass(frozen=True)
class Cell:
    n: int  # answers to the measure in the group (kept even when withheld, never shown then)
    respondents: int  # people in the group who answered the measure
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

    def count_text(self, group: str) -> str:
        return "" if group in self.hidden_counts else str(self.respondents[group])

    def cell(self, group: str, measure: str) -> Cell:
        return self.cells[(group, measure)]


def is_favorable(value: int, points: int) -> bool:
    return value >= points - 1


def _summary(answers: list[tuple[int, int]], people: int) -> Cell:
    """``answers``: (value, points) pairs."""
    if not answers:
        return Cell(0, 0, None, None)
    n = len(answers)
    mean = sum(v for v, _ in answers) / n
    favorable = sum(is_favorable(v, p) for v, p in answers)
    return Cell(n, people, round(mean, 4), round(100 * favorable / n, 1))


def _withheld_groups(people: Mapping[str, int], base: set[str], min_size: int) -> set[str]:
    """``base``: groups too small overall, hidden whatever this measure's counts are."""
    hidden = {g for g in base if people.get(g, 0) > 0} | {g for g, n in people.items() if 0 < n < min_size}
    hidden_with_answers = [g for g in hidden if people.get(g, 0) > 0]
    shown = sorted((n, g) for g, n in people.items() if n > 0 and g not in hidden)
    if len(hidden_with_answers) == 1 and shown:
        hidden.add(shown[0][1])  # complementary: one hidden group could be found by subtraction
    return hidden


def disaggregate(groups: Sequence[Hashable | None], items: Sequence[ItemAnswers],
                 domains: Mapping[str, Sequence[str]], min_size: int) -> GroupReport:
    """Results by group for every item and every domain (a domain pools its items' answers)."""
    labels = [None if g is None or str(g).strip() == "" else str(g) for g in groups]
    for item in items:
        if len(item.values) != len(labels):
            raise ValueError(f"{item.label}: {len(item.values)} answers for {len(labels)} respondents")
    names = sorted({g for g in labels if g is not None}, key=str.casefold)
    if any(g is None for g in labels):
        names.append(NO_ANSWER)
    member = [NO_ANSWER if g is None else g for g in labels]
    respondents = {ALL: len(labels), **{g: member.count(g) for g in names}}
    small = {g for g in names if respondents[g] < min_size}
    # Respondent counts follow the same rule, so a small group's size can't be subtracted out either.
    hidden_counts = _withheld_groups({g: respondents[g] for g in names}, small, min_size)
    by_label = {i.label: i for i in items}
    measures: list[tuple[str, list[ItemAnswers]]] = [(i.label, [i]) for i in items]
    measures += [(name, [by_label[x] for x in members if x in by_label]) for name, members in domains.items()]

    cells: dict[tuple[str, str], Cell] = {}
    for measure, parts in measures:
        answers: dict[str, list[tuple[int, int]]] = {g: [] for g in [ALL, *names]}
        people: dict[str, set[int]] = {g: set() for g in [ALL, *names]}
        for item in parts:
            for r, value in enumerate(item.values):
                if value is None:
                    continue
                for g in (ALL, member[r]):
                    answers[g].append((value, item.points))
                    people[g].add(r)
        counts = {g: len(people[g]) for g in names}
        hidden = _withheld_groups(counts, small, min_size)
        total = _summary(answers[ALL], len(people[ALL]))
        if not is_reportable(len(people[ALL]), min_size):
            total = Cell(total.n, total.respondents, total.mean, total.pct_favorable,
                         f"fewer than {min_size} respondents answered")
        cells[(ALL, measure)] = total
        for g in names:
            cell = _summary(answers[g], counts[g])
            if g in hidden or not total.shown:
                if respondents[g] < min_size:
                    why = f"group of fewer than {min_size} respondents"
                elif 0 < counts[g] < min_size:
                    why = f"fewer than {min_size} in this group answered"
                elif not total.shown:
                    why = f"fewer than {min_size} respondents answered"
                else:
                    why = "withheld so a smaller group's result can't be worked out from the total"
                cell = Cell(cell.n, cell.respondents, cell.mean, cell.pct_favorable, why)
            cells[(g, measure)] = cell
    return GroupReport(groups=(ALL, *names), respondents=respondents, measures=tuple(m for m, _ in measures),
                       domain_names=frozenset(domains), cells=cells, min_size=min_size,
                       hidden_counts=frozenset(hidden_counts))


CSV_HEADER = ("group", "measure", "n", "mean", "pct_favorable", "suppressed")


def csv_rows(report: GroupReport) -> list[tuple[str, ...]]:
    """The rows of ``survey report``'s CSV: withheld cells have empty n, mean and percent."""
    rows = []
    for group in report.groups:
        for measure in report.measures:
            cell = report.cell(group, measure)
            if cell.shown and cell.n:
                rows.append((group, measure, str(cell.n), f"{cell.mean:.4f}", f"{cell.pct_favorable:.1f}", "false"))
            elif cell.shown:
                rows.append((group, measure, "0", "", "", "false"))
            else:
                rows.append((group, measure, "", "", "", "true"))
    return rows
