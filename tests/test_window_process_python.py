"""How the window's process runs Python: it does not read and keep the source text of every module it
loads, its own start-up modules included (PySide6's ``__feature__`` hook did: 640,000 lines of pandas,
pyqtgraph and the rest held in memory for the life of the window, and a seventh of the tabs' loading
time), and its thread gets the
interpreter back from a busy worker within half a millisecond, not Python's 5 ms, at each call from
Qt into Python."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, linecache, sys
from gui.app import make_application
make_application()
import pandas, pyqtgraph
from gui.data import data_tab
from PySide6.QtWidgets import QLabel
label = QLabel("still PySide6 as ever")
print(json.dumps({"kept": sorted(name for name in linecache.cache
                                 if any(part in name for part in ("pandas", "pyqtgraph", "gui/", "gui\\\\"))),
                  "text": label.text(), "switch": sys.getswitchinterval()}))
"""


def test_loading_the_tabs_code_keeps_no_source_text(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "c"))
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["kept"] == []
    assert seen["text"] == "still PySide6 as ever"
    assert seen["switch"] <= 0.001


FREEZE_PROBE = """
import gc, json, sys
from gui.app import make_application
from gui.workers import import_in_background
make_application()
before = gc.get_freeze_count()
import_in_background(["pandas", "pyqtgraph", "gui.data.data_tab"]).join()
print(json.dumps({"before": before, "after": gc.get_freeze_count()}))
"""


def test_the_code_loaded_for_the_tabs_is_left_out_of_full_garbage_collections(tmp_path):
    # 150,000 objects that live as long as the window: each full collection looked at all of them
    # with every thread stopped (100 ms and more, the window frozen).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "c"))
    result = subprocess.run([sys.executable, "-c", FREEZE_PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["before"] == 0 and seen["after"] > 50_000
