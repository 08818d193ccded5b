"""Shared table conventions.

Constraint names follow a naming convention so Alembic's batch mode (SQLite rebuilds tables to
alter them) can find and drop them in later migrations. It must be set before any table is defined.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from efh_desktop.store.row_clock import rows_stamped_by, utcnow  # the tables' defaults

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

__all__ = ["SQLModel", "rows_stamped_by", "utcnow"]
