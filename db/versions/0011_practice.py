"""practice: attendee roles from the profile, how a Safer Options child came, looked-after date,
the cross-boundary lead decision and the distribution clock

Revision ID: 0011_practice
Revises: 0010_guards
Create Date: 2026-12-01

Additive only, plain ADD COLUMN (never batch mode, which would rebuild tables and drop the search
and guard triggers):
- ``attendee.role_key``: the attendee's role from the profile's list (the free-text role is kept);
- ``meeting_subject.came_through``: how a child came to a Safer Options meeting ("ehm_referral" from
  First Response, "other"), which decides where their copy is filed;
- ``subject.looked_after_on``: the date a child became looked after (the first child in care review
  is due within 20 working days of it);
- ``meeting.lead_area`` / ``lead_area_decided_by``: where harm crosses boundaries, which area leads
  and who decided (the Safer Options Manager and the Deputy Service Manager);
- ``meeting.actions_sent_on`` / ``draft_sent_on`` / ``accuracy_deadline`` / ``accuracy_non_replies``:
  the distribution clock. These are not in 0010's guarded meeting columns, so they can be recorded
  after finalising, as filing is.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0011_practice'
down_revision: str | None = '0010_guards'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString()


def upgrade() -> None:
    op.add_column('attendee', sa.Column('role_key', _TEXT, server_default='', nullable=False))
    op.add_column('meeting_subject', sa.Column('came_through', _TEXT, server_default='', nullable=False))
    op.add_column('subject', sa.Column('looked_after_on', sa.Date(), nullable=True))
    op.add_column('meeting', sa.Column('lead_area', _TEXT, server_default='', nullable=False))
    op.add_column('meeting', sa.Column('lead_area_decided_by', _TEXT, server_default='', nullable=False))
    op.add_column('meeting', sa.Column('actions_sent_on', sa.Date(), nullable=True))
    op.add_column('meeting', sa.Column('draft_sent_on', sa.Date(), nullable=True))
    op.add_column('meeting', sa.Column('accuracy_deadline', sa.Date(), nullable=True))
    op.add_column('meeting', sa.Column('accuracy_non_replies', _TEXT, server_default='', nullable=False))


def downgrade() -> None:
    for table, column in (('meeting', 'accuracy_non_replies'), ('meeting', 'accuracy_deadline'),
                          ('meeting', 'draft_sent_on'), ('meeting', 'actions_sent_on'),
                          ('meeting', 'lead_area_decided_by'), ('meeting', 'lead_area'),
                          ('subject', 'looked_after_on'), ('meeting_subject', 'came_through'),
                          ('attendee', 'role_key')):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
