"""The main window: composes the Meetings and Subjects views, the meeting workspace, the lock
screen and the quick-hide cover, and the menus that reach all of them by keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from efh_desktop import APP_NAME, __version__
from efh_desktop.error_text import user_message
from efh_desktop.gui import icons, message_box, resume_point
from efh_desktop.gui.background import BackgroundOp, busy_count, in_turns, when_idle
from efh_desktop.gui.lock_screen import HiddenCover, LockScreen
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.gui.session_view import SessionView
from efh_desktop.gui.widgets import make_action, named
from efh_desktop.paths import LOG_DIRNAME, ensure_private_dir
from efh_desktop.services.app_services import Services
from efh_desktop.services.preload import preload_steps
from efh_desktop.settings import Settings

if TYPE_CHECKING:
    from efh_desktop.gui.meeting_transfer import TransferPrompts
    from efh_desktop.gui.meeting_workspace import MeetingWorkspace
    from efh_desktop.gui.panels.actions_panel import ActionsPanel
    from efh_desktop.gui.panels.meetings_panel import MeetingsPanel
    from efh_desktop.gui.panels.search_panel import SearchPanel
    from efh_desktop.gui.panels.subjects_panel import SubjectsPanel

QUICK_HIDE_SHORTCUT = "Ctrl+Shift+H"


def apply_identity(settings: Settings, data_dir: Path, controller: SessionController, name: str, role: str) -> None:
    """Keep the user's name and role in settings and record that name from now on."""
    settings.user_name, settings.user_role = name, role
    settings.save(data_dir)
    controller.unlocker.actor = settings.actor()
    if controller.services is not None:
        controller.services.ctx.actor = settings.actor()


class MainWindow(QMainWindow):
    def __init__(self, controller: SessionController, settings: Settings, data_dir: Path) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.data_dir = Path(data_dir)
        # The title never names a meeting or child: it shows in task bars and shared screens.
        self.setWindowTitle(APP_NAME)
        self.setObjectName("main_window")
        self.resize(1200, 760)

        # Built on unlock with the live services, deleted on lock (gui/session_view.py).
        self.session: SessionView | None = None
        self._resume: resume_point.ResumePoint | None = None  # where the user was when the window locked
        self.lock_screen = LockScreen()
        self.cover = HiddenCover()
        self.pages = QStackedWidget()
        for page in (self.lock_screen, self.cover):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self._page_before_hide: QWidget = self.lock_screen
        # Who is recorded for what is done here, always in view (Settings, Your name and role).
        self.identity_label = named(QLabel(), "Working as")
        self.identity_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.identity_label)
        self._show_identity()

        # A seam: tests answer meeting transfer's file and passphrase questions through it.
        # Meeting transfer's questions (tests answer them instead); its module when first used.
        self.transfer_prompts: TransferPrompts | None = None
        self._build_menus()
        self.lock_screen.unlock_requested.connect(self._unlock_from_screen)
        controller.unlocked.connect(self._on_unlocked)
        # First, while the view and its focus are still there: where to return after unlocking (ids only).
        controller.about_to_lock.connect(lambda: setattr(self, "_resume", resume_point.capture(self)))
        controller.about_to_lock.connect(self.commit_pending_edits)
        controller.locked.connect(self._on_locked)
        controller.lock_waiting.connect(lambda: self.statusBar().showMessage(
            "Locking as soon as the task in progress has finished…"))
        if controller.services is not None:
            self._on_unlocked(controller.services)
        else:
            self.pages.setCurrentWidget(self.lock_screen)
        # The machine policy's cap holds however the controller was started.
        if controller.idle_minutes > settings.idle_cap():
            controller.set_idle_minutes(settings.idle_cap())
        if settings.policy.problems:
            # After the window is up, once: the program runs on with what could be read.
            QTimer.singleShot(0, lambda: message_box.warning(self, "Machine policy", settings.policy.message()))
        if settings.problem:
            # An unreadable settings file (a sentence naming the file, never its content): the window
            # runs on defaults, and says so once, so the name in the audit trail is not silently wrong.
            QTimer.singleShot(0, lambda: message_box.warning(self, "Settings", settings.problem))

    # The session's views, as the menus, tests and benchmarks reach them (only while unlocked).
    @property
    def workspace(self) -> MeetingWorkspace:
        return self._session().workspace

    @property
    def content(self) -> QStackedWidget:
        return self._session().content

    @property
    def home_tabs(self) -> QTabWidget:
        return self._session().home_tabs

    @property
    def meetings_panel(self) -> MeetingsPanel:
        return self._session().meetings_panel

    @property
    def subjects_panel(self) -> SubjectsPanel:
        return self._session().subjects_panel

    @property
    def all_actions(self) -> ActionsPanel:
        return self._session().all_actions

    @property
    def search_panel(self) -> SearchPanel:
        return self._session().search_panel

    def _session(self) -> SessionView:
        if self.session is None:
            raise RuntimeError("no session: the window is locked")
        return self.session

    def _workspace_meeting_id(self) -> int | None:
        """The meeting open in the workspace (not one merely selected in the list)."""
        return self.session.workspace_meeting_id() if self.session is not None else None

    def _update_meeting_actions(self) -> None:
        self.send_meeting_action.setEnabled(self._workspace_meeting_id() is not None)

    # -- menus ------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_meeting_action = make_action(self, "&New meeting…", QKeySequence.StandardKey.New, self.new_meeting)
        self.backup_action = make_action(self, "&Back up database…", "Ctrl+Shift+B", self.backup)
        self.lock_action = make_action(self, "&Lock now", "Ctrl+L", self.controller.lock,
                                       tip="Close the database and drop the key; the passphrase is needed to return")
        self.next_in_series_action = make_action(self, "Next meeting in &series…", "Ctrl+Shift+N",
                                                 self.next_meeting_in_series,
                                                 tip="Create the review meeting after the open meeting")
        self.agenda_pdf_action = make_action(self, "&Agenda as PDF…", QKeySequence.StandardKey.Print, self.agenda_pdf)
        self.send_meeting_action = make_action(self, "Sen&d meeting to another laptop…", "Ctrl+Shift+E",
                                               self.send_meeting,
                                               tip="Write the open meeting to a file, sealed with a passphrase, "
                                                   "for the chair's or minute-taker's laptop")
        self.send_meeting_action.setObjectName("send_meeting")
        self.open_meeting_file_action = make_action(self, "&Open a meeting file…", "Ctrl+Shift+O",
                                                    self.open_meeting_file,
                                                    tip="Bring in a meeting sent from another laptop")
        self.open_meeting_file_action.setObjectName("open_meeting_file")
        self.quit_action = make_action(self, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        for action in (self.new_meeting_action, self.next_in_series_action, self.agenda_pdf_action, None,
                       self.send_meeting_action, self.open_meeting_file_action, None,
                       self.backup_action, None, self.lock_action, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)

        view_menu = bar.addMenu("&View")
        self.meetings_action = make_action(self, "&Meetings", "Ctrl+1", self.show_meetings)
        self.subjects_action = make_action(self, "&Subjects", "Ctrl+2", self.show_subjects)
        self.all_actions_action = make_action(self, "&All actions", "Ctrl+3", self.show_all_actions,
                                              tip="Every meeting's actions: by agency, by child, overdue first")
        self.find_action = make_action(self, "&Find in this list…", QKeySequence.StandardKey.Find, self.focus_search)
        self.search_all_action = make_action(self, "Sea&rch all meetings…", "Ctrl+Shift+F", self.show_search,
                                             tip="Notes, decisions, actions and names across every meeting")
        self.hide_action = make_action(self, "&Hide now", QUICK_HIDE_SHORTCUT, self.toggle_hidden,
                                       tip="Blank the window at once; press again to show it")
        for action in (self.meetings_action, self.subjects_action, self.all_actions_action, self.find_action,
                       self.search_all_action, self.hide_action):
            view_menu.addAction(action)

        settings_menu = bar.addMenu("Se&ttings")
        self.passphrase_action = make_action(self, "Change &passphrase…", None, self.change_passphrase)
        self.idle_action = make_action(self, "&Lock after idle…", None, self.set_idle_minutes)
        self.check_action = make_action(self, "&Check database", None, self.check_database)
        self.profile_action = make_action(self, "Practice p&rofile…", None, self.choose_profile)
        self.identity_action = make_action(self, "Your &name and role…", None, self.edit_identity,
                                           tip="The name the minutes and the audit trail record for you")
        for action in (self.identity_action, self.passphrase_action, self.idle_action, self.profile_action,
                       self.check_action):
            settings_menu.addAction(action)

        help_menu = bar.addMenu("&Help")
        # The menu item's text is its accessible name; the object name lets tests find it.
        self.log_folder_action = make_action(self, "Open the &log folder", None, self.open_log_folder,
                                             tip="The support log and crash reports (never case data), to send "
                                                 "to IT when something goes wrong")
        self.log_folder_action.setObjectName("open_log_folder")
        self.shortcuts_action = make_action(self, "&Keyboard shortcuts", "F1", self.show_shortcuts,
                                            tip="Every shortcut, read from the window's own actions")
        self.shortcuts_action.setObjectName("keyboard_shortcuts")
        self.guide_action = make_action(self, "&User guide", None, self.show_user_guide,
                                        tip="The user guide, installed with the program")
        self.guide_action.setObjectName("user_guide")
        for action in (self.shortcuts_action, self.guide_action, None, self.log_folder_action):
            help_menu.addSeparator() if action is None else help_menu.addAction(action)
        help_menu.addAction(make_action(self, "&About EFH Desktop", None, self.about))
        icons.decorate_main_window_later(self)  # after the first paint: QtAwesome is slow to load
        self._session_actions = [self.new_meeting_action, self.next_in_series_action, self.agenda_pdf_action,
                                 self.open_meeting_file_action,
                                 self.all_actions_action, self.search_all_action,
                                 self.backup_action, self.lock_action, self.meetings_action,
                                 self.subjects_action, self.find_action, self.passphrase_action, self.check_action]

    # -- session ----------------------------------------------------------------------------------
    @property
    def services(self) -> Services | None:
        return self.controller.services

    def _on_unlocked(self, services: Services) -> None:
        self.lock_screen.reset()
        session = self.session = SessionView(services)
        session.new_meeting_requested.connect(self.new_meeting)
        session.next_meeting_requested.connect(self.next_meeting_in_series)
        session.agenda_pdf_requested.connect(self.agenda_pdf)
        session.view_changed.connect(self._update_meeting_actions)
        self.pages.insertWidget(0, session)
        self.pages.setCurrentWidget(session)
        for action in self._session_actions:
            action.setEnabled(True)
        self._update_meeting_actions()
        self.statusBar().showMessage(f"Unlocked. Locks after {self.controller.idle_minutes} minutes without use; "
                                     "Ctrl+L locks now." + (f" {self.controller.keyring_note}"
                                                            if self.controller.keyring_note else ""))
        session.meetings_panel.table.setFocus()
        icons.set_icon_later(session.meetings_panel.new_button, ("meetings_panel", "new_button"))
        # The ORM and the tables the list did not need, once it is on screen, a step per turn of the
        # event loop, before the first meeting is opened; then the search indexes' housekeeping.
        icons.after_first_paint(session.meetings_panel.table,
                                lambda: in_turns(preload_steps(), self, then=self.start_search_upkeep))
        if self._resume is not None:  # back where the user was before locking (meeting, panel, record)
            point, self._resume = self._resume, None
            resume_point.restore(self, point)
        if services.recovery_notes:
            # After the window is up: an export a crash interrupted, and the plaintext it left, tidied.
            notes, services.recovery_notes = services.recovery_notes, []
            QTimer.singleShot(0, lambda: message_box.information(self, "An export did not finish", "\n\n".join(notes)))

    def start_search_upkeep(self, after_ms: int | None = None) -> None:
        """Merge the search indexes while idle (gui/index_upkeep.py); once per unlock is enough."""
        session, services = self.session, self.services
        if session is None or services is None:
            return
        from efh_desktop.gui.index_upkeep import START_AFTER_MS, IndexUpkeep

        upkeep = session.findChild(IndexUpkeep)
        if upkeep is None:
            upkeep = IndexUpkeep(session, services.search_upkeep.step)
        upkeep.start(START_AFTER_MS if after_ms is None else after_ms)

    def search_upkeep_running(self) -> bool:
        from efh_desktop.gui.index_upkeep import IndexUpkeep

        upkeep = self.session.findChild(IndexUpkeep) if self.session is not None else None
        return upkeep is not None and upkeep.running

    def _on_locked(self) -> None:
        # Every view of case data goes, with its panels, before the engine does.
        session, self.session = self.session, None
        if session is not None:
            session.close_windows()
            for timer in session.findChildren(QTimer):  # nothing of it runs again before it is deleted
                timer.stop()
            self.pages.removeWidget(session)
            session.hide()
            session.deleteLater()
        self.pages.setCurrentWidget(self.lock_screen)
        self._page_before_hide = self.lock_screen
        for action in self._session_actions:
            action.setEnabled(False)
        self.lock_action.setEnabled(False)
        self.send_meeting_action.setEnabled(False)
        self.statusBar().showMessage("Locked.")
        self.lock_screen.reset()

    def _unlock_from_screen(self, passphrase: str) -> None:
        problem = self.controller.attempt(passphrase, None, None)
        if problem:
            self.lock_screen.show_error(problem)

    def commit_pending_edits(self) -> None:
        """Save what is half-typed before the view changes or the store locks (SessionView)."""
        if self.session is not None:
            self.session.commit_pending_edits()

    # -- navigation: the menus' actions are enabled only while a session is open -------------------
    def show_meetings(self) -> None:
        self._session().show_meetings()

    def show_subjects(self) -> None:
        self._session().show_subjects()

    def show_all_actions(self) -> None:
        self._session().show_all_actions()

    def show_search(self) -> None:
        self._session().show_search()

    def open_subject(self, subject_id: int) -> None:
        self._session().open_subject(subject_id)

    def focus_search(self) -> None:
        self._session().focus_search()

    def open_meeting(self, meeting_id: int) -> None:
        self._session().open_meeting(meeting_id)

    def new_meeting(self) -> None:
        session = self._session()
        from efh_desktop.gui.new_meeting_dialog import NewMeetingDialog  # its form: when first asked for

        dialog = NewMeetingDialog(session.services, self)
        if dialog.exec() == NewMeetingDialog.DialogCode.Accepted and dialog.created_id is not None:
            self.statusBar().showMessage("Meeting created and saved.", 5000)
            session.meetings_changed(then_open=dialog.created_id)

    def next_meeting_in_series(self) -> None:
        """One command: the review meeting, with the same subjects, attendees invited, and open actions."""
        session = self._session()
        meeting_id = session.open_meeting_id()
        if meeting_id is None:
            self.statusBar().showMessage("Open or select a meeting first.", 5000)
            return
        session.commit_pending_edits()
        from efh_desktop.gui.next_meeting_dialog import NextMeetingDialog

        try:
            # Ask first, saying what will be made and from which agenda.
            dialog = NextMeetingDialog(session.services.series.preview(meeting_id), self)
            if dialog.exec() != NextMeetingDialog.DialogCode.Accepted:
                return
            meeting = session.services.series.create_next_meeting(meeting_id, agenda_from=dialog.agenda_from())
        except Exception as exc:  # noqa: BLE001 - shown as one sentence
            message_box.warning(self, "Next meeting not created", user_message(exc))
            return
        session.meetings_changed(then_open=meeting.id)
        self.statusBar().showMessage("Next meeting created and saved: check its date, then invite people.", 8000)

    def agenda_pdf(self) -> None:
        session = self._session()
        meeting_id = session.open_meeting_id()
        if meeting_id is None:
            self.statusBar().showMessage("Open or select a meeting first.", 5000)
            return
        session.commit_pending_edits()
        from efh_desktop.gui.agenda_pdf_dialog import export_agenda_pdf

        export_agenda_pdf(self, session.services, meeting_id)

    def _transfer_prompts(self) -> TransferPrompts:
        if self.transfer_prompts is None:
            from efh_desktop.gui.meeting_transfer import TransferPrompts

            self.transfer_prompts = TransferPrompts()
        return self.transfer_prompts

    def send_meeting(self) -> None:
        session = self._session()
        meeting_id = session.workspace_meeting_id()
        if meeting_id is None:
            self.statusBar().showMessage("Open a meeting first.", 5000)
            return
        session.commit_pending_edits()
        from efh_desktop.gui.meeting_transfer import send_meeting

        send_meeting(self, session.services, meeting_id, self._transfer_prompts(),
                     lambda line: self.statusBar().showMessage(line or "Nothing was written.", 10000))

    def open_meeting_file(self) -> None:
        session = self._session()
        session.commit_pending_edits()
        from efh_desktop.gui.meeting_transfer import open_meeting_file

        open_meeting_file(self, session.services, self._transfer_prompts(), self._meeting_file_opened)

    def _meeting_file_opened(self, meeting_id: int | None, line: str) -> None:
        # The session may have locked while the "opened" box was showing: then there is nothing to open.
        if meeting_id is not None and self.session is not None:
            self.session.meetings_changed(then_open=meeting_id)
        self.statusBar().showMessage(line or "Nothing was imported.", 10000)

    def toggle_hidden(self) -> None:
        if self.pages.currentWidget() is self.cover:
            self.pages.setCurrentWidget(self._page_before_hide)
        else:
            self._page_before_hide = self.pages.currentWidget()
            self.pages.setCurrentWidget(self.cover)
            # The chair view is a window of its own, often on a shared screen: it goes at once too.
            if self.session is not None:
                self.session.hide_chair_view()

    # -- maintenance ------------------------------------------------------------------------------
    def backup(self) -> None:
        services = self._session().services
        path, _ = QFileDialog.getSaveFileName(self, "Back up the encrypted database", str(Path.home() / "efh-backup.db"),
                                              "Encrypted database (*.db)")
        if not path:
            return
        target = Path(path)

        def written(counts: dict[str, int]) -> None:
            message_box.information(self, "Backup written",
                                    f"The encrypted backup was written and checked ({sum(counts.values()):,} rows).\n"
                                    f"Keep its key file ({target.name}.keyheader) with it.")

        # overwrite: the save dialog has already asked before replacing a file.
        BackgroundOp(self, lambda _token: services.backup(target, overwrite=True)).success(written).failure(
            lambda exc: message_box.warning(self, "Backup not written", user_message(exc))).with_progress(
            "Writing and checking the backup…").run_in_background()

    def _show_identity(self) -> None:
        self.identity_label.setText(self.settings.identity_line())

    def edit_identity(self) -> None:
        """Change the user's own name and role: saved in settings, used from the next thing recorded."""
        from efh_desktop.gui.identity_dialog import IdentityDialog

        dialog = IdentityDialog(self.settings.user_name, self.settings.user_role, self)
        if dialog.exec() != IdentityDialog.DialogCode.Accepted:
            return
        apply_identity(self.settings, self.data_dir, self.controller, *dialog.values())
        self._show_identity()
        self.statusBar().showMessage("Your name and role are saved.", 5000)

    def check_database(self) -> None:
        services = self._session().services

        def checked(report) -> None:  # an IntegrityReport
            box = QMessageBox.information if report.ok else QMessageBox.warning
            box(self, "Database check", "\n".join(report.lines()))

        BackgroundOp(self, lambda _token: services.check()).success(checked).failure(
            lambda exc: message_box.warning(self, "Database check", user_message(exc))).with_progress(
            "Checking every page of the database…").run_in_background()

    def change_passphrase(self) -> None:
        from efh_desktop.gui.passphrase_dialog import ChangePassphraseDialog

        ChangePassphraseDialog(self._session().services, self).exec()

    def set_idle_minutes(self) -> None:
        cap = self.settings.idle_cap()
        label = "Lock after this many minutes without use:"
        if self.settings.policy.max_idle_lock_minutes is not None:
            # Say why the number stops where it does, so nobody thinks the control is broken.
            label = (f"Lock after this many minutes without use (at most {cap}: your council's IT has set "
                     "this limit for this computer):")
        minutes, ok = QInputDialog.getInt(self, "Lock after idle", label, min(self.controller.idle_minutes, cap), 1, cap)
        if ok:
            minutes = min(minutes, cap)
            self.controller.set_idle_minutes(minutes)
            self.settings.idle_lock_minutes = minutes
            self.settings.save(self.data_dir)
            self.statusBar().showMessage(f"Locks after {minutes} minutes without use.", 5000)

    def choose_profile(self) -> None:
        """Use a council's own practice profile from the next start; a broken file is explained."""
        from efh_desktop.domain.profile import ProfileError, load_profile

        if self.settings.policy.profile is not None:
            message_box.information(self, "Practice profile",
                                    "Your council's IT has set the practice profile for this computer "
                                    f"(in {self.settings.policy.profile_source}), so it cannot be changed here.")
            return
        path, _ = QFileDialog.getOpenFileName(self, "Choose a practice profile", str(Path.home()),
                                              "Practice profile (*.toml)")
        if not path:
            return
        try:
            profile = load_profile(Path(path))
        except ProfileError as exc:
            message_box.warning(self, "Practice profile not used", str(exc))
            return
        self.settings.profile_path = str(Path(path).resolve())
        self.settings.save(self.data_dir)
        message_box.information(self, "Practice profile", f"“{profile.name}” will be used from the next start.")

    # A seam: tests replace it so nothing is really opened.
    open_url = staticmethod(QDesktopServices.openUrl)

    def open_log_folder(self) -> None:
        """Show the log folder in the system's file manager (the crash report is in it)."""
        folder = ensure_private_dir(self.data_dir / LOG_DIRNAME)
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            message_box.information(self, "Log folder", f"The log folder is:\n{folder}")

    def show_shortcuts(self) -> None:
        from efh_desktop.gui.shortcuts_sheet import ShortcutsSheet, collect

        ShortcutsSheet(collect(self), self, open_guide=self.show_user_guide).exec()

    def show_user_guide(self) -> None:
        from efh_desktop.gui.user_guide import UserGuideDialog

        UserGuideDialog(self).exec()

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\nFor chairs, minute-takers and managers of multi-agency "
                          "meetings about extra-familial harm.\nPractice profile: "
                          f"{self.controller.unlocker.profile.name}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if busy_count():
            # A backup or export is still writing: quitting now would cut it off half-way. Lock and
            # close the moment it ends instead.
            event.ignore()
            self.controller.lock()
            when_idle(self.close)
            return
        self.controller.lock()
        super().closeEvent(event)


