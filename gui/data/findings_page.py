"""The selected wave's findings (survey gaps sent to Priorities) with the team's reading of each and
who took part in reading the data (seed 000 step 4: engage perspectives across positions to
interpret the data together)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from gui.data import commands
from gui.data.wave_models import WaveRecordsModel
from gui.dialog_lifetime import run_modal
from gui.plan_context import ACTIONS, DATA, FINDINGS, TEAM, PlanContext, PlanEdit
from gui.widgets.buttons import button_row
from gui.widgets.checklist import CheckList, CheckListDialog
from gui.widgets.record_model import Column
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from services.data import survey_findings
from services.team.team_roster import list_people

READING, READERS = 2, 3


class FindingsModel(WaveRecordsModel):
    topics = frozenset({DATA, FINDINGS, TEAM, ACTIONS})  # DATA: a wave removed
    list_rows = staticmethod(survey_findings.list_findings)

    def __init__(self, context: PlanContext):
        super().__init__(context, [
            Column("group", "Group", lambda f: f.group),
            Column("text", "Finding", lambda f: f.text, tooltip=lambda f: f.text),
            Column("interpretation", "The team's reading", lambda f: f.interpretation, lambda f: f.interpretation,
                   tooltip=lambda f: f.interpretation or "What the team made of it, read together (type it in)"),
            Column("readers", "Read by", lambda f: ", ".join(f.readers) or "(nobody named)",
                   tooltip=lambda _f: "Who took part in reading it: double-click or press Who read it... to choose"),
        ])

    def make_edit(self, record: Any, key: str, value: Any) -> PlanEdit | None:
        if key == "interpretation":
            return commands.set_interpretation(self.context, record.id, record.group, str(value or ""))
        return None


class FindingsPage(QWidget):
    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = FindingsModel(context)
        self.view = make_table_view(self, stretch_column=READING, name="Findings")
        self.view.setObjectName("findingsList")
        self.view.setModel(self.model)
        self.readers_action = QAction("&Who read it...", self.view)
        self.readers_action.triggered.connect(lambda _checked=False: self.choose_readers())
        self.view.set_commands(extra=[self.readers_action])
        self.view.doubleClicked.connect(self._double_clicked)
        self.empty_note = QLabel(objectName="findingsEmpty", wordWrap=True)
        self.empty_note.setText("No finding from this wave yet: on Results by group, select a gap and press "
                                "<b>Send gap to Priorities</b>; it is listed here to be read together.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("Each gap sent to Priorities from this wave. Read them together with people from "
                                "across positions, write what the team made of each, and name who took part: the "
                                "reading prints with the findings.", wordWrap=True))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_note)
        layout.addLayout(button_row((("&Who read it...", self.choose_readers, "chooseReaders"),)))
        self.model.modelReset.connect(self._fit)
        self.model.rowsInserted.connect(lambda *_a: self._fit())
        self.model.rowsRemoved.connect(lambda *_a: self._fit())
        self._fit()

    def _fit(self) -> None:
        fit_columns(self.view, stretch_column=READING)
        self.empty_note.setVisible(not self.model.rowCount())

    def set_wave(self, wave_id: int | None) -> None:
        self.model.set_wave(wave_id)
        self._fit()

    def selected(self):
        return selected_record(self.view)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == READERS:
            self.choose_readers()

    def choose_readers(self) -> ReadersDialog | None:
        finding = self.selected()
        if finding is None:
            self.context.rejected.emit("Select a finding first.")
            return None
        people = self.context.read(list_people)
        if not people:
            self.context.rejected.emit("The plan has no people yet: add them on the Team tab first.")
            return None
        dialog = ReadersDialog(finding, [(p.id, p.name) for p in people], self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            chosen = dialog.values()[0]
            if chosen != frozenset(finding.reader_ids):
                self.context.edit(commands.set_readers(self.context, finding.id, finding.group, chosen))
        return dialog


class ReadersDialog(CheckListDialog):
    """Tick everyone who took part in reading a finding (anyone in the plan, on the team or not)."""

    def __init__(self, finding, people: list[tuple[int, str]], parent: QWidget | None = None):
        self.people = CheckList(people, finding.reader_ids, "findingReaders")
        super().__init__(f"Who read the finding on {finding.group}", [("People", self.people)],
                         note="Name everyone who took part in reading this finding, from across positions: "
                              "the staff it concerns as well as the team.", parent=parent)
