"""The compiled forms in efh_desktop/gui/forms/ are what uic makes of ui/*.ui today, and every form
has its compiled module (and no module outlives its form)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("compile_forms", ROOT / "packaging" / "compile_forms.py")
compile_forms = importlib.util.module_from_spec(_spec)
sys.modules["compile_forms"] = compile_forms
_spec.loader.exec_module(compile_forms)

FORMS = compile_forms.forms()


def test_there_are_forms() -> None:
    assert FORMS, "ui/ has no .ui files"


@pytest.mark.parametrize("ui_file", FORMS, ids=lambda p: p.name)
def test_compiled_form_is_current(ui_file: Path) -> None:
    compiled = compile_forms.target(ui_file)
    assert compiled.exists(), f"run packaging/compile_forms.py: {compiled.name} is missing"
    fresh = compile_forms.without_header(compile_forms.compile_form(ui_file))
    committed = compile_forms.without_header(compiled.read_text(encoding="utf-8"))
    assert committed == fresh, f"{compiled.name} is stale against ui/{ui_file.name}: run packaging/compile_forms.py"


def test_no_compiled_form_without_its_ui_file() -> None:
    sources = {compile_forms.target(ui).name for ui in FORMS}
    compiled = {p.name for p in compile_forms.FORMS_DIR.glob("ui_*.py")}
    assert compiled - sources == set()


def test_without_header_ignores_only_the_banner() -> None:
    assert compile_forms.without_header("## Created by: uic 6.1\nx = 1\n") == "x = 1"
    assert compile_forms.without_header("x = 1\n") != compile_forms.without_header("x = 2\n")
