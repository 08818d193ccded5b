"""The idle lock's watch on input (gui/idle_watch.py): a key press, click or wheel anywhere restarts
the countdown; the watch then stands down for a rest (no Python call per event while the user
types, issue 17) and the rest's end counts as input, so the lock never comes earlier than the
interval after the last input. Locked, nothing is watched."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from efh_desktop.gui.idle_watch import IdleWatch
from tests.conftest import PASSPHRASE


def _countdown() -> QTimer:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(600_000)
    return timer


def test_input_restarts_the_countdown_and_the_watch_rests_meanwhile(qtbot):
    timer = _countdown()
    watch = IdleWatch(timer, rest_ms=30)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    watch.arm()
    assert timer.isActive() and watch.listening
    timer.stop()
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert timer.isActive(), "a key press restarts the countdown"
    assert not watch.listening, "then the watch stops seeing every event while the user is busy"
    timer.stop()
    qtbot.waitUntil(lambda: watch.listening, timeout=3000)
    assert timer.isActive(), "input during the rest was not seen: its end restarts the countdown"
    for press in (lambda: qtbot.mouseClick(field, Qt.MouseButton.LeftButton),
                  lambda: qtbot.keyClick(field, Qt.Key.Key_Shift)):
        qtbot.waitUntil(lambda: watch.listening, timeout=3000)
        timer.stop()
        press()
        assert timer.isActive()
    watch.disarm()
    assert not watch.listening and not timer.isActive()
    qtbot.wait(60)  # past the rest: nothing comes back on by itself
    qtbot.keyClick(field, Qt.Key.Key_B)
    qtbot.mouseMove(field, QPoint(3, 3))
    assert not watch.listening and not timer.isActive(), "disarmed: input does not start the countdown"
    assert field.text() == "ab", "the watch only looks: every key still reaches the field"


def test_typing_in_the_window_postpones_the_lock_and_locking_stops_the_watch(qtbot, window):
    controller = window.controller
    assert controller.idle_timer.isActive() and controller.idle_watch.listening
    controller.idle_timer.stop()
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert controller.idle_timer.isActive()
    window.lock_action.trigger()
    assert window.services is None
    assert not controller.idle_timer.isActive() and not controller.idle_watch.listening
    assert controller.attempt(PASSPHRASE, None, False) == ""
    assert controller.idle_timer.isActive(), "unlocked: the countdown runs again"
