"""Red team of the Core start-up (commits 1bcc081..50738a0): the meetings list, its count, filters,
paging and overdue column, and the look for interrupted exports, now read with SQLAlchemy Core
before the ORM is loaded, must say what the ORM path said (commit 8322b4b), and lose nothing.

Each list here is checked against an oracle that reads every meeting through the ORM and filters and
orders it in Python: the meetings a walk through the pages shows are exactly the matching ones,
newest first, each once, with the count, for every filter, by the date index and not."""

from __future__ import annotations

import enum
import shutil
import threading
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Enum, String, TypeDecorator
from sqlmodel import select

from efh_desktop.domain.distribution import overdue_summary
from efh_desktop.domain.text_rules import fold_for_search
from efh_desktop.services import meeting_list as meeting_list_module
from efh_desktop.services.meeting_pages import MeetingFilter
from efh_desktop.store.tables import Meeting
from tests.conftest import PASSPHRASE
from tests.export_helpers import crashed_export

LONDON = ZoneInfo("Europe/London")

# Start times with many ties, around midnight and the clock changes (29 March and 25 October 2026).
STARTS = [datetime(2026, 3, 28, 23, 30, tzinfo=UTC), datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
          datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 3, 29, 23, 0, tzinfo=UTC),
          datetime(2026, 10, 24, 23, 0, tzinfo=UTC), datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
          datetime(2026, 10, 25, 1, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
          datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), datetime(2027, 1, 1, 0, 0, tzinfo=UTC)]
WORDS = ["Zoë", "ZOE", "Straße", "strasse", "İpek", "ipek", "Ŵyn", "wyn", "Łucja", "lucja", "عائشة",
         "100%", "50_50", "back\\slash", "<b>bold</b>", "&amp;", "'quote\"", "ñ", "Ǆ", "ﬁ", ""]
TYPES = ["complex_strategy", "safer_options", "cp_conference"]
STATUSES = ["planned", "in_progress", "ended", "finalised", "cancelled"]
LOCALITIES = ["", "Kraków-Południe", "Caerdydd", "Llanfair-ym-Muallt", "İstanbul", "Straße"]

_meetings = st.lists(st.fixed_dictionaries({
    "starts_at": st.sampled_from(STARTS), "type_key": st.sampled_from(TYPES), "status": st.sampled_from(STATUSES),
    "locality": st.sampled_from(LOCALITIES),
    "title": st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join),
    "police_operation": st.sampled_from(["", "Op Ŵyn", "Op 100%"]),
    "chair_name": st.sampled_from(["", "Siân Ap Dafydd", "İlkay Öztürk", "Zoë_Łukasiewicz"]),
    "series": st.booleans()}), min_size=0, max_size=40)
_filters = st.builds(MeetingFilter, st.sampled_from([None, *TYPES]), st.sampled_from([None, *STATUSES]),
                     st.sampled_from([None, *LOCALITIES[1:]]),
                     st.one_of(st.sampled_from(["", " ", "%", "_", "\\", "%_", "zoe", "STRASSE", "ß", "ipek",
                                                "İ", "wyn", "lucja", "عائشة", "<b>", "Op 100%", "meeting",
                                                "strategy", "0_5", "Conference"]),
                               st.text(alphabet="%_\\aeißİŵłعZ ", max_size=4)))


@contextmanager
def _fresh_store(template_store_dir, profile, tmp_path_factory):
    """A store of its own for one hypothesis example (finalised meetings cannot be deleted)."""
    from efh_desktop.services.unlock_service import UnlockService

    folder = tmp_path_factory.mktemp("example") / "data"
    shutil.copytree(template_store_dir, folder)
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    try:
        yield services
    finally:
        services.lock()


def _store(services, meetings: list[dict]) -> None:
    """These meetings, straight into the table (what is compared is the reading)."""
    from efh_desktop.store.tables import MeetingSeries

    with services.ctx.transaction() as (session, _audit):
        series = MeetingSeries(title="Cyfres Ŵyn", type_key="complex_strategy")
        session.add(series)
        session.flush()
        for m in meetings:
            fields = {k: v for k, v in m.items() if k != "series"}
            session.add(Meeting(**fields, series_id=series.id if m["series"] else None))


def _oracle(services, chosen: MeetingFilter) -> list[tuple[int, datetime]]:
    """Every meeting through the ORM, filtered and ordered in Python as the list promises."""
    names = {k: t.name for k, t in services.ctx.profile.meeting_types.items()}
    needle = chosen.text.strip()
    folded = fold_for_search(needle) or ""
    with services.ctx.reading() as session:
        every = list(session.exec(select(Meeting)))
    out = []
    for m in every:
        if chosen.type_key and m.type_key != chosen.type_key:
            continue
        if chosen.status and m.status != chosen.status:
            continue
        if chosen.locality and m.locality != chosen.locality:
            continue
        if needle and not (any(folded in (fold_for_search(v) or "")
                               for v in (m.title, m.locality, m.police_operation, m.chair_name))
                           or needle.casefold() in names.get(m.type_key, "\0").casefold()):
            continue
        out.append((m.id, m.starts_at))
    return sorted(out, key=lambda r: (r[1], r[0]), reverse=True)


def _walk(services, chosen: MeetingFilter, limit: int) -> tuple[list[tuple[int, datetime]], int | None]:
    page = services.meeting_list.page(chosen, None, limit)
    total, rows = page.total, list(page.rows)
    for _ in range(1000):
        if page.cursor is None:
            break
        page = services.meeting_list.page(chosen, page.cursor, limit)
        assert page.total is None  # counted with the first page only
        rows.extend(page.rows)
    return [(r.id, r.starts_at) for r in rows], total


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meetings=_meetings, filters=st.lists(_filters, min_size=1, max_size=4), limit=st.integers(1, 7),
       sort_at_most=st.sampled_from([0, 2_000]))
def test_every_page_walk_is_the_orms_list_for_every_filter(template_store_dir, profile, tmp_path_factory, monkeypatch,
                                                           meetings, filters, limit, sort_at_most):
    """Ties on the start (many meetings at one time), times around midnight and the clock changes,
    LIKE's wildcards and markup in the search, names in many scripts; ``sort_at_most`` 0 reads every
    filtered page along the date index, 2,000 by the combo boxes' indexes."""
    monkeypatch.setattr(meeting_list_module, "SORT_AT_MOST", sort_at_most)
    with _fresh_store(template_store_dir, profile, tmp_path_factory) as services:
        _store(services, meetings)
        _compare(services, filters, limit)


def _compare(services, filters: list[MeetingFilter], limit: int) -> None:
    for chosen in [MeetingFilter(), *filters]:
        expected = _oracle(services, chosen)
        walked, total = _walk(services, chosen, limit)
        assert walked == expected, chosen
        assert total == len(expected), chosen
        assert all(s.utcoffset() == timedelta(0) for _i, s in walked)
        assert [(r.id, r.starts_at) for r in services.meeting_list.all(chosen)] == expected
    with services.ctx.reading() as session:
        localities = sorted({m.locality for m in session.exec(select(Meeting)) if m.locality})
    assert services.meeting_list.localities() == localities


def test_a_search_longer_than_sqlite_allows_matches_nothing_and_says_so_plainly(services):
    services.meetings.create("complex_strategy", STARTS[0], title="Op Ŵyn " + "ŵ" * 900, build_agenda=False)
    for text in ("ŵ" * 30_000, "%" * 30_000, "\\" * 20_000):
        page = services.meeting_list.page(MeetingFilter(text=text))
        assert (page.rows, page.total) == ((), 0)


# -- the overdue column -----------------------------------------------------------------------------
_clock_states = st.fixed_dictionaries({
    "starts_at": st.sampled_from(STARTS), "status": st.sampled_from(STATUSES),
    "finalised_after": st.one_of(st.none(), st.sampled_from([timedelta(hours=1), timedelta(hours=23, minutes=30),
                                                             timedelta(days=3, minutes=1)])),
    "sent": st.one_of(st.none(), st.integers(0, 9)), "draft": st.one_of(st.none(), st.integers(0, 9)),
    "deadline": st.one_of(st.none(), st.integers(0, 20)), "non_replies": st.sampled_from(["", "Siân Ap Dafydd"]),
    "action": st.booleans(), "children": st.integers(0, 2),
    "filed": st.lists(st.one_of(st.none(), st.sampled_from([timedelta(minutes=30), timedelta(hours=23, minutes=59)])),
                      max_size=2)})


def _store_clock(services, states: list[dict]) -> list[int]:
    from efh_desktop.store.tables import Action, FilingEntry, MeetingSubject, Subject

    ids = []
    with services.ctx.transaction() as (session, _audit):
        kids = [Subject(kind="child", name=name) for name in ("Zoë Łukasiewicz-İnce", "Dafydd ap Siôn")]
        session.add_all(kids)
        session.flush()
        for s in states:
            held: datetime = s["starts_at"]
            finalised = held + s["finalised_after"] if s["finalised_after"] else None
            day = held.astimezone(LONDON).date()
            meeting = Meeting(type_key="complex_strategy", starts_at=held, status=s["status"], finalised_at=finalised,
                              actions_sent_on=day + timedelta(days=s["sent"]) if s["sent"] is not None else None,
                              draft_sent_on=day + timedelta(days=s["draft"]) if s["draft"] is not None else None,
                              accuracy_deadline=(day + timedelta(days=s["deadline"])
                                                 if s["deadline"] is not None else None),
                              accuracy_non_replies=s["non_replies"])
            session.add(meeting)
            session.flush()
            ids.append(meeting.id)
            for kid in kids[:s["children"]]:
                session.add(MeetingSubject(meeting_id=meeting.id, subject_id=kid.id, position=0))
            if s["action"]:
                session.add(Action(meeting_id=meeting.id, description="Visit the family (fictional)",
                                   owner="Ffion Ó Briain", agency="Police", due_date=day + timedelta(days=7)))
            for after in s["filed"]:
                base = finalised or held
                session.add(FilingEntry(meeting_id=meeting.id, subject_id=kids[0].id, destination="LCS",
                                        file_name="copy.pdf", filed=after is not None,
                                        filed_at=base + after if after is not None else None))
    return ids


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(states=st.lists(_clock_states, min_size=1, max_size=8),
       days_after=st.lists(st.sampled_from([0, 1, 2, 5, 9, 30, 119, 120, 121, 200]), min_size=1, max_size=3))
def test_the_overdue_column_is_each_meetings_own_clock_near_midnight_and_the_clock_changes(
        template_store_dir, profile, tmp_path_factory, states, days_after):
    """The list's overdue column (Core) against each meeting's distribution clock through the ORM,
    for meetings held, finalised and filed just before and after midnight in either season, and a
    ``today`` at the 120-day edge of the column (counted in UK days)."""
    with _fresh_store(template_store_dir, profile, tmp_path_factory) as services:
        ids = _store_clock(services, states)
        rows = services.meeting_list.all()
        assert sorted(r.id for r in rows) == sorted(ids)
        for days in days_after:
            today = min(s["starts_at"] for s in states).astimezone(LONDON).date() + timedelta(days=days)
            expected = {}
            for r in rows:
                held_on = r.starts_at.astimezone(LONDON).date()
                if r.status != "cancelled" and 0 <= (today - held_on).days <= 120:
                    text = overdue_summary(services.practice.distribution(r.id, today))
                    if text:
                        expected[r.id] = text
            assert services.meeting_list.overdue_for_rows(rows, today) == expected, today
            event(f"overdue: {bool(expected)}")
            assert services.practice.overdue_for_rows(rows, today) == expected
            assert services.meeting_list.overdue(ids, today) == {
                i: t for i in ids if (t := overdue_summary(services.practice.distribution(i, today)))}


# -- one read, and the writer beside it ------------------------------------------------------------
def _add_meeting(services, title: str) -> int:
    return services.meetings.create("complex_strategy", datetime(2026, 6, 4, 9, tzinfo=UTC), title=title,
                                    build_agenda=False).id


def test_a_list_read_inside_one_read_sees_that_snapshot_only(services):
    """Inside ``one_read()`` the Core list, its count and the ORM reads are one snapshot: a meeting
    another thread saves meanwhile shows in neither, and shows once the block is left."""
    first = _add_meeting(services, "Cyfarfod cyntaf")
    with services.ctx.one_read():
        before = services.meeting_list.page()
        assert [r.id for r in before.rows] == [first] and before.total == 1
        saver = threading.Thread(target=_add_meeting, args=(services, "Zoë's second meeting"))
        saver.start()
        saver.join(30)
        again = services.meeting_list.page()
        assert (again.rows, again.total) == (before.rows, 1)
        assert services.meetings.count() == 1  # the ORM read in the same snapshot
        assert list(services.meeting_list.overdue_for_rows(list(again.rows), date(2026, 9, 1))) == [first]
    after = services.meeting_list.page()
    assert after.total == 2 and {r.id for r in after.rows} > {first}


def test_paging_in_a_thread_while_the_writer_saves_loses_and_repeats_nothing(services):
    """A walk through the pages on a background thread while the main thread keeps saving meetings
    at the same start time: each walk is in order with no meeting twice, every meeting that was
    there before the walk began is in it, and the last walk has them all."""
    made = [_add_meeting(services, f"Cyfarfod {i}") for i in range(15)]
    problems: list[str] = []
    walks: list[list[int]] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set() or len(walks) < 2:
                known = set(made)
                walked, _total = _walk(services, MeetingFilter(), 4)
                ids = [i for i, _s in walked]
                if len(ids) != len(set(ids)):
                    problems.append("a meeting twice")
                if walked != sorted(walked, key=lambda r: (r[1], r[0]), reverse=True):
                    problems.append("out of order")
                if not known <= set(ids):
                    problems.append("a meeting lost")
                walks.append(ids)
        except Exception as exc:  # noqa: BLE001 - reported below
            problems.append(repr(exc))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(25):
            made.append(_add_meeting(services, f"Cyfarfod newydd {i}"))
    finally:
        stop.set()
        thread.join(60)
    assert not problems, problems[:3]
    assert sorted(i for i, _s in _walk(services, MeetingFilter(), 4)[0]) == sorted(made)


# -- interrupted exports ---------------------------------------------------------------------------


@pytest.mark.parametrize("odd", ["null", "[1, 2]", '"export"', '{"intent": ["x"]}', '{"intent": {"a": 1}}',
                                 '{"intent": "i-2", "file": 7, "pid": -1}', '{"intent": "i-3", "names": 5, "pid": -1}',
                                 '{"intent": 3}', '{"intent": "i-5", "folder": null, "pid": -1}'])
@pytest.mark.parametrize("where", ["before", "after"])
def test_an_odd_export_event_does_not_keep_another_exports_plaintext_on_disk(services, tmp_path, odd, where):
    """An "export_started" row whose changes are not what our writer records (JSON null, a list, an
    intent that is not text, a file name that is a number: a row another tool put there) used to stop
    the whole look: a real crash's plaintext temporary file stayed on disk, unreported, at every start."""
    from sqlalchemy import text as sql

    from efh_desktop.services.export_recovery import recover_interrupted

    folder = tmp_path / "Dogfennau Zoë"
    folder.mkdir()

    def odd_row() -> None:
        with services.ctx.transaction() as (session, _audit):
            session.execute(sql("INSERT INTO audit_event (at, actor, action, entity, summary, changes, prev_hash, "
                                "event_hash) VALUES ('2026-06-04 09:00:00.000000', 'Another tool', 'export_started', "
                                "'minutes', '', :changes, '', '')"), {"changes": odd})

    if where == "before":
        odd_row()
    temp = crashed_export(services, folder, "Łukasiewicz İnce.pdf", "real-1")
    if where == "after":
        odd_row()
    notes = recover_interrupted(services.ctx)
    assert not temp.exists(), "the crash's plaintext is still there"
    assert [n for n in notes if "Łukasiewicz İnce.pdf was interrupted" in n and "removed" in n]
    assert not [n for n in recover_interrupted(services.ctx) if "Łukasiewicz" in n]  # closed: said once


# -- the window's start, in its own process ----------------------------------------------------------
# Loaded at READY only where a state needs it (a first run, a migration, an interrupted export).
ORM = ("sqlmodel", "pydantic", "sqlalchemy.orm", "efh_desktop.store.tables.base")
FILE_KEYRING = '''
import json, os
from pathlib import Path

class FileKeyring:
    """A keyring kept in a JSON file: tests only, fictional stores."""
    priority = 1
    def _load(self):
        try:
            return json.loads(Path(os.environ["RT_KEYRING_FILE"]).read_text())
        except OSError:
            return {}
    def get_password(self, service, username):
        return self._load().get(service + "/" + username)
    def set_password(self, service, username, password):
        d = self._load(); d[service + "/" + username] = password
        Path(os.environ["RT_KEYRING_FILE"]).write_text(json.dumps(d))
    def delete_password(self, service, username):
        d = self._load(); d.pop(service + "/" + username, None)
        Path(os.environ["RT_KEYRING_FILE"]).write_text(json.dumps(d))
'''
START_PROBE = f"""
import builtins, os, sys
original_print = builtins.print

def print_(*args, **kwargs):
    if args and str(args[0]).startswith("READY"):
        original_print("AT READY " + (",".join(sorted(m for m in {ORM!r} if m in sys.modules)) or "none"), flush=True)
    original_print(*args, **kwargs)

builtins.print = print_
from PySide6.QtWidgets import QMessageBox

def information(_parent, title, text, *args, **kwargs):
    original_print("NOTE " + title + " | " + text.replace("\\n", " / "), flush=True)
    return QMessageBox.StandardButton.Ok

from efh_desktop.gui import message_box

message_box.information = information
if os.environ.get("RT_DIALOG_PASSPHRASE"):  # the unlock dialog, answered as a user would
    from efh_desktop.gui import unlock_dialog

    def exec_(self):
        original_print("DIALOG " + repr(self._attempt(os.environ["RT_DIALOG_PASSPHRASE"], None, None)), flush=True)
        return unlock_dialog.UnlockDialog.DialogCode.Accepted

    unlock_dialog.UnlockDialog.exec = exec_
if os.environ.get("RT_KEYRING_FILE"):  # a trusted keyring that keeps the key in a file
    import rt_file_keyring
    from efh_desktop.store import keystore

    keystore._system_backend = rt_file_keyring.FileKeyring
    keystore._TRUSTED_BACKENDS.add("rt_file_keyring.FileKeyring")
from efh_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _start(data_dir, tmp_path, **env: str) -> list[str]:
    import os
    import subprocess
    import sys
    from pathlib import Path

    project = Path(__file__).resolve().parents[1]
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    child_env.update(QT_QPA_PLATFORM="offscreen", EFH_EXIT_WHEN_READY="1",
                     PYTHONPATH=os.pathsep.join([str(project), str(tmp_path)]), **env)
    done = subprocess.run([sys.executable, "-c", START_PROBE, "--data-dir", str(data_dir)], capture_output=True,
                          text=True, timeout=180, env=child_env, cwd=project, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def _one_meeting(services) -> None:
    held = (datetime.now(UTC) - timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)
    services.meetings.create("complex_strategy", held, chair_role="service_manager", title="Cyfarfod Ŵyn")


def test_a_start_after_a_crashed_export_says_so_and_removes_the_plaintext(services, data_dir, tmp_path):
    """EFH_PASSPHRASE (the early unlock, in its thread): the look for interrupted exports is Core,
    the close loads the export writer; the note is shown once the window is up, the file is gone."""
    _one_meeting(services)
    folder = tmp_path / "Allforio Zoë"
    folder.mkdir()
    temp = crashed_export(services, folder, "Łukasiewicz İnce.pdf", "gui-1")
    services.lock()
    lines = _start(data_dir, tmp_path, EFH_PASSPHRASE=PASSPHRASE)
    [note] = [line for line in lines if line.startswith("NOTE ")]
    assert "An export did not finish" in note and "Łukasiewicz İnce.pdf was interrupted" in note and "removed" in note
    assert "READY meetings=1 loaded=1" in lines
    assert not temp.exists()
    assert not [line for line in _start(data_dir, tmp_path, EFH_PASSPHRASE=PASSPHRASE) if line.startswith("NOTE ")]


@pytest.mark.parametrize("way", ["keyring", "dialog", "dialog after a wrong EFH_PASSPHRASE"])
def test_every_way_in_fills_the_list_before_the_orm_is_loaded(services, data_dir, tmp_path, way):
    from efh_desktop.store.keystore import KeyStore

    _one_meeting(services)
    services.lock()
    env: dict[str, str] = {}
    if way == "keyring":
        import importlib.util
        import os

        (tmp_path / "rt_file_keyring.py").write_text(FILE_KEYRING, encoding="utf-8")
        env["RT_KEYRING_FILE"] = str(tmp_path / "keyring.json")
        spec = importlib.util.spec_from_file_location("rt_file_keyring", tmp_path / "rt_file_keyring.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        os.environ["RT_KEYRING_FILE"] = env["RT_KEYRING_FILE"]
        try:
            from efh_desktop.services.unlock_service import UnlockService

            unlocker = UnlockService(data_dir, services.ctx.profile, "Test User",
                                     keystore=KeyStore(module.FileKeyring(), trust_backend=True))
            remembered, note = unlocker.unlock(PASSPHRASE, remember=True)
            assert note == ""
            remembered.lock()
        finally:
            del os.environ["RT_KEYRING_FILE"]
    else:
        env["RT_DIALOG_PASSPHRASE"] = PASSPHRASE
        if "wrong" in way:
            env["EFH_PASSPHRASE"] = "not the passphrase at all"
    lines = _start(data_dir, tmp_path, **env)
    assert ("DIALOG ''" in lines) == (way != "keyring"), lines
    assert "AT READY none" in lines, lines
    assert lines.index("AT READY none") < lines.index("READY meetings=1 loaded=1")


# -- the light views against the tables ------------------------------------------------------------
class _Trimmed(TypeDecorator[str]):
    """A column type that changes what is read (as an encrypted or normalised column's would)."""

    impl = String
    cache_ok = True

    def process_result_value(self, value, dialect):
        return value.strip() if value is not None else None


class _Status(enum.Enum):
    planned = "planned"


@pytest.mark.parametrize("real_type", [_Trimmed(), Enum(_Status), _Trimmed(length=64)],
                         ids=["a decorator over String", "an Enum", "a decorator with a length"])
def test_the_guard_sees_a_table_column_that_reads_differently_from_its_light_view(real_type):
    """tests/test_core_tables.py unwrapped every TypeDecorator to its impl, and took any String
    subclass for a String: a column turned into a type whose reading differs (an Enum, a decorator
    that changes the value) passed, and the list would have shown raw stored values."""
    from sqlalchemy import Column, Integer, MetaData, Table

    from efh_desktop.store import core_tables
    from tests.test_core_tables import light_differences

    columns = [Column(c.name, real_type if c.name == "status" else c.type) for c in core_tables.meeting.columns
               if c.name != "id"]
    real = Table("meeting", MetaData(), Column("id", Integer, primary_key=True), *columns)
    assert [d for d in light_differences(core_tables.meeting, real) if "meeting.status" in d]


def test_the_guard_still_takes_the_tables_as_they_are():
    from sqlmodel import SQLModel

    from efh_desktop.store import core_tables
    from efh_desktop.store.tables import load_all
    from tests.test_core_tables import light_differences

    load_all()
    for light in core_tables.ALL:
        assert light_differences(light, SQLModel.metadata.tables[light.name]) == []


@pytest.mark.parametrize("value", [timedelta(days=1), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)])
def test_the_light_time_type_compares_as_sqlmodels_own(value):
    """core_tables.UTCDateTime is a copy of SQLModel's type: it lacked ``coerce_compared_value``, so
    ``starts_at - timedelta(days=1)`` bound the interval as a time and failed (AttributeError:
    'timedelta' object has no attribute 'utcoffset') where SQLModel's type binds an Interval."""
    from sqlalchemy.sql import operators
    from sqlmodel.sql.sqltypes import UTCDateTime as SQLModelUTCDateTime

    from efh_desktop.store import core_tables

    for op in (operators.add, operators.sub, operators.lt):
        ours = core_tables.UTCDateTime().coerce_compared_value(op, value)
        theirs = SQLModelUTCDateTime().coerce_compared_value(op, value)
        assert type(ours).__name__ == type(theirs).__name__ and ours._type_affinity is theirs._type_affinity

