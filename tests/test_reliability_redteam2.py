"""Red team, reliability, second round: bad files beside the store, and the parts of the program that
only ever support it (the log), never stop the store opening or change what is in it.

Each test provokes one failure the earlier rounds (tests/test_reliability_redteam.py and the files it
names) did not: a key file nested beyond what the JSON reader can follow, a log folder that cannot be
used, and a rollback journal (-journal) left beside the database by another database or by a crash.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import KeyHeaderDamaged, StoreError
from tests.conftest import PASSPHRASE
from tests.test_cli import assert_one_line_error, run_cli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(services) -> list[str]:
    return [s.name for s in services.subjects.list()]


# -- a key file nested too deeply for the JSON reader ---------------------------------------------------
@pytest.mark.parametrize("text", ["[" * 100_000, '{"kdf":' * 100_000])
def test_a_key_file_nested_beyond_reading_is_called_damaged(data_dir, profile, text):
    """json.loads gives up with RecursionError, which is no ValueError: the user saw "Unexpected error
    (RecursionError)" instead of "the key file is damaged; your passphrase was not the problem"."""
    (data_dir / HEADER_FILENAME).write_text(text, encoding="utf-8")
    with pytest.raises(KeyHeaderDamaged, match="Your passphrase was not the problem") as refused:
        UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    assert "\n" not in str(refused.value)
    assert (data_dir / HEADER_FILENAME).read_text(encoding="utf-8") == text


# -- a log folder that cannot be used ------------------------------------------------------------------
def _log_folder_broken(kind: str, data_dir: Path) -> None:
    logs = data_dir / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    if kind == "a file where the log folder belongs":
        logs.write_text("not a folder", encoding="utf-8")
    elif kind == "a folder where the log file belongs":
        (logs / "efh-desktop.log").mkdir(parents=True)
    else:
        (logs / "crash.log").mkdir(parents=True)


LOG_BREAKS = ["a file where the log folder belongs", "a folder where the log file belongs",
              "a folder where the crash file belongs"]


@pytest.mark.parametrize("kind", LOG_BREAKS)
def test_a_log_folder_that_cannot_be_used_does_not_keep_the_store_shut(data_dir, kind):
    """The log is for support only, yet "efh-desktop: File exists: …/logs" was all a user got: no
    command ran, the window did not open, over a folder that holds no case data."""
    _log_folder_broken(kind, data_dir)
    result = run_cli(data_dir, "meetings")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip() == "No meetings yet."
    [note] = result.stderr.splitlines()
    assert note.startswith(f"efh-desktop: note: The log folder {data_dir / 'logs'} could not be used"), note
    assert "nothing else is affected" in note


@pytest.mark.parametrize("kind", LOG_BREAKS)
def test_the_window_opens_when_its_log_folder_cannot_be_used(data_dir, kind, monkeypatch):
    """The window's start-up called the same set-up and stopped on the same error."""
    import logging

    from efh_desktop.logging_setup import start_logging

    _log_folder_broken(kind, data_dir)
    handlers = list(logging.getLogger().handlers)
    note = start_logging(data_dir)
    assert "could not be used" in note and "\n" not in note
    assert logging.getLogger().handlers == handlers, "half a log set up"


# -- a page of text pasted into a filter box -------------------------------------------------------------
PASTED = "Zephyrine Quillfeather " * 45_000  # about a megabyte


@pytest.mark.parametrize("where", ["subjects", "professionals", "meetings"])
@pytest.mark.parametrize("text", [PASTED, "ż" * 30_000, "%_" * 20_000])
def test_a_filter_longer_than_sqlite_allows_finds_nothing_without_an_error(services, where, text):
    """SQLite refuses a LIKE pattern over 50,000 bytes: the subjects, people and meetings lists ended in
    "Unexpected error (OperationalError)" (and the log got a frame list) for a pasted page of text."""
    from datetime import UTC, datetime

    services.subjects.create("child", "Zephyrine Quillfeather")
    meeting = services.meetings.create("complex_strategy", datetime(2026, 3, 2, 10, tzinfo=UTC), title="Zephyrine")
    services.attendance.add(meeting.id, "Zephyrine Quillfeather", agency="Fenwick South police")
    listing = {"subjects": lambda t: services.subjects.list(text=t),
               "professionals": lambda t: services.attendance.directory(t),
               "meetings": lambda t: services.meetings.list(text=t)}[where]
    assert listing(text) == []
    assert len(listing("Zephyrine")) == 1  # an ordinary filter still matches


# -- a page of text pasted where a few words are expected ---------------------------------------------
def _within(seconds: float, work) -> object:
    import time

    started = time.perf_counter()
    result = work()
    assert time.perf_counter() - started < seconds, f"took {time.perf_counter() - started:.1f}s"
    return result


@pytest.mark.parametrize("pasted", ["Zephyrine " * 100_000, " ".join(f"w{i}" for i in range(30_000))])
def test_a_search_for_a_pasted_page_answers_at_once(services, pasted):
    """Each word became one more FTS5 phrase in an AND: a megabyte of repeated words kept the search
    (run as the user types) busy for minutes, the window frozen."""
    services.subjects.create("child", "Zephyrine Quillfeather")
    assert _within(5, lambda: services.search.search(pasted)) is not None
    assert [h.kind for h in services.search.search("Zephyrine Quill")] == ["subject"]


def test_ten_thousand_pasted_aliases_are_cleaned_at_once(services):
    """Each alias was compared with every one kept before it (a list rebuilt per alias): 10,000
    aliases took seconds, 200,000 most of an hour."""
    aliases = [f"Quill {i}" for i in range(20_000)] + ["quill 1", "QUILL 2"]
    child = _within(5, lambda: services.subjects.create("child", "Zephyrine", aliases=aliases))
    assert services.subjects.get(child.id).aliases == aliases[:20_000]


# -- a rollback journal (-journal) left beside the database ---------------------------------------------
HOT_JOURNAL_WRITER = """
import os, signal, sys
import sqlcipher3
conn = sqlcipher3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA key = \\"x'%s'\\"" % sys.argv[2])
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 1")  # pages spill into the file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("CREATE TABLE IF NOT EXISTS half_done(x)")
for _ in range(2000):
    conn.execute("INSERT INTO half_done VALUES (randomblob(500))")
os.kill(os.getpid(), signal.SIGKILL)  # killed mid-transaction: the -journal is hot
"""


def _killed_mid_transaction(db_path: Path, key_hex: str) -> Path:
    subprocess.run([sys.executable, "-c", HOT_JOURNAL_WRITER, str(db_path), key_hex], timeout=60, check=False)
    journal = db_path.with_name(db_path.name + "-journal")
    assert journal.stat().st_size > 0
    return journal


def _store_key(data_dir: Path) -> str:
    from efh_desktop.store.key_header import KeyHeader

    return bytes(KeyHeader.load(data_dir / HEADER_FILENAME).unwrap(PASSPHRASE)).hex()


@pytest.fixture
def with_a_child(data_dir, profile) -> Path:
    services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    services.subjects.create("child", "Zephyrine Quillfeather")
    services.lock()
    return data_dir


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_another_databases_journal_beside_the_store_is_refused_and_changes_nothing(with_a_child, profile, tmp_path):
    """Played back, it would write another database's pages over this one (a read-write open does so
    before its first read). It was refused, but as "could not be opened (OperationalError)": nothing
    said which file was wrong, and the way out (delete the database?) was anyone's guess."""
    import sqlcipher3

    other = tmp_path / "other.db"
    other_key = os.urandom(32).hex()
    conn = sqlcipher3.connect(str(other), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{other_key}'\"")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (randomblob(50000))")
    conn.close()
    stray = _killed_mid_transaction(other, other_key)
    db = with_a_child / DB_FILENAME
    journal = db.with_name(db.name + "-journal")
    shutil.copyfile(stray, journal)
    before = _digest(db)
    with pytest.raises(StoreError) as refused:
        UnlockService(with_a_child, profile, "Test User").unlock(PASSPHRASE)
    message = str(refused.value)
    assert journal.name in message and "does not belong" in message and "\n" not in message, message
    assert "Unexpected" not in message and "OperationalError" not in message
    assert _digest(db) == before and journal.read_bytes() == stray.read_bytes()
    assert list((with_a_child / "recovery").glob("journal-*-refused"))
    journal.unlink()  # as the message says: then it opens as it was
    services, _ = UnlockService(with_a_child, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert _names(services) == ["Zephyrine Quillfeather"]
    finally:
        services.lock()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_the_stores_own_journal_after_a_kill_is_played_back_and_it_opens(with_a_child, profile):
    """A store killed mid-write in rollback mode (a restored backup's first switch to WAL) could never be
    opened again: the read-only first look cannot play a journal back, and nothing else tried."""
    db = with_a_child / DB_FILENAME
    journal = _killed_mid_transaction(db, _store_key(with_a_child))
    services, _ = UnlockService(with_a_child, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert _names(services) == ["Zephyrine Quillfeather"]
        assert services.check().ok
        with services.ctx.reading() as session:  # the killed transaction's table is rolled back
            from sqlalchemy import text

            assert not session.execute(text("SELECT name FROM sqlite_master WHERE name='half_done'")).all()
    finally:
        services.lock()
    assert not journal.exists() and list((with_a_child / "recovery").glob("journal-*"))


def test_a_journal_that_is_no_journal_is_kept_aside_and_the_store_opens(with_a_child, profile):
    db = with_a_child / DB_FILENAME
    junk = os.urandom(4096)
    db.with_name(db.name + "-journal").write_bytes(junk)
    services, _ = UnlockService(with_a_child, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert _names(services) == ["Zephyrine Quillfeather"]
    finally:
        services.lock()
    [kept] = (with_a_child / "recovery").glob("journal-*")
    assert kept.read_bytes() == junk


def test_a_folder_where_the_journal_belongs_is_named(with_a_child, profile):
    db = with_a_child / DB_FILENAME
    (with_a_child / (DB_FILENAME + "-journal")).mkdir()
    with pytest.raises(StoreError) as refused:
        UnlockService(with_a_child, profile, "Test User").unlock(PASSPHRASE)
    assert f"{db}-journal is a folder" in str(refused.value), str(refused.value)


# -- a meeting's dates at the edges of the calendar ------------------------------------------------------
def _meeting_refusal(services, make) -> str:
    from efh_desktop.error_text import user_message
    from efh_desktop.services.context import ServiceError

    with pytest.raises(ServiceError) as refused:
        make()
    message = user_message(refused.value)
    assert "Unexpected" not in message and "\n" not in message
    return message


def test_a_meeting_in_year_9999_is_refused_in_a_sentence(services):
    """Its end (start plus the type's length) is past the last date Python has: "Unexpected error
    (OverflowError)"."""
    from datetime import UTC, datetime

    message = _meeting_refusal(services, lambda: services.meetings.create(
        "complex_strategy", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)))
    assert "between 1900 and 2199" in message
    assert services.meetings.list() == []


def test_a_start_time_without_its_time_zone_is_refused_on_change_as_on_create(services):
    """create said "must carry its time zone"; update compared it with the stored (aware) end and
    failed with "Unexpected error (TypeError)"."""
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    meeting = services.meetings.create("complex_strategy", datetime(2026, 3, 2, 10, tzinfo=UTC))
    assert "time zone" in _meeting_refusal(services, lambda: services.meetings.update(
        meeting.id, starts_at=datetime(2026, 3, 2, 11)))
    assert "must be a date" in _meeting_refusal(services, lambda: services.meetings.update(
        meeting.id, next_meeting_date="next Tuesday"))
    assert "between" in _meeting_refusal(services, lambda: services.meetings.update(
        meeting.id, next_meeting_date=date(1, 1, 1)))
    assert services.meetings.get(meeting.id).starts_at == datetime(2026, 3, 2, 10, tzinfo=UTC)
    # The clocks going back (Europe/London, 25 October 2026): the second 01:30 is a time like any other.
    london = ZoneInfo("Europe/London")
    services.meetings.update(meeting.id, starts_at=datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=london),
                             ends_at=datetime(2026, 10, 25, 2, 30, tzinfo=london),
                             next_meeting_date=date(2028, 2, 29))
    assert services.meetings.get(meeting.id).starts_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(("field", "value"), [
    ("starts_at", "0001-01-01T00:00:00+05:00"),  # before the first date Python has, once in UTC
    ("ends_at", "9999-12-31T23:59:59-05:00"),  # after the last
    ("starts_at", "9999-12-31T23:59:00+00:00"),  # stored, then a meeting no screen could move
])
def test_a_meeting_file_dated_off_the_calendar_is_refused_with_its_path(services, tmp_path, field, value):
    """The conversion to UTC raised OverflowError, which the schema's checks (ValueError only) let
    through: "Unexpected error (OverflowError)" for a file from another laptop."""
    import json
    from datetime import UTC, datetime

    from efh_desktop.services.context import ServiceError
    from efh_desktop.services.interchange_service import InterchangeService

    meeting = services.meetings.create("complex_strategy", datetime(2026, 3, 2, 10, tzinfo=UTC))
    path = InterchangeService(services.ctx).export(meeting.id, tmp_path / "meeting.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meeting"].update({field: value, "uid": "from-another-laptop"})
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ServiceError) as refused:
        InterchangeService(services.ctx).import_file(path)
    message = str(refused.value)
    assert f"meeting.{field}" in message and "between 1900 and 2199" in message and "nothing was imported" in message
    assert len(services.meetings.list()) == 1


# -- a passphrase change stopped in the middle ----------------------------------------------------------
def test_a_passphrase_change_stopped_before_the_key_file_is_replaced_leaves_the_old_one_working(
        services, data_dir, profile, monkeypatch):
    """The new key file was put in the session before it was written: stopped between the two (an
    interrupt, anything that is no Exception), the key file on disk still wanted the old passphrase,
    but the session called it wrong and a backup would have carried a key file never written."""
    import efh_desktop.atomic_write as atomic_write

    header = (data_dir / HEADER_FILENAME).read_bytes()

    def stopped(*_args, **_kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(atomic_write.os, "replace", stopped)
        with pytest.raises(KeyboardInterrupt):
            services.change_passphrase(PASSPHRASE, "a brand new passphrase", "a brand new passphrase")
    assert (data_dir / HEADER_FILENAME).read_bytes() == header
    services.change_passphrase(PASSPHRASE, PASSPHRASE + " again", PASSPHRASE + " again")  # the old one is right
    services.lock()
    reopened, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE + " again")
    reopened.lock()


# -- a practice profile that is a device or a pipe -------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_profile_that_is_a_device_or_a_pipe_is_refused_before_reading_it(data_dir, tmp_path, kind):
    """Meeting files were refused by what they are (round one); the practice profile, read at every
    start, was not: a pipe kept the program waiting for ever, /dev/zero filled the memory."""
    path = Path("/dev/zero")
    if kind == "fifo":
        path = tmp_path / "profile.toml"
        os.mkfifo(path)
    result = run_cli(data_dir, "--profile", str(path), "meetings")
    line = assert_one_line_error(result)
    assert "not an ordinary file" in line and path.name in line, line


def test_a_profile_far_too_large_is_refused_without_reading_it_all(tmp_path):
    from efh_desktop.domain.profile import ProfileError, load_profile

    path = tmp_path / "profile.toml"
    with open(path, "wb") as handle:
        handle.truncate(2_000_000_000)  # sparse: two gigabytes of nothing, on no disk space
    with pytest.raises(ProfileError, match="far too large"):
        _within(5, lambda: load_profile(path))


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_settings_file_that_is_a_pipe_is_said_and_start_up_goes_on(data_dir):
    """Read at every start, before the store: a pipe there kept the window and every command waiting."""
    from efh_desktop.paths import SETTINGS_FILENAME
    from efh_desktop.settings import Settings

    os.mkfifo(data_dir / SETTINGS_FILENAME)
    settings = _within(5, lambda: Settings.load(data_dir))
    assert settings.user_name == "" and "a device or a pipe" in settings.problem and "\n" not in settings.problem
    result = run_cli(data_dir, "meetings")
    assert result.returncode == 0 and result.stdout.strip() == "No meetings yet.", result.stderr
