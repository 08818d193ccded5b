"""A folder where a file belongs (issue 11 item 13): one clear line, never "Unexpected error", and
nothing created, changed or deleted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSPHRASE

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import DatabaseDamaged, KeyHeaderDamaged, StoreError

ROOT = Path(__file__).resolve().parents[1]


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    env.update(EFH_PASSPHRASE=PASSPHRASE, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(folder), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("with_header", [True, False], ids=["with-key-file", "alone"])
def test_database_path_that_is_a_folder(template_store_dir, tmp_path, profile, with_header):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_FILENAME).mkdir()
    (folder / DB_FILENAME / "something.txt").write_text("kept")
    if with_header:
        shutil.copyfile(template_store_dir / HEADER_FILENAME, folder / HEADER_FILENAME)
    before = _listing(folder)
    unlocker = UnlockService(folder, profile, "Test User")
    with pytest.raises(DatabaseDamaged, match="is a folder, not the database"):
        unlocker.unlock(PASSPHRASE)
    with pytest.raises(DatabaseDamaged, match="is a folder"):
        unlocker.create(PASSPHRASE, PASSPHRASE)
    result = _cli(folder, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(f"efh-desktop: {folder / DB_FILENAME} is a folder, not the database")
    assert "Unexpected error" not in result.stderr and "Traceback" not in result.stderr
    assert [p for p in _listing(folder) if not p.startswith("logs")] == before


def test_key_file_path_that_is_a_folder(template_store_dir, tmp_path, profile):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(template_store_dir / DB_FILENAME, folder / DB_FILENAME)
    (folder / HEADER_FILENAME).mkdir()
    with pytest.raises(KeyHeaderDamaged, match="is a folder, not the key file"):
        UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)


def test_data_folder_that_is_a_file(tmp_path, profile):
    path = tmp_path / "data"
    path.write_text("not a folder")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        UnlockService(path, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    assert path.read_text() == "not a folder"
