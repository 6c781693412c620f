"""Wellness domains as the Data tab's user edits them: Domains... opens the list, Rename..., Add... and
Remove change it (the names typed into the input box), an item is moved into a new domain on the
Items page, and each change shows in the results table (a domain is a bold row of its items'
answers together) and persists in the plan; a name already taken or too long is refused with a
message and nothing written; Ctrl+Z takes each change back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from gui.data import data_tab as data_tab_module
from gui.data.domains_dialog import DomainsDialog
from services.data import survey_waves, wellness_domains
from tests.cli_run import digest
from tests.gui_windows import add_small_wave, modal_dialogs_of, open_from_toolbar, open_window
from tests.test_gui_data import data_tab
from tests.test_gui_data_habits import answer_when_asked
from tests.test_gui_team import click_cell, press_enter

VALUED = "I feel valued by district leadership"  # filed under "Belonging and respect" on import
WORKLOAD = "My workload is too heavy"  # "Working conditions and job stressors"
ROLES = ("Teacher",) * 7 + ("Bus driver",) * 6 + ("Nurse",) * 2


@pytest.fixture
def window(qtbot, qt_settings, empty_plan):
    """The window over a new plan with one small survey wave (the sample takes seconds to build)."""
    add_small_wave(empty_plan, ROLES)
    return open_window(qtbot, qt_settings, empty_plan)


@pytest.fixture
def opened(monkeypatch) -> list[DomainsDialog]:
    return modal_dialogs_of(monkeypatch, data_tab_module)


def open_domains(qtbot, window, opened) -> DomainsDialog:
    return open_from_toolbar(qtbot, data_tab(qtbot, window), "Domains...", opened)


def type_into_next_input_box(qtbot, text: str) -> list[str]:
    """When the next input box opens (it blocks in exec()), type ``text`` over what it holds and
    click OK. Returns the box's prompt and the text it offered, once it has been answered."""
    seen: list[str] = []
    tries = [0]

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(10, answer)
            return
        line = box.findChild(QLineEdit)
        seen.extend((box.labelText(), line.text()))
        line.selectAll()
        qtbot.keyClicks(line, text)
        ok = box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def click(qtbot, dialog: DomainsDialog, name: str) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def choose(qtbot, dialog: DomainsDialog, domain: str) -> None:
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).text().startswith(domain + "  ("))
    item = dialog.list.item(row)
    dialog.list.scrollToItem(item)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
    assert dialog.list.currentRow() == row


def close(qtbot, window, dialog: DomainsDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def undo_with_ctrl_z(qtbot, window) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def in_plan(window) -> dict[str, int]:
    """Each domain in the plan and how many survey items it holds."""
    return {d.name: d.item_count for d in window.context.read(wellness_domains.list_domains)}


def listed(dialog: DomainsDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def result_domains(window) -> list[str]:
    """The domain rows of the results table (bold, before the items), as the Data tab shows them."""
    model = window.tab("data").results_page.model
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    return [m for r, m in enumerate(rows)
            if model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole) is not None]


def shows(qtbot, window, present: tuple[str, ...] = (), absent: tuple[str, ...] = (),
          items: dict[str, str] | None = None) -> None:
    """Wait until the results table has the ``present`` domain rows and none of the ``absent`` ones,
    and the Items page files each of ``items`` under its domain: the Data tab reads the plan again
    after a change (and may do so in the background)."""

    def check() -> None:
        rows = result_domains(window)
        assert all(d in rows for d in present) and not any(d in rows for d in absent), rows
        if items:
            shown = item_domains(window)
            assert all(shown.get(item) == domain for item, domain in items.items()), shown

    qtbot.waitUntil(check, timeout=30000)  # a background read of the wave; slow on a loaded machine


def item_domains(window) -> dict[str, str]:
    """The Items page: each item and its domain as the table shows it."""
    model = window.tab("data").items_model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def test_rename_a_domain_it_shows_in_the_results_and_ctrl_z_undoes_it(qtbot, window, opened):
    tab = data_tab(qtbot, window)
    shows(qtbot, window, present=("Belonging and respect",))
    dialog = open_domains(qtbot, window, opened)
    assert "Belonging and respect  (1 item)" in listed(dialog)
    choose(qtbot, dialog, "Belonging and respect")
    asked = type_into_next_input_box(qtbot, "Feeling valued at work")
    click(qtbot, dialog, "renameDomain")
    assert asked == ["Name:", "Belonging and respect"]  # the box offers the current name to type over
    assert in_plan(window)["Feeling valued at work"] == 1 and "Belonging and respect" not in in_plan(window)
    assert "Feeling valued at work  (1 item)" in listed(dialog)
    # Behind the dialog the Data tab reads the item in the renamed domain.
    shows(qtbot, window, present=("Feeling valued at work",), absent=("Belonging and respect",),
          items={VALUED: "Feeling valued at work"})
    model = tab.results_page.model
    row = model.measures.index("Feeling valued at work")
    assert model.index(row, 0).data() == model.index(model.measures.index(VALUED), 0).data()  # its one item

    close(qtbot, window, dialog)
    undo_with_ctrl_z(qtbot, window)
    assert in_plan(window)["Belonging and respect"] == 1 and "Feeling valued at work" not in in_plan(window)
    shows(qtbot, window, present=("Belonging and respect",), absent=("Feeling valued at work",),
          items={VALUED: "Belonging and respect"})


def rejection(qtbot, window) -> str:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is not None, timeout=2000)
    box = window.findChild(QMessageBox, "rejectedEdit")
    text = box.text()
    box.accept()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "rejectedEdit") is None)
    return text


def test_a_name_already_taken_or_too_long_is_refused_and_nothing_is_written(qtbot, window, opened):
    data_tab(qtbot, window)
    shows(qtbot, window, present=("Belonging and respect",))
    dialog = open_domains(qtbot, window, opened)
    before, domains_before, shown_before = digest(window.context.plan.path), in_plan(window), listed(dialog)
    undo_steps = window.context.undo_stack.count()

    choose(qtbot, dialog, "Belonging and respect")
    type_into_next_input_box(qtbot, "physical HEALTH")  # another domain's name, typed in other capitals
    click(qtbot, dialog, "renameDomain")
    assert rejection(qtbot, window) == "There is already a domain called 'Physical health'."

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_into_next_input_box(qtbot, "Wellbeing " * 13)
    click(qtbot, dialog, "addDomain")
    assert rejection(qtbot, window) == "A domain's name can be at most 120 characters."

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_into_next_input_box(qtbot, "   ")  # nothing but spaces: nothing to add, nothing said
    click(qtbot, dialog, "addDomain")

    assert digest(window.context.plan.path) == before
    assert in_plan(window) == domains_before and listed(dialog) == shown_before
    assert window.context.undo_stack.count() == undo_steps
    shows(qtbot, window, present=("Belonging and respect", "Physical health"))
    close(qtbot, window, dialog)


def test_add_a_domain_move_an_item_into_it_remove_it_and_undo(qtbot, window, opened):
    tab = data_tab(qtbot, window)
    dialog = open_domains(qtbot, window, opened)
    type_into_next_input_box(qtbot, "  Workload   and time ")
    click(qtbot, dialog, "addDomain")
    assert in_plan(window)["Workload and time"] == 0  # spaces tidied
    assert listed(dialog)[-1] == "Workload and time  (0 items)"
    close(qtbot, window, dialog)

    # The Items page: the workload item's domain is chosen from the list, with the keyboard.
    bar = tab.pages.tabBar()
    items_tab = next(i for i in range(bar.count()) if "Items" in bar.tabText(i))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(items_tab).center())
    view, model = tab.items_view, tab.items_model
    qtbot.waitUntil(view.isVisible)
    shows(qtbot, window, present=("Working conditions and job stressors",),
          items={WORKLOAD: "Working conditions and job stressors"})
    assert "Workload and time" not in result_domains(window)  # no item in it yet
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == WORKLOAD)
    click_cell(qtbot, view, row, 1)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "Workload and time")
    press_enter(qtbot, combo)
    assert in_plan(window)["Workload and time"] == 1
    assert in_plan(window)["Working conditions and job stressors"] == 0
    shows(qtbot, window, present=("Workload and time",), absent=("Working conditions and job stressors",),
          items={WORKLOAD: "Workload and time"})
    stored = {i.label: i.domain for i in window.context.read(
        lambda s: survey_waves.list_items(s, survey_waves.list_waves(s)[0].id))}
    assert stored[WORKLOAD] == "Workload and time"

    # Remove the domain: asked first, its item is left without one, in the plan and on screen.
    dialog = open_domains(qtbot, window, opened)
    assert "Workload and time  (1 item)" in listed(dialog)
    choose(qtbot, dialog, "Workload and time")
    asked: list[str] = []
    answer_when_asked(qtbot, "Remove domain", asked)
    click(qtbot, dialog, "removeDomain")
    assert "1 survey item is left without a domain" in asked[0]
    assert "Workload and time" not in in_plan(window)
    assert not any(text.startswith("Workload and time") for text in listed(dialog))
    shows(qtbot, window, absent=("Workload and time",), items={WORKLOAD: "(none)"})
    close(qtbot, window, dialog)

    # Ctrl+Z brings the domain back with its item, then puts the item back where the import filed it.
    undo_with_ctrl_z(qtbot, window)
    assert in_plan(window)["Workload and time"] == 1
    shows(qtbot, window, present=("Workload and time",), items={WORKLOAD: "Workload and time"})
    undo_with_ctrl_z(qtbot, window)
    shows(qtbot, window, present=("Working conditions and job stressors",), absent=("Workload and time",),
          items={WORKLOAD: "Working conditions and job stressors"})
    undo_with_ctrl_z(qtbot, window)
    assert "Workload and time" not in in_plan(window)
