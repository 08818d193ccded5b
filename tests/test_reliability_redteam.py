"""Red team of reliability (round one): what the user is told always matches what is on disk, and a
bad file or a full disk never leaves the store with something it cannot open.

Each test provokes one failure the earlier tests did not: a passphrase change on a full disk (or
one whose audit event cannot be saved), a meeting file whose frozen subjects are crafted, a write
whose last step (syncing the folder) fails, and a settings file that cannot be read."""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, func, select

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import StoreError, WrongPassphrase
from tests.conftest import PASSPHRASE

NEW = "a brand new passphrase for Zephyrine"


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _opens_with(folder: Path, profile, passphrase: str) -> bool:
    try:
        services, _ = UnlockService(folder, profile, "Test User").unlock(passphrase)
    except WrongPassphrase:
        return False
    services.lock()
    return True


def _restore(backup: Path, folder: Path) -> Path:
    folder.mkdir()
    shutil.copyfile(backup, folder / DB_FILENAME)
    shutil.copyfile(backup.with_name(backup.name + ".keyheader"), folder / HEADER_FILENAME)
    return folder


# -- changing the passphrase: what the user is told is what is on disk ------------------------------
def test_a_passphrase_change_the_full_disk_refused_changes_nothing_later_either(services, data_dir, profile,
                                                                                 tmp_path, monkeypatch):
    """The disk was full, so the key file was not written and the user was told so. The session must
    not go on with the new passphrase in memory: a backup made next (a sensible step after disk
    trouble) would carry a key file only the refused passphrase opens, and trying the change again
    with the old passphrase, which still unlocks the store, would be called wrong."""
    import efh_desktop.atomic_write as atomic_write

    with monkeypatch.context() as patched:
        patched.setattr(atomic_write.os, "fsync", _no_space)
        with pytest.raises(StoreError, match="disk is full") as refused:
            services.change_passphrase(PASSPHRASE, NEW, NEW)
    assert "\n" not in str(refused.value)
    services.backup(tmp_path / "after-full-disk.efhbak")
    services.change_passphrase(PASSPHRASE, PASSPHRASE + " again", PASSPHRASE + " again")  # the old one is right
    services.change_passphrase(PASSPHRASE + " again", PASSPHRASE, PASSPHRASE)
    services.lock()
    assert _opens_with(data_dir, profile, PASSPHRASE)
    restored = _restore(tmp_path / "after-full-disk.efhbak", tmp_path / "restored")
    assert _opens_with(restored, profile, PASSPHRASE), "the backup's key file needs a passphrase never set"


def test_a_passphrase_change_whose_audit_event_fails_says_the_passphrase_has_changed(services, data_dir,
                                                                                      profile, monkeypatch):
    """The key file is written first; if the audit event then cannot be saved (a full disk, a busy
    database), the passphrase HAS changed. "Not saved" would send the user back to the old one, which
    no longer opens the store."""
    import sqlcipher3

    def full_commit(self):
        raise OperationalError("COMMIT", {}, sqlcipher3.OperationalError("database or disk is full"))

    with monkeypatch.context() as patched:
        patched.setattr(Session, "commit", full_commit)
        with pytest.raises(StoreError) as told:
            services.change_passphrase(PASSPHRASE, NEW, NEW)
    message = str(told.value)
    assert "has been changed" in message and "new passphrase" in message and "\n" not in message
    assert "not saved" not in message
    services.lock()
    assert _opens_with(data_dir, profile, NEW) and not _opens_with(data_dir, profile, PASSPHRASE)


def test_the_change_passphrase_dialog_shows_a_full_disk_in_its_own_line(qtbot, services, monkeypatch):
    """The dialog shows a store's refusal under the fields; a full disk must be one of those, not an
    exception escaping from the dialog's button."""
    from PySide6.QtCore import Qt

    import efh_desktop.atomic_write as atomic_write
    from efh_desktop.gui.passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, NEW)
    qtbot.keyClicks(dialog.repeat, NEW)
    monkeypatch.setattr(atomic_write.os, "fsync", _no_space)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.isVisible() and "disk is full" in dialog.error.text()
    assert dialog.new.text() == NEW  # kept, to try again once there is room


# -- a meeting file's frozen subjects are checked like the rest of it ---------------------------------
WHEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


@pytest.fixture
def meeting_file(services, tmp_path) -> dict:
    """A finalised meeting's file, as another laptop would send it (built from a plain meeting)."""
    from efh_desktop.services.interchange_service import InterchangeService

    child = services.subjects.create("child", "Zephyrine Quillfeather", date_of_birth=date(2012, 4, 1))
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id])
    services.minutes.add_note(meeting.id, "Zephyrine spoke about the bus station.", subject_ids=[child.id])
    path = InterchangeService(services.ctx).export(meeting.id, tmp_path / "meeting.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meeting"]["status"] = "finalised"
    data["meeting"]["uid"] = "from-the-chairs-laptop"
    subject = data["subjects"][0]
    payload = {k: v for k, v in subject.items()
               if k not in ("reason", "position", "planning_agreement", "came_through", "created_at", "updated_at")}
    data["frozen_subjects"] = [{"subject_uid": subject["uid"], "position": 0, "reason": "", "payload": payload}]
    return data


def _store_counts(services) -> tuple[int, ...]:
    from efh_desktop.store.tables import AuditEvent, Meeting, SubjectSnapshot

    with services.ctx.reading() as session:
        return tuple(session.exec(select(func.count()).select_from(t)).one() for t in (Meeting, SubjectSnapshot,
                                                                                         AuditEvent))


def _set_payload(**values):
    def change(data: dict) -> None:
        data["frozen_subjects"][0]["payload"].update(values)
    return change


CRAFTED_FROZEN = {
    # Stored as given, then every later reading of the finalised minutes failed ("Unexpected error
    # (ValidationError)"), and a finalised meeting cannot be changed or deleted.
    "a name that is a number": (_set_payload(name=5), "frozen_subjects[0].payload"),
    "a kind that is a list": (_set_payload(kind=["child"]), "frozen_subjects[0].payload"),
    "a date of birth that is no date": (_set_payload(date_of_birth="last spring"), "frozen_subjects[0].payload"),
    "a payload that is a list": (lambda d: d["frozen_subjects"][0].__setitem__("payload", [1, 2]),
                                 "frozen_subjects[0].payload: expected an object"),
    "a name of a million characters": (_set_payload(name="Zephyrine " * 100_000), "frozen_subjects[0].payload"),
    # "Unexpected error (OverflowError)" from SQLite
    "a position beyond any number": (lambda d: d["frozen_subjects"][0].__setitem__("position", 2**70),
                                     "frozen_subjects[0].position"),
    # "Unexpected error (IntegrityError)"
    "the same subject frozen twice": (lambda d: d["frozen_subjects"].append(copy.deepcopy(d["frozen_subjects"][0])),
                                      "frozen_subjects[1].subject_uid"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED_FROZEN))
def test_crafted_frozen_subjects_are_refused_before_the_store_is_touched(services, meeting_file, tmp_path, case):
    from efh_desktop.services.context import ServiceError
    from efh_desktop.services.interchange_service import InterchangeService

    change, where = CRAFTED_FROZEN[case]
    change(meeting_file)
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(meeting_file), encoding="utf-8")
    before = _store_counts(services)
    with pytest.raises(ServiceError) as refused:
        InterchangeService(services.ctx).import_file(path)
    message = str(refused.value)
    assert where in message and "nothing was imported" in message and "\n" not in message, message
    assert "Zephyrine" not in message  # what a value is, never what it says
    assert _store_counts(services) == before


def test_frozen_text_is_cleaned_like_any_other_and_the_minutes_build(services, meeting_file, tmp_path):
    """A lone surrogate was stored as given and failed in SQLite ("Unexpected error
    (UnicodeEncodeError)"); values the file adds beyond a subject's columns are not kept."""
    from efh_desktop.services.interchange_service import InterchangeService

    _set_payload(name="Zephyrine\ud800 Quill\x00feather", not_a_column=float("nan"))(meeting_file)
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(meeting_file), encoding="utf-8")
    meeting_id, imported = InterchangeService(services.ctx).import_file(path)
    assert imported
    [frozen] = services.finalise.frozen_subjects(meeting_id)
    assert frozen.name == "Zephyrine\N{REPLACEMENT CHARACTER} Quillfeather"
    assert frozen.date_of_birth == date(2012, 4, 1)
    assert [s.name for s in services.minutes_builder.build(meeting_id).subjects] == [frozen.name]


# -- the last step of a write (syncing the folder) fails ----------------------------------------------
def _folder_sync_fails(monkeypatch) -> None:
    """The rename has happened; the disk then fails to confirm the folder (a USB stick pulled, a
    network share gone): EIO from fsync on the folder."""
    import efh_desktop.atomic_write as atomic_write

    def fails(_folder):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic_write, "fsync_dir", fails)


def test_a_file_whose_folder_cannot_be_synced_is_not_left_behind(tmp_path, data_dir, monkeypatch):
    """"Could not be written; nothing was changed" while the file stood there under its final name,
    holding case data, outside anything the audit trail records as written."""
    from efh_desktop.atomic_write import WriteRefused, safe_write_bytes

    _folder_sync_fails(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(WriteRefused, match="nothing was changed") as refused:
        safe_write_bytes(out / "minutes.txt", b"Zephyrine Quillfeather", protected_dir=data_dir)
    assert "\n" not in str(refused.value)
    assert list(out.iterdir()) == []


def test_a_replaced_file_whose_folder_cannot_be_synced_is_not_called_unchanged(tmp_path, data_dir, monkeypatch):
    from efh_desktop.atomic_write import WriteRefused, safe_write_bytes

    target = tmp_path / "minutes.txt"
    target.write_bytes(b"the version before")
    _folder_sync_fails(monkeypatch)
    with pytest.raises(WriteRefused) as refused:
        safe_write_bytes(target, b"the new version", protected_dir=data_dir, overwrite=True)
    message = str(refused.value)
    assert "nothing was changed" not in message and "minutes.txt" in message and "check" in message
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["minutes.txt"]  # no temporary file


def test_a_backup_whose_folder_cannot_be_synced_leaves_neither_file(services, tmp_path, monkeypatch):
    from efh_desktop.atomic_write import WriteRefused

    _folder_sync_fails(monkeypatch)
    out = tmp_path / "backups"
    out.mkdir()
    with pytest.raises((StoreError, WriteRefused)) as refused:
        services.backup(out / "today.efhbak")
    assert "\n" not in str(refused.value)
    assert list(out.iterdir()) == [], "told it failed, yet a backup (or its key file) is there"


# -- a settings file that cannot be read ---------------------------------------------------------------
def _settings_broken(kind: str, path: Path) -> None:
    if kind == "folder":
        path.mkdir()
    else:
        path.write_bytes({"half-written JSON": b'{"user_name": "Gwenllian Pryce", ',
                          "a list": b'["Gwenllian Pryce"]',
                          "not UTF-8": b'{"user_name": "Gwenll\xefan"}',
                          "nested too deeply": b"[" * 100_000}[kind])


@pytest.mark.parametrize("kind", ["half-written JSON", "a list", "not UTF-8", "nested too deeply", "folder"])
def test_a_settings_file_that_cannot_be_read_is_said_and_start_up_goes_on(data_dir, kind):
    """It was logged only: the program started with the defaults and recorded the login name instead
    of the user's own in every audit event, without a word."""
    from efh_desktop.paths import SETTINGS_FILENAME
    from efh_desktop.settings import Settings
    from tests.test_cli import run_cli

    _settings_broken(kind, data_dir / SETTINGS_FILENAME)
    settings = Settings.load(data_dir)
    assert settings.user_name == "" and SETTINGS_FILENAME in settings.problem and "\n" not in settings.problem
    assert "Gwenll" not in settings.problem
    result = run_cli(data_dir, "meetings")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"efh-desktop: note: Your settings file {data_dir / SETTINGS_FILENAME} could not be read" in result.stderr


def test_a_readable_settings_file_has_no_problem_and_none_is_saved(data_dir):
    from efh_desktop.paths import SETTINGS_FILENAME
    from efh_desktop.settings import Settings

    Settings(user_name="Gwenllïan Pryce").save(data_dir)
    assert Settings.load(data_dir).problem == ""
    assert "problem" not in json.loads((data_dir / SETTINGS_FILENAME).read_text(encoding="utf-8"))


# -- opening after a crash: the copy of the recent-changes log must have somewhere to go -------------
@pytest.fixture
def left_by_a_crash(data_dir, profile, tmp_path) -> Path:
    """The data folder as a process that died left it: database, -wal (holding a saved child) and
    -shm, nobody holding them (copied while the session was open)."""
    services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    services.subjects.create("child", "Zephyrine Quillfeather")
    crashed = tmp_path / "crashed"
    shutil.copytree(data_dir, crashed)
    services.lock()
    assert (crashed / (DB_FILENAME + "-wal")).stat().st_size > 0
    return crashed


def _names(services) -> list[str]:
    return [s.name for s in services.subjects.list()]


def test_a_full_disk_while_keeping_the_log_aside_says_so_and_opens_once_there_is_room(left_by_a_crash, profile,
                                                                                     monkeypatch):
    """The log is copied aside before the first open after a crash, which needs room: a full disk
    (often the very reason the program stopped) gave a raw "No space left on device" and left a
    half-made copy in the recovery folder."""
    import efh_desktop.store.wal_guard as wal_guard

    wal = left_by_a_crash / (DB_FILENAME + "-wal")
    before = wal.read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(wal_guard.shutil, "copyfile", _no_space)
        with pytest.raises(StoreError) as refused:
            UnlockService(left_by_a_crash, profile, "Test User").unlock(PASSPHRASE)
    message = str(refused.value)
    assert message.startswith("The disk is full") and "Nothing has been opened, changed or deleted" in message
    assert wal.read_bytes() == before
    assert not any((left_by_a_crash / wal_guard.RECOVERY_DIRNAME).glob("log-*")), "a half-made copy was left"
    services, _ = UnlockService(left_by_a_crash, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert "Zephyrine Quillfeather" in _names(services)
    finally:
        services.lock()


def test_a_file_where_the_recovery_folder_belongs_is_named(left_by_a_crash, profile):
    from efh_desktop.store.wal_guard import RECOVERY_DIRNAME

    (left_by_a_crash / RECOVERY_DIRNAME).write_text("not a folder", encoding="utf-8")
    wal = left_by_a_crash / (DB_FILENAME + "-wal")
    before = wal.read_bytes()
    with pytest.raises(StoreError) as refused:
        UnlockService(left_by_a_crash, profile, "Test User").unlock(PASSPHRASE)
    message = str(refused.value)
    assert str(left_by_a_crash / RECOVERY_DIRNAME) in message and "not a folder" in message, message
    assert "Nothing has been opened, changed or deleted" in message and wal.read_bytes() == before


def test_a_folder_where_the_window_lock_file_belongs_is_named(data_dir):
    from efh_desktop.store.folder_lock import LOCK_FILENAME, FolderLock

    (data_dir / LOCK_FILENAME).mkdir()
    with pytest.raises(StoreError) as refused:
        FolderLock.acquire(data_dir)
    message = str(refused.value)
    assert str(data_dir / LOCK_FILENAME) in message and "folder" in message and "Nothing has been" in message


# -- an update of the database's structure, whose backup comes first -----------------------------------
@pytest.fixture
def update_pending(data_dir, monkeypatch):
    """This version of the program has one more migration than the store (as after an upgrade)."""
    from efh_desktop.store import migrations

    head = migrations.SCHEMA_HEAD
    ran: list[bool] = []
    monkeypatch.setattr(migrations, "SCHEMA_HEAD", "9998_fake_next")
    monkeypatch.setattr(migrations, "known_revisions", lambda: {head, "9998_fake_next"})
    monkeypatch.setattr(migrations, "_run_alembic", lambda _engine: ran.append(True))
    return ran


def test_no_room_for_the_backup_before_an_update_says_what_it_was_for(data_dir, profile, update_pending,
                                                                      monkeypatch):
    """"The backup was not written" puzzled a user who had asked for no backup, only to open."""
    import efh_desktop.store.backup as backup

    db = (data_dir / DB_FILENAME).read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(backup, "verify_backup", _no_space)
        with pytest.raises(StoreError) as refused:
            UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    message = str(refused.value)
    assert message.startswith("The disk is full") and "update" in message and "has not been changed" in message
    assert not update_pending and (data_dir / DB_FILENAME).read_bytes() == db
    assert list((data_dir / "backups").iterdir()) == []


def test_a_file_where_the_backups_folder_belongs_stops_the_update_in_one_sentence(data_dir, profile,
                                                                                   update_pending):
    (data_dir / "backups").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    message = str(refused.value)
    assert str(data_dir / "backups") in message and "not a folder" in message and "has not been changed" in message
    assert not update_pending


def test_a_restored_backup_opens_on_a_full_disk_though_its_salt_cannot_be_recorded(data_dir, profile, tmp_path,
                                                                                  monkeypatch):
    """The key file's record of its database's salt only ever explains a failure, and is refreshed
    after an open that worked. After a backup is put back (a new salt), a full disk made that refresh
    fail, and the open with it: the restored store could not be opened at all until space was freed."""
    import efh_desktop.atomic_write as atomic_write

    services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    services.subjects.create("child", "Zephyrine Quillfeather")
    services.backup(tmp_path / "copy.efhbak")
    services.lock()
    shutil.copyfile(tmp_path / "copy.efhbak", data_dir / DB_FILENAME)
    monkeypatch.setattr(atomic_write.os, "fsync", _no_space)
    services, _ = UnlockService(data_dir, profile, "Test User").unlock(PASSPHRASE)
    try:
        assert "Zephyrine Quillfeather" in _names(services)
    finally:
        services.lock()


# -- a save while another program keeps the database locked -------------------------------------------
def test_a_save_refused_because_another_process_keeps_the_database_locked_says_so(services, data_dir):
    """Writers wait for each other (busy timeout); past it, a save ended in "Unexpected error
    (OperationalError)", which reads like damage, when it is only "busy: try again"."""
    from efh_desktop.error_text import user_message
    from efh_desktop.store.engine import keyed_connect

    holder = keyed_connect(data_dir / DB_FILENAME, services.store.key)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OperationalError) as failed:
            services.subjects.create("child", "Zephyrine Quillfeather")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = user_message(failed.value)
    assert "busy" in message and "Unexpected" not in message and "not saved" in message, message
    assert "Zephyrine" not in message
    assert services.subjects.list() == []
    services.subjects.create("child", "Zephyrine Quillfeather")  # once the lock has gone, it saves


# -- a long file name in a script of several bytes a letter ---------------------------------------------
@pytest.mark.parametrize("stem", [
    "محضر اجتماع " * 11,  # Arabic: two bytes a letter
    "Cofnodion cyfarfod ŵŷâ " * 9,  # Welsh
    "Protokół spotkania źdźbła " * 8,  # Polish
    "İstanbul toplantısı ğşı " * 9,  # Turkish
])
def test_a_file_name_the_disk_accepts_is_written_whatever_its_script(tmp_path, data_dir, stem):
    """The temporary name beside the target kept 200 characters of the name, not 200 bytes: a name
    of 120 Arabic letters (244 bytes, within the usual 255) was refused as "File name too long", with
    the advice to choose another folder."""
    from efh_desktop.atomic_write import remove_stray_temps, safe_write_bytes, temp_prefix

    name = stem.strip().encode("utf-8")[:250].decode("utf-8", "ignore") + ".pdf"
    assert 200 < len(name.encode("utf-8")) <= 255
    out = tmp_path / "out"
    out.mkdir()
    written = safe_write_bytes(out / name, b"%PDF", protected_dir=data_dir)
    assert written.read_bytes() == b"%PDF" and [p.name for p in out.iterdir()] == [name]
    stray = out / f"{temp_prefix(name)}abcdefgh.efh-part"  # one a crash left: still recognised
    stray.write_bytes(b"case data")
    assert remove_stray_temps(out, name) == [stray] and [p.name for p in out.iterdir()] == [name]


# -- a passphrase holding a character that cannot be encoded -------------------------------------------
BROKEN = "caf\udce9 au lait passphrase"  # what Python makes of a Latin-1 "é" in a UTF-8 environment


def test_a_passphrase_with_a_broken_character_is_refused_in_one_sentence(services, data_dir, profile):
    """Argon2 is given the passphrase's UTF-8 bytes; a lone surrogate (a terminal in another encoding,
    a broken clipboard) has none, and unlocking, changing the passphrase or sealing a meeting file
    ended in "Unexpected error (UnicodeEncodeError)"."""
    from efh_desktop.store import sealed_file
    from efh_desktop.store.errors import PassphraseRejected

    header_before = (data_dir / HEADER_FILENAME).read_bytes()
    with pytest.raises(PassphraseRejected, match="cannot be used") as refused:
        services.change_passphrase(PASSPHRASE, BROKEN, BROKEN)
    assert "\udce9" not in str(refused.value) and "\n" not in str(refused.value)
    with pytest.raises(PassphraseRejected, match="cannot be used"):
        services.change_passphrase(BROKEN, PASSPHRASE + "!", PASSPHRASE + "!")
    with pytest.raises(PassphraseRejected, match="cannot be used"):
        sealed_file.seal(b"{}", BROKEN, purpose="meeting")
    sealed = sealed_file.seal(b"{}", PASSPHRASE, purpose="meeting")
    with pytest.raises(PassphraseRejected, match="cannot be used"):
        sealed_file.unseal(sealed, BROKEN, purpose="meeting")
    services.lock()
    with pytest.raises(PassphraseRejected, match="cannot be used"):
        UnlockService(data_dir, profile, "Test User").unlock(BROKEN)
    assert (data_dir / HEADER_FILENAME).read_bytes() == header_before
    assert _opens_with(data_dir, profile, PASSPHRASE)


def test_the_command_line_with_such_a_passphrase_says_so_in_one_line(data_dir):
    from tests.test_cli import assert_one_line_error, run_cli

    line = assert_one_line_error(run_cli(data_dir, "meetings", passphrase=BROKEN))
    assert "cannot be used" in line and "Unexpected" not in line


def test_a_crafted_meeting_file_through_the_command_line_leaves_no_name_in_stderr_or_the_logs(
        services, meeting_file, data_dir, tmp_path):
    from tests.test_cli import assert_one_line_error, run_cli

    meeting_file["frozen_subjects"][0]["payload"]["name"] = ["Zephyrine", "Quillfeather"]
    meeting_file["frozen_subjects"][0]["payload"]["description"] = "Quillfeather " * 20_000
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(meeting_file), encoding="utf-8")
    services.lock()
    result = run_cli(data_dir, "meeting-import", str(path))
    line = assert_one_line_error(result)
    assert "frozen_subjects[0].payload" in line and "Quillfeather" not in line
    logs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (data_dir / "logs").glob("*"))
    assert "Zephyrine" not in logs and "Quillfeather" not in logs


def test_a_passphrase_file_that_is_not_utf8_is_one_clear_line(data_dir, tmp_path):
    from tests.test_cli import assert_one_line_error, run_cli

    secret = tmp_path / "passphrase.txt"
    secret.write_bytes(PASSPHRASE.encode("utf-8") + b"\xe9\n")  # a Latin-1 editor's last letter
    secret.chmod(0o600)
    line = assert_one_line_error(run_cli(data_dir, "--passphrase-file", str(secret), "meetings", passphrase=None))
    assert "Unexpected" not in line and "passphrase file" in line


def test_asking_to_be_remembered_on_a_full_disk_still_unlocks_and_leaves_no_key_behind(data_dir, profile,
                                                                                       monkeypatch):
    """The passphrase was right and the store open, but the key file's "keyring on" could not be
    saved: the whole unlock failed with "disk is full", the opened store (its connection and key) was
    never closed, and the keyring kept the database key that the key file says is not there."""
    import efh_desktop.atomic_write as atomic_write
    from efh_desktop.store.engine import open_here
    from efh_desktop.store.keystore import KeyStore
    from tests.test_keyring_fallback import MemoryKeyring

    ring = MemoryKeyring()
    unlocker = UnlockService(data_dir, profile, "Test User", keystore=KeyStore(ring, trust_backend=True))
    with monkeypatch.context() as patched:
        patched.setattr(atomic_write.os, "fsync", _no_space)
        services, note = unlocker.unlock(PASSPHRASE, remember=True)
    services.lock()
    assert "disk is full" in note.lower()
    assert open_here(data_dir / DB_FILENAME) == 0 and not ring.entries


# -- a meeting "file" that is a device or a pipe -----------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_importing_a_device_or_a_pipe_is_refused_before_reading_it(services, tmp_path, monkeypatch, kind):
    """Reading a named pipe waited for ever for a writer; reading /dev/zero filled the memory until
    the system stopped the program. Either is refused by what it is, before a byte is read."""
    from efh_desktop.services.context import ServiceError
    from efh_desktop.services.interchange_service import InterchangeService

    path = Path("/dev/zero")
    if kind == "fifo":
        path = tmp_path / "meeting.efhmeeting"
        os.mkfifo(path)

    def never(self, *args, **kwargs):
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(ServiceError, match="not an ordinary file") as refused:
        InterchangeService(services.ctx).import_file(path)
    assert "\n" not in str(refused.value)


NAME_SCRIPTS = st.sampled_from([
    "Zoë", "Weiß", "İpek", "Gwenllïan", "Łucja", "Žofie", "Siobhán", "Ngọc", "نور", "יעל", "Дарья", "美咲",
    "<b>Kai</b>", "O'Neil & Sons", "\u202eRTL\u202c", "\x00", "\ud800", "\t", "  ",
])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(NAME_SCRIPTS, min_size=1, max_size=6))
def test_a_frozen_name_in_any_script_reads_back_as_the_services_would_store_it(services, meeting_file, tmp_path,
                                                                              parts):
    from efh_desktop.domain.text_rules import TextRejected, clean_name
    from efh_desktop.services.context import ServiceError
    from efh_desktop.services.interchange_service import InterchangeService

    name = "".join(parts)
    doc = copy.deepcopy(meeting_file)
    doc["meeting"]["uid"] = "m" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:30]
    doc["frozen_subjects"][0]["payload"]["name"] = name
    path = tmp_path / "any-script.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        expected = clean_name(name)
    except TextRejected:
        with pytest.raises(ServiceError, match=r"frozen_subjects\[0\]\.payload: name"):
            InterchangeService(services.ctx).import_file(path)
        return
    meeting_id, _ = InterchangeService(services.ctx).import_file(path)
    [frozen] = services.finalise.frozen_subjects(meeting_id)
    assert frozen.name == expected
