"""The school year's breaks, which the Gantt chart shades: listed, added (a name and two dates)
and removed, each undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.action_plan import commands
from gui.dialog_lifetime import listen_while_open
from gui.plan_context import OBJECTIVES, PlanContext
from gui.screen_dates import from_qdate, make_date_edit, show_date
from services.action_plan import school_calendar


class BreaksDialog(QDialog):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("School breaks")
        self.list = QListWidget(objectName="breaksList", accessibleName="School breaks")
        self.name = QLineEdit(objectName="breakName", placeholderText="e.g. Winter break",
                              accessibleName="Name of the break")
        self.first = make_date_edit(None, None, "breakFirst")
        self.first.setAccessibleName("First day of the break")
        self.last = make_date_edit(None, None, "breakLast")
        self.last.setAccessibleName("Last day of the break")
        self._first_was = self.first.date()
        self.first.dateChanged.connect(self._last_follows)
        add = QPushButton("&Add break", objectName="addBreak")
        add.clicked.connect(self.add)
        remove = QPushButton("&Remove selected", objectName="removeBreak")
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for w in (QLabel("&Name:", buddy=self.name), self.name, QLabel("&from", buddy=self.first), self.first, QLabel("t&o", buddy=self.last), self.last,
                  add):
            row.addWidget(w)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The first and last day of school are in the district profile (Overview); list the "
                                "breaks between them here.", wordWrap=True))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(remove)
        layout.addWidget(close)
        self.resize(620, 380)
        listen_while_open(self, context.changed, lambda topics: self.refresh() if OBJECTIVES in topics else None)
        self.refresh()

    def _last_follows(self, first) -> None:
        """A one-day break unless the last day was chosen apart: the last day follows the first
        while they were the same (or it would end before it starts)."""
        if self.last.date() == self._first_was or self.last.date() < first:
            self.last.setDate(first)
        self._first_was = first

    def refresh(self) -> None:
        self.list.clear()
        for b in self.context.read(school_calendar.list_breaks):
            item = QListWidgetItem(f"{b.name}: {b.starts_on:%a} {show_date(b.starts_on)} \u2013 "
                                   f"{b.ends_on:%a} {show_date(b.ends_on)}")
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            self.list.addItem(item)

    def add(self) -> None:
        if self.context.edit(commands.add_break(self.context, self.name.text(), from_qdate(self.first.date()),
                                                from_qdate(self.last.date()))):
            self.name.clear()  # a refused break keeps what was typed, to be corrected

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.context.edit(commands.remove_break(self.context, item.data(Qt.ItemDataRole.UserRole)))
