"""PDSA cycles (seed 000 step 6, seed 003): Plan the question and the prediction, Do, Study the
data against the prediction, Act (adopt, adapt or abandon). The plan shows which objectives have
had no cycle this school year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import Objective, PdsaCycle
from services import plan_records
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
