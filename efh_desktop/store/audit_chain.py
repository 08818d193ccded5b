"""The audit trail's hash chain: each event stores the previous event's hash and its own.

The hash covers the event's canonical content (the values as stored: the time as SQLite holds it,
the changes as JSON with sorted keys) and the previous event's hash, so an event changed, removed
or slipped in between breaks the chain from that point, and ``check`` names the first event where
it breaks. There is no secret in it: someone who can run SQL with the database key could rebuild
the whole chain. What it gives is that a change by a tool that does not know about the chain (or
an UPDATE that got past the triggers) does not go unnoticed. The format is frozen: migration 0010
and every later check use it, so changing it means a new ``FORMAT`` and a migration.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

FORMAT = 1
GENESIS = ""  # the first event's previous hash
_COLUMNS = "id, at, actor, action, entity, entity_id, meeting_id, summary, changes, prev_hash, event_hash"


def stored_time(at: datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores for ``at`` (UTC, microseconds)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def event_hash(prev_hash: str, at_text: str, actor: str, action: str, entity: str, entity_id: int | None,
               meeting_id: int | None, summary: str, changes: Any) -> str:
    """SHA-256 (hex) of one event's canonical form; ``changes`` is the decoded JSON value."""
    canonical = json.dumps([FORMAT, prev_hash, at_text, actor, action, entity, entity_id, meeting_id, summary,
                            changes], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # surrogatepass: a lone surrogate that reached a summary must not make auditing fail.
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def normalised(changes: Any) -> Any:
    """``changes`` as it will read back from the database (tuples as lists, keys as strings)."""
    return json.loads(json.dumps(changes, ensure_ascii=False, default=str))


def _row_hash(row: tuple[Any, ...], prev_hash: str) -> str:
    _id, at, actor, action, entity, entity_id, meeting_id, summary, changes, _prev, _own = row
    return event_hash(prev_hash, at, actor, action, entity, entity_id, meeting_id, summary, json.loads(changes))


@dataclass(frozen=True)
class ChainReport:
    events: int
    broken_at: int | None = None  # the id of the first event that does not check out
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def line(self) -> str:
        if self.ok:
            return f"audit trail: ok ({self.events:,} events, hash chain intact)"
        return f"audit trail: broken at event {self.broken_at} ({self.reason})"


def verify(conn: Any) -> ChainReport:  # a DB-API connection (sqlcipher3's, untyped)
    """Walk the events in id order; report the first whose link or hash does not check out."""
    prev, count = GENESIS, 0
    for row in conn.execute(f"SELECT {_COLUMNS} FROM audit_event ORDER BY id"):
        count += 1
        event_id, stored_prev, stored_own = row[0], row[9], row[10]
        if stored_prev != prev:
            return ChainReport(count, event_id, "it does not follow the event before it: an event was removed, "
                                                "added or changed")
        if _row_hash(row, prev) != stored_own:
            return ChainReport(count, event_id, "its content does not match its hash: it was changed")
        prev = stored_own
    return ChainReport(count)


def backfill(conn: Any) -> None:  # a DB-API connection, inside the migration's transaction
    """Chain the events written before the chain existed (migration 0010), in id order."""
    prev = GENESIS
    rows = conn.execute(f"SELECT {_COLUMNS} FROM audit_event ORDER BY id").fetchall()
    for row in rows:
        own = _row_hash(row, prev)
        conn.execute("UPDATE audit_event SET prev_hash = ?, event_hash = ? WHERE id = ?", (prev, own, row[0]))
        prev = own
