"""Start the window: settings, logging, the error hook, then the last plan or the welcome screen."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gui.app_icon import app_icon
from gui.app_paths import log_file_path
from gui.error_dialog import install_excepthook
from gui.logging_setup import start_logging
from gui.main_window import MainWindow
from gui.screen_dates import screen_style
from gui.settings import AppSettings, use_settings_folder
from services import date_style
from services.app_info import APP_NAME, ORGANIZATION
from services.plan import plan_snapshots


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())  # every window and dialog, and the taskbar
    # The services' messages to the person (a refused date) read dates as the window's tables do.
    date_style.set_for_messages(screen_style())
    return app


def run_app(plan_path: str | None = None) -> int:
    use_settings_folder()
    app = make_application(sys.argv[:1])
    start_logging(log_file_path())
    install_excepthook()
    # Working copies of plans left by a WellPlan that was killed go now, not at some later export.
    plan_snapshots.sweep()
    settings = AppSettings()
    window = MainWindow(settings)
    # Open the plan before showing, so the window appears once, with the plan in it.
    if plan_path:
        window.open_plan_path(plan_path)
    elif settings.reopen_last_plan() and settings.last_plan() and Path(settings.last_plan()).exists():
        window.open_plan_path(settings.last_plan())
    window.show()
    return app.exec()
