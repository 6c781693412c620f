"""The app's icon: drawn once in code for the window and the installer, readable at 16 pixels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from gui.app_icon import BLUE, GREEN, SIZES, app_icon, icon_pixmap

ROOT = Path(__file__).resolve().parents[1]
ENV = {"QT_QPA_PLATFORM": "offscreen", "PATH": ""}


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_every_size_has_the_blue_square_the_white_steps_and_the_green_leaf(qapp):
    for size in SIZES:
        image = icon_pixmap(size).toImage()
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(0, 0).alpha() == 0  # outside the rounded square: transparent
        colours = [image.pixelColor(x, y) for x in range(size) for y in range(size)]
        assert sum(_close(c, BLUE) for c in colours) > size * size * 0.4
        assert any(_close(c, QColor("white")) for c in colours)
        if size >= 24:
            assert any(_close(c, GREEN) for c in colours)
    assert sorted(s.width() for s in app_icon().availableSizes()) == list(SIZES)


def test_the_application_carries_the_icon(qapp):
    from gui.app import make_application

    app = make_application()
    assert not app.windowIcon().isNull()
    assert app.windowIcon().actualSize(app.windowIcon().availableSizes()[-1]).width() == max(SIZES)


def test_the_icon_is_written_for_the_installer(tmp_path):
    out = tmp_path / "wellplan.png"
    result = subprocess.run([sys.executable, "-m", "gui.app_icon", str(out), "48"], capture_output=True, text=True,
                            env=ENV, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 48
    bad = subprocess.run([sys.executable, "-m", "gui.app_icon"], capture_output=True, text=True, env=ENV, cwd=ROOT)
    assert bad.returncode == 2 and bad.stderr.startswith("usage: ")
