"""Where things live: the bundled resources and migrations, and the user's data folder.

The data folder holds the encrypted database, its key header and non-case settings. It is created
user-only (0700) because even file names and sizes say something about the work.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from efh_desktop import APP_NAME


class MissingPackageData(RuntimeError):
    """A file the program ships with (profile, font, Word template, migration) is not there: the
    installation is incomplete. Raised rather than carrying on with something second-best."""


def package_folder(package: str) -> Path:
    """The folder on disk behind a data package (``efh_desktop.resources``, ``efh_desktop.db``).

    In the repository these folders stay top-level (resources/, db/); pyproject.toml maps them into
    the package, so an installed wheel, an editable install and the PyInstaller bundle all answer
    here through importlib.resources. Alembic and ReportLab want real file paths, so a package
    inside a zip file is refused with a clear message rather than half-working.
    """
    try:
        root = resources.files(package)
    except ModuleNotFoundError as exc:
        raise MissingPackageData(f"{package} is missing from this installation of {APP_NAME}; "
                                 "reinstall it (from a checkout: pip install -e .).") from exc
    if not isinstance(root, Path):
        raise MissingPackageData(f"{package} is not a folder on disk ({root!r}); install {APP_NAME} "
                                 "unzipped.")
    return root


def package_file(folder: Path, *parts: str) -> Path:
    """A file that must ship with the program, or MissingPackageData naming it."""
    path = folder.joinpath(*parts)
    if not path.is_file():
        raise MissingPackageData(f"{path} is missing: this installation of {APP_NAME} is incomplete; "
                                 "reinstall it.")
    return path


RESOURCES_DIR = package_folder("efh_desktop.resources")
MIGRATIONS_DIR = package_folder("efh_desktop.db")



def docs_folder() -> Path:
    """The user guide and its screenshots (docs/, installed as efh_desktop.docs); read when Help
    asks, so a copy without them still starts."""
    return package_folder("efh_desktop.docs")


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
