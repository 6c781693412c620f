"""The school year's breaks, which the Gantt chart shades: listed, added (a name and two dates)
and removed, each undoable."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
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
from services.action_plan import school_calendar


class BreaksDialog(QDialog):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("School breaks")
        self.list = QListWidget(objectName="breaksList")
        self.name = QLineEdit(objectName="breakName", placeholderText="e.g. Winter break")
        self.first = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMM yyyy")
        self.last = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMM yyyy")
        add = QPushButton("&Add", objectName="addBreak")
        add.clicked.connect(self.add)
        remove = QPushButton("&Remove selected", objectName="removeBreak")
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for w in (self.name, QLabel("from"), self.first, QLabel("to"), self.last, add):
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

    def refresh(self) -> None:
        self.list.clear()
        for b in self.context.read(school_calendar.list_breaks):
            item = QListWidgetItem(f"{b.name}: {b.starts_on:%a %d %b %Y} \u2013 {b.ends_on:%a %d %b %Y}")
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            self.list.addItem(item)

    def add(self) -> None:
        if self.context.edit(commands.add_break(self.context, self.name.text(), self.first.date().toPython(),
                                                self.last.date().toPython())):
            self.name.clear()  # a refused break keeps what was typed, to be corrected

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.context.edit(commands.remove_break(self.context, item.data(Qt.ItemDataRole.UserRole)))
