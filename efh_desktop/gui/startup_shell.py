"""The first thing on screen at start-up: an empty window with the app's name, shown before the data
stack (SQLAlchemy, SQLModel, SQLCipher, the services, the main window) is imported, then replaced
by the unlock dialog's window or the main window, at the same place and size (issue 17: first paint
at most twice a bare window's time).

Imports PySide6 and nothing of ours but the name and the start-up flag: it must stay this light.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from efh_desktop import APP_NAME
from efh_desktop.startup_gate import first_paint

SIZE = (1200, 760)  # the main window's first size (gui/main_window.py)


class StartupShell(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startup_shell")
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(f"{APP_NAME} is opening")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addStretch(1)
        title = QLabel(APP_NAME)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        self.status = QLabel("Opening…")
        self.status.setObjectName("startup_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAccessibleName("Start-up progress")
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addStretch(2)
        self.setCentralWidget(body)
        self.resize(*SIZE)
        self.painted = False
        self._report = os.environ.get("EFH_EXIT_WHEN_READY") == "1"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            first_paint.set()
            if self._report:  # benchmarks/startup.py: the first paint's moment
                print("PAINTED", flush=True)

    def wait_painted(self, app: QApplication, limit: float = 2.0) -> None:
        """Let Qt expose and paint this window now (it happens in the event loop), before the
        slow imports that follow would hold it back."""
        deadline = time.monotonic() + limit
        while not self.painted and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if not self.painted:
                time.sleep(0.002)

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.repaint()

    def hand_over(self, window: QWidget) -> None:
        """Put ``window`` where this one is, show it, and go."""
        if self.isVisible():
            window.setGeometry(self.geometry())
        window.show()
        self.close()
