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
    """A toolbar button whose shortcut works anywhere inside ``tab`` (and only there)."""
    action = QAction(text, tab)
    action.setToolTip(tip + (f" ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else ""))
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    toolbar.addAction(action)
    tab.addAction(action)
    return action
