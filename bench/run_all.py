"""`make bench`: every benchmark, each reporting a ratio against a baseline from the same run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gantt  # noqa: E402
import priority_matrix  # noqa: E402
import startup  # noqa: E402
import survey_import  # noqa: E402

if __name__ == "__main__":
    startup.main()
    priority_matrix.main()
    survey_import.main()
    gantt.main()
