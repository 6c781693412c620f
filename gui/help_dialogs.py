"""Help > User guide (read from resources/, offline) and Help > About."""

from __future__ import annotations

import platform

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from gui.app_paths import log_file_path
from gui.settings import AppSettings
from services.app_info import APP_NAME, APP_VERSION
from services.resource_paths import resource_path


class UserGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("WellPlan user guide")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # the guide is offline; no link may open a browser
        self.browser.setMarkdown(resource_path("user_guide.md").read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)


def show_about(parent: QWidget, settings: AppSettings) -> None:
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {APP_VERSION}</h3>"
        "<p>Plan and run school employee and student wellness work, offline, in one plan file. "
        "Built on the seven steps of the <i>Take Action</i> toolkit for school employee wellness.</p>"
        "<p>WellPlan never uses the network. Your plan stays in the file you chose.</p>"
        f"<p><small>Settings: {settings.file_path}<br>Log: {log_file_path()}<br>"
        f"Python {platform.python_version()}, Qt {qVersion()}</small></p>",
    )
