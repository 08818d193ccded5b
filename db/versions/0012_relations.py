"""relations: what is known about a link and its source, membership dates, intervention outcomes,
ecomap positions

Revision ID: 0012_relations
Revises: 0011_practice
Create Date: 2026-12-01

Additive only, and no table rebuilt: ``ALTER TABLE … ADD COLUMN`` keeps the full-text search
triggers on ``action`` (0003_search) and the finalised-minutes guards (0010_guards) as they are.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = '0012_relations'
down_revision: str | None = '0011_practice'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('subject_link', sa.Column('known', sqlmodel.sql.sqltypes.AutoString(), server_default='',
                                            nullable=False))
    op.add_column('subject_link', sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), server_default='',
                                            nullable=False))
    op.add_column('subject_link', sa.Column('from_date', sa.Date(), nullable=True))
    op.add_column('subject_link', sa.Column('to_date', sa.Date(), nullable=True))
    op.add_column('subject_link', sa.Column('entry_id', sa.Integer(), nullable=True))
    op.add_column('action', sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), server_default='',
                                      nullable=False))
    op.add_column('action', sa.Column('outcome_rating', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      server_default='', nullable=False))
    op.add_column('action', sa.Column('outcome_evidence', sqlmodel.sql.sqltypes.AutoString(), server_default='',
                                      nullable=False))
    op.create_table('ecomap_position',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('view', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('node', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ecomap_position'))
    )
    with op.batch_alter_table('ecomap_position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ecomap_position_view'), ['view'], unique=False)
    op.create_index('ix_subject_link_relation', 'subject_link', ['relation'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_subject_link_relation', table_name='subject_link')
    with op.batch_alter_table('ecomap_position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ecomap_position_view'))
    op.drop_table('ecomap_position')
    for column in ('outcome_evidence', 'outcome_rating', 'outcome'):
        op.drop_column('action', column)
    for column in ('entry_id', 'to_date', 'from_date', 'source', 'known'):
        op.drop_column('subject_link', column)
