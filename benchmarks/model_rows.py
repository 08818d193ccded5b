"""Rows for bulk inserts derived from the tables themselves, so a new column cannot break the generator.

``RowFactory(table)`` knows, for every column of the table as the models declare it today, what a
row gets when the generator says nothing about that column:

- the model's own default (``Field(default=...)``, copied when mutable);
- a ``default_factory``, called per row, except the two that would make the data differ from run
  to run: the clock (``utcnow``) gives the generator's fixed ``now`` and a random ``uid`` gives a
  deterministic 32-hex id derived from the seed, the table and a per-table counter;
- a column with a server default (``server_default=``) is left out of the INSERT, so the database
  fills it exactly as a migration declared;
- a nullable column gets NULL;
- a NOT NULL column with none of those gets a neutral value for its type ("" for text, 0 for numbers,
  False, the fixed ``now`` for datetimes and its date for dates, ``[]`` / ``{}`` for JSON), so a new
  NOT NULL column added by a migration still gets a value. A NOT NULL **foreign key** without a
  default cannot be guessed: :meth:`RowFactory.missing` names it, and ``tests/test_synthetic_data.py``
  fails until the generator supplies it.

Values the generator gives for a column the table no longer has are dropped (a renamed or removed
column then costs realism, not a crash). Every row has the same keys, as ``executemany`` needs.
"""

from __future__ import annotations

import copy
import hashlib
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

Value = Callable[[], Any]

_UNSET = object()


def _is_autoincrement_pk(column: sa.Column) -> bool:
    table = column.table
    pk = list(table.primary_key.columns)
    return len(pk) == 1 and pk[0] is column and isinstance(column.type, sa.Integer)


def _json_empty(annotation: Any) -> Any:
    origin = typing.get_origin(annotation) or annotation
    if origin is dict:
        return {}
    return []


def _neutral(column: sa.Column, annotation: Any, now: datetime) -> Any:
    """A harmless value for a NOT NULL column nobody described (by its SQL type)."""
    kind = column.type
    if isinstance(kind, sa.JSON):
        return _json_empty(annotation)
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.DateTime):
        return now
    if isinstance(kind, sa.Date):
        return now.date()
    if isinstance(kind, sa.Time):
        return now.time()
    if isinstance(kind, sa.Integer | sa.Numeric | sa.Float):
        return 0
    if isinstance(kind, sa.LargeBinary):
        return b""
    return ""


class RowFactory:
    """Complete rows for one table: ``factory(id=1, name="…")`` returns a dict with every column."""

    def __init__(self, table: Any, *, now: datetime, seed: int = 0, model: Any = None) -> None:
        if hasattr(table, "__table__"):  # a SQLModel class
            model, table = table, table.__table__
        self.table: sa.Table = table
        self.now = now
        self.seed = seed
        self._uid_counter = 0
        self.columns = {c.name for c in table.columns}
        fields = getattr(model, "model_fields", {}) if model is not None else {}
        self._fixed: dict[str, Any] = {}     # same value every row (immutable)
        self._per_row: dict[str, Value] = {}  # computed per row
        self.omitted: set[str] = set()        # left to the database (server default, or autoincrement id)
        self.missing: list[str] = []          # NOT NULL foreign keys nothing can supply
        for column in table.columns:
            value = self._plan(column, fields.get(column.name))
            if value is _UNSET:
                continue
            if callable(value):
                self._per_row[column.name] = value
            else:
                self._fixed[column.name] = value

    # -- what each column gets -------------------------------------------------------------------
    def _plan(self, column: sa.Column, field: Any) -> Any:
        name = column.name
        if _is_autoincrement_pk(column):
            self.omitted.add(name)
            return _UNSET
        if field is not None:
            factory = getattr(field, "default_factory", None)
            if factory is not None:
                return self._from_factory(column, factory, field.annotation)
            default = field.default
            if default is not None and not _undefined(default):
                return (lambda d=default: copy.deepcopy(d)) if isinstance(default, list | dict | set) else default
        elif column.default is not None:  # a plain SQLAlchemy table
            arg = column.default.arg
            if callable(arg):
                return self._from_factory(column, lambda a=arg: a(None), None)
            return arg
        if column.server_default is not None:
            self.omitted.add(name)
            return _UNSET
        if column.nullable:
            return None
        if column.foreign_keys:
            self.missing.append(name)
            return None
        annotation = getattr(field, "annotation", None)
        neutral = _neutral(column, annotation, self.now)
        return (lambda v=neutral: copy.deepcopy(v)) if isinstance(neutral, list | dict) else neutral

    def _from_factory(self, column: sa.Column, factory: Callable[[], Any], annotation: Any) -> Any:
        sample = factory()
        if isinstance(sample, datetime):
            return self.now
        if isinstance(sample, date):
            return self.now.date()
        if column.name == "uid" or (column.unique and isinstance(sample, str)):
            width = len(sample) if isinstance(sample, str) and sample else 32
            return lambda: self._uid(width)
        if isinstance(sample, list | dict | set):
            return factory
        return sample  # an immutable constant

    def _uid(self, width: int) -> str:
        self._uid_counter += 1
        text = f"{self.seed}:{self.table.name}:{self._uid_counter}".encode()
        return hashlib.blake2b(text, digest_size=16).hexdigest()[:width]

    # -- rows -------------------------------------------------------------------------------------
    def __call__(self, given: dict[str, Any] | None = None, /, **values: Any) -> dict[str, Any]:
        if given:
            values = {**given, **values}
        row = dict(self._fixed)
        for name, make in self._per_row.items():
            if name not in values:
                row[name] = make()
        for name, value in values.items():
            if name in self.columns:
                row[name] = value
        for name in self.omitted:
            if name in values:
                continue
            row.pop(name, None)
        return row

    def keys(self, **values: Any) -> set[str]:
        """The columns a row made with these keys writes (for checks and tests)."""
        return set(self(**values))


def _undefined(value: Any) -> bool:
    try:
        from pydantic_core import PydanticUndefined
    except ImportError:  # pragma: no cover
        return False
    return value is PydanticUndefined


def not_null_without_value(factory: RowFactory, row: dict[str, Any]) -> list[str]:
    """NOT NULL columns that ``row`` leaves NULL and the database would not fill (should be empty)."""
    out = []
    for column in factory.table.columns:
        if column.nullable or column.name in factory.omitted:
            continue
        if row.get(column.name) is None:
            out.append(column.name)
    return out


class BulkWriter:
    """``executemany`` straight on the DBAPI cursor, with each column's own SQLAlchemy bind processor
    (UTC datetimes, JSON, dates, booleans converted exactly as the ORM would write them).

    SQLAlchemy Core's executemany builds a parameter dict per row through the compiler; for millions
    of rows that costs more than SQLite's own work, so the extra-large store uses this instead.
    """

    def __init__(self, conn: Any, table: sa.Table) -> None:
        self.conn = conn  # a SQLAlchemy Connection inside a transaction
        self.table = table
        self.dialect = conn.dialect
        self._statements: dict[tuple[str, ...], tuple[str, list[Any]]] = {}

    def _statement(self, keys: tuple[str, ...]) -> tuple[str, list[Any]]:
        found = self._statements.get(keys)
        if found is None:
            columns = [self.table.c[k] for k in keys]
            names = ", ".join(f'"{k}"' for k in keys)
            marks = ", ".join("?" for _ in keys)
            sql = f'INSERT INTO "{self.table.name}" ({names}) VALUES ({marks})'
            processors = [c.type._cached_bind_processor(self.dialect) for c in columns]
            found = self._statements[keys] = (sql, processors)
        return found

    def write(self, rows: list[dict[str, Any]]) -> int:
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(row)
        cursor = self.conn.connection.dbapi_connection.cursor()
        try:
            for keys, members in groups.items():
                sql, processors = self._statement(keys)
                pairs = list(zip(keys, processors, strict=True))
                cursor.executemany(sql, [tuple(p(row[k]) if p is not None and row[k] is not None else row[k]
                                               for k, p in pairs) for row in members])
        finally:
            cursor.close()
        return len(rows)
