"""Child process for tests/test_live_saving.py: the real window (offscreen) records a note by keys
while its commit is held open on the writer thread (the INSERT done, the COMMIT not yet sent, as a
slow disk would hold it), prints what the interface shows, then waits to be killed.

    python tests/live_kill_child.py DATA_DIR TEXT

One line on stdout, flushed: ``shown {json}`` with the last row's text, its accessible description,
the form's message and the text box, after the row has appeared and the commit has started.
The passphrase comes from EFH_PASSPHRASE; the store must exist (the test copies one).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    from efh_desktop.domain.profile import load_profile
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    data_dir, text = Path(argv[1]), argv[2]
    app = QApplication([])
    controller = SessionController(UnlockService(data_dir, load_profile(), "Test User"), idle_minutes=5)
    assert controller.attempt(os.environ["EFH_PASSPHRASE"], None, False) == ""
    window = MainWindow(controller, Settings(), data_dir)
    window.show()
    services = window.services
    meeting = services.meetings.create("safer_options", datetime(2026, 12, 7, 10, 0, tzinfo=UTC))
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    panel = window.workspace.live
    panel.start_meeting()
    started = threading.Event()

    def hold(_conn) -> None:  # before COMMIT is sent: the note's INSERT is done, nothing is durable
        started.set()
        threading.Event().wait()

    event.listen(services.store.engine, "commit", hold)
    box = panel.capture.note_text
    box.setFocus()
    QTest.keyClicks(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    deadline = time.monotonic() + 30
    while not started.is_set() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):  # whatever the event loop would show meanwhile
        app.processEvents()
        time.sleep(0.01)
    last = panel.records.item(panel.records.count() - 1)
    shown = {"commit_started": started.is_set(), "rows": panel.records.count(),
             "row": last.text() if last else "",
             "description": last.data(Qt.ItemDataRole.AccessibleDescriptionRole) if last else "",
             "message": panel.capture.message.text(), "box": box.toPlainText()}
    print("shown " + json.dumps(shown), flush=True)
    time.sleep(120)  # killed long before this
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
