"""Consistent encrypted backups, made through SQLCipher (never by copying a live file).

``sqlcipher_export`` copies the whole database inside one read transaction into an attached,
keyed database. The copy is written beside its final name and renamed into place, then opened
with the key and checked, so a backup that exists is a backup that works.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from efh_desktop.atomic_write import (
    DiskFull,
    TargetExists,
    disk_full_message,
    fsync_file,
    is_disk_full,
    new_temp_path,
    publish,
    sync_published,
)
from efh_desktop.store.engine import keyed_connect
from efh_desktop.store.errors import StoreError


def _table_counts(conn: Any) -> dict[str, int]:  # a DB-API connection (sqlcipher3's, untyped)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def backup_database(engine: Engine, key: bytes | bytearray, out_path: Path, *,
                    overwrite: bool = False) -> dict[str, int]:
    """Write an encrypted, verified copy of the database to ``out_path``; return its row counts.

    Where a user may put it is decided by the caller (``Services.backup`` refuses the data folder);
    the pre-migration backups go into the data folder's own backups folder."""
    out_path = Path(out_path)
    if out_path.exists() and not overwrite:
        raise TargetExists(f"{out_path.name} already exists; choose another name so nothing is overwritten "
                           "(or --force to replace it).")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        tmp_path = new_temp_path(out_path)  # the same recognisable name the safe writer uses
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(disk_full_message("the backup")) from None
        raise
    tmp_path.unlink()  # SQLCipher creates the attached database itself
    raw = engine.raw_connection()
    try:
        dbapi: Any = raw.driver_connection  # sqlcipher3's connection: its own execute()
        try:
            dbapi.execute("ATTACH DATABASE ? AS backup KEY ?", (str(tmp_path), f"x'{bytes(key).hex()}'"))
            dbapi.execute("BEGIN")
            try:
                dbapi.execute("SELECT sqlcipher_export('backup')")
                source_counts = _table_counts(dbapi)
            finally:
                dbapi.execute("COMMIT")
                dbapi.execute("DETACH DATABASE backup")
        except Exception as exc:  # noqa: BLE001 - any failure: remove the half-written copy, then say what happened
            _remove(tmp_path)  # never leave a half-written copy behind
            if is_disk_full(exc):
                raise DiskFull(disk_full_message("the backup")) from None
            raise StoreError(f"The backup could not be written ({exc.__class__.__name__}). If the database is "
                             "damaged, run “efh-desktop check”.") from None
    finally:
        raw.close()
    try:
        verify_backup(tmp_path, key, source_counts)
        if os.name == "posix":
            os.chmod(tmp_path, 0o600)
        fsync_file(tmp_path)
        existed = os.path.lexists(out_path)
        publish(tmp_path, out_path, overwrite=overwrite, sync_folder=False)
        sync_published(out_path, created=not existed)  # the disk did not confirm it: removed, and said
    except BaseException as exc:
        _remove(tmp_path)
        if isinstance(exc, Exception) and is_disk_full(exc):
            raise DiskFull(disk_full_message("the backup")) from None
        raise
    return source_counts


def _remove(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path.with_name(tmp_path.name + "-journal")):
        path.unlink(missing_ok=True)


def verify_backup(path: Path, key: bytes | bytearray, expected_counts: dict[str, int] | None = None) -> None:
    conn = keyed_connect(path, key)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreError("The backup was written but does not check out; it has been discarded.")
        if expected_counts is not None and _table_counts(conn) != expected_counts:
            raise StoreError("The backup does not hold the same records as the database; it has been discarded.")
        # Leave the copy as a single file: no -wal beside it.
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
