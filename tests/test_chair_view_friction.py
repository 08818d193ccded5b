"""Issue 14 item 14: the chair view opens full screen, F11 toggles it, Esc leaves full screen and
then closes; children are shown by initials unless the chair ticks full names in the main window."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _texts(view) -> str:
    return "\n".join([view.title.text(), view.now.text()] + [view.items.item(i).text()
                                                             for i in range(view.items.count())])


def test_chair_view_keys_and_initials(qtbot, window):
    services = window.services
    kai = services.subjects.create("child", "Kai Testmarlow", aliases=["KJ"])
    meeting = services.meetings.create("complex_strategy", datetime(2026, 12, 7, 10, tzinfo=UTC),
                                       subject_ids=[kai.id], title="Kai Testmarlow strategy")
    window.open_meeting(meeting.id)
    live = window.workspace.live
    window.workspace.tabs.setCurrentWidget(live)
    window.activateWindow()
    live.agenda.setFocus()
    assert any("Kai Testmarlow" in n.title for n in services.agenda.tree(meeting.id)), "a per-child item"
    qtbot.keyClick(live.agenda, Qt.Key.Key_F11)
    view = live.chair_view
    assert view.isVisible() and view.isFullScreen(), "opens full screen for the shared screen"
    shown = _texts(view)
    assert "Kai" not in shown and "Testmarlow" not in shown and "K.T." in shown, "initials by default"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    qtbot.keyClick(view.items, Qt.Key.Key_F11)
    assert view.isVisible() and not view.isFullScreen()
    qtbot.keyClick(view.items, Qt.Key.Key_F11)
    assert view.isFullScreen()
    qtbot.keyClick(view.items, Qt.Key.Key_Escape)
    assert view.isVisible() and not view.isFullScreen(), "Esc leaves full screen first"
    qtbot.keyClick(view.items, Qt.Key.Key_Escape)
    assert not view.isVisible(), "then closes"
    # Full names: a tick in the main window only.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert view.findChild(type(live.full_names)) is None, "the toggle is not on the shared screen"
    live.agenda.setFocus()
    qtbot.keyClick(live.agenda, Qt.Key.Key_F11)
    assert "K.T." in _texts(view)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    live.agenda.setFocus()
    qtbot.keyClick(live.agenda, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(live.full_names.isChecked)
    assert "Kai Testmarlow" in _texts(view)
    view.hide()
