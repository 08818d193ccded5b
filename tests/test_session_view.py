"""The session-scoped window (issue 13, item 2): the panels of an unlocked session are built on
unlock with the live services and deleted on lock; menus that need a session work only with one."""

from __future__ import annotations

from datetime import UTC, datetime

import shiboken6
from PySide6.QtCore import Qt

from efh_desktop.gui.session_view import SessionView
from tests.conftest import PASSPHRASE


def _session_actions(window):
    return [window.new_meeting_action, window.meetings_action, window.subjects_action, window.all_actions_action,
            window.search_all_action, window.backup_action, window.check_action, window.passphrase_action,
            window.open_meeting_file_action, window.lock_action]


def test_unlock_builds_a_session_and_lock_deletes_it(qtbot, window):
    first = window.session
    assert isinstance(first, SessionView) and window.pages.currentWidget() is first
    assert first.services is window.services
    assert all(action.isEnabled() for action in _session_actions(window))
    window.open_meeting(window.services.meetings.create("safer_options", datetime(2026, 12, 7, 10, tzinfo=UTC)).id)
    panels = [first.workspace.live, first.workspace.agenda, first.all_actions]
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None and window.pages.currentWidget() is window.lock_screen
    assert not any(action.isEnabled() for action in _session_actions(window))
    qtbot.waitUntil(lambda: not shiboken6.isValid(first) and not any(shiboken6.isValid(p) for p in panels))
    # Keys for session views do nothing while locked (their actions are off), rather than fail.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None
    qtbot.keyClicks(window.lock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    second = window.session
    assert isinstance(second, SessionView) and second is not first
    assert second.services is window.services and window.pages.currentWidget() is second
    assert second.meetings_panel.model.rowCount() == 1, "built with the live services, filled"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert second.home_tabs.currentWidget() is second.subjects_panel


def test_quick_hide_comes_back_to_the_session_or_the_lock_screen(qtbot, window):
    session = window.session
    window.hide_action.trigger()
    assert window.pages.currentWidget() is window.cover
    window.hide_action.trigger()
    assert window.pages.currentWidget() is session
    window.hide_action.trigger()  # hidden, then locked (the idle lock) while hidden
    window.controller.lock()
    assert window.pages.currentWidget() is window.lock_screen
    window.hide_action.trigger()
    assert window.pages.currentWidget() is window.cover
    window.hide_action.trigger()
    assert window.pages.currentWidget() is window.lock_screen, "never back to a deleted session"
