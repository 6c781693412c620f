"""Start the window: settings, the error hook, the window on screen, then the plan and the rest.

The window appears first, named after the plan it is opening, before anything that reads plans is
imported: SQLAlchemy, the models and the services load in the background while it draws (see
``MainWindow.open_at_start`` and README "Speed"). So this module, and everything it imports at the
top, must stay light; ``make bench`` measures it against a bare Qt window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gui.error_dialog import install_excepthook
from gui.main_window import MainWindow
from gui.settings import AppSettings, use_settings_folder
from services.app_info import APP_NAME, ORGANIZATION


def make_application(argv: list[str] | None = None) -> QApplication:
    """The application, named and dressed (icon, dates in messages): for the self-test and tests."""
    app = _named_application(argv)
    _dress(app)
    return app


# How long a thread running Python keeps the interpreter when another asks for it (Python's default
# is 5 ms). The window's thread asks at every call from Qt into Python (each table cell painted, each
# slot); while a worker ran Python (a survey's audit, a plan opening) each of those waited up to 5 ms,
# and a table's repaint of 64 cells up to a third of a second. A worker alone is not slowed: it
# hands over only when asked.
GIL_SWITCH_S = 0.0005


def _named_application(argv: list[str] | None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_S)
    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    # The installed desktop entry (packaging/): Wayland desktops match the window to it by this name
    # (X11 by the window's class), for its icon and its place in the dock.
    app.setDesktopFileName(APP_NAME.lower())  # as packaging/app_facts.PACKAGE names it
    return app


def _dress(app: QApplication) -> None:
    """What the application needs before anyone can use it, but not before its window is drawn:
    drawing the icon creates all of Qt's enums in Python, which alone costs a bare window's
    fraction of a second again."""
    from gui.app_icon import app_icon
    from gui.screen_dates import screen_style
    from services import date_style

    app.setWindowIcon(app_icon())  # every window and dialog, and the taskbar
    # The services' messages to the person (a refused date) read dates as the window's tables do.
    date_style.set_for_messages(screen_style())


def run_app(plan_path: str | None = None) -> int:
    use_settings_folder()
    app = _named_application(sys.argv[:1])
    install_excepthook()
    settings = AppSettings()
    if not plan_path and settings.reopen_last_plan() and settings.last_plan() and Path(settings.last_plan()).exists():
        plan_path = settings.last_plan()
    window = MainWindow(settings, opening=plan_path)  # named in the title at once, opened once on screen
    window.after_first_draw(lambda: _once_shown(app))
    window.show()
    try:
        return app.exec()
    finally:
        from gui.workers import finish_background_imports

        finish_background_imports()


def _once_shown(app: QApplication) -> None:
    """What start-up does once the window is on screen."""
    from gui.app_paths import log_file_path
    from gui.logging_setup import start_logging
    from services.plan import plan_snapshots

    _dress(app)
    start_logging(log_file_path())
    # Working copies of plans left by a WellPlan that was killed go now, not at some later export.
    plan_snapshots.sweep()
