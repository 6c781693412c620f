"""Plain rows of the action plan (PDSA cycles, communication items, school breaks): list, add,
update, remove and put back, with one set of checks, so each kind's service only states its rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.errors import InvalidInput


def values_of(row) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


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
