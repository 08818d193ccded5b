"""Meeting transfer in the window (issue 12, item 5): File → "Send meeting to another laptop…"
writes a sealed file, and File → "Open a meeting file…" on a second laptop (a second data folder)
asks for the passphrase and brings it in. The questions are answered through the window's
``transfer_prompts`` seam; the seal and passphrase dialogs are the real ones, filled by keyboard."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from efh_desktop.gui.main_window import MainWindow
from efh_desktop.gui.meeting_transfer import OpenPassphraseDialog, SealDialog, TransferPrompts
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.settings import Settings
from efh_desktop.store import sealed_file
from tests.background_helpers import wait_for_background
from tests.conftest import PASSPHRASE

SEAL = "a long passphrase for the file"

pytestmark = pytest.mark.demo_store  # data_dir is a copy of the demo store built once per run



class Answers(TransferPrompts):
    """Answers each question in turn: file names directly, dialogs by a function that types into them."""

    def __init__(self, qtbot, *, save=None, open_=None, dialogs=()) -> None:
        self.qtbot, self.save, self.open_ = qtbot, save, open_
        self.fills = list(dialogs)
        self.shown: list[QDialog] = []
        self.suggested = None

    def save_path(self, parent, suggested):
        self.suggested = suggested
        return str(self.save) if self.save else ""

    def open_path(self, parent):
        return str(self.open_) if self.open_ else ""

    def run(self, dialog):
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.shown.append(dialog)
        return self.fills.pop(0)(self.qtbot, dialog)


def seal_with(passphrase: str, repeat: str | None = None):
    def fill(qtbot, dialog: SealDialog) -> bool:
        assert not dialog.unsealed.isChecked(), "sealed by default"
        qtbot.keyClicks(dialog.passphrase, passphrase)
        qtbot.keyClicks(dialog.repeat, repeat if repeat is not None else passphrase)
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
        return dialog.result() == QDialog.DialogCode.Accepted
    return fill


def type_passphrase(passphrase: str):
    def fill(qtbot, dialog: OpenPassphraseDialog) -> bool:
        qtbot.keyClicks(dialog.passphrase, passphrase)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        return dialog.result() == QDialog.DialogCode.Accepted
    return fill


def cancel(qtbot, dialog) -> bool:
    dialog.reject()
    return False


def _window(qtbot, unlocker, data_dir) -> MainWindow:
    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    win = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, unlocker, data_dir):
    """The first laptop, on a copy of the demo store (the module is marked demo_store)."""
    win = _window(qtbot, unlocker, data_dir)
    yield win
    win.controller.lock()


@pytest.fixture
def second_window(qtbot, tmp_path, template_store_dir, profile):
    """The other laptop: its own data folder and store, with no meetings."""
    from efh_desktop.services.unlock_service import UnlockService

    folder = tmp_path / "second-laptop"
    shutil.copytree(template_store_dir, folder)
    win = _window(qtbot, UnlockService(folder, profile, "Chair Person"), folder)
    yield win
    win.controller.lock()


def _send(qtbot, window, path, *fills) -> Answers:
    answers = Answers(qtbot, save=path, dialogs=fills)
    window.transfer_prompts = answers
    window.send_meeting_action.trigger()
    wait_for_background(qtbot)
    return answers


def test_send_is_offered_only_with_a_meeting_open(window):
    assert not window.send_meeting_action.isEnabled()
    assert window.open_meeting_file_action.isEnabled()
    window.open_meeting(window.services.meetings.list()[0].id)
    assert window.send_meeting_action.isEnabled()
    window.show_meetings()
    assert not window.send_meeting_action.isEnabled()
    window.open_meeting(window.services.meetings.list()[0].id)
    window.lock_action.trigger()
    assert not window.send_meeting_action.isEnabled() and not window.open_meeting_file_action.isEnabled()


def test_shortcuts_and_names(window):
    assert window.send_meeting_action.shortcut().toString() == "Ctrl+Shift+E"
    assert window.open_meeting_file_action.shortcut().toString() == "Ctrl+Shift+O"
    seal, asking = SealDialog(window), OpenPassphraseDialog("x.efhmeeting", parent=window)
    for dialog in (seal, asking):
        for field in dialog.findChildren(QWidget):
            if field.focusPolicy() != Qt.FocusPolicy.NoFocus:
                assert field.accessibleName().strip(), type(field).__name__


def test_send_sealed_then_open_on_another_laptop(qtbot, window, second_window, tmp_path, message_boxes):
    meeting = window.services.meetings.list()[0]
    window.open_meeting(meeting.id)
    out = tmp_path / f"EFH-{meeting.id:06d}.efhmeeting"
    # The two passphrases differ first: the dialog says so and stays open; then they match.
    answers = _send(qtbot, window, out, _mismatch_then_match)
    assert answers.suggested.name == f"EFH-{meeting.id:06d}.efhmeeting"
    assert sealed_file.is_sealed(out.read_bytes())
    assert message_boxes[-1][:2] == ("information", "Meeting sent")
    assert "sealed" in message_boxes[-1][2] and "NOT" not in message_boxes[-1][2]
    assert window.statusBar().currentMessage() == message_boxes[-1][2]

    # Sending again to the same name: the save dialog's "replace?" was answered, so it is replaced.
    _send(qtbot, window, out, seal_with(SEAL))
    assert message_boxes[-1][1] == "Meeting sent"

    # The other laptop: the file is sealed, so it asks for the passphrase, then imports and opens it.
    other = second_window
    assert other.services.meetings.list() == []
    answers = Answers(qtbot, open_=out, dialogs=[type_passphrase(SEAL)])
    other.transfer_prompts = answers
    other.open_meeting_file_action.trigger()
    wait_for_background(qtbot)
    assert isinstance(answers.shown[0], OpenPassphraseDialog)
    [arrived] = other.services.meetings.list()
    assert message_boxes[-1] == ("information", "Meeting file opened",
                                 f"The meeting was imported as meeting {arrived.id}.")
    assert other.content.currentWidget() is other.workspace and other.workspace.meeting_id == arrived.id
    assert other.meetings_panel.model.rowCount() == 1
    assert other.services.meetings.get(arrived.id).uid == window.services.meetings.get(meeting.id).uid

    # Opening the same file again changes nothing, and says so.
    other.transfer_prompts = Answers(qtbot, open_=out, dialogs=[type_passphrase(SEAL)])
    other.open_meeting_file_action.trigger()
    wait_for_background(qtbot)
    assert message_boxes[-1][2] == f"This meeting is already here (meeting {arrived.id}); nothing was changed."
    assert len(other.services.meetings.list()) == 1


def _mismatch_then_match(qtbot, dialog: SealDialog) -> bool:
    seal_with(SEAL, "something else entirely")(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "not the same" in dialog.error.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "at least 10 characters" in dialog.error.text()
    dialog.passphrase.clear()
    dialog.repeat.clear()
    return seal_with(SEAL)(qtbot, dialog)


def test_wrong_passphrase_is_said_and_asked_again(qtbot, window, second_window, tmp_path, message_boxes):
    meeting = window.services.meetings.list()[0]
    window.open_meeting(meeting.id)
    out = tmp_path / "to-the-chair.efhmeeting"
    _send(qtbot, window, out, seal_with(SEAL))
    answers = Answers(qtbot, open_=out, dialogs=[type_passphrase("not the right passphrase"), cancel])
    second_window.transfer_prompts = answers
    before = len(message_boxes)
    second_window.open_meeting_file_action.trigger()
    wait_for_background(qtbot)
    wrong = "That passphrase does not open the file (or the file has been changed)."
    assert answers.shown[0].error.text() == ""
    assert answers.shown[1].error.text() == wrong, "asked again, saying why"
    assert second_window.statusBar().currentMessage() == f"Nothing was imported: {wrong}"
    assert second_window.services.meetings.list() == []
    assert len(message_boxes) == before, "no box on top of the dialog that already said it"
    # The right passphrase the second time brings it in.
    second_window.transfer_prompts = Answers(qtbot, open_=out, dialogs=[type_passphrase("not it either, sorry"),
                                                                          type_passphrase(SEAL)])
    second_window.open_meeting_file_action.trigger()
    wait_for_background(qtbot)
    assert len(second_window.services.meetings.list()) == 1


def test_unsealed_only_by_an_explicit_tick(qtbot, window, second_window, tmp_path, message_boxes):
    window.open_meeting(window.services.meetings.list()[0].id)
    out = tmp_path / "plain.efhmeeting"

    def tick(qtbot, dialog: SealDialog) -> bool:
        qtbot.keyClick(dialog.unsealed, Qt.Key.Key_Space)
        assert dialog.unsealed.isChecked() and not dialog.passphrase.isEnabled()
        qtbot.keyClick(dialog.unsealed, Qt.Key.Key_Return)
        return dialog.result() == QDialog.DialogCode.Accepted

    _send(qtbot, window, out, tick)
    assert not sealed_file.is_sealed(out.read_bytes())
    assert "NOT sealed" in message_boxes[-1][2]
    second_window.transfer_prompts = Answers(qtbot, open_=out)  # no passphrase asked
    second_window.open_meeting_file_action.trigger()
    wait_for_background(qtbot)
    assert "imported as meeting" in message_boxes[-1][2]


def test_a_name_without_the_suffix_never_replaces_a_file(qtbot, window, tmp_path, message_boxes):
    window.open_meeting(window.services.meetings.list()[0].id)
    (tmp_path / "notes.efhmeeting").write_bytes(b"someone's own file")
    _send(qtbot, window, tmp_path / "notes", seal_with(SEAL))
    assert (tmp_path / "notes.efhmeeting").read_bytes() == b"someone's own file", "the dialog never asked about it"
    kind, title, text = message_boxes[-1]
    assert (kind, title) == ("warning", "Meeting not sent")
    assert text.startswith("The meeting file was not written: notes.efhmeeting already exists")
    assert "Traceback" not in text


def test_a_file_that_is_not_a_meeting_is_one_sentence(qtbot, window, tmp_path, message_boxes):
    bad = tmp_path / "holiday.efhmeeting"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    window.transfer_prompts = Answers(qtbot, open_=bad)
    window.open_meeting_file_action.trigger()
    wait_for_background(qtbot)
    assert message_boxes[-1] == ("warning", "Meeting file not opened",
                                 "Nothing was imported: This is not an EFH Desktop meeting file.")
    assert window.content.currentWidget() is window.home_tabs


def test_cancelling_writes_nothing(qtbot, window, tmp_path, message_boxes):
    window.open_meeting(window.services.meetings.list()[0].id)
    out = tmp_path / "never.efhmeeting"
    _send(qtbot, window, out, cancel)
    assert not out.exists() and message_boxes == []
    _send(qtbot, window, None)
    assert window.statusBar().currentMessage() == "Nothing was written."
