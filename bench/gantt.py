"""Gantt benchmark: 1,000 actions over three school years under 12 objectives, with chains of
dependencies.

Measures, in one process, with painting forced each time: redrawing the chart after a zoom
(target under 100 ms), and, as the baseline from the same run, a bare QGraphicsScene of 1,000
rectangles redrawn the same way (their ratio is the cost of the chart's own work); then building
the Gantt PDF (target under 5 s).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTIONS, OBJECTIVES, RUNS = 1000, 12, int(os.environ.get("BENCH_RUNS", "7"))


def _build_plan(path: Path):
    from services import district_profile
    from services.action_plan import action_schedule, objectives
    from services.plan.plan_file import create_plan

    rng = random.Random(5)
    plan = create_plan(path, district_name="Benchmark District")
    first = dt.date(2026, 8, 17)
    with plan.transaction() as s:
        district_profile.update_profile(s, year_start=first, year_end=dt.date(2029, 6, 8))
        goals = [objectives.add_objective(s, f"Objective {n + 1} for the benchmark").id for n in range(OBJECTIVES)]
        previous = None
        for n in range(ACTIONS):
            start = first + dt.timedelta(days=rng.randint(0, 1000))
            action = action_schedule.add_action(s, f"Benchmark action number {n + 1}", objective_id=goals[n % OBJECTIVES],
                                                start=start, end=start + dt.timedelta(days=rng.randint(3, 60)),
                                                percent_done=rng.choice((0, 0, 25, 50, 100)))
            if previous is not None and n % 4:
                action_schedule.add_dependency(s, previous, action.id)
            previous = action.id
    return plan


def _median_ms(fn, runs: int = RUNS) -> float:
    fn(0)
    times = []
    for n in range(runs):
        start = time.perf_counter()
        fn(n + 1)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    from gui.action_plan.gantt_view import GanttView
    from services.action_plan.gantt_layout import build_chart
    from services.reports.gantt_report import build_gantt_pdf

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        plan = _build_plan(Path(folder) / "gantt.wellplan")
        today = dt.date(2027, 3, 1)
        start = time.perf_counter()
        with plan.transaction() as s:
            chart = build_chart(s, today)
        read_ms = (time.perf_counter() - start) * 1000
        view = GanttView()
        view.resize(1400, 800)
        view.show()
        view.set_chart(chart)
        app.processEvents()

        def zoom(n: int) -> None:
            view.set_zoom(2.0 if n % 2 else 3.0)
            view.viewport().repaint()

        zoom_ms = _median_ms(zoom)

        bare_scene = QGraphicsScene()
        bare = QGraphicsView(bare_scene)
        bare.resize(1400, 800)
        bare.show()

        def baseline(n: int) -> None:
            bare_scene.clear()
            width = 2.0 if n % 2 else 3.0
            for i in range(ACTIONS):
                bare_scene.addRect(QRectF(i % 900 * width, i * 26, 40 * width, 16))
            bare.viewport().repaint()

        base_ms = _median_ms(baseline)
        start = time.perf_counter()
        with plan.transaction() as s:
            build_gantt_pdf(s, Path(folder) / "gantt.pdf", today=today)
        pdf_s = time.perf_counter() - start
        pages = (Path(folder) / "gantt.pdf").read_bytes().count(b"/Type /Page\n") or "?"
        plan.close()
    print(f"\nGantt chart ({ACTIONS:,} actions over three years, {OBJECTIVES} objectives)")
    print(f"  read the chart from the plan:        {read_ms:7.0f} ms")
    print(f"  redraw after a zoom:                 {zoom_ms:7.0f} ms   (target < 100) "
          f"{'ok' if zoom_ms < 100 else 'OVER'}; ratio {zoom_ms / base_ms:.1f} to a bare scene of "
          f"{ACTIONS:,} rectangles ({base_ms:.0f} ms)")
    print(f"  Gantt PDF:                           {pdf_s:7.2f} s    (target < 5) {'ok' if pdf_s < 5 else 'OVER'}"
          f", {pages} pages")


if __name__ == "__main__":
    main()
