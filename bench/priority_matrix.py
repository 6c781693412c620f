"""Priority matrix benchmark: 500 candidate actions rated by 5 raters.

Measures, in one process, with painting forced each time:
- a drag update (the ghost point follows the mouse): target under 50 ms;
- a full redraw of the matrix (what a filter change or an edit costs);
- a finished drag: the edit written to the plan, the board re-read, list and matrix redrawn.
Each is also given as a ratio to a baseline from the same run: a bare pyqtgraph scatter plot of
the same 500 points, repainted, since absolute times on this shared machine are noisy.
"""

from __future__ import annotations

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

ACTIONS, RATERS, RUNS = 500, 5, int(os.environ.get("BENCH_RUNS", "15"))


def _build_plan(path: Path):
    from services.plan.plan_file import create_plan
    from services.priorities import candidate_actions, priority_ratings

    rng = random.Random(7)
    plan = create_plan(path, district_name="Benchmark District")
    with plan.transaction() as s:
        raters = [priority_ratings.add_rater(s, f"Rater {n + 1}").id for n in range(RATERS)]
        for n in range(ACTIONS):
            action = candidate_actions.add_candidate_action(s, f"Candidate action number {n + 1}").id
            for rater in raters:
                priority_ratings.set_rating(s, action, rater, impact=rng.randint(1, 5), ease=rng.randint(1, 5))
    return plan


def _median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm up
    times = []
    for n in range(runs):
        start = time.perf_counter()
        fn(n)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> dict[str, float]:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gui.plan_context import PlanContext
    from gui.priorities.priorities_tab import PrioritiesTab

    app = QApplication.instance() or QApplication(["bench"])
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        plan = _build_plan(Path(folder) / "bench.wellplan")
        context = PlanContext(plan)
        tab = PrioritiesTab(context)
        tab.resize(1400, 900)
        tab.show()
        app.processEvents()
        matrix = tab.matrix
        shown = matrix._shown
        assert len(shown) == ACTIONS

        # Baseline: the same 500 points in a bare pyqtgraph plot.
        bare = pg.PlotWidget()
        bare.resize(matrix.size())
        bare.show()
        scatter = pg.ScatterPlotItem(size=24)
        bare.addItem(scatter)
        xs = [i.ease for i in shown]
        ys = [i.impact for i in shown]

        def baseline(n=0):
            scatter.setData(x=xs, y=ys)
            bare.viewport().repaint()

        def drag_update(n=0):
            matrix._drag_moved(n % ACTIONS, 1 + (n % 40) / 10, 1 + (n % 37) / 9.25)
            matrix.viewport().repaint()

        def redraw(n=0):
            tab._redraw()
            matrix.viewport().repaint()

        def finished_drag(n=0):
            item = shown[n % ACTIONS]
            tab._point_moved(item.id, 1 + (n % 40) / 10, 1 + (n % 37) / 9.25)
            app.processEvents()
            matrix.viewport().repaint()

        base = _median_ms(baseline)
        results = {"drag update": _median_ms(drag_update), "full redraw": _median_ms(redraw),
                   "finished drag (write, re-read, redraw)": _median_ms(finished_drag, runs=max(5, RUNS // 3))}
        tab.close()
        bare.close()
        plan.close()

    print(f"priority matrix, {ACTIONS} actions x {RATERS} raters; baseline (bare scatter of the same points, "
          f"repainted) {base:.1f} ms")
    for name, ms in results.items():
        target = " (target < 50 ms)" if name == "drag update" else ""
        print(f"  {name}: {ms:.1f} ms{target}, ratio to baseline {ms / base:.2f}")
    return results


if __name__ == "__main__":
    main()
