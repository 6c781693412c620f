"""Plain rows of the action plan (PDSA cycles, communication items, school breaks): list, add,
update, remove and put back, with one set of checks, so each kind's service only states its rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import cast, func, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from models.types import WholeNumber
from services.errors import InvalidInput


def count_where(session: Session, column, value: Any, *where) -> int:
    """How many rows of ``column``'s table hold ``value`` in it (and meet ``where``): what a removal's
    question counts ("2 actions she owns")."""
    return session.scalar(select(func.count()).select_from(column.class_).where(column == value, *where)) or 0


def counted_sentences(session: Session, value: Any, rules) -> list[str]:
    """The lines of a removal's question: for each ``(column, sentence)`` rule (or ``(column, sentence,
    condition)``) whose column holds ``value`` in some rows, ``sentence(how many)``, in the rules' order."""
    lines = []
    for column, sentence, *where in rules:
        n = count_where(session, column, value, *where)
        if n:
            lines.append(sentence(n))
    return lines


def next_number(session: Session, column, *where) -> int:
    """One more than the highest whole number stored in ``column`` (where ``where`` holds): the next
    sort order, or a new wave's id. Each value is compared as a whole number, so text or a fraction
    another program wrote counts as 0 instead of failing the addition (SQLite ranks text above any
    number), and the result stays within SQLite's integers."""
    last = session.scalar(select(func.max(cast(column, WholeNumber))).where(*where)) or 0
    return min(last, 2**62) + 1


def values_of(row) -> dict[str, Any]:
    """A row's values as its record shows them: not its ``row_version``, which is the plan's
    bookkeeping (a row put back by undo starts again at version 1)."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key != "row_version"}


def written_with_links(record) -> None:
    """A record whose list of links (staff groups, people...) is being replaced is written with it,
    as it is: its version is counted, so on a district server a planner who saves the list after
    another planner changed it is refused (``services.plan.record_versions``) rather than silently
    undoing the other's change. In a plan file only the version moves."""
    column = next(c for c in inspect(record).mapper.column_attrs
                  if c.key != "row_version" and not any(col.primary_key for col in c.columns))
    flag_modified(record, column.key)


def list_rows(session: Session, model, *order) -> list[dict[str, Any]]:
    return [values_of(r) for r in session.scalars(select(model).order_by(*order))]


def add_row(session: Session, model, **values) -> dict[str, Any]:
    row = model(**values)
    session.add(row)
    session.flush()
    return values_of(row)


def update_row(session: Session, model, row_id: int, what: str, allowed: set[str], **changes) -> dict[str, Any]:
    row = session.get(model, row_id)
    if row is None:
        raise InvalidInput(f"That {what} no longer exists.")
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(f"A {what} has no field '{sorted(unknown)[0]}'.")
    for key, value in changes.items():
        setattr(row, key, value.strip() if isinstance(value, str) else value)
    session.flush()
    return values_of(row)


def remove_row(session: Session, model, row_id: int, what: str) -> dict[str, Any]:
    row = session.get(model, row_id)
    if row is None:
        raise InvalidInput(f"That {what} no longer exists.")
    values = values_of(row)
    session.delete(row)
    session.flush()
    return values


def restore_row(session: Session, model, values: dict[str, Any]) -> None:
    session.add(model(**values))
    session.flush()
