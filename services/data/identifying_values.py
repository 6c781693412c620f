"""What in a survey file identifies a person, judged by what the text says, not only by column names.

Staff answer because we promise nothing identifies them, and survey files put identifying text
where no header warns of it: an email typed into a comment, a phone number as someone's "school",
a "Supervisor name" column that looks like a grouping question. So every value WellPlan would keep
as text (group names, kept comments, item and scale labels) is scanned here first, and a header
is read word by word for what it asks for ("Name (optional)", "Employee ID #", "Q1_email").

The import uses this in three ways: a column whose answers hold contact details or ids is never a
respondent attribute; a column that asks for a name or an id is dropped; a kept comment has these
things replaced by "[... removed]". Names typed inside free text can't all be found, which is why
keeping comments stays opt-in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from services.resource_paths import resource_path

EMAIL = re.compile(r"[^@\s<>(),;:\"'\[\]]+@[^@\s<>(),;:\"'\[\]]+\.[a-z]{2,}", re.IGNORECASE)
URL = re.compile(r"\b(?:https?://|ftp://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|us|io|"
                 r"info|biz|k12\.[a-z]{2}\.us)(?:/\S*)?\b", re.IGNORECASE)
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# IPv6 in full, or shortened with "::" (at least two groups so a clock time like 10:30 isn't one)
IPV6 = re.compile(r"(?<![0-9a-f:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}"
                  r"(?::[0-9a-f]{1,4}){0,5})?|::(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})(?![0-9a-f:])", re.IGNORECASE)
# Phone numbers as people write them: (555) 201-3344, 555.201.3344, +1 555 201 3344, +44 20 7946 0958
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w.])"
                   r"|(?<![\w.])\d{3}[.-]\d{4}(?![\w.])")
# An id: five or more digits in a row (employee and badge numbers, respondent ids), alone or with
# letters around them (E-204518, EMP00123); a four-digit year stays readable.
ID_NUMBER = re.compile(r"(?<![\d])(?:[a-z]{1,4}[-#]?)?\d{5,}(?![\d])", re.IGNORECASE)

_KINDS = (("an email address", EMAIL), ("a web address", URL), ("an IP address", IPV4), ("an IP address", IPV6),
          ("a phone number", PHONE), ("an id number", ID_NUMBER))
_REPLACEMENTS = {"an email address": "[email removed]", "a web address": "[web address removed]",
                 "an IP address": "[address removed]", "a phone number": "[phone removed]",
                 "an id number": "[number removed]"}


def identifying_kind(text: str) -> str | None:
    """What identifying thing the text holds anywhere in it ("an email address", ...), or None."""
    if not text or not any(ch.isdigit() or ch in "@:." for ch in text):
        return None  # most answers: words only, nothing to look for
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return None


def redact(text: str) -> str:
    """The text with every email, web address, IP address, phone number and id replaced."""
    if identifying_kind(text) is None:
        return text
    for kind, pattern in _KINDS:
        text = pattern.sub(_REPLACEMENTS[kind], text)
    return text


# ---- headers ---------------------------------------------------------------------------------

def header_words(header: str) -> list[str]:
    """A header's words, lower case: "Q1_email" -> q1, email; "EmployeeID #" -> employee, id, #."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", header)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    words = re.findall(r"#|[a-z0-9]+", spaced.casefold().replace("e-mail", "email"))
    return words


_NAME_WORDS = {"name", "names", "firstname", "lastname", "fullname", "surname", "forename", "signature",
               "initials", "username"}
# Words that make a "name" the name of a place or a thing, not of a person ("School name").
_THING_WORDS = {"school", "schools", "building", "site", "campus", "department", "program", "programme", "district",
                "organization", "organisation", "team", "course", "class", "unit", "office", "company", "employer",
                "agency", "facility", "location", "project", "event", "survey", "form", "file"}
_CONTACT_WORDS = {"email", "emails", "mail", "phone", "telephone", "tel", "mobile", "cellphone", "fax", "ssn",
                  "login", "ip", "ipaddress", "ipv4", "ipv6", "latitude", "longitude", "lat", "lon", "long", "zip",
                  "zipcode", "postcode", "postal", "birthday", "birthdate", "dob", "url", "website"}
_ID_WORDS = {"id", "ids", "identifier", "uid", "guid", "uuid", "responseid", "respondentid", "employeeid", "staffid",
             "userid", "recipient", "collector", "externalreference", "externaldatareference", "custom", "embedded"}
_NUMBER_WORDS = {"number", "num", "no", "nr", "#", "code"}
_PERSON_WORDS = {"employee", "staff", "badge", "payroll", "personnel", "student", "member", "respondent", "worker",
                 "social", "security", "national", "insurance", "teacher", "user", "account", "contact", "personal",
                 "your", "my"}
_TIME_WORDS = {"timestamp", "time", "datetime", "date", "submitted", "duration", "recorded", "modified", "completed",
               "completion", "started", "ended"}
_TECHNICAL = {("start", "date"), ("end", "date"), ("start", "time"), ("end", "time"), ("completion", "time"),
              ("last", "modified"), ("recorded", "date"), ("date", "submitted"), ("submission", "date"),
              ("response", "set"), ("ip", "address"), ("distribution", "channel"), ("user", "language")}
_LONG_QUESTION = 9  # a question this long is about something; only short headers name a field


def identifying_header(header: str) -> str | None:
    """Why a header asks for a person's name, contact details, an id or a technical field, or None.

    Read word by word, so "Supervisor name", "Name (optional)", "Employee ID #", "Q1_email" and
    "Staff number" are all found, while "School name" and "Number of years in the district" are not.
    """
    words = header_words(header)
    if not words or len(words) > _LONG_QUESTION:
        return None
    found = set(words)
    if found & _NAME_WORDS and not found & _THING_WORDS:
        return "it asks for a person's name"
    if found & _CONTACT_WORDS or (found & {"address"} and (len(words) <= 3 or found & {"home", "street", "mailing"})):
        return "it asks for contact details or a location"
    if found & _ID_WORDS or (found & _NUMBER_WORDS and found & _PERSON_WORDS):
        return "it holds an id or a reference number"
    pairs = set(zip(words, words[1:], strict=False))
    if pairs & _TECHNICAL or (len(words) <= 3 and found & _TIME_WORDS):
        return "it is a date, time or other technical field of the survey tool"
    return None


_GENERIC = re.compile(r"(column|field|var|variable|question|q|v|item|custom data|untitled|unnamed|value|data)"
                      r"[\s_:#.-]*\d*(?:[_.-]\d+)*(?:[_.-]text)?", re.IGNORECASE)


def generic_header(header: str) -> bool:
    """A header that says nothing about what the column is ("Column 7", "Q12_3", "Unnamed: 4", "")."""
    text = header.strip()
    return not text or bool(_GENERIC.fullmatch(text)) or not any(ch.isalpha() for ch in text)


# ---- values shaped like people ---------------------------------------------------------------

@cache
def _first_names() -> frozenset[str]:
    text = resource_path("names", "first_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip()
                     and not line.startswith("#"))


_TITLE = re.compile(r"^(mr|mrs|ms|miss|mx|dr|prof)\.?\s+[A-Z][\w'-]+", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\.?")
# Words of group names that first names can also be ("Grant High", "Jackson Elementary").
_PLACE_WORDS = {"school", "elementary", "middle", "high", "academy", "center", "centre", "campus", "district",
                "office", "services", "service", "staff", "department", "k-8", "primary", "secondary", "program",
                "building", "annex", "street", "avenue", "road", "park", "hill", "county", "team", "unit"}


def looks_like_person_name(value: str) -> bool:
    """ "Maria Lopez", "Lopez, Maria", "Ms. Okafor", "J. Smith": shaped like a person's name."""
    text = " ".join(value.split())
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    if _TITLE.match(text):
        return True
    if "," in text:
        last, _, first = text.partition(",")
        tokens = [first.strip(), last.strip()]
        tokens = " ".join(tokens).split()
    else:
        tokens = text.split()
    if not 2 <= len(tokens) <= 4 or not all(_NAME_TOKEN.fullmatch(t) or re.fullmatch(r"[A-Z]\.", t) for t in tokens):
        return False
    if {t.casefold().rstrip(".") for t in tokens} & _PLACE_WORDS:
        return False
    names = _first_names()
    return any(t.casefold().rstrip(".") in names for t in tokens[:2]) or bool(re.fullmatch(r"[A-Z]\.", tokens[0]))


def people_like_groups(counts: dict[str, int]) -> str | None:
    """Why these answers (value -> how many gave it) look like people rather than groups, or None:
    many of them are shaped like names, or most "groups" hold one or two people."""
    values = [v for v, n in counts.items() if n]
    if not values:
        return None
    named = sum(1 for v in values if looks_like_person_name(v))
    if named >= 2 and named >= len(values) * 0.3:
        return "its answers look like people's names"
    tiny = sum(1 for v in values if counts[v] <= 2)
    if len(values) >= 10 and tiny > len(values) / 2:
        return "most of its answers were given by only one or two people, so they would single people out"
    return None


_CAPITALISED = re.compile(r"\b[A-Z][\w'-]+")
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][\w'-]+")
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?[A-Z][\w'-]+")
NAME_REMOVED = "[name removed]"


def known_names(values: Iterable[str]) -> frozenset[str]:
    """The words of the names a file itself holds (its name, supervisor and recipient columns):
    each capitalised word of three letters or more, to be found again inside comments."""
    words: set[str] = set()
    for value in values:
        for part in re.split(r"[\s,]+", value):
            part = part.strip(".()'\"")
            if len(part) >= 3 and part[:1].isupper():
                words.add(part)
    return frozenset(words)


def redact_names(text: str, names: frozenset[str] = frozenset()) -> str:
    """The text without the names it can be seen to hold: any word the file's own name columns
    hold, a title with a surname ("Ms. Okafor"), and a common first name with a surname."""
    if names:
        text = _CAPITALISED.sub(lambda m: NAME_REMOVED if m.group(0) in names else m.group(0), text)
    text = _TITLED_NAME.sub(NAME_REMOVED, text)
    first = _first_names()
    return _NAME_PAIR.sub(lambda m: NAME_REMOVED if m.group(1).casefold() in first else m.group(0), text)


def identifying_values(values: Iterable[str]) -> tuple[str | None, int]:
    """The first kind of identifying content among ``values`` and how many values hold some."""
    first, count = None, 0
    for value in values:
        kind = identifying_kind(value)
        if kind is not None:
            first = first or kind
            count += 1
    return first, count
