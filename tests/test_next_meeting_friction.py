"""Issue 14 item 11: "Next meeting in series" asks first, saying what it will make, and starts the
agenda from the previous meeting's (items the chair added, the order chosen)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture
def previous(window):
    services = window.services
    child = services.subjects.create("child", "Dee Testchild")
    meeting = services.meetings.create("complex_strategy", datetime(2026, 12, 7, 10, tzinfo=UTC),
                                       subject_ids=[child.id])
    first = services.agenda.tree(meeting.id)[0].id
    added = services.agenda.add(meeting.id, "Skate park patrols", minutes=15)
    services.agenda.move_to(added, None, 0)  # the chair put it first
    services.agenda.add(meeting.id, "Note on the new school term", parent_id=first, minutes=5)
    window.open_meeting(meeting.id)
    window.activateWindow()
    return meeting


def _answer(qtbot, key, seen: list) -> QTimer:
    timer = QTimer()
    timer.setInterval(20)

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        timer.stop()
        seen.append(dialog.summary.text())
        dialog.activateWindow()
        qtbot.keyClick(dialog, key)
    timer.timeout.connect(run)
    timer.start()
    return timer


def _titles(services, meeting_id):
    return [(n.depth, n.title) for n in services.agenda.tree(meeting_id)]


def test_asks_first_and_starts_from_the_previous_agenda(qtbot, window, previous):
    services = window.services
    before = _titles(services, previous.id)
    assert before[0] == (0, "Skate park patrols")
    seen: list[str] = []
    keep = _answer(qtbot, Qt.Key.Key_Return, seen)
    qtbot.keyClick(window.workspace.tabs, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    keep.stop()
    assert seen and seen[0].startswith("Create the next meeting, on ") and "1 subject" in seen[0]
    following = window.workspace.meeting_id
    assert following != previous.id
    assert services.meetings.get(following).previous_meeting_id == previous.id
    assert _titles(services, following) == before, "the agenda as the chair left it, in its order"


def test_cancel_creates_nothing(qtbot, window, previous):
    services = window.services
    count = len(services.meetings.list())
    seen: list[str] = []
    keep = _answer(qtbot, Qt.Key.Key_Escape, seen)
    qtbot.keyClick(window.workspace.tabs, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    keep.stop()
    assert seen, "the question was asked"
    assert len(services.meetings.list()) == count
    assert window.workspace.meeting_id == previous.id


def test_template_is_the_other_choice(window, previous):
    services = window.services
    following = services.series.create_next_meeting(previous.id, agenda_from="template")
    titles = [t for _d, t in _titles(services, following.id)]
    assert "Skate park patrols" not in titles and titles
