"""The communication plan (seed 000 step 7, seed 003): who hears what, through which channel, when
and from whom, and the celebrations of successes, small early ones included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CommunicationItem, FeedbackItem
from services import plan_records
from services.errors import InvalidInput

AUDIENCES = ("Staff", "Leaders", "Families", "Students", "Board", "Community partners")
CHANNELS = ("Staff meeting", "Newsletter", "Website", "Social media", "Email", "Board meeting", "Assembly")
FIELDS = {"audience", "message", "channel", "send_on", "owner_id", "done", "celebration", "on_gantt"}


@dataclass(frozen=True)
class CommunicationRecord:
    id: int
    audience: str
    message: str
    channel: str
    send_on: dt.date | None
    owner_id: int | None
    done: bool
    celebration: bool
    on_gantt: bool


def list_items(session: Session) -> list[CommunicationRecord]:
    return [CommunicationRecord(**i) for i in plan_records.list_rows(
        session, CommunicationItem, CommunicationItem.send_on.is_(None), CommunicationItem.send_on,
        CommunicationItem.id)]


def _check(values: dict) -> None:
    if not " ".join(str(values.get("message", "")).split()):
        raise InvalidInput("A communication needs a message: what do you want them to know?")
    if not str(values.get("audience", "")).strip():
        raise InvalidInput("A communication needs an audience (staff, leaders, families, ...).")
    if not str(values.get("channel", "")).strip():
        raise InvalidInput("A communication needs a channel (staff meeting, newsletter, ...).")


def add_item(session: Session, audience: str, message: str, channel: str, send_on: dt.date | None = None,
             **values) -> CommunicationRecord:
    values = {"audience": audience, "message": message, "channel": channel, "send_on": send_on, **values}
    _check(values)
    return CommunicationRecord(**plan_records.add_row(session, CommunicationItem, **values))


def update_item(session: Session, item_id: int, **changes) -> CommunicationRecord:
    row = session.get(CommunicationItem, item_id)
    if row is None:
        raise InvalidInput("That communication no longer exists.")
    _check({**plan_records.values_of(row), **changes})
    return CommunicationRecord(**plan_records.update_row(session, CommunicationItem, item_id, "communication", FIELDS,
                                                         **changes))


def remove_item(session: Session, item_id: int) -> dict:
    """Removes the item; returns its values and the feedback it answered (which the file unlinks),
    which ``restore_item`` puts back (undo)."""
    answered = tuple(session.scalars(select(FeedbackItem.id).where(FeedbackItem.communication_id == item_id)))
    return {**plan_records.remove_row(session, CommunicationItem, item_id, "communication"), "answered": answered}


def restore_item(session: Session, values: dict) -> None:
    values = dict(values)
    answered = values.pop("answered", ())
    plan_records.restore_row(session, CommunicationItem, values)
    for item in session.scalars(select(FeedbackItem).where(FeedbackItem.id.in_(answered))):
        item.communication_id = values["id"]
    session.flush()
