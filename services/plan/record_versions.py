"""Several planners, one plan: an edit to a record someone else changed since it was read is refused.

Every record carries ``row_version`` (``models.base``), counted up by SQLAlchemy on each UPDATE.
``SeenVersions`` remembers the version (and the values) of every record a planner's window read.
An edit's transaction is ``watched``: before it writes, each record it changes or removes is
compared with what its planner saw, and one that another planner has changed since is refused
with ``EditConflict``, naming the record and what changed, before anything is written. Two planners
saving the same record at the same moment get the same refusal, from the database: the UPDATE's
``WHERE row_version = ...`` finds no row for the second (SQLAlchemy's ``StaleDataError``).

An undo is checked against what the planner's own last write of each record left, so an undo
that would write over someone else's later change says so instead. In a plan file only one
person edits (its lock): nothing is checked there.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from services.plan.plan_errors import PlanFileError

Key = tuple[str, tuple]  # (table, primary key)
Seen = tuple[int, dict[str, Any]]  # (row_version, the column values read)

# What a record is called in a message, by table; any other is "a record of the plan".
_NOUNS = {
    "district": "the district's profile", "school": "the school", "position_group": "the staff group",
    "person": "the person", "meeting": "the meeting", "candidate_action": "the candidate action",
    "rater": "the rater", "action_rating": "a rating", "criterion_score": "a criterion score",
    "prioritization_setting": "the matrix's settings", "planned_action": "the planned action",
    "readiness_instrument": "the readiness instrument", "readiness_round": "the readiness round",
    "readiness_respondent": "the readiness respondent", "readiness_answer": "a readiness answer",
    "focus_session": "the focus session", "focus_idea": "the focus group idea",
    "focus_proposal": "the focus group proposal", "focus_rating": "a focus group rating",
    "survey_wave": "the survey wave", "survey_finding": "the finding", "policy_review": "the policy review",
    "survey_headcount": "a headcount", "data_source": "the data source", "wellness_domain": "the wellness domain",
    "objective": "the objective", "measurement": "the measurement", "pdsa_cycle": "the PDSA cycle",
    "communication_item": "the communication", "feedback_item": "the feedback", "school_break": "the school break",
}
_LABELS = ("title", "name", "label", "description", "key")
_NOT_SAID = {"id", "row_version", "sort_order", "created_at", "updated_at"}  # bookkeeping, not what a planner changed


class EditConflict(PlanFileError):
    """An edit refused because another planner changed the record since it was read; ``step`` says
    whether it was the edit itself ("edit"), its undo ("undo") or its redo ("redo"). The window
    offers to reload what changed."""

    def __init__(self, message: str, *, step: str = "edit"):
        super().__init__(message)
        self.step = step


def _key(instance: Any) -> Key:
    state = inspect(instance)
    return (state.mapper.local_table.name, tuple(state.identity or ()))


def _values(instance: Any) -> dict[str, Any]:
    """The record's values as read, to name what another planner changed: not its stored arrays
    (a survey wave's answers), which no planner edits and which would double what a window holds."""
    state = inspect(instance)
    loaded = state.dict
    return {column.key: loaded[column.key] for column in state.mapper.column_attrs
            if column.key in loaded and not isinstance(loaded[column.key], bytes)}


def _original(instance: Any) -> dict[str, Any]:
    """The values as the edit's transaction read them (before the edit changed them)."""
    state = inspect(instance)
    values = _values(instance)
    values.update({k: v for k, v in state.committed_state.items() if k in values})
    return values


class SeenVersions:
    """The version and values of every record one planner's window has read (from any thread)."""

    def __init__(self) -> None:
        self._seen: dict[Key, Seen] = {}
        self._mine: dict[Key, Seen] = {}  # as this planner's own last write of each record left it
        self._lock = threading.Lock()

    def get(self, key: Key) -> Seen | None:
        with self._lock:
            return self._seen.get(key)

    def expected(self, key: Key, *, step: str) -> Seen | None:
        """What an edit of ``key`` expects to find: what the planner last saw; for an undo or redo,
        what the planner's own last write left (a change by someone else since, even one the
        window has shown, would be written over)."""
        with self._lock:
            return (self._mine.get(key) if step != "edit" else None) or self._seen.get(key)

    def remember(self, instance: Any) -> None:
        version = inspect(instance).dict.get("row_version")
        if version is None:
            return
        with self._lock:
            self._seen[_key(instance)] = (version, _values(instance))

    def wrote(self, left: Mapping[Key, Seen | None]) -> None:
        """After an edit's commit: the planner has now seen what they wrote (and not what they removed)."""
        with self._lock:
            for key, now in left.items():
                if now is None:
                    self._seen.pop(key, None)
                    self._mine.pop(key, None)
                else:
                    self._seen[key] = self._mine[key] = now

    @contextlib.contextmanager
    def reading(self, session: Session) -> Iterator[None]:
        """Remember every record ``session`` loads inside the block."""
        def loaded(_session, instance) -> None:
            self.remember(instance)

        event.listen(session, "loaded_as_persistent", loaded)
        try:
            yield
        finally:
            event.remove(session, "loaded_as_persistent", loaded)


def _describe(key: Key, seen: dict[str, Any], now: dict[str, Any]) -> str:
    table, _identity = key
    noun = _NOUNS.get(table, "a record of the plan")
    label = next((now.get(name) or seen.get(name) for name in _LABELS if now.get(name) or seen.get(name)), None)
    named = f"{noun} \u201c{str(label)[:60]}\u201d" if isinstance(label, str) and noun.startswith("the ") else noun
    fields = [name.replace("_", " ").removesuffix(" id") for name in now
              if name not in _NOT_SAID and name in seen and seen[name] != now[name]]
    if fields:
        what = ", ".join(fields[:-1]) + (" and " if len(fields) > 1 else "") + fields[-1]
        return f"{named} (its {what})"
    return named


def conflict_message(key: Key, seen: dict[str, Any], now: dict[str, Any], *, step: str) -> str:
    happened = f"Another planner changed {_describe(key, seen, now)}"
    if step != "edit":
        return (f"{happened} after your change, so it can't be {step}ne without losing theirs; "
                "nothing was changed. Reload to see the plan as it is now.")
    return f"{happened} since you last saw it, so your change was not saved. Reload to see theirs, then try again."


@contextlib.contextmanager
def watched(session: Session, seen: SeenVersions, *, step: str = "edit") -> Iterator[dict[Key, Seen | None]]:
    """Check every record the block changes or removes against what the planner ``seen`` (for an
    undo, against what they last wrote); yield what the block left: each record it wrote, with its
    new version and values (None for one it removed), filled in as it flushes. ``EditConflict`` if
    another planner got there first."""
    left: dict[Key, Seen | None] = {}
    flushed: list[tuple[Any, bool]] = []

    def before_flush(flushing: Session, _context, _instances) -> None:
        for instance, removed in [*((i, False) for i in flushing.dirty), *((i, True) for i in flushing.deleted)]:
            if not removed and not flushing.is_modified(instance):
                continue
            key = _key(instance)
            was = seen.expected(key, step=step)
            if was is None:
                continue
            now = inspect(instance).committed_state.get("row_version", instance.row_version)
            if was[0] != now:
                raise EditConflict(conflict_message(key, was[1], _original(instance), step=step), step=step)
        flushed.extend((i, False) for i in (*flushing.new, *flushing.dirty))
        flushed.extend((i, True) for i in flushing.deleted)

    event.listen(session, "before_flush", before_flush)
    try:
        yield left
        session.flush()
    except StaleDataError as exc:
        # The database's own check: the record changed or went between this transaction's read
        # and its write (another planner saved it in that moment).
        raise EditConflict("Another planner saved a change to the same record at the same moment, so yours was "
                           "not saved. Reload to see theirs, then try again.", step=step) from exc
    finally:
        event.remove(session, "before_flush", before_flush)
    for instance, removed in flushed:
        key = _key(instance)
        left[key] = None if removed else (instance.row_version, _values(instance))


