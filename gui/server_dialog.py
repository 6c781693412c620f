"""File > Open district server... and File > Copy plan to server...: where a plan on the district's
PostgreSQL server is (host, port, database, user) and the password for this time only.

The password is not kept anywhere, in the settings or on disk: the person types it each time WellPlan
opens a server plan, or leaves it empty when the district's IT has given them a PostgreSQL password
file (pgpass), which the connection reads by itself. Where the server was is remembered, without
the password, to fill the form next time.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from gui.settings import AppSettings


class ServerDialog(QDialog):
    """Asks where a plan on the district server is; ``location()`` once accepted."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *, title: str = "Open district server",
                 action: str = "Open", explanation: str = ""):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(title)
        last = settings.last_server()
        self.host = QLineEdit(last["host"], placeholderText="e.g. plans.district.k12.us")
        self.port = QSpinBox(minimum=1, maximum=65535, value=int(last["port"]) if last["port"].isdigit() else 5432)
        self.database = QLineEdit(last["database"], placeholderText="the plan's database")
        self.user = QLineEdit(last["user"], placeholderText="your account on the server")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                  placeholderText="empty: your PostgreSQL password file")
        self.tls = QCheckBox("Encrypted connection (required by most district servers)")
        self.tls.setChecked(last["tls"] != "no")
        form = QFormLayout(self)
        if explanation:
            said = QLabel(explanation)
            said.setWordWrap(True)
            form.addRow(said)
        form.addRow("&Server:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow(self.tls)
        note = QLabel("WellPlan does not keep your password: it is used for this session only.")
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._enable)
        self._enable()
        (self.host if not self.host.text() else self.password).setFocus()

    def _enable(self) -> None:
        ready = all(f.text().strip() for f in (self.host, self.database, self.user))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def location(self) -> str:
        """The server location, password included (kept in memory only, never written or logged)."""
        from sqlalchemy.engine import URL  # (not at start-up: the window is drawn before SQLAlchemy loads)

        url = URL.create("postgresql", username=self.user.text().strip(), password=self.password.text() or None,
                         host=self.host.text().strip(), port=self.port.value(), database=self.database.text().strip(),
                         query={"sslmode": "require"} if self.tls.isChecked() else {})
        return url.render_as_string(hide_password=False)

    def accept(self) -> None:
        self.settings.set_last_server({"host": self.host.text().strip(), "port": str(self.port.value()),
                                       "database": self.database.text().strip(), "user": self.user.text().strip(),
                                       "tls": "yes" if self.tls.isChecked() else "no"})
        self.settings.sync()
        super().accept()


def ask_server_location(settings: AppSettings, parent: QWidget, **dialog) -> str | None:
    box = ServerDialog(settings, parent, **dialog)
    return box.location() if box.exec() == QDialog.DialogCode.Accepted else None
