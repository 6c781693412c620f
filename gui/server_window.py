"""The window with a plan on the district's server (issue 22): opening one, copying a plan file
there, saying which kind of plan is open, other planners' changes as they come, a refused edit's
offer to reload, and a lost connection (read-only until it is back).

Kept apart from ``main_window`` (which calls these) so that a window with a plan file never loads
any of it beyond these few names, and the network is used only once a person opens a server plan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from gui.error_dialog import plain_words, show_error
from gui.server_dialog import ask_server_location
from gui.tabs import TABS
from gui.workers import Task
from services.app_info import APP_NAME

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.plan_context import PlanContext

log = logging.getLogger("wellplan")
SCHEMES = ("postgresql", "postgres")


def is_server_location(location: str | Path) -> bool:
    # (The same test as services.plan.server_plan's, without loading SQLAlchemy for a plan file.)
    text = str(location)
    return "://" in text and text.split(":", 1)[0].split("+", 1)[0].lower() in SCHEMES


def plan_title(plan) -> str:
    """What the window calls the open plan, and which kind it is."""
    return f"{plan.name} (district server)" if plan.on_server else plan.name


def database_of(plan) -> str:
    return plan.name.split(" on ", 1)[0]


def open_server(window: MainWindow) -> None:
    location = ask_server_location(window.settings, window)
    if location is not None:
        window.begin_open(location)


def begin_open_server(window: MainWindow, location: str, finish: Callable[[bool], None]) -> None:
    """Open the plan at ``location`` in the background (connecting may take seconds), then install it."""
    if window._opening_running():
        finish(False)
        return

    def work(progress, cancelled):  # noqa: ARG001
        from gui.main_window import first_steps
        from services.plan.server_plan import ServerPlan

        plan = ServerPlan(location, read_only=False)
        steps = first_steps(plan, cancelled)
        return None if steps is None else (plan, steps)

    def done(opened) -> None:
        window._opening = None
        finish(opened is not None and window._install_opened(*opened))

    def failed(exc: BaseException, details: str) -> None:
        from services.plan.plan_errors import PlanFileError

        window._opening = None
        if isinstance(exc, PlanFileError):
            QMessageBox.warning(window, APP_NAME, str(exc))
        else:
            show_error(window, "The plan on the district server could not be opened. " + plain_words(exc), details)
        finish(False)

    window._run_opening("Connecting to the district server...", work, done, failed, finish)


def follow_others(window: MainWindow, context: PlanContext) -> None:
    """A server plan's window: say which kind of plan is open, hear other planners, offer to reload
    after a refused edit, and go read-only while the server can't be reached."""
    if not context.plan.on_server:
        return
    badge = window.statusBar().findChild(QLabel, "serverBadge")
    if badge is None:  # one for the window, shown while a server plan is open
        badge = QLabel(objectName="serverBadge")
        badge.setToolTip("Each change is saved on the district server at once; other planners' changes appear "
                         "here within seconds.")
        window.statusBar().addPermanentWidget(badge)
    badge.show()

    def show_connection(lost: str) -> None:
        if lost:
            badge.setText("\u26a0 District server unreachable: read-only")
            window.statusBar().showMessage("The district server can't be reached; the plan is read-only until it "
                                           "is back. Nothing you changed before is lost.", 0)
        else:
            badge.setText("District server: connected")
            window.statusBar().showMessage("The district server is back; the plan shows everyone's changes.", 8000)
            if window.tabs is not None and window.tabs.currentIndex() >= 0:  # a tab chosen while it was away
                window.tab(TABS[window.tabs.currentIndex()].key)

    badge.setText("District server: connected")
    context.connection_changed.connect(show_connection)
    context.others_changed.connect(
        lambda topics: window.statusBar().showMessage("Updated with another planner's changes.", 5000))
    context.conflict.connect(lambda message: offer_reload(window, context, message))
    context.refused_offline.connect(window._show_rejected)
    context.destroyed.connect(badge.hide)  # (a slot of the badge: nothing is called once it is gone)
    context.watch_others()


def offer_reload(window: MainWindow, context: PlanContext, message: str) -> None:
    """Another planner's change refused this planner's edit (or undo): say what, and offer to reload.
    Window-modal and non-blocking, as any refused edit's message: nothing waits on the answer."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, message, QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("editConflict")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    reload = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.buttonClicked.connect(lambda button: context.reload() if button is reload and window.context is context
                              else None)
    box.open()


def copy_to_server(window: MainWindow) -> None:
    """File > Copy plan to server...: the open plan file, copied whole into an empty database."""
    from services.plan.server_plan import describe

    context = window.context
    if context is None or context.plan.on_server:
        return
    explanation = ("The whole plan is copied, in one step, into an empty database on the district's server; "
                   "this plan file stays as it is. Your district's IT makes the database and your account. The "
                   "survey answers are kept to your account there: other planners see results only as released.")
    location = ask_server_location(window.settings, window, title="Copy plan to district server", action="Copy",
                                   explanation=explanation)
    if location is None:
        return

    def work(progress, cancelled):  # noqa: ARG001 (one transaction: all of it or nothing)
        from services.plan.server_plan import copy_file_to_server

        snapshot = context.plan.snapshot()
        try:
            return copy_file_to_server(snapshot.engine, location, progress)
        finally:
            snapshot.close()

    def done(_copied) -> None:
        where = describe(location)
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME,
                          f"The plan was copied to {where}. Other planners can open it there now.",
                          QMessageBox.StandardButton.NoButton, window)
        box.setObjectName("copiedToServer")
        open_it = box.addButton("&Open it there", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Keep working in this file", QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Window-modal without waiting on it (as the conflict's offer): the copy is already done.
        box.buttonClicked.connect(lambda button: window.begin_open(location) if button is open_it else None)
        box.open()

    def failed(exc: BaseException, details: str) -> None:
        from services.plan.plan_errors import PlanFileError

        if isinstance(exc, PlanFileError):
            QMessageBox.warning(window, APP_NAME, str(exc))
        else:
            show_error(window, "The plan could not be copied to the server. " + plain_words(exc), details)

    Task(window, "Copying the plan to the district server...", work, done, failed).start()
