"""The district's existing data sources and what they cover (seed 000, step 3).

Each source lists the wellness domains and the staff groups it tells the team about, its
quality and when it was last updated. The coverage grid crosses domains with staff groups: an
empty cell is a gap the team may fill with a survey question or a focus group.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import DataSource, DataSourceDomain, DataSourceGroup
from services.data.wellness_domains import ensure_domains, list_domains
from services.district_profile import list_position_groups
from services.errors import InvalidInput
from services.pasted_cells import pick_many
from services.plan_records import next_number
from services.stored_values import choice

QUALITIES = {"": "Not rated", "good": "Good", "fair": "Fair", "poor": "Poor"}
SUGGESTED_SOURCES = (
    "Staff wellbeing survey",
    "Absence and leave records",
    "Turnover and exit interviews",
    "Benefits and employee-assistance use",
    "Workers' compensation and injury reports",
    "Wellness policies and collective agreements",
    "Community health data",
)


@dataclass(frozen=True)
class SourceRecord:
    id: int
    name: str
    quality: str
    last_updated: str
    notes: str
    domain_ids: frozenset[int]
    group_ids: frozenset[int]


@dataclass(frozen=True)
class Coverage:
    domains: tuple[tuple[int, str], ...]
    groups: tuple[tuple[int, str], ...]
    cells: dict[tuple[int, int], tuple[str, ...]]  # (domain id, group id) -> the sources covering it

    def gaps(self) -> list[tuple[str, str]]:
        return [(d, g) for di, d in self.domains for gi, g in self.groups if not self.cells.get((di, gi))]

    def uncovered_domains(self) -> list[str]:
        return [d for di, d in self.domains if not any(self.cells.get((di, gi)) for gi, _ in self.groups)]

    def uncovered_groups(self) -> list[str]:
        return [g for gi, g in self.groups if not any(self.cells.get((di, gi)) for di, _ in self.domains)]


def _record(session: Session, s: DataSource) -> SourceRecord:
    domains = frozenset(session.scalars(select(DataSourceDomain.domain_id).where(DataSourceDomain.source_id == s.id)))
    groups = frozenset(session.scalars(select(DataSourceGroup.group_id).where(DataSourceGroup.source_id == s.id)))
    return SourceRecord(s.id, s.name, choice(s.quality, QUALITIES, ""), s.last_updated, s.notes, domains, groups)


def list_sources(session: Session) -> list[SourceRecord]:
    return [_record(session, s) for s in session.scalars(select(DataSource).order_by(DataSource.sort_order,
                                                                                     DataSource.id))]


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("A data source needs a name.")
    if len(name) > 200:
        raise InvalidInput("A data source's name can be at most 200 characters.")
    return name


def add_source(session: Session, name: str, *, quality: str = "", last_updated: str = "", notes: str = "",
               domain_ids: frozenset[int] | set[int] = frozenset(),
               group_ids: frozenset[int] | set[int] = frozenset()) -> SourceRecord:
    ensure_domains(session)
    if quality not in QUALITIES:
        raise InvalidInput(f"Quality is one of: {', '.join(v for v in QUALITIES.values())}.")
    source = DataSource(name=_clean_name(name), quality=quality, last_updated=last_updated.strip()[:60],
                        notes=notes.strip(), sort_order=next_number(session, DataSource.sort_order))
    session.add(source)
    session.flush()
    set_coverage(session, source.id, domain_ids, group_ids)
    return _record(session, source)


def add_source_from_row(session: Session, values: dict[str, str]) -> SourceRecord:
    """A source from a row pasted from a spreadsheet, by column: ``name``, ``quality`` (its label,
    "Good"), ``last_updated``, ``notes``, ``domains`` and ``groups`` (names separated by commas, or
    "All"). Refused in one sentence when the row does not fit."""
    quality_text = (values.get("quality") or "").strip().casefold()
    quality = next((key for key, label in QUALITIES.items()
                    if quality_text in (key.casefold(), label.casefold())), None)
    if quality is None:
        raise InvalidInput(f"Quality \u201c{values.get('quality', '').strip()}\u201d is not one of: "
                           f"{', '.join(QUALITIES.values())}.")
    ensure_domains(session)
    cover = coverage(session)
    domains = pick_many(values.get("domains", ""), cover.domains, "wellness domains")
    groups = pick_many(values.get("groups", ""), cover.groups, "staff groups")
    return add_source(session, values.get("name", ""), quality=quality, last_updated=values.get("last_updated", ""),
                      notes=values.get("notes", ""), domain_ids=domains, group_ids=groups)


def update_source(session: Session, source_id: int, **changes: str) -> SourceRecord:
    source = session.get(DataSource, source_id)
    if source is None:
        raise InvalidInput("That data source no longer exists.")
    for key, value in changes.items():
        if key == "name":
            value = _clean_name(value)
        elif key == "quality" and value not in QUALITIES:
            raise InvalidInput(f"Quality is one of: {', '.join(QUALITIES.values())}.")
        elif key == "last_updated":
            value = value.strip()[:60]
        elif key not in ("notes", "quality"):
            raise InvalidInput(f"A data source has no field '{key}'.")
        setattr(source, key, value)
    session.flush()
    return _record(session, source)


def set_coverage(session: Session, source_id: int, domain_ids, group_ids) -> None:
    session.query(DataSourceDomain).filter(DataSourceDomain.source_id == source_id).delete()
    session.query(DataSourceGroup).filter(DataSourceGroup.source_id == source_id).delete()
    session.add_all(DataSourceDomain(source_id=source_id, domain_id=d) for d in sorted(domain_ids))
    session.add_all(DataSourceGroup(source_id=source_id, group_id=g) for g in sorted(group_ids))
    session.flush()


def remove_source(session: Session, source_id: int) -> tuple[SourceRecord, int]:
    """Remove a source; returns it and its place, for ``restore_source``."""
    source = session.get(DataSource, source_id)
    if source is None:
        raise InvalidInput("That data source no longer exists.")
    record, order = _record(session, source), source.sort_order
    session.delete(source)
    session.flush()
    return record, order


def source_dependents(session: Session, source_id: int) -> list[str]:
    """What removing a source takes with it, each a sentence (nothing: it covers nothing yet)."""
    source = next((s for s in list_sources(session) if s.id == source_id), None)
    if source is None or not (source.domain_ids and source.group_ids):
        return []
    cover = coverage(session)
    pairs = [(d, g) for d in source.domain_ids for g in source.group_ids]
    alone = sum(1 for pair in pairs if cover.cells.get(pair) == (source.name,))
    domains, groups = len(source.domain_ids), len(source.group_ids)
    lines = [f"What it covers ({domains} domain{'s' if domains != 1 else ''} for {groups} staff "
             f"group{'s' if groups != 1 else ''}) goes with it."]
    if alone:
        lines.append(f"{alone} domain and staff group pair{'s' if alone != 1 else ''} that only it covers "
                     f"become{'s' if alone == 1 else ''} {'gaps' if alone != 1 else 'a gap'}.")
    return lines


def restore_source(session: Session, record: SourceRecord, sort_order: int) -> None:
    session.add(DataSource(id=record.id, name=record.name, quality=record.quality,
                           last_updated=record.last_updated, notes=record.notes, sort_order=sort_order))
    session.flush()
    set_coverage(session, record.id, record.domain_ids, record.group_ids)


def coverage(session: Session) -> Coverage:
    domains = tuple((d.id, d.name) for d in list_domains(session))
    groups = tuple((g.id, g.name) for g in list_position_groups(session))
    cells: dict[tuple[int, int], list[str]] = {}
    for s in list_sources(session):
        for d in s.domain_ids:
            for g in s.group_ids:
                cells.setdefault((d, g), []).append(s.name)
    return Coverage(domains, groups, {k: tuple(v) for k, v in cells.items()})

