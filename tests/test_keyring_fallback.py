"""The keyring is a convenience, never the only way in: every keyring failure falls back to the
passphrase, changes nothing on disk, never creates a key, and never leaks the key it holds."""

from __future__ import annotations

import hashlib
import logging
import secrets
from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from conftest import PASSPHRASE

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import DatabaseDamaged, KeyringUnavailable, StoreError
from efh_desktop.store.key_header import KeyHeader
from efh_desktop.store.keystore import SERVICE, KeyStore


# -- fake backends --------------------------------------------------------------------------------
class MemoryKeyring:
    """A working keyring: what is set can be got back."""

    priority = 1

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("not there")
        del self.entries[(service, username)]


class DroppingKeyring(MemoryKeyring):
    """Accepts writes and silently forgets them (as a locked or misconfigured store can)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        return None


class RaisingKeyring(MemoryKeyring):
    """Fails on every read, with an error text that repeats a secret (the app must not pass it on)."""

    def __init__(self, leaked: str = "") -> None:
        super().__init__()
        self.leaked = leaked

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked(f"locked; last value was {self.leaked}")


class PlaintextFileKeyring(MemoryKeyring):
    """Looks like keyrings.alt's plaintext file backend: keeps the key readable on disk."""

    priority = 0.5

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        super().set_password(service, username, password)

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return super().get_password(service, username)


# -- helpers --------------------------------------------------------------------------------------
def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> tuple[str, str, list[str]]:
    return (sha256(folder / DB_FILENAME), sha256(folder / HEADER_FILENAME),
            sorted(str(p.relative_to(folder)) for p in folder.rglob("*")))


def unlock_service(data_dir: Path, profile, backend, *, trusted: bool = True) -> UnlockService:
    return UnlockService(data_dir, profile, "Test User", keystore=KeyStore(backend, trust_backend=trusted))


@pytest.fixture
def remembered(data_dir, profile):
    """A store whose key has been remembered in a working fake keyring; returns (backend, key hex)."""
    backend = MemoryKeyring()
    services, note = unlock_service(data_dir, profile, backend).unlock(PASSPHRASE, remember=True)
    key_hex = services.store.key.hex()
    services.lock()
    assert note == ""
    return backend, key_hex


def entry_name(data_dir: Path) -> tuple[str, str]:
    return SERVICE, f"db-key-v1:{KeyHeader.load(data_dir / HEADER_FILENAME).db_id}"


# -- (a) the working path -------------------------------------------------------------------------
def test_remember_then_unlock_from_keyring(data_dir, profile, remembered):
    backend, key_hex = remembered
    header = KeyHeader.load(data_dir / HEADER_FILENAME)
    assert header.keyring_enabled is True
    assert backend.entries == {entry_name(data_dir): key_hex}

    unlocker = unlock_service(data_dir, profile, backend)
    assert unlocker.keyring_enabled()
    services = unlocker.unlock_from_keyring()
    try:
        assert services.store.key.hex() == key_hex
        services.subjects.create("child", "Milo Threadgold")
        assert [row.name for row in services.subjects.list()] == ["Milo Threadgold"]
    finally:
        services.lock()


def test_unlock_with_remember_false_forgets_the_key(data_dir, profile, remembered):
    backend, _ = remembered
    services, _ = unlock_service(data_dir, profile, backend).unlock(PASSPHRASE, remember=False)
    services.lock()
    assert backend.entries == {}
    assert KeyHeader.load(data_dir / HEADER_FILENAME).keyring_enabled is False
    with pytest.raises(KeyringUnavailable):
        unlock_service(data_dir, profile, backend).unlock_from_keyring()


def test_keyring_not_used_unless_switched_on(data_dir, profile):
    backend = MemoryKeyring()
    services, _ = unlock_service(data_dir, profile, backend).unlock(PASSPHRASE)
    key_hex = services.store.key.hex()
    services.lock()
    assert backend.entries == {}
    backend.entries[entry_name(data_dir)] = key_hex  # even a correct entry is not used unasked
    with pytest.raises(KeyringUnavailable):
        unlock_service(data_dir, profile, backend).unlock_from_keyring()


# -- (b) entry missing, (e) wrong or damaged entry ------------------------------------------------
@pytest.mark.parametrize("entry", [
    None,  # missing
    "other-valid-key",  # a different, well-formed 32-byte key
    "not hex at all",
    "abcd",  # hex, but too short
    "",
], ids=["missing", "other-key", "not-hex", "short", "empty"])
def test_bad_keyring_entry_falls_back_to_passphrase(data_dir, profile, remembered, entry):
    backend, key_hex = remembered
    name = entry_name(data_dir)
    if entry is None:
        del backend.entries[name]
    elif entry == "other-valid-key":
        backend.entries[name] = secrets.token_hex(32)
    else:
        backend.entries[name] = entry
    before = snapshot(data_dir)
    old_header = KeyHeader.load(data_dir / HEADER_FILENAME)

    unlocker = unlock_service(data_dir, profile, backend)
    with pytest.raises(KeyringUnavailable) as caught:
        unlocker.unlock_from_keyring()
    assert not isinstance(caught.value, DatabaseDamaged)
    assert "passphrase" in str(caught.value)
    assert key_hex not in str(caught.value)
    assert snapshot(data_dir) == before

    # The passphrase still opens the same database with the same key: nothing new was made.
    services, _ = unlocker.unlock(PASSPHRASE)
    try:
        assert services.store.key.hex() == key_hex
        assert services.check().ok
    finally:
        services.lock()
    header = KeyHeader.load(data_dir / HEADER_FILENAME)
    assert (header.db_id, header.wrapped_key) == (old_header.db_id, old_header.wrapped_key)
    assert snapshot(data_dir) == before


# -- (c) a backend that fails -------------------------------------------------------------------
def test_backend_raising_on_read(data_dir, profile, remembered, caplog):
    _, key_hex = remembered
    before = snapshot(data_dir)
    unlocker = unlock_service(data_dir, profile, RaisingKeyring(leaked=key_hex))
    with caplog.at_level(logging.DEBUG), pytest.raises(KeyringUnavailable) as caught:
        unlocker.unlock_from_keyring()
    assert key_hex not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "keyring read failed" in caplog.text
    assert key_hex not in caplog.text
    assert snapshot(data_dir) == before
    services, _ = unlocker.unlock(PASSPHRASE)
    services.lock()


def test_headless_without_passphrase_and_failing_keyring(data_dir, profile, remembered, monkeypatch):
    _, key_hex = remembered
    monkeypatch.delenv("EFH_PASSPHRASE", raising=False)
    before = snapshot(data_dir)
    unlocker = unlock_service(data_dir, profile, RaisingKeyring(leaked=key_hex))
    with pytest.raises(StoreError) as caught:
        unlocker.unlock_headless()
    assert "EFH_PASSPHRASE" in str(caught.value)
    assert key_hex not in str(caught.value)
    assert snapshot(data_dir) == before


def test_headless_without_passphrase_uses_working_keyring(data_dir, profile, remembered, monkeypatch):
    backend, key_hex = remembered
    monkeypatch.delenv("EFH_PASSPHRASE", raising=False)
    services = unlock_service(data_dir, profile, backend).unlock_headless()
    try:
        assert services.store.key.hex() == key_hex
    finally:
        services.lock()


def test_headless_without_passphrase_or_keyring(data_dir, profile, monkeypatch):
    monkeypatch.delenv("EFH_PASSPHRASE", raising=False)
    before = snapshot(data_dir)
    with pytest.raises(StoreError, match="EFH_PASSPHRASE"):
        unlock_service(data_dir, profile, MemoryKeyring()).unlock_headless()
    assert snapshot(data_dir) == before


# -- (d) a backend that drops writes --------------------------------------------------------------
@pytest.mark.parametrize("backend_cls", [DroppingKeyring, RaisingKeyring], ids=["drops-writes", "raises"])
def test_remember_with_unreliable_keyring_returns_a_note(data_dir, profile, backend_cls):
    backend = backend_cls()
    services, note = unlock_service(data_dir, profile, backend).unlock(PASSPHRASE, remember=True)
    try:
        key_hex = services.store.key.hex()
        assert note and "passphrase" in note
        assert key_hex not in note
        assert services.store.header.keyring_enabled is False
        assert services.subjects.list() == []  # the session itself is fine
    finally:
        services.lock()
    assert KeyHeader.load(data_dir / HEADER_FILENAME).keyring_enabled is False
    assert unlock_service(data_dir, profile, backend).keyring_enabled() is False


def test_create_with_dropping_keyring_still_creates_a_usable_store(tmp_path, profile):
    folder = tmp_path / "fresh"
    services, note = unlock_service(folder, profile, DroppingKeyring()).create(PASSPHRASE, PASSPHRASE,
                                                                              remember=True)
    services.lock()
    assert note
    assert KeyHeader.load(folder / HEADER_FILENAME).keyring_enabled is False
    services, _ = unlock_service(folder, profile, DroppingKeyring()).unlock(PASSPHRASE)
    services.lock()


# -- (f) untrusted backends -----------------------------------------------------------------------
@pytest.mark.parametrize("make_backend", [
    keyring.backends.null.Keyring,
    keyring.backends.fail.Keyring,
    PlaintextFileKeyring,
    MemoryKeyring,  # works, but is not one of the OS stores: untrusted unless a test says otherwise
], ids=["null", "fail", "plaintext", "unlisted"])
def test_untrusted_backends_are_refused(make_backend):
    backend = make_backend()
    store = KeyStore(backend)
    key = bytearray(secrets.token_bytes(32))
    assert store.available() is False
    with pytest.raises(KeyringUnavailable):
        store.store("some-db-id", key)
    with pytest.raises(KeyringUnavailable):
        store.fetch("some-db-id")
    if isinstance(backend, PlaintextFileKeyring):
        assert backend.calls == [] and backend.entries == {}, "the key must never reach an untrusted backend"


def test_remember_with_untrusted_backend_keeps_key_out(data_dir, profile):
    backend = PlaintextFileKeyring()
    services, note = unlock_service(data_dir, profile, backend, trusted=False).unlock(PASSPHRASE, remember=True)
    services.lock()
    assert note
    assert backend.calls == [] and backend.entries == {}
    assert KeyHeader.load(data_dir / HEADER_FILENAME).keyring_enabled is False
