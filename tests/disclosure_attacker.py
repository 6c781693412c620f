"""An attacker on WellPlan's released survey results, written from the released files alone.

It reads what WellPlan gives out (``survey report`` CSVs, cross-tabs among them, ``survey
participation`` CSVs, survey-summary PDFs) plus what is public anyway (which items form each
domain, each item's number of scale points, the attributes' group names, headcounts), and tries to
work out what was withheld. It knows nothing of how WellPlan decides what to withhold, and imports
nothing from ``services``: it is the independent check of the release audit.

The unknowns of a wave are counted per ATOM: one combination of a group of every attribute that
any released table of the wave is broken down by (each attribute's groups plus "No answer"), and,
when an earlier version of the wave's file was released too, whether the respondent was in that
earlier version or came late. Per atom: R (respondents), and per item i: n_i (answers), s_i (sum
of the answers), f_i (favorable answers); per domain d of several items: r_d (people who answered
at least one of its items). Every released group is a set of atoms, every released number a linear
equation on their sums or, where it was rounded, a pair of inequalities.

Two attacks, for every withheld cell and every withheld count:
- ``exact``: Gaussian elimination in exact fractions. A 4-decimal mean with its n pins the integer
  sum of the answers when only one integer lies within the rounding (n < 10,000); a 1-decimal
  percent pins the favorable count (n < 1,000). A withheld value in the row space of these
  equations is recovered. Where a domain row's pooled number of answers is not determined
  linearly, every whole number the other constraints allow is tried against the rounded mean and
  percent, and one that alone fits pins it too (the careful attacker's arithmetic).
- ``intervals``: linear programs (HiGHS) over every equation and inequality: the narrowest range of
  a withheld count, of a withheld cell's n, and (Charnes-Cooper) of its mean and percent favorable.

``protection_failures`` holds the results against the rule WellPlan promises, using the true
answers (which tests know, having written the survey file).
"""

from __future__ import annotations

import csv
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import highspy

# The attacker reads a listed group as having respondents (see ``Attacker``): every release lists a
# group only when someone in it answered.
PRESENCE = True

ALL = "All respondents"
NO_ANSWER = "No answer"
CROSS = " / "
SHARE_PREFIX = "Ticked: "
WHOLE, EARLIER, LATE = "", "earlier", "late"  # an atom's part of a wave (WHOLE when no earlier version was released)
SCOPES = ("all", "earlier")  # a table covers all of the wave's respondents, or only its earlier version's

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ENUMERATE_AT_MOST = 200  # whole numbers of answers tried for a pooled count not otherwise determined


class AttackerError(Exception):
    """The released files do not fit what the attacker assumes of them (a parser or model problem)."""


# Released numbers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A number as released: its printed value and how far the true value may lie from it."""

    value: Fraction
    half: Fraction  # half a unit of its last printed decimal (plus any earlier rounding)

    @property
    def lo(self) -> Fraction:
        return self.value - self.half

    @property
    def hi(self) -> Fraction:
        return self.value + self.half

    @classmethod
    def parse(cls, text: str, earlier: Fraction = Fraction(0)) -> Printed | None:
        """"3.4167" -> 3.4167 +- 0.00005; "52%" -> 52 +- 0.5; "" -> None. ``earlier``: a rounding
        applied before this one (the PDF prints the CSV's 4-decimal mean to 2 decimals)."""
        text = text.strip().rstrip("%").strip()
        if not text:
            return None
        decimals = len(text.partition(".")[2])
        return cls(Fraction(text), Fraction(1, 2 * 10 ** decimals) + earlier)


def whole_numbers_within(lo: Fraction, hi: Fraction) -> range:
    return range(math.ceil(lo), math.floor(hi) + 1)


# Released tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleasedCell:
    """One (group, measure) of a released table. ``n``: the people in the group who answered the
    measure (None where the release does not print it, as in the PDF, or withheld)."""

    group: str
    measure: str
    withheld: bool
    n: int | None = None
    mean: Printed | None = None
    pct: Printed | None = None


@dataclass(frozen=True)
class ReleasedCount:
    """A group's number of respondents, shown or withheld (``count`` None), with the headcount and
    response rate printed beside it. ``members``: for a count over several groups (the PDF's
    overall response rate over the groups with a headcount), those groups."""

    group: str
    count: int | None
    headcount: int | None = None
    rate: Printed | None = None
    members: tuple[str, ...] = ()

    @property
    def withheld(self) -> bool:
        return self.count is None and not self.members


@dataclass(frozen=True)
class ReleasedTable:
    """One released table of one wave, broken down by one attribute or two (a cross-tab).

    ``scope``: "all" of the wave's respondents, or the "earlier" version of its file only.
    ``complete``: the table lists every group that has respondents (WellPlan's tables do), so a
    group it does not list has none.
    """

    source: str
    wave: str
    by: tuple[str, ...]
    scope: str = "all"
    cells: tuple[ReleasedCell, ...] = ()
    counts: tuple[ReleasedCount, ...] = ()
    complete: bool = True

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise AttackerError(f"{self.source}: scope is 'all' or 'earlier', not {self.scope!r}")
        if not 1 <= len(self.by) <= 2:
            raise AttackerError(f"{self.source}: a table is broken down by one attribute or two")

    @property
    def listed(self) -> frozenset[str]:
        return frozenset(c.group for c in self.cells) | frozenset(c.group for c in self.counts if not c.members)


def _unquote(name: str) -> str:
    """Undo the quote WellPlan puts before text a spreadsheet would run as a formula."""
    return name[1:] if name.startswith("'") and name[1:].startswith(_FORMULA_STARTS) else name


def read_report_csv(path: str | Path, *, wave: str, by: str, then_by: str | None = None, scope: str = "all",
                    source: str | None = None) -> ReleasedTable:
    """A ``survey report`` CSV: ``group,measure,n,mean,pct_favorable,suppressed``."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    cells = []
    for r in rows:
        withheld = r["suppressed"].strip().lower() == "true"
        n = r["n"].strip()
        cells.append(ReleasedCell(_unquote(r["group"]), _unquote(r["measure"]), withheld,
                                  None if withheld or not n else int(n),
                                  None if withheld else Printed.parse(r["mean"]),
                                  None if withheld else Printed.parse(r["pct_favorable"])))
    by_attrs = (by,) if then_by is None else (by, then_by)
    return ReleasedTable(source or path.name, wave, by_attrs, scope, cells=tuple(cells))


_TOTAL_NAMES = {"all respondents", "all", "total", "everyone", "all groups"}


def read_participation_csv(path: str | Path, *, wave: str, by: str, scope: str = "all",
                           source: str | None = None) -> ReleasedTable:
    """A ``survey participation`` CSV: ``group,responses,headcount,response_rate`` (responses and
    rate empty when withheld); a total row, if any, counts everyone."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    counts = []
    for r in rows:
        group = _unquote(r["group"]).strip()
        if group.casefold() in _TOTAL_NAMES:
            group = ALL
        responses = (r.get("responses") or "").strip()
        heads = (r.get("headcount") or "").strip()
        counts.append(ReleasedCount(group, int(responses) if responses else None,
                                    int(heads) if heads else None, Printed.parse(r.get("response_rate") or "")))
    return ReleasedTable(source or path.name, wave, (by,), scope, counts=tuple(counts))


# A withheld cell's dash carries a letter saying why ("\u2014 b"), keyed at the top of its table.
_CELL_TOKEN = re.compile(r"\s*(?:(?P<mean>\d+\.\d+) (?P<pct>\d+)%(?: \u25bc)?|(?P<share>\d+)% ticked(?: \u25bc)?|"
                         r"(?P<dash>\u2014)(?: [a-z](?=\s|$))?|(?P<none>no answers))")


def _table_start(text: str, title: str, first: str, at: int = 0) -> int:
    """Where a results table's heading ("Items", then its first column's title, "Item ") starts; the
    key to the withheld cells' letters ("\u2014 withheld: a ...; b ....") may sit between them."""
    m = re.compile(rf"{re.escape(title)} (?:\u2014 withheld: .*?\. )?{re.escape(first)}").search(text, at)
    return -1 if m is None else m.start()
_PDF_MEAN_BEFORE = Fraction(1, 20000)  # the PDF prints the CSV's 4-decimal mean again, to 2 decimals
_PDF_PCT_BEFORE = Fraction(1, 20)  # ... and its 1-decimal percent to 0 decimals


def _labels_pattern(labels: Iterable[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(set(labels), key=len, reverse=True))


def read_summary_pdf(path: str | Path | None, *, wave: str, by: str, groups: Sequence[str], measures: Sequence[str],
                     scope: str = "all", source: str | None = None, text: str | None = None) -> ReleasedTable:
    """The survey-summary PDF: counts in the column headings ("Teachers (37)", "(count withheld)"),
    the total in the subtitle, the "Who answered" table and its overall rate, and every domain's and
    item's mean (2 decimals) and percent (0 decimals). ``groups``: the attribute's groups;
    ``measures``: every item and domain (public), to find their rows."""
    if text is None:
        from tests.pdf_text import pdf_text

        text = pdf_text(path)
    name = source or Path(path).name
    labels = [ALL, *groups, NO_ANSWER]
    counts: dict[str, ReleasedCount] = {}
    total = re.search(r"\u2022 (\d+) responses", text)
    if total:
        counts[ALL] = ReleasedCount(ALL, int(total.group(1)))
    heading = re.compile(rf"(?<!\w)({_labels_pattern(labels)}) \((\d+|count withheld)\)")
    # who answered: group, responses (or a dash), staff, rate, note
    start = text.find("Who answered Group Responses Staff Response rate Note")
    if start >= 0:
        end = min([i for i in (text.find("Wellness domains", start), _table_start(text, "Items", "Item ", start),
                                text.find("Overall response rate", start), text.find("No headcounts", start))
                   if i >= 0] or [len(text)])
        segment = text[start:end]
        # The rows are in the groups' natural order (tenure by length, schools by level), not
        # alphabetical: find each label anywhere, the longest first so no label is read inside another.
        found = []
        for label in sorted(set(labels) - {ALL}, key=len, reverse=True):
            for m in re.compile(rf"(?<!\w){re.escape(label)} (?=\u2014|\d)").finditer(segment):
                if not any(a < m.end() and m.start() < b for a, b, _ in found):
                    found.append((m.start(), m.end(), label))
                    break
        found.sort()
        for k, (_, stop, label) in enumerate(found):
            chunk = segment[stop:found[k + 1][0] if k + 1 < len(found) else len(segment)]
            m = re.match(r"(\u2014|\d+)(?: (\d+)(?=\s|$))?(?: (\d+)%)?", chunk)
            if m:
                counts[label] = ReleasedCount(label, None if m.group(1) == "\u2014" else int(m.group(1)),
                                              int(m.group(2)) if m.group(2) else None,
                                              Printed.parse(m.group(3), _PDF_PCT_BEFORE) if m.group(3) else None)
        overall = re.search(r"Overall response rate: (\d+)% of (\d+) staff in the groups with a headcount", text)
        if overall:
            with_heads = tuple(c.group for c in counts.values() if c.headcount)
            counts["(groups with a headcount)"] = ReleasedCount(
                "(groups with a headcount)", None, int(overall.group(2)),
                Printed.parse(overall.group(1), _PDF_PCT_BEFORE), members=with_heads)
    cells: list[ReleasedCell] = []
    end = text.find("Largest gaps")
    for title, first in (("Wellness domains", "Domain "), ("Items", "Item ")):
        begin = _table_start(text, title, first)
        if begin < 0:
            continue
        stop = min([i for i in (_table_start(text, "Items", "Item ", begin + 1), end) if i > begin] or [len(text)])
        segment = text[begin:stop]
        heads = heading.findall(segment[: _first_measure(segment, measures)])
        for label, count in heads:
            if label not in counts or counts[label].count is None:
                counts[label] = ReleasedCount(label, None if count == "count withheld" else int(count),
                                              counts[label].headcount if label in counts else None,
                                              counts[label].rate if label in counts else None)
        columns = list(dict.fromkeys(label for label, _ in heads))
        at = 0
        while True:
            found = _next_measure(segment, measures, at)
            if found is None:
                break
            measure, after = found
            values = []
            for _ in columns:
                m = _CELL_TOKEN.match(segment, after)
                if not m:
                    break
                values.append(m)
                after = m.end()
            if len(values) == len(columns):
                for label, m in zip(columns, values, strict=True):
                    if m.group("dash"):
                        cells.append(ReleasedCell(label, measure, True))
                    elif m.group("none"):
                        cells.append(ReleasedCell(label, measure, False, 0))
                    elif m.group("share"):
                        cells.append(ReleasedCell(label, measure, False, None, None,
                                                  Printed.parse(m.group("share"), _PDF_PCT_BEFORE)))
                    else:
                        cells.append(ReleasedCell(label, measure, False, None,
                                                  Printed.parse(m.group("mean"), _PDF_MEAN_BEFORE),
                                                  Printed.parse(m.group("pct"), _PDF_PCT_BEFORE)))
            at = after
    return ReleasedTable(name, wave, (by,), scope, cells=tuple(cells), counts=tuple(counts.values()))


def _first_measure(segment: str, measures: Sequence[str]) -> int:
    found = _next_measure(segment, measures, 0)
    return len(segment) if found is None else found[1] - len(found[0])


def _next_measure(segment: str, measures: Sequence[str], at: int) -> tuple[str, int] | None:
    """The next measure's row from ``at``: its label followed by a cell; the longest label wins."""
    best = None
    for measure in measures:
        m = re.compile(rf"(?<!\w){re.escape(measure)}(?=\s*(?:\d+\.\d+ \d+%|\d+% ticked|\u2014|no answers))"
                       ).search(segment, at)
        if m and (best is None or m.start() < best[0] or (m.start() == best[0] and len(measure) > len(best[1]))):
            best = (m.start(), measure, m.end())
    return None if best is None else (best[1], best[2])


# Public facts and true answers ------------------------------------------------------------------


@dataclass(frozen=True)
class PublicFacts:
    """What anyone knows without the releases: items' scale points, domains' items, attributes'
    groups, the district's staff numbers ((wave, attribute) -> group -> headcount), and how one
    attribute's groups sit inside another's ((fine, coarse) -> fine group -> its coarse group: every
    nurse is "Support staff", unless they left the coarse question blank)."""

    points: Mapping[str, int]
    domains: Mapping[str, Sequence[str]] = field(default_factory=dict)
    groups: Mapping[str, Sequence[str]] = field(default_factory=dict)
    headcounts: Mapping[tuple[str, str], Mapping[str, int]] = field(default_factory=dict)
    nested: Mapping[tuple[str, str], Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Respondent:
    """One respondent as the test wrote them: attribute -> group (None: left blank), item -> answer
    on 1..P (None: no answer), and whether they came only in the late version of the wave's file."""

    wave: str
    groups: Mapping[str, str | None]
    answers: Mapping[str, int | None]
    late: bool = False


def favorable_from(points: int) -> int:
    """The lowest favorable answer: the top two points, the top one on three points or fewer."""
    return points if points <= 3 else points - 1


# Results ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A value the releases should not give away: a withheld cell (``measure`` set) or a withheld
    count of a group's respondents (``measure`` None). ``kind``: "withheld" (a released table's
    withheld value), "late" (the late respondents of a released group: a table over all of a wave
    less its earlier version's), or "combination" (the people in one combination of groups of every
    attribute released, e.g. the nurses at Oak who left their years blank: never a released group,
    but their answers may still be worked out)."""

    wave: str
    source: str
    group: str
    measure: str | None
    kind: str = "withheld"

    @property
    def late(self) -> bool:
        return self.kind == "late"

    def __str__(self) -> str:
        who = {"late": f"late respondents of '{self.group}'", "combination": f"the people in {self.group}"}.get(
            self.kind, f"'{self.group}'")
        what = f"'{self.measure}'" if self.measure else "respondent count"
        return f"{who}, {what} ({self.source}, wave {self.wave})"


@dataclass(frozen=True)
class Recovery:
    target: Target
    quantity: str  # "n" (people who answered), "sum", "favorable" or "count"
    value: Fraction
    how: str = "linear"


@dataclass(frozen=True)
class Range:
    lo: float
    hi: float

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def __str__(self) -> str:
        return f"[{self.lo:.4g}, {self.hi:.4g}]"


@dataclass(frozen=True)
class Bounds:
    target: Target
    count: Range | None  # the count, or the cell's n (people who answered)
    mean: Range | None = None  # None: no mean (a share) or nobody can have answered
    pct: Range | None = None


@dataclass(frozen=True)
class TrueValues:
    count: int  # respondents, or people who answered (a cell)
    answers: int = 0  # pooled over a domain's items
    total: int = 0
    favorable: int = 0


# The model of one wave --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Measure:
    name: str
    items: tuple[str, ...]
    points: tuple[int, ...]
    domain: bool
    share: bool


@dataclass
class _Row:
    form: dict[int, Fraction]
    lo: Fraction | None
    hi: Fraction | None
    why: str


@dataclass(frozen=True)
class _Forms:
    people: dict[int, Fraction]  # the count, or the cell's people who answered
    answers: dict[int, Fraction] | None = None
    total: dict[int, Fraction] | None = None
    favorable: dict[int, Fraction] | None = None


def _add(*forms: Mapping[int, Fraction], scale: Sequence[Fraction] | None = None) -> dict[int, Fraction]:
    out: dict[int, Fraction] = {}
    for k, form in enumerate(forms):
        c = Fraction(1) if scale is None else scale[k]
        for var, coef in form.items():
            out[var] = out.get(var, Fraction(0)) + c * coef
    return {v: c for v, c in out.items() if c}


class _Echelon:
    """Exact linear equations in row echelon form (pivot = a row's largest variable)."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[dict[int, Fraction], Fraction]] = {}

    def _reduce(self, form: Mapping[int, Fraction], rhs: Fraction) -> tuple[dict[int, Fraction], Fraction]:
        form = {v: Fraction(c) for v, c in form.items() if c}
        rhs = Fraction(rhs)
        while form:
            top = max(form)
            if top not in self.rows:
                break
            row, value = self.rows[top]
            c = form[top]
            for v, a in row.items():
                new = form.get(v, Fraction(0)) - c * a
                if new:
                    form[v] = new
                else:
                    form.pop(v, None)
            rhs -= c * value
        return form, rhs

    def add(self, form: Mapping[int, Fraction], rhs: Fraction, why: str) -> bool:
        """Add an equation; True when it told something new."""
        form, rhs = self._reduce(form, rhs)
        if not form:
            if rhs:
                raise AttackerError(f"the released numbers contradict each other ({why})")
            return False
        top = max(form)
        c = form[top]
        self.rows[top] = ({v: a / c for v, a in form.items()}, rhs / c)
        return True

    def value(self, form: Mapping[int, Fraction]) -> Fraction | None:
        """The form's value if the equations determine it (it is in their row space), else None."""
        reduced, rhs = self._reduce(form, Fraction(0))
        return None if reduced else -rhs


class _Program:
    """One linear program over a wave's unknowns (all >= 0), asked for the extremes of a linear form,
    or (``ratio``) of a ratio of two by the Charnes-Cooper transformation."""

    def __init__(self, nvars: int, rows: Sequence[_Row], ratio: bool = False) -> None:
        self.nvars = nvars
        self.ratio = ratio
        self.t = nvars  # the Charnes-Cooper scale column
        ncols = nvars + (1 if ratio else 0)
        inf = highspy.kHighsInf
        starts, index, value, lower, upper = [0], [], [], [], []

        def put(form: Mapping[int, float], lo: float, hi: float) -> None:
            for v, c in sorted(form.items()):
                index.append(v)
                value.append(c)
            starts.append(len(index))
            lower.append(lo)
            upper.append(hi)

        for row in rows:
            form = {v: float(c) for v, c in row.form.items()}
            if not ratio:
                put(form, -inf if row.lo is None else float(row.lo), inf if row.hi is None else float(row.hi))
            elif row.lo is not None and row.lo == row.hi:
                put({**form, self.t: -float(row.lo)} if row.lo else form, 0.0, 0.0)
            else:
                if row.lo is not None:
                    put({**form, self.t: -float(row.lo)} if row.lo else form, 0.0, inf)
                if row.hi is not None:
                    put({**form, self.t: -float(row.hi)} if row.hi else form, -inf, 0.0)
        if ratio:
            self.norm_row = len(lower)
            put({}, 1.0, 1.0)
        lp = highspy.HighsLp()
        lp.num_col_ = ncols
        lp.num_row_ = len(lower)
        lp.col_cost_ = [0.0] * ncols
        lp.col_lower_ = [0.0] * ncols
        lp.col_upper_ = [inf] * ncols
        lp.row_lower_ = lower
        lp.row_upper_ = upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = index
        lp.a_matrix_.value_ = value
        lp.a_matrix_.num_col_ = ncols
        lp.a_matrix_.num_row_ = len(lower)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp)
        self.cost: dict[int, float] = {}
        self.norm: dict[int, float] = {}

    def _objective(self, form: Mapping[int, float]) -> None:
        cols = sorted(set(self.cost) | set(form))
        self.highs.changeColsCost(len(cols), cols, [float(form.get(c, 0.0)) for c in cols])
        self.cost = {c: float(v) for c, v in form.items() if v}

    def _solve(self, maximize: bool) -> float | None:
        h = self.highs
        h.changeObjectiveSense(highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kUnboundedOrInfeasible:
            h.setOptionValue("presolve", "off")
            h.run()
            h.setOptionValue("presolve", "choose")
            status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return h.getInfo().objective_function_value
        if status == highspy.HighsModelStatus.kUnbounded:
            return math.inf if maximize else -math.inf
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        raise AttackerError(f"the linear program ended with {h.modelStatusToString(status)}")

    def extremes(self, form: Mapping[int, Fraction]) -> Range | None:
        self._objective({v: float(c) for v, c in form.items()})
        lo, hi = self._solve(False), self._solve(True)
        return None if lo is None or hi is None else Range(lo, hi)

    def ratio_extremes(self, numerator: Mapping[int, Fraction], denominator: Mapping[int, Fraction]) -> Range | None:
        """Extremes of numerator/denominator over the feasible set (None when the denominator must
        be 0): maximise numerator(y) with denominator(y) = 1, y = t x."""
        h = self.highs
        new = {v: float(c) for v, c in denominator.items() if c}
        for v in set(self.norm) - set(new):
            h.changeCoeff(self.norm_row, v, 0.0)
        for v, c in new.items():
            h.changeCoeff(self.norm_row, v, c)
        self.norm = new
        return self.extremes(numerator)


class _Wave:
    """The unknowns and constraints of one wave, from its released tables."""

    def __init__(self, wave: str, tables: Sequence[ReleasedTable], public: PublicFacts, presence: bool) -> None:
        self.wave = wave
        self.tables = list(tables)
        self.public = public
        self.attrs = list(dict.fromkeys(a for t in tables for a in t.by))
        self.split = any(t.scope == "earlier" for t in tables)
        self.values = {a: self._groups_of(a) for a in self.attrs}
        parts = (EARLIER, LATE) if self.split else (WHOLE,)
        atoms = [(combo, part) for combo in itertools.product(*(self.values[a] for a in self.attrs)) for part in parts]
        empty = set()
        for t in self.tables:
            listed = t.listed
            zero = {c.group for c in t.counts if c.count == 0 and not c.members}
            for atom in atoms:
                if self._in_scope(t, atom):
                    label = self._label(t, atom)
                    if (t.complete and label not in listed) or label in zero:
                        empty.add(atom)
        for (fine, coarse), inside in self.public.nested.items():
            if fine in self.attrs and coarse in self.attrs:
                i, j = self.attrs.index(fine), self.attrs.index(coarse)
                empty |= {atom for atom in atoms if atom[0][i] in inside and atom[0][j] not in (inside[atom[0][i]],
                                                                                                   NO_ANSWER)}
        self.atoms = [a for a in atoms if a not in empty]
        self.vars: dict[tuple, int] = {}
        self.measures = self._measures()
        self.rows: list[_Row] = []
        self.echelon = _Echelon()
        self.linear = _Echelon()  # the same without what trying every count found
        self._build(presence)

    # groups, atoms and labels
    def _groups_of(self, attr: str) -> list[str]:
        found = list(self.public.groups.get(attr, ()))
        for t in self.tables:
            labels = t.listed - {ALL, NO_ANSWER}
            if t.by == (attr,):
                found += sorted(labels)
        for t in self.tables:
            if len(t.by) == 2 and attr in t.by:
                side = t.by.index(attr)
                other = self.public.groups.get(t.by[1 - side], ())
                for label in sorted(t.listed - {ALL, NO_ANSWER}):
                    pieces = label.split(CROSS)
                    splits = [(CROSS.join(pieces[:k]), CROSS.join(pieces[k:])) for k in range(1, len(pieces))]
                    fitting = [s for s in splits if s[side] in found or s[1 - side] in other] or splits[:1]
                    if not fitting:
                        raise AttackerError(f"{t.source}: '{label}' is not a pair of groups")
                    found.append(fitting[0][side])
        return list(dict.fromkeys(g for g in found if g not in (ALL, NO_ANSWER))) + [NO_ANSWER]

    def _in_scope(self, table: ReleasedTable, atom: tuple) -> bool:
        return table.scope == "all" or atom[1] == EARLIER

    def _label(self, table: ReleasedTable, atom: tuple) -> str:
        combo = atom[0]
        picked = [combo[self.attrs.index(a)] for a in table.by]
        if NO_ANSWER in picked:
            return NO_ANSWER
        return CROSS.join(picked)

    def members(self, table: ReleasedTable, group: str, *, late: bool = False,
                members: Sequence[str] = ()) -> list[int]:
        """The atoms (by index) of a table's group; ``late``: only the late respondents'."""
        wanted = set(members) if members else {group}
        out = []
        for i, atom in enumerate(self.atoms):
            if late and atom[1] != LATE:
                continue
            if not self._in_scope(table, atom):
                continue
            if group == ALL and not members or self._label(table, atom) in wanted:
                out.append(i)
        return out

    # unknowns
    def var(self, family: tuple, atom: int) -> int:
        if family[0] == "r":
            items = self.public.domains[family[1]]
            if len(items) == 1:  # a domain of one item: its people are the item's answers
                family = ("n", items[0])
        key = (family, atom)
        if key not in self.vars:
            self.vars[key] = len(self.vars)
        return self.vars[key]

    def _measure(self, name: str) -> _Measure:
        if name in self.public.domains:
            items = tuple(self.public.domains[name])
            return _Measure(name, items, tuple(self._points(i) for i in items), True, False)
        return _Measure(name, (name,), (self._points(name),), False, name.startswith(SHARE_PREFIX))

    def _points(self, item: str) -> int:
        if item in self.public.points:
            return self.public.points[item]
        if item.startswith(SHARE_PREFIX):
            return 2
        raise AttackerError(f"no scale points known for '{item}'")

    def _measures(self) -> dict[str, _Measure]:
        return {c.measure: self._measure(c.measure) for t in self.tables for c in t.cells}

    def forms(self, atoms: Sequence[int], measure: str | None) -> _Forms:
        if measure is None:
            return _Forms({self.var(("R",), a): Fraction(1) for a in atoms})
        m = self.measures[measure]
        one = Fraction(1)
        people = {self.var(("r", m.name) if m.domain else ("n", m.name), a): one for a in atoms}
        return _Forms(people,
                      {self.var(("n", i), a): one for i in m.items for a in atoms},
                      {self.var(("s", i), a): one for i in m.items for a in atoms},
                      {self.var(("f", i), a): one for i in m.items for a in atoms})

    # constraints
    def _row(self, form: Mapping[int, Fraction], lo: Fraction | None, hi: Fraction | None, why: str) -> None:
        self.rows.append(_Row(dict(form), lo, hi, why))

    def _equation(self, form: Mapping[int, Fraction], value: Fraction, why: str, tried: bool = False) -> bool:
        """Add an exact equation; ``tried``: it rests on a count found by trying every count."""
        self._row(form, value, value, why)
        if not tried:
            self.linear.add(form, value, why)
        return self.echelon.add(form, value, why)

    def _build(self, presence: bool) -> None:
        one = Fraction(1)
        items = {i: p for m in self.measures.values() for i, p in zip(m.items, m.points, strict=True)}
        domains = {m.name for m in self.measures.values() if m.domain and len(m.items) > 1}
        for a in range(len(self.atoms)):
            r = self.var(("R",), a)
            for item, points in items.items():
                n, s, f = self.var(("n", item), a), self.var(("s", item), a), self.var(("f", item), a)
                k = favorable_from(points)
                self._row({n: one, r: -one}, None, Fraction(0), f"{item}: answers <= respondents")
                self._row({f: one, n: -one}, None, Fraction(0), f"{item}: favorable <= answers")
                # favorable answers are >= k, the others >= 1; favorable <= P, the others <= k - 1
                self._row(_add({s: one}, {f: -Fraction(k - 1)}, {n: -one}), Fraction(0), None, f"{item}: sum low")
                self._row(_add({s: one}, {f: -Fraction(points - k + 1)}, {n: -Fraction(k - 1)}), None, Fraction(0),
                          f"{item}: sum high")
            for name in domains:
                rd = self.var(("r", name), a)
                members = self.public.domains[name]
                for item in members:
                    self._row({rd: one, self.var(("n", item), a): -one}, Fraction(0), None,
                              f"{name}: people >= answers")
                self._row({rd: one, r: -one}, None, Fraction(0), f"{name}: people <= respondents")
                self._row(_add({rd: one}, {self.var(("n", i), a): -one for i in members}), None, Fraction(0),
                          f"{name}: people <= answers")
        heads: dict[tuple[str, str], int] = {}
        for (wave, attr), counts in self.public.headcounts.items():
            if wave == self.wave and attr in self.attrs:
                heads.update({(attr, g): c for g, c in counts.items()})
        for t in self.tables:
            for c in t.counts:
                if c.headcount is not None and not c.members and c.group not in (ALL, NO_ANSWER) and len(t.by) == 1:
                    heads[(t.by[0], c.group)] = c.headcount
        for (attr, group), count in heads.items():
            k = self.attrs.index(attr)
            atoms = [i for i, atom in enumerate(self.atoms) if atom[0][k] == group]
            self._row({self.var(("R",), a): one for a in atoms}, None, Fraction(count),
                      f"{group}: respondents <= headcount {count}")
        for t in self.tables:
            for c in t.counts:
                atoms = self.members(t, c.group, members=c.members)
                form = self.forms(atoms, None).people
                what = f"{t.source}: {c.group} count"
                if c.count is not None:
                    self._equation(form, Fraction(c.count), what)
                if c.rate is not None and c.headcount:
                    lo, hi = c.rate.lo * c.headcount / 100, c.rate.hi * c.headcount / 100
                    self._row(form, lo, hi, f"{what} from its response rate")
                    fits = whole_numbers_within(lo, hi)
                    if c.count is None and len(fits) == 1:
                        self._equation(form, Fraction(fits[0]), f"{what} pinned by its response rate")
                if presence and c.group != ALL and not c.members and c.count != 0:
                    self._row(form, one, None, f"{what}: listed, so someone")
            if presence:
                for group in sorted({c.group for c in t.cells} - {ALL}):
                    self._row(self.forms(self.members(t, group), None).people, one, None,
                              f"{t.source}: {group} listed, so someone")
            for c in t.cells:
                if c.withheld:
                    continue
                atoms = self.members(t, c.group)
                forms = self.forms(atoms, c.measure)
                what = f"{t.source}: {c.group}, {c.measure}"
                if c.n is not None:
                    self._equation(forms.people, Fraction(c.n), f"{what}: n")
                    if c.n == 0:
                        for a in atoms:
                            for item in self.measures[c.measure].items:
                                for fam in ("n", "s", "f"):
                                    self._equation({self.var((fam, item), a): one}, Fraction(0), f"{what}: nobody")
                if c.mean is not None:
                    self._row(_add(forms.total, forms.answers, scale=[one, -c.mean.lo]), Fraction(0), None,
                              f"{what}: mean >= {c.mean.lo}")
                    self._row(_add(forms.total, forms.answers, scale=[one, -c.mean.hi]), None, Fraction(0),
                              f"{what}: mean <= {c.mean.hi}")
                if c.pct is not None:
                    lo, hi = c.pct.lo / 100, c.pct.hi / 100
                    self._row(_add(forms.favorable, forms.answers, scale=[one, -lo]), Fraction(0), None,
                              f"{what}: percent >= {c.pct.lo}")
                    self._row(_add(forms.favorable, forms.answers, scale=[one, -hi]), None, Fraction(0),
                              f"{what}: percent <= {c.pct.hi}")

    def pin_rounded(self, enumerate_counts: bool) -> None:
        """Turn rounded means and percents into exact sums and favorable counts wherever one whole
        number fits, first where the number of answers is determined linearly, then (optionally)
        by trying every number of answers the linear program allows."""
        pending = [(t, c) for t in self.tables for c in t.cells if not c.withheld and (c.mean or c.pct)]
        while pending:
            progress = False
            left = []
            for t, c in pending:
                forms = self.forms(self.members(t, c.group), c.measure)
                answers = self.echelon.value(forms.answers)
                if answers is None:
                    left.append((t, c))
                    continue
                tried = self.linear.value(forms.answers) is None
                progress |= self._pin(t, c, forms, int(answers), tried)
            pending = left
            if progress:
                continue
            if not enumerate_counts or not pending:
                break
            program = _Program(len(self.vars), self.rows)
            for t, c in pending:
                forms = self.forms(self.members(t, c.group), c.measure)
                span = program.extremes(forms.answers)
                if span is None or span.hi - span.lo > _ENUMERATE_AT_MOST:
                    continue
                top = max(self.measures[c.measure].points)
                fitting = [n for n in range(max(0, math.ceil(span.lo - 1e-6)), math.floor(span.hi + 1e-6) + 1)
                           if self._fits(c, n, top)]
                if len(fitting) == 1:
                    why = f"{t.source}: {c.group}, {c.measure}: the only number of answers that fits its rounding"
                    progress |= self._equation(forms.answers, Fraction(fitting[0]), why, tried=True)
                    progress |= self._pin(t, c, forms, fitting[0], tried=True)
            if not progress:
                break

    @staticmethod
    def _fits(c: ReleasedCell, n: int, top: int) -> bool:
        if n == 0:
            return False
        sums = whole_numbers_within(c.mean.lo * n, c.mean.hi * n) if c.mean is not None else None
        if sums is not None and not any(n <= s <= top * n for s in sums):
            return False
        return c.pct is None or bool(whole_numbers_within(c.pct.lo * n / 100, c.pct.hi * n / 100))

    def _pin(self, t: ReleasedTable, c: ReleasedCell, forms: _Forms, answers: int, tried: bool = False) -> bool:
        new = False
        what = f"{t.source}: {c.group}, {c.measure}"
        how = " (answers found by trying every count)" if tried else ""
        if c.mean is not None:
            fits = whole_numbers_within(c.mean.lo * answers, c.mean.hi * answers)
            if len(fits) == 1:
                new |= self._equation(forms.total, Fraction(fits[0]), f"{what}: sum of {answers} answers{how}", tried)
        if c.pct is not None:
            fits = whole_numbers_within(c.pct.lo * answers / 100, c.pct.hi * answers / 100)
            if len(fits) == 1:
                new |= self._equation(forms.favorable, Fraction(fits[0]), f"{what}: favorable of {answers}{how}",
                                      tried)
        return new

    # targets
    def targets(self) -> dict[Target, tuple[tuple[int, ...], str | None]]:
        """Every withheld value, unless another table shows the same group's same number (then it
        is public, not withheld), and the late respondents of every group of a table over all of a
        wave whose earlier version was released too."""
        shown = {(tuple(self.members(t, c.group)), c.measure) for t in self.tables for c in t.cells if not c.withheld}
        shown |= {(tuple(self.members(t, c.group)), None) for t in self.tables for c in t.counts
                  if c.count is not None and not c.members}
        out: dict[Target, tuple[tuple[int, ...], str | None]] = {}
        for t in self.tables:
            for c in t.cells:
                key = (tuple(self.members(t, c.group)), c.measure)
                if c.withheld and key not in shown:
                    out[Target(self.wave, t.source, c.group, c.measure)] = key
            for c in t.counts:
                key = (tuple(self.members(t, c.group)), None)
                if c.withheld and key not in shown:
                    out[Target(self.wave, t.source, c.group, None)] = key
            if self.split and t.scope == "all":
                for c in t.cells:
                    atoms = tuple(self.members(t, c.group, late=True))
                    if atoms:
                        out[Target(self.wave, t.source, c.group, c.measure, "late")] = (atoms, c.measure)
        released = {(tuple(self.members(t, c.group)), c.measure) for t in self.tables for c in t.cells}
        for a, (combo, part) in enumerate(self.atoms):
            name = "; ".join(f"{attr}: {group}" for attr, group in zip(self.attrs, combo, strict=True))
            name = f"{name} ({part} respondents)" if part else name
            for measure in self.measures:
                if ((a,), measure) not in released:
                    out[Target(self.wave, "no release", name, measure, "combination")] = ((a,), measure)
        return out

    # truth
    def true_values(self, respondents: Iterable[Respondent]) -> dict[int, int]:
        """Every unknown's true value, from the respondents the test wrote."""
        index = {atom: i for i, atom in enumerate(self.atoms)}
        per_atom: dict[int, list[tuple[tuple, int]]] = {}
        for (key, atom), var in self.vars.items():
            per_atom.setdefault(atom, []).append((key, var))
        x: dict[int, int] = dict.fromkeys(range(len(self.vars)), 0)
        for person in respondents:
            if person.wave != self.wave:
                continue
            combo = tuple(person.groups.get(a) or NO_ANSWER for a in self.attrs)
            part = (LATE if person.late else EARLIER) if self.split else WHOLE
            if (combo, part) not in index:
                raise AttackerError(f"a respondent in {combo} ({part or 'whole wave'}) is in a group the releases "
                                    "say is empty")
            for key, var in per_atom.get(index[(combo, part)], ()):
                if key[0] == "R":
                    x[var] += 1
                elif key[0] == "r":
                    x[var] += int(any(person.answers.get(i) for i in self.public.domains[key[1]]))
                elif person.answers.get(key[1]):
                    value = person.answers[key[1]]
                    x[var] += {"n": 1, "s": value, "f": int(value >= favorable_from(self._points(key[1])))}[key[0]]
        return x

    def check(self, x: Mapping[int, int]) -> None:
        for row in self.rows:
            value = sum(c * x[v] for v, c in row.form.items())
            if (row.lo is not None and value < row.lo) or (row.hi is not None and value > row.hi):
                raise AttackerError(f"the true answers break a constraint the attacker drew from the releases: "
                                    f"{row.why} (true value {float(value):.6g})")


# The attacker -----------------------------------------------------------------------------------


class Attacker:
    """Everything the attacker can work out from ``tables`` and ``public``.

    ``presence``: also use that a table lists a group only when it has respondents (true of
    WellPlan's tables, whose withheld rows say "group of fewer than 5 respondents"), which tells that
    every listed group has at least one. That much WellPlan prints on purpose; what it keeps is how
    many (within 1..min-1) and what they answered, so a count is then checked against one, not zero.
    ``enumerate_counts``: try every whole number of answers for a rounded pooled mean (see module).
    """

    def __init__(self, tables: Sequence[ReleasedTable], public: PublicFacts, *, presence: bool = PRESENCE,
                 enumerate_counts: bool = True) -> None:
        self.presence = presence
        by_wave: dict[str, list[ReleasedTable]] = {}
        for t in tables:
            by_wave.setdefault(t.wave, []).append(t)
        self.public = public
        self.waves = {w: _Wave(w, ts, public, presence) for w, ts in by_wave.items()}
        for wave in self.waves.values():
            wave.pin_rounded(enumerate_counts)
        self._targets = {t: (w, spec) for w in self.waves.values() for t, spec in w.targets().items()}
        self._programs: dict[tuple[str, bool], _Program] = {}

    @property
    def targets(self) -> list[Target]:
        return list(self._targets)

    def _program(self, wave: _Wave, ratio: bool) -> _Program:
        key = (wave.wave, ratio)
        if key not in self._programs:
            self._programs[key] = _Program(len(wave.vars), wave.rows, ratio=ratio)
        return self._programs[key]

    def exact(self, targets: Iterable[Target] | None = None) -> list[Recovery]:
        """Every withheld n, sum, favorable count and count that the released numbers determine."""
        out = []
        for target in self.targets if targets is None else targets:
            wave, (atoms, measure) = self._targets[target]
            forms = wave.forms(atoms, measure)
            quantities = [("count", forms.people)] if measure is None else \
                [("n", forms.people), ("sum", forms.total), ("favorable", forms.favorable)]
            for quantity, form in quantities:
                if measure is not None and quantity != "n" and wave.measures[measure].share and quantity == "sum":
                    continue
                value = wave.echelon.value(form)
                if value is not None:
                    how = "linear" if wave.linear.value(form) is not None else \
                        "linear, once a pooled count was found by trying every count"
                    out.append(Recovery(target, quantity, value, how))
        return out

    def intervals(self, targets: Iterable[Target] | None = None) -> list[Bounds]:
        """The narrowest ranges the linear programs allow for every withheld count, cell n, mean and
        percent favorable (the same atoms and measure are solved once)."""
        out = []
        done: dict[tuple[str, tuple[int, ...], str | None], tuple] = {}
        for target in self.targets if targets is None else targets:
            wave, (atoms, measure) = self._targets[target]
            key = (wave.wave, atoms, measure)
            if key not in done:
                forms = wave.forms(atoms, measure)
                count = self._program(wave, False).extremes(forms.people)
                mean = pct = None
                if measure is not None:
                    ratio = self._program(wave, True)
                    if not wave.measures[measure].share:
                        mean = ratio.ratio_extremes(forms.total, forms.answers)
                    pct = ratio.ratio_extremes({v: 100 * c for v, c in forms.favorable.items()}, forms.answers)
                done[key] = (count, mean, pct)
            out.append(Bounds(target, *done[key]))
        return out

    def true_values(self, respondents: Sequence[Respondent]) -> dict[Target, TrueValues]:
        """The true value of every target, checking first that the true answers meet every
        constraint drawn from the releases (else the attacker misread something)."""
        out = {}
        per_wave = {}
        for w in self.waves.values():
            x = w.true_values(respondents)
            w.check(x)
            per_wave[w.wave] = x
        for target, (wave, (atoms, measure)) in self._targets.items():
            x = per_wave[wave.wave]
            forms = wave.forms(atoms, measure)

            def value(form: Mapping[int, Fraction] | None, _x: Mapping[int, int] = x) -> int:
                return int(sum(c * _x[v] for v, c in form.items())) if form else 0

            out[target] = TrueValues(value(forms.people), value(forms.answers), value(forms.total),
                                     value(forms.favorable))
        return out

    def equations(self, wave: str) -> list[str]:
        """What each constraint of a wave says, for reading a failure."""
        return [r.why for r in self.waves[wave].rows]


# The rule WellPlan promises ---------------------------------------------------------------------

MEAN_WIDTH_SHARE = 0.5  # a withheld mean's range must cover half the scale: (P - 1) / 2
PCT_WIDTH = 30.0  # a withheld percent favorable's range must be 30 points wide
TOLERANCE = 1e-6


def protection_failures(attacker: Attacker, respondents: Sequence[Respondent], min_size: int = 5, *,
                        strict: bool = False) -> list[str]:
    """Every way the releases break the promise, in words with the values worked out:
    - no withheld value about 1..min-1 people (a cell's n, sum or favorable count, a group's count)
      is exactly recovered (a value shown in another release is public, not withheld); a result
      withheld only to protect a small one is about enough people for its own value not to matter,
      so its exact recovery counts only with ``strict``;
    - a withheld cell about 1..min-1 people who answered (a small group's result, whether withheld
      for its size or as a complement): its mean's range is at least (P - 1)/2 wide and its percent
      favorable's at least 30 points. ``strict``: of every withheld cell with people who answered,
      however many (a complement about 12 teachers too);
    - a withheld count whose true value is 1..min-1: for an attacker who reads a listed group as
      having respondents (the listing says that much, on purpose), its range holds more than one
      whole number; for one who doesn't, its range includes 0;
    - late respondents of a released group (a table over all of a wave against its earlier
      version's), when 1..min-1 of them answered: as a withheld cell (their number may be known);
    - the people of one combination of groups (an atom), when 1..min-1 of them answered: their sum
      and favorable count are not exactly recovered (ranges are not asked of every combination:
      there are too many, and the released groups' ranges already cover what is released).
    """
    truth = attacker.true_values(respondents)
    failures = []

    def applies(target: Target) -> bool:
        true = truth[target]
        if target.kind != "withheld":
            return target.measure is not None and 0 < true.count < min_size
        return 0 < true.count < min_size or (strict and true.count > 0)

    for r in attacker.exact():
        true = truth[r.target]
        expected = {"n": true.count, "count": true.count, "sum": true.total, "favorable": true.favorable}[r.quantity]
        if r.value != expected:
            raise AttackerError(f"{r.target}: the attacker recovered {r.quantity} = {r.value}, but it is {expected}")
        if not applies(r.target) or (r.target.kind != "withheld" and r.quantity == "n"):
            continue
        extra = ""
        if r.quantity == "sum" and true.answers:
            extra = f" (mean {float(r.value) / true.answers:.4f} over {true.answers} answers)"
        failures.append(f"{r.target}: {r.quantity} recovered exactly = {r.value}{extra} [{r.how}]")
    def ranged(target: Target) -> bool:
        if target.kind == "combination" or not applies(target):
            return False
        return target.measure is None or strict or truth[target].count < min_size

    wanted = [t for t in attacker.targets if ranged(t)]
    for b in attacker.intervals(wanted):
        t, true = b.target, truth[b.target]
        checks = [(b.count, true.count)]
        if true.answers:
            checks += [(b.mean, true.total / true.answers), (b.pct, 100 * true.favorable / true.answers)]
        for span, value in checks:
            if span is not None and not span.lo - 1e-6 <= value <= span.hi + 1e-6:
                raise AttackerError(f"{t}: the true value {value:.6g} lies outside the attacker's range {span}")
        if t.measure is None:
            if 0 < true.count < min_size and b.count is not None:
                if attacker.presence and b.count.hi - b.count.lo < 1 and \
                        len(whole_numbers_within(b.count.lo - TOLERANCE, b.count.hi + TOLERANCE)) < 2:
                    # A listed group has someone (the listing says so); how many must stay unknown.
                    failures.append(f"{t}: count {true.count} lies in {b.count}, which pins it")
                elif not attacker.presence and b.count.lo > TOLERANCE:
                    failures.append(f"{t}: count {true.count} lies in {b.count}, which excludes 0")
            continue
        m = attacker.waves[t.wave].measures[t.measure]
        need = MEAN_WIDTH_SHARE * (max(m.points) - 1)
        mean = f" (true {true.total / true.answers:.4f})" if true.answers else ""
        if b.mean is None and not m.share:
            failures.append(f"{t}: the attacker's model says nobody can have answered, yet {true.count} did")
        elif not m.share and b.mean.width < need - TOLERANCE:
            failures.append(f"{t}: mean lies in {b.mean}{mean}, narrower than {need:g}")
        pct = f" (true {100 * true.favorable / true.answers:.1f})" if true.answers else ""
        if b.pct is not None and b.pct.width < PCT_WIDTH - TOLERANCE:
            failures.append(f"{t}: percent favorable lies in {b.pct}{pct}, narrower than {PCT_WIDTH:g} points")
    return failures
