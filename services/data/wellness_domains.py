"""Wellness domains: the parts of wellbeing survey items and data sources are read by.

A plan starts with a sensible list (seed 000 names these areas of employee wellbeing); the team can
rename, add and remove domains. Survey items are assigned to one when imported, by the words in
their label; the wizard and the Data tab let people change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import PlanInfo, SurveyItem, WellnessDomain
from services.errors import InvalidInput
from services.plan_records import counted_sentences, next_number
from services.wording import counted

DEFAULT_DOMAINS = (
    "Physical health",
    "Mental and emotional health",
    "Social connection",
    "Financial wellbeing",
    "Working conditions and job stressors",
    "Professional growth",
    "Belonging and respect",
)

# Word starts that place an item in a default domain; the first domain whose words match wins.
_DOMAIN_WORDS: tuple[tuple[str, str], ...] = (
    ("Financial wellbeing", r"pay|paid|salary|wage|financ|money|afford|benefit|retire|debt|bills?"),
    ("Mental and emotional health", r"stress(ed)?\b|anxi|burn|mental|emotion|overwhelm|exhaust|cope|coping|"
                                    r"depress|counsel|calm|happy|happiness|well-?being|\bEAP\b|assistance"),
    ("Physical health", r"physical|exercise|sleep|health(y)?\b|eat|nutrition|rest\b|break|pain|ergonom|injur"),
    ("Belonging and respect", r"valued|respect|belong|recogni|appreciat|fair|included|inclusi|trust|"
                              r"voice|listen|heard"),
    ("Social connection", r"colleague|co-?worker|connect|friend|team|support each|lonel|isolat|community"),
    ("Professional growth", r"growth|grow|learn|training|develop|career|advance|mentor|skill|promot"),
    ("Working conditions and job stressors", r"workload|hours|time|schedul|resources|equipment|safe|"
                                             r"condition|shift|demand|staffing|job|work"),
)
_SEEDED_KEY = "wellness_domains_seeded"


@dataclass(frozen=True)
class DomainRecord:
    id: int
    name: str
    item_count: int = 0


def ensure_domains(session: Session) -> None:
    """Give a plan the default domains once (a plan from before the Data tab, or a new one)."""
    if session.get(PlanInfo, _SEEDED_KEY) is not None:
        return
    if not session.scalar(select(func.count()).select_from(WellnessDomain)):
        for n, name in enumerate(DEFAULT_DOMAINS):
            session.add(WellnessDomain(name=name, sort_order=n))
    session.add(PlanInfo(key=_SEEDED_KEY, value="1"))
    session.flush()


def unseed_domains(session: Session, domain_ids: list[int]) -> None:
    """Undo ``ensure_domains`` on a plan that had none (the window's undo)."""
    for domain_id in domain_ids:
        domain = session.get(WellnessDomain, domain_id)
        if domain is not None:
            session.delete(domain)
    info = session.get(PlanInfo, _SEEDED_KEY)
    if info is not None:
        session.delete(info)
    session.flush()


def domain_names(session: Session) -> list[str]:
    """The plan's domain names, or the defaults a plan gets when its first survey is stored."""
    if session.get(PlanInfo, _SEEDED_KEY) is None:
        return list(DEFAULT_DOMAINS)
    return [d.name for d in list_domains(session)]


def list_domains(session: Session) -> list[DomainRecord]:
    counts = dict(session.execute(select(SurveyItem.domain_id, func.count()).group_by(SurveyItem.domain_id)).all())
    return [DomainRecord(d.id, d.name, counts.get(d.id, 0))
            for d in session.scalars(select(WellnessDomain).order_by(WellnessDomain.sort_order, WellnessDomain.id))]


def domain_by_name(session: Session, name: str) -> WellnessDomain | None:
    wanted = name.strip().casefold()
    return next((d for d in session.scalars(select(WellnessDomain)) if d.name.casefold() == wanted), None)


def _clean(session: Session, name: str, domain_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A domain needs a name.")
    if len(name) > 120:
        raise InvalidInput("A domain's name can be at most 120 characters.")
    other = domain_by_name(session, name)
    if other is not None and other.id != domain_id:
        raise InvalidInput(f"There is already a domain called '{other.name}'.")
    return name


def add_domain(session: Session, name: str) -> DomainRecord:
    ensure_domains(session)
    domain = WellnessDomain(name=_clean(session, name), sort_order=next_number(session, WellnessDomain.sort_order))
    session.add(domain)
    session.flush()
    return DomainRecord(domain.id, domain.name)


def rename_domain(session: Session, domain_id: int, name: str) -> DomainRecord:
    domain = session.get(WellnessDomain, domain_id)
    if domain is None:
        raise InvalidInput("That domain no longer exists.")
    domain.name = _clean(session, name, domain_id)
    session.flush()
    return DomainRecord(domain.id, domain.name)


@dataclass(frozen=True)
class RemovedDomain:
    id: int
    name: str
    sort_order: int
    item_ids: tuple[int, ...]
    source_ids: tuple[int, ...]


def remove_domain(session: Session, domain_id: int) -> RemovedDomain:
    """Remove a domain; its items become unassigned. Returns what ``restore_domain`` puts back."""
    from models import DataSourceDomain

    domain = session.get(WellnessDomain, domain_id)
    if domain is None:
        raise InvalidInput("That domain no longer exists.")
    items = tuple(session.scalars(select(SurveyItem.id).where(SurveyItem.domain_id == domain_id)))
    sources = tuple(session.scalars(select(DataSourceDomain.source_id).where(DataSourceDomain.domain_id == domain_id)))
    removed = RemovedDomain(domain.id, domain.name, domain.sort_order, items, sources)
    session.delete(domain)
    session.flush()
    return removed


def domain_dependents(session: Session, domain_id: int) -> list[str]:
    """What removing a domain leaves behind, each a sentence (nothing: no item or source uses it)."""
    from models import DataSourceDomain

    lines = []
    items = session.execute(select(func.count(), func.count(func.distinct(SurveyItem.wave_id)))
                            .where(SurveyItem.domain_id == domain_id)).one()
    if items[0]:
        n, waves = items
        lines.append(f"{n} survey item{'s' if n != 1 else ''}{f' in {waves} waves' if waves > 1 else ''} "
                     f"{'are' if n != 1 else 'is'} left without a domain (results show {'them' if n != 1 else 'it'} "
                     "under no domain).")
    return lines + counted_sentences(session, domain_id, (
        (DataSourceDomain.domain_id, lambda n: f"{counted(n, 'data source')} no longer list{'s' if n == 1 else ''} "
                                               f"it among what {'it covers' if n == 1 else 'they cover'}."),))


def restore_domain(session: Session, removed: RemovedDomain) -> None:
    from models import DataSourceDomain

    session.add(WellnessDomain(id=removed.id, name=removed.name, sort_order=removed.sort_order))
    session.flush()
    for item_id in removed.item_ids:
        item = session.get(SurveyItem, item_id)
        if item is not None:
            item.domain_id = removed.id
    for source_id in removed.source_ids:
        session.add(DataSourceDomain(source_id=source_id, domain_id=removed.id))
    session.flush()


def guess_domain(label: str, names: list[str]) -> str:
    """The domain an item most likely belongs to, by the words in its label ("" if none fits).

    Only names in ``names`` (the plan's current list) are returned.
    """
    available = {n.casefold(): n for n in names}
    for domain, words in _DOMAIN_WORDS:
        if domain.casefold() in available and re.search(rf"\b(?:{words})", label, re.IGNORECASE):
            return available[domain.casefold()]
    return ""
