"""The main window: menus, the welcome screen, and the plan's tabs in journey order.

Long because every way the open plan is replaced or written whole (open, new, the sample, repair,
Save a copy, a file that went away, exports) shares the window's one plan context and its one
opening task, and each asks the person on the window's thread; the work itself runs in
``gui.workers.Task`` and the services.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

# QtCore.Qt, not Qt: importing the name makes PySide6 build every one of Qt's enums in Python,
# a cost the window would otherwise pay before it is drawn (start-up loads only what it shows).
# The same for classes only a menu command uses (QtWidgets.QFileDialog, not QFileDialog): PySide6
# builds a class, and its enums, when its name is first taken from its module.
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import server_window
from gui.app_paths import sample_plan_path
from gui.collection_pause import freeze_built_plan, pause_collection, thaw_closed_plan
from gui.dialog_lifetime import run_modal
from gui.error_dialog import plain_words, show_error
from gui.settings import AppSettings
from gui.tab_prebuilder import TabPrebuilder
from gui.tabs import TABS
from gui.window_geometry import fit_to_screen
from gui.workers import Task, import_in_background
from services.app_info import APP_NAME, PLAN_SUFFIX

# Everything that reads a plan (SQLAlchemy, the models, the services) is imported where it is
# used, not here: the window is on screen, named after the plan, before any of it is loaded, and
# the plan opens in the background meanwhile (see gui.app and README "Speed").
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPixmap

    from gui.launch_picture import PictureView
    from gui.plan_context import PlanContext
    from gui.welcome import WelcomeScreen
    from gui.workspace_tab import WorkspaceTab
    from services.plan.plan_file import PlanFile

log = logging.getLogger("wellplan")
PLAN_FILTER = f"WellPlan plans (*{PLAN_SUFFIX})"
SURVEY_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".tsv", ".txt")  # what the import wizard reads
THAW_AFTER_CLOSE_MS = 500  # a closed plan's tabs are deleted by Qt a moment after it closes


def _documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def first_steps(plan, cancelled: Callable[[], bool]) -> tuple | None:
    """The Overview's first read of a plan just opened (on the opening's worker): its journey's
    statuses and what to do next. They read every part of the plan: a value another program wrote
    that nothing can stand in for refuses the plan here, before it is shown, and what they say is
    the Overview's first read (shown at once, not read again). The plan is closed (lock and all) if
    the read fails or nobody will install it (None)."""
    from services.overview import journey

    try:
        with plan.transaction() as session:
            statuses = journey.journey_status(session)
            steps = (statuses, journey.what_next(session, statuses))
    except BaseException:
        plan.close()
        raise
    if cancelled():
        plan.close()
        return None
    return steps


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *, opening: str | Path | None = None):
        """``opening``: start-up's plan, named in the title at once and opened once the window is
        on screen (the welcome screen is then only built if it fails to open)."""
        super().__init__(parent)
        self.settings = settings
        self.context: PlanContext | None = None
        self.tabs: QTabWidget | None = None
        self.tab_widgets: dict[str, WorkspaceTab] = {}
        self.prebuilder: TabPrebuilder | None = None  # builds the tabs ahead of their first visit
        self._tab_hosts: dict[str, QWidget] = {}
        self.undo_group = QUndoGroup(self)
        self.active_task: Task | None = None
        self._opening: Task | None = None  # a plan being opened, upgraded or built

        self._welcome: WelcomeScreen | None = None
        self._launch_picture: PictureView | None = None  # start-up's picture of the Overview
        self._once_drawn: list[Callable[[], None]] = []  # start-up's work that waits for the first draw
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)

        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self._shortcuts: list[tuple[QAction, object]] = []
        self._build_menus()
        self._update_title()
        self.setAcceptDrops(True)  # a plan or a survey export dropped on the window opens it
        self.resize(1280, 800)
        geometry = settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        fit_to_screen(self)
        menus = (self._fill_menus, self._refresh_recent, self._set_shortcuts)
        if opening is None:
            for step in menus:
                step()
            self.stack.setCurrentWidget(self.welcome)
        else:
            for step in menus:
                self.after_first_draw(step)
            if server_window.is_server_location(opening):  # python main.py postgresql://...
                self.statusBar().showMessage("Connecting to the district server\u2026")
                self.after_first_draw(lambda: self.begin_open(
                    opening, lambda opened: None if opened else self.stack.setCurrentWidget(self.welcome)))
            else:
                self._open_at_start(Path(opening))

    @property
    def welcome(self) -> WelcomeScreen:
        """The welcome screen, built when first needed: not at all when start-up's plan opens."""
        if self._welcome is None:
            from gui.welcome import WelcomeScreen

            self._welcome = WelcomeScreen()
            self._welcome.new_requested.connect(self.new_plan)
            self._welcome.open_requested.connect(self.open_plan_dialog)
            self._welcome.sample_requested.connect(self.open_sample)
            self._welcome.recent_requested.connect(self.begin_open)
            self._welcome.set_recent(self.settings.recent_files())
            self.stack.insertWidget(0, self._welcome)
        return self._welcome

    # Menus --------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        """The menu bar's four menus, empty: filled by ``_fill_menus``, at once or, when start-up
        opens a plan, once the window is drawn (nobody opens a menu in the window's first frame)."""
        self._menus = [self.menuBar().addMenu(title) for title in ("&File", "&Edit", "&View", "&Help")]

    def _fill_menus(self) -> None:
        from services.reports.registry import EXPORT_KINDS

        file_menu, edit_menu, view_menu, help_menu = self._menus
        self.new_action = self._add(file_menu, "&New plan...", self.new_plan, QKeySequence.StandardKey.New)
        self.open_action = self._add(file_menu, "&Open plan...", self.open_plan_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.sample_action = self._add(file_menu, "Open &sample district", self.open_sample)
        self.server_action = self._add(file_menu, "Open &district server...", lambda: server_window.open_server(self))
        file_menu.addSeparator()
        self.save_action = self._add(file_menu, "&Save", self.say_saved, QKeySequence.StandardKey.Save)
        self.save_copy_action = self._add(file_menu, "Save a &copy as...", self.save_copy,
                                          QKeySequence.StandardKey.SaveAs)
        self.copy_to_server_action = self._add(file_menu, "Copy plan to ser&ver...",
                                               lambda: server_window.copy_to_server(self))
        file_menu.addSeparator()
        self.print_action = self._add(file_menu, "&Print this tab...", self.print_current_tab,
                                      QKeySequence.StandardKey.Print)
        self.export_menu = file_menu.addMenu("&Export")
        self.export_actions: dict[str, QAction] = {}
        for kind in EXPORT_KINDS.values():
            action = self.export_menu.addAction(f"{kind.menu_text} ({kind.format_label})...")
            action.triggered.connect(lambda _checked=False, k=kind.key: self.export(k))
            self.export_actions[kind.key] = action
        file_menu.addSeparator()
        # The turn of the year (seed 003: Act on the whole year, then begin the next).
        self.year_review_action = self._add(file_menu, "Year-end &review...", self.show_year_review)
        self.next_year_action = self._add(file_menu, "Start next school &year...", self.start_next_year)
        file_menu.addSeparator()
        self.close_action = self._add(file_menu, "&Close plan", self.close_plan, QKeySequence.StandardKey.Close)
        file_menu.addSeparator()
        self.quit_action = self._add(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self._shortcuts.append((self.undo_action, QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        # The keys themselves belong to the focused table or field (each table has its own Ctrl+C,
        # a text field Qt's); the menu shows them and does the same to whatever has focus.
        self.clipboard_actions: dict[str, QAction] = {}
        for name, text, key in (("cut", "Cu&t", QKeySequence.StandardKey.Cut),
                                ("copy", "&Copy", QKeySequence.StandardKey.Copy),
                                ("paste", "&Paste", QKeySequence.StandardKey.Paste),
                                ("delete", "&Delete", QKeySequence.StandardKey.Delete),
                                ("select_all", "Select &all", QKeySequence.StandardKey.SelectAll)):
            shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            action = edit_menu.addAction(f"{text}\t{shown}")
            action.triggered.connect(lambda _checked=False, n=name: self.edit_focused(n))
            self.clipboard_actions[name] = action
        edit_menu.addSeparator()
        self._add(edit_menu, "&Preferences...", self.show_preferences, QKeySequence.StandardKey.Preferences)

        self.tab_actions: list[QAction] = []
        for number, spec in enumerate(TABS, start=1):  # Ctrl+1..7 reach a tab wherever the focus is
            action = self._add(view_menu, spec.title, lambda _checked=False, k=spec.key: self.show_tab(k),
                               QKeySequence(f"Ctrl+{number}"))
            self.tab_actions.append(action)

        self._add(help_menu, "WellPlan &user guide", self.show_user_guide, QKeySequence.StandardKey.HelpContents)
        self._add(help_menu, "&About WellPlan", self.show_about)
        self._update_actions()

    def _add(self, menu, text, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        return action

    def _set_shortcuts(self) -> None:
        """The menus' keys. Start-up on a plan gives them once the window is drawn: the first key
        given makes PySide6 build all of Qt's key enums in Python, a cost the window would
        otherwise pay before showing anything (and nobody presses a key in its first frame)."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(shortcut)
        self._shortcuts.clear()
        # The platform's Redo, and both habits (Word's Ctrl+Y, other programs' Ctrl+Shift+Z), each
        # once: a key sequence given twice is ambiguous to Qt, and then neither fires.
        redo_keys: list[QKeySequence] = []
        for key in (*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y"),
                    QKeySequence("Ctrl+Shift+Z")):
            if key not in redo_keys:
                redo_keys.append(key)
        self.redo_action.setShortcuts(redo_keys)

    def _refresh_recent(self) -> None:
        recent = [p for p in self.settings.recent_files()]
        self.recent_menu.clear()
        for i, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{i} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.begin_open(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self._clear_recent)
        self.recent_menu.setEnabled(bool(recent))
        if self._welcome is not None:
            self._welcome.set_recent(recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._refresh_recent()

    def _update_actions(self) -> None:
        has_plan = self.context is not None
        for action in (self.save_action, self.save_copy_action, self.print_action, self.close_action,
                       self.year_review_action, self.next_year_action, *self.export_actions.values(),
                       *self.tab_actions):
            action.setEnabled(has_plan)
        self.export_menu.setEnabled(has_plan)
        on_server = has_plan and self.context.plan.on_server
        self.copy_to_server_action.setEnabled(has_plan and not on_server)

    def _update_title(self) -> None:
        if self.context is None:
            self.setWindowTitle(APP_NAME)
            return
        from services import district_profile

        profile = self.context.read(district_profile.get_profile)
        self.setWindowTitle(f"{profile.display_name} \u2014 {server_window.plan_title(self.context.plan)} "
                            f"\u2014 {APP_NAME}")

    # Opening and closing plans -------------------------------------------------------------------
    def open_plan_path(self, path: str | Path) -> bool:
        """Open ``path`` and return whether it opened. The checks, upgrade and copy run in the
        background; this waits for them (the window keeps drawing) for callers that need the answer
        before going on: start-up, the self-test, the tests."""
        outcome: list[bool] = []
        waiting = QtCore.QEventLoop()

        def finish(opened: bool) -> None:
            outcome.append(opened)
            waiting.quit()

        self.begin_open(path, finish)
        if not outcome:
            waiting.exec()
        return outcome[0]

    def _open_at_start(self, path: Path) -> None:
        """Start-up's plan: the title names it and the status bar says it is opening at once, and
        the opening itself begins once the window is on screen. If it can't be opened, the window
        says why (as any opening does) and shows the welcome screen."""
        self.setWindowTitle(f"{path.name} \u2014 {APP_NAME}")
        self.statusBar().showMessage(f"Opening {path.name}\u2026")
        self._show_launch_picture(path)

        def finished(opened: bool) -> None:
            if not opened:
                self.statusBar().clearMessage()
                self._forget_tabs()
                self.stack.setCurrentWidget(self.welcome)
                self._update_title()

        # Opening loads SQLAlchemy and the services on another thread, which takes Python's lock
        # from this one for a while: so it starts once the window has been drawn.
        self.after_first_draw(lambda: self.begin_open(path, finished))

    def after_first_draw(self, step: Callable[[], None]) -> None:
        """Run ``step`` once the window is on screen: after its first expose has been painted (see
        showEvent), or after half a second if it never is (started minimised). Start-up's work
        that the first frame does not need waits here."""
        if not self._once_drawn:
            QTimer.singleShot(500, self._run_once_drawn)
        self._once_drawn.append(step)

    def _run_once_drawn(self) -> None:
        work, self._once_drawn = self._once_drawn, []
        for step in work:
            step()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._once_drawn and self.windowHandle() is not None:
            self.windowHandle().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.windowHandle() and event.type() == QtCore.QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run_once_drawn)  # once this expose has been painted
        return super().eventFilter(watched, event)

    def begin_open(self, path: str | Path, on_result: Callable[[bool], None] | None = None,
                   take_over_lock: bool = False) -> None:
        """Open ``path`` in the background, then install it; ``on_result(opened)`` follows. Where
        only the person can decide (a lock from another computer, objects WellPlan never writes),
        the window says what was found and asks, on its own thread, once the attempt has failed."""
        finish = on_result or (lambda _opened: None)
        if server_window.is_server_location(path):
            server_window.begin_open_server(self, str(path), finish)
            return
        path = Path(path)
        if self._open_here(path):
            finish(True)  # already open here
            return
        if self._opening_running():
            finish(False)  # one plan at a time; the first is still opening
            return

        def work(progress, cancelled):
            # Every capability's services, imported here, off the window's thread: the window is
            # already on screen (and the welcome screen never needs them). The first tab's code
            # too, so that building it is all the window's thread does with it.
            from services.plan.plan_file import open_plan, record_opened

            importlib.import_module(TABS[0].module)

            plan = open_plan(path, mirror=True, take_over_lock=take_over_lock)
            steps = first_steps(plan, cancelled)
            if steps is None:
                return None
            record_opened(plan)  # (a write: committed here, not on the window's thread)
            return plan, steps

        def done(opened: tuple[PlanFile, tuple] | None) -> None:
            self._opening = None
            finish(opened is not None and self._install_opened(*opened))

        def failed(exc: BaseException, details: str) -> None:
            self._opening = None
            self._open_refused(path, exc, details, finish, take_over_lock)

        self._run_opening(f"Opening {path.name}...", work, done, failed, finish)

    def _open_here(self, path: Path) -> bool:
        """Whether ``path`` is the plan file open in this window."""
        plan_path = getattr(self.context.plan, "path", None) if self.context is not None else None
        return plan_path is not None and plan_path.resolve() == path.resolve()

    def _run_opening(self, label: str, work, done, failed, finish: Callable[[bool], None]) -> None:
        # Garbage collection waits while the opening loads SQLAlchemy and the models
        # (gui.collection_pause); it resumes after ``done``, which has begun the wait for the tabs'
        # code by then, and before any message of ``failed`` (a dialog may stay open a long time).
        pause = pause_collection()

        def done_then_resume(result) -> None:
            try:
                done(result)
            finally:
                pause.end()

        def resume_then_fail(exc: BaseException, details: str) -> None:
            pause.end()
            failed(exc, details)

        self._opening = Task(self, label, work, done_then_resume, resume_then_fail)
        self._opening.cancelled.connect(lambda: pause.end())
        self._opening.destroyed.connect(lambda *_a: pause.end())  # (a window closed while opening)
        self._opening.cancelled.connect(lambda: finish(False))
        self._opening.cancelled.connect(lambda: setattr(self, "_opening", None))
        self._opening.start()

    def _install_opened(self, plan: PlanFile, steps: tuple | None = None) -> bool:
        """Install a plan opened in the background; ``steps`` (its journey's statuses and what to do
        next) as read there, for the Overview."""
        from services.errors import StoredValueError

        try:
            self._install_plan(plan)
            overview = self.tab_widgets.get(TABS[0].key)
            if overview is not None and steps is not None:
                overview.journey.show_read(*steps)
        except StoredValueError as exc:  # a value another program wrote that nothing can stand in for
            self.close_plan()
            QMessageBox.warning(self, APP_NAME, str(exc))
            return False
        return True

    def _open_refused(self, path: Path, exc: BaseException, details: str, finish: Callable[[bool], None],
                      take_over_lock: bool) -> None:
        """Say why ``path`` did not open, and where the person can decide, ask and try again."""
        from services.errors import StoredValueError
        from services.plan.plan_file import ForeignObjectsError, PlanFileError, PlanInUseError
        from services.plan.plan_repair import repair_plan
        from services.plan.storage_errors import StorageError

        if isinstance(exc, StoredValueError):  # one sentence naming the value; nothing to decide
            QMessageBox.warning(self, APP_NAME, str(exc))
            finish(False)
            return
        if isinstance(exc, PlanInUseError):
            if exc.elsewhere and not exc.by_this_process:
                box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, str(exc), QMessageBox.StandardButton.Cancel,
                                  self)
                anyway = box.addButton("Open &anyway", QMessageBox.ButtonRole.AcceptRole)
                box.setDefaultButton(QMessageBox.StandardButton.Cancel)
                run_modal(box)
                if box.clickedButton() is anyway:
                    self.begin_open(path, finish, take_over_lock=True)
                    return
                finish(False)
                return
            QMessageBox.information(self, APP_NAME, str(exc))
        elif isinstance(exc, ForeignObjectsError):
            if not exc.removable:
                QMessageBox.warning(self, APP_NAME, str(exc))
                finish(False)
                return
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(exc), QMessageBox.StandardButton.Cancel, self)
            box.setInformativeText("WellPlan can remove them and open the plan; the file as it is now is kept "
                                   "as a copy beside it first.")
            remove = box.addButton("&Remove them and open", QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            run_modal(box)
            if box.clickedButton() is not remove:
                finish(False)
                return

            def repaired(_result) -> None:
                self._opening = None
                self.begin_open(path, finish, take_over_lock)

            def repair_failed(repair_error: BaseException, repair_details: str) -> None:
                self._opening = None
                self._open_refused(path, repair_error, repair_details, finish, take_over_lock)

            self._run_opening(f"Removing what WellPlan never writes from {path.name}...",
                              lambda progress, cancelled: repair_plan(path), repaired, repair_failed, finish)
            return
        elif isinstance(exc, (PlanFileError, StorageError)):
            QMessageBox.warning(self, APP_NAME, str(exc))
            if not path.exists():
                self.settings.remove_recent_file(str(path.resolve()))
                self._refresh_recent()
        elif isinstance(exc, OSError):
            QMessageBox.warning(self, APP_NAME, plain_words(exc))
        else:
            show_error(self, f"{path.name} could not be opened. " + plain_words(exc), details)
        finish(False)

    def _install_plan(self, plan: PlanFile) -> None:
        from gui.plan_context import PROFILE, PlanContext

        self.close_plan()
        self.context = PlanContext(plan, self)
        self.context.saved.connect(self._show_saved)
        if self._open_here(sample_plan_path()):
            self.context.saved.connect(lambda: self.settings.set_sample_edited(True))
        self.context.rejected.connect(self._show_rejected)
        self.context.file_lost.connect(self._file_lost)
        server_window.follow_others(self, self.context)
        self.context.changed.connect(lambda topics: self._update_title() if PROFILE in topics else None)
        self.undo_group.addStack(self.context.undo_stack)
        self.undo_group.setActiveStack(self.context.undo_stack)

        if self.tabs is None:
            self._make_tabs()
        self.tab_widgets = {}
        self.tabs.currentChanged.connect(lambda index: self.tab(TABS[index].key) if index >= 0 else None)
        # The tab shown (the Overview, unless a tab was chosen while the plan opened), built now,
        # in the place of start-up's picture of it.
        self.tab(TABS[max(self.tabs.currentIndex(), 0)].key)
        self._drop_launch_picture()
        if not plan.on_server:  # (a server's location may carry a password)
            self.settings.add_recent_file(plan.path)
            self._refresh_recent()
        self._update_title()
        self._update_actions()
        self.save_label.setText(f"Saved automatically to {plan.name}")
        self.statusBar().showMessage(f"Opened {server_window.plan_title(plan)}", 5000)
        log.info("opened %s", plan.name)
        # The other workspaces' code (pandas, pyqtgraph...) loads on a thread of its own, a moment
        # later, once the live Overview is drawn (that thread takes Python's lock from this one while
        # C extensions start); the charts' module (pyqtgraph) first: the Data and Readiness tabs reach
        # it. Then the tabs are built one by one while the person reads the Overview, so that a first
        # visit only shows what is there (gui.tab_prebuilder).
        # Garbage collection waits from now until that code is loaded (gui.collection_pause).
        imports: list = []
        pause = pause_collection()
        QTimer.singleShot(300, lambda: imports.append(
            import_in_background(["pyqtgraph", *(spec.module for spec in TABS[1:])], pause,
                                 then=[spec.prepare_ahead for spec in TABS[1:]])))
        self.prebuilder = TabPrebuilder(
            lambda: [spec.key for spec in TABS if spec.key not in self.tab_widgets],
            # (Not while a server plan's connection is lost: a tab is built from what it reads.)
            self.tab, lambda: bool(imports) and not imports[0].is_alive() and self.context is not None
            and self.context.offline is None, self.context,
            prepare=self._first_show_steps, done=freeze_built_plan)
        self.prebuilder.start()

    def _first_show_steps(self, key: str) -> Iterator[None]:
        tab = self.tab_widgets.get(key)
        return iter(()) if tab is None else tab.first_show_steps()

    def _make_tabs(self) -> None:
        """The tab bar with every step, each tab an empty page until its workspace is built."""
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Each workspace is built the first time it is shown, so opening a plan costs one tab,
        # not seven; the tab bar shows every step from the start.
        self._tab_hosts = {}
        for spec in TABS:
            host = QWidget()
            host.setLayout(QVBoxLayout())
            host.layout().setContentsMargins(0, 0, 0, 0)
            self._tab_hosts[spec.key] = host
            self.tabs.addTab(host, spec.title)
        self.stack.addWidget(self.tabs)
        self.stack.setCurrentWidget(self.tabs)

    def _show_launch_picture(self, path: Path) -> None:
        """Start-up on a plan whose Overview was drawn as it closed, unchanged since: the tab bar,
        and that picture in the Overview's place until the plan is open (gui.launch_picture)."""
        from gui import launch_picture

        picture = launch_picture.load(path, self.size())
        if picture is None:
            return
        self._make_tabs()
        self._launch_picture = launch_picture.PictureView(picture)
        self._tab_hosts[TABS[0].key].layout().addWidget(self._launch_picture)

    def _drop_launch_picture(self) -> None:
        if self._launch_picture is not None:
            self._launch_picture.deleteLater()
            self._launch_picture = None

    def _overview_picture(self) -> QPixmap | None:
        """The Overview page drawn as it is, if it was built: for the next start on this plan."""
        overview = self.tab_widgets.get(TABS[0].key)
        if overview is None or overview.journey.reading:  # not "reading the plan..." as the next start's picture
            return None
        return self._tab_hosts[TABS[0].key].grab()

    def tab(self, key: str) -> WorkspaceTab | None:
        """The workspace for ``key``, built now if it hasn't been shown yet."""
        if self.context is None or key not in self._tab_hosts:
            return None
        if key not in self.tab_widgets:
            spec = next(s for s in TABS if s.key == key)
            if self.context.offline is not None:  # a server plan whose connection is lost: nothing to read
                self.statusBar().showMessage(f"The {spec.title} tab is shown once the district server is back.", 8000)
                return None
            widget = spec.build(self.context, set(self._tab_hosts))
            widget.export_requested.connect(self.export)
            widget.export_with_options.connect(self.export)
            widget.open_tab.connect(self.show_tab)
            widget.open_record.connect(self.show_record)
            widget.status_message.connect(self.statusBar().showMessage)
            self._tab_hosts[key].layout().addWidget(widget)
            self.tab_widgets[key] = widget
        return self.tab_widgets[key]

    def overview_on_screen(self) -> str | None:
        """What the window shows of the plan's Overview: "live", "picture" (start-up's, while the
        plan opens) or None. Start-up's benchmark asks."""
        if self.tabs is None or self.stack.currentWidget() is not self.tabs:
            return None
        overview = self.tab_widgets.get(TABS[0].key)
        if overview is not None and overview.isVisible():
            return "live"
        if self._launch_picture is not None and self._launch_picture.isVisible():
            return "picture"
        return None

    def show_tab(self, key: str) -> None:
        if self.tabs is not None and key in self._tab_hosts:
            self.tab(key)
            self.tabs.setCurrentWidget(self._tab_hosts[key])

    def show_record(self, key: str, record_id: int) -> None:
        """Another tab's record, selected: where a candidate action came from, say. ``key`` is a tab's
        key, with the part of the tab after a colon when it matters ("data:participation")."""
        tab_key, _, part = key.partition(":")
        self.show_tab(tab_key)
        tab = self.tab(tab_key)
        if tab is not None:
            tab.show_record(record_id, part)

    def close_plan(self) -> None:
        if self.context is None:
            self._forget_tabs()  # start-up's tab bar and picture, if its plan did not open
            return
        if self.prebuilder is not None:
            self.prebuilder.stop()
        self.context.stop_watching()
        on_server = self.context.plan.on_server
        picture, path, size = self._overview_picture(), getattr(self.context.plan, "path", None), self.size()
        if on_server:
            picture = None  # start-up's picture is of a plan file (its size and time say it is the same)
        if self.tabs is not None:
            self.stack.removeWidget(self.tabs)
            self.tabs.deleteLater()
            self.tabs = None
        self.tab_widgets = {}
        self._tab_hosts = {}
        self.undo_group.removeStack(self.context.undo_stack)
        self.context.plan.close()
        self.context.deleteLater()
        self.context = None
        # What the tabs held is collected once Qt has deleted them (gui.collection_pause).
        QTimer.singleShot(THAW_AFTER_CLOSE_MS, thaw_closed_plan)
        if picture is not None:  # saved once the file is as the next start will find it
            from gui import launch_picture

            launch_picture.save(path, picture, size)
        self.stack.setCurrentWidget(self.welcome)
        self.save_label.clear()
        self.statusBar().clearMessage()
        self._update_title()
        self._update_actions()

    def _forget_tabs(self) -> None:
        self._drop_launch_picture()
        if self.tabs is not None:
            self.stack.removeWidget(self.tabs)
            self.tabs.deleteLater()
            self.tabs = None
            self._tab_hosts = {}

    def new_plan(self) -> None:
        """Make an empty plan file where the person says (schema and seeding in the background),
        then show it with the district's name ready to type."""
        from services import district_profile
        from services.plan.plan_file import create_plan

        if self._opening_running():
            return
        path = self._ask_plan_path("Create a new plan", Path(_documents_dir()) / f"New district plan{PLAN_SUFFIX}")
        if path is None:
            return
        if self._open_here(path):
            QMessageBox.warning(self, APP_NAME, "That is the plan you have open; choose another name.")
            return
        paper_size = self.settings.default_paper_size()

        def create() -> PlanFile:
            plan = create_plan(path, overwrite=True, mirror=True)
            try:
                with plan.transaction() as s:
                    district_profile.update_profile(s, paper_size=paper_size)
            except BaseException:
                plan.close()
                raise
            return plan

        def ready() -> None:
            overview = self.tab("overview")
            if overview is not None:
                overview.start_naming_district()

        self._build_plan(f"Creating {path.name}...", create, "The new plan could not be made. ", ready)

    def _ask_plan_path(self, title: str, start: Path) -> Path | None:
        """A save dialog for a plan file; the .wellplan ending is added if the name lacks it."""
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(self, title, str(start), PLAN_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == PLAN_SUFFIX else path.with_name(path.name + PLAN_SUFFIX)

    def open_plan_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open a plan", _documents_dir(),
                                                        PLAN_FILTER + ";;All files (*)")
        if path:
            self.begin_open(path)

    def open_sample(self) -> None:
        """Build the sample district (a few seconds) in the background, then show it. If the person
        has changed the sample since it was built, ask first: their copy, or a fresh one."""
        path = sample_plan_path()
        if self._opening_running():
            return
        if path.exists() and self.settings.sample_edited():
            box = QMessageBox(QMessageBox.Icon.Question, APP_NAME,
                              "You have made changes to the sample district.", QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("sampleEdited")
            box.setInformativeText("Open it with your changes, or start again from a fresh sample (your changes "
                                   "to it are then replaced)?")
            keep = box.addButton("Open with my &changes", QMessageBox.ButtonRole.AcceptRole)
            fresh = box.addButton("Start &fresh", QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(keep)
            run_modal(box)
            if box.clickedButton() is keep:
                self.begin_open(path)
                return
            if box.clickedButton() is not fresh:
                return
        if self._open_here(path):
            self.close_plan()

        def build() -> PlanFile:
            from services.sample.sample_district import build_sample

            return build_sample(path, overwrite=True, mirror=True)

        def ready() -> None:
            self.settings.set_sample_edited(False)
            self.statusBar().showMessage(
                "This is the sample district. Changes are saved; use File > Save a copy as... to keep them.", 10000
            )

        self._build_plan("Building the sample district...", build, "The sample district could not be made. ", ready)

    def _opening_running(self) -> bool:
        return self._opening is not None and self._opening.running

    def _build_plan(self, label: str, build: Callable[[], PlanFile], failure: str, ready: Callable[[], None]) -> None:
        """Make a plan file with ``build`` off the window's thread (a progress dialog with Cancel
        shows if it takes long), then show it and call ``ready``. A known failure is explained in
        its own words; anything else opens with ``failure``."""
        from services.plan.plan_file import PlanFileError

        def work(progress, cancelled):
            plan = build()
            if cancelled():  # nobody will install it: let it go now, lock and all
                plan.close()
                return None
            return plan

        def done(plan: PlanFile | None) -> None:
            self._opening = None
            if plan is None:
                return
            self._install_plan(plan)
            ready()

        def failed(exc: BaseException, details: str) -> None:
            self._opening = None
            if isinstance(exc, PlanFileError):
                QMessageBox.warning(self, APP_NAME, str(exc))
            elif isinstance(exc, OSError):
                QMessageBox.warning(self, APP_NAME, plain_words(exc))
            else:
                show_error(self, failure + plain_words(exc), details)

        self._run_opening(label, work, done, failed, lambda _opened: None)

    def save_copy(self) -> Path | None:
        """Copy the plan to a file the person names; the copy is written in the background and
        this returns once it is there (or None if it isn't)."""
        from services.plan.plan_file import PlanFileError
        from services.plan.storage_errors import StorageError

        if self.context is None:
            return None
        plan = self.context.plan
        current = getattr(plan, "path", None) or Path(_documents_dir()) / f"{server_window.database_of(plan)}.wellplan"
        path = self._ask_plan_path("Save a copy of the plan", current.with_name(f"{current.stem} copy{PLAN_SUFFIX}"))
        if path is None:
            return None
        outcome: list[Path | None] = []
        waiting = QtCore.QEventLoop()

        def done(_result) -> None:
            self.statusBar().showMessage(f"Saved a copy to {path}", 8000)
            outcome.append(path)
            waiting.quit()

        def failed(exc: BaseException, details: str) -> None:
            if isinstance(exc, (PlanFileError, StorageError)):
                QMessageBox.warning(self, APP_NAME, str(exc))
            elif isinstance(exc, OSError):
                QMessageBox.warning(self, APP_NAME, plain_words(exc))
            else:
                show_error(self, "The copy could not be saved. " + plain_words(exc), details)
            outcome.append(None)
            waiting.quit()

        task = Task(self, f"Saving a copy to {path.name}...", lambda progress, cancelled: plan.save_copy(path),
                    done, failed)
        task.cancelled.connect(lambda: (outcome.append(None), waiting.quit()))
        task.start()
        if not outcome:
            waiting.exec()
        return outcome[0]

    def _file_lost(self, message: str) -> None:
        """The plan's file went away or was replaced: nothing more is written to it. Offer to save
        what the window holds as a copy (and carry on in it), or to close the plan."""
        if self.context is None or getattr(self, "_lost_box", None) is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("fileLost")
        save = box.addButton("&Save a copy...", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Close the plan", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        self._lost_box = box
        try:
            run_modal(box)
        finally:
            self._lost_box = None
        copy = self.save_copy() if box.clickedButton() is save else None
        self.close_plan()
        if copy is not None:
            self.open_plan_path(copy)

    # The turn of the year -------------------------------------------------------------------------
    def show_year_review(self) -> None:
        """The year-end review: each objective's year and the team's conclusions (each an undo step)."""
        if self.context is None:
            return
        from gui.year.year_review_dialog import YearReviewDialog

        run_modal(YearReviewDialog(self.context, self))

    def start_next_year(self) -> None:
        """Write the next school year's plan as a new file (this one is only read), then offer to open it."""
        if self.context is None:
            return
        if self.active_task is not None and self.active_task.running:
            QMessageBox.information(self, APP_NAME, "An export is still running; wait for it to finish.")
            return
        from gui.year import next_year_dialog

        plan = self.context.plan
        if plan.on_server:  # the new plan is a file, proposed among the person's documents
            task = next_year_dialog.start(self, plan.location, self.context.read, self.begin_open,
                                          beside=Path(_documents_dir()) / f"{server_window.database_of(plan)}.wellplan")
        else:
            task = next_year_dialog.start(self, plan.path, self.context.read, self.begin_open)
        if task is not None:
            self.active_task = task

    # Exports ------------------------------------------------------------------------------------
    def export(self, kind_key: str, options: dict | None = None) -> None:
        from services import district_profile
        from services.errors import InvalidInput
        from services.reports.registry import EXPORT_KINDS

        if self.context is None or kind_key not in EXPORT_KINDS:
            return
        if self.active_task is not None and self.active_task.running:
            QMessageBox.information(self, APP_NAME, "Another export is still running; wait for it to finish.")
            return
        kind = EXPORT_KINDS[kind_key]
        try:
            self.context.read(kind.check)  # nothing to export: say so before asking where to save
        except InvalidInput as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        options = dict(options or {})
        if "school" in kind.required and not options.get("school"):  # from the Export menu: which school?
            school = self._ask_school(kind.menu_text)
            if school is None:
                return
            options["school"] = school
        profile = self.context.read(district_profile.get_profile)
        name = f"{options['school']} - {kind.default_filename}" if options.get("school") else kind.default_filename
        start = str(Path(_documents_dir()) / f"{profile.display_name} - {name}")
        title = f"Export {kind.menu_text[0].lower()}{kind.menu_text[1:]}"
        out, chosen = QtWidgets.QFileDialog.getSaveFileName(self, title, start, kind.file_filter)
        if not out:
            return
        if not out.lower().endswith(kind.suffixes):
            wanted = next((s for s in kind.suffixes if f"*{s}" in chosen), kind.suffixes[0])
            out += wanted
        self.start_export(kind_key, Path(out), options)

    def _ask_school(self, what: str) -> str | None:
        """The school an export is for, chosen from the district's; None if cancelled or there is none."""
        from services import district_profile

        schools = [school.name for school in self.context.read(district_profile.list_schools)]
        if not schools:
            QMessageBox.information(self, APP_NAME, "Add the district's schools on the Overview first.")
            return None
        school, ok = QtWidgets.QInputDialog.getItem(self, what, "School:", schools, 0, False)
        return school if ok else None

    def start_export(self, kind_key: str, out: Path, options: dict | None = None) -> Task:
        """Build the PDF in the background from a read-only snapshot of the (always saved) plan."""
        from gui.plan_context import DATA
        from services.data.survey_release import staging_path
        from services.errors import Cancelled
        from services.plan.storage_errors import writing_output
        from services.reports.registry import EXPORT_KINDS

        plan = self.context.plan
        releasing = EXPORT_KINDS[kind_key].releases_results
        pending: list = []  # survey results the printout releases, recorded once it is written
        # A printout that releases results is written under a working name and renamed only after
        # its ledger entry is committed: never a file without its entry.
        target = staging_path(out) if releasing else out

        def build(progress, cancelled):
            from services.reports.registry import export

            snapshot = plan.snapshot()
            try:
                with snapshot.transaction() as session, writing_output(out):
                    written = export(session, kind_key, target, progress=progress, cancel=cancelled,
                                     releases=pending if releasing else None, **(options or {}))
                if releasing and cancelled():
                    raise Cancelled()
            except BaseException:  # cancelled or failed, even once written: nobody will record it
                if releasing:
                    target.unlink(missing_ok=True)
                raise
            finally:
                snapshot.close()
            return written

        def done(_path: Path) -> None:
            if releasing:
                from services.data.survey_release import record_pending

                try:
                    with self.context.plan.transaction() as session:
                        record_pending(session, pending)
                    with writing_output(out):
                        os.replace(target, out)
                except Exception as exc:  # a printout whose release isn't recorded must not stay
                    target.unlink(missing_ok=True)
                    self._export_failed(exc, "", out)
                    return
                self.context.announce({DATA})
            self._export_done(out)

        label = "Preparing the PDF..." if out.suffix.lower() == ".pdf" else f"Writing {out.name}..."
        self.active_task = Task(self, label, build, done, lambda exc, details: self._export_failed(exc, details, out))
        self.active_task.start()
        return self.active_task

    def _export_done(self, path: Path) -> None:
        from services.reports.registry import file_type

        self.statusBar().showMessage(f"Saved {path}", 10000)
        box = QMessageBox(self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(APP_NAME)
        what = file_type(path)
        box.setText(f"The {what} is ready:\n{path}")
        open_button = box.addButton(f"Open {what}", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        self.last_export_box = box
        box.finished.connect(lambda _r: self._maybe_open(box, open_button, path))
        box.open()

    def _maybe_open(self, box: QMessageBox, open_button, path: Path) -> None:
        if box.clickedButton() is open_button:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))

    def _export_failed(self, exc: BaseException, details: str, out: Path) -> None:
        from services.errors import InvalidInput
        from services.plan.plan_file import PlanFileError
        from services.plan.storage_errors import StorageError
        from services.reports.registry import file_type

        if isinstance(exc, (InvalidInput, PlanFileError, StorageError)):
            QMessageBox.warning(self, APP_NAME, str(exc))
        else:
            show_error(self, f"The {file_type(out)} could not be made. " + plain_words(exc), details)

    def print_current_tab(self) -> None:
        """Ctrl+P: the shown tab's main printout (the matrix on Priorities, the plan on Action plan)."""
        if self.context is None or self.tabs is None:
            return
        key = TABS[self.tabs.currentIndex()].key
        tab = self.tab(key)
        if tab is None or tab.main_printout is None:
            self.statusBar().showMessage("This tab has nothing to print; File > Export lists every printout.", 8000)
            return
        tab.print_main()

    # Edit menu ----------------------------------------------------------------------------------
    def edit_focused(self, command: str) -> None:
        """Cut, Copy, Paste, Delete or Select all on whatever has the keyboard: a text field's text, or
        a table's cells (``gui.widgets.tables.PlanTableView``)."""
        # Imported here: only this command needs them, and each costs start-up its enums.
        from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

        from gui.widgets.tables import focused_table

        widget = QApplication.focusWidget()
        if isinstance(widget, QAbstractSpinBox):
            widget = widget.findChild(QLineEdit)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget = widget.lineEdit()
        if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            if command == "delete":
                if isinstance(widget, QLineEdit):
                    widget.del_()
                else:
                    widget.textCursor().removeSelectedText()
            else:
                getattr(widget, {"cut": "cut", "copy": "copy", "paste": "paste", "select_all": "selectAll"}[command])()
            return
        table = focused_table()
        if table is None:
            self.statusBar().showMessage("Click in a table or a field first.", 5000)
            return
        {"cut": table.cut_selection, "copy": table.copy_selection, "paste": table.paste,
         "delete": table.remove_selected, "select_all": table.selectAll}[command]()

    # Dropped files ------------------------------------------------------------------------------
    @staticmethod
    def _dropped_path(event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        path = self._dropped_path(event)
        if path is not None and path.suffix.lower() in (PLAN_SUFFIX, *SURVEY_SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is None:
            return
        event.acceptProposedAction()
        self.open_dropped(path)

    def open_dropped(self, path: Path) -> None:
        """A plan dropped on the window opens; a survey export starts the import wizard with it."""
        suffix = path.suffix.lower()
        if suffix == PLAN_SUFFIX:
            self.begin_open(path)
        elif suffix in SURVEY_SUFFIXES:
            if self.context is None:
                QMessageBox.information(self, APP_NAME, f"Open or create a plan first, then drop {path.name} on "
                                        "it to import the survey.")
                return
            self.show_tab("data")
            data = self.tab("data")
            if data is None or not data.take_file(str(path)):
                QMessageBox.information(self, APP_NAME, f"{path.name} can't be imported here.")
        else:
            QMessageBox.information(self, APP_NAME, f"WellPlan opens plans ({PLAN_SUFFIX}) and imports survey exports "
                                    f"(.csv, .xlsx); {path.name} is neither.")

    # Feedback -----------------------------------------------------------------------------------
    def say_saved(self) -> None:
        """Ctrl+S: nothing to do, and the person should know why."""
        if self.context is not None:
            self.statusBar().showMessage(f"WellPlan saves every change as you make it; {self.context.plan.name} "
                                         "is up to date.", 8000)

    def _show_saved(self) -> None:
        from datetime import datetime

        from gui.screen_dates import show_time

        if self.context is not None:
            self.save_label.setText(
                f"All changes saved to {self.context.plan.name} at {show_time(datetime.now().time())}"
            )

    def _show_rejected(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        # Window-modal and non-blocking: the edit is already refused; this only explains why.
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("rejectedEdit")
        box.open()

    def show_preferences(self) -> None:
        from gui.preferences_dialog import PreferencesDialog

        if run_modal(PreferencesDialog(self.settings, self)) == QtWidgets.QDialog.DialogCode.Accepted:
            for tab in self.tab_widgets.values():  # the Data tab's survey gaps follow the thresholds just set
                tab.refresh()

    def show_user_guide(self) -> None:
        from gui.help_dialogs import UserGuideDialog

        run_modal(UserGuideDialog(self))

    def show_about(self) -> None:
        from gui.help_dialogs import show_about

        show_about(self, self.settings)

    # Window -------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for task in (self.active_task, self._opening):
            if task is not None and task.running:
                task.cancel()
        self.settings.save_window(self.saveGeometry())
        self.close_plan()
        self.settings.sync()
        event.accept()


