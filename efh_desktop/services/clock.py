"""What time it is, for everything that asks: one clock in the shared context (``ctx.clock``).

The window and the services read the time through it, so a test sets the time once, through the
same object the app uses (``services.ctx.clock.set(...)`` / ``.advance(...)``), instead of reaching
into a panel's private fields. A running app never sets it: it is the system clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from efh_desktop.domain.uk_dates import to_uk


class Clock:
    def __init__(self) -> None:
        self._fixed: datetime | None = None
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """Now, timezone-aware UTC (as the database stores it)."""
        return (self._fixed or datetime.now(UTC)) + self._offset

    def today(self) -> date:
        """Today's date in the UK (a due date is overdue from the day after, UK time)."""
        return to_uk(self.now()).date()

    # -- for tests and benchmarks -----------------------------------------------------------------
    def set(self, moment: datetime) -> None:
        """Stop the clock at ``moment`` (timezone-aware)."""
        if moment.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware time")
        self._fixed, self._offset = moment.astimezone(UTC), timedelta(0)

    def advance(self, delta: timedelta) -> None:
        """Move the clock on (or back) by ``delta``, stopped or running."""
        self._offset += delta
