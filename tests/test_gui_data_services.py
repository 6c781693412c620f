"""The Data tab's services behind its new habits, without a display: what removing a wave or a
data source takes with it, and a data source made from a row pasted from a spreadsheet."""

from __future__ import annotations

import pytest

from services import district_profile
from services.data import data_sources, survey_participation, survey_waves
from services.data.wellness_domains import ensure_domains
from services.errors import InvalidInput
from tests.gui_windows import add_small_wave


def test_a_wave_alone_takes_nothing_but_headcounts_and_comments_are_named(empty_plan):
    add_small_wave(empty_plan, ("Teacher",) * 6 + ("Custodian",) * 6)
    with empty_plan.transaction() as s:
        wave = survey_waves.list_waves(s)[0]
        assert survey_waves.wave_dependents(s, wave.id) == []
        survey_participation.set_headcount(s, wave.id, "What is your role?", "Teacher", 40)
        lines = survey_waves.wave_dependents(s, wave.id)
    assert lines == ["The 1 headcount typed in for its response rates goes with it."]


@pytest.fixture
def described(empty_plan):
    """A new plan with its wellness domains (its staff groups come with it)."""
    with empty_plan.transaction() as s:
        ensure_domains(s)
        assert len(district_profile.list_position_groups(s)) >= 2
    return empty_plan


def test_a_source_from_a_pasted_row(described):
    empty_plan = described
    with empty_plan.transaction() as s:
        cover = data_sources.coverage(s)
        domain = cover.domains[0][1]
        source = data_sources.add_source_from_row(s, {"name": "Absence records", "quality": "GOOD",
                                                      "domains": domain.upper(), "groups": "All", "notes": "HR"})
        assert source.quality == "good" and source.notes == "HR"
        assert source.domain_ids == {cover.domains[0][0]} and source.group_ids == {g for g, _ in cover.groups}
        with pytest.raises(InvalidInput, match="Quality \u201cExcellent\u201d"):
            data_sources.add_source_from_row(s, {"name": "Parent survey", "quality": "Excellent"})
        with pytest.raises(InvalidInput, match="not one of the plan's wellness domains"):
            data_sources.add_source_from_row(s, {"name": "Parent survey", "domains": "Astrology"})
        with pytest.raises(InvalidInput, match="needs a name"):
            data_sources.add_source_from_row(s, {"quality": "Good"})


def test_removing_a_source_names_the_gaps_only_it_covered(described):
    empty_plan = described
    with empty_plan.transaction() as s:
        cover = data_sources.coverage(s)
        bare = data_sources.add_source(s, "Not yet described")
        assert data_sources.source_dependents(s, bare.id) == []
        one = {cover.domains[0][0]}
        groups = {cover.groups[0][0], cover.groups[1][0]}
        first = data_sources.add_source(s, "Absence records", domain_ids=one, group_ids=groups)
        assert data_sources.source_dependents(s, first.id) == [
            "What it covers (1 domain for 2 staff groups) goes with it.",
            "2 domain and staff group pairs that only it covers become gaps."]
        data_sources.add_source(s, "Exit interviews", domain_ids=one, group_ids={cover.groups[0][0]})
        assert data_sources.source_dependents(s, first.id)[1] == \
            "1 domain and staff group pair that only it covers becomes a gap."


def test_removing_a_domain_names_the_items_and_sources_left_without_it(described):
    from services.data import wellness_domains

    with described.transaction() as s:
        domain = wellness_domains.add_domain(s, "Workload and time")
        assert wellness_domains.domain_dependents(s, domain.id) == []
        data_sources.add_source(s, "Exit interviews", domain_ids={domain.id})
        assert wellness_domains.domain_dependents(s, domain.id) == [
            "1 data source no longer lists it among what it covers."]
