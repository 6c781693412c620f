"""District server benchmark (issue 22): the sample district on a PostgreSQL server on this machine
(a throwaway cluster on the loopback, as the tests start: tests/postgres_server.py).

Measures (median of BENCH_RUNS):
- opening the sample as the window opens it (connect or open the file, and read the Overview's
  seven steps, which read every part of the plan), from the server and, as the baseline from the
  same run, from a plan file: the ratio is the server's own cost (at most 3x);
- how long one planner's edit takes to appear in a second planner's window: a candidate action
  renamed in one window (from the edit, its commit included) until the other window's Priorities list shows the new
  title, two windows in one process as in tests/test_gui_server_plan.py. The worst of the runs is
  held to the issue's 2 s; the median is printed beside it. Most of it is the listener's wait for
  an announcement (``server_changes.WAIT_SECONDS``) and the window's gathering of announcements
  that come together (``plan_context.HEARD_TOGETHER_MS``).

A loopback server answers far faster than a district's network; what this measures is WellPlan's
own share. Without PostgreSQL's server programs the benchmark says so and measures nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = int(os.environ.get("BENCH_RUNS", "9"))
APPEARANCE_RUNS = max(RUNS, 15)


def _open_and_read(opener) -> float:
    from services.overview import journey

    start = time.perf_counter()
    plan = opener()
    with plan.transaction() as session:
        journey.what_next(session, journey.journey_status(session))
    took = (time.perf_counter() - start) * 1000
    plan.close()
    return took


def _opening(sample: Path, url: str) -> tuple[float, float]:
    from services.plan.plan_file import open_plan
    from services.plan.server_plan import ServerPlan

    cases = {"file": lambda: open_plan(sample, read_only=True), "server": lambda: ServerPlan(url, read_only=False)}
    times: dict[str, list[float]] = {key: [] for key in cases}
    for opener in cases.values():
        _open_and_read(opener)  # warm up (the models mapped, the statements compiled)
    for _ in range(RUNS):
        for key, opener in cases.items():  # in turn, so a burst of load falls on both alike
            times[key].append(_open_and_read(opener))
    return statistics.median(times["file"]), statistics.median(times["server"])


def _appearance(app, url: str) -> list[float]:
    from gui.main_window import MainWindow
    from gui.plan_context import PlanEdit
    from gui.settings import AppSettings, use_settings_folder
    from services.priorities import candidate_actions

    use_settings_folder(tempfile.mkdtemp(prefix="wellplan-bench-settings-"))
    windows = [MainWindow(AppSettings()) for _ in range(2)]
    for window in windows:
        assert window.open_plan_path(url)
        window.show()
    first, second = windows
    second.show_tab("priorities")
    listing = second.tab("priorities").model

    def wait(condition, limit: float = 10.0) -> None:
        deadline = time.perf_counter() + limit
        while not condition():
            if time.perf_counter() > deadline:
                raise RuntimeError("the change never appeared in the second window")
            app.processEvents()
            time.sleep(0.001)

    wait(lambda: all(w.context._listener is not None and w.context._listener.listening.is_set() for w in windows))
    action_id = listing.records()[0].id
    took = []
    for n in range(APPEARANCE_RUNS + 1):
        title = f"Walking club, renamed {n}"
        edit = PlanEdit(first.context, "Rename action",
                        lambda s, _m, t=title: candidate_actions.update_candidate_action(s, action_id, title=t),
                        lambda s, before: candidate_actions.update_candidate_action(s, action_id, title=before.title))
        start = time.perf_counter()
        assert first.context.edit(edit)  # committed (and announced) when this returns
        wait(lambda t=title: any(r.title == t for r in listing.records()))
        if n:  # (the first: warm up)
            took.append((time.perf_counter() - start) * 1000)
        for _ in range(20):  # settle before the next
            app.processEvents()
    for window in windows:
        window.close_plan()
        window.close()
    return took


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from tests.postgres_server import NoPostgres, PostgresServer

    report.heading(f"District server (the sample district on a PostgreSQL server on this machine; median of {RUNS})")
    try:
        server = PostgresServer()
    except NoPostgres as exc:
        print(f"  not measured: {exc}")
        return
    app = QApplication.instance() or QApplication(["bench"])
    try:
        from services.plan.server_plan import copy_plan_file_to_server
        from services.sample.sample_district import build_sample

        with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
            sample = Path(folder) / "sample.wellplan"
            build_sample(sample).close()
            url = server.database()
            copy_plan_file_to_server(sample, url)
            on_file, on_server = _opening(sample, url)
            report.figure("opening the sample from the server", on_server / on_file, 3.0, "x",
                          note=f"{on_server:.0f} ms, against {on_file:.0f} ms from a plan file")
            took = _appearance(app, url)
            report.figure("an edit appearing in another planner's window", max(took), 2000, "ms",
                          note=f"the worst of {len(took)}; median {statistics.median(took):.0f} ms")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
