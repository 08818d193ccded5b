"""The relationships of one subject, edited inside the subject dialog.

Links are kept as pending changes until the subject is saved (a new subject has no id yet), then
each is its own audited change through RelationService. Choosing a saved link fills in what is
known, its source and dates; "Change relationship" keeps the changed fields until the subject is
saved (a membership that ended gets its until date). A child's relatives and carers are edited
in the dialog's own "Relatives and carers" box and shown here for reference.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui.date_field import DateField
from efh_desktop.gui.widgets import make_action, named, problem_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.relation_service import RELATIONS, LinkRow, relations_between
from efh_desktop.services.subject_service import KIND_LABELS

LINK_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class _Pending:
    other_id: int
    other_name: str
    relation: str
    known: str
    source: str
    from_date: date | None
    to_date: date | None

    def text(self) -> str:
        label = RELATIONS[self.relation].label
        dates = (f" (from {format_date(self.from_date)})" if self.from_date else "") + (
            f" (until {format_date(self.to_date)})" if self.to_date else "")
        return f"{label} {self.other_name}{dates} — not saved yet"


class RelationsEditor(QGroupBox):
    def __init__(self, services: Services, kind: str, subject_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Relationships", parent)
        self.setObjectName("relations_editor")
        self.setAccessibleName("Relationships")
        self._services, self._kind, self._subject_id = services, kind, subject_id
        self._pending: list[_Pending] = []
        self._removed: set[int] = set()
        self._changes: dict[int, dict[str, object]] = {}  # saved link id -> fields to update
        self._saved: dict[int, LinkRow] = {}
        self._editing: int | None = None  # the saved link whose fields are in the boxes
        self.list = named(QListWidget(), "Relationships of this subject", "Delete removes the selected relationship")
        self.list.setFixedHeight(150)
        self.list.setWordWrap(True)
        self.setMinimumWidth(360)
        self.other = named(QComboBox(), "Linked subject", "Type part of a name to find a subject")
        self.other.setEditable(True)
        self.other.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.other.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.other.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        for row in services.subjects.list():
            if row.id != subject_id and relations_between(kind, row.kind):
                self.other.addItem(f"{row.name} ({KIND_LABELS.get(row.kind, row.kind).lower()})", (row.id, row.kind))
        self.other.setCurrentIndex(-1)
        self.relation = named(QComboBox(), "Relationship")
        self.other.currentIndexChanged.connect(self._fill_relations)
        self.other.editTextChanged.connect(lambda _t: self._fill_relations())
        self.known = named(QLineEdit(), "What is known", "What is known about this link")
        self.source = named(QLineEdit(), "Source", "Where it comes from: an agency, a report")
        self.from_date = self._date("From date")
        self.to_date = self._date("Until date")
        self.add_button = named(QPushButton("Add relations&hip"), "Add relationship")
        self.add_button.clicked.connect(self.add)
        self.change_button = named(QPushButton("Chan&ge"), "Change relationship",
                                   "Keep what is known, the source and the dates typed for the selected relationship")
        self.change_button.clicked.connect(self.change_selected)
        self.change_button.setEnabled(False)
        self.list.currentItemChanged.connect(lambda current, _previous: self._selected(current))
        self.remove_button = named(QPushButton("Remove"), "Remove relationship",
                                   "Remove the selected relationship (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        remove = make_action(self.list, "", "Delete", self.remove_selected)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.error = problem_label("relations_error", "Relationship problem")
        self.relatives = QLabel()
        self.relatives.setObjectName("relations_relatives")
        self.relatives.setTextFormat(Qt.TextFormat.PlainText)
        self.relatives.setWordWrap(True)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        with_label = QLabel("&With:")
        with_label.setBuddy(self.other)
        grid.addWidget(with_label, 0, 0)
        grid.addWidget(self.other, 0, 1)
        relation_label = QLabel("Rela&tionship:")
        relation_label.setBuddy(self.relation)
        grid.addWidget(relation_label, 1, 0)
        grid.addWidget(self.relation, 1, 1)
        for row, (text, widget) in enumerate((("What is known:", self.known), ("Source:", self.source)), start=2):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        for row, (text, widget) in enumerate((("From:", self.from_date), ("Until:", self.to_date)), start=4):
            label = QLabel(text)  # a row each: a date written out ("1 November 2025") is not cut short
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.relatives)
        self._fill_relations()
        self._show()

    @staticmethod
    def _date(name: str) -> DateField:
        # The application's one date field: typed UK dates, empty for not known (a QDateEdit with
        # "not known" as its special value could not be typed into, and was cut off at this width).
        field = DateField(name, "leave it empty if not known")
        field.edit.setPlaceholderText("e.g. 14/3/2011")  # side by side: the long hint would be cut short
        return field

    def _chosen(self) -> tuple[int, str, str] | None:
        index = self.other.findText(self.other.currentText())
        if index < 0:
            return None
        other_id, kind = self.other.itemData(index)
        return other_id, kind, self.other.itemText(index).rsplit(" (", 1)[0]

    def _fill_relations(self) -> None:
        chosen = self._chosen()
        current = self.relation.currentData()
        self.relation.clear()
        kinds = relations_between(self._kind, chosen[1]) if chosen else [
            r for r in RELATIONS.values() if self._kind in r.from_kinds + r.to_kinds]
        for r in kinds:
            self.relation.addItem(r.label, r.key)
        if current is not None:
            self.relation.setCurrentIndex(max(0, self.relation.findData(current)))

    def _show(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        self._editing = None
        self.change_button.setEnabled(False)
        if self._subject_id:
            self._saved = {link.id: link for link in self._services.relations.links_of(self._subject_id)}
            for link in self._saved.values():
                if link.id in self._removed:
                    continue
                item = QListWidgetItem(self._saved_text(link))
                item.setData(LINK_ROLE, ("saved", link.id))
                self.list.addItem(item)
        for index, pending in enumerate(self._pending):
            item = QListWidgetItem(pending.text())
            item.setData(LINK_ROLE, ("pending", index))
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("No relationships recorded.")
        if self._kind == "child" and self._subject_id:
            people = self._services.relations.connected_people(self._subject_id)
            self.relatives.setText("Relatives and carers (edited in their own box): " + (
                "; ".join(f"{p.get('name')}, {p.get('relationship') or 'relative'}" for p in people) or "none"))

    def _saved_text(self, link: LinkRow) -> str:
        change = self._changes.get(link.id)
        if change:
            link = replace(link, **change)  # type: ignore[arg-type]
        text = link.phrase(self._subject_id) + (f" — {link.known}" if link.known else "") + (
            f" (source: {link.source})" if link.source else "")
        return text + (" — changed, not saved yet" if change else "")

    def _selected(self, item: QListWidgetItem | None) -> None:
        """A saved link chosen: its known, source and dates in the boxes, to change."""
        data = item.data(LINK_ROLE) if item is not None else None
        if not data or data[0] != "saved" or data[1] not in self._saved:
            if self._editing is not None:
                self._clear_fields()
            self._editing = None
            self.change_button.setEnabled(False)
            return
        link = replace(self._saved[data[1]], **self._changes.get(data[1], {}))  # type: ignore[arg-type]
        self._editing = link.id
        # Who with and how, as saved, so the boxes describe the chosen link (the screen showed the
        # last link typed, or none, beside another link's dates). Change keeps what is known, the
        # source and the dates; another person or relationship is a new link (Add, then Remove).
        other_id = link.to_id if link.from_id == self._subject_id else link.from_id
        for row in range(self.other.count()):
            if self.other.itemData(row)[0] == other_id:
                self.other.setCurrentIndex(row)
                break
        self.relation.setCurrentIndex(max(0, self.relation.findData(link.relation)))
        self.known.setText(link.known)
        self.source.setText(link.source)
        self.from_date.setDate(link.from_date)
        self.to_date.setDate(link.to_date)
        self.change_button.setEnabled(True)

    def _clear_fields(self) -> None:
        self.other.setCurrentIndex(-1)
        self.other.clearEditText()
        self.known.clear()
        self.source.clear()
        self.from_date.setDate(None)
        self.to_date.setDate(None)

    def _dates(self) -> tuple[date | None, date | None] | None:
        """The two dates typed, or None (and the reason said) when they cannot be used."""
        if not (self.from_date.is_valid() and self.to_date.is_valid()):
            self.error.setText("Put the date right, or leave it empty if not known.")
            return None
        start, end = self.from_date.date(), self.to_date.date()
        if start and end and end < start:
            self.error.setText("The “until” date is before the “from” date.")
            return None
        return start, end

    def change_selected(self) -> None:
        if self._editing is None:
            return
        dates = self._dates()
        if dates is None:
            return
        link_id = self._editing
        self._changes[link_id] = {"known": self.known.text(), "source": self.source.text(),
                                  "from_date": dates[0], "to_date": dates[1]}
        self.error.clear()
        self._clear_fields()
        self._show()
        for row in range(self.list.count()):
            if self.list.item(row).data(LINK_ROLE) == ("saved", link_id):
                self.list.setCurrentRow(row)
        self.list.setFocus()

    def add(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.error.setText("Choose who or what to link with from the list (type part of the name).")
            return
        relation = self.relation.currentData()
        if relation is None:
            self.error.setText("Choose the relationship.")
            return
        dates = self._dates()
        if dates is None:
            return
        start, end = dates
        self._pending.append(_Pending(chosen[0], chosen[2], relation, self.known.text(), self.source.text(),
                                      start, end))
        self.error.clear()
        self.other.setCurrentIndex(-1)
        self.other.clearEditText()
        self._clear_fields()
        self._show()
        self.other.setFocus()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        data = item.data(LINK_ROLE) if item is not None else None
        if not data:
            return
        where, ident = data
        if where == "saved":
            self._removed.add(ident)
            self._changes.pop(ident, None)
        else:
            self._pending.pop(ident)
        self._show()

    def apply(self, subject_id: int) -> str:
        """Save the pending changes for ``subject_id``; returns a problem sentence, or "" when all saved."""
        problems = []
        for link_id in sorted(self._removed):
            self._services.relations.remove(link_id)
        self._removed.clear()
        for link_id, fields in sorted(self._changes.items()):
            try:
                self._services.relations.update(link_id, **fields)
            except (ServiceError, TextRejected) as exc:
                problems.append(str(exc))
                continue
            del self._changes[link_id]
        kept: list[_Pending] = []
        for pending in self._pending:
            try:
                self._services.relations.add(subject_id, pending.other_id, pending.relation, known=pending.known,
                                             source=pending.source, from_date=pending.from_date,
                                             to_date=pending.to_date)
            except (ServiceError, TextRejected) as exc:
                problems.append(str(exc))
                kept.append(pending)
        self._pending = kept
        self._subject_id = subject_id
        self._show()
        if problems:
            self.error.setText(" ".join(problems))
        return " ".join(problems)
