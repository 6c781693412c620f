"""WellPlan's releases against an independent attacker (``tests/disclosure_attacker.py``).

Each test writes a small staff survey designed so that an attack recovered withheld answers of
groups of 3 and 4 under the small-group rule alone (minimum 5 with complementary suppression),
releases results through the command line as a district would (reports, cross-tabs, participation,
the printed summary), gives every released file to the attacker, and checks the promise
(``protection_failures``): no withheld value is worked out exactly, nor the answers of 1-4 late
respondents or of 1-4 people in one combination of groups; the mean and percent favorable of a
withheld cell (or late respondents) about 1-4 people who answered stay wide ((P - 1)/2 and 30
points); and a withheld count of 1-4 can't be told from 0. Each also checks the reports are
still useful: the large groups' results are shown.

The attacker reads only the released files and public facts (domains, scale points, group names,
headcounts, which positions make up a staff group); the truth comes from the survey the test wrote.
"""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cli import commands as cli
from services.data.survey_report import load_wave
from services.plan.plan_file import create_plan, open_plan
from tests.cli_run import wellplan as cli_process
from tests.conftest import ATTACK_EXAMPLES
from tests.disclosure_attacker import (
    ALL,
    CROSS,
    Attacker,
    PublicFacts,
    ReleasedTable,
    Respondent,
    protection_failures,
    read_participation_csv,
    read_report_csv,
    read_summary_pdf,
)

POSITION = "What is your position?"
SCHOOL = "Which school do you work in?"
STAFF_GROUP = "Which staff group are you in?"
YEARS = "How many years have you worked in the district?"
VALUED = "I feel valued by district leadership"
RESPECT = "People here respect my opinions"  # with VALUED: the domain "Belonging and respect"
BREAKS = "I can take breaks when I need to"
SUPPLIES = "I have the supplies I need"
BELONGING = "Belonging and respect"
ITEMS = (VALUED, RESPECT, BREAKS, SUPPLIES)
AGREE5 = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
AGREE4 = ("Strongly disagree", "Disagree", "Agree", "Strongly agree")
WAVE = "Fall 2026"
MIN_SIZE = 5


# A survey the test writes, and what it truly holds ----------------------------------------------


@dataclass
class Person:
    groups: dict[str, str | None]
    answers: dict[str, int | None]  # 1..P, None = left blank
    late: bool = False


@dataclass
class Survey:
    people: list[Person]
    points: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ITEMS, 5))

    @property
    def attributes(self) -> list[str]:
        return list(dict.fromkeys(a for p in self.people for a in p.groups))

    @property
    def items(self) -> list[str]:
        return [i for i in self.points if any(p.answers.get(i) for p in self.people)]

    def write(self, path: Path, *, late: bool = True) -> Path:
        attrs, items = self.attributes, self.items
        rows = [["Timestamp", *attrs, *items]]
        for k, p in enumerate(x for x in self.people if late or not x.late):
            scale = {i: AGREE5 if self.points[i] == 5 else AGREE4 for i in items}
            rows.append([f"10/{1 + k % 28}/2026 {8 + k // 28}:{k % 60:02d}:00",
                         *[p.groups.get(a) or "" for a in attrs],
                         *["" if not p.answers.get(i) else scale[i][p.answers[i] - 1] for i in items]])
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        return path

    def respondents(self, plan: Path, wave: str = WAVE) -> list[Respondent]:
        """The truth, on the scale WellPlan stored each item with (read back by its labels)."""
        labels = _stored_scales(plan, wave)
        out = []
        for p in self.people:
            answers = {}
            for item, value in p.answers.items():
                if value and item in labels:
                    written = (AGREE5 if self.points[item] == 5 else AGREE4)[value - 1]
                    answers[item] = labels[item].index(written.casefold()) + 1
            out.append(Respondent(wave, dict(p.groups), answers, p.late))
        return out


def _stored_scales(plan: Path, wave: str) -> dict[str, list[str]]:
    handle = open_plan(plan, read_only=True)
    try:
        with handle.transaction() as session:
            return {i.label: [s.casefold() for s in i.scale_labels] for i in load_wave(session, wave).items}
    finally:
        handle.close()


def public_facts(plan: Path, wave: str = WAVE, *, headcounts=None, nested=None) -> PublicFacts:
    """What anyone knows: the items of each domain and their scale points (printed in the summary),
    the attributes' groups; headcounts (the district knows its staff) and staff-group membership."""
    handle = open_plan(plan, read_only=True)
    try:
        with handle.transaction() as session:
            data = load_wave(session, wave)
            return PublicFacts({i.label: i.points for i in data.items}, data.domains(),
                               {d.label: list(d.groups) for d in data.dimensions},
                               {(wave, a): c for a, c in (headcounts or {}).items()}, nested or {})
    finally:
        handle.close()


def crowd(n: int, groups: dict[str, str | None], start: int = 0, *, skip: tuple[str, ...] = ()) -> list[Person]:
    """``n`` people of these groups with varied answers on 1..5 (a fixed pattern, so the tests are
    repeatable), leaving the ``skip`` items blank."""
    out = []
    for k in range(n):
        j = start + k
        answers = {item: 1 + (j * (2 * m + 1) + m * (j // 5) + m) % 5 for m, item in enumerate(ITEMS)}
        for item in skip:
            answers[item] = None
        out.append(Person(dict(groups), answers))
    return out


# Running WellPlan and collecting what it released ------------------------------------------------


def _run(*args: object) -> tuple[int, str, str]:
    """Run one command in a process of its own (tests/cli_run): nothing one command keeps in memory
    reaches the next (``test_two_plans_in_one_process_release_their_own_answers`` is about that memory)."""
    result = cli_process(*map(str, args))
    return result.returncode, result.stdout, result.stderr


def wellplan(*args: object) -> str:
    """Run a command; its output, or the test fails with its error."""
    code, out, err = _run(*args)
    assert code == 0, f"wellplan {' '.join(map(str, args))} failed ({code}): {err.strip()}"
    return out


def refused(*args: object) -> str:
    code, _, err = _run(*args)
    assert code != 0, f"wellplan {' '.join(map(str, args))} was not refused"
    return err


class Releases:
    """Every file a plan released, read as the attacker reads them."""

    def __init__(self, plan: Path, folder: Path) -> None:
        self.plan, self.folder = plan, folder
        self.tables: list[ReleasedTable] = []

    def _file(self, suffix: str) -> Path:
        return self.folder / f"release {len(self.tables) + 1}{suffix}"

    def report(self, by: str, then_by: str | None = None, *, wave: str = WAVE, scope: str = "all") -> ReleasedTable:
        out = self._file(".csv")
        wellplan("survey", "report", self.plan, "--by", by, *(["--then-by", then_by] if then_by else []),
                 "--wave", wave, "--out", out)
        self.tables.append(read_report_csv(out, wave=wave, by=by, then_by=then_by, scope=scope))
        return self.tables[-1]

    def participation(self, by: str, *, wave: str = WAVE, scope: str = "all") -> ReleasedTable:
        out = self._file(".csv")
        wellplan("survey", "participation", self.plan, "--by", by, "--wave", wave, "--out", out)
        self.tables.append(read_participation_csv(out, wave=wave, by=by, scope=scope))
        return self.tables[-1]

    def summary(self, by: str, public: PublicFacts, *, wave: str = WAVE, scope: str = "all") -> ReleasedTable:
        out = self._file(".pdf")
        wellplan("export", self.plan, "survey-summary", "--by", by, "--wave", wave, "--out", out)
        measures = [*public.points, *public.domains]
        self.tables.append(read_summary_pdf(out, wave=wave, by=by, groups=public.groups[by], measures=measures,
                                            scope=scope))
        return self.tables[-1]


def assert_protected(releases: Releases, public: PublicFacts, truth: list[Respondent]) -> Attacker:
    attacker = Attacker(releases.tables, public)
    failures = protection_failures(attacker, truth, MIN_SIZE)
    assert not failures, f"{len(failures)} ways to work out withheld results:\n" + "\n".join(failures[:20])
    return attacker


def shown(table: ReleasedTable, group: str, measure: str | None = None) -> bool:
    if measure is None:
        return any(c.group == group and c.count is not None for c in table.counts)
    return any(c.group == group and c.measure == measure and not c.withheld for c in table.cells)


def new_plan(tmp_path: Path) -> Path:
    path = tmp_path / "district.wellplan"
    create_plan(path, district_name="Maple Hollow").close()
    return path


def imported(tmp_path: Path, survey: Survey, name: str = "staff survey.csv") -> Path:
    plan = new_plan(tmp_path)
    wellplan("survey", "import", plan, survey.write(tmp_path / name), "--wave", WAVE)
    return plan


# One test per attack -------------------------------------------------------------------------------


def test_one_report_with_its_domain_and_all_rows(tmp_path):
    # 4 of the 10 drivers answered "People here respect my opinions": their cell is withheld, and
    # the custodians' with it (the next smallest on that item). But the custodians' domain row
    # (that item pooled with "I feel valued") and their "I feel valued" row were shown: the pooled
    # count of answers that fits the rounding gives their hidden sum, and the total gives the drivers'.
    people = crowd(12, {POSITION: "Teacher"}) + crowd(6, {POSITION: "Custodian"}, 3) + \
        crowd(4, {POSITION: "Bus driver"}, 7) + crowd(6, {POSITION: "Bus driver"}, 11, skip=(RESPECT,))
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    releases = Releases(plan, tmp_path)
    report = releases.report(POSITION)
    public = public_facts(plan)
    assert public.domains[BELONGING] == [VALUED, RESPECT]
    assert_protected(releases, public, survey.respondents(plan))
    assert shown(report, "Teacher", RESPECT) and shown(report, "Teacher", BELONGING)
    assert shown(report, ALL, VALUED) and shown(report, "Bus driver", BREAKS)


def test_two_reports_by_different_attributes(tmp_path):
    # Staff groups: "Support staff" is the bus drivers and the nurses. By position the 3 nurses are
    # withheld (and the 5 custodians with them); by staff group everything is 5 or more, so
    # "Support staff" less "Bus driver" is the nurses, and "Facilities" is the custodians.
    people = crowd(10, {POSITION: "Teacher", STAFF_GROUP: "Certified"}) + \
        crowd(6, {POSITION: "Bus driver", STAFF_GROUP: "Support staff"}, 2) + \
        crowd(3, {POSITION: "Nurse", STAFF_GROUP: "Support staff"}, 5) + \
        crowd(5, {POSITION: "Custodian", STAFF_GROUP: "Facilities"}, 9)
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    releases = Releases(plan, tmp_path)
    by_position = releases.report(POSITION)
    by_group = releases.report(STAFF_GROUP)
    kinds = {"Teacher": "Certified", "Bus driver": "Support staff", "Nurse": "Support staff",
             "Custodian": "Facilities"}
    public = public_facts(plan, nested={(POSITION, STAFF_GROUP): kinds})
    assert_protected(releases, public, survey.respondents(plan))
    assert shown(by_position, "Teacher", VALUED) and shown(by_position, ALL, VALUED)
    assert shown(by_group, "Certified", VALUED)


def test_a_wave_then_the_same_file_with_late_respondents(tmp_path):
    # The file is downloaded again after 2 more teachers and 1 more nurse answered. As a second
    # wave, its teachers less the first wave's teachers would be the 2 late teachers' answers. It is
    # refused as a new wave; as the wave's replacement, the earlier releases stay public and cover
    # the earlier respondents, and the new releases must not give the late ones away.
    early = crowd(10, {POSITION: "Teacher"}) + crowd(6, {POSITION: "Custodian"}, 3) + \
        crowd(6, {POSITION: "Bus driver"}, 6) + crowd(3, {POSITION: "Nurse"}, 9)
    late = [Person({POSITION: "Teacher"}, {VALUED: 1, RESPECT: 2, BREAKS: 1, SUPPLIES: 2}, late=True),
            Person({POSITION: "Teacher"}, {VALUED: 2, RESPECT: 1, BREAKS: 2, SUPPLIES: 1}, late=True),
            Person({POSITION: "Nurse"}, {VALUED: 5, RESPECT: 5, BREAKS: 4, SUPPLIES: 5}, late=True)]
    survey = Survey(early + late)
    plan = new_plan(tmp_path)
    wellplan("survey", "import", plan, survey.write(tmp_path / "download 1.csv", late=False), "--wave", WAVE)
    releases = Releases(plan, tmp_path)
    releases.report(POSITION, scope="earlier")
    second = survey.write(tmp_path / "download 2.csv")
    refused("survey", "import", plan, second, "--wave", "Fall 2026 again")
    wellplan("survey", "import", plan, second, "--replace", WAVE)
    later = releases.report(POSITION)
    public = public_facts(plan)
    assert_protected(releases, public, survey.respondents(plan))
    # Still useful: the custodians (none of them late) keep a result the late nurse doesn't touch.
    assert shown(later, "Custodian", BREAKS)


def test_a_cross_tab_against_the_one_attribute_report(tmp_path):
    # By position the 3 nurses are withheld and the 6 custodians with them. In the cross-tab by
    # position and school the nurses' pairs are withheld with the bus drivers' (their rows and
    # columns), but every custodian works at Elm: "Custodian / Elm" (6) is shown, and it is all the
    # custodians, so the nurses are the total less the teachers, the drivers and it.
    people = crowd(10, {POSITION: "Teacher", SCHOOL: "Elm"}) + crowd(10, {POSITION: "Teacher", SCHOOL: "Oak"}, 4) + \
        crowd(6, {POSITION: "Custodian", SCHOOL: "Elm"}, 1) + crowd(5, {POSITION: "Bus driver", SCHOOL: "Elm"}, 2) + \
        crowd(5, {POSITION: "Bus driver", SCHOOL: "Oak"}, 6) + crowd(2, {POSITION: "Nurse", SCHOOL: "Elm"}, 3) + \
        crowd(1, {POSITION: "Nurse", SCHOOL: "Oak"}, 9)
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    releases = Releases(plan, tmp_path)
    by_position = releases.report(POSITION)
    cross = releases.report(POSITION, SCHOOL)
    assert_protected(releases, public_facts(plan), survey.respondents(plan))
    assert shown(by_position, "Teacher", VALUED) and shown(by_position, "Bus driver", VALUED)
    assert shown(cross, f"Teacher{CROSS}Elm", VALUED) and shown(cross, f"Teacher{CROSS}Oak", VALUED)


def test_no_answer_against_the_total(tmp_path):
    # 3 people left their position blank and 3 teachers left their school blank: each "No answer"
    # is withheld in its own report, but the cross-tab's "No answer" (either blank: 6) is shown,
    # and each one-attribute total less its cross-tab pairs is one of them.
    people = []
    for school, sizes, start in (("Elm", (8, 5, 6), 0), ("Oak", (8, 6, 5), 3)):
        for position, n in zip(("Teacher", "Custodian", "Bus driver"), sizes, strict=True):
            people += crowd(n, {POSITION: position, SCHOOL: school}, start)
            start += 2
    people += crowd(2, {POSITION: None, SCHOOL: "Elm"}, 13) + crowd(1, {POSITION: None, SCHOOL: "Oak"}, 17)
    people += crowd(3, {POSITION: "Teacher", SCHOOL: None}, 19)
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    releases = Releases(plan, tmp_path)
    by_position = releases.report(POSITION)
    by_school = releases.report(SCHOOL)
    releases.report(POSITION, SCHOOL)
    assert_protected(releases, public_facts(plan), survey.respondents(plan))
    assert shown(by_position, "Teacher", VALUED) and shown(by_school, "Elm", VALUED)


def test_participation_counts_against_headcounts(tmp_path):
    # Every nurse (3) and every bus driver (5) answered. Their counts are withheld together, but
    # the headcounts are public, and with the report's "All respondents" n (28 answered an item
    # everyone answered) 8 of them answered: no fewer than 3 nurses, no more than 3.
    people = crowd(12, {POSITION: "Teacher"}) + crowd(8, {POSITION: "Custodian"}, 3) + \
        crowd(5, {POSITION: "Bus driver"}, 6) + crowd(3, {POSITION: "Nurse"}, 9)
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    heads = {"Teacher": 20, "Custodian": 12, "Bus driver": 5, "Nurse": 3}
    wellplan("survey", "headcounts", plan, "--wave", WAVE, "--by", POSITION, *[f"{g}={n}" for g, n in heads.items()])
    releases = Releases(plan, tmp_path)
    participation = releases.participation(POSITION)
    releases.report(POSITION)
    assert_protected(releases, public_facts(plan, headcounts={POSITION: heads}), survey.respondents(plan))
    # Nurses and drivers answered to the last one: a third group with room under its headcount must be
    # withheld with them (the cheaper custodians here), or the nurses could be counted.
    assert shown(participation, "Teacher")


def test_the_summary_pdf_against_the_csv_of_the_same_numbers(tmp_path):
    # The PDF's headings show the 7 bus drivers' count while the 3 nurses' and 6 custodians' are
    # withheld; in the CSV 2 drivers skipped an item, so there the drivers' cell is the one withheld
    # with the nurses' and the custodians' is shown with its n. Together: 9 nurses and custodians,
    # at least 6 of them custodians, and at least 1 nurse (the drivers can't be more than 7).
    people = crowd(12, {POSITION: "Teacher"}) + crowd(6, {POSITION: "Custodian"}, 3) + \
        crowd(5, {POSITION: "Bus driver"}, 6) + crowd(2, {POSITION: "Bus driver"}, 11, skip=(BREAKS,)) + \
        crowd(3, {POSITION: "Nurse"}, 9)
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    public = public_facts(plan)
    releases = Releases(plan, tmp_path)
    csv_table = releases.report(POSITION)
    pdf_table = releases.summary(POSITION, public)
    assert len(pdf_table.cells) == len(csv_table.cells)  # the attacker read every cell of the PDF
    assert_protected(releases, public, survey.respondents(plan))
    assert shown(pdf_table, "Teacher") and shown(pdf_table, ALL)
    assert shown(csv_table, "Teacher", BREAKS) and shown(pdf_table, "Teacher", BREAKS)


def test_two_plans_in_one_process_release_their_own_answers(tmp_path):
    # The window is one process while a planner opens one district's plan after another (and
    # these tests could be too): a report from the second plan must hold the second plan's answers,
    # never results remembered from the first (released without the first plan's ledger knowing).
    first = Survey(crowd(12, {POSITION: "Teacher"}) + crowd(6, {POSITION: "Custodian"}, 3) +
                   crowd(10, {POSITION: "Bus driver"}, 7))
    second = Survey(crowd(12, {POSITION: "Teacher"}, 1) + crowd(8, {POSITION: "Custodian"}, 4) +
                    crowd(5, {POSITION: "Bus driver"}, 8) + crowd(3, {POSITION: "Nurse"}, 2))
    tables = []
    for name, survey in (("first", first), ("second", second)):
        folder = tmp_path / name
        folder.mkdir()
        plan = folder / "district.wellplan"
        create_plan(plan, district_name="Maple Hollow").close()
        out = folder / "by position.csv"
        with contextlib.redirect_stdout(io.StringIO()):  # in this very process, one after the other
            assert cli.main(["survey", "import", str(plan), str(survey.write(folder / "survey.csv")), "--wave",
                             WAVE]) == 0
            assert cli.main(["survey", "report", str(plan), "--by", POSITION, "--out", str(out)]) == 0
        tables.append(read_report_csv(out, wave=WAVE, by=POSITION))
    groups = {c.group for c in tables[1].cells}
    assert groups == {ALL, "Teacher", "Custodian", "Bus driver", "Nurse"}, groups
    everyone = next(c for c in tables[1].cells if c.group == ALL and c.measure == VALUED)
    truth = [p.answers[VALUED] for p in second.people]
    assert everyone.n == len(truth) and everyone.mean.lo <= sum(truth) / len(truth) <= everyone.mean.hi


# Random waves and random sequences of releases ---------------------------------------------------

ATTRIBUTES = {
    POSITION: ["Teacher", "Custodian", "Bus driver", "Nurse", "Counselor"],
    SCHOOL: ["Elm", "Oak", "Pine", "Cedar", "Birch"],
    YEARS: ["0-2 years", "3-5 years", "6-10 years", "11-20 years", "21+ years"],
}


@st.composite
def waves(draw):
    attrs = draw(st.sampled_from([[POSITION, SCHOOL], [POSITION, YEARS], [POSITION, SCHOOL, YEARS]]))
    sizes = {}
    for a in attrs:
        count = draw(st.integers(2, 5))
        sizes[a] = [draw(st.sampled_from([1, 2, 3, 4, 5, 6, 8, 12, 20])) for _ in range(count)]
    total = draw(st.integers(20, 80))
    points = {VALUED: 5, RESPECT: draw(st.sampled_from([4, 5]))}
    for item in draw(st.lists(st.sampled_from([BREAKS, SUPPLIES]), max_size=2, unique=True)):
        points[item] = draw(st.sampled_from([4, 5]))
    people = []
    for _ in range(total):
        groups = {}
        for a in attrs:
            weights = sizes[a]
            pick = draw(st.integers(0, sum(weights) + 1))  # the last two: left blank, sometimes
            position = 0
            while position < len(weights) and pick >= weights[position]:
                pick -= weights[position]
                position += 1
            groups[a] = ATTRIBUTES[a][position] if position < len(weights) else None
        answers = {i: draw(st.one_of(st.none(), st.integers(1, p), st.integers(1, p))) for i, p in points.items()}
        people.append(Person(groups, answers))
    for a in attrs:  # every attribute mostly answered, with two groups at least
        if sum(1 for p in people if p.groups[a]) < total * 0.6 or len({p.groups[a] for p in people} - {None}) < 2:
            for k, p in enumerate(people):
                p.groups[a] = ATTRIBUTES[a][k % 2] if k % 4 else p.groups[a] or ATTRIBUTES[a][0]
    for i, p in points.items():  # two answers on the scale at least, including its ends
        people[0].answers[i], people[1].answers[i] = 1, p
    releases = draw(st.lists(st.one_of(
        st.tuples(st.just("report"), st.sampled_from(attrs), st.none()),
        st.tuples(st.just("cross"), st.sampled_from(attrs), st.sampled_from(attrs)).filter(lambda r: r[1] != r[2]),
        st.tuples(st.just("participation"), st.sampled_from(attrs), st.none())), min_size=1, max_size=4))
    return Survey(people, points), releases


# No shrinking: each step of it runs WellPlan and the attacker again (minutes); the failure message
# already names every value worked out, and the example is printed whole.
@settings(max_examples=ATTACK_EXAMPLES, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=waves())
def test_random_waves_and_releases_never_break_the_rule(tmp_path_factory, case):
    survey, steps = case
    folder = tmp_path_factory.mktemp("wave")
    plan = imported(folder, survey)
    releases = Releases(plan, folder)
    for kind, by, then_by in steps:
        if kind == "participation":
            releases.participation(by)
        else:
            releases.report(by, then_by if kind == "cross" else None)
    assert_protected(releases, public_facts(plan), survey.respondents(plan))
    first = releases.tables[0]
    if first.cells:  # still useful: all respondents' results are shown, the item's or the domain's
        # (the item can be needed: 8 drivers of whom 3 answered the other item, a custodian and a
        # teacher answered it; all respondents' item less the custodian's and teacher's one answer
        # each would give the drivers' item, and the domain less that their other item)
        assert shown(first, ALL, VALUED) or shown(first, ALL, BELONGING) or \
            sum(1 for p in survey.people if p.answers.get(VALUED)) < MIN_SIZE
