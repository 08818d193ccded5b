"""The idle lock's watch on user input, at no cost per keystroke while the user is busy (issue 17).

Qt has no signal for "the user did something", so activity is seen by an application-wide event
filter, and a Python filter on the application is called for every event of every widget: paints,
layout requests, timers and each key event once per parent it propagates through (about 80 calls
per recorded note, about a millisecond of the keystroke-to-screen time). The timer only needs to
know that *some* input came in the last little while, so the filter is installed only while the
watch is waiting for the next input: the first key press, click, wheel or mouse move restarts the
countdown and takes the filter off for ``rest_ms``; then it goes back on and the countdown starts
again (input during the rest was not seen, so the rest's end is taken as the last input).

So the lock never comes early: it fires between ``interval`` and ``interval + rest_ms`` after the
last input (5 minutes and at most 10 seconds more, by default), and while the user is typing the
filter is on for one event in every ten seconds.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

# By number: the check runs on every event while the watch is armed, before anything else.
INPUT_EVENTS = frozenset(int(t) for t in (
    QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress))
REST_MS = 10_000


class IdleWatch(QObject):
    """Restarts ``timer`` on user input anywhere in the application, while armed."""

    def __init__(self, timer: QTimer, rest_ms: int = REST_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = timer
        self._armed = False  # watching at all (a session is open)
        self._listening = False  # the filter is installed
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(rest_ms)
        self._rest.timeout.connect(self._rest_over)

    @property
    def listening(self) -> bool:
        """Whether the application's events pass through this watch now (false while resting)."""
        return self._listening

    def arm(self) -> None:
        """Start the countdown and watch for input (a session has opened)."""
        self._armed = True
        self._timer.start()
        if not self._rest.isActive():
            self._listen(True)

    def disarm(self) -> None:
        """Stop watching (locked): no filter, no rest, no countdown."""
        self._armed = False
        self._rest.stop()
        self._listen(False)
        self._timer.stop()

    def _listen(self, on: bool) -> None:
        app = QCoreApplication.instance()
        if on == self._listening or app is None:
            return
        self._listening = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def _rest_over(self) -> None:
        if not self._armed:
            return
        self._timer.start()  # there may have been input during the rest: count from now
        self._listen(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS and self._armed:
            self._timer.start()
            self._listen(False)
            self._rest.start()
        return False
