"""subject generation: a counter the database bumps whenever a subject row changes (issue 17)

Revision ID: 0016_subject_generation
Revises: 0015_indexes
Create Date: 2026-12-01

Export planning asks which children of the whole store are named in a meeting's minutes (a
disclosure copy masks them). Reading every child for every plan cost a second on the extra-large
store, so the answer is built from an index of the children's name words kept in memory
(services/child_name_sieve.py). That index is only as good as its freshness: a stale one could leave
a child unmasked in a family's copy. ``store_generation`` holds one row per watched table; the
triggers below add one to the ``subject`` row in the same transaction as any INSERT, UPDATE (of any
column) or DELETE on ``subject``, from any connection or process, raw SQL included. Reading the
row in the plan's own read transaction therefore says exactly which state of the subject table
that transaction sees; the index is rebuilt whenever it differs (or a trigger is missing).

Additive: one new table, three triggers; no existing table is rebuilt, so the search triggers of
0003_search stay. A later migration that batch-alters ``subject`` drops these triggers with the
table and must re-create them (copy them from here); without them the sieve reads every child on
every plan (it checks they exist), and tests/test_child_name_sieve.py fails.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016_subject_generation'
down_revision: str | None = '0015_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = {
    "subject_generation_ai": "AFTER INSERT ON subject",
    "subject_generation_au": "AFTER UPDATE ON subject",
    "subject_generation_ad": "AFTER DELETE ON subject",
}


def upgrade() -> None:
    op.create_table(
        "store_generation",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_generation")),
    )
    op.execute("INSERT INTO store_generation (name, value) VALUES ('subject', 0)")
    for name, when in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN "
                   "UPDATE store_generation SET value = value + 1 WHERE name = 'subject'; END")


def downgrade() -> None:
    for name in reversed(TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("store_generation")
