"""Compile the Qt Designer forms in ui/ into efh_desktop/gui/forms/ui_<name>.py.

The .ui files are the source; the compiled modules are committed, so the wheel and the PyInstaller
bundle import plain Python and nothing looks for a .ui file at run time (QUiLoader would). Run this
after editing a form in Designer:

    .venv/bin/python packaging/compile_forms.py

tests/test_forms.py fails when a committed module is stale against its .ui file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "efh_desktop" / "gui" / "forms"
# PySide6's own entry point for uic, called through this interpreter so the uic matching the
# installed PySide6 is used whatever is on PATH.
_UIC = "import sys; from PySide6.scripts.pyside_tool import uic; sys.exit(uic())"


def target(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def forms() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def compile_form(ui_file: Path) -> str:
    """The Python that uic generates for one form (``--from-imports`` is not used: no resources)."""
    result = subprocess.run([sys.executable, "-c", _UIC, "-g", "python", str(ui_file)],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    return result.stdout


def without_header(source: str) -> str:
    """The generated code without uic's '##' banner, which names the uic version."""
    return "\n".join(line for line in source.splitlines() if not line.startswith("##"))


def main() -> int:
    FORMS_DIR.mkdir(exist_ok=True)
    for ui_file in forms():
        out = target(ui_file)
        out.write_text(compile_form(ui_file), encoding="utf-8")
        print(f"{ui_file.relative_to(ROOT)} -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
