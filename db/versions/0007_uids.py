"""stable ids for meeting interchange

Revision ID: 0007_uids
Revises: 0006_drafts
Create Date: 2026-11-27
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  - autogenerate writes sqlmodel.sql.sqltypes.AutoString
from alembic import op


revision: str = '0007_uids'
down_revision: str | None = '0006_drafts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX, not batch mode: a batch rebuild of "subject" would drop the
    # full-text search triggers (see 0003_search). Existing rows get random ids.
    for table in ("meeting", "subject"):
        op.add_column(table, sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                       server_default=""))
        op.execute(f"UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE uid = ''")
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)


def downgrade() -> None:
    for table in ("subject", "meeting"):
        op.drop_index(f"ix_{table}_uid", table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("uid")
