"""The schema's history: migrations build exactly the tables the code defines, the runner knows the
head, a database from the future is refused untouched, and no migration runs without a backup."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import PASSPHRASE
from sqlalchemy import create_engine, text
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.store import migrations
from efh_desktop.store.backup import _table_counts
from efh_desktop.store.engine import keyed_connect
from efh_desktop.store.errors import SchemaTooNew, StoreError
from efh_desktop.store.tables import load_all

load_all()  # every table on SQLModel.metadata (the package imports them lazily)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): (sha256(p) if p.is_file() else "dir") for p in sorted(folder.rglob("*"))}


@pytest.fixture
def memory_engine():
    """An in-memory SQLCipher database, as store/make_migration.py uses (no file, no key)."""
    engine = create_engine("sqlite://", creator=lambda: sqlcipher3.connect(":memory:"), module=sqlcipher3,
                           poolclass=StaticPool)
    yield engine
    engine.dispose()


def _upgraded(engine):
    conn = engine.connect()
    command.upgrade(migrations.alembic_config(conn), "head")
    conn.commit()
    return conn


# -- the migrations match the models ----------------------------------------------------------------
# The FTS5 search indexes (db/versions/0003_search.py) are virtual tables with shadow tables, made by
# hand and not part of the models; db/env.py leaves them out of autogenerate the same way.
FTS_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_content", "_fts_docsize", "_fts_config")


def _not_fts(name, type_, parent_names) -> bool:
    return not (type_ == "table" and name is not None and name.endswith(FTS_SUFFIXES))


def test_migrated_schema_equals_the_models(memory_engine):
    with _upgraded(memory_engine) as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _not_fts})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrations.SCHEMA_HEAD


def test_schema_comparison_notices_a_difference(memory_engine):
    """Control for the test above: a column the models do not have is reported."""
    with _upgraded(memory_engine) as conn:
        conn.exec_driver_sql("ALTER TABLE subject ADD COLUMN shoe_size INTEGER")
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        assert any(op[0] == "remove_column" and op[3].name == "shoe_size" for op in diff)


def test_schema_head_is_the_single_head_of_the_scripts():
    script = ScriptDirectory.from_config(migrations.alembic_config())
    heads = script.get_heads()
    assert heads == [migrations.SCHEMA_HEAD]
    assert migrations.SCHEMA_HEAD in migrations.known_revisions()


def test_new_store_is_at_head(services):
    assert migrations.current_revision(services.store.engine) == migrations.SCHEMA_HEAD
    assert not migrations.pending(services.store.engine)
    assert services.store.migration_backup is None


# -- a database from a newer version --------------------------------------------------------------
def test_database_from_the_future_is_refused_untouched(data_dir, services, unlocker):
    services.subjects.create("child", "Jonah Pettifer")
    with services.store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    services.lock()
    before = folder_state(data_dir)
    assert not (data_dir / "backups").exists()

    with pytest.raises(SchemaTooNew) as caught:
        unlocker.unlock(PASSPHRASE)
    assert "newer version" in str(caught.value)
    assert folder_state(data_dir) == before


# -- a pending migration is preceded by an encrypted backup ---------------------------------------
HEAD = migrations.SCHEMA_HEAD  # captured before any test monkeypatches it


def test_real_upgrade_from_the_first_schema_keeps_data(tmp_path, profile):
    """A database made by the first release (revision 0001) opens, is backed up, then upgraded."""
    from alembic import command

    from efh_desktop.store.engine import make_engine
    from efh_desktop.store.key_header import new_header
    from efh_desktop.store.vault import StoreLocation, unlock_with_passphrase

    location = StoreLocation(tmp_path / "old")
    location.data_dir.mkdir()
    header, key = new_header(PASSPHRASE)
    header.save(location.header_path)
    engine = make_engine(location.db_path, key)
    with engine.connect() as conn:
        command.upgrade(migrations.alembic_config(conn), "0001_initial")
        conn.exec_driver_sql("INSERT INTO subject (kind, name, aliases, locality, description, lcs_id, ehm_id, "
                             "legal_status, in_care, open_referral, yot_order, lead_professional, allocated_worker, "
                             "place_kind, address, archived, created_at, updated_at) VALUES ('child', 'Ivo Oldschema', "
                             "'[]', '', '', '', '', '', 0, 0, 0, '', '', '', '', 0, '2026-01-01 00:00:00', "
                             "'2026-01-01 00:00:00')")
        conn.exec_driver_sql("INSERT INTO meeting (type_key, title, starts_at, venue, online_link, locality, "
                             "lead_authority, chair_name, chair_role, minute_taker, status, police_operation, "
                             "officer_in_charge, concerns, next_meeting_reason, finalised_by, created_at, updated_at) "
                             "VALUES ('safer_options', 'Old', '2026-01-05 10:00:00', '', '', '', '', '', '', '', "
                             "'planned', '', '', '', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
        conn.exec_driver_sql("INSERT INTO meeting_subject (meeting_id, subject_id, reason, position) VALUES (1, 1, '', 0)")
        conn.commit()
    engine.dispose()

    store = unlock_with_passphrase(location, PASSPHRASE)
    try:
        assert migrations.current_revision(store.engine) == HEAD
        assert store.migration_backup is not None and store.migration_backup.exists()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT name FROM subject").scalar_one() == "Ivo Oldschema"
            assert conn.exec_driver_sql("SELECT planning_agreement FROM meeting_subject").scalar_one() == ""
            assert conn.exec_driver_sql("SELECT cross_boundary FROM meeting").scalar_one() == 0
        copy = keyed_connect(store.migration_backup, store.key)
        try:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
        finally:
            copy.close()
    finally:
        store.close()
def test_pending_migration_writes_verified_backup_first(data_dir, services, unlocker, monkeypatch):
    child = services.subjects.create("child", "Amara Lindqvist-Obi")
    services.subjects.create("place", "Larkhill Rec skate park")
    services.subjects.update(child.id, locality="Fenwick South")
    services.lock()
    db_hash = sha256(data_dir / DB_FILENAME)
    backup_dir = data_dir / "backups"

    calls: list[list[Path]] = []

    def record(engine) -> None:
        calls.append(sorted(backup_dir.glob("*.db")))  # what existed when the migration would start

    monkeypatch.setattr(migrations, "SCHEMA_HEAD", "9998_fake_next")
    monkeypatch.setattr(migrations, "known_revisions", lambda: {HEAD, "9998_fake_next"})
    monkeypatch.setattr(migrations, "_run_alembic", record)

    services, _ = unlocker.unlock(PASSPHRASE)
    try:
        backup = services.store.migration_backup
        assert backup is not None and backup.parent == backup_dir
        assert backup.name.startswith(f"before-migration-{HEAD}-")
        assert calls == [[backup]], "the backup must exist before the migration runs"
        assert backup.read_bytes()[:16] != b"SQLite format 3\x00"

        raw = services.store.engine.raw_connection()
        try:
            live_counts = _table_counts(raw.driver_connection)
        finally:
            raw.close()
        copy = keyed_connect(backup, services.store.key)
        try:
            assert _table_counts(copy) == live_counts
            assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
            assert copy.execute("SELECT locality FROM subject WHERE id = ?", (child.id,)).fetchone()[0] == \
                "Fenwick South"
        finally:
            copy.close()
    finally:
        services.lock()
    assert live_counts["subject"] == 2
    # The backup is a separate file: the database itself was only read.
    assert sha256(data_dir / DB_FILENAME) == db_hash
    assert not (backup_dir / (backup.name + "-wal")).exists()


def test_no_migration_without_a_backup(data_dir, unlocker, monkeypatch):
    ran: list[object] = []

    def failing_backup(engine, key, path) -> None:
        raise StoreError("The backup could not be written (OSError).")

    monkeypatch.setattr(migrations, "SCHEMA_HEAD", "9998_fake_next")
    monkeypatch.setattr(migrations, "known_revisions", lambda: {HEAD, "9998_fake_next"})
    monkeypatch.setattr(migrations, "_run_alembic", ran.append)
    monkeypatch.setattr(migrations, "backup_database", failing_backup)
    db_hash, header_hash = sha256(data_dir / DB_FILENAME), sha256(data_dir / HEADER_FILENAME)

    with pytest.raises(StoreError, match="backup"):
        unlocker.unlock(PASSPHRASE)
    assert ran == []
    assert (sha256(data_dir / DB_FILENAME), sha256(data_dir / HEADER_FILENAME)) == (db_hash, header_hash)
    assert not (data_dir / (DB_FILENAME + "-wal")).exists(), "the engine was disposed after the failure"
