"""Import a survey file in three pages: choose the file, confirm each column's role, name the wave.

Reading the file and turning the answers into arrays run in a worker with a progress bar and
Cancel (``gui.workers.Task``); the plan is written only when the wizard finishes, in one undoable
edit, so cancelling at any point leaves the plan as it was. The tables of columns and of odd
answers the second page shows are ``import_columns``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gui.data.import_columns import ColumnChoicesModel, OddAnswerDelegate, OddAnswersModel, count_text
from gui.plan_context import PlanContext
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.tables import make_table_view
from gui.window_geometry import fit_to_screen
from gui.workers import Task
from services.data.survey_columns import ROLE_LABELS, Role
from services.data.survey_files import LAYOUT_NAMES, workbook_sheets
from services.data.survey_import import (
    ImportSource,
    PreparedWave,
    clean_wave_label,
    default_wave_label,
    prepare_wave,
    propose,
    read_for_import,
    response_dates,
    unique_wave_label,
)
from services.data.survey_import_summary import dropped_line
from services.data.survey_late_responses import Replacement, earlier_version
from services.data.wellness_domains import domain_names
from services.errors import InvalidInput

ENCODINGS = (("", "Detect"), ("utf-8", "UTF-8"), ("utf-16", "UTF-16 (Unicode text)"), ("cp1252", "Windows-1252"))
SEPARATORS = (("", "Detect"), (",", "Comma ,"), (";", "Semicolon ;"), ("tab", "Tab"), ("|", "Pipe |"))
SHEETS_DELAY_MS = 300
COLUMNS_MEASURED = 25  # rows of the columns page a column's width is measured from (about a screenful)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setTitle("Choose the survey file")
        self.setSubTitle("A CSV or Excel export from your survey tool (Qualtrics, SurveyMonkey, Google Forms) or an "
                         "HR system. WellPlan finds the header, the encoding and the separator itself.")
        self._wizard = wizard
        self.path = QLineEdit(objectName="surveyFile", placeholderText="C:\\Users\\...\\Staff survey.csv")
        browse = QPushButton("&Browse...")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sheet = QComboBox(objectName="surveySheet", editable=True)
        self.sheet.lineEdit().setPlaceholderText("the first sheet that is a table")
        self.sheet.setEnabled(False)
        self.encoding = QComboBox(objectName="surveyEncoding")
        for value, label in ENCODINGS:
            self.encoding.addItem(label, value)
        self.separator = QComboBox(objectName="surveySeparator")
        for value, label in SEPARATORS:
            self.separator.addItem(label, value)
        self.missing = QLineEdit(objectName="surveyMissing", placeholderText="e.g. Unsure, 99")
        self.missing.setToolTip("Answers to count as missing, separated by commas. \u201cDon't know\u201d, "
                                "\u201cN/A\u201d, \u201cPrefer not to say\u201d and blanks already are.")
        self.error = QLabel(objectName="importError", wordWrap=True)
        self.error.setStyleSheet("color: #B42318;")
        form = QFormLayout(self)
        form.addRow(QLabel("&File:", buddy=self.path), row)  # a row of widgets has no buddy of its own
        form.addRow("Excel &sheet:", self.sheet)
        form.addRow("&Encoding:", self.encoding)
        form.addRow("Se&parator:", self.separator)
        form.addRow("Also &missing:", self.missing)
        form.addRow(self.error)
        self.path.textChanged.connect(self.completeChanged)
        self.path.textChanged.connect(lambda _t: self.error.clear())
        # A workbook's sheet names are read once the person stops typing, and off the window's thread:
        # a path typed letter by letter would otherwise open the file at each keystroke.
        self._sheets_timer = QTimer(self)
        self._sheets_timer.setSingleShot(True)
        self._sheets_timer.setInterval(SHEETS_DELAY_MS)
        self._sheets_timer.timeout.connect(self._list_sheets)
        self._sheets_task: Task | None = None
        self.path.textChanged.connect(lambda _t: self._sheets_timer.start())

    def _list_sheets(self) -> None:
        """A workbook's sheets to choose from; CSV files have none."""
        if self._sheets_task is not None:  # for a path since typed over: its answer is not wanted
            self._sheets_task.cancel()
            self._sheets_task = None
        path = self.path.text().strip()
        if not path.casefold().endswith((".xlsx", ".xlsm")):
            self._show_sheets([])
            return

        def done(sheets: list[str]) -> None:
            self._sheets_task = None
            self._show_sheets(sheets)

        def failed(_exc: BaseException, _details: str) -> None:
            self._sheets_task = None
            self._show_sheets([])

        self._sheets_task = Task(self, "Reading the workbook's sheet names...",
                                 lambda progress, cancelled: workbook_sheets(path), done, failed)
        self._sheets_task.start()

    def _show_sheets(self, sheets: list[str]) -> None:
        self.sheet.clear()
        self.sheet.addItems(sheets)
        self.sheet.setCurrentIndex(-1)
        self.sheet.setEnabled(bool(sheets))

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a survey file", str(Path.home()),
                                              "Survey files (*.csv *.xlsx *.txt *.tsv);;All files (*)")
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        if self._wizard.source is not None and self._wizard.source_key == self._key():
            return True
        self._wizard.read_file(self._key())
        return False  # the worker moves the wizard on when the file has been read

    def _key(self) -> tuple:
        tokens = tuple(t.strip() for t in self.missing.text().split(",") if t.strip())
        return (self.path.text().strip(), self.sheet.currentText().strip() or None, self.encoding.currentData() or None,
                self.separator.currentData() or None, tokens)


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setTitle("Confirm what each column is")
        self._wizard = wizard
        self.summary = QLabel(objectName="columnsSummary", wordWrap=True)
        self.view = make_table_view(self, name="Columns of the file")
        self.view.setObjectName("columnChoices")
        self.view.setModel(wizard.columns_model)
        self.view.setItemDelegateForColumn(ColumnChoicesModel.ROLE, ChoiceDelegate(
            lambda: [(r.value, label) for r, label in ROLE_LABELS.items()], self.view))
        self.view.setItemDelegateForColumn(ColumnChoicesModel.DOMAIN, ChoiceDelegate(
            lambda: [("", "(none)")] + [(d, d) for d in wizard.columns_model.domains], self.view))
        self.keep_comments = QCheckBox("&Keep free-text comments from this file in the plan", objectName="keepComments")
        self.keep_comments.setToolTip("Comments can name people or be recognisable. They are not stored unless you "
                                      "tick this, and never printed. Email addresses, IP addresses and phone "
                                      "numbers in them are removed; names can't be, so keep them only if you "
                                      "need them.")
        self.odd_label = QLabel(objectName="oddAnswersLabel", wordWrap=True)
        self.odd_view = make_table_view(self, name="Unusual answers")
        self.odd_view.setObjectName("oddAnswers")
        self.odd_view.setModel(wizard.odd_model)
        self.odd_view.setItemDelegateForColumn(OddAnswersModel.MAP, OddAnswerDelegate(wizard.odd_model, self.odd_view))
        self.odd_view.setMaximumHeight(150)
        self.error = QLabel(objectName="columnsError", wordWrap=True)
        self.error.setStyleSheet("color: #B42318;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.odd_label)
        layout.addWidget(self.odd_view)
        layout.addWidget(self.keep_comments)
        layout.addWidget(self.error)
        wizard.odd_model.modelReset.connect(self._show_odd)
        wizard.columns_model.dataChanged.connect(self._update_summary)
        wizard.columns_model.modelReset.connect(self._update_summary)

    def initializePage(self) -> None:
        header = self.view.horizontalHeader()
        # The columns' widths from a screenful of rows, not from every column of the file: each cell
        # measured is a dozen calls into the model in Python (a 60-column survey: 5,000 calls, a
        # third of the window's time as the file's read ends).
        header.setResizeContentsPrecision(COLUMNS_MEASURED)
        self.view.resizeColumnsToContents()
        for col, width in ((0, 120), (1, 320), (2, 200), (3, 250), (4, 150), (6, 220)):
            header.resizeSection(col, min(header.sectionSize(col) + 16, width))
        self._update_summary()

    def _show_odd(self) -> None:
        count = self._wizard.odd_model.row_count()
        self.odd_label.setText(
            f"<b>{count} answer{'s are' if count != 1 else ' is'} not on {'their' if count != 1 else 'its'} "
            "item's scale</b> (a typing slip, or a code such as 99). Choose the point each stands for, or "
            "Missing, so no answer is dropped without your say.")
        self.odd_label.setVisible(bool(count))
        self.odd_view.setVisible(bool(count))
        if count:
            self.odd_view.resizeColumnsToContents()

    def _update_summary(self, *_args) -> None:
        source = self._wizard.source
        if source is None:
            return
        counts = self._wizard.columns_model.counts()
        where = ("as you confirmed for a file with these columns before" if self._wizard.from_profile
                 else "proposed by WellPlan; check each one")
        self.summary.setText(
            f"<b>{source.table.name}</b>: {LAYOUT_NAMES.get(source.table.layout, source.table.layout)}, "
            f"{source.table.row_count} responses, {len(source.table.columns)} columns. Roles are {where}. "
            f"{count_text(counts[Role.SCALE], 'scale item')}, "
            f"{count_text(counts[Role.CHOICES], 'tick-all-that-apply question')}, "
            f"{count_text(counts[Role.DIMENSION], 'respondent attribute')}, {count_text(counts[Role.COMMENT], 'comment column')}; "
            f"<b>{count_text(counts[Role.IDENTIFYING], 'identifying or technical column')} will not be stored</b>."
            + "".join(f"<br>{note}" for note in source.table.notes))
        self.error.clear()

    def validatePage(self) -> bool:
        choices = self._wizard.columns_model.choices
        bad = next((c for c in choices if c.role is Role.SCALE and c.scale is None), None)
        if bad is not None:
            self.error.setText(f"\u201c{bad.label}\u201d is marked as a scale item, but its answers are not on a "
                               "scale WellPlan knows. Choose another role for it.")
            return False
        refused = next((c for c in choices if c.role is Role.DIMENSION and c.refusal), None)
        if refused is not None:
            self.error.setText(f"\u201c{refused.label}\u201d can't be a respondent attribute: {refused.refusal}. "
                               "Choose another role for it.")
            return False
        if not any(c.role is Role.SCALE for c in choices):
            self.error.setText("Mark at least one column as a scale item: without one there is nothing to report.")
            return False
        if self._wizard.odd_model.unmapped():
            self.error.setText("Choose a point or Missing for every answer that is not on its item's scale.")
            return False
        return True


class WavePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setTitle("Name the wave")
        self.setSubTitle("A wave is one round of the survey. Results compare waves side by side when an item "
                         "appears in more than one.")
        self._wizard = wizard
        self.label = QLineEdit(objectName="waveLabel")
        self.replace_box = QCheckBox(objectName="replaceWave")
        self.replace_box.setVisible(False)
        self.summary = QLabel(objectName="waveSummary", wordWrap=True)
        self.error = QLabel(objectName="waveError", wordWrap=True)
        self.error.setStyleSheet("color: #B42318;")
        form = QFormLayout(self)
        form.addRow("Wave &label:", self.label)
        form.addRow(self.replace_box)
        form.addRow(self.summary)
        form.addRow(self.error)
        self.label.textChanged.connect(self.completeChanged)
        self.label.textChanged.connect(lambda _t: self.error.clear())

    def initializePage(self) -> None:
        source = self._wizard.source
        _first, last = response_dates(source.table)
        self.label.setText(self._wizard.context.read(
            lambda s: unique_wave_label(s, default_wave_label(source.path.name, last))))
        counts = self._wizard.columns_model.counts()
        keep = self._wizard.columns_page.keep_comments.isChecked()
        self.summary.setText(
            f"{source.table.row_count} responses will be stored as {counts[Role.SCALE]} scale items, "
            f"{counts[Role.CHOICES]} tick-all-that-apply questions and {counts[Role.DIMENSION]} respondent "
            "attributes. Comments: " + ("kept, with contact details and ids removed (names typed in them can't all "
                                        "be found)" if keep else "not stored") + ". "
            + dropped_line(self._wizard.columns_model.choices) + " The mapping is saved for the next file with the "
            "same columns.")

    def isComplete(self) -> bool:
        return bool(self.label.text().strip())

    def validatePage(self) -> bool:
        try:
            self._wizard.context.read(lambda s: clean_wave_label(s, self.label.text()))
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return False
        if self._wizard.prepared is not None:
            return True
        self._wizard.prepare()
        return False  # the worker finishes the wizard when the answers are ready


class ImportWizard(QWizard):
    """Produces ``prepared`` (a checked wave) and ``wave_label``; the tab stores them on accept."""

    def __init__(self, context: PlanContext, parent: QWidget | None = None, start_path: str = ""):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import a survey file")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.resize(1240, 660)
        fit_to_screen(self)  # a 1024x768 laptop shows all of it
        self.source: ImportSource | None = None
        self.source_key: tuple | None = None
        self.from_profile = False
        self.prepared: PreparedWave | None = None
        self.replacement: Replacement | None = None  # set when the file is a later download of a wave
        self.wave_label = ""
        self.task: Task | None = None
        self.columns_model = ColumnChoicesModel(self)
        self.odd_model = OddAnswersModel(self.columns_model)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.wave_page = WavePage(self)
        for page in (self.file_page, self.columns_page, self.wave_page):
            self.addPage(page)
        self.file_page.path.setText(start_path)
        self.columns_model.dataChanged.connect(self._forget_prepared)
        self.columns_page.keep_comments.toggled.connect(self._forget_prepared)

    def _forget_prepared(self, *_args) -> None:
        self.prepared = None

    # Step 1: read the file in a worker ------------------------------------------------------------
    def read_file(self, key: tuple) -> None:
        path, sheet, encoding, sep, missing = key

        def work(progress, cancelled):
            progress(0, 0)
            return read_for_import(path, sheet=sheet, encoding=encoding, sep=sep, missing=missing)

        def done(source: ImportSource) -> None:
            proposal, domains = self.context.read(lambda s: (propose(s, source), domain_names(s)))
            if proposal.source.missing != tuple(missing):  # the saved profile's tokens
                self.file_page.missing.setText(", ".join(proposal.source.missing))
            self.source, self.source_key, self.prepared = proposal.source, self.file_page._key(), None
            self.from_profile = proposal.from_profile
            self.columns_model.set_source(proposal.source, proposal.choices, domains)
            self.columns_page.keep_comments.setChecked(proposal.keep_comments)
            self.next()

        self._run("Reading the survey file...", work, done, self.file_page.error)

    # Step 3: turn the answers into arrays in a worker -----------------------------------------------
    def prepare(self) -> None:
        source, choices = self.source, list(self.columns_model.choices)
        keep = self.columns_page.keep_comments.isChecked()

        def work(progress, cancelled):
            return prepare_wave(source, choices, keep_comments=keep, progress=progress, cancelled=cancelled)

        def done(wave: PreparedWave) -> None:
            self.prepared, self.wave_label = wave, " ".join(self.wave_page.label.text().split())
            if self._earlier_version_decided(wave):
                self.accept()

        self._run("Checking every answer...", work, done, self.wave_page.error)

    def _earlier_version_decided(self, wave: PreparedWave) -> bool:
        """A later download of a wave in the plan can only replace it (kept apart, the late answers
        could be worked out by subtraction): the user says so with the Replace box, then Finish."""
        try:
            self.replacement = self.context.read(lambda s: earlier_version(s, wave))
        except InvalidInput as exc:  # the very same responses again
            self.prepared = None
            self.wave_page.error.setText(str(exc))
            return False
        if self.replacement is None:
            return True
        version = self.replacement.version
        box = self.wave_page.replace_box
        if box.isVisible() and box.isChecked():
            self.wave_label = version.label
            return True
        box.setText(f"&Replace wave \u201c{version.label}\u201d with this file (its {version.earlier} responses and "
                    f"{version.added} late ones)")
        box.setVisible(True)
        self.wave_page.error.setText(
            f"This file holds every response of wave \u201c{version.label}\u201d and {version.added} more. Kept as "
            "a separate wave, the late respondents' answers could be worked out by subtraction, so it can only "
            "replace that wave: tick the box and press Finish.")
        return False

    def _run(self, label: str, work, done, error_label: QLabel) -> None:
        error_label.clear()
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def failed(exc: BaseException, _details: str) -> None:
            self._enable_buttons()
            error_label.setText(str(exc) if isinstance(exc, InvalidInput) else
                                f"The file could not be read ({type(exc).__name__}: {exc}).")

        def finished(result) -> None:
            self._enable_buttons()
            done(result)

        self.task = Task(self, label, work, finished, failed)
        self.task.dialog.canceled.connect(self._enable_buttons)
        self.task.start()

    def _enable_buttons(self) -> None:
        self.task = None
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            self.button(which).setEnabled(True)
        self.currentPage().completeChanged.emit()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()
