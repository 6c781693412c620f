"""A row of push buttons under a table: (text, slot, object name) each, left-aligned."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button_row(buttons: Iterable[tuple[str, Callable[[], object], str]], stretch: bool = True) -> QHBoxLayout:
    """``slot`` may be a function or a signal's ``emit``; the object names let tests find them."""
    row = QHBoxLayout()
    for text, slot, name in buttons:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(lambda _checked=False, s=slot: s())
        row.addWidget(button)
    if stretch:
        row.addStretch(1)
    return row
