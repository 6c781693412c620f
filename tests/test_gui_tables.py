"""What every table shares: the clipboard as spreadsheets write it, dates in the computer's order,
rows that stay put after an edit, heading sort, and an empty date's editor."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDateEdit

from gui import screen_dates
from gui.widgets.clipboard_rows import rows_to_text, text_to_rows


def test_excel_clipboard_text_round_trips_with_tabs_quotes_and_line_breaks():
    excel = 'Name\tNote\r\n"Ana ""AJ"" Ruiz"\t"two\r\nlines"\r\nBo\t\r\n\r\n'
    assert text_to_rows(excel) == [["Name", "Note"], ['Ana "AJ" Ruiz', "two\nlines"], ["Bo", ""]]
    assert text_to_rows(rows_to_text([["a\tb", 'say "hi"'], ["", "x"]])) == [["a\tb", 'say "hi"'], ["", "x"]]


@pytest.fixture
def british():
    from services import date_style

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    date_style.set_for_messages(date_style.STYLE)


def test_dates_follow_a_us_computer():
    assert screen_dates.entry_format() == "MM/dd/yyyy"
    assert screen_dates.parse_date("11/01/2027") == dt.date(2027, 11, 1)
    assert screen_dates.show_date(dt.date(2027, 11, 1)) == "Nov 1, 2027"
    assert screen_dates.show_time(dt.time(15, 30)) == "3:30 PM"


def test_a_refusal_reads_dates_as_the_computer_does(qapp, british):
    from gui.app import make_application
    from services.action_plan.action_schedule import _check_dates
    from services.errors import InvalidInput

    make_application()
    with pytest.raises(InvalidInput, match=r"can't end \(1 Nov 2027\) before it starts \(3 Nov 2027\)"):
        _check_dates(dt.date(2027, 11, 3), dt.date(2027, 11, 1), milestone=False)


def test_dates_follow_a_british_computer(british):
    assert screen_dates.entry_format() == "dd/MM/yyyy"
    assert screen_dates.parse_date("01/11/2027") == dt.date(2027, 11, 1)
    assert screen_dates.show_date(dt.date(2027, 11, 1)) == "1 Nov 2027"
    assert screen_dates.show_time(dt.time(15, 30)) == "15:30"


@pytest.mark.parametrize("text, day", [
    ("2027-11-01", dt.date(2027, 11, 1)), ("Nov 1, 2027", dt.date(2027, 11, 1)),
    ("1 November 2027", dt.date(2027, 11, 1)), ("11/1/27", dt.date(2027, 11, 1)), ("  ", None)])
def test_pasted_dates_are_read_as_people_write_them(text, day):
    assert screen_dates.parse_date(text) == day


@pytest.mark.parametrize("text", ["next week", "13/45/2027", "2027-02-30"])
def test_a_pasted_non_date_is_refused_by_name(text):
    with pytest.raises(ValueError, match="is not a date"):
        screen_dates.parse_date(text)


@pytest.mark.parametrize("text, t", [("3:30 PM", dt.time(15, 30)), ("15:30", dt.time(15, 30)),
                                     ("12 am", dt.time(0, 0)), ("7.05", dt.time(7, 5))])
def test_pasted_times(text, t):
    assert screen_dates.parse_time(text) == t


def test_a_date_typed_in_us_order_into_a_date_field(qtbot):
    edit = screen_dates.make_date_edit(None, dt.date(2026, 9, 1))
    qtbot.addWidget(edit)
    edit.show()
    edit.activateWindow()
    edit.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed into: the month is selected, ready to type over
    qtbot.waitUntil(lambda: edit.lineEdit().selectedText() == "09")
    qtbot.keyClicks(edit, "11/01/2027")
    assert screen_dates.from_qdate(edit.date()) == dt.date(2027, 11, 1)
    assert edit.sizeHint().width() <= edit.minimumWidth()


def type_as_a_person(qtbot, text: str) -> None:
    """Each key to whatever has the keyboard then, as a keyboard sends it (the first key of a
    table cell opens its editor, the rest go to the editor)."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget(), ch)


def test_a_date_typed_in_us_order_into_a_table_cell(qtbot, window):
    window.show_tab("team")
    team = window.tab("team")
    view, model = team.meetings_view, team.meetings_model
    meeting = model.record_at(0)
    window.activateWindow()  # on a loaded machine the keys can reach another widget before this
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(model.index(0, model.column_of("meeting_date")))
    type_as_a_person(qtbot, "11/01/2027")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QDateEdit), editor
    assert editor.text() == "11/01/2027"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.record_at(0).meeting_date == dt.date(2027, 11, 1))
    assert model.record_at(0).id == meeting.id


def test_rows_stay_put_after_an_edit_that_changes_the_plans_order(qtbot, window):
    """The meetings are in date order; moving the first meeting's date past the others leaves its
    row where it is (and current) until the person sorts by a heading."""
    window.show_tab("team")
    team = window.tab("team")
    view, model = team.meetings_view, team.meetings_model
    first = model.record_at(0)
    date_column = model.column_of("meeting_date")
    view.setCurrentIndex(model.index(0, date_column))
    assert model.setData(model.index(0, date_column), QDate(2027, 6, 30))
    assert model.record_at(0).id == first.id and model.record_at(0).meeting_date == dt.date(2027, 6, 30)
    assert view.currentIndex().row() == 0
    view.horizontalHeader().setSortIndicator(date_column, Qt.SortOrder.AscendingOrder)  # the person sorts
    assert model.record_at(model.rowCount() - 1).id == first.id
    assert view.currentIndex().row() == model.rowCount() - 1  # the current cell went with its row


def test_an_empty_date_cells_editor_starts_at_today_and_is_wide_enough(qtbot, window):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from gui.widgets.delegates import TableDelegate

    window.show_tab("team")
    view = window.tab("team").meetings_view
    index = view.model().index(0, view.model().column_of("meeting_date"))
    delegate = TableDelegate(view)
    editor = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QDateEdit) and editor.displayFormat() == "MM/dd/yyyy"

    class Empty:
        def data(self, role):
            return QDate() if role == Qt.ItemDataRole.EditRole else None

    delegate.setEditorData(editor, Empty())
    assert editor.date() == QDate.currentDate()


def test_copy_puts_the_selected_cells_on_the_clipboard(qtbot, window):
    window.show_tab("team")
    view = window.tab("team").roster_view
    model = view.model()
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{model.index(0, 0).data()}\n{model.index(1, 0).data()}\n"
    assert "Copied 2 cells" in window.statusBar().currentMessage()


def test_every_table_has_a_right_click_menu_with_copy(qtbot, window):
    from gui.tabs import TABS
    from gui.widgets.tables import PlanTableView

    for spec in TABS:
        window.show_tab(spec.key)
        for view in window.tab(spec.key).findChildren(PlanTableView):
            texts = [a.text().replace("&", "") for a in view.context_menu().actions() if not a.isSeparator()]
            assert "Copy" in texts and "Select all" in texts, (spec.key, view.objectName(), texts)
    from PySide6.QtCore import QThreadPool

    # Showing the Data tab reads its results in the background; let that finish with the test.
    data = window.tab("data")
    qtbot.waitUntil(lambda: not data.reading and QThreadPool.globalInstance().activeThreadCount() == 0,
                    timeout=60000)


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
                                           (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier)])
def test_the_keyboard_opens_a_tables_menu(qtbot, window, key, modifier):
    from PySide6.QtWidgets import QMenu

    window.show_tab("team")
    view = window.tab("team").roster_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, key, modifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert "Copy" in [a.text().replace("&", "") for a in menu.actions()]
    menu.close()


def test_tab_across_a_row_then_enter_goes_to_the_next_row_where_typing_began(qtbot, window):
    """Excel's habit in every table: type, Tab, type, Enter lands under the first cell typed in."""
    window.show_tab("team")
    view = window.tab("team").meetings_view
    model = view.model()
    place, purpose = model.column_of("place"), model.column_of("purpose")
    view.setFocus()
    view.setCurrentIndex(model.index(0, place))
    type_as_a_person(qtbot, "Library")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    while view.currentIndex().column() != purpose:  # the columns between, left as they are
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    type_as_a_person(qtbot, "Budget")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.record_at(0).purpose == "Budget")
    assert model.record_at(0).place == "Library"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, place)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on a cell that isn't being typed in: down again
    assert view.currentIndex().row() == 2


def test_a_hidden_tables_columns_are_fitted_when_it_is_shown(qtbot):
    """Every tab is built ahead of its first visit: a table not in front is measured as it is shown,
    not at every edit anywhere in the plan (each measure asks the model and delegate for every row
    on screen)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from gui.widgets.tables import PlanTableView, fit_columns

    class CountingModel(QStandardItemModel):
        asked = 0

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            CountingModel.asked += 1
            return super().data(index, role)

    page = QWidget()
    qtbot.addWidget(page)
    view = PlanTableView()
    QVBoxLayout(page).addWidget(view)
    page.resize(900, 400)
    model = CountingModel(1, 2)
    model.setItem(0, 0, QStandardItem("Short"))
    model.setItem(0, 1, QStandardItem("x"))
    view.setModel(model)

    fit_columns(view, stretch_column=1)
    model.setItem(0, 0, QStandardItem("A much longer name for the first column's only row"))
    qtbot.wait(50)  # the refit a change asks for comes on a zero timer
    assert CountingModel.asked == 0  # hidden: nothing measured
    page.show()
    qtbot.waitExposed(page)
    assert view.horizontalHeader().sectionSize(0) >= view.fontMetrics().horizontalAdvance("A much longer name for the")
