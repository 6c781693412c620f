"""Startup benchmark: process start to the main window on screen with the plan's name in its title,
and to the Overview filled in, against a bare QApplication + empty QMainWindow process, measured
alternately in one run on this machine.

Reported as ratios (targets: at most 1.3 and 2.5), never as absolute times: the machine is shared.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import report

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

# Runs the real entry point, watching from inside its event loop: it prints "shown" once a main
# window is visible with the plan's file name in its title, "filled" once the window says its
# Overview is on screen (start-up's picture of it or the live page), and "working" once the live
# Overview is, then closes the window as a user would (which draws the picture for the next run).
APP = """
import runpy, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

plan_name = sys.argv[2]
said = []
real_exec = QApplication.exec

def watch():
    for window in QApplication.topLevelWidgets():
        if not isinstance(window, QMainWindow) or not window.isVisible():
            continue
        if "shown" not in said and plan_name in window.windowTitle():
            said.append("shown")
            print("shown", flush=True)
        overview = window.overview_on_screen() if "shown" in said else None
        if overview and "filled" not in said:
            said.append("filled")
            print("filled", flush=True)
        if overview == "live" and "working" not in said:
            said.append("working")
            print("working", flush=True)
        if "working" in said and not window.tab_widgets["overview"].journey.reading:
            window.close()  # once its steps are read: the picture the next run shows
            QApplication.quit()
            return
    # Every millisecond until the Overview is filled in; then every 10, so that the watching does
    # not keep taking Python's lock from the thread opening the plan.
    QTimer.singleShot(10 if "filled" in said else 1, watch)

def exec_watching(self):
    QTimer.singleShot(0, watch)
    return real_exec()

QApplication.exec = exec_watching
sys.argv = ["main.py", sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def time_once(code: str, args: list[str], env: dict[str, str]) -> list[float]:
    """Seconds from process start to each line the process prints ("shown", then "filled")."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, cwd=ROOT, env=env, text=True)
    times, lines = [], []
    for line in proc.stdout:
        times.append(time.perf_counter() - start)
        lines.append(line.strip())
    proc.wait(timeout=60)
    expected = ["shown"] if code is BARE else ["shown", "filled", "working"]
    if lines != expected or proc.returncode != 0:
        raise RuntimeError(f"benchmark process failed (printed {lines!r}, exit {proc.returncode})")
    return times


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=f"{folder}/config", XDG_DATA_HOME=f"{folder}/data",
                   XDG_CACHE_HOME=f"{folder}/cache", HOME=folder)
        # An installed WellPlan runs from compiled bytecode; so should the benchmark, even where
        # the shell forbids writing .pyc files.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "cli", "gui", "services", "models"],
                       cwd=ROOT, env=env, check=True)
        plan = Path(folder) / "sample.wellplan"
        subprocess.run([sys.executable, "main.py", "sample", str(plan)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        app_args = [str(plan), plan.name]
        time_once(BARE, [], env)  # warm the file cache for both
        time_once(APP, app_args, env)
        bare, shown, filled, working = [], [], [], []
        for _ in range(RUNS):
            bare.append(time_once(BARE, [], env)[0])
            app = time_once(APP, app_args, env)
            shown.append(app[0])
            filled.append(app[1])
            working.append(app[2])
    base = statistics.median(bare)
    report.heading(f"Start (medians of {RUNS} runs of each, alternating; a bare QApplication + QMainWindow "
                   f"process: {base * 1000:.0f} ms)")
    report.figure("window on screen, plan named in the title", statistics.median(shown) / base, 1.3, "x",
                  note=f"{statistics.median(shown) * 1000:.0f} ms")
    report.figure("Overview filled in (picture from the last close)", statistics.median(filled) / base, 2.5, "x",
                  note=f"{statistics.median(filled) * 1000:.0f} ms")
    # Not one of the targets, and no target of its own: the live Overview (the plan open,
    # every library it needs loaded). Start-up before the window came first measured the same moment
    # (commit ad020fd^'s bench/startup.py: the window shown with the plan open): 6.3x on the machine
    # the issue was filed on, 8.6x (1,017 ms) on the development machine of 3 December 2026, where
    # this figure is 6.6-6.9x. A ratio from one machine is no target on another (the same code gave
    # both), so the comparison is printed, not judged; README "Speed" says how to repeat it.
    working_ratio = statistics.median(working) / base
    print(f"  {'Overview working (plan open, live)':<46} {working_ratio:>9.2f} x   (no target: "
          f"{statistics.median(working) * 1000:.0f} ms; start-up before the window came first: 8.6x on the "
          "development machine, 6.3x on the issue's)")


if __name__ == "__main__":
    main()
