"""Focus-group templates: the shipped ones are complete, and a broken file is refused by name."""

from __future__ import annotations

import pytest

from models.focus_template import PART_KEYS
from services.focus_groups import focus_templates
from services.focus_groups.focus_templates import TemplateError


def _template(key):
    return focus_templates.get_template(key)[0]


def test_retain_mh_staff_holds_the_whole_guide():
    t = _template("retain-mh-staff")
    assert len(t.initiatives) == 12
    assert all(len(i.actions) == 3 for i in t.initiatives)
    assert sum(len(i.actions) for i in t.initiatives) == 36
    assert len(t.agenda) == 7 and sum(a.minutes for a in t.agenda) == 120 == t.booked_minutes
    assert [a.title for a in t.attributes] == ["Great organization", "Great leaders", "Great job"]
    assert [len(a.aspects) for a in t.attributes] == [6, 1, 7]
    assert len(t.roles) == 8 and [r.name for r in t.roles if r.optional] == ["Other (please specify)"]
    assert t.context_tables and len(t.context_tables[0].rows) == 2
    # every part has a facilitator note; the partnership mark is on the actions the seed italicises
    assert {p.key for p in t.parts} == set(PART_KEYS)
    assert all(p.note for p in t.parts)
    assert [a.key for i in t.initiatives for a in i.actions if a.partnership][:4] == ["1.1", "1.2", "1.3", "2.1"]
    assert not any(a.partnership for a in t.initiatives[2].actions)  # initiative 3 is not italic
    # the illustrative prioritization places 11 of the 12 initiatives
    assert sum(i.impact is not None for i in t.initiatives) == 11
    assert "collective bargaining" in t.reminder
    assert t.proposal_example.owner == "Principal of each school"
    for placeholder in ("{district}", "{date}", "{place}", "{duration}", "{facilitator}"):
        assert placeholder in t.invitation_body


def test_listening_session_is_a_shorter_general_session():
    t = _template("listening-session")
    assert sum(a.minutes for a in t.agenda) == t.booked_minutes == 90
    assert {a.key for a in t.attributes} == {"connection", "voice", "support"}
    assert "Six Lessons" in t.source and "Take Action" in t.source


def _broken(tmp_path, text, name="zz-broken.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def good_text():
    return (focus_templates.templates_dir() / "listening-session.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace('minutes = 15\n', 'minutes = "fifteen"\n', 1), "'minutes' must be a whole number"),
    (lambda t: t.replace('attribute = "voice"', 'attribute = "vocie"'), "attribute 'vocie' is not one of"),
    (lambda t: t.replace("{place}", "{venue}", 1), "unknown placeholder {venue}"),
    (lambda t: t.replace("[parts.brainstorm]", "[parts.brainstrom]"), "unknown field 'brainstrom'"),
    (lambda t: t.replace('key = "now"', 'key = "meaning"'), "agenda key 'meaning' is used twice"),
    (lambda t: t.replace("impact = 3.6\n", ""), "needs both 'impact' and 'ease'"),
    (lambda t: t.replace("ease = 4.2\n", "ease = 9\n", 1), "'ease' must be between 1 and 5"),
    (lambda t: t.replace('note = "Use the examples', 'nope = "Use the examples'), "unknown field 'nope'"),
    (lambda t: t.replace("[[initiatives]]", "[[initiative]]", 1), "unknown field 'initiative'"),
    (lambda t: t + "\n[[roles]]\nkey = \"teachers\"\nname = \"Again\"\n", "role key 'teachers' is used twice"),
    (lambda t: t.replace("title = \"Staff wellbeing", "title = [\"Staff", 1), "not a valid template file"),
])
def test_a_malformed_template_is_refused_with_file_and_problem(tmp_path, good_text, change, message):
    path = _broken(tmp_path, change(good_text))
    with pytest.raises(TemplateError, match="zz-broken.toml") as info:
        focus_templates.read_template_file(path)
    assert message in str(info.value)


def test_a_part_without_a_facilitator_note_is_refused(tmp_path, good_text):
    start = good_text.index("[parts.prioritize]")
    end = good_text.index("[parts.proposals]")
    section = good_text[start:end]
    without_note = section[:section.index("note = ")] + "\n"
    with pytest.raises(TemplateError, match=r"\[parts.prioritize\] has no 'note'"):
        focus_templates.read_template_file(_broken(tmp_path, good_text.replace(section, without_note)))


def test_binary_missing_and_duplicate_files(tmp_path, good_text):
    (tmp_path / "image.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(TemplateError, match="image.toml is not a text"):
        focus_templates.read_template_file(tmp_path / "image.toml")
    with pytest.raises(TemplateError, match="nothing.toml: the file does not exist"):
        focus_templates.read_template_file(tmp_path / "nothing.toml")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.toml").write_text(good_text, encoding="utf-8")
    (folder / "b.toml").write_text(good_text, encoding="utf-8")
    with pytest.raises(TemplateError, match="Two focus-group template files use the key 'listening-session'"):
        focus_templates._read_folder(folder)


def test_a_new_template_file_needs_no_code(tmp_path, good_text):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "x.toml").write_text(good_text.replace('key = "listening-session"', 'key = "my-own"'), encoding="utf-8")
    found = focus_templates._read_folder(folder)
    assert [t.key for t, _ in found] == ["my-own"]
    assert found[0][1] == (folder / "x.toml").read_text(encoding="utf-8")  # the text a session keeps
