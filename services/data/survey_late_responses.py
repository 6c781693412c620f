"""An export downloaded again after a few more people answered: the same responses plus late ones.

Kept as a second wave, it would let anyone subtract the first wave's results from the second's and
read the late respondents' answers, however few they are. So an import whose responses include
every response of a wave already in the plan is recognised here and offered as a replacement of
that wave instead: the wave keeps its label, items, findings and ledger of releases, and its
earlier responses stay first, in their order, so what was released about them before still covers
exactly them (``disclosure_audit`` treats the late ones as a group of their own).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import SurveyDimension, SurveyItem, SurveyWave
from services.data.release_ledger import history_waves
from services.data.survey_files import normalize_text
from services.data.survey_import import PreparedWave, WaveRecord
from services.data.survey_report import WaveData, load_wave
from services.data.survey_waves import list_waves
from services.errors import InvalidInput


@dataclass(frozen=True)
class EarlierVersion:
    wave_id: int
    label: str
    earlier: int  # responses the wave has now
    added: int  # late responses in the new file

    def message(self, name: str) -> str:
        return (f"{name} holds every response of wave '{self.label}' and {self.added} more (late responses). Keeping "
                "both as separate waves would let anyone work out the late respondents' answers by subtraction, so "
                f"it can only replace that wave: import it with --replace '{self.label}'.")


def _flip(values: np.ndarray, points: int) -> np.ndarray:
    return np.where(values > 0, points + 1 - values, 0).astype(np.int8)


def _aligned(old: WaveData, wave: PreparedWave) -> tuple[list[np.ndarray], list[tuple[np.ndarray, list[str]]]] | None:
    """The new file's answers in the old wave's item order and scoring, and its groups by the old
    wave's attributes; None when the columns are not the same survey's."""
    new_items = {normalize_text(c.label): (c, np.frombuffer(a, dtype=np.int8)) for c, a in wave.items}
    new_dims = {normalize_text(c.header): (names, np.frombuffer(codes, dtype="<u2")) for c, names, codes in
                wave.dimensions}
    if set(new_items) != {normalize_text(i.label) for i in old.items} or \
            set(new_dims) != {normalize_text(d.header) for d in old.dimensions}:
        return None
    items = []
    for item in old.items:
        choice, values = new_items[normalize_text(item.label)]
        if choice.scale is None or choice.scale.points != item.points:
            return None
        items.append(_flip(values, item.points) if choice.reverse != item.reverse else values)
    dims = []
    for dim in old.dimensions:
        names, codes = new_dims[normalize_text(dim.header)]
        groups = list(dim.groups)
        slot = {normalize_text(g): k for k, g in enumerate(groups, 1)}
        lookup = np.zeros(len(names) + 1, dtype=np.uint16)
        for k, name in enumerate(names, 1):
            if normalize_text(name) not in slot:
                groups.append(name)
                slot[normalize_text(name)] = len(groups)
            lookup[k] = slot[normalize_text(name)]
        dims.append((lookup[codes], groups))
    return items, dims


def _keys(columns: list[np.ndarray]) -> np.ndarray:
    return np.stack([c.astype(np.int32) for c in columns], axis=1) if columns else np.zeros((0, 0), dtype=np.int32)


def _match(old: np.ndarray, new: np.ndarray) -> np.ndarray | None:
    """For each old response, a distinct new response with the same answers (in old order), or None
    when some old response is not in the new file."""
    both = np.concatenate([old, new]) if old.size or new.size else np.zeros((0, 0))
    _, ids = np.unique(both, axis=0, return_inverse=True)
    ids = ids.reshape(-1)
    old_ids, new_ids = ids[:len(old)], ids[len(old):]
    waiting: dict[int, list[int]] = {}
    for row in range(len(new_ids) - 1, -1, -1):  # reversed, so pop() hands them out in file order
        waiting.setdefault(int(new_ids[row]), []).append(row)
    matched = np.empty(len(old_ids), dtype=np.int64)
    for k, key in enumerate(old_ids.tolist()):
        rows = waiting.get(key)
        if not rows:
            return None
        matched[k] = rows.pop()
    return matched


@dataclass(frozen=True)
class Replacement:
    """What ``replace_wave`` needs: the wave to replace and the new file's responses, earlier ones first."""

    version: EarlierVersion
    items: list[np.ndarray]
    dims: list[tuple[np.ndarray, list[str]]]
    prepared: PreparedWave


def _common(old: WaveData, wave: PreparedWave) -> list[tuple[np.ndarray, np.ndarray]]:
    """The columns the file shares with an old wave, each as (old values, new values) scored and
    coded alike: items by question and scale, attributes by question and group name."""
    pairs = []
    new_items = {normalize_text(c.label): (c, np.frombuffer(a, dtype=np.int8)) for c, a in wave.items}
    for item in old.items:
        found = new_items.get(normalize_text(item.label))
        if found is None or found[0].scale is None or found[0].scale.points != item.points:
            continue
        choice, values = found
        pairs.append((item.values, _flip(values, item.points) if choice.reverse != item.reverse else values))
    new_dims = {normalize_text(c.header): (names, np.frombuffer(codes, dtype="<u2")) for c, names, codes in
                wave.dimensions}
    for dim in old.dimensions:
        found = new_dims.get(normalize_text(dim.header))
        if found is None:
            continue
        names, codes = found
        slot = {normalize_text(g): k for k, g in enumerate(dim.groups, 1)}
        lookup = np.array([0] + [slot.get(normalize_text(n), 65535) for n in names], dtype=np.int32)
        pairs.append((dim.codes, lookup[codes]))
    return pairs


# A file holding at least this share of a wave's responses (matched on the columns it shares with
# it, which must tell at least this share of them apart) holds that wave.
_SAME_PEOPLE = 0.9
_TELLING_APART = 0.5


def refuse_last_years_answers(session: Session, wave: PreparedWave) -> None:
    """Refuse a file holding the answers of a wave that came over from last year's plan
    (``release_ledger.history_waves``), whatever columns it kept: imported here as a new wave, its
    results would be released against this plan's ledger only, while last year's file goes on
    releasing the same people's answers against its own."""
    for wave_id in sorted(history_waves(session)):
        row = session.get(SurveyWave, wave_id)
        if row is None:
            continue
        old = load_wave(session, row.label)
        pairs = _common(old, wave)
        if not pairs or not old.respondent_count or not wave.respondent_count:
            continue
        old_keys = _keys([o for o, _ in pairs])
        new_keys = _keys([n for _, n in pairs])
        _, ids = np.unique(np.concatenate([old_keys, new_keys]), axis=0, return_inverse=True)
        ids = ids.reshape(-1)
        old_count = np.bincount(ids[:len(old_keys)], minlength=ids.max(initial=0) + 1)
        new_count = np.bincount(ids[len(old_keys):], minlength=ids.max(initial=0) + 1)
        # The shared columns must tell people apart (most answer patterns distinct) for matching
        # patterns to mean the same people: a next year's survey of the same few questions can
        # repeat last year's few patterns by chance.
        telling = np.count_nonzero(old_count) >= _TELLING_APART * len(old_keys)
        shared = int(np.minimum(old_count, new_count).sum())
        if telling and shared >= _SAME_PEOPLE * len(old_keys):
            raise InvalidInput(f"{wave.source_name} holds the answers of the {row.label} survey, which came over from "
                               "last year's plan: import and release it there, where what was released from it is "
                               "recorded.")


def earlier_version(session: Session, wave: PreparedWave) -> Replacement | None:
    """The wave this file is a later download of, if it is one; refuses a file already imported, and
    one holding the answers of a wave that came over from last year's plan."""
    refuse_last_years_answers(session, wave)
    for row in session.scalars(select(SurveyWave).where(SurveyWave.respondent_count <= wave.respondent_count)):
        old = load_wave(session, row.label)
        aligned = _aligned(old, wave)
        if aligned is None:
            continue
        items, dims = aligned
        old_keys = _keys([i.values for i in old.items] + [d.codes for d in old.dimensions])
        new_keys = _keys(items + [codes for codes, _ in dims])
        matched = _match(old_keys, new_keys)
        if matched is None:
            continue
        if len(new_keys) == len(old_keys):
            raise InvalidInput(f"{wave.source_name} has the same responses as wave '{row.label}', which is already "
                               "in the plan.")
        late = np.setdiff1d(np.arange(len(new_keys)), matched, assume_unique=True)
        order = np.concatenate([matched, late])
        version = EarlierVersion(row.id, row.label, len(old_keys), len(late))
        return Replacement(version, [v[order] for v in items], [(c[order], g) for c, g in dims], wave)
    return None


@dataclass(frozen=True)
class ReplacedWave:
    """A wave as it was before ``replace_wave``, for undo."""

    wave_id: int
    respondent_count: int
    first_response: object
    last_response: object
    source_name: str
    items: dict[int, bytes]
    dims: dict[int, tuple[str, bytes]]


def replace_wave(session: Session, replacement: Replacement) -> ReplacedWave:
    """Put the file's responses into the wave it is a later download of, earlier ones first."""
    wave = session.get(SurveyWave, replacement.version.wave_id)
    if wave is None:
        raise InvalidInput("That wave no longer exists.")
    items = list(session.scalars(select(SurveyItem).where(SurveyItem.wave_id == wave.id)
                                 .order_by(SurveyItem.sort_order, SurveyItem.id)))
    dims = list(session.scalars(select(SurveyDimension).where(SurveyDimension.wave_id == wave.id)
                                .order_by(SurveyDimension.sort_order, SurveyDimension.id)))
    before = ReplacedWave(wave.id, wave.respondent_count, wave.first_response, wave.last_response, wave.source_name,
                          {i.id: i.answers for i in items}, {d.id: (d.groups, d.codes) for d in dims})
    for item, values in zip(items, replacement.items, strict=True):
        item.answers = values.astype(np.int8).tobytes()
    for dim, (codes, groups) in zip(dims, replacement.dims, strict=True):
        dim.codes, dim.groups = codes.astype("<u2").tobytes(), "\n".join(groups)
    prepared = replacement.prepared
    wave.respondent_count = prepared.respondent_count
    wave.source_name = prepared.source_name[:300]
    wave.first_response = min(filter(None, (wave.first_response, prepared.first_response)), default=None)
    wave.last_response = max(filter(None, (wave.last_response, prepared.last_response)), default=None)
    session.flush()
    return before


def replaced_record(session: Session, wave_id: int) -> WaveRecord:
    return next(w for w in list_waves(session) if w.id == wave_id)


def restore_replaced(session: Session, before: ReplacedWave) -> None:
    """Undo ``replace_wave``."""
    wave = session.get(SurveyWave, before.wave_id)
    if wave is None:
        return
    wave.respondent_count, wave.source_name = before.respondent_count, before.source_name
    wave.first_response, wave.last_response = before.first_response, before.last_response
    for item_id, answers in before.items.items():
        session.get(SurveyItem, item_id).answers = answers
    for dim_id, (groups, codes) in before.dims.items():
        row = session.get(SurveyDimension, dim_id)
        row.groups, row.codes = groups, codes
    session.flush()
