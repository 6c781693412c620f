"""A group that took little part in a survey, handed to Priorities with the barriers found (seed 000
step 3: low participation is a data gap in itself; address its barriers before collecting more).

The evidence is the group's response rate against the overall rate, read exactly as the Data tab's
participation page shows it (``survey_participation.participation`` over the audited report's
withheld counts): a rate the page would withhold is never sent, and a small group's evidence says
only that too few answered to report.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CandidateAction, SourceKind, SurveyHeadcount, SurveyWave
from services.data.survey_participation import ParticipationRow, barriers, headcounts, participation
from services.data.survey_release import CSV_PRECISION, record_table, release_table
from services.data.survey_report import load_wave, min_group_size
from services.data.survey_results import ALL
from services.errors import InvalidInput
from services.priorities.candidate_actions import CandidateActionRecord, add_candidate_action


def participation_label(wave_label: str, group: str) -> str:
    return f"Staff survey {wave_label}, {group}"[:300]  # printed after its kind: "Low participation: ..."


def participation_row(session: Session, wave_id: int, dimension: str,
                      group: str) -> tuple[ParticipationRow, float | None, str]:
    """The group's row as the participation page shows it (withheld counts and all), the overall
    rate, and the attribute's own label."""
    wave = session.get(SurveyWave, wave_id)
    if wave is None:
        raise InvalidInput("That survey wave is no longer in the plan.")
    data = load_wave(session, wave.label)
    found = data.dimension(dimension)
    min_size = min_group_size(session)
    hidden = release_table(session, data, found.label, min_size).report.hidden_counts
    part = participation(found, headcounts(session, wave_id, found.label), min_size, hidden,
                         barriers(session, wave_id, found.label))
    row = next((r for r in part.rows if r.group == group), None)
    if row is None:
        raise InvalidInput(f"{group} is not a group of {found.label} in {data.label}.")
    return row, part.overall_rate, found.label


def evidence_text(wave_label: str, row: ParticipationRow, overall: float | None, min_size: int) -> str:
    """The released statistic behind the hand-off: the rate the participation page shows, or for a
    group too small to report, only that (never its count); then the barriers found."""
    if row.rate is not None and overall is not None:
        text = f"Staff survey {wave_label}: {row.rate:.0f}% of {row.group} answered, against {overall:.0f}% overall."
    else:
        text = f"Staff survey {wave_label}: fewer than {min_size} of {row.group} answered, too few to report."
    if row.barriers:
        text += f" Barriers found: {row.barriers}"
    return text


def sent_groups(session: Session, wave_id: int, dimension: str) -> set[str]:
    """The groups of a wave's attribute already sent to Priorities as low participation."""
    rows = session.execute(
        select(SurveyHeadcount.group_name)
        .join(CandidateAction, (CandidateAction.source_id == SurveyHeadcount.id)
              & (CandidateAction.source_kind == SourceKind.LOW_PARTICIPATION.value))
        .where(SurveyHeadcount.wave_id == wave_id, SurveyHeadcount.dimension == dimension))
    return {g for (g,) in rows}


def send_low_participation(session: Session, wave_id: int, dimension: str, group: str,
                           at: dt.datetime | None = None) -> CandidateActionRecord:
    """A candidate action to lower the barriers to the group's taking part, once per wave, attribute
    and group; refused for a group whose participation is not low."""
    row, overall, dimension = participation_row(session, wave_id, dimension, group)
    if not row.low:
        raise InvalidInput(f"{group}'s response rate is not far below the others': it is not low participation.")
    headcount_id = session.scalar(select(SurveyHeadcount.id).where(
        SurveyHeadcount.wave_id == wave_id, SurveyHeadcount.dimension == dimension,
        SurveyHeadcount.group_name == group))
    if headcount_id is None:  # low needs a headcount: only a file changed meanwhile gets here
        raise InvalidInput(f"Enter the number of staff in {group} first.")
    if group in sent_groups(session, wave_id, dimension):
        raise InvalidInput(f"The low participation of {group} is already in Priorities.")
    wave_label = session.get(SurveyWave, wave_id).label
    record_participation_evidence(session, wave_label, dimension, row, at)
    return add_candidate_action(
        session, f"Address what keeps {group} from taking part in the staff survey"[:300],
        description=row.barriers, category="Participation",
        source_kind=SourceKind.LOW_PARTICIPATION.value, source_id=headcount_id,
        source_label=participation_label(wave_label, group),
        evidence=evidence_text(wave_label, row, overall, min_group_size(session)), at=at)


def record_participation_evidence(session: Session, wave_label: str, dimension: str, row: ParticipationRow,
                                  at: dt.datetime | None = None) -> None:
    """The evidence puts the group's response count (its rate, with the headcount anyone may know)
    and all respondents' in the plan for anyone who prints Priorities: recorded as a release, like a
    finding's evidence (and kept if the sending is undone: what was printed meanwhile stays out).
    A wave that came over from last year's plan is refused here, as every release of it is."""
    table = release_table(session, load_wave(session, wave_label), dimension, min_group_size(session))
    shown = {(ALL, "")} | ({(row.group, "")} if row.rate is not None else set())
    record_table(session, table, "evidence", CSV_PRECISION,
                 f"evidence sent to Priorities (low participation of {row.group})", only=shown, at=at)
