"""Survey results from the plan: a wave's answers by one attribute (or two, as a cross-tab), the
gaps against all respondents, and the ``survey report`` CSV.

The arithmetic and the small-group rule live in ``survey_results``; this module reads the stored
arrays, picks the wave and the attribute people name, and applies the plan's minimum group size.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import SurveyDimension, SurveyItem, SurveyWave, WellnessDomain
from services.data.survey_columns import CHOICE_SCALE_KIND, MAX_POINTS
from services.data.survey_files import normalize_text
from services.data.survey_results import ALL, CSV_HEADER, Cell, GroupReport, ItemAnswers, csv_rows, disaggregate_codes
from services.district_profile import get_profile
from services.errors import InvalidInput
from services.spreadsheet_cells import spreadsheet_safe
from services.stored_values import text, unusable, whole_number
from services.wording import quote_each

DEFAULT_GAP_MEAN = 0.3
DEFAULT_GAP_PCT = 10.0
CROSS = " / "  # between the two groups of a cross-tab: "Teachers / 0-2 years"


@dataclass(frozen=True)
class WaveItem:
    id: int
    label: str
    header: str
    question: str
    points: int
    scale_kind: str
    scale_labels: tuple[str, ...]
    reverse: bool
    domain: str
    values: np.ndarray  # int8, 0 = no answer


@dataclass(frozen=True)
class WaveDimension:
    id: int
    label: str
    header: str
    groups: tuple[str, ...]
    codes: np.ndarray  # uint16, 0 = no answer, k = groups[k - 1]

    def matches(self, text: str) -> bool:
        return normalize_text(text) in {normalize_text(self.label), normalize_text(self.header)}


@dataclass(frozen=True)
class WaveData:
    id: int
    label: str
    respondent_count: int
    items: tuple[WaveItem, ...]
    dimensions: tuple[WaveDimension, ...]

    def dimension(self, text: str) -> WaveDimension:
        found = next((d for d in self.dimensions if d.matches(text)), None)
        if found is None:
            names = ", ".join(f"'{d.label}'" for d in self.dimensions) or "none"
            raise InvalidInput(f"Wave '{self.label}' has no respondent attribute '{text}'. Its attributes: {names}.")
        return found

    def domains(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.items:
            if item.domain:
                out.setdefault(item.domain, []).append(item.label)
        return out


def find_wave(session: Session, label: str | None = None) -> SurveyWave:
    """The wave with this label, or the latest one (by its responses' dates, then import order)."""
    waves = list(session.scalars(select(SurveyWave).order_by(SurveyWave.last_response.is_(None),
                                                              SurveyWave.last_response, SurveyWave.id)))
    if not waves:
        raise InvalidInput("This plan has no survey data yet; import a survey file first (survey import).")
    if label is None:
        return waves[-1]
    found = next((w for w in waves if normalize_text(w.label) == normalize_text(label)), None)
    if found is None:
        raise InvalidInput(f"This plan has no survey wave '{label}'. Its waves: "
                           f"{', '.join(repr(w.label) for w in waves)}.")
    return found


MAX_RESPONDENTS = 2**31 - 1


def load_wave(session: Session, label: str | None = None) -> WaveData:
    """A wave's stored arrays, checked on read (``_checked``): survey results are released from
    them, so a wave another program changed in a way WellPlan never writes is refused, not read."""
    wave = find_wave(session, label)
    domains = dict(session.execute(select(WellnessDomain.id, WellnessDomain.name)).all())
    size = whole_number(wave.respondent_count, 0, MAX_RESPONDENTS)
    name = f"Survey wave '{text(wave.label, '?')}'"
    if size is None:
        raise unusable(f"{name} has no usable number of responses ({str(wave.respondent_count)[:20]!r})")
    items = tuple(
        _checked_item(name, size, i, domains)
        for i in session.scalars(select(SurveyItem).where(SurveyItem.wave_id == wave.id)
                                 .order_by(SurveyItem.sort_order, SurveyItem.id)))
    dims = tuple(
        _checked_dimension(name, size, d)
        for d in session.scalars(select(SurveyDimension).where(SurveyDimension.wave_id == wave.id)
                                 .order_by(SurveyDimension.sort_order, SurveyDimension.id)))
    for what, labels in (("question", [i.label for i in items]), ("respondent attribute", [d.label for d in dims])):
        twice = next((x for x in labels if labels.count(x) > 1), None)
        if twice is not None:
            raise unusable(f"{name} has two of its {what}s labelled '{twice[:60]}'")
    return WaveData(wave.id, wave.label, size, items, dims)


def _checked_item(wave: str, size: int, i: SurveyItem, domains: dict[int, str]) -> WaveItem:
    """An item as WellPlan wrote it: a scale of 2 or more points (with fewer, every answer is at the
    scale's end and the audit's protection of a mean would be no width at all), one answer per
    response, each 0 (none) or a point of the scale. Anything else is refused."""
    label = text(i.label)
    where = f"{wave} has a question ('{label[:60]}')"
    labels = tuple(text(i.scale_labels).splitlines())
    kind = text(i.scale_kind)
    if not 2 <= len(labels) <= MAX_POINTS or (kind == CHOICE_SCALE_KIND and len(labels) != 2):
        raise unusable(f"{where} whose scale has {len(labels)} point{'s' if len(labels) != 1 else ''}")
    if not isinstance(i.answers, bytes) or len(i.answers) != size:
        raise unusable(f"{where} whose answers don't match the wave's {size} responses (they may be another wave's)")
    values = np.frombuffer(i.answers, dtype=np.int8)
    if size and (values.min() < 0 or values.max() > len(labels)):
        raise unusable(f"{where} with answers that are not on its {len(labels)}-point scale")
    return WaveItem(i.id, label, text(i.header), text(i.question), len(labels), kind, labels, bool(i.reverse),
                    domains.get(i.domain_id, ""), values)


def _checked_dimension(wave: str, size: int, d: SurveyDimension) -> WaveDimension:
    """A respondent attribute as WellPlan wrote it: one code per response, each 0 (no answer) or one
    of its groups, whose names are all different (a report and its audit find a group by name)."""
    label = text(d.label)
    where = f"{wave} has a respondent attribute ('{label[:60]}')"
    groups = tuple(text(d.groups).splitlines()) if d.groups else ()
    if len(set(groups)) != len(groups):
        raise unusable(f"{where} that names a group twice")
    if not isinstance(d.codes, bytes) or len(d.codes) != 2 * size:
        raise unusable(f"{where} whose groups don't match the wave's {size} responses (they may be another wave's)")
    codes = np.frombuffer(d.codes, dtype="<u2")
    if size and codes.max() > len(groups):
        raise unusable(f"{where} with responses in a group it doesn't have")
    return WaveDimension(d.id, label, text(d.header), groups, codes)


def min_group_size(session: Session, override: int | None = None) -> int:
    """The plan's minimum group size; ``--min-n`` may raise it for one report, never lower it."""
    plan_min = get_profile(session).min_group_size
    if override is None:
        return plan_min
    if override < plan_min:
        raise InvalidInput(f"--min-n {override} is below this plan's minimum group size ({plan_min}); a report "
                           "can hide more, never less.")
    return override


def _cross_codes(first: WaveDimension, second: WaveDimension) -> tuple[np.ndarray, list[str], list[list[str]]]:
    """One code per respondent for each pair of groups, and the cross-tab's rows and columns."""
    width = len(second.groups) + 1
    combined = first.codes.astype(np.int64) * width + second.codes.astype(np.int64)
    used = np.unique(combined[(first.codes > 0) & (second.codes > 0)])
    names = [f"{first.groups[c // width - 1]}{CROSS}{second.groups[c % width - 1]}" for c in used]
    lookup = np.zeros(len(first.groups + ("",)) * width, dtype=np.uint16)
    lookup[used] = np.arange(1, len(used) + 1, dtype=np.uint16)
    codes = lookup[combined]
    rows = [[n for n in names if n.startswith(g + CROSS)] for g in first.groups]
    columns = [[n for n in names if n.endswith(CROSS + g)] for g in second.groups]
    return codes, names, [p for p in rows + columns if p]


def report_by(wave: WaveData, by: str, min_size: int, then_by: str | None = None) -> GroupReport:
    """Results for every group of ``by`` (and of ``then_by`` within it, for a cross-tab)."""
    first = wave.dimension(by)
    items = [ItemAnswers(i.label, i.points, i.values, share=i.scale_kind == CHOICE_SCALE_KIND) for i in wave.items]
    if then_by is None:
        return disaggregate_codes(first.codes, first.groups, items, wave.domains(), min_size)
    second = wave.dimension(then_by)
    if second.id == first.id:
        raise InvalidInput("Choose two different attributes for a cross-tab.")
    codes, names, partitions = _cross_codes(first, second)
    return disaggregate_codes(codes, names, items, wave.domains(), min_size, partitions)


# How a respondent attribute about where people work is recognised when its groups are not the
# district's schools by name: "School", "Which school do you work in?", "Work site", "Building".
_PLACE_QUESTION = re.compile(r"\b(school|schools|site|building|campus|workplace|work location)\b|where do you work")


def school_attributes(wave: WaveData, schools: Sequence[str] = ()) -> list[WaveDimension]:
    """The wave's attributes that say which school a respondent works at: those whose groups are
    mostly the district's ``schools`` by name (a position group called "District office", like the
    site, doesn't make positions a school attribute), then those whose question names a school or
    site."""
    known = {normalize_text(s) for s in schools}
    by_name = [d for d in wave.dimensions if d.groups and
               2 * len(known & {normalize_text(g) for g in d.groups}) >= len(d.groups)]
    by_words = [d for d in wave.dimensions if d not in by_name and
                (_PLACE_QUESTION.search(normalize_text(d.label)) or _PLACE_QUESTION.search(normalize_text(d.header)))]
    return by_name + by_words


@dataclass(frozen=True)
class SchoolSlice:
    """One school's respondents: the attribute that holds school, the school's group in it (as the
    survey names it) and its code."""

    dimension: WaveDimension
    name: str
    code: int

    @property
    def members(self) -> np.ndarray:
        return self.dimension.codes == self.code


def school_slice(wave: WaveData, school: str, schools: Sequence[str] = ()) -> SchoolSlice:
    """The respondents of ``school`` (any case), found in the wave's school attribute; refused in one
    sentence when the wave has no such attribute or no one there answered."""
    found = school_attributes(wave, schools)
    if not found:
        raise InvalidInput(f"Wave '{wave.label}' has no respondent attribute for school, so its results can't be "
                           "shown for one school.")
    wanted = normalize_text(school)
    for dimension in found:
        for code, group in enumerate(dimension.groups, 1):
            if normalize_text(group) == wanted and (dimension.codes == code).any():
                return SchoolSlice(dimension, group, code)
    present = [g for k, g in enumerate(found[0].groups, 1) if (found[0].codes == k).any()]
    raise InvalidInput(f"No one from '{school}' answered wave '{wave.label}' (its '{found[0].label}' answers are "
                       f"{quote_each(present, limit=6) or 'all blank'}).")


def report_within(wave: WaveData, where: SchoolSlice, by: str, min_size: int) -> GroupReport:
    """Results of one school's respondents for every group of ``by`` among them, with the same
    small-group rule as the district's report; "All respondents" are the school's."""
    first = wave.dimension(by)
    if first.id == where.dimension.id:
        raise InvalidInput(f"Choose an attribute other than '{first.label}' to break one school's results down by.")
    members = where.members
    items = [ItemAnswers(i.label, i.points, i.values[members], share=i.scale_kind == CHOICE_SCALE_KIND)
             for i in wave.items]
    return disaggregate_codes(first.codes[members], first.groups, items, wave.domains(), min_size)


_NAME_COLUMNS = ("group", "measure")


def write_report_csv(report: GroupReport, out: str | Path) -> Path:
    """The ``survey report`` CSV, written whole to a temporary file and then renamed."""
    out = Path(out)
    temporary = out.with_name(out.name + ".part")
    with temporary.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        # group and measure names come from the survey file; n, mean and percent are numbers held
        # as text ("-0.3000") that must stay numbers, so only the name columns are neutralised
        names = [column in _NAME_COLUMNS for column in CSV_HEADER]
        writer.writerows([[spreadsheet_safe(v) if is_name else v for v, is_name in zip(row, names, strict=True)]
                          for row in csv_rows(report)])
    temporary.replace(out)
    return out


@dataclass(frozen=True)
class Gap:
    group: str
    measure: str
    mean_gap: float  # group's mean minus all respondents' (negative = below)
    pct_gap: float
    cell: Cell
    everyone: Cell

    def text(self) -> str:
        """A finding people can read aloud: "Transportation: 'I feel valued' 0.8 below all respondents"."""
        parts = []
        if self.mean_gap <= -0.05:
            parts.append(f"{abs(self.mean_gap):.1f} below all respondents")
        if self.pct_gap <= -0.5:
            parts.append(f"{abs(self.pct_gap):.0f} points less favorable")
        what = "; ".join(parts) or "below all respondents"
        return f"{self.group}: '{self.measure}' {what}"


def compare(report: GroupReport, group: str, measure: str) -> Gap | None:
    """A group's result against all respondents' on one measure; None when either is withheld or
    has no answers (a withheld cell is never compared, so never a gap)."""
    cell, everyone = report.cell(group, measure), report.cell(ALL, measure)
    if group == ALL or not cell.shown or not everyone.shown or cell.mean is None or everyone.mean is None or \
            measure in report.shares:  # using a support less is not by itself a gap
        return None
    return Gap(group, measure, round(cell.mean - everyone.mean, 4),
               round(cell.pct_favorable - everyone.pct_favorable, 1), cell, everyone)


def is_gap(report: GroupReport, group: str, measure: str, mean_threshold: float = DEFAULT_GAP_MEAN,
           pct_threshold: float = DEFAULT_GAP_PCT) -> bool:
    """Well below all respondents: by ``mean_threshold`` on the mean or ``pct_threshold`` points."""
    found = compare(report, group, measure)
    return found is not None and (found.mean_gap <= -mean_threshold or found.pct_gap <= -pct_threshold)


def gaps(report: GroupReport, mean_threshold: float = DEFAULT_GAP_MEAN,
         pct_threshold: float = DEFAULT_GAP_PCT) -> list[Gap]:
    """Every gap in the report, largest first."""
    found = [compare(report, g, m) for m in report.measures for g in report.groups[1:]
             if is_gap(report, g, m, mean_threshold, pct_threshold)]
    return sorted(found, key=lambda g: (g.mean_gap, g.pct_gap))
