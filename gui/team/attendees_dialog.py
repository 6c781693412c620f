"""Choose who is invited to a meeting: the whole team, or named people (anyone on People: the team
first, then people who take part beyond it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from services.team.team_roster import PersonRecord


class AttendeesDialog(QDialog):
    def __init__(self, people: list[PersonRecord], invited: tuple[int, ...], when: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who is invited?")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>Meeting on {when}</b>"))
        self.whole_team = QRadioButton("The whole planning team")
        self.chosen = QRadioButton("Only these people:")
        layout.addWidget(self.whole_team)
        layout.addWidget(self.chosen)
        self.model = QStandardItemModel(self)
        for person in sorted(people, key=lambda p: (not p.on_team, p.name.lower())):
            item = QStandardItem(person.name if person.on_team else f"{person.name} (not on the team)")
            item.setData(person.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if person.id in invited else Qt.CheckState.Unchecked)
            self.model.appendRow(item)
        self.list = QListView()
        self.list.setAccessibleName("People invited")
        self.list.setModel(self.model)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.chosen if invited else self.whole_team).setChecked(True)
        self.list.setEnabled(bool(invited))
        self.chosen.toggled.connect(self.list.setEnabled)
        self.resize(360, 420)

    def attendee_ids(self) -> tuple[int, ...]:
        """Empty means the whole team."""
        if self.whole_team.isChecked():
            return ()
        ids = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(sorted(ids))
