"""Edit the plan's wellness domains: add, rename, remove (each undoable from the main window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.data import commands
from gui.dialog_lifetime import listen_while_open
from gui.plan_context import DATA, PlanContext
from gui.widgets.buttons import button_row
from gui.widgets.confirm import confirm_removal
from services.data import wellness_domains


class DomainsDialog(QDialog):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Wellness domains")
        self.list = QListWidget(objectName="domainsList")
        buttons = button_row((("&Add...", self.add, "addDomain"), ("&Rename...", self.rename, "renameDomain"),
                                 ("Re&move", self.remove, "removeDomain")))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Survey items and data sources are read by these domains. Removing one leaves its "
                                "items without a domain.", wordWrap=True))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(460, 420)
        listen_while_open(self, context.changed, lambda topics: self.refresh() if DATA in topics else None)
        if not self._listed():  # a plan from before the Data tab: start from the default list
            self.context.edit(commands.ensure_domains(context))
        self.refresh()

    def _listed(self) -> list:
        return self.context.read(wellness_domains.list_domains)

    def refresh(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        for d in self._listed():
            item = QListWidgetItem(f"{d.name}  ({d.item_count} item{'s' if d.item_count != 1 else ''})")
            item.setData(Qt.ItemDataRole.UserRole, (d.id, d.name))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(min(max(current, 0), self.list.count() - 1))

    def _selected(self):
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add domain", "Name:")
        if ok and name.strip():
            self.context.edit(commands.add_domain(self.context, name))

    def rename(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        name, ok = QInputDialog.getText(self, "Rename domain", "Name:", text=selected[1])
        if ok and name.strip() and name.strip() != selected[1]:
            self.context.edit(commands.rename_domain(self.context, selected[0], name))

    def remove(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        goes = self.context.read(lambda s: wellness_domains.domain_dependents(s, selected[0]))
        if confirm_removal(self, f"Remove the domain \u201c{selected[1]}\u201d?", goes, "&Remove domain"):
            self.context.edit(commands.remove_domain(self.context, *selected))
