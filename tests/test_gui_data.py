"""The Data tab as a user works it: import a survey through the wizard (typing the path, ticking a
reverse-scored item, naming the wave), read results with small groups withheld, send a gap to
Priorities and undo, type a headcount, cancel an import without touching the plan, and keep the
list of data sources."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QPushButton, QWizard

from services.data import data_sources, survey_waves
from services.priorities import candidate_actions
from tests.cli_run import digest
from tests.test_cli_survey import staff_rows
from tests.test_gui_team import click_action, click_cell, click_tab, type_into_editor
from tests.test_survey_files import _csv, two_attribute_survey


def data_tab(qtbot, window):
    click_tab(qtbot, window, "Data")
    tab = window.tab("data")
    qtbot.waitUntil(tab.isVisible)
    return settled(qtbot, tab)


def settled(qtbot, tab):
    """The tab once its reads of the plan (off the window's thread) have arrived."""
    qtbot.waitUntil(lambda: not tab.reading, timeout=20000)
    return tab


def open_wizard(qtbot, tab, path):
    click_action(qtbot, tab, tab.import_action)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in tab.findChildren(QWizard)))
    wizard = next(w for w in tab.findChildren(QWizard) if w.isVisible())
    qtbot.keyClicks(wizard.file_page.path, str(path))
    return wizard


def click_next(qtbot, wizard, page):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=10000)


def test_import_through_the_wizard_read_results_and_send_a_gap(qtbot, window, tmp_path):
    survey = tmp_path / "spring pulse.csv"
    rows = staff_rows(("Teacher",) * 8 + ("Bus driver",) * 7 + ("Custodian",) * 6 + ("Nurse",) * 2)
    drivers = [r for r in rows[1:] if r[3] == "Bus driver"]
    for n, r in enumerate(drivers):  # bus drivers don't feel valued: a gap (but not all alike: that is withheld)
        r[4] = "Agree" if n == 0 else "Strongly disagree"
    survey.write_text(_csv(rows), encoding="utf-8")
    tab = data_tab(qtbot, window)
    waves_before = tab.waves_model.rowCount()
    wizard = open_wizard(qtbot, tab, survey)
    click_next(qtbot, wizard, wizard.columns_page)
    model = wizard.columns_model
    roles = {c.header: c.role.value for c in model.choices}
    assert roles["Email Address"] == "identifying" and roles["Your name"] == "identifying"
    assert "3 identifying or technical columns will not be stored" in wizard.columns_page.summary.text()
    # tick "reverse" for the workload item with the keyboard
    row = next(i for i, c in enumerate(model.choices) if c.header == "My workload is too heavy")
    view = wizard.columns_page.view
    click_cell(qtbot, view, row, model.REVERSE)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.choices[row].reverse
    click_next(qtbot, wizard, wizard.wave_page)
    assert wizard.wave_page.label.text() == "Fall 2026 (2)"  # from the timestamps; the sample has Fall 2026
    wizard.wave_page.label.selectAll()
    qtbot.keyClicks(wizard.wave_page.label, "Spring pulse 2027")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.waves_model.rowCount() == waves_before + 1, timeout=10000)
    assert tab.selected_wave().label == "Spring pulse 2027"
    settled(qtbot, tab)
    raw = window.context.plan.path.read_bytes()
    assert b"maplehollow.k12.us" not in raw and b"Lopez" not in raw and b"pension" not in raw

    # results: the nurses (2) are withheld, with the reason on hover
    page = tab.results_page
    model = page.model
    nurse = model.groups().index("Nurse")
    valued = model.measures.index("I feel valued by district leadership")
    index = model.index(valued, nurse)
    assert index.data() == "\u2014"
    assert "group of fewer than 5 respondents" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "withheld" in model.headerData(nurse, Qt.Orientation.Horizontal)

    # nurses alone would be found from the total: the next smallest group (custodians) is withheld too
    assert model.index(valued, model.groups().index("Custodian")).data() == "\u2014"
    # a gap: bus drivers against everyone; select it and send it
    gap = ("Bus driver", "I feel valued by district leadership")
    assert model.gap_at(model.index(valued, model.groups().index("Bus driver")))
    click_cell(qtbot, page.view, model.measures.index(gap[1]), model.groups().index(gap[0]))
    assert page.send_button.isEnabled()
    before = len(window.context.read(candidate_actions.list_candidate_actions))
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    actions = window.context.read(candidate_actions.list_candidate_actions)
    assert len(actions) == before + 1 and actions[-1].source_kind == "survey_finding"
    assert gap[0] in actions[-1].title and "Spring pulse 2027" in actions[-1].source_label
    settled(qtbot, tab)
    assert not page.send_button.isEnabled()  # sent once
    window.undo_action.trigger()
    assert len(window.context.read(candidate_actions.list_candidate_actions)) == before
    settled(qtbot, tab)

    # the chart shows the selected row
    assert page.chart.mode == "bars"

    # participation: type a headcount for teachers
    tab.pages.setCurrentWidget(tab.participation_page)
    pmodel = tab.participation_model
    teachers = next(i for i, r in enumerate(pmodel.part.rows) if r.group == "Teacher")
    window.activateWindow()  # back from the wizard
    qtbot.waitUntil(window.isActiveWindow)
    click_cell(qtbot, tab.participation_view, teachers, pmodel.HEADCOUNT)
    qtbot.keyClick(tab.participation_view, Qt.Key.Key_F2)
    type_into_editor(qtbot, "16")
    qtbot.waitUntil(lambda: pmodel.part.rows[teachers].headcount == 16)
    assert pmodel.part.rows[teachers].rate == 50.0


def test_cancelling_an_import_leaves_the_plan_unchanged(qtbot, window, tmp_path):
    survey = tmp_path / "s.csv"
    survey.write_text(_csv(staff_rows()), encoding="utf-8")
    tab = data_tab(qtbot, window)
    before = digest(window.context.plan.path)
    wizard = open_wizard(qtbot, tab, survey)
    click_next(qtbot, wizard, wizard.columns_page)
    click_next(qtbot, wizard, wizard.wave_page)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert digest(window.context.plan.path) == before
    # and a bad file says why on the first page, without moving on
    (tmp_path / "empty.csv").write_bytes(b"")
    wizard = open_wizard(qtbot, tab, tmp_path / "empty.csv")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is empty" in wizard.file_page.error.text(), timeout=10000)
    assert wizard.currentPage() is wizard.file_page
    wizard.reject()
    assert digest(window.context.plan.path) == before


def test_the_wizard_lists_a_workbooks_sheets(qtbot, window, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Read me"
    sheet = book.create_sheet("Survey data")
    for row in staff_rows():
        sheet.append(row)
    book.save(tmp_path / "hr.xlsx")
    tab = data_tab(qtbot, window)
    wizard = open_wizard(qtbot, tab, tmp_path / "hr.xlsx")
    sheets = wizard.file_page.sheet
    qtbot.waitUntil(sheets.isEnabled)  # read off the window's thread once the typing stops
    assert sheets.isEnabled() and [sheets.itemText(i) for i in range(sheets.count())] == ["Read me", "Survey data"]
    qtbot.keyClicks(sheets, "Survey data")
    click_next(qtbot, wizard, wizard.columns_page)
    assert wizard.source.table.sheet == "Survey data"
    wizard.reject()


def test_remove_a_wave_and_undo(qtbot, window):
    from tests.test_gui_data_habits import answer_when_asked

    tab = data_tab(qtbot, window)
    label = tab.selected_wave().label
    asked: list[str] = []
    answer_when_asked(qtbot, "Remove wave", asked)
    click_action(qtbot, tab, tab.remove_action)
    assert label not in [w.label for w in window.context.read(survey_waves.list_waves)]
    window.undo_action.trigger()
    assert label in [w.label for w in window.context.read(survey_waves.list_waves)]
    settled(qtbot, tab)


def test_add_a_data_source_with_its_coverage(qtbot, window, monkeypatch):
    tab = data_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.sources_page)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Workers' compensation claims", True))

    def accept_with_choices(dialog):
        dialog.domains.item(0).setCheckState(Qt.CheckState.Checked)
        for i in range(dialog.groups.count()):
            dialog.groups.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.groups.item(6).setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    from gui.data.sources_page import CoverageDialog

    monkeypatch.setattr(CoverageDialog, "exec", accept_with_choices)
    before = len(window.context.read(data_sources.list_sources))
    qtbot.mouseClick(tab.sources_page.findChild(QPushButton, "addSource"), Qt.MouseButton.LeftButton)
    sources = window.context.read(data_sources.list_sources)
    assert len(sources) == before + 1 and sources[-1].name == "Workers' compensation claims"
    assert len(sources[-1].domain_ids) == 1 and len(sources[-1].group_ids) == 1
    row = tab.sources_page.model.row_of(sources[-1].id)
    assert tab.sources_page.model.index(row, 4).data() != "None"
    window.undo_action.trigger()  # the coverage
    window.undo_action.trigger()  # the source
    assert len(window.context.read(data_sources.list_sources)) == before
    settled(qtbot, tab)


def test_data_models_behave(qtmodeltester, qtbot, window):
    tab = data_tab(qtbot, window)
    for model in (tab.waves_model, tab.items_model, tab.comments_model, tab.participation_model,
                  tab.results_page.model, tab.sources_page.model, tab.sources_page.coverage_model):
        qtmodeltester.check(model)


def test_the_wizard_refuses_a_supervisor_as_an_attribute_and_asks_about_odd_answers(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QApplication, QComboBox

    from tests.survey_exports import SUPERVISOR_Q, build_microsoft_forms_xlsx
    from tests.test_gui_team import press_enter

    built = build_microsoft_forms_xlsx(tmp_path, typo=True)
    tab = data_tab(qtbot, window)
    before = digest(window.context.plan.path)
    wizard = open_wizard(qtbot, tab, built.path)
    click_next(qtbot, wizard, wizard.columns_page)
    page, model = wizard.columns_page, wizard.columns_model
    roles = {c.label: c.role.value for c in model.choices}
    assert roles[SUPERVISOR_Q] == "identifying" and roles["Which of these supports have you used this school "
                                                            "year? (Select all that apply)"] == "choices"
    # no example answers of a name or comment column are shown on screen
    shown = " ".join(model.index(r, 2).data() or "" for r in range(model.rowCount()))
    assert not any(secret in shown for secret in built.secrets)

    # The user makes "Supervisor name" a respondent attribute: Next refuses and says why.
    row = next(i for i, c in enumerate(model.choices) if c.label == SUPERVISOR_Q)
    wizard.activateWindow()  # the editor takes the focus of the active window
    qtbot.waitUntil(wizard.isActiveWindow)
    click_cell(qtbot, page.view, row, model.ROLE)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "Respondent")
    press_enter(qtbot, combo)
    assert model.choices[row].role.value == "dimension"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is page
    assert "can't be a respondent attribute" in page.error.text() and "name" in page.error.text()
    click_cell(qtbot, page.view, row, model.ROLE)  # back on the cell (Enter moved down a row, as in Excel)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    qtbot.keyClicks(QApplication.focusWidget(), "Not")  # a space would open the list
    press_enter(qtbot, QApplication.focusWidget())

    # The typo "Agreee" is listed with its row; Next waits until the user says what it means.
    odd = wizard.odd_model
    assert page.odd_view.isVisibleTo(page) and odd.rowCount() == 1
    assert odd.index(0, 1).data() == "Agreee" and odd.index(0, 2).data().isdigit()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert "Choose a point or Missing" in page.error.text()
    click_cell(qtbot, page.odd_view, 0, odd.MAP)
    qtbot.keyClick(page.odd_view, Qt.Key.Key_F2)
    qtbot.keyClicks(QApplication.focusWidget(), "4")
    press_enter(qtbot, QApplication.focusWidget())
    assert odd.index(0, odd.MAP).data() == "4 agree"
    click_next(qtbot, wizard, wizard.wave_page)
    assert "Supervisor name" in wizard.wave_page.summary.text()  # named among what is dropped, and why
    assert digest(window.context.plan.path) == before  # nothing written before Finish
    wizard.wave_page.label.selectAll()
    qtbot.keyClicks(wizard.wave_page.label, "Forms pulse")
    waves_before = tab.waves_model.rowCount()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.waves_model.rowCount() == waves_before + 1, timeout=10000)
    summary = next(b for b in tab.findChildren(QMessageBox) if b.objectName() == "importSummary")
    assert "Identifying columns dropped: 7" in summary.informativeText()
    assert "answers counted" in summary.detailedText()
    summary.accept()
    raw = window.context.plan.path.read_bytes()
    assert not any(secret.encode() in raw for secret in built.secrets)


def test_a_cross_tab_is_audited_in_the_background_and_says_why_cells_are_withheld(qtbot, window, tmp_path):
    from services.data.release_ledger import list_releases
    from services.data.survey_release import CSV_PRECISION, record_table, release_table
    from services.data.survey_report import load_wave

    tab = data_tab(qtbot, window)
    wizard = open_wizard(qtbot, tab, two_attribute_survey(tmp_path / "sites.csv"))
    click_next(qtbot, wizard, wizard.columns_page)
    click_next(qtbot, wizard, wizard.wave_page)
    wizard.wave_page.label.selectAll()
    qtbot.keyClicks(wizard.wave_page.label, "Sites pulse")
    waves = tab.waves_model.rowCount()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.waves_model.rowCount() == waves + 1, timeout=10000)
    settled(qtbot, tab)
    # An earlier release by site, as if someone had exported it: the cross-tab is audited against it.
    with window.context.plan.transaction() as s:
        record_table(s, release_table(s, load_wave(s, "Sites pulse"), "Which site?", 5), "report", CSV_PRECISION)
    page = tab.results_page
    page.then_by.setCurrentIndex(page.then_by.findData("Which site?"))
    page.then_by.activated.emit(page.then_by.currentIndex())
    qtbot.waitUntil(lambda: page.report is not None and any(" / " in g for g in page.report.groups), timeout=20000)
    assert not page.reads.busy  # finished, nothing left running
    model = page.model
    nurse = model.groups().index("Nurse / South")
    cell = model.index(model.measures.index("I feel valued by district leadership"), nurse)
    assert cell.data() == "\u2014" and "fewer than 5" in cell.data(Qt.ItemDataRole.ToolTipRole)
    # Something else is withheld too, and says which release it protects a group from.
    reasons = [model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "" for r in range(model.rowCount())
               for c in range(model.columnCount())]
    assert any("can't be worked out" in why for why in reasons)
    # Looking is not releasing: the ledger holds only the one release.
    assert [r.kind for r in window.context.read(list_releases) if r.wave_label == "Sites pulse"] == ["report"]


def test_a_later_download_replaces_its_wave_in_the_wizard_with_undo(qtbot, window, tmp_path):
    tab = data_tab(qtbot, window)
    for name, late in (("first.csv", 0), ("again.csv", 2)):
        wizard = open_wizard(qtbot, tab, two_attribute_survey(tmp_path / name, late))
        click_next(qtbot, wizard, wizard.columns_page)
        click_next(qtbot, wizard, wizard.wave_page)
        wizard.wave_page.label.selectAll()
        qtbot.keyClicks(wizard.wave_page.label, "Pulse" if not late else "Pulse again")
        waves = tab.waves_model.rowCount()
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        if not late:
            qtbot.waitUntil(lambda waves=waves: tab.waves_model.rowCount() == waves + 1, timeout=10000)
    # the second file is recognised: the wizard stays open and offers the replacement
    box = wizard.wave_page.replace_box
    qtbot.waitUntil(box.isVisible, timeout=10000)
    assert "every response of wave \u201cPulse\u201d and 2 more" in wizard.wave_page.error.text()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.selected_wave() is not None and tab.selected_wave().respondent_count == 27,
                    timeout=10000)
    assert tab.waves_model.rowCount() == waves  # no second wave
    assert tab.selected_wave().label == "Pulse"
    window.undo_action.trigger()
    assert next(w for w in window.context.read(survey_waves.list_waves) if w.label == "Pulse").respondent_count == 25
    settled(qtbot, tab)


def test_a_wave_read_cancelled_shows_nothing_of_the_wave_before(qtbot, window, monkeypatch):
    import threading

    from PySide6.QtWidgets import QProgressDialog
    from shiboken6 import isValid

    from gui.data import data_tab as data_tab_module

    tab = data_tab(qtbot, window)
    assert tab.results_page.report is not None
    first = tab.selected_wave()
    held, reached = threading.Event(), threading.Event()
    original = data_tab_module.min_group_size

    def held_read(session):
        reached.set()
        held.wait(10)
        return original(session)

    monkeypatch.setattr(data_tab_module, "min_group_size", held_read)
    try:
        tab.waves_view.selectRow(1)
        assert tab.selected_wave().id != first.id
        qtbot.waitUntil(reached.is_set)
        second = tab.selected_wave().label
        dialog = [d for d in tab.findChildren(QProgressDialog)  # the latest read's
                  if f"Reading the survey wave \u201c{second}\u201d" in d.labelText() and isValid(d)][-1]
        qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown once the read takes more than a moment
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # the person presses Cancel
    finally:
        held.set()
    settled(qtbot, tab)
    assert tab.results_page.report is None and tab.results_page.model.rowCount() == 0
    assert tab.participation_model.rowCount() == 0
    assert "cancelled" in tab.header.text() and tab.selected_wave().label in tab.header.text()


def test_results_list_groups_in_the_order_a_reader_expects(qtbot, window):
    # As the printed summary does: staff groups in the district profile's order, schools by level.
    tab = data_tab(qtbot, window)
    page = tab.results_page
    assert page.model.groups()[:3] == ("All respondents", "Teachers", "Paraprofessionals and aides")
    page.by.setCurrentIndex(page.by.findData("Where do you work most of the time?"))
    page.by.activated.emit(page.by.currentIndex())
    settled(qtbot, tab)
    assert page.model.groups() == ("All respondents", "Elementary school", "Middle school", "High school",
                                   "District-wide")
