"""gui/background.py: the one way slow work leaves the GUI thread (issue 13, item 1). The work
touches no widget, its outcome comes back on the GUI thread, the progress dialog is window-modal,
Cancel is cooperative, and the busy count that locking waits for goes up and down with it."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from efh_desktop.background_work import CancelToken, OperationCancelled
from efh_desktop.gui.background import BackgroundOp, busy_count, when_idle
from tests.background_helpers import wait_for_background


def _parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_work_runs_off_the_gui_thread_and_success_comes_back_on_it(qtbot):
    parent = _parent(qtbot)
    gui = QThread.currentThread()
    seen: dict = {}

    def work(token: CancelToken) -> int:
        seen["work thread"] = threading.current_thread().name
        return 42

    def done(result: int) -> None:
        seen["result"], seen["callback on gui"] = result, QThread.currentThread() is gui
        seen["busy in callback"] = busy_count()

    BackgroundOp(parent, work).success(done).run_in_background()
    assert "result" not in seen, "the caller returns at once; no nested event loop ran"
    assert busy_count() == 1
    wait_for_background(qtbot)
    assert seen["work thread"].startswith("efh-background")
    assert seen == {"work thread": seen["work thread"], "result": 42, "callback on gui": True,
                    "busy in callback": 0}


def test_a_failure_is_handed_to_the_failure_callback_or_shown_as_one_sentence(qtbot, message_boxes):
    parent = _parent(qtbot)
    failures: list[BaseException] = []

    def broken(_token: CancelToken) -> None:
        raise OSError(28, "No space left on device")

    BackgroundOp(parent, broken).failure(failures.append).run_in_background()
    wait_for_background(qtbot)
    assert isinstance(failures[0], OSError)
    BackgroundOp(parent, broken).run_in_background()  # no failure callback: a warning box
    wait_for_background(qtbot)
    [(kind, title, text)] = message_boxes
    assert kind == "warning" and "Traceback" not in text and text


def test_cancel_is_cooperative_and_stops_between_steps(qtbot):
    parent = _parent(qtbot)
    started, release = threading.Event(), threading.Event()
    steps: list[int] = []
    outcome: list[str] = []

    def work(token: CancelToken) -> None:
        for step in range(1, 6):
            if step == 2:
                started.set()
                release.wait(10)
            steps.append(step)
            token.progress(step, 5)

    op = BackgroundOp(parent, work).success(lambda _r: outcome.append("finished")).on_cancelled(
        lambda: outcome.append("cancelled")).with_progress("Writing 5 files…", cancellable=True)
    op.run_in_background()
    assert started.wait(10)
    [dialog] = parent.findChildren(QProgressDialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape is Cancel when the work can stop safely
    assert op.token is not None and op.token.cancelled
    release.set()
    wait_for_background(qtbot)
    assert outcome == ["cancelled"] and steps == [1, 2], "stopped at the next safe point"
    assert not parent.findChildren(QProgressDialog) or not dialog.isVisible()


def test_work_that_cannot_stop_has_no_cancel_and_ignores_escape(qtbot):
    parent = _parent(qtbot)
    release = threading.Event()
    outcome: list[str] = []
    op = BackgroundOp(parent, lambda _token: release.wait(10)).success(
        lambda _r: outcome.append("finished")).with_progress("Writing and checking the backup…")
    op.run_in_background()
    [dialog] = parent.findChildren(QProgressDialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and op.token is not None and not op.token.cancelled
    release.set()
    wait_for_background(qtbot)
    assert outcome == ["finished"]


def test_when_idle_waits_for_the_last_operation_and_its_callbacks(qtbot):
    parent = _parent(qtbot)
    order: list[str] = []
    release = threading.Event()
    when_idle(lambda: order.append("idle at once"))
    BackgroundOp(parent, lambda _token: release.wait(10)).success(lambda _r: order.append("callback")).run_in_background()
    when_idle(lambda: order.append("idle after"))
    assert order == ["idle at once"]
    release.set()
    wait_for_background(qtbot)
    assert order == ["idle at once", "callback", "idle after"]


def test_a_token_raises_only_when_steps_are_left():
    reports: list[tuple[int, int]] = []
    token = CancelToken(on_progress=lambda done, total: reports.append((done, total)))
    token.progress(1, 3)
    token.cancel()
    token.progress(3, 3)  # the last step is done: nothing is left to stop
    try:
        token.progress(2, 3)
    except OperationCancelled:
        pass
    else:  # pragma: no cover - the assertion below says what went wrong
        raise AssertionError("a cancelled token with steps left must stop the work")
    assert reports == [(1, 3), (3, 3), (2, 3)]


def test_an_operation_whose_window_has_gone_calls_nothing(qtbot):
    parent = QWidget()
    release = threading.Event()
    called: list[str] = []
    BackgroundOp(parent, lambda _token: release.wait(10)).success(lambda _r: called.append("x")).with_progress(
        "Writing the agenda…").run_in_background()
    parent.deleteLater()  # its progress dialog goes with it
    QApplication.processEvents()
    release.set()
    wait_for_background(qtbot)
    assert called == [] and busy_count() == 0


def test_steps_in_turns_let_a_key_through_between_them(qtbot):
    """Start-up's preload (services/preload.py) runs a step per turn of the event loop: a key typed
    meanwhile reaches its field after one step, not after them all; then ``then`` runs, once."""
    from PySide6.QtWidgets import QLineEdit

    from efh_desktop.gui.background import in_turns

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    order: list[str] = []

    def step(i: int):
        def run() -> None:
            if i == 0:  # a key pressed while the first step runs is queued behind it
                QApplication.postEvent(field, _key_press("ß"))
            order.append(f"step {i} sees {field.text()!r}")
        return run

    in_turns([step(i) for i in range(3)], field, then=lambda: order.append("then"))
    qtbot.waitUntil(lambda: "then" in order, timeout=2000)
    assert order == ["step 0 sees ''", "step 1 sees 'ß'", "step 2 sees 'ß'", "then"]


def test_steps_in_turns_stop_with_their_owner(qtbot):
    from efh_desktop.gui.background import in_turns

    owner = QWidget()
    ran: list[int] = []
    def first() -> None:
        ran.append(1)
        shiboken6.delete(owner)  # the window is closed and gone before the next turn

    in_turns([first, lambda: ran.append(2)], owner, then=lambda: ran.append(3))
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)
    qtbot.wait(50)
    assert ran == [1]


def _key_press(text: str):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text)
