"""A made-up staff survey, written as a Qualtrics-style CSV export: the sample district's two waves
and the benchmark's district-sized file come from here.

The patterns are the ones seed 000 tells teams to look for: transportation, food service and
custodial staff answer less often and less favourably, nurses are a group small enough to be
withheld, and the second wave is a little better than the first. The sample's waves also ask which
school people work at, so a school's packet has results to show. Nothing in it is real; the
identifying columns (IP addresses, response ids, a recipient email) are there so the import has
something to drop.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

AGREEMENT = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")

# (statement, how hard it is to agree with: + easier), in the order the survey asks them.
STATEMENTS: tuple[tuple[str, float], ...] = (
    ("I feel valued by district leadership", -0.5),
    ("I am treated with respect by the people I work with", 0.3),
    ("I feel I belong in this district", 0.1),
    ("My workload is manageable", -0.6),
    ("I have the equipment and resources I need to do my job", -0.2),
    ("I can take the breaks I am entitled to", -0.3),
    ("I rarely feel overwhelmed by stress at work", -0.7),
    ("I know how to reach the employee assistance program", 0.2),
    ("I feel emotionally able to cope with my job", 0.0),
    ("I get enough sleep to do my job well", -0.4),
    ("My job lets me stay physically healthy", -0.1),
    ("I have colleagues I can turn to for support", 0.5),
    ("I feel connected to the people I work with", 0.3),
    ("My pay lets me meet my household's needs", -0.9),
    ("I understand my health and retirement benefits", 0.0),
    ("I have opportunities to learn and grow in my job", -0.2),
    ("My supervisor supports my professional development", 0.1),
    ("My voice is heard when decisions affect my work", -0.6),
)

# (group, headcount share, response propensity, score offset)
POSITION_GROUPS: tuple[tuple[str, int, float, float], ...] = (
    ("Teachers", 780, 0.72, 0.0),
    ("Paraprofessionals and aides", 185, 0.62, -0.05),
    ("School administrators", 52, 0.85, 0.25),
    ("Counselors, psychologists and social workers", 58, 0.78, 0.1),
    ("Nurses and health staff", 16, 0.25, 0.0),
    ("Food service", 112, 0.34, -0.45),
    ("Transportation", 96, 0.38, -0.6),
    ("Maintenance and custodial", 118, 0.33, -0.5),
    ("Office and clerical", 64, 0.70, 0.05),
    ("District office", 41, 0.80, 0.2),
)
TENURE = ("Less than 2 years", "2-5 years", "6-10 years", "More than 10 years")
SCHOOL_TYPES = ("Elementary school", "Middle school", "High school", "District-wide")
EMPLOYMENT = ("Full-time", "Part-time")
SHIFTS = ("Day", "Early morning", "Evening")
AGE_RANGES = ("Under 30", "30-44", "45-59", "60 or over")

# Which school the respondent works at, asked right after the school type: for each type (in
# SCHOOL_TYPES' order) the sample district's schools of that type and their share of its
# respondents. The alternative school is a small high school, so its packet shows what is withheld;
# staff who work district-wide answer the District Office, as the district lists it.
SCHOOL_QUESTION = "Which school do you work at?"
SCHOOLS_BY_TYPE: tuple[tuple[tuple[str, float], ...], ...] = (
    (("Alder Elementary School", 0.24), ("Birch Creek Elementary School", 0.2), ("Cedar Park Elementary School", 0.22),
     ("Dogwood Elementary School", 0.16), ("Elm Street Elementary School", 0.18)),
    (("Hawthorne Middle School", 0.55), ("Juniper Middle School", 0.45)),
    (("Maple Hollow High School", 0.95), ("Pathways Alternative School", 0.05)),
    (("District Office", 1.0),),
)
# The school answers come from their own generator (the wave's seed plus this), drawn after
# everything else, so asking which school leaves every other column and answer as it was.
SCHOOL_SEED = 1000


@dataclass(frozen=True)
class SurveySpec:
    """What to generate: how many responses and items, and how much better than the baseline."""

    responses: int | None  # None: as many as the position groups' propensities give
    items: int = len(STATEMENTS)
    lift: float = 0.0  # added to every score (a later wave improving)
    seed: int = 7
    closes_on: dt.date = dt.date(2025, 10, 24)
    dimensions: int = 3  # position group, tenure, school type; up to 6 (employment, shift, age)
    scale: float = 1.0  # headcount multiplier when ``responses`` is None
    ask_school: bool = False  # ask which school (SCHOOL_QUESTION) after the school type: the sample's waves do


def _statements(count: int) -> list[tuple[str, float]]:
    out = list(STATEMENTS[:count])
    n = 1
    while len(out) < count:  # a district-sized survey: more items than the sample has statements
        text, ease = STATEMENTS[(len(out)) % len(STATEMENTS)]
        n += 0 if len(out) % len(STATEMENTS) else 1
        out.append((f"{text} ({n})", ease))
    return out


def generate(spec: SurveySpec) -> tuple[list[list[str]], list[str]]:
    """The CSV's three header rows (Qualtrics layout) and the statements asked, then the rows."""
    rng = np.random.default_rng(spec.seed)
    names = [g for g, *_ in POSITION_GROUPS]
    if spec.responses is None:
        counts = [max(1, round(h * spec.scale * p * rng.uniform(0.93, 1.07))) for _, h, p, _ in POSITION_GROUPS]
        group = np.repeat(np.arange(len(names)), counts)
        rng.shuffle(group)
    else:
        weights = np.array([h * p for _, h, p, _ in POSITION_GROUPS])
        group = rng.choice(len(names), size=spec.responses, p=weights / weights.sum())
    size = len(group)
    offsets = np.array([o for *_, o in POSITION_GROUPS])[group]
    person = rng.normal(0, 0.55, size) + offsets + spec.lift
    statements = _statements(spec.items)
    dims: list[tuple[str, tuple[str, ...], np.ndarray]] = [
        ("Which best describes your position?", tuple(names), group),
        ("How long have you worked in the district?", TENURE, rng.choice(4, size=size, p=[0.15, 0.25, 0.25, 0.35])),
        ("Where do you work most of the time?", SCHOOL_TYPES, rng.choice(4, size=size, p=[0.45, 0.2, 0.25, 0.1])),
        ("Are you full-time or part-time?", EMPLOYMENT, rng.choice(2, size=size, p=[0.85, 0.15])),
        ("Which shift do you mostly work?", SHIFTS, rng.choice(3, size=size, p=[0.8, 0.12, 0.08])),
        ("What is your age range?", AGE_RANGES, rng.choice(4, size=size)),
    ][:spec.dimensions]
    ids = ["StartDate", "EndDate", "IPAddress", "ResponseId", "RecipientEmail"]
    texts = ["Start Date", "End Date", "IP Address", "Response ID", "Recipient Email"]
    ids += [f"D{n}" for n in range(1, len(dims) + 1)]
    texts += [q for q, _, _ in dims]
    school_at = len(ids)  # the school column's place: after the attributes, before the statements
    if spec.ask_school:
        ids.insert(school_at, "School")
        texts.insert(school_at, SCHOOL_QUESTION)
    ids += [f"Q1_{n}" for n in range(1, len(statements) + 1)]
    texts += [f"How much do you agree with each statement? - {s}" for s, _ in statements]
    ids += ["Q2"]
    texts += ["What one change would most improve your wellbeing at work?"]
    header = [ids, texts, ['{"ImportId":"' + i + '"}' for i in ids]]

    columns: list[np.ndarray] = []
    start = dt.datetime.combine(spec.closes_on - dt.timedelta(days=20), dt.time(7))
    seconds = np.sort(rng.integers(0, 20 * 86400, size))
    labels = np.array(AGREEMENT + ("",), dtype=object)
    for _, ease in statements:
        score = np.clip(np.rint(3.75 + ease * 0.8 + person + rng.normal(0, 0.7, size)), 1, 5).astype(int) - 1
        score[rng.random(size) < 0.03] = 5  # skipped
        columns.append(labels[score])
    rows = []
    for r in range(size):
        when = start + dt.timedelta(seconds=int(seconds[r]))
        row = [when.strftime("%Y-%m-%d %H:%M:%S"), (when + dt.timedelta(minutes=9)).strftime("%Y-%m-%d %H:%M:%S"),
               f"10.{r // 65536 % 256}.{r // 256 % 256}.{r % 256}", f"R_{spec.seed:02d}{r:08d}", ""]
        row += [options[int(codes[r])] for _, options, codes in dims]
        row += [str(col[r]) for col in columns]
        row.append("")
        rows.append(row)
    # a few comments, and one respondent who typed an email where they shouldn't have
    for r, text in ((3, "More time to eat lunch away from the kitchen."), (11, "Fix the bus radios."),
                    (17, "Please reach me at a.person@example.org about workload.")):
        if r < size:
            rows[r][-1] = text
    if spec.ask_school:
        for row, school in zip(rows, _schools(spec.seed, dims), strict=True):
            row.insert(school_at, school)
    return header + rows, [s for s, _ in statements]


def _schools(seed: int, dims: list[tuple[str, tuple[str, ...], np.ndarray]]) -> list[str]:
    """Each respondent's school, one of their school type's (an own generator: see SCHOOL_SEED)."""
    types = next((codes for _, options, codes in dims if options == SCHOOL_TYPES), None)
    if types is None:
        raise ValueError("Which school is asked only with the school type (dimensions >= 3).")
    rng = np.random.default_rng(seed + SCHOOL_SEED)
    out = [""] * len(types)
    for kind, schools in enumerate(SCHOOLS_BY_TYPE):
        members = np.flatnonzero(types == kind)
        shares = np.array([share for _, share in schools])
        picked = rng.choice(len(schools), size=len(members), p=shares / shares.sum())
        for r, k in zip(members, picked, strict=True):
            out[r] = schools[k][0]
    return out


def write_survey_csv(path: str | Path, spec: SurveySpec) -> Path:
    path = Path(path)
    rows, _ = generate(spec)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return path


def expected_headcounts(scale: float = 1.0) -> dict[str, int]:
    return {g: int(h * scale) for g, h, _, _ in POSITION_GROUPS}
