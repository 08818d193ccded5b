"""Consistent encrypted backups, made through SQLCipher (never by copying a live file).

``sqlcipher_export`` copies the whole database inside one read transaction into an attached,
keyed database. The copy is written beside its final name and renamed into place, then opened
with the key and checked, so a backup that exists is a backup that works.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine

from efh_desktop.store.engine import keyed_connect
from efh_desktop.store.errors import StoreError


def _table_counts(conn) -> dict[str, int]:  # noqa: ANN001 - a DB-API connection
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def backup_database(engine: Engine, key: bytes | bytearray, out_path: Path) -> dict[str, int]:
    """Write an encrypted, verified copy of the database to ``out_path``; return its row counts."""
    out_path = Path(out_path)
    if out_path.exists():
        raise StoreError(f"{out_path.name} already exists; choose another name so nothing is overwritten.")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = out_path.with_name(f".{out_path.name}.part")
    if tmp_path.exists():
        tmp_path.unlink()
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        try:
            dbapi.execute("ATTACH DATABASE ? AS backup KEY ?", (str(tmp_path), f"x'{bytes(key).hex()}'"))
            dbapi.execute("BEGIN")
            try:
                dbapi.execute("SELECT sqlcipher_export('backup')")
                source_counts = _table_counts(dbapi)
            finally:
                dbapi.execute("COMMIT")
                dbapi.execute("DETACH DATABASE backup")
        except Exception as exc:
            tmp_path.unlink(missing_ok=True)  # never leave a half-written copy behind
            raise StoreError(f"The backup could not be written ({exc.__class__.__name__}). If the database is "
                             "damaged, run “efh-desktop check”.") from None
    finally:
        raw.close()
    try:
        verify_backup(tmp_path, key, source_counts)
        if os.name == "posix":
            os.chmod(tmp_path, 0o600)
        os.replace(tmp_path, out_path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return source_counts


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
