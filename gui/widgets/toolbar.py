"""Toolbar buttons for a tab: the same tooltip, shortcut scope and wiring on every tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget


def tab_toolbar(title: str) -> QToolBar:
    toolbar = QToolBar(title)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return toolbar


def add_tab_action(tab: QWidget, toolbar: QToolBar, text: str, tip: str, slot: Callable,
                   shortcut: QKeySequence | None = None) -> QAction:
    """A toolbar button whose shortcut works wherever the focus is in the window (the tab bar, the
    menu bar just left) while ``tab`` is shown, and not while another tab is: Qt matches a window
    shortcut only for an action whose widgets are visible, so two tabs may use the same keys."""
    action = QAction(text, tab)
    action.setToolTip(tip + (f" ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else ""))
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    toolbar.addAction(action)
    tab.addAction(action)
    return action
