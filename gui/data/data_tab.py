"""The Data tab (seed 000, steps 3 and 4): import staff survey exports as waves, see who answered
(and record the barriers to a group's taking part), read the results by group with every small
group withheld, send gaps, low participation and reviewed policies to Priorities, read the findings
together, and keep the list of the district's other data sources and what they cover.

Long because it wires five pages to the plan (results, findings, participation with its three ways
to enter headcounts, items, data sources); the pages that have their own widgets build them
(``results_page``, ``findings_page``, ``sources_page``, the dialogs), and every read of a wave runs
in the background.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.data import commands
from gui.data.domains_dialog import DomainsDialog
from gui.data.findings_page import FindingsPage
from gui.data.headcount_match_dialog import HeadcountMatchDialog
from gui.data.import_wizard import ImportWizard
from gui.data.results_page import ResultsPage
from gui.data.sources_page import CoverageDialog, SourcesPage
from gui.data.wave_models import CommentsModel, ItemsModel, ParticipationModel, WavesModel
from gui.dialog_lifetime import run_modal
from gui.plan_context import ACTIONS, DATA, FINDINGS, GROUPS, HEADCOUNTS, PROFILE, PlanContext
from gui.settings import AppSettings
from gui.snapshot_read import SnapshotRead
from gui.widgets.confirm import confirm_removal
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.empty_state import EmptyState
from gui.widgets.tables import PlanTableView, fit_columns, make_table_view, selected_record
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.widgets.when_shown import WhenShown
from gui.workspace_tab import WorkspaceTab
from services.data import data_sources, low_participation, survey_participation, survey_waves, wellness_domains
from services.data.answer_access import KEPT, answers_readable
from services.data.group_order import in_group_order
from services.data.survey_findings import gap_for, sent_findings
from services.data.survey_import_summary import answered_lines, closing_lines
from services.data.survey_release import release_table
from services.data.survey_report import WaveData, load_wave, min_group_size
from services.district_profile import list_position_groups
from services.errors import InvalidInput

INTRO = ("Bring together what the district already knows. Import this year's staff survey export as it comes from "
         "your survey tool: names, emails and other identifying columns are never stored, and no result for a group "
         "smaller than the plan's minimum group size is ever shown.")


SURVEY_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt", ".tsv")


class HeadcountsTableView(PlanTableView):
    """The participation table: Ctrl+V (and Edit > Paste) with groups and numbers of staff copied
    from a spreadsheet sets those headcounts in one step, as Paste headcounts does; a lone number
    goes into its cell as in any table."""

    take_pasted_rows = None  # (clipboard text) -> bool, given by the tab: True when it took them

    def paste(self) -> None:
        if self.take_pasted_rows is not None and self.take_pasted_rows(QGuiApplication.clipboard().text()):
            return
        super().paste()


class DataTab(WorkspaceTab):
    main_printout = "survey-summary"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.settings = AppSettings()
        self._shown = None  # the selected wave's data and the minimum group size, as last read
        self._thresholds = None  # the gap thresholds the results were marked with
        toolbar = tab_toolbar("Data")
        self.import_action = add_tab_action(self, toolbar, "Import survey...", "Import a CSV or Excel survey export "
                                            "as a new wave", lambda: self.import_survey(), QKeySequence("Ctrl+Shift+I"))
        self.remove_action = add_tab_action(self, toolbar, "Remove wave", "Remove the selected wave and its answers",
                                            self.remove_wave)
        toolbar.addSeparator()
        self.print_action = add_tab_action(self, toolbar, "Print summary...", "The results by the chosen attribute "
                                           "as a PDF, with small groups withheld", self.print_summary)
        self.csv_action = add_tab_action(self, toolbar, "Save results as CSV...", "The results table as a CSV file "
                                         "(withheld cells stay empty)", self.save_csv)
        toolbar.addSeparator()
        add_tab_action(self, toolbar, "Domains...", "Edit the list of wellness domains", self.edit_domains)

        # On a district server, the answers may be kept from this account (answer_access): the tab
        # then shows what each wave asked, and no results (they reach the account as released).
        self.answers_readable = context.read(answers_readable)
        self.waves_model = WavesModel(context)
        # The wave's name always whole; the dates take what is left (in full in their tooltip).
        self.waves_view = make_table_view(self, stretch_column=2, name="Survey waves")
        self.waves_view.setObjectName("wavesList")
        self.waves_view.setModel(self.waves_model)
        fit_columns(self.waves_view, stretch_column=2)
        self.waves_model.modelReset.connect(lambda: fit_columns(self.waves_view, stretch_column=2))
        self.rename_action = QAction("Re&name wave", self.waves_view)
        self.rename_action.triggered.connect(lambda _checked=False: self.rename_wave())
        self.waves_view.set_commands(add=("&Import survey...", lambda: self.import_survey()),
                                     remove=("&Remove wave", self.remove_wave),
                                     extra=[self.rename_action, self.print_action, self.csv_action])

        self.header = QLabel(objectName="waveHeader", wordWrap=True)
        self.results_page = ResultsPage(self)
        self.participation_page = self._participation_page()
        self.items_model = ItemsModel(context)
        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        items_layout.setContentsMargins(4, 4, 4, 4)
        items_layout.addWidget(QLabel("Each scale item of the wave, its wellness domain and whether it is "
                                      "reverse-scored. Double-click or start typing to change one.", wordWrap=True))
        self.items_view = make_table_view(self, stretch_column=4, name="Items and domains")
        self.items_view.setObjectName("itemsList")
        domains_action = QAction("Edit &domains...", self.items_view)
        domains_action.triggered.connect(lambda _checked=False: self.edit_domains())
        self.items_view.set_commands(extra=[domains_action])
        self.items_view.setModel(self.items_model)
        # The items are read in the background while their page is not on screen (``ItemsModel``),
        # with no progress dialog for a page nobody is looking at.
        self.items_model.reads = SnapshotRead(items_page, lambda: self.context.plan)
        self.items_model.page = WhenShown(items_page)
        self.items_view.setItemDelegateForColumn(1, ChoiceDelegate(self._domain_choices, self.items_view))
        self.items_view.setItemDelegateForColumn(2, ChoiceDelegate(lambda: [(False, "No"), (True, "Yes")],
                                                                   self.items_view))
        items_layout.addWidget(self.items_view, 2)
        self.comments_label = QLabel(objectName="commentsLabel", wordWrap=True)
        self.comments_model = CommentsModel(context)
        self.comments_view = make_table_view(self, stretch_column=1, name="Comments")
        self.comments_view.setObjectName("commentsList")
        self.comments_view.setModel(self.comments_model)
        items_layout.addWidget(self.comments_label)
        items_layout.addWidget(self.comments_view, 1)
        self.sources_page = SourcesPage(context, self)
        self.findings_page = FindingsPage(context, self)
        # The findings are read when their page is shown, not with the tab nor at every change
        # while it is behind another page (a page the person may never open).
        self.findings_shown = WhenShown(self.findings_page)
        self.tab_shown = WhenShown(self)
        self.findings_page.model.when_shown = self.findings_shown
        self.pages = QTabWidget(objectName="dataPages")
        for page, title in ((self.results_page, "&Results by group"), (self.findings_page, "Fi&ndings"),
                            (self.participation_page, "&Participation"),
                            (items_page, "&Items and domains"), (self.sources_page, "Data &sources and gaps")):
            self.pages.addTab(page, title)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Survey waves</b>"))
        left_layout.addWidget(self.waves_view, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.pages, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)  # both sides give way to a narrower window, the list less
        body.setStretchFactor(1, 3)
        body.setSizes([360, 1040])
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(QLabel(INTRO, wordWrap=True))
        work_layout.addWidget(body, 1)
        self.empty = EmptyState(
            "No survey yet",
            "Start with what the district already knows: import this year's staff survey export (CSV or Excel) "
            "as it comes from your survey tool, or drop the file on this window. Names, emails and other "
            "identifying columns are never stored, and no small group's result is ever shown.",
            "&Import survey...", lambda: self.import_survey(), object_name="dataEmpty",
            other=("&List the district's other data sources first", self._list_sources_first, "sourcesFirst"))
        self.empty.button.setObjectName("emptyImport")
        self._sources_first = False
        self.stack = QStackedWidget(objectName="dataStack")
        self.stack.addWidget(work)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(toolbar)
        layout.addWidget(self.stack, 1)

        self.waves_view.selectionModel().selectionChanged.connect(lambda *_a: self.refresh())
        # Reading a wave, auditing its results and its response rates each read the plan off the
        # window's thread (a wave is every answer of the survey); each view has its own reads.
        open_plan = lambda: self.context.plan  # noqa: E731
        self.wave_reads = SnapshotRead(self, open_plan)
        self.participation_reads = SnapshotRead(self, open_plan)
        self.results_page.reads = SnapshotRead(self, open_plan)
        self.results_page.reporter = lambda s, wave, by, then, m: in_group_order(s, release_table(s, wave, by, m, then).report)
        self.results_page.sent_reader = lambda s, wave, by: set(sent_findings(s, wave.id, by))
        self.results_page.send_requested.connect(self.send_gap)
        self.results_page.settings_changed.connect(self.refresh)
        self.sources_page.add_requested.connect(self.add_source)
        self.sources_page.coverage_requested.connect(self.edit_coverage)
        self.sources_page.remove_requested.connect(self.remove_source)
        self.sources_page.send_gap_requested.connect(self.send_coverage_gap)
        self.sources_page.policies.status_message.connect(self.status_message)
        # Each wave's answers as read from the plan, by wave id: reading every wave took a whole
        # pass over the survey tables on each selection; only a DATA change can alter them.
        self._loaded_waves: dict[int, WaveData] = {}
        context.changed.connect(self._plan_changed)
        if self.waves_model.rowCount():
            # Selecting shows the wave (selectionChanged): refreshed again below, it started a second
            # read of every wave while the first still ran, dropped, to its end (a district's
            # 150,000 x 60 survey, twice at once, each holding the window's thread a little).
            self.waves_view.selectRow(0)
        else:
            self.refresh()

    # Pages ----------------------------------------------------------------------------------------
    def _participation_page(self) -> QWidget:
        page = QWidget()
        self.participation_by = QComboBox(objectName="participationBy")
        self.participation_by.activated.connect(lambda _i: self._refresh_participation())
        self.participation_model = ParticipationModel(self.context, self)
        self.participation_view = make_table_view(page, stretch_column=ParticipationModel.BARRIERS,
                                                  name="Participation by group", view_class=HeadcountsTableView)
        self.participation_view.setObjectName("participationTable")
        self.participation_view.setModel(self.participation_model)
        self.send_participation_action = QAction("&Send to Priorities", self.participation_view)
        self.send_participation_action.setToolTip("A candidate action to address what keeps the selected group from "
                                                  "taking part, with its response rate and the barriers found")
        self.send_participation_action.triggered.connect(lambda _checked=False: self.send_low_participation())
        self.send_participation_button = QPushButton("&Send to Priorities", objectName="sendParticipation")
        self.send_participation_button.setToolTip(self.send_participation_action.toolTip())
        self.send_participation_button.clicked.connect(lambda _checked=False: self.send_low_participation())
        self.participation_view.selectionModel().currentChanged.connect(lambda *_a: self._enable_participation_send())
        self.participation_model.modelReset.connect(self._enable_participation_send)
        menu_actions = [self.send_participation_action]
        self.participation_summary = QLabel(objectName="participationSummary", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(QLabel("&For:", buddy=self.participation_by))
        row.addWidget(self.participation_by, 1)
        buttons = QHBoxLayout()  # a row of their own, so the table keeps its width in a narrow window
        for text, slot, name in (("&Paste headcounts", self.paste_headcounts, "pasteHeadcounts"),
                                 ("Import &roster...", self.import_roster, "importRoster"),
                                 ("Use the district &profile's headcounts...", self.profile_headcounts,
                                  "profileHeadcounts")):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            action = QAction(text, self.participation_view)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu_actions.append(action)
        self.participation_view.set_commands(extra=menu_actions)
        self.participation_view.take_pasted_rows = self._paste_headcount_rows
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("Type each group's number of staff (or paste two columns from a spreadsheet) to see "
                                "its response rate. Low participation is a data gap in itself and often means "
                                "distrust: record the barriers you find and send the group to Priorities.",
                                wordWrap=True))
        buttons.addStretch(1)
        buttons.addWidget(self.send_participation_button)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.participation_view, 1)
        layout.addWidget(self.participation_summary)
        return page

    def _domain_choices(self):
        return [(None, "(none)")] + [(d.id, d.name) for d in self.context.read(wellness_domains.list_domains)]

    def _show_findings(self) -> None:
        wave = self.selected_wave()
        self.findings_page.set_wave(wave.id if wave else None)

    # State ----------------------------------------------------------------------------------------
    def selected_wave(self):
        return selected_record(self.waves_view)

    def first_show_steps(self) -> Iterator[None]:
        yield from super().first_show_steps()
        if self.waves_model.rowCount() and not self.isVisible():  # results will be shown: their chart, now
            self.results_page.make_chart()
            yield

    def show_record(self, record_id: int, part: str = "") -> None:
        """A survey wave with its results (a finding's) or its participation (a group's low
        participation); a reviewed policy ("policy") or (-1: a data gap) the sources and gaps."""
        if part == "policy":
            self.pages.setCurrentWidget(self.sources_page)
            self.sources_page.policies.select(record_id)
            return
        row = self.waves_model.row_of(record_id) if record_id >= 0 else -1
        if row >= 0:
            self.waves_view.setCurrentIndex(self.waves_model.index(row, 0))
            self.pages.setCurrentWidget(self.participation_page if part == "participation" else self.results_page)
        else:
            self.pages.setCurrentWidget(self.sources_page)

    @property
    def reading(self) -> bool:
        """Whether a read of the plan for this tab is still running in the background."""
        return any(r.busy for r in (self.wave_reads, self.participation_reads, self.results_page.reads,
                                    self.items_model.reads))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.settings.gap_thresholds() != self._thresholds:  # changed in Preferences meanwhile
            self.refresh()

    def _plan_changed(self, topics: frozenset[str]) -> None:
        if DATA in topics:
            self._loaded_waves.clear()
        if DATA in topics and self.selected_wave() is None and self.waves_model.rowCount():
            self.waves_view.selectRow(0)
        if topics & {DATA, PROFILE, GROUPS}:
            self.refresh()
        else:  # the answers are unchanged: no wave is read again
            if topics & {HEADCOUNTS, ACTIONS}:  # a headcount, or a group sent to Priorities (or taken back)
                self._refresh_participation()
            if FINDINGS in topics:  # a finding taken back: its cell can be sent again
                self._refresh_sent()  # (the Findings page and the reviewed policies redraw themselves)

    def _refresh_sent(self) -> None:
        """Mark again the cells of the results already sent to Priorities."""
        page = self.results_page
        if page.wave is None or page.report is None or page.sent_reader is None:
            return  # nothing shown yet, or the read in flight reads them too
        wave, by, reader = page.wave, page.dimension(), page.sent_reader
        page.show_sent(self.context.read(lambda s: reader(s, wave, by)))

    def _show_empty_or_work(self) -> None:
        """The first-step page while the plan has no wave and no data source (and the person has not
        chosen to list sources first); the tab's pages otherwise."""
        empty = not self.waves_model.rowCount() and not self.sources_page.model.rowCount() and not self._sources_first
        self.stack.setCurrentWidget(self.empty if empty else self.stack.widget(0))

    def _list_sources_first(self) -> None:
        self._sources_first = True
        self._show_empty_or_work()
        self.pages.setCurrentWidget(self.sources_page)
        self.sources_page.view.setFocus()

    def refresh(self) -> None:
        self._show_empty_or_work()
        wave = self.selected_wave()
        for action in (self.remove_action, self.print_action, self.csv_action, self.rename_action):
            action.setEnabled(wave is not None)
        for action in (self.print_action, self.csv_action):  # each releases results read from the answers
            action.setEnabled(wave is not None and self.answers_readable)
        # Importing and removing a wave write the answers, which this account may not touch.
        self.import_action.setEnabled(self.answers_readable)
        self.remove_action.setEnabled(wave is not None and self.answers_readable)
        self.items_model.set_wave(wave.id if wave else None)
        self.findings_shown(self._show_findings)
        fit_columns(self.items_view, stretch_column=4)  # the item whole, the count takes the rest
        self.comments_model.set_wave(wave.id if wave else None)
        fit_columns(self.comments_view, stretch_column=1)
        kept = bool(wave and wave.comment_count) and self.answers_readable
        self.comments_view.setVisible(kept)
        self.comments_label.setText(KEPT if not self.answers_readable else
            f"<b>Comments</b> ({wave.comment_count}), kept because the importer chose to; they are never printed "
            "and not linked to anyone's answers." if kept else
            "Free-text comments were not kept for this wave (tick \u201cKeep free-text comments\u201d when "
            "importing to keep them).")
        thresholds = self._thresholds = self.settings.gap_thresholds()
        if wave is None:
            self.wave_reads.cancel()
            self.participation_reads.cancel()
            self.header.setText("No survey yet: press <b>Import survey...</b> to bring in a CSV or Excel export. "
                                "You can list the district's other data sources meanwhile.")
            self.results_page.set_wave(None, [], 5, thresholds)
            self._shown = None
            self.participation_model.set_participation(None, None)
            self.participation_summary.clear()
            return
        self.header.setText(f"<b>{wave.label}</b> \u2014 {wave.respondent_count} responses, {wave.item_count} items, "
                            f"{wave.dimension_count} respondent attributes, from {wave.source_name}"
                            + (f", {wave.comment_count} comments kept" if wave.comment_count else ""))
        # Every answer of the survey, then its audit: seconds of Python on a worker, and the window's
        # thread shares Python with it (each cell it paints meanwhile waits its turn). Built ahead of
        # its first visit, or behind another tab, the tab reads when it is shown.
        self.tab_shown(self._read_selected_wave)

    def _read_selected_wave(self) -> None:
        wave, thresholds = self.selected_wave(), self._thresholds
        if wave is None:
            return
        if not self.answers_readable:
            self.results_page.show_kept(KEPT)
            self.participation_model.set_participation(None, None)
            self.participation_summary.setText(KEPT)
            return
        if wave.id not in self._loaded_waves:  # not a blank page meanwhile: say what is coming
            self.results_page.note.setText(f"Reading the answers of \u201c{wave.label}\u201d...")
        loaded = dict(self._loaded_waves)  # the read gets its own copy: it runs on another thread

        def read(s):
            return {w.id: loaded.get(w.id) or load_wave(s, w.label) for w in survey_waves.list_waves(s)}, \
                min_group_size(s)

        def done(result) -> None:
            self._loaded_waves, min_size = result
            if wave.id not in self._loaded_waves:  # removed meanwhile: its change refreshes again
                return
            data = self._loaded_waves[wave.id]
            others = [w for key, w in self._loaded_waves.items() if key != wave.id]  # oldest first
            self._shown = (data, min_size)  # what the participation page recomputes rates from
            self.results_page.set_wave(data, others, min_size, thresholds)
            self._refresh_participation()

        def not_shown(why: str) -> None:  # nothing of another wave stays on screen under this one's name
            self._shown = None
            self.results_page.set_wave(None, [], 5, thresholds)
            self.participation_model.set_participation(None, None)
            self.participation_summary.clear()
            self.header.setText(f"<b>{wave.label}</b> {why}")

        self.wave_reads.start(f"Reading the survey wave \u201c{wave.label}\u201d...", read, done,
                              lambda message: not_shown(f"could not be read: {message}"),
                              lambda: not_shown("was not read (cancelled): select it again to read it."))

    def _refresh_participation(self) -> None:
        if self._shown is None:
            return
        data, min_size = self._shown
        keep = self.participation_by.currentText()
        self.participation_by.clear()
        for d in data.dimensions:
            self.participation_by.addItem(d.label, d.label)
        if keep and self.participation_by.findText(keep) >= 0:
            self.participation_by.setCurrentIndex(self.participation_by.findText(keep))
        if not data.dimensions:
            self.participation_model.set_participation(data.id, None)
            self.participation_summary.setText("This wave has no respondent attributes.")
            return
        dimension = data.dimension(self.participation_by.currentData())

        def read(s):
            hidden = release_table(s, data, dimension.label, min_size).report.hidden_counts  # audited, cached
            return (survey_participation.headcounts(s, data.id, dimension.label), hidden,
                    survey_participation.barriers(s, data.id, dimension.label),
                    low_participation.sent_groups(s, data.id, dimension.label))

        self.participation_reads.start("Reading the response rates...", read,
                                       lambda result: self._show_participation(data, dimension, min_size, *result),
                                       self.participation_summary.setText)

    def _show_participation(self, data: WaveData, dimension, min_size: int, counts, hidden, found, sent) -> None:
        current = self.participation_view.currentIndex()
        part = survey_participation.participation(dimension, counts, min_size, hidden, found)
        self.participation_model.set_participation(data.id, part, sent)
        fit_columns(self.participation_view, stretch_column=ParticipationModel.BARRIERS)
        if current.isValid() and current.row() < self.participation_model.rowCount():  # where the person was
            self.participation_view.setCurrentIndex(self.participation_model.index(current.row(), current.column()))
        if part.overall_rate is None:
            text = "Enter headcounts to see response rates."
        else:
            text = f"Overall: {part.overall_rate:.0f}% of {part.headcount} staff responded."
            low = [r.group for r in part.low_groups]
            if low:
                text += (f" <b>Data gap: {', '.join(low)}</b> answered far less than others; ask why (trust, "
                         "time, language, access) before reading their results.")
        self.participation_summary.setText(text)

    # Waves ----------------------------------------------------------------------------------------
    def take_file(self, path: str) -> bool:
        """A survey export dropped on the window: the import wizard, with the file already chosen."""
        if Path(path).suffix.lower() not in SURVEY_SUFFIXES:
            return False
        self.import_survey(str(path))
        return True

    def import_survey(self, path: str = "") -> ImportWizard:
        wizard = ImportWizard(self.context, self, start_path=path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a closed wizard holds the whole file
        wizard.accepted.connect(lambda: self._store_import(wizard))
        wizard.open()
        return wizard

    def _store_import(self, wizard: ImportWizard) -> None:
        if wizard.prepared is None:
            return
        prepared = wizard.prepared
        if wizard.replacement is not None:
            edit = commands.replace_wave(self.context, wizard.replacement)
            wave_id = wizard.replacement.version.wave_id
        else:
            edit = commands.import_wave(self.context, prepared, wizard.wave_label)
            wave_id = None
        if self.context.edit(edit):
            row = self.waves_model.row_of(wave_id if wave_id is not None else edit.result)
            if row >= 0:
                self.waves_view.selectRow(row)
            self.pages.setCurrentIndex(0)
            self._show_import_summary(prepared, wizard.wave_label)

    def _show_import_summary(self, prepared, label: str) -> None:
        """What was stored and dropped, and per item how many answers were counted: the same
        lines the command line prints, so nothing is dropped without the user seeing it."""
        lines = closing_lines(prepared, label, len(prepared.comments))
        box = QMessageBox(QMessageBox.Icon.Information, "Survey imported", lines[0], QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("importSummary")
        box.setInformativeText("\n".join(lines[1:]))
        box.setDetailedText("\n".join(answered_lines(prepared)))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def remove_wave(self) -> None:
        wave = self.selected_wave()
        if wave is None:
            return
        goes = self.context.read(lambda s: survey_waves.wave_dependents(s, wave.id))
        if not confirm_removal(self, f"Remove the survey wave \u201c{wave.label}\u201d and its "
                               f"{wave.respondent_count} responses from the plan?", goes, "&Remove wave"):
            return
        if self.context.edit(commands.remove_wave(self.context, wave.id, wave.label)):
            self.status_message.emit(f"Removed the survey wave \u201c{wave.label}\u201d. Edit > Undo brings it "
                                     "back.", 8000)

    def rename_wave(self) -> None:
        """Start typing the selected wave's new name in its cell (as F2 does)."""
        row = self.waves_model.row_of(wave.id) if (wave := self.selected_wave()) else -1
        if row >= 0:
            index = self.waves_model.index(row, 0)
            self.waves_view.setCurrentIndex(index)
            self.waves_view.edit(index)

    # Results --------------------------------------------------------------------------------------
    def send_gap(self, group: str, measure: str) -> None:
        wave = self.selected_wave()
        report = self.results_page.report
        if wave is None or report is None:
            return
        try:
            gap = gap_for(report, group, measure)
        except InvalidInput as exc:
            self.context.rejected.emit(str(exc))
            return
        self.context.edit(commands.send_gap_to_priorities(self.context, wave.label, self.results_page.dimension(), gap))

    def print_summary(self) -> None:
        wave = self.selected_wave()
        if wave is not None:
            self.export_with_options.emit("survey-summary", {"by": self.results_page.dimension(), "wave": wave.label})

    def send_coverage_gap(self, domain_id: int, group_id: int) -> None:
        edit = commands.send_coverage_gap(self.context, domain_id, group_id)
        if self.context.edit(edit):
            self.status_message.emit(f"Sent to Priorities: \u201c{edit.result.title}\u201d.", 8000)

    def print_main(self) -> None:
        """Ctrl+P here: the summary of the wave and attribute on screen (as Print summary... does)."""
        if self.selected_wave() is None:
            self.export_requested.emit(self.main_printout)  # the window says there is nothing yet
        else:
            self.print_summary()

    def save_csv(self) -> None:
        """Save the results shown as CSV. The window asks where, audits and writes it in the
        background and records the release in the ledger with the file (a release can't be undone:
        the file is out); Cancel leaves neither."""
        wave = self.selected_wave()
        if wave is not None:
            self.export_with_options.emit("survey-report-csv", {
                "by": self.results_page.dimension() or None, "then_by": self.results_page.then_by.currentData() or None,
                "wave": wave.label})

    # Participation --------------------------------------------------------------------------------
    def _participation_groups(self) -> tuple[str, ...] | None:
        """The groups of the attribute the participation page shows, from the wave already read."""
        dimension = self.participation_by.currentData()
        if self._shown is None or not dimension:
            return None
        return self._shown[0].dimension(dimension).groups

    def _set_counts(self, counts: dict[str, int], text: str) -> None:
        wave = self.selected_wave()
        dimension = self.participation_by.currentData()
        groups = self._participation_groups()
        if wave is None or groups is None:
            return
        matched, unknown = survey_participation.match_groups(counts, groups)
        if not matched:
            self.context.rejected.emit("None of those group names match this attribute's groups: "
                                       + ", ".join(groups) + ".")
            return
        current = self.context.read(lambda s: survey_participation.headcounts(s, wave.id, dimension))
        self.context.edit(commands.replace_headcounts(self.context, wave.id, dimension, {**current, **matched}, text))
        if unknown:
            self.context.rejected.emit("These groups were not in the survey and were left out: "
                                       + ", ".join(unknown) + ".")

    def _participation_row(self):
        index = self.participation_view.currentIndex()
        return self.participation_model.row_at(index.row()) if index.isValid() else None

    def _enable_participation_send(self) -> None:
        row = self._participation_row()
        able = row is not None and row.low and row.group not in self.participation_model.sent
        self.send_participation_action.setEnabled(able)
        self.send_participation_button.setEnabled(able)

    def send_low_participation(self) -> None:
        """The selected group's low participation as a candidate action on Priorities."""
        row, wave = self._participation_row(), self.selected_wave()
        if row is None or wave is None or self.participation_model.part is None:
            return
        if not row.low:
            self.context.rejected.emit(f"{row.group}'s response rate is not far below the others': only a group "
                                       "with low participation goes to Priorities from here.")
            return
        edit = commands.send_low_participation(self.context, wave.id, self.participation_model.part.dimension,
                                               row.group)
        if self.context.edit(edit):
            self.status_message.emit(f"Sent to Priorities: \u201c{edit.result.title}\u201d.", 8000)

    def paste_headcounts(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            text, ok = QInputDialog.getMultiLineText(self, "Paste headcounts", "One group per line, then its number "
                                                     "of staff (tab or comma between):")
            if not ok:
                return
        self._counts_from(lambda: survey_participation.parse_pasted(text), "Paste headcounts")

    def _paste_headcount_rows(self, text: str) -> bool:
        """Rows of groups and numbers of staff: set those headcounts (True); anything else: False."""
        if "\t" not in text.strip():
            return False
        try:
            counts = survey_participation.parse_pasted(text)
        except InvalidInput:
            return False
        self._set_counts(counts, "Paste headcounts")
        return True

    def import_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a roster", str(Path.home()),
                                              "Rosters (*.csv *.xlsx *.txt);;All files (*)")
        if not path:
            return
        self._counts_from(lambda: survey_participation.read_roster(path), "Import headcounts from a roster")

    def _counts_from(self, read, text: str) -> None:
        try:
            counts = read()
        except InvalidInput as exc:
            self.context.rejected.emit(str(exc))
            return
        self._set_counts(counts, text)

    def profile_headcounts(self) -> HeadcountMatchDialog | None:
        """Show which profile staff group each survey group matched, to confirm before using their headcounts."""
        wave = self.selected_wave()
        dimension = self.participation_by.currentData()
        if wave is None or not dimension:
            return None
        if not any(g.headcount for g in self.context.read(list_position_groups)):
            self.context.rejected.emit("The district profile has no numbers of staff yet: enter each staff group's "
                                       "number on the Overview tab, under the district profile.")
            return None
        dialog = HeadcountMatchDialog(self.context, wave.id, wave.label, dimension, self)
        dialog.open()
        return dialog

    # Data sources ---------------------------------------------------------------------------------
    def add_source(self) -> None:
        known = {s.name for s in self.context.read(data_sources.list_sources)}
        suggestions = [n for n in data_sources.SUGGESTED_SOURCES if n not in known]
        name, ok = QInputDialog.getItem(self, "Add data source", "Name (choose one or type your own):",
                                        suggestions or [""], 0, True)
        if ok and name.strip():
            edit = commands.add_source(self.context, name)
            if self.context.edit(edit):
                row = self.sources_page.model.row_of(edit.result)
                self.sources_page.view.selectRow(row)
                self.edit_coverage()

    def edit_coverage(self) -> None:
        source = self.sources_page.selected()
        if source is None:
            return
        dialog = CoverageDialog(source.name, self.context.read(data_sources.coverage), source.domain_ids,
                                source.group_ids, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            domains, groups = dialog.values()
            if (domains, groups) != (source.domain_ids, source.group_ids):
                self.context.edit(commands.set_source_coverage(self.context, source.id, domains, groups))

    def remove_source(self) -> None:
        source = self.sources_page.selected()
        if source is None:
            return
        goes = self.context.read(lambda s: data_sources.source_dependents(s, source.id))
        if confirm_removal(self, f"Remove the data source \u201c{source.name}\u201d?", goes, "&Remove source") and \
                self.context.edit(commands.remove_source(self.context, source.id, source.name)):
            self.status_message.emit(f"Removed the data source \u201c{source.name}\u201d. Edit > Undo brings it "
                                     "back.", 8000)

    def edit_domains(self) -> None:
        run_modal(DomainsDialog(self.context, self))
