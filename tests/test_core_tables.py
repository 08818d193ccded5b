"""The light Core views the window reads before the ORM is loaded (store/core_tables.py) must stay the
tables' own: every column by the same name and type, and times stored and read back exactly as
SQLModel's own type does (issue 17: start-up fills the list with SQLAlchemy Core alone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Integer,
    SmallInteger,
    String,
    Text,
    Unicode,
    UnicodeText,
)
from sqlalchemy.dialects import sqlite
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString
from sqlmodel.sql.sqltypes import UTCDateTime as SQLModelUTCDateTime

from efh_desktop.store import core_tables
from efh_desktop.store.tables import load_all

# Each light type, and the types the table itself may declare for that column: exactly these classes
# (an Enum is a String, and a TypeDecorator can change what is read: neither reads as the light view).
_SAME = {core_tables.UTCDateTime: (SQLModelUTCDateTime,), String: (String, Text, Unicode, UnicodeText),
         Integer: (Integer, BigInteger, SmallInteger), Date: (Date,), Boolean: (Boolean,), JSON: (JSON,)}


def light_differences(light, real) -> list[str]:
    """Where the light view ``light`` is not the table ``real``: a column missing, or typed otherwise."""
    found = []
    for column in light.columns:
        if column.name not in real.c:
            found.append(f"{light.name}.{column.name} is not a column of the table")
            continue
        declared = real.c[column.name].type
        if type(declared) is AutoString:
            declared = declared.impl_instance  # SQLModel's AutoString is a String underneath, read as one
        if type(declared) not in _SAME[type(column.type)]:
            found.append(f"{light.name}.{column.name} is {declared!r} in the table, {column.type!r} here")
    return found


@pytest.mark.parametrize("light", core_tables.ALL, ids=lambda t: t.name)
def test_every_light_column_is_the_tables_own_by_name_and_type(light):
    load_all()
    assert light_differences(light, SQLModel.metadata.tables[light.name]) == []


_DIALECT = sqlite.dialect()
_ZONES = st.sampled_from([UTC, ZoneInfo("Europe/London"), ZoneInfo("Asia/Kolkata"), ZoneInfo("America/St_Johns"),
                          timezone(timedelta(hours=-11)), timezone(timedelta(hours=13, minutes=45))])
_TIMES = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30), timezones=_ZONES)


def _stored(kind, value):
    """What the SQLite dialect hands the driver for ``value`` in a column of type ``kind``."""
    bound = kind.process_bind_param(value, _DIALECT)
    processor = kind.impl_instance.bind_processor(_DIALECT)
    return processor(bound) if processor else bound


@given(_TIMES)
def test_a_time_is_stored_as_sqlmodel_stores_it(value):
    assert _stored(core_tables.UTCDateTime(), value) == _stored(SQLModelUTCDateTime(), value)


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)), st.booleans())
def test_a_stored_time_reads_back_as_sqlmodel_reads_it(naive, aware):
    value = naive.replace(tzinfo=timezone(timedelta(hours=2))) if aware else naive
    ours = core_tables.UTCDateTime().process_result_value(value, _DIALECT)
    theirs = SQLModelUTCDateTime().process_result_value(value, _DIALECT)
    assert ours == theirs and ours.tzinfo is not None and ours.utcoffset() == timedelta(0)
    assert core_tables.UTCDateTime().process_result_value(None, _DIALECT) is None


def test_a_time_without_its_zone_is_refused_as_sqlmodel_refuses_it():
    for kind in (core_tables.UTCDateTime(), SQLModelUTCDateTime()):
        with pytest.raises(ValueError):
            kind.process_bind_param(datetime(2026, 6, 4, 10, 0), _DIALECT)


def test_the_list_read_in_core_is_the_meeting_as_saved(services):
    """A meeting saved through the ORM is listed, by Core, with the same start (an aware UTC time,
    for a meeting held in British Summer Time) and the same fields."""
    starts = datetime(2026, 6, 4, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    made = services.meetings.create("complex_strategy", starts, title="Operation Ŵyn: İlkay & Zoë <b>",
                                    locality="Llanfair-ym-Muallt")
    page = services.meeting_list.page()
    row = next(r for r in page.rows if r.id == made.id)
    assert row.starts_at == starts and row.starts_at.utcoffset() == timedelta(0)
    assert (row.title, row.locality, row.status) == ("Operation Ŵyn: İlkay & Zoë <b>", "Llanfair-ym-Muallt", "planned")
    assert services.meeting_list.localities() == ["Llanfair-ym-Muallt"]
