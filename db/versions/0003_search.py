"""full-text search: FTS5 indexes over notes, decisions, actions and subjects

Revision ID: 0003_search
Revises: 0002_setup
Create Date: 2026-11-27

Hand-written (autogenerate ignores FTS tables, see db/env.py). The indexes live in the same
SQLCipher file as the rows they index, so they are encrypted with it.

- ``entry_fts``, ``decision_fts``, ``action_fts``: FTS5 *external content* tables over the record
  tables (the text is not stored twice), kept in step by AFTER INSERT / UPDATE OF / DELETE triggers.
- ``subject_fts``: an ordinary FTS5 table (it stores its own copy of what it indexes), because what
  is searched is derived: the name, the aliases (a JSON list, joined by spaces) and the two case
  identifiers. Its row id is ``subject.id``.
- ``tokenize='unicode61 remove_diacritics 2'``: case- and accent-insensitive ("zoe" finds "Zoë").
- ``secure-delete`` on every index: deleted or overwritten text leaves no trace in the FTS5 b-tree
  (``PRAGMA secure_delete`` zeroes freed pages but does not clean FTS5's own segments).
- ``rank`` is bm25 with the main text weighted above labels such as the agency.

No trigram index: prefix queries ("Quarr" finds "Quarrington") answer name searches well inside
the goal on the large benchmark store (benchmarks/search_bench.py), and a trigram index over the
notes would roughly double the index for substring matches nobody asked for.

Caution for later migrations: Alembic's batch mode rebuilds a table by creating a copy, dropping
the original and renaming the copy, and dropping a table drops its triggers. A migration that
batch-alters ``entry``, ``decision``, ``action`` or ``subject`` must re-create that table's
triggers (copy them from here) and rebuild its index. tests/test_search.py checks the triggers
exist at head.
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0003_search'
down_revision: str | None = '0002_setup'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"

# index name -> (content table, indexed columns, bm25 weights)
EXTERNAL = {
    "entry_fts": ("entry", ("text", "source_agency"), "10.0, 2.0"),
    "decision_fts": ("decision", ("text", "rationale", "dissent"), "10.0, 6.0, 6.0"),
    "action_fts": ("action", ("description", "completion_note", "owner", "agency"), "10.0, 6.0, 4.0, 2.0"),
}

# What subject_fts holds for a subject row ``r`` (``new`` or ``old`` in a trigger). Aliases are
# stored as a JSON list (possibly with \u escapes), so they are decoded with json_each; a value
# that is not valid JSON is indexed as it is rather than failing the write.
_ALIASES = ("coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid({r}.aliases) "
            "THEN {r}.aliases ELSE json_array({r}.aliases) END)), '')")
_IDS = "trim(coalesce({r}.lcs_id, '') || ' ' || coalesce({r}.ehm_id, ''))"


def _subject_values(r: str) -> str:
    return f"{r}.id, {r}.name, {_ALIASES.format(r=r)}, {_IDS.format(r=r)}"


def upgrade() -> None:
    for name, (table, columns, weights) in EXTERNAL.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(f"CREATE VIRTUAL TABLE {name} USING fts5({cols}, content='{table}', content_rowid='id', "
                   f"{TOKENIZE})")
        op.execute(f"INSERT INTO {name}({name}, rank) VALUES('secure-delete', 1)")
        op.execute(f"INSERT INTO {name}({name}, rank) VALUES('rank', 'bm25({weights})')")
        op.execute(f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {name}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
        # Only when an indexed column changes: a status or timestamp change leaves the index alone.
        op.execute(f"CREATE TRIGGER {name}_au AFTER UPDATE OF id, {cols} ON {table} BEGIN "
                   f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {name}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"INSERT INTO {name}({name}) VALUES('rebuild')")

    op.execute(f"CREATE VIRTUAL TABLE subject_fts USING fts5(name, aliases, ids, {TOKENIZE})")
    op.execute("INSERT INTO subject_fts(subject_fts, rank) VALUES('secure-delete', 1)")
    op.execute("INSERT INTO subject_fts(subject_fts, rank) VALUES('rank', 'bm25(10.0, 8.0, 5.0)')")
    op.execute("CREATE TRIGGER subject_fts_ai AFTER INSERT ON subject BEGIN "
               f"INSERT INTO subject_fts(rowid, name, aliases, ids) VALUES ({_subject_values('new')}); END")
    op.execute("CREATE TRIGGER subject_fts_ad AFTER DELETE ON subject BEGIN "
               "DELETE FROM subject_fts WHERE rowid = old.id; END")
    op.execute("CREATE TRIGGER subject_fts_au AFTER UPDATE OF id, name, aliases, lcs_id, ehm_id ON subject BEGIN "
               "DELETE FROM subject_fts WHERE rowid = old.id; "
               f"INSERT INTO subject_fts(rowid, name, aliases, ids) VALUES ({_subject_values('new')}); END")
    op.execute(f"INSERT INTO subject_fts(rowid, name, aliases, ids) SELECT {_subject_values('subject')} "
               "FROM subject")


def downgrade() -> None:
    for name in (*EXTERNAL, "subject_fts"):
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {name}")
