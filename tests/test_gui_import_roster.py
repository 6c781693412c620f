"""Import roster... on the Data tab's Participation page, as a district user does it: a roster of
staff groups and their numbers of staff, saved by Excel as CSV UTF-8 (a BOM, CRLF, blank rows) or as
a workbook (a header row, blank rows), fills the Staff (headcount) column and the response rates; a
file without a column of group names (or of numbers), or a file that can't be read, is refused in
one sentence in a dialog with the plan byte-for-byte unchanged; Ctrl+Z takes an import back.

(The Team tab has no roster import: its planning-team roster is typed in. The one roster import in
the window is this one, of headcounts.)"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from services.data import survey_participation, survey_waves
from tests.cli_run import digest
from tests.gui_windows import add_small_wave, open_window
from tests.test_gui_data import data_tab

ROLE = "What is your role?"
ROLES = ("Teacher",) * 7 + ("Bus driver",) * 6 + ("Nurse",) * 5
NO_HEADCOUNTS = {"Bus driver": ("6", "", ""), "Nurse": ("5", "", ""), "Teacher": ("7", "", "")}


@pytest.fixture
def window(qtbot, qt_settings, empty_plan):
    """The window over a new plan with one small survey wave (the sample takes seconds to build)."""
    add_small_wave(empty_plan, ROLES)
    return open_window(qtbot, qt_settings, empty_plan)


def excel_csv(path, rows) -> None:
    """A roster as Excel's "CSV UTF-8" saves it: a BOM, CRLF line ends, blank rows as bare commas."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def excel_workbook(path, rows) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Staffing"
    for n, row in enumerate(rows, 1):
        for m, value in enumerate(row, 1):
            if value not in ("", None):
                sheet.cell(n, m, value)  # a blank row is rows with no cells, as Excel leaves it
    book.save(path)


def participation_page(qtbot, window):
    tab = data_tab(qtbot, window)
    bar = tab.pages.tabBar()
    index = next(i for i in range(bar.count()) if "Participation" in bar.tabText(i))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(tab.participation_view.isVisible)
    qtbot.waitUntil(lambda: tab.participation_by.currentText() == ROLE and tab.participation_model.rowCount() > 0)
    return tab


def import_roster(qtbot, tab, monkeypatch, path) -> None:
    """Click Import roster... and choose ``path`` in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    qtbot.mouseClick(tab.participation_page.findChild(QPushButton, "importRoster"), Qt.MouseButton.LeftButton)


def shown(tab) -> dict[str, tuple[str, str, str]]:
    """The participation table: each group's responses, headcount and response rate as shown."""
    model = tab.participation_model
    return {model.index(r, 0).data(): tuple(model.index(r, c).data() for c in (1, 2, 3))
            for r in range(model.rowCount())}


def shows(qtbot, tab, expected: dict[str, tuple[str, str, str]], summary: str = "") -> None:
    """Wait until the participation table shows ``expected`` (and the line under it ``summary``):
    the tab reads the plan again after a change, and may do so in the background."""

    def check() -> None:
        assert shown(tab) == expected
        assert summary in tab.participation_summary.text()

    qtbot.waitUntil(check, timeout=5000)


def stored(window) -> dict[str, int]:
    def read(s):
        wave = survey_waves.list_waves(s)[0]
        return survey_participation.headcounts(s, wave.id, ROLE)

    return window.context.read(read)


def undo_with_ctrl_z(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def messages(qtbot, window) -> list[str]:
    """The sentences the window showed in message boxes, each box then closed with OK."""
    def open_boxes() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox, "rejectedEdit") if b.isVisible()]

    qtbot.waitUntil(lambda: open_boxes() != [], timeout=2000)
    texts = []
    for box in open_boxes():
        texts.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(b.isVisible() for b in window.findChildren(QMessageBox)))
    return texts


def test_import_a_csv_then_a_workbook_roster_and_undo_each(qtbot, window, tmp_path, monkeypatch):
    tab = participation_page(qtbot, window)
    shows(qtbot, tab, NO_HEADCOUNTS, "Enter headcounts to see response rates.")

    roster = tmp_path / "Staffing 2026-27.csv"
    excel_csv(roster, [["Position group", "Staff"], ["Teacher", "14"], ["", ""],
                       ["Bus driver", "12"], ["Nurse", "10"], ["", ""], ["", ""]])
    import_roster(qtbot, tab, monkeypatch, roster)
    assert stored(window) == {"Teacher": 14, "Bus driver": 12, "Nurse": 10}
    shows(qtbot, tab, {"Bus driver": ("6", "12", "50%"), "Nurse": ("5", "10", "50%"), "Teacher": ("7", "14", "50%")},
          "Overall: 50% of 36 staff responded.")
    assert window.findChildren(QMessageBox) == []  # every group matched: nothing to say

    # A year later, the HR workbook: numbers as numbers, a blank row, groups in other capitals.
    workbook = tmp_path / "Staffing 2027-28.xlsx"
    excel_workbook(workbook, [["Position group", "Staff"], ["TEACHER", 20], [], ["bus driver", 8], ["Nurse", 5]])
    import_roster(qtbot, tab, monkeypatch, workbook)
    assert stored(window) == {"Teacher": 20, "Bus driver": 8, "Nurse": 5}  # the wave's own spelling
    shows(qtbot, tab, {"Bus driver": ("6", "8", "75%"), "Nurse": ("5", "5", "100%"), "Teacher": ("7", "20", "35%")},
          "Data gap: Teacher")

    undo_with_ctrl_z(qtbot, window)
    assert stored(window) == {"Teacher": 14, "Bus driver": 12, "Nurse": 10}
    shows(qtbot, tab, {"Bus driver": ("6", "12", "50%"), "Nurse": ("5", "10", "50%"), "Teacher": ("7", "14", "50%")})
    undo_with_ctrl_z(qtbot, window)
    assert stored(window) == {}
    shows(qtbot, tab, NO_HEADCOUNTS, "Enter headcounts to see response rates.")


def test_groups_the_survey_does_not_have_are_named_and_left_out(qtbot, window, tmp_path, monkeypatch):
    tab = participation_page(qtbot, window)
    roster = tmp_path / "roster.csv"
    excel_csv(roster, [["Group", "Headcount"], ["Teacher", "14"], ["Custodian", "5"], ["Total", "19"]])
    import_roster(qtbot, tab, monkeypatch, roster)
    assert messages(qtbot, window) == ["These groups were not in the survey and were left out: Custodian, Total."]
    assert stored(window) == {"Teacher": 14}
    shows(qtbot, tab, {**NO_HEADCOUNTS, "Teacher": ("7", "14", "50%")})


def bad_files(tmp_path) -> list[tuple[object, str]]:
    """Files a user might pick by mistake, and the one sentence each should get."""
    no_names = tmp_path / "numbers only.csv"
    excel_csv(no_names, [["Staff"], ["14"], ["12"]])
    no_numbers = tmp_path / "names only.xlsx"
    excel_workbook(no_numbers, [["Position group", "Notes"], ["Teacher", "full time"], ["Bus driver", "routes"]])
    good = tmp_path / "good.xlsx"
    excel_workbook(good, [["Position group", "Staff"], ["Teacher", 14]])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])  # a copy cut off half way
    picture = tmp_path / "roster.csv"  # a screenshot of the roster, saved under the wrong name
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    binary = tmp_path / "payroll.csv"  # a payroll program's own file
    binary.write_bytes(bytes((n * 37) % 256 for n in range(4096)))
    names = "needs a column of group names and a column of numbers of staff."
    return [(no_names, f"numbers only.csv {names}"), (no_numbers, f"names only.xlsx {names}"),
            (damaged, "damaged.xlsx is not a readable Excel workbook"),
            (picture, "roster.csv is a PNG image, not a CSV or Excel file."),
            (binary, "payroll.csv is not a CSV or Excel file")]


def test_a_file_without_names_or_numbers_or_unreadable_is_refused_and_the_plan_unchanged(qtbot, window, tmp_path,
                                                                                         monkeypatch):
    tab = participation_page(qtbot, window)
    before, undo_steps = digest(window.context.plan.path), window.context.undo_stack.count()
    for path, sentence in bad_files(tmp_path):
        import_roster(qtbot, tab, monkeypatch, path)
        said = messages(qtbot, window)
        assert len(said) == 1 and said[0].startswith(sentence), (path.name, said)
        assert said[0].count(". ") == 0 and "\n" not in said[0]  # one sentence
        assert digest(window.context.plan.path) == before, path.name
    assert window.context.undo_stack.count() == undo_steps
    assert stored(window) == {}
    shows(qtbot, tab, NO_HEADCOUNTS)


def test_a_damaged_workbook_is_explained_in_plain_words(qtbot, window, tmp_path, monkeypatch):
    tab = participation_page(qtbot, window)
    damaged = next(path for path, _ in bad_files(tmp_path) if path.name == "damaged.xlsx")
    import_roster(qtbot, tab, monkeypatch, damaged)
    said = messages(qtbot, window)
    assert not any(word in said[0] for word in ("BadZipFile", "Error", "Exception")), said
