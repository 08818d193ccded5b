"""Work the window does once its first screen is up, so that the first meeting opened does not wait
for it: the ORM (SQLAlchemy's orm, pydantic, SQLModel) and every table class. The store is unlocked
and the meetings list filled with SQLAlchemy Core alone (store/core_tables.py); together these are
about 0.3 s on a small laptop, so the window takes them a step at a time (``preload_steps``), one
per turn of its event loop, and a key pressed meanwhile waits for one step, not for all of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial

# The libraries first, in the order they import one another (each a step of about 0.05-0.1 s).
_LIBRARIES = ("sqlalchemy.orm", "pydantic", "sqlmodel")


def preload_steps() -> list[Callable[[], object]]:
    """Each step imports one library or one table module; run them in order."""
    from efh_desktop.store.tables import table_modules

    return [partial(importlib.import_module, name) for name in (*_LIBRARIES, *table_modules())]


def load_remaining_tables() -> None:
    """Every step at once (the command line and the tests)."""
    for step in preload_steps():
        step()
