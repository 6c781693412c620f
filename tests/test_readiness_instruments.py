"""The built-in instruments have the structure their source documents give them, and a broken
instrument file is refused with a message naming the file and the problem."""

from __future__ import annotations

import pytest

from models.instrument import ScaleType
from services.readiness import instruments
from services.readiness.instruments import InstrumentError, parse_instrument, read_instrument_file


def built_in(key: str):
    return next(i for i in instruments.built_in_instruments() if i.key == key)


def test_readiness_has_three_areas_of_five_to_eight_items_on_four_levels():
    inst = built_in("readiness")
    assert [s.title for s in inst.sections] == [
        "District context", "Senior leaders' support", "Capacity to advance employee wellness"]
    assert all(5 <= len(s.items) <= 8 for s in inst.sections)
    assert inst.scale.type is ScaleType.LEVELS
    assert inst.scale.labels == ("Not yet", "Beginning", "Developing", "Established")
    assert inst.scale.dont_know
    assert "not in a score" in inst.guidance.replace("\n", " ")


def test_where_to_start_checklist_has_17_questions_in_5_sections_each_with_a_next_step():
    inst = built_in("where-to-start")
    assert inst.scale.type is ScaleType.YES_NO
    assert [len(s.items) for s in inst.sections] == [3, 6, 2, 3, 3]
    assert len(inst.items) == 17
    assert all(len(i.next_step) > 40 for i in inst.items)
    assert inst.sections[0].title == "Staff wellbeing and connection"
    assert inst.sections[-1].title == "Communication"


def test_sharing_action_rubric_has_a_row_per_element_of_a_strong_approach():
    inst = built_in("sharing-action")
    assert inst.is_rubric and inst.scale.points == 4
    assert len(inst.items) == 4
    assert all(len(i.descriptors) == 4 and all(i.descriptors) for i in inst.items)


def test_six_lessons_has_a_section_per_lesson_with_its_starting_points():
    inst = built_in("six-lessons")
    assert len(inst.sections) == 6
    assert all(len(s.items) >= 2 for s in inst.sections)
    assert "Connection and voice" in [s.title for s in inst.sections]


@pytest.mark.parametrize("inst", instruments.built_in_instruments(), ids=lambda i: i.key)
def test_every_built_in_survives_export_and_import(inst, tmp_path):
    path = instruments.export_instrument(inst, tmp_path / "shared")
    assert path.suffix == ".toml"
    assert read_instrument_file(path) == inst
    assert inst.source  # every built-in names where it comes from


GOOD = """
key = "my-check"
title = "My checklist"
source = "Our district"
[scale]
type = "yes_no"
[[sections]]
title = "Only"
items = [{ key = "Q1", text = "Done?", next_step = "Do it." }]
"""


@pytest.mark.parametrize(("broken", "problem"), [
    ("key = 'x'\ntitle = ", "is not a valid instrument file"),
    (GOOD.replace('type = "yes_no"', 'type = "stars"'), "type must be one of"),
    (GOOD.replace('title = "My checklist"\n', ""), "has no 'title'"),
    (GOOD.replace('items = [{ key = "Q1", text = "Done?", next_step = "Do it." }]', "items = []"),
     "section 'Only' has no items"),
    (GOOD.replace('next_step = "Do it." }]', 'next_step = "Do it." }, { key = "q1", text = "Again?" }]'),
     "item key 'q1' is used twice"),
    (GOOD.replace('type = "yes_no"', 'type = "levels"\nlabels = ["Low", "High"]')
     .replace('next_step = "Do it."', 'descriptors = ["a", "b", "c"]'), "has 3 descriptors for 2 levels"),
    (GOOD.replace('source = "Our district"', 'source = "Ours"\ncolour = "red"'), "unknown field 'colour'"),
    (GOOD.replace('type = "yes_no"', 'type = "agreement"\nlabels = ["Agree"]'), "needs 2 to 10 labels"),
])
def test_a_malformed_instrument_is_refused_naming_the_file_and_the_problem(tmp_path, broken, problem):
    path = tmp_path / "district-check.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InstrumentError) as err:
        read_instrument_file(path)
    assert str(err.value).startswith("district-check.toml")
    assert problem in str(err.value)


def test_a_binary_file_and_a_missing_file_are_refused_in_words(tmp_path):
    png = tmp_path / "logo.toml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(InstrumentError, match="logo.toml is not a text"):
        read_instrument_file(png)
    with pytest.raises(InstrumentError, match="gone.toml: the file does not exist"):
        read_instrument_file(tmp_path / "gone.toml")


def test_a_broken_file_among_the_built_ins_names_itself(tmp_path, monkeypatch):
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "ok.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "instruments" / "zz-broken.toml").write_text(GOOD.replace("[scale]", "[scale"), encoding="utf-8")
    monkeypatch.setattr(instruments, "resources_root", lambda: tmp_path)
    with pytest.raises(InstrumentError, match="zz-broken.toml"):
        instruments.built_in_instruments()


def test_a_new_file_in_the_folder_is_a_new_instrument_without_code(tmp_path, monkeypatch):
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "mine.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(instruments, "resources_root", lambda: tmp_path)
    assert [i.title for i in instruments.built_in_instruments()] == ["My checklist"]


def test_parse_reads_what_to_toml_writes_for_a_custom_instrument():
    inst = parse_instrument(GOOD, "x.toml")
    assert parse_instrument(instruments.to_toml(inst), "y.toml") == inst
