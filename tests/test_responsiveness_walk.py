"""What bench/responsiveness.py found holding the window, each fix seen to hold without a clock:
work that moved off the window's thread runs on another thread, work that was cut is counted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from gui.widgets.tables import FIT_ROWS, fit_columns, make_table_view

ROWS = 1000


class _CountingModel(QAbstractTableModel):
    """A district-size table (1,000 rows, the first row's text long) noting which rows were read."""

    def __init__(self):
        super().__init__()
        self.rows_read: set[int] = set()

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802 (Qt's signature)
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        self.rows_read.add(index.row())
        long = index.row() == 0 and index.column() == 0
        return "A long action title on the first row" if long else f"Action {index.row()}"


def test_a_big_table_fits_its_columns_from_a_screenful_of_rows(qtbot):
    # The Action plan's 1,000 actions were each measured, through Python, on every fit: 0.8 s when
    # the tab was built and again after each edit.
    model = _CountingModel()
    view = make_table_view()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    model.rows_read.clear()
    fit_columns(view)
    assert 0 < len(model.rows_read) <= FIT_ROWS
    assert max(model.rows_read) < FIT_ROWS
    # ...and the columns still follow what is on screen: the long title widens its column
    assert view.columnWidth(0) > view.columnWidth(1)


def test_a_workspaces_code_loads_off_the_windows_thread(tmp_path, monkeypatch, caplog):
    # The first visit to the Data or Readiness tab spent one to two seconds importing (pyqtgraph,
    # pandas) on the window's thread; loaded ahead, on a thread of its own, the visit only builds.
    import sys
    import threading

    from gui.workers import import_in_background

    (tmp_path / "wellplan_walk_ahead.py").write_text(
        "import threading\nLOADED_ON = threading.current_thread()\n", encoding="utf-8")
    (tmp_path / "wellplan_walk_broken.py").write_text("raise ValueError('not today')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("wellplan_walk_ahead", "wellplan_walk_broken"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    thread = import_in_background(["wellplan_walk_broken", "wellplan_walk_ahead"])
    thread.join(10)
    assert not thread.is_alive()
    loaded = sys.modules["wellplan_walk_ahead"]
    assert loaded.LOADED_ON is thread and loaded.LOADED_ON is not threading.main_thread()
    # a module that fails is left for the window's own import to report, and the rest still load
    assert "wellplan_walk_broken" not in sys.modules
    assert "could not load wellplan_walk_broken" in caplog.text


def test_the_process_waits_for_modules_still_loading_ahead_before_it_ends(tmp_path, monkeypatch):
    """Python stopping while a thread is still loading a C extension can crash the process on its
    way out: the window (and the self-test) waits for those threads as it closes."""
    import sys

    from gui.workers import finish_background_imports, import_in_background

    (tmp_path / "wellplan_slow_to_load.py").write_text("import time\ntime.sleep(0.5)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "wellplan_slow_to_load", raising=False)
    thread = import_in_background(["wellplan_slow_to_load"])
    assert thread.is_alive()
    finish_background_imports()
    assert not thread.is_alive() and "wellplan_slow_to_load" in sys.modules


def test_the_import_wizard_works_out_each_columns_examples_once(qtbot, empty_plan, tmp_path, monkeypatch):
    # Every cell the columns page painted or measured worked out all seven of its row's cells, an
    # attribute's examples through every group of its answers: a fifth of a second for 66 columns.
    from gui.data.import_columns import ColumnChoicesModel
    from services.data.survey_columns import Role
    from services.data.survey_import import propose, read_for_import
    from tests.test_cli_survey import staff_rows
    from tests.test_survey_files import _csv

    survey = tmp_path / "staff.csv"
    survey.write_text(_csv(staff_rows(("Teacher", "Bus driver", "Nurse") * 4)), encoding="utf-8")
    with empty_plan.transaction() as s:
        proposal = propose(s, read_for_import(survey))
    model = ColumnChoicesModel()
    model.set_source(proposal.source, proposal.choices, [])
    worked_out: list = []
    original = ColumnChoicesModel._examples
    monkeypatch.setattr(ColumnChoicesModel, "_examples", lambda self, c: worked_out.append(c) or original(self, c))
    view = make_table_view()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    view.resizeColumnsToContents()
    view.repaint()
    assert 0 < len(worked_out) <= model.row_count()
    row = next(r for r, c in enumerate(model.choices) if c.role is Role.DIMENSION)
    assert "Teacher" in model.data(model.index(row, 2))
    # a role changed shows the examples of the new role (an identifying column shows none)
    assert model.setData(model.index(row, model.ROLE), Role.IDENTIFYING.value)
    assert model.data(model.index(row, 2)) == ""


def test_an_edit_of_the_profile_leaves_the_data_tabs_wave_tables_alone(qtbot, window, monkeypatch):
    # Each edit of the district's profile or staff groups read every answer of the wave again, on
    # the window's thread, to count each item's answers, and measured every table anew: 0.13-0.3 s
    # at district scale. The rows follow the plan's changes of their own topics; nothing else reads.
    from gui.data import wave_models
    from gui.plan_context import DATA, GROUPS, PROFILE
    from gui.widgets import tables

    tab = window.tab("data")
    window.show_tab("data")
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert tab.items_model.rowCount() > 0
    reads: list[int] = []
    fits: list = []
    original_items, original_fit = wave_models.ItemsModel.list_rows, tables._fit
    monkeypatch.setattr(wave_models.ItemsModel, "list_rows",
                        staticmethod(lambda s, wave_id: reads.append(wave_id) or original_items(s, wave_id)))
    monkeypatch.setattr(tables, "_fit", lambda view, stretch: fits.append(view) or original_fit(view, stretch))
    window.context.changed.emit(frozenset({PROFILE, GROUPS}))
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert reads == []
    assert tab.items_view not in fits
    # a change of the survey data reads the wave's items once, and fits their table to them again
    # (a table not on screen is fitted as it is shown: the person opens the Items page)
    window.context.changed.emit(frozenset({DATA}))
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert tab.items_view not in fits
    bar = tab.pages.tabBar()
    items_page = next(i for i in range(bar.count()) if "Items" in bar.tabText(i))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(items_page).center())
    qtbot.waitUntil(lambda: tab.items_view in fits)
    assert reads == [tab.selected_wave().id]
    assert tab.items_model.rowCount() > 0


def test_the_focus_groups_tab_reads_its_first_session_once_when_built(qtbot, window, monkeypatch):
    # Built, the tab selected its first session and then showed it again: every session table read
    # twice, each read parsing the session's template (a third of a second on the window's thread).
    from services.focus_groups import focus_results

    reads: list[int] = []
    original = focus_results.load
    monkeypatch.setattr(focus_results, "load", lambda s, session_id, *a, **k: reads.append(session_id)
                        or original(s, session_id, *a, **k))
    window.show_tab("focus_groups")
    tab = window.tab("focus_groups")
    qtbot.waitUntil(lambda: tab.isVisible())
    assert tab.selected_session() is not None
    assert reads == [tab.selected_session().id]
    assert tab.attendees_model.rowCount() > 0  # and the session is shown


def test_the_import_wizard_reads_and_checks_the_file_off_the_windows_thread(qtbot, window, tmp_path, monkeypatch):
    # A district's file is 153 MB: reading it, and checking every answer before the wave is stored,
    # run in workers (gui.workers.Task) while the window keeps drawing.
    import threading

    from PySide6.QtWidgets import QWizard

    from gui.data import import_wizard
    from tests.test_cli_survey import staff_rows
    from tests.test_survey_files import _csv

    survey = tmp_path / "Spring pulse.csv"
    survey.write_text(_csv(staff_rows()), encoding="utf-8")
    threads: dict[str, threading.Thread] = {}
    for name in ("read_for_import", "prepare_wave"):
        original = getattr(import_wizard, name)
        monkeypatch.setattr(import_wizard, name, lambda *a, _n=name, _f=original, **k:
                            threads.setdefault(_n, threading.current_thread()) and _f(*a, **k))
    window.show_tab("data")
    wizard = window.tab("data").import_survey(str(survey))
    qtbot.waitUntil(lambda: wizard.isVisible())
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page, timeout=20000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.wave_page, timeout=20000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    assert set(threads) == {"read_for_import", "prepare_wave"}
    assert threading.main_thread() not in threads.values()


def test_the_readiness_tab_reads_a_round_once_for_both_of_its_tables(qtbot, window, monkeypatch):
    # The respondents table and the answer grid each read the whole round on the window's thread,
    # when a round was selected and after every answer typed in.
    from gui.plan_context import READINESS
    from services.readiness import readiness_rounds

    window.show_tab("readiness")
    tab = window.tab("readiness")
    assert tab.rounds_model.rowCount() >= 2
    reads: list[int] = []
    original = readiness_rounds.load_round
    monkeypatch.setattr(readiness_rounds, "load_round",
                        lambda s, round_id: reads.append(round_id) or original(s, round_id))
    for row in (1, 0):
        reads.clear()
        tab.rounds_view.selectRow(row)
        assert reads == [tab.selected_round().id]
    reads.clear()
    window.context.changed.emit(frozenset({READINESS}))  # an answer typed in, say
    assert reads == [tab.selected_round().id]
    # both tables show that round
    assert tab.respondents_model.rowCount() == len(tab.answers_model.data_.respondents) > 0


def test_the_data_tab_reads_the_survey_once_when_built(qtbot, window, monkeypatch):
    # Built, the tab selected its first wave and then refreshed again: a second read of every wave
    # began while the first, dropped, still ran to its end (two whole reads of a district's survey).
    from PySide6.QtCore import QThreadPool

    from gui.data import data_tab as data_tab_module

    reads: list[str] = []
    original = data_tab_module.load_wave
    monkeypatch.setattr(data_tab_module, "load_wave", lambda s, label: reads.append(label) or original(s, label))
    window.show_tab("data")
    tab = window.tab("data")
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    assert QThreadPool.globalInstance().waitForDone(20000)
    assert tab.waves_model.rowCount() > 0
    assert sorted(reads) == sorted(w.label for w in tab.waves_model.records())
    assert tab.results_page.report is not None  # and the selected wave's results are shown


def test_the_focus_groups_templates_are_read_ahead_not_as_the_tab_is_built(qtbot, window, monkeypatch):
    # Naming each session's template read and checked the shipped templates on the window's thread,
    # 30-60 ms of the tab's first build; now the thread that loads the tab's code ahead reads them.
    from gui.tabs import TABS
    from gui.workers import import_in_background
    from services.focus_groups import focus_templates

    focus_templates._read_files.cache_clear()
    spec = next(s for s in TABS if s.key == "focus_groups")
    thread = import_in_background([spec.module], then=[spec.prepare_ahead])
    thread.join(30)
    assert not thread.is_alive()
    real, read = focus_templates.read_template_file, []
    monkeypatch.setattr(focus_templates, "read_template_file", lambda *a: (read.append(a), real(*a))[1])
    tab = window.tab("focus_groups")
    assert tab.sessions_model.rowCount() > 0
    assert read == []
