"""PDSA cycles (seed 000 step 6, seed 003): Plan the question and the prediction, Do, Study the
data against the prediction, Act (adopt, adapt or abandon). The plan shows which objectives have
had no cycle this school year."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models import Objective, PdsaCycle
from services import plan_records
from services.errors import InvalidInput
from services.stored_values import choice

DECISIONS = {"": "Not decided", "adopt": "Adopt", "adapt": "Adapt", "abandon": "Abandon"}
FIELDS = {"title", "objective_id", "action_id", "question", "prediction", "plan_date", "do_notes", "do_date",
          "study_notes", "study_date", "decision", "act_notes", "act_date"}


def list_cycles(session: Session) -> list[dict]:
    """Every cycle, its decision read back as one of ``DECISIONS`` (another program's is not decided)."""
    return [{**c, "decision": choice(c["decision"], DECISIONS, "")} for c in plan_records.list_rows(
        session, PdsaCycle, PdsaCycle.plan_date.is_(None), PdsaCycle.plan_date, PdsaCycle.id)]


def _check(values: dict) -> None:
    if "title" in values and not " ".join(str(values["title"]).split()):
        raise InvalidInput("A PDSA cycle needs a title, such as 'Try a 15-minute break rotation on two routes'.")
    if values.get("decision", "") not in DECISIONS:
        raise InvalidInput(f"Act is one of: {', '.join(v for k, v in DECISIONS.items() if k)}.")
    dates = [values.get(k) for k in ("plan_date", "do_date", "study_date", "act_date")]
    known = [d for d in dates if d is not None]
    if known != sorted(known):
        raise InvalidInput("The dates go in order: Plan, then Do, then Study, then Act.")


def add_cycle(session: Session, title: str, **values) -> dict:
    values = {"title": title, **values}
    _check(values)
    return plan_records.add_row(session, PdsaCycle, **values)


def update_cycle(session: Session, cycle_id: int, **changes) -> dict:
    row = session.get(PdsaCycle, cycle_id)
    if row is None:
        raise InvalidInput("That PDSA cycle no longer exists.")
    _check({**plan_records.values_of(row), **changes})
    return plan_records.update_row(session, PdsaCycle, cycle_id, "PDSA cycle", FIELDS, **changes)


def remove_cycle(session: Session, cycle_id: int) -> dict:
    return plan_records.remove_row(session, PdsaCycle, cycle_id, "PDSA cycle")


def restore_cycle(session: Session, values: dict) -> None:
    plan_records.restore_row(session, PdsaCycle, values)


def stage(cycle: dict) -> str:
    """How far a cycle has got: Plan, Do, Study, Act or Done."""
    if cycle["decision"]:
        return "Done"
    if cycle["study_notes"]:
        return "Act"
    if cycle["do_notes"]:
        return "Study"
    if cycle["question"] or cycle["prediction"]:
        return "Do"
    return "Plan"


def objectives_without_cycle(session: Session, year_start: dt.date | None, year_end: dt.date | None) -> list[str]:
    """Objectives with no cycle planned in the school year (on the objective or one of its actions)."""
    from models import PlannedAction

    action_objective = dict(session.query(PlannedAction.id, PlannedAction.objective_id).all())
    covered = set()
    for c in list_cycles(session):
        when = c["plan_date"] or c["do_date"]
        if year_start and year_end and when is not None and not year_start <= when <= year_end:
            continue
        covered.add(c["objective_id"] or action_objective.get(c["action_id"]))
    return [o.statement for o in session.query(Objective).order_by(Objective.sort_order, Objective.id)
            if o.id not in covered]
