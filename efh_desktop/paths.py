"""Where things live: the bundled resources and migrations, and the user's data folder.

The data folder holds the encrypted database, its key header and non-case settings. It is created
user-only (0700) because even file names and sizes say something about the work.
"""

from __future__ import annotations

import os
from pathlib import Path

from efh_desktop import APP_NAME

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESOURCES_DIR = PROJECT_ROOT / "resources"
MIGRATIONS_DIR = PROJECT_ROOT / "db"
UI_DIR = PROJECT_ROOT / "ui"

DB_FILENAME = "efh-desktop.db"
HEADER_FILENAME = "efh-desktop.keyheader"
SETTINGS_FILENAME = "settings.json"
LOG_DIRNAME = "logs"
BACKUP_DIRNAME = "backups"


def default_data_dir() -> Path:
    """The per-user data folder, unless EFH_DATA_DIR overrides it (tests, portable use)."""
    override = os.environ.get("EFH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    # Imported here: platformdirs is only needed when no override is given.
    from platformdirs import user_data_dir

    # roaming=False: the database belongs on this device, not in a roaming profile (Windows).
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path
