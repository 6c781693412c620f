"""The Data tab's services on real plans: waves, participation, cross-tabs, gaps to findings, data
sources and coverage, domains, and the sample district's survey."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import CandidateAction, SurveyFinding
from services.data import data_sources, survey_waves, wellness_domains
from services.data.headcount_matching import (
    profile_headcounts,
)
from services.data.survey_findings import gap_for, send_gap, sent_findings, unsend
from services.data.survey_import import default_wave_label, response_dates
from services.data.survey_participation import (
    headcounts,
    parse_pasted,
    participation,
    read_roster,
    replace_headcounts,
    set_headcount,
)
from services.data.survey_report import WaveData, WaveDimension, WaveItem, gaps, load_wave, report_by
from services.data.survey_results import ALL, ItemAnswers, disaggregate_codes
from services.errors import InvalidInput
from services.overview import journey
from services.sample.sample_survey_waves import POSITION
from services.suppression import suppress_small_groups


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere


def test_the_sample_has_two_waves_with_the_patterns_the_seed_describes(sample_plan):
    with sample_plan.transaction() as s:
        waves = survey_waves.list_waves(s)
        assert [w.label for w in waves] == ["Fall 2025", "Fall 2026"]
        assert all(w.comment_count == 0 and w.item_count == 18 for w in waves)
        wave = load_wave(s, "Fall 2026")
        report = report_by(wave, POSITION, 5)
        nurses = "Nurses and health staff"
        assert report.respondents[nurses] < 5 and nurses in report.hidden_counts
        assert all(not report.cell(nurses, m).shown for m in report.measures)
        low = {g.group for g in gaps(report)}
        assert {"Transportation", "Food service", "Maintenance and custodial"} <= low
        assert "Teachers" not in low
        part = participation(wave.dimension(POSITION), headcounts(s, wave.id, POSITION), 5)
        assert {r.group for r in part.low_groups} >= {"Transportation", "Food service", "Maintenance and custodial"}
        older = report_by(load_wave(s, "Fall 2025"), POSITION, 5)
        assert report.cell(ALL, "Belonging and respect").mean > older.cell(ALL, "Belonging and respect").mean
        cover = data_sources.coverage(s)
        assert cover.gaps() and cover.uncovered_domains() == []
        step = next(x for x in journey.journey_status(s) if x.step.key == "data")
        assert step.state.value == "done", step


def test_findings_behind_the_sample_priorities_are_real(sample_plan):
    with sample_plan.transaction() as s:
        actions = s.query(CandidateAction).filter(CandidateAction.source_kind == "survey_finding").all()
        assert len(actions) == 4
        for a in actions:
            finding = s.get(SurveyFinding, a.source_id)
            assert finding is not None and finding.group_name in a.source_label
            assert "Fall 2026:" in a.evidence and "all respondents" in a.evidence


def test_send_a_gap_once_and_undo(sample_plan):
    with sample_plan.transaction() as s:
        wave = load_wave(s, "Fall 2026")
        report = report_by(wave, POSITION, 5)
        gap = gap_for(report, "Transportation", "I feel valued by district leadership")
        sent = send_gap(s, wave, POSITION, gap)
        assert sent.action.source_kind == "survey_finding"
        assert sent.action.title.startswith("Act on: Transportation: 'I feel valued by district leadership'")
        assert "below all respondents" in sent.action.title
        assert sent_findings(s, wave.id, POSITION)[("Transportation", "I feel valued by district leadership")]
        with pytest.raises(InvalidInput, match="already in Priorities"):
            send_gap(s, wave, POSITION, gap)
        with pytest.raises(InvalidInput, match="withheld"):
            gap_for(report, "Nurses and health staff", "I feel valued by district leadership")
        unsend(s, sent)
        assert s.get(CandidateAction, sent.action.id) is None and s.get(SurveyFinding, sent.finding_id) is None


def test_cross_tab_hides_a_lone_small_cell_in_every_row_and_column():
    # 2 roles x 2 tenures: one cell has 2 people. Its row, its column and the whole need a second hidden cell.
    first = WaveDimension(1, "Role", "Role", ("Teacher", "Driver"), np.array([1] * 30 + [2] * 12, dtype="<u2"))
    second = WaveDimension(2, "Tenure", "Tenure", ("New", "Long"),
                           np.array([1] * 10 + [2] * 20 + [1] * 2 + [2] * 10, dtype="<u2"))
    item = WaveItem(1, "Q", "Q", "", 5, "agreement", (), False, "", np.array([4] * 42, dtype=np.int8))
    wave = WaveData(1, "W", 42, (item,), (first, second))
    report = report_by(wave, "Role", 5, "Tenure")
    shown = {g for g in report.groups[1:] if report.cell(g, "Q").shown}
    assert "Driver / New" not in shown
    # Driver row (Driver / New hidden) and New column (Driver / New hidden) each need another hidden cell
    assert "Driver / Long" not in shown and "Teacher / New" not in shown
    for members in (["Teacher / New", "Teacher / Long"], ["Driver / New", "Driver / Long"],
                    ["Teacher / New", "Driver / New"], ["Teacher / Long", "Driver / Long"]):
        assert sum(1 for g in members if g not in shown) != 1


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=5, max_size=80), st.integers(3, 6))
def test_no_cross_tab_cell_can_be_worked_out_from_a_total_that_is_shown(people, min_size):
    first = WaveDimension(1, "A", "A", ("a1", "a2", "a3"), np.array([a for a, _ in people], dtype="<u2"))
    second = WaveDimension(2, "B", "B", ("b1", "b2", "b3"), np.array([b for _, b in people], dtype="<u2"))
    item = WaveItem(1, "Q", "Q", "", 5, "agreement", (), False, "", np.full(len(people), 3, dtype=np.int8))
    wave = WaveData(1, "W", len(people), (item,), (first, second))
    report = report_by(wave, "A", min_size, "B")
    by_a, by_b = report_by(wave, "A", min_size), report_by(wave, "B", min_size)
    cells = {g: report.cell(g, "Q") for g in report.groups[1:]}
    for cell in cells.values():
        if cell.shown and cell.n:
            assert cell.n >= min_size
    if report.cell(ALL, "Q").shown:  # the one rule decides, with the rows and columns as its partitions
        rows = [[g for g in cells if g.startswith(f"{a} / ")] for a in ("a1", "a2", "a3")]
        columns = [[g for g in cells if g.endswith(f" / {b}")] for b in ("b1", "b2", "b3")]
        small = {g for g in cells if report.respondents[g] < min_size}
        hidden = {g for g, cell in cells.items() if not cell.shown and cell.respondents}
        assert hidden == suppress_small_groups({g: c.respondents for g, c in cells.items()}, min_size, base=small,
                                               partitions=rows + columns)
    # Each row and column total is shown in the one-attribute report (when it is shown there):
    # a single hidden cell in it would be that total minus the others. (A row or column with one
    # cell only is that total, known from the one-attribute report whatever the cross-tab shows.)
    totals = [(list(cells), report.cell(ALL, "Q"))]
    totals += [([g for g in cells if g.startswith(f"{a} / ")], by_a.cell(a, "Q")) for a in ("a1", "a2", "a3")
               if a in by_a.groups]
    totals += [([g for g in cells if g.endswith(f" / {b}")], by_b.cell(b, "Q")) for b in ("b1", "b2", "b3")
               if b in by_b.groups]
    for members, total in totals:
        if total.shown and sum(1 for g in members if cells[g].n) > 1:
            hidden = [g for g in members if not cells[g].shown and cells[g].n]
            assert len(hidden) != 1, (members, hidden)


def test_reverse_scoring_and_percent_favorable_by_hand():
    codes = np.array([1] * 6, dtype=np.uint16)
    raw = [1, 2, 2, 4, 5, None]  # "My workload is too heavy": agreeing is bad
    reversed_ = [None if v is None else 6 - v for v in raw]  # 5, 4, 4, 2, 1
    report = disaggregate_codes(codes, ["Teachers"], [ItemAnswers("Workload", 5, reversed_)], {}, 5)
    cell = report.cell("Teachers", "Workload")
    assert (cell.n, cell.mean, cell.pct_favorable) == (5, 3.2, 60.0)


def test_reverse_toggle_flips_the_stored_answers_and_undoes(sample_plan):
    with sample_plan.transaction() as s:
        wave = load_wave(s, "Fall 2025")
        item = wave.items[3]
        before = item.values.copy()
        assert survey_waves.set_item_reverse(s, item.id, True) is False
        after = load_wave(s, "Fall 2025").items[3].values
        assert np.array_equal(after[before > 0], 6 - before[before > 0]) and np.array_equal(after == 0, before == 0)
        survey_waves.set_item_reverse(s, item.id, False)
        assert np.array_equal(load_wave(s, "Fall 2025").items[3].values, before)


def test_remove_a_wave_and_restore_it(sample_plan):
    with sample_plan.transaction() as s:
        wave = load_wave(s, "Fall 2026")
        counts = headcounts(s, wave.id, POSITION)
        removed = survey_waves.remove_wave(s, wave.id)
        assert [w.label for w in survey_waves.list_waves(s)] == ["Fall 2025"]
        survey_waves.restore_wave(s, removed)
        again = load_wave(s, "Fall 2026")
        assert again.id == wave.id and headcounts(s, wave.id, POSITION) == counts
        assert np.array_equal(again.items[0].values, wave.items[0].values)
        assert s.query(SurveyFinding).filter(SurveyFinding.wave_id == wave.id).count() == 4
        assert survey_waves.rename_wave(s, wave.id, "Autumn 2026") == "Fall 2026"
        with pytest.raises(InvalidInput, match="already a wave called"):
            survey_waves.rename_wave(s, wave.id, "fall 2025")


def test_headcounts_typed_pasted_from_a_roster_and_from_the_profile(sample_plan, tmp_path):
    assert parse_pasted("Group\tHeadcount\nTeachers\t780\nFood service\t1,120\n") == {"Teachers": 780,
                                                                                     "Food service": 1120}
    assert parse_pasted("Bus drivers, 96") == {"Bus drivers": 96}
    with pytest.raises(InvalidInput, match="Line 2"):
        parse_pasted("Teachers\t780\nFood service\tmany\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("Staff roster\n\nPosition;Count\nTeachers;780\nTransportation;96\nTeachers;4\n",
                      encoding="cp1252")
    assert read_roster(roster) == {"Teachers": 784, "Transportation": 96}
    with sample_plan.transaction() as s:
        wave = load_wave(s, "Fall 2025")
        groups = wave.dimension(POSITION).groups
        assert profile_headcounts(s, groups)["Teachers"] == 780
        before = replace_headcounts(s, wave.id, POSITION, {"Teachers": 700})
        assert before["Transportation"] == 96 and headcounts(s, wave.id, POSITION) == {"Teachers": 700}
        assert set_headcount(s, wave.id, POSITION, "Teachers", None) == 700
        assert headcounts(s, wave.id, POSITION) == {}
        with pytest.raises(InvalidInput):
            set_headcount(s, wave.id, POSITION, "Teachers", -3)


def test_data_sources_coverage_and_domains(empty_plan):
    with empty_plan.transaction() as s:
        wellness_domains.ensure_domains(s)
        names = [d.name for d in wellness_domains.list_domains(s)]
        assert names == list(wellness_domains.DEFAULT_DOMAINS)
        assert wellness_domains.guess_domain("I am treated with respect", names) == "Belonging and respect"
        assert wellness_domains.guess_domain("My pay meets my needs", names) == "Financial wellbeing"
        assert wellness_domains.guess_domain("The weather", names) == ""
        domains = {d.name: d.id for d in wellness_domains.list_domains(s)}
        from services.district_profile import list_position_groups

        groups = {g.name: g.id for g in list_position_groups(s)}
        src = data_sources.add_source(s, "Absence records", quality="good", last_updated="Monthly",
                                      domain_ids={domains["Physical health"]}, group_ids={groups["Teachers"]})
        cover = data_sources.coverage(s)
        assert cover.cells[(domains["Physical health"], groups["Teachers"])] == ("Absence records",)
        assert "Financial wellbeing" in cover.uncovered_domains() and "Transportation" in cover.uncovered_groups()
        record, order = data_sources.remove_source(s, src.id)
        assert data_sources.list_sources(s) == []
        data_sources.restore_source(s, record, order)
        assert data_sources.list_sources(s)[0].domain_ids == {domains["Physical health"]}
        with pytest.raises(InvalidInput, match="already a domain"):
            wellness_domains.add_domain(s, "physical health")
        removed = wellness_domains.remove_domain(s, domains["Physical health"])
        assert data_sources.list_sources(s)[0].domain_ids == frozenset()
        wellness_domains.restore_domain(s, removed)
        assert data_sources.list_sources(s)[0].domain_ids == {domains["Physical health"]}


def test_wave_labels_from_dates_or_the_file_name(tmp_path):
    import datetime as dt

    from services.data.survey_files import read_survey_file

    assert default_wave_label("x.csv", dt.date(2026, 10, 3)) == "Fall 2026"
    assert default_wave_label("x.csv", dt.date(2027, 3, 3)) == "Spring 2027"
    assert default_wave_label("Staff_survey_results.csv", None) == "Staff survey results"
    path = tmp_path / "s.csv"
    path.write_text("Submitted,Role,Q\n03/02/2027 10:00,Teacher,Agree\n14/03/2027 10:00,Teacher,Agree\n")
    assert response_dates(read_survey_file(path)) == (dt.date(2027, 3, 2), dt.date(2027, 3, 14))
