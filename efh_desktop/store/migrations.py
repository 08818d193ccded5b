"""Bring a database's schema up to date, safely.

The fast path (schema already current) reads one row and imports nothing from Alembic, because it
runs on every start. Otherwise: a database from a newer version is refused untouched; an existing
database is backed up (encrypted) before any migration; migrations run with foreign keys off (batch
mode's table rebuilds would otherwise fire ON DELETE CASCADE) and are followed by a foreign-key check.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, text

from efh_desktop.atomic_write import WriteRefused, is_disk_full
from efh_desktop.paths import MIGRATIONS_DIR
from efh_desktop.store.backup import backup_database
from efh_desktop.store.engine import writer
from efh_desktop.store.errors import SchemaTooNew, StoreError

if TYPE_CHECKING:  # Alembic is imported only when a migration is pending (the start-up fast path)
    from alembic.config import Config

# The newest revision in db/versions; tests/test_migrations.py checks the two agree.
SCHEMA_HEAD = "0016_subject_generation"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def pending(engine: Engine) -> bool:
    return current_revision(engine) != SCHEMA_HEAD


def upgrade(engine: Engine, key: bytes | bytearray, backup_dir: Path) -> Path | None:
    """Migrate to head if needed. Returns the path of the pre-migration backup, if one was made."""
    revision = current_revision(engine)
    if revision == SCHEMA_HEAD:
        return None
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNew(
            "This database was written by a newer version of EFH Desktop. It has not been changed. "
            "Please install the newer version to open it."
        )
    backup_path = None
    if revision is not None:
        backup_path = _backup_before_update(engine, key, backup_dir, revision)
    _run_alembic(engine)
    return backup_path


def _backup_before_update(engine: Engine, key: bytes | bytearray, backup_dir: Path, revision: str) -> Path:
    """The verified backup every update starts from; without it the update does not run, and the
    user is told why in terms of opening the database (they asked for no backup)."""
    if backup_dir.exists() and not backup_dir.is_dir():
        raise StoreError(
            f"{backup_dir} is not a folder, so the backup this version of EFH Desktop makes before updating the "
            f"database cannot be written there. The database has not been changed. Move that file out of "
            f"{backup_dir.parent} (look at what it holds first), then open again.")
    try:
        backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = backup_dir / f"before-migration-{revision}-{stamp}.db"
        counter = 1
        while backup_path.exists():  # opened twice within a second: keep both copies
            counter += 1
            backup_path = backup_dir / f"before-migration-{revision}-{stamp}-{counter}.db"
        backup_database(engine, key, backup_path)
    except (OSError, WriteRefused) as exc:
        if is_disk_full(exc):
            raise StoreError(
                "The disk is full: this version of EFH Desktop needs to update the database, and first writes a "
                "backup of it, for which there is no room. The database has not been changed and nothing saved "
                "has been lost. Free some space (about the size of the database), then open again.") from None
        if isinstance(exc, WriteRefused):
            raise StoreError(f"The backup made before updating the database could not be written: {exc} The "
                             "database has not been changed.") from None
        raise StoreError(
            f"The backup made before updating the database could not be written in {backup_dir} "
            f"({exc.strerror or type(exc).__name__}). The database has not been changed.") from None
    return backup_path


def _run_alembic(engine: Engine) -> None:
    from alembic import command

    with writer(engine).connect() as conn:
        # PRAGMA foreign_keys is ignored inside a transaction, so it goes straight to the driver
        # connection (autocommit) before Alembic begins one.
        driver: Any = conn.connection.driver_connection  # sqlcipher3's connection
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            command.upgrade(alembic_config(conn), "head")
            conn.commit()
            problems = driver.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
    if problems:
        raise StoreError("The database update left broken links between records; restore the backup.")
