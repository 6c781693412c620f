"""Issue 14, "Headcounts that match": the district profile's staff groups are found for survey groups
spelled differently ("Teacher" / "Teachers", "Bus driver / transportation" / "Transportation"),
every survey group is reported with its match or "no match", the headcounts go in and come out again
as one operation, and the user's choices come back first for the next wave of the same survey."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from models import SurveyImportProfile
from services.data.headcount_matching import (
    MatchHow,
    apply_profile_matches,
    match_group_names,
    profile_headcounts,
    propose_profile_matches,
    remembered_matches,
    restore_profile_matches,
)
from services.data.survey_import import prepare_wave, propose, read_for_import, store_wave
from services.data.survey_participation import (
    headcounts,
    replace_headcounts,
)
from services.district_profile import DEFAULT_POSITION_GROUPS
from tests.test_cli_survey import staff_rows
from tests.test_survey_files import _csv


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

PROFILE = [name for name, _start, _end in DEFAULT_POSITION_GROUPS]
ROLE = "What is your role?"
# The seven groups of the survey, and one no staff group is like.
SURVEY = ("Teacher", "Bus driver / transportation", "FOOD SERVICE", "Custodian", "Nurse", "Paraprofessional",
          "Administrator", "Substitute")


def matched(survey, profile=PROFILE, remembered=None):
    return {m.survey_group: (m.profile_group, m.how) for m in match_group_names(survey, profile, remembered)}


def test_names_that_differ_by_case_plural_punctuation_or_extra_words_still_match():
    got = matched(SURVEY)
    assert list(got) == list(SURVEY)  # every survey group, in its order
    assert got["Teacher"] == ("Teachers", MatchHow.SAME_WORDS)
    assert got["Bus driver / transportation"] == ("Transportation", MatchHow.WORDS_IN_COMMON)
    assert got["FOOD SERVICE"] == ("Food service", MatchHow.EXACT)
    assert got["Custodian"] == ("Maintenance and custodial", MatchHow.WORDS_IN_COMMON)
    assert got["Nurse"][0] == "Nurses and health staff"
    assert got["Paraprofessional"][0] == "Paraprofessionals and aides"
    assert got["Administrator"][0] == "School administrators"
    assert matched(["Office & Clerical staff"])["Office & Clerical staff"] == ("Office and clerical",
                                                                               MatchHow.SAME_WORDS)
    assert matched(["Bus driver"])["Bus driver"][0] == "Transportation"  # a word for the same job


def test_a_group_like_no_profile_group_is_reported_as_no_match_with_the_reason():
    m = {x.survey_group: x for x in match_group_names(SURVEY + ("Prefer not to say",), PROFILE)}
    for group in ("Substitute", "Prefer not to say"):
        assert m[group].profile_group is None and m[group].how is MatchHow.NONE
        assert "No staff group in the district profile has a name like it" in m[group].note


def test_two_survey_groups_never_silently_share_one_profile_group():
    got = {m.survey_group: m for m in match_group_names(["Teachers", "Teacher"], PROFILE)}
    assert got["Teachers"].profile_group == "Teachers" and got["Teachers"].how is MatchHow.EXACT
    assert got["Teacher"].profile_group is None
    assert "already matched to the survey's \u201cTeachers\u201d" in got["Teacher"].note
    # equally close to two profile groups: the user settles it
    tie = match_group_names(["Office"], ["Office staff", "Office clerical"])[0]
    assert tie.profile_group == "Office staff"  # same words ("staff" is filler) beats words in common
    tie = match_group_names(["Health"], ["Health aides", "Health clerks"])[0]
    assert tie.profile_group is None and "pick the right one" in tie.note
    # a weaker claim gives way, and then finds its own next-best group
    got = matched(["Teacher aide", "Teacher"])
    assert got["Teacher"][0] == "Teachers" and got["Teacher aide"][0] == "Paraprofessionals and aides"


def test_a_remembered_choice_comes_first_and_a_vanished_group_is_forgotten():
    remembered = {"substitute": "Teachers", "custodian": None, "nurse": "School nurses (renamed)"}
    got = matched(SURVEY, remembered=remembered)
    assert got["Substitute"] == ("Teachers", MatchHow.REMEMBERED)
    assert got["Custodian"] == (None, MatchHow.REMEMBERED)  # "no match", as the user said last time
    assert got["Nurse"] == ("Nurses and health staff", MatchHow.WORDS_IN_COMMON)
    assert got["Teacher"][0] is None  # Teachers went to the remembered choice, not matched twice


def _import(session, path, label):
    source = read_for_import(path)
    proposal = propose(session, source)
    return store_wave(session, prepare_wave(proposal.source, proposal.choices), label)


def test_headcounts_applied_undone_and_the_choices_proposed_again_for_the_next_wave(sample_plan, tmp_path):
    first = tmp_path / "spring.csv"
    first.write_text(_csv(staff_rows(SURVEY * 2)), encoding="utf-8")
    with sample_plan.transaction() as s:
        wave = _import(s, first, "Spring 2027")
        proposed = {m.survey_group: m for m in propose_profile_matches(s, wave.id, ROLE)}
        assert proposed["Teacher"].profile_group == "Teachers" and proposed["Teacher"].headcount == 780
        assert proposed["Bus driver / transportation"].headcount == 96
        assert proposed["Substitute"].profile_group is None and proposed["Substitute"].headcount is None
        assert profile_headcounts(s, SURVEY)["FOOD SERVICE"] == 112  # the quick path matches forgivingly too
        mapping_before = s.scalar(select(SurveyImportProfile.mapping).where(
            SurveyImportProfile.mapping.contains('"what is your role?"')))
        set_by_hand = {"Substitute": 30}  # typed on the Participation page earlier
        replace_headcounts(s, wave.id, ROLE, set_by_hand)
        # the user keeps the proposals but says custodians are not "Maintenance and custodial" here and
        # that substitutes are counted with office staff
        picks = {m.survey_group: m.profile_group for m in proposed.values()}
        picks.update({"Custodian": None, "Substitute": "Office and clerical"})
        picks.pop("Nurse")  # a group left out keeps what it has
        before = apply_profile_matches(s, wave.id, ROLE, picks)
        counts = headcounts(s, wave.id, ROLE)
        assert counts["Teacher"] == 780 and counts["Bus driver / transportation"] == 96
        assert counts["FOOD SERVICE"] == 112 and counts["Substitute"] == 64
        assert "Custodian" not in counts and "Nurse" not in counts
        assert remembered_matches(s, wave.id, ROLE)["custodian"] is None
        restore_profile_matches(s, wave.id, ROLE, before)
        assert headcounts(s, wave.id, ROLE) == set_by_hand
        assert s.get(SurveyImportProfile, before.profile_id).mapping == mapping_before
        apply_profile_matches(s, wave.id, ROLE, picks)  # redo

    # next term's survey, same columns: the choices come back first, the import keeps them
    second = tmp_path / "fall.csv"
    second.write_text(_csv(staff_rows(SURVEY + ("Custodian",) * 5)), encoding="utf-8")
    with sample_plan.transaction() as s:
        wave = _import(s, second, "Fall 2027")
        got = {m.survey_group: m for m in propose_profile_matches(s, wave.id, ROLE)}
        assert (got["Substitute"].profile_group, got["Substitute"].how) == ("Office and clerical",
                                                                            MatchHow.REMEMBERED)
        assert got["Substitute"].headcount == 64
        assert (got["Custodian"].profile_group, got["Custodian"].how) == (None, MatchHow.REMEMBERED)
        assert got["Teacher"].profile_group == "Teachers"
        profile = s.scalar(select(SurveyImportProfile).where(SurveyImportProfile.mapping.contains('"custodian"')))
        entry = json.loads(profile.mapping)["what is your role?"]
        assert entry["role"] == "dimension" and entry["profile_groups"]["substitute"] == "Office and clerical"

    # the year after, a question was added (other columns, another import profile): still proposed
    rows = staff_rows(SURVEY * 2)
    for n, row in enumerate(rows):
        row.insert(5, "I sleep well" if n == 0 else "Agree")
    third = tmp_path / "spring 2028.csv"
    third.write_text(_csv(rows), encoding="utf-8")
    with sample_plan.transaction() as s:
        wave = _import(s, third, "Spring 2028")
        got = {m.survey_group: m for m in propose_profile_matches(s, wave.id, ROLE)}
        assert got["Substitute"].how is MatchHow.REMEMBERED and got["Substitute"].profile_group == "Office and clerical"
