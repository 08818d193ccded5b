"""The start-up baseline: the least a PySide6 window with a table can cost on this machine.

QApplication, a QMainWindow holding a QTableView, show(); once the event loop has run (a zero
timer queued after show), print ``READY`` and quit. ``benchmarks.startup`` divides the app's
start-up time by this program's, measured in the same run, so a slow or busy machine cancels out.

    python benchmarks/bare_window.py [--floor T M P]

``--floor T M P`` (the "floor" case, for information only) also does the unavoidable work of the
app's architecture, in the cheapest arrangement: one Argon2id key derivation (time cost T, memory
cost M KiB, parallelism P, as unlocking does) in a thread, overlapping the import of SQLAlchemy and
SQLModel (which brings pydantic), both before PySide6 (modules imported after PySide6 pay for its
import hook). The result is the least this architecture can start in before any app code runs.
"""

from __future__ import annotations

import sys
import threading


def _start_floor_work(time_cost: int, memory_cost: int, parallelism: int) -> threading.Thread:
    from argon2.low_level import Type, hash_secret_raw

    def derive() -> None:  # Argon2id releases the GIL, so this overlaps the imports below
        hash_secret_raw(b"floor benchmark passphrase", b"0123456789abcdef", time_cost=time_cost,
                        memory_cost=memory_cost, parallelism=parallelism, hash_len=32, type=Type.ID)

    thread = threading.Thread(target=derive, name="floor-kdf")
    thread.start()
    import sqlalchemy  # noqa: F401
    import sqlmodel  # noqa: F401

    return thread


def main() -> int:
    floor = None
    if len(sys.argv) == 5 and sys.argv[1] == "--floor":
        floor = _start_floor_work(*(int(x) for x in sys.argv[2:5]))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    window.setCentralWidget(QTableView())
    window.resize(1024, 700)
    if floor is not None:
        floor.join()
    window.show()

    def ready() -> None:
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
