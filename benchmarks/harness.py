"""Shared pieces of the benchmarks: percentiles, scratch copies of cached stores, the real window.

Nothing here asserts; see benchmarks/README.md.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

GOAL_MET, GOAL_NOT_MET = "met", "NOT MET"


def percentile(values: list[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100), nearest rank; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt(value: Any, spec: str) -> str:
    """A figure for a table: "-" when it could not be measured."""
    return "-" if value is None else format(value, spec)


def verdict(value: float | None, goal: float | None) -> str:
    if value is None or goal is None:
        return "-"
    return GOAL_MET if value <= goal else GOAL_NOT_MET


def scratch_copy(source: Path, prefix: str) -> Path:
    """A copy of a store folder (database, -wal/-shm if any, key header) in a new temporary folder,
    so benchmarks that write (or migrate) never change the cached store."""
    from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME

    base = os.environ.get("EFH_BENCH_SCRATCH") or None
    target = Path(tempfile.mkdtemp(prefix=prefix, dir=base)) / "store"
    target.mkdir(mode=0o700)
    for name in (DB_FILENAME, DB_FILENAME + "-wal", DB_FILENAME + "-shm", HEADER_FILENAME):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    return target


def remove_scratch(store_dir: Path) -> None:
    shutil.rmtree(store_dir.parent, ignore_errors=True)


def open_store(store_dir: Path, passphrase: str) -> Any:
    from efh_desktop.domain.profile import load_profile
    from efh_desktop.services.unlock_service import UnlockService

    services, _ = UnlockService(store_dir, load_profile(), "Benchmark").unlock(passphrase)
    return services


def make_window(services: Any, data_dir: Path) -> Any:
    """The application's main window on an unlocked store, shown offscreen at a laptop's size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from efh_desktop.gui.app import make_application
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    app = make_application()
    controller = SessionController(UnlockService(data_dir, services.profile, "Benchmark"), 60)
    controller._set_services(services)
    window = MainWindow(controller, Settings(), data_dir)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return app, window
