"""The feedback log (seed 000 step 7): what staff, schools, partners and families said back about the
plan, when, from whom and through which channel, and the planned action or communication that
answers it.

"When individuals don't see their feedback being addressed, it can create distrust" (seed 000):
so an item with no answer yet is marked, and the progress update pairs each answered item with
what answers it ("You said ... We did ...") from these links only, never by guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CommunicationItem, FeedbackItem, Person, PlannedAction, PositionGroup
from services import plan_records
from services.action_plan import action_schedule, communications
from services.errors import InvalidInput
from services.pasted_cells import BLANK, folded, tidy
from services.stored_values import text as stored_text

CHANNELS = ("Staff meeting", "Email", "Survey comment", "Suggestion box", "Conversation", "School visit",
            "Focus group", "Union meeting", "Board meeting")
FIELDS = {"received_on", "group_id", "from_text", "channel", "said", "action_id", "communication_id"}
NOT_ANSWERED = "Not answered yet"


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    received_on: dt.date | None
    group_id: int | None  # a staff group it came from, or None (then from_text says who)
    from_text: str  # "Lincoln Elementary", "Parent advisory council", "Community partners"
    channel: str
    said: str
    action_id: int | None  # the planned action that answers it
    communication_id: int | None  # the communication that answers it
    sort_order: int

    @property
    def answered(self) -> bool:
        return self.action_id is not None or self.communication_id is not None

    @property
    def answer_key(self) -> str:
        """What answers it, as one value ("action:7", "communication:3", "" for none) for a table's
        single "Answered by" choice."""
        if self.action_id is not None:
            return f"action:{self.action_id}"
        if self.communication_id is not None:
            return f"communication:{self.communication_id}"
        return ""


def _record(row: FeedbackItem, groups: set[int], actions: set[int], items: set[int]) -> FeedbackRecord:
    # links read defensively: a plan file from elsewhere may point at nothing
    return FeedbackRecord(row.id, row.received_on if isinstance(row.received_on, dt.date) else None,
                          row.group_id if row.group_id in groups else None, stored_text(row.from_text),
                          stored_text(row.channel), stored_text(row.said),
                          row.action_id if row.action_id in actions else None,
                          row.communication_id if row.communication_id in items else None,
                          row.sort_order if isinstance(row.sort_order, int) else 0)


def list_items(session: Session) -> list[FeedbackRecord]:
    """Newest first (what was heard last is what people wait to see answered), undated last."""
    groups = set(session.scalars(select(PositionGroup.id)))
    actions = set(session.scalars(select(PlannedAction.id)))
    items = set(session.scalars(select(CommunicationItem.id)))
    rows = session.scalars(select(FeedbackItem).order_by(FeedbackItem.received_on.is_(None),
                                                         FeedbackItem.received_on.desc(), FeedbackItem.id))
    return [_record(r, groups, actions, items) for r in rows]


def get_item(session: Session, item_id: int) -> FeedbackRecord:
    found = next((r for r in list_items(session) if r.id == item_id), None)
    if found is None:
        raise InvalidInput("That feedback is no longer in the log.")
    return found


def _check(session: Session, values: dict) -> dict:
    said = " ".join(str(values.get("said") or "").split())
    if not said:
        raise InvalidInput("Feedback needs what was said, in a sentence: \u201cThe break schedule still doesn't "
                           "fit route 12.\u201d")
    values["said"] = said
    for key, model, what in (("group_id", PositionGroup, "staff group"), ("action_id", PlannedAction, "action"),
                             ("communication_id", CommunicationItem, "communication")):
        if values.get(key) is not None and session.get(model, values[key]) is None:
            raise InvalidInput(f"That {what} is no longer in the plan.")
    for key in ("from_text", "channel"):
        values[key] = " ".join(str(values.get(key) or "").split())
    if len(values["from_text"]) > 200 or len(values["channel"]) > 60:
        raise InvalidInput("Who it came from can be at most 200 characters, and the channel 60.")
    return values


def add_item(session: Session, said: str, *, received_on: dt.date | None = None, group_id: int | None = None,
             from_text: str = "", channel: str = "", action_id: int | None = None,
             communication_id: int | None = None) -> FeedbackRecord:
    values = _check(session, {"said": said, "received_on": received_on, "group_id": group_id,
                              "from_text": from_text, "channel": channel, "action_id": action_id,
                              "communication_id": communication_id})
    row = plan_records.add_row(session, FeedbackItem, sort_order=plan_records.next_number(
        session, FeedbackItem.sort_order), **values)
    return get_item(session, row["id"])


def update_item(session: Session, item_id: int, **changes) -> FeedbackRecord:
    """Change fields; ``answer`` ("action:7", "communication:3" or "") sets what answers it, one or
    the other."""
    row = session.get(FeedbackItem, item_id)
    if row is None:
        raise InvalidInput("That feedback is no longer in the log.")
    if "answer" in changes:
        changes.update(answer_ids(changes.pop("answer")))
    unknown = set(changes) - FIELDS
    if unknown:
        raise InvalidInput(f"Feedback has no field '{sorted(unknown)[0]}'.")
    values = _check(session, {**plan_records.values_of(row), **changes})
    for key in changes:
        setattr(row, key, values[key])
    session.flush()
    return get_item(session, item_id)


def answer_ids(answer: str | None) -> dict[str, int | None]:
    """``action_id`` and ``communication_id`` for an "Answered by" value ("action:7")."""
    kind, _, number = (answer or "").partition(":")
    if not kind:
        return {"action_id": None, "communication_id": None}
    if kind not in ("action", "communication") or not number.isdigit():
        raise InvalidInput("Feedback is answered by an action or a communication in the plan.")
    return {"action_id": int(number) if kind == "action" else None,
            "communication_id": int(number) if kind == "communication" else None}


def remove_item(session: Session, item_id: int) -> dict:
    """Removes the item; returns its values, which ``restore_item`` puts back (undo)."""
    return plan_records.remove_row(session, FeedbackItem, item_id, "feedback")


def restore_item(session: Session, values: dict) -> None:
    plan_records.restore_row(session, FeedbackItem, values)


def who(record: FeedbackRecord, groups: dict[int, str]) -> str:
    """Who it came from, as the log shows it: the staff group, the words, or both."""
    parts = [groups[record.group_id]] if record.group_id in groups else []
    if record.from_text and record.from_text.casefold() not in (p.casefold() for p in parts):
        parts.append(record.from_text)
    return ", ".join(parts)


# ---- pasted rows ----------------------------------------------------------------------------------

def action_label(title: str) -> str:
    """An action as the "Answered by" cell shows it: its own words first, so typing their start finds it."""
    return f"{title} (action)"


def message_label(message: str, audience: str) -> str:
    return f"{message} (message to {audience.lower()})"


_LABEL_KIND = re.compile(r"\s*\((action|message to [^()]*)\)\s*$", re.IGNORECASE)


def answer_named(session: Session, text: str) -> str:
    """The "Answered by" value a pasted cell names: an action by its title or a communication by its
    message (any case, with or without the "(action)" the table adds); "" for a blank cell."""
    if folded(text) in BLANK or folded(text) == folded(NOT_ANSWERED):
        return ""
    actions = list(session.execute(select(PlannedAction.id, PlannedAction.title).order_by(PlannedAction.id)))
    items = list(session.execute(select(CommunicationItem.id, CommunicationItem.message).order_by(CommunicationItem.id)))
    for wanted in dict.fromkeys((folded(text), folded(_LABEL_KIND.sub("", text)))):  # as typed, then as the table shows
        for action_id, title in actions:
            if folded(title) == wanted:
                return f"action:{action_id}"
        for item_id, message in items:
            if folded(message) == wanted:
                return f"communication:{item_id}"
    raise InvalidInput(f"No action or communication in the plan reads \u201c{tidy(text)}\u201d; leave it empty and "
                       "choose what answers the feedback afterwards.")


def add_pasted(session: Session, values: dict[str, str], received_on: dt.date | None) -> FeedbackRecord:
    """A row pasted from a spreadsheet: a "From" cell naming a staff group is that group, anything
    else is kept in words (a school, a partner, families); the answer by title or message."""
    groups = {folded(name): gid for gid, name in session.execute(select(PositionGroup.id, PositionGroup.name))}
    group_cell, words = tidy(values.get("group_id", "")), tidy(values.get("from_text", ""))
    if folded(group_cell) in BLANK:
        group_cell, words = words, ""  # only "Or from" filled: it may still name a staff group
    group_id = groups.get(folded(group_cell))
    if group_id is None and folded(group_cell) not in BLANK:  # a school, a partner, families: kept in words
        words = ", ".join(w for w in (group_cell, words) if w)
    from_text = "" if folded(words) in BLANK else words
    channel = next((c for c in CHANNELS if folded(c) == folded(values.get("channel", ""))),
                   tidy(values.get("channel", "")))
    return add_item(session, values.get("said", ""), received_on=received_on, group_id=group_id,
                    from_text=from_text, channel=channel,
                    **answer_ids(answer_named(session, values.get("answer", ""))))


# ---- what the progress update prints --------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")
_EMPTY_BRACKETS = re.compile(r"\s*\([\s,;.:]*\)")


_TITLE = r"(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Coach|Principal)\.?\s+)?"
# Parts of an e-mail address too common to say whose it is.
_COMMON_PARTS = {"com", "org", "net", "edu", "gov", "k12", "www", "mail", "email", "example", "school", "schools",
                 "district", "info", "office", "ext"}


def _identifying_parts(name: str, contact: str) -> tuple[list[str], list[str], list[str]]:
    """What gives a person away besides their whole name and contact: each part of the name
    (capitalised, as names are written), the digits of a phone number or extension, and the
    distinctive parts of an e-mail address ("cortiz", "mhchc")."""
    name_parts = [w for w in re.findall(r"[^\W\d_][\w'’-]*", name) if len(w) >= 2]  # "Li", "Wu" too
    digits = [d for d in re.findall(r"\d{3,}", contact)]
    words = [w for w in re.findall(r"[a-z][a-z0-9]{2,}", contact.casefold()) if w not in _COMMON_PARTS and
             "@" in contact]
    return name_parts, digits, words


def without_people(text: str, session: Session) -> str:
    """``text`` without the name or contact of anyone the plan names (People), nor any e-mail address
    or phone number: feedback is typed by the team, but a printed update is public. A name counts
    whole or in part ("Ms. Ortiz", "Kowalski"), a contact however it is written ("ext 5120" for
    "ext. 5120", "cortiz at mhchc dot example")."""
    people = [(stored_text(n).strip(), stored_text(c).strip()) for n, c in session.execute(select(Person.name,
                                                                                                  Person.contact))]
    for name, contact in people:
        for value, instead in ((name, "a colleague"), (contact, "")):
            if len(value) >= 3:
                text = re.sub(re.escape(value), instead, text, flags=re.IGNORECASE)
    for name, contact in people:
        name_parts, digits, words = _identifying_parts(name, contact)
        for part in name_parts:
            text = re.sub(rf"\b{_TITLE}{re.escape(part)}\b", "a colleague", text)
        for run in digits:
            text = re.sub(rf"(?<!\d){re.escape(run)}(?!\d)", "", text)
        for word in words:
            text = re.sub(rf"\b{re.escape(word)}\b", "", text, flags=re.IGNORECASE)
    text = _PHONE.sub("", _EMAIL.sub("", text))
    text = re.sub(r"\ba colleague(?:\s+a colleague)+\b", "a colleague", text)
    text = _EMPTY_BRACKETS.sub("", text)  # what held only a contact: "(ext. 4412, lucia@...)"
    return " ".join(re.sub(r"\s+([,.;:])", r"\1", text).split())


@dataclass(frozen=True)
class SaidAndDone:
    """One "You said, we did" pair: what was heard, and the action or communication linked to it
    (``did`` is "" when nothing answers it yet). ``verb`` says how far the answer has got: "We did"
    (done), "We are doing" (under way), "We plan" (not started yet) or "We told staff" (the message
    sent)."""
    said: str
    did: str
    received_on: dt.date | None
    verb: str = "We did"


def said_and_done(session: Session, today: dt.date, *, school_actions: set[int] | None = None,
                  action_status: dict[int, str] | None = None,
                  stage: dict[int, str] | None = None) -> list[SaidAndDone]:
    """Each item heard by ``today`` paired with what answers it, newest first: the linked action's
    title and how far it has got, or the linked communication once it was sent. Nothing is paired
    by guessing: an item without a link (or whose answer is not sent yet, or was dropped) has ""
    for ``did``. ``school_actions`` keeps only items answered by those actions (a school's update)
    plus items answered by a communication or not at all; ``action_status`` gives each action's
    status in words (else the plan's status label), ``stage`` its status key as of ``today`` (else
    the plan's), which chooses "We did", "We are doing" or "We plan"."""
    actions = {a.id: a for a in action_schedule.list_actions(session)}
    items = {c.id: c for c in communications.list_items(session)}
    out = []
    for record in list_items(session):
        if record.received_on is not None and record.received_on > today:
            continue
        if school_actions is not None and record.action_id is not None and record.action_id not in school_actions:
            continue
        did, verb = "", "We did"
        if record.action_id is not None:
            a = actions[record.action_id]
            if a.status != "dropped":
                status = (action_status or {}).get(a.id) or action_schedule.STATUSES[a.status].lower()
                did = f"{a.title} ({status})."
                verb = {"done": "We did", "in_progress": "We are doing"}.get((stage or {}).get(a.id, a.status),
                                                                              "We plan")
        elif record.communication_id is not None:
            c = items[record.communication_id]
            if c.done or (c.send_on is not None and c.send_on <= today):
                did = c.message + ("" if c.message.endswith((".", "!", "?")) else ".")
                verb = f"We told {c.audience.lower() if c.audience != c.audience.upper() else c.audience}"
        out.append(SaidAndDone(without_people(record.said, session), without_people(did, session),
                               record.received_on, verb))
    return out
