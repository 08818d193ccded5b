"""Preferences that are not case data: idle lock, the practice profile file, the user's name.

Kept as a small JSON file in the data folder, written atomically. Nothing here may ever hold case
data, keys or passphrases (a test checks the file for marker strings).

The machine policy (policy.py) is read with them and wins: its profile over the user's, its idle
cap over a longer idle lock. It is never written back into the user's file.
"""

from __future__ import annotations

import getpass
import json
import logging
from dataclasses import dataclass, field, fields
from pathlib import Path

from efh_desktop.atomic_write import atomic_write_text
from efh_desktop.paths import SETTINGS_FILENAME
from efh_desktop.policy import IDLE_LIMITS, Policy, load_policy

log = logging.getLogger(__name__)


@dataclass
class Settings:
    idle_lock_minutes: int = 5
    profile_path: str = ""  # empty: the bundled default profile
    user_name: str = ""  # who is recorded as the author and in the audit trail
    # The practitioner's own job role ("Minute-taker", "Service manager"): shown beside the name.
    # The practitioner's own name and role are not case data: they are who uses this laptop.
    user_role: str = ""
    # The machine policy read at start; not a user preference and never saved.
    policy: Policy = field(default_factory=Policy, repr=False, compare=False)
    # Why the user's settings file could not be used ("" when it could, or there is none): said at
    # start, so a name that vanished from the audit trail's actor is never a surprise. Never saved.
    problem: str = field(default="", repr=False, compare=False)

    @classmethod
    def load(cls, data_dir: Path, policy: Policy | None = None) -> Settings:
        """The user's settings, with the machine policy (read now unless given)."""
        settings = cls._load_user(Path(data_dir) / SETTINGS_FILENAME)
        settings.policy = load_policy() if policy is None else policy
        for problem in settings.policy.problems:
            log.warning("machine policy problem: %s", problem)  # paths and key names only
        return settings

    @classmethod
    def _load_user(cls, path: Path) -> Settings:
        if path.exists() and not (path.is_file() or path.is_dir()):
            # A pipe would keep start-up waiting for ever for a writer; a device could fill the memory.
            log.warning("settings file is not an ordinary file; using defaults")
            return cls(problem=_unreadable(path, "it is a device or a pipe, not an ordinary file"))
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("settings file unreadable; using defaults")
            if path.is_dir():
                why = "it is a folder"
            elif isinstance(exc, OSError):
                why = (exc.strerror or "it cannot be read").lower()
            else:
                why = "it is not valid JSON"
            return cls(problem=_unreadable(path, why))
        if not isinstance(raw, dict):
            log.warning("settings file is not an object; using defaults")
            return cls(problem=_unreadable(path, "it does not hold settings"))
        settings = cls()
        # Each value is checked on its own: one bad entry must not cost the others, or start-up.
        for item in _USER_FIELDS:
            value = raw.get(item)
            if isinstance(value, type(getattr(settings, item))) and not isinstance(value, bool):
                setattr(settings, item, value)
        if not IDLE_LIMITS[0] <= settings.idle_lock_minutes <= IDLE_LIMITS[1]:
            settings.idle_lock_minutes = 5
        return settings

    def save(self, data_dir: Path) -> None:
        mine = {name: getattr(self, name) for name in _USER_FIELDS}
        atomic_write_text(Path(data_dir) / SETTINGS_FILENAME, json.dumps(mine, indent=2) + "\n")

    # -- what applies, policy first -----------------------------------------------------------------
    def idle_cap(self) -> int:
        """The longest idle lock the user may choose: the policy's maximum, else the program's."""
        cap = self.policy.max_idle_lock_minutes
        return IDLE_LIMITS[1] if cap is None else min(cap, IDLE_LIMITS[1])

    def effective_idle_minutes(self) -> int:
        return max(IDLE_LIMITS[0], min(self.idle_lock_minutes, self.idle_cap()))

    def profile_file(self, command_line: Path | None = None) -> Path | None:
        """The practice profile to load: the machine policy's, else ``--profile``, else the user's
        choice in Settings, else None (the bundled default)."""
        if self.policy.profile is not None:
            return self.policy.profile
        if command_line is not None:
            return command_line
        return Path(self.profile_path) if self.profile_path else None

    def profile_problem(self, error: Exception) -> str:
        """Why the program cannot start with the chosen profile, saying who chose it."""
        if self.policy.profile is not None:
            return (f"The practice profile set by the machine policy ({self.policy.profile_source}, key 'profile') "
                    f"could not be used; ask IT to fix it:\n{error}")
        return f"The practice profile could not be used:\n{error}"

    def identity_line(self) -> str:
        """ "Working as Jo Bloggs, Minute-taker" for the status bar."""
        who = ", ".join(part for part in (self.user_name.strip(), self.user_role.strip()) if part)
        return f"Working as {who}" if who else f"Working as {self.actor()} (your name is not set: Settings, Your name)"

    def actor(self) -> str:
        if self.user_name.strip():
            return self.user_name.strip()
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some locked-down machines
            return "unknown user"


_USER_FIELDS = tuple(f.name for f in fields(Settings) if f.name not in ("policy", "problem"))


def _unreadable(path: Path, why: str) -> str:
    """One sentence naming the file (never its content, which may be anything)."""
    return (f"Your settings file {path} could not be read ({why}), so EFH Desktop is using its defaults "
            "(your name and role are not set, so the audit trail records your login name). The file is "
            "replaced when you next change a setting.")
