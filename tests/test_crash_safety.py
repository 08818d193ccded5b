"""Nothing acknowledged is ever lost (style_security.md B.7 #10; issue 4 item 8/10).

A child process (tests/crash_writer.py) unlocks a store and records notes, decisions and actions
through the services, printing an acknowledgement after each call returns: the moment the window
would show "saved". The test SIGKILLs it at varied points (before it has unlocked, straight after,
after N records, after a random time, just as a 10,000-character note starts) and then, in this
process, unlocks the same store with its -wal still in place and checks:

- every record acknowledged in any round so far is there, with exactly the text that was sent;
- a record that was not acknowledged is either wholly there or wholly absent (only the one call in
  flight at the kill may be), never a second copy: no (run, sequence number) appears twice;
- each record has exactly one "create" audit event (the row and its audit commit together);
- ``services.check()`` is ok (cipher_integrity_check, quick_check, schema at head).

No timing is asserted: on a loaded machine the kill simply lands somewhere else.
"""

from __future__ import annotations

import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import crash_writer
import pytest
from conftest import PASSPHRASE
from sqlmodel import col, select

from efh_desktop.paths import DB_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.engine import keyed_connect
from efh_desktop.store.tables import Action, AuditEvent, Decision, Note

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

WRITER = Path(crash_writer.__file__).resolve()
ROOT = WRITER.parents[1]
SEED = int(os.environ.get("EFH_CRASH_SEED", "20250304"))
LINE_TIMEOUT = 60.0  # seconds to wait for the child's next line; only reached when something is wrong
TABLES = {"note": Note, "decision": Decision, "action": Action}
IDENTITY = re.compile(r"^(note|decision|action) (\d+) \(run (\d+)\) ")


@dataclass
class Writer:
    """One child process and what it said before it died."""

    data_dir: Path
    seed: int
    log: Path
    extra: tuple[str, ...] = ()
    acks: list[tuple[int, str, int]] = field(default_factory=list)  # (seq, kind, id)
    begun: list[tuple[int, str, int]] = field(default_factory=list)  # (seq, kind, length)
    backups_begun: list[str] = field(default_factory=list)
    backups_acked: list[str] = field(default_factory=list)
    ready: bool = False

    def start(self) -> None:
        env = dict(os.environ, EFH_PASSPHRASE=PASSPHRASE, PYTHONUNBUFFERED="1")
        self._err = open(self.log, "w", encoding="utf-8")  # closed in kill()
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(self.data_dir), str(self.seed), *self.extra],
            stdout=subprocess.PIPE, stderr=self._err, stdin=subprocess.DEVNULL, cwd=ROOT, env=env,
            text=True, encoding="utf-8", bufsize=1)
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _take(self, line: str) -> str:
        word, *rest = line.split(" ")
        if word == "ready":
            self.ready = True
        elif word == "begin":
            self.begun.append((int(rest[0]), rest[1], int(rest[2])))
        elif word == "ack":
            self.acks.append((int(rest[0]), rest[1], int(rest[2])))
        elif word == "begin-backup":
            self.backups_begun.append(rest[1])
        elif word == "ack-backup":
            self.backups_acked.append(rest[1])
        else:
            raise AssertionError(f"unexpected line from the writer: {line!r}")
        return word

    def next(self, timeout: float = LINE_TIMEOUT) -> str:
        """The next line's first word, after recording the line; fails if the child stopped."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise AssertionError(f"the writer said nothing for {timeout:.0f} s; stderr:\n{self.stderr()}") from None
        if line is None:
            self.proc.wait(timeout=LINE_TIMEOUT)
            raise AssertionError(f"the writer exited by itself (code {self.proc.returncode}); "
                                 f"stderr:\n{self.stderr()}")
        return self._take(line)

    def poll_line(self, timeout: float) -> bool:
        """Take one line if one arrives within ``timeout``; False if none did."""
        try:
            line = self._lines.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return False
        if line is None:
            self._lines.put(None)
            self.next()  # raises: the child died on its own
        self._take(line)
        return True

    def kill(self) -> None:
        """SIGKILL, then collect every line the child wrote before it died: those were shown too."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=LINE_TIMEOUT)
        self._reader.join(timeout=LINE_TIMEOUT)
        while (line := self._lines.get(timeout=LINE_TIMEOUT)) is not None:
            self._take(line)
        self.proc.stdout.close()
        self._err.close()
        assert self.proc.returncode == -signal.SIGKILL, (
            f"the writer ended with {self.proc.returncode}, not SIGKILL; stderr:\n{self.stderr()}")

    def stderr(self) -> str:
        self._err.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    @property
    def in_flight(self) -> tuple[int, str, int] | None:
        """The call that had begun but not returned when the child died (at most one)."""
        if self.begun and (not self.acks or self.acks[-1][0] != self.begun[-1][0]):
            return self.begun[-1]
        return None


def drive(writer: Writer, plan: str, rng: random.Random) -> str:
    """Let the writer run until the plan's kill point, then kill it. Returns a description."""
    if plan == "at_start":
        writer.kill()
        return "killed at start"
    while not writer.ready:
        writer.next()
    if plan == "after_ready":
        pass
    elif plan == "after_acks":
        target = rng.randint(20, 200)
        while len(writer.acks) < target:
            writer.next()
    elif plan == "after_begin":
        target = rng.randint(1, 120)
        while not (writer.next() == "begin" and writer.begun[-1][0] >= target):
            pass
    elif plan == "big_note":
        at_least = rng.randint(0, 60)
        # A big note is ~4 % of records; the cap only stops a runaway if the generator changed.
        while not (writer.next() == "begin" and writer.begun[-1][2] >= crash_writer.BIG_LENGTH
                   and len(writer.acks) >= at_least) and len(writer.acks) < 3000:
            pass
    elif plan == "after_time":
        deadline = time.monotonic() + rng.uniform(0.0, 0.8)
        while (left := deadline - time.monotonic()) > 0:
            writer.poll_line(left)
    elif plan == "backup":
        target = rng.randint(1, 6)
        while len(writer.backups_begun) < target:
            writer.next()
        time.sleep(rng.choice((0.0, 0.0, rng.uniform(0.0, 0.05))))  # somewhere inside backup()
    else:  # pragma: no cover
        raise AssertionError(plan)
    writer.kill()
    return f"{plan}: {len(writer.acks)} acknowledged, in flight {writer.in_flight}"


def check_store(data_dir: Path, profile, writers: list[Writer]) -> dict[str, int]:
    """Unlock (recovering from the -wal the killed writer left) and check every promise."""
    services, _ = UnlockService(data_dir, profile, "Crash Checker (fictional)").unlock(PASSPHRASE)
    try:
        rows = {}
        with services.ctx.reading() as session:
            for kind, table in TABLES.items():
                for row in session.exec(select(table)):
                    rows[(kind, row.id)] = row
            audits = Counter(
                (e.entity, e.entity_id) for e in session.exec(
                    select(AuditEvent).where(AuditEvent.action == "create",
                                             col(AuditEvent.entity).in_([t.__tablename__ for t in TABLES.values()]))))

        acked: set[tuple[str, int]] = set()
        allowed_unacked: set[tuple[int, int]] = set()  # (run seed, seq) of calls in flight at a kill
        for writer in writers:
            seqs = [seq for seq, _kind, _id in writer.acks]
            assert seqs == list(range(len(seqs))), f"run {writer.seed}: sequence numbers repeat or skip: {seqs}"
            for seq, kind, row_id in writer.acks:
                expected_kind, fields = crash_writer.record_for(writer.seed, seq)
                assert kind == expected_kind
                row = rows.get((kind, row_id))
                assert row is not None, f"LOST: run {writer.seed} {kind} #{seq} (id {row_id}) was acknowledged"
                for name, value in fields.items():
                    assert getattr(row, name) == value, (
                        f"run {writer.seed} {kind} #{seq} (id {row_id}): {name} differs from what was saved")
                acked.add((kind, row_id))
            if writer.in_flight is not None:
                allowed_unacked.add((writer.seed, writer.in_flight[0]))

        identities = Counter()
        for (kind, row_id), row in rows.items():
            text = getattr(row, crash_writer.main_field(kind))
            match = IDENTITY.match(text)
            assert match and match[1] == kind, f"{kind} {row_id} was not written by the harness: {text[:60]!r}"
            seq, seed = int(match[2]), int(match[3])
            identities[(seed, seq)] += 1
            if (kind, row_id) not in acked:
                # Committed but killed before the acknowledgement: allowed, but whole and only once.
                assert (seed, seq) in allowed_unacked, f"{kind} {row_id} (run {seed} #{seq}) appeared from nowhere"
                expected_kind, fields = crash_writer.record_for(seed, seq)
                assert kind == expected_kind
                assert all(getattr(row, n) == v for n, v in fields.items()), f"{kind} {row_id} is partial"
            assert audits[(TABLES[kind].__tablename__, row_id)] == 1, f"{kind} {row_id} lacks its audit event"
        duplicates = [ident for ident, n in identities.items() if n > 1]
        assert not duplicates, f"records written twice: {duplicates}"

        report = services.check()
        assert report.ok, report.lines()
        return {"rows": len(rows), "acked": len(acked), "committed_unacked": len(rows) - len(acked)}
    finally:
        services.lock()


def new_store(data_dir: Path, profile) -> None:
    services, _ = UnlockService(data_dir, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    services.lock()


def wal_of(data_dir: Path) -> Path:
    return data_dir / f"{DB_FILENAME}-wal"


@pytest.fixture
def writers():
    """The children started by a test; any still alive when it ends (a failure) is killed."""
    started: list[Writer] = []
    yield started
    for writer in started:
        proc = getattr(writer, "proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=LINE_TIMEOUT)


def test_sigkill_never_loses_an_acknowledged_record(tmp_path, profile, writers):
    data_dir = tmp_path / "data"
    new_store(data_dir, profile)
    rng = random.Random(SEED)
    plans = ["at_start", "after_ready", "after_acks", "after_acks", "big_note", "big_note", "after_time",
             "after_begin"]
    rng.shuffle(plans)
    seeds = rng.sample(range(1, 1_000_000), len(plans))
    outcomes = []
    for round_no, (plan, seed) in enumerate(zip(plans, seeds, strict=True)):
        writer = Writer(data_dir, seed, tmp_path / f"writer-{round_no}.log")
        writers.append(writer)
        writer.start()
        outcome = drive(writer, plan, rng)
        if writer.acks:
            # The killed writer's -wal is left exactly where it is (we never delete, move or copy
            # it): the unlock below has to recover from it.
            wal = wal_of(data_dir)
            assert wal.exists(), f"{outcome}: the -wal the killed writer left has gone"
            assert wal.stat().st_size > 0, f"{outcome}: records were acknowledged but nothing reached the -wal"
        counts = check_store(data_dir, profile, writers)
        outcomes.append(f"round {round_no} {outcome}; store {counts}")
    total_acked = sum(len(w.acks) for w in writers)
    print("\n".join(outcomes) + f"\n{total_acked} acknowledged records checked after every later kill")
    assert total_acked >= 40  # the two after_acks rounds alone acknowledge at least 20 each


def open_and_check_backup(path: Path, key: bytes) -> None:
    conn = keyed_connect(path, key)
    try:
        assert [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")] == [], path.name
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", path.name
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] >= 0
    finally:
        conn.close()


def test_sigkill_during_backup_leaves_no_partial_backup(tmp_path, profile, writers):
    """A backup at its final name is always complete; a kill leaves at most a hidden .part beside
    it, and retrying the same name afterwards works (the stale .part and its journal are no trap)."""
    data_dir, out_dir = tmp_path / "data", tmp_path / "backups"
    new_store(data_dir, profile)
    out_dir.mkdir()  # a folder the user chose
    rng = random.Random(SEED + 1)
    seen = Counter()
    for round_no, seed in enumerate(rng.sample(range(1, 1_000_000), 5)):
        writer = Writer(data_dir, seed, tmp_path / f"backup-writer-{round_no}.log", extra=("backup", str(out_dir)))
        writers.append(writer)
        writer.start()
        drive(writer, "backup", rng)
        services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
        try:
            key = bytes(services.store.key)
        finally:
            services.lock()
        for path in out_dir.iterdir():
            assert path.name.endswith((".efhbak", ".efhbak.keyheader")) or ".part" in path.name, path.name
            seen["leftover .part files"] += ".part" in path.name
        for name in writer.backups_begun:
            final = out_dir / name
            assert final.exists() or name not in writer.backups_acked, f"acknowledged backup {name} is missing"
            if final.exists():  # at its final name a backup must be complete: it opens and checks out
                open_and_check_backup(final, key)
                seen["complete"] += 1
            else:
                seen["absent"] += 1
        check_store(data_dir, profile, writers)
        interrupted = writer.backups_begun[-1] if writer.backups_begun else None
        if interrupted and not (out_dir / interrupted).exists():
            services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
            try:
                services.backup(out_dir / interrupted)  # the user tries again with the same name
            finally:
                services.lock()
            open_and_check_backup(out_dir / interrupted, key)
            seen["retried"] += 1
    print(f"\nbackups: {dict(seen)}")
