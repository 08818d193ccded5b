"""What the encrypted store promises on disk: no case data, keys or passphrases in any file we write
(database, WAL, backups, key header, settings, logs); the durability and privacy pragmas on every
connection; private permissions; and the folder rules that never create a key over existing data."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3
from conftest import PASSPHRASE
from sqlmodel import select

from efh_desktop.logging_setup import configure_logging
from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME, SETTINGS_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.settings import Settings
from efh_desktop.store.engine import keyed_connect
from efh_desktop.store.errors import (
    DatabaseMissing,
    KeyHeaderMissing,
    KeyringUnavailable,
    PassphraseRejected,
    StoreError,
    WrongPassphrase,
)
from efh_desktop.store.key_header import KeyHeader
from efh_desktop.store.keystore import KeyStore
from efh_desktop.store.tables import AuditEvent

NEW_PASSPHRASE = "a different but long passphrase"
MARKERS = {
    "name": "ZQXMARKER-name-4711",
    "alias": "ZQXMARKER-alias-4712",
    "note": "ZQXMARKER-note-4713 seen near the fictional Larkhill Rec",
    "title": "ZQXMARKER-title-4714",
    "description": "ZQXMARKER-description-4715",
    "action": "ZQXMARKER-action-4716",
}


# -- helpers --------------------------------------------------------------------------------------
def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def files_containing(paths: list[Path], needles: list[str]) -> list[tuple[str, str]]:
    """(file, needle) for every needle found, as UTF-8 bytes, in any of the files."""
    found = []
    for path in paths:
        data = path.read_bytes()
        for needle in needles:
            if needle.encode("utf-8") in data:
                found.append((path.name, needle))
    return found


@pytest.fixture
def app_log(data_dir):
    """The application's log file in ``data_dir``, configured as the CLI and window do; undone after."""
    root = logging.getLogger()
    level = root.level
    path = configure_logging(data_dir)
    yield path
    for handler in [h for h in root.handlers if getattr(h, "_efh", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


class ChattyFailingKeyring:
    """A keyring whose errors repeat the secret they were given: the app must not pass that on."""

    priority = 1

    def set_password(self, service, username, password):
        raise RuntimeError(f"backend choked on {password}")

    def get_password(self, service, username):
        raise RuntimeError("backend unavailable")

    def delete_password(self, service, username):
        raise RuntimeError("backend unavailable")


def write_markers(services) -> None:
    child = services.subjects.create("child", MARKERS["name"], aliases=[MARKERS["alias"]],
                                     description=MARKERS["description"], locality="Brindley East")
    meeting = services.meetings.create("complex_strategy", datetime(2026, 11, 2, 10, tzinfo=UTC),
                                       title=MARKERS["title"], subject_ids=[child.id])
    services.minutes.add_note(meeting.id, MARKERS["note"], source_agency="Police", subject_ids=[child.id])
    services.minutes.add_action(meeting.id, MARKERS["action"], owner="PC Jo Whitcombe", subject_ids=[child.id])


# -- the search itself can find things ------------------------------------------------------------
def test_marker_search_finds_plaintext_sqlite(tmp_path):
    """Control: the same search finds a marker in an unencrypted SQLite file, so absence means something."""
    plain = tmp_path / "plain.db"
    conn = sqlcipher3.connect(str(plain))
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (MARKERS["name"],))
    conn.commit()
    conn.close()
    assert files_containing([plain], [MARKERS["name"]]) == [("plain.db", MARKERS["name"])]


# -- no case data, key or passphrase outside the encrypted pages ----------------------------------
def test_case_data_never_on_disk_in_plaintext(data_dir, services, app_log, tmp_path):
    Settings(user_name="Test User").save(data_dir)
    key_hex = services.store.key.hex()
    write_markers(services)
    # The services really hold the data (so its absence on disk is encryption, not a lost write).
    child = services.subjects.list(text=MARKERS["name"])
    assert [row.name for row in child] == [MARKERS["name"]]
    assert child[0].aliases == (MARKERS["alias"],)

    db = data_dir / DB_FILENAME
    wal = db.with_name(db.name + "-wal")
    shm = db.with_name(db.name + "-shm")
    # While the store is open, the new records sit in the WAL: check it holds them, encrypted.
    assert wal.exists() and wal.stat().st_size > 0
    open_files = [p for p in (db, wal, shm) if p.exists()]
    assert files_containing(open_files, list(MARKERS.values())) == []

    # A keyring failure is logged (by class name): the log gets at least one line from this session.
    with pytest.raises(KeyringUnavailable) as caught:
        services.store.remember_in_keyring(KeyStore(ChattyFailingKeyring(), trust_backend=True))
    assert key_hex not in str(caught.value)

    backup = tmp_path / "backups" / "efh-backup.db"
    services.backup(backup)
    backup_header = backup.with_name(backup.name + ".keyheader")
    assert backup.exists() and backup_header.exists()
    assert files_containing([backup, backup_header], list(MARKERS.values())) == []

    services.lock()
    for handler in logging.getLogger().handlers:
        handler.flush()

    log_text = app_log.read_text(encoding="utf-8")
    # The keyring failure is logged by class name only (the checks below find no case data, key or
    # passphrase in any file, this log included).
    assert "keyring write failed: RuntimeError" in log_text
    assert not wal.exists(), "locking checkpoints the WAL into the encrypted database"
    every_file = [p for p in data_dir.rglob("*") if p.is_file()] + [backup, backup_header]
    secrets = [*MARKERS.values(), key_hex, PASSPHRASE]
    leaks = files_containing(every_file, list(MARKERS.values()))
    assert leaks == []
    header_and_text_files = [data_dir / HEADER_FILENAME, data_dir / SETTINGS_FILENAME, backup_header,
                             *[p for p in (data_dir / "logs").iterdir() if p.is_file()]]
    assert files_containing(header_and_text_files, secrets) == []


def test_key_never_in_header_in_any_encoding(services):
    key = bytes(services.store.key)
    header_bytes = (services.store.location.header_path).read_bytes()
    for form in (key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key),
                 PASSPHRASE.encode("utf-8")):
        assert form not in header_bytes


def test_database_file_is_not_plain_sqlite(services):
    services.subjects.create("child", "Ruby Castellane")
    first = (services.store.location.db_path).read_bytes()[:16]
    assert first != b"SQLite format 3\x00"
    # Without the key the file is unreadable, even to SQLCipher.
    conn = sqlcipher3.connect(str(services.store.location.db_path))
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


# -- pragmas --------------------------------------------------------------------------------------
EXPECTED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "secure_delete": 1,
                    "temp_store": 2}


def _pragmas(run) -> dict:
    return {name: run(f"PRAGMA {name}") for name in EXPECTED_PRAGMAS}


def test_pragmas_on_every_new_engine_connection(services):
    engine = services.store.engine
    engine.dispose()  # start from an empty pool, so every connection below is new
    with engine.connect() as c1, engine.connect() as c2, engine.connect() as c3:
        drivers = {id(c.connection.driver_connection) for c in (c1, c2, c3)}
        assert len(drivers) == 3
        for conn in (c1, c2, c3):
            assert _pragmas(lambda sql, c=conn: c.exec_driver_sql(sql).scalar()) == EXPECTED_PRAGMAS
        assert c1.exec_driver_sql("PRAGMA cipher_version").scalar()


def test_pragmas_on_keyed_connect(services):
    conn = keyed_connect(services.store.location.db_path, services.store.key)
    try:
        assert _pragmas(lambda sql: conn.execute(sql).fetchone()[0]) == EXPECTED_PRAGMAS
    finally:
        conn.close()


# -- permissions ----------------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_data_folder_is_private(tmp_path, profile):
    folder = tmp_path / "new" / "EFH Desktop"
    services, _ = UnlockService(folder, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    services.lock()
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert ((folder / HEADER_FILENAME).stat().st_mode & 0o777) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_existing_open_folder_is_tightened(tmp_path, profile):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    services, _ = UnlockService(folder, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    services.lock()
    assert (folder.stat().st_mode & 0o777) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_settings_and_backup_are_private(data_dir, services, tmp_path):
    Settings().save(data_dir)
    assert ((data_dir / SETTINGS_FILENAME).stat().st_mode & 0o777) == 0o600
    backup = tmp_path / "b.db"
    services.backup(backup)
    assert (backup.stat().st_mode & 0o777) == 0o600
    assert (backup.with_name("b.db.keyheader").stat().st_mode & 0o777) == 0o600


# -- wrong passphrase -----------------------------------------------------------------------------
def test_wrong_passphrase_changes_nothing(data_dir, unlocker):
    db, header = data_dir / DB_FILENAME, data_dir / HEADER_FILENAME
    before = (sha256(db), sha256(header), listing(data_dir))
    for attempt in ("correct horse battery stapl", "", "CORRECT HORSE BATTERY STAPLE"):
        with pytest.raises(WrongPassphrase) as caught:
            unlocker.unlock(attempt)
        if attempt:
            assert attempt not in str(caught.value)
    assert (sha256(db), sha256(header), listing(data_dir)) == before


# -- changing the passphrase ----------------------------------------------------------------------
def test_change_passphrase_rewraps_the_same_key(data_dir, unlocker):
    db, header_path = data_dir / DB_FILENAME, data_dir / HEADER_FILENAME
    db_hash = sha256(db)
    old_header = KeyHeader.load(header_path)

    services, _ = unlocker.unlock(PASSPHRASE)
    key = bytes(services.store.key)
    services.store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)
    services.lock()

    new_header = KeyHeader.load(header_path)
    assert new_header.db_id == old_header.db_id
    assert new_header.wrapped_key != old_header.wrapped_key
    assert new_header.kdf_salt != old_header.kdf_salt
    assert sha256(db) == db_hash, "changing the passphrase must not touch the database"
    assert bytes(new_header.unwrap(NEW_PASSPHRASE)) == key

    with pytest.raises(WrongPassphrase):
        unlocker.unlock(PASSPHRASE)
    services, _ = unlocker.unlock(NEW_PASSPHRASE)
    try:
        assert bytes(services.store.key) == key
        assert services.check().ok
    finally:
        services.lock()
    assert sha256(db) == db_hash


def test_the_window_changes_the_passphrase_through_services_and_it_is_audited(data_dir, unlocker):
    services, _ = unlocker.unlock(PASSPHRASE)
    services.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)  # what the window's dialog calls
    with services.ctx.reading() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity == "passphrase")).all()
    assert [e.summary for e in events] == ["Passphrase changed (key re-wrapped)"]
    services.lock()
    services, _ = unlocker.unlock(NEW_PASSPHRASE)
    services.lock()


@pytest.mark.parametrize(("current", "new", "repeat", "error"), [
    ("not the passphrase at all", NEW_PASSPHRASE, NEW_PASSPHRASE, WrongPassphrase),
    (PASSPHRASE, "short", "short", PassphraseRejected),
    (PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "x", PassphraseRejected),
])
def test_change_passphrase_refusals_leave_header_alone(data_dir, services, current, new, repeat, error):
    header_path = data_dir / HEADER_FILENAME
    before = sha256(header_path)
    with pytest.raises(error):
        services.change_passphrase(current, new, repeat)
    assert sha256(header_path) == before
    services.lock()
    services, _ = UnlockService(data_dir, services.profile, "Test User").unlock(PASSPHRASE)
    services.lock()


# -- folder states --------------------------------------------------------------------------------
def test_header_without_database(data_dir, unlocker, monkeypatch):
    (data_dir / DB_FILENAME).unlink()
    header_hash, before = sha256(data_dir / HEADER_FILENAME), listing(data_dir)
    with pytest.raises(DatabaseMissing):
        unlocker.state()
    with pytest.raises(DatabaseMissing):
        unlocker.unlock(PASSPHRASE)
    with pytest.raises(DatabaseMissing):
        unlocker.create(PASSPHRASE, PASSPHRASE)
    with pytest.raises(DatabaseMissing):
        unlocker.unlock_from_keyring()
    # The headless path creates a store only in an empty folder: not here.
    monkeypatch.setenv("EFH_PASSPHRASE", PASSPHRASE)
    with pytest.raises(DatabaseMissing):
        unlocker.unlock_headless()
    assert listing(data_dir) == before
    assert sha256(data_dir / HEADER_FILENAME) == header_hash


def test_database_without_header(data_dir, unlocker, monkeypatch):
    (data_dir / HEADER_FILENAME).unlink()
    db_hash, before = sha256(data_dir / DB_FILENAME), listing(data_dir)
    with pytest.raises(KeyHeaderMissing):
        unlocker.state()
    with pytest.raises(KeyHeaderMissing):
        unlocker.unlock(PASSPHRASE)
    with pytest.raises(KeyHeaderMissing):
        unlocker.create(PASSPHRASE, PASSPHRASE)
    monkeypatch.setenv("EFH_PASSPHRASE", PASSPHRASE)
    with pytest.raises(KeyHeaderMissing):
        unlocker.unlock_headless()
    assert listing(data_dir) == before
    assert sha256(data_dir / DB_FILENAME) == db_hash


def test_create_refuses_over_an_existing_store(data_dir, unlocker):
    hashes = (sha256(data_dir / DB_FILENAME), sha256(data_dir / HEADER_FILENAME), listing(data_dir))
    with pytest.raises(StoreError):
        unlocker.create(PASSPHRASE, PASSPHRASE)
    with pytest.raises(StoreError):
        unlocker.create(NEW_PASSPHRASE, NEW_PASSPHRASE)
    assert (sha256(data_dir / DB_FILENAME), sha256(data_dir / HEADER_FILENAME), listing(data_dir)) == hashes
    services, _ = unlocker.unlock(PASSPHRASE)
    services.lock()


def test_create_refuses_weak_passphrase_and_creates_nothing(tmp_path, profile):
    folder = tmp_path / "fresh"
    with pytest.raises(PassphraseRejected):
        UnlockService(folder, profile, "Test User").create("short", "short")
    with pytest.raises(PassphraseRejected):
        UnlockService(folder, profile, "Test User").create(PASSPHRASE, PASSPHRASE + "!")
    assert not (folder / DB_FILENAME).exists() and not (folder / HEADER_FILENAME).exists()


def test_create_refuses_beside_a_stray_wal(tmp_path, profile):
    source = tmp_path / "source"
    services, _ = UnlockService(source, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    services.subjects.create("child", "Isla Wrenfield")
    stray = (source / (DB_FILENAME + "-wal")).read_bytes()
    services.lock()
    assert stray

    folder = tmp_path / "moved-away"
    folder.mkdir()
    (folder / (DB_FILENAME + "-wal")).write_bytes(stray)
    with pytest.raises(StoreError, match="recent changes"):
        UnlockService(folder, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    wal = folder / (DB_FILENAME + "-wal")
    assert wal.exists(), "the stray -wal was deleted"
    assert wal.read_bytes() == stray
    assert not (folder / HEADER_FILENAME).exists()


def test_the_change_passphrase_dialog_shows_a_refusal_and_keeps_what_was_typed(qtbot, services):
    from PySide6.QtCore import Qt

    from efh_desktop.gui.passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "not the passphrase at all")
    qtbot.keyClicks(dialog.new, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text(), "a wrong passphrase keeps the dialog open with the reason"
    assert dialog.new.text() == NEW_PASSPHRASE
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.new.text()
    services.lock()
