"""Red team, reliability, second round: bad files beside the store, and the parts of the program that
only ever support it (the log), never stop the store opening or change what is in it.

Each test provokes one failure the earlier rounds (tests/test_reliability_redteam.py and the files it
names) did not: a key file nested beyond what the JSON reader can follow, a log folder that cannot be
used, and a rollback journal (-journal) left beside the database by another database or by a crash.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from efh_desktop.paths import HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import KeyHeaderDamaged
from tests.conftest import PASSPHRASE
from tests.test_cli import run_cli


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
