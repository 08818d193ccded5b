"""Start the window: Qt set-up (UK English), the practice profile, unlocking, then the main window."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from efh_desktop import APP_ID, APP_NAME
from efh_desktop.error_text import user_message
from efh_desktop.gui import message_box

log = logging.getLogger(__name__)


def _store_error() -> type[Exception]:
    """StoreError, imported when needed: services.errors brings the data stack (services.context
    imports SQLAlchemy), which must load after the first paint (issue 17, gui/startup_shell.py)."""
    from efh_desktop.services.errors import StoreError

    return StoreError


def make_application() -> QApplication:
    from efh_desktop.gui import pyside_import_check

    pyside_import_check.install()  # the data stack is imported after this (and the first paint)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("EFH Desktop")
    app.setDesktopFileName(APP_ID)
    # Managed Windows images are often set to US English; dates here are always UK.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app.setStyle("Fusion")
    # The same icon as the executables and installers (packaging/make_icon.py), for title bars and
    # the task bar where the system takes it from the window rather than the file.
    from efh_desktop.paths import RESOURCES_DIR

    app.setWindowIcon(QIcon(str(RESOURCES_DIR / "icons" / "efh-desktop.png")))
    from efh_desktop.gui import mnemonics

    mnemonics.install(app)  # an Alt+letter nothing uses does not type the letter
    return app  # type: ignore[return-value]


def _install_excepthook() -> None:
    from efh_desktop.logging_setup import log_unhandled

    def hook(exc_type, exc, tb) -> None:
        log_unhandled(exc_type, exc, tb)  # frames and the type only: the message may hold case data
        if QApplication.instance() is not None:
            message_box.warning(None, APP_NAME, user_message(exc))

    sys.excepthook = hook
    qInstallMessageHandler(qt_message_handler)


# "QWidget::setTabOrder: …": the part before the first colon says where; the rest can quote
# object names or text, so it is not logged.
_QT_WHERE = re.compile(r"[A-Za-z_][\w:]*(?=:)")
_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings into the log, as where they came from and never what they say."""
    where = _QT_WHERE.match(message or "")
    logging.getLogger("efh_desktop.qt").log(
        _QT_LEVELS.get(mode, logging.WARNING), "qt %s from %s (%s:%s in %s)", getattr(mode, "name", mode),
        where.group(0) if where else "Qt", context.file or "?", context.line, context.function or "?")


def run_gui(*, data_dir: Path, profile_path: Path | None, demo: bool, early_unlock=None,
            folder_lock=None, env_passphrase: str | None = None) -> int:
    """``early_unlock``: a future already unlocking with EFH_PASSPHRASE (see cli.py), or None;
    ``env_passphrase``: that passphrase when no early unlock was started (a first run).
    ``folder_lock``: the data folder's lock (store/folder_lock.py) as cli.py took it, or the error
    it met; taken here when not given. One window per data folder."""
    from efh_desktop.paths import ensure_private_dir

    app = make_application()
    if folder_lock is None:
        from efh_desktop.services.unlock_service import lock_data_folder  # only when cli.py took none

        try:
            ensure_private_dir(data_dir)
            folder_lock = lock_data_folder(data_dir)
        except (_store_error(), OSError) as exc:
            folder_lock = exc
    if isinstance(folder_lock, Exception):
        from efh_desktop.gui.single_window import ask_first_window_to_show
        from efh_desktop.services.errors import FolderInUse

        if isinstance(folder_lock, FolderInUse) and ask_first_window_to_show(data_dir):
            message_box.information(None, APP_NAME, "EFH Desktop is already open for this data folder: that "
                                    "window has been brought to the front.")
        else:
            message_box.critical(None, APP_NAME, user_message(folder_lock))
        return 1
    # The first paint, before the data stack and the main window are imported (issue 17).
    from efh_desktop.gui.startup_shell import StartupShell

    shell = StartupShell()
    shell.show()
    shell.wait_painted(app)
    try:
        return _run_window(app, data_dir, profile_path, demo, early_unlock, env_passphrase, shell)
    finally:
        shell.close()
        folder_lock.release()


def _wait_showing(app, future) -> None:
    """Until the early unlock is done, keep the first window answering (moved, uncovered)."""
    from concurrent.futures import wait

    while future is not None and not future.done():
        app.processEvents()
        wait([future], timeout=0.02)


def _run_window(app, data_dir: Path, profile_path: Path | None, demo: bool,
                early_unlock, env_passphrase: str | None, shell) -> int:
    from efh_desktop.domain.profile import ProfileError, load_profile
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.logging_setup import start_logging
    from efh_desktop.paths import ensure_private_dir
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    ensure_private_dir(data_dir)
    start_logging(data_dir)  # best effort: a log folder that cannot be used never keeps a store shut
    _install_excepthook()
    settings = Settings.load(data_dir)
    try:
        profile = load_profile(settings.profile_file(profile_path))
    except ProfileError as exc:
        message_box.critical(None, APP_NAME, settings.profile_problem(exc))
        return 1
    unlocker = UnlockService(data_dir, profile, settings.actor())
    try:
        unlocker.state()
    except _store_error() as exc:
        message_box.critical(None, APP_NAME, str(exc))
        return 1
    controller = SessionController(unlocker, settings.effective_idle_minutes())
    _wait_showing(app, early_unlock)
    if not controller.adopt(early_unlock) and not controller.try_environment(env_passphrase):
        note = controller.try_keyring()
        if controller.services is None and not controller.ask(None, note):
            return 0
    if demo and controller.services is not None:
        from efh_desktop.services.demo_service import load_demo

        load_demo(controller.services)
    if not settings.user_name.strip() and os.environ.get("EFH_EXIT_WHEN_READY") != "1":
        # First run: who is using this laptop, before anything is recorded in their name.
        from efh_desktop.gui.identity_dialog import IdentityDialog
        from efh_desktop.gui.main_window import apply_identity

        dialog = IdentityDialog(first_run=True)
        if dialog.exec() == IdentityDialog.DialogCode.Accepted:
            apply_identity(settings, data_dir, controller, *dialog.values())
    window = MainWindow(controller, settings, data_dir)
    if demo:
        window.setWindowTitle(f"{APP_NAME} (demo data)")
    shell.hand_over(window)  # the main window where the first one was
    from efh_desktop.gui.single_window import WindowBeacon

    WindowBeacon(data_dir, window)  # a second start brings this window forward
    if os.environ.get("EFH_EXIT_WHEN_READY") == "1":
        # Benchmarks: report once the window is shown with its list filled (its first page read and
        # the meetings counted), then leave.
        def ready() -> None:
            listed = window.meetings_panel.model
            print(f"READY meetings={listed.total} loaded={listed.rowCount()}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, ready)
    return app.exec()
