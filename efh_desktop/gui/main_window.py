"""The main window: composes the Meetings and Subjects views, the meeting workspace, the lock
screen and the quick-hide cover, and the menus that reach all of them by keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from efh_desktop import APP_NAME, __version__
from efh_desktop.error_text import user_message
from efh_desktop.gui.background import busy_count, run_with_progress, when_idle
from efh_desktop.gui.lock_screen import HiddenCover, LockScreen
from efh_desktop.gui.meeting_transfer import TransferPrompts, open_meeting_file, send_meeting
from efh_desktop.gui.meetings_panel import MeetingsPanel
from efh_desktop.gui.new_meeting_dialog import NewMeetingDialog
from efh_desktop.gui.panels.actions_panel import ActionsPanel
from efh_desktop.gui.panels.search_panel import SearchPanel
from efh_desktop.gui.passphrase_dialog import ChangePassphraseDialog
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.gui.subjects_panel import SubjectsPanel
from efh_desktop.gui.widgets import make_action, named
from efh_desktop.paths import LOG_DIRNAME, ensure_private_dir
from efh_desktop.services.app_services import Services
from efh_desktop.settings import Settings

if TYPE_CHECKING:
    from efh_desktop.gui.meeting_workspace import MeetingWorkspace

QUICK_HIDE_SHORTCUT = "Ctrl+Shift+H"


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

        self.meetings_panel = MeetingsPanel()
        self.subjects_panel = SubjectsPanel()
        self.home_tabs = named(QTabWidget(), "Main views")
        self.home_tabs.addTab(self.meetings_panel, "&Meetings")
        self.home_tabs.addTab(self.subjects_panel, "&Subjects")
        self.all_actions = ActionsPanel(across_meetings=True)
        self.home_tabs.addTab(self.all_actions, "&All actions")
        self.search_panel = SearchPanel()
        self.home_tabs.addTab(self.search_panel, "Sea&rch")
        self.search_panel.open_meeting.connect(self.open_meeting)
        self.search_panel.open_subject.connect(self.open_subject)
        self.subjects_panel.history_requested.connect(self.open_subject)
        self.home_tabs.currentChanged.connect(self._home_tab_shown)
        self._workspace: MeetingWorkspace | None = None  # built when a meeting is first opened
        self.content = QStackedWidget()
        self.content.addWidget(self.home_tabs)
        self.lock_screen = LockScreen()
        self.cover = HiddenCover()
        self.pages = QStackedWidget()
        for page in (self.content, self.lock_screen, self.cover):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self._page_before_hide: QWidget = self.content

        # A seam: tests answer meeting transfer's file and passphrase questions through it.
        self.transfer_prompts = TransferPrompts()
        self._build_menus()
        self.content.currentChanged.connect(self._update_meeting_actions)
        self.meetings_panel.open_meeting.connect(self.open_meeting)
        self.meetings_panel.new_meeting_requested.connect(self.new_meeting)
        self.lock_screen.unlock_requested.connect(self._unlock_from_screen)
        controller.unlocked.connect(self._on_unlocked)
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
            QTimer.singleShot(0, lambda: QMessageBox.warning(self, "Machine policy", settings.policy.message()))

    @property
    def workspace(self) -> MeetingWorkspace:
        """The meeting workspace, built on first use: start-up only pays for the meetings list."""
        if self._workspace is None:
            from efh_desktop.gui import meeting_workspace  # its panels load only when first needed

            self._workspace = meeting_workspace.MeetingWorkspace()
            self.content.addWidget(self._workspace)
            self._workspace.back_requested.connect(self.show_meetings)
            self._workspace.next_meeting_requested.connect(self.next_meeting_in_series)
            self._workspace.agenda_pdf_requested.connect(self.agenda_pdf)
            self._workspace.context.open_subject.connect(self.open_subject)
        return self._workspace

    def _workspace_meeting_id(self) -> int | None:
        """The meeting open in the workspace (not one merely selected in the list)."""
        if self.services is not None and self._workspace is not None and self.content.currentWidget() is self._workspace:
            return self._workspace.meeting_id
        return None

    def _update_meeting_actions(self, _index: int = 0) -> None:
        self.send_meeting_action.setEnabled(self._workspace_meeting_id() is not None)

    def _open_meeting_id(self) -> int | None:
        if self._workspace is not None and self.content.currentWidget() is self._workspace:
            return self._workspace.meeting_id
        return self.meetings_panel.selected_meeting_id()

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
        self.search_all_action = make_action(self, "&Search all meetings…", "Ctrl+Shift+F", self.show_search,
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
        for action in (self.passphrase_action, self.idle_action, self.profile_action, self.check_action):
            settings_menu.addAction(action)

        help_menu = bar.addMenu("&Help")
        # The menu item's text is its accessible name; the object name lets tests find it.
        self.log_folder_action = make_action(self, "Open the &log folder", None, self.open_log_folder,
                                             tip="The support log and crash reports (never case data), to send "
                                                 "to IT when something goes wrong")
        self.log_folder_action.setObjectName("open_log_folder")
        help_menu.addAction(self.log_folder_action)
        help_menu.addAction(make_action(self, "&About EFH Desktop", None, self.about))
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
        self.meetings_panel.set_services(services)
        self.subjects_panel.set_services(services)
        self.search_panel.set_services(services)
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.meetings_panel)
        self.pages.setCurrentWidget(self.content)
        for action in self._session_actions:
            action.setEnabled(True)
        self._update_meeting_actions()
        self.statusBar().showMessage(f"Unlocked. Locks after {self.controller.idle_minutes} minutes without use; "
                                     "Ctrl+L locks now." + (f" {self.controller.keyring_note}"
                                                            if self.controller.keyring_note else ""))
        self.meetings_panel.table.setFocus()
        if services.recovery_notes:
            # After the window is up: an export a crash interrupted, and the plaintext it left, tidied.
            notes, services.recovery_notes = services.recovery_notes, []
            QTimer.singleShot(0, lambda: QMessageBox.information(self, "An export did not finish", "\n\n".join(notes)))

    def _on_locked(self) -> None:
        # Drop every view of case data before the engine goes.
        self.meetings_panel.set_services(None)
        self.subjects_panel.set_services(None)
        self.all_actions.set_meeting(None, None)
        self.search_panel.set_services(None)
        if self._workspace is not None:
            self._workspace.clear()
        self.content.setCurrentWidget(self.home_tabs)
        self.pages.setCurrentWidget(self.lock_screen)
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
        """Save what is half-typed before the view changes or the store locks.

        Fields save when they lose focus, and item editors commit then too; some saves run on the
        next turn of the event loop, so let them run while the services still exist.
        """
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()
        if self._workspace is not None:
            self._workspace.setup_form.flush()
            self._workspace.live.capture.save_draft()
            self._workspace.checklist.flush()
        QApplication.processEvents()

    # -- navigation -------------------------------------------------------------------------------
    def show_meetings(self) -> None:
        if self.services is None:
            return
        self.commit_pending_edits()
        if self._workspace is not None:
            self._workspace.clear()
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.meetings_panel)
        self.meetings_panel.table.setFocus()

    def show_subjects(self) -> None:
        if self.services is None:
            return
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.subjects_panel)
        self.subjects_panel.search.setFocus()

    def show_all_actions(self) -> None:
        if self.services is None:
            return
        self.commit_pending_edits()
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.all_actions)
        self.all_actions.table.setFocus()

    def show_search(self) -> None:
        if self.services is None:
            return
        self.commit_pending_edits()
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.search_panel)
        self.search_panel.search.setFocus()
        self.search_panel.search.selectAll()

    def open_subject(self, subject_id: int) -> None:
        """A search result or a subject in the list: its history page (which can edit it too)."""
        from efh_desktop.gui.history_window import open_history

        if self.services is not None:
            self.history_dialog = open_history(self, self.services, subject_id)

    def edit_subject(self, subject_id: int) -> None:
        from efh_desktop.gui.subject_dialog import SubjectDialog

        if self.services is None:
            return
        subject = self.services.subjects.get(subject_id)
        if SubjectDialog(self.services, subject.kind, subject_id, self).exec() == SubjectDialog.DialogCode.Accepted:
            self.search_panel.run()

    def _home_tab_shown(self, _index: int) -> None:
        # Filled when shown: start-up only pays for the meetings list.
        if self.services is None:
            return
        if self.home_tabs.currentWidget() is self.all_actions:
            self.all_actions.set_meeting(self.services, None)


    def focus_search(self) -> None:
        if self.content.currentWidget() is self.home_tabs:
            panel = self.home_tabs.currentWidget()
            field = getattr(panel, "search", None) or getattr(panel, "filter", None)
            if field is not None:
                field.setFocus()
                field.selectAll()

    def open_meeting(self, meeting_id: int) -> None:
        if self.services is None:
            return
        self.commit_pending_edits()
        self.workspace.show_meeting(self.services, meeting_id)
        self.content.setCurrentWidget(self.workspace)
        self.workspace.tabs.setFocus()

    def new_meeting(self) -> None:
        if self.services is None:
            return
        dialog = NewMeetingDialog(self.services, self)
        if dialog.exec() == NewMeetingDialog.DialogCode.Accepted and dialog.created_id is not None:
            self.meetings_panel.set_services(self.services)
            self.statusBar().showMessage("Meeting created and saved.", 5000)
            self.open_meeting(dialog.created_id)

    def next_meeting_in_series(self) -> None:
        """One command: the review meeting, with the same subjects, attendees invited, and open actions."""
        meeting_id = self._open_meeting_id()
        if self.services is None or meeting_id is None:
            self.statusBar().showMessage("Open or select a meeting first.", 5000)
            return
        self.commit_pending_edits()

        try:
            meeting = self.services.series.create_next_meeting(meeting_id)
        except Exception as exc:  # noqa: BLE001 - shown as one sentence
            QMessageBox.warning(self, "Next meeting not created", user_message(exc))
            return
        self.meetings_panel.set_services(self.services)
        self.open_meeting(meeting.id)
        self.statusBar().showMessage("Next meeting created and saved: check its date, then invite people.", 8000)

    def agenda_pdf(self) -> None:
        meeting_id = self._open_meeting_id()
        if self.services is None or meeting_id is None:
            self.statusBar().showMessage("Open or select a meeting first.", 5000)
            return
        self.commit_pending_edits()
        from efh_desktop.gui.agenda_pdf_dialog import export_agenda_pdf

        export_agenda_pdf(self, self.services, meeting_id)

    def send_meeting(self) -> None:
        meeting_id = self._workspace_meeting_id()
        if self.services is None or meeting_id is None:
            self.statusBar().showMessage("Open a meeting first.", 5000)
            return
        self.commit_pending_edits()
        line = send_meeting(self, self.services, meeting_id, self.transfer_prompts)
        self.statusBar().showMessage(line or "Nothing was written.", 10000)

    def open_meeting_file(self) -> None:
        if self.services is None:
            return
        self.commit_pending_edits()
        meeting_id, line = open_meeting_file(self, self.services, self.transfer_prompts)
        if meeting_id is not None and self.services is not None:
            self.meetings_panel.set_services(self.services)
            self.open_meeting(meeting_id)
        self.statusBar().showMessage(line or "Nothing was imported.", 10000)

    def toggle_hidden(self) -> None:
        if self.pages.currentWidget() is self.cover:
            self.pages.setCurrentWidget(self._page_before_hide)
        else:
            self._page_before_hide = self.pages.currentWidget()
            self.pages.setCurrentWidget(self.cover)
            # The chair view is a window of its own, often on a shared screen: it goes at once too.
            if self._workspace is not None and self._workspace.live.chair_view is not None:
                self._workspace.live.chair_view.hide()

    # -- maintenance ------------------------------------------------------------------------------
    def backup(self) -> None:
        services = self.services
        if services is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Back up the encrypted database", str(Path.home() / "efh-backup.db"),
                                              "Encrypted database (*.db)")
        if not path:
            return
        try:
            # overwrite: the save dialog has already asked before replacing a file.
            counts = run_with_progress(self, "Writing and checking the backup…",
                                       lambda: services.backup(Path(path), overwrite=True))
        except Exception as exc:  # noqa: BLE001 - shown to the user as one sentence
            QMessageBox.warning(self, "Backup not written", user_message(exc))
            return
        QMessageBox.information(self, "Backup written",
                                f"The encrypted backup was written and checked ({sum(counts.values()):,} rows).\n"
                                f"Keep its key file ({Path(path).name}.keyheader) with it.")

    def check_database(self) -> None:
        services = self.services
        if services is None:
            return
        report = run_with_progress(self, "Checking every page of the database…", services.check)
        box = QMessageBox.information if report.ok else QMessageBox.warning
        box(self, "Database check", "\n".join(report.lines()))

    def change_passphrase(self) -> None:
        if self.services is not None:
            ChangePassphraseDialog(self.services, self).exec()

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
            QMessageBox.information(self, "Practice profile",
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
            QMessageBox.warning(self, "Practice profile not used", str(exc))
            return
        self.settings.profile_path = str(Path(path).resolve())
        self.settings.save(self.data_dir)
        QMessageBox.information(self, "Practice profile", f"“{profile.name}” will be used from the next start.")

    # A seam: tests replace it so nothing is really opened.
    open_url = staticmethod(QDesktopServices.openUrl)

    def open_log_folder(self) -> None:
        """Show the log folder in the system's file manager (the crash report is in it)."""
        folder = ensure_private_dir(self.data_dir / LOG_DIRNAME)
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self, "Log folder", f"The log folder is:\n{folder}")

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\nFor chairs, minute-takers and managers of multi-agency "
                          "meetings about extra-familial harm.\nPractice profile: "
                          f"{self.controller.unlocker.profile.name}")

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if busy_count():
            # A backup or export is still writing: quitting now would cut it off half-way. Lock and
            # close the moment it ends instead.
            event.ignore()
            self.controller.lock()
            when_idle(lambda: QTimer.singleShot(0, self.close))
            return
        self.controller.lock()
        super().closeEvent(event)


