"""Writing a file the user asked for, with its audit trail, so a crash can never hide an export.

Each write is an intent in three steps: an "…_started" audit event is committed first (the file's
path, never its content), then the file is written by the safe writer (``atomic_write``), then the
completion event (action ``export`` or ``backup``, as before) commits with any rows that belong to
it (a redaction log, a filing entry). If the write or the completion fails, the file is removed, so
what the user is told and what is on disk agree. If the process dies in between, the started event
stays without its completion; ``recover_interrupted`` finds it on the next open, removes the
temporary files our writer left (they hold plaintext case data) and closes the intent.
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from efh_desktop.atomic_write import (
    DiskFull,
    WriteRefused,
    check_folder,
    check_target,
    disk_full_message,
    fsync_dir,
    is_disk_full,
    remove_stray_temps,
    safe_write_bytes,
)
from efh_desktop.services.context import AppContext, DiskFullNotSaved, ServiceError
from efh_desktop.services.export_recovery import (  # the open's look for interrupted exports
    CHECKPOINT_FILENAME,
    FAILED,
    INTERRUPTED,
    STARTED,
    recover_interrupted,
)

log = logging.getLogger(__name__)
BUSY = ("The database is busy: another EFH Desktop window or command is writing to it. Nothing was written; "
        "try again in a moment.")


def _plain_error(exc: BaseException, name: str) -> BaseException:
    """The sentence the user gets when an export stops part-way (the file is already removed)."""
    if isinstance(exc, WriteRefused):
        return exc
    if isinstance(exc, DiskFullNotSaved) or is_disk_full(exc):
        return DiskFull(disk_full_message(name))
    text = str(getattr(exc, "orig", exc)).lower()
    if "database is locked" in text or "database is busy" in text:
        return ServiceError(BUSY)
    return exc


class ExportIntent:
    """One export in progress: the files written under it are removed unless it completes."""

    def __init__(self, writer: ExportWriter, action: str, entity: str, path: Path, entity_id: int | None,
                 meeting_id: int | None) -> None:
        self.writer, self.action, self.entity, self.path = writer, action, entity, path
        self.entity_id, self.meeting_id = entity_id, meeting_id
        self.token = uuid.uuid4().hex
        self.files: list[Path] = []
        self.completed = False

    def write(self, path: Path, data: bytes, *, overwrite: bool, sync_folder: bool = True) -> Path:
        written = safe_write_bytes(path, data, protected_dir=self.writer.ctx.data_dir, overwrite=overwrite,
                                   sync_folder=sync_folder)
        self.files.append(written)
        return written

    def adopt(self, path: Path) -> None:
        """A file written by someone else under this intent (the SQLCipher backup)."""
        self.files.append(Path(path))

    def complete(self, summary: str, changes: dict[str, Any] | None = None,
                 extra: Callable[[Session], None] | None = None) -> None:
        with self.writer.ctx.transaction() as (session, audit):
            if extra is not None:
                extra(session)
            audit.event(self.action, self.entity, self.entity_id, meeting_id=self.meeting_id, summary=summary,
                        changes={**(changes or {}), "file": str(self.path), "intent": self.token})
        self.completed = True


@dataclass
class _Pending:
    """A file of a batch that has its final name but is not yet recorded as written."""

    path: Path
    entity: str
    summary: str
    changes: dict[str, Any]
    extra: Callable[[Session], None] | None


class ExportBatch:
    """Many files of one export into one folder (the minutes' per-child copies), with the same promise
    as ``ExportWriter.write`` for each (an intent committed before any temporary file exists, each file
    whole under its final name or not there at all, the trail saying "written" only once it is durable)
    at a fraction of the synced writes: a file is written and renamed as soon as its bytes are ready;
    ``flush`` then syncs the folder once and records every file since the last flush in one transaction.

    Each group of files between two flushes has its own intent, started just before the group's first
    file, naming every file not yet recorded (where a crash would leave a temporary file)."""

    def __init__(self, writer: ExportWriter, action: str, folder: Path, names: list[str], *,
                 entity_id: int | None, meeting_id: int | None, overwrite: bool) -> None:
        self.writer, self.action, self.folder = writer, action, Path(folder)
        self.entity_id, self.meeting_id, self.overwrite = entity_id, meeting_id, overwrite
        self.remaining = list(names)  # not yet recorded as written
        self.recorded: list[Path] = []  # recorded as written, in the order they were
        self._intent: ExportIntent | None = None
        self._pending: list[_Pending] = []

    @property
    def pending(self) -> int:
        return len(self._pending)

    def add(self, path: Path, data: bytes, *, entity: str, summary: str, changes: dict[str, Any] | None = None,
            extra: Callable[[Session], None] | None = None) -> None:
        """Write one file under its final name (its content synced); recorded at the next ``flush``."""
        path = Path(path)
        target = self.writer.check(path, overwrite=self.overwrite)
        if self._intent is None:
            self._intent = self.writer.start(self.action, entity, path, entity_id=self.entity_id,
                                             meeting_id=self.meeting_id, names=self.remaining or [target.name],
                                             folder=target.parent, batch=True)
        self._intent.write(target, data, overwrite=self.overwrite, sync_folder=False)
        self._pending.append(_Pending(path, entity, summary, dict(changes or {}), extra))

    def flush(self) -> list[Path]:
        """Make the files written since the last flush durable, then record them (one transaction)."""
        intent, pending = self._intent, self._pending
        if intent is None or not pending:
            return []
        for folder in {p.parent for p in intent.files}:
            fsync_dir(folder)  # every rename is on disk before the trail says the file was written
        with self.writer.ctx.transaction() as (session, audit):
            for item in pending:
                if item.extra is not None:
                    item.extra(session)
                audit.event(self.action, item.entity, self.entity_id, meeting_id=self.meeting_id,
                            summary=item.summary, changes={**item.changes, "file": str(item.path),
                                                           "intent": intent.token})
        intent.completed = True
        self._intent, self._pending = None, []
        done = {item.path.name for item in pending}
        self.remaining = [name for name in self.remaining if name not in done]
        self.recorded += [item.path for item in pending]
        return [item.path for item in pending]

    def abandon(self, exc: BaseException) -> None:
        """Remove the files not yet recorded and close their intent as failed."""
        intent, self._intent, self._pending = self._intent, None, []
        if intent is not None and not intent.completed:
            self.writer.undo(intent, exc)


class ExportWriter:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def check(self, path: Path, *, overwrite: bool = False) -> Path:
        """Refuse early (before rendering anything) a target the safe writer would refuse."""
        return check_target(path, protected_dir=self.ctx.data_dir, overwrite=overwrite)

    def check_folder(self, folder: Path) -> None:
        check_folder(folder, protected_dir=self.ctx.data_dir)

    @contextmanager
    def intent(self, action: str, entity: str, path: Path, *, entity_id: int | None = None,
               meeting_id: int | None = None, names: list[str] | None = None,
               target: Path | None = None) -> Iterator[ExportIntent]:
        """``target``: where the file really goes (links resolved), which is where a crash would
        leave its temporary file; ``names``: every file name written under this intent."""
        path = Path(path)
        real = Path(target) if target is not None else path
        intent = self.start(action, entity, path, entity_id=entity_id, meeting_id=meeting_id,
                            names=names or [real.name], folder=real.parent)
        try:
            yield intent
            if not intent.completed:
                raise RuntimeError("an export intent ended without completing")  # pragma: no cover
        except BaseException as exc:
            self.undo(intent, exc)
            if isinstance(exc, Exception):
                raise _plain_error(exc, path.name) from None
            raise

    def start(self, action: str, entity: str, path: Path, *, entity_id: int | None, meeting_id: int | None,
              names: list[str], folder: Path, batch: bool = False) -> ExportIntent:
        """Commit the "…_started" event of a new intent (before any of its files exists). ``batch``:
        one group of an ``ExportBatch``, which may write any of ``names``."""
        intent = ExportIntent(self, action, entity, path, entity_id, meeting_id)
        what = f"{path.name} and up to {len(names) - 1} more" if batch and len(names) > 1 else path.name
        changes: dict[str, Any] = {"file": str(path), "folder": str(folder), "names": list(names),
                                   "intent": intent.token, "pid": os.getpid()}
        if batch:
            changes["batch"] = True
        try:
            with self.ctx.transaction() as (_session, audit):
                audit.event(action + STARTED, entity, entity_id, meeting_id=meeting_id,
                            summary=f"Export started: {what}", changes=changes)
        except Exception as exc:  # noqa: BLE001 - nothing is written yet; say why in one sentence
            raise _plain_error(exc, path.name) from None
        return intent

    @contextmanager
    def batch(self, action: str, folder: Path, names: list[str], *, entity_id: int | None = None,
              meeting_id: int | None = None, overwrite: bool = False) -> Iterator[ExportBatch]:
        """Many files into ``folder`` (``names``: all of them, in order) with few synced writes
        (``ExportBatch``). What is still unrecorded when the block ends is flushed; if the block
        raises, it is removed instead, and the files recorded before stay (``batch.recorded``)."""
        batch = ExportBatch(self, action, folder, names, entity_id=entity_id, meeting_id=meeting_id,
                            overwrite=overwrite)
        try:
            yield batch
            batch.flush()
        except BaseException as exc:
            batch.abandon(exc)
            if isinstance(exc, Exception):
                raise _plain_error(exc, batch.remaining[0] if batch.remaining else Path(folder).name) from None
            raise

    def write(self, path: Path, data: bytes, *, entity: str, summary: str, overwrite: bool = False,
              entity_id: int | None = None, meeting_id: int | None = None, changes: dict[str, Any] | None = None,
              extra: Callable[[Session], None] | None = None, action: str = "export") -> Path:
        target = self.check(path, overwrite=overwrite)
        with self.intent(action, entity, Path(path), entity_id=entity_id, meeting_id=meeting_id,
                         target=target) as intent:
            intent.write(target, data, overwrite=overwrite)
            intent.complete(summary, changes, extra)
        return Path(path)

    def undo(self, intent: ExportIntent, exc: BaseException) -> None:
        for path in intent.files:
            try:
                os.unlink(path)
            except OSError:
                pass
        reason = "disk full" if is_disk_full(exc) or isinstance(exc, DiskFullNotSaved) else type(exc).__name__
        try:
            with self.ctx.transaction() as (_session, audit):
                audit.event(intent.action + FAILED, intent.entity, intent.entity_id, meeting_id=intent.meeting_id,
                            summary=f"Export stopped, nothing kept: {intent.path.name}",
                            changes={"file": str(intent.path), "intent": intent.token, "reason": reason})
        except Exception:  # noqa: BLE001 - the open intent is closed on the next start instead
            log.warning("export failure not recorded: %s", reason)


def _still_running(pid: object) -> bool:
    """Whether the process that began an export is alive (a window exporting while a command opens
    the store): its temporary file is in use, not stray. A reused pid only delays the tidying."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_interrupted(ctx: AppContext, event: Any) -> tuple[str, bool]:
    """Tidy after one interrupted export (``event``: its "…_started" audit event, an AuditEvent or a
    row with the same names): the note for the user ("" if nothing to say), and whether the intent
    is closed now (not while its process still runs, or if the close was not recorded)."""
    token = event.changes.get("intent")
    if not token:
        return "", True
    if _still_running(event.changes.get("pid")):
        return "", False
    path = Path(event.changes.get("file", ""))
    folder = Path(event.changes.get("folder", path.parent))
    names = event.changes.get("names", [path.name])
    removed = [p for name in names for p in remove_stray_temps(folder, name)]
    batch = bool(event.changes.get("batch")) and len(names) > 1
    note = (f"An export of {len(names)} files ({path.name} and others) was interrupted before it finished"
            if batch else f"An export of {path.name} was interrupted before it finished")
    if removed:
        note += (f"; its unfinished temporary file{'s' if len(removed) > 1 else ''} (holding case data) "
                 f"{'were' if len(removed) > 1 else 'was'} removed from {folder}")
    there = [name for name in names if name and (folder / name).exists()] if batch else []
    if there:
        note += (f". {len(there)} of them {'is' if len(there) == 1 else 'are'} there but not recorded as complete "
                 f"({', '.join(there[:3])}{', …' if len(there) > 3 else ''}): check them, or export them again")
    elif not batch and path.name and path.exists():
        note += f". {path.name} is there but was not recorded as complete: check it, or export it again"
    log.info("interrupted export closed: %d temporary file(s) removed", len(removed))
    try:
        with ctx.transaction() as (_session, audit):
            audit.event(event.action[: -len(STARTED)] + INTERRUPTED, event.entity, event.entity_id,
                        meeting_id=event.meeting_id, summary=f"Export interrupted: {path.name}",
                        changes={"file": str(path), "intent": token, "removed": [p.name for p in removed]})
    except Exception:  # noqa: BLE001 - a busy or full database: the intent stays open for next time
        log.warning("interrupted export not closed in the audit trail")
        return (note + ".") if removed else "", False
    return note + ".", True


__all__ = ["CHECKPOINT_FILENAME", "ExportBatch", "ExportIntent", "ExportWriter", "WriteRefused",
           "recover_interrupted"]
