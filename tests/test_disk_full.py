"""Issue 11, item 11: a full disk is reported as a full disk, with the reassurance that is true
(nothing saved has been lost), through the same services the window uses; never "Unexpected
error", never a logging traceback, and ``check`` never advises restoring a backup for it.

The full disk is simulated where it would surface: SQLite's "database or disk is full"
(SQLITE_FULL) from a statement, and ENOSPC from a write."""

from __future__ import annotations

import errno
import logging
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
import sqlcipher3
from conftest import PASSPHRASE
from saving import wait_saved
from sqlalchemy import event

from efh_desktop.error_text import user_message
from efh_desktop.services.context import ServiceError

FULL = "database or disk is full"
WHEN = datetime(2025, 6, 3, 10, 0, tzinfo=UTC)


@contextmanager
def full_disk_for_writes(engine):
    """Every INSERT/UPDATE fails as SQLite fails when the disk is full."""
    def refuse(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlcipher3.OperationalError(FULL)

    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def test_a_save_on_a_full_disk_says_so_and_loses_nothing(services):
    meeting = services.meetings.create("complex_strategy", WHEN, title="Disk full meeting (fictional)")
    kept = services.minutes.add_note(meeting.id, "Saved before the disk filled (fictional).")
    with full_disk_for_writes(services.store.engine):
        with pytest.raises(ServiceError) as caught:
            services.minutes.add_note(meeting.id, "Typed while the disk was full (fictional).")
    message = str(caught.value)
    assert message.startswith("The disk is full:") and "nothing saved has been lost" in message
    assert user_message(caught.value) == message and "Unexpected" not in message
    assert [n.id for n in services.minutes.notes(meeting.id)] == [kept.id]
    # Space freed: the same save works.
    services.minutes.add_note(meeting.id, "After space was freed (fictional).")
    assert len(services.minutes.notes(meeting.id)) == 2


def test_the_window_shows_the_full_disk_sentence(qtbot, unlocker, data_dir):
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.settings import Settings

    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    window = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(window)
    services = window.services
    meeting = services.meetings.create("complex_strategy", WHEN)
    window.open_meeting(meeting.id)
    capture = window.workspace.live.capture
    window.workspace.live.start_meeting()
    capture.note_text.setPlainText("A note typed while the disk was full (fictional).")
    with full_disk_for_writes(services.store.engine):
        capture.record()
        assert capture.message.text().startswith("Saving"), "shown at once, not yet called saved"
        wait_saved(qtbot, capture)
    assert capture.message.text().startswith("Not recorded: The disk is full:")
    assert "nothing saved has been lost" in capture.message.text()
    assert capture.note_text.toPlainText(), "what was typed is still there to save again"
    controller.lock()


def test_an_export_on_a_full_disk_leaves_nothing(demo_services, tmp_path, monkeypatch):
    import os

    from efh_desktop.atomic_write import DiskFull

    meeting_id = demo_services.meetings.list()[0].id

    def full(_fd, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DiskFull, match="^The disk is full: .*nothing saved has been lost"):
        demo_services.minutes_files.export_redaction_log(meeting_id, tmp_path / "log.csv")
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


class _FullStream:
    """A log file on a full disk."""

    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def seek(self, *_args: int) -> int:
        return 0

    def tell(self) -> int:
        return 0

    def close(self) -> None:
        pass


def test_backup_on_a_full_disk_is_one_line_without_a_logging_traceback(data_dir, tmp_path, monkeypatch, capsys):
    from efh_desktop import cli
    from efh_desktop.store import backup as backup_module

    def full(*_args, **_kwargs):
        raise sqlcipher3.OperationalError(FULL)

    monkeypatch.setattr(backup_module, "verify_backup", full)
    monkeypatch.setattr(logging.FileHandler, "_open", lambda self: _FullStream())
    monkeypatch.setenv("EFH_PASSPHRASE", PASSPHRASE)
    umask = __import__("os").umask(0o022)
    try:
        code = cli.main(["--data-dir", str(data_dir), "backup", "--out", str(tmp_path / "b.db")])
    finally:
        __import__("os").umask(umask)
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_efh", False)]:
            root.removeHandler(handler)
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "Logging error" not in err
    assert err.splitlines() == ["efh-desktop: The disk is full: the backup was not written, but nothing saved has "
                                "been lost. Free some space and try again."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


class _FullOnCheckpoint:
    """The engine ``check`` uses, whose checkpoint meets a full disk."""

    def __init__(self, engine) -> None:
        self._engine = engine

    def __getattr__(self, name: str):  # dispose() at lock, and the rest
        return getattr(self._engine, name)

    def raw_connection(self):
        raw = self._engine.raw_connection()
        real = raw.driver_connection

        class Conn:
            def execute(self, sql: str, *args):
                if "wal_checkpoint" in sql:
                    raise sqlcipher3.OperationalError(FULL)
                return real.execute(sql, *args)

        class Raw:
            driver_connection = Conn()

            def close(self) -> None:
                raw.close()

        return Raw()


def test_check_on_a_full_disk_does_not_advise_restoring_a_backup(services, monkeypatch):
    monkeypatch.setattr(services.store, "engine", _FullOnCheckpoint(services.store.engine))
    report = services.check()
    text = "\n".join(report.lines())
    assert not report.ok
    assert "disk is full" in text and "nothing saved has been lost" in text
    assert "restore" not in text.lower() and "damaged" not in text.lower().replace("not damage", "")
