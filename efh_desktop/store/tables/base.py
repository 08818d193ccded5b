"""Shared table conventions.

Constraint names follow a naming convention so Alembic's batch mode (SQLite rebuilds tables to
alter them) can find and drop them in later migrations. It must be set before any table is defined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Inside a service transaction, the shared context's clock (services/clock.py): a row made there is
# stamped (created_at, updated_at) with the time a test set, like the audit event beside it. A
# context variable, so each thread (the writer thread too) sees only its own transaction's clock.
_row_clock: ContextVar[Callable[[], datetime] | None] = ContextVar("efh_row_clock", default=None)


def utcnow() -> datetime:
    """Every stored datetime is timezone-aware and kept as UTC (SQLModel's UTCDateTime enforces it);
    the interface and the minutes show UK time."""
    clock = _row_clock.get()
    return clock() if clock is not None else datetime.now(UTC)


@contextmanager
def rows_stamped_by(now: Callable[[], datetime]) -> Iterator[None]:
    """Rows made in this block take their default times from ``now`` (``AppContext.transaction``)."""
    token = _row_clock.set(now)
    try:
        yield
    finally:
        _row_clock.reset(token)
