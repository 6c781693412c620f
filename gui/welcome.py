"""What the window shows with no plan open: New, Open, the sample district and recent plans."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QStringListModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class WelcomeScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._paths: list[str] = []
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setStyleSheet(
            "QFrame#welcomeCard { background: palette(base); border: 1px solid #CBD2D9; border-radius: 8px; }"
        )
        card.setMaximumWidth(720)
        title = QLabel("<span style='font-size:22pt; font-weight:600; color:#2B6CB0'>WellPlan</span>")
        intro = QLabel(
            "Plan and run your district's employee and student wellness work: form the team, assess "
            "readiness, read survey data safely, set priorities and run the action plan. Everything is "
            "kept in one plan file on this computer."
        )
        intro.setWordWrap(True)
        self.new_button = QPushButton("&New plan...")
        self.open_button = QPushButton("&Open plan...")
        self.sample_button = QPushButton("Open &sample district")
        self.sample_button.setToolTip("A fictional district with a full team and schedule, to explore safely.")
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setMinimumHeight(40)
        self.new_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        self.recent_title = QLabel("<b>Recent plans</b>")
        self.recent_model = QStringListModel(self)
        self.recent_view = QListView()
        self.recent_view.setObjectName("recentPlans")
        self.recent_view.setAccessibleName("Recent plans")
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.activated.connect(self._open_recent)
        self.recent_view.setMinimumHeight(150)
        self.recent_view.setSpacing(3)
        self.recent_empty = QLabel("Plans you open will be listed here.")
        self.recent_empty.setStyleSheet("color: palette(mid);")

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addLayout(buttons)
        inner.addSpacing(8)
        inner.addWidget(self.recent_title)
        inner.addWidget(self.recent_view)
        inner.addWidget(self.recent_empty)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self.open_requested.emit)
        self.sample_button.clicked.connect(self.sample_requested.emit)

    def set_recent(self, paths: list[str]) -> None:
        self._paths = list(paths)
        self.recent_model.setStringList([f"{Path(p).stem}    \u2014  {Path(p).parent}" for p in paths])
        self.recent_view.setVisible(bool(paths))
        self.recent_empty.setVisible(not paths)
        if paths:
            self.recent_view.setCurrentIndex(self.recent_model.index(0))

    def _open_recent(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._paths):
            self.recent_requested.emit(self._paths[index.row()])

    def recent_paths(self) -> list[str]:
        return list(self._paths)

