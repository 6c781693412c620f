"""The sample district's survey asks which school each respondent works at, so a sample school's
packet shows what a packet with results looks like: the answers are the district's schools, each
of the respondent's school type; the column is a respondent attribute in the sample's import
profile, as a district would map it; asking it leaves every other answer of the sample as it was
(they come from the wave's own generator, the school from one of its own); and the high school's
packet prints its staff's results, recorded in the ledger like any release."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter

import pytest
from sqlalchemy import select

from models import SurveyImportProfile
from services import district_profile
from services.data.survey_report import load_wave, school_attributes, school_slice
from services.sample.sample_district import SCHOOLS
from services.sample.sample_survey import SCHOOL_QUESTION, SCHOOL_TYPES, generate
from services.sample.sample_survey_waves import POSITION, SCHOOL, WAVES
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

SCHOOL_TYPE = "Where do you work most of the time?"
# The school type each level of the district's schools is answered as.
TYPE_OF_LEVEL = {"Elementary": "Elementary school", "Middle": "Middle school", "High": "High school",
                 "Alternative": "High school", "District office": "District-wide"}
FIRST = WAVES[0][0]
HIGH = "Maple Hollow High School"
SMALL = "Pathways Alternative School"


def _answers(spec) -> tuple[list[str], list[list[str]]]:
    rows, _ = generate(spec)
    return rows[1], rows[3:]  # the questions' texts, then the responses


def test_each_respondent_names_a_school_of_the_type_they_gave():
    level = dict(SCHOOLS)
    for _, spec in WAVES:
        questions, rows = _answers(spec)
        kind, school = questions.index(SCHOOL_TYPE), questions.index(SCHOOL_QUESTION)
        assert school == kind + 1  # asked right after the school type
        pairs = Counter((row[kind], row[school]) for row in rows)
        assert all(name in level and TYPE_OF_LEVEL[level[name]] == typed for typed, name in pairs)
        assert {name for _, name in pairs} == set(level)  # every school of the district answered
        assert {typed for typed, _ in pairs} == set(SCHOOL_TYPES)


def test_asking_which_school_leaves_every_other_answer_of_the_sample_as_it_was():
    for _, spec in WAVES:
        assert spec.ask_school
        questions, rows = _answers(spec)
        before_questions, before = _answers(dataclasses.replace(spec, ask_school=False))
        at = questions.index(SCHOOL_QUESTION)
        assert questions[:at] + questions[at + 1:] == before_questions
        assert [row[:at] + row[at + 1:] for row in rows] == before


def test_the_sample_plan_maps_the_school_column_as_the_school_attribute(sample_plan):
    with sample_plan.transaction() as s:
        mapping = json.loads(s.scalar(select(SurveyImportProfile.mapping)))
        schools = [x.name for x in district_profile.list_schools(s)]
        waves = [load_wave(s, label) for label, _ in WAVES]
    assert mapping["school"] == {"role": "dimension"}
    for wave in waves:
        assert school_attributes(wave, schools)[0].label == SCHOOL == wave.dimensions[-1].label
        assert [d.label for d in wave.dimensions] == [POSITION, SCHOOL_TYPE, SCHOOL]
        sizes = {name: int(school_slice(wave, name, schools).members.sum()) for name in schools}
        assert sum(sizes.values()) == wave.respondent_count
        assert sizes[HIGH] > 200 and 5 <= sizes[SMALL] < 15  # one school with many, one with few


def test_the_high_school_s_packet_prints_its_staff_s_survey_results(sample_file, tmp_path):
    # The first wave's packet: the disclosure audit of one school's results takes about 15 s on it, and a
    # minute on the latest wave, whose results already sent as evidence it is audited against too.
    questions, rows = _answers(dict(WAVES)[FIRST])
    school, position = questions.index(SCHOOL_QUESTION), questions.index(POSITION)
    ours = [row for row in rows if row[school] == HIGH]
    teachers = sum(row[position] == "Teachers" for row in ours)
    out = tmp_path / "high.pdf"
    result = wellplan("export", str(sample_file), "school-packet", "--school", HIGH.lower(), "--wave", FIRST,
                      "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert f"1. Staff survey results Grouped by: {POSITION} \u2022 {len(ours)} responses at {HIGH}" in text
    assert f"Who answered Group Responses Note Teachers {teachers} " in text
    assert "Nurses and health staff \u2014 fewer than 5 responded: too few to report" in text
    assert re.search(r"Belonging and respect \d\.\d\d \d+%", text)  # the school's own means and percents
    assert "answered wave" not in text and "no respondent attribute for school" not in text
    listed = wellplan("survey", "releases", str(sample_file))
    assert f"{FIRST}: school packet for {HIGH}: survey results of {FIRST} at {HIGH}" in listed.stdout
