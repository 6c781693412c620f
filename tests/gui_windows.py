"""The main window as GUI tests open it, over a plan they prepared."""

from __future__ import annotations

from services.data.survey_import import prepare_wave, propose, read_for_import, store_wave
from services.plan.plan_file import PlanFile
from tests.test_cli_survey import staff_rows
from tests.test_survey_files import _csv


def open_window(qtbot, settings, plan: PlanFile):
    """The window with ``plan`` open in it, shown (the test's own handle on the plan is closed
    first: the window takes the file's lock). pytest-qt closes it after the test."""
    from gui.main_window import MainWindow

    path = plan.path
    plan.close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan_path(path)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)  # keys and shortcuts reach it, as a person's would
    return window


def add_small_wave(plan: PlanFile, roles: tuple[str, ...], label: str = "Fall pulse") -> None:
    """A survey wave of one respondent per entry of ``roles`` (the sample takes seconds to build)."""
    survey = plan.path.parent / f"{label}.csv"
    survey.write_text(_csv(staff_rows(roles)), encoding="utf-8")
    with plan.transaction() as s:
        proposal = propose(s, read_for_import(survey))
        store_wave(s, prepare_wave(proposal.source, proposal.choices), label)


def modal_dialogs_of(monkeypatch, module) -> list:
    """The dialogs ``module`` shows with ``run_modal``, shown window-modal as it shows them but
    without blocking the test in ``exec()`` (the test is the person working the dialog)."""
    dialogs: list = []
    monkeypatch.setattr(module, "run_modal", lambda dialog: dialogs.append(dialog) or dialog.open())
    return dialogs


def open_from_toolbar(qtbot, tab, text: str, opened: list):
    """Click the tab's toolbar button ``text`` and return the dialog it opened, shown and active."""
    from PySide6.QtWidgets import QToolBar

    from tests.test_gui_team import click_action

    toolbar = tab.findChild(QToolBar)
    click_action(qtbot, tab, next(a for a in toolbar.actions() if a.text() == text))
    dialog = opened[-1]
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow())
    return dialog


def answer_when_asked(qtbot, button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` on the removal question once it shows (it runs its own event loop)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "confirmRemoval":
            seen.append(box.text() + "\n" + box.informativeText())
            button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def open_tab_for_typing(qtbot, window, title: str, key: str):
    """The tab ``title`` clicked, shown, and its window the active one: the keyboard goes to the active
    window only, and another test's window may have been activated last."""
    from tests.test_gui_team import click_tab

    click_tab(qtbot, window, title)
    tab = window.tab(key)
    qtbot.waitUntil(tab.isVisible)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return tab
