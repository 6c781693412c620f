"""Test builders that write staff-survey exports laid out the way the survey tools write them.

Every builder takes a folder and returns a BuiltExport: the file it wrote, every identifying value
planted in it (``secrets``), and the answers a reader should get out of it, so a test can compute
means by hand and check that no identifying value reaches the plan file.

All data is made up. Addresses use the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24, 2001:db8::/32), e-mail domains end in .example.org / .example.com and phone numbers
use 555. The people are drawn from fixed name pools with a seeded ``random.Random``, so the same
(seed, n) gives the same file, byte for byte.

Where each layout comes from (only what the sources show is taken as fact; the rest is marked
ASSUMED in the builder's docstring):

- SurveyMonkey "All responses", expanded columns: the two header rows are as quoted, from a direct
  export, in a public parser (a comment in GGWash's DC election guide code): row 1
  ``Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,
  Custom Data 1`` then one cell per question with a multi-column question written once over a run
  of blank cells; row 2 blank under the metadata, ``Response`` under each single-choice question,
  ``Open-Ended Response`` under free text, the row or choice text under each column of a matrix or
  multi-part question. SurveyMonkey's own help pages are not in the searchable corpora, so the
  date format, the byte order mark, the .xlsx sheet name and the number formats are ASSUMED.
- Microsoft Forms: Microsoft's "Check and share your form results" says each question is a column
  and each response a row, and that names and e-mail addresses are not shown for anonymous
  responses; a Tech Community thread (quoted in public research notes) says a Likert question
  exports one column per statement headed by the statement alone, with label text as the value;
  public parsers normalise multi-select cells like ``"A;B;C;"`` (trailing semicolon). Public code
  reading real exports uses ``ID, Start time, Completion time, Email, Name`` (some ``Id``) and
  sometimes ``Last modified time``, and a sheet named ``Sheet1``.
- Google Forms: the ``Timestamp`` / ``Email Address`` first columns and all-quoted CSV are from
  public code reading real downloads; the ``Question [Row]`` grid headers, the ``", "`` checkbox
  join and both timestamp styles are ASSUMED (no Google help page was found in the corpora).
- Qualtrics: qualtrics.com "Understanding Your Dataset": CSV and TSV files come with 3 header rows:
  the internal field id (StartDate, Q1, ...), then the question text, then the import id. Real
  exports (ropensci/qualtRics tests/testthat/files/sample.csv and sample_legacy.csv, and a 2025
  export quoted in a public course page) give the exact metadata ids and row-2 labels, the
  ``{"ImportId":"QID1"}`` cells (with ``timeZone`` on dates), ``Status`` "IP Address" and
  ``Finished`` "True" when exporting choice text, the legacy ``V1..V10`` layout with its row 2
  ``ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,
  EndDate,Finished``, the Location columns after the questions and the trailing comma on every
  legacy row. The single-quoted ``{'ImportId': 'QID1'}`` row (with ``responseId``) is as detected by
  a public MaxDiff parser. Matrix columns are ``Question - Statement`` (current) and
  ``Question-Statement`` (legacy, as that parser rewrites them). A multiple-answer question is one
  cell of comma-joined choices in the current export (qualtRics issue #381 shows ``1,2,3``) and one
  column per choice in the legacy export.
- HR-system table: no tool; a title row, a blank row, then the header, padded like Excel's CSV.
"""

from __future__ import annotations

import csv
import io
import json
import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
FREQUENCY = ["Never", "Rarely", "Sometimes", "Often", "Always"]
DONT_KNOW = "Don't know"
TYPO = "Agreee"
OUT_OF_RANGE = "99"

AGREE_Q = "How much do you agree or disagree with each of the following statements?"
AGREE_STATEMENTS = [
    "I feel safe at my school.",
    "My supervisor gives me useful feedback.",
    "Staff are treated with respect by administrators.",
    "I have the resources I need to do my job well.",
    "I would recommend this district as a place to work.",
]
FREQUENCY_Q = "How often does each of the following happen?"
FREQUENCY_STATEMENTS = [
    "I receive recognition for good work.",
    "I feel overwhelmed by my workload.",
    "Staff meetings are a good use of my time.",
]
SATISFIED = "Overall, I am satisfied with my job."
STAY = "I plan to keep working in the district next school year."
RATING_Q = "On a scale of 1 to 5, how would you rate communication from the district office?"
POSITION_Q = "What is your position?"
SCHOOL_Q = "Which school do you work in?"
YEARS_Q = "How many years have you worked in the district?"
SUPERVISOR_Q = "Supervisor name"
NAME_Q = "Name (optional)"
SUPPORTS_Q = "Which of these supports have you used this school year? (Select all that apply)"
SUPPORTS = ["Instructional coaching", "Mentoring program", "Employee assistance program", "Professional development workshops"]
OTHER = "Other (please specify)"
COMMENT_Q1 = "What is one thing the district could do to improve staff morale?"
COMMENT_Q2 = "Is there anything else you would like to share?"
HR_TITLE = "Maple Hollow SD - Staff Climate Survey 2026"

POSITIONS = ["Teacher", "Paraprofessional", "Counselor", "Administrator", "Support staff"]
SCHOOLS = ["Maple Hollow Elementary", "Cedar Ridge Middle School", "Willow Creek High School", "District Office"]
YEARS = ["Less than 1 year", "1-5 years", "6-10 years", "More than 10 years"]

_FIRST = ["Marisol", "Thaddeus", "Priyanka", "Desmond", "Anneliese", "Kwabena", "Rosalind", "Ingrid", "Leopold",
          "Yesenia", "Cornelius", "Bartholomew", "Giselle", "Oluwaseun", "Henrietta", "Lucian", "Esperanza",
          "Ignatius", "Margaux", "Dashiell", "Philippa", "Evander", "Svetlana", "Augustin", "Dominique", "Rafferty",
          "Ottoline", "Cassius", "Magdalena", "Benedikt", "Wilhelmina", "Florian", "Anastasia", "Tobiah",
          "Guadalupe", "Percival", "Seraphina", "Lysander", "Zenobia", "Ezekiel"]
_LAST = ["Okonkwo", "Vandermeer", "Castellanos", "Abernathy", "Kowalczyk", "Delacroix", "Nakashima", "Oyelaran",
         "Szymanski", "Achterberg", "Pellegrino", "Thistlewood", "Quigley", "Rasmussen", "Haverford", "Lindqvist",
         "Marchetti", "Balasubramanian", "Oduya", "Wojcik", "Ferreira-Lopes", "Kristiansen", "Beaumont",
         "Cavanaugh", "Zielinski", "Ebersole", "Tremblay", "Galloway", "Hutchinson", "Iwasaki", "Jorgensen",
         "Kaczmarek", "Lundgren", "Mwangi", "Nightingale", "Ortega-Ruiz", "Przybylski", "Rutherford", "Sandoval",
         "Vukovic"]
_SUPERVISORS = ["Gwendolyn Abercrombie", "Horatio Blackwood", "Imogen Chamberlain", "Jebediah Drummond",
                "Katarina Eastwood", "Leontyne Featherstone", "Mortimer Grimaldi", "Nanette Holloway",
                "Octavia Ironside", "Prosper Jablonski"]
_OTHER_SUPPORTS = ["Peer observation visits", "Book study group", "Union wellness sessions"]
_BENIGN_1 = ["More planning time during the week would help.", "Fewer meetings after school.",
             "Recognize the work support staff do every day.", "Clearer communication about schedule changes.",
             "Smaller class sizes.", "Keep the wellness days, they help.", "A quiet space for staff to take breaks."]
_BENIGN_2 = ["Thank you for asking.", "No.", "Please share the results with everyone.", "N/A",
             "The new parking lot lighting is great."]
_MULTILINE = "Two things:\n1. More planning time.\n2. Better substitute coverage."


@dataclass
class BuiltExport:
    """What a builder wrote and what a reader should get out of it.

    Every per-respondent list is in file row order and has one entry per respondent.
    - ``scale_items``: the label a reader should show (the statement for a matrix, grid or Likert row;
      the question text otherwise) -> each answer as 1..N; None for no answer, "Don't know", and the
      planted anomalies (``Agreee``, ``99``), which a reader should flag rather than import.
    - ``attributes`` / ``comments`` / ``multi_select``: keyed by the question text as the file writes
      it (for Qualtrics, the row-2 text without the `` - Selected Choice`` suffix). Comments use ""
      for no answer. ``multi_select`` holds None for a respondent who ticked nothing (in SurveyMonkey
      and the legacy Qualtrics split columns, ticking nothing and skipping look the same).
    - ``identifying_headers``: the header cells (row 1 in multi-row layouts) of the columns that must
      be dropped: names, e-mails, IPs, ids, supervisor, per-respondent timestamps and locations.
    - ``secrets``: every identifying value written, exactly as written (after truncation, only those
      still in the file).
    - ``header_text``: row-1 id -> row-2 text, for Qualtrics layouts.
    - ``value_labels``: label -> code -> text where the file holds codes (legacy Qualtrics).
    - ``anomalies``: human-readable notes on the planted flagged cells.
    - ``truncated_row``: index of the respondent whose row was cut short, if any.
    """

    path: Path
    secrets: list[str]
    scale_items: dict[str, list[int | None]]
    scale_points: dict[str, int]
    attributes: dict[str, list[str | None]]
    comments: dict[str, list[str]]
    multi_select: dict[str, dict[str, list[bool | None]]]
    identifying_headers: list[str]
    n_respondents: int = 0
    header_rows: int = 1
    header_text: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    anomalies: list[str] = field(default_factory=list)
    truncated_row: int | None = None


@dataclass
class _Person:
    first: str
    last: str
    email: str
    ip: str
    position: str
    school: str
    years: str | None
    supervisor: str | None
    optional_name: str
    employee_id: str
    staff_number: str
    agree: list[int | str | None]
    frequency: list[int | None]
    satisfied: int | None
    stay: int | None
    rating: int | None
    supports: dict[str, bool] | None
    other_text: str
    comments: list[str]
    planted: list[str]
    start: datetime
    end: datetime
    named: bool
    latitude: str
    longitude: str
    respondent_id: int = 0
    response_id: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


class _Secrets:
    def __init__(self) -> None:
        self.values: list[str] = []

    def add(self, *values: object) -> None:
        for value in values:
            text = "" if value is None else str(value)
            if text and text not in self.values:
                self.values.append(text)


def _answer(rng: random.Random, skip: float = 0.04) -> int | None:
    if rng.random() < skip:
        return None
    return rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 3, 5, 3])[0]


def _group(sizes: list[tuple[str, int]], rng: random.Random) -> list[str]:
    values = [name for name, size in sizes for _ in range(size)]
    rng.shuffle(values)
    return values


def _people(n: int, seed: int) -> list[_Person]:
    """n made-up respondents, sorted by start time (the order the tools write them in)."""
    if n < 20:
        raise ValueError("n must be at least 20 so that one group has 10 or more people")
    rng = random.Random(seed)
    names = rng.sample([(f, la) for f in _FIRST for la in _LAST], n)
    paras = n // 5
    positions = _group([("Teacher", n - 10 - paras), ("Paraprofessional", paras), ("Counselor", 4),
                        ("Administrator", 3), ("Support staff", 3)], rng)
    cedar = (n - 7) // 3
    schools = _group([("Maple Hollow Elementary", n - 7 - cedar), ("Cedar Ridge Middle School", cedar),
                      ("Willow Creek High School", 4), ("District Office", 3)], rng)
    supervisors = [_SUPERVISORS[i % len(_SUPERVISORS)] for i in range(n)]
    rng.shuffle(supervisors)
    employee_ids = rng.sample(range(200000, 300000), n)
    staff_numbers = rng.sample(range(30000, 40000), n)
    people: list[_Person] = []
    for i, (first, last) in enumerate(names):
        if rng.random() < 0.7:
            email = f"{first.lower()}.{last.lower()}@maplehollowsd.example.org"
        else:
            email = f"{first[0].lower()}{last.lower()}{rng.randint(10, 99)}@mailbox.example.com"
        if i % 3 == 2:
            ip = f"2001:db8:{rng.randrange(0x1000, 0x10000):x}:{rng.randrange(1, 0x100):x}::{rng.randrange(0x10, 0x10000):x}"
        else:
            ip = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(2, 254)}"
        agree: list[int | str | None] = []
        for _ in AGREE_STATEMENTS:
            agree.append(DONT_KNOW if rng.random() < 0.05 else _answer(rng))
        supports: dict[str, bool] | None = None
        other_text = ""
        if rng.random() < 0.85:
            supports = {choice: rng.random() < 0.4 for choice in SUPPORTS}
            if not any(supports.values()):
                supports[rng.choice(SUPPORTS)] = True
            if rng.random() < 0.15:
                other_text = rng.choice(_OTHER_SUPPORTS)
            supports[OTHER] = bool(other_text)
        start = datetime(2026, 10, 12, 7) + timedelta(days=rng.randint(0, 4), seconds=rng.randint(0, 10 * 3600))
        people.append(_Person(
            first=first, last=last, email=email, ip=ip, position=positions[i], school=schools[i],
            years=None if i == 5 else rng.choice(YEARS),
            supervisor=None if rng.random() < 0.05 else supervisors[i],
            optional_name=f"{first} {last}" if rng.random() < 0.35 else "",
            employee_id=f"E-{employee_ids[i]}", staff_number=f"MH-{staff_numbers[i]}",
            agree=agree, frequency=[_answer(rng) for _ in FREQUENCY_STATEMENTS],
            satisfied=_answer(rng), stay=_answer(rng), rating=_answer(rng, skip=0.08),
            supports=supports, other_text=other_text,
            comments=[rng.choice(_BENIGN_1) if rng.random() < 0.6 else "",
                      rng.choice(_BENIGN_2) if rng.random() < 0.35 else ""],
            planted=[], start=start, end=start + timedelta(seconds=rng.randint(180, 1500)),
            named=rng.random() < 0.65,
            latitude=f"{38.55 + rng.random() * 0.2:.12f}", longitude=f"{-90.45 + rng.random() * 0.2:.12f}",
        ))
    people.sort(key=lambda p: p.start)
    for rid, person in zip(sorted(rng.sample(range(11_400_000_000, 11_500_000_000), n)), people, strict=True):
        person.respondent_id = rid
        person.response_id = "R_" + "".join(rng.choices(string.ascii_letters + string.digits, k=15))
    # Plant identifying values in comments, never in the last row (the one truncation cuts).
    chosen = rng.sample(range(n - 1), 6)
    ipv6 = f"2001:db8:{rng.randrange(0x1000, 0x10000):x}::{rng.randrange(0x10, 0x10000):x}"
    url = f"https://staffportal.maplehollowsd.example.org/helpdesk/ticket/{rng.randint(10000, 99999)}"
    phone = f"(555) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    plants = [
        (0, lambda p: f"If you want details, write to me at {p.email}.", lambda p: p.email),
        (0, lambda p: f"Call me at {phone} and I can explain.", lambda p: phone),
        (1, lambda p: f"The staff portal blocks my laptop ({ipv6}) every morning.", lambda p: ipv6),
        (0, lambda p: f"I reported it here: {url}", lambda p: url),
        (1, lambda p: f"My employee ID is {p.employee_id}, please fix my pay step.", lambda p: p.employee_id),
        (0, lambda p: f"{_SUPERVISORS[0]} does not answer requests for help.", lambda p: _SUPERVISORS[0]),
    ]
    for index, (which, text, secret) in zip(chosen, plants, strict=True):
        person = people[index]
        person.comments[which] = text(person)
        person.planted.append(secret(person))
    multiline_row = next(i for i in range(n - 1) if i not in chosen)
    people[multiline_row].comments[1] = _MULTILINE
    return people


# -- shared expectations -----------------------------------------------------------------------------------

def _scale(value: int | str | None) -> int | None:
    return value if isinstance(value, int) else None


def _agree_text(value: int | str | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else AGREE[value - 1]


def _freq_text(value: int | None) -> str:
    return "" if value is None else FREQUENCY[value - 1]


def _typo_row(people: list[_Person]) -> int:
    """The row that gets ``Agreee`` for the first agreement statement: one that answered Agree."""
    return next((i for i, p in enumerate(people[:-1]) if p.agree[0] == 4), 0)


def _rating_row(people: list[_Person]) -> int:
    return next((i for i, p in enumerate(people[:-1]) if p.rating is not None), 0)


def _expect_multi(people: list[_Person], with_other: bool) -> dict[str, list[bool | None]]:
    choices = SUPPORTS + ([OTHER] if with_other else [])
    result: dict[str, list[bool | None]] = {choice: [] for choice in choices}
    for p in people:
        for choice in choices:
            result[choice].append(None if p.supports is None else p.supports[choice])
    return result


def _base_expectations(people: list[_Person], *, frequency: bool = True) -> tuple[dict, dict]:
    items: dict[str, list[int | None]] = {s: [_scale(p.agree[k]) for p in people] for k, s in enumerate(AGREE_STATEMENTS)}
    if frequency:
        items.update({s: [p.frequency[k] for p in people] for k, s in enumerate(FREQUENCY_STATEMENTS)})
    items[SATISFIED] = [p.satisfied for p in people]
    comments = {COMMENT_Q1: [p.comments[0] for p in people], COMMENT_Q2: [p.comments[1] for p in people]}
    return items, comments


def _attributes(people: list[_Person], keys: tuple[str, str, str] = (POSITION_Q, SCHOOL_Q, YEARS_Q)) -> dict:
    return {keys[0]: [p.position for p in people], keys[1]: [p.school for p in people],
            keys[2]: [p.years for p in people]}


def _comment_secrets(people: list[_Person], secrets: _Secrets) -> None:
    for p in people:
        secrets.add(*p.planted)


# -- writing ------------------------------------------------------------------------------------------------

def _csv_text(rows: list[list[object]], quoting: int) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n", quoting=quoting).writerows(rows)
    return buf.getvalue()


def _write_csv(path: Path, head: list[list[object]], body: list[list[object]], *, bom: bool,
               truncate: bool, quoting: int = csv.QUOTE_MINIMAL) -> str:
    """Write the rows; with ``truncate`` the file stops halfway through the last row (no newline)."""
    last = _csv_text(body[-1:], quoting)
    if truncate:
        last = last[: len(last) // 2]
    text = _csv_text(head + body[:-1], quoting) + last
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return text


def _write_xlsx(path: Path, rows: list[list[object]], sheet: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append([None if cell == "" else cell for cell in row])
    wb.save(path)


def _finish(built: BuiltExport, secrets: _Secrets, text: str | None, truncate: bool) -> BuiltExport:
    built.secrets = [s for s in secrets.values if text is None or s in text]
    if truncate:
        built.truncated_row = built.n_respondents - 1
    return built


def _sm_date(d: datetime) -> str:
    return f"{d.month}/{d.day}/{d.year} {d.hour % 12 or 12}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"


def _qualtrics_date(d: datetime) -> str:
    return d.strftime("%Y-%m-%d %H:%M:%S")


# -- SurveyMonkey -------------------------------------------------------------------------------------------

SURVEYMONKEY_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
                     "First Name", "Last Name", "Custom Data 1"]


def _surveymonkey(folder: Path, n: int, seed: int, typo: bool, suffix: str) -> tuple:
    people = _people(n, seed)
    rng = random.Random(seed + 1)
    email_collector, web_collector = rng.sample(range(400_000_000, 500_000_000), 2)
    row1 = SURVEYMONKEY_META + [POSITION_Q, SCHOOL_Q, YEARS_Q, SUPERVISOR_Q, NAME_Q,
                                AGREE_Q, *[""] * (len(AGREE_STATEMENTS) - 1),
                                FREQUENCY_Q, *[""] * (len(FREQUENCY_STATEMENTS) - 1),
                                SATISFIED, STAY, SUPPORTS_Q, *[""] * len(SUPPORTS), COMMENT_Q1, COMMENT_Q2]
    row2 = [""] * len(SURVEYMONKEY_META) + ["Response", "Response", "Response", "Open-Ended Response",
                                            "Open-Ended Response", *AGREE_STATEMENTS, *FREQUENCY_STATEMENTS,
                                            "Response", "Response", *SUPPORTS, OTHER,
                                            "Open-Ended Response", "Open-Ended Response"]
    secrets = _Secrets()
    typo_at = _typo_row(people) if typo else -1
    body: list[list[object]] = []
    for i, p in enumerate(people):
        named = p.named
        agree = [_agree_text(v) for v in p.agree]
        if i == typo_at:
            agree[0] = TYPO
        supports = ([c if p.supports[c] else "" for c in SUPPORTS] if p.supports else [""] * len(SUPPORTS))
        body.append([
            p.respondent_id, email_collector if named else web_collector, _sm_date(p.start), _sm_date(p.end), p.ip,
            p.email if named else "", p.first if named else "", p.last if named else "",
            p.staff_number if named else "",
            p.position, p.school, p.years or "", p.supervisor or "", p.optional_name,
            *agree, *[_freq_text(v) for v in p.frequency],
            _agree_text(p.satisfied), _agree_text(p.stay), *supports, p.other_text, *p.comments,
        ])
        secrets.add(p.respondent_id, p.ip, p.supervisor, p.optional_name)
        if named:
            secrets.add(p.email, p.first, p.last, p.staff_number)
    _comment_secrets(people, secrets)
    items, comments = _base_expectations(people)
    items[STAY] = [p.stay for p in people]
    anomalies = []
    if typo:
        items[AGREE_STATEMENTS[0]][typo_at] = None
        anomalies.append(f"respondent {typo_at}: {TYPO!r} under {AGREE_STATEMENTS[0]!r}")
    built = BuiltExport(
        path=folder / f"surveymonkey_expanded.{suffix}", secrets=[], scale_items=items,
        scale_points=dict.fromkeys(items, 5), attributes=_attributes(people), comments=comments,
        multi_select={SUPPORTS_Q: _expect_multi(people, with_other=True)},
        identifying_headers=["Respondent ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
                             "Last Name", "Custom Data 1", SUPERVISOR_Q, NAME_Q],
        n_respondents=n, header_rows=2, anomalies=anomalies)
    return built, [row1, row2], body, secrets


def build_surveymonkey_csv(folder: Path, n: int = 40, seed: int = 7, *, bom: bool = True, typo: bool = False,
                           truncate: bool = False) -> BuiltExport:
    """SurveyMonkey "All responses" CSV with expanded columns (two header rows).

    Two collectors: an e-mail invitation (Email Address, First Name, Last Name and Custom Data 1
    filled) and a web link (only the IP address). IPs mix IPv4 and IPv6. A matrix writes the chosen
    label text, "Don't know" included; a multi-select writes the choice text in the choice's column.
    ASSUMED: ``M/D/YYYY h:mm:ss AM`` dates, CRLF line ends, the UTF-8 byte order mark (``bom``).
    """
    built, head, body, secrets = _surveymonkey(folder, n, seed, typo, "csv")
    text = _write_csv(built.path, head, body, bom=bom, truncate=truncate)
    return _finish(built, secrets, text, truncate)


def build_surveymonkey_xlsx(folder: Path, n: int = 40, seed: int = 7, *, typo: bool = False) -> BuiltExport:
    """The same export as .xlsx: the same two header rows on one sheet, ids as numbers.

    ASSUMED: the sheet name (openpyxl's "Sheet"), dates as text, ids as numbers.
    """
    built, head, body, secrets = _surveymonkey(folder, n, seed, typo, "xlsx")
    _write_xlsx(built.path, head + body, "Sheet")
    return _finish(built, secrets, None, False)


# -- Microsoft Forms ----------------------------------------------------------------------------------------

def build_microsoft_forms_xlsx(folder: Path, n: int = 40, seed: int = 7, *, last_modified: bool = False,
                               id_header: str = "ID", typo: bool = False) -> BuiltExport:
    """Microsoft Forms "Open results in Excel" workbook: one row per response on ``Sheet1``.

    ``ID, Start time, Completion time, Email, Name`` (+ ``Last modified time``), then one column per
    question. Anonymous responses have ``anonymous`` as Email and a blank Name. A Likert question is
    one column per statement headed by the statement only, holding the label text. A multi-select
    answer is one cell, choices joined by ``;`` with a trailing ``;``.
    ASSUMED: dates stored as Excel date-times; the Likert "Don't know" column label.
    """
    people = _people(n, seed)
    meta = [id_header, "Start time", "Completion time", "Email", "Name"] + (["Last modified time"] if last_modified else [])
    header = meta + [POSITION_Q, SCHOOL_Q, YEARS_Q, SUPERVISOR_Q, *AGREE_STATEMENTS, *FREQUENCY_STATEMENTS,
                     SATISFIED, SUPPORTS_Q, COMMENT_Q1, COMMENT_Q2, NAME_Q]
    secrets = _Secrets()
    typo_at = _typo_row(people) if typo else -1
    rows: list[list[object]] = [header]
    for i, p in enumerate(people):
        agree = [_agree_text(v) for v in p.agree]
        if i == typo_at:
            agree[0] = TYPO
        multi = "".join(f"{c};" for c in SUPPORTS if p.supports[c]) if p.supports else ""
        rows.append([i + 1, p.start, p.end, p.email if p.named else "anonymous", p.full_name if p.named else "",
                     *([p.end] if last_modified else []),
                     p.position, p.school, p.years or "", p.supervisor or "", *agree,
                     *[_freq_text(v) for v in p.frequency], _agree_text(p.satisfied), multi, *p.comments,
                     p.optional_name])
        secrets.add(p.supervisor, p.optional_name)
        if p.named:
            secrets.add(p.email, p.full_name)
    _comment_secrets(people, secrets)
    items, comments = _base_expectations(people)
    anomalies = []
    if typo:
        items[AGREE_STATEMENTS[0]][typo_at] = None
        anomalies.append(f"respondent {typo_at}: {TYPO!r} under {AGREE_STATEMENTS[0]!r}")
    path = folder / "microsoft_forms.xlsx"
    _write_xlsx(path, rows, "Sheet1")
    built = BuiltExport(
        path=path, secrets=[], scale_items=items, scale_points=dict.fromkeys(items, 5),
        attributes=_attributes(people), comments=comments,
        multi_select={SUPPORTS_Q: _expect_multi(people, with_other=False)},
        identifying_headers=meta + [SUPERVISOR_Q, NAME_Q], n_respondents=n, anomalies=anomalies)
    return _finish(built, secrets, None, False)


# -- Google Forms -------------------------------------------------------------------------------------------

def _google_time(d: datetime, style: str) -> str:
    if style == "download":
        return (f"{d.year}/{d.month:02d}/{d.day:02d} {d.hour % 12 or 12}:{d.minute:02d}:{d.second:02d} "
                f"{'AM' if d.hour < 12 else 'PM'} GMT-5")
    if style == "sheets":
        return f"{d.month}/{d.day}/{d.year} {d.hour}:{d.minute:02d}:{d.second:02d}"
    raise ValueError(f"unknown timestamp style {style!r}")


def build_google_forms_csv(folder: Path, n: int = 40, seed: int = 7, *, collect_email: bool = True,
                           email_header: str = "Email Address", timestamp_style: str = "download",
                           typo: bool = False, out_of_range: bool = False, truncate: bool = False) -> BuiltExport:
    """Google Forms responses CSV: ``Timestamp``, optional ``Email Address``, then one column per question.

    A multiple-choice grid is one column per row titled ``Question [Row]``; a checkbox answer is one
    cell joined by ``, ``; a linear scale writes the number. ``timestamp_style`` "download" (the
    Responses tab's .csv: ``2026/10/14 8:03:12 AM GMT-5``, every field quoted) or "sheets" (the
    linked sheet saved as CSV: ``10/14/2026 8:03:12``, quoted only when needed).
    ASSUMED: both timestamp formats, the quoting, the ``[Row]`` titles and the ``, `` join (no
    Google help page was found); newer forms may write ``Email address``.
    """
    people = _people(n, seed)
    header = (["Timestamp"] + ([email_header] if collect_email else [])
              + [POSITION_Q, SCHOOL_Q, YEARS_Q, SUPERVISOR_Q, NAME_Q]
              + [f"{AGREE_Q} [{s}]" for s in AGREE_STATEMENTS] + [f"{FREQUENCY_Q} [{s}]" for s in FREQUENCY_STATEMENTS]
              + [SATISFIED, RATING_Q, SUPPORTS_Q, COMMENT_Q1, COMMENT_Q2])
    secrets = _Secrets()
    typo_at = _typo_row(people) if typo else -1
    rating_at = _rating_row(people) if out_of_range else -1
    body: list[list[object]] = []
    for i, p in enumerate(people):
        agree = [_agree_text(v) for v in p.agree]
        if i == typo_at:
            agree[0] = TYPO
        rating = OUT_OF_RANGE if i == rating_at else ("" if p.rating is None else str(p.rating))
        body.append([_google_time(p.end, timestamp_style), *([p.email] if collect_email else []),
                     p.position, p.school, p.years or "", p.supervisor or "", p.optional_name, *agree,
                     *[_freq_text(v) for v in p.frequency], _agree_text(p.satisfied), rating,
                     ", ".join(c for c in SUPPORTS if p.supports[c]) if p.supports else "", *p.comments])
        secrets.add(p.supervisor, p.optional_name)
        if collect_email:
            secrets.add(p.email)
    _comment_secrets(people, secrets)
    items, comments = _base_expectations(people)
    items[RATING_Q] = [p.rating for p in people]
    anomalies = []
    if typo:
        items[AGREE_STATEMENTS[0]][typo_at] = None
        anomalies.append(f"respondent {typo_at}: {TYPO!r} under {AGREE_STATEMENTS[0]!r}")
    if out_of_range:
        items[RATING_Q][rating_at] = None
        anomalies.append(f"respondent {rating_at}: {OUT_OF_RANGE} in the 1-5 item {RATING_Q!r}")
    path = folder / "google_forms.csv"
    quoting = csv.QUOTE_ALL if timestamp_style == "download" else csv.QUOTE_MINIMAL
    text = _write_csv(path, [header], body, bom=False, truncate=truncate, quoting=quoting)
    built = BuiltExport(
        path=path, secrets=[], scale_items=items, scale_points=dict.fromkeys(items, 5),
        attributes=_attributes(people), comments=comments,
        multi_select={SUPPORTS_Q: _expect_multi(people, with_other=False)},
        identifying_headers=["Timestamp"] + ([email_header] if collect_email else []) + [SUPERVISOR_Q, NAME_Q],
        n_respondents=n, anomalies=anomalies)
    return _finish(built, secrets, text, truncate)


# -- Qualtrics ----------------------------------------------------------------------------------------------

QUALTRICS_META = [
    ("StartDate", "Start Date", "startDate"), ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"), ("IPAddress", "IP Address", "ipAddress"),
    ("Progress", "Progress", "progress"), ("Duration (in seconds)", "Duration (in seconds)", "duration"),
    ("Finished", "Finished", "finished"), ("RecordedDate", "Recorded Date", "recordedDate"),
    ("ResponseId", "Response ID", "_recordId"), ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
    ("RecipientFirstName", "Recipient First Name", "recipientFirstName"),
    ("RecipientEmail", "Recipient Email", "recipientEmail"),
    ("ExternalReference", "External Data Reference", "externalDataReference"),
    ("LocationLatitude", "Location Latitude", "locationLatitude"),
    ("LocationLongitude", "Location Longitude", "locationLongitude"),
    ("DistributionChannel", "Distribution Channel", "distributionChannel"),
    ("UserLanguage", "User Language", "userLanguage"),
]
EMPLOYEE_Q = "Employee ID #"
EMAIL_Q = "Email address (optional, if you would like a follow-up)"


def build_qualtrics_csv(folder: Path, n: int = 40, seed: int = 7, *, import_id_quotes: str = "double",
                        bom: bool = True, typo: bool = False, truncate: bool = False) -> BuiltExport:
    """Qualtrics Data & Analysis CSV, current format, choice text: three header rows.

    Row 1 the field ids (StartDate ... UserLanguage, Q1, Q2, ..., Q6_1 for a matrix row, and the
    author's own export tag ``Q1_email``), row 2 the text (``Question - Statement`` for a matrix,
    ``Question - Selected Choice`` for a multiple answer), row 3 the import ids, ``{"ImportId":"QID1"}``
    or, with ``import_id_quotes="single"``, ``{'ImportId': 'QID1'}``. A multiple answer is one cell of
    comma-joined choice text. Respondents from an e-mail distribution carry Recipient names, e-mail and
    an External Data Reference (their employee id); anonymous-link ones only IP and location.
    ASSUMED: the byte order mark (``bom``), the timeZone name, the "Don't know" column text.
    """
    if import_id_quotes not in ("double", "single"):
        raise ValueError("import_id_quotes is 'double' or 'single'")
    people = _people(n, seed)
    rng = random.Random(seed + 2)
    columns: list[tuple[str, str, dict[str, str]]] = []
    for col_id, text, import_id in QUALTRICS_META:
        if import_id_quotes == "single" and import_id == "_recordId":
            import_id = "responseId"
        spec = {"ImportId": import_id}
        if import_id in ("startDate", "endDate", "recordedDate"):
            spec["timeZone"] = "America/Chicago"
        columns.append((col_id, text, spec))
    questions = [("Q1", POSITION_Q, "QID1"), ("Q2", SCHOOL_Q, "QID2"), ("Q3", YEARS_Q, "QID3"),
                 ("Q4", SUPERVISOR_Q, "QID4_TEXT"), ("Q5", EMPLOYEE_Q, "QID5_TEXT"), ("Q1_email", EMAIL_Q, "QID16_TEXT")]
    questions += [(f"Q6_{k + 1}", f"{AGREE_Q} - {s}", f"QID6_{k + 1}") for k, s in enumerate(AGREE_STATEMENTS)]
    questions += [(f"Q7_{k + 1}", f"{FREQUENCY_Q} - {s}", f"QID7_{k + 1}") for k, s in enumerate(FREQUENCY_STATEMENTS)]
    questions += [("Q8", SATISFIED, "QID8"), ("Q9", f"{SUPPORTS_Q} - Selected Choice", "QID9"),
                  ("Q10", COMMENT_Q1, "QID10_TEXT"), ("Q11", COMMENT_Q2, "QID11_TEXT"), ("Q12", NAME_Q, "QID12_TEXT")]
    columns += [(col_id, text, {"ImportId": import_id}) for col_id, text, import_id in questions]

    def import_cell(spec: dict[str, str]) -> str:
        return json.dumps(spec, separators=(",", ":")) if import_id_quotes == "double" else str(spec)

    head = [[c[0] for c in columns], [c[1] for c in columns], [import_cell(c[2]) for c in columns]]
    secrets = _Secrets()
    typo_at = _typo_row(people) if typo else -1
    body: list[list[object]] = []
    for i, p in enumerate(people):
        gives_id = rng.random() < 0.5
        gives_email = rng.random() < 0.3
        agree = [_agree_text(v) for v in p.agree]
        if i == typo_at:
            agree[0] = TYPO
        recorded = p.end + timedelta(seconds=1)
        body.append([
            _qualtrics_date(p.start), _qualtrics_date(p.end), "IP Address", p.ip, 100,
            int((p.end - p.start).total_seconds()), "True", _qualtrics_date(recorded), p.response_id,
            p.last if p.named else "", p.first if p.named else "", p.email if p.named else "",
            p.employee_id if p.named else "", p.latitude, p.longitude, "email" if p.named else "anonymous", "EN",
            p.position, p.school, p.years or "", p.supervisor or "", p.employee_id if gives_id else "",
            p.email if gives_email else "", *agree, *[_freq_text(v) for v in p.frequency], _agree_text(p.satisfied),
            ",".join(c for c in SUPPORTS if p.supports[c]) if p.supports else "", *p.comments, p.optional_name,
        ])
        secrets.add(p.ip, p.response_id, p.latitude, p.longitude, p.supervisor, p.optional_name)
        if p.named:
            secrets.add(p.last, p.first, p.email, p.employee_id)
        if gives_id:
            secrets.add(p.employee_id)
        if gives_email:
            secrets.add(p.email)
    _comment_secrets(people, secrets)
    items, comments = _base_expectations(people)
    anomalies = []
    if typo:
        items[AGREE_STATEMENTS[0]][typo_at] = None
        anomalies.append(f"respondent {typo_at}: {TYPO!r} under {AGREE_STATEMENTS[0]!r}")
    path = folder / ("qualtrics.csv" if import_id_quotes == "double" else "qualtrics_single_quotes.csv")
    text = _write_csv(path, head, body, bom=bom, truncate=truncate)
    built = BuiltExport(
        path=path, secrets=[], scale_items=items, scale_points=dict.fromkeys(items, 5),
        attributes=_attributes(people), comments=comments,
        multi_select={SUPPORTS_Q: _expect_multi(people, with_other=False)},
        identifying_headers=["StartDate", "EndDate", "IPAddress", "RecordedDate", "ResponseId", "RecipientLastName",
                             "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude",
                             "LocationLongitude", "Q4", "Q5", "Q1_email", "Q12"],
        n_respondents=n, header_rows=3, header_text={c[0]: c[1] for c in columns}, anomalies=anomalies)
    return _finish(built, secrets, text, truncate)


LEGACY_META = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status",
               "StartDate", "EndDate", "Finished"]


def build_qualtrics_legacy_csv(folder: Path, n: int = 40, seed: int = 7, *, bom: bool = False,
                               out_of_range: bool = False, truncate: bool = False) -> BuiltExport:
    """Qualtrics legacy-exporter CSV (numeric values): two header rows.

    Row 1 ``V1..V10`` then the question ids, then LocationLatitude, LocationLongitude,
    LocationAccuracy; row 2 ``ResponseID, ResponseSet, Name, ExternalDataReference, EmailAddress,
    IPAddress, Status, StartDate, EndDate, Finished`` then the question text (``Question-Statement``
    for a matrix row or a multiple-answer choice). Every row ends with a comma. Values are recode
    numbers: attributes come out as codes (see ``value_labels``), a multiple answer as one column per
    choice holding 1 when ticked. "Don't know" is written blank (it has no 1-5 recode).
    ASSUMED: ``Last, First`` in Name for known respondents ("Anonymous" otherwise), the 1-based
    recodes, no byte order mark.
    """
    people = _people(n, seed)
    qids = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q1_email"]
    texts = [POSITION_Q, SCHOOL_Q, YEARS_Q, SUPERVISOR_Q, EMPLOYEE_Q, EMAIL_Q]
    qids += [f"Q6_{k + 1}" for k in range(len(AGREE_STATEMENTS))] + [f"Q7_{k + 1}" for k in range(len(FREQUENCY_STATEMENTS))]
    texts += [f"{AGREE_Q}-{s}" for s in AGREE_STATEMENTS] + [f"{FREQUENCY_Q}-{s}" for s in FREQUENCY_STATEMENTS]
    qids += ["Q8"] + [f"Q9_{k + 1}" for k in range(len(SUPPORTS))] + ["Q10", "Q11", "Q12"]
    texts += [SATISFIED] + [f"{SUPPORTS_Q}-{c}" for c in SUPPORTS] + [COMMENT_Q1, COMMENT_Q2, NAME_Q]
    location = ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    head = [[f"V{k}" for k in range(1, 11)] + qids + location + [""], LEGACY_META + texts + location + [""]]
    rng = random.Random(seed + 2)
    secrets = _Secrets()
    rating_at = _rating_row(people) if out_of_range else -1
    body: list[list[object]] = []
    for i, p in enumerate(people):
        gives_id = rng.random() < 0.5
        gives_email = rng.random() < 0.3
        agree = ["" if _scale(v) is None else str(v) for v in p.agree]
        if i == rating_at:
            agree[1] = OUT_OF_RANGE
        supports = [("1" if p.supports[c] else "") if p.supports else "" for c in SUPPORTS]
        body.append([
            p.response_id, "Default Response Set", f"{p.last}, {p.first}" if p.named else "Anonymous",
            p.employee_id if p.named else "", p.email if p.named else "", p.ip, 0,
            _qualtrics_date(p.start), _qualtrics_date(p.end), 1,
            POSITIONS.index(p.position) + 1, SCHOOLS.index(p.school) + 1,
            "" if p.years is None else YEARS.index(p.years) + 1, p.supervisor or "",
            p.employee_id if gives_id else "", p.email if gives_email else "", *agree,
            *["" if v is None else v for v in p.frequency], "" if p.satisfied is None else p.satisfied,
            *supports, *p.comments, p.optional_name, p.latitude, p.longitude, -1, "",
        ])
        secrets.add(p.response_id, p.ip, p.latitude, p.longitude, p.supervisor, p.optional_name)
        if p.named:
            secrets.add(f"{p.last}, {p.first}", p.employee_id, p.email)
        if gives_id:
            secrets.add(p.employee_id)
        if gives_email:
            secrets.add(p.email)
    _comment_secrets(people, secrets)
    items, comments = _base_expectations(people)
    anomalies = []
    if out_of_range:
        items[AGREE_STATEMENTS[1]][rating_at] = None
        anomalies.append(f"respondent {rating_at}: {OUT_OF_RANGE} in the 1-5 item {AGREE_STATEMENTS[1]!r}")
    attributes = {POSITION_Q: [str(POSITIONS.index(p.position) + 1) for p in people],
                  SCHOOL_Q: [str(SCHOOLS.index(p.school) + 1) for p in people],
                  YEARS_Q: [None if p.years is None else str(YEARS.index(p.years) + 1) for p in people]}
    value_labels = {POSITION_Q: {str(k + 1): v for k, v in enumerate(POSITIONS)},
                    SCHOOL_Q: {str(k + 1): v for k, v in enumerate(SCHOOLS)},
                    YEARS_Q: {str(k + 1): v for k, v in enumerate(YEARS)}}
    path = folder / "qualtrics_legacy.csv"
    text = _write_csv(path, head, body, bom=bom, truncate=truncate)
    built = BuiltExport(
        path=path, secrets=[], scale_items=items, scale_points=dict.fromkeys(items, 5), attributes=attributes,
        comments=comments, multi_select={SUPPORTS_Q: _expect_multi(people, with_other=False)},
        identifying_headers=["V1", "V3", "V4", "V5", "V6", "V8", "V9", "Q4", "Q5", "Q1_email", "Q12",
                             "LocationLatitude", "LocationLongitude"],
        n_respondents=n, header_rows=2, header_text=dict(zip(head[0], head[1], strict=True)),
        value_labels=value_labels, anomalies=anomalies)
    return _finish(built, secrets, text, truncate)


# -- HR system table ----------------------------------------------------------------------------------------

HR_SUPPORTS = "Supports used"
HR_COMMENTS = ["Comments", "Other comments"]
HR_ATTRIBUTES = ("Position", "School", "Years in district")


def _hr(folder: Path, n: int, seed: int, typo: bool, out_of_range: bool, suffix: str) -> tuple:
    people = _people(n, seed)
    header = ["Employee ID #", "Staff number", "Name (optional)", "Q1_email", "Supervisor name", *HR_ATTRIBUTES,
              *AGREE_STATEMENTS, *FREQUENCY_STATEMENTS, SATISFIED, HR_SUPPORTS, *HR_COMMENTS]
    secrets = _Secrets()
    typo_at = _typo_row(people) if typo else -1
    rating_at = _rating_row(people) if out_of_range else -1
    body: list[list[object]] = []
    for i, p in enumerate(people):
        agree: list[object] = ["" if _scale(v) is None else v for v in p.agree]
        if i == rating_at:
            agree[1] = int(OUT_OF_RANGE)
        satisfied = TYPO if i == typo_at else _agree_text(p.satisfied)
        body.append([p.employee_id, p.staff_number, p.optional_name, p.email, p.supervisor or "", p.position,
                     p.school, p.years or "", *agree, *[_freq_text(v) for v in p.frequency], satisfied,
                     "; ".join(c for c in SUPPORTS if p.supports[c]) if p.supports else "", *p.comments])
        secrets.add(p.employee_id, p.staff_number, p.optional_name, p.email, p.supervisor)
    _comment_secrets(people, secrets)
    items, _ = _base_expectations(people)
    comments = {HR_COMMENTS[0]: [p.comments[0] for p in people], HR_COMMENTS[1]: [p.comments[1] for p in people]}
    anomalies = []
    if typo:
        items[SATISFIED][typo_at] = None
        anomalies.append(f"respondent {typo_at}: {TYPO!r} under {SATISFIED!r}")
    if out_of_range:
        items[AGREE_STATEMENTS[1]][rating_at] = None
        anomalies.append(f"respondent {rating_at}: {OUT_OF_RANGE} in the 1-5 item {AGREE_STATEMENTS[1]!r}")
    width = len(header)
    head = [[HR_TITLE] + [""] * (width - 1), [""] * width, header]
    built = BuiltExport(
        path=folder / f"hr_staff_climate.{suffix}", secrets=[], scale_items=items,
        scale_points=dict.fromkeys(items, 5), attributes=_attributes(people, HR_ATTRIBUTES), comments=comments,
        multi_select={HR_SUPPORTS: _expect_multi(people, with_other=False)},
        identifying_headers=["Employee ID #", "Staff number", "Name (optional)", "Q1_email", "Supervisor name"],
        n_respondents=n, header_rows=3, anomalies=anomalies)
    return built, head, body, secrets


def build_hr_table_csv(folder: Path, n: int = 40, seed: int = 7, *, typo: bool = False, out_of_range: bool = False,
                       truncate: bool = False) -> BuiltExport:
    """An HR system's table saved as CSV: the title row, a blank row, then the header (three rows).

    Agreement statements as numbers 1-5, frequency and the satisfaction item as label text, supports
    used as one ``; ``-joined cell, and the identifying columns an HR system carries: ``Employee ID #``,
    ``Staff number``, ``Name (optional)``, ``Q1_email``, ``Supervisor name``. Rows are padded with
    empty cells to the header's width, as Excel saves them.
    """
    built, head, body, secrets = _hr(folder, n, seed, typo, out_of_range, "csv")
    text = _write_csv(built.path, head, body, bom=False, truncate=truncate)
    return _finish(built, secrets, text, truncate)


def build_hr_table_xlsx(folder: Path, n: int = 40, seed: int = 7, *, typo: bool = False,
                        out_of_range: bool = False) -> BuiltExport:
    """The same HR table as a workbook: title in A1, row 2 empty, header in row 3."""
    built, head, body, secrets = _hr(folder, n, seed, typo, out_of_range, "xlsx")
    _write_xlsx(built.path, head + body, "Staff Climate 2026")
    return _finish(built, secrets, None, False)


ALL_BUILDERS = {
    "surveymonkey_csv": build_surveymonkey_csv,
    "surveymonkey_xlsx": build_surveymonkey_xlsx,
    "microsoft_forms_xlsx": build_microsoft_forms_xlsx,
    "google_forms_csv": build_google_forms_csv,
    "qualtrics_csv": build_qualtrics_csv,
    "qualtrics_legacy_csv": build_qualtrics_legacy_csv,
    "hr_table_csv": build_hr_table_csv,
    "hr_table_xlsx": build_hr_table_xlsx,
}
