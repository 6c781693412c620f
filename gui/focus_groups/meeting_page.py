"""The "Intention and framework" page: the meeting intention the facilitator reads (the guide's
sample unless changed), the group's own version of it, the group's answers to the guide's two
questions on the framework, and the session's notes. Each field commits when focus leaves it, as
one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from gui.widgets.committing_text import CommittingTextEdit
from models.focus_template import FocusTemplate

QUESTIONS = {"attributes_matter": "Which attributes matter most?",
             "attributes_change": "What would you add or remove?"}


def _text_field(name: str, accessible: str, lines: int = 3) -> CommittingTextEdit:
    """A field of ``lines`` lines that wraps at its width (never scrolls sideways)."""
    field = CommittingTextEdit(objectName=name)
    field.setAccessibleName(accessible)
    field.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    field.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    field.setFixedHeight(field.fontMetrics().lineSpacing() * lines + 14)
    return field


class MeetingPage(QWidget):
    changed = Signal(dict, str)  # fields, undo text

    FIELDS = (("intention", "Meeting intention", "Change the meeting intention"),
              ("group_intention", "The group's version", "Write the group's intention"),
              ("attributes_matter", QUESTIONS["attributes_matter"], "Write which attributes matter most"),
              ("attributes_change", QUESTIONS["attributes_change"], "Write what the group would add or remove"),
              ("notes", "Notes", "Change the session's notes"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._record = None
        self._template: FocusTemplate | None = None
        self.fields: dict[str, CommittingTextEdit] = {}
        for key, label, _undo in self.FIELDS:
            self.fields[key] = _text_field(f"session_{key}", label, 5 if key in ("intention", "notes") else 3)
        self.sample = QPushButton("&Use the guide's sample")
        self.sample.setObjectName("useSampleIntention")
        self.sample.setToolTip("Put back the sample intention the guide suggests reading")
        self.sample.clicked.connect(self.use_sample)
        self.intention_state = QLabel(objectName="intentionState", wordWrap=True)
        self.intention_state.setStyleSheet("color: #52606D;")
        self.framework = QLabel(objectName="frameworkAttributes", wordWrap=True)
        self.framework.setStyleSheet("color: #52606D;")

        form = QFormLayout()
        form.setContentsMargins(0, 4, 0, 0)
        # Mnemonics clear of the tab's pages (P, N, T, A, E, D, I, O) and the menus (F, E, V, H).
        labels = {"intention": "&Meeting intention:", "group_intention": "The &group's version:",
                  "attributes_matter": "&Which attributes matter most?",
                  "attributes_change": "What would you add or &remove?", "notes": "&Session notes:"}
        form.addRow(QLabel("Read at the start of the meeting, then ask whether anyone has questions about it or "
                           "would change it; write the group's own version below.", wordWrap=True))
        for key in ("intention", "group_intention"):
            form.addRow(QLabel(labels[key], buddy=self.fields[key]), self.fields[key])
            if key == "intention":
                row = QHBoxLayout()
                row.addWidget(self.intention_state, 1)
                row.addWidget(self.sample)
                form.addRow("", row)
        form.addRow(self.framework)
        for key in ("attributes_matter", "attributes_change", "notes"):
            form.addRow(QLabel(labels[key], buddy=self.fields[key]), self.fields[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)
        for key, _label, undo in self.FIELDS:
            self.fields[key].editing_finished.connect(lambda key=key, undo=undo: self._commit(key, undo))

    def _commit(self, key: str, undo: str) -> None:
        if self._record is None:
            return
        value = self.fields[key].toPlainText().strip()
        current = self._record.intention_read(self._template) if key == "intention" else getattr(self._record, key)
        if value != current.strip():
            self.changed.emit({key: value}, undo)

    def use_sample(self) -> None:
        if self._record is not None and self._record.intention:
            self.changed.emit({"intention": ""}, "Use the guide's sample intention")

    def show_record(self, record, template: FocusTemplate | None) -> None:
        self._record, self._template = record, template
        self.setEnabled(record is not None)
        if record is None:
            for field in self.fields.values():
                field.clear()
            self.framework.clear()
            self.intention_state.clear()
            return
        values = {key: getattr(record, key) for key, _l, _u in self.FIELDS}
        values["intention"] = record.intention_read(template)
        for key, value in values.items():
            field = self.fields[key]
            if field.toPlainText() != value and not (field.hasFocus() and field.document().isModified()):
                field.setPlainText(value)
                field.document().setModified(False)
        self.intention_state.setText("The session's own intention." if record.intention
                                     else "The guide's sample intention: edit it to write your own.")
        self.sample.setEnabled(bool(record.intention))
        titles = ", ".join(a.title for a in template.attributes)
        self.framework.setText(f"<b>The group's view of the framework</b> ({titles}): which attributes matter "
                               "most to them in an attractive employer, and what would they add, remove or change?")
