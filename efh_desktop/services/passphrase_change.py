"""What the user is told when a passphrase change fails part-way (``Services.change_passphrase``).

The key file is the truth: either it still wraps the key with the old passphrase (nothing changed,
try again) or it already wraps it with the new one (the passphrase has changed, whatever else went
wrong after). Each sentence says which, so the user never goes back to a passphrase that no longer
opens the store, nor forgets the one that now does.
"""

from __future__ import annotations

from pathlib import Path

from efh_desktop.atomic_write import is_disk_full
from efh_desktop.store.errors import StoreError
from efh_desktop.store.key_header import KeyHeader


class PassphraseNotChanged(StoreError):
    """The new key file could not be written; the old passphrase still opens the store."""


class PassphraseChangedNotAudited(StoreError):
    """The new key file is written (the passphrase has changed), but its audit event is not."""


def header_on_disk(path: Path) -> KeyHeader | None:
    try:
        return KeyHeader.load(path)
    except StoreError:
        return None


def not_written(exc: BaseException) -> PassphraseNotChanged:
    if is_disk_full(exc):
        return PassphraseNotChanged(
            "The disk is full, so the passphrase has not been changed: your current passphrase still opens "
            "the database, and nothing saved has been lost. Free some space and try again.")
    reason = getattr(exc, "strerror", None) or type(exc).__name__
    return PassphraseNotChanged(
        f"The key file could not be written ({reason}), so the passphrase has not been changed: your current "
        "passphrase still opens the database. Nothing has been lost.")


def audit_failed(exc: BaseException) -> PassphraseChangedNotAudited:
    why = "the disk is full" if is_disk_full(exc) else "the database could not record it"
    return PassphraseChangedNotAudited(
        "Your passphrase has been changed: use the new passphrase from now on (the old one no longer opens "
        f"the database). The change could not be written to the audit trail ({why}).")
