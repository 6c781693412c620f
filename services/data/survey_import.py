"""Importing a survey export as a wave: one service behind the wizard and ``survey import``.

Three steps, so the slow ones run off the window's thread and nothing touches the plan until the
last:
1. ``read_for_import``: read the file and propose a role for every column (no plan needed);
2. ``choices_for``: the roles to offer, from the import profile saved for these columns, or the
   proposals; ``prepare_wave`` turns the confirmed choices into arrays (no plan needed, can be
   cancelled, stops on the first answer off its scale);
3. ``store_wave``: write the wave, its items, groups and opted-in comments and save the profile,
   in the caller's one transaction.
Every check runs before step 3, so a bad file leaves the plan file byte-for-byte unchanged.
Identifying columns are dropped in step 2: their values never reach the plan.

Long because the three steps share the column choices and their checks; what stands alone is
in ``survey_columns``, ``survey_files``, ``survey_import_summary`` and ``survey_late_responses``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import SurveyComment, SurveyDimension, SurveyImportProfile, SurveyItem, SurveyRelease, SurveyWave
from services import stored_values
from services.data.identifying_values import (
    identifying_header,
    identifying_kind,
    known_names,
    people_like_groups,
    redact,
    redact_names,
)
from services.data.survey_columns import (
    CHOICE_SCALE,
    MAX_POINTS,
    OTHER_CHOICE,
    ColumnProposal,
    Role,
    Scale,
    answer_counts,
    choice_options,
    fit_scale,
    missing_tokens,
    propose_roles,
    scale_values,
    showable_answer,
    split_choices,
)
from services.data.survey_files import SurveyFileError, SurveyTable, normalize_text, read_survey_file
from services.data.wellness_domains import domain_by_name, domain_names, ensure_domains, guess_domain
from services.errors import Cancelled, InvalidInput
from services.plan_records import next_number

Progress = Callable[[int, int], None]
MAX_GROUPS = 1000  # more distinct answers than this is not a group someone reports by

_DATE_HEADERS = {"timestamp", "startdate", "start date", "enddate", "end date", "recordeddate", "recorded date",
                 "date submitted", "submitted", "submission date", "start time", "end time", "completed"}


@dataclass(frozen=True)
class ColumnChoice:
    """What to do with one column: its role, and for a scale item its scale, reverse scoring and domain."""

    index: int
    header: str
    label: str
    role: Role
    scale: Scale | None = None
    reverse: bool = False
    domain: str = ""
    reason: str = ""
    question: str = ""  # the matrix question a statement belongs to
    odd: tuple[str, ...] = ()  # a scale item's answers off its scale (to be mapped in ``answers``)
    answers: tuple[tuple[str, int], ...] = ()  # (normalised odd answer, point; 0 = missing)
    options: tuple[str, ...] = ()  # a tick-all-that-apply question's choices
    separator: str = ""  # how those choices are joined in one cell ("" = one column per choice)
    refusal: str = ""  # why this column can't be a respondent attribute, if it can't
    # Why its answers can never be kept as text either: it was found identifying (a name, contact
    # details, an id, the tool's own fields), by its header or its answers. A saved profile or a
    # choice can't make it a comment.
    never_kept: str = ""

    def unmapped(self) -> list[str]:
        """Odd answers with no point or missing chosen for them yet."""
        mapped = {k for k, _ in self.answers}
        return [v for v in self.odd if normalize_text(v) not in mapped]


@dataclass
class ImportSource:
    """A file read and its columns' proposed roles: what the wizard shows before anything is stored."""

    path: Path
    table: SurveyTable
    proposals: list[ColumnProposal]
    missing: tuple[str, ...] = ()

    @property
    def signature(self) -> str:
        return column_signature(c.header for c in self.table.columns)


@dataclass
class PreparedWave:
    """Everything ``store_wave`` writes, already checked; no identifying value is in it."""

    source_name: str
    layout: str
    respondent_count: int
    signature: str
    choices: list[ColumnChoice]
    items: list[tuple[ColumnChoice, bytes]] = field(default_factory=list)
    answered: list[tuple[str, int, int]] = field(default_factory=list)  # per item: label, counted, missing
    notes: list[str] = field(default_factory=list)  # what the user should know (a row cut short)
    dimensions: list[tuple[ColumnChoice, list[str], bytes]] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (question, text), sorted
    first_response: dt.date | None = None
    last_response: dt.date | None = None
    missing: tuple[str, ...] = ()
    keep_comments: bool = False


@dataclass(frozen=True)
class WaveRecord:
    id: int
    label: str
    source_name: str
    respondent_count: int
    item_count: int
    dimension_count: int
    comment_count: int
    imported_at: dt.datetime
    first_response: dt.date | None
    last_response: dt.date | None


def column_signature(headers: Iterable[str]) -> str:
    """The same columns in the same order give the same signature, whatever the letter case."""
    text = "\n".join(normalize_text(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_for_import(path: str | Path, *, sheet: str | None = None, encoding: str | None = None,
                    sep: str | None = None, missing: Sequence[str] = ()) -> ImportSource:
    table = read_survey_file(path, sheet=sheet, encoding=encoding, sep=sep)
    return ImportSource(Path(path), table, propose_roles(table, missing), tuple(missing))


def _choice(proposal: ColumnProposal, domain_names: list[str]) -> ColumnChoice:
    c = proposal.column
    domain = guess_domain(c.label, domain_names) if proposal.role is Role.SCALE else ""
    return ColumnChoice(c.index, c.header, c.label, proposal.role, proposal.scale, False, domain, proposal.reason,
                        c.question, odd=proposal.odd, options=proposal.options, separator=proposal.separator,
                        refusal=proposal.refusal,
                        never_kept=proposal.refusal if proposal.role is Role.IDENTIFYING else "")


def _saved_profile(session: Session, signature: str) -> SurveyImportProfile | None:
    return session.scalar(select(SurveyImportProfile).where(SurveyImportProfile.signature == signature))


def choices_for(session: Session, source: ImportSource, profile: SurveyImportProfile | None = None
                ) -> tuple[list[ColumnChoice], bool]:
    """The roles to offer for each column, and whether they come from a saved profile (``profile``
    when the caller has already read it)."""
    names = domain_names(session)
    automatic = [_choice(p, names) for p in source.proposals]
    profile = profile or _saved_profile(session, source.signature)
    saved = profile_mapping(profile)
    if not saved:
        return automatic, False
    out = []
    for choice in automatic:
        entry = saved.get(normalize_text(choice.header))
        role = entry.get("role", choice.role.value) if entry else None
        if not isinstance(role, str) or role not in {r.value for r in Role}:  # none saved, or not WellPlan's
            out.append(choice)
            continue
        role = Role(role)
        if (role is Role.COMMENT and choice.never_kept) or (role is Role.DIMENSION and choice.refusal):
            out.append(choice)  # a profile can't keep what the file's own content says identifies people
            continue
        scale = choice.scale
        if role is Role.SCALE:
            scale = _saved_scale(entry) or scale
        domain = stored_values.text(entry.get("domain")) if role is Role.SCALE else ""
        if domain and domain.casefold() not in {n.casefold() for n in names}:
            domain = choice.domain
        saved_answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
        answers = tuple((k, v) for k, v in saved_answers.items()
                        if scale is not None and stored_values.whole_number(v, 0, scale.points) is not None)
        out.append(with_role(source, replace(choice, scale=scale, reverse=entry.get("reverse") is True, domain=domain,
                                             answers=answers), role, "as confirmed for these columns last time"))
    return out, True


def profile_mapping(profile: SurveyImportProfile | None) -> dict[str, dict]:
    """A saved profile's entry for each column (by its normalised header), checked on read: JSON
    that can't be read, or isn't an object of objects as ``_save_profile`` writes it, is read as no
    entries (the columns are proposed afresh), and an entry that isn't an object is left out."""
    if profile is None or not isinstance(profile.mapping, str) or not profile.mapping:
        return {}
    try:
        data = json.loads(profile.mapping)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: entry for key, entry in data.items() if isinstance(entry, dict)}


def _saved_scale(entry: dict) -> Scale | None:
    """The scale a profile entry remembers, if it is one WellPlan could have saved: 2 to
    ``MAX_POINTS`` different labels (a 1-point scale would put every answer at its end)."""
    labels, kind = entry.get("labels"), entry.get("kind", "agreement")
    if not isinstance(labels, list) or not isinstance(kind, str) or not 2 <= len(labels) <= MAX_POINTS or \
            not all(isinstance(x, str) and x.strip() for x in labels) or len(set(labels)) != len(labels):
        return None
    return Scale(kind, tuple(labels))


def with_role(source: ImportSource, choice: ColumnChoice, role: Role, reason: str = "chosen by you") -> ColumnChoice:
    """A column given another role, with what that role needs worked out from its answers (a scale
    and its odd answers, or a question's choices)."""
    missing = missing_tokens(source.missing)
    scale, odd, options, separator = choice.scale, choice.odd, choice.options, choice.separator
    if role is Role.SCALE and (scale is None or scale.kind == CHOICE_SCALE.kind):
        fitted = fit_scale(answer_counts(source.table, choice.index, missing))
        scale, odd = fitted if fitted is not None else (None, ())
    if role is Role.CHOICES and not options:
        found = choice_options(source.table, source.table.columns[choice.index], missing)
        options, separator = found if found is not None else ((choice.label,), "")
    if role is Role.CHOICES:
        scale = CHOICE_SCALE
    return replace(choice, role=role, scale=scale if role in (Role.SCALE, Role.CHOICES) else choice.scale, odd=odd,
                   options=options, separator=separator, reverse=choice.reverse and role is Role.SCALE,
                   domain=choice.domain if role is Role.SCALE else "", reason=reason)


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in (r"(\d{4})-(\d{1,2})-(\d{1,2})", r"(\d{4})/(\d{1,2})/(\d{1,2})"):
        m = re.match(pattern, text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            break
    else:
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
        if not m:
            return None
        mo, d, y = (int(g) for g in m.groups())
        if mo > 12:  # day first
            mo, d = d, mo
        y += 2000 if y < 100 else 0
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def response_dates(table: SurveyTable) -> tuple[dt.date | None, dt.date | None]:
    """The first and last response dates, from a timestamp column if the file has one (the
    column itself is identifying and is never stored; only the wave's date range is)."""
    for c in table.columns:
        if normalize_text(c.header) in _DATE_HEADERS or normalize_text(c.label) in _DATE_HEADERS:
            # the date part of each timestamp: a few hundred distinct days, however many responses
            days = {str(v).strip().split(" ")[0].split("T")[0] for v in table.frame[c.index].cat.categories.tolist()}
            dates = [d for d in (_parse_date(v) for v in days) if d]
            if dates:
                return min(dates), max(dates)
    return None, None


def default_wave_label(source_name: str, last: dt.date | None) -> str:
    """"Fall 2026" from the responses' dates (school-year seasons), or the file's name."""
    if last is not None:
        season = "Spring" if last.month <= 5 else "Summer" if last.month <= 7 else "Fall"
        return f"{season} {last.year}"
    stem = Path(source_name).stem.replace("_", " ").strip()
    return stem[:120] or "Survey"


def unique_wave_label(session: Session, label: str) -> str:
    taken = {normalize_text(x) for x in session.scalars(select(SurveyWave.label))}
    candidate, n = label, 2
    while normalize_text(candidate) in taken:
        candidate, n = f"{label} ({n})", n + 1
    return candidate


def _check_choices(source: ImportSource, choices: Sequence[ColumnChoice]) -> None:
    name = source.table.name
    for c in choices:
        if c.role is Role.SCALE and c.scale is None:
            raise SurveyFileError(f"{name}: column '{c.header}' is marked as a scale item, but its answers are not "
                                  "on a scale WellPlan knows (agreement, frequency, satisfaction labels or numbers "
                                  "1..N).")
        if c.role is Role.DIMENSION and c.refusal:
            raise SurveyFileError(f"{name}: column '{c.header}' can't be a respondent attribute: {c.refusal}. "
                                  "Choose another role for it.")
        if c.role is Role.COMMENT and c.never_kept:
            raise SurveyFileError(f"{name}: column '{c.header}' can't be kept as comments: {c.never_kept}. "
                                  "Choose another role for it.")
    if not any(c.role is Role.SCALE for c in choices):
        raise SurveyFileError(f"{name} has no scale items (no column's answers are on an agreement, frequency or "
                              "satisfaction scale or numbers 1..N), so there is nothing to report.")


def _group_codes(table: SurveyTable, index: int, missing: frozenset[str], header: str) -> tuple[list[str], bytes]:
    series = table.frame[index]
    names: list[str] = []
    slot: dict[str, int] = {}
    sizes: dict[str, int] = {}
    lookup = np.zeros(len(series.cat.categories) + 1, dtype=np.uint16)  # last slot: pandas' -1 code
    counts = series.value_counts(sort=False)
    for code, value in enumerate(series.cat.categories):
        text = " ".join(str(value).split())
        key = normalize_text(text)
        if key in missing:
            continue
        # Checked again here, whatever role the user chose: a group's name is shown and printed.
        kind = identifying_kind(text)
        if kind is not None:
            raise SurveyFileError(f"{table.name}: column '{header}' can't be a respondent attribute: some of its "
                                  f"answers hold {kind}. Choose another role for it.")
        if key not in slot:
            names.append(text)
            slot[key] = len(names)
        sizes[names[slot[key] - 1]] = sizes.get(names[slot[key] - 1], 0) + int(counts.get(value, 0))
        lookup[code] = slot[key]
    if len(names) > MAX_GROUPS:
        raise SurveyFileError(f"{table.name}: column '{header}' has {len(names)} different answers, too many to "
                              "group results by; mark it as a comment or identifying column.")
    people = people_like_groups(sizes)
    if people:
        raise SurveyFileError(f"{table.name}: column '{header}' can't be a respondent attribute: {people}. "
                              "Choose another role for it.")
    return names, lookup[series.cat.codes.to_numpy()].astype("<u2").tobytes()


def _choice_items(table: SurveyTable, choices: Sequence[ColumnChoice], missing: frozenset[str]
                  ) -> list[tuple[ColumnChoice, bytes]]:
    """Tick-all-that-apply questions as one yes/no measure per choice: 2 = ticked, 1 = not ticked,
    0 = the respondent answered none of the question (so the share is of those who answered it).
    Choices written in by fewer than three people become one "Other (written in)" measure; their
    text is never kept."""
    out: list[tuple[ColumnChoice, bytes]] = []
    columns: dict[str, list[ColumnChoice]] = {}  # one column per choice (SurveyMonkey), by question
    for c in choices:
        if c.separator:
            codes = table.frame[c.index].cat.codes.to_numpy()
            categories = [str(v) for v in table.frame[c.index].cat.categories]
            picked = [set() if normalize_text(v) in missing else set(split_choices(v, c.separator))
                      for v in categories]
            answered = np.array([bool(p) for p in picked] + [False])[codes]
            known = {normalize_text(o) for o in c.options}
            for option in (*c.options, OTHER_CHOICE):
                if option == OTHER_CHOICE:
                    hit = [any(normalize_text(x) not in known for x in p) for p in picked]
                    if not any(hit):
                        continue
                else:
                    hit = [any(normalize_text(x) == normalize_text(option) for x in p) for p in picked]
                ticked = np.array(hit + [False])[codes]
                values = np.where(answered, np.where(ticked, 2, 1), 0).astype(np.int8)
                out.append((replace(c, label=option, question=c.question or c.label, scale=CHOICE_SCALE),
                            values.tobytes()))
        else:
            columns.setdefault(c.question or c.label, []).append(c)
    for question, group in columns.items():
        ticks = [~np.isin(table.frame[c.index].astype(str).map(normalize_text).to_numpy(), list(missing))
                 for c in group]
        answered = np.logical_or.reduce(ticks)
        for c, ticked in zip(group, ticks, strict=True):
            values = np.where(answered, np.where(ticked, 2, 1), 0).astype(np.int8)
            out.append((replace(c, question=question, scale=CHOICE_SCALE), values.tobytes()))
    return out


def map_answers(choices: Sequence[ColumnChoice], mappings: Mapping[str, str]) -> list[ColumnChoice]:
    """Scale items with their odd answers mapped as the user said: ``{"Agreee": "Agree", "99":
    "missing"}``; a point is a label of the item's scale, its number, or "missing"."""
    wanted = {normalize_text(k): v for k, v in mappings.items()}
    out = []
    for c in choices:
        if c.role is not Role.SCALE or c.scale is None:
            out.append(c)
            continue
        answers = dict(c.answers)
        for key, target in wanted.items():
            if key not in {normalize_text(v) for v in c.odd} and key not in answers:
                continue
            answers[key] = point_on_scale(c.scale, target)
        out.append(replace(c, answers=tuple(answers.items())))
    return out


def point_on_scale(scale: Scale, target: str) -> int:
    """A point of the scale by its label or number; 0 for "missing"."""
    key = normalize_text(target)
    if key in {"missing", "blank", "no answer"}:
        return 0
    labels = [normalize_text(label) for label in scale.labels]
    if key in labels:
        return labels.index(key) + 1
    if key.isdigit() and 1 <= int(key) <= scale.points:
        return int(key)
    raise InvalidInput(f"'{target}' is not a point of the scale ({scale.text}); give one of its labels, a number "
                       f"1-{scale.points}, or 'missing'.")


def _unique_labels(items: list[tuple[ColumnChoice, bytes]]) -> list[tuple[ColumnChoice, bytes]]:
    """Items are told apart by their label (results, waves side by side): two statements worded
    alike in different questions get their question in front."""
    seen: set[str] = set()
    out = []
    for choice, answers in items:
        label = choice.label
        if normalize_text(label) in seen and choice.question:
            label = f"{choice.question} - {label}"
        n = 2
        base = label
        while normalize_text(label) in seen:
            label, n = f"{base} ({n})", n + 1
        seen.add(normalize_text(label))
        out.append((replace(choice, label=label), answers))
    return out


def _names_in_file(table: SurveyTable, choices: Sequence[ColumnChoice], missing: frozenset[str]) -> frozenset[str]:
    """The names the file's own columns hold (respondents', supervisors', recipients'), so they can be
    taken out of kept comments: a comment naming a colleague often names someone the file names."""
    values: list[str] = []
    for c in choices:
        if c.role is Role.IDENTIFYING and "name" in (identifying_header(c.label) or identifying_header(c.header) or ""):
            values.extend(answer_counts(table, c.index, missing))
    return known_names(values)


def _kept_text(choice: ColumnChoice) -> ColumnChoice:
    """A column's header, label and question as stored: the survey's author wrote them, but a file
    can carry anything there, so they get the same redaction as comments."""
    return replace(choice, header=redact(choice.header), label=redact(choice.label), question=redact(choice.question))


def prepare_wave(source: ImportSource, choices: Sequence[ColumnChoice], *, keep_comments: bool = False,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> PreparedWave:
    """Check the choices and turn the kept columns into arrays. Raises ``SurveyFileError`` (with rows
    and column for an answer off its scale) or ``Cancelled``; never touches the plan."""
    _check_choices(source, choices)
    table = source.table
    missing = missing_tokens(source.missing)
    first, last = response_dates(table)
    wave = PreparedWave(source_name=redact(source.path.name), layout=table.layout, respondent_count=table.row_count,
                        signature=source.signature, choices=list(choices), first_response=first,
                        last_response=last, missing=source.missing, keep_comments=keep_comments,
                        notes=list(table.notes))
    kept = [c for c in choices if c.role is not Role.IDENTIFYING]
    total = len(kept)
    people: frozenset[str] | None = None  # the file's names, read once when a comment is kept
    for done, choice in enumerate(kept):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, total)
        if choice.role is Role.SCALE:
            proposal = ColumnProposal(table.columns[choice.index], Role.SCALE, choice.scale)
            values = scale_values(table, proposal, source.missing, reverse=choice.reverse,
                                  recode=dict(choice.answers))
            wave.items.append((_kept_text(choice), values.astype(np.int8).tobytes()))
        elif choice.role is Role.DIMENSION:
            names, codes = _group_codes(table, choice.index, missing, choice.header)
            wave.dimensions.append((_kept_text(choice), names, codes))
        elif choice.role is Role.COMMENT and keep_comments:
            people = people if people is not None else _names_in_file(table, choices, missing)
            counts = answer_counts(table, choice.index, missing)
            texts = sorted(t for value, n in counts.items() for t in [redact_names(redact(value.strip()), people)] * n
                           if t)
            wave.comments.extend((redact(choice.label), t) for t in texts)
    for choice, answers in _choice_items(table, [c for c in kept if c.role is Role.CHOICES], missing):
        choice = _kept_text(replace(choice, label=f"Ticked: {choice.label}"))
        wave.items.append((choice, answers))
    wave.items = _unique_labels(wave.items)
    for choice, answers in wave.items:
        counted = int(np.count_nonzero(np.frombuffer(answers, dtype=np.int8)))
        wave.answered.append((choice.label, counted, table.row_count - counted))
    if progress is not None:
        progress(total, total)
    return wave


_OWN_KEYS = ("role", "kind", "labels", "reverse", "domain", "answers")


def _save_profile(session: Session, wave: PreparedWave, now: dt.datetime) -> None:
    profile = _saved_profile(session, wave.signature)
    if profile is None:
        profile = SurveyImportProfile(signature=wave.signature)
        session.add(profile)
    # Other parts of the Data tab keep their own notes in a column's entry (which headcount group
    # a survey group matches); the import rewrites only its own keys.
    earlier = profile_mapping(profile)
    mapping = {}
    for c in wave.choices:
        key = normalize_text(c.header)
        entry: dict[str, object] = {k: v for k, v in earlier.get(key, {}).items() if k not in _OWN_KEYS}
        entry["role"] = c.role.value
        if c.role is Role.SCALE and c.scale is not None:
            entry.update(kind=c.scale.kind, labels=list(c.scale.labels), reverse=c.reverse, domain=c.domain)
            # the user's decisions for odd answers, kept only for answers that can't identify anyone
            answers = {k: v for k, v in c.answers if showable_answer(k, c.scale)}
            if answers:
                entry["answers"] = answers
        mapping[key] = entry
    profile.mapping = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    profile.missing_tokens = "\n".join(wave.missing)
    profile.keep_comments = wave.keep_comments
    profile.updated_at = now


def clean_wave_label(session: Session, label: str, wave_id: int | None = None) -> str:
    label = " ".join(label.split())
    if not label:
        raise InvalidInput("A wave needs a label, such as 'Fall 2026'.")
    if len(label) > 120:
        raise InvalidInput("A wave's label can be at most 120 characters.")
    for other in session.scalars(select(SurveyWave)):
        if other.id != wave_id and normalize_text(other.label) == normalize_text(label):
            raise InvalidInput(f"There is already a wave called '{other.label}'; choose another label.")
    return label


def store_wave(session: Session, wave: PreparedWave, label: str, at: dt.datetime | None = None) -> WaveRecord:
    """Write a prepared wave and save its columns' mapping as the import profile (``at`` fixes the
    time, for the sample district)."""
    label = clean_wave_label(session, label)
    ensure_domains(session)
    now = at or dt.datetime.now().replace(microsecond=0)
    # Never the id of a removed wave the ledger has releases of: SQLite would reuse the highest id,
    # and those releases would be taken as this wave's (the audit then refuses, as they don't fit).
    row = SurveyWave(id=max(next_number(session, SurveyRelease.wave_id), next_number(session, SurveyWave.id)),
                     label=label, source_name=wave.source_name[:300], layout=wave.layout,
                     respondent_count=wave.respondent_count, first_response=wave.first_response,
                     last_response=wave.last_response, missing_tokens="\n".join(wave.missing),
                     comments_kept=wave.keep_comments, imported_at=now)
    session.add(row)
    session.flush()
    for n, (choice, names, codes) in enumerate(wave.dimensions):
        session.add(SurveyDimension(wave_id=row.id, header=choice.header, label=choice.label,
                                    groups="\n".join(names), codes=codes, sort_order=n))
    domains: dict[str, int | None] = {}  # looked up once per domain, not once per item
    for n, (choice, answers) in enumerate(wave.items):
        if choice.domain and choice.domain not in domains:
            domain = domain_by_name(session, choice.domain)
            domains[choice.domain] = domain.id if domain else None
        session.add(SurveyItem(wave_id=row.id, header=choice.header, label=choice.label, question=choice.question,
                               scale_kind=choice.scale.kind, scale_labels="\n".join(choice.scale.labels),
                               reverse=choice.reverse, domain_id=domains.get(choice.domain),
                               answers=answers, sort_order=n))
    session.add_all(SurveyComment(wave_id=row.id, question=q, text=t) for q, t in wave.comments)
    _save_profile(session, wave, now)
    session.flush()
    return WaveRecord(row.id, row.label, row.source_name, row.respondent_count, len(wave.items),
                      len(wave.dimensions), len(wave.comments), now, row.first_response, row.last_response)


@dataclass
class Proposal:
    """What to offer for a file: its columns' roles, and the saved profile's missing tokens and
    comments choice when these columns were imported before."""

    source: ImportSource
    choices: list[ColumnChoice]
    from_profile: bool
    keep_comments: bool


def propose(session: Session, source: ImportSource) -> Proposal:
    """The wizard's and the command line's starting point: the saved profile for these columns, or
    the automatic mapping."""
    profile = _saved_profile(session, source.signature)
    if profile is not None and not profile_mapping(profile):
        profile = None  # one that can't be read is not used at all: not its missing answers, nor "keep comments"
    saved_missing = tuple(t for t in stored_values.text(profile.missing_tokens).splitlines() if t) if profile else ()
    if saved_missing and not source.missing:
        source = replace(source, missing=saved_missing)
    choices, from_profile = choices_for(session, source, profile)
    return Proposal(source, choices, from_profile, bool(profile and profile.keep_comments))


def wave_label_for(session: Session, label: str | None, wave: PreparedWave) -> str:
    """The label asked for (checked), or one from the responses' dates or the file's name."""
    if label:
        return clean_wave_label(session, label)
    return unique_wave_label(session, default_wave_label(wave.source_name, wave.last_response))
