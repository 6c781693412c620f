"""Dialogs that go away when they close.

A dialog is the child of the tab or window that opened it, so without this it lives as long as
the window does, and one that listens to the plan keeps re-reading it on every change long after
the person closed it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog


def run_modal(dialog: QDialog) -> int:
    """``dialog.exec()``, then delete the dialog once control is back in the event loop (so the
    caller can still read what the person chose)."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def listen_while_open(dialog: QDialog, signal: SignalInstance, slot: Callable[..., Any]) -> None:
    """Connect ``slot`` to ``signal`` until ``dialog`` finishes or is deleted: a lambda outlives
    its dialog otherwise (Qt only drops connections whose receiver is the deleted object)."""
    signal.connect(slot)
    listening = [True]

    def stop(*_args: Any) -> None:
        if listening[0]:
            listening[0] = False
            signal.disconnect(slot)

    dialog.finished.connect(stop)
    dialog.destroyed.connect(stop)
