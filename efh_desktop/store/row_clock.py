"""The time a new row is stamped with (created_at, updated_at): the clock of the service transaction
it is made in, else now, in UTC.

Apart from the tables (store/tables/base.py) so that the services' context can set the clock
without importing SQLModel: the window's start-up fills its list before the ORM is loaded
(issue 17). Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

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
