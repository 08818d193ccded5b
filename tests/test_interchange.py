"""Moving a meeting between laptops: export, import into another store, importing twice, sealing."""

from __future__ import annotations

import json
import shutil

import pytest

from efh_desktop.services.context import ServiceError
from efh_desktop.services.interchange_service import InterchangeService
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.errors import StoreError
from tests.conftest import PASSPHRASE


@pytest.fixture
def other_laptop(tmp_path, template_store_dir, profile):
    folder = tmp_path / "chair-laptop"
    shutil.copytree(template_store_dir, folder)
    services, _ = UnlockService(folder, profile, "Chair").unlock(PASSPHRASE)
    yield services
    services.lock()


def counts(services, meeting_id):
    return (len(services.meetings.subjects(meeting_id)), len(services.attendance.list(meeting_id)),
            len(services.agenda.tree(meeting_id)), len(services.minutes.notes(meeting_id)),
            len(services.minutes.decisions(meeting_id)), len(services.minutes.actions(meeting_id)),
            len(services.checklist.rows(meeting_id)), len(services.sharing.children(meeting_id)))


def test_whole_meeting_moves_and_importing_twice_does_not_duplicate(demo_services, other_laptop, tmp_path):
    first = min(r.id for r in demo_services.meetings.list(type_key="complex_strategy"))
    out = tmp_path / "out"
    out.mkdir()
    path = InterchangeService(demo_services.ctx).export(first, out / "meeting.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "efh-desktop-meeting" and data["meeting"]["uid"]
    importer = InterchangeService(other_laptop.ctx)
    meeting_id, imported = importer.import_file(path)
    assert imported
    assert counts(other_laptop, meeting_id) == counts(demo_services, first)
    original = demo_services.meetings.get(first)
    copy = other_laptop.meetings.get(meeting_id)
    assert (copy.uid, copy.title, copy.starts_at, copy.status) == (original.uid, original.title, original.starts_at,
                                                                    original.status)
    notes = {n.text: n for n in other_laptop.minutes.notes(meeting_id)}
    kai_note = next(t for t in notes if t.startswith("Kai was found"))
    tagged = {s.name for s in other_laptop.meetings.subjects(meeting_id)
              if s.id in other_laptop.minutes.tags("note", notes[kai_note].id)}
    assert "Kai Marlow" in tagged
    done = [r for r in other_laptop.checklist.rows(meeting_id) if r.status != "not_yet"]
    assert len(done) == len([r for r in demo_services.checklist.rows(first) if r.status != "not_yet"])
    again, imported_again = importer.import_file(path)
    assert (again, imported_again) == (meeting_id, False)
    assert len(other_laptop.meetings.list()) == 1
    assert len(other_laptop.subjects.list()) == len(demo_services.meetings.subjects(first))


def test_sealed_file_needs_its_passphrase(demo_services, other_laptop, tmp_path):
    first = demo_services.meetings.list()[0].id
    out = tmp_path / "out"
    out.mkdir()
    path = InterchangeService(demo_services.ctx).export(first, out / "sealed.efh", passphrase="a carry passphrase")
    raw = path.read_bytes()
    # With a space: base64 ciphertext never has one, so a chance "Kai" in it cannot fail the test.
    assert b"Kai Marlow" not in raw and b"Brindley East" not in raw
    importer = InterchangeService(other_laptop.ctx)
    with pytest.raises(ServiceError, match="sealed"):
        importer.import_file(path)
    with pytest.raises(StoreError, match="does not open"):
        importer.import_file(path, passphrase="the wrong passphrase")
    meeting_id, imported = importer.import_file(path, passphrase="a carry passphrase")
    assert imported and other_laptop.meetings.get(meeting_id).uid == demo_services.meetings.get(first).uid


def test_not_a_meeting_file_is_refused_clearly(other_laptop, tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ServiceError, match="not an EFH Desktop meeting file"):
        InterchangeService(other_laptop.ctx).import_file(junk)
    assert other_laptop.meetings.list() == []


@pytest.mark.parametrize("what", ["folder", "missing"])
def test_a_folder_or_a_missing_file_is_refused_clearly(other_laptop, tmp_path, what):
    target = tmp_path / "meeting.json"
    if what == "folder":
        target.mkdir()
    with pytest.raises(ServiceError, match="cannot be imported"):
        InterchangeService(other_laptop.ctx).import_file(target)
    assert other_laptop.meetings.list() == []
