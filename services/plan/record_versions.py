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
import time
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


def _versioned_columns(statement) -> list[tuple[str, tuple[int, ...], int, dict[str, int]]] | None:
    """For a query of columns: each mapped table whose key and ``row_version`` it selects, with
    where they are in its rows (the key's columns, the version, the other columns by name)."""
    try:
        described = statement.column_descriptions
    except AttributeError:
        return None
    by_table: dict[Any, dict[str, int]] = {}
    for at, column in enumerate(described):
        entity, expression = column.get("entity"), column.get("expr")
        name = getattr(expression, "key", None)
        if entity is None or name is None or column.get("type") is entity:
            continue  # (a whole record is remembered as it loads)
        by_table.setdefault(inspect(entity).local_table, {})[name] = at
    found = []
    for table, columns in by_table.items():
        keys = [c.key for c in table.primary_key.columns]
        if "row_version" in columns and all(k in columns for k in keys):
            found.append((table.name, tuple(columns[k] for k in keys), columns["row_version"],
                          {n: i for n, i in columns.items() if n not in keys and n != "row_version"}))
    return found


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
        self._mine: dict[Key, set[int]] = {}  # the versions of each record this planner's writes made
        self._wrote_at: dict[Key, float] = {}  # when this planner last wrote each record
        self._lock = threading.Lock()

    def get(self, key: Key) -> Seen | None:
        with self._lock:
            return self._seen.get(key)

    def only_mine_since(self, key: Key, version: int, now: int) -> bool:
        """Whether every write of ``key`` after ``version`` up to ``now`` was this planner's (each
        write counts the version up by one)."""
        with self._lock:
            mine = self._mine.get(key, set())
            return now >= version and all(v in mine for v in range(version + 1, now + 1))

    def remember(self, key: Key, version: int, values: dict[str, Any], read_from: float) -> None:
        """A read of ``key`` by a transaction that began at ``read_from`` (``time.monotonic``):
        kept unless the planner wrote the record since (a background read that began before the
        planner's own last write must not take the planner back to before it)."""
        with self._lock:
            if self._wrote_at.get(key, -1.0) < read_from:
                self._seen[key] = (version, values)

    def wrote(self, left: Mapping[Key, Seen | None]) -> None:
        """After an edit's commit: the planner has now seen what they wrote (and not what they removed)."""
        with self._lock:
            for key, now in left.items():
                self._wrote_at[key] = time.monotonic()
                if now is None:
                    self._seen.pop(key, None)
                    self._mine.pop(key, None)
                else:
                    self._seen[key] = now
                    self._mine.setdefault(key, set()).add(now[0])

    @contextlib.contextmanager
    def reading(self, session: Session) -> Iterator[None]:
        """Remember every record ``session`` loads inside the block: whole records, and rows of a
        query of columns that names a record's key and ``row_version`` (the priority board reads
        ratings so)."""
        read_from = time.monotonic()

        def loaded(_session, instance) -> None:
            version = inspect(instance).dict.get("row_version")
            if version is not None:
                self.remember(_key(instance), version, _values(instance), read_from)

        def executed(state):
            found = _versioned_columns(state.statement) if state.is_select else None
            if not found:
                return None
            result = state.invoke_statement().freeze()
            for row in result().all():
                for table, key_at, version_at, values_at in found:
                    if row[version_at] is not None:
                        self.remember((table, tuple(row[i] for i in key_at)), row[version_at],
                                      {name: row[i] for name, i in values_at.items()}, read_from)
            return result()

        event.listen(session, "loaded_as_persistent", loaded)
        event.listen(session, "do_orm_execute", executed)
        try:
            yield
        finally:
            event.remove(session, "loaded_as_persistent", loaded)
            event.remove(session, "do_orm_execute", executed)


def remembering(seen: SeenVersions | None, session: Session):
    """``seen.reading(session)`` for a plan on a server; nothing to remember in a plan file."""
    return contextlib.nullcontext() if seen is None else seen.reading(session)


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
def watched(session: Session, seen: SeenVersions, *, step: str = "edit",
            step_left: Mapping[Key, Seen | None] | None = None) -> Iterator[dict[Key, Seen | None]]:
    """Check every record the block changes or removes against what the planner ``seen``; for an
    undo or redo, against what this step last left (``step_left``): every write of the record
    since must be the planner's own. Yield what the block left: each record it wrote, with its new
    version and values (None for one it removed), filled in as it flushes. ``EditConflict`` if
    another planner got there first."""
    left: dict[Key, Seen | None] = {}
    flushed: list[tuple[Any, bool]] = []

    def before_flush(flushing: Session, _context, _instances) -> None:
        for instance, removed in [*((i, False) for i in flushing.dirty), *((i, True) for i in flushing.deleted)]:
            if not removed and not flushing.is_modified(instance):
                continue
            key = _key(instance)
            now = inspect(instance).committed_state.get("row_version", instance.row_version)
            mine = (step_left or {}).get(key) if step != "edit" else None
            if mine is not None:
                if not seen.only_mine_since(key, mine[0], now):
                    raise EditConflict(conflict_message(key, mine[1], _original(instance), step=step), step=step)
                continue
            was = seen.get(key)
            if was is not None and was[0] != now:
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


