"""At every open: find the exports a crash interrupted (an "…_started" audit event with no end) and
close them (services/export_writer.py says how an export is written as an intent).

The look is SQLAlchemy Core only (store/core_tables.py): it runs while the window unlocks, before the
ORM is loaded (issue 17: start-up). Only when an intent is still open is the export writer imported,
to remove its temporary files and record the close.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from sqlalchemy import func, select

from efh_desktop.atomic_write import atomic_write_text
from efh_desktop.services.context import AppContext
from efh_desktop.store.core_tables import audit_event

log = logging.getLogger(__name__)
STARTED, FAILED, INTERRUPTED = "_started", "_failed", "_interrupted"
# Beside the database: the audit id from which open intents are looked for (not case data).
CHECKPOINT_FILENAME = "export-check.json"
SAVE_EVERY = 1000


def recover_interrupted(ctx: AppContext) -> list[str]:
    """Close every export intent a crash left open; return one sentence per export for the user.

    Never stops an open: a damaged page or a busy database is for ``check`` and the next start."""
    try:
        return _recover(ctx)
    except Exception as exc:  # noqa: BLE001
        log.warning("interrupted exports not checked: %s", type(exc).__name__)
        return []


def _scan_from(ctx: AppContext) -> int:
    try:
        if ctx.data_dir is None:
            raise TypeError("no data folder")
        value = json.loads((Path(ctx.data_dir) / CHECKPOINT_FILENAME).read_text(encoding="utf-8"))["audit_id"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0  # missing or unreadable: look through the whole trail once
    return value if isinstance(value, int) and value >= 0 else 0


def _save_scan_from(ctx: AppContext, value: int, old: int) -> None:
    # Rewritten rarely: only once the look-back has grown past SAVE_EVERY events (so an open
    # usually writes nothing at all into the data folder), or after a restore moved it back.
    if ctx.data_dir is None or old <= value < old + SAVE_EVERY:
        return
    try:
        atomic_write_text(Path(ctx.data_dir) / CHECKPOINT_FILENAME, json.dumps({"audit_id": value}) + "\n")
    except OSError:
        log.warning("export check point not saved")


def _intent(changes: object) -> str | None:
    """An event's intent token; None when its changes are not what our writer records (a row not
    written by this app: SQL NULL's JSON, a list, a token that is not text)."""
    token = changes.get("intent") if isinstance(changes, dict) else None
    return token if isinstance(token, str) and token else None


def _recover(ctx: AppContext) -> list[str]:
    # This runs at every open, so it reads only the audit events since the oldest intent that was
    # still open last time (a number kept beside the database), comparing the short action only.
    kinds = [f"{a}{suffix}" for a in ("export", "backup") for suffix in ("", STARTED, FAILED, INTERRUPTED)]
    old = first = _scan_from(ctx) if ctx.data_dir is not None else 0
    e = audit_event.c
    with ctx.connection() as connection:
        top = connection.execute(select(func.max(e.id))).scalar_one() or 0
        if first > top + 1:
            first = 0  # a database restored from a backup (or another one): look through it all
        rows = connection.execute(select(e.id, e.action, e.changes)
                                  .where(e.id >= first, e.action.in_(kinds))).all()
        closed = {_intent(changes) for _id, action, changes in rows if not action.endswith(STARTED)}
        open_ids = sorted(i for i, action, changes in rows if action.endswith(STARTED)
                          and _intent(changes) is not None and _intent(changes) not in closed)
        started = (connection.execute(select(e.id, e.action, e.entity, e.entity_id, e.meeting_id, e.changes)
                                      .where(e.id.in_(open_ids)).order_by(e.id)).all() if open_ids else [])
    notes: list[str] = []
    still_open: list[int] = []
    if started:
        from efh_desktop.services.export_writer import close_interrupted

        for event in started:
            try:
                note, closed_now = close_interrupted(ctx, event)
            except Exception as exc:  # noqa: BLE001 - an odd intent must not keep the others' plaintext
                log.warning("an interrupted export not closed: %s", type(exc).__name__)
                note, closed_now = "", False
            if not closed_now:
                still_open.append(event.id)
            if note:
                notes.append(note)
    _save_scan_from(ctx, min(still_open) if still_open else top + 1, old)
    return notes
