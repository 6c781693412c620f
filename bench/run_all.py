"""`make bench`: every benchmark, each figure against its target (bench/report.py), then the tally.

Run it on a quiet machine: every figure is a ratio to a baseline measured in the same run or a
time in one frame (16 ms), and a busy machine stretches both. It exits non-zero if a figure misses.
`python bench/run_all.py startup gantt` runs only the benchmarks named.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gantt  # noqa: E402
import priority_matrix  # noqa: E402
import report  # noqa: E402
import responsiveness  # noqa: E402
import server_plan  # noqa: E402
import startup  # noqa: E402
import survey_import  # noqa: E402

BENCHMARKS = {
    "startup": startup.main,
    "priority_matrix": priority_matrix.main,
    "gantt": gantt.main,
    "survey_import": survey_import.main,
    "responsiveness": responsiveness.main,
    "server_plan": server_plan.main,
}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark {', '.join(unknown)}; the benchmarks are {', '.join(BENCHMARKS)}")
    for name in chosen:
        BENCHMARKS[name]()
    sys.exit(report.tally())
