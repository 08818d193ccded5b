"""The one way the application writes a file: atomically, and (for files the user chooses) never into
the data folder and never over an existing file unless the user said so.

Two entry points share one core:
- ``safe_write_bytes`` for every file a user asks for (exports, copies, logs, PDFs, screenshots): it
  refuses the data folder and its files (paths resolved, links followed, hard links caught by
  comparing inodes), refuses to replace a file without ``overwrite=True`` (which must come from the
  user: ``--force`` or the save dialog's own "replace?" question), and reports a full disk plainly;
- ``atomic_write_bytes`` for the store's own small files inside the data folder (key header, settings).

The temporary file sits beside the target (never in the system temp folder, so the rename is atomic
and plaintext lands only where the user chose) and is named ``.<name>.<random>.efh-part`` so that
one left by a crash can be recognised and removed on the next start.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".efh-part"
_NAME_ROOM = 200  # bytes of the name kept: ".<name>.<random>.efh-part" (and "-journal") stay within 255
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
# Test hook: when set to a file path, the writer creates that file and waits once its temporary file
# is complete, so a test can kill a real process mid-export. Never set in ordinary use.
PAUSE_HOOK = "EFH_TEST_PAUSE_AFTER_TEMP"


class WriteRefused(Exception):
    """Nothing was written; ``str()`` is one sentence for the user."""


class TargetExists(WriteRefused):
    pass


class DiskFull(WriteRefused):
    pass


def disk_full_message(what: str) -> str:
    return (f"The disk is full: {what} was not written, but nothing saved has been lost. "
            "Free some space and try again.")


def is_disk_full(exc: BaseException | None) -> bool:
    """True for ENOSPC/EDQUOT and for SQLite's SQLITE_FULL, also when wrapped (SQLAlchemy's ``orig``)."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, DiskFull):
            return True
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if "database or disk is full" in str(exc).lower():
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return False


def temp_prefix(name: str) -> str:
    """Cut by bytes, not letters: file systems count bytes (200 Arabic or Polish letters are 300-400)."""
    kept = name.encode("utf-8", "surrogatepass")[:_NAME_ROOM].decode("utf-8", "ignore")
    return f".{kept}."


def is_temp_for(entry: str, name: str) -> bool:
    """Whether ``entry`` is one of our temporary files for ``name`` (SQLite may add -journal to it)."""
    return entry.startswith(temp_prefix(name)) and TEMP_SUFFIX in entry[len(temp_prefix(name)):]


def remove_stray_temps(folder: Path, name: str) -> list[Path]:
    """Delete temporary files a crashed write of ``name`` left in ``folder``; return what went."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if is_temp_for(entry.name, name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


# -- where the user may write ---------------------------------------------------------------------
def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _inside(folder: Path, protected: Path) -> bool:
    """``folder`` is ``protected`` or below it: by resolved path, and by inode (case-insensitive
    disks, bind mounts and other spellings of the same folder)."""
    try:
        real_protected = protected.resolve()
        if folder == real_protected or real_protected in folder.parents:
            return True
        mark = os.stat(real_protected)
    except OSError:
        return False
    for candidate in (folder, *folder.parents):
        try:
            if _same(os.stat(candidate), mark):
                return True
        except OSError:
            continue
    return False


def _protected_files(protected: Path) -> list[Path]:
    from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME, SETTINGS_FILENAME

    return [protected / n for n in (DB_FILENAME, DB_FILENAME + "-wal", DB_FILENAME + "-shm", DB_FILENAME + "-journal",
                                    HEADER_FILENAME, SETTINGS_FILENAME)]


def check_folder(folder: Path, *, protected_dir: Path | None) -> None:
    """Refuse a folder chosen for several files (minutes, screenshots) if it is the data folder."""
    if protected_dir is not None and _inside(Path(folder).expanduser().resolve(), Path(protected_dir)):
        raise WriteRefused("That folder is the EFH Desktop data folder (or inside it); choose another folder.")


def check_target(path: Path, *, protected_dir: Path | None, overwrite: bool = False) -> Path:
    """Return where ``path`` really points (links followed); raise WriteRefused if it may not be written."""
    path = Path(path).expanduser()
    target = path.resolve()
    if target.is_dir():
        raise WriteRefused(f"{path} is a folder; choose a file name.")
    if not target.parent.is_dir():
        raise WriteRefused(f"The folder {path.parent} does not exist; choose an existing folder.")
    if protected_dir is not None:
        if _inside(target.parent, Path(protected_dir)):
            raise WriteRefused("That file is inside the EFH Desktop data folder; choose another folder.")
        if os.path.lexists(target):
            mine = os.stat(target)
            for own in _protected_files(Path(protected_dir)):
                try:
                    if _same(os.stat(own), mine):  # a hard link to the database or its key file
                        raise WriteRefused("That file is one of EFH Desktop's own files (the database or its "
                                           "key file); choose another name.")
                except FileNotFoundError:
                    continue
    if os.path.lexists(target):
        if not stat.S_ISREG(os.stat(target).st_mode):
            raise WriteRefused(f"{path.name} is not an ordinary file; choose another name.")
        if not overwrite:
            raise TargetExists(f"{path.name} already exists; nothing was written. Choose another name, or "
                               "confirm replacing it (--force on the command line).")
    return target


def safe_write_bytes(path: Path, data: bytes, *, protected_dir: Path | None, overwrite: bool = False,
                     mode: int = 0o600, sync_folder: bool = True) -> Path:
    """Write a file the user asked for; return the path written (links resolved).

    ``sync_folder=False`` (many files into one folder): the file's content is synced and it gets its
    name atomically, but the folder's entry is made durable only by the caller's one ``fsync_dir``
    for the whole batch, which must come before anything records the files as written."""
    target = check_target(path, protected_dir=protected_dir, overwrite=overwrite)
    _write(target, data, mode, overwrite=overwrite, chosen=True, sync_folder=sync_folder)
    return target


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """The store's own files (key header, settings): atomic, replacing the previous version."""
    _write(Path(path), data, mode, overwrite=True, chosen=False)


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


# -- the core -------------------------------------------------------------------------------------
def new_temp_path(target: Path) -> Path:
    """A fresh, recognisable temporary name beside ``target`` (created empty, user-only)."""
    fd, name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(name)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(tmp: Path, target: Path, *, overwrite: bool, sync_folder: bool = True) -> None:
    """Move a finished temporary file onto ``target``. Without ``overwrite`` a hard link makes "create
    only if absent" atomic, so a file that appeared since the check is never replaced."""
    if overwrite:
        os.replace(tmp, target)
    else:
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise TargetExists(f"{target.name} already exists; nothing was written. Choose another name.") from None
        except OSError:
            # Some file systems (FAT, some network shares) have no hard links: check, then rename.
            if os.path.lexists(target):
                raise TargetExists(f"{target.name} already exists; nothing was written.") from None
            os.replace(tmp, target)
        else:
            os.unlink(tmp)
    if sync_folder:
        fsync_dir(target.parent)


def _pause_for_tests(tmp: Path) -> None:
    marker = os.environ.get(PAUSE_HOOK)
    if marker:
        Path(marker).write_text(str(tmp), encoding="utf-8")
        time.sleep(60)


def unsynced_message(name: str, *, replaced: bool, reason: str) -> str:
    """The disk took the file but did not confirm its folder: said as it is, never "nothing changed"."""
    if replaced:
        return (f"{name} was replaced, but the disk did not confirm it was saved ({reason}); check it, or "
                "write it again (to another folder if this keeps happening).")
    return (f"{name} could not be saved: the disk did not confirm it ({reason}), so it has been removed again; "
            "nothing was changed. Choose another folder.")


def sync_published(target: Path, *, created: bool) -> None:
    """Sync the folder of a file just published; if the disk fails to confirm it, remove a file this
    write created (what the user is told must match what is there) and raise WriteRefused."""
    try:
        fsync_dir(target.parent)
    except OSError as exc:
        if created:
            try:
                os.unlink(target)
            except OSError:
                pass
        reason = exc.strerror or type(exc).__name__
        if created and is_disk_full(exc):
            raise DiskFull(disk_full_message(target.name)) from None
        raise WriteRefused(unsynced_message(target.name, replaced=not created, reason=reason)) from None


def _write(target: Path, data: bytes, mode: int, *, overwrite: bool, chosen: bool, sync_folder: bool = True) -> None:
    tmp: Path | None = None
    try:
        tmp = new_temp_path(target)
        fd = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            if os.name == "posix":
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if chosen:  # only a file the user asked for (the test kills an export, not a settings save)
            _pause_for_tests(tmp)
        existed = os.path.lexists(target)
        publish(tmp, target, overwrite=overwrite, sync_folder=sync_folder and not chosen)
        tmp = None
        if sync_folder and chosen:
            sync_published(target, created=not existed)
    except WriteRefused:
        raise
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(disk_full_message(target.name)) from None
        if not chosen:
            raise  # the store's own files: its callers say what failed
        raise WriteRefused(f"{target.name} could not be written ({exc.strerror or type(exc).__name__}); "
                           "nothing was changed. Choose another folder.") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
