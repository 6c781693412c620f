"""The six-lessons reflection's onboarding and refresher items in the Readiness tab: a new round
asks them, they are typed in from paper like the others, and one is sent to Priorities."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gui.readiness import readiness_tab
from services.priorities import candidate_actions
from services.readiness import readiness_rounds
from tests.test_gui_readiness import open_readiness
from tests.test_gui_team import click_action, click_cell


def test_a_new_round_asks_about_onboarding_and_refresher_training_and_sends_one_to_priorities(
        qtbot, window, monkeypatch):
    tab = open_readiness(qtbot, window)

    def fill_in(dialog):
        dialog.instrument.setCurrentIndex(dialog.instrument.findData("six-lessons"))
        dialog.label.clear()
        qtbot.keyClicks(dialog.label, "Spring 2027 reflection")
        dialog.respondents.selectAll()
        qtbot.keyClicks(dialog.respondents, "5")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(readiness_tab.NewRoundDialog, "exec", fill_in)
    tab.rounds_view.setFocus()
    click_action(qtbot, tab, tab.new_round_action)
    round_ = tab.selected_round()
    assert round_.instrument_key == "six-lessons"
    data = window.context.read(lambda s: readiness_rounds.load_round(s, round_.id))
    keys = [i.key for i in data.instrument.items]
    onboarding, refresher = keys.index("L5.3"), keys.index("L5.4")
    assert tab.answers_model.headerData(onboarding, Qt.Orientation.Vertical).startswith("L5.3")

    grid = tab.grid
    qtbot.waitUntil(grid.hasFocus)
    form = "".join("1" if n in (onboarding, refresher) else "3" for n in range(len(keys)))
    for _respondent in range(5):  # five paper forms, one after another
        qtbot.keyClicks(grid, form)
    data = window.context.read(lambda s: readiness_rounds.load_round(s, round_.id))
    assert all(data.answer(p.id, "L5.3") == 1 and data.answer(p.id, "L5.4") == 1 for p in data.respondents)

    tab.pages.setCurrentIndex(1)
    panel = tab.results
    row = next(r for r in range(panel.items_model.rowCount()) if panel.items_model.item_at(r).key == "L5.3")
    click_cell(qtbot, panel.items_view, row, 0)
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    sent = window.context.read(candidate_actions.list_candidate_actions)[-1]
    assert sent.title.startswith("New staff are introduced to the district's wellbeing focus")
    assert sent.source_label.startswith("Readiness round Spring 2027 reflection, item L5.3")
    priorities = window.tab("priorities")
    assert any(i.title == sent.title for i in priorities.model.board.items)
