"""Planned times for an agenda: when each item starts and finishes, and whether the plan runs past
the meeting's end.

Convention: items run in reading order (depth first). A parent item's own minutes come first
(its introduction), then its sub-items in order; so an item with sub-items finishes when its last
sub-item does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class TimedItem:
    id: int
    starts: datetime
    own_finish: datetime  # after this item's own minutes
    finishes: datetime  # after its sub-items too


@dataclass(frozen=True)
class AgendaTiming:
    items: dict[int, TimedItem]
    total_minutes: int
    planned_finish: datetime
    overrun_minutes: int  # 0 when the plan fits before the meeting's end (or no end is set)


def plan_times(start: datetime, end: datetime | None,
               items: Sequence[tuple[int, int | None, int]]) -> AgendaTiming:
    """``items`` are (id, parent_id, minutes) in reading order (depth first)."""
    clock = start
    timed: dict[int, TimedItem] = {}
    own_finish: dict[int, datetime] = {}
    ancestors: dict[int, int | None] = {}
    for item_id, parent_id, minutes in items:
        ancestors[item_id] = parent_id
        begins = clock
        clock = clock + timedelta(minutes=max(0, minutes))
        own_finish[item_id] = clock
        timed[item_id] = TimedItem(item_id, begins, clock, clock)
        # Every ancestor now finishes no earlier than this item.
        parent = parent_id
        while parent is not None and parent in timed:
            t = timed[parent]
            timed[parent] = TimedItem(t.id, t.starts, t.own_finish, clock)
            parent = ancestors.get(parent)
    total = int((clock - start).total_seconds() // 60)
    overrun = 0
    if end is not None and clock > end:
        overrun = int((clock - end).total_seconds() // 60)
    return AgendaTiming(timed, total, clock, overrun)
