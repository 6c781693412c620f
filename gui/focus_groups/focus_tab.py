"""The Focus groups tab: prepare a session from a template, print the guide and the packet, and
type the results back in afterwards (seed 004's facilitator's guide and participant materials).

The results go to the Priorities tab as candidate actions with their ratings and their source.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.dialog_lifetime import run_modal
from gui.focus_groups import commands
from gui.focus_groups.dialogs import InviteDialog, NewSessionDialog
from gui.focus_groups.meeting_page import MeetingPage
from gui.focus_groups.need_page import NeedModel, NeedPage
from gui.focus_groups.plan_page import PlanPage
from gui.focus_groups.results_pages import IdeasPage, MarksPage, ProposalsPage, RatingsPage, table_page
from gui.focus_groups.session_models import (
    AgendaModel,
    AspirationsModel,
    AttendeesModel,
    IdeasModel,
    MarksModel,
    ProposalsModel,
    RatingsModel,
    SessionsModel,
    SessionSource,
    target_key,
)
from gui.plan_context import ACTIONS, FOCUS, PROFILE, TEAM, PlanContext
from gui.screen_dates import screen_style
from gui.widgets.confirm import confirm_removal
from gui.widgets.tables import fit_columns, make_table_view, selected_record
from gui.widgets.toolbar import add_tab_action, tab_toolbar
from gui.widgets.when_shown import WhenShown
from gui.workspace_tab import WorkspaceTab
from services import district_profile
from services.focus_groups import focus_hours, focus_results, focus_sessions, focus_templates

INTRO = ("Hear directly from the staff a decision affects. Plan a session from a template, print the facilitator's "
         "guide and the participants' packet, then type the results in: the group's aspirations, the actions it "
         "wants to explore, its own ideas, impact and ease ratings, and proposals with an owner and a deadline.")


def read_templates() -> None:
    """The shipped templates, read and checked once (they are cached): ahead of the tab's first
    build (gui.tabs), where naming each session's template read them on the window's thread, 30-60
    ms of its build."""
    focus_templates.built_in_templates()


class FocusGroupsTab(WorkspaceTab):
    main_printout = "focus-guide"

    def __init__(self, context: PlanContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.source = SessionSource(context)  # first, so its cache drops before the models reload
        self.sessions_model = SessionsModel(context)
        self.attendees_model = AttendeesModel(context, self.source)
        self.agenda_model = AgendaModel(context, self.source)
        self.aspirations_model = AspirationsModel(context, self.source)
        self.marks_model = MarksModel(context, self.source)
        self.ideas_model = IdeasModel(context, self.source)
        self.ratings_model = RatingsModel(context, self.source)
        self.proposals_model = ProposalsModel(context, self.source)
        self.need_model = NeedModel(context, self.source)
        self._part_models = (self.attendees_model, self.agenda_model, self.aspirations_model, self.marks_model,
                             self.ideas_model, self.ratings_model, self.proposals_model, self.need_model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self._toolbar())
        layout.addWidget(QLabel(INTRO, wordWrap=True))
        layout.addWidget(self._body(), 1)
        self._wire()
        if self.sessions_model.rowCount():
            self.sessions_view.selectRow(0)  # shows the session (selectionChanged): once, not again below
        else:
            self._session_selected()

    def _toolbar(self) -> QToolBar:
        toolbar = tab_toolbar("Focus groups")
        self.new_action = add_tab_action(self, toolbar, "New session...", "Plan a focus-group session from a template",
                                         self.new_session, QKeySequence("Ctrl+Shift+N"))
        self.delete_action = add_tab_action(self, toolbar, "Delete session", "Delete the selected session and "
                                            "everything recorded in it", self.delete_session)
        toolbar.addSeparator()
        self.send_action = add_tab_action(self, toolbar, "Send to Priorities",
                                          "Make candidate actions of the actions to explore, the ideas and the "
                                          "proposals, with their ratings", self.send_to_priorities)
        toolbar.addSeparator()
        self.guide_action = add_tab_action(self, toolbar, "Print guide...", "The facilitator's guide, with notes "
                                           "for each part", lambda: self.print_worksheets("focus-guide"))
        add_tab_action(self, toolbar, "Print packet...", "The participants' worksheets, without facilitator notes",
                       lambda: self.print_worksheets("focus-packet"))
        self.summary_action = add_tab_action(self, toolbar, "Print results...", "The session's results as a PDF",
                                             self.print_summary)
        return toolbar

    def _body(self) -> QSplitter:
        """The sessions on the left; the selected one's header and pages on the right."""
        self.sessions_view = make_table_view(self, name="Focus-group sessions")
        self.sessions_view.setObjectName("sessionsList")
        self.sessions_view.setModel(self.sessions_model)
        # The session's name and date always whole; the template's title takes what is left.
        fit_columns(self.sessions_view, stretch_column=2)
        self.sessions_model.modelReset.connect(lambda: fit_columns(self.sessions_view, stretch_column=2))
        self.sessions_view.set_commands(add=("&New session...", self.new_session),
                                        remove=("&Delete session", self.delete_session),
                                        extra=[self.send_action, self.guide_action, self.summary_action])
        self.header = QLabel(objectName="sessionHeader", wordWrap=True)
        pages = self._pages()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(pages, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.sessions_view)
        body.addWidget(right)
        body.setStretchFactor(0, 1)  # both sides give way to a narrower window, the list less
        body.setStretchFactor(1, 3)
        body.setSizes([300, 1060])
        return body

    def _pages(self) -> QTabWidget:
        self.plan_page = PlanPage(self.attendees_model, self.agenda_model, self)
        self.need_page = NeedPage(self.need_model, self)
        self.meeting_page = MeetingPage(self)
        aspirations_page, self.aspirations_view = table_page(
            self.aspirations_model, "aspirationsList", "Where the district is now and where the group wants it to "
            "be, attribute by attribute (double-click or start typing to write; hover for the worksheet's prompt).",
            stretch=2)
        self.aspirations_view.setColumnWidth(1, 380)
        self.marks_page = MarksPage(self.marks_model, self)
        self.ideas_page = IdeasPage(self.ideas_model, self)
        self.ratings_page = RatingsPage(self.ratings_model, self)
        self.proposals_page = ProposalsPage(self.proposals_model, self)
        self.aspirations_view.setAccessibleName("Aspirations")
        add_subgroup = QAction("Add &subgroup", self)
        add_subgroup.triggered.connect(lambda _checked=False: self.add_subgroup())
        for view, extra in ((self.marks_page.view, []), (self.ideas_page.view, []),
                            (self.ratings_page.view, [add_subgroup, self.ratings_page.propose_action]),
                            (self.proposals_page.view, [])):
            view.set_commands(extra=[*extra, self.send_action])  # what the group said goes to Priorities
        self.pages = QTabWidget(objectName="focusPages")
        for page, title in ((self.plan_page, "&Plan and invite"), (self.need_page, "District's &need"),
                            (self.meeting_page, "Inten&tion and framework"), (aspirations_page, "&Aspirations"),
                            (self.marks_page, "&Example actions"), (self.ideas_page, "I&deas"),
                            (self.ratings_page, "&Impact and ease"), (self.proposals_page, "Pr&oposals")):
            self.pages.addTab(page, title)
        return self.pages

    def _wire(self) -> None:
        self.sessions_view.selectionModel().selectionChanged.connect(self._session_selected)
        self.plan_page.details.changed.connect(self._details_changed)
        self.meeting_page.changed.connect(self._details_changed)
        self.plan_page.invite_requested.connect(self.invite)
        self.plan_page.remove_attendee_requested.connect(self.remove_attendee)
        self.plan_page.agenda_add_requested.connect(self.add_agenda_item)
        self.plan_page.agenda_remove_requested.connect(self.remove_agenda_item)
        self.plan_page.agenda_move_requested.connect(self.move_agenda_item)
        self.ideas_page.add_requested.connect(self.add_idea)
        self.ideas_page.remove_requested.connect(self.remove_idea)
        self.ratings_page.add_subgroup_requested.connect(self.add_subgroup)
        self.ratings_page.rename_subgroup_requested.connect(self.rename_subgroup)
        self.ratings_page.remove_subgroup_requested.connect(self.remove_subgroup)
        self.ratings_page.propose_requested.connect(self.propose)
        self.proposals_page.add_requested.connect(self.add_proposal)
        self.proposals_page.remove_requested.connect(self.remove_proposal)
        # Hidden, the tab reads and draws nothing on a change; it follows them all as it is shown.
        self.when_shown = WhenShown(self)
        for model in (self.sessions_model, *self._part_models):
            model.when_shown = self.when_shown
        self.context.changed.connect(self._plan_changed)

    # Selection and refresh ----------------------------------------------------------------------
    def selected_session(self) -> focus_sessions.SessionRecord | None:
        return selected_record(self.sessions_view)

    def show_record(self, record_id: int, part: str = "") -> None:
        self.select_session(record_id)

    def select_session(self, session_id: int) -> None:
        row = self.sessions_model.row_of(session_id)
        if row >= 0:
            self.sessions_view.selectRow(row)

    def _session_selected(self, *_args) -> None:
        record = self.selected_session()
        self.source.set_session(record.id if record else None)
        for model in self._part_models:
            model.refresh()
        self._show_state()

    def _plan_changed(self, topics: frozenset[str]) -> None:
        self.when_shown.changes(topics, self._follow_changes)  # hidden: once, as the tab is next shown

    def _follow_changes(self, topics: frozenset[str]) -> None:
        if FOCUS in topics and self.selected_session() is None and self.sessions_model.rowCount():
            self.sessions_view.selectRow(0)
        # The header counts what is in Priorities: candidate actions are shown here too.
        if topics & {FOCUS, TEAM, PROFILE, ACTIONS}:
            self._show_state()

    def _show_state(self) -> None:
        data = self.source.data()
        has = data is not None
        for action in (self.delete_action, self.send_action, self.summary_action):
            action.setEnabled(has)
        self.pages.setEnabled(has)
        if not has:
            self.header.setText("No session yet: press <b>New session...</b> to plan one from a template, or "
                                "<b>Print guide...</b> for blank worksheets.")
            self.plan_page.show_state(None, None, None, None)
            self.meeting_page.show_record(None, None)
            self.pages.setTabVisible(self.pages.indexOf(self.need_page), False)
            return
        r, t = data.record, data.template
        sent = len(data.sent)
        when = focus_sessions.session_dates(r, screen_style()) or "date to be set"
        self.header.setText(f"<b>{r.title}</b> \u2014 {when} \u2014 template: {t.title}"
                            + (f" \u2014 {sent} item{'s' if sent != 1 else ''} in Priorities" if sent else ""))
        self.ideas_page.set_attributes([(a.key, a.title) for a in t.attributes])
        timing = focus_sessions.timing_of(data.agenda, r.booked_minutes)
        invitation = self.context.read(lambda s: focus_sessions.invitation(s, r.id))
        names = {a.id: a.name for a in data.attendees}
        hours = focus_hours.hours_summary([(names[i], why) for i, why in data.hours.items() if i in names])
        self.plan_page.show_state(r, focus_sessions.missing_roles(t, data.attendees), timing, invitation,
                                  data.need_gaps, hours)
        self.meeting_page.show_record(r, t)
        # A template without provider roles (the listening session) doesn't ask about the district's need.
        self.pages.setTabVisible(self.pages.indexOf(self.need_page), bool(data.needs))
        self.need_page.show_gaps(data.need_gaps, any(n.pressing for n in data.needs))

    def _edit(self, text: str, apply, merge_key: str | None = None) -> bool:
        record = self.selected_session()
        return record is not None and self.context.edit(
            commands.session_edit(self.context, record.id, text, apply, merge_key))

    # Sessions -----------------------------------------------------------------------------------
    def new_session(self) -> None:
        templates = [t for t, _ in focus_templates.built_in_templates()]
        dialog = NewSessionDialog(templates, dt.date.today(), self)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return
        key, title, when = dialog.values()
        edit = commands.create_session(self.context, key, title, first_date=when)
        if self.context.edit(edit):
            self.select_session(edit.result)
            self.pages.setCurrentIndex(0)

    def delete_session(self) -> None:
        record = self.selected_session()
        if record is None:
            return
        goes = self.context.read(lambda s: focus_results.session_dependents(s, record.id))
        if confirm_removal(self, f"Delete the session \u201c{record.title}\u201d?", goes, "&Delete session") and \
                self.context.edit(commands.delete_session(self.context, record)):
            self.status_message.emit(f"Deleted the session \u201c{record.title}\u201d. Edit > Undo brings it back.",
                                     8000)

    def _details_changed(self, fields: dict, text: str) -> None:
        record = self.selected_session()
        if record is not None:
            key = next(iter(fields))
            self._edit(text, lambda s: focus_sessions.update_session(s, record.id, **fields),
                       merge_key=f"focus-{record.id}-{key}")

    # Attendees and agenda -----------------------------------------------------------------------
    def invite(self, someone_new: bool) -> None:
        data = self.source.data()
        if data is None:
            return
        roles = [(r.key, r.name) for r in data.template.roles]
        people = None if someone_new else self.context.read(lambda s: focus_sessions.invitable_people(s, data.record.id))
        if people == []:
            QMessageBox.information(self, "Invite", "Everyone in the plan is already invited; use "
                                    "\u201cInvite someone new\u201d.")
            return
        groups = self.context.read(lambda s: [(g.id, g.name) for g in district_profile.list_position_groups(s)])
        dialog = InviteDialog(roles, people, self, groups)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return
        person_id, name, role = dialog.values()
        if someone_new:
            self.context.edit(commands.add_new_attendee(self.context, data.record.id, name, role, dialog.group_id()))
        else:
            self._edit("Invite someone", lambda s: focus_sessions.add_attendee(s, data.record.id, person_id, role))

    def remove_attendee(self) -> None:
        attendee = selected_record(self.plan_page.attendees_view)
        if attendee is not None:
            self._edit(f"Remove {attendee.name} from the attendees",
                       lambda s: focus_sessions.remove_attendee(s, attendee.id))

    def add_agenda_item(self) -> None:
        record = self.selected_session()
        if record is None:
            return
        current = selected_record(self.plan_page.agenda_view)
        if self._edit("Add an agenda item", lambda s: focus_sessions.add_agenda_item(
                s, record.id, "New item", 10, after_id=current.id if current else None)):
            view = self.plan_page.agenda_view
            row = (self.agenda_model.row_of(current.id) + 1) if current else self.agenda_model.rowCount() - 1
            view.setCurrentIndex(self.agenda_model.index(row, 0))
            view.edit(view.currentIndex())

    def remove_agenda_item(self) -> None:
        item = selected_record(self.plan_page.agenda_view)
        if item is not None:
            self._edit(f"Remove \u201c{item.title}\u201d from the agenda",
                       lambda s: focus_sessions.remove_agenda_item(s, item.id))

    def move_agenda_item(self, step: int) -> None:
        item = selected_record(self.plan_page.agenda_view)
        if item is not None and self._edit(f"Move \u201c{item.title}\u201d", lambda s: focus_sessions.move_agenda_item(
                s, item.id, step)):
            self.plan_page.agenda_view.selectRow(self.agenda_model.row_of(item.id))

    # Results ------------------------------------------------------------------------------------
    def add_idea(self, attribute: str, kind: str, text: str) -> None:
        record = self.selected_session()
        if record is not None and self._edit("Add an idea", lambda s: focus_results.add_idea(
                s, record.id, attribute, kind, text)):
            self.ideas_page.added()

    def remove_idea(self) -> None:
        idea = selected_record(self.ideas_page.view)
        if idea is None:
            return
        goes = self.context.read(lambda s: focus_results.idea_dependents(s, idea.id))
        if confirm_removal(self, f"Remove the idea \u201c{idea.text}\u201d?", goes, "&Remove idea"):
            self._edit("Remove an idea", lambda s: focus_results.remove_idea(s, idea.id))

    def add_subgroup(self) -> None:
        record = self.selected_session()
        if record is not None:
            self._edit("Add a subgroup", lambda s: focus_results.add_subgroup(s, record.id))

    def rename_subgroup(self, subgroup_id: int) -> None:
        current = next((g.name for g in self.ratings_model.subgroups if g.id == subgroup_id), "")
        name, ok = QInputDialog.getText(self, "Rename subgroup", "Subgroup name:", text=current)
        if ok and name.strip() and name.strip() != current:
            self._edit("Rename a subgroup", lambda s: focus_results.rename_subgroup(s, subgroup_id, name))

    def remove_subgroup(self, subgroup_id: int) -> None:
        name = next((g.name for g in self.ratings_model.subgroups if g.id == subgroup_id), "the subgroup")
        goes = self.context.read(lambda s: focus_results.subgroup_dependents(s, subgroup_id))
        if confirm_removal(self, f"Remove {name}?", goes, "&Remove subgroup"):
            self._edit("Remove a subgroup and its ratings", lambda s: focus_results.remove_subgroup(s, subgroup_id))

    def add_proposal(self, category: str, idea: str, owner: str, deadline: str, restates: str = "") -> None:
        record = self.selected_session()
        if record is not None and self._edit("Add a proposal", lambda s: focus_results.add_proposal(
                s, record.id, idea, category=category, owner=owner, deadline=deadline,
                restates=target_key(restates))):
            self.proposals_page.added()

    def propose(self, restates) -> None:
        """Propose this (on Impact and ease): a proposal in the rated row's words, tied to it; then
        on to Proposals, typing who could own it."""
        record = self.selected_session()
        if record is None or not self._edit("Propose a rated action", lambda s: focus_results.propose(
                s, record.id, restates)):
            return
        self.pages.setCurrentWidget(self.proposals_page)
        model, view = self.proposals_model, self.proposals_page.view
        row = next((r for r in range(model.rowCount()) if model.record_at(r).restates == tuple(restates)), -1)
        if row >= 0:
            index = model.index(row, model.column_of("owner"))
            view.setCurrentIndex(index)
            view.setFocus()
            self.status_message.emit(f"Proposed \u201c{model.record_at(row).idea}\u201d: type who could own it and "
                                     "a possible deadline.", 8000)

    def remove_proposal(self) -> None:
        proposal = selected_record(self.proposals_page.view)
        if proposal is None:
            return
        goes = self.context.read(lambda s: focus_results.proposal_dependents(s, proposal.id))
        if confirm_removal(self, f"Remove the proposal \u201c{proposal.idea}\u201d?", goes, "&Remove proposal"):
            self._edit("Remove a proposal", lambda s: focus_results.remove_proposal(s, proposal.id))

    def send_to_priorities(self) -> None:
        record = self.selected_session()
        if record is None:
            return
        edit = commands.send_to_priorities(self.context, record.id)
        if self.context.edit(edit):
            self.status_message.emit(edit.result.text + " Rate and decide on them in the Priorities tab.", 8000)

    # Printing -----------------------------------------------------------------------------------
    def print_worksheets(self, kind: str) -> None:
        record = self.selected_session()
        if record is not None:
            self.export_with_options.emit(kind, {"session": str(record.id)})
            return
        templates = [t for t, _ in focus_templates.built_in_templates()]
        titles = [t.title for t in templates]
        title, ok = QInputDialog.getItem(self, "Blank worksheets", "Template:", titles, 0, False)
        if ok:
            self.export_with_options.emit(kind, {"template": templates[titles.index(title)].key})

    def print_main(self) -> None:
        """Ctrl+P here: the facilitator's guide of the selected session (blank worksheets without one)."""
        self.print_worksheets(self.main_printout)

    def print_summary(self) -> None:
        record = self.selected_session()
        if record is not None:
            self.export_with_options.emit("focus-summary", {"session": str(record.id)})
