"""A gap in what the district already knows, handed to Priorities (seed 000 step 3: name the gaps).

A coverage gap is a wellness domain no data source speaks to for a staff group (the Data tab's
coverage grid). Sending one makes a candidate action to find or collect that data, once per gap.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CandidateAction, SourceKind
from services.data.data_sources import coverage, list_sources
from services.errors import InvalidInput
from services.priorities.candidate_actions import CandidateActionRecord, add_candidate_action
from services.wording import quote_each


def gap_label(domain: str, group: str) -> str:
    return f"Data sources: nothing on {domain} for {group}"


def send_coverage_gap(session: Session, domain_id: int, group_id: int,
                      at: dt.datetime | None = None) -> CandidateActionRecord:
    """The gap at ``domain_id`` for ``group_id`` as a candidate action; refused for a covered pair
    or a gap already sent. ``at`` fixes its time (the sample district is deterministic)."""
    cover = coverage(session)
    domain = dict(cover.domains).get(domain_id)
    group = dict(cover.groups).get(group_id)
    if domain is None or group is None:
        raise InvalidInput("That domain or staff group is no longer in the plan.")
    if cover.cells.get((domain_id, group_id)):
        raise InvalidInput(f"{domain} for {group} is covered by {quote_each(cover.cells[(domain_id, group_id)])}: "
                           "it is not a gap.")
    label = gap_label(domain, group)
    sent = session.scalar(select(CandidateAction.id).where(
        CandidateAction.source_kind == SourceKind.DATA_COVERAGE_GAP.value, CandidateAction.source_label == label))
    if sent is not None:
        raise InvalidInput(f"The gap on {domain} for {group} is already in Priorities.")
    return add_candidate_action(
        session, f"Find or collect data on {domain} for {group}"[:300], category="Data gap",
        source_kind=SourceKind.DATA_COVERAGE_GAP.value, source_id=domain_id, source_label=label,
        evidence=f"None of the district's {len(list_sources(session))} data sources speaks to {domain} for {group}.",
        at=at)
