"""The key header: the random database key, wrapped by a key derived from the user's passphrase.

The database is encrypted with 32 random bytes (a raw SQLCipher key), never with the passphrase
itself. The passphrase only unwraps that key, so changing it rewrites this small file and leaves
the database untouched. Nothing in the header is secret without the passphrase: salt, Argon2id
parameters, nonce and the AES-256-GCM ciphertext. GCM's tag tells a wrong passphrase apart from a
damaged database.

Two more fields tell the remaining cases apart, without the passphrase:
- ``check``: a SHA-256 of every other field. GCM fails the same way for a wrong passphrase and for
  an edited salt, nonce or ciphertext; the check fails only for the edit, so a damaged header is
  reported as damaged instead of sending the user to retype a correct passphrase. (It is a
  checksum, not a signature: it detects damage, not a deliberate forgery.)
- ``database.salt``: the first 16 bytes of the database file it was made for (SQLCipher's per-file
  salt, stored in clear). It is only ever used to explain a failure: a key file from another
  database, rather than a damaged first page. It never blocks an open, and is refreshed after every
  successful one (a restored backup has its own salt).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from efh_desktop.atomic_write import atomic_write_text
from efh_desktop.store.errors import KeyHeaderDamaged, PassphraseRejected, WrongPassphrase

FORMAT = "efh-desktop-key-header"
VERSION = 1
KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10

# OWASP's Argon2id guidance (m=64 MiB, t=3, p=2 is above its minimums). Tests lower these through
# ``set_kdf_defaults`` so hundreds of unlocks stay fast; the parameters used are stored per header.
_KDF_DEFAULTS = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 2}
# The most a file may ask Argon2 for (memory in KiB): far above our own costs, low enough that a
# crafted header or sealed file cannot pin gigabytes of memory or minutes of work before it fails.
MAX_TIME_COST, MAX_MEMORY_COST, MAX_PARALLELISM = 10, 1024 * 1024, 16


def kdf_costs_sane(time_cost: object, memory_cost: object, parallelism: object) -> bool:
    """Whether Argon2id costs read from a file are whole numbers within what any file of ours uses."""
    costs = (time_cost, memory_cost, parallelism)
    if not all(type(c) is int for c in costs):
        return False
    return (1 <= time_cost <= MAX_TIME_COST and 1 <= parallelism <= MAX_PARALLELISM  # type: ignore[operator]
            and 8 * parallelism <= memory_cost <= MAX_MEMORY_COST)  # type: ignore[operator]


def kdf_defaults() -> dict[str, int]:
    """The Argon2id costs new headers and sealed files are made with (a copy)."""
    return dict(_KDF_DEFAULTS)


def set_kdf_defaults(**params: int) -> None:
    """Change the Argon2id cost for headers created from now on (tests and benchmarks only)."""
    _KDF_DEFAULTS.update(params)


@dataclass(frozen=True)
class KeyHeader:
    db_id: str
    created: str
    kdf_salt: bytes
    time_cost: int
    memory_cost: int
    parallelism: int
    nonce: bytes
    wrapped_key: bytes
    keyring_enabled: bool = False
    db_salt: bytes = b""  # the database file's first 16 bytes; b"" until known

    # -- persistence -----------------------------------------------------------------------------
    def to_json(self) -> str:
        fields = self._fields()
        return json.dumps({**fields, "check": {"alg": "SHA-256", "value": _check_of(fields)}}, indent=2)

    def _fields(self) -> dict[str, Any]:
        def b64(b: bytes) -> str:
            return base64.b64encode(b).decode("ascii")

        fields: dict[str, Any] = (
            {
                "format": FORMAT,
                "version": VERSION,
                "db_id": self.db_id,
                "created": self.created,
                "kdf": {
                    "name": "argon2id",
                    "salt": b64(self.kdf_salt),
                    "time_cost": self.time_cost,
                    "memory_cost": self.memory_cost,
                    "parallelism": self.parallelism,
                },
                "wrap": {"alg": "AES-256-GCM", "nonce": b64(self.nonce), "ciphertext": b64(self.wrapped_key)},
                "keyring_enabled": self.keyring_enabled,
            }
        )
        if self.db_salt:
            fields["database"] = {"salt": b64(self.db_salt)}
        return fields

    def save(self, path: Path) -> None:
        atomic_write_text(path, self.to_json() + "\n")

    @classmethod
    def load(cls, path: Path) -> KeyHeader:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError("not a key header")
            if raw.get("version") != VERSION:
                raise ValueError(f"unsupported version {raw.get('version')!r}")
            kdf, wrap = raw["kdf"], raw["wrap"]
            if kdf.get("name") != "argon2id" or wrap.get("alg") != "AES-256-GCM":
                raise ValueError("unknown algorithm")
            header = cls(
                db_id=str(raw["db_id"]),
                created=str(raw["created"]),
                kdf_salt=base64.b64decode(kdf["salt"], validate=True),
                time_cost=int(kdf["time_cost"]),
                memory_cost=int(kdf["memory_cost"]),
                parallelism=int(kdf["parallelism"]),
                nonce=base64.b64decode(wrap["nonce"], validate=True),
                wrapped_key=base64.b64decode(wrap["ciphertext"], validate=True),
                keyring_enabled=bool(raw.get("keyring_enabled", False)),
                db_salt=base64.b64decode(raw.get("database", {}).get("salt", ""), validate=True),
            )
            header._check_bounds()
            # Headers written before the check existed have none; they gain one at the next save.
            if "check" in raw and raw["check"].get("value") != _check_of(header._fields()):
                raise ValueError("check")
            return header
        except IsADirectoryError as exc:
            raise KeyHeaderDamaged(
                f"{Path(path)} is a folder, not the key file, so the database cannot be unlocked. Nothing has "
                "been changed. Move that folder aside and restore the key file from a backup.") from exc
        # RecursionError: JSON nested deeper than the reader follows (no key file of ours is).
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise KeyHeaderDamaged(
                f"The key file {Path(path).name} is damaged or unreadable (for example an edited salt, nonce or "
                "key), so the database cannot be unlocked. Your passphrase was not the problem. Nothing has "
                "been changed. Restore the key file from a backup (backups keep it beside them as "
                "<backup name>.keyheader), or ask IT for help."
            ) from exc

    def _check_bounds(self) -> None:
        """Refuse parameters no header of ours has: they would crash Argon2 or stall the machine."""
        if not kdf_costs_sane(self.time_cost, self.memory_cost, self.parallelism):
            raise ValueError("Argon2 costs out of range")
        if len(self.kdf_salt) < 16 or len(self.nonce) != 12 or len(self.wrapped_key) != KEY_BYTES + 16:
            raise ValueError("salt, nonce or ciphertext of the wrong size")

    # -- wrapping ----------------------------------------------------------------------------------
    def _aad(self) -> bytes:
        # Binds the ciphertext to this header's identity: a header edited to point elsewhere fails.
        return f"{FORMAT}/{VERSION}/{self.db_id}".encode()

    def unwrap(self, passphrase: str) -> bytearray:
        """Return the raw database key, or raise WrongPassphrase."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kek = derive_key(passphrase, self.kdf_salt, self.time_cost, self.memory_cost, self.parallelism)
        try:
            key = AESGCM(bytes(kek)).decrypt(self.nonce, self.wrapped_key, self._aad())
        except InvalidTag:
            raise WrongPassphrase() from None
        finally:
            wipe(kek)
        if len(key) != KEY_BYTES:
            raise KeyHeaderDamaged("The key file holds a key of the wrong size; it is damaged.")
        return bytearray(key)

    def rewrapped(self, key: bytes | bytearray, new_passphrase: str) -> KeyHeader:
        """A copy of this header with the same database key wrapped by a new passphrase."""
        return replace(_wrap(key, new_passphrase, db_id=self.db_id, created=self.created,
                             keyring_enabled=self.keyring_enabled), db_salt=self.db_salt)

    def with_keyring(self, enabled: bool) -> KeyHeader:
        return replace(self, keyring_enabled=enabled)

    def for_database(self, db_salt: bytes) -> KeyHeader:
        """This header, recording the salt of the database file it opens."""
        return replace(self, db_salt=bytes(db_salt))

    def made_for_another(self, db_salt: bytes, first_page: bytes) -> bool:
        """Whether the database beside this header is plainly not the one it was made for: its salt
        differs in most bytes (a flipped byte or two is damage, not another database) and its first
        page looks like ciphertext (a text file or zeros is "not a database", also not this)."""
        if len(self.db_salt) != 16 or len(db_salt) != 16:
            return False
        differing = sum(a != b for a, b in zip(self.db_salt, db_salt, strict=True))
        return differing > 4 and len(set(first_page)) > 128


def _check_of(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def passphrase_bytes(passphrase: str) -> bytes:
    """What Argon2 is given: the passphrase's UTF-8. A lone surrogate (a terminal set to another
    encoding, a broken clipboard) has none; refused in a sentence rather than failing in the encoder."""
    try:
        return passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseRejected(
            "That passphrase holds a character that cannot be used (a broken character, often from pasting, or "
            "from a terminal set to another encoding). Nothing has been changed; please type it again.") from None


def check_new_passphrase(passphrase: str, repeat: str) -> None:
    if passphrase != repeat:
        raise PassphraseRejected("The two passphrases are not the same. Please type them again.")
    passphrase_bytes(passphrase)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseRejected(
            f"Please use a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters; "
            "a few ordinary words together work well."
        )


def new_header(passphrase: str) -> tuple[KeyHeader, bytearray]:
    """Make a fresh random database key and a header wrapping it."""
    key = bytearray(secrets.token_bytes(KEY_BYTES))
    header = _wrap(key, passphrase, db_id=str(uuid.uuid4()),
                   created=datetime.now(UTC).isoformat(timespec="seconds"), keyring_enabled=False)
    return header, key


def _wrap(key: bytes | bytearray, passphrase: str, *, db_id: str, created: str,
          keyring_enabled: bool) -> KeyHeader:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    time_cost, memory_cost, parallelism = (_KDF_DEFAULTS[k] for k in ("time_cost", "memory_cost", "parallelism"))
    kek = derive_key(passphrase, salt, time_cost, memory_cost, parallelism)
    header = KeyHeader(db_id=db_id, created=created, kdf_salt=salt, nonce=nonce, wrapped_key=b"",
                       keyring_enabled=keyring_enabled, time_cost=time_cost, memory_cost=memory_cost,
                       parallelism=parallelism)
    try:
        wrapped = AESGCM(bytes(kek)).encrypt(nonce, bytes(key), header._aad())
    finally:
        wipe(kek)
    return replace(header, wrapped_key=wrapped)


def derive_key(passphrase: str, salt: bytes, time_cost: int, memory_cost: int, parallelism: int) -> bytearray:
    from argon2.low_level import Type, hash_secret_raw

    return bytearray(hash_secret_raw(passphrase_bytes(passphrase), salt, time_cost=time_cost,
                                     memory_cost=memory_cost, parallelism=parallelism,
                                     hash_len=KEY_BYTES, type=Type.ID))


def wipe(buf: bytearray) -> None:
    """Best effort: overwrite a key buffer we own. Python may hold other copies; this limits them."""
    for i in range(len(buf)):
        buf[i] = 0
