"""Work the window does once its first screen is up, so that the first meeting opened does not wait
for it: the ORM (SQLModel, pydantic, SQLAlchemy's orm) and every table class. The store is unlocked
and the meetings list filled with SQLAlchemy Core alone (store/core_tables.py); store/tables/__init__.py
imports each table's module when it is first asked for; together about 0.3 s on a small laptop."""

from __future__ import annotations


def load_remaining_tables() -> None:
    from efh_desktop.store.tables import load_all

    load_all()
