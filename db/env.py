"""Alembic environment for EFH Desktop.

Migrations run only on the application's own keyed connection, passed in through
``config.attributes["connection"]``: there is no database URL anywhere (it would have to carry the
key). Batch mode because SQLite can barely ALTER a table.
"""

from alembic import context
from sqlmodel import SQLModel

from efh_desktop.store.tables import load_all

load_all()  # every table on SQLModel.metadata (the package imports them lazily)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "EFH Desktop migrations run through the application (efh-desktop check / start-up), "
        "not the alembic command line: the database is encrypted and needs its key."
    )

# Full-text search indexes (FTS5 virtual tables and the shadow tables SQLite keeps for them) are
# made by hand-written migrations (0003_search): autogenerate must neither drop nor diff them.
FTS_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_content", "_fts_docsize", "_fts_config")


def include_name(name, type_, parent_names) -> bool:
    return not (type_ == "table" and name is not None and name.endswith(FTS_SUFFIXES))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return include_name(name, type_, {})


context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
