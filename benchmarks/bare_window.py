"""The start-up baseline: the least a PySide6 window with a table can cost on this machine.

QApplication, a QMainWindow holding a QTableView, show(); once the event loop has run (a zero
timer queued after show), print ``READY`` and quit. ``benchmarks.startup`` divides the app's
start-up time by this program's, measured in the same run, so a slow or busy machine cancels out.

    python -m benchmarks.bare_window      (or: python benchmarks/bare_window.py)
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    window.setCentralWidget(QTableView())
    window.resize(1024, 700)
    window.show()

    def ready() -> None:
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
