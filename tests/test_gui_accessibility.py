"""Every tab works from the keyboard alone, and a screen reader can name what has focus.

The walk presses Tab (and Shift+Tab) as a keyboard user does, from the tab bar through the whole
tab and back, and asks Qt's accessibility layer (what a screen reader reads) for the name of every
control that takes focus on the way.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from gui.tabs import TABS


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface is not None else "").strip()


def walk(qtbot, start: QWidget, key=Qt.Key.Key_Tab, limit: int = 400) -> list[QWidget]:
    """The widgets focus visits, pressing ``key`` from ``start`` until it comes back round. A table
    moves between its cells with Tab; Ctrl+Tab is how a keyboard user leaves it, as in Word."""
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        if seen and focused is start:
            return seen
        if focused not in seen:
            seen.append(focused)
        leave = isinstance(focused, QAbstractItemView) and focused.tabKeyNavigation()
        qtbot.keyClick(focused, key, Qt.KeyboardModifier.ControlModifier if leave else Qt.KeyboardModifier.NoModifier)
    raise AssertionError(f"focus never came back round: stuck after {[type(w).__name__ for w in seen[-5:]]}")


@pytest.mark.parametrize("key", [spec.key for spec in TABS])
def test_every_control_in_a_tab_is_reachable_and_named(qtbot, window, key):
    window.show_tab(key)
    tab = window.tab(key)
    qtbot.waitUntil(lambda: tab.isVisible())
    bar = window.tabs.tabBar()
    forward = walk(qtbot, bar)
    inside = [w for w in forward if tab.isAncestorOf(w)]
    assert inside, f"Tab never enters the {key} tab"
    unnamed = [f"{type(w).__name__} {w.objectName() or ''}".strip() for w in inside if not accessible_name(w)]
    assert not unnamed, f"controls on the {key} tab a screen reader can't name: {unnamed}"
    backward = walk(qtbot, bar, Qt.Key.Key_Backtab)
    assert {id(w) for w in inside} <= {id(w) for w in backward}, "Shift+Tab misses controls that Tab reaches"
    for widget in inside:  # focus is visible: Qt draws it unless a widget turns it off
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    # A tab that reads the plan in the background (Data) finishes with the test.
    qtbot.waitUntil(lambda: not getattr(tab, "reading", False), timeout=30000)
