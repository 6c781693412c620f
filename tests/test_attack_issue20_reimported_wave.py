"""Attack: the same survey answers imported again as another wave escape the audit of the first.

The ledger audits each wave against its own releases. Since 6ed4b2f, next year's plan refuses to
release a wave that came over from last year's, but nothing stops the same export file (the
district still has it) being imported again, as a new wave, into next year's plan or into the
same plan. Then one wave's releases and the other's are audited apart, though they are about the
same people: the school packets from one, the district's reports from the other.
"""

from __future__ import annotations

from tests.disclosure_attacker import protection_failures
from tests.disclosure_attacker_schools import SchoolAttacker
from tests.test_attack_issue20_next_year_fork import _released
from tests.test_disclosure_attacks import MIN_SIZE, POSITION, SCHOOL, WAVE, imported, wellplan
from tests.test_school_packet_disclosure import SCHOOLS, Year, district_year

AGAIN = "Fall 2026 (again)"


class _AgainYear(Year):
    """The same releases, of the wave imported a second time (read as the first wave's numbers:
    they are the same respondents)."""

    def report(self, by: str):
        out = self._file(".csv")
        wellplan("survey", "report", self.plan, "--by", by, "--wave", AGAIN, "--out", out)
        from tests.disclosure_attacker import read_report_csv

        self.tables.append(read_report_csv(out, wave=WAVE, by=by))
        return self.tables[-1]


def _import_again(plan, tmp_path, survey) -> str:
    # The same people's answers, without the last item's column (a second download of the survey
    # with one question left out): not recognised as the wave already in the plan.
    from tests.test_disclosure_attacks import ITEMS, Survey

    points = {item: n for item, n in survey.points.items() if item != ITEMS[-1]}
    source = Survey(survey.people, points).write(tmp_path / "staff survey again.csv")
    try:
        wellplan("survey", "import", plan, source, "--wave", AGAIN)
    except AssertionError as refused:  # "" when imported, else the one sentence it was refused with
        if "failed (1)" in str(refused):
            return str(refused)
        raise
    return ""


def test_the_same_file_imported_again_into_next_years_plan(tmp_path):
    survey = district_year()
    plan = imported(tmp_path, survey)
    nxt = tmp_path / "next.wellplan"
    wellplan("next-year", plan, "--out", nxt)
    before = nxt.read_bytes()
    refused = _import_again(nxt, tmp_path, survey)
    if refused:  # last year's answers can't be a wave of next year's plan: said, and nothing written
        assert "holds the answers of the Fall 2026 survey, which came over from last year's plan" in refused
        assert nxt.read_bytes() == before
        return
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = Year(plan, tmp_path / "old")
    for school in SCHOOLS:
        old.school(school)
    again = _AgainYear(nxt, tmp_path / "new")
    if not (_released(again.report, POSITION) | _released(again.report, SCHOOL)):
        return
    attacker = SchoolAttacker([*old.tables, *again.tables], old.public)
    failures = protection_failures(attacker, survey.respondents(plan), MIN_SIZE)
    assert not failures, (f"{len(failures)} ways to work out withheld results, the wave imported again:\n"
                          + "\n".join(failures[:20]))


def test_the_same_file_imported_again_into_the_same_plan(tmp_path):
    survey = district_year()
    plan = imported(tmp_path, survey)
    refused = _import_again(plan, tmp_path, survey)
    if refused:
        assert "holds the answers of" in refused, refused
        return
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Year(plan, tmp_path / "a")
    for school in SCHOOLS:
        first.school(school)
    again = _AgainYear(plan, tmp_path / "b")
    if not (_released(again.report, POSITION) | _released(again.report, SCHOOL)):
        return
    attacker = SchoolAttacker([*first.tables, *again.tables], first.public)
    failures = protection_failures(attacker, survey.respondents(plan), MIN_SIZE)
    assert not failures, (f"{len(failures)} ways to work out withheld results, the wave imported again:\n"
                          + "\n".join(failures[:20]))
