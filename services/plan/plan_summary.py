"""Counts of what a plan holds, in words a person would use (for ``check`` and the About box)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    ActionRating,
    CandidateAction,
    CommunicationItem,
    DataSource,
    FocusSession,
    Meeting,
    Objective,
    PdsaCycle,
    Person,
    PlannedAction,
    PositionGroup,
    Rater,
    ReadinessAnswer,
    ReadinessRespondent,
    ReadinessRound,
    School,
    SurveyItem,
    SurveyWave,
)

# Each later capability adds its own tables here.
COUNTED = (
    ("schools", select(func.count()).select_from(School)),
    ("position groups", select(func.count()).select_from(PositionGroup)),
    ("team members", select(func.count()).select_from(Person).where(Person.team_role.is_not(None))),
    ("people", select(func.count()).select_from(Person)),
    ("meetings", select(func.count()).select_from(Meeting)),
    ("readiness rounds", select(func.count()).select_from(ReadinessRound)),
    ("readiness respondents", select(func.count()).select_from(ReadinessRespondent)),
    ("readiness answers", select(func.count()).select_from(ReadinessAnswer)),
    ("focus-group sessions", select(func.count()).select_from(FocusSession)),
    ("survey waves", select(func.count()).select_from(SurveyWave)),
    ("survey responses", select(func.coalesce(func.sum(SurveyWave.respondent_count), 0))),
    ("survey items", select(func.count()).select_from(SurveyItem)),
    ("data sources", select(func.count()).select_from(DataSource)),
    ("candidate actions", select(func.count()).select_from(CandidateAction)),
    ("raters", select(func.count()).select_from(Rater)),
    ("impact and ease ratings", select(func.count()).select_from(ActionRating)),
    ("actions in the plan", select(func.count()).select_from(PlannedAction)),
    ("objectives", select(func.count()).select_from(Objective)),
    ("PDSA cycles", select(func.count()).select_from(PdsaCycle)),
    ("communications", select(func.count()).select_from(CommunicationItem)),
)


def count_contents(session: Session) -> dict[str, int]:
    return {label: int(session.scalar(query)) for label, query in COUNTED}
