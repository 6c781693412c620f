"""New staff onboarding and refresher training are items of the six-lessons reflection (seed 001):
a new round has them, they can be rated and sent to Priorities, the blank form and the summary
print them; a plan that gave the reflection before keeps its copy, wording and answers, and its
next round gets the two new items."""

from __future__ import annotations

import dataclasses
import datetime as dt

from models import ReadinessInstrument
from models.instrument import Scale, ScaleType
from services.priorities import candidate_actions
from services.readiness import instruments, readiness_results, readiness_rounds
from services.reports.registry import export
from tests.pdf_text import pdf_text

NEW = ("L5.3", "L5.4")


def _shipped():
    return next(i for i in instruments.built_in_instruments() if i.key == "six-lessons")


def _older_copy():
    """The six-lessons reflection as shipped before these items, one starting point worded otherwise."""
    shipped = _shipped()
    sections = []
    for s in shipped.sections:
        items = tuple(i for i in s.items if i.key not in NEW)
        if s.key == "L5":
            items = (dataclasses.replace(items[0], text="Allies are known (as an older app worded it)."), *items[1:])
        sections.append(dataclasses.replace(s, items=items))
    return dataclasses.replace(shipped, sections=tuple(sections), items_by_key={})


def _answer_all(s, round_id, value_of):
    for p in readiness_rounds.list_respondents(s, round_id):
        for item in readiness_rounds.load_round(s, round_id).instrument.items:
            readiness_rounds.set_answer(s, p.id, item.key, value_of(item.key))


def test_the_capacity_lesson_names_onboarding_and_refresher_training():
    section = next(s for s in _shipped().sections if s.key == "L5")
    assert [i.key for i in section.items] == ["L5.1", "L5.2", "L5.3", "L5.4"]
    onboarding, refresher = section.items[2:]
    assert "New staff" in onboarding.text and "onboarding" in onboarding.text
    assert "refresher training" in refresher.text
    assert onboarding.growth_step and refresher.growth_step


def test_a_new_round_rates_them_and_sends_them_to_priorities(empty_plan):
    with empty_plan.transaction() as s:
        r = readiness_rounds.create_round(s, "six-lessons", "Spring 2027", dt.date(2027, 3, 3), respondents=6)
        assert set(NEW) <= set(readiness_rounds.load_round(s, r.id).instrument.items_by_key)
        _answer_all(s, r.id, lambda key: 1 if key in NEW else 3)
        results = readiness_results.load_results(s, r.id)
        assert all(readiness_results.suggested_for_action(results, results.reading.item(k)) for k in NEW)
        sent = [readiness_results.send_to_priorities(s, r.id, k) for k in NEW]
        assert [c.title for c in sent] == [
            "New staff are introduced to the district's wellbeing focus and supports when they join (onboarding)",
            "Staff who were trained before get refresher training, so wellbeing practices stay current and shared "
            "across schools"]
        assert "A step up: Add the district's wellbeing focus" in sent[0].description
        board = {c.title for c in candidate_actions.list_candidate_actions(s)}
        assert {c.title for c in sent} <= board


def test_a_plan_that_gave_the_reflection_before_keeps_its_copy_and_its_next_round_gets_the_new_items(empty_plan):
    older = _older_copy()
    with empty_plan.transaction() as s:
        s.add(ReadinessInstrument(key="six-lessons", title=older.title, origin=instruments.BUILT_IN,
                                  definition=instruments.to_toml(older), updated_at=dt.datetime(2026, 1, 5)))
        s.flush()
        old = readiness_rounds.create_round(s, "six-lessons", "Fall 2025", dt.date(2025, 10, 1), respondents=5)
    # Creating that round would have added the items; put the plan back as an older app left it.
    with empty_plan.transaction() as s:
        row = s.query(ReadinessInstrument).filter_by(key="six-lessons").one()
        row.definition = instruments.to_toml(older)
        s.flush()
        assert not set(NEW) & set(readiness_rounds.load_round(s, old.id).instrument.items_by_key)
        _answer_all(s, old.id, lambda key: 2)
        sent = readiness_results.send_to_priorities(s, old.id, "L5.1")
        # A blank form printed now is what the next round is given: the new items included.
        assert set(NEW) <= set(instruments.get_instrument(s, "six-lessons").items_by_key)

        new = readiness_rounds.create_round(s, "six-lessons", "Fall 2026", dt.date(2026, 10, 1), respondents=5)
        items = readiness_rounds.load_round(s, new.id).instrument.items
        assert [i.key for i in items][8:12] == ["L5.1", "L5.2", "L5.3", "L5.4"]
        # The wording the old round was answered on stays; its answers and what it sent still read.
        assert items[8].text == "Allies are known (as an older app worded it)."
        old_results = readiness_results.load_results(s, old.id)
        assert old_results.reading.item("L5.1").reading.answered == 5
        assert "L5.1" in old_results.sent
        assert sent.id in {c.id for c in candidate_actions.list_candidate_actions(s)}
        _answer_all(s, new.id, lambda key: 1 if key == "L5.4" else 3)
        readiness_results.send_to_priorities(s, new.id, "L5.4")


def test_a_copy_on_another_scale_is_left_as_it_is():
    older = _older_copy()
    other = dataclasses.replace(older, scale=Scale(ScaleType.LEVELS, ("Low", "Mid", "High"), True), items_by_key={})
    assert instruments.with_new_built_in_items(other, _shipped()) is other
    assert instruments.with_new_built_in_items(_shipped(), _shipped()) == _shipped()


def test_the_blank_form_and_the_summary_print_them(empty_plan, tmp_path):
    with empty_plan.transaction() as s:
        r = readiness_rounds.create_round(s, "six-lessons", "Spring 2027", dt.date(2027, 3, 3), respondents=6)
        _answer_all(s, r.id, lambda key: 1 if key in NEW else 4)
        export(s, "readiness-forms", tmp_path / "form.pdf", instrument="six-lessons")
        export(s, "readiness-summary", tmp_path / "summary.pdf", instrument="six-lessons")
    form = " ".join(pdf_text(tmp_path / "form.pdf").split())
    summary = " ".join(pdf_text(tmp_path / "summary.pdf").split())
    for text in (form, summary):
        assert "L5.3" in text and "New staff are introduced to the district's wellbeing focus" in text
        assert "L5.4" in text and "refresher training" in text
    assert "Plan a short yearly refresher" in summary  # its growth step, as a growth area
