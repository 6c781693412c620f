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
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import SurveyRelease
from services.disclosure_audit import Group, Measure, Number, Protected

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


def _group_from(data: dict) -> Group:
    codes = data.get("codes")
    return Group(tuple(int(d) for d in data["dims"]), None if codes is None else
                 frozenset(tuple(int(x) for x in c) for c in codes), int(data["rows"]), str(data.get("label", "")),
                 int(data.get("start", 0)))


def _measure_json(measure: Measure | None) -> dict | None:
    return None if measure is None else {"name": measure.name, "items": [[i, bool(r)] for i, r in measure.items]}


def _measure_from(data: dict | None) -> Measure | None:
    return None if data is None else Measure(str(data["name"]), tuple((int(i), bool(r)) for i, r in data["items"]))


def _content(numbers: Sequence[Number], protected: Sequence[Protected]) -> str:
    return json.dumps({
        "numbers": [[_group_json(n.group), _measure_json(n.measure), n.stat, n.value, n.half_width] for n in numbers],
        "withheld": [[_group_json(p.group), _measure_json(p.measure)] for p in protected],
    }, sort_keys=True, separators=(",", ":"))


def _digest(previous: str, content: str, description: str, at: dt.datetime) -> str:
    text = "\n".join((previous, at.isoformat(), description, content))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(session: Session, wave_id: int, wave_label: str, rows: int, kind: str, description: str,
           numbers: Sequence[Number], protected: Sequence[Protected], at: dt.datetime | None = None) -> int:
    """Add a release to the ledger, in the caller's transaction (with the file or printout it goes
    with, so neither exists without the other)."""
    at = at or dt.datetime.now().replace(microsecond=0)
    previous = session.scalar(select(SurveyRelease.digest).order_by(SurveyRelease.id.desc()).limit(1)) or ""
    content = _content(numbers, protected)
    row = SurveyRelease(wave_id=wave_id, wave_label=wave_label[:120], kind=kind, description=description,
                        released_at=at, rows=rows, content=content,
                        digest=_digest(previous, content, description, at))
    session.add(row)
    session.flush()
    return row.id


def _origin(row: SurveyRelease) -> str:
    return f"the {row.description} of {row.released_at:%b} {row.released_at.day}, {row.released_at.year}"


def ledger_for(session: Session, wave_id: int) -> tuple[list[Number], list[Protected], int]:
    """Everything released and withheld about a wave, and the ledger's last entry id (for caching)."""
    numbers: list[Number] = []
    protected: list[Protected] = []
    last = 0
    for row in session.scalars(select(SurveyRelease).where(SurveyRelease.wave_id == wave_id)
                               .order_by(SurveyRelease.id)):
        data = json.loads(row.content)
        origin = _origin(row)
        numbers.extend(Number(_group_from(g), _measure_from(m), str(stat), float(value), float(half))
                       for g, m, stat, value, half in data.get("numbers", []))
        protected.extend(Protected(_group_from(g), _measure_from(m), origin) for g, m in data.get("withheld", []))
        last = row.id
    return numbers, protected, last


def list_releases(session: Session) -> list[ReleaseRecord]:
    out = []
    for row in session.scalars(select(SurveyRelease).order_by(SurveyRelease.id)):
        data = json.loads(row.content)
        out.append(ReleaseRecord(row.id, row.wave_label, row.kind, row.description, row.released_at,
                                 len(data.get("numbers", [])), len(data.get("withheld", []))))
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
