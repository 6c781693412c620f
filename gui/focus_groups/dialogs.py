"""Small dialogs of the Focus groups tab: plan a session, invite someone, pick a blank template."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from gui.screen_dates import from_qdate, make_date_edit
from models.focus_template import FocusTemplate


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewSessionDialog(QDialog):
    def __init__(self, templates: list[FocusTemplate], today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Plan a focus-group session")
        self._templates = templates
        self.template = QComboBox()
        self.template.setObjectName("sessionTemplate")
        for t in templates:
            self.template.addItem(f"{t.title} ({t.booked_minutes} min)", t.key)
        self.title = QLineEdit()
        self.title.setObjectName("sessionTitle")
        self.date = make_date_edit(self, today, "sessionFirstDate")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #52606D;")
        form = QFormLayout()
        form.addRow("&Template:", self.template)
        form.addRow("", self.about)
        form.addRow("T&itle:", self.title)
        form.addRow("&Date:", self.date)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Plan session"))
        self.template.currentIndexChanged.connect(self._template_changed)
        self._template_changed()
        self.resize(520, self.sizeHint().height())

    def _template_changed(self) -> None:
        t = self._templates[self.template.currentIndex()]
        self.about.setText(f"For: {t.audience}")
        if not self.title.isModified():
            self.title.setText(t.title)

    def values(self) -> tuple[str, str, dt.date]:
        return self.template.currentData(), self.title.text().strip(), from_qdate(self.date.date())


class InviteDialog(QDialog):
    """Invite someone already in the plan, or (with ``people`` empty) someone new by name."""

    def __init__(self, roles: list[tuple[str, str]], people: list[tuple[int, str, bool]] | None, parent=None,
                 groups: list[tuple[int, str]] = ()):
        super().__init__(parent)
        self.setWindowTitle("Invite someone from the plan" if people is not None else "Invite someone new")
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setObjectName("invitePerson")
        self.name = QLineEdit()
        self.name.setObjectName("inviteName")
        if people is not None:
            for person_id, name, on_team in people:
                self.person.addItem(f"{name} (planning team)" if on_team else name, person_id)
            form.addRow("&Person:", self.person)
            hint = ("Anyone on People: the planning team first, then the staff, partners, families and students "
                    "who take part beyond it.")
        self.group = QComboBox()
        self.group.setObjectName("inviteGroup")
        self.group.addItem("(not staff, or not known)", None)
        for group_id, group_name in groups:
            self.group.addItem(group_name, group_id)
        if people is None:
            form.addRow("&Name:", self.name)
            # Their position group gives their usual hours, checked against the session's time.
            form.addRow("Position &group:", self.group)
            hint = ("They are added to People (on the Team tab), not to the planning team. Their position group's "
                    "usual hours are checked against the session's time.")
        about = QLabel(hint)
        about.setWordWrap(True)
        about.setStyleSheet("color: #52606D;")
        form.addRow("", about)
        self.role = QComboBox()
        self.role.setObjectName("inviteRole")
        for key, name in roles:
            self.role.addItem(name, key)
        form.addRow("&Role:", self.role)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Invite"))

    def values(self) -> tuple[int | None, str, str]:
        return self.person.currentData(), self.name.text().strip(), self.role.currentData()

    def group_id(self) -> int | None:
        """The position group chosen for someone new (None: not staff, or not known)."""
        return self.group.currentData()
