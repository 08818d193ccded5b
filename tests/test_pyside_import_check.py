"""PySide6's per-import check made cheap (gui/pyside_import_check.py, issue 17): the same answer as
PySide's own on every module the window loads, and installed by the app before the data stack."""

from __future__ import annotations

import sys

from efh_desktop.gui import pyside_import_check


def test_the_check_answers_as_pysides_own_for_every_loaded_module(qapp):
    import sqlmodel  # noqa: F401

    import efh_desktop.gui.main_window  # noqa: F401 - what start-up loads: the data stack, ours, Qt's

    assert pyside_import_check.install()
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    original = check.original
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
    assert len(modules) > 300
    differ = [m.__name__ for m in modules if check(m) != original(m)]
    assert differ == []
    assert check(sys.modules["efh_desktop.gui.main_window"]) is True
    assert check(sys.modules["sqlalchemy.orm"]) is False
    assert check(sys) is False, "a built-in module: PySide's own answer"


def test_installing_twice_keeps_one_wrapper(qapp):
    assert pyside_import_check.install() and pyside_import_check.install()
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert not getattr(check.original, "_efh_reads_bytes", False)


def test_the_application_installs_it(qapp):
    from efh_desktop.gui.app import make_application

    make_application()
    assert getattr(sys.modules["shibokensupport.feature"]._mod_uses_pyside, "_efh_reads_bytes", False)
