"""People on the Team tab fits a maximised 1366 x 768 window: every column present without
scrolling sideways, names and team roles whole, the least used columns narrowed first, and what a
narrowed cell or heading cuts short shown whole in its tooltip. The meetings below fit their box."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.team.people_columns import LEAST, shared_widths
from tests.test_gui_team import click_tab


def test_the_last_tier_gives_way_first_and_the_widest_first():
    # 100 too many: the widest tier-2 column gives it all; 200 too many: both narrow to a common 150
    assert shared_widths([120, 300, 200], [72, 72, 72], [0, 2, 2], 520) == [120, 200, 200]
    assert shared_widths([120, 300, 200], [72, 72, 72], [0, 2, 2], 420) == [120, 150, 150]
    # room for all: nothing changes
    assert shared_widths([120, 300, 200], [72, 72, 72], [0, 2, 2], 1000) == [120, 300, 200]
    # tier 2 down to its least, then tier 1 gives the rest
    assert shared_widths([100, 250, 200, 200], [72, 72, 72, 72], [0, 1, 2, 2], 400) == [100, 156, 72, 72]


def _people(qtbot, window, width: int, height: int):
    window.resize(width, height)
    click_tab(qtbot, window, "Team")
    tab = window.tab("team")
    qtbot.waitUntil(tab.isVisible)
    return tab


def _fits(view) -> bool:
    return view.horizontalHeader().length() <= view.viewport().width() and view.horizontalScrollBar().maximum() == 0


def test_people_fits_a_maximised_1366_window_with_every_column(qtbot, window):
    tab = _people(qtbot, window, 1366, 768)
    view, model = tab.roster_view, tab.roster_model
    header = view.horizontalHeader()
    for everyone in (False, True):
        (tab.show_everyone if everyone else tab.show_team).click()
        assert model.everyone is everyone
        qtbot.waitUntil(lambda: _fits(view))
        assert view.horizontalHeader().length() > view.viewport().width() - 4  # and uses the width it has
        for c in range(model.columnCount()):
            assert not view.isColumnHidden(c) and header.sectionSize(c) >= min(LEAST, view.sizeHintForColumn(c))
        for key in ("name", "team_role"):  # whole
            c = model.column_of(key)
            assert header.sectionSize(c) >= view.sizeHintForColumn(c)
        assert _fits(tab.meetings_view)

    # a narrowed cell shows its whole text on hover, and a narrowed heading its whole title
    organisation = model.column_of("organisation")
    row = next(r for r in range(model.rowCount()) if len(model.record_at(r).organisation) > 20)
    whole = model.record_at(row).organisation
    assert header.sectionSize(organisation) < view.fontMetrics().horizontalAdvance(whole)  # it is cut short
    assert model.index(row, organisation).data(Qt.ItemDataRole.ToolTipRole).startswith(whole)
    release = model.column_of("release_note")
    assert model.headerData(release, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        "Release time or adjusted duties"


def test_a_wide_window_gives_every_column_its_room(qtbot, window):
    tab = _people(qtbot, window, 2600, 900)
    tab.show_everyone.click()
    view, model = tab.roster_view, tab.roster_model
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: _fits(view) and all(header.sectionSize(c) >= min(view.sizeHintForColumn(c), 300)
                                                for c in range(model.columnCount())))
    assert header.length() == view.viewport().width()  # the spare width goes to release time
    window.resize(1366, 768)  # and narrowing the window narrows the columns again
    qtbot.waitUntil(lambda: _fits(view))
