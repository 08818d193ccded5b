"""Alembic environment for EFH Desktop.

Migrations run only on the application's own keyed connection, passed in through
``config.attributes["connection"]``: there is no database URL anywhere (it would have to carry the
key). Batch mode because SQLite can barely ALTER a table.
"""

from alembic import context
from sqlmodel import SQLModel

import efh_desktop.store.tables  # noqa: F401  - registers every table on SQLModel.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "EFH Desktop migrations run through the application (efh-desktop check / start-up), "
        "not the alembic command line: the database is encrypted and needs its key."
    )

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
