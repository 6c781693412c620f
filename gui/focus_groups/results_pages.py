"""The pages where a session's results are typed back in, in the order of the worksheets:
aspirations, example actions, the group's own ideas, impact and ease, and proposals."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.focus_groups.rating_delegate import RatingDelegate
from gui.focus_groups.session_models import (
    IdeasModel,
    MarksModel,
    ProposalsModel,
    RatingsModel,
    target_code,
    target_key,
)
from gui.widgets.delegates import ChoiceDelegate
from gui.widgets.record_model import RecordTableModel
from gui.widgets.tables import fit_columns, make_table_view
from services.focus_groups import focus_results


def _hint(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setStyleSheet("color: #52606D;")
    return label


def table_page(model: RecordTableModel, name: str, hint: str, stretch: int | None = None,
               wrap: bool = False) -> tuple[QWidget, object]:
    page = QWidget()
    view = make_table_view(page)
    view.setObjectName(name)
    view.setModel(model)
    if wrap:
        view.setWordWrap(True)
    fit_columns(view, stretch_column=stretch)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(_hint(hint))
    layout.addWidget(view, 1)
    return page, view


class MarksPage(QWidget):
    def __init__(self, model: MarksModel, parent=None):
        super().__init__(parent)
        self.view = make_table_view(self)
        self.view.setObjectName("marksList")
        self.view.setAccessibleName("Example actions")
        self.view.setModel(model)
        # Fixed widths (the template's text doesn't change): the action to consider takes the rest,
        # so it stays readable in a 1024-wide window; the initiative's whole title is in its tooltip.
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumHeight(40)  # the tick columns' headings on two lines
        for key, width in (("key", 44), ("initiative", 180), ("does_this", 96), ("explore", 110),
                           ("contract_limited", 96), ("contract_note", 190)):
            self.view.setColumnWidth(model.column_of(key), width)
        header.setSectionResizeMode(model.column_of("text"), QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(_hint("Tick what the district already does, and what the group wants to explore further "
                               "(click a box, or press Space on it). Actions marked \u25c6 may also help partnerships "
                               "with outside providers. <b>Tick \u201cContract or bargaining\u201d where existing "
                               "contracts or collective bargaining agreements limit what is possible for this group of "
                               "staff</b>, and note how: it goes to Priorities with the action."))
        layout.addWidget(self.view, 1)


class IdeasPage(QWidget):
    add_requested = Signal(str, str, str)  # attribute key, kind, text
    remove_requested = Signal()

    def __init__(self, model: IdeasModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.attribute = QComboBox(objectName="ideaAttribute")
        self.kind = QComboBox(objectName="ideaKind")
        for key, label in focus_results.IDEA_KINDS.items():
            self.kind.addItem(f"The district {label.lower()}", key)
        self.kind.setCurrentIndex(1)
        self.text = QLineEdit(objectName="ideaText", placeholderText="Type an idea and press Enter")
        add = QPushButton("Add idea")
        add.setObjectName("addIdea")
        remove = QPushButton("Remove idea")
        self.view = make_table_view(self)
        self.view.setObjectName("ideasList")
        self.view.setModel(model)
        self._delegates = [ChoiceDelegate(model.attribute_choices, self), ChoiceDelegate(model.kind_choices, self)]
        self.view.setItemDelegateForColumn(model.column_of("attribute_key"), self._delegates[0])
        self.view.setItemDelegateForColumn(model.column_of("kind"), self._delegates[1])
        fit_columns(self.view, stretch_column=model.column_of("text"))
        self.view.setAccessibleName("Ideas")
        self.view.set_commands(add=("&Add idea", self.text.setFocus), remove=("&Remove idea", self.remove_requested.emit))
        self.attribute.setAccessibleName("Attribute of the idea")
        self.kind.setAccessibleName("Whether the district takes it already")
        self.text.setAccessibleName("Idea")
        entry = QHBoxLayout()
        entry.addWidget(self.attribute)
        entry.addWidget(self.kind)
        entry.addWidget(self.text, 1)
        entry.addWidget(add)
        entry.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(_hint("Actions the group brainstormed under each attribute: ones the district already "
                               "takes, and ones it could take. The ones it could take are rated next."))
        layout.addLayout(entry)
        layout.addWidget(self.view, 1)
        add.clicked.connect(self._add)
        self.text.returnPressed.connect(self._add)
        remove.clicked.connect(self.remove_requested.emit)

    def set_attributes(self, attributes: list[tuple[str, str]]) -> None:
        current = self.attribute.currentData()
        self.attribute.clear()
        for key, title in attributes:
            self.attribute.addItem(title, key)
        self.attribute.setCurrentIndex(max(0, self.attribute.findData(current)))

    def _add(self) -> None:
        if self.text.text().strip():
            self.add_requested.emit(self.attribute.currentData() or "", self.kind.currentData(), self.text.text())

    def added(self) -> None:
        self.text.clear()


class RatingsPage(QWidget):
    add_subgroup_requested = Signal()
    rename_subgroup_requested = Signal(int)
    remove_subgroup_requested = Signal(int)
    propose_requested = Signal(object)  # the rated target's key: a proposal in its words, tied to it

    def __init__(self, model: RatingsModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.view = make_table_view(self)
        self.view.setObjectName("ratingsList")
        self.view.setAccessibleName("Impact and ease ratings")
        self.view.setModel(model)
        self.view.setItemDelegate(RatingDelegate(self.view))
        self.view.horizontalHeader().setMinimumHeight(40)
        self.subgroups = QComboBox(objectName="subgroupChoice")
        add = QPushButton("Add subgroup")
        add.setObjectName("addSubgroup")
        rename = QPushButton("Rename...")
        remove = QPushButton("Remove subgroup")
        self.propose_button = QPushButton("&Propose this", objectName="proposeThis")
        tip = ("A proposal in the selected row's words, tied to it: sent to Priorities as one action, placed from "
               "the group's ratings")
        self.propose_button.setToolTip(tip)
        self.propose_action = QAction("&Propose this", self.view)
        self.propose_action.setToolTip(tip)
        for trigger in (self.propose_button.clicked, self.propose_action.triggered):
            trigger.connect(lambda _checked=False: self._propose())
        row = QHBoxLayout()
        row.addWidget(QLabel("&Subgroups:", buddy=self.subgroups))
        row.addWidget(self.subgroups, 1)
        row.addWidget(add)
        row.addWidget(rename)
        row.addWidget(remove)
        row.addWidget(self.propose_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(_hint("Each action marked \u201cexplore further\u201d and each idea the district could take, "
                               "with impact and ease from 1 to 5 per subgroup (type a digit; 0 clears). The "
                               "focus-group guide suggests one subgroup per attribute; rows where subgroups "
                               "disagree by two points or more are shaded. Propose this turns the selected row "
                               "into a proposal tied to it."))
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        add.clicked.connect(self.add_subgroup_requested.emit)
        rename.clicked.connect(lambda: self._with_subgroup(self.rename_subgroup_requested))
        remove.clicked.connect(lambda: self._with_subgroup(self.remove_subgroup_requested))
        model.modelReset.connect(self._columns_changed)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._enable())
        model.modelReset.connect(self._enable)
        self._enable()

    def selected_row(self):
        index = self.view.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def _enable(self) -> None:
        row = self.selected_row()
        able = row is not None and self.model.proposed(row) is None
        self.propose_button.setEnabled(able)
        self.propose_action.setEnabled(able)

    def _propose(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.propose_requested.emit(row.id)

    def _with_subgroup(self, signal) -> None:
        if self.subgroups.currentData() is not None:
            signal.emit(self.subgroups.currentData())

    def _columns_changed(self) -> None:
        current = self.subgroups.currentData()
        self.subgroups.clear()
        for group in self.model.subgroups:
            self.subgroups.addItem(group.name, group.id)
        self.subgroups.setCurrentIndex(max(0, self.subgroups.findData(current)))
        # Fixed widths: the text wide enough to read, every rating column the same narrow width.
        self.view.horizontalHeader().setStretchLastSection(True)
        widths = {"label": 96, "text": 280, "mean": 110}
        for n, column in enumerate(self.model.columns):
            self.view.setColumnWidth(n, widths.get(column.key, 74))


class _FreshChoices(QComboBox):
    """A drop-down that fills itself again as it opens: what a proposal can restate changes on the
    other pages (an action marked, an idea added) without the proposals themselves changing."""

    refill = None  # () -> None, given by the page

    def showPopup(self) -> None:
        if self.refill is not None:
            self.refill()
        super().showPopup()


class ProposalsPage(QWidget):
    add_requested = Signal(str, str, str, str, str)  # category, idea, owner, deadline, what it restates (code)
    remove_requested = Signal()

    def __init__(self, model: ProposalsModel, parent=None):
        super().__init__(parent)
        self.category = QComboBox(objectName="proposalCategory")
        for key, label in focus_results.CATEGORIES.items():
            self.category.addItem(label, key)
        self.idea = QLineEdit(objectName="proposalIdea", placeholderText="Initiative idea")
        self.owner = QLineEdit(objectName="proposalOwner", placeholderText="Proposed owner")
        self.deadline = QLineEdit(objectName="proposalDeadline", placeholderText="Possible deadline")
        self.restates = _FreshChoices(objectName="proposalRestates")
        self.restates.refill = self._fill_restates
        self.restates.setAccessibleName("Restates")
        self.restates.setToolTip("The rated example action or idea the proposal restates: it then goes to "
                                 "Priorities as one action, placed from the group's ratings")
        self.restates.activated.connect(lambda _i: self._restated_picked())
        self.restates.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.restates.setMinimumContentsLength(22)  # its list shows each choice whole
        self.model = model
        add = QPushButton("Add proposal")
        add.setObjectName("addProposal")
        remove = QPushButton("Remove proposal")
        self.view = make_table_view(self)
        self.view.setObjectName("proposalsList")
        self.view.setModel(model)
        self._delegate = ChoiceDelegate(model.category_choices, self)
        self.view.setItemDelegateForColumn(model.column_of("category"), self._delegate)
        self._restates_delegate = ChoiceDelegate(model.target_choices, self)
        self.view.setItemDelegateForColumn(model.column_of("restates"), self._restates_delegate)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(lambda *_a: self._fill_restates())
        fit_columns(self.view, stretch_column=model.column_of("idea"))
        self.view.setAccessibleName("Proposals")
        self.view.set_commands(add=("&Add proposal", self.idea.setFocus),
                               remove=("&Remove proposal", self.remove_requested.emit))
        self.category.setAccessibleName("Category")
        for field, name in ((self.idea, "Initiative idea"), (self.owner, "Proposed owner"),
                            (self.deadline, "Possible deadline")):
            field.setAccessibleName(name)
        entry = QHBoxLayout()
        entry.addWidget(self.category)
        entry.addWidget(self.idea, 3)
        entry.addWidget(self.owner, 1)
        entry.addWidget(self.deadline, 1)
        entry.addWidget(self.restates, 2)
        entry.addWidget(add)
        entry.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(_hint("Every idea the group rated high priority, as \u201cDo it now!\u201d or \u201cDo it "
                               "next\u201d, with who could own it and a possible deadline. They travel with the "
                               "action into the plan when it is approved. Choose the rated action or idea a "
                               "proposal restates (or press Propose this on Impact and ease), so Priorities gets "
                               "one action placed from the group's ratings."))
        layout.addLayout(entry)
        layout.addWidget(self.view, 1)
        add.clicked.connect(self._add)
        for field in (self.idea, self.owner, self.deadline):
            field.returnPressed.connect(self._add)
        remove.clicked.connect(self.remove_requested.emit)

    def _fill_restates(self) -> None:
        current = self.restates.currentData()
        self.restates.clear()
        taken = {p.restates for p in self.model.records() if p.restates is not None}
        for code, label in self.model.target_choices():
            if not code or target_key(code) not in taken:
                self.restates.addItem(label if code else "Restates: (nothing rated)", code)
        self.restates.setCurrentIndex(max(0, self.restates.findData(current)))

    def _restated_picked(self) -> None:
        """Picking what the proposal restates writes its words in, if none are typed yet."""
        code = self.restates.currentData()
        target = next((t for t in self.model.targets if target_code(t.key) == code), None) if code else None
        if target is not None and not self.idea.text().strip():
            self.idea.setText(target.text)

    def _add(self) -> None:
        if self.idea.text().strip():
            self.add_requested.emit(self.category.currentData(), self.idea.text(), self.owner.text(),
                                    self.deadline.text(), self.restates.currentData() or "")

    def added(self) -> None:
        for field in (self.idea, self.owner, self.deadline):
            field.clear()
        self.restates.setCurrentIndex(0)
        self.idea.setFocus()
