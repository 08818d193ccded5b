"""Unrecorded text in the capture form, kept inside the encrypted database until it is recorded.

Locking clears the window (case data must not stay on screen or in widgets), so whatever the
minute-taker had typed is saved here first and put back when the meeting is opened again.
"""

from __future__ import annotations

from typing import Any

from efh_desktop.domain.text_rules import without_surrogates
from efh_desktop.services.context import AppContext
from efh_desktop.store.tables import Draft, Meeting


class DraftService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def save(self, meeting_id: int, payload: dict[str, Any]) -> None:
        """Keep ``payload`` (an empty one removes the draft). Not audited: it is not yet a record."""
        with self._ctx.transaction() as (session, _audit):
            draft = session.get(Draft, meeting_id)
            if not payload:
                if draft is not None:
                    session.delete(draft)
                return
            if session.get(Meeting, meeting_id) is None:
                return
            draft = draft or Draft(meeting_id=meeting_id)
            draft.payload, draft.updated_at = _storable(dict(payload)), self._ctx.clock.now()
            session.add(draft)

    def load(self, meeting_id: int) -> dict[str, Any]:
        with self._ctx.reading() as session:
            draft = session.get(Draft, meeting_id)
            return dict(draft.payload) if draft else {}


def _storable(value: Any) -> Any:
    """The payload with every text made storable: half-typed text may hold a lone surrogate."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value
