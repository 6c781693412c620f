"""What an empty workspace shows: one sentence on what to do first, and the button that does it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Put in a ``QStackedWidget`` beside the tab's real page and show it while there is nothing to
    show; the button is the default, so Enter does the first step."""

    def __init__(self, title: str, text: str, button_text: str, action: Callable[[], object],
                 parent: QWidget | None = None, object_name: str = "",
                 other: tuple[str, Callable[[], object], str] | None = None):
        """``other``: a second way to begin, (button text, action, object name), under the first."""
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        body.setMaximumWidth(560)
        # A wrapped, centred label is otherwise laid out one line high and cut short.
        body.setMinimumWidth(560)
        body.setMinimumHeight(body.heightForWidth(560))
        self.button = QPushButton(button_text)
        self.button.setDefault(True)
        self.button.clicked.connect(lambda _checked=False: action())
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.other_button: QPushButton | None = None
        if other is not None:
            self.other_button = QPushButton(other[0], objectName=other[2])
            self.other_button.clicked.connect(lambda _checked=False: other[1]())
            layout.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
