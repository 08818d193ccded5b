"""Developer tool: autogenerate a migration from the difference between the tables and the schema.

    python -m efh_desktop.store.make_migration "what changed" [--rev-id 0002_name]

Works on an in-memory database brought to the current head, so no file and no key are involved.
"""

from __future__ import annotations

import argparse

import sqlcipher3
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from efh_desktop.store.migrations import alembic_config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("--rev-id", default=None)
    args = parser.parse_args()

    from alembic import command

    engine = create_engine("sqlite://", creator=lambda: sqlcipher3.connect(":memory:"),
                           module=sqlcipher3, poolclass=StaticPool)
    with engine.connect() as conn:
        cfg = alembic_config(conn)
        command.upgrade(cfg, "head")
        conn.commit()
        command.revision(cfg, message=args.message, autogenerate=True, rev_id=args.rev_id)


if __name__ == "__main__":
    main()
