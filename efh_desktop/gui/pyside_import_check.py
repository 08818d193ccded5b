"""PySide6's check of each newly imported module, made cheap (issue 17: start-up).

Once PySide6 is loaded, its import hook (shiboken's ``__feature__`` support) asks of every module
imported after it whether its source mentions "PySide6", to decide whether the module may switch
PySide features (``from __feature__ import snake_case``). It asks with ``inspect.getsource``, which
finds the file, reads and decodes it into the line cache and joins the lines again: for the ~450
modules the app imports after its first paint (SQLAlchemy, SQLModel, pydantic, ours) about 0.15 s of
CPU on a two-core laptop, a cost a program that imports them before PySide6 never pays. The
app must paint first, so it cannot.

``install()`` gives the hook the same answer for less: the module's file read as bytes and searched
for the same word; anything that is not a plain ``.py`` file, or cannot be read, goes to PySide's
own check. The app uses no PySide feature, so even a wrong answer could change nothing but
whether the module may switch features; ``tests/test_pyside_import_check.py`` checks the answers are
the same on every module the window loads. If a PySide6 version no longer has the check, nothing
is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType

_MARK = "_efh_reads_bytes"


def install() -> bool:
    """Replace the check (once PySide6 is imported); False when there is none to replace."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or not callable(original):
        return False
    if getattr(original, _MARK, False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    setattr(uses_pyside, _MARK, True)
    uses_pyside.original = original  # type: ignore[attr-defined]  # for the test
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
