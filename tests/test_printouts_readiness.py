"""The readiness printouts on paper: forms whose loose pages can be put back together, a summary
whose growth items each say what to do, and marks that survive a black-and-white printer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from models.instrument import DONT_KNOW
from services.readiness import instruments, readiness_results, readiness_rounds
from services.reports import readiness_forms, readiness_summary
from services.reports.readiness_chart import answer_patterns
from services.scale_colors import DONT_KNOW_COLOR, scale_colors
from tests.cli_run import wellplan
from tests.pdf_text import pdf_text


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

STRIP = re.compile(r"Respondent code: (\S+) Round: (.+?) \1 - page (\d+) of (\d+)")


def _pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(str(path)).pages]


def _export(sample_file, tmp_path, kind: str, *args: str):
    out = tmp_path / f"{kind}.pdf"
    result = wellplan("export", str(sample_file), kind, *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("key, codes", [("where-to-start", 9), ("readiness", 12)])
def test_every_page_of_a_respondents_form_names_its_code_round_and_page_within_the_form(
        sample_file, tmp_path, key, codes):
    out = _export(sample_file, tmp_path, "readiness-forms", "--round", "Fall 2026", "--instrument", key)
    seen: dict[str, list[tuple[int, int]]] = {}
    for n, text in enumerate(_pages(out), 1):
        found = STRIP.search(text)
        assert found, f"page {n} does not name its respondent and round: {text[:200]}"
        code, round_label, page, of = found.groups()
        assert round_label == "Fall 2026"
        seen.setdefault(code, []).append((int(page), int(of)))
    assert list(seen) == [f"R{n:02d}" for n in range(1, codes + 1)]
    for code, pages in seen.items():  # numbered within each form, 1..M, never across the batch
        total = pages[0][1]
        assert pages == [(p, total) for p in range(1, total + 1)], code
    assert len({pages[0][1] for pages in seen.values()}) == 1 and total > 1
    # and no page numbers across the batch that would contradict them on a loose page
    assert not any(re.search(r"(?<!this form)\bPage \d+ of \d+\s*$", text, re.M) for text in _pages(out))
    # the PDF's bookmarks: one form per respondent, by code, its sections below
    outline = PdfReader(str(out)).outline
    forms = [entry["/Title"] for entry in outline if not isinstance(entry, list)]
    assert [re.search(r"respondent (R\d+), round Fall 2026", f).group(1) for f in forms] == list(seen)


def test_a_blank_form_asks_for_the_code_on_every_page(sample_file, tmp_path):
    out = _export(sample_file, tmp_path, "readiness-forms", "--instrument", "readiness")
    pages = _pages(out)
    assert len(pages) > 1
    for n, text in enumerate(pages, 1):
        assert "Respondent code:" in text and "Round:" in text
        assert f"Page {n} of {len(pages)} of this form" in text
    assert "start a round in the Readiness tab" in pages[0]


@pytest.mark.parametrize("inst", instruments.built_in_instruments(), ids=lambda i: i.key)
def test_no_page_holds_fewer_than_three_items_nor_a_lone_comments_block(sample_file, tmp_path, inst):
    if inst.is_rubric:
        pytest.skip("a rubric's items are a third of a page each")
    out = _export(sample_file, tmp_path, "readiness-forms", "--instrument", inst.key)
    pages = _pages(out)
    assert len(pages) > 1
    for n, text in enumerate(pages[1:], 2):  # (the first page also holds the form's opening)
        items = [i.key for i in inst.items if f"{i.key} {i.text[:30]}" in text]
        assert len(items) >= 3, f"page {n} holds {items}"
    # each section's comment lines come right after its last item, on the same page
    for section in inst.sections:
        last = section.items[-1]
        page = next(t for t in _pages(out) if f"{last.key} {last.text[:30]}" in t)
        assert re.search(re.escape(last.text[-20:]) + r".{0,40}Comments on this section", page), last.key


def test_the_checklists_answer_columns_follow_its_instructions(sample_file, tmp_path):
    checklist = next(i for i in instruments.built_in_instruments() if i.key == "where-to-start")
    assert checklist.instructions.index("Yes") < checklist.instructions.index("No")
    assert [label for label, _ in readiness_forms.answer_order(checklist)] == ["Yes", "No", "Don't know"]
    text = pdf_text(_export(sample_file, tmp_path, "readiness-forms", "--instrument", "where-to-start"))
    assert "Yes No Don't know" in text and "No Yes" not in text
    levels = next(i for i in instruments.built_in_instruments() if i.key == "readiness")
    assert [v for _, v in readiness_forms.answer_order(levels)] == [1, 2, 3, 4, DONT_KNOW]


def test_each_growth_item_prints_its_own_next_step(sample_plan, tmp_path):
    with sample_plan.transaction() as s:
        found = readiness_rounds.find_round(s, "Fall 2026", "readiness")
        results = readiness_results.load_results(s, found.id)
        inst = results.data.instrument
        growth = results.reading.growth_areas
        steps = [readiness_summary.growth_step(inst, inst.items_by_key[g.key], g.reading.median) for g in growth]
        out = readiness_summary.build_readiness_summary_pdf(s, tmp_path / "summary.pdf", round="Fall 2026",
                                                            instrument="readiness")
    assert len(growth) >= 10
    assert len(set(steps)) == len(steps)  # one for each item, not one sentence for all
    text = pdf_text(out)
    assert "Discuss what would move this a level up" not in text
    for g, step in zip(growth, steps, strict=True):
        assert step == inst.items_by_key[g.key].growth_step
        assert re.sub(r"\s+", " ", step) in text, g.key


def test_every_levels_item_of_the_built_ins_has_its_own_growth_step():
    for inst in instruments.built_in_instruments():
        steps = [i.next_step or i.growth_step or (i.descriptors and "rubric") for i in inst.items]
        assert all(steps), inst.key
        if not inst.is_rubric:
            assert len(set(steps)) == len(steps), inst.key
    with pytest.raises(instruments.InstrumentError, match="next_step, not a growth_step"):
        instruments.parse_instrument(
            'key = "x"\ntitle = "X"\nsource = "S"\n[scale]\ntype = "yes_no"\n[[sections]]\ntitle = "A"\n'
            'items = [{ key = "A1", text = "Q?", growth_step = "Do." }]\n', "x.toml")


def test_a_plans_older_copy_of_a_built_in_takes_growth_steps_from_the_shipped_file():
    shipped = next(i for i in instruments.built_in_instruments() if i.key == "readiness")
    old = instruments.parse_instrument(re.sub(r'growth_step = ".*"\n', "", instruments.to_toml(shipped)), "old")
    assert not any(i.growth_step for i in old.items)
    item = old.items_by_key["C4"]
    assert readiness_summary.growth_step(old, item, 1.0) == shipped.items_by_key["C4"].growth_step
    rubric = next(i for i in instruments.built_in_instruments() if i.is_rubric)
    first = rubric.items[0]
    assert first.descriptors[1] in readiness_summary.growth_step(rubric, first, 1.0)


@pytest.mark.parametrize("points", [2, 3, 4, 5, 6, 7, 10])
def test_every_answer_differs_in_black_and_white(points):
    """Two answers of one scale never print alike in greyscale: each differs by its pattern or
    clearly by its grey. (The pages themselves were rendered with pdftoppm -gray and looked at.)"""
    from models.instrument import Scale, ScaleType

    scale = Scale(ScaleType.LEVELS if points > 2 else ScaleType.YES_NO, tuple(f"L{n}" for n in range(points)))
    patterns = answer_patterns(scale)
    fills = dict(zip(scale.values, scale_colors(points), strict=True)) | {DONT_KNOW: DONT_KNOW_COLOR}

    def grey(hex_: str) -> float:
        r, g, b = (int(hex_[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    values = list(patterns)
    for a in values:
        for b in values:
            if a < b:
                assert patterns[a] != patterns[b] or abs(grey(fills[a]) - grey(fills[b])) > 40, (a, b)


def test_empty_plan_readiness_printouts_say_what_to_do(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        summary = readiness_summary.build_readiness_summary_pdf(s, tmp_path / "summary.pdf")
        readiness_rounds.create_round(s, "readiness", "Spring 2027", dt.date(2027, 3, 1))
        forms = readiness_forms.build_readiness_forms_pdf(s, tmp_path / "forms.pdf", round="Spring 2027")
        one = readiness_summary.build_readiness_summary_pdf(s, tmp_path / "one.pdf")
    text = pdf_text(summary)
    assert "No readiness rounds yet" in text and "Start one in the Readiness tab" in text
    text = pdf_text(forms)
    assert "Round Spring 2027 has no respondent codes yet" in text and "Add respondent" in text
    text = pdf_text(one)
    assert "Given Mar 1, 2027" in text and "No answers have been entered for this round yet" in text
    assert "Answers page" in text


@pytest.mark.parametrize("first", range(8, 22))
def test_a_short_last_section_never_makes_a_page_of_its_own(tmp_path, first):
    """However the items before it fall, a last section of two items shares its page with at least
    one more of the section before (checked for first sections of 8 to 21 items)."""
    from models.instrument import Instrument, Item, Scale, ScaleType, Section
    from services.reports.document import DocumentInfo, build_pdf, frame_width

    inst = Instrument("t", "Test", "Tests", Scale(ScaleType.LEVELS, ("Low", "Mid", "High")), (
        Section("A", "First", items=tuple(Item(f"A{n}", f"Statement number {n} about the district.")
                                          for n in range(1, first + 1))),
        Section("B", "Last", items=(Item("B1", "The last but one statement."), Item("B2", "The last statement."))),
    ), instructions="Tick one box for each statement.")
    out = build_pdf(tmp_path / "f.pdf", DocumentInfo("Form", "District"),
                    readiness_forms.form_story(inst, frame_width("letter"), "R01", "Fall", ["Teachers"]))
    last = _pages(out)[-1]
    items = re.findall(r"\b[AB]\d+ (?:Statement number|The last)", last)
    assert "B2 The last statement." in last and len(items) >= 3, last[:300]
