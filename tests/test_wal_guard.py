"""A damaged write-ahead log is refused, not silently dropped (issue 11 item 2).

A real writer process (tests/crash_writer.py) records minutes and is SIGKILLed, leaving its -wal
and -shm. Undamaged, the next unlock recovers every acknowledged record; with one byte flipped in a
committed frame, the unlock refuses with a message saying what is at risk and how to recover, and
the -wal stays where it was, byte for byte, with a copy kept in the recovery folder.
"""

from __future__ import annotations

import random
import shutil
import signal
import struct
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from test_crash_safety import Writer, check_store, new_store

from efh_desktop.paths import DB_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.engine import open_here
from efh_desktop.store.wal_format import FRAME_HEADER, WAL_HEADER, checksum, parse_shm, parse_wal
from efh_desktop.store.wal_guard import RECOVERY_DIRNAME, WalDamaged, assess

PAGE = 4096
FRAME = FRAME_HEADER + PAGE


def _wal(folder: Path) -> Path:
    return folder / f"{DB_FILENAME}-wal"


def _shm(folder: Path) -> Path:
    return folder / f"{DB_FILENAME}-shm"


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def _killed_once(tmp_path_factory, profile):
    """A store whose writer was SIGKILLed after 40 acknowledged records, made once per module."""
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL (POSIX)")
    base = tmp_path_factory.mktemp("killed")
    data_dir = base / "data"
    new_store(data_dir, profile)
    writer = Writer(data_dir, 424242, base / "writer.log")
    writer.start()
    try:
        while len(writer.acks) < 40:
            writer.next()
    finally:
        writer.kill()
    assert _wal(data_dir).stat().st_size > WAL_HEADER and _shm(data_dir).exists()
    return data_dir, writer


@pytest.fixture
def killed_writer(_killed_once, tmp_path):
    """A copy of that store as the kill left it: database, -wal and -shm (nobody has them open)."""
    source, writer = _killed_once
    data_dir = tmp_path / "data"
    shutil.copytree(source, data_dir)
    return data_dir, writer


# -- the format, on a real SQLCipher log ----------------------------------------------------------
def test_sqlcipher_logs_use_standard_sqlite_frame_checksums(killed_writer):
    data_dir, _writer = killed_writer
    log = parse_wal(_wal(data_dir).read_bytes())
    index = parse_shm(_shm(data_dir).read_bytes())
    assert log.header_ok and log.page_size == PAGE and log.frames
    assert index is not None and index.salts == log.salts
    committed = log.frames[:index.max_frame]
    assert all(f.salt_ok and f.checksum_ok for f in committed)
    assert committed[-1].commit_size and log.valid_prefix() >= index.max_frame
    # Page images are encrypted: the harness's text is nowhere in the log in clear.
    assert b"(run 424242)" not in _wal(data_dir).read_bytes()
    # A control for the checksum: one flipped byte in a page fails that frame only.
    data = bytearray(_wal(data_dir).read_bytes())
    data[WAL_HEADER + FRAME + FRAME_HEADER + 7] ^= 1
    frames = parse_wal(bytes(data)).frames
    assert frames[0].checksum_ok and not frames[1].checksum_ok and frames[2].checksum_ok


# -- through the unlock, after a real kill ----------------------------------------------------------
def test_undamaged_log_after_a_kill_opens_with_every_acknowledged_record(killed_writer, profile):
    data_dir, writer = killed_writer
    original = _wal(data_dir).read_bytes()
    counts = check_store(data_dir, profile, [writer])  # unlocks, recovers the -wal, checks every ack
    assert counts["acked"] == len(writer.acks) >= 40
    (copy,) = (data_dir / RECOVERY_DIRNAME).iterdir()
    assert not copy.name.endswith("-damaged")
    assert (copy / f"{DB_FILENAME}-wal").read_bytes() == original


@pytest.mark.parametrize("where", ["first-frame-page", "middle-frame-page", "last-committed-frame",
                                   "frame-salt", "log-header"])
def test_flipped_byte_in_the_log_is_refused_and_the_evidence_kept(killed_writer, profile, where):
    data_dir, writer = killed_writer
    index = parse_shm(_shm(data_dir).read_bytes())
    offset = {
        "first-frame-page": WAL_HEADER + FRAME_HEADER + 100,
        "middle-frame-page": WAL_HEADER + (index.max_frame // 2) * FRAME + FRAME_HEADER + 2000,
        "last-committed-frame": WAL_HEADER + (index.max_frame - 1) * FRAME + FRAME_HEADER + PAGE - 1,
        "frame-salt": WAL_HEADER + 3 * FRAME + 9,
        "log-header": 13,
    }[where]
    _flip(_wal(data_dir), offset)
    damaged = _wal(data_dir).read_bytes()
    shm = _shm(data_dir).read_bytes()
    db = (data_dir / DB_FILENAME).read_bytes()

    with pytest.raises(WalDamaged) as caught:
        UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    message = str(caught.value)
    assert "damaged" in message and "cannot be read back" in message and "nothing has been opened" in message
    assert "backup" in message and "recovery" in message
    # The evidence: the -wal and -shm where they were, unchanged, the database untouched, and copies.
    assert _wal(data_dir).read_bytes() == damaged and _shm(data_dir).read_bytes() == shm
    assert (data_dir / DB_FILENAME).read_bytes() == db
    (copy,) = (data_dir / RECOVERY_DIRNAME).iterdir()
    assert copy.name.endswith("-damaged") and str(copy) in message
    assert (copy / f"{DB_FILENAME}-wal").read_bytes() == damaged
    assert (copy / f"{DB_FILENAME}-shm").read_bytes() == shm
    assert oct(copy.stat().st_mode & 0o777) == "0o700"
    # Asked again, the same answer (and another copy, never fewer).
    with pytest.raises(WalDamaged):
        UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    assert len(list((data_dir / RECOVERY_DIRNAME).iterdir())) == 2
    assert open_here(data_dir / DB_FILENAME) == 0

    # The recovery the message offers: without the log, the database opens as at its last checkpoint.
    aside = data_dir.parent / "aside"
    aside.mkdir()
    for path in (_wal(data_dir), _shm(data_dir)):
        shutil.move(path, aside / path.name)
    services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert services.check().ok
    finally:
        services.lock()


# -- the rules, on crafted logs ----------------------------------------------------------------------
def _frames_of(wal: bytes, count: int) -> bytes:
    return wal[:WAL_HEADER + count * FRAME]


def test_a_torn_unsaved_frame_after_the_committed_ones_is_not_damage(killed_writer):
    data_dir, _writer = killed_writer
    wal, shm = _wal(data_dir).read_bytes(), _shm(data_dir).read_bytes()
    committed = parse_shm(shm).max_frame
    log = parse_wal(wal)
    # A frame of the same generation whose page was never fully written (the kill came mid-write).
    head = struct.pack(">2I", 7, 0) + struct.pack(">2I", *log.salts)
    prev = struct.unpack(">2I", wal[WAL_HEADER + (committed - 1) * FRAME + 16:WAL_HEADER + (committed - 1) * FRAME + 24])
    s = checksum(head[:8], *prev, False)
    torn = head + struct.pack(">2I", *s) + random.Random(1).randbytes(PAGE)
    crafted = _frames_of(wal, committed) + torn
    db_salt = (data_dir / DB_FILENAME).read_bytes()[:16]
    assert not assess(crafted, shm, db_salt).damaged
    assert not assess(crafted, None, db_salt).damaged  # without the index too: nothing sound follows it


def test_without_the_index_a_bad_frame_followed_by_sound_ones_is_damage(killed_writer):
    data_dir, _writer = killed_writer
    wal = bytearray(_wal(data_dir).read_bytes())
    wal[WAL_HEADER + 2 * FRAME + FRAME_HEADER + 5] ^= 1
    verdict = assess(bytes(wal), None, (data_dir / DB_FILENAME).read_bytes()[:16])
    assert verdict.damaged and verdict.first_bad == 3 and verdict.committed is None


def test_a_log_of_another_database_is_told_apart(killed_writer):
    data_dir, _writer = killed_writer
    verdict = assess(_wal(data_dir).read_bytes(), _shm(data_dir).read_bytes(), b"\x01" * 16)
    assert verdict.foreign and not verdict.damaged
