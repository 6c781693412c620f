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

from models import CandidateAction, FindingReader, Person, SourceKind, SurveyFinding, SurveyItem, SurveyWave
from services.data.survey_release import PRINT_PRECISION, record_table, release_table
from services.data.survey_report import Gap, WaveData, compare, load_wave, min_group_size
from services.data.survey_results import ALL, GroupReport, released_numbers
from services.errors import InvalidInput
from services.plan_records import written_with_links
from services.priorities.candidate_actions import CandidateActionRecord, add_candidate_action
from services.stored_values import text as stored_text


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


# ---- the team's reading of a finding (seed 000 step 4: interpret the data together) -----------

MAX_INTERPRETATION = 4000


@dataclass(frozen=True)
class FindingRecord:
    id: int
    wave_id: int
    wave: str
    dimension: str
    group: str
    measure: str
    text: str
    interpretation: str  # what the team made of it, read together
    reader_ids: tuple[int, ...]  # who took part in reading it (people of the plan)
    readers: tuple[str, ...]  # their names, in the same order
    action_id: int | None  # the candidate action sent with it


def list_findings(session: Session, wave_id: int | None = None) -> list[FindingRecord]:
    """The recorded findings (of one wave, or all), oldest first, with the team's reading of each;
    text another program wrote that is not text reads as empty."""
    waves = dict(session.execute(select(SurveyWave.id, SurveyWave.label)).all())
    names = dict(session.execute(select(Person.id, Person.name)).all())
    readers: dict[int, list[int]] = {}
    for finding_id, person_id in session.execute(select(FindingReader.finding_id, FindingReader.person_id)):
        if person_id in names:
            readers.setdefault(finding_id, []).append(person_id)
    actions = dict(session.execute(select(CandidateAction.source_id, CandidateAction.id).where(
        CandidateAction.source_kind == SourceKind.SURVEY_FINDING.value)).all())
    query = select(SurveyFinding).order_by(SurveyFinding.id)
    if wave_id is not None:
        query = query.where(SurveyFinding.wave_id == wave_id)
    out = []
    for f in session.scalars(query):
        people = sorted(readers.get(f.id, []), key=lambda p: (stored_text(names[p]).casefold(), p))
        out.append(FindingRecord(f.id, f.wave_id, stored_text(waves.get(f.wave_id), ""), stored_text(f.dimension),
                                 stored_text(f.group_name), stored_text(f.measure), stored_text(f.text),
                                 stored_text(f.interpretation), tuple(people),
                                 tuple(stored_text(names[p]) for p in people), actions.get(f.id)))
    return out


def _finding(session: Session, finding_id: int) -> SurveyFinding:
    finding = session.get(SurveyFinding, finding_id)
    if finding is None:
        raise InvalidInput("That finding is no longer in the plan.")
    return finding


def set_interpretation(session: Session, finding_id: int, interpretation: str) -> str:
    """What the team made of a finding; returns what it said before, for undo."""
    interpretation = (interpretation or "").strip()
    if len(interpretation) > MAX_INTERPRETATION:
        raise InvalidInput(f"The team's reading can be at most {MAX_INTERPRETATION:,} characters.")
    finding = _finding(session, finding_id)
    before = stored_text(finding.interpretation)
    finding.interpretation = interpretation
    session.flush()
    return before


def set_readers(session: Session, finding_id: int, person_ids) -> tuple[int, ...]:
    """Who took part in reading a finding (anyone in the plan, on the team or not); returns who
    did before, for undo."""
    written_with_links(_finding(session, finding_id))
    ids = sorted(set(person_ids))
    known = set(session.scalars(select(Person.id)))
    if set(ids) - known:
        raise InvalidInput("One of those people is no longer in the plan.")
    before = tuple(sorted(session.scalars(select(FindingReader.person_id).where(
        FindingReader.finding_id == finding_id))))
    session.query(FindingReader).filter(FindingReader.finding_id == finding_id).delete()
    session.add_all(FindingReader(finding_id=finding_id, person_id=p) for p in ids)
    session.flush()
    return before


def reading_line(finding: FindingRecord) -> str:
    """The team's reading in one line, for a printout: "Read by A and B: ..." ("" if none yet)."""
    by = f"Read by {', '.join(finding.readers)}" if finding.readers else ""
    if finding.interpretation and by:
        return f"{by}: {finding.interpretation}"
    return finding.interpretation or by
