"""Everything the Priorities tab and its printouts show, read from the plan in a few queries.

An action's number on the matrix is its id in the plan: it never changes when other actions are
added, removed or filtered out, so a printed voting sheet still matches the screen next week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from models import ActionRating, ActionServedGroup, ActionStatus, CandidateAction, CriterionScore, PlannedAction
from services import district_profile
from services.priorities import prioritization, priority_ratings
from services.priorities.candidate_actions import SOURCE_LABELS, STATUS_LABELS, stored_source_kind, stored_status
from services.priorities.contract_limits import NOT_LIMITED, ContractLimit, stored_limit
from services.priorities.prioritization import QUADRANT_LABELS, Quadrant, RatingSummary
from services.priorities.priority_ratings import MatrixSettings, RaterRecord

IN_PLAY = (ActionStatus.PROPOSED.value, ActionStatus.APPROVED.value)


@dataclass(frozen=True)
class RaterRating:
    rater_id: int
    rater_name: str
    impact: int | None
    ease: int | None


@dataclass(frozen=True)
class PriorityItem:
    id: int
    title: str
    description: str
    category: str
    source_kind: str
    source_label: str
    status: str
    status_reason: str
    ratings: tuple[RaterRating, ...]
    summary: RatingSummary
    agreed_impact: float | None
    agreed_ease: float | None
    quadrant: Quadrant
    discussion_owner: str
    discussion_next_step: str
    evidence: str
    served_group_ids: tuple[int, ...]
    served_group_names: tuple[str, ...]
    criterion_scores: dict[str, int] = field(hash=False)
    score: float | None
    rank: int | None
    proposed_owner: str
    proposed_deadline: str
    planned_action_id: int | None
    source_id: int | None = None  # the record on the tab it came from (``source_kind`` says which table)
    contract: ContractLimit = NOT_LIMITED  # limited by a contract or collective bargaining, and how

    @property
    def contract_limited(self) -> bool:
        return self.contract.limited

    @property
    def contract_note(self) -> str:
        return self.contract.note

    @property
    def number(self) -> int:
        return self.id

    @property
    def has_agreed_position(self) -> bool:
        return self.agreed_impact is not None and self.agreed_ease is not None

    @property
    def impact(self) -> float | None:
        """Where the point sits: the agreed position if the team set one, else the raters' mean."""
        return self.agreed_impact if self.has_agreed_position else self.summary.impact.mean

    @property
    def ease(self) -> float | None:
        return self.agreed_ease if self.has_agreed_position else self.summary.ease.mean

    @property
    def in_play(self) -> bool:
        """Still being prioritized: proposed, or approved into the plan (not declined or parked)."""
        return self.status in IN_PLAY

    @property
    def needs_discussion(self) -> bool:
        return self.summary.needs_discussion

    @property
    def quadrant_label(self) -> str:
        return QUADRANT_LABELS[self.quadrant]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def source_text(self) -> str:
        """The evidence trail in one line: where the action came from, and what supports it."""
        origin = self.source_label or SOURCE_LABELS.get(self.source_kind, "")
        return f"{origin}. {self.evidence}" if self.evidence else origin


@dataclass(frozen=True)
class Board:
    items: list[PriorityItem]
    raters: list[RaterRecord]
    settings: MatrixSettings
    group_names: dict[int, str]

    def item(self, action_id: int) -> PriorityItem | None:
        return next((i for i in self.items if i.id == action_id), None)

    def in_quadrant(self, q: Quadrant) -> list[PriorityItem]:
        """The actions in play in quadrant ``q`` (declined and parked ones no longer count)."""
        return [i for i in self.items if i.quadrant is q and i.in_play]

    def categories(self) -> list[str]:
        return sorted({i.category for i in self.items if i.category}, key=str.lower)


def load_board(session: Session, progress: Callable[[int, int], None] | None = None) -> Board:
    settings = priority_ratings.get_settings(session)
    raters = priority_ratings.list_raters(session)
    group_names = {g.id: g.name for g in district_profile.list_position_groups(session)}
    parts = _Parts.read(session)
    if progress:
        progress(1, 2)

    actions = list(session.scalars(select(CandidateAction).order_by(CandidateAction.id)))
    weighted = {a.id: prioritization.weighted_score(parts.scores.get(a.id, {}), settings.weights) for a in actions}
    ranks = prioritization.rank(weighted)
    order = _Order(raters, group_names)
    items = [_item(a, parts, settings, order, weighted[a.id], ranks.get(a.id)) for a in actions]
    if progress:
        progress(2, 2)
    return Board(items, raters, settings, group_names)


def reload_item(session: Session, board: Board, action_id: int) -> Board | None:
    """``board`` with one action read again from the plan, after an edit of that action alone (its
    agreed position, a rating, a detail): a few rows instead of the whole board, so a drop on the
    matrix is shown within a frame. None when the change reaches beyond that action and the whole
    board must be read (``load_board``): the action is gone or new, the raters, settings or staff
    groups differ, or its weighted score changed (which can move every rank)."""
    old = board.item(action_id)
    action = session.get(CandidateAction, action_id)
    if old is None or action is None:
        return None
    settings = priority_ratings.get_settings(session)
    raters = priority_ratings.list_raters(session)
    group_names = {g.id: g.name for g in district_profile.list_position_groups(session)}
    if (settings, raters, group_names) != (board.settings, board.raters, board.group_names):
        return None
    parts = _Parts.read(session, action_id)
    weighted = prioritization.weighted_score(parts.scores.get(action_id, {}), settings.weights)
    if weighted != old.score:
        return None
    item = _item(action, parts, settings, _Order(raters, group_names), weighted, old.rank)
    return Board([item if i.id == action_id else i for i in board.items], raters, settings, group_names)


@dataclass
class _Parts:
    """What the actions' own rows say besides the action: ratings, criterion scores, the staff groups
    served and the plan line each became; of every action, or of one."""

    ratings: dict[int, list[tuple[int, int | None, int | None]]]
    scores: dict[int, dict[str, int]]
    served: dict[int, list[int]]
    planned: dict[int, int]

    @classmethod
    def read(cls, session: Session, action_id: int | None = None) -> _Parts:
        queries = _ALL_PARTS if action_id is None else _ONE_ACTION_PARTS
        given = None if action_id is None else {"action_id": action_id}

        ratings: dict[int, list[tuple[int, int | None, int | None]]] = defaultdict(list)
        for row in session.execute(queries.ratings, given):
            # Checked on read (``prioritization.stored_rating``): a rating of 42 is not rated, not off the matrix.
            ratings[row.action_id].append((row.rater_id, prioritization.stored_rating(row.impact),
                                           prioritization.stored_rating(row.ease)))
        scores: dict[int, dict[str, int]] = defaultdict(dict)
        for row in session.execute(queries.scores, given):
            score = prioritization.stored_rating(row.score)
            if score is not None and row.criterion in prioritization.CRITERIA_KEYS:
                scores[row.action_id][row.criterion] = score
        served: dict[int, list[int]] = defaultdict(list)
        for row in session.execute(queries.served, given):
            served[row.action_id].append(row.position_group_id)
        planned = {row[0]: row[1] for row in session.execute(queries.planned, given)}
        return cls(ratings, scores, served, planned)


@dataclass(frozen=True)
class _PartsQueries:
    """The four queries ``_Parts.read`` runs: of every action, or of one (``:action_id``). Built once:
    building a query is most of the time of one this small (a drop reads one action's parts)."""

    ratings: Select
    scores: Select
    served: Select
    planned: Select

    @classmethod
    def make(cls, one_action: bool) -> _PartsQueries:
        def of(query, column):
            return query.where(column == bindparam("action_id")) if one_action else query

        return cls(
            # (With each row's key and version: on a district server, the window remembers which
            # version of each rating it showed, so a rating another planner changed is not written over.)
            of(select(ActionRating.action_id, ActionRating.rater_id, ActionRating.impact, ActionRating.ease,
                      ActionRating.id, ActionRating.row_version), ActionRating.action_id),
            of(select(CriterionScore.action_id, CriterionScore.criterion, CriterionScore.score,
                      CriterionScore.row_version), CriterionScore.action_id),
            of(select(ActionServedGroup.action_id, ActionServedGroup.position_group_id), ActionServedGroup.action_id),
            of(select(PlannedAction.candidate_action_id, PlannedAction.id), PlannedAction.candidate_action_id))


_ALL_PARTS, _ONE_ACTION_PARTS = _PartsQueries.make(False), _PartsQueries.make(True)


class _Order:
    """The order raters and staff groups are listed in, and their names."""

    def __init__(self, raters: list[RaterRecord], group_names: dict[int, str]):
        self.rater_names = {r.id: r.name for r in raters}
        self.rater_order = {r.id: n for n, r in enumerate(raters)}
        self.group_names = group_names
        self.group_order = {g: n for n, g in enumerate(group_names)}


def _item(a: CandidateAction, parts: _Parts, settings: MatrixSettings, order: _Order, score: float | None,
          rank: int | None) -> PriorityItem:
    mine = tuple(sorted((RaterRating(rater_id, order.rater_names.get(rater_id, ""), impact, ease)
                         for rater_id, impact, ease in parts.ratings.get(a.id, [])),
                        key=lambda r: order.rater_order.get(r.rater_id, 0)))
    summary = prioritization.summarize((r.impact, r.ease) for r in mine)
    agreed_impact, agreed_ease = prioritization.stored_position(a.agreed_impact, a.agreed_ease)
    has_agreed = agreed_impact is not None
    impact = agreed_impact if has_agreed else summary.impact.mean
    ease = agreed_ease if has_agreed else summary.ease.mean
    groups = tuple(sorted(parts.served.get(a.id, []), key=lambda g: order.group_order.get(g, 0)))
    return PriorityItem(
        id=a.id, title=a.title, description=a.description, category=a.category,
        source_kind=stored_source_kind(a.source_kind), source_label=a.source_label, status=stored_status(a.status),
        status_reason=a.status_reason, ratings=mine, summary=summary,
        agreed_impact=agreed_impact, agreed_ease=agreed_ease,
        quadrant=prioritization.quadrant(impact, ease, settings.midpoint_impact, settings.midpoint_ease),
        discussion_owner=a.discussion_owner, discussion_next_step=a.discussion_next_step,
        evidence=a.evidence, served_group_ids=groups,
        served_group_names=tuple(order.group_names[g] for g in groups if g in order.group_names),
        criterion_scores=parts.scores.get(a.id, {}), score=score, rank=rank,
        proposed_owner=a.proposed_owner, proposed_deadline=a.proposed_deadline,
        planned_action_id=parts.planned.get(a.id), source_id=a.source_id if isinstance(a.source_id, int) else None,
        contract=stored_limit(a.contract_limited, a.contract_note),
    )


def ranked(items: list[PriorityItem]) -> list[PriorityItem]:
    """Ranked items first (best first), then unranked ones by quadrant and number."""
    order = {q: n for n, q in enumerate(prioritization.QUADRANT_ORDER)}
    return sorted(items, key=lambda i: (i.rank is None, i.rank or 0, order[i.quadrant], i.id))
