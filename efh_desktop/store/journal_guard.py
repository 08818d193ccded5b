"""A rollback journal (-journal) left beside the database: played back only once it is known to be its own.

The store runs in WAL mode, so a -journal appears only in the moment a restored backup (kept in
rollback mode) is first switched over, or when a file is copied in from elsewhere. SQLite treats any
-journal as "hot" and plays it back into the database before the first read, and nothing in it says
which database it was written for: another database's journal would write its pages over this one,
or cut the file short to that database's size. Our read-only first look cannot play anything back,
so any -journal stopped the open with "could not be opened (OperationalError)".

So, before the first look: a copy of the -journal is kept in the recovery folder, the database and
the journal are tried together on a copy, and only if that copy opens with this key and checks out
is the real journal played back (as SQLite would have done). Otherwise nothing is opened and the
user is told which file to move. The database is never changed on the way to that refusal.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import sqlcipher3

from efh_desktop.atomic_write import is_disk_full
from efh_desktop.paths import ensure_private_dir
from efh_desktop.store.engine import keyed_connect, open_here
from efh_desktop.store.errors import DatabaseDamaged, StoreError
from efh_desktop.store.wal_guard import RECOVERY_DIRNAME


class ForeignJournal(DatabaseDamaged):
    """The -journal beside the database is not its own (or is damaged): it would overwrite it."""


def _keep_copy(db_path: Path, journal: Path) -> Path:
    base = db_path.parent / RECOVERY_DIRNAME
    try:
        if base.exists() and not base.is_dir():
            raise NotADirectoryError(0, "it is a file, not a folder")
        ensure_private_dir(base)
        kept = base / f"journal-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
        shutil.copyfile(journal, kept)
        if os.name == "posix":
            os.chmod(kept, 0o600)
        return kept
    except OSError as exc:
        if is_disk_full(exc):
            raise StoreError(
                f"The disk is full: a copy of {journal.name}, left beside the database, is kept before it is used, "
                "and there is no room for it. Nothing has been opened, changed or deleted. Free some space, then "
                "open again.") from None
        raise StoreError(
            f"A copy of {journal.name}, left beside the database, could not be kept in {base} "
            f"({exc.strerror or type(exc).__name__}), so it has not been used. Nothing has been opened, changed "
            "or deleted. Open again; if this keeps happening, ask IT for help.") from None


def _plays_back_soundly(db_path: Path, journal: Path, key: bytes | bytearray) -> bool:
    """Whether the database, with this journal played back into it, opens and checks out: tried on
    copies in the recovery folder, so the real files are untouched either way."""
    work = Path(tempfile.mkdtemp(dir=db_path.parent / RECOVERY_DIRNAME, prefix=".probe-"))
    try:
        trial = work / db_path.name
        shutil.copyfile(db_path, trial)
        shutil.copyfile(journal, trial.with_name(journal.name))
        conn = keyed_connect(trial, key)  # read-write: SQLite plays the journal back into the copy
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except (DatabaseDamaged, sqlcipher3.DatabaseError):
        return False
    except OSError as exc:
        if is_disk_full(exc):
            raise StoreError(
                f"The disk is full: {journal.name}, left beside the database, is tried on a copy before it is used, "
                "and there is no room for the copy. Nothing has been opened, changed or deleted. Free some space, "
                "then open again.") from None
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def settle_leftover_journal(db_path: Path, key: bytes | bytearray) -> None:
    """Play back a -journal that is this database's own; raise ForeignJournal for any other."""
    journal = db_path.with_name(db_path.name + "-journal")
    if open_here(db_path) or not journal.is_file() or journal.stat().st_size == 0:
        return  # ours while open; an empty journal is not played back
    kept = _keep_copy(db_path, journal)
    if not _plays_back_soundly(db_path, journal, key):
        refused = kept.with_name(kept.name + "-refused")
        kept.rename(refused)
        raise ForeignJournal(
            f"The file {journal.name} beside the database does not belong to it or is damaged: playing it back "
            f"would write over {db_path.name}, so nothing was opened. The database itself has not been changed. "
            f"Move {journal.name} out of the folder (a copy is kept in {refused}) and open again.")
    conn = keyed_connect(db_path, key)  # its own journal: played back, as SQLite would have done
    conn.close()
