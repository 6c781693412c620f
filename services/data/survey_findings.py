"""Turning a survey gap into a finding and a candidate action for the Priorities tab.

A finding names the wave, the item (or domain), the attribute and the group, with the numbers
that make it a gap; the candidate action points at the finding (``survey_finding``) and carries
its text as evidence. Only a shown cell can become a finding: a withheld group never can.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CandidateAction, SourceKind, SurveyFinding, SurveyItem, SurveyWave
from services.data.survey_release import PRINT_PRECISION, record_table, release_table
from services.data.survey_report import Gap, WaveData, compare, load_wave, min_group_size
from services.data.survey_results import ALL, GroupReport, released_numbers
from services.errors import InvalidInput
from services.priorities.candidate_actions import CandidateActionRecord, add_candidate_action


@dataclass(frozen=True)
class SentFinding:
    finding_id: int
    action: CandidateActionRecord


def evidence_text(gap: Gap, wave_label: str) -> str:
    """The numbers behind a finding, as the survey report prints them (``released_numbers``: n is
    the respondents who answered, never a domain's pooled answers)."""
    group, everyone = released_numbers(gap.cell), released_numbers(gap.everyone)
    if group is None or everyone is None:
        raise InvalidInput("That result is withheld to protect a small group, so it can't become a finding.")
    return (f"{wave_label}: {gap.group} mean {group.mean:.2f} ({group.pct_favorable:.0f}% favorable, "
            f"n = {group.respondents}) against {everyone.mean:.2f} ({everyone.pct_favorable:.0f}%) for all "
            "respondents.")


def finding_evidence(session: Session, finding: SurveyFinding) -> str:
    """A recorded finding's evidence, read again from its own wave and attribute with the plan's
    minimum group size: the numbers the survey report shows for that group and measure."""
    wave = load_wave(session, session.get(SurveyWave, finding.wave_id).label)
    report = release_table(session, wave, finding.dimension, min_group_size(session)).report
    return evidence_text(gap_for(report, finding.group_name, finding.measure), wave.label)


def gap_for(report: GroupReport, group: str, measure: str) -> Gap:
    """The numbers behind one cell, compared with all respondents; refused for a withheld cell."""
    if group == ALL:
        raise InvalidInput("Choose a group's cell, not 'All respondents'.")
    found = compare(report, group, measure)
    if found is None:
        raise InvalidInput("That result is withheld to protect a small group, so it can't become a finding.")
    return found


def sent_findings(session: Session, wave_id: int, dimension: str) -> dict[tuple[str, str], int]:
    """(group, measure) -> candidate action id, for cells already sent from this wave and attribute."""
    out = {}
    rows = session.execute(
        select(SurveyFinding.group_name, SurveyFinding.measure, CandidateAction.id)
        .join(CandidateAction, (CandidateAction.source_id == SurveyFinding.id)
              & (CandidateAction.source_kind == SourceKind.SURVEY_FINDING.value))
        .where(SurveyFinding.wave_id == wave_id, SurveyFinding.dimension == dimension))
    for group, measure, action_id in rows:
        out[(group, measure)] = action_id
    return out


def record_finding(session: Session, wave: WaveData, dimension: str, gap: Gap,
                   at: dt.datetime | None = None) -> SurveyFinding:
    item_id = session.scalar(select(SurveyItem.id).where(SurveyItem.wave_id == wave.id,
                                                         SurveyItem.label == gap.measure))
    finding = SurveyFinding(wave_id=wave.id, item_id=item_id, measure=gap.measure, dimension=dimension,
                            group_name=gap.group, text=gap.text(),
                            created_at=at or dt.datetime.now().replace(microsecond=0))
    session.add(finding)
    session.flush()
    return finding


def finding_label(wave_label: str, finding: SurveyFinding) -> str:
    return f"Staff survey {wave_label}, finding {finding.id}: {finding.group_name}, '{finding.measure}'"[:300]


def send_gap(session: Session, wave: WaveData, dimension: str, gap: Gap, *, title: str | None = None,
             at: dt.datetime | None = None) -> SentFinding:
    """Record the finding and add a candidate action for it (once per wave, attribute, group and measure)."""
    if (gap.group, gap.measure) in sent_findings(session, wave.id, dimension):
        raise InvalidInput(f"'{gap.measure}' for {gap.group} is already in Priorities.")
    finding = record_finding(session, wave, dimension, gap, at)
    record_evidence(session, wave, dimension, gap, at)
    action = add_candidate_action(
        session, title or f"Act on: {finding.text}"[:300], category="Survey finding",
        source_kind=SourceKind.SURVEY_FINDING.value, source_id=finding.id,
        source_label=finding_label(wave.label, finding), evidence=evidence_text(gap, wave.label),
        at=finding.created_at)
    return SentFinding(finding.id, action)


def record_evidence(session: Session, wave: WaveData, dimension: str, gap: Gap, at: dt.datetime | None = None) -> None:
    """The evidence text puts two cells in the plan for anyone who prints Priorities: the group's and
    all respondents'. They are recorded as a release (and stay recorded if the sending is undone:
    what was printed meanwhile can't be taken back)."""
    table = release_table(session, wave, dimension, min_group_size(session))
    record_table(session, table, "evidence", PRINT_PRECISION,
                 f"evidence sent to Priorities ({gap.group}, \u201c{gap.measure}\u201d)",
                 only={(gap.group, gap.measure), (ALL, gap.measure)}, at=at)


def unsend(session: Session, sent: SentFinding) -> None:
    """Undo ``send_gap``: the action and the finding go."""
    action = session.get(CandidateAction, sent.action.id)
    if action is not None:
        session.delete(action)
    finding = session.get(SurveyFinding, sent.finding_id)
    if finding is not None:
        session.delete(finding)
    session.flush()
