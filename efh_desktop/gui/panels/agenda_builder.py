"""The agenda builder: the chair shapes the meeting's agenda from the type's template.

Keyboard first: Insert adds an item after the current one, Ctrl+Insert a sub-item, F2 renames,
Delete removes, Alt+Up/Alt+Down move, Alt+Right/Alt+Left nest and un-nest, Ctrl+Z/Ctrl+Y undo
and redo. Items can also be dragged. Every change is saved as it is made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_time
from efh_desktop.gui import colours, message_box
from efh_desktop.gui.panels.agenda_tree import (
    COL_MINUTES,
    COL_NUMBER,
    COL_TITLE,
    ID_ROLE,
    AgendaTreeView,
    build_model,
)
from efh_desktop.gui.panels.agenda_undo import AgendaSnapshotCommand
from efh_desktop.gui.widgets import make_action, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


def describe_minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + \
        ([f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes or not hours else [])
    return " ".join(parts)


class AgendaBuilder(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_builder")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self._filling = False
        self.undo_stack = QUndoStack(self)
        self.model = QStandardItemModel(self)
        self.model.itemChanged.connect(self._cell_edited)
        self.tree = named(AgendaTreeView(), "Agenda items",
                          "Insert adds, F2 renames, Delete removes, Alt+arrows move and nest")
        self.tree.setModel(self.model)
        self.tree.move_requested.connect(self._drop_move)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("agenda_summary")
        self.summary.setAccessibleName("Agenda timing")
        self.summary.setWordWrap(True)
        self.template_combo = named(QComboBox(), "Agenda template")

        def button(text: str, name: str, slot: Callable[[], object], tip: str) -> QPushButton:
            widget = named(QPushButton(text), name, tip)
            widget.clicked.connect(slot)
            return widget

        self.buttons = [
            button("&Add item", "Add item", self.add_item, "Add an item after the selected one (Insert)"),
            button("Add s&ub-item", "Add sub-item", self.add_sub_item, "Add a sub-item (Ctrl+Insert)"),
            button("Re&move", "Remove item", self.remove_item, "Remove the selected item (Delete)"),
            button("Move u&p", "Move up", lambda: self._move(-1), "Alt+Up"),
            button("Move do&wn", "Move down", lambda: self._move(+1), "Alt+Down"),
            button("&Nest", "Nest under the item above", self._indent, "Alt+Right"),
            button("Un-ne&st", "Un-nest", self._outdent, "Alt+Left"),
        ]
        self.undo_button = button("Undo", "Undo agenda change", self.undo_stack.undo, "Ctrl+Z")
        self.redo_button = button("Redo", "Redo agenda change", self.undo_stack.redo, "Ctrl+Y")
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.undo_button.setToolTip(f"Undo {t} (Ctrl+Z)"))
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.save_template_button = button("Save as templat&e…", "Save as template", self.save_template,
                                           "Keep this agenda as a template for this meeting type")
        self.rebuild_button = button("&Rebuild from template", "Rebuild from template", self.rebuild,
                                     "Replace the agenda with the chosen template")

        tools = QHBoxLayout()
        for widget in (*self.buttons, self.undo_button, self.redo_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        templates = QHBoxLayout()
        templates.addWidget(QLabel("Template:"))
        templates.addWidget(self.template_combo, 1)
        templates.addWidget(self.rebuild_button)
        templates.addWidget(self.save_template_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addLayout(templates)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Insert", self.add_item), ("Ctrl+Insert", self.add_sub_item),
                           (QKeySequence.StandardKey.Delete, self.remove_item), ("Alt+Up", lambda: self._move(-1)),
                           ("Alt+Down", lambda: self._move(+1)), ("Alt+Right", self._indent),
                           ("Alt+Left", self._outdent), (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
                           ("Ctrl+Y", self.undo_stack.redo), ("Ctrl+Shift+Z", self.undo_stack.redo)):
            make_action(self, "", keys, slot).setShortcutContext(context)

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.undo_stack.clear()
        if meeting_id is None:
            self.model.clear()
            self.summary.clear()
            self.template_combo.clear()
            return
        meeting = services.meetings.get(meeting_id)
        self.template_combo.clear()
        self.template_combo.addItem(f"The practice profile's {services.profile.meeting_types[meeting.type_key].name}"
                                    " agenda" if meeting.type_key in services.profile.meeting_types else "Profile",
                                    None)
        for template in services.agenda.templates(meeting.type_key):
            self.template_combo.addItem(template.name, template.id)
        editable = meeting.status != "finalised"
        for widget in (*self.buttons, self.save_template_button, self.rebuild_button):
            widget.setEnabled(editable)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        if self.meeting_id is None:
            return
        if select_id is None:
            select_id = self.current_id()
        self._filling = True
        try:
            timing = self._services.agenda.timing(self.meeting_id)
            build_model(self.model, self._services.agenda.tree(self.meeting_id), timing)
        finally:
            self._filling = False
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_NUMBER, COL_MINUTES):
            self.tree.resizeColumnToContents(column)
        self._select(select_id)
        self._show_summary(timing)

    def _show_summary(self, timing) -> None:
        meeting = self._services.meetings.get(self.meeting_id)
        text = f"Planned: {describe_minutes(timing.total_minutes)}, finishing at {format_time(timing.planned_finish)}"
        if meeting.ends_at:
            text += f"; the meeting ends at {format_time(meeting.ends_at)}"
        if timing.overrun_minutes:
            text = f"⚠ The plan runs {describe_minutes(timing.overrun_minutes)} past the end of the meeting. " + text
            self.summary.setStyleSheet(colours.style("warning", bold=True))
        else:
            self.summary.setStyleSheet("")
        self.summary.setText(text + ".")

    # -- selection --------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _select(self, item_id: int | None) -> None:
        if item_id is None:
            return
        matches = self.model.match(self.model.index(0, COL_NUMBER), ID_ROLE, item_id, 1,
                                   Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        if matches:
            self.tree.selectionModel().setCurrentIndex(
                matches[0], QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    # -- edits ------------------------------------------------------------------------------------
    def _edit(self, label: str, change: Callable[[], int | None | bool], select: int | None = None) -> None:
        """Run one saved change with its undo snapshot; show a refusal as a message."""
        if self.meeting_id is None:
            return
        before = self._services.agenda.snapshot(self.meeting_id)
        try:
            result = change()
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Agenda", str(exc))
            self.refresh()
            return
        if result is False:
            return
        after = self._services.agenda.snapshot(self.meeting_id)
        self.undo_stack.push(AgendaSnapshotCommand(label, before, after, self._restore))
        self.refresh(result if isinstance(result, int) and not isinstance(result, bool) else select)

    def _restore(self, snapshot, summary: str) -> None:
        self._services.agenda.restore(self.meeting_id, snapshot, summary)
        self.refresh()

    def add_item(self, *_signal_args) -> None:
        """Add an item after the selected one (buttons and shortcuts pass their own arguments)."""
        self._add("New item", sub=False)

    def add_sub_item(self, *_signal_args) -> None:
        self._add("New item", sub=True)

    def _add(self, title: str, *, sub: bool) -> None:
        current = self.current_id()
        nodes = {n.id: n for n in self._services.agenda.tree(self.meeting_id)} if self.meeting_id is not None else {}
        if sub and current is not None:
            self._edit("add sub-item", lambda: self._services.agenda.add(self.meeting_id, title, parent_id=current))
        else:
            parent = nodes[current].parent_id if current in nodes else None
            self._edit("add item", lambda: self._services.agenda.add(self.meeting_id, title, parent_id=parent,
                                                                      after_id=current))
        self.tree.edit(self.tree.currentIndex().siblingAtColumn(COL_TITLE))

    def remove_item(self) -> None:
        current = self.current_id()
        if current is not None:
            self._edit("remove item", lambda: self._services.agenda.remove(current))

    def _move(self, step: int) -> None:
        current = self.current_id()
        if current is not None:
            self._edit("move item", lambda: self._services.agenda.move_by(current, step), current)

    def _indent(self) -> None:
        current = self.current_id()
        if current is not None:
            self._edit("nest item", lambda: self._services.agenda.indent(current), current)

    def _outdent(self) -> None:
        current = self.current_id()
        if current is not None:
            self._edit("un-nest item", lambda: self._services.agenda.outdent(current), current)

    def _drop_move(self, item_id: int, parent_id, position: int) -> None:
        self._edit("move item", lambda: self._services.agenda.move_to(item_id, parent_id, position), item_id)

    def _cell_edited(self, cell: QStandardItem) -> None:
        if self._filling or self.meeting_id is None:
            return
        item_id, column, text = cell.data(ID_ROLE), cell.column(), cell.text()
        # Saved after the editor has finished with the model: rebuilding it mid-commit is unsafe.
        QTimer.singleShot(0, lambda: self._save_cell(item_id, column, text))

    def _save_cell(self, item_id: int, column: int, text: str) -> None:
        if column == COL_TITLE:
            self._edit("rename item", lambda: self._services.agenda.rename(item_id, text), item_id)
        elif column == COL_MINUTES:
            text = text.strip()
            minutes = int(text) if text.isdigit() else -1
            self._edit("change minutes", lambda: self._services.agenda.set_minutes(item_id, minutes), item_id)

    # -- templates --------------------------------------------------------------------------------
    def save_template(self) -> None:
        if self.meeting_id is None:
            return
        name, ok = QInputDialog.getText(self, "Save as template", "Name for this agenda template:")
        if not ok:
            return
        try:
            self._services.agenda.save_as_template(self.meeting_id, name)
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Template not saved", str(exc))
            return
        self.set_meeting(self._services, self.meeting_id)

    def rebuild(self) -> None:
        if self.meeting_id is None:
            return
        answer = message_box.question(self, "Rebuild the agenda",
                                      "Replace this agenda with the chosen template? You can undo this.")
        if answer == QMessageBox.StandardButton.Yes:
            template_id = self.template_combo.currentData()
            self._edit("rebuild agenda", lambda: self._services.agenda.apply_template(self.meeting_id, template_id))
