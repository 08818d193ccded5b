"""Optional convenience: the raw database key kept in the operating system's keyring.

Only real, encrypted OS stores are trusted (Windows Credential Manager kept on this machine, macOS
Keychain, Secret Service). Plaintext-file, null, fail and chained backends are refused, because a
key in a plaintext file would undo the encryption. The keyring is never the only way in: the
passphrase always unlocks, and nothing the keyring does can make the store create a new key.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from efh_desktop import APP_ID
from efh_desktop.store.errors import KeyringUnavailable

log = logging.getLogger(__name__)

SERVICE = APP_ID
_TRUSTED_BACKENDS = {
    "keyring.backends.Windows.WinVaultKeyring",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
}


def _qualified_name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


class KeyStore:
    """Stores and fetches one database's key; ``backend`` is injectable for tests."""

    def __init__(self, backend: Any | None = None, *, trust_backend: bool = False) -> None:
        self._backend = backend
        self._trust_backend = trust_backend

    def _get_backend(self) -> Any:
        if self._backend is None:
            self._backend = _system_backend()
        if not self._trust_backend and _qualified_name(self._backend) not in _TRUSTED_BACKENDS:
            raise KeyringUnavailable(
                "This computer has no secure keyring that EFH Desktop trusts, so it cannot remember "
                "the key; please use your passphrase."
            )
        return self._backend

    def available(self) -> bool:
        try:
            backend = self._get_backend()
            priority = getattr(backend, "priority", 1)
            return bool(priority and priority > 0)
        except Exception:  # noqa: BLE001 - any backend failure just means "not available"
            return False

    @staticmethod
    def _username(db_id: str) -> str:
        # Versioned and per database, so several data folders never share or overwrite an entry.
        return f"db-key-v1:{db_id}"

    def store(self, db_id: str, key: bytes | bytearray) -> None:
        """Save the key and read it back; a keyring that drops writes is reported, not trusted."""
        backend = self._get_backend()
        try:
            backend.set_password(SERVICE, self._username(db_id), bytes(key).hex())
            echoed = backend.get_password(SERVICE, self._username(db_id))
        except Exception as exc:  # noqa: BLE001
            log.warning("keyring write failed: %s", type(exc).__name__)
            raise KeyringUnavailable("The keyring could not save the key; please keep using your passphrase.") from None
        if echoed != bytes(key).hex():
            raise KeyringUnavailable("The keyring did not keep the key; please keep using your passphrase.")

    def fetch(self, db_id: str) -> bytearray:
        backend = self._get_backend()
        try:
            value = backend.get_password(SERVICE, self._username(db_id))
        except Exception as exc:  # noqa: BLE001
            log.warning("keyring read failed: %s", type(exc).__name__)
            raise KeyringUnavailable("The keyring could not be read; please unlock with your passphrase.") from None
        if not value:
            raise KeyringUnavailable("The keyring no longer holds the key; please unlock with your passphrase.")
        try:
            key = bytearray.fromhex(value)
        except ValueError:
            raise KeyringUnavailable("The keyring entry is damaged; please unlock with your passphrase.") from None
        if len(key) != 32:
            raise KeyringUnavailable("The keyring entry is damaged; please unlock with your passphrase.")
        return key

    def forget(self, db_id: str) -> None:
        try:
            self._get_backend().delete_password(SERVICE, self._username(db_id))
        except Exception:  # noqa: BLE001 - already gone, or keyring unusable: nothing to forget
            pass


def _system_backend() -> Any:
    # Chosen explicitly rather than by entry points: frozen apps lose entry points, and we must not
    # fall through to a plaintext backend that some other package registered.
    import keyring.backends.fail

    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        backend = WinVaultKeyring()
        backend.persist = "local machine"  # never roam the key with a roaming profile
        return backend
    if sys.platform == "darwin":
        from keyring.backends.macOS import Keyring

        return Keyring()
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    backend = SecretServiceKeyring()  # type: ignore[no-untyped-call]  # keyring's __init__ is unannotated
    try:
        backend.priority  # noqa: B018 - raises when D-Bus or the Secret Service is not there
    except Exception:  # noqa: BLE001
        return keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
    return backend
