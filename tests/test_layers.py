"""The layers below the interface never import Qt (docs: ARCHITECTURE, "Layers inside efh_desktop/")."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT_ROOT / "efh_desktop"
QT_FREE = ("domain", "store", "services", "export")
QT_NAMES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def qt_imports(source: str, filename: str) -> list[str]:
    """Every import of a Qt binding in ``source``, including lazy imports inside functions."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            names = [str(node.args[0].value)]
        found += [f"{filename}:{node.lineno}: {name}" for name in names
                  if name.split(".")[0] in QT_NAMES]
    return found


def test_scanner_finds_qt_imports():
    """Control: the scanner sees every way of importing Qt that the next test relies on."""
    source = ("import PySide6\nfrom PySide6.QtCore import QObject\n"
              "def f():\n    import PySide6.QtWidgets as w\n    importlib.import_module('PySide6.QtGui')\n")
    assert len(qt_imports(source, "x.py")) == 4
    assert qt_imports("from .gui import window\nimport os\n", "y.py") == []


@pytest.mark.parametrize("layer", QT_FREE)
def test_no_qt_import_in_source(layer):
    folder = PACKAGE / layer
    files = sorted(folder.rglob("*.py"))
    assert files, f"{layer}/ has no Python files"
    offending = []
    for path in files:
        offending += qt_imports(path.read_text(encoding="utf-8"), str(path.relative_to(PROJECT_ROOT)))
        # Relative imports that reach the GUI package pull Qt in too.
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if module.startswith("efh_desktop.gui") or (node.level and module.startswith("gui")):
                    offending.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {module}")
            elif isinstance(node, ast.Import):
                offending += [f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {a.name}" for a in node.names
                              if a.name.startswith("efh_desktop.gui")]
    assert offending == []


IMPORT_ALL = """
import importlib, pkgutil, sys
layers = sys.argv[1:]
imported = []
for layer in layers:
    package = importlib.import_module("efh_desktop." + layer)
    imported.append(package.__name__)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6"))
print(len(imported))
print(",".join(qt))
"""


def test_importing_every_module_loads_no_qt():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL, *QT_FREE], capture_output=True, text=True,
                            env=env, cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    count, qt_modules = result.stdout.splitlines()
    expected = sum(1 for layer in QT_FREE for _ in (PACKAGE / layer).rglob("*.py"))
    assert int(count) == expected
    assert qt_modules == "", f"Qt was imported: {qt_modules}"


LINT_IMPORTS = """
import sys
from importlinter.cli import lint_imports
sys.exit(lint_imports(no_cache=True))
"""


def test_the_layer_contracts_hold():
    """The import-linter contracts in pyproject.toml (the same check .ci/run makes): gui never imports
    store, the domain imports nothing of ours, lower layers never import higher ones.

    In its own process: import-linter configures logging with dictConfig, which disables every
    logger that already exists (the app's included), so run in the suite's process it silenced
    the log lines later tests check for."""
    from importlinter.cli import EXIT_STATUS_SUCCESS

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    # The contracts are read from pyproject.toml in the working folder.
    result = subprocess.run([sys.executable, "-c", LINT_IMPORTS], capture_output=True, text=True,
                            env=env, cwd=PROJECT_ROOT, timeout=300)
    assert result.returncode == EXIT_STATUS_SUCCESS, result.stdout + result.stderr
