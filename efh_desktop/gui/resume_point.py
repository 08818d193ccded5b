"""Where the user was when the window locked (the view, the meeting and its panel, the row or point
selected, the field with focus), so unlocking returns there instead of to the meetings list.

Only ids and object names are kept while locked (never text): the record itself is read again
from the database after the passphrase is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class ResumePoint:
    home_tab: int = 0
    meeting_id: int | None = None  # a meeting open in the workspace
    panel: int = 0  # its tab
    selected_meeting: int | None = None  # the row chosen in the meetings list
    checklist_key: str | None = None
    action_id: int | None = None
    sharing_child: int | None = None
    focus_name: str = ""  # the object name of the control with focus


def capture(window) -> ResumePoint | None:  # the MainWindow
    session = window.session  # gui/session_view.py: None while locked
    if session is None:
        return None
    workspace = session._workspace
    focus = QApplication.focusWidget()
    focus_name = focus.objectName() if focus is not None and window.isAncestorOf(focus) else ""
    in_meeting = workspace is not None and session.content.currentWidget() is workspace and workspace.meeting_id
    if not in_meeting:
        return ResumePoint(home_tab=session.home_tabs.currentIndex(),
                           selected_meeting=session.meetings_panel.selected_meeting_id(), focus_name=focus_name)
    return ResumePoint(
        home_tab=session.home_tabs.currentIndex(), meeting_id=workspace.meeting_id,
        panel=workspace.tabs.currentIndex(), checklist_key=workspace.checklist.current_key(),
        action_id=workspace.actions_panel.selected_id(), sharing_child=workspace.sharing._current_id(),
        focus_name=focus_name)


def restore(window, point: ResumePoint | None) -> None:  # the MainWindow
    """Go back to ``point``; a meeting deleted or no longer there meanwhile leaves the list shown."""
    session = window.session
    if session is None or point is None:
        return
    if point.meeting_id is None:
        session.home_tabs.setCurrentIndex(point.home_tab)
        if point.selected_meeting is not None:
            session.meetings_panel.select_meeting(point.selected_meeting)  # reads pages until it is listed
        _focus(session.home_tabs.currentWidget(), point.focus_name)
        return
    try:
        session.services.meetings.get(point.meeting_id)
    except Exception:  # noqa: BLE001 - gone or unreadable: stay on the list
        return
    session.open_meeting(point.meeting_id)
    workspace = session.workspace
    workspace.tabs.setCurrentIndex(point.panel)
    if point.checklist_key:
        workspace.checklist._select(point.checklist_key)
    if point.action_id is not None:
        workspace.actions_panel._reselect(point.action_id)
    if point.sharing_child is not None:
        workspace.sharing._select(point.sharing_child)
    _focus(workspace.tabs.currentWidget(), point.focus_name)


def _focus(panel: QWidget | None, name: str) -> None:
    if panel is None or not name:
        return
    target = panel.findChild(QWidget, name)
    if target is not None and target.isVisible() and target.isEnabled():
        target.setFocus(Qt.FocusReason.OtherFocusReason)
