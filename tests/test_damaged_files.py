"""Damaged files get a defined, honest message and are left exactly as they are.

Every copy is made from a locked store holding the demo data (so no WAL is in play unless a test puts
one there), damaged at a known place, then unlocked with the correct passphrase through the same
service the window uses, checked, and compared byte for byte afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3
from conftest import PASSPHRASE

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import DatabaseDamaged, KeyHeaderDamaged, StoreError
from efh_desktop.store.wal_guard import ForeignWal

PAGE = 4096
PROJECT_ROOT = Path(__file__).resolve().parents[1]
DAMAGE_WORDS = ("damaged", "empty", "truncated")


# -- the demo store, built once -------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, demo_store_dir, profile) -> dict:
    folder = tmp_path_factory.mktemp("demo-store") / "data"
    shutil.copytree(demo_store_dir, folder)
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    with services.store.engine.connect() as conn:
        version_page = conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'alembic_version'").scalar()
    meetings = services.meetings.count()
    services.lock()
    # Locking checkpoints the WAL and removes it: the database file alone holds everything.
    assert not (folder / (DB_FILENAME + "-wal")).exists()
    assert not (folder / (DB_FILENAME + "-shm")).exists()
    db_bytes = (folder / DB_FILENAME).read_bytes()
    assert len(db_bytes) % PAGE == 0 and len(db_bytes) >= 8 * PAGE
    return {"folder": folder, "db": db_bytes, "version_page": version_page, "meetings": meetings}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state(folder: Path) -> dict[str, str]:
    """Every file in the folder and its hash: nothing may be added, removed or changed."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def damaged_copy(demo_store: dict, target: Path, db_bytes: bytes) -> Path:
    shutil.copytree(demo_store["folder"], target)
    (target / DB_FILENAME).write_bytes(db_bytes)
    return target


def flipped(data: bytes, offset: int) -> bytes:
    out = bytearray(data)
    out[offset] ^= 0xFF
    return bytes(out)


def unlock_or_check(folder: Path, profile) -> str:
    """Unlock with the right passphrase and check; return the user-facing description of the damage.

    Any exception other than DatabaseDamaged propagates and fails the test."""
    try:
        services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    except DatabaseDamaged as exc:
        return "unlock: " + str(exc)
    try:
        report = services.check()
    finally:
        services.lock()
    assert not report.ok, "a damaged database passed the check"
    damaged_lines = [line for line in report.lines() if "damaged" in line]
    assert damaged_lines, report.lines()
    return "check: " + "; ".join(damaged_lines)


def plaintext_sqlite_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "plain.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO meeting (title) VALUES ('Fictional meeting')")
    conn.commit()
    conn.close()
    return path.read_bytes()


# -- damaged database files -----------------------------------------------------------------------
CASES = {
    "page-1-flip": lambda db, tmp: flipped(db, 100),
    "page-1-last-byte-flip": lambda db, tmp: flipped(db, PAGE - 1),
    "later-page-flip": lambda db, tmp: flipped(db, 3 * PAGE + 200),
    "last-page-flip": lambda db, tmp: flipped(db, len(db) - PAGE + 300),
    "truncated-mid-page": lambda db, tmp: db[: len(db) // 2 + 123],
    "truncated-to-page-multiple": lambda db, tmp: db[: (len(db) // 2) // PAGE * PAGE],
    "one-page-left": lambda db, tmp: db[:PAGE],
    "last-page-cut": lambda db, tmp: db[:-PAGE],
    "empty": lambda db, tmp: b"",
    "text-file": lambda db, tmp: b"These are not the minutes you are looking for.\n" * 40,
    "text-file-page-sized": lambda db, tmp: (b"Not a database, just text.\n" * 400)[: 2 * PAGE],
    "zeros": lambda db, tmp: bytes(len(db)),
    "plain-sqlite": lambda db, tmp: plaintext_sqlite_bytes(tmp),
}


@pytest.mark.parametrize("case", list(CASES))
def test_damaged_database_gets_defined_message_and_is_left_alone(demo_store, profile, tmp_path, case):
    bad = CASES[case](demo_store["db"], tmp_path)
    assert bad != demo_store["db"]
    folder = damaged_copy(demo_store, tmp_path / "data", bad)
    before = state(folder)

    message = unlock_or_check(folder, profile)

    assert any(word in message.lower() for word in DAMAGE_WORDS), message
    assert "Traceback" not in message
    assert (folder / DB_FILENAME).read_bytes() == bad
    assert state(folder) == before


@pytest.mark.parametrize(("case", "word"), [("empty", "empty"), ("truncated-mid-page", "truncated"),
                                            ("page-1-flip", "damaged")])
def test_specific_wording(demo_store, profile, tmp_path, case, word):
    folder = damaged_copy(demo_store, tmp_path / "data", CASES[case](demo_store["db"], tmp_path))
    with pytest.raises(DatabaseDamaged) as caught:
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    text = str(caught.value)
    assert word in text and "Nothing has been changed" in text and "backup" in text


def test_every_single_page_flip_is_reported(demo_store, profile, tmp_path):
    """A flipped byte on any page: a defined message at unlock, or a failed check. Never a raw error."""
    db = demo_store["db"]
    outcomes: dict[int, str] = {}
    for index in range(len(db) // PAGE):
        bad = flipped(db, index * PAGE + 200)
        folder = damaged_copy(demo_store, tmp_path / f"page-{index + 1}", bad)
        before = state(folder)
        outcomes[index + 1] = unlock_or_check(folder, profile)
        assert (folder / DB_FILENAME).read_bytes() == bad
        assert state(folder) == before
        shutil.rmtree(folder)
    assert outcomes[1].startswith("unlock:")
    assert any(text.startswith("check:") for text in outcomes.values())


def test_damaged_schema_version_page_is_reported_at_unlock(demo_store, profile, tmp_path):
    """Regression: a damaged page holding alembic_version used to escape unlock as a raw
    sqlalchemy.exc.DatabaseError (from migrations.current_revision) instead of DatabaseDamaged."""
    page = demo_store["version_page"]
    assert page != 1
    bad = flipped(demo_store["db"], (page - 1) * PAGE + 200)
    folder = damaged_copy(demo_store, tmp_path / "data", bad)
    before = state(folder)
    with pytest.raises(DatabaseDamaged, match="damaged"):
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert state(folder) == before


# -- WAL files beside the database ----------------------------------------------------------------
def _open_store_copy_with_wal(tmp_path: Path, profile, name: str) -> tuple[Path, bytes]:
    """A store copied while open (as a crash would leave it): its database and its live -wal."""
    folder = tmp_path / name
    services, _ = UnlockService(folder, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    services.subjects.create("child", "Isla Wrenfield")
    snapshot = tmp_path / (name + "-crashed")
    shutil.copytree(folder, snapshot)
    services.lock()
    wal = (snapshot / (DB_FILENAME + "-wal")).read_bytes()
    assert wal
    return snapshot, wal


@pytest.mark.parametrize("keep_shm", [True, False], ids=["with-shm", "without-shm"])
def test_store_left_with_its_own_wal_recovers(tmp_path, profile, keep_shm):
    """A hot -wal of the same database (a crash, or a copy made while open) is recovered, not refused."""
    crashed, _ = _open_store_copy_with_wal(tmp_path, profile, "own")
    if not keep_shm:
        (crashed / (DB_FILENAME + "-shm")).unlink()
    services, _ = UnlockService(crashed, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert [row.name for row in services.subjects.list()] == ["Isla Wrenfield"]
        assert services.check().ok
    finally:
        services.lock()


def test_foreign_wal_beside_database_is_left_alone(demo_store, tmp_path, profile):
    """Regression: a -wal from another database used to be checkpointed into efh-desktop.db when the
    failed keyed read closed, destroying it, and the -wal was deleted, while the message said
    "Nothing has been changed or deleted"."""
    _, foreign_wal = _open_store_copy_with_wal(tmp_path, profile, "foreign")
    folder = damaged_copy(demo_store, tmp_path / "data", demo_store["db"])
    (folder / (DB_FILENAME + "-wal")).write_bytes(foreign_wal)
    before = state(folder)
    with pytest.raises(ForeignWal) as caught:
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert "belongs to another database" in str(caught.value)
    assert "has not been changed" in str(caught.value)
    # Nothing changed; the only addition is the copy of the log kept in the recovery folder.
    assert {k: v for k, v in state(folder).items() if not k.startswith("recovery")} == before
    assert any(k.startswith("recovery/") and k.endswith("-wal") for k in state(folder))

    # Once the stray file is moved aside, the untouched database opens with everything in it.
    (folder / (DB_FILENAME + "-wal")).rename(tmp_path / "stray.db-wal")
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert services.meetings.count() == demo_store["meetings"]
        assert services.check().ok
    finally:
        services.lock()


# -- through the command line ---------------------------------------------------------------------
def run_cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    env.update(EFH_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(folder), *args],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)


@pytest.mark.parametrize("case", ["page-1-flip", "later-page-flip", "truncated-mid-page"])
def test_cli_check_on_damaged_database(demo_store, tmp_path, case):
    bad = CASES[case](demo_store["db"], tmp_path)
    folder = damaged_copy(demo_store, tmp_path / "data", bad)
    before = state(folder)
    result = run_cli(folder, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    said = result.stdout + result.stderr
    assert any(word in said for word in DAMAGE_WORDS), said
    if case == "later-page-flip":
        assert "damaged page" in result.stdout
    else:
        # One clear line: SQLCipher's own diagnostics (hmac check failed for pgno=...) used to follow
        # it onto stderr.
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith("efh-desktop: ")
    assert (folder / DB_FILENAME).read_bytes() == bad
    after = state(folder)
    # The CLI may add its log folder; nothing that was there is changed or removed.
    assert {k: v for k, v in after.items() if not k.startswith("logs")} == before


# -- damaged key headers --------------------------------------------------------------------------
def _header_variant(original: dict, change) -> str:
    data = json.loads(json.dumps(original))
    change(data)
    return json.dumps(data)


HEADER_CASES = {
    "garbage": lambda h: "{this is not json",
    "not-utf8": lambda h: b"\xff\xfe\x00\x9c not utf-8",
    "empty": lambda h: "",
    "json-list": lambda h: "[]",
    "json-null": lambda h: "null",
    "other-format": lambda h: json.dumps({"format": "some-other-app", "version": 1}),
    "future-version": lambda h: _header_variant(h, lambda d: d.__setitem__("version", 99)),
    "unknown-kdf": lambda h: _header_variant(h, lambda d: d["kdf"].__setitem__("name", "pbkdf2")),
    "kdf-not-object": lambda h: _header_variant(h, lambda d: d.__setitem__("kdf", "argon2id")),
    "missing-wrap": lambda h: _header_variant(h, lambda d: d.pop("wrap")),
    "bad-base64": lambda h: _header_variant(h, lambda d: d["wrap"].__setitem__("ciphertext", "***")),
    "cost-not-number": lambda h: _header_variant(h, lambda d: d["kdf"].__setitem__("time_cost", "three")),
}
HEADER_VALUE_CASES = {
    "time-cost-zero": lambda h: _header_variant(h, lambda d: d["kdf"].__setitem__("time_cost", 0)),
    "empty-salt": lambda h: _header_variant(h, lambda d: d["kdf"].__setitem__("salt", "")),
    "empty-nonce": lambda h: _header_variant(h, lambda d: d["wrap"].__setitem__("nonce", "")),
    "parallelism-zero": lambda h: _header_variant(h, lambda d: d["kdf"].__setitem__("parallelism", 0)),
    "memory-cost-huge": lambda h: _header_variant(h, lambda d: d["kdf"].__setitem__("memory_cost", 2**33)),
    "short-ciphertext": lambda h: _header_variant(h, lambda d: d["wrap"].__setitem__("ciphertext", "AAAA")),
}


def _damage_header(demo_store: dict, tmp_path: Path, make) -> tuple[Path, dict]:
    folder = damaged_copy(demo_store, tmp_path / "data", demo_store["db"])
    header = folder / HEADER_FILENAME
    content = make(json.loads(header.read_text(encoding="utf-8")))
    header.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder, state(folder)


@pytest.mark.parametrize("case", list(HEADER_CASES))
def test_damaged_key_header(demo_store, profile, tmp_path, case):
    folder, before = _damage_header(demo_store, tmp_path, HEADER_CASES[case])
    unlocker = UnlockService(folder, profile, "Test User")
    with pytest.raises(KeyHeaderDamaged) as caught:
        unlocker.unlock(PASSPHRASE)
    assert "damaged" in str(caught.value)
    with pytest.raises(StoreError):
        unlocker.create(PASSPHRASE, PASSPHRASE)
    assert unlocker.keyring_enabled() is False
    assert state(folder) == before


@pytest.mark.parametrize("case", list(HEADER_VALUE_CASES))
def test_key_header_with_impossible_values(demo_store, profile, tmp_path, case):
    """Regression: out-of-range values used to escape unwrap as raw argon2 HashingError, OverflowError
    or ValueError instead of KeyHeaderDamaged."""
    folder, before = _damage_header(demo_store, tmp_path, HEADER_VALUE_CASES[case])
    with pytest.raises(KeyHeaderDamaged):
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert state(folder) == before


def test_header_with_an_edited_id_reads_as_damaged_not_as_a_wrong_passphrase(demo_store, profile, tmp_path):
    """A header whose db_id was edited no longer unwraps (the id is bound in). Its check (issue 11
    item 12) says the file was edited, so the user is not sent to retype a correct passphrase; above
    all it opens nothing and changes nothing."""
    folder, before = _damage_header(demo_store, tmp_path, lambda h: _header_variant(
        h, lambda d: d.__setitem__("db_id", "00000000-0000-4000-8000-000000000000")))
    with pytest.raises(KeyHeaderDamaged, match="passphrase was not the problem"):
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert state(folder) == before
