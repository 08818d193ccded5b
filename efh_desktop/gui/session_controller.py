"""Owns the unlocked session for the window: unlocking, locking and the idle timer.

Locking disposes the engine (SQLCipher's decrypted page cache goes with its connections), wipes
the key, and tells every panel to drop what it shows. Coming back needs the passphrase, even when
the keyring was used at start-up: a locked laptop must not reopen itself.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from efh_desktop.gui import background
from efh_desktop.gui.idle_watch import IdleWatch
from efh_desktop.services.app_services import Services
from efh_desktop.services.errors import KeyringUnavailable, StoreError
from efh_desktop.services.unlock_service import StoreState, UnlockService

log = logging.getLogger(__name__)

class SessionController(QObject):
    unlocked = Signal(object)  # Services
    about_to_lock = Signal()  # panels commit half-typed edits while the services still exist
    locked = Signal()
    lock_waiting = Signal()  # asked to lock while a backup or export runs: locks when it ends

    def __init__(self, unlocker: UnlockService, idle_minutes: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unlocker = unlocker
        self.services: Services | None = None
        self.keyring_note = ""
        self._lock_pending = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        # Input restarts the countdown; the watch's filter is off while the user is busy (idle_watch.py).
        self.idle_watch = IdleWatch(self.idle_timer, parent=self)
        self.set_idle_minutes(idle_minutes)

    # -- idle lock --------------------------------------------------------------------------------
    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_minutes = max(1, int(minutes))
        self.idle_timer.setInterval(self.idle_minutes * 60_000)
        if self.services is not None:
            self.idle_timer.start()

    # -- unlocking --------------------------------------------------------------------------------
    def attempt(self, passphrase: str, repeat: str | None, remember: bool | None) -> str:
        """Try to open the store; return "" on success or the sentence to show the user.

        ``remember`` None leaves the keyring choice as it is (the lock screen does not ask)."""
        try:
            if repeat is not None:
                services, note = self.unlocker.create(passphrase, repeat, remember=remember)
            else:
                services, note = self.unlocker.unlock(passphrase, remember=remember)
        except StoreError as exc:
            return str(exc)
        self.keyring_note = note  # the window tells the user when the keyring could not be used
        self._set_services(services)
        return ""

    def adopt(self, future) -> bool:  # concurrent.futures.Future[Services] or None
        """Take over a session that cli.py began unlocking while Qt was still loading."""
        if future is None:
            return False
        try:
            services = future.result()
        except StoreError as exc:
            log.info("early unlock refused: %s", type(exc).__name__)
            return False
        self._set_services(services)
        return True

    def try_environment(self, passphrase: str | None) -> bool:
        """Automation and benchmarks: EFH_PASSPHRASE (taken out of the environment by cli.py and
        passed here) opens the store without a dialog."""
        if not passphrase:
            return False
        first = self.unlocker.state() is StoreState.NEW
        return self.attempt(passphrase, passphrase if first else None, False) == ""

    def try_keyring(self) -> str:
        """Unlock from the keyring if the user chose it. Returns "" or why the passphrase is needed."""
        if not self.unlocker.keyring_enabled():
            return ""
        try:
            self._set_services(self.unlocker.unlock_from_keyring())
        except KeyringUnavailable as exc:
            return str(exc)
        except StoreError as exc:
            return str(exc)
        return ""

    def ask(self, parent: QWidget | None, message: str = "") -> bool:
        """Show the first-run or unlock dialog; True once unlocked."""
        state = self.unlocker.state()  # raises StoreError for half-present folders
        # Imported when asked: unlocked from the keyring (or by automation) the dialog is never made.
        from efh_desktop.gui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(self.attempt, first_run=state is StoreState.NEW,
                              keyring_available=self.unlocker.keystore.available(),
                              remember_default=self.unlocker.keyring_enabled(), message=message, parent=parent)
        return dialog.exec() == UnlockDialog.DialogCode.Accepted and self.services is not None

    def _set_services(self, services: Services) -> None:
        self.services = services
        self.idle_watch.arm()
        self.unlocked.emit(services)

    # -- locking ----------------------------------------------------------------------------------
    def _lock_after_task(self) -> None:
        # when_idle calls this from the event loop, after the task's own callbacks: the caller
        # first takes its result back (and may show it), exactly as if Ctrl+L had been pressed then.
        self._lock_pending = False
        self.lock()

    def lock(self) -> None:
        if self.services is None:
            return
        if background.busy_count():
            # A backup or export is using the store: disposing the engine and wiping the key now
            # would break it half-way (and a backup could be left unaudited). Lock as it ends.
            if not self._lock_pending:
                self._lock_pending = True
                background.when_idle(self._lock_after_task)
                self.lock_waiting.emit()
                log.info("lock waits for a background task")
            return
        self.idle_watch.disarm()
        self.about_to_lock.emit()
        # Close any dialog first: it may hold case data or a half-typed record.
        app = QApplication.instance()
        while app is not None and (modal := QApplication.activeModalWidget()) is not None:
            modal.close()
            if QApplication.activeModalWidget() is modal:
                break
        if self.services is None:  # closing a dialog ran events, and another lock() finished meanwhile
            return
        services, self.services = self.services, None
        self.locked.emit()  # panels clear their models while the services object still exists
        services.lock()
        log.info("locked")
