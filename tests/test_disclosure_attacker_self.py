"""The disclosure attacker itself, on hand-made releases whose answers we know: it must recover what
arithmetic can recover (a group of 3 from the total, a withheld item from its domain, "No answer"
from the total, a cross-tab cell from its one-attribute table, a small group from two tables,
counts from headcounts, late respondents from two versions of a file) and must not claim to
recover what is protected. These test the attacker, not WellPlan."""

from __future__ import annotations

import csv
from fractions import Fraction

import pytest

from tests.disclosure_attacker import (
    ALL,
    CROSS,
    NO_ANSWER,
    Attacker,
    AttackerError,
    Printed,
    PublicFacts,
    ReleasedCell,
    ReleasedCount,
    ReleasedTable,
    Respondent,
    favorable_from,
    protection_failures,
    read_participation_csv,
    read_report_csv,
    read_summary_pdf,
)

POINTS = {"Valued": 5, "Breaks": 5, "Supplies": 4}
DOMAINS = {"Support": ["Valued", "Breaks"]}
MEASURES = ["Valued", "Breaks", "Supplies", "Support"]
POSITIONS = ["Custodian", "Driver", "Nurse", "Teacher"]
SCHOOLS = ["Elm", "Oak"]
PUBLIC = PublicFacts(POINTS, DOMAINS, {"position": POSITIONS, "school": SCHOOLS, "type": ["Certified", "Support"]})


def person(position, answers, *, school="Elm", kind=None, late=False, wave="W"):
    valued, breaks, supplies = answers
    kind = kind or ("Certified" if position == "Teacher" else "Support")
    return Respondent(wave, {"position": position, "school": school, "type": kind},
                      {"Valued": valued, "Breaks": breaks, "Supplies": supplies}, late)


def crowd(position, count, start=0, **kw):
    """``count`` people of a position with varied answers (a fixed pattern, so tests are stable)."""
    return [person(position, (1 + (start + 3 * k) % 5, 1 + (start + 2 * k + 1) % 5, 1 + (start + k) % 4), **kw)
            for k in range(count)]


def _label(p, by):
    picked = [p.groups.get(a) for a in by]
    return NO_ANSWER if None in picked else CROSS.join(picked)


def _cell(people, group, measure):
    items = DOMAINS.get(measure, [measure])
    answers = [(p.answers[i], POINTS[i]) for p in people for i in items if p.answers.get(i)]
    who = sum(1 for p in people if any(p.answers.get(i) for i in items))
    if not answers:
        return ReleasedCell(group, measure, False, 0)
    total = sum(a for a, _ in answers)
    favorable = sum(a >= favorable_from(pts) for a, pts in answers)
    return ReleasedCell(group, measure, False, who, Printed.parse(f"{total / len(answers):.4f}"),
                        Printed.parse(f"{100 * favorable / len(answers):.1f}"))


def release(people, *by, withhold=(), wave="W", scope="all", source=None, measures=MEASURES):
    """A report as WellPlan lays it out (All respondents, every group with respondents, "No answer"),
    withholding the groups (or (group, measure) pairs) asked, and nothing else."""
    people = [p for p in people if p.wave == wave and (scope == "all" or not p.late)]
    labels = sorted({_label(p, by) for p in people} - {NO_ANSWER})
    if any(_label(p, by) == NO_ANSWER for p in people):
        labels.append(NO_ANSWER)
    cells = []
    for group in [ALL, *labels]:
        members = [p for p in people if group == ALL or _label(p, by) == group]
        for m in measures:
            hidden = group in withhold or (group, m) in withhold
            cells.append(ReleasedCell(group, m, True) if hidden else _cell(members, group, m))
    return ReleasedTable(source or f"{'-'.join(by)}-{scope}.csv", wave, tuple(by), scope, cells=tuple(cells))


def truth_of(people, group_filter, item):
    values = [p.answers[item] for p in people if group_filter(p) and p.answers.get(item)]
    return len(values), sum(values)


def recovered(attacker, group, measure, quantity="sum", kind="withheld"):
    found = [r.value for r in attacker.exact() if r.target.group == group and r.target.measure == measure
             and r.quantity == quantity and r.target.kind == kind]
    return found[0] if found else None


def test_one_small_group_withheld_alone_is_the_total_less_the_others():
    people = crowd("Teacher", 9) + crowd("Custodian", 6, 1) + crowd("Driver", 5, 2) + crowd("Nurse", 3, 4)
    attacker = Attacker([release(people, "position", withhold={"Nurse"})], PUBLIC)
    for item in ("Valued", "Breaks", "Supplies"):
        n, total = truth_of(people, lambda p: p.groups["position"] == "Nurse", item)
        assert recovered(attacker, "Nurse", item, "n") == n == 3
        assert recovered(attacker, "Nurse", item) == total
    pooled = sum(truth_of(people, lambda p: p.groups["position"] == "Nurse", i)[1] for i in DOMAINS["Support"])
    assert recovered(attacker, "Nurse", "Support") == pooled
    bounds = {b.target.measure: b for b in attacker.intervals()}
    assert bounds["Valued"].mean.width < 1e-6 and bounds["Valued"].pct.width < 1e-6
    failures = protection_failures(attacker, people)
    assert any("'Nurse', 'Valued'" in f and "sum recovered exactly" in f for f in failures)


def test_two_groups_withheld_together_are_protected():
    # complementary suppression done right: the 3 nurses and 7 drivers withheld together, with
    # varied answers, so neither can be told apart from the other
    people = crowd("Teacher", 10) + crowd("Custodian", 6, 1) + crowd("Driver", 7, 2) + crowd("Nurse", 3, 4)
    attacker = Attacker([release(people, "position", withhold={"Nurse", "Driver"})], PUBLIC)
    assert attacker.exact() == []
    assert protection_failures(attacker, people) == []
    nurse = next(b for b in attacker.intervals() if b.target.group == "Nurse" and b.target.measure == "Valued")
    assert nurse.count.lo == 0 and nurse.count.hi == pytest.approx(10)


def test_a_domain_row_and_its_other_item_give_a_withheld_item_away():
    # 4 of the 10 drivers answered Valued, so their Valued is withheld, and the custodians' too
    # (complementary); but the custodians' Support row (Valued and Breaks pooled) and their Breaks
    # row are shown: the pooled count of answers is the only one that fits the rounded mean and
    # percent, which pins their Valued sum, and then the drivers' from the total.
    teachers = crowd("Teacher", 12)
    custodians = [person("Custodian", a) for a in [(5, 4, 2), (4, 4, 3), (2, 5, 1), (5, 3, 2), (4, 2, 4), (3, 4, 2)]]
    drivers = [person("Driver", (v if k < 4 else None, 1 + k % 5, 2)) for k, v in enumerate([2, 1, 2, 3] + [0] * 6)]
    people = teachers + custodians + drivers
    table = release(people, "position", withhold={("Driver", "Valued"), ("Custodian", "Valued")})
    attacker = Attacker([table], PUBLIC)
    _, custodians_valued = truth_of(people, lambda p: p.groups["position"] == "Custodian", "Valued")
    _, drivers_valued = truth_of(people, lambda p: p.groups["position"] == "Driver", "Valued")
    assert recovered(attacker, "Custodian", "Valued") == custodians_valued
    assert recovered(attacker, "Driver", "Valued") == drivers_valued == 8
    assert recovered(attacker, "Driver", "Valued", "n") == 4
    assert any("trying every count" in r.how for r in attacker.exact())
    # without trying counts, linear algebra alone can't, but the linear program still narrows it
    plain = Attacker([table], PUBLIC, enumerate_counts=False)
    assert recovered(plain, "Driver", "Valued") is None
    assert protection_failures(attacker, people)


def test_no_answer_is_the_total_less_the_groups():
    people = crowd("Teacher", 8) + crowd("Custodian", 6, 1)
    people += [Respondent("W", {"position": None, "school": "Oak"}, {"Valued": v, "Breaks": 3, "Supplies": 2})
               for v in (1, 2)]
    attacker = Attacker([release(people, "position", withhold={NO_ANSWER})], PUBLIC)
    assert recovered(attacker, NO_ANSWER, "Valued") == 3
    assert recovered(attacker, NO_ANSWER, "Valued", "favorable") == 0
    # and when the table lists no "No answer", there is none: nobody to hide in
    shown = release(crowd("Teacher", 8) + crowd("Nurse", 2, 3), "position", withhold={"Nurse"})
    assert recovered(Attacker([shown], PUBLIC), "Nurse", "Breaks", "n") == 2


def test_a_cross_tab_against_its_one_attribute_table():
    people = crowd("Teacher", 9, school="Elm") + crowd("Teacher", 3, 2, school="Oak") + \
        crowd("Custodian", 6, 1, school="Elm") + crowd("Custodian", 6, 3, school="Oak")
    by_position = release(people, "position")
    cross = release(people, "position", "school", withhold={f"Teacher{CROSS}Oak", f"Custodian{CROSS}Oak"})
    assert recovered(Attacker([cross], PUBLIC), f"Teacher{CROSS}Oak", "Valued") is None  # alone: protected
    attacker = Attacker([by_position, cross], PUBLIC)
    n, total = truth_of(people, lambda p: p.groups["position"] == "Teacher" and p.groups["school"] == "Oak", "Valued")
    assert recovered(attacker, f"Teacher{CROSS}Oak", "Valued") == total and n == 3


def test_a_small_group_is_the_only_difference_between_two_tables():
    # position: nurses (3) withheld and custodians (5) with them; staff type: "Support" is the
    # drivers and the nurses, so Support less Driver is the nurses
    people = crowd("Teacher", 10) + crowd("Driver", 6, 2, kind="Support") + crowd("Nurse", 3, 4, kind="Support") + \
        crowd("Custodian", 5, 1, kind="Other")
    by_position = release(people, "position", withhold={"Nurse", "Custodian"})
    kinds = {"Teacher": "Certified", "Driver": "Support", "Nurse": "Support", "Custodian": "Other"}
    public = PublicFacts(POINTS, DOMAINS, {"position": POSITIONS, "type": ["Certified", "Other", "Support"]},
                         nested={("position", "type"): kinds})
    assert Attacker([by_position], public).exact() == []
    by_type = release(people, "type")
    # without knowing which positions make up "Support", the two tables don't line up
    loose = PublicFacts(POINTS, DOMAINS, public.groups)
    assert recovered(Attacker([by_position, by_type], loose), "Nurse", "Breaks") is None
    attacker = Attacker([by_position, by_type], public)
    _, total = truth_of(people, lambda p: p.groups["position"] == "Nurse", "Breaks")
    assert recovered(attacker, "Nurse", "Breaks") == total
    # "Other" is the custodians: shown there, their withheld row is public, not a secret to keep
    assert not any(t.group == "Custodian" for t in attacker.targets)
    assert any(t.group == "Custodian" for t in Attacker([by_position], public).targets)


def test_counts_from_the_total_and_from_headcounts():
    # participation: 3 nurses and 5 drivers withheld together; the total is shown
    counts = (ReleasedCount(ALL, 28), ReleasedCount("Teacher", 12, 20), ReleasedCount("Custodian", 8, 12),
              ReleasedCount("Driver", None, 5), ReleasedCount("Nurse", None, 3))
    people = crowd("Teacher", 12) + crowd("Custodian", 8) + crowd("Driver", 5) + crowd("Nurse", 3)
    table = ReleasedTable("participation.csv", "W", ("position",), counts=counts)
    attacker = Attacker([table], PUBLIC)
    assert attacker.exact() == []  # linear algebra: only their sum (8)
    nurse = next(b for b in attacker.intervals() if b.target.group == "Nurse")
    assert (nurse.count.lo, nurse.count.hi) == pytest.approx((3, 3))  # but 8 = 5 + 3 staff: everyone answered
    assert any("count 3 lies in [3, 3], which pins it" in f for f in protection_failures(attacker, people))
    # without the headcounts the nurses could be 0..8
    bare = ReleasedTable("p.csv", "W", ("position",), counts=tuple(
        ReleasedCount(c.group, c.count) for c in counts))
    assert protection_failures(Attacker([bare], PUBLIC), people) == []
    # a response rate with its headcount pins a withheld count (1 decimal, under 1,000 staff)
    rated = ReleasedTable("p.csv", "W", ("position",), counts=(
        ReleasedCount("Nurse", None, 7, Printed.parse("42.9")),))
    assert [r.value for r in Attacker([rated], PUBLIC).exact()] == [3]


def test_late_respondents_are_the_difference_between_two_versions_of_a_file():
    early = crowd("Teacher", 10) + crowd("Custodian", 6, 1) + crowd("Driver", 6, 2) + crowd("Nurse", 3, 4)
    late = [person("Teacher", (1, 2, 1), late=True), person("Teacher", (2, 1, 1), late=True),
            person("Nurse", (5, 5, 4), late=True)]
    people = early + late
    tables = [release(people, "position", withhold={"Nurse", "Custodian"}, scope="earlier"),
              release(people, "position", withhold={"Nurse", "Custodian"})]
    attacker = Attacker(tables, PUBLIC)
    assert recovered(attacker, "Teacher", "Valued", kind="late") == 3
    assert recovered(attacker, ALL, "Valued", kind="late") == 8
    assert recovered(attacker, "Nurse", "Valued") is None  # the withheld cells themselves stay hidden
    failures = protection_failures(attacker, people)
    assert any(f.startswith("late respondents of 'Teacher', 'Valued'") for f in failures)


def test_a_combination_of_groups_never_released_can_still_be_worked_out():
    # 3 people left their position blank, 2 of them at Elm. The cross-tab withholds its "No answer"
    # and the custodians at Oak with it, so neither is determined; but Elm (by school) less the
    # cross-tab's pairs at Elm is the 2 at Elm with no position: never a released group.
    people = crowd("Teacher", 8, school="Elm") + crowd("Teacher", 8, 3, school="Oak") + \
        crowd("Custodian", 6, 1, school="Elm") + crowd("Custodian", 6, 2, school="Oak")
    people += [Respondent("W", {"position": None, "school": school}, {"Valued": v, "Breaks": 2, "Supplies": 1})
               for school, v in (("Elm", 5), ("Elm", 4), ("Oak", 1))]
    by_school = release(people, "school")
    cross = release(people, "position", "school", withhold={NO_ANSWER, f"Custodian{CROSS}Oak"})
    attacker = Attacker([by_school, cross], PUBLIC)
    assert not [r for r in attacker.exact() if r.target.kind == "withheld"]
    found = {(r.target.group, r.target.measure, r.quantity): r.value for r in attacker.exact()
             if r.target.kind == "combination"}
    assert found[("school: Elm; position: No answer", "Valued", "sum")] == 9
    assert ("school: Oak; position: No answer", "Valued", "sum") not in found
    assert any(f.startswith("the people in school: Elm; position: No answer, 'Valued'")
               for f in protection_failures(attacker, people))


def test_rounding_pins_a_sum_only_when_one_whole_number_fits():
    # 2-decimal means (the PDF) pin a sum of fewer than 100 answers, not of more
    few = ReleasedTable("few.pdf", "W", ("position",), cells=(
        ReleasedCell(ALL, "Valued", False, 40, Printed.parse("3.47")),
        ReleasedCell("Teacher", "Valued", False, 37, Printed.parse("3.49")),
        ReleasedCell("Nurse", "Valued", True)))
    assert recovered(Attacker([few], PUBLIC), "Nurse", "Valued") == 139 - 129
    many = ReleasedTable("many.pdf", "W", ("position",), cells=(
        ReleasedCell(ALL, "Valued", False, 403, Printed.parse("3.47")),
        ReleasedCell("Teacher", "Valued", False, 400, Printed.parse("3.49")),
        ReleasedCell("Nurse", "Valued", True)))
    assert recovered(Attacker([many], PUBLIC), "Nurse", "Valued") is None
    assert recovered(Attacker([many], PUBLIC), "Nurse", "Valued", "n") == 3


def test_a_listed_group_has_someone_but_how_many_stays_unknown():
    # The summary lists the nurses, withheld: so someone among them answered (WellPlan prints that
    # on purpose: "group of fewer than 5 respondents"). How many is what stays hidden.
    people = crowd("Teacher", 10) + crowd("Driver", 7, 2) + crowd("Nurse", 3, 4)
    table = ReleasedTable("summary.pdf", "W", ("position",), counts=(
        ReleasedCount(ALL, 20), ReleasedCount("Teacher", 10), ReleasedCount("Driver", None),
        ReleasedCount("Nurse", None)))
    blind = {b.target.group: b.count for b in Attacker([table], PUBLIC, presence=False).intervals()}
    assert (blind["Nurse"].lo, blind["Nurse"].hi) == pytest.approx((0, 10))
    reader = Attacker([table], PUBLIC, presence=True)
    assert {b.target.group: (b.count.lo, b.count.hi) for b in reader.intervals()}["Nurse"] == pytest.approx((1, 9))
    assert protection_failures(reader, people) == []
    assert protection_failures(Attacker([table], PUBLIC, presence=False), people) == []


def test_the_listing_itself_can_pin_a_count():
    # 12 answered, 10 of them teachers: the two withheld groups share 2, and each is listed, so
    # each is one person. Linear algebra alone finds neither; reading the listing finds both.
    people = crowd("Teacher", 10) + crowd("Driver", 1, 2) + crowd("Nurse", 1, 4)
    table = ReleasedTable("summary.pdf", "W", ("position",), counts=(
        ReleasedCount(ALL, 12), ReleasedCount("Teacher", 10), ReleasedCount("Driver", None),
        ReleasedCount("Nurse", None)))
    assert protection_failures(Attacker([table], PUBLIC, presence=False), people) == []
    failures = protection_failures(Attacker([table], PUBLIC, presence=True), people)
    assert sorted(f.split(",")[0] for f in failures) == ["'Driver'", "'Nurse'"]
    assert all("count 1 lies in [1, 1], which pins it" in f for f in failures)


def test_true_answers_that_break_a_release_are_reported():
    people = crowd("Teacher", 8) + crowd("Nurse", 3)
    table = release(people, "position", withhold={"Nurse"})
    attacker = Attacker([table], PUBLIC)
    wrong = people[:-1] + [person("Nurse", (5, 5, 4))]
    with pytest.raises(AttackerError, match="break a constraint"):
        attacker.true_values(wrong)
    with pytest.raises(AttackerError, match="group the releases say is empty"):
        attacker.true_values(people + [person("Driver", (1, 1, 1))])


def test_contradicting_releases_are_reported():
    bad = ReleasedTable("bad.csv", "W", ("position",), cells=(
        ReleasedCell(ALL, "Valued", False, 10, Printed.parse("3.0000")),
        ReleasedCell("Teacher", "Valued", False, 12, Printed.parse("3.0000"))))
    with pytest.raises(AttackerError, match="contradict"):
        Attacker([bad], PUBLIC)


def test_reading_released_csv_files(tmp_path):
    report = tmp_path / "by position.csv"
    with report.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["group", "measure", "n", "mean", "pct_favorable", "suppressed"])
        w.writerow([ALL, "Valued", "12", "3.4167", "50.0", "false"])
        w.writerow(["'=Nurse", "Valued", "", "", "", "true"])
        w.writerow(["Teacher", "Ticked: Yoga", "9", "", "33.3", "false"])
        w.writerow(["Teacher", "Breaks", "0", "", "", "false"])
    table = read_report_csv(report, wave="W", by="position")
    assert table.source == "by position.csv" and table.by == ("position",)
    everyone, nurse, ticked, empty = table.cells
    assert everyone.n == 12 and everyone.mean == Printed(Fraction("3.4167"), Fraction(1, 20000))
    assert nurse.group == "=Nurse" and nurse.withheld
    assert ticked.mean is None and ticked.pct.value == Fraction("33.3")
    assert empty.n == 0 and not empty.withheld
    cross = read_report_csv(report, wave="W", by="position", then_by="school", scope="earlier")
    assert cross.by == ("position", "school") and cross.scope == "earlier"
    part = tmp_path / "participation.csv"
    part.write_text("group,responses,headcount,response_rate\nTeacher,12,20,60.0\nNurse,,3,\n"
                    "All respondents,28,40,70.0\n", encoding="utf-8")
    counts = read_participation_csv(part, wave="W", by="position").counts
    assert counts[0] == ReleasedCount("Teacher", 12, 20, Printed(Fraction(60), Fraction(1, 20)))
    assert counts[1].withheld and counts[1].headcount == 3
    assert counts[2].group == ALL and counts[2].count == 28


SUMMARY_TEXT = (
    "Test Staff survey results Printed December 1, 2026 with WellPlan Results for groups of fewer than 5 "
    "respondents are not shown, so no one can be identified from their answers. Staff survey results: Fall 2026 "
    "Grouped by: position \u2022 25 responses, 3 items, answered 01 Oct 2026 to 25 Oct 2026 Each cell shows the "
    "mean ... Who answered Group Responses Staff Response rate Note Custodian 6 8 75% Driver \u2014 4 fewer than 5 "
    "responded: too few to report Nurse \u2014 fewer than 5 responded: too few to report Teacher 12 20 60% Overall "
    "response rate: 56% of 32 staff in the groups with a headcount. Wellness domains Domain All respondents (25) "
    "Custodian (6) Driver (count withheld) Nurse (count withheld) Teacher (12) Support 3.52 52% 3.00 33% \u25bc "
    "\u2014 \u2014 3.42 50% Page 1 of 2 Test Staff survey results Printed December 1, 2026 with WellPlan Items Item "
    "All respondents (25) Custodian (6) Driver (count withheld) Nurse (count withheld) Teacher (12) Valued 3.52 52% "
    "3.00 33% \u25bc \u2014 \u2014 3.42 50% Breaks 3.00 53% 4.40 80% \u2014 \u2014 2.12 38% \u25bc Supplies 2.60 "
    "52% no answers \u2014 \u2014 2.58 50% Largest gaps Teacher: 'Breaks' 0.9 below all respondents")


def test_reading_the_summary_pdf_text():
    table = read_summary_pdf(None, wave="W", by="position", groups=POSITIONS, measures=MEASURES, text=SUMMARY_TEXT,
                             source="summary.pdf")
    counts = {c.group: c for c in table.counts}
    assert counts[ALL].count == 25 and counts["Teacher"].count == 12 and counts["Teacher"].headcount == 20
    assert counts["Driver"].withheld and counts["Driver"].headcount == 4 and counts["Nurse"].withheld
    assert counts["Teacher"].rate.value == 60 and counts["Teacher"].rate.half == Fraction(11, 20)
    overall = counts["(groups with a headcount)"]
    assert overall.members == ("Custodian", "Driver", "Teacher") and overall.headcount == 32
    cells = {(c.group, c.measure): c for c in table.cells}
    assert len(cells) == 5 * 4
    assert cells[("Teacher", "Breaks")].mean.value == Fraction("2.12")
    assert cells[("Teacher", "Breaks")].mean.half == Fraction(1, 200) + Fraction(1, 20000)
    assert cells[("Custodian", "Supplies")].n == 0 and not cells[("Custodian", "Supplies")].withheld
    assert cells[("Nurse", "Support")].withheld and cells[(ALL, "Support")].pct.value == 52
