"""'Limited by a contract or collective bargaining' as a facilitator meets it: ticked with a note in
the Priorities details panel, marked on the matrix (badge, legend, tooltip) and in the list, carried
by approval into the plan, and shown and changed on the Action plan tab, each change one undo step."""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint, Qt

from gui.action_plan.plan_models import action_details
from gui.priorities.matrix_view import point_lines
from services.action_plan import action_schedule
from services.priorities import contract_limits, planned_actions
from tests.test_gui_action_plan import plan_tab
from tests.test_gui_priorities import enlarge, item_by_title, open_priorities
from tests.test_gui_team import click_action, click_cell, type_into_editor

TITLE = "Peer supervision circle for new counselors"
NOTE = "Leave accrual is in the bargaining agreement"


def gantt_labels(gantt) -> list[str]:
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    return [i.text() for i in gantt.scene().items() if isinstance(i, QGraphicsSimpleTextItem)]


def short(title: str) -> str:
    """A title as an undo step names it."""
    return title if len(title) <= 40 else title[:38] + "..."


def show_discussion_page(qtbot, tab) -> None:
    bar = tab.details.tabBar()
    page = next(i for i in range(bar.count()) if bar.tabText(i) == "Discussion and decision")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page).center())
    qtbot.waitUntil(tab.details.contract_check.isVisible)


def test_tick_it_see_it_on_the_matrix_approve_and_see_it_on_the_action(qtbot, window, tmp_path):
    tab = open_priorities(qtbot, window)
    enlarge(qtbot, window, tab.matrix)
    stack = window.context.undo_stack
    item = item_by_title(window, TITLE)
    assert not item.contract_limited
    badges_before = tab.matrix.badge_count()
    tab.select_action(item.id)
    show_discussion_page(qtbot, tab)
    details = tab.details
    assert not details.contract_note_edit.isEnabled()  # the note waits for the check

    qtbot.mouseClick(details.contract_check, Qt.MouseButton.LeftButton, pos=QPoint(8, details.contract_check.height() // 2))
    assert item_by_title(window, TITLE).contract_limited
    assert stack.undoText() == f"Mark \u201c{short(TITLE)}\u201d limited by a contract"
    qtbot.waitUntil(details.contract_note_edit.hasFocus)  # ticking it moves on to the note
    qtbot.keyClicks(details.contract_note_edit, NOTE)
    qtbot.keyClick(details.contract_note_edit, Qt.Key.Key_Return)
    marked = item_by_title(window, TITLE)
    assert (marked.contract_limited, marked.contract_note) == (True, NOTE)
    assert stack.undoText().startswith("Change the contract note of")

    # The matrix: a badge on the point, the meaning in the legend and in the point's tooltip.
    assert marked.impact is not None and marked.in_play  # on the matrix
    assert tab.matrix.badge_count() == badges_before + 1
    assert f"\u00a7 Limited by a contract or collective bargaining: {NOTE}" in point_lines(marked)
    assert "limited by a contract" in tab.matrix.accessibleDescription()
    legend = tab.findChild(type(details.position_label), "matrixLegend")
    assert "\u00a7 limited by a contract or collective bargaining" in legend.text()
    model = tab.model
    cell = model.index(model.row_of(item.id), model.column_of("contract"))
    assert model.data(cell) == "\u00a7 limited" and NOTE in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    number = model.index(model.row_of(item.id), model.column_of("number"))
    assert model.data(number) == f"\u00a7 {item.number}"  # beside the number, as on the matrix
    if os.environ.get("WELLPLAN_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["WELLPLAN_SCREENSHOTS"], "priorities_contract.png"))

    # One undo takes back the note, the next the check (from the list: in the field, Ctrl+Z is the field's).
    tab.list_view.setFocus()
    qtbot.waitUntil(lambda: not details.contract_note_edit.hasFocus())
    stack.undo()
    assert (item_by_title(window, TITLE).contract_limited, item_by_title(window, TITLE).contract_note) == (True, "")
    assert details.contract_note_edit.text() == ""
    stack.undo()
    assert not item_by_title(window, TITLE).contract_limited and not details.contract_check.isChecked()
    assert not details.contract_note_edit.isEnabled()
    stack.redo()
    stack.redo()
    assert item_by_title(window, TITLE).contract_note == NOTE and details.contract_note_edit.text() == NOTE
    assert details.contract_check.isChecked()

    # Approval carries it into the plan.
    click_action(qtbot, tab, tab.approve_action)
    planned = window.context.read(lambda s: planned_actions.find_for_candidate(s, item.id))
    assert window.context.read(lambda s: contract_limits.planned_limit(s, planned.id)) == \
        contract_limits.ContractLimit(True, NOTE)

    # The Action plan tab shows it, in its columns and the title's tooltip, and changes it there.
    plan = plan_tab(qtbot, window)
    actions = plan.actions_model
    row = actions.row_of(planned.id)
    assert actions.data(actions.index(row, actions.column_of("contract"))) == "Yes"
    assert actions.data(actions.index(row, actions.column_of("contract_note"))) == NOTE
    tip = actions.data(actions.index(row, actions.column_of("title")), Qt.ItemDataRole.ToolTipRole)
    assert f"Limited by a contract or collective bargaining: {NOTE}" in tip
    view = plan.schedule.actions_view
    click_cell(qtbot, view, row, actions.column_of("contract_note"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "Agreement reopens in spring")
    assert stack.undoText().startswith("Change the contract note of")
    # One fact: the candidate on Priorities changed with it.
    assert item_by_title(window, TITLE).contract_note == "Agreement reopens in spring"
    assert window.context.read(lambda s: contract_limits.planned_limit(s, planned.id)).note == \
        "Agreement reopens in spring"
    stack.undo()
    assert item_by_title(window, TITLE).contract_note == NOTE
    assert actions.data(actions.index(actions.row_of(planned.id), actions.column_of("contract_note"))) == NOTE


def test_an_action_added_in_the_plan_is_marked_by_typing_its_note(qtbot, window):
    plan = plan_tab(qtbot, window)
    actions = plan.actions_model
    target = next(a for a in window.context.read(action_schedule.list_actions)
                  if a.candidate_id is None and a.scheduled)
    row = actions.row_of(target.id)
    assert actions.data(actions.index(row, actions.column_of("contract"))) == ""
    view = plan.schedule.actions_view
    click_cell(qtbot, view, row, actions.column_of("contract_note"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "Custodians' contract sets shift times")
    row = actions.row_of(target.id)
    assert actions.data(actions.index(row, actions.column_of("contract"))) == "Yes"
    gantt = plan.schedule.gantt  # the bar's tooltip says so too, once the chart has followed the table
    qtbot.waitUntil(lambda: "\u00a7 Limited by a contract or collective bargaining: Custodians' contract sets shift "
                    "times" in gantt.bars[target.id].toolTip())
    assert any(label.startswith("\u00a7 ") for label in gantt_labels(gantt))  # and its name on the chart
    if os.environ.get("WELLPLAN_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["WELLPLAN_SCREENSHOTS"], "plan_contract.png"))
    assert window.context.undo_stack.undoText() == f"Mark \u201c{short(target.title)}\u201d limited by a contract"
    window.context.undo_stack.undo()
    assert not window.context.read(lambda s: contract_limits.planned_limit(s, target.id)).limited
    qtbot.waitUntil(lambda: "contract" not in gantt.bars[target.id].toolTip())


def test_the_title_tooltip_names_the_limit():
    class Record:
        title, source_label, evidence, group_ids, deadline_text, carried_over = "Stagger breaks", "Added", "", (), "", False

    plain = action_details(Record(), {})
    marked = action_details(Record(), {}, contract_limits.ContractLimit(True, "Custodians' agreement"))
    assert "contract" not in plain
    assert marked.endswith("\u00a7 Limited by a contract or collective bargaining: Custodians' agreement")
