"""One school's survey results against the attacker holding everything the plan ever released.

A school's results by position are one row of the school-by-position cross-tab. Released beside
the district's reports by position and by school and every other school's results, plain
subtraction would give a small group away: the district's custodians less the custodians of the
schools that have five or more is the one custodian at the school that has one. Each test releases
such a year through the command line (``survey-summary --school`` and the packet's survey section
are the same release), gives every file to the attacker (exact arithmetic and linear programs,
``tests/disclosure_attacker.py``) and checks the promise: nothing withheld about 1-4 people is
recovered or narrowed past the protection; and the schools' large groups are still shown.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.disclosure_attacker import ALL, protection_failures, read_report_csv
from tests.disclosure_attacker_schools import SchoolAttacker, read_school_summary
from tests.pdf_text import pdf_text
from tests.test_disclosure_attacks import (
    ITEMS,
    MIN_SIZE,
    POSITION,
    SCHOOL,
    WAVE,
    Person,
    Survey,
    crowd,
    imported,
    public_facts,
    refused,
    shown,
    wellplan,
)

SCHOOLS = ("Lincoln Elementary", "Oak Middle", "Elm High")


def staff(n: int, groups: dict[str, str | None], seed: int) -> list[Person]:
    """``n`` people of these groups answering 1..5 as staff do: mostly in the middle and upper
    points, each person a little above or below the rest (a fixed seed, so the tests repeat)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        lean = rng.choice((-1, 0, 0, 1))
        out.append(Person(dict(groups), {item: min(5, max(1, rng.choice((2, 3, 3, 4, 4, 5)) + lean))
                                         for item in ITEMS}))
    return out


def district_year() -> Survey:
    """Three schools; Elm has one custodian, Oak one nurse and two drivers, Lincoln three drivers;
    three teachers left their school blank and two people at Elm their position."""
    people, seed = [], 0
    for school, sizes in (("Lincoln Elementary", {"Teacher": 14, "Custodian": 7, "Bus driver": 3}),
                          ("Oak Middle", {"Teacher": 12, "Custodian": 6, "Bus driver": 2, "Nurse": 1}),
                          ("Elm High", {"Teacher": 11, "Custodian": 1, "Bus driver": 8})):
        for position, n in sizes.items():
            seed += 1
            people += staff(n, {POSITION: position, SCHOOL: school}, seed)
    people += staff(3, {POSITION: "Teacher", SCHOOL: None}, 40) + staff(2, {POSITION: None, SCHOOL: "Elm High"}, 41)
    return Survey(people)


class Year:
    """What one plan released over a year, read as the attacker reads it."""

    def __init__(self, plan: Path, folder: Path) -> None:
        self.plan, self.folder = plan, folder
        self.public = public_facts(plan)
        self.tables = []

    def _file(self, suffix: str) -> Path:
        return self.folder / f"release {len(self.tables) + 1}{suffix}"

    def report(self, by: str):
        out = self._file(".csv")
        wellplan("survey", "report", self.plan, "--by", by, "--wave", WAVE, "--out", out)
        self.tables.append(read_report_csv(out, wave=WAVE, by=by))
        return self.tables[-1]

    def school(self, school: str):
        out = self._file(".pdf")
        wellplan("export", self.plan, "survey-summary", "--school", school, "--by", POSITION, "--out", out)
        self.tables.append(read_school_summary(
            pdf_text(out), wave=WAVE, by=POSITION, school_attribute=SCHOOL, school=school,
            groups=self.public.groups[POSITION], measures=[*self.public.points, *self.public.domains],
            source=out.name))
        return self.tables[-1]

    def attack(self, survey: Survey) -> list[str]:
        attacker = SchoolAttacker(self.tables, self.public)
        return protection_failures(attacker, survey.respondents(self.plan), MIN_SIZE)


def test_the_attacker_finds_the_one_custodian_when_nothing_more_is_withheld():
    # The attack, on numbers as a school's results would be printed by the small-group rule alone:
    # the district's 12 custodians less Lincoln's 6 and Oak's 5 is Elm's one.
    from fractions import Fraction

    from tests.disclosure_attacker import PublicFacts, ReleasedCell, ReleasedCount, ReleasedTable, Respondent
    from tests.disclosure_attacker_schools import SchoolTable

    item = "I feel valued"
    answers = {"Lincoln Elementary": [4] * 6, "Oak Middle": [2] * 5, "Elm High": [5]}
    truth = [Respondent(WAVE, {POSITION: "Custodian", SCHOOL: s}, {item: a}) for s, xs in answers.items() for a in xs]
    truth += [Respondent(WAVE, {POSITION: "Teacher", SCHOOL: s}, {item: 3}) for s in SCHOOLS for _ in range(6)]

    def cell(group: str, values: list[int]):
        return ReleasedCell(group, item, False, len(values), _printed(Fraction(sum(values), len(values))),
                            _printed(Fraction(100 * sum(v >= 4 for v in values), len(values))))

    def _printed(value: Fraction):
        from tests.disclosure_attacker import Printed

        return Printed.parse(f"{float(value):.4f}")

    custodians = [a for xs in answers.values() for a in xs]
    district = ReleasedTable("district by position", WAVE, (POSITION,), cells=(
        cell(ALL, custodians + [3] * 18), cell("Custodian", custodians), cell("Teacher", [3] * 18)),
        counts=(ReleasedCount("Custodian", 12), ReleasedCount("Teacher", 18)))
    packets = [SchoolTable(f"{s} packet", WAVE, (POSITION,), cells=(cell("Custodian", answers[s]),
                                                                    cell("Teacher", [3] * 6)),
                           within=(SCHOOL, s)) for s in SCHOOLS[:2]]
    packets.append(SchoolTable("Elm High packet", WAVE, (POSITION,), cells=(
        ReleasedCell("Custodian", item, True), cell("Teacher", [3] * 6)), within=(SCHOOL, "Elm High")))
    public = PublicFacts({item: 5}, groups={SCHOOL: list(SCHOOLS), POSITION: ["Custodian", "Teacher"]})
    failures = protection_failures(SchoolAttacker([district, *packets], public), truth, MIN_SIZE)
    assert any("'Custodian'" in f and "Elm High packet" in f for f in failures), failures


def test_district_reports_then_every_schools_results(tmp_path):
    survey = district_year()
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    by_position = year.report(POSITION)
    by_school = year.report(SCHOOL)
    packets = {school: year.school(school) for school in SCHOOLS}
    failures = year.attack(survey)
    assert not failures, f"{len(failures)} ways to work out withheld results:\n" + "\n".join(failures[:20])
    # Still useful: the first school's teachers and everyone there, and the district's teachers. (Oak
    # gives way: the district's report by school withheld Oak with the three who left their school
    # blank, and Oak's packet would be the same numbers.)
    assert shown(packets["Lincoln Elementary"], "Teacher") and shown(packets["Lincoln Elementary"], ALL)
    assert shown(packets["Lincoln Elementary"], "Teacher", "I have the supplies I need")
    assert shown(packets["Elm High"], ALL, "I feel valued by district leadership")
    assert shown(by_position, "Teacher", "I feel valued by district leadership")
    assert not shown(by_school, "Oak Middle") and not shown(packets["Oak Middle"], ALL)
    # The one custodian at Elm and the nurse at Oak are never shown.
    assert not shown(packets["Elm High"], "Custodian", "I feel valued by district leadership")
    assert not shown(packets["Oak Middle"], "Nurse", "I feel valued by district leadership")


def test_a_small_groups_count_is_not_told_from_zero_by_means(tmp_path):
    # Lincoln's teachers' results and everyone's there give the mean of its 6 custodians and 3
    # drivers together; with the district's custodians' mean, that many custodians alone could not
    # average it, so a driver must be among them: the drivers' count (3) would be told from zero by
    # means alone, not counts. The audit checks counts with the answers' sums as well.
    from tests.test_disclosure_attacks import crowd

    people, start = [], 0
    for school, sizes in (("Lincoln Elementary", {"Teacher": 9, "Custodian": 6, "Bus driver": 3}),
                          ("Oak Middle", {"Teacher": 10, "Custodian": 5, "Bus driver": 2, "Nurse": 1}),
                          ("Elm High", {"Teacher": 8, "Custodian": 1, "Bus driver": 7})):
        for position, n in sizes.items():
            people += crowd(n, {POSITION: position, SCHOOL: school}, start)
            start += 3
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    year.report(POSITION)
    year.report(SCHOOL)
    lincoln = year.school("Lincoln Elementary")
    failures = year.attack(survey)
    assert not failures, "\n".join(failures)
    assert shown(lincoln, ALL, "I feel valued by district leadership")


def test_schools_results_first_then_the_district_reports(tmp_path):
    # The other order: the packets go out in September, the district's reports later; the later
    # reports must give way to the packets already out.
    survey = district_year()
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    for school in SCHOOLS:
        year.school(school)
    year.report(POSITION)
    year.report(SCHOOL)
    failures = year.attack(survey)
    assert not failures, f"{len(failures)} ways to work out withheld results:\n" + "\n".join(failures[:20])


def test_a_school_too_small_or_absent_is_refused_in_a_sentence(tmp_path):
    survey = Survey(crowd(9, {POSITION: "Teacher", SCHOOL: "Lincoln Elementary"}) +
                    crowd(6, {POSITION: "Custodian", SCHOOL: "Lincoln Elementary"}, 3) +
                    crowd(4, {POSITION: "Teacher", SCHOOL: "Oak Middle"}, 7))
    plan = imported(tmp_path, survey)
    out = tmp_path / "oak.pdf"
    err = refused("export", plan, "survey-summary", "--school", "Oak Middle", "--out", out)
    assert "Fewer than 5 people from Oak Middle answered wave 'Fall 2026'" in err and "withheld" in err
    assert not out.exists() and len(err.strip().splitlines()) == 1
    err = refused("export", plan, "survey-summary", "--school", "Birch Creek", "--out", out)
    assert "No one from 'Birch Creek' answered wave 'Fall 2026'" in err and "Lincoln Elementary" in err
    err = refused("export", plan, "survey-summary", "--school", "lincoln elementary", "--by", SCHOOL, "--out", out)
    assert "other than" in err and len(err.strip().splitlines()) == 1
    # A wave that never asked which school people work at.
    other = tmp_path / "no school"
    other.mkdir()
    plan = imported(other, Survey(crowd(12, {POSITION: "Teacher"}) + crowd(6, {POSITION: "Custodian"}, 2)))
    err = refused("export", plan, "survey-summary", "--school", "Lincoln Elementary", "--out", out)
    assert "has no respondent attribute for school" in err
    wellplan("survey", "releases", plan)


def test_one_schools_summary_is_its_respondents_only(tmp_path):
    survey = district_year()
    plan = imported(tmp_path, survey)
    out = tmp_path / "lincoln.pdf"
    wellplan("export", plan, "survey-summary", "--school", "LINCOLN elementary", "--out", out)
    text = pdf_text(out)
    assert "Staff survey results at Lincoln Elementary: Fall 2026" in text
    assert "Grouped by: What is your position? \u2022 24 responses at Lincoln Elementary" in text
    assert "All respondents (24)" in text and "Teacher (14)" in text and "Bus driver (count withheld)" in text
    assert "Nurse" not in text  # no nurse works at Lincoln
    # The release is in the ledger, as every survey printout is.
    listed = wellplan("survey", "releases", plan)
    assert "Lincoln Elementary" in listed
