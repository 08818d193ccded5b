"""Help → Keyboard shortcuts (F1): every shortcut, read from the window's own actions.

The keys come from the QActions and QShortcuts themselves (menus, panels, the chair view), so the
sheet cannot drift from what the keys do; the words for a panel's unnamed actions come from
``DESCRIPTIONS`` (tests/test_shortcuts_sheet.py fails when a shortcut has none). The same table is
in docs/user-guide.md between the shortcut markers, and a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.gui.widgets import named

# Where a panel's shortcuts work, by the object name of the widget that owns them.
SECTIONS = {
    "main_window": "Everywhere",
    "meetings_panel": "Meetings",
    "agenda_builder": "3 Agenda",
    "checklist_panel": "4 Checklist",
    "live_panel": "5 Notes and decisions",
    "capture_form": "5 Notes and decisions",
    "recorded_under_this_item": "5 Notes and decisions: the records list",
    "actions_panel": "6 Actions and All actions",
    "all_actions_panel": "6 Actions and All actions",
    "sharing_panel": "7 Information sharing",
    "meeting_subjects": "1 Set-up: subjects",
    "subjects_of_this_meeting": "1 Set-up: subjects",
    "ecomap_panel": "10 Ecomap and impact",
    "chair_view": "Chair view (shared screen)",
}
ORDER = list(dict.fromkeys(SECTIONS.values()))
# docs/user-guide.md holds the generated table between these lines.
START = "<!-- shortcuts: generated from the window by efh_desktop/gui/shortcuts_sheet.py -->"
END = "<!-- end of shortcuts -->"

# What an action with no text of its own does, by (section, keys in portable text).
DESCRIPTIONS = {
    ("Meetings", "Down"): "From the search box: to the first meeting found (Enter too)",
    ("10 Ecomap and impact", "Ctrl+E"): "Move into the picture (then arrows go from node to node)",
    ("5 Notes and decisions", "Ctrl+Shift+K"): "Link these: record how the subjects of the chosen note are linked",
    ("3 Agenda", "Ins"): "Add an item after the selected one",
    ("3 Agenda", "Ctrl+Ins"): "Add a sub-item",
    ("3 Agenda", "Del"): "Remove the selected item",
    ("3 Agenda", "Alt+Up"): "Move the item up",
    ("3 Agenda", "Alt+Down"): "Move the item down",
    ("3 Agenda", "Alt+Right"): "Nest under the item above",
    ("3 Agenda", "Alt+Left"): "Un-nest",
    ("3 Agenda", "Ctrl+Z"): "Undo the last agenda change",
    ("3 Agenda", "Ctrl+Y"): "Redo",
    ("3 Agenda", "Ctrl+Shift+Z"): "Redo",
    ("4 Checklist", "Ctrl+Return"): "Save the point and go to the next one not yet addressed",
    ("4 Checklist", "Ctrl+Enter"): "Save the point and go to the next one not yet addressed",
    ("5 Notes and decisions", "F5"): "Start (or resume) the meeting: records the actual start",
    ("5 Notes and decisions", "Shift+F5"): "End the meeting",
    ("5 Notes and decisions", "Ctrl+PgDown"): "Next agenda item",
    ("5 Notes and decisions", "Ctrl+PgUp"): "Previous agenda item",
    ("5 Notes and decisions", "F6"): "Record a note",
    ("5 Notes and decisions", "F7"): "Record a decision",
    ("5 Notes and decisions", "F8"): "Record an action",
    ("5 Notes and decisions", "F11"): "Show or hide the chair view",
    ("5 Notes and decisions", "Ctrl+Alt+Z"): "Undo the last note, decision or action recorded",
    ("5 Notes and decisions", "Ctrl+Alt+Y"): "Redo it",
    ("5 Notes and decisions", "Ctrl+Z"): "Undo typing (in a text box) or the last record (elsewhere)",
    ("5 Notes and decisions", "Ctrl+Y"): "Redo",
    ("5 Notes and decisions", "Ctrl+Return"): "Record what is typed",
    ("5 Notes and decisions", "Ctrl+Enter"): "Record what is typed",
    ("5 Notes and decisions", "Ctrl+T"): "Tag the subjects named in the text",
    ("5 Notes and decisions: the records list", "Del"): "Delete the selected record (Ctrl+Z brings it back)",
    ("5 Notes and decisions: the records list", "F2"): "Change the selected record: words, tags, flags, item",
    ("5 Notes and decisions: the records list", "Return"): "Change the selected record",
    ("5 Notes and decisions: the records list", "Enter"): "Change the selected record",
    ("6 Actions and All actions", "Ctrl+D"): "Mark the selected action done",
    ("6 Actions and All actions", "Ctrl+Shift+D"): "Mark it not done, with a reason",
    ("6 Actions and All actions", "Ctrl+O"): "Mark it open again",
    ("6 Actions and All actions", "Ctrl+Z"): "Undo the last change to an action",
    ("6 Actions and All actions", "Ctrl+Y"): "Redo",
    ("6 Actions and All actions", "Ctrl+Shift+Z"): "Redo",
    ("7 Information sharing", "Ctrl+Return"): "Save the decision and go to the next child",
    ("7 Information sharing", "Ctrl+Enter"): "Save the decision and go to the next child",
    ("1 Set-up: subjects", "Del"): "Remove the selected subject from the meeting",
    ("Chair view (shared screen)", "F11"): "Full screen on or off",
    ("Chair view (shared screen)", "Esc"): "Leave full screen; pressed again, close the chair view",
}

# Keys Qt gives every window of this kind, which no QAction of ours holds.
STANDARD = [
    ("Everywhere", "Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous meeting panel"),
    ("Everywhere", "Alt+letter", "The control whose label has that letter underlined"),
    ("Everywhere", "Alt+Down", "Open a list or a date's calendar"),
    ("In dialogs", "Ctrl+Enter", "Save (subject, reason for finalising without an item)"),
    ("In dialogs", "Esc", "Cancel"),
]


@dataclass(frozen=True)
class Shortcut:
    section: str
    keys: str
    what: str


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _section(obj) -> str | None:  # a QObject
    while obj is not None:
        name = obj.objectName() if hasattr(obj, "objectName") else ""
        if name in SECTIONS:
            return SECTIONS[name]
        obj = obj.parent()
    return None


def collect(window) -> list[Shortcut]:  # the MainWindow
    """Every shortcut the window and its panels define, in menu and panel order."""
    from efh_desktop.gui.panels.chair_view import ChairView

    out: list[Shortcut] = []
    seen: set[tuple[str, str]] = set()

    def add(section: str, keys: str, what: str) -> None:
        if keys and (section, keys) not in seen:
            seen.add((section, keys))
            out.append(Shortcut(section, keys, what))

    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
            if keys and action.text():
                add(f"{_plain(menu_action.text())} menu", keys, _plain(action.text()))
    window.workspace  # noqa: B018 - builds the meeting panels, whose actions are read below
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if not keys or action.text():
            continue
        owner = action.parent()
        if isinstance(owner, QWidget) and owner.window() is not window:
            continue  # a dialog's own (Ctrl+Enter to save): listed under "In dialogs"
        section = _section(owner)
        if section is not None:
            add(section, keys, DESCRIPTIONS.get((section, keys), ""))
    view = ChairView()
    for shortcut in view.findChildren(QShortcut):
        keys = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        add(SECTIONS["chair_view"], keys, DESCRIPTIONS.get((SECTIONS["chair_view"], keys), ""))
    view.deleteLater()
    for section, keys, what in STANDARD:
        add(section, keys, what)
    rank = {name: i for i, name in enumerate(ORDER)}
    menus = [s for s in out if s.section.endswith(" menu")]
    rest = sorted((s for s in out if not s.section.endswith(" menu")),
                  key=lambda s: rank.get(s.section, len(rank)))
    return menus + rest


def markdown(shortcuts: list[Shortcut]) -> str:
    lines = ["| Where | Keys | What it does |", "|---|---|---|"]
    lines += [f"| {s.section} | {s.keys} | {s.what} |" for s in shortcuts]
    return "\n".join(lines) + "\n"


class ShortcutsSheet(QDialog):
    def __init__(self, shortcuts: list[Shortcut], parent: QWidget | None = None, *, open_guide=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcuts_sheet")
        self._shortcuts = shortcuts
        self.filter = named(QLineEdit(), "Find a shortcut", "Type part of a key or of what it does")
        self.filter.setPlaceholderText("Find a shortcut…")
        self.filter.setClearButtonEnabled(True)
        self.table = named(QTableWidget(0, 3), "Shortcuts")
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        label = QLabel("&Find:")
        label.setBuddy(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        buttons.rejected.connect(self.reject)
        if open_guide is not None:
            guide = buttons.addButton("Open the &user guide", QDialogButtonBox.ButtonRole.HelpRole)
            named(guide, "Open the user guide")
            guide.clicked.connect(open_guide)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._fill)
        self._fill()
        self.resize(760, 620)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self) -> None:
        words = self.filter.text().casefold().split()
        rows = [s for s in self._shortcuts
                if all(w in f"{s.section} {s.keys} {s.what}".casefold() for w in words)]
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            for c, text in enumerate((s.section, s.keys, s.what)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]
