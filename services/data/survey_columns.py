"""What each column of a survey file is: the roles WellPlan proposes, and the answer scales.

Roles, as the import wizard offers them:
- ``identifying``: names, emails, IP addresses, recipient and location fields, response ids,
  timestamps, durations. Never stored, whatever else the file holds.
- ``dimension``: a respondent attribute results are broken down by (role, school, tenure, ...).
- ``scale``: an item answered on a scale (agreement, frequency, satisfaction labels in any
  letter case, or numbers 1..N).
- ``comment``: free text, stored only if the user opts in for that import.
Answers such as "Don't know", "N/A", "Prefer not to say" and blanks are missing, not values.

Long because each role's evidence (headers read word by word, scales, choices, what the
answers hold) is weighed against the others in one place.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from services.data.identifying_values import (
    generic_header,
    identifying_header,
    identifying_kind,
    identifying_values,
    looks_like_person_name,
    people_like_groups,
)
from services.data.survey_files import SurveyColumn, SurveyFileError, SurveyTable, normalize_text


class Role(enum.StrEnum):
    IDENTIFYING = "identifying"
    DIMENSION = "dimension"
    SCALE = "scale"
    CHOICES = "choices"
    COMMENT = "comment"


ROLE_LABELS = {
    Role.IDENTIFYING: "Not stored (identifying or technical)",
    Role.DIMENSION: "Respondent attribute (group results by it)",
    Role.SCALE: "Scale item",
    Role.CHOICES: "Tick-all-that-apply (share who ticked each choice)",
    Role.COMMENT: "Free-text comment",
}

DEFAULT_MISSING = frozenset({
    "", "don't know", "dont know", "do not know", "n/a", "na", "not applicable", "prefer not to say",
    "prefer not to answer", "decline to answer", "no answer", "skipped", "-99", "-", ".",
})

# Label scales, lowest first. A column is on the smallest one that holds all its answers.
LABEL_SCALES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("agreement", ("strongly disagree", "disagree", "agree", "strongly agree")),
    ("agreement", ("strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree")),
    ("agreement", ("strongly disagree", "disagree", "neutral", "agree", "strongly agree")),
    ("agreement", ("strongly disagree", "disagree", "somewhat disagree", "neither agree nor disagree",
                   "somewhat agree", "agree", "strongly agree")),
    ("frequency", ("never", "rarely", "sometimes", "often", "always")),
    ("frequency", ("never", "rarely", "sometimes", "most of the time", "always")),
    ("frequency", ("never", "rarely", "sometimes", "usually", "always")),
    ("frequency", ("never", "sometimes", "often", "always")),
    ("satisfaction", ("very dissatisfied", "dissatisfied", "satisfied", "very satisfied")),
    ("satisfaction", ("very dissatisfied", "dissatisfied", "neither satisfied nor dissatisfied", "satisfied",
                      "very satisfied")),
    ("satisfaction", ("very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied")),
    ("satisfaction", ("very dissatisfied", "somewhat dissatisfied", "somewhat satisfied", "very satisfied")),
    ("likelihood", ("very unlikely", "unlikely", "neutral", "likely", "very likely")),
    ("quality", ("poor", "fair", "good", "very good", "excellent")),
)
NUMERIC_POINTS = (4, 5, 6, 7, 10, 11)
MAX_POINTS = 127  # answers are stored one byte each (int8)
CHOICE_SCALE_KIND = "choice"  # a tick-all-that-apply choice stored as 1 = not ticked, 2 = ticked
OTHER_CHOICE = "Other (written in)"

# Fields of the survey tools that are technical rather than personal but still never stored.
_TECHNICAL_HEADERS = {
    "progress", "finished", "status", "distribution channel", "distributionchannel", "user language",
    "userlanguage", "response type", "language", "q_recaptchascore", "q_relevantidduplicate",
    "q_relevantidduplicatescore", "q_relevantidfraudscore", "q_relevantidlaststartdate", "q_totalduration",
    "q_unansweredpercentage", "q_unansweredquestions", "q_language", "response set", "responseset",
}
_IDENTIFYING_PREFIXES = ("recipient", "location", "latitude", "longitude", "geo", "ip ", "q_recaptcha", "q_relevant",
                         "q_unanswered", "q_language", "q_total")
_DIMENSION_WORDS = re.compile(r"\b(role|position|job|school|site|building|department|unit|tenure|years|service|"
                              r"grade|level|location type|campus|shift|group|category|classification|union|"
                              r"employee type|staff type|full[- ]time|part[- ]time)\b", re.IGNORECASE)
# Questions that ask people to write: their answers are comments however few distinct ones there are.
_OPEN_ENDED_WORDS = re.compile(r"\b(comments?|explain|describe|specify|suggestions?|anything else|tell us|"
                               r"feedback|please share|in your own words|other thoughts|what else|ideas?|"
                               r"why or why not|open-ended)\b", re.IGNORECASE)
_MANY_ANSWERS = 200  # more distinct answers than any scale or group has
_ODD_SHARE = 0.1  # a scale column may have this share of its answers off the scale, to be checked
_ODD_DISTINCT = 5  # ... in at most this many different values
_CHOICE_MIN_ROWS = 3  # a written-in choice given by fewer people is folded into "Other (written in)"


@dataclass(frozen=True)
class Scale:
    kind: str  # "agreement", "frequency", ..., "numeric", or "choice"
    labels: tuple[str, ...]  # lowest first; numbers as text for a numeric scale

    @property
    def points(self) -> int:
        return len(self.labels)

    @property
    def text(self) -> str:
        if self.kind == "numeric":
            return f"numbers 1-{self.points}"
        if self.kind == CHOICE_SCALE_KIND:
            return "ticked or not"
        return f"{self.kind}, {self.points} points ({self.labels[0]} ... {self.labels[-1]})"


CHOICE_SCALE = Scale(CHOICE_SCALE_KIND, ("not ticked", "ticked"))


@dataclass(frozen=True)
class ColumnProposal:
    column: SurveyColumn
    role: Role
    scale: Scale | None = None
    reason: str = ""  # why this role was proposed, for the wizard and the command line
    odd: tuple[str, ...] = ()  # a scale item's answers that are not on its scale, to be mapped by the user
    options: tuple[str, ...] = ()  # a tick-all-that-apply question's choices
    separator: str = ""  # how its choices are joined in one cell ("" when each choice has its own column)
    refusal: str = ""  # why this column may never be a respondent attribute, if it may not


def missing_tokens(extra: Iterable[str] = ()) -> frozenset[str]:
    return DEFAULT_MISSING | {normalize_text(t) for t in extra}


def answer_counts(table: SurveyTable, column: int, missing: frozenset[str]) -> dict[str, int]:
    """How often each (non-missing) answer was given: read from the column's categories, so a
    150,000-row column costs no more than its distinct answers."""
    import numpy as np

    series = table.frame[column]
    # pandas' code -1 (a row cut short) is counted in slot 0 and left out, as value_counts leaves it
    counts = np.bincount(series.cat.codes.to_numpy().astype(np.intp) + 1, minlength=len(series.cat.categories) + 1)
    return {str(v): int(n) for v, n in zip(series.cat.categories.tolist(), counts[1:].tolist(), strict=True)
            if n and normalize_text(str(v)) not in missing}


def _numeric(value: str) -> int | None:
    text = value.strip()
    return int(float(text)) if re.fullmatch(r"-?\d{1,4}(\.0+)?", text) else None


def fit_scale(counts: Mapping[str, int]) -> tuple[Scale, tuple[str, ...]] | None:
    """The scale these answers (answer -> how many) are on, and the answers off it: a column is a
    scale even with a typo ("Agreee") or an out-of-range code ("99") among its answers, as long as
    those are few; they are listed for the user rather than dropping the item."""
    if not counts:
        return None
    total = sum(counts.values())
    by_key: dict[str, int] = {}
    for value, n in counts.items():
        by_key[normalize_text(value)] = by_key.get(normalize_text(value), 0) + n
    best: tuple[int, int, Scale, tuple[str, ...]] | None = None
    for kind, labels in sorted(LABEL_SCALES, key=lambda s: len(s[1])):
        on = {k for k in by_key if k in labels}
        if len(on) < 2 and len(by_key) > 1:
            continue
        odd = tuple(v for v in counts if normalize_text(v) not in labels)
        candidate = (-sum(counts[v] for v in odd), len(labels), Scale(kind, labels), odd)
        if best is None or candidate[0] > best[0]:  # fewest answers off it; the smallest scale first
            best = candidate
    numbers = {v: _numeric(v) for v in counts}
    in_range = {n for n in numbers.values() if n is not None and 1 <= n <= NUMERIC_POINTS[-1]}
    if len(in_range) >= 2:
        top = next(p for p in NUMERIC_POINTS if max(in_range) <= p)
        odd = tuple(v for v, n in numbers.items() if n is None or not 1 <= n <= top)
        candidate = (-sum(counts[v] for v in odd), top, Scale("numeric", tuple(str(n) for n in range(1, top + 1))),
                     odd)
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None:
        return None
    odd_answers, _, scale, odd = best
    if odd and (-odd_answers > total * _ODD_SHARE or len(odd) > _ODD_DISTINCT):
        return None
    return scale, odd


def showable_answer(value: str, scale: Scale | None = None) -> str | None:
    """An odd answer as it may be shown and named in a message, or None when it could be something a
    respondent wrote about themselves: only numbers and near-misses of a scale label are shown."""
    text = " ".join(value.split())
    if not text or len(text) > 40 or identifying_kind(text) or looks_like_person_name(text):
        return None
    if re.fullmatch(r"-?\d{1,4}(\.\d+)?", text):
        return text
    labels = scale.labels if scale is not None else tuple(label for _k, labels in LABEL_SCALES for label in labels)
    if difflib.get_close_matches(normalize_text(text), labels, n=1, cutoff=0.7):
        return text
    return None


def choice_options(table: SurveyTable, column: SurveyColumn, missing: frozenset[str],
                   counts: Mapping[str, int] | None = None) -> tuple[tuple[str, ...], str] | None:
    """A tick-all-that-apply question answered in one cell: its choices and their separator.

    Microsoft Forms joins the choices with ";" (often with one at the end), Google Forms with ", ".
    The choices must recur: a written-in answer given by fewer than three people is not a choice
    (it is counted as "Other (written in)", and its text is never kept)."""
    counts = answer_counts(table, column.index, missing) if counts is None else counts
    answered = sum(counts.values())
    if not answered or len(counts) > _MANY_ANSWERS:
        return None
    for separator in (";", ", ", ","):
        joined = sum(n for v, n in counts.items() if separator in v.strip().strip(";"))
        trailing = separator == ";" and sum(n for v, n in counts.items() if v.strip().endswith(";")) > answered / 2
        if not trailing and joined < max(2, answered * 0.15):
            continue
        pieces: dict[str, int] = {}
        combined: dict[str, int] = {}  # in how many different answers each piece appears
        for value, n in counts.items():
            for piece in split_choices(value, separator):
                pieces[piece] = pieces.get(piece, 0) + n
                combined[piece] = combined.get(piece, 0) + 1
        # Real choices are ticked in several combinations; a group name that has a comma in it
        # ("Paraprofessionals, aides") only ever appears with its own other half.
        if not trailing and sum(1 for p in combined if combined[p] >= 2) < 2:
            continue
        common = [p for p, n in sorted(pieces.items(), key=lambda t: -t[1]) if n >= _CHOICE_MIN_ROWS
                  and not identifying_kind(p) and not looks_like_person_name(p) and len(p) <= 80]
        if len(common) >= 2 and len(common) <= 40 and sum(pieces[p] for p in common) >= 0.7 * sum(pieces.values()):
            return tuple(common), separator
    return None


def split_choices(value: str, separator: str) -> list[str]:
    return [p.strip() for p in value.split(separator) if p.strip()]


_TICK_MARKS = {"1", "x", "yes", "true", "selected", "checked", "ticked"}


def _ticks_only(counts: Mapping[str, int], label: str) -> bool:
    """A column whose every answer is the choice's own text, or one tick mark (Qualtrics' older
    export writes 1), blank for everyone who didn't tick it."""
    found = {normalize_text(v) for v in counts}
    return len(found) <= 1 and (not found or found <= {normalize_text(label)} | _TICK_MARKS)


def _choice_columns(table: SurveyTable, missing: frozenset[str]) -> dict[int, str]:
    """SurveyMonkey writes a multi-select as one column per choice, the choice under the question
    in the second header row and again as the answer of everyone who ticked it."""
    found: dict[int, str] = {}
    by_question: dict[str, list[SurveyColumn]] = {}
    for c in table.columns:
        if c.question and c.hint != "open-ended":
            by_question.setdefault(c.question, []).append(c)
    for columns in by_question.values():
        if len(columns) < 2:
            continue
        ticked = [c for c in columns if _ticks_only(answer_counts(table, c.index, missing), c.label)]
        if len(ticked) == len(columns) or len(ticked) >= 2 and len(ticked) >= len(columns) - 1:
            found.update({c.index: c.question for c in ticked})
    return found


_GROUP_QUESTION = re.compile(r"^(which|what|where|select|choose|your|how many|how long|in which|at which|"
                             r"indicate)\b", re.IGNORECASE)


def asks_for_group(label: str) -> bool:
    """A question about who the respondent is ("What is your position?", "School", "Years in
    district"), not a statement that happens to name a school or a job ("I feel safe at my school.")."""
    text = label.strip()
    if not _DIMENSION_WORDS.search(text):
        return False
    return len(text.split()) <= 4 or text.endswith("?") or bool(_GROUP_QUESTION.match(text))


def _person_reason(header: str, label: str) -> str | None:
    return identifying_header(label) or (identifying_header(header) if header != label else None)


def propose_role(table: SurveyTable, column: SurveyColumn, missing: frozenset[str],
                 choice_columns: Mapping[int, str] | None = None) -> ColumnProposal:
    header, label = normalize_text(column.header), normalize_text(column.label)
    never = "it is one of the survey tool's respondent fields"
    if column.hint == "metadata":
        return ColumnProposal(column, Role.IDENTIFYING, reason=never, refusal=never)
    why = _person_reason(column.header, column.label)
    if why:
        return ColumnProposal(column, Role.IDENTIFYING, reason=why, refusal=why)
    if header in _TECHNICAL_HEADERS or label in _TECHNICAL_HEADERS or header.startswith(_IDENTIFYING_PREFIXES):
        why = "it is a technical field of the survey tool"
        return ColumnProposal(column, Role.IDENTIFYING, reason=why, refusal=why)
    categories = table.frame[column.index].cat.categories
    if len(categories) > _MANY_ANSWERS:
        # Too many different answers for a scale or a group: free text, or ids and addresses.
        # A sample decides which, so a 150,000-row column of timestamps costs no more than 500.
        sample = [str(v).strip() for v in categories[:500] if str(v).strip()]
        kind, holding = identifying_values(sample)
        if kind and holding > len(sample) / 2:
            why = f"its answers are {kind.split(' ', 1)[1]}es" if kind.endswith("address") else \
                f"its answers hold {kind}"
            return ColumnProposal(column, Role.IDENTIFYING, reason=why, refusal=why)
        if all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in sample):
            why = "numbers that are neither a scale nor a group (ids, counts or times)"
            return ColumnProposal(column, Role.IDENTIFYING, reason=why, refusal=why)
        return ColumnProposal(column, Role.COMMENT, reason="free text: many different answers",
                              refusal="its answers are free text, with too many different answers to be groups")
    counts = answer_counts(table, column.index, missing)
    answered = sum(counts.values())
    kind, holding = identifying_values(counts)
    refusal = f"some of its answers hold {kind}" if kind else ""
    if kind and sum(counts[v] for v in counts if identifying_kind(v)) > answered / 2:
        return ColumnProposal(column, Role.IDENTIFYING, reason=f"its answers hold {kind}", refusal=refusal)
    if choice_columns and column.index in choice_columns:
        return ColumnProposal(column, Role.CHOICES, CHOICE_SCALE, options=(column.label,),
                              reason="one choice of a tick-all-that-apply question")
    fitted = fit_scale(counts) if column.hint != "open-ended" else None
    if fitted is not None:
        scale, odd = fitted
        # Numbers 1..N can also be the codes of a group ("What is your position?" in an export of codes).
        if not (scale.kind == "numeric" and asks_for_group(column.label)):
            reason = f"its answers are on a scale ({scale.text})"
            if odd:
                reason += f"; {sum(counts[v] for v in odd)} answers are not, and need your decision"
            return ColumnProposal(column, Role.SCALE, scale, reason=reason, odd=odd,
                                  refusal=refusal or "its answers are on a scale")
    if not answered:
        return ColumnProposal(column, Role.COMMENT, reason="nobody answered it", refusal="nobody answered it")
    open_ended = column.hint == "open-ended" or bool(_OPEN_ENDED_WORDS.search(column.label))
    if open_ended:
        why = "the file marks it as an open-ended question" if column.hint == "open-ended" else \
            "its question asks people to write"
        return ColumnProposal(column, Role.COMMENT, reason=why, refusal=refusal or why)
    joined = choice_options(table, column, missing, counts)
    if joined is not None:
        options, separator = joined
        return ColumnProposal(column, Role.CHOICES, CHOICE_SCALE, options=options, separator=separator,
                              reason=f"a tick-all-that-apply question ({len(options)} choices)")
    distinct = {normalize_text(v) for v in counts}
    mean_length = sum(len(v) * n for v, n in counts.items()) / answered
    # Respondent attributes are answered by nearly everyone; comments are often sparse.
    mostly_answered = answered >= table.row_count / 2
    people = people_like_groups(counts)
    refusal = refusal or people or ("its column has no meaningful name" if generic_header(column.label) and
                                    generic_header(column.header) else "")
    named_group = asks_for_group(column.label)
    varied = mean_length >= 40 or len(distinct) > (60 if named_group else min(40, max(2, answered // 3)))
    if not refusal and not varied and mostly_answered:
        why = "its name and few distinct answers suggest a group" if named_group else \
            f"{len(distinct)} distinct answers, each given often"
        return ColumnProposal(column, Role.DIMENSION, reason=why)
    if all(re.fullmatch(r"-?\d+(\.\d+)?", v.strip()) for v in counts):
        why = "numbers that are neither a scale nor a group (ids, counts or times)"
        return ColumnProposal(column, Role.IDENTIFYING, reason=why, refusal=refusal or why)
    if people and not varied:
        return ColumnProposal(column, Role.IDENTIFYING, reason=people, refusal=people)
    why = "free text: long or varied answers" if varied else "free text"
    return ColumnProposal(column, Role.COMMENT, reason=why, refusal=refusal or why)


def propose_roles(table: SurveyTable, extra_missing: Iterable[str] = ()) -> list[ColumnProposal]:
    missing = missing_tokens(extra_missing)
    choice_columns = _choice_columns(table, missing)
    return [propose_role(table, c, missing, choice_columns) for c in table.columns]


MISSING = 0  # in the answer arrays: no answer


def scale_values(table: SurveyTable, proposal: ColumnProposal, extra_missing: Iterable[str] = (),
                 reverse: bool = False, recode: Mapping[str, int] | None = None):
    """Each row's answer as 1..N (reverse-scored if asked) in a numpy int8 array, 0 when missing.

    Worked out once per distinct answer, then applied to the whole column. ``recode`` maps answers
    off the scale (normalised) to the point the user chose, or to 0 for missing. An answer that is
    still not on the scale stops the import naming its rows and column; its text is named only
    when it can't be something a respondent wrote about themselves (``showable_answer``).
    """
    import numpy as np

    if proposal.scale is None:
        raise ValueError("not a scale item")
    missing = missing_tokens(extra_missing)
    recode = recode or {}
    positions = {normalize_text(label): n for n, label in enumerate(proposal.scale.labels, 1)}
    points = proposal.scale.points
    series = table.frame[proposal.column.index]
    categories = [str(c) for c in series.cat.categories]
    lookup = np.zeros(len(categories) + 1, dtype=np.int8)  # the last slot: pandas' code -1 (NaN)
    unplaced: list[int] = []
    for code, value in enumerate(categories):
        key = normalize_text(value)
        if key in missing:
            continue
        if key in recode:
            n = recode[key] or None
            if n is None:
                continue
        else:
            if proposal.scale.kind == "numeric" and re.fullmatch(r"-?\d+(\.0+)?", key):
                key = str(int(float(key)))
            n = positions.get(key)
        if n is None:
            unplaced.append(code)
            continue
        lookup[code] = points + 1 - n if reverse else n
    if unplaced:
        codes = series.cat.codes.to_numpy()
        rows = np.flatnonzero(np.isin(codes, unplaced))
        raise SurveyFileError(odd_answers_message(table, proposal, [categories[c] for c in unplaced], rows))
    return lookup[series.cat.codes.to_numpy()]


def odd_answers_message(table: SurveyTable, proposal: ColumnProposal, values: Sequence[str], rows) -> str:
    """Which answers of a scale item are off its scale: the rows and the column, and the answers
    themselves only where they can be shown."""
    where = ", ".join(str(table.row_number(int(r))) for r in rows[:5]) + (" and more" if len(rows) > 5 else "")
    shown = [v for v in (showable_answer(v, proposal.scale) for v in values) if v]
    if len(shown) == len(values):
        what = ", ".join(f"'{v}'" for v in shown)
        verb = "is" if len(shown) == 1 else "are"
    else:  # free text in a scale column could be anything; its place is named, not its words
        what = f"{len(rows)} answer{'s' if len(rows) != 1 else ''}"
        verb = "is" if len(rows) == 1 else "are"
    return (f"{table.name}: row{'s' if len(rows) != 1 else ''} {where}, column '{proposal.column.header}': {what} "
            f"{verb} not on the item's scale ({proposal.scale.text}). Map each to a point of the scale or to "
            "missing (--answer 'TEXT=POINT' or --missing 'TEXT'), or fix the file.")
