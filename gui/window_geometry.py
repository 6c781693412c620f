"""The window on the screen it is on: never bigger than the screen's free area, never off it.

A geometry saved on a large monitor and restored on a 1366x768 laptop (or a default size taller
than the laptop) would put the status bar and the window's lower edge out of reach.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 800


def fit_to_screen(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    # The frame (title bar, borders) comes on top of the window's own size; leave room for it.
    frame_w = max(window.frameGeometry().width() - window.width(), 0) or 16
    frame_h = max(window.frameGeometry().height() - window.height(), 0) or 40
    width = min(window.width(), free.width() - frame_w)
    height = min(window.height(), free.height() - frame_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), free.left()), free.right() - width - frame_w + 1)
    y = min(max(window.y(), free.top()), free.bottom() - height - frame_h + 1)
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)
