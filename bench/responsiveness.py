"""Responsiveness benchmark: a scripted walk through every tab, as a person would, while a 16 ms
timer measures how long the window's event loop is held.

The walk, on the sample district and on a district-size plan (a survey of 150,000 responses x 60
items imported, plus 1,000 actions: the builders of ``bench/survey_import.py`` and
``bench/gantt.py``): open the plan, look at the Overview for three seconds (the window builds the other tabs
meanwhile), visit every tab, type into a
table on each tab (``QTest.keyClicks`` into the cell's editor, then Enter: the edit is saved and
every tab that shows it follows), open the import wizard on the 153 MB survey file and read it to
its columns page, export the action plan as a PDF, and visit every tab again; a quick person's pause (0.3 s) between
steps.

What is measured:
- a ``Qt.PreciseTimer`` of 16 ms ticks all along; a tick's *lateness* is the gap between it and the
  tick before, less the 16 ms asked for: how long the loop was held beyond one frame. Printed: the
  longest lateness (target <= 100 ms) and the 95th percentile of every tick's lateness (target
  <= 16 ms: 19 ticks of 20 come within a frame of when they were due), and the worst stalls with
  the step of the walk that ran through most of each, and for the worst, where the window's thread
  was (a watchdog thread samples its stack every 10 ms while a tick is overdue), so the next person
  knows where to look;
- each tab switch: ``setCurrentIndex`` then events processed until the new tab has painted; the
  first switch to a tab (which builds it) and the later ones apart, the slowest of each (target
  <= 50 ms).

Each walk runs in its own process, offscreen, with HOME and the XDG folders in a temporary folder
(never the real settings; ``bench/startup.py`` does the same).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

FRAME_MS = 16
STALL_TARGET_MS, P95_TARGET_MS, SWITCH_TARGET_MS = 100, 16, 50
WORST_SHOWN = 6
READING_MS = 3000  # how long the walk looks at the Overview before its first click
# Between one step and the next: a quick person's pace (a real one takes a second or more). The 95th
# percentile is of every tick along the walk, so a walk with no pauses at all would measure only its
# busy moments; with these it measures the frames a person at work sees.
PACE_MS = 300
KEY_MS = 20  # between two keys typed: a fast typist's fifty a second


# Building the plans (each in its own process: the import's memory stays out of the walk) ---------------
def step_district(plan_path: str, csv_path: str) -> dict:
    """1,000 actions (bench/gantt.py) and a 150,000 x 60 survey wave (bench/survey_import.py's file)."""
    import gantt
    import survey_import

    from services.data.survey_import import choices_for, prepare_wave, read_for_import, store_wave

    start = time.perf_counter()
    plan = gantt._build_plan(Path(plan_path), gantt.ACTIONS)
    survey_import.step_generate(csv_path, str(survey_import.RESPONSES))
    source = read_for_import(csv_path)
    with plan.transaction() as s:
        choices, _ = choices_for(s, source)
    wave = prepare_wave(source, choices)
    with plan.transaction() as s:
        store_wave(s, wave, "District survey")
    plan.close()
    return {"seconds": time.perf_counter() - start, "csv_mb": Path(csv_path).stat().st_size / 1e6}


# The walk ---------------------------------------------------------------------------------------------
class StallMeter:
    """A 16 ms timer on the window's thread noting when each tick came, and when each step of the walk
    began: a stall is put down to the step that ran longest between the two ticks around it."""

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self.steps: list[tuple[float, str]] = [(time.perf_counter(), "starting")]
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def step(self, name: str) -> None:
        self.steps.append((time.perf_counter(), name))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.steps.append((time.perf_counter(), "stopped"))

    def _cause(self, begin: float, end: float) -> str:
        overlap: dict[str, float] = {}
        for (start, name), (finish, _next) in pairwise(self.steps):
            shared = min(end, finish) - max(begin, start)
            if shared > 0:
                overlap[name] = overlap.get(name, 0.0) + shared
        return max(overlap, key=overlap.get) if overlap else self.steps[-1][1]

    def lateness(self) -> list[tuple[float, str]]:
        """Each tick's lateness in ms (its gap after the tick before, less 16 ms), with its step."""
        return [((b - a) * 1000 - FRAME_MS, self._cause(a, b) if (b - a) * 1000 > 2 * FRAME_MS else "")
                for a, b in pairwise(self.ticks)]


class StallSampler:
    """While a tick is overdue by more than a frame, a watchdog thread looks at where the window's thread
    is (its innermost frames in WellPlan's own code) every 10 ms: the place each stall was spent.

    The stacks are read as text (``faulthandler``), never as frame objects: a frame object held by this
    thread keeps the window thread's locals alive, and when it let go of the last reference to a widget,
    the widget was destroyed here, off the window's thread (the walk hung, or died without a word)."""

    def __init__(self, meter: StallMeter):
        import tempfile
        import threading

        self._meter = meter
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._dump = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.samples: dict[str, dict[str, int]] = {}  # step -> where -> samples
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self._dump.close()

    def _stacks(self) -> dict[int, list[tuple[str, str]]]:
        """Each thread's stack, innermost first, as (file, function) pairs."""
        import faulthandler

        self._dump.seek(0)
        self._dump.truncate()
        faulthandler.dump_traceback(self._dump, all_threads=True)
        self._dump.flush()
        self._dump.seek(0)
        return _parse_stacks(self._dump.read())

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            ticks = self._meter.ticks
            if not ticks or time.perf_counter() - ticks[-1] < 2 * FRAME_MS / 1000:
                continue
            stacks = self._stacks()
            where = _own_frames(stacks.get(self._main, []))
            if not where:  # in Qt's own code, or waiting for the GIL while a worker runs Python
                busy = [" < ".join(_own_frames(stack, anywhere=True)) for ident, stack in stacks.items()
                        if ident not in (self._main, self._thread.ident)]
                where = ["(in Qt, or waiting for a worker to let go of the GIL"
                         + (f"; worker in {busy[0]})" if busy and busy[0] else ")")]
            step = self._meter.steps[-1][1]
            spots = self.samples.setdefault(step, {})
            key = " < ".join(where)
            spots[key] = spots.get(key, 0) + 1


def _parse_stacks(text: str) -> dict[int, list[tuple[str, str]]]:
    """``faulthandler.dump_traceback``'s text: "Thread 0x... (most recent call first):" (or "Current
    thread 0x..."), then a line 'File "name", line N in function' per frame."""
    import re

    stacks: dict[int, list[tuple[str, str]]] = {}
    stack: list[tuple[str, str]] = []
    for line in text.splitlines():
        head = re.match(r"(?:Current thread|Thread) (0x[0-9a-fA-F]+)", line)
        if head:
            stack = stacks.setdefault(int(head.group(1), 16), [])
            continue
        frame = re.match(r'\s+File "(.*)", line \d+ in (.*)', line)
        if frame:
            stack.append((frame.group(1), frame.group(2)))
    return stacks


def _own_frames(stack: list[tuple[str, str]], anywhere: bool = False) -> list[str]:
    """The innermost three frames of WellPlan's own code in a thread's stack (or, with ``anywhere``,
    of any code but the benchmark's and the threading machinery's)."""
    where = []
    for name, function in stack:
        if len(where) == 3:
            break
        ours = name.startswith(str(ROOT)) and "/.venv/" not in name
        if "/bench/" not in name and (ours or (anywhere and "threading.py" not in name)):
            shown = Path(name).relative_to(ROOT) if ours else Path(name).name
            where.append(f"{shown}:{function}")
    return where


def _wait(condition, timeout_s: float = 120.0, what: str = "") -> None:
    """Let the event loop run (asleep, not spinning: the workers need the cores) until ``condition``."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if condition() or time.perf_counter() > deadline else None)
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise RuntimeError(f"the walk waited {timeout_s:.0f} s for {what or 'a step'} in vain")


def _idle(ms: int) -> None:
    end = time.perf_counter() + ms / 1000
    _wait(lambda: time.perf_counter() >= end, what="a pause")


def _settled(window) -> bool:
    """No background read or export of the window's is running: the pool is idle and no tab is
    waiting for a read's result (the pool goes idle a moment before a finished read's result is
    delivered, and what the tab does with it may start the next read)."""
    from PySide6.QtCore import QThreadPool

    if QThreadPool.globalInstance().activeThreadCount():
        return False
    return not any(getattr(tab, "reading", False) for tab in window.tab_widgets.values())


def _switch(window, index: int) -> float:
    """Show tab ``index`` and process events until it has painted; the milliseconds that took."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    painted: list[bool] = []

    class PaintSeen(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    seen = PaintSeen()
    host = window.tabs.widget(index)
    host.installEventFilter(seen)
    start = time.perf_counter()
    window.tabs.setCurrentIndex(index)
    for _ in range(50):
        QApplication.processEvents()
        if painted:
            break
    elapsed = (time.perf_counter() - start) * 1000
    host.removeEventFilter(seen)
    if not painted:
        raise RuntimeError(f"tab {index} never painted")
    return elapsed


def _type_in_a_table(qtbot_keys, tab) -> str:
    """Type into the first editable text cell of the tab's first table that has one, as a person would
    (the cell's editor, letters, Enter); what was typed where, or '' if the tab has no such cell."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    from gui.widgets.tables import PlanTableView

    for view in tab.findChildren(PlanTableView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for row in range(min(model.rowCount(), 5)):
            for col in range(model.columnCount()):
                index = model.index(row, col)
                value = model.data(index, Qt.ItemDataRole.EditRole)
                if not (model.flags(index) & Qt.ItemFlag.ItemIsEditable) or not isinstance(value, str) or not value:
                    continue
                view.setFocus()
                view.setCurrentIndex(index)
                view.edit(index)
                editor = view.indexWidget(index) or QApplication.focusWidget()
                if not isinstance(editor, QLineEdit):
                    view.closePersistentEditor(index)
                    continue
                # Key by key, the event loop running between them as it does between a person's
                # keys (a fast typist's 20 ms): sent back to back, the ten keys and the editor's own
                # work counted as one stall of the window.
                for key in [Qt.Key.Key_End, *" (revised)", Qt.Key.Key_Return]:
                    if isinstance(key, str):
                        qtbot_keys.keyClicks(editor, key)
                    else:
                        qtbot_keys.keyClick(editor, key)
                    _idle(KEY_MS)
                return f"{view.accessibleName() or type(view).__name__}, row {row + 1}, column {col + 1}"
    return ""


def step_walk(plan_path: str, csv_path: str, out_dir: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest

    from gui.app import make_application
    from gui.settings import AppSettings, use_settings_folder
    from gui.tabs import TABS

    use_settings_folder(Path(out_dir) / "settings")
    app = make_application(["WellPlan"])
    meter = StallMeter()
    sampler = StallSampler(meter)
    sampler.start()
    step = meter.step

    from gui.main_window import MainWindow

    window = MainWindow(AppSettings())
    window.show()
    window.activateWindow()  # the keys typed go where a person's would: the active window's focus
    meter.start()
    _idle(100)
    step("open the plan")
    if not window.open_plan_path(plan_path):
        raise RuntimeError(f"{plan_path} did not open")
    _wait(lambda: _settled(window), what="the plan's first reads")
    # A person looks at the Overview a moment before their first click: the window builds the other
    # tabs meanwhile (gui.tab_prebuilder), and the meter counts every stall that costs.
    step("read the Overview (the other tabs are built meanwhile)")
    _idle(READING_MS)
    first, later = {}, {}
    for index, spec in enumerate(TABS[1:], start=1):
        step(f"switch to {spec.title} (first time: built)")
        first[spec.title] = _switch(window, index)
        _wait(lambda: _settled(window), what=f"{spec.title}'s reads")
        _idle(PACE_MS)
    typed = {}
    for index, spec in enumerate(TABS):
        step(f"switch to {spec.title}")
        later[spec.title] = _switch(window, index)
        _wait(lambda: _settled(window), what=f"{spec.title}'s reads")
        step(f"type in a table on {spec.title}")
        typed[spec.title] = _type_in_a_table(QTest, window.tab(spec.key))
        _wait(lambda: _settled(window), what=f"{spec.title}'s edit")
        _idle(PACE_MS)
    data_index = next(i for i, spec in enumerate(TABS) if spec.key == "data")
    step("switch to Data")
    later["Data"] = max(later["Data"], _switch(window, data_index))
    step("open the import wizard on the survey file")
    wizard = window.tab("data").import_survey(csv_path)
    _idle(PACE_MS)
    step("import wizard: Next (read the file, propose the columns)")
    wizard.next()
    _wait(lambda: wizard.currentPage() is wizard.columns_page, timeout_s=300, what="the wizard's columns page")
    _idle(100)
    step("import wizard: Cancel")
    wizard.reject()
    _wait(lambda: _settled(window), what="the wizard to let go")
    _idle(PACE_MS)
    step("export the action plan PDF")
    task = window.start_export("plan", Path(out_dir) / "Action plan.pdf")
    _wait(lambda: not task.running, timeout_s=300, what="the PDF")
    step("the PDF is ready")
    _idle(PACE_MS)
    window.last_export_box.close()
    for index, spec in enumerate(TABS):
        step(f"switch to {spec.title}")
        later[spec.title] = max(later[spec.title], _switch(window, index))
        _wait(lambda: _settled(window), what=f"{spec.title}'s reads")
        _idle(PACE_MS)
    step("close")
    meter.stop()
    sampler.stop()
    lateness = meter.lateness()
    window.close()
    app.processEvents()
    return {"lateness": lateness, "first": first, "later": later, "typed": typed, "where": sampler.samples}


# Reporting ----------------------------------------------------------------------------------------------
def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _report(name: str, walk: dict) -> None:
    import report

    lateness = [late for late, _step in walk["lateness"]]
    worst_by_step: dict[str, float] = {}
    for late, step in walk["lateness"]:
        worst_by_step[step] = max(worst_by_step.get(step, 0.0), late)
    longest = max(lateness)
    report.figure(f"{name}: longest stall", longest, STALL_TARGET_MS, "ms",
                  note="longest gap between ticks of a 16 ms timer, less 16 ms")
    report.figure(f"{name}: 95th percentile of tick lateness", _percentile(lateness, 0.95), P95_TARGET_MS, "ms",
                  note=f"gap between successive 16 ms ticks less 16 ms, over {len(lateness):,} ticks")
    first_tab = max(walk["first"], key=walk["first"].get)
    later_tab = max(walk["later"], key=walk["later"].get)
    report.figure(f"{name}: first switch to a tab (builds it)", walk["first"][first_tab], SWITCH_TARGET_MS, "ms",
                  note=f"slowest: {first_tab}")
    report.figure(f"{name}: later tab switch", walk["later"][later_tab], SWITCH_TARGET_MS, "ms",
                  note=f"slowest: {later_tab}")
    print("    worst stalls by step: " + "; ".join(
        f"{step} {late:,.0f} ms" for step, late in sorted(worst_by_step.items(), key=lambda kv: -kv[1])[:WORST_SHOWN]
        if late > FRAME_MS))
    for step, late in sorted(worst_by_step.items(), key=lambda kv: -kv[1])[:3]:
        spots = sorted(walk["where"].get(step, {}).items(), key=lambda kv: -kv[1])[:2]
        if late > STALL_TARGET_MS and spots:
            print(f"    where {step!r} held the window (10 ms samples): "
                  + "; ".join(f"{where} ({count})" for where, count in spots))
    print("    tab switches (first / later, ms): " + ", ".join(
        f"{title} {walk['first'].get(title, 0):.0f}/{walk['later'][title]:.0f}" for title in walk["later"]))
    missing = [title for title, where in walk["typed"].items() if not where]
    if missing:
        print(f"    no editable text cell to type in on: {', '.join(missing)}")


def _run(env: dict[str, str], step: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, step, *args], capture_output=True, text=True, cwd=ROOT,
                            env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"responsiveness step {step} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    import report

    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=f"{folder}/config", XDG_DATA_HOME=f"{folder}/data",
                   XDG_CACHE_HOME=f"{folder}/cache", XDG_STATE_HOME=f"{folder}/state", HOME=folder)
        sample, district = Path(folder) / "sample.wellplan", Path(folder) / "district.wellplan"
        csv_path = Path(folder) / "survey.csv"
        subprocess.run([sys.executable, "main.py", "sample", str(sample)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        built = _run(env, "district", str(district), str(csv_path))
        walks = {}
        for name, plan in (("sample", sample), ("district", district)):
            out = Path(folder) / name
            out.mkdir()
            walks[name] = _run(env, "walk", str(plan), str(csv_path), str(out))
    report.heading(f"Responsiveness: a walk through every tab (the sample; a district of 1,000 actions and a "
                   f"150,000 x 60 survey, built in {built['seconds']:.0f} s), wizard on the {built['csv_mb']:.0f} MB "
                   "file, action plan PDF")
    for name, walk in walks.items():
        _report(name, walk)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        steps = {"district": step_district, "walk": step_walk}
        print(json.dumps(steps[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
