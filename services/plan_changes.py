"""Operations on a plan, and what each one changed, worked out from the rows it wrote.

An operation is a plain object: ``apply`` does the edit in one transaction and ``revert`` undoes
it, each returning the set of topics (``Topic``) it changed. The topics are not declared by
whoever asked for the edit: every INSERT, UPDATE and DELETE the transaction sends to SQLite is
seen (``written_tables``), and each table belongs to the topics of the views that show it
(``TABLE_TOPICS``, the one place that says so). A new cross-tab effect (adding an action from a
focus group changes Priorities) is then announced by itself. The window wraps an operation in a
``QUndoCommand``; the command line and tests run it directly. Anki's ``aqt/operations`` has the
same shape: the collection op reports its own ``OpChanges``.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from services.plan.plan_file import PlanFile


class Topic(enum.StrEnum):
    """What a view shows; a view redraws when an operation changed one of its topics."""

    PROFILE = "profile"
    SCHOOLS = "schools"
    GROUPS = "groups"
    TEAM = "team"
    MEETINGS = "meetings"
    ACTIONS = "actions"  # candidate actions
    RATINGS = "ratings"  # raters, ratings and the matrix's settings
    PLAN = "plan"  # the plan's actions
    READINESS = "readiness"
    FOCUS = "focus"
    DATA = "data"  # survey waves, items, releases, domains, data sources: the answers and what was released
    # What the team read from the data: survey findings (their interpretation and who read them) and
    # reviewed policies. Writing one changes no survey answer, so the waves are not read again.
    FINDINGS = "findings"
    HEADCOUNTS = "headcounts"  # change no survey answer, so results are not re-read
    OBJECTIVES = "objectives"  # objectives, indicators, cycles, communications, breaks


_T = Topic
# Every table of the plan, and the topics a write to it changes.
TABLE_TOPICS: dict[str, frozenset[Topic]] = {name: frozenset(topics) for name, topics in {
    "plan_info": (),
    "district": (_T.PROFILE,),
    "school": (_T.SCHOOLS,),
    "position_group": (_T.GROUPS,),
    "person": (_T.TEAM,),
    "meeting": (_T.MEETINGS,),
    "meeting_attendee": (_T.MEETINGS,),
    "meeting_purpose": (_T.MEETINGS,),
    "candidate_action": (_T.ACTIONS,),
    "action_served_group": (_T.ACTIONS,),
    "rater": (_T.RATINGS,),
    "action_rating": (_T.RATINGS,),
    "criterion_score": (_T.RATINGS,),
    "prioritization_setting": (_T.RATINGS,),
    "planned_action": (_T.PLAN,),
    "planned_action_group": (_T.PLAN,),
    "action_dependency": (_T.PLAN,),
    "readiness_instrument": (_T.READINESS,),
    "readiness_round": (_T.READINESS,),
    "readiness_round_item": (_T.READINESS,),
    "readiness_respondent": (_T.READINESS,),
    "readiness_answer": (_T.READINESS,),
    "focus_session": (_T.FOCUS,),
    "focus_attendee": (_T.FOCUS,),
    "provider_need": (_T.FOCUS,),
    "focus_agenda_item": (_T.FOCUS,),
    "focus_aspiration": (_T.FOCUS,),
    "focus_action_mark": (_T.FOCUS,),
    "focus_idea": (_T.FOCUS,),
    "focus_subgroup": (_T.FOCUS,),
    "focus_rating": (_T.FOCUS,),
    "focus_proposal": (_T.FOCUS,),
    "survey_wave": (_T.DATA,),
    "survey_item": (_T.DATA,),
    "survey_dimension": (_T.DATA,),
    "survey_comment": (_T.DATA,),
    "survey_finding": (_T.FINDINGS,),
    "finding_reader": (_T.FINDINGS,),
    "policy_review": (_T.FINDINGS,),
    "survey_release": (_T.DATA,),
    "survey_import_profile": (),
    "survey_headcount": (_T.HEADCOUNTS,),
    "data_source": (_T.DATA,),
    "data_source_domain": (_T.DATA,),
    "data_source_group": (_T.DATA,),
    "wellness_domain": (_T.DATA,),
    "objective": (_T.OBJECTIVES,),
    "objective_group": (_T.OBJECTIVES,),
    "objective_person": (_T.OBJECTIVES,),
    "measurement": (_T.OBJECTIVES,),
    "pdsa_cycle": (_T.OBJECTIVES,),
    "communication_item": (_T.OBJECTIVES,),
    "feedback_item": (_T.OBJECTIVES,),
    "school_break": (_T.OBJECTIVES,),
}.items()}

_WRITE = re.compile(r'^\s*(INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+'
                    r'["`\[]?(\w+)', re.IGNORECASE)


@functools.cache
def _reached(on: str) -> dict[str, frozenset[str]]:
    """For each table, the tables SQLite itself changes when rows of it are deleted (``on`` =
    "delete": ON DELETE CASCADE / SET NULL) or their keys updated ("update": ON UPDATE CASCADE),
    followed through: no statement of ours names them."""
    import models  # noqa: F401  (registers every table)
    from models.base import Base

    children: dict[str, set[str]] = {}
    for table in Base.metadata.tables.values():
        for fk in table.foreign_keys:
            action = (fk.ondelete if on == "delete" else fk.onupdate) or ""
            if action.upper() in ("CASCADE", "SET NULL"):
                children.setdefault(fk.column.table.name, set()).add(table.name)
    reached: dict[str, frozenset[str]] = {}
    for start in Base.metadata.tables:
        seen, todo = {start}, [start]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        reached[start] = frozenset(seen)
    return reached


def topics_of(writes: set[tuple[str, str]] | set[str]) -> frozenset[Topic]:
    """The topics ``writes`` changed: (statement, table) pairs as ``written_tables`` collects them
    ("insert", "update", "delete"), or bare table names (taken as deletes, the widest). Rows
    SQLite's cascades change are counted along; a table this module doesn't know changes every
    topic (better a redraw too many than a view showing what the plan no longer holds)."""
    out: set[Topic] = set()
    for write in writes:
        kind, table = write if isinstance(write, tuple) else ("delete", write)
        tables = {table} if kind == "insert" else _reached(kind).get(table, {table})
        for reached in tables:
            out |= TABLE_TOPICS.get(reached, frozenset(Topic))
    return frozenset(out)


@contextmanager
def written_tables(session: Session) -> Iterator[set[tuple[str, str]]]:
    """(statement, table) for every write sent through ``session`` inside the block (the ORM's
    flushes, bulk statements and raw SQL alike: all reach SQLite as INSERT, UPDATE or DELETE; a
    REPLACE deletes the row it replaces, so it counts as a delete)."""
    tables: set[tuple[str, str]] = set()
    connection = session.connection()

    def seen(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        match = _WRITE.match(statement)
        if match is not None:
            verb = match.group(1).split()[0].lower()
            kind = "insert" if verb == "insert" and "replace" not in match.group(1).lower() else \
                "update" if verb == "update" else "delete"
            tables.add((kind, match.group(2).lower()))

    event.listen(connection, "before_cursor_execute", seen)
    try:
        yield tables
    finally:
        event.remove(connection, "before_cursor_execute", seen)


@dataclass
class Operation:
    """One undoable edit of a plan.

    ``forward(session, memo)`` does the edit and returns what ``backward`` needs to undo it;
    ``backward(session, memo)`` undoes it and returns what ``forward`` needs to redo it (the first
    ``forward`` gets ``None``). ``result`` is what the first forward returned (a new record)."""

    text: str
    forward: Callable[[Session, Any], Any]
    backward: Callable[[Session, Any], Any]
    memo: Any = None
    result: Any = None
    applied_once: bool = field(default=False, init=False)
    # On a district server: the records this step's last direction wrote, at the versions it left
    # them (an undo or redo of it is refused if anyone else wrote them since: record_versions).
    left: dict = field(default_factory=dict, init=False, repr=False)

    def apply(self, plan: PlanFile) -> frozenset[Topic]:
        return self._run(plan, self.forward, step="redo" if self.applied_once else "edit")

    def revert(self, plan: PlanFile) -> frozenset[Topic]:
        return self._run(plan, self.backward, step="undo")

    def _run(self, plan: PlanFile, direction: Callable[[Session, Any], Any], *, step: str) -> frozenset[Topic]:
        seen = plan.seen  # what this planner read and wrote (a plan on a server; a plan file: None)
        with plan.transaction() as session, written_tables(session) as tables, \
                _versions_watched(session, seen, step, self.left) as left:
            memo = direction(session, self.memo)
            session.flush()  # what the commit would write, while the writes are still watched
        self.memo, self.left = memo, left
        if seen is not None:
            seen.wrote(left)
        if not self.applied_once:
            self.applied_once, self.result = True, self.memo
        return topics_of(tables)


@contextmanager
def _versions_watched(session: Session, seen, step: str, step_left: dict) -> Iterator[dict]:
    """Another planner's change to what the edit writes refuses it (``record_versions``); a plan
    file has one editor at a time and nothing to check."""
    if seen is None:
        yield {}
        return
    from services.plan.record_versions import watched

    with watched(session, seen, step=step, step_left=step_left) as left:
        yield left
