"""Issue 11, item 16: locking while a background task (export, backup) runs waits for the task to
finish instead of pulling the store from under it; the progress dialog is window-modal."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from efh_desktop.gui.background import BackgroundOp, busy_count


def start_slow_task(window, timeline: list, outcome: dict, seconds: float = 1.5) -> None:
    services = window.services

    def work(_token):  # runs on the pool thread, as a backup does
        time.sleep(seconds)
        rows = services.meetings.list()  # needs the store: fails if it was locked under us
        backup = services.backup(window.data_dir.parent / "during-task.db")
        timeline.append(("task finished", services.store.is_open))
        return rows, backup

    def run() -> None:
        BackgroundOp(window, work).success(lambda result: outcome.update(result=result)).failure(
            lambda exc: outcome.update(error=exc)).with_progress("Writing and checking the backup…").run_in_background()

    QTimer.singleShot(0, run)


def test_ctrl_l_during_a_backup_waits_for_it_then_locks(qtbot, window):
    controller, services = window.controller, window.services
    timeline: list[tuple[str, bool]] = []
    controller.locked.connect(lambda: timeline.append(("locked", services.store.is_open)))
    outcome: dict = {}
    seen: dict = {}

    def press() -> None:  # runs while the task is in flight, as a real key press would
        seen["busy"] = busy_count()
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        timeline.append(("ctrl+l pressed", services.store.is_open))
        seen["still unlocked"] = controller.services is services
        seen["status"] = window.statusBar().currentMessage()

    start_slow_task(window, timeline, outcome)
    QTimer.singleShot(300, press)
    qtbot.waitUntil(lambda: controller.services is None, timeout=20000)
    assert seen["busy"] == 1 and seen["still unlocked"], "not locked while the task runs"
    assert "Locking as soon as" in seen["status"]
    assert "error" not in outcome, outcome.get("error")
    assert timeline == [("ctrl+l pressed", True), ("task finished", True), ("locked", True)]
    assert "result" in outcome, "the task's success callback ran before the lock"
    assert not services.store.is_open, "locked afterwards: key wiped, engine gone"
    assert (window.data_dir.parent / "during-task.db").exists()


def test_the_idle_lock_waits_too_and_the_progress_dialog_is_window_modal(qtbot, window):
    controller, services = window.controller, window.services
    timeline: list[tuple[str, bool]] = []
    controller.locked.connect(lambda: timeline.append(("locked", services.store.is_open)))
    outcome: dict = {}
    seen: dict = {}

    def idle() -> None:  # the idle timer fires while the progress dialog is showing
        seen["dialogs"] = [(d.windowModality(), d.isVisible()) for d in window.findChildren(QProgressDialog)]
        controller.idle_timer.timeout.emit()
        seen["still unlocked"] = controller.services is services

    start_slow_task(window, timeline, outcome, seconds=1.5)
    QTimer.singleShot(900, idle)  # after the dialog's 0.5 s minimum duration
    qtbot.waitUntil(lambda: controller.services is None, timeout=20000)
    assert seen["dialogs"] == [(Qt.WindowModality.WindowModal, True)], "shown, and window-modal"
    assert seen["still unlocked"]
    assert "error" not in outcome, outcome.get("error")
    assert [t[0] for t in timeline] == ["task finished", "locked"]
    assert busy_count() == 0


def test_closing_the_window_during_a_backup_closes_it_when_the_backup_ends(qtbot, window):
    controller, services = window.controller, window.services
    timeline: list[tuple[str, bool]] = []
    outcome: dict = {}
    seen: dict = {}

    def close() -> None:
        window.close()
        seen["open after close"] = window.isVisible() and controller.services is services

    start_slow_task(window, timeline, outcome)
    QTimer.singleShot(300, close)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    assert "error" not in outcome, outcome.get("error")
    assert seen["open after close"], "the window waited for the backup"
    assert timeline == [("task finished", True)]
    assert controller.services is None and not services.store.is_open
