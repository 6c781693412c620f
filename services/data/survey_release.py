"""The one way survey results leave WellPlan: every table shown, printed, saved as CSV or sent to
Priorities is built here, audited against everything already released, and (when it leaves the
window) written to the ledger.

Screens are held to the same audit but not recorded: what is on the screen is seen by the planner
who holds the whole plan anyway, and recording every breakdown someone clicks through would make
the ledger, and so every later report, hide more for nothing. A table is recorded when it leaves
the plan: a CSV, a PDF, participation counts or evidence text. So a screen shows exactly what
could be exported next, and an export never shows more than the screen did.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from services.data.disclosure_audit import Cell as AuditCell
from services.data.disclosure_audit import Group, Measure, Number, Protected, Protection, WaveArrays, audit
from services.data.release_ledger import ledger_for, record, released_since
from services.data.survey_report import CROSS, SchoolSlice, WaveData, report_by, report_within
from services.data.survey_results import ALL, NO_ANSWER, GroupReport, released_numbers
from services.errors import InvalidInput

# Half a rounding step of each output: the CSV gives means to 4 decimals and percents to 1; the
# printout, the screen and the evidence 2 and 0. The audit always assumes the finer one.
CSV_PRECISION = (0.00005, 0.05)
PRINT_PRECISION = (0.005, 0.5)

@dataclass(frozen=True)
class ReleasedTable:
    """A report as it may be released, with what the ledger needs to record it."""

    wave: WaveData
    report: GroupReport
    groups: dict[str, Group]
    measures: dict[str, Measure]
    description: str
    # protected beyond the table's own small cells (late responses, a cross-tab's parts), recorded
    # with it so every later release protects them too
    also_protected: tuple[Protected, ...] = ()
    # the ledger's last entry when the table was audited: on a district server another planner may
    # release from the same wave before this table is recorded, and then it must be audited again
    audited_after: int = 0


def wave_arrays(wave: WaveData) -> WaveArrays:
    return WaveArrays(size=wave.respondent_count, codes={d.id: d.codes for d in wave.dimensions},
                      answers={i.id: i.values for i in wave.items}, points={i.id: i.points for i in wave.items},
                      reversed_now={i.id: i.reverse for i in wave.items})


def measures_of(wave: WaveData) -> dict[str, Measure]:
    out = {i.label: Measure(i.label, ((i.id, i.reverse),)) for i in wave.items}
    by_label = {i.label: i for i in wave.items}
    for name, labels in wave.domains().items():
        out[name] = Measure(name, tuple((by_label[label].id, by_label[label].reverse) for label in labels))
    return out


def groups_of(wave: WaveData, report: GroupReport, by: str, then_by: str | None) -> dict[str, Group]:
    """Each group of the report as codes of the attributes it is broken down by."""
    first = wave.dimension(by)
    rows = wave.respondent_count
    if then_by is None:
        dims = (first.id,)
        codes = {name: frozenset({(k,)}) for k, name in enumerate(first.groups, 1)}
        codes[NO_ANSWER] = frozenset({(0,)})
    else:
        second = wave.dimension(then_by)
        dims = (first.id, second.id)
        codes = {f"{a}{CROSS}{b}": frozenset({(ka, kb)}) for ka, a in enumerate(first.groups, 1)
                 for kb, b in enumerate(second.groups, 1)}
        codes[NO_ANSWER] = frozenset({(0, kb) for kb in range(len(second.groups) + 1)} |
                                     {(ka, 0) for ka in range(1, len(first.groups) + 1)})
    out = {ALL: Group((), None, rows, ALL)}
    for name in report.groups[1:]:
        out[name] = Group(dims, codes[name], rows, name)
    return out


def school_groups(wave: WaveData, report: GroupReport, within: SchoolSlice, by: str) -> dict[str, Group]:
    """Each group of one school's report as codes of (school, ``by``): "All respondents" are the
    school's, "No answer" its respondents who left ``by`` blank."""
    first = wave.dimension(by)
    rows = wave.respondent_count
    dims = (within.dimension.id, first.id)
    codes = {name: frozenset({(within.code, k)}) for k, name in enumerate(first.groups, 1)}
    codes[NO_ANSWER] = frozenset({(within.code, 0)})
    out = {ALL: Group((within.dimension.id,), frozenset({(within.code,)}), rows, within.name)}
    for name in report.groups[1:]:
        label = f"{within.name}: no answer to {first.label}" if name == NO_ANSWER else f"{name} at {within.name}"
        out[name] = Group(dims, codes[name], rows, label)
    return out


def _table(released: ReleasedTable, min_size: int, precision: tuple[float, float], with_complements: bool = False):
    """The report's shown results as numbers, and its results withheld for being too small (and,
    with ``with_complements``, the cells withheld only to protect those, as they would be shown)."""
    report = released.report
    mean_hw, pct_hw = precision
    cells, hidden, complements = [], {}, []
    for name in report.groups:
        group = released.groups[name]
        people = report.respondents[name]
        count = AuditCell((name, ""), group, None, (Number(group, None, "R", people),), people)
        if name not in report.hidden_counts:
            cells.append(count)
        elif 0 < people < min_size:
            hidden[(name, "")] = Protected(group, None)
        else:
            complements.append(count)
        for m in report.measures:
            cell, measure = report.cell(name, m), released.measures[m]
            numbers = released_numbers(replace(cell, withheld=""))
            sensitive = 0 < cell.respondents < min_size or 0 < people < min_size or cell.withheld == ALIKE
            if cell.shown or with_complements and not sensitive:
                values = [Number(group, measure, "n", cell.respondents if numbers else 0)]
                if len(measure.items) > 1:
                    # A domain's mean and percent pool its items' answers; their count is not printed,
                    # but a 4-decimal mean and a 1-decimal percent together usually allow only one
                    # whole number of answers, so it is treated as released too.
                    values.append(Number(group, measure, "answers", cell.n))
                if numbers is not None:
                    if m not in report.shares:
                        values.append(Number(group, measure, "mean", numbers.mean, mean_hw))
                    values.append(Number(group, measure, "pct", numbers.pct_favorable, pct_hw))
                (cells if cell.shown else complements).append(
                    AuditCell((name, m), group, measure, tuple(values), cell.respondents))
            elif 0 < cell.respondents < min_size or 0 < people < min_size or cell.withheld == ALIKE:
                hidden[(name, m)] = Protected(group, measure)
    return (cells, hidden, complements) if with_complements else (cells, hidden)


def _describe(p: Protected) -> str:
    what = p.group.label or "a small group"
    if p.measure is not None:
        what += f" on \u201c{p.measure.name}\u201d"
    if p.origin:
        what += f" (withheld in {p.origin})"
    return what


_CACHE: OrderedDict[tuple, tuple[GroupReport, tuple[Protected, ...]]] = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = threading.Lock()


def release_table(session: Session, wave: WaveData, by: str, min_size: int, then_by: str | None = None,
                  protection: Protection | None = None, *, within: SchoolSlice | None = None) -> ReleasedTable:
    """The report by ``by`` (and ``then_by``) with small groups withheld and then whatever more the
    audit against the ledger requires. Nothing is recorded: see ``record_table``.

    ``within``: only one school's respondents (a school's packet). Its results by group are one row
    of the school-by-group cross-tab, so they are audited as such: every small part of that
    cross-tab, in every school and among those who left either question blank, is protected with
    it, or the district's result for a group less the schools' packets would be the rest."""
    protection = protection or Protection(min_size=min_size)
    if within is not None and then_by is not None:
        raise InvalidInput("One school's results are broken down by one attribute only.")
    if within is None:
        base = _withhold_alike(report_by(wave, by, min_size, then_by), wave)
        groups = groups_of(wave, base, by, then_by)
        second = f" and {wave.dimension(then_by).label}" if then_by else ""
        description = f"survey report of {wave.label} by {wave.dimension(by).label}{second}"
    else:
        base = _withhold_alike(report_within(wave, within, by, min_size), wave)
        groups = school_groups(wave, base, within, by)
        description = f"survey results of {wave.label} at {within.name} by {wave.dimension(by).label}"
    measures = measures_of(wave)
    numbers, protected, last = ledger_for(session, wave)
    draft = ReleasedTable(wave, base, groups, measures, description, audited_after=last)
    # The plan file and a digest of the answers are part of the key: two plans open in one process
    # (or a wave whose answers changed) must never share a cached table. So is what the ledger
    # holds, not just its last entry's id: the engine's URL is the same for every plan, and two
    # plans (or one changed by another program while open) can share ids with different entries.
    key = (str(session.get_bind().url), wave.id, _answers_digest(wave), by, then_by,
           None if within is None else (within.dimension.id, within.code), min_size, protection, last,
           hash((tuple(numbers), tuple(protected))),
           tuple((i.id, i.reverse, i.domain) for i in wave.items), _headcount_key(session, wave.id))
    with _CACHE_LOCK:  # the window audits cross-tabs in a background thread
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
    if cached is None:
        cells, hidden, complements = _table(draft, min_size, CSV_PRECISION, with_complements=True)
        extra = _late_responses(wave, numbers, protected, measures, min_size)
        if then_by is not None:
            extra.update(_unanswered_pairs(wave, by, then_by, measures, min_size))
        if within is not None:
            extra.update(_unanswered_pairs(wave, within.dimension.label, by, measures, min_size, every_pair=True))
        hidden.update(extra)
        public = [*numbers, *_headcount_bounds(session, wave)]
        result = audit(wave_arrays(wave), public, protected, cells, hidden, protection, _describe, complements)
        cached = (_withhold(base, result.withheld, result.revealed), tuple(extra.values()))
        with _CACHE_LOCK:
            _CACHE[key] = cached
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return replace(draft, report=cached[0], also_protected=cached[1])


def _late_responses(wave: WaveData, numbers, protected, measures: dict[str, Measure], min_size: int
                    ) -> dict[tuple[str, str], Protected]:
    """Responses added when a wave was replaced by a later download: if fewer than the minimum came
    late, they are a small group of their own (the new total minus the one released before)."""
    cuts = sorted({g.rows for g in (*(n.group for n in numbers), *(p.group for p in protected))
                   if 0 < g.rows < wave.respondent_count})
    out: dict[tuple[str, str], Protected] = {}
    for start, end in zip(cuts, [*cuts[1:], wave.respondent_count], strict=False):
        if 0 < end - start < min_size:
            # Their number is public (the wave's size grew by it); their answers must not be.
            late = Group((), None, end, f"the {end - start} late responses", start)
            out.update({(late.label, name): Protected(late, m) for name, m in measures.items()})
    return out


def _unanswered_pairs(wave: WaveData, by: str, then_by: str, measures: dict[str, Measure], min_size: int,
                      every_pair: bool = False) -> dict[tuple[str, str], Protected]:
    """A cross-tab's "No answer" pools everyone who left either attribute blank: school known but
    position blank, the reverse, and both; and its rows and columns are groups a report by one
    attribute shows. Against other releases these parts come apart, so each part (and each row and
    column, "No answer" included) that is small, or that few answered on a measure, is protected
    like a small group of its own. ``every_pair``: every pair of groups is such a part, blank or not
    (a school's packet releases one row of the cross-tab; the other schools' rows are parts that
    the district's report less the packets would give away)."""
    import numpy as np

    first, second = wave.dimension(by), wave.dimension(then_by)
    a_codes, b_codes = first.codes.astype(np.int64), second.codes.astype(np.int64)
    answered = {i.id: i.values > 0 for i in wave.items}
    parts: list[tuple[str, Group, np.ndarray]] = []
    blank = np.ones(len(a_codes), dtype=bool) if every_pair else (a_codes == 0) | (b_codes == 0)
    for a, b in sorted({(int(x), int(y)) for x, y in zip(a_codes[blank], b_codes[blank], strict=True)}):
        name = (f"{first.groups[a - 1] if a else 'no ' + first.label}, "
                f"{second.groups[b - 1] if b else 'no ' + second.label}")
        parts.append((name, Group((first.id, second.id), frozenset({(a, b)}), wave.respondent_count, name),
                      (a_codes == a) & (b_codes == b)))
    for dim, codes in ((first, a_codes), (second, b_codes)):
        for code in sorted(set(codes.tolist())):
            name = dim.groups[code - 1] if code else f"No answer to {dim.label}"
            parts.append((name, Group((dim.id,), frozenset({(code,)}), wave.respondent_count, name), codes == code))
    out: dict[tuple[str, str], Protected] = {}
    for name, group, members in parts:
        people = int(members.sum())
        small = 0 < people < min_size
        if small:
            out[(name, "")] = Protected(group, None)
        for m, measure in measures.items():
            anyone = np.zeros(len(members), dtype=bool)
            for item, _ in measure.items:
                anyone |= answered[item]
            if small or 0 < int((members & anyone).sum()) < min_size:
                out[(name, m)] = Protected(group, measure)
    return out


def _answers_digest(wave: WaveData) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for item in wave.items:
        digest.update(item.values.tobytes())
    for dim in wave.dimensions:
        digest.update(dim.codes.tobytes())
        digest.update("\n".join(dim.groups).encode("utf-8"))
    return digest.hexdigest()


def _headcount_key(session: Session, wave_id: int) -> tuple:
    from services.data.survey_participation import wave_headcounts

    return tuple(wave_headcounts(session, wave_id))


def _headcount_bounds(session: Session, wave: WaveData) -> list[Number]:
    """Headcounts are public: a group's responses are at most its staff. The audit knows what an
    attacker with the participation table and the staff list knows. A headcount below the group's
    responses (typed wrong, or written with another program) bounds nothing true: it would make
    the audit's linear programs infeasible, and an infeasible program pins nothing, so every
    hidden result would pass as protected. It is left out."""
    out = []
    for dimension, group, heads in _headcount_key(session, wave.id):
        found = next((d for d in wave.dimensions if d.matches(dimension)), None)
        if found is None or group not in found.groups:
            continue
        code = found.groups.index(group) + 1
        if heads < int((found.codes == code).sum()):
            continue
        target = Group((found.id,), frozenset({(code,)}), wave.respondent_count, group)
        out.append(Number(target, None, "R", heads / 2, heads / 2))  # 0 <= responses <= headcount
    return out


ALIKE = ("withheld because everyone in this group who answered gave the same kind of answer (all favorable, "
         "none, or all at one end of the scale), which would tell each of them what they answered")


def _withhold_alike(report: GroupReport, wave: WaveData) -> GroupReport:
    """A result where everyone answered alike (0% or 100% favorable, a mean at the end of the scale)
    tells each member's answer, and each smaller group's inside it: it is withheld, and protected
    like a small group's (``_table`` treats it as sensitive)."""
    points = {i.label: i.points for i in wave.items}
    for name, labels in wave.domains().items():
        points[name] = min(points[label] for label in labels)
    cells = dict(report.cells)
    for (group, measure), cell in report.cells.items():
        if not cell.shown or not cell.n or cell.pct_favorable is None:
            continue
        top = points.get(measure, 5)
        if cell.pct_favorable in (0.0, 100.0) or (measure not in report.shares and cell.mean in (1.0, float(top))):
            cells[(group, measure)] = replace(cell, withheld=ALIKE)
    return replace(report, cells=cells) if cells != dict(report.cells) else report


def _withhold(report: GroupReport, withheld: dict[tuple[str, str], str],
              revealed: frozenset[tuple[str, str]] = frozenset()) -> GroupReport:
    if not withheld and not revealed:
        return report
    cells = dict(report.cells)
    hidden_counts = set(report.hidden_counts)
    for group, measure in revealed:  # pinned by the rest anyway: shown
        if measure == "":
            hidden_counts.discard(group)
        else:
            cells[(group, measure)] = replace(cells[(group, measure)], withheld="")
    for (group, measure), why in withheld.items():
        if measure == "":
            hidden_counts.add(group)
        else:
            cells[(group, measure)] = replace(cells[(group, measure)], withheld=why)
    return replace(report, cells=cells, hidden_counts=frozenset(hidden_counts))


def record_table(session: Session, table: ReleasedTable, kind: str, precision: tuple[float, float],
                 description: str | None = None, only: set[tuple[str, str]] | None = None,
                 at: dt.datetime | None = None) -> int:
    """Write what this table makes public (``only`` these cells, when just some are released, as in
    evidence) and what it withholds to the ledger, in the caller's transaction."""
    if released_since(session, table.wave.id, table.audited_after):
        raise InvalidInput(f"Someone else released results of the {table.wave.label} survey while this was being "
                           "prepared, so it was not released: make it again, and it will be checked against theirs.")
    min_size = table.report.min_size
    cells, hidden = _table(table, min_size, precision)
    numbers = [n for c in cells if only is None or c.key in only for n in c.numbers]
    protected = [*hidden.values(), *table.also_protected]
    return record(session, table.wave.id, table.wave.label, table.wave.respondent_count, kind,
                  description or table.description, numbers, protected, at)


@dataclass(frozen=True)
class PendingRelease:
    """A table an export printed, to be recorded once the file is written."""

    table: ReleasedTable
    kind: str
    precision: tuple[float, float]
    description: str
    only: frozenset[tuple[str, str]] | None = None


def record_pending(session: Session, pending: list[PendingRelease]) -> None:
    for p in pending:
        record_table(session, p.table, p.kind, p.precision, p.description, set(p.only) if p.only else None)


def withheld_count(report: GroupReport) -> int:
    """How many results a report withholds (for the README's before-and-after figures)."""
    return sum(1 for c in report.cells.values() if not c.shown) + len(report.hidden_counts)


def staging_path(out: Path) -> Path:
    """Where a file that releases results is written until its ledger entry is committed; then
    it is renamed to ``out`` (the suffix kept, since some writers choose the format by it)."""
    return out.with_name(f".{out.stem}.releasing{out.suffix}")
