"""Priority matrix benchmark: 500 candidate actions rated by 5 raters, and the same at 100 and
2,000 actions to show how each cost grows.

Measures, in one process, on the Priorities tab as the window shows it (median of BENCH_RUNS):
- a drag update (the ghost point follows the mouse), the matrix painted: at most 16 ms, one frame;
- a drag's start: the grabbed point selected, as a click selects it (the list scrolled to its row,
  the details panel showing it), painted: at most 33 ms, two frames;
- a finished drag: the mouse released over a new place, the position written to the plan, read
  back, the list and the matrix updated and painted (what the person waits for after a drop): at
  most 33 ms, two frames. Its drag was started, untimed, before it. A drag's start and end are
  painted as the window's event loop paints them, until it has nothing more to paint (only what
  changed: not the whole matrix again);
- a full redraw of the matrix, painted: at most 33 ms; made by a filter change ("Needs discussion
  only", on and off in turn), so each run shows a different set of points;
- as the baseline from the same run, a bare pyqtgraph scatter plot of the same points, set and
  painted (the ratio is the cost of the matrix's own work: numbers, spread bars, quadrants);
- how the finished drag and the full redraw grow from 100 to 500 to 2,000 actions (at most linearly).
"""

from __future__ import annotations

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

SIZES, ACTIONS, RATERS = (100, 500, 2000), 500, 5
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def _build_plan(path: Path, actions: int):
    """A plan of ``actions`` candidate actions, each rated 1-5 at random by every rater. The
    ratings are written straight into their table: the service checks the action and the rater
    and reads the old rating for each one (right for a person typing one, slow for 10,000)."""
    from sqlalchemy import insert

    from models import ActionRating
    from services.plan.plan_file import create_plan
    from services.priorities import candidate_actions, priority_ratings

    rng = random.Random(7)
    plan = create_plan(path, district_name="Benchmark District")
    with plan.transaction() as s:
        raters = [priority_ratings.add_rater(s, f"Rater {n + 1}").id for n in range(RATERS)]
        ids = [candidate_actions.add_candidate_action(s, f"Candidate action number {n + 1}").id
               for n in range(actions)]
        s.execute(insert(ActionRating), [
            {"action_id": action, "rater_id": rater, "impact": rng.randint(1, 5), "ease": rng.randint(1, 5)}
            for action in ids for rater in raters])
    return plan


def _median_ms(fn, runs: int = RUNS, before=None) -> tuple[float, float]:
    """The median time of ``fn`` on the clock and in this process's CPU, in ms. On a machine other
    work is sharing, the clock time is the one a person waits, the CPU time is the cost of our own
    work; far apart, they say the run was not quiet. ``before(n)``, untimed, leads up to each run."""
    if before is not None:
        before(0)
    fn(0)  # warm up
    clock, cpu = [], []
    for n in range(1, runs + 1):
        if before is not None:
            before(n)
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(n)
        clock.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(clock) * 1000, statistics.median(cpu) * 1000


def _painted_until_idle(app) -> None:
    """Run the event loop as the window would until a pass paints nothing more: every paint the
    change asked for is done (a paint can ask for another, a list's row its widened column), and
    nothing is painted that did not change."""
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    paints = Paints()
    app.installEventFilter(paints)
    try:
        for _ in range(10):
            before = paints.count
            app.processEvents()
            if paints.count == before:
                return
    finally:
        app.removeEventFilter(paints)


def _measure(size: int, folder: Path, app) -> dict[str, tuple[float, float]]:
    import pyqtgraph as pg

    from gui.plan_context import PlanContext
    from gui.priorities.priorities_tab import PrioritiesTab
    from services.priorities.priority_board import load_board

    plan = _build_plan(folder / f"matrix-{size}.wellplan", size)
    context = PlanContext(plan)
    tab = PrioritiesTab(context)
    bare = pg.PlotWidget()
    try:
        tab.resize(1400, 900)
        tab.show()
        app.processEvents()
        matrix = tab.matrix
        shown = list(matrix._shown)
        assert len(shown) == size

        # Baseline: the same points in a bare pyqtgraph plot of the matrix's size.
        bare.resize(matrix.size())
        bare.show()
        scatter = pg.ScatterPlotItem(size=24)
        bare.addItem(scatter)
        xs, ys = [i.ease for i in shown], [i.impact for i in shown]

        def baseline(n: int) -> None:
            scatter.setData(x=xs, y=ys)
            bare.viewport().repaint()

        def place(n: int) -> tuple[float, float]:  # somewhere new on the scale each time
            return 1 + (n * 7 % 40) / 10, 1 + (n * 11 % 37) / 9.25

        def drag_update(n: int) -> None:
            matrix._drag_moved(n % len(matrix._shown), *place(n))
            matrix.viewport().repaint()

        def dragged(n: int) -> int:  # a point far from the last one in the list each time
            return (n * 37) % len(matrix._shown)

        def drag_start(n: int) -> None:
            # What grabbing a point does: select it (the list scrolls to it, the details show it).
            matrix._drag_started(dragged(n))
            _painted_until_idle(app)

        def finished_drag(n: int) -> None:
            # What the mouse's release does: write the point's place, show the change.
            matrix._drag_done(dragged(n), *place(n))
            _painted_until_idle(app)

        def full_redraw(n: int) -> None:
            # A filter change, as the person makes it: every other run shows only the actions whose
            # raters differ, then all again, so each run draws a different set of points (redrawing
            # the same set again is now nothing: the matrix compares what it is given with what it shows).
            tab.discussion_filter.setChecked(n % 2 == 1)
            matrix.viewport().repaint()

        figures = {"baseline": _median_ms(baseline), "drag update": _median_ms(drag_update),
                   "drag start": _median_ms(drag_start),
                   "finished drag": _median_ms(finished_drag, before=drag_start), "full redraw": _median_ms(full_redraw)}
        # The drops landed: the plan holds the last one, and so does the tab.
        held = context.read(load_board).items
        assert [(i.impact, i.ease) for i in held] == [(i.impact, i.ease) for i in tab.model.board.items]
        assert sum(i.has_agreed_position for i in held) > 1
        return figures
    finally:
        tab.close()
        bare.close()
        plan.close()


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["bench"])
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        by_size = {size: _measure(size, Path(folder), app) for size in SIZES}
    at = by_size[ACTIONS]
    base = at["baseline"]
    report.heading(f"Priority matrix ({ACTIONS:,} candidate actions x {RATERS} raters; median of {RUNS}, "
                   "painted each time)")
    for name, label, target in (("drag start", "drag start (the grabbed point selected, its row shown)", 33),
                                ("drag update", "drag update (the point follows the mouse)", 16),
                                ("finished drag", "finished drag (write, read back, list and matrix)", 33),
                                ("full redraw", "full redraw of the matrix", 33)):
        clock, cpu = at[name]
        report.figure(label, clock, target, "ms",
                      note=f"{clock / base[0]:.1f}x a bare pyqtgraph scatter of the same {ACTIONS:,} points, "
                           f"{base[0]:.1f} ms; CPU {cpu:.0f} ms")
    sizes = list(SIZES)
    for name, label in (("finished drag", "a finished drag"), ("full redraw", "a full redraw of the matrix")):
        report.growth(label, sizes, [by_size[size][name][0] for size in sizes], "ms", size_unit="actions")


if __name__ == "__main__":
    main()
