"""The benchmark data generator keeps up with the schema (issue 17: it broke silently at 0007).

A tiny synthetic store is built through the real first-run path (migrations to head) and checked:
every NOT NULL column of every table the generator fills has a value in every row, JSON columns
hold JSON rather than ``null``, unique ids are unique, and the schema-0009 columns and tables are
written. A new NOT NULL column (or table) then fails here, not weeks later in a benchmark nobody ran.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from benchmarks import synthetic_data
from benchmarks.model_rows import RowFactory, not_null_without_value

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
TINY = synthetic_data.Size("tiny", meetings=24, children=40, actions=120, entries=300)


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory, profile):
    from efh_desktop.services.unlock_service import UnlockService

    folder = tmp_path_factory.mktemp("synthetic") / "store"
    summary = synthetic_data.create_store(folder, TINY, passphrase="tiny passphrase", seed=7)
    services, _ = UnlockService(folder, profile, "Test User").unlock("tiny passphrase")
    yield services, summary
    services.lock()


def test_every_model_row_has_a_value_for_every_not_null_column():
    """Whatever the generator leaves out, the model-derived row fills (or leaves to a server default).
    Foreign keys cannot be guessed: a table with a NOT NULL foreign key and no default must be
    filled by the generator itself, so it is named here."""
    from efh_desktop.store import tables

    tables.load_all()  # every table on SQLModel.metadata

    unfilled = {}
    for table in SQLModel.metadata.sorted_tables:
        model = next((m for m in SQLModel.__subclasses__() if getattr(m, "__table__", None) is table), None)
        make = RowFactory(model or table, now=NOW)
        row = make({c.name: 1 for c in table.columns if c.foreign_keys or c.primary_key})
        missing = not_null_without_value(make, row)
        if missing:
            unfilled[table.name] = missing
    assert unfilled == {}


def test_a_new_not_null_column_gets_a_neutral_value():
    """A column a future migration adds, with no default at all, still gets a value of its type."""
    metadata = sa.MetaData()
    table = sa.Table("future", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("label", sa.String, nullable=False), sa.Column("count", sa.Integer, nullable=False),
                     sa.Column("flag", sa.Boolean, nullable=False), sa.Column("at", sa.DateTime, nullable=False),
                     sa.Column("day", sa.Date, nullable=False), sa.Column("blob", sa.JSON, nullable=False),
                     sa.Column("note", sa.String, nullable=True),
                     sa.Column("level", sa.Integer, nullable=False, server_default="3"),
                     sa.Column("owner_id", sa.Integer, sa.ForeignKey("other.id"), nullable=False))
    sa.Table("other", metadata, sa.Column("id", sa.Integer, primary_key=True))
    make = RowFactory(table, now=NOW)
    row = make(name_of_a_removed_column="dropped")
    assert row == {"label": "", "count": 0, "flag": False, "at": NOW, "day": NOW.date(), "blob": [], "note": None,
                   "owner_id": None}
    assert make.omitted == {"id", "level"}
    assert make.missing == ["owner_id"]  # the generator must say which row it belongs to


def test_uids_are_deterministic_and_distinct():
    from efh_desktop.store.tables import Meeting

    first = [RowFactory(Meeting, now=NOW, seed=5)()["uid"] for _ in range(1)]
    make = RowFactory(Meeting, now=NOW, seed=5)
    uids = [make()["uid"] for _ in range(500)]
    assert uids[0] == first[0]
    assert len(set(uids)) == 500
    assert all(len(u) == 32 and int(u, 16) >= 0 for u in uids)
    assert make()["created_at"] == NOW  # the clock is never read


def test_tiny_store_has_no_null_in_a_not_null_column(tiny_store):
    services, summary = tiny_store
    counts = summary["counts"]
    from efh_desktop.store import tables

    tables.load_all()

    problems = []
    with services.store.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if not counts.get(table.name):
                continue
            for column in table.columns:
                if column.nullable:
                    continue
                nulls = conn.execute(sa.select(sa.func.count()).select_from(table)
                                     .where(column.is_(None))).scalar_one()
                if nulls:
                    problems.append(f"{table.name}.{column.name}: {nulls} NULL")
                if isinstance(column.type, sa.JSON):
                    bad = conn.exec_driver_sql(f'SELECT count(*) FROM "{table.name}" WHERE "{column.name}" = '
                                               "'null' OR NOT json_valid(\"" + column.name + "\")").scalar_one()
                    if bad:
                        problems.append(f"{table.name}.{column.name}: {bad} not JSON")
            for column in table.columns:
                if column.unique:
                    dupes = conn.exec_driver_sql(f'SELECT count(*) - count(DISTINCT "{column.name}") '
                                                 f'FROM "{table.name}"').scalar_one()
                    if dupes:
                        problems.append(f"{table.name}.{column.name}: {dupes} repeated")
    assert problems == []


def test_tiny_store_fills_the_schema_0009_columns_and_tables(tiny_store):
    services, summary = tiny_store
    counts = summary["counts"]
    assert counts["disclosure_decision"] > 0 and counts["disclosure_approval"] > 0
    with services.store.engine.connect() as conn:
        people = [json.loads(v) for (v,) in conn.exec_driver_sql(
            "SELECT connected_people FROM subject WHERE kind = 'child'")]
        assert any(people) and all(isinstance(p, list) for p in people)
        assert all({"name", "relationship"} <= set(person) for p in people for person in p)
        assert conn.exec_driver_sql("SELECT count(*) FROM subject WHERE treat_as_child").scalar_one() > 0
        # Finalised last, as the app does; every disclosure decision is about a finalised meeting.
        assert conn.exec_driver_sql("SELECT count(*) FROM meeting WHERE status = 'finalised' "
                                    "AND finalised_at IS NOT NULL AND finalised_by != ''").scalar_one() > 0
        assert conn.exec_driver_sql("SELECT count(*) FROM disclosure_decision d JOIN meeting m "
                                    "ON m.id = d.meeting_id WHERE m.status != 'finalised'").scalar_one() == 0


def test_tiny_store_search_index_and_its_triggers_survive_the_bulk_load(tiny_store):
    services, _summary = tiny_store
    with services.store.engine.connect() as conn:
        triggers = {name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for index in ("entry_fts", "decision_fts", "action_fts", "subject_fts"):
            assert {f"{index}_ai", f"{index}_ad", f"{index}_au"} <= triggers
        conn.exec_driver_sql("INSERT INTO entry_fts(entry_fts, rank) VALUES('integrity-check', 1)")
    assert services.search.search("school"), "the rebuilt index finds what the notes say"
    assert services.check().ok


def test_generation_is_deterministic(profile):
    first = synthetic_data.Generator(TINY, profile, seed=3, audit=False)
    second = synthetic_data.Generator(TINY, profile, seed=3, audit=False)
    assert list(first.subjects()) == list(second.subjects())
