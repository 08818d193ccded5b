"""Two processes on one store (issue 11 item 6), with real processes.

- Two writers saving as fast as they can: every save succeeds (write transactions begin IMMEDIATE,
  so the loser waits under busy_timeout instead of failing with "database is locked"), and every
  acknowledged note is there afterwards.
- One window per data folder: a second lock on the folder is refused with the holder's pid; a lock
  left by a killed process is taken over.
- The headless read-only commands and ``backup`` run beside a writer without failing its saves.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from sqlmodel import func, select

from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.folder_lock import LOCK_FILENAME, FolderInUse, FolderLock
from efh_desktop.store.tables import Note

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "tests" / "two_writer.py"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    env.update(EFH_PASSPHRASE=PASSPHRASE, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return env


def _store_with_meeting(data_dir: Path, profile) -> int:
    services, _ = UnlockService(data_dir, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    try:
        return services.meetings.create("complex_strategy", datetime(2025, 3, 4, 10, 0, tzinfo=UTC),
                                        title="Two writers (fictional)").id
    finally:
        services.lock()


def _writers(data_dir: Path, meeting_id: int, seconds: float, count: int) -> list[subprocess.Popen]:
    start_at = time.time() + 3.0  # both unlock first, then start together
    # 5 ms between saves: still far faster than anyone types (and before IMMEDIATE most of these
    # saves failed), but it keeps SQLite's unfair busy handler from starving one process for longer
    # than busy_timeout on a loaded test machine.
    return [subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(meeting_id), str(seconds),
                              str(start_at), "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=_env(), cwd=ROOT) for _ in range(count)]


def _results(procs: list[subprocess.Popen]) -> list[dict]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr[-2000:]
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def _note_count(data_dir: Path, profile) -> int:
    services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    try:
        with services.ctx.reading() as session:
            return session.exec(select(func.count()).select_from(Note)).one()
    finally:
        services.lock()


def test_two_writers_wait_for_each_other_instead_of_failing(tmp_path, profile):
    data_dir = tmp_path / "data"
    meeting_id = _store_with_meeting(data_dir, profile)
    results = _results(_writers(data_dir, meeting_id, 2.5, 2))
    print(f"\ntwo writers, 2.5 s: {results}")
    assert all(r["calls"] > 0 for r in results)
    assert [r["failures"] for r in results] == [0, 0], results
    assert _note_count(data_dir, profile) == sum(r["calls"] for r in results)


def test_headless_reads_and_backup_beside_a_writer_do_not_fail_its_saves(tmp_path, profile):
    data_dir = tmp_path / "data"
    meeting_id = _store_with_meeting(data_dir, profile)
    (writer,) = _writers(data_dir, meeting_id, 6.0, 1)
    time.sleep(3.0)  # the writer is saving now
    outputs = []
    for n, command in enumerate((["meetings"], ["backup", "--out", str(tmp_path / "beside.efhbak")], ["check"])):
        done = subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(data_dir), *command],
                              capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
        outputs.append((n, done.returncode, done.stderr[-500:]))
    (result,) = _results([writer])
    assert [code for _n, code, _err in outputs] == [0, 0, 0], outputs
    assert result["failures"] == 0, result
    assert (tmp_path / "beside.efhbak").exists()
    # The writer's -wal was live, not a leftover: the commands beside it neither copied nor judged it.
    assert not (data_dir / "recovery").exists()


# -- one window per data folder -------------------------------------------------------------------
HOLDER = """
import sys, time
from pathlib import Path
from efh_desktop.store.folder_lock import FolderLock
lock = FolderLock.acquire(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


def _holder(data_dir: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True,
                            env=_env(), cwd=ROOT)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_window_on_the_same_folder_is_refused_with_the_owners_pid(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    holder = _holder(data_dir)
    try:
        with pytest.raises(FolderInUse) as caught:
            FolderLock.acquire(data_dir)
        assert f"process {holder.pid}" in str(caught.value)
        assert "already open" in str(caught.value)
    finally:
        holder.kill()
        holder.wait(timeout=30)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_lock_left_by_a_killed_window_is_taken_over(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    holder = _holder(data_dir)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    assert json.loads((data_dir / LOCK_FILENAME).read_text())["pid"] == holder.pid  # stale, left behind
    lock = FolderLock.acquire(data_dir)
    try:
        assert json.loads((data_dir / LOCK_FILENAME).read_text())["pid"] == os.getpid()
    finally:
        lock.release()
    assert not (data_dir / LOCK_FILENAME).exists()


def test_a_lock_file_naming_a_dead_process_does_not_block(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (data_dir / LOCK_FILENAME).write_text(json.dumps({"pid": int(gone.stdout)}))
    FolderLock.acquire(data_dir).release()


def test_the_window_on_a_folder_in_use_says_so_and_opens_nothing(tmp_path, qapp, message_boxes):
    from efh_desktop.gui.app import run_gui

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    holder = _holder(data_dir)
    try:
        assert run_gui(data_dir=data_dir, profile_path=None, demo=False) == 1
    finally:
        holder.kill()
        holder.wait(timeout=30)
    kind, _title, text = message_boxes[-1]
    assert kind == "critical" and "already open on this data folder" in text and str(holder.pid) in text
    assert sorted(p.name for p in data_dir.iterdir()) == [LOCK_FILENAME]  # no database, no logs
