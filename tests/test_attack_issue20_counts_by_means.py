"""Attack: a small count withheld by an EARLIER release, told from zero by a later table's means.

The audit checks the new table's own small counts with every item's answers and sums, but "earlier
ones with counts alone" (disclosure_audit's docstring, e096d5e/d069a54). So the order of
``test_school_packet_disclosure.test_a_small_groups_count_is_not_told_from_zero_by_means`` is
turned round: the school's packet goes out first (withholding its 3 drivers), the district's reports
after; then the means the later reports print may say someone is there.

That someone is there, the listing says anyway: a table lists a group only when someone in it
answered ("group of fewer than 5 respondents"). So the attacker reads listings, and what must stay
unknown is how many (``protection_failures``): the drawn districts 4 and 6 once narrowed a count to
[1, 10] and failed the old rule, which asked that a count not be told from zero.
"""

from __future__ import annotations

from tests.test_disclosure_attacks import POSITION, SCHOOL, Survey, crowd, imported
from tests.test_school_packet_disclosure import SCHOOLS, Year


def _survey() -> Survey:
    people, start = [], 0
    for school, sizes in (("Lincoln Elementary", {"Teacher": 9, "Custodian": 6, "Bus driver": 3}),
                          ("Oak Middle", {"Teacher": 10, "Custodian": 5, "Bus driver": 2, "Nurse": 1}),
                          ("Elm High", {"Teacher": 8, "Custodian": 1, "Bus driver": 7})):
        for position, n in sizes.items():
            people += crowd(n, {POSITION: position, SCHOOL: school}, start)
            start += 3
    return Survey(people)


def test_a_packet_first_then_the_district_reports(tmp_path):
    survey = _survey()
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    year.school("Lincoln Elementary")
    year.report(POSITION)
    year.report(SCHOOL)
    failures = year.attack(survey)
    assert not failures, "\n".join(failures[:20])


def test_every_packet_first_then_the_district_reports(tmp_path):
    survey = _survey()
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    for school in SCHOOLS:
        year.school(school)
    year.report(SCHOOL)
    year.report(POSITION)
    failures = year.attack(survey)
    assert not failures, "\n".join(failures[:20])


def _district(seed: int) -> tuple[Survey, bool]:
    """A district of three schools whose groups are drawn from 0 to 12 people (fixed seeds, so it
    repeats); True when the packets go out before the district's reports."""
    import random

    from tests.test_school_packet_disclosure import staff

    rng = random.Random(seed)
    people, s = [], seed * 100
    for school in SCHOOLS:
        for position in ("Teacher", "Custodian", "Bus driver", "Nurse"):
            n = rng.choice((0, 1, 2, 3, 4, 5, 6, 8, 12))
            if n:
                s += 1
                people += staff(n, {POSITION: position, SCHOOL: school}, s)
    return Survey(people), rng.random() < 0.5


def _year_of(seed: int, tmp_path) -> list[str]:
    survey, packets_first = _district(seed)
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    if packets_first:
        for school in SCHOOLS:
            year.school(school)
    year.report(POSITION)
    year.report(SCHOOL)
    if not packets_first:
        for school in SCHOOLS:
            year.school(school)
    return year.attack(survey)


def test_drawn_district_4_reports_then_packets(tmp_path):
    # Lincoln: 3 teachers, 4 custodians, 1 driver, 6 nurses; Oak: 8, 2, 1, 1; Elm: 0, 6, 12, 4.
    failures = _year_of(4, tmp_path)
    assert not failures, f"{len(failures)} ways to work out withheld results:\n" + "\n".join(failures[:20])


def test_drawn_district_6_reports_then_packets(tmp_path):
    # Lincoln: 1 teacher, 8 custodians, 4 drivers, 0 nurses; Oak: 0, 2, 8, 5; Elm: 5, 0, 4, 8.
    failures = _year_of(6, tmp_path)
    assert not failures, f"{len(failures)} ways to work out withheld results:\n" + "\n".join(failures[:20])


def test_two_listed_groups_of_one_are_not_pinned_by_their_listing(tmp_path):
    # 12 answered at Lincoln, 10 of them teachers: its one custodian and one driver share 2, and the
    # report lists both, so each would be one person. The audit reads listings as the attacker does.
    people = crowd(10, {POSITION: "Teacher", SCHOOL: "Lincoln Elementary"}, 0)
    people += crowd(1, {POSITION: "Custodian", SCHOOL: "Lincoln Elementary"}, 3)
    people += crowd(1, {POSITION: "Bus driver", SCHOOL: "Lincoln Elementary"}, 6)
    people += crowd(9, {POSITION: "Teacher", SCHOOL: "Oak Middle"}, 9)
    survey = Survey(people)
    plan = imported(tmp_path, survey)
    year = Year(plan, tmp_path)
    year.report(POSITION)
    year.school("Lincoln Elementary")
    failures = year.attack(survey)
    assert not failures, "\n".join(failures[:20])
