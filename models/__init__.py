"""The plan file's schema: SQLAlchemy 2.x typed ORM classes, no Qt and no domain rules.

Importing this package registers every table on ``Base.metadata``.
"""

from models.base import Base
from models.candidate_action import ActionStatus, CandidateAction, SourceKind
from models.district import District, PositionGroup, School
from models.people import Meeting, MeetingAttendee, Person, TeamRole
from models.plan_info import PlanInfo

__all__ = [
    "ActionStatus",
    "Base",
    "CandidateAction",
    "District",
    "Meeting",
    "MeetingAttendee",
    "Person",
    "PlanInfo",
    "PositionGroup",
    "School",
    "SourceKind",
    "TeamRole",
]
