"""Issue 14 item 16: F1 opens a shortcuts sheet read from the window's own actions, every shortcut
has words, the user guide lists the same table, and Help → User guide shows the installed guide."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from efh_desktop.gui.shortcuts_sheet import END, START, collect, markdown
from efh_desktop.paths import docs_folder


def _when_modal(callback, done: list) -> QTimer:
    timer = QTimer()
    timer.setInterval(20)

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        timer.stop()
        try:
            done.append(callback(dialog))
        finally:
            dialog.reject()
    timer.timeout.connect(run)
    timer.start()
    return timer


def test_f1_opens_the_sheet_with_every_shortcut(qtbot, window):
    window.activateWindow()
    window.meetings_panel.table.setFocus()
    seen: list = []
    keep = _when_modal(lambda d: (d.objectName(), d.shown_rows(), d), seen)
    qtbot.keyClick(window.meetings_panel.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(seen))
    keep.stop()
    name, rows, _dialog = seen[0]
    assert name == "shortcuts_sheet"
    keys = {(where, k) for where, k, _what in rows}
    assert ("File menu", "Ctrl+N") in keys and ("Help menu", "F1") in keys
    assert ("5 Notes and decisions", "F5") in keys and ("Chair view (shared screen)", "Esc") in keys
    assert all(what for _where, _k, what in rows), "every shortcut says what it does"


def test_the_sheet_is_the_windows_own_actions(qtbot, window):
    found = collect(window)
    listed = {(s.section, s.keys) for s in found}
    # Every menu item with a shortcut is listed under its menu, with its own keys.
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
            if keys:
                assert (menu_action.text().replace("&", "") + " menu", keys) in listed
    # Every panel shortcut without text of its own is described.
    unnamed = [a for a in window.findChildren(QAction) if not a.text() and not a.shortcut().isEmpty()]
    assert unnamed, "the panels' own shortcuts are read"
    assert all(s.what for s in found), [s for s in found if not s.what]


def test_find_filters_the_sheet(qtbot, window):
    from efh_desktop.gui.shortcuts_sheet import ShortcutsSheet

    sheet = ShortcutsSheet(collect(window), window)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.keyClicks(sheet.filter, "chair view")
    rows = sheet.shown_rows()
    assert rows and all("chair view" in " ".join(r).casefold() for r in rows)


def test_user_guide_lists_the_same_shortcuts(window):
    text = (docs_folder() / "user-guide.md").read_text(encoding="utf-8")
    assert START in text and END in text
    table = text[text.index(START) + len(START):text.index(END)].strip()
    assert table == markdown(collect(window)).strip(), \
        "regenerate the table in docs/user-guide.md from efh_desktop.gui.shortcuts_sheet"


def test_help_user_guide_shows_the_installed_guide(qtbot, window):
    seen: list = []
    keep = _when_modal(lambda d: (d.objectName(), d.browser.toPlainText()), seen)
    window.guide_action.trigger()
    keep.stop()
    name, text = seen[0]
    assert name == "user_guide" and "User guide" in text and "Keyboard shortcuts" in text


def test_a_dialog_left_open_adds_nothing_unexplained(qtbot, window):
    from efh_desktop.gui.subject_dialog import SubjectDialog

    dialog = SubjectDialog(window.services, "child", None, window)
    qtbot.addWidget(dialog)
    assert all(s.what for s in collect(window))
