"""Meeting transfer in the window: File → "Send meeting to another laptop…" and "Open a meeting
file…", so nobody needs a terminal (the same InterchangeService as ``meeting-export``/``-import``).

Sealed by default: writing a file unsealed takes a deliberate tick. Every question the flows ask
goes through ``TransferPrompts``, the seam tests replace to answer them without modal loops.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from efh_desktop.error_text import user_message
from efh_desktop.gui import colours, message_box
from efh_desktop.gui.background import BackgroundOp
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.errors import SealPassphraseWrong

if TYPE_CHECKING:
    from types import ModuleType


def _interchange() -> ModuleType:
    """services/interchange_service.py, imported when a meeting is first sent or opened: its file
    schema (pydantic models) is not needed to show the window (issue 17, start-up)."""
    from efh_desktop.services import interchange_service

    return interchange_service


def _file_filter() -> str:
    return f"EFH Desktop meeting file (*{_interchange().FILE_SUFFIX})"


def _buttons(dialog: QDialog, buttons: QDialogButtonBox, ok_text: str, ok_name: str) -> None:
    named(buttons.button(QDialogButtonBox.StandardButton.Ok), ok_name).setText(ok_text)
    named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
    buttons.rejected.connect(dialog.reject)


class SealDialog(QDialog):
    """The passphrase, twice, that seals a meeting file; or an explicit choice to write it unsealed.
    Layout, labels, accessible names and tab order: ui/seal_dialog.ui."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The generated forms are imported when a dialog is made: the main window imports this module,
        # and a form's import initialises every Qt class it names (issue 17, start-up).
        from efh_desktop.gui.forms.ui_seal_dialog import Ui_SealDialog

        self.ui = ui = Ui_SealDialog()
        ui.setupUi(self)
        self.passphrase, self.repeat = ui.passphrase_to_seal_the_file, ui.repeat_the_passphrase
        hint = f"At least {_interchange().MIN_PASSPHRASE_LENGTH} characters; not your own database passphrase"
        self.passphrase.setAccessibleDescription(hint)
        self.passphrase.setToolTip(hint)
        self.unsealed = ui.write_the_file_unsealed
        self.unsealed.toggled.connect(self._unsealed_toggled)
        self.error = ui.error
        self.error.setStyleSheet(colours.style("problem", bold=True))
        _buttons(self, ui.buttons, "&Write the file", "Write the meeting file")
        ui.buttons.accepted.connect(self._check)
        self.chosen: str | None = None  # the passphrase, or None for a file written unsealed

    def _unsealed_toggled(self, on: bool) -> None:
        for field in (self.passphrase, self.repeat):
            field.setEnabled(not on)
        self.error.clear()

    def _check(self) -> None:
        if self.unsealed.isChecked():
            self.chosen = None
            self.accept()
            return
        first, second = self.passphrase.text(), self.repeat.text()
        shortest = _interchange().MIN_PASSPHRASE_LENGTH
        if len(first) < shortest:
            self.error.setText(f"Use a passphrase of at least {shortest} characters to seal the file.")
        elif first != second:
            self.error.setText("The two passphrases are not the same; type them again.")
            self.repeat.clear()
        else:
            self.chosen = first
            self.accept()
            return
        self.passphrase.setFocus()


class OpenPassphraseDialog(QDialog):
    """The passphrase a sealed meeting file was sealed with. Layout: ui/open_passphrase_dialog.ui."""

    def __init__(self, file_name: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from efh_desktop.gui.forms.ui_open_passphrase_dialog import Ui_OpenPassphraseDialog

        self.ui = ui = Ui_OpenPassphraseDialog()
        ui.setupUi(self)
        ui.note.setText(f"{file_name} is sealed. Type the passphrase it was sealed with (the person who sent "
                        "it tells you this separately).")
        self.passphrase = ui.passphrase_the_file_was_sealed_with
        self.error = ui.error
        self.error.setStyleSheet(colours.style("problem", bold=True))
        self.error.setText(problem)
        _buttons(self, ui.buttons, "&Open", "Open the meeting file")
        ui.buttons.accepted.connect(self._check)

    def _check(self) -> None:
        if not self.passphrase.text():
            self.error.setText("Type the passphrase, or press Cancel.")
            return
        self.accept()


class TransferPrompts:
    """Every question meeting transfer asks. Tests replace an instance to answer them."""

    def save_path(self, parent: QWidget, suggested: Path) -> str:
        # A save dialog asks "replace?" itself before returning an existing file's name.
        path, _ = QFileDialog.getSaveFileName(parent, "Send the meeting to a file", str(suggested), _file_filter())
        return path

    def open_path(self, parent: QWidget) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, "Open a meeting file", str(Path.home()),
                                              f"{_file_filter()};;All files (*)")
        return path

    def run(self, dialog: QDialog) -> bool:
        """Show a dialog and wait; True if the user pressed OK."""
        return dialog.exec() == QDialog.DialogCode.Accepted


def send_meeting(parent: QWidget, services: Services, meeting_id: int, prompts: TransferPrompts,
                 done: Callable[[str], None]) -> None:
    """Ask where and how to seal, then write the file off the GUI thread. ``done`` gets the line to
    show (also shown in a message box), or "" if the user cancelled."""
    path = prompts.save_path(parent, Path.home() / _interchange().suggested_file_name(meeting_id))
    if not path:
        done("")
        return
    out = Path(path)
    suffix = _interchange().FILE_SUFFIX
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    # The save dialog asked before replacing the name it returned; a name we changed was not asked about.
    confirmed = out == Path(path)
    seal = SealDialog(parent)
    if not prompts.run(seal):
        done("")
        return
    passphrase = seal.chosen

    def failed(exc: BaseException) -> None:
        line = f"The meeting file was not written: {user_message(exc)}"
        message_box.warning(parent, "Meeting not sent", line)
        done(line)

    def written(file: Path) -> None:
        if passphrase:
            line = (f"The meeting was written to {file.name}, sealed. Give the passphrase separately, and "
                    "delete the file once it has been opened on the other laptop.")
        else:
            line = (f"The meeting was written to {file.name}, NOT sealed: it holds case data in plain text. "
                    "Keep it safe, and delete it once it has been opened on the other laptop.")
        message_box.information(parent, "Meeting sent", line)
        done(line)

    BackgroundOp(parent, lambda _token: services.interchange.export(
        meeting_id, out, passphrase=passphrase, overwrite=confirmed)).success(written).failure(failed).with_progress(
        "Writing the meeting file…").run_in_background()


def open_meeting_file(parent: QWidget, services: Services, prompts: TransferPrompts,
                      done: Callable[[int | None, str], None]) -> None:
    """Ask for a file (and its passphrase if sealed), import it off the GUI thread. ``done`` gets
    the meeting's id (None if nothing came in) and the line shown to the user ("" if cancelled)."""
    path = prompts.open_path(parent)
    if not path:
        done(None, "")
        return
    source = Path(path)

    def attempt(passphrase: str | None) -> None:
        BackgroundOp(parent, lambda _token: services.interchange.import_file(source, passphrase=passphrase)).success(
            imported).failure(failed).with_progress("Checking and importing the meeting file…").run_in_background()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, (_interchange().SealedNeedsPassphrase, SealPassphraseWrong)):
            problem = str(exc) if isinstance(exc, SealPassphraseWrong) else ""
            asking = OpenPassphraseDialog(source.name, problem, parent)
            if not prompts.run(asking):
                done(None, "Nothing was imported." if not problem else f"Nothing was imported: {problem}")
                return
            attempt(asking.passphrase.text())
            return
        line = f"Nothing was imported: {user_message(exc)}"
        message_box.warning(parent, "Meeting file not opened", line)
        done(None, line)

    def imported(outcome: tuple[int, bool]) -> None:
        meeting_id, new = outcome
        if new:
            line = f"The meeting was imported as meeting {meeting_id}."
        else:
            line = f"This meeting is already here (meeting {meeting_id}); nothing was changed."
        message_box.information(parent, "Meeting file opened", line)
        done(meeting_id, line)

    attempt(None)
