"""``WellPlan self-test``: prove an installation works, without a screen and without touching the
user's settings or files. Builds the sample plan in a temporary folder, opens it in the main
window offscreen, visits every tab, exports every PDF and checks it, then prints ``self-test ok``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must be set before the QApplication
    if sys.stderr is not None:  # a crash in Qt or a library says where, on every thread (not just a code)
        import faulthandler

        faulthandler.enable(all_threads=True)
    with tempfile.TemporaryDirectory(prefix="wellplan-self-test-") as folder:
        try:
            _run(Path(folder))
        except Exception:
            _say("self-test FAILED\n" + traceback.format_exc(), error=True)
            return 1
    _say("self-test ok")
    return 0


def _run(folder: Path) -> None:
    from gui.settings import AppSettings, use_settings_folder

    use_settings_folder(folder / "settings")
    from gui.app import make_application
    from gui.main_window import MainWindow
    from services.district_profile import list_schools
    from services.reports.registry import EXPORT_KINDS, export
    from services.sample.sample_district import build_sample
    from services.sample.sample_survey_waves import WAVES

    app = make_application(["WellPlan"])
    plan_path = folder / "sample.wellplan"
    build_sample(plan_path).close()
    window = MainWindow(AppSettings())
    if not window.open_plan_path(plan_path):
        raise RuntimeError("the sample plan did not open")
    window.show()
    app.processEvents()
    # Build every tab directly: an error raised inside a Qt signal handler would only be printed,
    # and a bundle missing a module that one tab needs must fail here.
    from gui.tabs import TABS

    for index, spec in enumerate(TABS):
        if window.tab(spec.key) is None:
            raise RuntimeError(f"the {spec.title} tab did not open")
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    if "Maple Hollow" not in window.windowTitle():
        raise RuntimeError(f"unexpected window title {window.windowTitle()!r}")
    # Every printout, so a report module the bundle left out fails here and not at a user's desk.
    signatures = {".pdf": b"%PDF", ".ics": b"BEGIN:VCALENDAR", ".xlsx": b"PK\x03\x04", ".csv": b"group,measure"}
    for kind, spec in EXPORT_KINDS.items():
        out = folder / f"{kind}{spec.suffixes[0]}"
        with window.context.plan.transaction() as session:
            # A kind made for one school is made for the sample's first, with the first survey wave's
            # results: the latest wave's are audited against the evidence already sent, a minute's work.
            options = {"school": list_schools(session)[0].name, "wave": WAVES[0][0]} if "school" in spec.required \
                else {}
            export(session, kind, out, **options)
        data = out.read_bytes()
        if not data.startswith(signatures[spec.suffixes[0]]) or len(data) < 500:
            raise RuntimeError(f"the {kind} export is not a valid {spec.suffixes[0]} file")
    window.close()
    app.processEvents()
    _import_surveys(folder)
    from gui.workers import finish_background_imports

    finish_background_imports()  # as the window does when it closes: before Python stops


def _import_surveys(folder: Path) -> None:
    """A survey export read as a CSV and as an .xlsx workbook and stored in a new plan, as the import
    wizard does: pandas' CSV reader, openpyxl, the identifying-value checks and the store."""
    from openpyxl import Workbook

    from services.data.survey_import import prepare_wave, propose, read_for_import, store_wave
    from services.plan.plan_file import create_plan
    from services.sample.sample_survey import SurveySpec, generate, write_survey_csv

    spec = SurveySpec(responses=60, items=6, seed=11)
    exports = [write_survey_csv(folder / "survey.csv", spec), folder / "survey.xlsx"]
    workbook = Workbook()
    for row in generate(spec)[0]:
        workbook.active.append(row)
    workbook.save(exports[1])
    plan = create_plan(folder / "imports.wellplan")
    try:
        for number, path in enumerate(exports, start=1):
            source = read_for_import(path)
            with plan.transaction() as session:
                proposal = propose(session, source)
                wave = prepare_wave(proposal.source, proposal.choices)
                record = store_wave(session, wave, f"Self-test wave {number}")
            if record.respondent_count != spec.responses:
                raise RuntimeError(f"{path.name} was imported with {record.respondent_count} responses, "
                                   f"not {spec.responses}")
    finally:
        plan.close()


def _say(text: str, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # a windowed build on Windows has no console
        print(text, file=stream, flush=True)
