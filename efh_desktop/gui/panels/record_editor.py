"""Change a recorded note, decision or action after the fact: its words, who it is about (tags),
its flags, its details and the agenda item it is under. Until the minutes are finalised.
Ctrl+Enter saves from any field.

The dialog only gathers the new values; the live panel saves them through the minutes service
(audited) and pushes a ``ChangedCommand`` so Ctrl+Z puts the record back as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from efh_desktop.gui.date_field import DateField
from efh_desktop.gui.widgets import flowing, named
from efh_desktop.services.app_services import Services

_TEXT = {"note": ("text", "&Note"), "decision": ("text", "&Decision"), "action": ("description", "&Action")}


def _box(name: str, text: str, height: int = 70) -> QPlainTextEdit:
    box = named(QPlainTextEdit(text), name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def record_values(services: Services, kind: str, row: Any) -> dict[str, Any]:
    """The editable fields of a record as the service takes them, with its subject tags."""
    fields = {"note": ("text", "source_agency", "not_for_family", "childs_own_words", "agenda_item_id"),
              "decision": ("text", "kind_key", "rationale", "dissent", "decided_by", "agreed_by", "agenda_item_id"),
              "action": ("description", "owner", "agency", "due_date", "category", "agenda_item_id")}[kind]
    values = {name: getattr(row, name) for name in fields}
    values["subject_ids"] = services.minutes.tags(kind, row.id)
    return values


class RecordEditor(QDialog):
    def __init__(self, services: Services, meeting_id: int, kind: str, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle({"note": "Change the note", "decision": "Change the decision",
                             "action": "Change the action"}[kind])
        self.kind = kind
        self.before = record_values(services, kind, row)
        profile = services.profile
        meeting = services.meetings.get(meeting_id)
        form = QFormLayout(self)
        field, label = _TEXT[kind]
        self.text = _box(label.replace("&", ""), getattr(row, field), 90)
        form.addRow(label + ":", self.text)
        self.inputs: dict[str, QWidget] = {}
        if kind == "note":
            agency = named(QComboBox(), "Agency")
            agency.setEditable(True)
            agency.addItems(["", *profile.agencies])
            agency.setCurrentText(row.source_agency)
            self.inputs["source_agency"] = agency
            form.addRow("Agenc&y:", agency)
            for key, text in (("not_for_family", "Not for the &family"), ("childs_own_words", "The child's o&wn words")):
                box = named(QCheckBox(text), text.replace("&", ""))
                box.setChecked(bool(getattr(row, key)))
                self.inputs[key] = box
                form.addRow("", box)
        elif kind == "decision":
            kinds = named(QComboBox(), "Kind of decision")
            kinds.addItem("(general decision)", "")
            for k in profile.decision_kinds_for(meeting.type_key) if meeting.type_key in profile.meeting_types else []:
                kinds.addItem(k.label, k.key)
            if kinds.findData(row.kind_key) < 0 and row.kind_key:
                kinds.addItem(row.kind_key, row.kind_key)
            kinds.setCurrentIndex(max(0, kinds.findData(row.kind_key)))
            self.inputs["kind_key"] = kinds
            form.addRow("&Kind:", kinds)
            self.inputs["rationale"] = _box("Reason", row.rationale, 54)
            form.addRow("&Reason:", self.inputs["rationale"])
            self.inputs["dissent"] = _box("Dissent", row.dissent, 40)
            form.addRow("Diss&ent:", self.inputs["dissent"])
            self.inputs["decided_by"] = named(QLineEdit(row.decided_by), "Decided by")
            form.addRow("Decided b&y:", self.inputs["decided_by"])
            self.inputs["agreed_by"] = named(QLineEdit(row.agreed_by), "Agreed by")
            form.addRow("A&greed by:", self.inputs["agreed_by"])
        else:
            self.inputs["owner"] = named(QLineEdit(row.owner), "Owner")
            form.addRow("O&wner:", self.inputs["owner"])
            agency = named(QComboBox(), "Agency")
            agency.setEditable(True)
            agency.addItems(["", *profile.agencies])
            agency.setCurrentText(row.agency)
            self.inputs["agency"] = agency
            form.addRow("Agenc&y:", agency)
            due = DateField("Due date", "Leave it empty for no date")
            due.setDate(row.due_date)
            self.inputs["due_date"] = due
            form.addRow("D&ue:", due)
            tactic = named(QComboBox(), "Disruption tactic")
            tactic.addItem("(none)", "")
            for t in profile.disruption_tactics:
                tactic.addItem(t.label, t.key)
            tactic.setCurrentIndex(max(0, tactic.findData(row.category)))
            self.inputs["category"] = tactic
            form.addRow("Tact&ic:", tactic)
        self.item = named(QComboBox(), "Agenda item", "The item this is recorded under")
        self.item.addItem("Other business (no item)", None)
        for node in services.agenda.tree(meeting_id):
            self.item.addItem(("   " * node.depth) + f"{node.number}  {node.title}", node.id)
        self.item.setCurrentIndex(max(0, self.item.findData(row.agenda_item_id)))
        form.addRow("Under i&tem:", self.item)
        self.subjects = named(QListWidget(), "About", "Space ticks a subject")
        self.subjects.setFixedHeight(96)
        tagged = set(self.before["subject_ids"])
        for subject in services.meetings.subjects(meeting_id):
            entry = QListWidgetItem(subject.name)
            entry.setData(Qt.ItemDataRole.UserRole, subject.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if subject.id in tagged else Qt.CheckState.Unchecked)
            self.subjects.addItem(entry)
        form.addRow("A&bout:", self.subjects)
        self.problem = flowing(QLabel())
        self.problem.setAccessibleName("Problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Save), "Save the change")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(560)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # saves from anywhere, the text boxes included
            QShortcut(QKeySequence(keys), self, self._check)
        self.text.setFocus()

    def _check(self) -> None:
        due = self.inputs.get("due_date")
        if isinstance(due, DateField) and not due.is_valid():
            self.problem.setText(f"Due date: {due.problem_text()}")
            due.setFocus()
            return
        self.accept()

    def after(self) -> dict[str, Any]:
        """Every editable field as now set (the caller saves only what changed)."""
        values: dict[str, Any] = {_TEXT[self.kind][0]: self.text.toPlainText()}
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, DateField):
                values[key] = widget.date()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentText() if widget.isEditable() else widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[key] = widget.text()
        values["agenda_item_id"] = self.item.currentData()
        values["subject_ids"] = [self.subjects.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.subjects.count())
                                 if self.subjects.item(i).checkState() == Qt.CheckState.Checked]
        return values

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(before, after) of the fields that changed, as ``ChangedCommand`` takes them."""
        after = self.after()
        changed = [key for key, value in after.items() if value != self.before.get(key)]
        return {k: self.before[k] for k in changed}, {k: after[k] for k in changed}
