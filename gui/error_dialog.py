"""Unexpected errors become a dialog in plain words with "Copy details", not a dead window.

Known failures (a full disk, a network drive that went away, a read-only file) are put in words
a district user can act on; everything goes to the log file with the full traceback.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from services.app_info import APP_NAME, APP_VERSION

log = logging.getLogger("wellplan")


def plain_words(exc: BaseException) -> str:
    """Turn a known low-level failure into a sentence a person can act on.

    Disk failures are recognised by SQLite's result code or the system's error number
    (``services.plan.storage_errors``), which works through SQLAlchemy's wrapping, where the wording
    of the message does not."""
    # Imported here, not above: the hook is installed before the window shows, and these bring in
    # SQLAlchemy and the models, which start-up loads only after the window is on screen.
    from services.errors import InvalidInput
    from services.plan.plan_file import PlanFileError
    from services.plan.storage_errors import Place, StorageError, explain

    if isinstance(exc, (PlanFileError, StorageError, InvalidInput)):
        return str(exc)
    plain = explain(exc, Place.PLAN, None, "the last change was not saved")
    if plain is not None:
        return plain
    if isinstance(exc, PermissionError):
        return f"WellPlan is not allowed to use {exc.filename or 'that file'}. Check the file's permissions."
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename or 'A file'} could not be found."
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename or ''}".rstrip(": ")
    return "Something went wrong that WellPlan did not expect; the details are in the log file."


def debug_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    import platform  # here, not above: the hook is installed before the window is drawn
    import traceback

    lines = [
        f"{APP_NAME} {APP_VERSION}",
        f"Python {platform.python_version()}, Qt {qVersion()}, {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def show_error(parent: QWidget | None, summary: str, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(summary)
    if details:
        box.setDetailedText(details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    box.deleteLater()


def install_excepthook() -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        window = QApplication.activeWindow()
        context = getattr(window, "context", None)
        from services.plan.plan_file import PlanGoneError

        if isinstance(exc, PlanGoneError) and context is not None:
            context.file_lost.emit(str(exc))  # the window offers to save a copy
            return
        from services.plan.server_plan import lost_connection

        if context is not None and context.plan.on_server and lost_connection(exc):
            # A view's read found the district server gone: the window turns read-only and says so
            # in its status bar (and the view keeps what it showed), rather than a dialog per view.
            context.server_unreachable(str(exc))
            return
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        show_error(QApplication.activeWindow(), plain_words(exc), debug_details(exc_type, exc, tb))

    sys.excepthook = hook
