"""Preferences, recent files and window geometry, kept in QSettings (an INI file per user).

INI rather than the Windows registry so a district IT team can see and copy it, and so tests can
point it at a temporary folder with ``use_settings_folder``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def use_settings_folder(folder: str | Path | None = None) -> None:
    """Store settings as INI files, in ``folder`` if given (tests and the self-test use a temp one)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if folder is not None:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


class AppSettings:
    def __init__(self) -> None:
        self._s = QSettings()

    @property
    def file_path(self) -> str:
        return self._s.fileName()

    # Recent plans -----------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._s.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives a bare string for a one-item list
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def add_recent_file(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != path]
        self._s.setValue("recent_files", [path, *files][:MAX_RECENT])
        self._s.setValue("last_plan", path)

    def remove_recent_file(self, path: str) -> None:
        self._s.setValue("recent_files", [f for f in self.recent_files() if f != path])

    def clear_recent_files(self) -> None:
        self._s.setValue("recent_files", [])

    def last_plan(self) -> str | None:
        value = self._s.value("last_plan", "")
        return value or None

    # Preferences --------------------------------------------------------------------------------
    def reopen_last_plan(self) -> bool:
        return self._s.value("preferences/reopen_last_plan", True, type=bool)

    def set_reopen_last_plan(self, value: bool) -> None:
        self._s.setValue("preferences/reopen_last_plan", bool(value))

    def default_paper_size(self) -> str:
        value = self._s.value("preferences/default_paper_size", "letter")
        return value if value in ("letter", "a4") else "letter"

    def set_default_paper_size(self, value: str) -> None:
        self._s.setValue("preferences/default_paper_size", value)

    def gap_thresholds(self) -> tuple[float, float]:
        """How far below all respondents a survey result must be to count as a gap: (points on the
        mean, points of percent favorable)."""
        from services.data.survey_report import DEFAULT_GAP_MEAN, DEFAULT_GAP_PCT

        try:
            mean = float(self._s.value("preferences/gap_mean", DEFAULT_GAP_MEAN))
            pct = float(self._s.value("preferences/gap_pct", DEFAULT_GAP_PCT))
        except (TypeError, ValueError):
            return DEFAULT_GAP_MEAN, DEFAULT_GAP_PCT
        return (mean if 0.05 <= mean <= 3 else DEFAULT_GAP_MEAN, pct if 1 <= pct <= 100 else DEFAULT_GAP_PCT)

    def set_gap_thresholds(self, mean: float, pct: float) -> None:
        self._s.setValue("preferences/gap_mean", float(mean))
        self._s.setValue("preferences/gap_pct", float(pct))

    # The sample district ---------------------------------------------------------------------------
    def sample_edited(self) -> bool:
        """Whether the person has changed the sample since it was last built (opening it again
        then asks before starting over)."""
        return self._s.value("sample/edited", False, type=bool)

    def set_sample_edited(self, value: bool) -> None:
        self._s.setValue("sample/edited", bool(value))

    # The district server ------------------------------------------------------------------------
    def last_server(self) -> dict[str, str]:
        """Where the last server plan was (host, port, database, user, encrypted): never a password,
        which WellPlan does not keep."""
        return {key: str(self._s.value(f"server/{key}", "")) for key in ("host", "port", "database", "user", "tls")}

    def set_last_server(self, place: dict[str, str]) -> None:
        for key in ("host", "port", "database", "user", "tls"):
            self._s.setValue(f"server/{key}", str(place.get(key, "")))

    # Window -------------------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray) -> None:
        """Where the window was and how big (it has no toolbars or docks to remember)."""
        self._s.setValue("window/geometry", geometry)

    def sync(self) -> None:
        self._s.sync()
