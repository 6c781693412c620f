"""Raters and what they said: impact and ease ratings, the agreed position, ranking criteria.

Every setter returns what it replaced, so an undo command can put it back exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import (
    ActionRating,
    ActionServedGroup,
    CandidateAction,
    CriterionScore,
    PositionGroup,
    PrioritizationSetting,
    Rater,
)
from services.errors import InvalidInput
from services.plan_records import next_number, written_with_links
from services.priorities import prioritization

# Raters -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RaterRecord:
    id: int
    name: str
    sort_order: int


@dataclass(frozen=True)
class RemovedRater:
    rater: RaterRecord
    ratings: tuple[tuple[int, int | None, int | None], ...]  # (action_id, impact, ease)


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("A rater needs a name (a person, or a subgroup such as \"Subgroup A\").")
    if len(name) > 120:
        raise InvalidInput("A rater's name can be at most 120 characters.")
    return name


def list_raters(session: Session) -> list[RaterRecord]:
    return [RaterRecord(r.id, r.name, r.sort_order)
            for r in session.scalars(select(Rater).order_by(Rater.sort_order, Rater.id))]


def add_rater(session: Session, name: str) -> RaterRecord:
    name = _clean_name(name)
    if any(r.name.lower() == name.lower() for r in list_raters(session)):
        raise InvalidInput(f"There is already a rater called {name}.")
    order = next_number(session, Rater.sort_order)
    rater = Rater(name=name, sort_order=order)
    session.add(rater)
    session.flush()
    return RaterRecord(rater.id, rater.name, rater.sort_order)


def rename_rater(session: Session, rater_id: int, name: str) -> str:
    """Returns the old name."""
    rater = session.get(Rater, rater_id)
    if rater is None:
        raise InvalidInput("That rater is no longer in the plan.")
    name = _clean_name(name)
    if any(r.name.lower() == name.lower() and r.id != rater_id for r in list_raters(session)):
        raise InvalidInput(f"There is already a rater called {name}.")
    old, rater.name = rater.name, name
    return old


def remove_rater(session: Session, rater_id: int) -> RemovedRater:
    rater = session.get(Rater, rater_id)
    if rater is None:
        raise InvalidInput("That rater is no longer in the plan.")
    ratings = tuple((r.action_id, r.impact, r.ease)
                    for r in session.scalars(select(ActionRating).where(ActionRating.rater_id == rater_id)))
    record = RaterRecord(rater.id, rater.name, rater.sort_order)
    session.delete(rater)
    session.flush()
    return RemovedRater(record, ratings)


def restore_rater(session: Session, removed: RemovedRater) -> None:
    r = removed.rater
    session.add(Rater(id=r.id, name=r.name, sort_order=r.sort_order))
    session.flush()
    for action_id, impact, ease in removed.ratings:
        if session.get(CandidateAction, action_id) is not None:
            session.add(ActionRating(action_id=action_id, rater_id=r.id, impact=impact, ease=ease))
    session.flush()


# Ratings ------------------------------------------------------------------------------------

def _action(session: Session, action_id: int) -> CandidateAction:
    action = session.get(CandidateAction, action_id)
    if action is None:
        raise InvalidInput("That candidate action is no longer in the plan.")
    return action


def _checked(value: int | None, what: str) -> int | None:
    try:
        return prioritization.check_rating(value, what)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


_KEEP = object()


def set_rating(session: Session, action_id: int, rater_id: int, impact=_KEEP, ease=_KEEP) -> tuple[int | None, int | None]:
    """Set one rater's impact and/or ease (None clears); returns the (impact, ease) it replaced."""
    _action(session, action_id)
    if session.get(Rater, rater_id) is None:
        raise InvalidInput("That rater is no longer in the plan.")
    row = session.scalar(select(ActionRating).where(ActionRating.action_id == action_id,
                                                    ActionRating.rater_id == rater_id))
    before = (row.impact, row.ease) if row else (None, None)
    new_impact = before[0] if impact is _KEEP else _checked(impact, "Impact")
    new_ease = before[1] if ease is _KEEP else _checked(ease, "Ease")
    if new_impact is None and new_ease is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ActionRating(action_id=action_id, rater_id=rater_id, impact=new_impact, ease=new_ease))
    else:
        row.impact, row.ease = new_impact, new_ease
    session.flush()
    return before


def _check_position(value: float | None, what: str) -> float | None:
    if value is None:
        return None
    value = float(value)
    if not prioritization.SCALE_MIN <= value <= prioritization.SCALE_MAX:
        raise InvalidInput(f"{what} must be between {prioritization.SCALE_MIN} and {prioritization.SCALE_MAX}.")
    return round(value, 2)


def set_agreed_position(session: Session, action_id: int, impact: float | None, ease: float | None
                        ) -> tuple[float | None, float | None]:
    """Set (or with None, clear) the team's agreed position; returns the one it replaced."""
    action = _action(session, action_id)
    impact, ease = _check_position(impact, "Impact"), _check_position(ease, "Ease")
    if (impact is None) != (ease is None):
        raise InvalidInput("An agreed position needs both impact and ease.")
    before = (action.agreed_impact, action.agreed_ease)
    action.agreed_impact, action.agreed_ease = impact, ease
    return before


DETAIL_FIELDS = {
    "discussion_owner": 200,
    "discussion_next_step": 2000,
    "evidence": 2000,
    "proposed_owner": 200,
    "proposed_deadline": 120,
}


def set_detail(session: Session, action_id: int, field: str, value: str) -> str:
    """Set one of the free-text fields in ``DETAIL_FIELDS``; returns the old value."""
    if field not in DETAIL_FIELDS:
        raise InvalidInput(f"{field} is not a field that can be set here.")
    value = (value or "").strip()
    if len(value) > DETAIL_FIELDS[field]:
        raise InvalidInput(f"That text is too long (at most {DETAIL_FIELDS[field]} characters).")
    action = _action(session, action_id)
    old = getattr(action, field)
    setattr(action, field, value)
    return old


def served_group_ids(session: Session, action_id: int) -> tuple[int, ...]:
    return tuple(session.scalars(select(ActionServedGroup.position_group_id)
                                 .where(ActionServedGroup.action_id == action_id)
                                 .order_by(ActionServedGroup.position_group_id)))


def set_served_groups(session: Session, action_id: int, group_ids: Iterable[int]) -> tuple[int, ...]:
    """Name the staff groups an action serves; returns the ones it replaced."""
    written_with_links(_action(session, action_id))
    ids = sorted(set(group_ids))
    known = set(session.scalars(select(PositionGroup.id)))
    if set(ids) - known:
        raise InvalidInput("One of those staff groups is no longer in the plan.")
    before = served_group_ids(session, action_id)
    session.execute(delete(ActionServedGroup).where(ActionServedGroup.action_id == action_id))
    session.add_all(ActionServedGroup(action_id=action_id, position_group_id=g) for g in ids)
    session.flush()
    return before


def set_criterion_score(session: Session, action_id: int, criterion: str, score: int | None) -> int | None:
    """Score an action on a ranking criterion (None clears); returns the old score."""
    if criterion not in prioritization.CRITERIA_KEYS:
        raise InvalidInput(f"Unknown ranking criterion: {criterion}.")
    _action(session, action_id)
    score = _checked(score, "A criterion score")
    row = session.get(CriterionScore, (action_id, criterion))
    before = row.score if row else None
    if score is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(CriterionScore(action_id=action_id, criterion=criterion, score=score))
    else:
        row.score = score
    session.flush()
    return before


# Plan-wide settings -------------------------------------------------------------------------

@dataclass(frozen=True)
class MatrixSettings:
    midpoint_impact: float
    midpoint_ease: float
    weights: dict[str, float]
    # Kept in the plan, not per computer, so the screen and every printout warn alike.
    do_now_limit: int = prioritization.DEFAULT_DO_NOW_LIMIT


SETTING_DEFAULTS = {
    "midpoint_impact": prioritization.DEFAULT_MIDPOINT,
    "midpoint_ease": prioritization.DEFAULT_MIDPOINT,
    "do_now_limit": float(prioritization.DEFAULT_DO_NOW_LIMIT),
    **{f"weight_{key}": float(prioritization.DEFAULT_WEIGHT) for key in prioritization.CRITERIA_KEYS},
}


def get_settings(session: Session) -> MatrixSettings:
    """The plan's matrix settings, each checked on read by the rule ``set_setting`` applies: one out
    of range or not a number (a midpoint of 99, a weight of -7, a limit of 1e999 or 'abc' written
    with another program) is read as its default."""
    stored = {row.key: row.value for row in session.scalars(select(PrioritizationSetting))}
    values = {}
    for key, default in SETTING_DEFAULTS.items():
        try:
            values[key] = _checked_setting(key, stored[key]) if key in stored else default
        except InvalidInput:
            values[key] = default
    return MatrixSettings(
        values["midpoint_impact"], values["midpoint_ease"],
        {key: values[f"weight_{key}"] for key in prioritization.CRITERIA_KEYS},
        int(values["do_now_limit"]),
    )


def _checked_setting(key: str, value: object) -> float:
    """The one rule for each setting, for what is typed in and what is read back."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidInput(f"A matrix setting must be a number, not {value!r}.")
    try:
        value = float(value)
    except ValueError:
        raise InvalidInput(f"A matrix setting must be a number, not {value!r}.") from None
    if not math.isfinite(value):
        raise InvalidInput("A matrix setting must be a finite number.")
    if key.startswith("midpoint") and not 1.5 <= value <= 4.5:
        raise InvalidInput("A midpoint must be between 1.5 and 4.5, so every quadrant has room.")
    if key.startswith("weight") and not 0 <= value <= prioritization.MAX_WEIGHT:
        raise InvalidInput(f"A weight must be from 0 (ignore) to {prioritization.MAX_WEIGHT}.")
    if key == "do_now_limit" and (value != int(value) or not 1 <= value <= 50):
        raise InvalidInput("The Do it now! limit must be a whole number from 1 to 50.")
    return value


def set_setting(session: Session, key: str, value: float) -> float:
    """Set a midpoint (1.5-4.5), a criterion weight (0-5) or the Do it now! limit; returns the old value."""
    if key not in SETTING_DEFAULTS:
        raise InvalidInput(f"Unknown matrix setting: {key}.")
    value = _checked_setting(key, value)
    row = session.get(PrioritizationSetting, key)
    before = row.value if row else SETTING_DEFAULTS[key]
    if row is None:
        session.add(PrioritizationSetting(key=key, value=value))
    else:
        row.value = value
    session.flush()
    return before
