"""Start-up paints first (issue 17): the first window is on screen before the data stack (SQLAlchemy,
SQLModel, SQLCipher, ReportLab) is imported, then the main window takes its place with the list
filled. Run as the real program, in its own process; no timing here (benchmarks/startup.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import PASSPHRASE

PROJECT = Path(__file__).resolve().parents[1]
DATA_STACK = ("sqlalchemy", "sqlmodel", "sqlcipher3", "reportlab", "pydantic", "alembic")

# The program's own entry point, with the first window's paint watched from inside.
PROBE = f"""
import sys
from efh_desktop.gui import startup_shell

original = startup_shell.StartupShell.paintEvent

def paint(self, event):
    if not self.painted:
        loaded = sorted(m for m in {DATA_STACK!r} if m in sys.modules)
        print("AT FIRST PAINT " + (",".join(loaded) or "none"), flush=True)
    original(self, event)

startup_shell.StartupShell.paintEvent = paint
from efh_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EFH_EXIT_WHEN_READY": "1",
                 "PYTHONPATH": str(PROJECT), **env}
    return subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(data_dir)], capture_output=True,
                          text=True, timeout=180, env=child_env, cwd=PROJECT, stdin=subprocess.DEVNULL)


def test_first_paint_comes_before_the_data_stack(services, data_dir):
    services.subjects.create("child", "Siân Llewelyn")
    services.meetings.create("complex_strategy", datetime(2026, 6, 4, 10, tzinfo=UTC), chair_role="service_manager")
    services.lock()
    done = _run(data_dir, EFH_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    assert "AT FIRST PAINT none" in lines, lines
    assert lines.index("AT FIRST PAINT none") < lines.index("PAINTED") < lines.index("READY meetings=1 loaded=1")


def test_a_wrong_passphrase_still_paints_first_then_asks(data_dir, tmp_path):
    """The early unlock fails in its thread; the window then asks (here: the dialog cannot be
    answered, so the process is stopped once the first paint is seen)."""
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EFH_EXIT_WHEN_READY": "1",
                 "PYTHONPATH": str(PROJECT), "EFH_PASSPHRASE": "not the passphrase at all"}
    proc = subprocess.Popen([sys.executable, "-c", PROBE, "--data-dir", str(data_dir)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=child_env, cwd=PROJECT, stdin=subprocess.DEVNULL)
    try:
        first = proc.stdout.readline().strip()
        assert first == "AT FIRST PAINT none"
        assert proc.stdout.readline().strip() == "PAINTED"
    finally:
        proc.kill()
        proc.communicate(timeout=30)


# What filling the meetings list must not import (issue 17: services are built when first used):
# the ecomap's graph library, the bank holiday package (a table is kept), the PDF and Word
# renderers, and the modules of screens and files not yet opened.
NOT_FOR_THE_LIST = ("networkx", "holidays", "reportlab", "docx", "pypdf", "efh_desktop.domain.ecomap",
                    "efh_desktop.services.interchange_service", "efh_desktop.services.minutes_builder",
                    "efh_desktop.export.redaction", "efh_desktop.services.ecomap_service",
                    # the other home tabs are built when first shown (gui/lazy_tabs.py)
                    "efh_desktop.gui.panels.subjects_panel", "efh_desktop.gui.panels.actions_panel",
                    "efh_desktop.gui.panels.search_panel", "efh_desktop.gui.subject_dialog",
                    # the ORM and every table class: the store is unlocked and the list filled with
                    # SQLAlchemy Core (store/core_tables.py); the tables load after the list's paint
                    "sqlmodel", "pydantic", "sqlalchemy.orm", "efh_desktop.store.tables.base",
                    "efh_desktop.store.tables.meetings", "efh_desktop.store.tables.actions",
                    "efh_desktop.store.tables.audit", "efh_desktop.store.tables.filing",
                    "efh_desktop.store.tables.subjects", "efh_desktop.store.tables.records",
                    "efh_desktop.store.tables.snapshots")

READY_PROBE = f"""
import builtins, sys

original_print = builtins.print

def print_(*args, **kwargs):
    if args and str(args[0]).startswith("READY"):
        loaded = sorted(m for m in {NOT_FOR_THE_LIST!r} if m in sys.modules)
        original_print("AT READY " + (",".join(loaded) or "none"), flush=True)
    original_print(*args, **kwargs)

builtins.print = print_
from efh_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_filled_list_has_not_imported_other_screens_or_renderers(services, data_dir):
    services.subjects.create("child", "Zofia Wójcik-Ó Briain")
    # Held ten days ago: the list works out its overdue steps in working days (bank holidays).
    held = (datetime.now(UTC) - timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)
    services.meetings.create("complex_strategy", held, chair_role="service_manager")
    services.lock()
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EFH_EXIT_WHEN_READY": "1",
                 "PYTHONPATH": str(PROJECT), "EFH_PASSPHRASE": PASSPHRASE}
    done = subprocess.run([sys.executable, "-c", READY_PROBE, "--data-dir", str(data_dir)], capture_output=True,
                          text=True, timeout=180, env=child_env, cwd=PROJECT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    assert "AT READY none" in lines, lines
    assert lines.index("AT READY none") < lines.index("READY meetings=1 loaded=1")
