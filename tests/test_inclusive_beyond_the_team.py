"""The SMARTIE Inclusive check passes with an affected staff member who is not on the planning
team (issue 20: affected staff no longer have to join the team, distorting its representation),
and the objective's "People involved" picker offers everyone the plan names, marked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from gui.widgets.checklist import CheckListDialog
from services.action_plan import objectives
from services.district_profile import list_position_groups
from services.team import team_roster
from tests.gui_windows import open_tab_for_typing


@pytest.fixture
def sample_plan(sample_plan_anywhere):
    """Each test here runs on the sample in a plan file and on a district server (tests/conftest.py)."""
    return sample_plan_anywhere

DRIVER = "Rosa Ibarra"  # a bus driver, not on the planning team


def _inclusive(s, record):
    return next(f for f in objectives.check_smartie(s, record) if f.part == "inclusive")


def test_inclusive_passes_with_an_affected_driver_who_is_not_on_the_team(sample_plan):
    with sample_plan.transaction() as s:
        transport = next(g.id for g in list_position_groups(s) if g.name == "Transportation")
        lead = next(p for p in team_roster.list_team(s) if p.is_lead)  # on the team, not a driver
        record = objectives.add_objective(s, "By June 2027, 80% of bus drivers take a 15-minute break",
                                          group_ids={transport}, person_ids={lead.id})
        assert not _inclusive(s, record).ok
        assert "add someone from Transportation" in _inclusive(s, record).message
        driver = team_roster.add_person(s, DRIVER, position_group_id=transport)
        assert driver.team_role is None and DRIVER not in [p.name for p in team_roster.list_team(s)]
        record = objectives.update_objective(s, record.id, person_ids={lead.id, driver.id})
        finding = _inclusive(s, record)
        assert finding.ok and finding.message == f"Involves {DRIVER} from the groups it serves."
        # she stays off the team: its representation is not distorted by her taking part
        assert DRIVER not in [p.name for p in team_roster.list_team(s)]


def test_the_people_involved_picker_offers_someone_not_on_the_team(qtbot, qt_settings, sample_plan_file):
    # (sample_plan_file, not this module's sample_plan: the window opens plan files only, for now)
    from tests.gui_windows import open_window

    with sample_plan_file.transaction() as s:
        transport = next(g.id for g in list_position_groups(s) if g.name == "Transportation")
        team_roster.add_person(s, DRIVER, position_group_id=transport)
    window = open_window(qtbot, qt_settings, sample_plan_file)
    tab = open_tab_for_typing(qtbot, window, "Action plan", "action_plan")
    tab.pages.setCurrentWidget(tab.objectives_page)
    tab.objectives_page.list.selectRow(0)  # transportation and food service staff's breaks
    offered: list[str] = []

    def tick_the_driver() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckListDialog):
            QTimer.singleShot(20, tick_the_driver)
            return
        checklist = dialog.lists[0]
        offered.extend(checklist.item(i).text() for i in range(checklist.count()))
        item = next(checklist.item(i) for i in range(checklist.count()) if checklist.item(i).text().startswith(DRIVER))
        checklist.setCurrentItem(item)  # as a keyboard user: to her name, Space ticks it
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
        assert item.checkState() == Qt.CheckState.Checked
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, tick_the_driver)
    qtbot.mouseClick(tab.objectives_page.findChild(QPushButton, "objectivePeopleButton"), Qt.MouseButton.LeftButton)
    assert f"{DRIVER} (Transportation; not on the team)" in offered
    assert any(x.startswith("Lucia Fernandez (Food service)") for x in offered)  # a team member, unmarked
    qtbot.waitUntil(lambda: "Involves" in tab.objectives_page.marks["inclusive"].text()
                    and DRIVER in tab.objectives_page.marks["inclusive"].text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: DRIVER not in tab.objectives_page.marks["inclusive"].text())  # the panel follows

