"""A list of tick boxes (staff groups, people, actions), and a dialog of one or more of them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class CheckList(QListWidget):
    def __init__(self, entries: Iterable[tuple[int, str]], checked: Iterable[int], name: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        checked = set(checked)
        for entry_id, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, entry_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry_id in checked else Qt.CheckState.Unchecked)
            self.addItem(item)

    def checked(self) -> frozenset[int]:
        return frozenset(self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                         if self.item(i).checkState() == Qt.CheckState.Checked)


class CheckListDialog(QDialog):
    """Side-by-side lists, each with a heading; ``values()`` gives each list's ticked ids."""

    def __init__(self, title: str, lists: list[tuple[str, CheckList]], note: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lists = [widget for _, widget in lists]
        row = QHBoxLayout()
        for heading, widget in lists:
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{heading}</b>"))
            box.addWidget(widget)
            row.addLayout(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if note:
            layout.addWidget(QLabel(note, wordWrap=True))
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(320 * len(lists) + 60, 440)

    def values(self) -> list[frozenset[int]]:
        return [widget.checked() for widget in self.lists]
