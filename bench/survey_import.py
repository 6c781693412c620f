"""Survey import benchmark: the largest district's staff over several waves, 150,000 responses x
60 scale items plus 6 respondent attributes, as a Qualtrics-style CSV export (153 MB).

Printed in one run (through ``report``):
- WellPlan's whole import (read, roles proposed, every answer and every value that could identify
  someone checked, stored in a plan) against plain ``pandas.read_csv`` of the same file, the
  baseline the issue names: target at most 1.5x (issue 21). Medians of ``BENCH_SURVEY_RUNS`` runs
  of each, alternating, each in its own process; both timers start with pandas already imported;
- the import's peak memory (resident set): target 200 MB (measured 190-194 MB before issue 21), and
  the audit's after it, in the same process from what it then holds: the same target;
- the time to compute a report by one attribute: target 0.3 s; the audited report, recorded:
  target 2 s; the audited cross-tab after that release and the reopened plan's results in the
  Data tab (no target, shown for comparison);
- how the import and the report grow with the number of responses (a tenth, a third and all of
  them): no faster than linearly.
Each timed step runs in its own process, so one step's memory or caches can't flatter another.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESPONSES = int(os.environ.get("BENCH_SURVEY_ROWS", "150000"))
RUNS = int(os.environ.get("BENCH_SURVEY_RUNS", "3"))
ITEMS, DIMENSIONS = 60, 6
BY = "Which best describes your position?"
BY2 = "Where do you work most of the time?"


def _peak_mb() -> float:
    """This process's own peak resident set. Not ``ru_maxrss``: on Linux a child reports at least
    the peak of the process that started it, and ``make bench`` starts this step from one that has
    already run the other benchmarks (400 MB after the Gantt chart's alone: the import "peaked" at
    500 MB run after them, at 181 MB run alone)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kilobytes
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # (elsewhere: kilobytes on Linux)


def _restart_peak() -> bool:
    """Start this process's peak anew from what it holds now (Linux's ``clear_refs``), so the next
    step's peak is its own; False where that can't be done."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def step_generate(csv_path: str, rows: str) -> dict:
    from services.sample.sample_survey import SurveySpec, write_survey_csv

    write_survey_csv(csv_path, SurveySpec(int(rows), items=ITEMS, dimensions=DIMENSIONS, seed=11))
    return {"size_mb": Path(csv_path).stat().st_size / 1e6}


def step_baseline(csv_path: str) -> dict:
    import pandas as pd

    start, start_cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(csv_path, header=[0], skiprows=[1, 2])
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - start_cpu, "rows": len(frame)}


def step_import(csv_path: str, plan_path: str, audit: str = "yes") -> dict:
    import pandas  # noqa: F401  (loaded before the timer starts, as the baseline's is)

    from services.data.survey_import import choices_for, prepare_wave, read_for_import, store_wave
    from services.data.survey_report import load_wave, report_by
    from services.plan.plan_file import create_plan

    plan = create_plan(plan_path, district_name="Benchmark District")
    start, start_cpu = time.perf_counter(), time.process_time()
    source = read_for_import(csv_path)
    with plan.transaction() as s:
        choices, _ = choices_for(s, source)
    wave = prepare_wave(source, choices)
    with plan.transaction() as s:
        store_wave(s, wave, "Benchmark wave")
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    del source, wave
    with plan.transaction() as s:
        data = load_wave(s)
    report_by(data, BY, 5)  # warm up
    times = []
    for _ in range(5):
        t = time.perf_counter()
        report_by(data, BY, 5)
        times.append(time.perf_counter() - t)
    result = {"seconds": seconds, "cpu": cpu, "report_seconds": sorted(times)[len(times) // 2],
              "peak_mb": _peak_mb(), "items": len(data.items), "respondents": data.respondent_count}
    if audit != "yes" or not _restart_peak():
        plan.close()
        return result
    # The report as every screen and export gets it: audited against the ledger (empty here, so
    # this is the audit of the table's own small groups), then recorded as a CSV release would be.
    from services.data.survey_release import CSV_PRECISION, record_table, release_table

    t = time.perf_counter()
    with plan.transaction() as s:
        record_table(s, release_table(s, data, BY, 5), "report", CSV_PRECISION)
    audited = time.perf_counter() - t
    t = time.perf_counter()
    with plan.transaction() as s:
        release_table(s, data, BY, 5, BY2 if any(d.label == BY2 for d in data.dimensions) else None)
    audited_next = time.perf_counter() - t
    plan.close()
    return {**result, "audit_peak_mb": _peak_mb(), "audited_seconds": audited, "audited_cross_seconds": audited_next}


def step_reopen(plan_path: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.data.results_model import ResultsModel
    from services.data.survey_report import load_wave, min_group_size, report_by
    from services.plan.plan_file import open_plan

    app = QApplication.instance() or QApplication([])
    model = ResultsModel()
    start = time.perf_counter()
    plan = open_plan(plan_path)
    with plan.transaction() as s:
        data, min_size = load_wave(s), min_group_size(s)
    model.set_report(report_by(data, BY, min_size), (0.3, 10.0), set())
    for row in range(model.rowCount()):  # what painting the table asks for
        for col in range(model.columnCount()):
            model.data(model.index(row, col))
    app.processEvents()
    seconds = time.perf_counter() - start
    plan.close()
    return {"seconds": seconds}


def _run(step: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, step, *args], capture_output=True, text=True, cwd=ROOT,
                            check=False)
    if result.returncode != 0:
        raise SystemExit(f"survey benchmark step {step} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    sizes = [RESPONSES // 10, RESPONSES // 3, RESPONSES]
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        def files(size: int) -> tuple[str, str]:
            return str(Path(folder) / f"survey-{size}.csv"), str(Path(folder) / f"bench-{size}.wellplan")

        size_mb = {size: _run("generate", files(size)[0], str(size))["size_mb"] for size in sizes}
        baselines, imports, smaller = [], [], {size: [] for size in sizes[:-1]}
        for n in range(RUNS):  # alternating, so a busy spell of the machine falls on both
            csv_path, plan_path = files(RESPONSES)
            baselines.append(_run("baseline", csv_path))
            Path(plan_path).unlink(missing_ok=True)
            imports.append(_run("import", csv_path, plan_path, "yes" if n == 0 else "no"))
            for size in sizes[:-1]:
                Path(files(size)[1]).unlink(missing_ok=True)
                smaller[size].append(_run("import", *files(size), "no"))
        reopened = _run("reopen", files(RESPONSES)[1])

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    base, imported, audited = median(baselines, "seconds"), median(imports, "seconds"), imports[0]
    report.heading(f"Survey import ({RESPONSES:,} responses x {ITEMS} items + {DIMENSIONS} attributes, "
                   f"{size_mb[RESPONSES]:.0f} MB CSV; medians of {RUNS} runs of each, alternating)")
    report.figure("import into a plan, x pandas.read_csv", imported / base, 1.5, "x",
                  note=f"{imported:.2f} s against {base:.2f} s; CPU {median(imports, 'cpu'):.2f} s against "
                       f"{median(baselines, 'cpu'):.2f} s")
    report.figure("import peak memory", max(run["peak_mb"] for run in imports), 200, "MB",
                  note="the import's process at its fullest: the file read, the wave stored, reports made")
    if "audit_peak_mb" in audited:
        report.figure("audit peak memory", audited["audit_peak_mb"], 200, "MB",
                      note="the audited report and cross-tab, after the import's memory went")
    report.figure("report by one attribute", median(imports, "report_seconds"), 0.3, "s")
    report.figure("audited report (one attribute), recorded", audited["audited_seconds"], 2, "s",
                  note="in the background beyond 0.1 s")
    print(f"  {'audited cross-tab after that release':<46} {audited['audited_cross_seconds']:>9.2f} s   "
          "(no target: in the background, with Cancel)")
    print(f"  {'reopen the plan and show results':<46} {reopened['seconds']:>9.2f} s   (no target)")
    by_size = {**{size: runs for size, runs in smaller.items()}, RESPONSES: imports}
    report.growth("the import", sizes, [median(by_size[size], "seconds") for size in sizes], "s",
                  size_unit="responses")
    report.growth("a report by one attribute", sizes, [median(by_size[size], "report_seconds") for size in sizes],
                  "s", size_unit="responses")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        steps = {"generate": step_generate, "baseline": step_baseline, "import": step_import,
                 "reopen": step_reopen}
        print(json.dumps(steps[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
