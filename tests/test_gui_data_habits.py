"""The Data tab as Word and Excel users expect it: a survey export dropped on the window starts the
import, an empty plan says what to do first, rows pasted from a spreadsheet become data sources in
one undo step, every table has a right-click menu and a name, removing a wave or a source says what
goes with it, and dates are written the computer's way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QWizard

from gui.screen_dates import show_date
from services.data import data_sources, survey_waves
from tests.gui_windows import answer_when_asked
from tests.test_cli_survey import staff_rows
from tests.test_gui_data import click_next, data_tab, settled
from tests.test_gui_team import click_cell, click_tab
from tests.test_survey_files import _csv


def menu_texts(view) -> list[str]:
    return [a.text().replace("&", "") for a in view.context_menu().actions() if a.text()]


def focus_cell(qtbot, view, row: int, column: int) -> None:
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    click_cell(qtbot, view, row, column)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


def test_a_survey_export_dropped_on_the_window_starts_the_wizard_with_it(qtbot, window, tmp_path):
    survey = tmp_path / "winter pulse.csv"
    survey.write_text(_csv(staff_rows(("Teacher",) * 6 + ("Custodian",) * 6)), encoding="utf-8")
    tab = data_tab(qtbot, window)
    before = tab.waves_model.rowCount()
    assert not tab.take_file(str(tmp_path / "minutes.pdf"))  # not a survey: the window says so
    assert tab.take_file(str(survey))
    qtbot.waitUntil(lambda: any(w.isVisible() for w in tab.findChildren(QWizard)))
    wizard = next(w for w in tab.findChildren(QWizard) if w.isVisible())
    assert wizard.file_page.path.text() == str(survey)  # already chosen: the person only goes on
    click_next(qtbot, wizard, wizard.columns_page)
    click_next(qtbot, wizard, wizard.wave_page)
    wizard.wave_page.label.selectAll()
    qtbot.keyClicks(wizard.wave_page.label, "Winter pulse")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.waves_model.rowCount() == before + 1, timeout=10000)
    assert tab.selected_wave().label == "Winter pulse"
    settled(qtbot, tab)


def test_an_empty_plan_says_what_to_do_first(qtbot, qt_settings, empty_plan):
    from tests.gui_windows import open_window

    window = open_window(qtbot, qt_settings, empty_plan)
    click_tab(qtbot, window, "Data")
    tab = window.tab("data")
    qtbot.waitUntil(tab.isVisible)
    assert tab.stack.currentWidget() is tab.empty
    assert any("No survey yet" in label.text() for label in tab.empty.findChildren(QLabel))
    qtbot.mouseClick(tab.empty.button, Qt.MouseButton.LeftButton)  # Import survey...
    qtbot.waitUntil(lambda: any(w.isVisible() for w in tab.findChildren(QWizard)))
    wizard = next(w for w in tab.findChildren(QWizard) if w.isVisible())
    wizard.reject()
    qtbot.mouseClick(tab.findChild(QPushButton, "sourcesFirst"), Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is not tab.empty
    assert tab.pages.currentWidget() is tab.sources_page


def test_three_rows_pasted_from_excel_become_data_sources_in_one_undo_step(qtbot, window, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr("gui.widgets.tables.QMessageBox.information", lambda _p, _t, text: told.append(text))
    tab = data_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.sources_page)
    view, model = tab.sources_page.view, tab.sources_page.model
    before = [s.name for s in window.context.read(data_sources.list_sources)]
    focus_cell(qtbot, view, 0, 0)
    QGuiApplication.clipboard().setText(
        "Absence records 2026\tGood\tJune 2026\tAll\tAll\tFrom HR\r\n"
        "Exit interviews 2026\tfair\t2025\tMental and emotional health\tNone\t\r\n"
        "Parent survey\tExcellent\t\t\t\t\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == len(before) + 2)
    added = {s.name: s for s in window.context.read(data_sources.list_sources)}
    assert added["Absence records 2026"].quality == "good" and added["Absence records 2026"].notes == "From HR"
    cover = window.context.read(data_sources.coverage)
    assert added["Absence records 2026"].group_ids == {g for g, _ in cover.groups}
    assert len(added["Exit interviews 2026"].domain_ids) == 1 and not added["Exit interviews 2026"].group_ids
    assert "Parent survey" not in added
    assert told and "Row 3" in told[0] and "Excellent" in told[0]  # the row that didn't fit, named

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step takes both away
    qtbot.waitUntil(lambda: [s.name for s in window.context.read(data_sources.list_sources)] == before)


def test_every_data_table_has_a_right_click_menu_and_a_name(qtbot, window):
    tab = data_tab(qtbot, window)
    menus = {view.accessibleName(): menu_texts(view) for view in (
        tab.waves_view, tab.results_page.view, tab.items_view, tab.comments_view, tab.participation_view,
        tab.sources_page.view, tab.sources_page.grid)}
    assert {"Import survey...", "Remove wave", "Rename wave", "Print summary...", "Copy"} <= set(menus["Survey waves"])
    assert {"Send gap to Priorities", "Copy"} <= set(menus["Results by group"])
    assert {"Add source...", "Remove source", "Edit coverage...", "Paste"} <= set(menus["Data sources"])
    assert {"Paste headcounts", "Import roster..."} <= set(menus["Participation by group"])
    assert "Copy" in menus["Comments"] and "Edit domains..." in menus["Items and domains"]
    assert "Add source..." in menus["Coverage: domains by staff group"]
    assert tab.results_page.chart.accessibleName() == "Results chart"


def test_the_chart_says_in_words_what_it_shows(qtbot, window):
    tab = data_tab(qtbot, window)
    page = tab.results_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    click_cell(qtbot, page.view, 0, 0)
    text = page.chart.accessibleDescription()
    assert text.startswith("Percent favorable for") and tab.selected_wave().label in text
    assert any(f"{g} " in text for g in page.model.groups())
    page.chart_mode.setCurrentIndex(page.chart_mode.findData("heat"))
    page.chart_mode.activated.emit(page.chart_mode.currentIndex())
    assert "domains by" in page.chart.accessibleDescription()


def test_removing_a_wave_says_what_goes_with_it_and_cancel_keeps_it(qtbot, window):
    tab = data_tab(qtbot, window)
    wave = tab.selected_wave()
    goes = window.context.read(lambda s: survey_waves.wave_dependents(s, wave.id))
    asked: list[str] = []
    answer_when_asked(qtbot, "Cancel", asked)
    focus_cell(qtbot, tab.waves_view, tab.waves_model.row_of(wave.id), 0)
    qtbot.keyClick(tab.waves_view, Qt.Key.Key_Delete)
    if goes:  # the sample's wave has headcounts and releases at least
        assert asked and all(line in asked[0] for line in goes)
        assert wave.label in [w.label for w in window.context.read(survey_waves.list_waves)]
    settled(qtbot, tab)


def test_removing_a_source_that_covers_gaps_asks_first(qtbot, window):
    tab = data_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.sources_page)
    source = next(s for s in window.context.read(data_sources.list_sources) if s.domain_ids and s.group_ids)
    asked: list[str] = []
    answer_when_asked(qtbot, "Remove source", asked)
    focus_cell(qtbot, tab.sources_page.view, tab.sources_page.model.row_of(source.id), 0)
    tab.sources_page.view.remove_selected()  # the menu's Remove source, as Delete runs it
    assert asked and "goes with it" in asked[0]
    assert source.id not in {s.id for s in window.context.read(data_sources.list_sources)}
    window.undo_action.trigger()
    assert source.id in {s.id for s in window.context.read(data_sources.list_sources)}
    settled(qtbot, tab)


def test_wave_dates_are_in_the_computers_style(qtbot, window):
    tab = data_tab(qtbot, window)
    wave = tab.selected_wave()
    text = tab.waves_model.index(tab.waves_model.row_of(wave.id), 2).data()
    day = wave.first_response or wave.imported_at.date()
    assert show_date(day) in text  # "Oct 3, 2026" on a US computer, not "03 Oct 2026"
    assert tab.main_printout == "survey-summary"


def test_ctrl_p_prints_the_summary_of_the_wave_on_screen(qtbot, window):
    tab = data_tab(qtbot, window)
    asked: list[tuple[str, dict]] = []
    tab.export_with_options.disconnect()
    tab.export_with_options.connect(lambda kind, options: asked.append((kind, options)))
    tab.print_main()
    assert asked == [("survey-summary", {"by": tab.results_page.dimension(), "wave": tab.selected_wave().label})]
    settled(qtbot, tab)


def test_headcounts_pasted_from_excel_with_ctrl_v_are_one_undo_step(qtbot, window):
    from services.data import survey_participation

    tab = data_tab(qtbot, window)
    tab.pages.setCurrentWidget(tab.participation_page)
    qtbot.waitUntil(lambda: tab.participation_model.rowCount() > 2, timeout=20000)
    settled(qtbot, tab)
    wave, dimension = tab.selected_wave(), tab.participation_by.currentData()
    groups = [tab.participation_model.index(r, 0).data() for r in range(3)]

    def counts():
        return window.context.read(lambda s: survey_participation.headcounts(s, wave.id, dimension))

    before = counts()
    focus_cell(qtbot, tab.participation_view, 0, 2)
    QGuiApplication.clipboard().setText(f"{groups[0]}\t1,201\r\n{groups[1]}\t302\r\n{groups[2]}\t45\r\nChess club\t9\r\n")
    qtbot.keyClick(tab.participation_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counts().get(groups[0]) == 1201)
    assert counts().get(groups[1]) == 302 and counts().get(groups[2]) == 45
    assert "Chess club" in window.statusBar().currentMessage()  # the row that didn't fit, named
    settled(qtbot, tab)
    window.undo_action.trigger()  # one step puts all three back
    qtbot.waitUntil(lambda: counts() == before)
    settled(qtbot, tab)
