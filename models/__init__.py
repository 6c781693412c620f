"""The plan file's schema: SQLAlchemy 2.x typed ORM classes, no Qt and no domain rules.

Importing this package registers every table on ``Base.metadata``.
"""

from models.action_plan import (
    ActionDependency,
    CommunicationItem,
    FeedbackItem,
    Measurement,
    Objective,
    ObjectiveGroup,
    ObjectivePerson,
    PdsaCycle,
    SchoolBreak,
)
from models.base import Base
from models.candidate_action import ActionStatus, CandidateAction, SourceKind
from models.district import District, PositionGroup, School
from models.focus_group import (
    FocusActionMark,
    FocusAgendaItem,
    FocusAspiration,
    FocusAttendee,
    FocusIdea,
    FocusProposal,
    FocusRating,
    FocusSession,
    FocusSubgroup,
)
from models.people import Meeting, MeetingAttendee, Person, PersonKind, TeamRole
from models.plan_info import PlanInfo
from models.planned_action import PlannedAction, PlannedActionGroup
from models.prioritization import ActionRating, ActionServedGroup, CriterionScore, PrioritizationSetting, Rater
from models.readiness import (
    ReadinessAnswer,
    ReadinessInstrument,
    ReadinessRespondent,
    ReadinessRound,
    ReadinessRoundItem,
)
from models.survey import (
    DataSource,
    DataSourceDomain,
    DataSourceGroup,
    FindingReader,
    PolicyReview,
    SurveyComment,
    SurveyDimension,
    SurveyFinding,
    SurveyHeadcount,
    SurveyImportProfile,
    SurveyItem,
    SurveyRelease,
    SurveyWave,
    WellnessDomain,
)

__all__ = [
    "ActionDependency",
    "ActionRating",
    "ActionServedGroup",
    "ActionStatus",
    "Base",
    "CandidateAction",
    "CommunicationItem",
    "CriterionScore",
    "DataSource",
    "DataSourceDomain",
    "DataSourceGroup",
    "FeedbackItem",
    "District",
    "FocusActionMark",
    "FocusAgendaItem",
    "FocusAspiration",
    "FocusAttendee",
    "FocusIdea",
    "FocusProposal",
    "FocusRating",
    "FocusSession",
    "FocusSubgroup",
    "FindingReader",
    "Measurement",
    "Meeting",
    "MeetingAttendee",
    "Objective",
    "ObjectiveGroup",
    "ObjectivePerson",
    "PdsaCycle",
    "Person",
    "PersonKind",
    "PlanInfo",
    "PolicyReview",
    "PlannedAction",
    "PlannedActionGroup",
    "PositionGroup",
    "PrioritizationSetting",
    "Rater",
    "ReadinessAnswer",
    "ReadinessInstrument",
    "ReadinessRespondent",
    "ReadinessRound",
    "ReadinessRoundItem",
    "School",
    "SchoolBreak",
    "SourceKind",
    "SurveyComment",
    "SurveyDimension",
    "SurveyFinding",
    "SurveyHeadcount",
    "SurveyImportProfile",
    "SurveyItem",
    "SurveyRelease",
    "SurveyWave",
    "TeamRole",
    "WellnessDomain",
]
