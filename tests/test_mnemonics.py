"""Issue 14 item 17: no window or dialog has two visible controls on one Alt mnemonic (every home
view, every meeting panel, every capture mode, every dialog), no menu has two items on one letter,
and an Alt+letter that nothing uses does not type the letter into a field."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from efh_desktop.gui.mnemonics import clashes, mnemonic
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.settings import Settings
from tests.conftest import PASSPHRASE


def test_mnemonic_reading():
    assert mnemonic("Se&ttings") == "t"
    assert mnemonic("Fish && &Chips") == "c"
    assert mnemonic("No mnemonic") is None
    assert mnemonic("Save && close") is None


@pytest.fixture
def demo_window(qtbot, unlocker, data_dir):
    """The window on the demo data: a test using it is marked demo_store, so data_dir holds it."""
    from efh_desktop.gui.main_window import MainWindow

    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    assert controller.services.meetings.count(), "mark the test demo_store"
    window = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    controller.lock()


def _check(widget: QWidget, where: str, problems: list[str]) -> None:
    QApplication.processEvents()
    for letter, whats in clashes(widget).items():
        problems.append(f"{where}: Alt+{letter.upper()} is used by {', '.join(whats)}")


def _dialogs(window, tmp_path: Path):
    from efh_desktop.gui.agenda_pdf_dialog import AgendaPdfDialog
    from efh_desktop.gui.export_dialog import ExportDialog
    from efh_desktop.gui.meeting_transfer import OpenPassphraseDialog, SealDialog
    from efh_desktop.gui.new_meeting_dialog import NewMeetingDialog
    from efh_desktop.gui.panels.action_edit_dialog import ActionEditDialog
    from efh_desktop.gui.panels.finalise_panel import AmendmentDialog
    from efh_desktop.gui.panels.override_dialog import OverrideDialog
    from efh_desktop.gui.passphrase_dialog import ChangePassphraseDialog
    from efh_desktop.gui.subject_dialog import SubjectDialog
    from efh_desktop.gui.unlock_dialog import UnlockDialog
    from efh_desktop.store.tables import Action

    services = window.services
    meeting_id = window.workspace.meeting_id
    yield "new meeting", NewMeetingDialog(services, window)
    for kind in ("child", "peer_group", "place", "person_of_concern"):
        yield f"subject dialog ({kind})", SubjectDialog(services, kind, None, window)
    yield "first run", UnlockDialog(lambda *_: "", first_run=True, keyring_available=True)
    yield "unlock", UnlockDialog(lambda *_: "", first_run=False, keyring_available=True)
    yield "change passphrase", ChangePassphraseDialog(services, window)
    action_id = services.minutes.add_action(meeting_id, "Ring the school", owner="Pat Test", agency="Education").id
    with services.ctx.reading() as session:
        action = session.get(Action, action_id)
    yield "action edit", ActionEditDialog(services, action, window)
    yield "amendment", AmendmentDialog(window)
    line = services.finalise.gate(meeting_id)[0]
    yield "override", OverrideDialog(services, meeting_id, line, window)
    yield "agenda PDF", AgendaPdfDialog(window)
    yield "seal", SealDialog(window)
    yield "open sealed", OpenPassphraseDialog("EFH-000001.efhmeeting", "", window)
    export = ExportDialog(services, meeting_id, window)
    yield "export", export
    folder = tmp_path / "exports"
    folder.mkdir()
    export.folder.setText(str(folder))
    export.disclosure.setCurrentIndex(1)
    export.prepare()
    yield "export, reviewing a disclosure copy", export
    # Issue 16: a subject's history page (a place's with its trend, a child's with the sibling
    # group), the outcome of an intervention and "link these".
    from efh_desktop.gui.history_page import HistoryDialog
    from efh_desktop.gui.link_these_dialog import LinkTheseDialog
    from efh_desktop.gui.outcome_dialog import OutcomeDialog

    for kind in ("place", "peer_group", "person_of_concern", "child"):
        yield f"history ({kind})", HistoryDialog(services, services.subjects.list(kind)[0].id, window)
    history = HistoryDialog(services, services.subjects.list("child")[0].id, window)
    history.page.show_siblings()
    yield "sibling group ecomap", history.page.siblings_dialog
    yield "outcome", OutcomeDialog(services, action_id, "Ring the school", window)
    two = [s.id for s in services.meetings.subjects(meeting_id)][:2]
    note = services.minutes.add_note(meeting_id, "Seen together at the rec.", subject_ids=two)
    yield "link these", LinkTheseDialog(services, note.id, note.text, window)


@pytest.mark.demo_store
def test_no_two_controls_share_a_mnemonic(qtbot, demo_window, tmp_path):
    window = demo_window
    problems: list[str] = []
    for index in range(window.home_tabs.count()):
        window.home_tabs.setCurrentIndex(index)
        _check(window, f"home view {window.home_tabs.tabText(index)!r}", problems)
    services = window.services
    meeting_id = max(r.id for r in services.meetings.list(type_key="complex_strategy"))
    window.open_meeting(meeting_id)
    tabs = window.workspace.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        if tabs.currentWidget() is window.workspace.live:
            for mode in ("note", "decision", "action"):
                window.workspace.live.capture.set_mode(mode)
                _check(window, f"meeting panel {tabs.tabText(index)!r}, {mode}", problems)
        else:
            _check(window, f"meeting panel {tabs.tabText(index)!r}", problems)
    for where, dialog in _dialogs(window, tmp_path):
        dialog.show()
        _check(dialog, where, problems)
        dialog.hide()
    # Within each menu, one letter per item.
    for menu in window.menuBar().findChildren(QMenu):
        letters = [mnemonic(a.text()) for a in menu.actions() if a.text() and not a.isSeparator()]
        letters = [x for x in letters if x]
        for letter in {x for x in letters if letters.count(x) > 1}:
            problems.append(f"menu {menu.title()!r}: Alt+{letter.upper()} twice")
    assert not problems, "\n".join(problems)


def test_an_unassigned_alt_letter_types_nothing(qtbot, window):
    from efh_desktop.gui.app import make_application

    make_application()  # installs the filter, as the program does at start-up
    services = window.services
    meeting = services.meetings.create("complex_strategy", datetime(2026, 12, 7, 10, tzinfo=UTC))
    window.open_meeting(meeting.id)
    window.activateWindow()
    venue = window.workspace.setup_form.text_edits["venue"]
    venue.setFocus()
    qtbot.keyClicks(venue, "Town Hall")
    qtbot.keyClick(venue, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # Alt+Q: nothing uses it
    qtbot.keyClick(venue, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert venue.text() == "Town Hall", "Alt+letter with no mnemonic typed the letter"
    # An assigned one still works: Alt+U moves to the venue's own label buddy, Alt+L to Locality.
    qtbot.keyClick(venue, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.workspace.setup_form.text_edits["locality"]


def test_the_alt_letter_filter_follows_the_focused_text_field(qtbot):
    """It watches the focused field only (not every event of the application), in every kind of
    text field, and lets ordinary typing through."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout

    from efh_desktop.gui import mnemonics
    from efh_desktop.gui.app import make_application

    make_application()
    top = QWidget()
    line, box, button = QLineEdit(), QPlainTextEdit(), QPushButton("&Go")
    layout = QVBoxLayout(top)
    for widget in (line, box, button):
        layout.addWidget(widget)
    qtbot.addWidget(top)
    top.show()
    qtbot.waitExposed(top)
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow, timeout=3000)
    for field, text in ((line, line.text), (box, box.toPlainText)):
        field.setFocus()
        assert mnemonics._swallower is not None and mnemonics._swallower.watched is field
        qtbot.keyClicks(field, "Dewi Sant")
        qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
        assert text() == "Dewi Sant", "Alt+Q (nothing uses it) typed a letter"
    button.setFocus()
    assert mnemonics._swallower.watched is None, "a button is not a text field: nothing to watch"
