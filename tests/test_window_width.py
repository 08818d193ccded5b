"""The window never grows past a 1366-pixel laptop screen while an action is typed (issue 14,
item 6): the action preview, the tag suggestion and the status line wrap instead."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.key_typing import type_text

SHOT = os.environ.get("EFH_TEST_SHOT", "")  # set to a PNG path to look at the screen
WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
LONG_ACTION = ("Contact the school and the youth service about the boys seen outside the takeaway on "
               "Tuesdays and Thursdays after dark, and agree who visits the family first, "
               "with the outcome shared before the next meeting ") * 3


def test_typing_a_very_long_action_keeps_the_window_on_a_1366_screen(qtbot, window):
    services = window.services
    names = ["Zoë Anwar-Łukasiewicz", "Dafydd ap Rhys", "Yūki Ibrahim-Öztürk", "Ìyá Ọlọ́run Smith"]
    children = [services.subjects.create("child", name) for name in names]
    meeting = services.meetings.create("safer_options", WHEN, subject_ids=[c.id for c in children])
    window.resize(1366, 740)
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    panel = window.workspace.live
    panel.capture.note_text.setFocus()
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_F5)
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_F8)
    line = panel.capture.action_line
    assert line.hasFocus()
    width = window.width()
    type_text(qtbot, line, LONG_ACTION + " and ".join(names) + " @PC Jo Whitcombe #police !on the fortieth of Smarch")
    qtbot.wait(300)  # the tag suggestion follows typing after a pause
    QApplication.processEvents()
    assert panel.capture.action_preview.text(), "the preview is showing"
    assert window.width() == width <= 1366
    assert window.minimumSizeHint().width() <= 1366
    assert panel.capture.action_preview.width() <= window.width()
    if SHOT:
        window.grab().save(SHOT)
