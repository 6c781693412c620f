"""An action approved with the staff groups it serves, put under an objective on the Action plan
tab: the groups the objective is not yet for are offered to it in plain words (Equitable), and
taking them is one undo step with the objective; the action's evidence and groups show on hover.
Also what a keyboard user sees of the plan's balance and an objective's goal type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from models import PlannedAction, PlannedActionGroup
from services.action_plan import action_schedule, objectives
from services.district_profile import list_position_groups
from tests.gui_windows import open_tab_for_typing, open_window
from tests.test_gui_team import click_cell, press_enter

TITLE = "Set up break corners in three central kitchens"  # under the breaks objective in the sample
QUIET_ROOMS = "By March 2027, every school has a quiet room"


@pytest.fixture
def served_window(qtbot, qt_settings, sample_plan):
    """The sample with TITLE serving Food service and Custodial staff, as an approval carries them."""
    with sample_plan.transaction() as s:
        groups = {g.name: g.id for g in list_position_groups(s)}
        action = next(a for a in action_schedule.list_actions(s) if a.title == TITLE)
        s.add_all(PlannedActionGroup(action_id=action.id, group_id=groups[g])
                  for g in ("Food service", "Maintenance and custodial"))
        row = s.get(PlannedAction, action.id)
        row.evidence = "Fall 2026: Food service mean 2.8 on breaks (31% favorable, n = 38)."
    return open_window(qtbot, qt_settings, sample_plan)


def _answer(qtbot, button_text: str, seen: list[str]) -> None:
    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "offerGroups":
            seen.append(box.text())
            button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def _state(window):
    def read(s):
        action = next(a for a in action_schedule.list_actions(s) if a.title == TITLE)
        quiet = next(o for o in objectives.list_objectives(s) if o.statement.startswith(QUIET_ROOMS))
        groups = {g.id: g.name for g in list_position_groups(s)}
        return action.objective_id, quiet.id, sorted(groups[g] for g in quiet.group_ids)

    return window.context.read(read)


def _choose_objective(qtbot, tab, typed: str) -> None:
    model, view = tab.actions_model, tab.schedule.actions_view
    row = next(r for r in range(model.rowCount()) if model.record_at(r).title == TITLE)
    click_cell(qtbot, view, row, model.column_of("objective_id"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    qtbot.keyClicks(combo, typed)
    press_enter(qtbot, combo)


def test_the_groups_an_action_serves_are_offered_to_its_new_objective_in_one_undo_step(qtbot, served_window):
    window = served_window
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    first_objective, quiet_id, quiet_groups = _state(window)
    assert quiet_groups == ["Paraprofessionals and aides", "Teachers"]
    model = tab.actions_model
    row = next(r for r in range(model.rowCount()) if model.record_at(r).title == TITLE)
    hover = model.index(row, model.column_of("title")).data(Qt.ItemDataRole.ToolTipRole)
    assert "Evidence: Fall 2026: Food service mean 2.8" in hover and "Serves: " in hover and "Food service" in hover

    seen: list[str] = []
    _answer(qtbot, "Add the groups", seen)
    _choose_objective(qtbot, tab, "By March")  # typing the objective's first words picks it
    assert seen and f"\u201c{TITLE}\u201d serves " in seen[0] and "Food service" in seen[0]
    assert "Maintenance and custodial" in seen[0] and QUIET_ROOMS in seen[0]
    action_objective, _, groups = _state(window)
    assert action_objective == quiet_id
    assert groups == ["Food service", "Maintenance and custodial", "Paraprofessionals and aides", "Teachers"]

    window.undo_action.trigger()  # one step: the objective and its groups together
    assert _state(window) == (first_objective, quiet_id, quiet_groups)


def test_only_the_objective_leaves_its_groups_as_they_were(qtbot, served_window):
    window = served_window
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    _, quiet_id, quiet_groups = _state(window)
    _answer(qtbot, "Only the objective", [])
    _choose_objective(qtbot, tab, "By March")
    assert _state(window) == (quiet_id, quiet_id, quiet_groups)


def test_the_balance_line_follows_a_change_level_typed_in_the_table(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    line = tab.schedule.balance_line
    assert "Individual 5 \u00b7 System 12 \u00b7 not set 16" in line.text()
    model, view = tab.actions_model, tab.schedule.actions_view
    row = next(r for r in range(model.rowCount()) if model.record_at(r).title == "Quarterly pulse on breaks")
    click_cell(qtbot, view, row, model.column_of("change_level"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    qtbot.keyClicks(combo, "Individual")
    press_enter(qtbot, combo)
    # the line follows a moment after the table, as the tab brings its parts up to date in turn
    qtbot.waitUntil(lambda: "Individual 6 \u00b7 System 12 \u00b7 not set 15" in line.text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "Individual 5 \u00b7 System 12 \u00b7 not set 16" in line.text())


def test_an_objective_s_goal_type_is_chosen_in_its_form_and_warned_about(qtbot, window):
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    tab.pages.setCurrentWidget(tab.objectives_page)
    page = tab.objectives_page
    # the sample's two quality goals: the breaks objective (row 0) and the food service one (row 3)
    for row in (0, 3):
        page.list.selectRow(row)
        qtbot.waitUntil(lambda: page.goal_type.currentText() == "Quality")
        page.goal_type.setFocus()
        qtbot.wait(600)  # past the drop-down's keyboard search interval, so the second typing starts afresh
        qtbot.keyClicks(page.goal_type, "Implementation")
        qtbot.waitUntil(lambda r=row: window.context.read(objectives.list_objectives)[r].goal_type == "implementation")
    qtbot.waitUntil(lambda: "Quality 0 \u00b7 Implementation 2 \u00b7 Access 2" in page.goals_line.text())
    assert "no quality goal" in page.goals_line.text()
    window.undo_action.trigger()
    assert window.context.read(objectives.list_objectives)[3].goal_type == "quality"
    qtbot.waitUntil(lambda: "no quality goal" not in page.goals_line.text())
