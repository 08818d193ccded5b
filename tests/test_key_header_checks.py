"""Telling the cases apart (issue 11 item 12): a damaged key header is not a wrong passphrase, a key
header of another database is not a damaged first page, and a -wal of another database is not one
either. Each case leaves every file as it was."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import struct
from pathlib import Path

import pytest
from conftest import PASSPHRASE

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import KeyHeaderDamaged, KeyHeaderForeign, WrongPassphrase
from efh_desktop.store.key_header import KeyHeader
from efh_desktop.store.wal_format import FRAME_HEADER, WAL_HEADER, checksum, parse_wal
from efh_desktop.store.wal_guard import ForeignWal

OTHER_PASSPHRASE = "another fictional passphrase"


def state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.relative_to(folder).parts[0] == "recovery"}


def _store(folder: Path, profile, passphrase: str = PASSPHRASE, *, child: str = "Isla Wrenfield") -> Path:
    services, _ = UnlockService(folder, profile, "Test User").create(passphrase, passphrase)
    services.subjects.create("child", child)
    services.lock()
    return folder


def _edit_header(folder: Path, change) -> None:
    path = folder / HEADER_FILENAME
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2))


def _flip_b64(value: str, index: int = 3) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[index] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


EDITS = {
    "salt": lambda d: d["kdf"].__setitem__("salt", _flip_b64(d["kdf"]["salt"])),
    "nonce": lambda d: d["wrap"].__setitem__("nonce", _flip_b64(d["wrap"]["nonce"])),
    "ciphertext": lambda d: d["wrap"].__setitem__("ciphertext", _flip_b64(d["wrap"]["ciphertext"], 20)),
    "gcm-tag": lambda d: d["wrap"].__setitem__("ciphertext", _flip_b64(d["wrap"]["ciphertext"], 40)),
}


@pytest.fixture(scope="module")
def one_store(tmp_path_factory, profile) -> Path:
    return _store(tmp_path_factory.mktemp("one") / "data", profile)


@pytest.fixture
def folder(one_store, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(one_store, target)
    return target


@pytest.mark.parametrize("field", list(EDITS))
def test_edited_header_is_reported_as_damaged_not_as_a_wrong_passphrase(folder, profile, field):
    _edit_header(folder, EDITS[field])
    before = state(folder)
    with pytest.raises(KeyHeaderDamaged) as caught:
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert "damaged" in str(caught.value) and "passphrase was not the problem" in str(caught.value)
    assert state(folder) == before


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(folder, profile):
    before = state(folder)
    with pytest.raises(WrongPassphrase):
        UnlockService(folder, profile, "Test User").unlock("not the passphrase at all")
    assert state(folder) == before


def test_a_header_from_before_the_check_still_opens_and_gains_it(folder, profile):
    _edit_header(folder, lambda d: (d.pop("check"), d.pop("database")))
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    services.lock()
    saved = json.loads((folder / HEADER_FILENAME).read_text())
    assert saved["check"]["alg"] == "SHA-256"
    assert base64.b64decode(saved["database"]["salt"]) == (folder / DB_FILENAME).read_bytes()[:16]
    KeyHeader.load(folder / HEADER_FILENAME)  # and it checks out


@pytest.mark.parametrize("same_passphrase", [True, False], ids=["same-passphrase", "other-passphrase"])
def test_key_header_of_another_database_is_named_as_such(folder, profile, tmp_path, same_passphrase):
    other = _store(tmp_path / "other", profile, PASSPHRASE if same_passphrase else OTHER_PASSPHRASE,
                   child="Noor Ashby")
    shutil.copyfile(other / HEADER_FILENAME, folder / HEADER_FILENAME)
    before = state(folder)
    with pytest.raises(KeyHeaderForeign) as caught:
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    message = str(caught.value)
    assert "made for a different database" in message and "first page" not in message
    assert ("passphrase may well be right" in message) is not same_passphrase
    assert state(folder) == before


def test_a_restored_backup_with_its_own_key_file_opens(folder, profile, tmp_path):
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    services.backup(tmp_path / "copy.efhbak")
    services.lock()
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copyfile(tmp_path / "copy.efhbak", restored / DB_FILENAME)
    shutil.copyfile(tmp_path / "copy.efhbak.keyheader", restored / HEADER_FILENAME)
    services, _ = UnlockService(restored, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert [s.name for s in services.subjects.list()] == ["Isla Wrenfield"]
    finally:
        services.lock()


def test_a_backup_put_back_under_the_live_key_file_still_opens(folder, profile, tmp_path):
    """The salt differs (sqlcipher_export gives a copy its own), the key is the same: the recorded
    salt only ever explains a failure, it never blocks an open, and it is brought up to date."""
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    services.backup(tmp_path / "copy.efhbak")
    services.lock()
    shutil.copyfile(tmp_path / "copy.efhbak", folder / DB_FILENAME)
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    services.lock()
    assert KeyHeader.load(folder / HEADER_FILENAME).db_salt == (folder / DB_FILENAME).read_bytes()[:16]


# -- a -wal of another database, without page 1 in it ---------------------------------------------
def _rebuilt_wal(frames: list[tuple[int, bytes]], salts: tuple[int, int], page_size: int) -> bytes:
    """A well-formed log holding ``frames`` (page number, page image), one transaction."""
    head = struct.pack(">6I", 0x377F0682, 3007000, page_size, 0, *salts)
    ck = checksum(head, 0, 0, False)
    out = [head + struct.pack(">2I", *ck)]
    for n, (page, data) in enumerate(frames, start=1):
        frame_head = struct.pack(">4I", page, 1 if n == len(frames) else 0, *salts)
        ck = checksum(data, *checksum(frame_head[:8], *ck, False), False)
        out.append(frame_head + struct.pack(">2I", *ck) + data)
    return b"".join(out)


def test_foreign_wal_without_page_one_is_told_apart_from_a_damaged_first_page(folder, profile, tmp_path):
    donor = tmp_path / "donor"
    services, _ = UnlockService(donor, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    for n in range(20):
        services.subjects.create("child", f"Donor child {n} (fictional)")
    copied = tmp_path / "donor-copy"
    shutil.copytree(donor, copied)  # while open: the -wal is still there
    services.lock()
    log = parse_wal((copied / f"{DB_FILENAME}-wal").read_bytes())
    pages = {f.page: f.data for f in log.frames if f.page != 1}  # the last image of each page but page 1
    wal = _rebuilt_wal(sorted(pages.items()), log.salts, log.page_size)
    assert all(f.checksum_ok for f in parse_wal(wal).frames) and len(wal) > WAL_HEADER + FRAME_HEADER
    (folder / f"{DB_FILENAME}-wal").write_bytes(wal)
    before = state(folder)
    with pytest.raises(ForeignWal) as caught:
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert "does not belong to it" in str(caught.value) and "is sound" in str(caught.value)
    assert state(folder) == before
