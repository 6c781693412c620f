"""Unexpected errors become a dialog in plain words with "Copy details", not a dead window.

Known failures (a full disk, a network drive that went away, a read-only file) are put in words
a district user can act on; everything goes to the log file with the full traceback.
"""

from __future__ import annotations

import logging
import platform
import sqlite3
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from services.app_info import APP_NAME, APP_VERSION

log = logging.getLogger("wellplan")


def plain_words(exc: BaseException) -> str:
    """Turn a known low-level failure into a sentence a person can act on."""
    message = str(exc).lower()
    if isinstance(exc, sqlite3.Error) or "sqlite" in type(exc).__module__:
        if "disk is full" in message or "database or disk is full" in message:
            return "The disk is full, so the last change could not be saved. Free some space and try again."
        if "readonly" in message or "read-only" in message:
            return "The plan file is read-only, so changes can't be saved. Save a copy somewhere you can write to."
        if "disk i/o" in message or "unable to open" in message:
            return ("The plan file could not be reached. If it is on a network drive, check the "
                    "connection, then reopen the plan.")
        if "locked" in message or "busy" in message:
            return "Another program is using the plan file right now. Wait a moment and try again."
    if isinstance(exc, PermissionError):
        return f"WellPlan is not allowed to use {exc.filename or 'that file'}. Check the file's permissions."
    if isinstance(exc, FileNotFoundError):
        return f"{exc.filename or 'A file'} could not be found."
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename or ''}".rstrip(": ")
    return "Something went wrong that WellPlan did not expect. Your plan's saved changes are safe."


def debug_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
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


def install_excepthook() -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        show_error(QApplication.activeWindow(), plain_words(exc), debug_details(exc_type, exc, tb))

    sys.excepthook = hook
