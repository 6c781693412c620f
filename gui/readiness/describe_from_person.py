"""Describe a respondent as someone on People is described: their position group, school, tenure
band and whether they are on the planning team, copied. The respondent stays a code; nothing links
the code to the person's name (respondents are never named)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from services.team.team_roster import PersonRecord


class DescribeFromPersonDialog(QDialog):
    def __init__(self, code: str, people: list[PersonRecord], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Describe respondent {code}")
        self._people = {p.id: p for p in people}
        self.person = QComboBox()
        self.person.setObjectName("describeFrom")
        for p in sorted(people, key=lambda p: (not p.on_team, p.name.casefold())):
            self.person.addItem(p.name if p.on_team else f"{p.name} (not on the team)", p.id)
        form = QFormLayout()
        form.addRow("&As described on People:", self.person)
        note = QLabel(f"{code}'s position group, school, tenure and planning-team membership are copied from the "
                      "person chosen. The respondent stays a code: the plan keeps no link to the name.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #52606D;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Copy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def described(self) -> dict[str, object]:
        """The respondent's fields as the chosen person's."""
        p = self._people[self.person.currentData()]
        return {"position_group_id": p.position_group_id, "school_id": p.school_id, "tenure_band": p.tenure_band,
                "on_team": p.on_team}
