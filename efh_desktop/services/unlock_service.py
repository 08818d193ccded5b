"""Opening the store for a session: first run, passphrase, keyring, and headless passphrases."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from efh_desktop.atomic_write import WriteRefused, is_disk_full
from efh_desktop.domain.profile import PracticeProfile
from efh_desktop.services.app_services import Services
from efh_desktop.store import vault
from efh_desktop.store.errors import KeyringUnavailable, StoreError
from efh_desktop.store.folder_lock import FolderLock
from efh_desktop.store.key_header import KeyHeader
from efh_desktop.store.keystore import KeyStore
from efh_desktop.store.vault import StoreLocation, StoreState

log = logging.getLogger(__name__)

__all__ = ["StoreState", "UnlockService", "lock_data_folder", "read_headless_passphrase"]


def lock_data_folder(data_dir: Path) -> FolderLock:
    """One window per data folder: the folder's lock, held until ``release()``; raises ``FolderInUse``
    (services/errors.py) naming the process that has it."""
    return FolderLock.acquire(data_dir)


class UnlockService:
    def __init__(self, data_dir: Path, profile: PracticeProfile, actor: str,
                 keystore: KeyStore | None = None) -> None:
        self.location = StoreLocation(Path(data_dir))
        self.profile = profile
        self.actor = actor
        self.keystore = keystore or KeyStore()

    def state(self) -> StoreState:
        return self.location.state()

    def keyring_enabled(self) -> bool:
        try:
            return self.location.read_header().keyring_enabled
        except StoreError:
            return False

    def create(self, passphrase: str, repeat: str, *, remember: bool = False) -> tuple[Services, str]:
        """First run. Returns the services and a note for the user ("" or why the keyring was not used)."""
        store = vault.create_store(self.location, passphrase, repeat)
        note = self._maybe_remember(store, remember)
        services = Services.for_store(store, self.profile, self.actor)
        with services.ctx.transaction() as (_s, audit):
            audit.event("create", "database", summary="Encrypted database created")
        return services, note

    def unlock(self, passphrase: str, *, remember: bool | None = None) -> tuple[Services, str]:
        store = vault.unlock_with_passphrase(self.location, passphrase)
        note = ""
        if remember is True and not store.header.keyring_enabled:
            note = self._maybe_remember(store, True)
        elif remember is False and store.header.keyring_enabled:
            store.forget_keyring(self.keystore)
        return Services.for_store(store, self.profile, self.actor), note

    def unlock_with_key(self, header: KeyHeader, key: bytearray) -> Services:
        return Services.for_store(vault.unlock_with_key(self.location, header, key), self.profile, self.actor)

    def unlock_from_keyring(self) -> Services:
        """Raises KeyringUnavailable (never anything destructive) when the passphrase is needed."""
        store = vault.unlock_with_keyring(self.location, self.keystore)
        return Services.for_store(store, self.profile, self.actor)

    def unlock_headless(self, passphrase_file: Path | None = None, *, create_if_new: bool = False) -> Services:
        """For the CLI: EFH_PASSPHRASE or --passphrase-file, else the keyring if the user chose it.

        Only a command that means to start a database (``demo``) may create one: a mistyped
        --data-dir must say "nothing here", not quietly make an empty store and report it healthy.
        """
        if self.state() is StoreState.NEW and not create_if_new:
            raise StoreError(f"There is no EFH Desktop database in {self.location.data_dir}. Check --data-dir "
                             "(or EFH_DATA_DIR); nothing has been created.")
        passphrase = read_headless_passphrase(passphrase_file)
        if passphrase is None:
            if self.keyring_enabled():
                try:
                    return self.unlock_from_keyring()
                except KeyringUnavailable as exc:
                    raise StoreError(f"{exc} Set EFH_PASSPHRASE or use --passphrase-file.") from None
            raise StoreError("No passphrase given: set EFH_PASSPHRASE or use --passphrase-file FILE.")
        if self.state() is StoreState.NEW:
            services, _ = self.create(passphrase, passphrase)
            return services
        services, _ = self.unlock(passphrase)
        return services

    def _maybe_remember(self, store: vault.OpenStore, remember: bool) -> str:
        if not remember:
            return ""
        # The store is open and the passphrase was right: failing to remember it must not fail the
        # unlock (nor leave the open store behind), so every way it can fail becomes a note.
        try:
            store.remember_in_keyring(self.keystore)
        except KeyringUnavailable as exc:
            return str(exc)
        except (OSError, WriteRefused) as exc:
            why = "the disk is full" if is_disk_full(exc) else "the key file could not be saved"
            log.warning("keyring not used: %s", exc.__class__.__name__)
            return (f"The database is open, but this computer could not remember the passphrase ({why}). "
                    "You will be asked for it next time.")
        return ""


def read_headless_passphrase(passphrase_file: Path | None) -> str | None:
    if passphrase_file is not None:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"The passphrase file could not be read ({exc.strerror}).") from None
        except UnicodeDecodeError:
            raise StoreError("The passphrase file is not plain text in UTF-8: save it again as UTF-8 (nothing has "
                             "been opened).") from None
        # Only the trailing newline an editor adds is dropped; spaces may be part of the passphrase.
        return text.rstrip("\r\n")
    value = os.environ.get("EFH_PASSPHRASE")
    return value if value else None
