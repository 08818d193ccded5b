"""Issue 11, item 3: an export killed part-way leaves its intent in the audit trail, and the next
start removes the plaintext temporary file it left and says so. A real process, really killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from export_helpers import crashed_export as left_by_a_crash
from sqlmodel import select

from efh_desktop.atomic_write import PAUSE_HOOK, TEMP_SUFFIX
from efh_desktop.store.tables import AuditEvent

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TITLE = "Crash export meeting (fictional)"


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    base.update(QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
                EFH_PASSPHRASE=PASSPHRASE, **extra,
                PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    return base


def cli(data_dir: Path, *args: str, **extra: str) -> list[str]:
    return [sys.executable, "-m", "efh_desktop", "--data-dir", str(data_dir), *args]


def raw_export_events(data_dir: Path) -> list[tuple[str, dict, str]]:
    """The audit trail as the crash left it, read without opening the store (which would tidy up)."""
    import json

    from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
    from efh_desktop.store.engine import keyed_connect
    from efh_desktop.store.key_header import KeyHeader

    key = KeyHeader.load(data_dir / HEADER_FILENAME).unwrap(PASSPHRASE)
    conn = keyed_connect(data_dir / DB_FILENAME, key, read_only=True)
    try:
        rows = conn.execute("SELECT action, changes, summary FROM audit_event WHERE action LIKE 'export%' "
                            "ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(action, json.loads(changes), summary) for action, changes, summary in rows]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_export_is_visible_and_its_temporary_file_is_removed_at_next_start(unlocker, data_dir, tmp_path):
    from datetime import UTC, datetime

    services, _ = unlocker.unlock(PASSPHRASE)
    meeting = services.meetings.create("complex_strategy", datetime(2025, 5, 6, 10, 0, tzinfo=UTC), title=TITLE)
    services.lock()
    out_dir = tmp_path / "chosen"
    out_dir.mkdir()
    marker = tmp_path / "paused"
    child = subprocess.Popen(cli(data_dir, "meeting-export", "--meeting", str(meeting.id),
                                 "--out", str(out_dir / "meeting.json")),
                             env=env(**{PAUSE_HOOK: str(marker)}), cwd=PROJECT_ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), child.communicate(timeout=5)
        temp = Path(marker.read_text(encoding="utf-8"))
        assert temp.parent == out_dir and temp.name.startswith(".meeting.json.") and temp.name.endswith(TEMP_SUFFIX)
        assert TITLE.encode() in temp.read_bytes(), "the temporary file holds the case data in plain text"
        # A second process opening the store meanwhile (a command beside the window) must not take
        # the running export's temporary file for a crash's leftovers.
        services, _ = unlocker.unlock(PASSPHRASE)
        assert services.recovery_notes == []
        services.lock()
        assert temp.exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
    assert temp.exists() and not (out_dir / "meeting.json").exists()

    # The crash left an intent without its completion, naming the file, not its content.
    [(action, changes, summary)] = raw_export_events(data_dir)
    assert action == "export_started" and changes["file"] == str(out_dir / "meeting.json")
    assert TITLE not in str(changes) + summary

    # The next start removes the plaintext temporary file, says so, and closes the intent.
    services, _ = unlocker.unlock(PASSPHRASE)
    try:
        [note] = services.recovery_notes
        assert "meeting.json was interrupted" in note and "removed" in note
        with services.ctx.reading() as session:
            closing = list(session.exec(select(AuditEvent).where(AuditEvent.action == "export_interrupted")))
        assert [e.changes["intent"] for e in closing] == [changes["intent"]]
        assert closing[0].changes["removed"] == [temp.name]
    finally:
        services.lock()
    assert not temp.exists()
    assert list(out_dir.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_next_command_reports_the_interrupted_export(data_dir, tmp_path):
    from datetime import UTC, datetime

    from efh_desktop.domain.profile import load_profile
    from efh_desktop.services.unlock_service import UnlockService

    unlocker = UnlockService(data_dir, load_profile(), "Test User")
    services, _ = unlocker.unlock(PASSPHRASE)
    meeting = services.meetings.create("complex_strategy", datetime(2025, 5, 6, 10, 0, tzinfo=UTC), title=TITLE)
    services.lock()
    out_dir = tmp_path / "minutes"
    out_dir.mkdir()
    marker = tmp_path / "paused"
    child = subprocess.Popen(cli(data_dir, "export", "--meeting", str(meeting.id), "--out", str(out_dir),
                                 "--format", "txt"),
                             env=env(**{PAUSE_HOOK: str(marker)}), cwd=PROJECT_ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), child.communicate(timeout=5)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
    assert [p for p in out_dir.iterdir() if p.name.endswith(TEMP_SUFFIX)]

    after = subprocess.run(cli(data_dir, "meetings"), env=env(), cwd=PROJECT_ROOT, capture_output=True, text=True,
                           timeout=120)
    assert after.returncode == 0, after.stderr
    assert "was interrupted before it finished" in after.stderr and "removed" in after.stderr
    assert after.stdout.startswith(f"{meeting.id}\t")  # the ordinary output is unchanged, on stdout
    assert list(out_dir.iterdir()) == []

    services, _ = unlocker.unlock(PASSPHRASE)
    try:
        assert services.recovery_notes == [], "reported once; the intent is closed now"
        with services.ctx.reading() as session:
            closed = list(session.exec(select(AuditEvent).where(AuditEvent.action == "export_interrupted")))
        assert len(closed) == 1 and closed[0].changes["removed"]
    finally:
        services.lock()


def test_the_look_back_check_point_never_hides_an_open_intent(services, tmp_path, monkeypatch):
    """Opens read only the audit events since a check point kept beside the database; an intent
    after it, or a check point from a bigger (restored-over) database, is still found."""
    import json

    from efh_desktop.services import export_recovery

    monkeypatch.setattr(export_recovery, "SAVE_EVERY", 1)
    folder = tmp_path / "chosen"
    folder.mkdir()

    def crashed_export(name: str) -> Path:
        return left_by_a_crash(services, folder, name, intent=name, entity="agenda")

    first = crashed_export("one.pdf")
    assert len(export_recovery.recover_interrupted(services.ctx)) == 1 and not first.exists()
    check_point = services.store.location.data_dir / export_recovery.CHECKPOINT_FILENAME
    saved = json.loads(check_point.read_text(encoding="utf-8"))["audit_id"]
    assert saved > 1

    second = crashed_export("two.pdf")
    assert ["two.pdf" in n for n in export_recovery.recover_interrupted(services.ctx)] == [True]
    assert not second.exists()

    check_point.write_text(json.dumps({"audit_id": 10**9}), encoding="utf-8")  # another database's
    third = crashed_export("three.pdf")
    assert ["three.pdf" in n for n in export_recovery.recover_interrupted(services.ctx)] == [True]
    assert not third.exists()
    assert export_recovery.recover_interrupted(services.ctx) == []


def test_the_window_tells_the_user_about_an_interrupted_export(qtbot, unlocker, data_dir, message_boxes):
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.settings import Settings

    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    controller.services.recovery_notes = ["An export of agenda.pdf was interrupted before it finished."]
    window = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=5000)
    assert message_boxes == [("information", "An export did not finish",
                              "An export of agenda.pdf was interrupted before it finished.")]
    controller.lock()


def test_an_interrupted_export_with_a_name_in_any_script_is_found_by_the_core_look(services, tmp_path):
    """The open's look for interrupted exports reads the audit trail with SQLAlchemy Core (before the
    ORM is loaded): a file name in another script comes back from the JSON as written, and the
    plaintext temporary file it left is removed."""
    from efh_desktop.services.export_recovery import recover_interrupted

    folder = tmp_path / "Dogfennau – Zoë"
    folder.mkdir()
    name = "Łukasiewicz İnce عائشة.pdf"
    temp = left_by_a_crash(services, folder, name, intent="t-1")
    notes = recover_interrupted(services.ctx)
    assert len(notes) == 1 and name in notes[0] and not temp.exists()
    assert recover_interrupted(services.ctx) == []  # closed in the audit trail: not found again
