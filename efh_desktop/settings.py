"""Preferences that are not case data: idle lock, the practice profile file, the user's name.

Kept as a small JSON file in the data folder, written atomically. Nothing here may ever hold case
data, keys or passphrases (a test checks the file for marker strings).
"""

from __future__ import annotations

import getpass
import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from efh_desktop.atomic_write import atomic_write_text
from efh_desktop.paths import SETTINGS_FILENAME

log = logging.getLogger(__name__)


@dataclass
class Settings:
    idle_lock_minutes: int = 5
    profile_path: str = ""  # empty: the bundled default profile
    user_name: str = ""  # who is recorded as the author and in the audit trail

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        path = Path(data_dir) / SETTINGS_FILENAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            log.warning("settings file unreadable; using defaults")
            return cls()
        if not isinstance(raw, dict):
            log.warning("settings file is not an object; using defaults")
            return cls()
        settings = cls()
        # Each value is checked on its own: one bad entry must not cost the others, or start-up.
        for field in fields(cls):
            value = raw.get(field.name)
            if isinstance(value, type(getattr(settings, field.name))) and not isinstance(value, bool):
                setattr(settings, field.name, value)
        if not 1 <= settings.idle_lock_minutes <= 240:
            settings.idle_lock_minutes = 5
        return settings

    def save(self, data_dir: Path) -> None:
        atomic_write_text(Path(data_dir) / SETTINGS_FILENAME, json.dumps(asdict(self), indent=2) + "\n")

    def actor(self) -> str:
        if self.user_name.strip():
            return self.user_name.strip()
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some locked-down machines
            return "unknown user"
