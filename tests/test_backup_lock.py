"""Issue 11, item 7: ``backup`` while another process holds the write lock. The result and the
message agree: it waits and writes an audited backup, or it fails and leaves no file behind.
Two real processes: one holds ``BEGIN IMMEDIATE``, the other is the command a user runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import PASSPHRASE
from sqlmodel import select

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.store.key_header import KeyHeader
from efh_desktop.store.tables import AuditEvent

PROJECT_ROOT = Path(__file__).resolve().parents[1]
HOLDER = """
import sys, time
from pathlib import Path
from efh_desktop.store.engine import keyed_connect
key = bytearray.fromhex(sys.stdin.readline().strip())
conn = keyed_connect(Path(sys.argv[1]), key)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
if sys.argv[2] == "until-told":
    sys.stdin.readline()
else:
    time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
conn.close()
"""


def env() -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    base.update(PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", EFH_PASSPHRASE=PASSPHRASE,
                PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    return base


def hold_write_lock(data_dir: Path, seconds: float | str) -> subprocess.Popen:
    key = KeyHeader.load(data_dir / HEADER_FILENAME).unwrap(PASSPHRASE)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir / DB_FILENAME), str(seconds)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env(), cwd=PROJECT_ROOT)
    holder.stdin.write(bytes(key).hex() + "\n")  # never on a command line
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "locked"
    return holder


def backup(data_dir: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(data_dir), "backup", "--out", str(out)],
                          capture_output=True, text=True, env=env(), cwd=PROJECT_ROOT, timeout=120)


def backup_events(unlocker) -> list[AuditEvent]:
    services, _ = unlocker.unlock(PASSPHRASE)
    try:
        with services.ctx.reading() as session:
            return list(session.exec(select(AuditEvent).where(AuditEvent.action.like("backup%"))
                                     .order_by(AuditEvent.id)))
    finally:
        services.lock()


def test_a_lock_held_past_the_busy_timeout_fails_cleanly_with_no_backup_left(data_dir, tmp_path, unlocker):
    out_dir = tmp_path / "backups"
    out_dir.mkdir()
    holder = hold_write_lock(data_dir, "until-told")  # held for longer than the busy timeout (5 s)
    try:
        result = backup(data_dir, out_dir / "b.db")
    finally:
        holder.stdin.write("release\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert "busy" in line and "Nothing was written" in line and "Unexpected" not in line
    assert list(out_dir.iterdir()) == [], "a failed backup leaves nothing behind"
    assert [e.action for e in backup_events(unlocker)] == []


def test_a_short_lock_is_waited_for_and_the_backup_is_audited(data_dir, tmp_path, unlocker):
    out = tmp_path / "b.db"
    holder = hold_write_lock(data_dir, 1.5)
    started = time.monotonic()
    try:
        result = backup(data_dir, out)
    finally:
        holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert "verified" in result.stdout
    assert out.exists() and out.with_name("b.db.keyheader").exists()
    events = backup_events(unlocker)
    assert [e.action for e in events] == ["backup_started", "backup"]
    assert events[1].changes["file"] == str(out)
    assert time.monotonic() - started < 60
