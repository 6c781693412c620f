"""Readiness rounds: who answered (by code), what they answered, and notes on each item.

A round is an instrument given on a date, with a label ("Fall 2026"). Respondents are never
named: a code, their position group, school and tenure band and whether they sit on the planning
team are all the plan keeps (the results compare groups and the team; school and tenure say whom
nobody spoke for). Every change returns what undo needs to put it back.

Long because each edit has its undo beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    PositionGroup,
    ReadinessAnswer,
    ReadinessInstrument,
    ReadinessRespondent,
    ReadinessRound,
    ReadinessRoundItem,
    School,
)
from models.instrument import Instrument
from services.errors import InvalidInput
from services.pasted_cells import pick, yes_or_no
from services.plan_records import counted_sentences
from services.readiness import instruments
from services.stored_values import text as stored_text
from services.stored_values import whole_number
from services.team.team_roster import TENURE_BANDS
from services.wording import counted

CODE_PREFIX = "R"
MAX_RESPONDENTS = 500
_UNCHANGED = object()  # "leave this field as it is", where None is a real value


@dataclass(frozen=True)
class RoundRecord:
    id: int
    instrument_key: str
    instrument_title: str
    label: str
    given_on: dt.date
    notes: str
    respondent_count: int


@dataclass(frozen=True)
class RespondentRecord:
    id: int
    round_id: int
    code: str
    position_group_id: int | None
    position_group: str  # its name, or "" when not recorded
    on_team: bool
    sort_order: int
    school_id: int | None = None
    tenure_band: str = ""


@dataclass
class RoundData:
    """Everything the answer grid and the results read, in one go."""

    round: RoundRecord
    instrument: Instrument
    respondents: list[RespondentRecord]
    answers: dict[tuple[int, str], int] = field(default_factory=dict)  # (respondent id, item key) -> value
    notes: dict[str, str] = field(default_factory=dict)  # item key -> notes

    def answer(self, respondent_id: int, item_key: str) -> int | None:
        return self.answers.get((respondent_id, item_key))

    def answered_count(self, respondent_id: int) -> int:
        return sum(1 for (rid, _key) in self.answers if rid == respondent_id)


@dataclass(frozen=True)
class RespondentSnapshot:
    record: RespondentRecord
    answers: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class RoundSnapshot:
    """A deleted round, whole, so undo can restore it with the same ids."""

    id: int
    instrument_id: int
    label: str
    given_on: dt.date
    notes: str
    created_at: dt.datetime
    respondents: tuple[RespondentSnapshot, ...]
    items: tuple[tuple[int, str, str], ...]  # (round item id, item key, notes)


# ---- rounds -----------------------------------------------------------------------------------

def _round_record(session: Session, r: ReadinessRound) -> RoundRecord:
    inst = session.get(ReadinessInstrument, r.instrument_id)
    count = session.scalar(select(func.count()).select_from(ReadinessRespondent)
                           .where(ReadinessRespondent.round_id == r.id))
    return RoundRecord(r.id, inst.key, inst.title, r.label, r.given_on, r.notes, count or 0)


def _get_round(session: Session, round_id: int) -> ReadinessRound:
    r = session.get(ReadinessRound, round_id)
    if r is None:
        raise InvalidInput("That readiness round is no longer in the plan.")
    return r


def _round_rows():
    """Each round's ``RoundRecord`` fields, its instrument and count of respondents joined in: one
    query, where a query per round and two more for each were most of the Readiness tab's first
    build (each new statement is compiled on its first use)."""
    respondents = (select(func.count()).select_from(ReadinessRespondent)
                   .where(ReadinessRespondent.round_id == ReadinessRound.id).scalar_subquery())
    return (select(ReadinessRound.id, ReadinessInstrument.key, ReadinessInstrument.title, ReadinessRound.label,
                   ReadinessRound.given_on, ReadinessRound.notes, respondents)
            .join(ReadinessInstrument, ReadinessInstrument.id == ReadinessRound.instrument_id))


def list_rounds(session: Session) -> list[RoundRecord]:
    """Newest first: the round a team is working on is usually the latest."""
    rows = session.execute(_round_rows().order_by(ReadinessRound.given_on.desc(), ReadinessRound.id.desc()))
    return [RoundRecord(*row[:6], row[6] or 0) for row in rows]


def get_round(session: Session, round_id: int) -> RoundRecord:
    return _round_record(session, _get_round(session, round_id))


def find_round(session: Session, label: str, instrument_key: str | None = None) -> RoundRecord:
    """The round with this label (case ignored); ambiguous or unknown labels are explained."""
    wanted = label.strip().casefold()
    matches = [r for r in list_rounds(session) if r.label.casefold() == wanted
               and (instrument_key is None or r.instrument_key == instrument_key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = "; ".join(f"{r.label} ({r.instrument_key})" for r in list_rounds(session)) or "none yet"
        raise InvalidInput(f"There is no readiness round '{label}'. Rounds: {known}.")
    raise InvalidInput(f"More than one round is called '{label}' ({', '.join(r.instrument_key for r in matches)}); "
                       "name the instrument too.")


def _clean_label(label: str) -> str:
    label = (label or "").strip()
    if not label:
        raise InvalidInput("A round needs a label, such as 'Fall 2026'.")
    if len(label) > 120:
        raise InvalidInput("A round's label can be at most 120 characters.")
    return label


def _refuse_duplicate_label(session: Session, instrument_id: int, label: str, except_id: int | None = None) -> None:
    clash = session.scalar(select(ReadinessRound).where(
        ReadinessRound.instrument_id == instrument_id, func.lower(ReadinessRound.label) == label.casefold(),
        ReadinessRound.id != (except_id or -1)))
    if clash is not None:
        raise InvalidInput(f"This instrument already has a round called '{label}'.")


def create_round(
    session: Session,
    instrument_key: str,
    label: str,
    given_on: dt.date,
    *,
    respondents: int = 0,
    notes: str = "",
    at: dt.datetime | None = None,
) -> RoundRecord:
    """Start a round; ``respondents`` blank codes (R01, R02...) are made ready for paper forms."""
    label = _clean_label(label)
    if not 0 <= respondents <= MAX_RESPONDENTS:
        raise InvalidInput(f"A round can have at most {MAX_RESPONDENTS} respondents.")
    instrument_id = instruments.ensure_stored(session, instrument_key, at=at)
    _refuse_duplicate_label(session, instrument_id, label)
    r = ReadinessRound(instrument_id=instrument_id, label=label, given_on=given_on, notes=notes.strip(),
                       created_at=at or dt.datetime.now().replace(microsecond=0))
    session.add(r)
    session.flush()
    for _ in range(respondents):
        add_respondent(session, r.id)
    return _round_record(session, r)


def update_round(session: Session, round_id: int, *, label: str | None = None, given_on: dt.date | None = None,
                 notes: str | None = None) -> RoundRecord:
    r = _get_round(session, round_id)
    if label is not None:
        label = _clean_label(label)
        _refuse_duplicate_label(session, r.instrument_id, label, except_id=r.id)
        r.label = label
    if given_on is not None:
        r.given_on = given_on
    if notes is not None:
        r.notes = notes.strip()
    session.flush()
    return _round_record(session, r)


def what_goes_with_round(session: Session, round_id: int) -> list[str]:
    """What else goes if this round is deleted, each a sentence; empty when nothing was recorded."""
    _get_round(session, round_id)
    people = session.scalar(select(func.count()).select_from(ReadinessRespondent)
                            .where(ReadinessRespondent.round_id == round_id)) or 0
    answers = session.scalar(select(func.count()).select_from(ReadinessAnswer).join(ReadinessRespondent)
                             .where(ReadinessRespondent.round_id == round_id)) or 0
    notes = session.scalar(select(func.count()).select_from(ReadinessRoundItem)
                           .where(ReadinessRoundItem.round_id == round_id, ReadinessRoundItem.notes != "")) or 0
    said = []
    if people:
        said.append(f"Its {counted(people, 'respondent')} {'goes' if people == 1 else 'go'} with it"
                    + (f", with their {counted(answers, 'answer')}." if answers else "."))
    if notes:
        said.append(f"The discussion notes on {counted(notes, 'item')} go with it.")
    return said


def what_goes_with_respondent(session: Session, respondent_id: int) -> list[str]:
    """What goes with a respondent: their answers, in a sentence; empty when they answered nothing."""
    p = session.get(ReadinessRespondent, respondent_id)
    if p is None:
        raise InvalidInput("That respondent is no longer in the round.")
    return counted_sentences(session, respondent_id, (
        (ReadinessAnswer.respondent_id, lambda n: f"{p.code}'s {counted(n, 'answer')} {'goes' if n == 1 else 'go'} "
                                                  "with them."),))


def delete_round(session: Session, round_id: int) -> RoundSnapshot:
    r = _get_round(session, round_id)
    respondents = tuple(
        RespondentSnapshot(_respondent_record(session, p), tuple(
            (a.item_key, a.value) for a in session.scalars(
                select(ReadinessAnswer).where(ReadinessAnswer.respondent_id == p.id)))
        ) for p in _respondent_rows(session, round_id))
    items = tuple((i.id, i.item_key, i.notes) for i in session.scalars(
        select(ReadinessRoundItem).where(ReadinessRoundItem.round_id == round_id)))
    snapshot = RoundSnapshot(r.id, r.instrument_id, r.label, r.given_on, r.notes, r.created_at, respondents, items)
    session.delete(r)
    session.flush()
    return snapshot


def restore_round(session: Session, snapshot: RoundSnapshot) -> None:
    session.add(ReadinessRound(id=snapshot.id, instrument_id=snapshot.instrument_id, label=snapshot.label,
                               given_on=snapshot.given_on, notes=snapshot.notes, created_at=snapshot.created_at))
    session.flush()
    for respondent in snapshot.respondents:
        restore_respondent(session, respondent)
    for item_id, key, notes in snapshot.items:
        session.add(ReadinessRoundItem(id=item_id, round_id=snapshot.id, item_key=key, notes=notes))
    session.flush()


def previous_round(session: Session, round_id: int) -> RoundRecord | None:
    """The latest earlier round of the same instrument: what "change since last time" compares to."""
    r = _get_round(session, round_id)
    earlier = session.scalar(
        select(ReadinessRound).where(ReadinessRound.instrument_id == r.instrument_id, ReadinessRound.id != r.id,
                                     (ReadinessRound.given_on < r.given_on)
                                     | ((ReadinessRound.given_on == r.given_on) & (ReadinessRound.id < r.id)))
        .order_by(ReadinessRound.given_on.desc(), ReadinessRound.id.desc()).limit(1))
    return _round_record(session, earlier) if earlier else None


# ---- respondents ------------------------------------------------------------------------------

def _respondent_rows(session: Session, round_id: int) -> list[ReadinessRespondent]:
    return list(session.scalars(select(ReadinessRespondent).where(ReadinessRespondent.round_id == round_id)
                                .order_by(ReadinessRespondent.sort_order, ReadinessRespondent.id)))


def _respondent_record(session: Session, p: ReadinessRespondent) -> RespondentRecord:
    group = session.get(PositionGroup, p.position_group_id) if p.position_group_id else None
    return _respondent(p.id, p.round_id, p.code, p.position_group_id, group.name if group else "", p.on_team,
                       p.sort_order, p.school_id, p.tenure_band)


def _respondent(id_: int, round_id: int, code: str, group_id: int | None, group: str | None, on_team: bool,
                sort_order: int, school_id: int | None, tenure_band: object) -> RespondentRecord:
    band = stored_text(tenure_band)
    return RespondentRecord(id_, round_id, code, group_id, group or "", on_team, sort_order, school_id=school_id,
                            tenure_band=band if band in TENURE_BANDS else "")


def list_respondents(session: Session, round_id: int) -> list[RespondentRecord]:
    """In the round's order; one query with the groups' names joined in (not one per respondent:
    a round of 500 is read each time a round is selected)."""
    p = ReadinessRespondent
    rows = session.execute(
        select(p.id, p.round_id, p.code, p.position_group_id, PositionGroup.name, p.on_team, p.sort_order,
               p.school_id, p.tenure_band)
        .outerjoin(PositionGroup, PositionGroup.id == p.position_group_id)
        .where(p.round_id == round_id).order_by(p.sort_order, p.id))
    return [_respondent(*row) for row in rows]


def _next_code(existing: set[str]) -> str:
    numbers = [int(m.group(1)) for c in existing if (m := re.fullmatch(rf"{CODE_PREFIX}(\d+)", c))]
    n = max(numbers, default=0) + 1
    return f"{CODE_PREFIX}{n:02d}"


def _clean_code(code: str) -> str:
    code = (code or "").strip()
    if not code:
        raise InvalidInput("A respondent needs a code, such as R07.")
    if len(code) > 40:
        raise InvalidInput("A respondent code can be at most 40 characters.")
    if "@" in code:  # codes, never names or email addresses
        raise InvalidInput("Use a code for a respondent, not an email address.")
    return code


def _check_described(session: Session, position_group_id: object, school_id: object, tenure_band: object) -> None:
    if position_group_id not in (None, _UNCHANGED) and session.get(PositionGroup, position_group_id) is None:
        raise InvalidInput("That position group is no longer in the plan.")
    if school_id not in (None, _UNCHANGED) and session.get(School, school_id) is None:
        raise InvalidInput("That school is no longer in the plan.")
    if tenure_band not in (None, "", _UNCHANGED) and tenure_band not in TENURE_BANDS:
        raise InvalidInput(f"Tenure must be one of: {', '.join(TENURE_BANDS)}.")


def add_respondent(session: Session, round_id: int, code: str | None = None, *,
                   position_group_id: int | None = None, on_team: bool = False, school_id: int | None = None,
                   tenure_band: str = "") -> RespondentRecord:
    _get_round(session, round_id)
    _check_described(session, position_group_id, school_id, tenure_band)
    rows = _respondent_rows(session, round_id)
    if len(rows) >= MAX_RESPONDENTS:
        raise InvalidInput(f"A round can have at most {MAX_RESPONDENTS} respondents.")
    existing = {p.code for p in rows}
    code = _clean_code(code) if code else _next_code(existing)
    clash = next((c for c in existing if c.casefold() == code.casefold()), None)
    if clash is not None:
        raise InvalidInput(f"This round already has a respondent {clash}.")
    p = ReadinessRespondent(round_id=round_id, code=code, position_group_id=position_group_id, on_team=on_team,
                            school_id=school_id, tenure_band=tenure_band or "",
                            sort_order=max((r.sort_order for r in rows), default=0) + 1)
    session.add(p)
    session.flush()
    return _respondent_record(session, p)


def add_pasted_respondent(session: Session, round_id: int, values: dict[str, str]) -> RespondentRecord:
    """A row pasted from a spreadsheet ({"code", "position_group_id", "school_id", "tenure_band",
    "on_team"} as the respondents table shows them) as a respondent: the group, school and tenure by
    their names, the team as Yes or No, any case."""
    groups = session.execute(select(PositionGroup.id, PositionGroup.name))
    group_id = pick(values.get("position_group_id"), groups, "{text} is not one of the plan's position groups.")
    schools = session.execute(select(School.id, School.name))
    school_id = pick(values.get("school_id"), schools, "{text} is not one of the plan's schools or sites.")
    band = pick(values.get("tenure_band"), ((b, b) for b in TENURE_BANDS),
                f"{{text}} is not a tenure band: {', '.join(TENURE_BANDS)}.") or ""
    on_team = yes_or_no(values.get("on_team"), "On the planning team", yes=("on the team", "planning team"),
                        no=("not on the team",))
    return add_respondent(session, round_id, (values.get("code") or "").strip() or None,
                          position_group_id=group_id, on_team=on_team, school_id=school_id, tenure_band=band)


def update_respondent(session: Session, respondent_id: int, *, code: str | None = None,
                      position_group_id: object = _UNCHANGED, on_team: bool | None = None,
                      school_id: object = _UNCHANGED, tenure_band: str | None = None) -> RespondentRecord:
    p = session.get(ReadinessRespondent, respondent_id)
    if p is None:
        raise InvalidInput("That respondent is no longer in the round.")
    _check_described(session, position_group_id, school_id, tenure_band)
    if code is not None:
        code = _clean_code(code)
        clash = session.scalar(select(ReadinessRespondent).where(
            ReadinessRespondent.round_id == p.round_id, func.lower(ReadinessRespondent.code) == code.casefold(),
            ReadinessRespondent.id != p.id))
        if clash is not None:
            raise InvalidInput(f"This round already has a respondent {code}.")
        p.code = code
    if position_group_id is not _UNCHANGED:
        p.position_group_id = position_group_id
    if on_team is not None:
        p.on_team = on_team
    if school_id is not _UNCHANGED:
        p.school_id = school_id
    if tenure_band is not None:
        p.tenure_band = tenure_band
    session.flush()
    return _respondent_record(session, p)


def remove_respondent(session: Session, respondent_id: int) -> RespondentSnapshot:
    p = session.get(ReadinessRespondent, respondent_id)
    if p is None:
        raise InvalidInput("That respondent is no longer in the round.")
    snapshot = RespondentSnapshot(_respondent_record(session, p), tuple(
        (a.item_key, a.value) for a in session.scalars(
            select(ReadinessAnswer).where(ReadinessAnswer.respondent_id == p.id))))
    session.delete(p)
    session.flush()
    return snapshot


def restore_respondent(session: Session, snapshot: RespondentSnapshot) -> None:
    r = snapshot.record
    session.add(ReadinessRespondent(id=r.id, round_id=r.round_id, code=r.code, position_group_id=r.position_group_id,
                                    on_team=r.on_team, sort_order=r.sort_order, school_id=r.school_id,
                                    tenure_band=r.tenure_band))
    session.flush()
    for key, value in snapshot.answers:
        session.add(ReadinessAnswer(respondent_id=r.id, item_key=key, value=value))
    session.flush()


# ---- answers and notes ------------------------------------------------------------------------

def _instrument_for_round(session: Session, round_id: int) -> Instrument:
    return instruments.instrument_by_id(session, _get_round(session, round_id).instrument_id)


def set_answer(session: Session, respondent_id: int, item_key: str, value: int | None) -> int | None:
    """Record (or, with None, clear) one answer; returns the answer it replaced."""
    p = session.get(ReadinessRespondent, respondent_id)
    if p is None:
        raise InvalidInput("That respondent is no longer in the round.")
    instrument = _instrument_for_round(session, p.round_id)
    if item_key not in instrument.items_by_key:
        raise InvalidInput(f"Item {item_key} is not part of {instrument.title}.")
    if value is not None and not instrument.scale.allows(value):
        allowed = f"1 to {instrument.scale.points}" + (" or 0 for don't know" if instrument.scale.dont_know else "")
        raise InvalidInput(f"{value} is not an answer on this scale; use {allowed}.")
    row = session.get(ReadinessAnswer, (respondent_id, item_key))
    previous = row.value if row else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ReadinessAnswer(respondent_id=respondent_id, item_key=item_key, value=value))
    else:
        row.value = value
    session.flush()
    return previous


def ensure_round_item(session: Session, round_id: int, item_key: str) -> int:
    """The id of the record for this item in this round (made on first use)."""
    row = session.scalar(select(ReadinessRoundItem).where(ReadinessRoundItem.round_id == round_id,
                                                          ReadinessRoundItem.item_key == item_key))
    if row is None:
        if item_key not in _instrument_for_round(session, round_id).items_by_key:
            raise InvalidInput(f"Item {item_key} is not part of this round's instrument.")
        row = ReadinessRoundItem(round_id=round_id, item_key=item_key, notes="")
        session.add(row)
        session.flush()
    return row.id


def set_item_notes(session: Session, round_id: int, item_key: str, notes: str) -> str:
    """Discussion notes for an item in this round; returns the notes they replaced."""
    row = session.get(ReadinessRoundItem, ensure_round_item(session, round_id, item_key))
    previous = row.notes
    row.notes = (notes or "").strip()
    session.flush()
    return previous


def load_round(session: Session, round_id: int) -> RoundData:
    row = session.execute(_round_rows().add_columns(ReadinessInstrument.definition)
                          .where(ReadinessRound.id == round_id)).one_or_none()
    if row is None:
        raise InvalidInput("That readiness round is no longer in the plan.")
    record = RoundRecord(*row[:6], row[6] or 0)
    instrument = instruments.stored_instrument(record.instrument_key, row[7])
    respondents = list_respondents(session, round_id)
    ids = [p.id for p in respondents]
    # Answers are checked on read: one the scale doesn't allow (99, 'yes', a "don't know" where there
    # is none, written with another program) is not an answer, so it can't count anyone in a group.
    # Values, not objects: a round of 500 respondents has tens of thousands of answers.
    answers = {(respondent, key): value for respondent, key, value in session.execute(
        select(ReadinessAnswer.respondent_id, ReadinessAnswer.item_key, ReadinessAnswer.value)
        .where(ReadinessAnswer.respondent_id.in_(ids)))
        if whole_number(value, -1, instrument.scale.points) is not None and instrument.scale.allows(value)} \
        if ids else {}
    # In the items' keys' order, sorted here: a plan file's index gave that order by itself, a
    # database server gives rows in the order they were written (and sorts text by its own locale).
    notes = {key: text for key, text in sorted(session.execute(
        select(ReadinessRoundItem.item_key, ReadinessRoundItem.notes).where(ReadinessRoundItem.round_id == round_id)))
        if text}
    return RoundData(record, instrument, respondents, answers, notes)


@dataclass(frozen=True)
class AnsweredSummary:
    rounds: int  # rounds with at least one answer
    respondents: int  # respondents who gave at least one answer
    beyond_team: bool  # someone not on the planning team answered


def answered_summary(session: Session) -> AnsweredSummary:
    """How far the plan's readiness work has got, in one query (the Overview reads it on opening)."""
    rows = session.execute(
        select(ReadinessRespondent.round_id, ReadinessRespondent.id, ReadinessRespondent.on_team)
        .where(select(ReadinessAnswer.item_key).where(ReadinessAnswer.respondent_id == ReadinessRespondent.id)
               .exists())).all()
    return AnsweredSummary(len({r.round_id for r in rows}), len(rows), any(not r.on_team for r in rows))
