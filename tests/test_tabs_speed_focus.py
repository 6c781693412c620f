"""The Focus groups tab reads a template's TOML once: the same text under another name (a session's
"the template of session '...'") and its guide come from that one read, and the templates folder is
read again only when a file in it changed (so a template edited on disk is seen, and refused as
it was, naming the file)."""

from __future__ import annotations

import os
import tomllib

import pytest

from services import definition_files
from services.focus_groups import focus_templates
from services.focus_groups.focus_templates import TemplateError


@pytest.fixture
def shipped_text() -> str:
    return (focus_templates.templates_dir() / "retain-mh-staff.toml").read_text(encoding="utf-8")


@pytest.fixture
def toml_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = tomllib.loads

    def counting(text, *args, **kwargs):
        reads.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(definition_files.tomllib, "loads", counting)
    return reads


def test_one_text_is_read_once_whatever_it_is_called(shipped_text, toml_reads, request):
    text = f"# {request.node.name}\n{shipped_text}"  # a text no other test has had read
    first = focus_templates.parse_template(text, "retain-mh-staff.toml")
    again = focus_templates.parse_template(text, "the template of session 'Counselors, spring'")
    guide = focus_templates.parse_guide(text, "the template of session 'Nurses, fall'")
    assert again is first and first.key == "retain-mh-staff" and guide.steps
    assert len(toml_reads) == 1


def test_a_refused_text_names_each_place_it_comes_from(shipped_text):
    bad = shipped_text.replace('key = "retain-mh-staff"', 'key = "Not A Key"', 1)
    for name in ("mine.toml", "the template of session 'Spring'"):
        with pytest.raises(TemplateError, match=f"^{name}: .*key 'Not A Key'"):
            focus_templates.parse_template(bad, name)
        with pytest.raises(TemplateError, match=f"^{name}: "):
            focus_templates.parse_guide(bad, name)


def test_a_template_edited_on_disk_is_read_again_and_an_unchanged_folder_is_not(tmp_path, shipped_text, toml_reads):
    file = tmp_path / "ours.toml"
    file.write_text(shipped_text.replace('key = "retain-mh-staff"', 'key = "ours"', 1), encoding="utf-8")
    (found,) = focus_templates._read_folder(tmp_path)
    assert found[0].key == "ours"
    reads = len(toml_reads)
    assert focus_templates._read_folder(tmp_path)[0][0] is found[0]
    assert len(toml_reads) == reads  # nothing changed: nothing read

    stamp = file.stat().st_mtime_ns
    title = found[0].title
    file.write_text(file.read_text(encoding="utf-8").replace(title, "Keeping our counselors", 1), encoding="utf-8")
    os.utime(file, ns=(stamp + 1_000_000_000, stamp + 1_000_000_000))  # a later time, on any file system
    assert focus_templates._read_folder(tmp_path)[0][0].title == "Keeping our counselors"

    file.write_text(file.read_text(encoding="utf-8").replace('key = "ours"', 'key = "Ours!"', 1), encoding="utf-8")
    os.utime(file, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))
    with pytest.raises(TemplateError, match="^ours.toml: "):
        focus_templates._read_folder(tmp_path)
