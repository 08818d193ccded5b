"""Issue 14 item 18: a Caps Lock warning under the passphrase boxes (unlock dialog, lock screen,
change passphrase), and the start-up unlock message shown whole."""

from __future__ import annotations

from PySide6.QtCore import Qt

LONG = ("The database could not be opened: the key file beside it does not match this database. "
        "If you restored a backup, copy its .keyheader file too, then try again; nothing has been changed.")


def test_unlock_dialog_warns_of_caps_lock_from_what_is_typed(qtbot):
    from efh_desktop.gui.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(lambda *_: "", first_run=False, keyring_available=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.caps.isVisible()
    qtbot.keyClick(dialog.passphrase, "A")  # upper case without Shift: Caps Lock is on
    assert dialog.caps.isVisible() and "Caps Lock is on" in dialog.caps.text()
    qtbot.keyClick(dialog.passphrase, "b", Qt.KeyboardModifier.ShiftModifier)  # Shift with Caps Lock: lower
    assert dialog.caps.isVisible()
    qtbot.keyClick(dialog.passphrase, "c")  # lower case without Shift: off again
    assert not dialog.caps.isVisible()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_CapsLock)
    assert dialog.caps.isVisible()
    assert dialog.passphrase.text() == "Abc"


def test_lock_screen_and_change_passphrase_warn_too(qtbot, window):


    window.controller.lock()
    screen = window.lock_screen
    qtbot.keyClick(screen.passphrase, "Q")
    assert screen.caps.isVisibleTo(window)
    qtbot.keyClick(screen.passphrase, "q")
    assert not screen.caps.isVisibleTo(window)
    screen.show_error(LONG)
    assert screen.error.wordWrap()


def test_change_passphrase_warns(qtbot, window):
    from efh_desktop.gui.passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(window.services, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.new, "Z")
    assert dialog.caps.isVisible()


def test_start_up_message_is_not_cut_off(qtbot):
    from efh_desktop.gui.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(lambda *_: LONG, first_run=False, keyring_available=False, message=LONG)
    qtbot.addWidget(dialog)
    dialog.show()
    label = dialog.error
    assert label.wordWrap()
    assert label.height() >= label.heightForWidth(label.width()), "every wrapped line fits"
    assert label.width() <= dialog.width()
    # A second, longer refusal after a try grows the dialog too.
    dialog.passphrase.setText("wrong")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert label.text() == LONG
    assert label.height() >= label.heightForWidth(label.width())
