"""What each column of a survey file is: the roles WellPlan proposes, and the answer scales.

Roles, as the import wizard offers them:
- ``identifying``: names, emails, IP addresses, recipient and location fields, response ids,
  timestamps, durations. Never stored, whatever else the file holds.
- ``dimension``: a respondent attribute results are broken down by (role, school, tenure, ...).
- ``scale``: an item answered on a scale (agreement, frequency, satisfaction labels in any
  letter case, or numbers 1..N).
- ``comment``: free text, stored only if the user opts in for that import.
Answers such as "Don't know", "N/A", "Prefer not to say" and blanks are missing, not values.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from services.survey_files import SurveyColumn, SurveyFileError, SurveyTable, normalize_text


class Role(enum.StrEnum):
    IDENTIFYING = "identifying"
    DIMENSION = "dimension"
    SCALE = "scale"
    COMMENT = "comment"


ROLE_LABELS = {
    Role.IDENTIFYING: "Identifying or technical (never stored)",
    Role.DIMENSION: "Respondent attribute (group results by it)",
    Role.SCALE: "Scale item",
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

_IDENTIFYING_HEADERS = {
    "name", "first name", "last name", "full name", "your name", "employee name", "respondent name",
    "email", "e-mail", "email address", "e-mail address", "your email", "username", "user name",
    "ip address", "ipaddress", "ip", "response id", "responseid", "respondent id", "collector id",
    "external reference", "externalreference", "externaldatareference", "timestamp", "start date", "startdate",
    "end date", "enddate", "recorded date", "recordeddate", "submitted", "submission date", "date submitted",
    "duration", "duration (in seconds)", "progress", "finished", "status", "distribution channel",
    "distributionchannel", "user language", "userlanguage", "custom data", "employee id", "employee number",
    "staff id", "phone", "phone number", "mobile", "address", "street address",
}
_IDENTIFYING_PREFIXES = ("recipient", "location", "latitude", "longitude", "geo", "ip ", "q_recaptcha", "q_relevant",
                         "q_unanswered", "q_language", "q_total")
_DIMENSION_WORDS = re.compile(r"\b(role|position|job|school|site|building|department|unit|tenure|years|service|"
                              r"grade|level|location type|campus|shift|group|category|classification|union|"
                              r"employee type|staff type|full[- ]time|part[- ]time)\b", re.IGNORECASE)
_MANY_ANSWERS = 200  # more distinct answers than any scale or group has
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_IP = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$|^[0-9a-f:]{6,}:[0-9a-f:]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Scale:
    kind: str  # "agreement", "frequency", ..., or "numeric"
    labels: tuple[str, ...]  # lowest first; numbers as text for a numeric scale

    @property
    def points(self) -> int:
        return len(self.labels)

    @property
    def text(self) -> str:
        if self.kind == "numeric":
            return f"numbers 1-{self.points}"
        return f"{self.kind}, {self.points} points ({self.labels[0]} ... {self.labels[-1]})"


@dataclass(frozen=True)
class ColumnProposal:
    column: SurveyColumn
    role: Role
    scale: Scale | None = None
    reason: str = ""  # why this role was proposed, for the wizard and the command line


def missing_tokens(extra: Iterable[str] = ()) -> frozenset[str]:
    return DEFAULT_MISSING | {normalize_text(t) for t in extra}


def answer_counts(table: SurveyTable, column: int, missing: frozenset[str]) -> dict[str, int]:
    """How often each (non-missing) answer was given: read from the column's categories, so a
    150,000-row column costs no more than its distinct answers."""
    counts = table.frame[column].value_counts(sort=False)
    return {str(v): int(n) for v, n in counts.items() if n and normalize_text(str(v)) not in missing}


def detect_scale(values: list[str]) -> Scale | None:
    """The scale all these (non-missing) answers are on, or None."""
    if not values:
        return None
    found = {normalize_text(v) for v in values}
    for kind, labels in sorted(LABEL_SCALES, key=lambda s: len(s[1])):
        if found <= set(labels):
            return Scale(kind, labels)
    if all(re.fullmatch(r"\d{1,2}(\.0)?", v.strip()) for v in values):
        numbers = {int(float(v)) for v in values}
        if min(numbers) >= 1 and len(numbers) >= 2:
            top = next((p for p in NUMERIC_POINTS if max(numbers) <= p), None)
            if top is not None:
                return Scale("numeric", tuple(str(n) for n in range(1, top + 1)))
    return None


def propose_role(table: SurveyTable, column: SurveyColumn, missing: frozenset[str]) -> ColumnProposal:
    header, label = normalize_text(column.header), normalize_text(column.label)
    if header in _IDENTIFYING_HEADERS or label in _IDENTIFYING_HEADERS or \
            header.startswith(_IDENTIFYING_PREFIXES):
        return ColumnProposal(column, Role.IDENTIFYING, reason="its name says it identifies people or is technical")
    categories = table.frame[column.index].cat.categories
    if len(categories) > _MANY_ANSWERS:
        # Too many different answers for a scale or a group: free text, or ids and addresses.
        # A sample decides which, so a 150,000-row column of timestamps costs no more than 500.
        sample = [str(v).strip() for v in categories[:500]]
        if any(_EMAIL.match(v) for v in sample):
            return ColumnProposal(column, Role.IDENTIFYING, reason="it holds email addresses")
        if sum(1 for v in sample if _IP.match(v)) > len(sample) / 2:
            return ColumnProposal(column, Role.IDENTIFYING, reason="it holds IP addresses")
        if all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in sample if v):
            return ColumnProposal(column, Role.IDENTIFYING, reason="numbers that are neither a scale nor a group "
                                                                   "(ids, counts or times)")
        return ColumnProposal(column, Role.COMMENT, reason="free text")
    counts = answer_counts(table, column.index, missing)
    answered = sum(counts.values())
    sample = list(counts)[:500]
    if any(_EMAIL.match(v.strip()) for v in sample):
        return ColumnProposal(column, Role.IDENTIFYING, reason="it holds email addresses")
    if answered and sum(counts[v] for v in sample if _IP.match(v.strip())) > answered / 2:
        return ColumnProposal(column, Role.IDENTIFYING, reason="it holds IP addresses")
    scale = detect_scale(list(counts))
    if scale is not None and not _DIMENSION_WORDS.search(column.label if scale.kind == "numeric" else ""):
        return ColumnProposal(column, Role.SCALE, scale, reason=f"its answers are on a scale ({scale.text})")
    if not answered:
        return ColumnProposal(column, Role.COMMENT, reason="nobody answered it")
    distinct = {normalize_text(v) for v in counts}
    mean_length = sum(len(v) * n for v, n in counts.items()) / answered
    # Respondent attributes are answered by nearly everyone; comments are often sparse.
    mostly_answered = answered >= table.row_count / 2
    if _DIMENSION_WORDS.search(column.label) and len(distinct) <= 60 and mean_length < 60 and mostly_answered:
        return ColumnProposal(column, Role.DIMENSION, reason="its name and few distinct answers suggest a group")
    if len(distinct) <= 40 and len(distinct) <= max(2, answered // 3) and mean_length < 40 and mostly_answered:
        return ColumnProposal(column, Role.DIMENSION, reason=f"{len(distinct)} distinct answers, each given often")
    if all(re.fullmatch(r"-?\d+(\.\d+)?", v.strip()) for v in counts):
        return ColumnProposal(column, Role.IDENTIFYING, reason="numbers that are neither a scale nor a group "
                                                               "(ids, counts or times)")
    return ColumnProposal(column, Role.COMMENT, reason="free text")


def propose_roles(table: SurveyTable, extra_missing: Iterable[str] = ()) -> list[ColumnProposal]:
    missing = missing_tokens(extra_missing)
    return [propose_role(table, c, missing) for c in table.columns]


MISSING = 0  # in the answer arrays: no answer


def scale_values(table: SurveyTable, proposal: ColumnProposal, extra_missing: Iterable[str] = (),
                 reverse: bool = False):
    """Each row's answer as 1..N (reverse-scored if asked) in a numpy int8 array, 0 when missing.

    Worked out once per distinct answer, then applied to the whole column. An answer that is not on
    the scale stops the import with its row and column.
    """
    import numpy as np

    if proposal.scale is None:
        raise ValueError("not a scale item")
    missing = missing_tokens(extra_missing)
    positions = {normalize_text(label): n for n, label in enumerate(proposal.scale.labels, 1)}
    points = proposal.scale.points
    series = table.frame[proposal.column.index]
    categories = [str(c) for c in series.cat.categories]
    lookup = np.zeros(len(categories) + 1, dtype=np.int8)  # the last slot: pandas' code -1 (NaN)
    for code, value in enumerate(categories):
        key = normalize_text(value)
        if key in missing:
            continue
        if proposal.scale.kind == "numeric" and re.fullmatch(r"-?\d+(\.0+)?", key):
            key = str(int(float(key)))
        n = positions.get(key)
        if n is None:
            row = int(np.argmax(series.cat.codes.to_numpy() == code))
            raise SurveyFileError(
                f"{table.name}: row {table.row_number(row)}, column '{proposal.column.header}': '{value}' is not "
                f"on the item's scale ({proposal.scale.text}). Fix the value, or name it as missing with --missing.")
        lookup[code] = points + 1 - n if reverse else n
    return lookup[series.cat.codes.to_numpy()]
