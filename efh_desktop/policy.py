"""The machine-wide policy IT sets for every user of a computer: the council's practice profile and a
maximum idle-lock time users cannot raise. docs/deployment.md ("Machine policy") is the reference.

A small TOML file at a fixed place per platform (``machine_policy_path``), read once at start by
settings.py. ``EFH_POLICY_FILE`` names a further file (tests, a portable copy): it is read as well
and may add restrictions, but never lifts the machine file's, so a user cannot escape IT's cap by
setting a variable. A bad file never stops the program: each problem is one sentence naming the file
and the key, what can be read still applies, and a cap that cannot be read becomes the safe default.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

POLICY_ENV = "EFH_POLICY_FILE"
PROFILE_KEY, IDLE_KEY = "profile", "max_idle_lock_minutes"
IDLE_LIMITS = (1, 240)  # the range Settings → Lock after idle offers
SAFE_IDLE_CAP = 5  # the program's own default: the cap when a policy meant to set one cannot be read
_MAX_BYTES = 64 * 1024  # a policy file is a few lines; anything bigger is not one


def machine_policy_path(platform: str | None = None) -> Path:
    """Where IT puts the policy file on this kind of system."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "EFH Desktop" / "policy.toml"
    if platform == "darwin":
        return Path("/Library/Application Support/EFH Desktop/policy.toml")
    return Path("/etc/efh-desktop/policy.toml")


def policy_paths() -> list[Path]:
    """The machine file, then the one ``EFH_POLICY_FILE`` names (if any)."""
    paths = [machine_policy_path()]
    extra = os.environ.get(POLICY_ENV, "").strip()
    if extra and Path(extra).expanduser() != paths[0]:
        paths.append(Path(extra).expanduser())
    return paths


@dataclass(frozen=True)
class Policy:
    """What the policy files say. Empty when there are none (the usual case outside councils)."""

    files: tuple[Path, ...] = ()  # the policy files found
    profile: Path | None = None  # the council's practice profile: wins over the user's choice
    profile_source: Path | None = None  # the policy file that set it
    max_idle_lock_minutes: int | None = None  # users cannot set a longer idle lock
    idle_source: Path | None = None
    problems: tuple[str, ...] = ()  # one sentence each, naming the file and the key

    def message(self) -> str:
        return "\n\n".join(self.problems)


def load_policy(paths: list[Path] | None = None) -> Policy:
    """Read every policy file that exists; never raises for a bad one (see ``problems``)."""
    files: list[Path] = []
    problems: list[str] = []
    profile = profile_source = idle_source = None
    cap: int | None = None
    for path in policy_paths() if paths is None else paths:
        found, values, said = _read_one(path)
        problems += said
        if not found:
            continue
        files.append(path)
        if profile is None and values.get(PROFILE_KEY) is not None:  # the machine file's comes first
            profile, profile_source = values[PROFILE_KEY], path
        if values.get(IDLE_KEY) is not None and (cap is None or values[IDLE_KEY] < cap):
            cap, idle_source = values[IDLE_KEY], path
    return Policy(tuple(files), profile, profile_source, cap, idle_source, tuple(problems))


def _read_one(path: Path) -> tuple[bool, dict, list[str]]:
    """(found, the usable values, problems) for one file."""
    after = f"EFH Desktop started anyway; lock after idle is held at {SAFE_IDLE_CAP} minutes at most until IT fixes it."
    try:
        if not path.is_file():
            if path.exists():
                return True, {IDLE_KEY: SAFE_IDLE_CAP}, [f"The machine policy {path} is not a file. {after}"]
            return False, {}, []
        raw = path.read_bytes()[: _MAX_BYTES + 1]
    except OSError as exc:
        return True, {IDLE_KEY: SAFE_IDLE_CAP}, [f"The machine policy {path} could not be read "
                                                 f"({exc.strerror or type(exc).__name__}). {after}"]
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError("far too big for a policy file")
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return True, {IDLE_KEY: SAFE_IDLE_CAP}, [f"The machine policy {path} is not UTF-8 text. {after}"]
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        return True, {IDLE_KEY: SAFE_IDLE_CAP}, [f"The machine policy {path} is not valid TOML ({exc}). {after}"]
    values: dict = {}
    problems: list[str] = []
    for key in data:
        if key not in (PROFILE_KEY, IDLE_KEY):
            problems.append(f"The machine policy {path} has a key EFH Desktop does not know, {key!r} (it knows "
                            f"{PROFILE_KEY!r} and {IDLE_KEY!r}); it was ignored.")
    if PROFILE_KEY in data:
        value = data[PROFILE_KEY]
        if isinstance(value, str) and value.strip():
            given = Path(value.strip()).expanduser()
            # A relative path is beside the policy file: IT can ship the council's profile with it.
            values[PROFILE_KEY] = given if given.is_absolute() else path.parent / given
        else:
            problems.append(f"The machine policy {path}: {PROFILE_KEY!r} must be a practice profile's file path in "
                            "quotes; it was ignored, so each user's own choice of profile applies.")
    if IDLE_KEY in data:
        value = data[IDLE_KEY]
        low, high = IDLE_LIMITS
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            values[IDLE_KEY] = value
        else:
            values[IDLE_KEY] = SAFE_IDLE_CAP
            problems.append(f"The machine policy {path}: {IDLE_KEY!r} must be a whole number of minutes from {low} "
                            f"to {high}; lock after idle is held at {SAFE_IDLE_CAP} minutes at most until IT fixes it.")
    return True, values, problems
