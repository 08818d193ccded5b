"""The data folder's files are of the right kinds: a check that needs nothing but the standard
library, so the window can make it before the data stack is imported (issue 17: start-up)."""

from __future__ import annotations

from pathlib import Path

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.store.errors import DatabaseDamaged, KeyHeaderDamaged, StoreError


def check_kinds(data_dir: Path) -> None:
    """A folder (or a device, a socket) where a file belongs would otherwise surface as an
    "Unexpected error" from deep inside SQLite, or be taken for an empty folder."""
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"{data_dir} is a file, not a folder, so it cannot hold EFH Desktop's data. "
                         "Nothing has been changed. Check --data-dir (or EFH_DATA_DIR).")
    db_path = data_dir / DB_FILENAME
    wal = db_path.with_name(db_path.name + "-wal")
    for path, what, error in ((db_path, "the database", DatabaseDamaged),
                              (data_dir / HEADER_FILENAME, "the key file", KeyHeaderDamaged),
                              (wal, "the database's recent-changes log", DatabaseDamaged),
                              (db_path.with_name(db_path.name + "-journal"), "the database's rollback journal",
                               DatabaseDamaged)):
        if path.exists() and not path.is_file():
            kind = "a folder" if path.is_dir() else "not an ordinary file"
            raise error(f"{path} is {kind}, not {what}, so nothing can be opened. Nothing has been changed, "
                        f"created or deleted. Move it out of {data_dir} (look at what it holds first), "
                        "then restore the file from a backup if it is missing.")
