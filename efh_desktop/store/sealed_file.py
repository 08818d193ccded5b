"""A file sealed with a passphrase (Argon2id + AES-256-GCM), for a meeting carried between laptops.

The same construction as the key header: nothing in the file is secret without the passphrase, and
the GCM tag tells a wrong passphrase from a damaged file.
"""

from __future__ import annotations

import base64
import json
import secrets

from efh_desktop.store.errors import SealPassphraseWrong, StoreError
from efh_desktop.store.key_header import derive_key, kdf_costs_sane, kdf_defaults, wipe

FORMAT = "efh-desktop-sealed"


def seal(data: bytes, passphrase: str, *, purpose: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(passphrase) < 10:
        raise StoreError("Use a passphrase of at least 10 characters to protect the file.")
    salt, nonce, params = secrets.token_bytes(16), secrets.token_bytes(12), kdf_defaults()
    key = derive_key(passphrase, salt, params["time_cost"], params["memory_cost"], params["parallelism"])
    try:
        ciphertext = AESGCM(bytes(key)).encrypt(nonce, data, f"{FORMAT}/{purpose}".encode())
    finally:
        wipe(key)
    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode("ascii")

    return json.dumps({"format": FORMAT, "version": 1, "purpose": purpose, "kdf": {"name": "argon2id",
                       "salt": b64(salt), **params}, "nonce": b64(nonce), "ciphertext": b64(ciphertext)}).encode()


def is_sealed(raw: bytes) -> bool:
    try:
        return bool(json.loads(raw).get("format") == FORMAT)
    except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        return False


def unseal(raw: bytes, passphrase: str, *, purpose: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        envelope = json.loads(raw)
        kdf = envelope["kdf"]
        # validate=True: without it base64 skips characters it does not know, and a salt of "!!!"
        # becomes empty bytes that Argon2 refuses with an error no user could act on.
        salt, nonce = base64.b64decode(kdf["salt"], validate=True), base64.b64decode(envelope["nonce"], validate=True)
        ciphertext = base64.b64decode(envelope["ciphertext"], validate=True)
        params = (kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"])
        if envelope.get("purpose") != purpose or kdf.get("name") != "argon2id" or not kdf_costs_sane(*params):
            raise ValueError("not this kind of file, or costs no file of ours asks for")
        if len(salt) < 16 or len(nonce) != 12 or len(ciphertext) < 16:
            raise ValueError("salt, nonce or ciphertext of the wrong size")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise StoreError("The file is damaged or is not a sealed EFH Desktop meeting.") from None
    key = derive_key(passphrase, salt, *params)
    try:
        return AESGCM(bytes(key)).decrypt(nonce, ciphertext, f"{FORMAT}/{purpose}".encode())
    except InvalidTag:
        raise SealPassphraseWrong("That passphrase does not open the file (or the file has been changed).") from None
    finally:
        wipe(key)
