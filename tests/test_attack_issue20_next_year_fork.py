"""Attack: the next-year copy of a plan forks the release ledger.

``next-year`` copies the survey wave and the ledger into a NEW file and leaves this year's file as
it was. From then on each file audits only against its own copy of the ledger: what the old file
releases after the copy is unknown to the new one and the other way round. Yet both release the
SAME wave's answers. An attacker holding every file either plan ever released combines them.
"""

from __future__ import annotations

from pathlib import Path

from tests.disclosure_attacker import protection_failures
from tests.disclosure_attacker_schools import SchoolAttacker
from tests.test_disclosure_attacks import MIN_SIZE, POSITION, SCHOOL, imported, wellplan
from tests.test_school_packet_disclosure import SCHOOLS, Year, district_year

# What WellPlan says when asked to release a wave that came over from last year's plan.
COPIED = "came over from last year's plan"


def _refusal(release, *args) -> str:
    """Run one release; "" when it went out, else what WellPlan refused it with (one sentence, no
    file, nothing to combine)."""
    try:
        release(*args)
    except AssertionError as refused:
        if "failed (1)" in str(refused) and "Traceback" not in str(refused):
            return str(refused)
        raise
    return ""


def _released(release, *args) -> bool:
    return not _refusal(release, *args)


def _next_year(plan: Path, folder: Path) -> Path:
    out = folder / "next.wellplan"
    wellplan("next-year", plan, "--out", out)
    return out


def test_packets_from_the_next_year_copy_then_district_reports_from_this_years_file(tmp_path):
    # The copy is made before anything is released. The new plan prints every school's survey
    # results (the wave came along); this year's file later prints the district's reports by
    # position and by school. Each file's audit is clean on its own ledger; together they are the
    # attack the school-packet audit exists for (district custodians less the schools' custodians).
    survey = district_year()
    plan = imported(tmp_path, survey)
    nxt = _next_year(plan, tmp_path)
    new_year = Year(nxt, tmp_path / "new")
    (tmp_path / "new").mkdir()
    refused = [_refusal(new_year.school, school) for school in SCHOOLS]
    if all(refused):  # the copy refuses to release last year's wave, saying why: nothing to combine
        assert all(COPIED in r for r in refused), refused
        return
    old_year = Year(plan, tmp_path / "old")
    (tmp_path / "old").mkdir()
    old_year.report(POSITION)
    old_year.report(SCHOOL)
    attacker = SchoolAttacker([*new_year.tables, *old_year.tables], old_year.public)
    failures = protection_failures(attacker, survey.respondents(plan), MIN_SIZE)
    assert not failures, (f"{len(failures)} ways to work out withheld results from both files' releases:\n"
                          + "\n".join(failures[:20]))


def test_district_reports_from_the_next_year_copy_then_packets_from_this_years_file(tmp_path):
    survey = district_year()
    plan = imported(tmp_path, survey)
    nxt = _next_year(plan, tmp_path)
    (tmp_path / "new").mkdir()
    (tmp_path / "old").mkdir()
    new_year = Year(nxt, tmp_path / "new")
    refused = [_refusal(new_year.report, POSITION), _refusal(new_year.report, SCHOOL)]
    if all(refused):  # the copy refuses to release last year's wave, saying why: nothing to combine
        assert all(COPIED in r for r in refused), refused
        return
    old_year = Year(plan, tmp_path / "old")
    for school in SCHOOLS:
        old_year.school(school)
    attacker = SchoolAttacker([*new_year.tables, *old_year.tables], old_year.public)
    failures = protection_failures(attacker, survey.respondents(plan), MIN_SIZE)
    assert not failures, (f"{len(failures)} ways to work out withheld results from both files' releases:\n"
                          + "\n".join(failures[:20]))


def test_next_year_copy_audits_against_releases_made_before_the_copy(tmp_path):
    # The documented promise: releases made before next-year keep being audited in the new file.
    survey = district_year()
    plan = imported(tmp_path, survey)
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old_year = Year(plan, tmp_path / "old")
    for school in SCHOOLS:
        old_year.school(school)
    nxt = _next_year(plan, tmp_path)
    new_year = Year(nxt, tmp_path / "new")
    _released(new_year.report, POSITION)
    _released(new_year.report, SCHOOL)
    attacker = SchoolAttacker([*old_year.tables, *new_year.tables], old_year.public)
    failures = protection_failures(attacker, survey.respondents(plan), MIN_SIZE)
    assert not failures, "\n".join(failures[:20])


def test_two_next_year_copies_of_one_plan_each_release_half(tmp_path):
    # Without touching last year's file again: start the next year twice (say, once for a draft),
    # print the schools' packets from one copy and the district's reports from the other.
    survey = district_year()
    plan = imported(tmp_path, survey)
    first = tmp_path / "first.wellplan"
    second = tmp_path / "second.wellplan"
    wellplan("next-year", plan, "--out", first)
    wellplan("next-year", plan, "--out", second)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = Year(first, tmp_path / "a")
    for school in SCHOOLS:
        _released(one.school, school)
    two = Year(second, tmp_path / "b")
    _released(two.report, POSITION)
    _released(two.report, SCHOOL)
    attacker = SchoolAttacker([*one.tables, *two.tables], one.public)
    failures = protection_failures(attacker, survey.respondents(plan), MIN_SIZE)
    assert not failures, (f"{len(failures)} ways to work out withheld results from two copies' releases:\n"
                          + "\n".join(failures[:20]))
