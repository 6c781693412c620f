"""A measurement that reaches its objective's target is offered as a celebration, once (seed 000
step 7: celebrate successes, small early ones too)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from services.action_plan import communications, objectives


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

D = dt.date


def _objective(s, baseline=40.0, target=80.0):
    return objectives.add_objective(s, "By June 2027, 80% of drivers take their breaks", indicator="Drivers who take "
                                    "breaks", unit="%", baseline=baseline, target=target)


def test_the_measurement_that_reaches_the_target_is_the_one_offered(sample_plan):
    with sample_plan.transaction() as s:
        record = _objective(s)
        first = objectives.add_measurement(s, record.id, D(2026, 11, 1), 62)
        reached = objectives.add_measurement(s, record.id, D(2027, 2, 1), 81)
        later = objectives.add_measurement(s, record.id, D(2027, 4, 1), 85)
        measured = objectives.list_measurements(s, record.id)
        record = objectives.get_objective(s, record.id)
    assert not objectives.newly_reached(record, measured, first.id)
    assert objectives.newly_reached(record, measured, reached.id)
    assert not objectives.newly_reached(record, measured, later.id)  # already celebrated
    assert objectives.celebration_text(record, reached).startswith(
        "We reached our target: Drivers who take breaks 81% on Feb 1, 2027 (target 80%).")


def test_an_indicator_meant_to_go_down_reaches_its_target_from_above(sample_plan):
    with sample_plan.transaction() as s:
        record = _objective(s, baseline=45.0, target=30.0)
        down = objectives.add_measurement(s, record.id, D(2027, 3, 1), 29)
        record = objectives.get_objective(s, record.id)
        assert objectives.newly_reached(record, objectives.list_measurements(s, record.id), down.id)
        assert not objectives.reaches_target(record, 31)


def test_adding_the_measurement_offers_a_celebration_for_the_communication_plan(qtbot, window, monkeypatch):
    from gui.action_plan import action_plan_tab
    from tests.test_gui_action_plan import plan_tab

    with window.context.plan.transaction() as s:
        record = _objective(s)
    window.context.announce({"objectives"})
    tab = plan_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.objectives_page)
    view = tab.objectives_page.list
    qtbot.waitUntil(lambda: tab.objectives_model.row_of(record.id) >= 0)
    view.setCurrentIndex(tab.objectives_model.index(tab.objectives_model.row_of(record.id), 0))
    offered = []

    def work(dialog):
        if hasattr(dialog, "values"):  # the measurement dialog: 82% today
            dialog.value.setValue(82)
            return QDialog.DialogCode.Accepted
        offered.append(dialog.informativeText())
        next(b for b in dialog.buttons() if "celebration" in b.text().replace("&", "")).click()
        return 0

    monkeypatch.setattr(action_plan_tab, "run_modal", work)
    before = len(window.context.read(communications.list_items))
    tab.add_measurement()
    items = window.context.read(communications.list_items)
    assert len(items) == before + 1 and offered
    added = next(i for i in items if i.message.startswith("We reached our target: Drivers who take breaks 82%"))
    assert added.celebration and added.message == offered[0]
