"""The disclosure audit: can anything WellPlan has released, plus the table about to be released,
pin down a small group's result?

Hiding small groups one table at a time is not enough: a plan releases many related tables over a
year (reports by different attributes, cross-tabs, domains that pool items, totals, participation
counts), and arithmetic across them can recover what each table withheld. So every number released
is written down (``release_ledger``), and before a new table goes out this module asks, for every
result that must stay hidden, how narrowly all the released numbers together can pin it.

How: respondents are split into "atoms", the finest groups every released breakdown is a union of
(one per combination of the attributes' groups, and of earlier/late responses when a wave was
replaced). The unknowns are, per atom, its number of respondents and, per item, its number of
answers, their sum, and how many were in the top and in the bottom points of the scale. Every
released number is a linear constraint on sums of these (a mean is a sum over a count; a rounded
value is a pair of inequalities), as is what answers on a scale can be. A linear program then gives
the narrowest range of each hidden result: the least and greatest mean, percent favorable and
count consistent with everything released (means and percents are ratios, handled with the
Charnes-Cooper transformation). This is the standard audit of statistical disclosure control
(Hundepool et al., *Statistical Disclosure Control*, 2012, ch. 4 and 5), with the LP relaxation an
attacker with a spreadsheet solver would also use.

What counts as protected (``Protection``):
- a mean: the range it can be pinned to must span at least half the scale (2 points of a 1-5
  scale): "the whole width of the scale's middle half", so no one can tell whether a small group
  leaned favourable or unfavourable;
- a percent favourable: a range at least 30 points wide (+/-15 points, the p% rule's usual
  protection for a percentage);
- a count below the minimum group size: it can't be worked out, that is, more than one whole
  number stays possible. That a listed group has respondents is no secret: every table lists a
  group only when someone in it answered ("group of fewer than 5 respondents"), and participation
  prints 0 for a group nobody answered. So the linear programs know it too (each listed group has
  at least one), and what is kept is how many, within 1 to 4, and what they answered. The new
  table's own small counts are checked with every item's answers and sums (a rounded mean can pin
  a count); earlier ones with counts alone, which on a district's survey is what keeps the audit to
  seconds.
Results hidden because fewer than the minimum answered need this protection (the "primary"
cells), and so do results where everyone answered alike (0% or 100% favourable, a mean at the end
of the scale), which tell each member's answer; results hidden alongside them only to protect them
need not be protected themselves.

If a hidden result is not protected, more of the new table is withheld: of the shown cells whose
numbers bind in the linear program (what pins the result), the one about the fewest people, until
every hidden result is protected; then each cell withheld that way is tried again and put back if
it turns out unnecessary, and a withheld cell that everything else pins to whole numbers anyway
is shown. Earlier releases can't be taken back, so only the new table ever gives way.

(Longer than most modules: the linear system and the audit that drives it share private
structures, the row owners and the transformed rows, that would otherwise need a public API.)

One module, long on purpose: the unknowns, the constraints each kind of release adds, the
narrowest range of each hidden result and the choice of what else to withhold are one argument;
split, a reader would follow one linear program across files.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

_EPS = 1e-6
# The linear programs let counts be fractions; an attacker who tries whole counts can sometimes pin
# a result a little more narrowly. So the audit asks for half as much again as it promises.
_MARGIN = 1.5


@dataclass(frozen=True)
class Group:
    """Who a number is about: respondents whose codes on ``dims`` are one of ``codes`` (None: all),
    among the responses ``start`` to ``rows`` of the wave (a wave replaced by a later download
    keeps its earlier responses first, so an earlier release is about the first ``rows``)."""

    dims: tuple[int, ...]
    codes: frozenset[tuple[int, ...]] | None
    rows: int
    label: str = field(default="", compare=False)
    start: int = 0


@dataclass(frozen=True)
class Measure:
    """An item, or a domain pooling several: each item id with whether it was reverse-scored as
    released (so a release before and after a change of reverse scoring are both understood)."""

    name: str
    items: tuple[tuple[int, bool], ...]


@dataclass(frozen=True)
class Number:
    """One released number: ``stat`` is "R" (respondents in the group), "n" (respondents who
    answered the measure), "mean" or "pct"; ``half_width`` is half its rounding step."""

    group: Group
    measure: Measure | None
    stat: str
    value: float
    half_width: float = 0.0


@dataclass(frozen=True)
class Protected:
    """A result that was withheld because fewer than the minimum answered, and must stay so:
    a group's count (``measure`` None) or a cell. ``origin`` says which release withheld it."""

    group: Group
    measure: Measure | None
    origin: str = field(default="", compare=False)


@dataclass(frozen=True)
class Protection:
    min_size: int = 5
    mean_share: float = 0.5  # of the scale's width (P - 1)
    pct_points: float = 30.0


@dataclass
class WaveArrays:
    """A wave's answers as the audit needs them."""

    size: int
    codes: Mapping[int, np.ndarray]  # dimension id -> group code per respondent (0 = no answer)
    answers: Mapping[int, np.ndarray]  # item id -> answer per respondent as stored (0 = none)
    points: Mapping[int, int]
    reversed_now: Mapping[int, bool]

    def raw(self, item: int) -> np.ndarray:
        """Answers as given, before reverse scoring."""
        values = self.answers[item].astype(np.int16)
        if self.reversed_now.get(item):
            values = np.where(values > 0, self.points[item] + 1 - values, 0)
        return values


def _favorable_bounds(points: int) -> tuple[int, int]:
    """(highest bottom answer, lowest top answer): favourable is the top two points (top one on a
    scale of three or fewer), and unfavourable, its mirror image, the bottom two."""
    return (1, points) if points <= 3 else (2, points - 1)


# ---- the linear system ---------------------------------------------------------------------------

_banner_quiet = False


def _new_highs(presolve: bool):
    """A HiGHS solver, silent: the library prints a banner to standard output the first time one is
    made, which would end up in the command line's output."""
    import os
    import sys

    import highspy

    global _banner_quiet
    if _banner_quiet:
        h = highspy.Highs()
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_quiet = True
    h.setOptionValue("output_flag", False)
    # The same model is solved many times with another objective or denominator: the simplex method
    # restarts from the last basis (HiGHS presolves only a model without one). ``presolve``: the
    # first solve too, where only optimal values are read (a cross-tab's system of every item,
    # 29,000 rows, spent 30 s in phase one from nothing on a district's survey; 0.6 s presolved).
    # Not where the binding rows choose what to withhold: at a degenerate optimum they depend on
    # the path the simplex method took, and presolving changes it (on a 1,500-response survey, 14
    # of the 1,059 results withheld were shown and others withheld in their place).
    h.setOptionValue("presolve", "on" if presolve else "off")
    h.setOptionValue("solver", "simplex")
    return h


class _Rows:
    """Constraints lo <= sum(value * column) <= hi, gathered in typed arrays: a cross-tab's systems
    have millions of entries, which as Python numbers in lists took 30 MB more at the audit's peak
    (15,000 responses: 367 -> 337 MB)."""

    def __init__(self) -> None:
        self.starts = array("q", [0])
        self.owner: list[object] = []  # which released cell each row says something about (None: structure)
        self.current: object = None
        self.index = array("q")
        self.value = array("d")
        self.lower = array("d")
        self.upper = array("d")

    def add(self, terms: dict[int, float], lo: float, hi: float) -> None:
        for c, v in terms.items():
            if v:
                self.index.append(c)
                self.value.append(v)
        self.starts.append(len(self.index))
        self.lower.append(lo)
        self.upper.append(hi)
        self.owner.append(self.current)

    def __len__(self) -> int:
        return len(self.lower)


class _System:
    """Atoms, variables and the constraints of everything released, for one wave and one group of
    items tied together by domains (``full``): those items get answers, sums and top and bottom
    counts per atom; every other item only its answers, which still bound the groups' sizes."""

    # Whether only the optimal values of its solves are read, never their binding rows (then each
    # model's first solve is presolved: see ``_new_highs``).
    values_only = False
    _deferred = False  # see ``_plain_optimum``

    def __init__(self, wave: WaveArrays, groups: Iterable[Group], measures: Iterable[Measure],
                 full: Iterable[int] = ()):
        self.wave = wave
        groups = list(groups)
        measures = list(measures)
        self.dims = sorted({d for g in groups for d in g.dims})
        self.cuts = sorted({r for g in groups for r in (g.rows, g.start) if 0 < r < wave.size})
        key = np.zeros(wave.size, dtype=np.int64)
        for d in self.dims:
            codes = wave.codes[d].astype(np.int64)
            key = key * (int(codes.max(initial=0)) + 1) + codes
        epoch = np.searchsorted(np.array(self.cuts, dtype=np.int64), np.arange(wave.size), side="right")
        key = key * (len(self.cuts) + 1) + epoch
        atoms, self.member = np.unique(key, return_inverse=True)
        self.atom_count = a = len(atoms)
        first = np.zeros(a, dtype=np.int64)
        first[self.member[::-1]] = np.arange(wave.size)[::-1]  # one respondent of each atom
        self.atom_codes = {d: wave.codes[d][first] for d in self.dims}
        self.atom_end = np.array([*self.cuts, wave.size], dtype=np.int64)[epoch[first]]
        self.atom_start = np.array([0, *self.cuts], dtype=np.int64)[epoch[first]]
        self.full = sorted(set(full))
        # A system about counts has every item's answers (each bounds the groups' sizes); one about
        # the means and percents of a few items has just those: the rest only bound counts, which
        # a released count already pins, and would make every linear program several times larger.
        self.items = self.full if self.full else sorted({i for m in measures for i, _ in m.items})
        self.multi = sorted({tuple(sorted(i for i, _ in m.items)) for m in measures
                             if len(m.items) > 1 and {i for i, _ in m.items} <= set(self.full)})
        # columns: R per atom; n per atom and item; s, t, b per atom and full item; r per atom and
        # multi-item measure of full items
        self.col_n = {i: a * (1 + k) for k, i in enumerate(self.items)}
        base = a * (1 + len(self.items))
        self.col_stb = {i: base + 3 * a * k for k, i in enumerate(self.full)}
        base += 3 * a * len(self.full)
        self.col_multi = {m: base + a * k for k, m in enumerate(self.multi)}
        self.columns = base + a * len(self.multi)
        self.rows = _Rows()
        self._groups: dict[Group, np.ndarray] = {}
        self._structure()

    def R(self, atom: int) -> int:
        return atom

    def n(self, item: int, atom: int) -> int:
        return self.col_n[item] + atom

    def s(self, item: int, atom: int) -> int:
        return self.col_stb[item] + atom

    def t(self, item: int, atom: int) -> int:
        return self.col_stb[item] + self.atom_count + atom

    def b(self, item: int, atom: int) -> int:
        return self.col_stb[item] + 2 * self.atom_count + atom

    def r(self, items: tuple[int, ...], atom: int) -> int:
        return self.col_multi[items] + atom

    def _structure(self) -> None:
        """What answers on a scale can be, per atom."""
        add = self.rows.add
        add({self.R(a): 1.0 for a in range(self.atom_count)}, self.wave.size, self.wave.size)  # the wave's size
        for i in self.items:
            for a in range(self.atom_count):
                add({self.n(i, a): 1.0, self.R(a): -1.0}, -np.inf, 0.0)
        for i in self.full:
            points = self.wave.points[i]
            bottom, top = _favorable_bounds(points)
            low_mid, high_mid = bottom + 1, top - 1
            middle = high_mid >= low_mid
            for a in range(self.atom_count):
                n, s, t, b = self.n(i, a), self.s(i, a), self.t(i, a), self.b(i, a)
                add({t: 1.0, b: 1.0, n: -1.0}, -np.inf if middle else 0.0, 0.0)
                add({s: 1.0, n: -float(low_mid), b: float(low_mid - 1), t: -float(top - low_mid)}, 0.0, np.inf)
                add({s: 1.0, n: -float(high_mid), b: float(high_mid - bottom), t: -float(points - high_mid)},
                    -np.inf, 0.0)
        for m in self.multi:
            for a in range(self.atom_count):
                r = self.r(m, a)
                add({r: 1.0, self.R(a): -1.0}, -np.inf, 0.0)
                add({r: 1.0, **{self.n(i, a): -1.0 for i in m}}, -np.inf, 0.0)
                for i in m:
                    add({self.n(i, a): 1.0, r: -1.0}, -np.inf, 0.0)

    def atoms_of(self, group: Group) -> np.ndarray:
        found = self._groups.get(group)
        if found is not None:
            return found
        inside = (self.atom_end <= max(group.rows, 0)) & (self.atom_start >= group.start)
        if group.codes is not None:
            keys = zip(*(self.atom_codes[d].tolist() for d in group.dims), strict=True) if group.dims else \
                iter([()] * self.atom_count)
            inside = inside & np.fromiter((k in group.codes for k in keys), dtype=bool, count=self.atom_count)
        found = self._groups[group] = np.flatnonzero(inside)
        return found

    def covers(self, measure: Measure) -> bool:
        return {i for i, _ in measure.items} <= set(self.full)

    def terms(self, measure: Measure, atoms: np.ndarray, what: str) -> dict[int, float]:
        """Sum over the group's atoms and the measure's items of: answers ("n"), the released sum of
        answers ("s", in the orientation released) or favourable answers ("f")."""
        terms: dict[int, float] = {}
        for item, flipped in measure.items:
            points = self.wave.points[item]
            for a in atoms.tolist():
                if what == "n":
                    terms[self.n(item, a)] = terms.get(self.n(item, a), 0.0) + 1.0
                elif what == "s":
                    if flipped:  # released reversed: (P + 1) n - s
                        terms[self.n(item, a)] = terms.get(self.n(item, a), 0.0) + points + 1
                        terms[self.s(item, a)] = terms.get(self.s(item, a), 0.0) - 1.0
                    else:
                        terms[self.s(item, a)] = terms.get(self.s(item, a), 0.0) + 1.0
                else:
                    col = self.b(item, a) if flipped else self.t(item, a)
                    terms[col] = terms.get(col, 0.0) + 1.0
        return terms

    def respondents(self, measure: Measure, atoms: np.ndarray) -> dict[int, float]:
        if len(measure.items) == 1:
            return self.terms(measure, atoms, "n")
        key = tuple(sorted(i for i, _ in measure.items))
        return {self.r(key, a): 1.0 for a in atoms.tolist()}

    def add_number(self, number: Number, owner: object = None) -> None:
        """A released number as constraints, as far as this system's variables can say it; ``owner``
        names the cell it belongs to, so the rows that pin a result can be traced back to it."""
        self.rows.current = owner
        try:
            self._add_number(number)
        finally:
            self.rows.current = None

    def _add_number(self, number: Number) -> None:
        lo, hi = number.value - number.half_width, number.value + number.half_width
        measure = number.measure
        if measure is not None and any(i not in self.col_n for i, _ in measure.items):
            return
        atoms = self.atoms_of(number.group)
        if number.stat == "R":
            self.rows.add({self.R(a): 1.0 for a in atoms.tolist()}, lo, hi)
            return
        if number.stat == "answers":  # a measure's answers, pooled over its items
            self.rows.add(self.terms(measure, atoms, "n"), lo, hi)
            return
        if number.stat == "n":
            if len(measure.items) == 1:
                self.rows.add(self.terms(measure, atoms, "n"), lo, hi)
            elif self.covers(measure):
                self.rows.add(self.respondents(measure, atoms), lo, hi)
            return
        if not self.covers(measure):
            return
        answers = self.terms(measure, atoms, "n")
        numerator = self.terms(measure, atoms, "s" if number.stat == "mean" else "f")
        scale = 1.0 if number.stat == "mean" else 100.0
        for bound, (row_lo, row_hi) in ((lo, (0.0, np.inf)), (hi, (-np.inf, 0.0))):
            terms = {c: scale * v for c, v in numerator.items()}
            for c, v in answers.items():
                terms[c] = terms.get(c, 0.0) - bound * v
            self.rows.add(terms, row_lo, row_hi)

    # ---- solving ---------------------------------------------------------------------------------
    def true_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Columns of counts (respondents and answers per atom) and their true values."""
        a = self.atom_count
        cols, values = [np.arange(a)], [np.bincount(self.member, minlength=a).astype(float)]
        for i in self.items:
            answered = self.wave.answers[i] > 0
            cols.append(self.col_n[i] + np.arange(a))
            values.append(np.bincount(self.member[answered], minlength=a).astype(float))
        for m in self.multi:
            anyone = np.zeros(self.wave.size, dtype=bool)
            for i in m:
                anyone |= self.wave.answers[i] > 0
            cols.append(self.col_multi[m] + np.arange(a))
            values.append(np.bincount(self.member[anyone], minlength=a).astype(float))
        return np.concatenate(cols), np.concatenate(values)

    def _model(self, ratio: bool, fixed_counts: bool = False, presolve: bool | None = None):
        """The rows as a HiGHS model; for ratios, Charnes-Cooper's: every variable scaled by 1 / the
        denominator, one more column for that scale, and one last row (set per question) saying the
        scaled denominator is 1."""
        import highspy

        rows = self.rows
        starts = np.array(rows.starts, dtype=np.int32)
        index = np.array(rows.index, dtype=np.int32)
        value = np.array(rows.value, dtype=np.float64)
        lower, upper = np.array(rows.lower), np.array(rows.upper)
        columns = self.columns
        if ratio:  # lo <= a.x <= hi becomes a.y - lo t >= 0 and a.y - hi t <= 0
            t = columns
            columns += 1
            new_starts, new_index, new_value, new_lower, new_upper = [0], [], [], [], []
            self._ratio_origin: list[int] = []  # each transformed row's original row
            for k in range(len(rows)):
                cols, vals = index[starts[k]:starts[k + 1]], value[starts[k]:starts[k + 1]]
                for bound, lo, hi in ((lower[k], 0.0, np.inf), (upper[k], -np.inf, 0.0)):
                    if not np.isfinite(bound):
                        continue
                    new_index.extend(cols.tolist())
                    new_value.extend(vals.tolist())
                    if bound:
                        new_index.append(t)
                        new_value.append(-bound)
                    new_starts.append(len(new_index))
                    new_lower.append(lo)
                    new_upper.append(hi)
                    self._ratio_origin.append(k)
            new_starts.append(len(new_index))  # the denominator row, empty until a question sets it
            self._ratio_origin.append(-1)
            new_lower.append(1.0)
            new_upper.append(1.0)
            starts = np.array(new_starts, dtype=np.int32)
            index = np.array(new_index, dtype=np.int32)
            value = np.array(new_value, dtype=np.float64)
            lower, upper = np.array(new_lower), np.array(new_upper)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = columns
        lp.num_row_ = len(lower)
        lp.col_cost_ = np.zeros(columns)
        col_lower, col_upper = np.zeros(columns), np.full(columns, inf)
        if fixed_counts:  # every count at its true value: only sums and favourable answers move
            cols, values = self.true_counts()
            col_lower[cols] = values
            col_upper[cols] = values
        if ratio:
            # The scale is 1 / (the group's answers): a result needs at least one answer, so at most
            # 1. Without it the relaxation lets a fraction of an answer carry any mean, and misses
            # what whole answers pin (if all respondents averaged 1.0, every group did).
            col_upper[columns - 1] = 1.0
        lp.col_lower_ = col_lower
        lp.col_upper_ = col_upper
        lp.row_lower_ = np.where(np.isfinite(lower), lower, -inf)
        lp.row_upper_ = np.where(np.isfinite(upper), upper, inf)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = index
        lp.a_matrix_.value_ = value
        # The model with counts fixed serves only ``spread``, whose binding rows no one reads.
        if presolve is None:
            presolve = self.values_only or fixed_counts
        h = _new_highs(presolve)
        h.passModel(lp)
        if presolve:
            self._presolved = {*getattr(self, "_presolved", ()), id(h)}
        return h, lp.num_row_ - 1

    def _optimum(self, h, cost: dict[int, float], maximize: bool) -> float | None:
        import highspy

        cols = np.array(list(cost), dtype=np.int32)
        h.changeColsCost(len(cols), cols, np.array(list(cost.values()), dtype=np.float64))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kUnboundedOrInfeasible and id(h) in getattr(self, "_presolved", ()):
            h.setOptionValue("presolve", "off")  # presolve found one or the other, not which
            h.run()
            status = h.getModelStatus()
        value = float(h.getInfo().objective_function_value)  # read before the model changes again
        if status == highspy.HighsModelStatus.kOptimal:
            solution = h.getSolution()
            self.last_duals = np.array(solution.row_dual)
            if h is not getattr(self, "_ratio", (None,))[0]:  # the ratio model's points are scaled
                self._remember(h, np.array(solution.col_value))
        else:
            self.last_duals = np.zeros(0)
        h.changeColsCost(len(cols), cols, np.zeros(len(cols)))
        if status == highspy.HighsModelStatus.kOptimal:
            return value
        if status == highspy.HighsModelStatus.kUnbounded:
            return float("inf") if maximize else float("-inf")
        return None  # infeasible: no consistent value

    def binding(self, duals: np.ndarray, origin: list[int] | None = None) -> set:
        """The released cells whose rows bind at the last optimum: what pins the result."""
        owners = self.rows.owner
        found = set()
        for r in np.flatnonzero(np.abs(duals) > 1e-9).tolist():
            k = origin[r] if origin is not None else r
            if 0 <= k < len(owners) and owners[k] is not None:
                found.add(owners[k])
        return found

    # Solutions kept per model: each is a point every row allows, so two of them that give a sum
    # values a width apart prove the sum can't be narrowed to less, without a linear program.
    _KEPT_POINTS = 32

    def _remember(self, h, point: np.ndarray) -> None:
        kept = self.__dict__.setdefault("_points", {}).setdefault(id(h), [])
        kept.append(point)
        if len(kept) > self._KEPT_POINTS:
            del kept[0]

    def _known_width(self, h, terms: dict[int, float]) -> float:
        """How far apart the sum is at the points the model's solves found (0 without two)."""
        kept = getattr(self, "_points", {}).get(id(h), ())
        if len(kept) < 2 or not terms:
            return 0.0
        cols = np.fromiter(terms, dtype=np.int64, count=len(terms))
        coefs = np.fromiter(terms.values(), dtype=np.float64, count=len(terms))
        values = np.array([float(point[cols] @ coefs) for point in kept])
        return float(values.max() - values.min())

    def spread(self, terms: dict[int, float], enough: float = np.inf) -> float | None:
        """How far apart the least and greatest value of a sum can be with every count held at its
        true value: a quick check, since fixing the counts only narrows what can be worked out, a
        spread wide enough here is wide enough in truth. Once it is known to be at least ``enough``
        (two earlier solutions are that far apart), that is returned without solving: only whether
        it reaches ``enough`` is asked, and no one reads this model's binding rows."""
        if getattr(self, "_fixed", None) is None:
            self._fixed = self._model(ratio=False, fixed_counts=True)[0]
        known = self._known_width(self._fixed, terms)
        if known >= enough:
            return known
        low = self._optimum(self._fixed, terms, maximize=False)
        high = self._optimum(self._fixed, terms, maximize=True) if low is not None else None
        return None if low is None or high is None else high - low

    def extent(self, terms: dict[int, float], enough: float = np.inf) -> float | None:
        """How far apart the least and greatest value of a sum can be (None: nothing consistent);
        once known to be at least ``enough``, that without solving (as ``spread``: the caller asks
        only whether it reaches ``enough`` and reads no binding rows)."""
        if getattr(self, "_plain", None) is not None:
            known = self._known_width(self._plain, terms)
            if known >= enough:
                return known
        low = self.least(terms)
        if low is None:
            return None
        high = self._plain_optimum(terms, maximize=True)
        return None if high is None else high - low

    def pins(self, terms: dict[int, float], truth: int) -> bool:
        """Whether a count whose true value is ``truth`` is the only whole number the rows allow
        (then ``pinned_by`` names the cells that pin it). The least value first: it alone usually
        leaves room below, and a second linear program is needed only when it doesn't."""
        low = self.least(terms)
        if low is None or np.ceil(low - _EPS) <= truth - 1:
            return False
        pinned = self.pinned_by
        high = self._plain_optimum(terms, maximize=True)
        if self._deferred:
            if high is None or np.floor(high + _EPS) >= truth + 1:
                return False
            low, high = self._solve_exactly()  # pinned: which cells pin it is read
            if low is None or np.ceil(low - _EPS) <= truth - 1:
                return False
            pinned = self.pinned_by
        self.pinned_by = pinned | self.binding(self.last_duals)
        return high is not None and np.floor(high + _EPS) < truth + 1

    def least(self, terms: dict[int, float]) -> float | None:
        value = self._plain_optimum(terms, maximize=False)
        # deferred: not known until asked for (``_solve_exactly``); None, so no one reads it unasked
        self.pinned_by = None if self._deferred else self.binding(self.last_duals)
        return value

    def _plain_optimum(self, terms: dict[int, float], maximize: bool) -> float | None:
        """Solved on the model without ratios. Where its binding rows may be read (``values_only``
        off), they must come out as they always have, from solves that were never presolved (see
        ``_new_highs``); but they are read only for a result found exposed, rarely. So until then a
        presolved copy answers (the same optimal values: on a 15,000-response cross-tab, its system
        of every item took 30 s to solve first unpresolved, 0.6 s presolved) and each solve is
        noted; ``_solve_exactly`` replays them in order on the model as it was always solved."""
        if getattr(self, "_plain", None) is None:
            self._deferred = not self.values_only
            self._plain_log: list[tuple[dict[int, float], bool]] = []
            self._plain = self._model(ratio=False, presolve=True)[0]
        value = self._optimum(self._plain, terms, maximize)
        if self._deferred:
            self._plain_log.append((terms, maximize))
        return value

    def _solve_exactly(self) -> tuple[float | None, float | None]:
        """The solves so far (the last two: a least and a greatest value) replayed on an unpresolved
        model, which answers from here on: the last two values, and ``pinned_by`` and
        ``last_duals`` as those solves give them."""
        exact = self._model(ratio=False, presolve=False)[0]
        values: list[float | None] = []
        pinned: set = set()
        for k, (terms, maximize) in enumerate(self._plain_log):
            values.append(self._optimum(exact, terms, maximize))
            if k == len(self._plain_log) - 2:
                pinned = self.binding(self.last_duals)
        # The presolved copy goes: what is kept by its id must not pass to a model given that id
        # later (one with counts fixed, whose points these are not).
        getattr(self, "_points", {}).pop(id(self._plain), None)
        self._presolved = getattr(self, "_presolved", set()) - {id(self._plain)}
        self._plain, self._deferred, self._plain_log = exact, False, []
        self.pinned_by = pinned
        return values[-2], values[-1]

    def ratio_range(self, numerator: dict[int, float], denominator: dict[int, float]) -> tuple[float, float] | None:
        """The least and greatest numerator / denominator consistent with every row."""
        if getattr(self, "_ratio", None) is None:
            self._ratio = self._model(ratio=True)
        h, row = self._ratio
        for c, v in denominator.items():
            h.changeCoeff(row, c, v)
        try:
            low = self._optimum(h, numerator, maximize=False)
            self.pinned_by = self.binding(self.last_duals, self._ratio_origin)
            high = self._optimum(h, numerator, maximize=True) if low is not None else None
            self.pinned_by |= self.binding(self.last_duals, self._ratio_origin)
        finally:
            for c in denominator:
                h.changeCoeff(row, c, 0.0)
        if low is None or high is None:
            return None
        return low, high


# ---- the audit ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """A result of the table about to be released: its numbers, and how many it is about (the cost
    of withholding it)."""

    key: tuple[str, str]  # (group label, measure name; "" for the group's count)
    group: Group
    measure: Measure | None
    numbers: tuple[Number, ...]
    respondents: int


@dataclass
class AuditResult:
    withheld: dict[tuple[str, str], str]  # cell key -> why (for cells the audit withheld)
    protected: list[Protected]  # every result that must stay hidden, with this table's added
    checked: int  # how many hidden results were checked
    revealed: frozenset[tuple[str, str]] = frozenset()  # withheld cells everything else pins anyway


def _true_people(wave: WaveArrays, system: _System, protected: Protected) -> int:
    inside = np.isin(system.member, system.atoms_of(protected.group))
    if protected.measure is None:
        return int(inside.sum())
    answered = np.zeros(wave.size, dtype=bool)
    for item, _ in protected.measure.items:
        answered |= wave.answers[item] > 0
    return int((inside & answered).sum())


def _exposure(counts: _System, system: _System | None, wave: WaveArrays, protected: Protected,
              protection: Protection, with_sums: Sequence[_System] = ()) -> tuple[str, set] | None:
    """How a hidden result can be narrowed too far, in words, and the released cells whose numbers
    pin it; None when it is protected. ``counts`` answers questions of counts; ``system`` (with the
    measure's items in full) of means and percents."""
    people = _true_people(wave, counts, protected)
    if people == 0:
        return None
    if protected.measure is None:
        if people < protection.min_size:
            # ``with_sums``: a system with every item's sums too, for the table's own small groups. A
            # mean can narrow a count where counts can't (a school's drivers and custodians
            # averaging more than all the district's custodians could: a driver is there; a rounded
            # mean fits few whole counts); asked of every result protected (a cross-tab's every
            # part), it would cost minutes on a district's survey, so earlier releases' counts are
            # held to counts alone.
            for found in (counts, *with_sums):
                if found.pins({found.R(a): 1.0 for a in found.atoms_of(protected.group).tolist()}, people):
                    return "its number of respondents can be worked out", found.pinned_by
        return None
    measure = protected.measure
    atoms = system.atoms_of(protected.group)
    if people < protection.min_size:
        if system.pins(system.respondents(measure, atoms), people):
            return "how many answered can be worked out", system.pinned_by
    answers = system.terms(measure, atoms, "n")
    answer_count = _true_answers(wave, system, protected)
    points = min(wave.points[i] for i, _ in measure.items)
    for what, scale, wanted, text in (("s", 1.0, _MARGIN * protection.mean_share * (points - 1), "its mean"),
                                      ("f", 100.0, _MARGIN * protection.pct_points, "its percent favorable")):
        numerator = {c: scale * v for c, v in system.terms(measure, atoms, what).items()}
        quick = system.spread(numerator, (wanted - _EPS) * answer_count if answer_count else np.inf)
        if quick is not None and answer_count and quick / answer_count >= wanted - _EPS:
            continue  # wide enough even with every count known
        found = system.ratio_range(numerator, answers)
        if found is not None and found[1] - found[0] < wanted - _EPS:
            digits = 2 if what == "s" else 0
            return (f"{text} can be narrowed to {found[0]:.{digits}f}-{found[1]:.{digits}f}"
                    f"{'' if what == 's' else '%'}", system.pinned_by)
    return None


def _true_answers(wave: WaveArrays, system: _System, protected: Protected) -> int:
    """Answers (pooled over a domain's items) the group gave to the measure."""
    inside = np.isin(system.member, system.atoms_of(protected.group))
    return int(sum(int((inside & (wave.answers[i] > 0)).sum()) for i, _ in protected.measure.items))


def _components(measures: Iterable[Measure]) -> dict[int, frozenset[int]]:
    """Items tied together by measures that pool them (domains), each to its whole group."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for m in measures:
        items = [i for i, _ in m.items]
        for i in items:
            root(i)
        for i in items[1:]:
            parent[root(i)] = root(items[0])
    groups: dict[int, set[int]] = {}
    for i in parent:
        groups.setdefault(root(i), set()).add(i)
    return {i: frozenset(members) for members in groups.values() for i in members}


def _related(a: Measure, b: Measure | None, component: Mapping[int, frozenset[int]]) -> bool:
    if b is None:
        return True  # every measure's answers bound the groups' sizes
    items_b = {i for i, _ in b.items}
    return any(component.get(i, frozenset({i})) & items_b for i, _ in a.items)


def _computable(counts: _System, system: _System | None, cell: Cell) -> bool:
    """Whether everything released already pins a withheld cell's numbers to whole values: its
    count, and its answers, their sum and favourable answers. Showing such a cell adds nothing an
    attacker can't work out, and keeping it hidden would promise what isn't so."""
    atoms = counts.atoms_of(cell.group)
    if cell.measure is None:
        width = counts.extent({counts.R(a): 1.0 for a in atoms.tolist()}, 1 - _EPS)
        return width is not None and width < 1 - _EPS
    if system is None:
        return False
    atoms = system.atoms_of(cell.group)
    for terms in (system.respondents(cell.measure, atoms), system.terms(cell.measure, atoms, "n"),
                  system.terms(cell.measure, atoms, "s"), system.terms(cell.measure, atoms, "f")):
        width = system.extent(terms, 1 - _EPS)
        if width is None or width >= 1 - _EPS:
            return False
    return True


class _Systems:
    """One linear system per group of tied items, built on first use from the same numbers."""

    def __init__(self, wave: WaveArrays, groups: list[Group], measures: list[Measure],
                 numbers: Sequence[tuple[Number, object]], check: bool = False, values_only: bool = False):
        self._args = (wave, groups, measures)
        self._numbers = numbers
        self._check = check
        self._values_only = values_only
        self._built: dict[frozenset[int], _System] = {}

    def __call__(self, items: frozenset[int]) -> _System:
        if items not in self._built:
            system = _System(*self._args, items)
            system.values_only = self._values_only
            for number, owner in self._numbers:
                system.add_number(number, owner)
            _add_listings(system, self._args[1])
            if self._check and system.least({}) is None:
                raise _contradiction()
            self._built[items] = system
        return self._built[items]


def _add_listings(system: _System, groups: Iterable[Group]) -> None:
    """What a table says by listing a group: someone in it answered (a group nobody answered is not
    listed). Every group the audit hears of is listed somewhere, or about to be; one that isn't and
    has respondents only makes the audit stricter than the attacker."""
    seen: set[tuple[int, ...]] = set()
    for group in groups:
        atoms = system.atoms_of(group)
        key = tuple(atoms.tolist())
        if not key or key in seen:
            continue
        seen.add(key)
        if np.isin(system.member, atoms).any():
            system.rows.add({system.R(a): 1.0 for a in key}, 1.0, np.inf)


def _contradiction() -> Exception:
    """The true answers satisfy every number truly released, so a system they can't satisfy holds a
    number that isn't true: a ledger entry or headcount changed with another program. Nothing can
    then be pinned, every hidden result would pass as protected, and the audit would protect
    nothing; so nothing more is released."""
    from services.stored_values import unusable

    return unusable("What this plan's ledger records as already released about the wave doesn't fit the wave's "
                    "answers")


# How much a second look may cost, in hidden results checked (a count, not a time, so the same
# table always comes out the same): a cross-tab with many small cells stops early.
_SECOND_LOOK_CHECKS = 120


def _show_again(wave: WaveArrays, released: Sequence[Number], must_hold: list[Protected], shown: dict, removed: dict,
                withheld: dict, groups: list[Group], measures: list[Measure], component: Mapping[int, frozenset[int]],
                protection: Protection, own_counts: frozenset[Protected] = frozenset()) -> None:
    """Withholding one cell at a time can withhold more than needed (an early choice made a later
    one unnecessary), or more than it had to (a cell about many people where one about few would
    have done). So each withheld cell, the one about the most people first, is put back if every
    hidden result it bears on stays protected with it shown; failing that, in place of a shown
    cell of its measure about fewer people, if that keeps them protected."""
    budget = _SECOND_LOOK_CHECKS

    def affected_by(cell: Cell) -> list[Protected]:
        return [p for p in must_hold if cell.measure is None or p.measure is None or
                _related(cell.measure, p.measure, component)]

    def safe_with(trial: dict, affected: list[Protected]) -> bool:
        system_for = _Systems(wave, groups, measures, [*((n, None) for n in released),
                                                       *((n, None) for c in trial.values() for n in c.numbers)],
                              values_only=True)
        for p in affected:
            full = frozenset() if p.measure is None else \
                frozenset().union(*(component.get(i, frozenset({i})) for i, _ in p.measure.items))
            sums = [system_for(frozenset(component))] if p in own_counts else ()
            if _exposure(system_for(frozenset()), system_for(full) if full else None, wave, p, protection, sums):
                return False
        return True

    for key in sorted(removed, key=lambda k: (-removed[k].respondents, k)):
        cell = removed[key]
        affected = affected_by(cell)
        if len(affected) > budget:
            break
        budget -= len(affected)
        if safe_with({**shown, key: cell}, affected):
            shown[key] = removed.pop(key)
            withheld.pop(key, None)
            continue
        # Not alone: then in place of a shown cell of the same measure about fewer people (the first
        # choice can withhold all respondents' result where one school's would have done).
        for other in sorted((c for c in shown.values() if c.measure == cell.measure and
                             c.respondents < cell.respondents), key=lambda c: (c.respondents, c.key))[:2]:
            both = affected + [p for p in affected_by(other) if p not in affected]
            if len(both) > budget:
                break
            budget -= len(both)
            trial = {k: c for k, c in shown.items() if k != other.key}
            if safe_with({**trial, key: cell}, both):
                removed[other.key] = shown.pop(other.key)
                withheld[other.key] = withheld.pop(key, "withheld so that a small group's result can't be worked out")
                shown[key] = removed.pop(key)
                break


def audit(wave: WaveArrays, released: Sequence[Number], protected: Sequence[Protected], table: Sequence[Cell],
          hidden: Mapping[tuple[str, str], Protected], protection: Protection,
          describe: Callable[[Protected], str] = lambda p: p.group.label,
          complements: Sequence[Cell] = ()) -> AuditResult:
    """Which more of ``table`` to withhold so that, with everything already ``released``, every
    ``protected`` result (earlier ones, and this table's ``hidden`` primary cells) stays protected.

    ``table``: the cells this release would show; ``hidden``: its cells withheld by the small-group
    rule that need protection (by cell key). Returns the cells to withhold too, each with why.
    Withholding only ever widens what can be worked out, so a result found protected stays so and
    only the failing ones are checked again.
    """
    shown = {c.key: c for c in table}
    removed: dict[tuple[str, str], Cell] = {}
    must_hold = list(dict.fromkeys([*protected, *hidden.values()]))
    measures = list({m for m in (*(n.measure for n in released), *(p.measure for p in must_hold),
                                 *(c.measure for c in (*table, *complements))) if m is not None})
    groups = [*(n.group for n in released), *(p.group for p in must_hold), *(c.group for c in (*table, *complements))]
    component = _components(measures)
    own_counts = frozenset(p for p in hidden.values() if p.measure is None)  # checked with sums too
    withheld: dict[tuple[str, str], str] = {}
    checked = 0
    pending = must_hold
    first = True
    while pending:
        # The first pass has every number, released and about to be: each of its systems is checked
        # once to be consistent with the answers (``_contradiction``); later passes only drop numbers.
        system_for = _Systems(wave, groups, measures, [*((n, None) for n in released),
                                                       *((n, c.key) for c in shown.values() for n in c.numbers)],
                              check=first)
        first = False

        failing = []
        for p in pending:
            checked += 1
            full = frozenset() if p.measure is None else \
                frozenset().union(*(component.get(i, frozenset({i})) for i, _ in p.measure.items))
            sums = [system_for(frozenset(component))] if p in own_counts else ()
            found = _exposure(system_for(frozenset()), system_for(full) if full else None, wave, p, protection, sums)
            if found is not None:
                failing.append((p, found))
        if not failing:
            break
        # For each result still exposed, withhold the related shown cell about the fewest people.
        progress = False
        for target, (why, pinned_by) in failing:
            # The cells whose numbers bind in the linear program are what pins the target: withhold
            # the one about the fewest people. Failing that, a related cell of the same measure.
            candidates = [shown[k] for k in pinned_by if k in shown]
            if not candidates:
                about_counts = target.measure is None or "answered" in why
                candidates = [c for c in shown.values() if (about_counts and c.measure is None) or
                              (c.measure is not None and _related(c.measure, target.measure, component))]
            if not candidates:
                continue  # only earlier releases pin it: their own audit would not have let them out
            cheapest = min(candidates, key=lambda c: (c.measure != target.measure, c.respondents, c.key))
            if cheapest.key not in shown:
                continue
            removed[cheapest.key] = shown.pop(cheapest.key)
            withheld[cheapest.key] = f"withheld so that {describe(target)} can't be worked out"
            progress = True
        if not progress:
            break
        pending = [p for p, _ in failing]
    _show_again(wave, released, must_hold, shown, removed, withheld, groups, measures, component, protection,
                own_counts)
    # Cells withheld only to protect others (complements, and those withheld above) that the rest
    # pins to whole numbers anyway are shown: hiding a value anyone can work out protects no one.
    revealed: set[tuple[str, str]] = set()
    hidden_keys = set(hidden)
    candidates = [c for c in (*complements, *removed.values()) if c.key not in hidden_keys]
    if candidates:
        final_system = _Systems(wave, groups, measures, [*((n, None) for n in released),
                                                         *((n, None) for c in shown.values() for n in c.numbers)],
                                values_only=True)

        for cell in candidates:
            full = frozenset() if cell.measure is None else \
                frozenset().union(*(component.get(i, frozenset({i})) for i, _ in cell.measure.items))
            if _computable(final_system(frozenset()), final_system(full) if full else None, cell):
                revealed.add(cell.key)
                withheld.pop(cell.key, None)
    return AuditResult(withheld, must_hold, checked, frozenset(revealed))
