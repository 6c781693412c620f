"""PDSA cycles (seed 000 step 6, seed 003): Plan the question and the prediction, Do, Study the
data against the prediction, Act (adopt, adapt or abandon). The plan shows which objectives have
had no cycle this school year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import Objective, PdsaCycle, PlannedAction
from services import plan_records
from services.date_style import for_messages
from services.errors import InvalidInput
from services.stored_values import choice

DECISIONS = {"": "Not decided", "adopt": "Adopt", "adapt": "Adapt", "abandon": "Abandon"}
FIELDS = {"title", "objective_id", "action_id", "question", "prediction", "plan_date", "do_notes", "do_date",
          "study_notes", "study_date", "decision", "act_notes", "act_date"}


@dataclass(frozen=True)
class CycleRecord:
    id: int
    objective_id: int | None
    action_id: int | None
    title: str
    question: str
    prediction: str
    plan_date: dt.date | None
    do_notes: str
    do_date: dt.date | None
    study_notes: str
    study_date: dt.date | None
    decision: str
    act_notes: str
    act_date: dt.date | None
    follow_up_cycle_id: int | None = None  # the next cycle an "adapt" opened
    revised_action_id: int | None = None  # the revised action an "adapt" opened

    @property
    def stage(self) -> str:
        """How far the cycle has got: Plan, Do, Study, Act or Done."""
        if self.decision:
            return "Done"
        if self.study_notes:
            return "Act"
        if self.do_notes:
            return "Study"
        if self.question or self.prediction:
            return "Do"
        return "Plan"


def _record(values: dict) -> CycleRecord:
    """A cycle's row, its decision read back as one of ``DECISIONS`` (another program's is not decided)."""
    return CycleRecord(**{**values, "decision": choice(values["decision"], DECISIONS, "")})


def list_cycles(session: Session) -> list[CycleRecord]:
    return [_record(c) for c in plan_records.list_rows(session, PdsaCycle, PdsaCycle.plan_date.is_(None),
                                                        PdsaCycle.plan_date, PdsaCycle.id)]


def _check(values: dict) -> None:
    if "title" in values and not " ".join(str(values["title"]).split()):
        raise InvalidInput("A PDSA cycle needs a title, such as 'Try a 15-minute break rotation on two routes'.")
    if values.get("decision", "") not in DECISIONS:
        raise InvalidInput(f"Act is one of: {', '.join(v for k, v in DECISIONS.items() if k)}.")
    dates = [values.get(k) for k in ("plan_date", "do_date", "study_date", "act_date")]
    known = [d for d in dates if d is not None]
    if known != sorted(known):
        raise InvalidInput("The dates go in order: Plan, then Do, then Study, then Act.")


def add_cycle(session: Session, title: str, **values) -> CycleRecord:
    values = {"title": title, **values}
    _check(values)
    return _record(plan_records.add_row(session, PdsaCycle, **values))


def update_cycle(session: Session, cycle_id: int, **changes) -> CycleRecord:
    row = session.get(PdsaCycle, cycle_id)
    if row is None:
        raise InvalidInput("That PDSA cycle no longer exists.")
    _check({**plan_records.values_of(row), **changes})
    return _record(plan_records.update_row(session, PdsaCycle, cycle_id, "PDSA cycle", FIELDS, **changes))


def remove_cycle(session: Session, cycle_id: int) -> dict:
    """Removes the cycle; returns its values, which ``restore_cycle`` puts back (undo)."""
    return plan_records.remove_row(session, PdsaCycle, cycle_id, "PDSA cycle")


def restore_cycle(session: Session, values: dict) -> None:
    plan_records.restore_row(session, PdsaCycle, values)


def objectives_without_cycle(session: Session, year_start: dt.date | None, year_end: dt.date | None) -> list[str]:
    """Objectives with no cycle planned in the school year (on the objective or one of its actions)."""
    from models import PlannedAction

    action_objective = dict(session.query(PlannedAction.id, PlannedAction.objective_id).all())
    covered = set()
    for c in list_cycles(session):
        when = c.plan_date or c.do_date
        if year_start and year_end and when is not None and not year_start <= when <= year_end:
            continue
        covered.add(c.objective_id or action_objective.get(c.action_id))
    return [o.statement for o in session.query(Objective).order_by(Objective.sort_order, Objective.id)
            if o.id not in covered]


# The Act decision changes the plan (seed 000 step 6: decide whether strategies are revised or new
# ones introduced; seed 003: build on what worked, change what struggled, stop what failed).
ADAPT_WITH = {"cycle": "a next cycle", "action": "a revised action"}


@dataclass(frozen=True)
class ActMemo:
    """What ``act_on`` changed, for ``undo_act`` to put back."""

    cycle: dict
    action: dict | None  # the tested action's status, end and standard practice before
    opened_cycle: int | None
    opened_action: int | None


def act_on(session: Session, cycle_id: int, decision: str, adapt_with: str = "cycle",
           on: dt.date | None = None) -> tuple[ActMemo, list[str]]:
    """Record the Act decision of an undecided cycle and make it act on the plan; returns what
    ``undo_act`` needs and a sentence for each change:

    - abandon: the action the cycle tested is dropped; if it was under way, it ends on the decision's day;
    - adapt: a next cycle on the same action or objective, or a revised copy of the action (undated,
      not started), opens with the learning (the Act notes) written into it;
    - adopt: the action is marked as the district's standard practice.

    A cycle on an objective has no one action to change: abandon and adopt are recorded only, and
    adapt opens a next cycle. The day is the cycle's Act date, or ``on`` (today) when it has none,
    moved to its Study date if that is later."""
    row = session.get(PdsaCycle, cycle_id)
    if row is None:
        raise InvalidInput("That PDSA cycle no longer exists.")
    if decision not in DECISIONS or not decision:
        raise InvalidInput(f"Act is one of: {', '.join(v for k, v in DECISIONS.items() if k)}.")
    if choice(row.decision, DECISIONS, ""):
        raise InvalidInput(f"\u201c{row.title}\u201d was already decided ({DECISIONS[choice(row.decision, DECISIONS, '')]}) "
                           "and that changed the plan; Undo takes it back, or start a new cycle.")
    if adapt_with not in ADAPT_WITH:
        raise InvalidInput(f"An adapted cycle opens {' or '.join(ADAPT_WITH.values())}.")
    # The decision's day: its Act date, or today, but never before the stages it follows.
    earlier = [d for d in (row.plan_date, row.do_date, row.study_date) if d is not None]
    day = row.act_date or max([on or dt.date.today(), *earlier])
    before = plan_records.values_of(row)
    action = session.get(PlannedAction, row.action_id) if row.action_id is not None else None
    action_before = ({"status": action.status, "due_date": action.due_date,
                      "standard_practice": action.standard_practice} if action is not None else None)
    _check({**before, "decision": decision, "act_date": day})
    row.decision, row.act_date = decision, day
    said: list[str] = []
    opened_cycle = opened_action = None
    style = for_messages()
    learning = " ".join((row.act_notes or row.study_notes or "").split())
    if decision == "abandon" and action is not None:
        action.status = "dropped"
        said.append(f"\u201c{action.title}\u201d is dropped from the plan.")
        if action.start_date is not None and action.start_date <= day and (action.due_date is None or action.due_date > day):
            action.due_date = day
            said[-1] = f"\u201c{action.title}\u201d is dropped from the plan; it ran until {style.date(day)}."
    elif decision == "adopt" and action is not None:
        action.standard_practice = True
        said.append(f"\u201c{action.title}\u201d is now the district's standard practice.")
    elif decision == "adapt" and adapt_with == "action" and action is not None:
        revised = PlannedAction(
            title=f"{action.title} (revised)"[:300], description="\n\n".join(
                t for t in (action.description, f"Revised after the PDSA cycle \u201c{row.title}\u201d: {learning}"
                            if learning else f"Revised after the PDSA cycle \u201c{row.title}\u201d.") if t),
            owner=action.owner, owner_id=action.owner_id, objective_id=action.objective_id,
            status="not_started", created_at=dt.datetime.now(), sort_order=action.sort_order)
        session.add(revised)
        session.flush()
        row.revised_action_id = opened_action = revised.id
        said.append(f"A revised action, \u201c{revised.title}\u201d, is added to the plan, undated.")
    elif decision == "adapt":
        follow = PdsaCycle(objective_id=row.objective_id, action_id=row.action_id,
                           title=f"{row.title} (adapted)"[:300], question=learning or row.question, prediction="",
                           plan_date=day, do_notes="", study_notes="", decision="", act_notes="")
        session.add(follow)
        session.flush()
        row.follow_up_cycle_id = opened_cycle = follow.id
        said.append(f"A next cycle, \u201c{follow.title}\u201d, is planned from {style.date(day)} with what was learned.")
    else:
        said.append("The decision is recorded; a cycle on an objective changes no one action.")
    session.flush()
    return ActMemo(before, action_before, opened_cycle, opened_action), said


def undo_act(session: Session, memo: ActMemo) -> None:
    """Put back what ``act_on`` changed: the cycle as it was, the tested action's status, end and
    standard practice, and no cycle or action opened."""
    row = session.get(PdsaCycle, memo.cycle["id"])
    if row is not None:
        for key in ("decision", "act_date", "follow_up_cycle_id", "revised_action_id"):
            setattr(row, key, memo.cycle[key])
    if memo.action is not None and row is not None and row.action_id is not None:
        action = session.get(PlannedAction, row.action_id)
        if action is not None:
            action.status, action.due_date = memo.action["status"], memo.action["due_date"]
            action.standard_practice = memo.action["standard_practice"]
    for model, opened in ((PdsaCycle, memo.opened_cycle), (PlannedAction, memo.opened_action)):
        if opened is not None and (found := session.get(model, opened)) is not None:
            session.delete(found)
    session.flush()


def what_it_changed(cycle: CycleRecord, titles: dict[int, str], cycle_titles: dict[int, str]) -> str:
    """What a cycle's decision did, in words for its row: "Next cycle: …", "Revised action: …",
    "Dropped: …", "Standard practice: …"."""
    if cycle.follow_up_cycle_id is not None and cycle.follow_up_cycle_id in cycle_titles:
        return f"Next cycle: {cycle_titles[cycle.follow_up_cycle_id]}"
    if cycle.revised_action_id is not None and cycle.revised_action_id in titles:
        return f"Revised action: {titles[cycle.revised_action_id]}"
    tested = titles.get(cycle.action_id) if cycle.action_id is not None else None
    if tested and cycle.decision in ("abandon", "adopt"):
        return f"{'Dropped' if cycle.decision == 'abandon' else 'Standard practice'}: {tested}"
    return ""
