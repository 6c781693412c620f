"""Survey import benchmark: the largest district's staff over several waves, 150,000 responses x
60 scale items plus 6 respondent attributes, as a Qualtrics-style CSV export.

Printed in one run:
- plain ``pandas.read_csv`` of the file (the baseline) and WellPlan's whole import (read, roles
  proposed, every answer checked, stored in a plan), and their ratio: target at most 2.5;
- the time to compute a report by one attribute: target under 0.3 s;
- the import's peak memory (resident set): target under 800 MB;
- the time to reopen the plan and show the results by one attribute in the Data tab's table.
Each timed step runs in its own process, so one step's memory or caches can't flatter another.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESPONSES = int(os.environ.get("BENCH_SURVEY_ROWS", "150000"))
ITEMS, DIMENSIONS = 60, 6
BY = "Which best describes your position?"
BY2 = "Where do you work most of the time?"


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def step_generate(csv_path: str) -> dict:
    from services.sample.sample_survey import SurveySpec, write_survey_csv

    write_survey_csv(csv_path, SurveySpec(RESPONSES, items=ITEMS, dimensions=DIMENSIONS, seed=11))
    return {"size_mb": Path(csv_path).stat().st_size / 1e6}


def step_baseline(csv_path: str) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(csv_path, header=[0], skiprows=[1, 2])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": len(frame)}


def step_import(csv_path: str, plan_path: str) -> dict:
    from services.data.survey_import import choices_for, prepare_wave, read_for_import, store_wave
    from services.data.survey_report import load_wave, report_by
    from services.plan.plan_file import create_plan

    plan = create_plan(plan_path, district_name="Benchmark District")
    start = time.perf_counter()
    source = read_for_import(csv_path)
    with plan.transaction() as s:
        choices, _ = choices_for(s, source)
    wave = prepare_wave(source, choices)
    with plan.transaction() as s:
        store_wave(s, wave, "Benchmark wave")
    seconds = time.perf_counter() - start
    del source, wave
    with plan.transaction() as s:
        data = load_wave(s)
    report_by(data, BY, 5)  # warm up
    times = []
    for _ in range(5):
        t = time.perf_counter()
        report_by(data, BY, 5)
        times.append(time.perf_counter() - t)
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
    return {"seconds": seconds, "report_seconds": sorted(times)[len(times) // 2], "peak_mb": _peak_mb(),
            "items": len(data.items), "respondents": data.respondent_count, "audited_seconds": audited,
            "audited_cross_seconds": audited_next}


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
    with tempfile.TemporaryDirectory(prefix="wellplan-bench-") as folder:
        csv_path, plan_path = str(Path(folder) / "survey.csv"), str(Path(folder) / "bench.wellplan")
        size = _run("generate", csv_path)["size_mb"]
        baseline = _run("baseline", csv_path)
        imported = _run("import", csv_path, plan_path)
        reopened = _run("reopen", plan_path)
    ratio = imported["seconds"] / baseline["seconds"]
    print(f"\nSurvey import ({RESPONSES:,} responses x {ITEMS} items + {DIMENSIONS} attributes, {size:.0f} MB CSV)")
    print(f"  pandas.read_csv (baseline):       {baseline['seconds']:7.2f} s")
    print(f"  WellPlan import into a plan:      {imported['seconds']:7.2f} s   ratio {ratio:.2f} (target <= 2.5) "
          f"{'ok' if ratio <= 2.5 else 'OVER'}")
    print(f"  report by one attribute:          {imported['report_seconds']:7.3f} s   (target < 0.3) "
          f"{'ok' if imported['report_seconds'] < 0.3 else 'OVER'}")
    print(f"  audited report (one attribute), recorded: {imported['audited_seconds']:5.2f} s   (target < 2, "
          f"in the background beyond 0.1) {'ok' if imported['audited_seconds'] < 2 else 'OVER'}")
    print(f"  audited cross-tab after that release:    {imported['audited_cross_seconds']:5.2f} s   "
          "(in the background, with Cancel)")
    print(f"  import peak memory:               {imported['peak_mb']:7.0f} MB  (target < 800) "
          f"{'ok' if imported['peak_mb'] < 800 else 'OVER'}")
    print(f"  reopen plan and show results:     {reopened['seconds']:7.2f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        steps = {"generate": step_generate, "baseline": step_baseline, "import": step_import,
                 "reopen": step_reopen}
        print(json.dumps(steps[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
