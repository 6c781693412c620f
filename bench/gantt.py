"""Gantt benchmark: 1,000 actions over three school years under 12 objectives, with chains of
dependencies; and the same plan at 100 and 5,000 actions to show how each cost grows.

Measures, in one process, with painting forced each time (median of BENCH_RUNS):
- a zoom (the slider moved a step, painted): at most 16 ms, one frame;
- a scroll by a page, down and sideways (painted): at most 16 ms each;
- as the baseline from the same run, a bare QGraphicsView of the same number of rectangles,
  zoomed and scrolled the same way (the ratio is the cost of the chart's own work);
- reading the chart from the plan, and building the Gantt PDF (at most 5 s at 1,000 actions);
- how zoom, scroll, reading and the PDF grow from 100 to 1,000 to 5,000 actions (at most linearly).
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

import report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES, ACTIONS, OBJECTIVES = (100, 1000, 5000), 1000, 12
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
ZOOMS = (2.0, 3.0, 6.0, 1.5, 12.0)  # px a day: the year, weeks, days numbered, the year again, a fortnight
TODAY = dt.date(2027, 3, 1)


def _build_plan(path: Path, actions: int):
    """A plan of ``actions`` actions starting at random over three school years, three in four
    depending on the one before. Written straight into the plan's tables: the services' own
    add_dependency checks the whole plan for a loop on each call (right for a person adding one,
    quadratic for building 5,000), and these chains can't loop."""
    from models.action_plan import ActionDependency
    from models.planned_action import PlannedAction
    from services import district_profile
    from services.action_plan import objectives
    from services.plan.plan_file import create_plan

    rng = random.Random(5)
    plan = create_plan(path, district_name="Benchmark District")
    first = dt.date(2026, 8, 17)
    created = dt.datetime(2026, 8, 1, 9, 0)
    with plan.transaction() as s:
        district_profile.update_profile(s, year_start=first, year_end=dt.date(2029, 6, 8))
        goals = [objectives.add_objective(s, f"Objective {n + 1} for the benchmark").id for n in range(OBJECTIVES)]
        rows = []
        for n in range(actions):
            start = first + dt.timedelta(days=rng.randint(0, 1000))
            rows.append(PlannedAction(title=f"Benchmark action number {n + 1}", objective_id=goals[n % OBJECTIVES],
                                      start_date=start, due_date=start + dt.timedelta(days=rng.randint(3, 60)),
                                      percent_done=rng.choice((0, 0, 25, 50, 100)), sort_order=n + 1,
                                      created_at=created))
        s.add_all(rows)
        s.flush()
        s.add_all(ActionDependency(predecessor_id=rows[n - 1].id, successor_id=rows[n].id)
                  for n in range(1, actions) if n % 4)
    return plan


def _round_robin(cases: dict, runs: int = RUNS) -> dict:
    """Median wall-clock and CPU ms of each case's ``fn(n)``, the cases taken in turn within each
    run, so a burst of load on this shared machine falls on every size and on the baseline alike.
    The CPU time of the process is inflated far less by a busy machine than the wall clock; both
    are printed, and the gap says how busy it was."""
    for fn in cases.values():
        fn(0)  # warm up
    wall: dict = {key: [] for key in cases}
    cpu: dict = {key: [] for key in cases}
    for n in range(runs):
        for key, fn in cases.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            fn(n + 1)
            wall[key].append(time.perf_counter() - start)
            cpu[key].append(time.process_time() - start_cpu)
    return {key: (statistics.median(wall[key]) * 1000, statistics.median(cpu[key]) * 1000) for key in cases}


def _zoom(view):
    def zoom(n: int) -> None:
        view.set_zoom(ZOOMS[n % len(ZOOMS)])
        view.viewport().repaint()
    return zoom


def _pager(view, bar):
    def page(n: int) -> None:
        # down (or right) a page at a time through the chart, back to the top when at the end
        bar.setValue(bar.minimum() if bar.value() >= bar.maximum() else bar.value() + bar.pageStep())
        view.viewport().repaint()
    return page


def _bare_view(actions: int):
    """The baseline: a QGraphicsView of one plain rectangle a row, zoomed by the view's transform."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QTransform
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    class Bare(QGraphicsView):
        def set_zoom(self, px_per_day: float) -> None:
            self.setTransform(QTransform.fromScale(px_per_day, 1))

    scene = QGraphicsScene()
    for i in range(actions):
        scene.addRect(QRectF(i * 1.0 % 1000, 36 + i * 26, 30, 16))
    view = Bare(scene)
    view.scene_ref = scene  # keeps the scene alive with its view
    return view


def _measure(folder: Path, app) -> dict:
    """Every figure, by (size, name): ms for the interactions, with "bare " ones for the baseline."""
    from gui.action_plan.gantt_view import GanttView
    from services.action_plan.gantt_layout import build_chart
    from services.reports.gantt_report import build_gantt_pdf

    plans = {size: _build_plan(folder / f"gantt-{size}.wellplan", size) for size in SIZES}
    try:
        charts = {}

        def reader(size: int):
            def read(_n: int) -> None:
                with plans[size].transaction() as s:
                    charts[size] = build_chart(s, TODAY)
            return read

        figures = {(size, "read"): ms for (size, _), ms in _round_robin(
            {(size, "read"): reader(size) for size in SIZES}, runs=max(3, RUNS // 3)).items()}
        views = {}
        for size in SIZES:
            views[size] = GanttView()
            views[size].set_chart(charts[size])
            views[f"bare {size}"] = _bare_view(size)
        for view in views.values():
            view.resize(1400, 800)
            view.show()
        app.processEvents()
        # The rows out of view are drawn a few at a time after a redraw: the scrolling measured is of
        # the chart once drawn, as a person scrolls it a moment after it appears.
        for size in SIZES:
            while views[size].rows_drawn < len(views[size].chart.rows):
                app.processEvents()
        kinds = {"zoom": lambda view: _zoom(view),
                 "page down": lambda view: _pager(view, view.verticalScrollBar()),
                 "page sideways": lambda view: _pager(view, view.horizontalScrollBar())}
        for name, case in kinds.items():
            for view in views.values():
                view.set_zoom(3.0)
            for key, ms in _round_robin({key: case(view) for key, view in views.items()}).items():
                bare = isinstance(key, str)
                figures[(int(key.split()[1]) if bare else key, ("bare " if bare else "") + name)] = ms
        for view in views.values():
            view.close()
        for size in SIZES:
            pdf = folder / f"gantt-{size}.pdf"
            start, start_cpu = time.perf_counter(), time.process_time()
            with plans[size].transaction() as s:
                build_gantt_pdf(s, pdf, today=TODAY)
            figures[(size, "pdf")] = (time.perf_counter() - start, time.process_time() - start_cpu)
            figures[(size, "pages")] = (pdf.read_bytes().count(b"/Type /Page\n"), 0)
    finally:
        for plan in plans.values():
            plan.close()
    return figures


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        figures = _measure(Path(folder), app)

    def at(name: str, size: int = ACTIONS) -> float:
        return figures[(size, name)][0]

    def cpu(name: str, size: int = ACTIONS) -> float:
        return figures[(size, name)][1]

    report.heading(f"Gantt chart ({ACTIONS:,} actions over three school years, {OBJECTIVES} objectives; "
                   f"median of {RUNS}, painted each time)")
    for name, label in (("zoom", "zoom (a slider step, painted)"), ("page down", "scroll a page down, painted"),
                        ("page sideways", "scroll a page sideways, painted")):
        report.figure(label, at(name), 16, "ms",
                      note=f"CPU {cpu(name):.1f} ms; {at(name) / at('bare ' + name):.1f}x a bare view of "
                           f"{ACTIONS:,} rectangles: {at('bare ' + name):.1f} ms, CPU {cpu('bare ' + name):.1f} ms")
    report.figure(f"Gantt PDF, {at('pages'):,.0f} pages", at("pdf"), 5, "s", note=f"CPU {cpu('pdf'):.1f} s")
    sizes = list(SIZES)
    for name, label, unit in (("zoom", "a zoom", "ms"), ("page down", "a page down", "ms"),
                              ("page sideways", "a page sideways", "ms"),
                              ("read", "reading the chart from the plan", "ms"), ("pdf", "the Gantt PDF", "s")):
        report.growth(label, sizes, [at(name, size) for size in sizes], unit, size_unit="actions")


if __name__ == "__main__":
    main()
