"""Before the first open after an unclean stop: keep a copy of the write-ahead log, check it, and
refuse to open over a damaged one.

SQLite's recovery stops at the first frame that fails its checksum and silently drops everything
after it, then deletes the -wal when the last connection closes: one flipped byte loses every save
since the last checkpoint, and ``check`` says ok afterwards because what is left is consistent.
So a -wal nobody has open (the previous process ended without closing the store) is first copied
into the data folder's ``recovery`` area (user-only; the pages in it are SQLCipher-encrypted
already), then verified frame by frame (wal_format.py). A committed frame that fails stops the open
with a message saying what is at risk and how to recover; the -wal is never moved or deleted.

A -wal that another process has open is that process's live log, not a leftover: it is left alone
(its frames may be mid-write). Within this process, an engine already open on the database means
the same; on POSIX another process is seen by SQLite's own "dead man switch" lock on the -shm.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from efh_desktop.atomic_write import is_disk_full
from efh_desktop.paths import ensure_private_dir
from efh_desktop.store.engine import open_here
from efh_desktop.store.errors import DatabaseDamaged, StoreError
from efh_desktop.store.wal_format import WAL_HEADER, parse_shm, parse_wal

RECOVERY_DIRNAME = "recovery"
KEEP_CLEAN_COPIES = 3  # copies of logs that checked out; copies of damaged logs are never removed
_SHM_DMS_BYTE = 128  # SQLite's unix VFS: every connection holds a shared lock here while it has the log open

class WalDamaged(StoreError):
    """The -wal beside the database holds committed changes that do not check out."""


class ForeignWal(DatabaseDamaged):
    """The -wal beside the database belongs to another database."""


@dataclass(frozen=True)
class Verdict:
    damaged: bool = False
    first_bad: int = 0  # 1-based frame number
    committed: int | None = None  # frames the last writer had committed, when the -shm says
    at_risk: int = 0  # transactions (saves) at or after the first bad frame
    foreign: bool = False


def assess(wal: bytes, shm: bytes | None, db_salt: bytes) -> Verdict:
    """What SQLite would make of this log, and whether that would lose committed changes."""
    log = parse_wal(wal)
    index = parse_shm(shm) if shm else None
    if not log.header_ok:
        committed = index.max_frame if index is not None else None
        if len(wal) <= WAL_HEADER or committed == 0:
            return Verdict()  # nothing was ever committed into this log
        return Verdict(damaged=True, first_bad=1, committed=committed, at_risk=max(committed or 0, 1))
    committed = index.max_frame if index is not None and index.salts == log.salts else None
    prefix = log.valid_prefix()
    frames = log.frames
    first_bad = next((f.number for f in frames if not (f.salt_ok and f.checksum_ok)), 0)
    if committed is not None:
        # Exact: the last writer said how many frames were committed; each must check out.
        damaged = prefix < min(committed, len(frames)) or committed > len(frames)
    else:
        # No usable index (a power cut, or a copy without it): a bad frame is damage when frames of
        # the same generation carry on soundly after it; a bad last frame is a torn, unsaved write.
        damaged = bool(first_bad) and any(f.salt_ok and f.checksum_ok for f in frames[first_bad:])
    if damaged:
        end = committed if committed is not None else len(frames)
        at_risk = sum(1 for f in frames[prefix:end] if f.commit_size) or 1
        return Verdict(True, first_bad or prefix + 1, committed, at_risk)
    # Page 1 begins with the database's salt in clear: a log whose page 1 has another salt was
    # written by another database (a stray file, or a copy of the wrong folder).
    page_ones = [f for f in frames[:prefix] if f.page == 1]
    if page_ones and db_salt and page_ones[-1].data[:16] != db_salt:
        return Verdict(foreign=True, committed=committed)
    return Verdict(committed=committed)


def _in_use_elsewhere(shm: Path) -> bool:
    if not shm.exists() or os.name != "posix":
        return False  # no -shm: nobody has the log open. (Windows: see docs/security.md)
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False  # SQLite could not use it either; the log is checked as a leftover
    try:
        # An exclusive lock on the switch byte is refused while any other process holds its shared
        # lock; granted, it is released at once (closing the descriptor releases it too).
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _copy_aside(data_dir: Path, files: list[Path]) -> Path:
    """The copy kept before SQLite may touch the log; if it cannot be made, nothing is opened."""
    base = data_dir / RECOVERY_DIRNAME
    if base.exists() and not base.is_dir():
        raise StoreError(
            f"{base} is not a folder, so the copy of the database's recent-changes log that is kept before "
            f"opening after an unclean stop cannot be made there. Nothing has been opened, changed or deleted. "
            f"Move that file out of {data_dir} (look at what it holds first), then open again.")
    target: Path | None = None
    try:
        ensure_private_dir(base)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = base / f"log-{stamp}"
        target.mkdir(mode=0o700)
        for path in files:
            copy = target / path.name
            shutil.copyfile(path, copy)
            if os.name == "posix":
                os.chmod(copy, 0o600)
    except OSError as exc:
        if target is not None:
            shutil.rmtree(target, ignore_errors=True)  # a half-made copy would read as a good one
        if is_disk_full(exc):
            raise StoreError(
                "The disk is full: after an unclean stop EFH Desktop keeps a copy of the database's recent-changes "
                "log before opening, and there is no room for it. Nothing has been opened, changed or deleted, "
                "and nothing saved has been lost. Free some space, then open again.") from None
        raise StoreError(
            f"The copy of the database's recent-changes log that is kept before opening after an unclean stop "
            f"could not be made in {base} ({exc.strerror or type(exc).__name__}). Nothing has been opened, changed "
            "or deleted. Open again; if this keeps happening, ask IT for help.") from None
    return target


def _prune(data_dir: Path) -> None:
    clean = sorted(p for p in (data_dir / RECOVERY_DIRNAME).glob("log-*") if not p.name.endswith("-damaged"))
    for old in clean[:-KEEP_CLEAN_COPIES]:
        shutil.rmtree(old, ignore_errors=True)


def guard_leftover_wal(db_path: Path) -> None:
    """Raise WalDamaged or ForeignWal rather than let SQLite open over a log that would lose data."""
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    if not wal.is_file() or wal.stat().st_size == 0:
        return
    if open_here(db_path) or _in_use_elsewhere(shm):
        return
    copy = _copy_aside(db_path.parent, [p for p in (wal, shm) if p.is_file()])
    with open(db_path, "rb") as handle:
        db_salt = handle.read(16)
    verdict = assess(wal.read_bytes(), shm.read_bytes() if shm.is_file() else None, db_salt)
    if verdict.damaged:
        kept = copy.with_name(copy.name + "-damaged")
        copy.rename(kept)
        raise WalDamaged(damaged_message(db_path, verdict, kept))
    _prune(db_path.parent)
    if verdict.foreign:
        raise ForeignWal(
            f"The file {wal.name} beside the database belongs to another database, so {db_path.name} was not "
            "opened. The database itself has not been changed. Move that file out of the folder (keep it) "
            "and open again; if you copied the folder, copy it again while EFH Desktop is closed.")


def damaged_message(db_path: Path, verdict: Verdict, kept: Path) -> str:
    wal = db_path.name + "-wal"
    saves = f"about {verdict.at_risk} save{'s' if verdict.at_risk != 1 else ''}"
    return (f"The database's recent-changes log ({wal}) is damaged: {saves} made before EFH Desktop last "
            f"stopped (from frame {verdict.first_bad} of the log onwards) cannot be read back. Opening now would "
            "silently lose them, so nothing has been opened, changed or deleted, and a copy of the log is kept in "
            f"{kept}. To recover: keep every file in the data folder and ask IT for help; or restore from your "
            f"latest backup (changes since it would be lost); or, to carry on without those recent changes, move "
            f"{wal} and {db_path.name}-shm out of the folder (keep them) and open again.")
