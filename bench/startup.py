"""Startup benchmark: process start to main window shown with the sample plan open, against a
bare QApplication + empty QMainWindow process, measured alternately in one run on this machine.

Reported as a ratio (target: at most 1.6), never as an absolute time: the machine is shared.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "9"))

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
print("shown", flush=True)
"""

# Runs the real entry point; only QApplication.exec is replaced so the process reports once the
# window is shown (the event loop has drawn it) and then closes it as a user would.
APP = """
import runpy, sys
from PySide6.QtWidgets import QApplication

def exec_once(self):
    self.processEvents()
    print("shown", flush=True)
    for widget in QApplication.topLevelWidgets():
        widget.close()
    return 0

QApplication.exec = exec_once
sys.argv = ["main.py", sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def time_once(code: str, args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, cwd=ROOT, env=env, text=True)
    line = proc.stdout.readline().strip()
    elapsed = time.perf_counter() - start
    proc.communicate(timeout=60)
    if line != "shown" or proc.returncode != 0:
        raise RuntimeError(f"benchmark process failed (printed {line!r}, exit {proc.returncode})")
    return elapsed


def main() -> float:
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=f"{folder}/config", XDG_DATA_HOME=f"{folder}/data", HOME=folder)
        # An installed WellPlan runs from compiled bytecode; so should the benchmark, even where
        # the shell forbids writing .pyc files.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "gui", "services", "models"],
                       cwd=ROOT, env=env, check=True)
        plan = Path(folder) / "sample.wellplan"
        subprocess.run([sys.executable, "main.py", "sample", str(plan)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        time_once(BARE, [], env)  # warm the file cache for both
        time_once(APP, [str(plan)], env)
        bare, app = [], []
        for _ in range(RUNS):
            bare.append(time_once(BARE, [], env))
            app.append(time_once(APP, [str(plan)], env))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    ratio = app_median / bare_median
    print(f"startup: bare Qt window {bare_median * 1000:.0f} ms, WellPlan with the sample plan "
          f"{app_median * 1000:.0f} ms (medians of {RUNS}); ratio {ratio:.2f} (target <= 1.60)")
    return ratio


if __name__ == "__main__":
    main()
