"""guards: finalised minutes and the audit trail refused changes at the database level

Revision ID: 0010_guards
Revises: 0009_disclosure
Create Date: 2026-12-01

Hand-written, plain SQL: nothing here rebuilds a table (a batch rebuild of ``subject``, ``entry``,
``decision`` or ``action`` would drop their full-text search triggers, see 0003_search).

- ``subject_snapshot``: each subject of a finalised meeting as it stood at finalising; existing
  finalised meetings are snapshotted from the subjects as they are now (the best record there is).
- ``audit_event.prev_hash`` / ``event_hash``: the hash chain (store/audit_chain.py), filled in for
  the events already there, before the triggers below make audit rows unchangeable.
- Triggers that refuse UPDATE and DELETE of a finalised meeting's records: the meeting row, its
  notes, decisions and actions, their subject tags, its subjects, gate overrides and amendments,
  and the subject snapshots. The services refuse first with a friendly message; these catch raw
  SQL and any code path that forgets. INSERT stays allowed: amendments are added to finalised
  minutes, and a finalised meeting can be imported from another laptop. Left open on purpose, as
  the services change them after finalising: filing ticks, the redaction log, disclosure decisions
  and approvals, checklist responses (a deferred item points at the next meeting, which may be
  deleted), and the links ``meeting.series_id``, ``meeting.previous_meeting_id`` and
  ``action.origin_action_id`` (ON DELETE SET NULL when another, unfinalised meeting goes).
- Triggers that refuse UPDATE and DELETE of audit events, always.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0010_guards'
down_revision: str | None = '0009_disclosure'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FROZEN = "EFH Desktop: finalised minutes are not changed; record a correction as an amendment"
AUDIT = "EFH Desktop: audit events are never changed or deleted"


def _finalised(meeting_id_sql: str) -> str:
    return f"(SELECT status FROM meeting WHERE id = {meeting_id_sql}) = 'finalised'"


# table -> (columns an UPDATE may not touch, or "" for all; SQL for the row's meeting id given a row alias)
_RECORDS = {
    "entry": ("", "{r}.meeting_id"),
    "decision": ("", "{r}.meeting_id"),
    "action": ("id, meeting_id, agenda_item_id, description, owner, agency, due_date, category, status, "
               "not_done_reason, completion_note, completed_at, author, created_at, updated_at", "{r}.meeting_id"),
    "entry_subject": ("", "(SELECT meeting_id FROM entry WHERE id = {r}.entry_id)"),
    "decision_subject": ("", "(SELECT meeting_id FROM decision WHERE id = {r}.decision_id)"),
    "action_subject": ("", "(SELECT meeting_id FROM action WHERE id = {r}.action_id)"),
    "meeting_subject": ("", "{r}.meeting_id"),
    "gate_override": ("", "{r}.meeting_id"),
    "amendment": ("", "{r}.meeting_id"),
}
_MEETING_COLUMNS = ("id, uid, type_key, title, starts_at, ends_at, venue, online_link, locality, lead_authority, "
                    "chair_name, chair_role, minute_taker, status, police_operation, officer_in_charge, concerns, "
                    "cross_boundary, actual_start, actual_end, next_meeting_date, next_meeting_reason, "
                    "finalised_by, finalised_at, created_at, updated_at")
_SUBJECT_COLUMNS = ("id", "uid", "kind", "name", "aliases", "locality", "description", "date_of_birth", "lcs_id",
                    "ehm_id", "legal_status", "in_care", "open_referral", "yot_order", "lead_professional",
                    "allocated_worker", "connected_people", "treat_as_child", "place_kind", "address", "archived")
_JSON_COLUMNS = {"aliases", "connected_people"}
_BOOL_COLUMNS = {"in_care", "open_referral", "yot_order", "treat_as_child", "archived"}

def _trigger(name: str, when: str, event: str, table: str, message: str) -> None:
    condition = f" WHEN {when}" if when else ""
    op.execute(f"CREATE TRIGGER {name} BEFORE {event} ON {table}{condition} "
               f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def _snapshot_existing() -> None:
    def value(c: str) -> str:
        if c in _JSON_COLUMNS:
            return f"json(CASE WHEN json_valid(s.{c}) THEN s.{c} ELSE '[]' END)"
        if c in _BOOL_COLUMNS:
            return f"json(CASE WHEN s.{c} THEN 'true' ELSE 'false' END)"
        return f"s.{c}"

    pairs = ", ".join(f"'{c}', {value(c)}" for c in _SUBJECT_COLUMNS)
    op.execute("INSERT INTO subject_snapshot (meeting_id, subject_id, position, reason, payload) "
               f"SELECT ms.meeting_id, s.id, ms.position, ms.reason, json_object({pairs}) "
               "FROM meeting_subject ms JOIN subject s ON s.id = ms.subject_id "
               "JOIN meeting m ON m.id = ms.meeting_id WHERE m.status = 'finalised'")


def upgrade() -> None:
    from efh_desktop.store import audit_chain

    op.create_table('subject_snapshot',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_subject_snapshot_meeting_id_meeting'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'subject_id', name=op.f('pk_subject_snapshot'))
    )
    _snapshot_existing()

    # Plain ADD COLUMN (never batch mode), then the chain over the events already there.
    op.add_column('audit_event', sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                           server_default='', nullable=False))
    op.add_column('audit_event', sa.Column('event_hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                           server_default='', nullable=False))
    audit_chain.backfill(op.get_bind().connection.driver_connection)

    for table, (columns, meeting_of) in _RECORDS.items():
        of = f" OF {columns}" if columns else ""
        _trigger(f"guard_{table}_update", f"{_finalised(meeting_of.format(r='old'))} OR "
                 f"{_finalised(meeting_of.format(r='new'))}", f"UPDATE{of}", table, FROZEN)
        _trigger(f"guard_{table}_delete", _finalised(meeting_of.format(r="old")), "DELETE", table, FROZEN)
    _trigger("guard_meeting_update", "old.status = 'finalised'", f"UPDATE OF {_MEETING_COLUMNS}", "meeting", FROZEN)
    _trigger("guard_meeting_delete", "old.status = 'finalised'", "DELETE", "meeting", FROZEN)
    _trigger("guard_subject_snapshot_update", "", "UPDATE", "subject_snapshot", FROZEN)
    _trigger("guard_subject_snapshot_delete", "", "DELETE", "subject_snapshot", FROZEN)
    _trigger("guard_audit_event_update", "", "UPDATE", "audit_event", AUDIT)
    _trigger("guard_audit_event_delete", "", "DELETE", "audit_event", AUDIT)


def downgrade() -> None:
    for table in (*_RECORDS, "meeting", "subject_snapshot", "audit_event"):
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS guard_{table}_{event}")
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('event_hash')
        batch_op.drop_column('prev_hash')
    op.drop_table('subject_snapshot')
