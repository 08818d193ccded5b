"""Errors the store raises, each with a message a practitioner can act on.

Messages never contain key material, passphrases or case data; they may name files, because the
user needs to know which file is affected.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: ``str(error)`` is one clear sentence for the user."""


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("That passphrase is not right. Nothing has been changed; please try again.")


class KeyHeaderDamaged(StoreError):
    """The key header beside the database cannot be read."""


class KeyHeaderForeign(StoreError):
    """The key header beside the database was made for another database."""


class KeyHeaderMissing(StoreError):
    """A database exists but the key header that unlocks it does not."""


class DatabaseMissing(StoreError):
    """A key header exists but its database does not."""


class DatabaseDamaged(StoreError):
    """The database file is empty, truncated, damaged or not an EFH Desktop database."""


class SchemaTooNew(StoreError):
    """The database was written by a newer version of EFH Desktop."""


class KeyringUnavailable(StoreError):
    """The OS keyring cannot be used (no trusted backend, locked, failed, or entry missing)."""


class SealPassphraseWrong(StoreError):
    """A sealed meeting file's passphrase is not the one it was sealed with (or the file was changed)."""


class PassphraseRejected(StoreError):
    """A new passphrase does not meet the minimum (too short, or the two entries differ)."""
