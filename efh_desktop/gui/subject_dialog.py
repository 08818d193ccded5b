"""Add or edit a subject. The fields follow the kind: a child has date of birth, identifiers,
legal status and flags; a place has its kind and address; a group or person of concern a
description."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QListWidgetItem, QVBoxLayout, QWidget

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.gui import colours
from efh_desktop.gui.forms.ui_subject_dialog import Ui_SubjectDialog
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.subject_service import KIND_LABELS


def _keep_rows_of(form: QFormLayout, kind: str) -> None:
    """Take out the form's rows for other kinds: a field with a ``kinds`` property in the form
    (space-separated subject kinds) belongs only to those; a field without one, to every kind."""
    fields = form.parentWidget().findChildren(QWidget)
    # Chosen before any row goes (a row's children go with it).
    for field in [f for f in fields if f.property("kinds") and kind not in str(f.property("kinds")).split()]:
        row = form.takeRow(field)
        for item in (row.labelItem, row.fieldItem):
            if item is not None:
                widget = item.widget()
                # PySide holds a wrapper for every layout item uic made, and one left over from a
                # deleted item could be handed back later for an object that reuses its address;
                # a layout of its own deletes the item the way PySide expects, wrapper and all.
                QVBoxLayout().addItem(item)
                if widget is not None:
                    shiboken6.delete(widget)


class SubjectDialog(QDialog):
    """Layout, labels, accessible names, kinds' rows and tab order: ui/subject_dialog.ui. Here: the
    rows the kind has, the choices from the profile and the store, the date fields and the
    relationships editor put in their places, and saving."""

    def __init__(self, services: Services, kind: str, subject_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._kind = kind
        self._subject_id = subject_id
        self.saved_id: int | None = None
        label = KIND_LABELS[kind].lower()
        self.ui = ui = Ui_SubjectDialog()
        ui.setupUi(self)
        self.setWindowTitle(f"Edit {label}" if subject_id else f"Add {label}")
        _keep_rows_of(ui.form, kind)

        self.name, self.aliases, self.locality, self.description = ui.name, ui.aliases, ui.locality, ui.description
        if kind == "child":
            self.dob, self.looked_after = ui.date_of_birth_field, ui.looked_after_field
            for field in (self.dob, self.looked_after):
                field.named_by_form()
            self.lcs_id, self.ehm_id = ui.lcs_identifier, ui.ehm_identifier
            self.legal_status = ui.legal_status
            self.legal_status.addItem("(not recorded)", "")
            for key, text in services.profile.legal_statuses.items():
                self.legal_status.addItem(text, key)
            self.legal_status.activated.connect(self._status_implies_flag)
            self.in_care, self.yot_order, self.open_referral = ui.in_care, ui.yot_order, ui.open_referral
            self.lead_professional = ui.lead_professional
            self.address = ui.home_address
            self.connected = ui.relatives_and_carers
        elif kind == "person_of_concern":
            self.treat_as_child = ui.person_of_concern_is_a_child
        elif kind == "place":
            self.place_kind, self.address = ui.kind_of_place, ui.address
        self._members: dict[int, str] = {}  # child id -> name, for a peer group
        self._initial_members: set[int] = set()
        if kind == "peer_group":
            self.member_list, self.member_pick = ui.members, ui.child_to_add
            self.member_pick.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            self.member_pick.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            for row in services.subjects.list("child"):
                self.member_pick.addItem(row.name + (f" ({', '.join(row.aliases)})" if row.aliases else ""), row.id)
            self.member_pick.setCurrentIndex(-1)
            # Enter in the picker adds the child (choosing from the completer first if it is open).
            self.member_pick.lineEdit().returnPressed.connect(self._add_member)
            ui.add_member.clicked.connect(self._add_member)
            ui.remove_member.clicked.connect(self._remove_member)

        self.error = ui.subject_error
        self.error.setStyleSheet(colours.style("problem", bold=True))
        buttons = ui.buttons
        named(buttons.button(QDialogButtonBox.StandardButton.Save), "Save")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        from efh_desktop.gui.relations_editor import RelationsEditor  # issue 16: relationships as data

        self.relations = RelationsEditor(services, kind, subject_id, self)
        ui.beside.addWidget(self.relations, 2, Qt.AlignmentFlag.AlignTop)  # after Save and Cancel in Tab order
        if subject_id:
            self._load(subject_id)
        from efh_desktop.gui.widgets import make_action

        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # saves from any field, as in Outlook
            make_action(self, "", keys, self._save)
        self.name.setFocus()

    # A legal status that says a flag is true ticks it (never unticks: the flag may be true anyway).
    _STATUS_FLAGS = {"child_in_care": "in_care", "open_referral": "open_referral", "yot_only": "yot_order"}

    def _status_implies_flag(self) -> None:
        flag = self._STATUS_FLAGS.get(self.legal_status.currentData() or "")
        if flag is not None:
            getattr(self, flag).setChecked(True)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Enter in the member picker adds the child instead of saving the whole dialog.
        if (self._kind == "peer_group" and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and self.member_pick.isAncestorOf(self.focusWidget() or self)):
            return
        super().keyPressEvent(event)

    def _load(self, subject_id: int) -> None:
        s = self._services.subjects.get(subject_id)
        self.name.setText(s.name)
        self.aliases.setText(", ".join(s.aliases or []))
        self.locality.setText(s.locality)
        self.description.setPlainText(s.description)
        if self._kind == "child":
            if s.date_of_birth:
                self.dob.setDate(s.date_of_birth)
            if s.looked_after_on:
                self.looked_after.setDate(s.looked_after_on)
            self.lcs_id.setText(s.lcs_id)
            self.ehm_id.setText(s.ehm_id)
            self.legal_status.setCurrentIndex(max(0, self.legal_status.findData(s.legal_status)))
            self.in_care.setChecked(s.in_care)
            self.yot_order.setChecked(s.yot_order)
            self.open_referral.setChecked(s.open_referral)
            self.lead_professional.setText(s.lead_professional)
            self.address.setText(s.address)
            self.connected.setPlainText("\n".join(
                ", ".join(p for p in (c.get("name", ""), c.get("relationship", "")) if p)
                for c in (s.connected_people or [])))
        elif self._kind == "person_of_concern":
            self.treat_as_child.setChecked(bool(s.treat_as_child))
        elif self._kind == "place":
            self.place_kind.setText(s.place_kind)
            self.address.setText(s.address)
        elif self._kind == "peer_group":
            for row in self._services.subjects.members(subject_id):
                self._members[row.id] = row.name
            self._initial_members = set(self._members)
            self._show_members()

    def _show_members(self) -> None:
        self.member_list.clear()
        for child_id, name in sorted(self._members.items(), key=lambda kv: kv[1].casefold()):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, child_id)
            self.member_list.addItem(item)

    def _add_member(self) -> None:
        typed = self.member_pick.currentText().strip()
        index = self.member_pick.findText(typed)
        if index < 0 and typed:
            # Part of one name is enough (what the completer shows as it is typed).
            found = [i for i in range(self.member_pick.count())
                     if typed.casefold() in self.member_pick.itemText(i).casefold()]
            index = found[0] if len(found) == 1 else -1
        if index < 0:
            self.error.setText("Choose a child from the list (type part of the name).")
            return
        self._members[self.member_pick.itemData(index)] = self.member_pick.itemText(index).split(" (")[0]
        self.member_pick.setCurrentIndex(-1)
        self.member_pick.clearEditText()
        self.error.clear()
        self._show_members()

    def _remove_member(self) -> None:
        item = self.member_list.currentItem()
        if item is not None:
            self._members.pop(item.data(Qt.ItemDataRole.UserRole), None)
            self._show_members()

    def values(self) -> dict:
        values = {"name": self.name.text(), "aliases": self.aliases.text(), "locality": self.locality.text(),
                  "description": self.description.toPlainText()}
        if self._kind == "child":
            values.update(
                date_of_birth=self.dob.date(),
                lcs_id=self.lcs_id.text(), ehm_id=self.ehm_id.text(), legal_status=self.legal_status.currentData(),
                in_care=self.in_care.isChecked(), yot_order=self.yot_order.isChecked(),
                open_referral=self.open_referral.isChecked(), lead_professional=self.lead_professional.text(),
                address=self.address.text(), connected_people=self.connected.toPlainText())
            values["looked_after_on"] = self.looked_after.date()
        elif self._kind == "person_of_concern":
            values.update(treat_as_child=self.treat_as_child.isChecked())
        elif self._kind == "place":
            values.update(place_kind=self.place_kind.text(), address=self.address.text())
        return values

    def _save(self) -> None:
        if self._kind == "child" and not self.dob.is_valid():
            self.error.setText(f"Date of birth: {self.dob.problem_text()}")
            self.dob.setFocus()
            return
        if self._kind == "child" and not self.looked_after.is_valid():
            self.error.setText(f"Looked after from: {self.looked_after.problem_text()}")
            self.looked_after.setFocus()
            return
        values = self.values()
        try:
            if self._subject_id:
                subject = self._services.subjects.update(self._subject_id, **values)
            else:
                name = values.pop("name")
                subject = self._services.subjects.create(self._kind, name, **values)
        except (ServiceError, TextRejected) as exc:
            self.error.setText(str(exc))
            return
        if self._kind == "peer_group":
            # Membership is its own audited change per child, after the group itself is saved.
            for child_id in set(self._members) - self._initial_members:
                self._services.subjects.add_member(subject.id, child_id)
            for child_id in self._initial_members - set(self._members):
                self._services.subjects.remove_member(subject.id, child_id)
        self.saved_id = subject.id
        if self.relations.apply(subject.id):
            self._subject_id = subject.id  # saved; the relationship problem is shown in the editor
            return
        self.accept()
