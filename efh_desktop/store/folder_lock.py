"""One window per data folder: a lock file holding the owner's process id.

Two windows on one store would each show a list the other changes underneath, and each idle lock
or passphrase change would surprise the other. The headless commands do not take this lock: SQLite's
own locking (write transactions begin IMMEDIATE, with a busy timeout) lets ``check``, ``meetings``,
``export`` and ``backup`` run beside the window.

Who holds the lock is decided by the operating system, not by the pid in the file: the owner keeps
the file open with an exclusive advisory lock (flock on POSIX, a byte-range lock on Windows), which
the OS releases when the process ends however it ends. So a lock left by a crashed window (its pid
is dead, or has been reused by some other program) is simply taken over; the pid in the file is
there to tell the user which process holds it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from efh_desktop.store.errors import StoreError

LOCK_FILENAME = "efh-desktop.lock"


class FolderInUse(StoreError):
    """Another EFH Desktop window has this data folder open."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        who = f" (process {pid})" if pid else ""
        super().__init__(
            f"EFH Desktop is already open on this data folder{who}: {data_dir}. Switch to that window "
            "(it may be minimised or locked). Only one window at a time can use a data folder, so "
            "nothing has been opened here.")
        self.pid = pid


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(json.loads(path.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _open_lock_file(data_dir: Path, path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except IsADirectoryError:
        raise StoreError(
            f"{path} is a folder, not EFH Desktop's lock file, so the data folder cannot be opened. Nothing has "
            f"been changed. Move that folder out of {data_dir} (look at what it holds first), then open again."
        ) from None


class FolderLock:
    """Held from ``acquire`` until ``release`` (or until the process ends)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: Path) -> FolderLock:
        """Take the folder's lock, or raise FolderInUse naming the process that has it."""
        path = Path(data_dir) / LOCK_FILENAME
        for _attempt in range(5):
            fd = _open_lock_file(Path(data_dir), path)
            if not _try_lock(fd):
                os.close(fd)
                raise FolderInUse(Path(data_dir), _read_pid(path))
            # The previous owner may have removed the file between our open and our lock: then we
            # hold a lock on a file nobody else can see. Only the file still at the path counts.
            try:
                same = os.name == "nt" or os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        else:  # pragma: no cover - five races in a row
            raise FolderInUse(Path(data_dir), _read_pid(path))
        record = json.dumps({"pid": os.getpid()}).encode("ascii")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, record)
        os.fsync(fd)
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Remove the file, then let the lock go (closing the descriptor releases it)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name != "nt":  # Windows cannot remove a file that is open; an empty lock file is harmless
            self.path.unlink(missing_ok=True)
        else:  # pragma: no cover
            os.ftruncate(fd, 0)
        os.close(fd)
