"""The ledger of released survey results: what each report, printout, participation table and
piece of evidence made public, and what it withheld.

Every later release is audited against all of it (``disclosure_audit``), so a number once out
keeps counting even when the file it went into is long forgotten. Entries are only ever added:
each carries a SHA-256 digest of the one before and its own content, so ``verify`` can say when
someone changed the ledger with another program.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from models import PlanInfo, SurveyRelease, SurveyWave
from services.data.disclosure_audit import Group, Measure, Number, Protected
from services.errors import InvalidInput, StoredValueError
from services.stored_values import text, unusable

if TYPE_CHECKING:
    from services.data.survey_report import WaveData

KIND_NAMES = {"report": "survey report (CSV)", "summary": "printed survey summary", "participation":
              "participation table", "evidence": "evidence sent to Priorities"}


@dataclass(frozen=True)
class ReleaseRecord:
    id: int
    wave_label: str
    kind: str
    description: str
    released_at: dt.datetime
    numbers: int  # how many numbers it made public
    withheld: int  # how many results it withheld


def _group_json(group: Group) -> dict:
    return {"dims": list(group.dims), "codes": None if group.codes is None else sorted(list(c) for c in group.codes),
            "rows": group.rows, "label": group.label, "start": group.start}


def _measure_json(measure: Measure | None) -> dict | None:
    return None if measure is None else {"name": measure.name, "items": [[i, bool(r)] for i, r in measure.items]}


def _content(numbers: Sequence[Number], protected: Sequence[Protected]) -> str:
    return json.dumps({
        "numbers": [[_group_json(n.group), _measure_json(n.measure), n.stat, n.value, n.half_width] for n in numbers],
        "withheld": [[_group_json(p.group), _measure_json(p.measure)] for p in protected],
    }, sort_keys=True, separators=(",", ":"))


def _digest(previous: str, content: str, description: str, at: dt.datetime) -> str:
    text = "\n".join((previous, at.isoformat(), description, content))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The plan_info key listing the waves a new school year's plan copied from last year's
# (``services.year.next_year``): its history, kept for comparison.
HISTORY_WAVES_KEY = "history_waves"


def history_waves(session: Session) -> frozenset[int]:
    """The waves that came over from last year's plan. Their ledger forked when they were copied:
    last year's file goes on recording what it releases from them, and this file can't see that. So
    nothing more is released from them here (the combination of both files' releases would escape
    each file's audit); they are shown on screen, for comparison, only. Read defensively: a value
    another program wrote that is not a list of numbers is taken as every wave being history."""
    value = session.get(PlanInfo, HISTORY_WAVES_KEY)
    if value is None:
        return frozenset()
    parts = [p.strip() for p in str(value.value or "").split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        return frozenset(session.scalars(select(SurveyWave.id)))
    return frozenset(int(p) for p in parts)


def record(session: Session, wave_id: int, wave_label: str, rows: int, kind: str, description: str,
           numbers: Sequence[Number], protected: Sequence[Protected], at: dt.datetime | None = None) -> int:
    """Add a release to the ledger, in the caller's transaction (with the file or printout it goes
    with, so neither exists without the other). A wave that came over from last year's plan is
    refused (``history_waves``)."""
    if wave_id in history_waves(session):
        raise InvalidInput(f"The {wave_label} survey came over from last year's plan, which keeps the record of what "
                           "was released from it: print or save its results from that plan (here it is shown on "
                           "screen, for comparison, only).")
    at = at or dt.datetime.now().replace(microsecond=0)
    hold(session)  # the entry before this one stays the last until this transaction ends
    previous = session.scalar(select(SurveyRelease.digest).order_by(SurveyRelease.id.desc()).limit(1)) or ""
    content = _content(numbers, protected)
    row = SurveyRelease(wave_id=wave_id, wave_label=wave_label[:120], kind=kind, description=description,
                        released_at=at, rows=rows, content=content,
                        digest=_digest(previous, content, description, at))
    session.add(row)
    session.flush()
    session.info.setdefault(RELEASED_HERE, set()).add(row.id)
    return row.id


RELEASED_HERE = "wellplan_released_here"  # (in Session.info: the entries this transaction wrote)


def hold(session: Session) -> None:
    """One release at a time, for the rest of the caller's transaction.

    A plan file has one writer (its lock). On a district server two people may release at once:
    each would audit against the ledger without the other's entry and chain its digest to the same
    previous entry. PostgreSQL's lock (which readers don't wait for) makes the second wait until
    the first is committed, and then see it."""
    if session.get_bind().dialect.name == "postgresql" and not session.info.get("wellplan_ledger_held"):
        session.execute(sql_text("LOCK TABLE survey_release IN SHARE ROW EXCLUSIVE MODE"))
        session.info["wellplan_ledger_held"] = True


def released_since(session: Session, wave_id: int, audited_after: int) -> bool:
    """Whether anyone else has released results of the wave since entry ``audited_after`` (after
    ``hold``: entries this transaction wrote are its own)."""
    hold(session)
    mine = session.info.get(RELEASED_HERE, set())
    later = session.scalars(select(SurveyRelease.id).where(SurveyRelease.wave_id == wave_id,
                                                           SurveyRelease.id > audited_after))
    return any(entry not in mine for entry in later)


def _origin(row: SurveyRelease) -> str:
    return f"the {row.description} of {row.released_at:%b} {row.released_at.day}, {row.released_at.year}"


STATS = frozenset({"R", "n", "answers", "mean", "pct"})


class _Unreadable(Exception):
    """Inside ``_entry``: the content is not as ``_content`` writes it."""


def _whole(value: object, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise _Unreadable
    return value


def _real(value: object, low: float = -math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < low:
        raise _Unreadable
    return float(value)


def _group_from(data: object) -> Group:
    if not isinstance(data, dict) or not isinstance(data.get("dims"), list):
        raise _Unreadable
    dims = tuple(_whole(d) for d in data["dims"])
    codes = data.get("codes")
    if codes is not None:
        if not isinstance(codes, list) or not all(isinstance(c, list) and len(c) == len(dims) for c in codes):
            raise _Unreadable
        codes = frozenset(tuple(_whole(x) for x in c) for c in codes)
    rows, start = _whole(data.get("rows")), _whole(data.get("start", 0))
    label = data.get("label", "")
    if start > rows or not isinstance(label, str):
        raise _Unreadable
    return Group(dims, codes, rows, label, start)


def _measure_from(data: object) -> Measure | None:
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or \
            not isinstance(data.get("items"), list) or not data["items"]:
        raise _Unreadable
    items = []
    for item in data["items"]:
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], bool):
            raise _Unreadable
        items.append((_whole(item[0]), item[1]))
    return Measure(data["name"], tuple(items))


def _entry(row: SurveyRelease) -> tuple[list[Number], list[Protected]]:
    """One entry's numbers released and results withheld, exactly as ``_content`` wrote them: the
    audit takes these as what the public knows and what must stay hidden, so an entry another
    program changed into something else is refused (``unusable``), never skipped or guessed at."""
    try:
        data = json.loads(row.content) if isinstance(row.content, str) else None
        if not isinstance(data, dict) or not isinstance(data.get("numbers"), list) or \
                not isinstance(data.get("withheld"), list):
            raise _Unreadable
        numbers = []
        for entry in data["numbers"]:
            if not isinstance(entry, list) or len(entry) != 5 or not isinstance(entry[2], str) or entry[2] not in STATS:
                raise _Unreadable
            group, measure, stat, value, half = entry
            numbers.append(Number(_group_from(group), _measure_from(measure), stat, _real(value), _real(half, 0.0)))
        protected = []
        for entry in data["withheld"]:
            if not isinstance(entry, list) or len(entry) != 2:
                raise _Unreadable
            protected.append(Protected(_group_from(entry[0]), _measure_from(entry[1]), _origin(row)))
    except (_Unreadable, ValueError, RecursionError):  # json's errors are ValueErrors
        raise unusable(f"Entry {row.id} of the ledger of released survey results can't be read") from None
    return numbers, protected


def ledger_for(session: Session, wave: WaveData) -> tuple[list[Number], list[Protected], int]:
    """Everything released and withheld about a wave, and the ledger's last entry id (for caching).

    Every entry must be about this wave's attributes, groups and questions: one about others (an
    entry moved to another wave with another program) is refused rather than read as something it
    isn't."""
    groups = {d.id: len(d.groups) for d in wave.dimensions}
    items = {i.id for i in wave.items}
    numbers: list[Number] = []
    protected: list[Protected] = []
    last = 0
    for row in session.scalars(select(SurveyRelease).where(SurveyRelease.wave_id == wave.id)
                               .order_by(SurveyRelease.id)):
        found, withheld = _entry(row)
        for group, measure in [*((n.group, n.measure) for n in found), *((p.group, p.measure) for p in withheld)]:
            if any(d not in groups for d in group.dims) or \
                    any(c > groups[d] for codes in group.codes or () for d, c in zip(group.dims, codes, strict=True)) \
                    or (measure is not None and any(i not in items for i, _ in measure.items)):
                raise unusable(f"Entry {row.id} of the ledger of released survey results is not about wave "
                               f"'{wave.label}' as it stands")
        numbers.extend(found)
        protected.extend(withheld)
        last = row.id
    return numbers, protected, last


def list_releases(session: Session) -> list[ReleaseRecord]:
    """Every entry, oldest first; one that can't be read is listed with ``numbers`` and
    ``withheld`` of -1 (``survey releases`` reports it, and nothing more is released from its wave)."""
    out = []
    for row in session.scalars(select(SurveyRelease).order_by(SurveyRelease.id)):
        try:
            numbers, withheld = _entry(row)
            counts = (len(numbers), len(withheld))
        except StoredValueError:
            counts = (-1, -1)
        out.append(ReleaseRecord(row.id, text(row.wave_label, "?"), text(row.kind, "?"), text(row.description, "?"),
                                 row.released_at, *counts))
    return out


def verify(session: Session) -> int | None:
    """The id of the first entry whose digest doesn't follow from the ones before (the ledger was
    changed outside WellPlan), or None when the chain is whole."""
    previous = ""
    for row in session.scalars(select(SurveyRelease).order_by(SurveyRelease.id)):
        if row.digest != _digest(previous, row.content, row.description, row.released_at):
            return row.id
        previous = row.digest
    return None
