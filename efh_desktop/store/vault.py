"""Finding, creating and unlocking the encrypted store in a data folder.

The rules that keep data safe live here, in one place:
- a new key and database are made only when the folder holds neither a database nor a key header;
- anything else that looks wrong (header without database, database without header, empty or
  truncated file, a page that fails its check) is reported and left exactly as it is;
- the keyring is a convenience: when it fails, the caller falls back to the passphrase.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from efh_desktop.atomic_write import WriteRefused
from efh_desktop.paths import BACKUP_DIRNAME, DB_FILENAME, HEADER_FILENAME, ensure_private_dir
from efh_desktop.store import migrations
from efh_desktop.store.engine import describe_open_failure, keyed_connect, make_engine, open_here
from efh_desktop.store.errors import (
    DatabaseDamaged,
    DatabaseMissing,
    KeyHeaderForeign,
    KeyHeaderMissing,
    KeyringUnavailable,
    StoreError,
    WrongPassphrase,
)
from efh_desktop.store.journal_guard import settle_leftover_journal
from efh_desktop.store.key_header import KeyHeader, check_new_passphrase, new_header, wipe
from efh_desktop.store.keystore import KeyStore
from efh_desktop.store.store_kinds import check_kinds
from efh_desktop.store.wal_guard import ForeignWal, guard_leftover_wal

log = logging.getLogger(__name__)
PAGE_SIZE = 4096  # SQLCipher 4 default page size


class StoreState(enum.Enum):
    NEW = "new"  # nothing here yet: first run
    EXISTING = "existing"  # database and header: ask to unlock


@dataclass
class StoreLocation:
    data_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def header_path(self) -> Path:
        return self.data_dir / HEADER_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIRNAME

    def state(self) -> StoreState:
        """NEW or EXISTING; raise for any half-present combination (and touch nothing)."""
        self.check_kinds()
        has_db = self.db_path.exists()
        has_header = self.header_path.exists()
        wal = self.db_path.with_name(self.db_path.name + "-wal")
        if not has_db and wal.exists():
            # A write-ahead log may hold the last committed changes of a database that was moved
            # or deleted: never create a new database over it.
            raise DatabaseMissing(
                f"The folder {self.data_dir} holds {wal.name} (recent changes) but not the database "
                f"({DB_FILENAME}) they belong to. Nothing has been created or deleted. Restore the "
                "database from a backup, or move these files aside to start afresh."
            )
        if not has_db and not has_header:
            return StoreState.NEW
        if has_db and not has_header:
            raise KeyHeaderMissing(
                f"The database in {self.data_dir} has no key file ({HEADER_FILENAME}) beside it, so it "
                "cannot be unlocked. Nothing has been changed. Restore the key file from a backup."
            )
        if has_header and not has_db:
            raise DatabaseMissing(
                f"The key file in {self.data_dir} is there but its database ({DB_FILENAME}) is not. "
                "Nothing has been created over it. Restore the database from a backup."
            )
        return StoreState.EXISTING

    def check_kinds(self) -> None:
        """A folder (or a device, a socket) where a file belongs: said plainly (store_kinds.py)."""
        check_kinds(self.data_dir)

    def read_header(self) -> KeyHeader:
        return KeyHeader.load(self.header_path)


@dataclass
class OpenStore:
    """An unlocked store: the engine and the key, until ``close()``."""

    location: StoreLocation
    header: KeyHeader
    engine: Engine
    _key: bytearray = field(repr=False)
    migration_backup: Path | None = None

    @property
    def key(self) -> bytearray:
        if not self._key:
            raise StoreError("The store is locked.")
        return self._key

    @property
    def is_open(self) -> bool:
        return bool(self._key)

    def close(self) -> None:
        """Lock: drop every pooled connection (and SQLCipher's page caches), then wipe the key."""
        wipe(self._key)
        # Emptied in place, not replaced: the engine reads this same buffer, and must find it empty.
        del self._key[:]
        self.engine.dispose()

    # -- key management while unlocked ------------------------------------------------------------
    def change_passphrase(self, current: str, new: str, repeat: str) -> None:
        """Re-wrap the same database key with a new passphrase; the database itself is untouched."""
        check_new_passphrase(new, repeat)
        self.header.unwrap(current)  # raises WrongPassphrase; proves the user knows the old one
        updated = self.header.rewrapped(self.key, new)
        # Kept in the session only once written: stopped in between (an interrupt, any BaseException),
        # the session went on with a key file that is not on disk, and called the old passphrase wrong.
        updated.save(self.location.header_path)
        self.header = updated

    def remember_in_keyring(self, keystore: KeyStore) -> None:
        """Put the key in the keyring and say so in the key file. If the key file cannot be saved
        (a full disk), the key is taken out of the keyring again and the header is left as it was:
        a keyring holding a key the key file says is not there would outlive "forget"."""
        keystore.store(self.header.db_id, self.key)
        remembered = self.header.with_keyring(True)
        try:
            remembered.save(self.location.header_path)
        except BaseException:
            keystore.forget(self.header.db_id)  # never raises: a keyring gone meanwhile has nothing to forget
            raise
        self.header = remembered

    def forget_keyring(self, keystore: KeyStore) -> None:
        keystore.forget(self.header.db_id)
        self.header = self.header.with_keyring(False)
        self.header.save(self.location.header_path)


def create_store(location: StoreLocation, passphrase: str, repeat: str) -> OpenStore:
    """First run: a new random key, wrapped by the passphrase, and an empty schema at head."""
    if location.state() is not StoreState.NEW:  # re-checked here, not trusted from the caller
        raise StoreError("A database already exists here; it has not been touched.")
    check_new_passphrase(passphrase, repeat)
    ensure_private_dir(location.data_dir)
    header, key = new_header(passphrase)
    # Header first: if we crash before the database exists, the folder reads as "database missing"
    # and the user is told, rather than a database appearing that no header can unlock.
    header.save(location.header_path)
    engine = make_engine(location.db_path, key)
    try:
        migrations.upgrade(engine, key, location.backup_dir)
        header = _record_database_salt(location, header, engine)
    except BaseException:
        engine.dispose()
        raise
    return OpenStore(location, header, engine, key)


def unlock_with_passphrase(location: StoreLocation, passphrase: str) -> OpenStore:
    location.state()
    header = location.read_header()
    try:
        key = header.unwrap(passphrase)
    except WrongPassphrase:
        if _made_for_another(location, header):
            raise KeyHeaderForeign(_foreign_header_message(location, passphrase_failed=True)) from None
        raise
    return _open(location, header, key)


def unlock_with_key(location: StoreLocation, header: KeyHeader, key: bytearray) -> OpenStore:
    """Open with a key already unwrapped from ``header`` (start-up derives it while Qt loads)."""
    location.state()
    return _open(location, header, key)


def unlock_with_keyring(location: StoreLocation, keystore: KeyStore) -> OpenStore:
    """Unlock from the keyring; raise KeyringUnavailable so the caller asks for the passphrase."""
    location.state()
    header = location.read_header()
    if not header.keyring_enabled:
        raise KeyringUnavailable("Unlocking from the keyring is not switched on for this database.")
    key = keystore.fetch(header.db_id)
    try:
        return _open(location, header, key)
    except DatabaseDamaged:
        # A key from the keyring that does not open the database is a stale or foreign entry:
        # the passphrase path will tell a damaged file apart from a wrong key.
        raise KeyringUnavailable("The key in the keyring does not open this database; please use your passphrase.") from None


def _check_file_shape(db_path: Path) -> None:
    size = db_path.stat().st_size
    if size == 0:
        raise DatabaseDamaged(
            f"The database {db_path.name} is empty (0 bytes): it has been damaged or replaced. "
            "Nothing has been changed or deleted. Restore it from a backup."
        )
    if size % PAGE_SIZE:
        raise DatabaseDamaged(
            f"The database {db_path.name} is truncated (its size is not a whole number of pages). "
            "Nothing has been changed or deleted. Restore it from a backup."
        )


def _remove_empty_sidecars(sidecars: list[Path], existed: set[Path]) -> None:
    """Leave a refused folder as we found it: the probe may have created an empty -wal and a -shm
    index. Only files we created are removed: a -wal only while empty; a -shm always, since with no
    connection open SQLite rebuilds it from the -wal."""
    wal, shm = sidecars
    if wal not in existed and wal.exists() and wal.stat().st_size == 0:
        wal.unlink()
    if shm not in existed and shm.exists():
        shm.unlink()


def _open(location: StoreLocation, header: KeyHeader, key: bytearray) -> OpenStore:
    _check_file_shape(location.db_path)
    # A -wal left by a process that stopped without closing: copied aside and verified before
    # SQLite's recovery could drop damaged frames (and everything after them) without a word.
    guard_leftover_wal(location.db_path)
    # A -journal (rollback journal) would be played back into the database by any read-write open:
    # only this database's own is (journal_guard.py); another's is refused before it can write.
    settle_leftover_journal(location.db_path, key)
    # Look before writing: a read-only, keyed read of the schema and its version. A damaged page 1,
    # a damaged schema page or a -wal from another database is reported here, and a read-only
    # connection cannot checkpoint anything into the file when it closes.
    sidecars = [location.db_path.with_name(location.db_path.name + s) for s in ("-wal", "-shm")]
    existed = {p for p in sidecars if p.exists()}
    try:
        probe = keyed_connect(location.db_path, key, read_only=True)
        try:
            probe.execute("SELECT name, sql FROM sqlite_master").fetchall()
            if probe.execute("SELECT 1 FROM sqlite_master WHERE name='alembic_version'").fetchone():
                probe.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlcipher3.DatabaseError as exc:
            raise DatabaseDamaged(describe_open_failure(location.db_path, exc)) from None
        finally:
            probe.close()
    except DatabaseDamaged as exc:
        _remove_empty_sidecars(sidecars, existed)
        if isinstance(exc, ForeignWal):
            raise
        # Which file is at fault? A key file of another database, or a -wal that is not this
        # database's, would otherwise read as "the first page is damaged, restore from a backup".
        if _made_for_another(location, header):
            raise KeyHeaderForeign(_foreign_header_message(location, passphrase_failed=False)) from None
        if sidecars[0] in existed and sidecars[0].stat().st_size and _opens_without_wal(location, key):
            raise ForeignWal(
                f"The database {location.db_path.name} is sound, but the file {sidecars[0].name} beside it does "
                "not belong to it or is damaged, so nothing was opened. Nothing has been changed. Move "
                f"{sidecars[0].name} out of the folder (keep it; a copy is in the recovery folder) and open "
                "again: the database then opens as it was when it was last closed properly.") from None
        raise
    engine = make_engine(location.db_path, key)
    try:
        backup = migrations.upgrade(engine, key, location.backup_dir)
        header = _record_database_salt(location, header, engine)
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseDamaged(describe_open_failure(location.db_path, exc.orig or exc)) from None
    except BaseException:
        engine.dispose()
        raise
    return OpenStore(location, header, engine, key, migration_backup=backup)


# -- telling a foreign key file or log apart from damage ---------------------------------------------
def _first_page(db_path: Path) -> bytes:
    """The database's first page, read only when no connection of ours has the file open (closing
    our handle would otherwise drop SQLite's POSIX locks for this whole process)."""
    if open_here(db_path):
        return b""
    with open(db_path, "rb") as handle:
        return handle.read(PAGE_SIZE)


def _made_for_another(location: StoreLocation, header: KeyHeader) -> bool:
    page = _first_page(location.db_path)
    return bool(page) and header.made_for_another(page[:16], page)


def _foreign_header_message(location: StoreLocation, *, passphrase_failed: bool) -> str:
    said = ("Your passphrase may well be right: the key file " if passphrase_failed else "The key file ")
    return (f"{said}{location.header_path.name} was made for a different database than the {location.db_path.name} "
            "beside it (one of them was copied from another folder or a backup), so the database cannot be "
            "unlocked with it. Nothing has been changed. Put back the key file that belongs to this database: "
            "a backup keeps its own beside it as <backup name>.keyheader.")


def _opens_without_wal(location: StoreLocation, key: bytearray) -> bool:
    """Whether the database file alone (a copy, without the -wal beside it) reads: then the -wal is
    what is wrong. Only on the failure path, so the cost of the copy is paid only then."""
    import shutil
    import tempfile

    from efh_desktop.paths import ensure_private_dir
    from efh_desktop.store.wal_guard import RECOVERY_DIRNAME

    work = Path(tempfile.mkdtemp(dir=ensure_private_dir(location.data_dir / RECOVERY_DIRNAME), prefix=".probe-"))
    try:
        copy = work / location.db_path.name
        shutil.copyfile(location.db_path, copy)
        conn = keyed_connect(copy, key, read_only=True)
        try:
            conn.execute("SELECT name, sql FROM sqlite_master").fetchall()
            return True
        finally:
            conn.close()
    except (DatabaseDamaged, sqlcipher3.DatabaseError, OSError):
        return False
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _record_database_salt(location: StoreLocation, header: KeyHeader, engine: Engine) -> KeyHeader:
    """Keep the header's record of its database's salt (and its check) current after an open that
    worked: only then is it known that this key file and this database belong together."""
    with engine.connect() as conn:
        salt = bytes.fromhex(conn.exec_driver_sql("PRAGMA cipher_salt").scalar() or "")
    if len(salt) != 16 or header.db_salt == salt:
        return header
    updated = header.for_database(salt)
    try:
        updated.save(location.header_path)
    except (OSError, WriteRefused) as exc:
        # The record only explains a later failure (this key file, another database): not being able
        # to write it (a full disk) must not stop an open that worked. It is written at the next open.
        log.warning("the key file's database record was not updated (%s)", type(exc).__name__)
        return header
    return updated

