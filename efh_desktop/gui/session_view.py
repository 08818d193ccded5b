"""Everything an unlocked session shows, built on unlock with the live services and deleted on lock.

The main window owns the menus, the lock screen and the quick-hide cover; it creates one
SessionView when the controller unlocks and deletes it when it locks (after any background
operation has finished: the controller waits for the busy count). So no panel ever sees a locked
store: each is given the services it works with when it is made, and is gone before they are.

Inside: the home tabs (Meetings, Subjects, All actions, Search) and the meeting workspace (built
the first time a meeting is opened: start-up only pays for the meetings list), in one stack. The
home tabs after Meetings are built when first shown or asked for (gui/lazy_tabs.py).

To add a home tab: add it to ``_lazy_tabs`` in ``__init__`` with a builder that makes it with
``services``, give it a property that returns ``_lazy_tabs.get(key)``, and give the main window a
menu action that calls a ``show_…`` method here. To add a meeting panel: see
gui/meeting_workspace.py (its panels are told the meeting with ``set_meeting``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from efh_desktop.gui.lazy_tabs import LazyTabs
from efh_desktop.gui.panels.meetings_panel import MeetingsPanel
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services

if TYPE_CHECKING:
    from efh_desktop.gui.meeting_workspace import MeetingWorkspace
    from efh_desktop.gui.panels.actions_panel import ActionsPanel
    from efh_desktop.gui.panels.search_panel import SearchPanel
    from efh_desktop.gui.panels.subjects_panel import SubjectsPanel


class SessionView(QWidget):
    new_meeting_requested = Signal()
    next_meeting_requested = Signal()
    agenda_pdf_requested = Signal()
    view_changed = Signal()  # the list or the workspace came into view (menus follow it)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("session_view")
        self.services = services
        self.meetings_panel = MeetingsPanel(services)
        self.home_tabs = named(QTabWidget(), "Main views")
        # The other home tabs are built when first shown or asked for (gui/lazy_tabs.py, issue 17).
        self._lazy_tabs = LazyTabs(self.home_tabs)
        self.home_tabs.addTab(self.meetings_panel, "&Meetings")
        self._lazy_tabs.add("subjects", "&Subjects", self._build_subjects)
        self._lazy_tabs.add("all_actions", "&All actions", self._build_all_actions)
        self._lazy_tabs.add("search", "Sea&rch", self._build_search)
        self.history_dialog: QWidget | None = None  # the last subject history page opened
        self.home_tabs.currentChanged.connect(self._home_tab_shown)
        self._workspace: MeetingWorkspace | None = None
        self.content = QStackedWidget()
        self.content.addWidget(self.home_tabs)
        self.content.currentChanged.connect(lambda _index: self.view_changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.content)
        self.meetings_panel.open_meeting.connect(self.open_meeting)
        self.meetings_panel.new_meeting_requested.connect(self.new_meeting_requested)

        self.meetings_panel.set_services(services)

    @property
    def subjects_panel(self) -> SubjectsPanel:
        return cast("SubjectsPanel", self._lazy_tabs.get("subjects"))

    @property
    def all_actions(self) -> ActionsPanel:
        return cast("ActionsPanel", self._lazy_tabs.get("all_actions"))

    @property
    def search_panel(self) -> SearchPanel:
        return cast("SearchPanel", self._lazy_tabs.get("search"))

    def _build_subjects(self) -> QWidget:
        from efh_desktop.gui.panels.subjects_panel import SubjectsPanel

        panel = SubjectsPanel(self.services)
        panel.history_requested.connect(self.open_subject)
        panel.set_services(self.services)  # filled when first shown
        return panel

    def _build_all_actions(self) -> QWidget:
        from efh_desktop.gui.panels.actions_panel import ActionsPanel

        return ActionsPanel(across_meetings=True, services=self.services)

    def _build_search(self) -> QWidget:
        from efh_desktop.gui.panels.search_panel import SearchPanel

        panel = SearchPanel(self.services)
        panel.open_meeting.connect(self.open_meeting)
        panel.open_subject.connect(self.open_subject)
        return panel

    @property
    def workspace(self) -> MeetingWorkspace:
        """The meeting workspace, built on first use: start-up only pays for the meetings list."""
        if self._workspace is None:
            from efh_desktop.gui import meeting_workspace  # its panels load only when first needed

            self._workspace = meeting_workspace.MeetingWorkspace(self.services)
            self.content.addWidget(self._workspace)
            self._workspace.back_requested.connect(self.show_meetings)
            self._workspace.next_meeting_requested.connect(self.next_meeting_requested)
            self._workspace.agenda_pdf_requested.connect(self.agenda_pdf_requested)
            self._workspace.context.open_subject.connect(self.open_subject)
        return self._workspace

    @property
    def chair_view(self) -> QWidget | None:
        return self._workspace.live.chair_view if self._workspace is not None else None

    def workspace_meeting_id(self) -> int | None:
        """The meeting open in the workspace (not one merely selected in the list)."""
        if self._workspace is not None and self.content.currentWidget() is self._workspace:
            return self._workspace.meeting_id
        return None

    def open_meeting_id(self) -> int | None:
        """The open meeting, or else the one selected in the meetings list."""
        return self.workspace_meeting_id() or self.meetings_panel.selected_meeting_id()

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

    def hide_chair_view(self) -> None:
        """The chair view is a window of its own, often on a shared screen."""
        if self.chair_view is not None:
            self.chair_view.hide()

    def close_windows(self) -> None:
        """Before the view is deleted: the chair view is a top-level window of its own (no parent,
        so it can go on another screen) and goes with it, emptied first."""
        view = self.chair_view
        if view is not None:
            view.clear()
            view.hide()
            view.deleteLater()

    # -- navigation -------------------------------------------------------------------------------
    def show_meetings(self) -> None:
        self.commit_pending_edits()
        if self._workspace is not None:
            self._workspace.clear()
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.meetings_panel)
        self.meetings_panel.table.setFocus()

    def show_subjects(self) -> None:
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.subjects_panel)
        self.subjects_panel.search.setFocus()

    def show_all_actions(self) -> None:
        self.commit_pending_edits()
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.all_actions)
        self.all_actions.table.setFocus()

    def show_search(self) -> None:
        self.commit_pending_edits()
        self.content.setCurrentWidget(self.home_tabs)
        self.home_tabs.setCurrentWidget(self.search_panel)
        self.search_panel.search.setFocus()
        self.search_panel.search.selectAll()

    def open_subject(self, subject_id: int) -> None:
        """A search result or a subject in the list: its history page (which can edit it too)."""
        from efh_desktop.gui.history_window import open_history

        self.history_dialog = open_history(self, self.services, subject_id)

    def edit_subject(self, subject_id: int) -> None:
        from efh_desktop.gui.subject_dialog import SubjectDialog

        subject = self.services.subjects.get(subject_id)
        if (SubjectDialog(self.services, subject.kind, subject_id, self).exec() == SubjectDialog.DialogCode.Accepted
                and self._lazy_tabs.built("search")):
            self.search_panel.run()

    def _home_tab_shown(self, _index: int) -> None:
        # Filled when shown: start-up only pays for the meetings list.
        if self._lazy_tabs.built("all_actions") and self.home_tabs.currentWidget() is self.all_actions:
            self.all_actions.set_meeting(self.services, None)

    def focus_search(self) -> None:
        if self.content.currentWidget() is self.home_tabs:
            panel = self.home_tabs.currentWidget()
            field = getattr(panel, "search", None) or getattr(panel, "filter", None)
            if field is not None:
                field.setFocus()
                field.selectAll()

    def open_meeting(self, meeting_id: int) -> None:
        self.commit_pending_edits()
        self.workspace.show_meeting(meeting_id)
        self.content.setCurrentWidget(self.workspace)
        self.workspace.tabs.setFocus()

    def meetings_changed(self, then_open: int | None = None) -> None:
        """A meeting was created or brought in: the list shows it, and it opens if asked."""
        self.meetings_panel.set_services(self.services)
        if then_open is not None:
            self.open_meeting(then_open)

