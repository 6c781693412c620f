"""Readiness instruments: read and check the TOML files, and keep the ones a plan uses.

An instrument is data, not code: a TOML file with a scale and sections of items. The built-in
ones live in ``resources/instruments/``; a file dropped there is offered with no code change. A
district can also make its own in the app, or import one another district exported; those are
stored in the plan (``readiness_instrument``) so everyone who opens the file has them. Every
definition, from any place, goes through ``parse_instrument``, which names the file and the
problem when it refuses one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ReadinessAnswer, ReadinessInstrument, ReadinessRespondent, ReadinessRound
from models.instrument import Instrument, Item, Scale, ScaleType, Section
from services.definition_files import parse_definition, read_definition_text, refuse_unknown, text_field
from services.errors import InvalidInput
from services.resource_paths import resources_root

INSTRUMENT_SUFFIX = ".toml"
BUILT_IN = "built_in"
CUSTOM = "custom"

_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_ITEM_KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$")
_TOP_FIELDS = {"key", "title", "source", "purpose", "guidance", "instructions", "scale", "sections"}
_SCALE_FIELDS = {"type", "labels", "dont_know"}
_SECTION_FIELDS = {"key", "title", "prompt", "items"}
_ITEM_FIELDS = {"key", "text", "next_step", "growth_step", "descriptors", "guidance"}
# Limits that keep a form printable and a grid usable.
POINT_LIMITS = {ScaleType.YES_NO: (2, 2), ScaleType.LEVELS: (2, 7), ScaleType.AGREEMENT: (2, 10)}
MAX_ITEMS = 200


class InstrumentError(InvalidInput):
    """An instrument definition that can't be used; the message names the file and the problem."""


@dataclass(frozen=True)
class InstrumentChoice:
    """An instrument a round can use, and where it comes from."""

    instrument: Instrument
    origin: str  # BUILT_IN or CUSTOM
    in_use: bool = False  # a round of this plan uses it

    @property
    def key(self) -> str:
        return self.instrument.key

    @property
    def title(self) -> str:
        return self.instrument.title


# ---- reading and checking a definition -------------------------------------------------------


def _scale(table: object) -> Scale:
    if not isinstance(table, dict):
        raise ValueError("the instrument has no [scale] table")
    refuse_unknown(table, _SCALE_FIELDS, "[scale]")
    try:
        kind = ScaleType(table.get("type", ""))
    except ValueError:
        raise ValueError(f"[scale] type must be one of {', '.join(t.value for t in ScaleType)}") from None
    labels = table.get("labels", ["No", "Yes"] if kind is ScaleType.YES_NO else None)
    if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
        raise ValueError("[scale] labels must be a list of names, lowest first")
    low, high = POINT_LIMITS[kind]
    if not low <= len(labels) <= high:
        raise ValueError(f"a {kind.value} scale needs {low}" + (f" to {high}" if high != low else "")
                         + f" labels, not {len(labels)}")
    if len({x.strip().casefold() for x in labels}) != len(labels):
        raise ValueError("[scale] labels must all be different")
    dont_know = table.get("dont_know", True)
    if not isinstance(dont_know, bool):
        raise ValueError("[scale] dont_know must be true or false")
    return Scale(kind, tuple(x.strip() for x in labels), dont_know)


def _item(table: object, scale: Scale, where: str) -> Item:
    if not isinstance(table, dict):
        raise ValueError(f"{where} is not a table")
    refuse_unknown(table, _ITEM_FIELDS, where)
    key = text_field(table, "key", where)
    if not _ITEM_KEY_PATTERN.match(key):
        raise ValueError(f"{where}: item key '{key}' must be letters, digits, dots or hyphens (at most 40)")
    where = f"item {key}"
    descriptors = table.get("descriptors", [])
    if not isinstance(descriptors, list) or not all(isinstance(x, str) for x in descriptors):
        raise ValueError(f"{where}: descriptors must be a list of text")
    if descriptors and scale.type is not ScaleType.LEVELS:
        raise ValueError(f"{where}: only a levels scale can have descriptors")
    if descriptors and len(descriptors) != scale.points:
        raise ValueError(f"{where} has {len(descriptors)} descriptors for {scale.points} levels")
    next_step = text_field(table, "next_step", where, required=False)
    if next_step and scale.type is not ScaleType.YES_NO:
        raise ValueError(f"{where}: only a yes/no checklist item has a next step")
    growth_step = text_field(table, "growth_step", where, required=False)
    if growth_step and scale.type is ScaleType.YES_NO:
        raise ValueError(f"{where}: a yes/no checklist item has a next_step, not a growth_step")
    return Item(key, text_field(table, "text", where), next_step, tuple(x.strip() for x in descriptors),
                text_field(table, "guidance", where, required=False), growth_step)


def _instrument(data: dict) -> Instrument:
    refuse_unknown(data, _TOP_FIELDS, "the instrument")
    key = text_field(data, "key", "the instrument")
    if not _KEY_PATTERN.match(key):
        raise ValueError(f"key '{key}' must be lower-case letters, digits and hyphens")
    scale = _scale(data.get("scale"))
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise ValueError("the instrument has no [[sections]]")
    sections, seen = [], set()
    for n, raw in enumerate(raw_sections, 1):
        if not isinstance(raw, dict):
            raise ValueError(f"section {n} is not a table")
        refuse_unknown(raw, _SECTION_FIELDS, f"section {n}")
        title = text_field(raw, "title", f"section {n}")
        raw_items = raw.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise ValueError(f"section '{title}' has no items")
        items = tuple(_item(x, scale, f"section '{title}', item {i}") for i, x in enumerate(raw_items, 1))
        for item in items:
            if item.key.casefold() in seen:
                raise ValueError(f"item key '{item.key}' is used twice")
            seen.add(item.key.casefold())
        sections.append(Section(text_field(raw, "key", f"section '{title}'", required=False) or str(n), title,
                                text_field(raw, "prompt", f"section '{title}'", required=False), items))
    if len(seen) > MAX_ITEMS:
        raise ValueError(f"an instrument can have at most {MAX_ITEMS} items")
    return Instrument(
        key=key, title=text_field(data, "title", "the instrument"), source=text_field(data, "source", "the instrument"),
        scale=scale, sections=tuple(sections), purpose=text_field(data, "purpose", "", required=False),
        guidance=text_field(data, "guidance", "", required=False),
        instructions=text_field(data, "instructions", "", required=False),
    )


def parse_instrument(text: str, name: str) -> Instrument:
    """Read one definition; ``name`` (a file name) starts every error message."""
    return parse_definition(text, name, "instrument", _instrument, InstrumentError)


def read_instrument_file(path: str | Path) -> Instrument:
    return parse_instrument(read_definition_text(path, "instrument", InstrumentError), Path(path).name)


def to_toml(instrument: Instrument) -> str:
    """The definition as a TOML file: what is exported, stored in the plan, and read back."""
    def item(i: Item) -> dict:
        out: dict = {"key": i.key, "text": i.text}
        if i.next_step:
            out["next_step"] = i.next_step
        if i.descriptors:
            out["descriptors"] = list(i.descriptors)
        if i.guidance:
            out["guidance"] = i.guidance
        if i.growth_step:
            out["growth_step"] = i.growth_step
        return out

    data: dict = {"key": instrument.key, "title": instrument.title, "source": instrument.source}
    for name in ("purpose", "guidance", "instructions"):
        if getattr(instrument, name):
            data[name] = getattr(instrument, name)
    data["scale"] = {"type": instrument.scale.type.value, "labels": list(instrument.scale.labels),
                     "dont_know": instrument.scale.dont_know}
    data["sections"] = [
        {"key": s.key, "title": s.title, **({"prompt": s.prompt} if s.prompt else {}),
         "items": [item(i) for i in s.items]}
        for s in instrument.sections
    ]
    return tomli_w.dumps(data, multiline_strings=True)


# ---- built-in instruments ----------------------------------------------------------------------

def built_in_dir() -> Path:
    return resources_root() / "instruments"


def built_in_instruments() -> list[Instrument]:
    """Every file in resources/instruments, checked; a broken one stops with its name."""
    return list(_read_built_ins(built_in_dir()))


@functools.lru_cache(maxsize=4)
def _read_built_ins(folder: Path) -> tuple[Instrument, ...]:
    # The shipped files don't change while the app runs, and every list of instruments (the
    # dialog, each new round) starts from them: read and check them once per folder.
    found = tuple(read_instrument_file(p) for p in sorted(folder.glob(f"*{INSTRUMENT_SUFFIX}")))
    keys = [i.key for i in found]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise InstrumentError(f"Two built-in instrument files use the key '{duplicate}'.")
    return found


# ---- a plan's instruments ----------------------------------------------------------------------

def _stored(session: Session, key: str) -> ReadinessInstrument | None:
    return session.scalar(select(ReadinessInstrument).where(ReadinessInstrument.key == key))


def _used_ids(session: Session) -> set[int]:
    return set(session.scalars(select(ReadinessRound.instrument_id).distinct()))


def with_new_built_in_items(stored: Instrument, shipped: Instrument) -> Instrument:
    """A plan's copy of a built-in with the items a later shipped file added (the six-lessons
    reflection's onboarding and refresher items): every item the copy has stays as it was worded
    (its rounds were answered on it), each new item joins its section after the item it follows in
    the shipped file, a new section comes at the end. A copy whose scale differs is left as it is."""
    if stored.scale != shipped.scale:
        return stored
    have = {i.key.casefold() for i in stored.items}
    new_items = [(s, i) for s in shipped.sections for i in s.items if i.key.casefold() not in have]
    if not new_items:
        return stored
    sections = {s.key: list(s.items) for s in stored.sections}
    extra: list[Section] = []
    for section, item in new_items:
        if section.key in sections:
            items = sections[section.key]
            shipped_keys = [i.key for i in section.items]
            before = shipped_keys[:shipped_keys.index(item.key)]
            at = max((n + 1 for n, i in enumerate(items) if i.key in before), default=len(items))
            items.insert(at, item)
        else:
            added = next((x for x in extra if x.key == section.key), None)
            if added is None:
                extra.append(Section(section.key, section.title, section.prompt, (item,)))
            else:
                extra[extra.index(added)] = Section(added.key, added.title, added.prompt, (*added.items, item))
    merged = tuple(Section(s.key, s.title, s.prompt, tuple(sections[s.key])) for s in stored.sections) + tuple(extra)
    return Instrument(stored.key, stored.title, stored.source, stored.scale, merged, stored.purpose,
                      stored.guidance, stored.instructions)


def _current_copy(row: ReadinessInstrument, built_in: Instrument | None) -> Instrument:
    """A stored instrument as a new round would get it: a built-in's copy with the shipped file's new items."""
    stored = parse_instrument(row.definition, f"plan instrument {row.key}")
    if built_in is None or row.origin != BUILT_IN:
        return stored
    return with_new_built_in_items(stored, built_in)


def available_instruments(session: Session) -> list[InstrumentChoice]:
    """Built-ins first (in file order), then the plan's own; a stored copy wins over a built-in
    (with any items a later version of the built-in added: what the next round is given)."""
    stored = {row.key: row for row in session.scalars(select(ReadinessInstrument).order_by(ReadinessInstrument.id))}
    used = _used_ids(session)
    choices: list[InstrumentChoice] = []
    for built_in in built_in_instruments():
        row = stored.pop(built_in.key, None)
        if row is None:
            choices.append(InstrumentChoice(built_in, BUILT_IN))
        else:
            choices.append(InstrumentChoice(_current_copy(row, built_in), row.origin, row.id in used))
    for row in stored.values():
        choices.append(InstrumentChoice(parse_instrument(row.definition, f"plan instrument {row.key}"),
                                        row.origin, row.id in used))
    return choices


def get_instrument(session: Session, key: str) -> Instrument:
    choices = available_instruments(session)
    for choice in choices:
        if choice.key == key:
            return choice.instrument
    known = ", ".join(c.key for c in choices)
    raise InvalidInput(f"There is no instrument '{key}'. Choose one of: {known}.")


def instrument_by_id(session: Session, instrument_id: int) -> Instrument:
    row = session.get(ReadinessInstrument, instrument_id)
    return stored_instrument(row.key, row.definition)


@functools.lru_cache(maxsize=16)
def stored_instrument(key: str, definition: str) -> Instrument:
    """A plan's stored definition, parsed once per text: a round is read again at each change on the
    Readiness tab (every answer typed), and parsing its TOML was a third of each read."""
    return parse_instrument(definition, f"plan instrument {key}")


def ensure_stored(session: Session, key: str, at: dt.datetime | None = None) -> int:
    """The plan's copy of an instrument (made from the built-in on first use); returns its id.

    A copy of a built-in made before the shipped file added items gains them here, when a new
    round starts: the items already answered keep their wording, keys and answers."""
    row = _stored(session, key)
    if row is None:
        instrument = get_instrument(session, key)
        row = ReadinessInstrument(key=key, title=instrument.title, origin=BUILT_IN,
                                  definition=to_toml(instrument), updated_at=at or _now())
        session.add(row)
        session.flush()
    elif row.origin == BUILT_IN:
        shipped = next((b for b in built_in_instruments() if b.key == key), None)
        stored = parse_instrument(row.definition, f"plan instrument {row.key}")
        current = _current_copy(row, shipped)
        if len(current.items) != len(stored.items):
            row.definition, row.updated_at = to_toml(current), at or _now()
            session.flush()
    return row.id


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def unused_key(session: Session, wanted: str) -> str:
    taken = {c.key for c in available_instruments(session)}
    key, n = wanted, 2
    while key in taken:
        key = f"{wanted[:55]}-{n}"
        n += 1
    return key


def key_for_title(session: Session, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:50] or "instrument"
    return unused_key(session, slug)


def save_custom_instrument(session: Session, instrument: Instrument) -> Instrument:
    """Add or replace one of the plan's own instruments (checked as if read from a file)."""
    checked = parse_instrument(to_toml(instrument), f"instrument '{instrument.title}'")
    row = _stored(session, checked.key)
    if row is None:
        if any(b.key == checked.key for b in built_in_instruments()):
            raise InvalidInput(f"'{checked.key}' is a built-in instrument; give yours another name.")
        session.add(ReadinessInstrument(key=checked.key, title=checked.title, origin=CUSTOM,
                                        definition=to_toml(checked), updated_at=_now()))
    else:
        if row.origin != CUSTOM:
            raise InvalidInput(f"'{checked.title}' is built in and can't be changed; make a copy instead.")
        _refuse_dropping_answered_items(session, row, checked)
        row.title, row.definition, row.updated_at = checked.title, to_toml(checked), _now()
    session.flush()
    return checked


def _refuse_dropping_answered_items(session: Session, row: ReadinessInstrument, new: Instrument) -> None:
    answered = set(session.scalars(
        select(ReadinessAnswer.item_key).join(ReadinessRespondent)
        .join(ReadinessRound, ReadinessRound.id == ReadinessRespondent.round_id)
        .where(ReadinessRound.instrument_id == row.id).distinct()
    ))
    missing = sorted(answered - set(new.items_by_key))
    if missing:
        raise InvalidInput(f"Item {missing[0]} already has answers in a round, so it can't be removed.")
    old = parse_instrument(row.definition, row.key)
    if answered and old.scale != new.scale:
        raise InvalidInput("This instrument already has answers, so its scale can't change.")


def delete_custom_instrument(session: Session, key: str) -> str:
    """Remove one of the plan's own instruments; returns its definition so undo can put it back."""
    row = _stored(session, key)
    if row is None or row.origin != CUSTOM:
        raise InvalidInput("Only an instrument made in this plan can be deleted.")
    rounds = session.scalar(select(func.count()).select_from(ReadinessRound)
                            .where(ReadinessRound.instrument_id == row.id))
    if rounds:
        raise InvalidInput(f"'{row.title}' is used by {rounds} round{'s' if rounds != 1 else ''}; "
                           "delete those rounds first.")
    definition = row.definition
    session.delete(row)
    session.flush()
    return definition


def import_instrument_file(session: Session, path: str | Path) -> Instrument:
    """Add an instrument another district exported; a clashing key gets a number added."""
    instrument = read_instrument_file(path)
    for choice in available_instruments(session):
        if choice.key == instrument.key and to_toml(choice.instrument) == to_toml(instrument):
            return choice.instrument  # the same instrument again: nothing to add
    key = unused_key(session, instrument.key)
    if key != instrument.key:
        instrument = Instrument(key, instrument.title, instrument.source, instrument.scale, instrument.sections,
                                instrument.purpose, instrument.guidance, instrument.instructions)
    return save_custom_instrument(session, instrument)


def export_instrument(instrument: Instrument, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != INSTRUMENT_SUFFIX:
        path = path.with_suffix(INSTRUMENT_SUFFIX)
    path.write_text(to_toml(instrument), encoding="utf-8")
    return path
