"""The tables package imports a table's module only when one of its names is asked for (issue 17,
start-up), and still gives every table by name and the whole schema on request."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

from sqlmodel import SQLModel

from efh_desktop.store import tables


def _table_modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(tables.__path__) if m.name != "base"]


def test_every_table_class_and_constant_is_reachable_by_name():
    for module_name in _table_modules():
        module = importlib.import_module(f"{tables.__name__}.{module_name}")
        for name, value in vars(module).items():
            defined_here = getattr(value, "__module__", None) == module.__name__
            is_table = isinstance(value, type) and issubclass(value, SQLModel) and defined_here
            is_constant = name.isupper() and isinstance(value, tuple)
            if is_table or is_constant:
                assert getattr(tables, name) is value, f"{module_name}.{name} is not in tables/__init__.py"
    assert set(tables.__all__) == {*tables._WHERE, "load_all"}
    for name in tables.__all__:
        assert getattr(tables, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    try:
        tables.NoSuchTable  # noqa: B018 - the lookup is the test
    except AttributeError as exc:
        assert "NoSuchTable" in str(exc)
    else:
        raise AssertionError("an unknown name must not resolve")


def test_load_all_puts_every_table_on_the_metadata():
    tables.load_all()
    named = {getattr(tables, n).__tablename__ for n in tables.__all__
             if isinstance(getattr(tables, n), type) and issubclass(getattr(tables, n), SQLModel)}
    assert named <= set(SQLModel.metadata.tables)
    assert {"meeting", "entry", "action", "filing_entry", "subject", "audit_event"} <= set(SQLModel.metadata.tables)


def test_asking_for_one_table_imports_its_module_only():
    probe = ("import sys\n"
             "from efh_desktop.store.tables import Meeting\n"
             "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('efh_desktop.store.tables.')))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "['base', 'meetings']", out.stdout + out.stderr
