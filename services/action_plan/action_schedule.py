"""Scheduling the plan's actions: owner, dates, status, progress, milestones and finish-to-start
dependencies (the Gantt chart's data).

Approved priorities and focus-group proposals arrive as ``planned_action`` rows with an owner and
deadline in words; here they get a person, dates and an objective. A dependency that would make a
loop is refused with the loop named; moving an action so it starts before a predecessor ends, or
so a dependant starts before it ends, is reported so the window can offer to move the dependants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    ActionDependency,
    CandidateAction,
    FeedbackItem,
    Objective,
    PdsaCycle,
    Person,
    PlannedAction,
    PlannedActionGroup,
    School,
)
from services.action_plan.objectives import CHANGE_LEVELS
from services.date_style import for_messages
from services.errors import InvalidInput
from services.plan_records import next_number, values_of
from services.stored_values import choice, whole_number
from services.stored_values import text as stored_text

STATUSES = {"not_started": "Not started", "in_progress": "In progress", "on_hold": "On hold", "done": "Done",
            "dropped": "Dropped"}
CLOSED = ("done", "dropped")


@dataclass(frozen=True)
class ActionRecord:
    id: int
    title: str
    description: str
    objective_id: int | None
    owner_id: int | None
    owner_name: str  # the person's name, or the owner as proposed in words
    start: dt.date | None
    end: dt.date | None
    status: str
    percent_done: int
    milestone: bool
    deadline_text: str
    source_label: str
    predecessor_ids: tuple[int, ...]
    sort_order: int
    candidate_id: int | None = None  # the Priorities tab's candidate it came from, if any
    standard_practice: bool = False  # a PDSA cycle on it ended in "adopt"
    change_level: str = ""  # objectives.CHANGE_LEVELS key: changes the individual or the system ("" not set)
    school_id: int | None = None  # where it happens; None: the whole district
    evidence: str = ""  # what its candidate rested on when approved (or the candidate's, for older plans)
    group_ids: frozenset[int] = frozenset()  # the staff groups it serves, carried from its candidate
    carried_over: bool = False  # unfinished last year and carried into this year's plan

    def late(self, today: dt.date) -> bool:
        """Past its end and neither done nor dropped."""
        return self.status not in CLOSED and self.end is not None and self.end < today

    @property
    def scheduled(self) -> bool:
        return self.start is not None and self.end is not None


def stored_status(value: object) -> str:
    """An action's status read back from the plan: one of ``STATUSES``, or not started for one
    another program wrote (its percent done is read as 0 to 100, or 0)."""
    return choice(value, STATUSES, "not_started")


# The columns an ActionRecord is made of, read as plain rows: making 1,000 ORM objects (each with its
# instance state) took about 100 ms of the window's time at district scale, every time the Action plan
# tab followed an edit; rows of these columns take a fraction of that and hold the same values.
_COLUMNS = (PlannedAction.id, PlannedAction.title, PlannedAction.description, PlannedAction.objective_id,
            PlannedAction.owner_id, PlannedAction.owner, PlannedAction.start_date, PlannedAction.due_date,
            PlannedAction.status, PlannedAction.percent_done, PlannedAction.milestone, PlannedAction.deadline_text,
            PlannedAction.source_label, PlannedAction.sort_order, PlannedAction.candidate_action_id,
            PlannedAction.standard_practice, PlannedAction.change_level, PlannedAction.school_id,
            PlannedAction.evidence, PlannedAction.carried_over)


def _records(session: Session, where=None) -> list[ActionRecord]:
    query = select(*_COLUMNS).order_by(PlannedAction.objective_id.is_(None), PlannedAction.objective_id,
                                       PlannedAction.start_date.is_(None), PlannedAction.start_date,
                                       PlannedAction.sort_order, PlannedAction.id)
    if where is not None:
        query = query.where(where)
    actions = session.execute(query).all()

    def about(query, column, values):
        # Every row when reading the whole plan; only those of the actions read otherwise (an edit reads
        # its action back twice: each read of every candidate's evidence cost it 10-20 ms at district scale).
        return query if where is None else query.where(column.in_({v for v in values if v is not None}))

    people = dict(session.execute(about(select(Person.id, Person.name), Person.id, (a[4] for a in actions))).all())
    sources, evidence = {}, {}
    for candidate_id, label, said in session.execute(about(
            select(CandidateAction.id, CandidateAction.source_label, CandidateAction.evidence), CandidateAction.id,
            (a[14] for a in actions))):
        sources[candidate_id], evidence[candidate_id] = label, said
    schools = set(session.scalars(about(select(School.id), School.id, (a[17] for a in actions))))
    ids = [a[0] for a in actions]
    preds: dict[int, list[int]] = {}
    for p, s in session.execute(about(select(ActionDependency.predecessor_id, ActionDependency.successor_id),
                                      ActionDependency.successor_id, ids)):
        preds.setdefault(s, []).append(p)
    served: dict[int, set[int]] = {}
    for action_id, group_id in session.execute(about(select(PlannedActionGroup.action_id, PlannedActionGroup.group_id),
                                                     PlannedActionGroup.action_id, ids)):
        served.setdefault(action_id, set()).add(group_id)
    records = []
    # Unpacked, not read by name: a row's attributes by name cost more than the rest of the read.
    for (id_, title, description, objective_id, owner_id, owner, start, due, status, percent, milestone, deadline,
         source_label, sort_order, candidate_id, standard, level, school_id, own_evidence, carried) in actions:
        records.append(ActionRecord(
            id_, title, description, objective_id, owner_id, people.get(owner_id, owner) if owner_id else owner,
            start, due, stored_status(status), whole_number(percent, 0, 100) or 0, milestone, deadline,
            _source_label(candidate_id, source_label, sources), tuple(sorted(preds.get(id_, ()))),
            whole_number(sort_order, -2**63, 2**63 - 1) or 0, candidate_id if candidate_id in sources else None,
            standard is True, choice(level, CHANGE_LEVELS, ""), school_id if school_id in schools else None,
            stored_text(own_evidence) or stored_text(evidence.get(candidate_id), ""),
            frozenset(served.get(id_, ())), carried is True))
    return records


def _source_label(candidate_id: int | None, own_label: object, candidate_labels: dict[int, str]) -> str:
    """Where it came from: its candidate's label while the candidate is there, else the label
    carried into the action at approval, else "Added in the plan"."""
    if candidate_id in candidate_labels:
        return stored_text(candidate_labels[candidate_id])
    return stored_text(own_label) or "Added in the plan"


def list_actions(session: Session) -> list[ActionRecord]:
    return _records(session)


def count_actions(session: Session) -> int:
    """How many actions the plan has (a window decides from it how to read them)."""
    return session.scalar(select(func.count()).select_from(PlannedAction)) or 0


def get_action(session: Session, action_id: int) -> ActionRecord:
    found = _records(session, PlannedAction.id == action_id)
    if not found:
        raise InvalidInput("That action no longer exists.")
    return found[0]


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput("An action needs a title.")
    if len(title) > 300:
        raise InvalidInput("An action's title can be at most 300 characters.")
    return title


def _check_dates(start: dt.date | None, end: dt.date | None, milestone: bool) -> tuple[dt.date | None, dt.date | None]:
    if milestone and start is not None and end is None:
        end = start
    if milestone and end is not None and start is None:
        start = end
    if start is not None and end is not None and end < start:
        style = for_messages()
        raise InvalidInput(f"An action can't end ({style.date(end)}) before it starts ({style.date(start)}).")
    if milestone and start != end:
        raise InvalidInput("A milestone is one day: its start and end are the same date.")
    return start, end


def add_action(session: Session, title: str, *, objective_id: int | None = None, owner_id: int | None = None,
               start: dt.date | None = None, end: dt.date | None = None, milestone: bool = False,
               status: str = "not_started", percent_done: int = 0, description: str = "",
               at: dt.datetime | None = None) -> ActionRecord:
    start, end = _check_dates(start, end, milestone)
    action = PlannedAction(title=_clean_title(title), description=description.strip(), objective_id=objective_id,
                           owner_id=owner_id, start_date=start, due_date=end, milestone=milestone, status=status,
                           percent_done=percent_done, sort_order=next_number(session, PlannedAction.sort_order),
                           created_at=at or dt.datetime.now().replace(microsecond=0))
    session.add(action)
    session.flush()
    return get_action(session, action.id)


_EDITABLE = {"title", "description", "objective_id", "owner_id", "start", "end", "status", "percent_done",
             "milestone", "change_level", "school_id"}


def update_action(session: Session, action_id: int, **changes) -> ActionRecord:
    """Change fields (``start``/``end`` are the scheduled dates). Status "done" sets 100%. The action
    as it is now."""
    change_action(session, action_id, **changes)
    return get_action(session, action_id)


def action_value(session: Session, action_id: int, key: str) -> object:
    """One of ``update_action``'s fields of an action, as ``get_action`` gives it (what an edit of that
    field puts back on undo), read without the rest of the record: a cell typed in the Action plan
    read its action whole twice, six queries each (and each query's first use compiled: 30 ms)."""
    action = session.get(PlannedAction, action_id)
    if action is None:
        raise InvalidInput("That action no longer exists.")
    if key not in _EDITABLE:
        raise InvalidInput(f"An action has no field '{key}'.")
    if key in ("start", "end"):
        return action.start_date if key == "start" else action.due_date
    if key == "status":
        return stored_status(action.status)
    if key == "percent_done":
        return whole_number(action.percent_done, 0, 100) or 0
    if key == "change_level":
        return choice(action.change_level, CHANGE_LEVELS, "")
    if key == "school_id":  # a school since removed reads as the whole district, as in the record
        return action.school_id if action.school_id is not None and session.get(School, action.school_id) else None
    return getattr(action, key)


def change_action(session: Session, action_id: int, **changes) -> None:
    """``update_action`` without reading the action back."""
    action = session.get(PlannedAction, action_id)
    if action is None:
        raise InvalidInput("That action no longer exists.")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise InvalidInput(f"An action has no field '{sorted(unknown)[0]}'.")
    start = changes.get("start", action.start_date)
    end = changes.get("end", action.due_date)
    milestone = changes.get("milestone", action.milestone)
    start, end = _check_dates(start, end, milestone)
    if "title" in changes:
        action.title = _clean_title(changes["title"])
    if "description" in changes:
        action.description = str(changes["description"]).strip()
    if "objective_id" in changes:
        if changes["objective_id"] is not None and session.get(Objective, changes["objective_id"]) is None:
            raise InvalidInput("That objective no longer exists.")
        action.objective_id = changes["objective_id"]
    if "owner_id" in changes:
        action.owner_id = changes["owner_id"]
    if "change_level" in changes:
        level = changes["change_level"] or ""
        if level and level not in CHANGE_LEVELS:
            raise InvalidInput(f"What an action changes is one of: {', '.join(CHANGE_LEVELS.values())} (or not set).")
        action.change_level = level
    if "school_id" in changes:
        if changes["school_id"] is not None and session.get(School, changes["school_id"]) is None:
            raise InvalidInput("That school is no longer in the district.")
        action.school_id = changes["school_id"]
    if "status" in changes:
        if changes["status"] not in STATUSES:
            raise InvalidInput(f"Status is one of: {', '.join(STATUSES.values())}.")
        action.status = changes["status"]
        if action.status == "done":
            action.percent_done = 100
    if "percent_done" in changes:
        percent = int(changes["percent_done"])
        if not 0 <= percent <= 100:
            raise InvalidInput("Percent done is between 0 and 100.")
        action.percent_done = percent
        if percent > 0 and action.status == "not_started":
            action.status = "in_progress"
    action.start_date, action.due_date, action.milestone = start, end, milestone
    session.flush()


@dataclass(frozen=True)
class RemovedAction:
    values: dict
    predecessors: tuple[int, ...]
    successors: tuple[int, ...]
    cycles: tuple[dict, ...] = ()  # its PDSA cycles, which the file removes with it
    group_ids: tuple[int, ...] = ()  # the groups it serves, which the file removes with it
    feedback_ids: tuple[int, ...] = ()  # the feedback it answered, which the file unlinks


def remove_action(session: Session, action_id: int) -> RemovedAction:
    action = session.get(PlannedAction, action_id)
    if action is None:
        raise InvalidInput("That action no longer exists.")
    values = {c.key: getattr(action, c.key) for c in PlannedAction.__table__.columns}
    preds = tuple(session.scalars(select(ActionDependency.predecessor_id)
                                  .where(ActionDependency.successor_id == action_id)))
    succs = tuple(session.scalars(select(ActionDependency.successor_id)
                                  .where(ActionDependency.predecessor_id == action_id)))
    cycles = tuple(values_of(c) for c in session.scalars(select(PdsaCycle).where(PdsaCycle.action_id == action_id)))
    groups = tuple(session.scalars(select(PlannedActionGroup.group_id).where(PlannedActionGroup.action_id == action_id)))
    feedback = tuple(session.scalars(select(FeedbackItem.id).where(FeedbackItem.action_id == action_id)))
    session.delete(action)
    session.flush()
    return RemovedAction(values, preds, succs, cycles, groups, feedback)


def restore_action(session: Session, removed: RemovedAction) -> None:
    session.add(PlannedAction(**removed.values))
    session.flush()
    action_id = removed.values["id"]
    for p in removed.predecessors:
        session.add(ActionDependency(predecessor_id=p, successor_id=action_id))
    for s in removed.successors:
        session.add(ActionDependency(predecessor_id=action_id, successor_id=s))
    session.add_all(PdsaCycle(**values) for values in removed.cycles)
    session.add_all(PlannedActionGroup(action_id=action_id, group_id=g) for g in removed.group_ids)
    for item in session.scalars(select(FeedbackItem).where(FeedbackItem.id.in_(removed.feedback_ids))):
        item.action_id = action_id
    session.flush()


# ---- dependencies -------------------------------------------------------------------------------

def _successors(session: Session) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for p, s in session.execute(select(ActionDependency.predecessor_id, ActionDependency.successor_id)):
        out.setdefault(p, []).append(s)
    return out


def _path(graph: dict[int, list[int]], start: int, goal: int) -> list[int] | None:
    """A path from ``start`` to ``goal`` through successors, or None."""
    stack, seen = [(start, [start])], {start}
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def add_dependency(session: Session, predecessor_id: int, successor_id: int) -> None:
    """``successor`` starts after ``predecessor`` ends. Refused if it would make a loop."""
    if predecessor_id == successor_id:
        raise InvalidInput("An action can't depend on itself.")
    titles = dict(session.execute(select(PlannedAction.id, PlannedAction.title)).all())
    if predecessor_id not in titles or successor_id not in titles:
        raise InvalidInput("That action no longer exists.")
    if session.get(ActionDependency, (predecessor_id, successor_id)) is not None:
        return
    loop = _path(_successors(session), successor_id, predecessor_id)
    if loop is not None:
        names = " \u2192 ".join(f"\u201c{titles[i]}\u201d" for i in [predecessor_id, *loop])
        raise InvalidInput(f"That would make a loop: {names}. Remove one of these links first.")
    session.add(ActionDependency(predecessor_id=predecessor_id, successor_id=successor_id))
    session.flush()


def set_predecessors(session: Session, action_id: int, predecessor_ids: Iterable[int]) -> tuple[int, ...]:
    """Replace an action's predecessors (each checked for loops); returns the previous ones, for undo."""
    before = tuple(sorted(session.scalars(select(ActionDependency.predecessor_id)
                                          .where(ActionDependency.successor_id == action_id))))
    session.query(ActionDependency).filter(ActionDependency.successor_id == action_id).delete()
    session.flush()
    for p in sorted(set(predecessor_ids)):
        add_dependency(session, p, action_id)
    return before


@dataclass(frozen=True)
class Conflict:
    predecessor: ActionRecord
    successor: ActionRecord

    def text(self) -> str:
        style = for_messages()
        return (f"\u201c{self.successor.title}\u201d starts {style.month(self.successor.start)} but depends on "
                f"\u201c{self.predecessor.title}\u201d, which ends {style.month(self.predecessor.end)}.")


def conflicts(session: Session, action_ids: Iterable[int] | None = None) -> list[Conflict]:
    """Dependencies where the successor starts on or before its predecessor ends."""
    actions = {a.id: a for a in list_actions(session)}
    wanted = set(action_ids) if action_ids is not None else None
    out = []
    for a in actions.values():
        for p in a.predecessor_ids:
            pred = actions[p]
            if wanted is not None and a.id not in wanted and p not in wanted:
                continue
            if pred.end is not None and a.start is not None and a.start <= pred.end:
                out.append(Conflict(pred, a))
    return out


def move_action(session: Session, action_id: int, start: dt.date, end: dt.date) -> list[Conflict]:
    """Set an action's dates; returns the dependency conflicts the move made (nothing else moves)."""
    update_action(session, action_id, start=start, end=end)
    return conflicts(session, [action_id])


@dataclass(frozen=True)
class MoveEffects:
    """What moving an action to new dates would break, worked out before anything is written, so
    the window can warn and offer to move the dependants along."""

    action: ActionRecord
    dependants: tuple[ActionRecord, ...]  # wait for it, and would start before its new end
    predecessors: tuple[ActionRecord, ...]  # it waits for, and would not have ended by its new start


def move_effects(session: Session, action_id: int, start: dt.date, end: dt.date) -> MoveEffects:
    action = get_action(session, action_id)
    actions = {a.id: a for a in list_actions(session)}
    dependants = tuple(a for a in actions.values()
                       if action_id in a.predecessor_ids and a.start is not None and a.start <= end)
    predecessors = tuple(p for p in (actions[i] for i in action.predecessor_ids) if p.end is not None and start <= p.end)
    return MoveEffects(action, dependants, predecessors)


def shift_dependants(session: Session, action_id: int) -> dict[int, tuple[dt.date, dt.date]]:
    """Move every action that depends on this one (directly or further down) to start the day after
    its latest predecessor ends, keeping its length. Returns the dates before, for undo."""
    graph = _successors(session)
    before: dict[int, tuple[dt.date, dt.date]] = {}
    queue = list(graph.get(action_id, ()))
    while queue:
        succ_id = queue.pop(0)
        succ = get_action(session, succ_id)
        if not succ.scheduled:
            continue
        ends = [get_action(session, p).end for p in succ.predecessor_ids]
        latest = max((e for e in ends if e is not None), default=None)
        if latest is None or succ.start > latest:
            continue
        length = succ.end - succ.start
        new_start = latest + dt.timedelta(days=1)
        before.setdefault(succ_id, (succ.start, succ.end))
        update_action(session, succ_id, start=new_start, end=new_start + length)
        queue.extend(graph.get(succ_id, ()))
    return before


def set_dates(session: Session, dates: dict[int, tuple[dt.date | None, dt.date | None]]) -> None:
    """Put actions back on given dates (undo of a move with its dependants)."""
    for action_id, (start, end) in dates.items():
        update_action(session, action_id, start=start, end=end)
