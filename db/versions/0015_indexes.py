"""indexes: the hot screens read by index, flat with the store's size (issue 17)

Revision ID: 0015_indexes
Revises: 0012_relations
Create Date: 2026-12-01

Plain CREATE INDEX only (no table is rebuilt, so the search triggers of 0003_search stay):

- ``meeting (previous_meeting_id)``: "the next meeting in this series" and "does the next meeting
  exist yet" were a full scan of ``meeting``.
- ``action (status, due_date)``: the all-actions tracker pages overdue first (open, by due date)
  then the rest, a page at a time, instead of reading every action.
- ``action (agenda_item_id)``, ``decision (agenda_item_id)``: the live list reads one agenda
  item's records (notes already had this index).
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0015_indexes'
down_revision: str | None = '0012_relations'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_meeting_previous_meeting_id", "meeting", ("previous_meeting_id",)),
    ("ix_action_status_due_date", "action", ("status", "due_date")),
    ("ix_action_agenda_item_id", "action", ("agenda_item_id",)),
    ("ix_decision_agenda_item_id", "decision", ("agenda_item_id",)),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns), unique=False, if_not_exists=True)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table, if_exists=True)
