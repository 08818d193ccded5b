"""Meeting files crafted to break the import, and key material crafted to stall the machine: each is
refused with one clear line naming where the problem is, before anything is written to the store."""

from __future__ import annotations

import base64
import json
import shutil
import time

import pytest
from sqlmodel import func, select
from test_cli import assert_one_line_error, run_cli

from efh_desktop.paths import HEADER_FILENAME
from efh_desktop.services.context import ServiceError
from efh_desktop.services.interchange_service import InterchangeService
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store import sealed_file
from efh_desktop.store.errors import KeyHeaderDamaged, StoreError
from efh_desktop.store.key_header import KeyHeader
from efh_desktop.store.tables import AuditEvent, Subject
from tests.conftest import PASSPHRASE

SEAL = "a carry passphrase"


@pytest.fixture
def other_laptop(tmp_path, template_store_dir, profile):
    folder = tmp_path / "chair-laptop"
    shutil.copytree(template_store_dir, folder)
    services, _ = UnlockService(folder, profile, "Chair").unlock(PASSPHRASE)
    yield services
    services.lock()


@pytest.fixture
def exported(demo_services, tmp_path) -> dict:
    with demo_services.ctx.transaction() as (session, _audit):
        child = session.exec(select(Subject).where(Subject.name == "Kai Marlow")).one()
        child.connected_people = [{"name": "Dana Marlow", "relationship": "mother"}]
        session.add(child)
    first = min(r.id for r in demo_services.meetings.list(type_key="complex_strategy"))
    path = InterchangeService(demo_services.ctx).export(first, tmp_path / "meeting.json")
    return json.loads(path.read_text(encoding="utf-8"))


def store_state(services) -> tuple[int, int, int]:
    with services.ctx.reading() as session:
        return (len(services.meetings.list()), session.exec(select(func.count()).select_from(Subject)).one(),
                session.exec(select(func.count()).select_from(AuditEvent)).one())


def refused(services, path, match: str, **kwargs) -> str:
    before = store_state(services)
    with pytest.raises(ServiceError) as caught:
        InterchangeService(services.ctx).import_file(path, **kwargs)
    assert match in str(caught.value), str(caught.value)
    assert "\n" not in str(caught.value) and store_state(services) == before
    return str(caught.value)


def first_index(rows: list[dict], **wanted) -> int:
    return next(i for i, r in enumerate(rows) if all(r.get(k) == v for k, v in wanted.items()))


def set_at(*keys):  # a mutation setting data[k1][k2]... = value
    def change(data: dict, value) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


HOSTILE = {
    "notes as a list of strings": (lambda d: d.__setitem__("notes", ["one", "two"]),
                                   "notes[0]: expected an object, found text"),
    "a note's text as a list": (lambda d: set_at("notes", 3, "text")(d, ["a", "b"]),
                                "notes[3].text: expected text, found a list"),
    "title as an object": (lambda d: set_at("meeting", "title")(d, {"en": "x"}),
                           "meeting.title: expected text, found an object"),
    "date as a number": (lambda d: set_at("meeting", "starts_at")(d, 20260302),
                         "meeting.starts_at: expected a date and time"),
    "naive datetime": (lambda d: set_at("meeting", "starts_at")(d, "2026-03-02T10:00:00"),
                       "meeting.starts_at: expected a date and time with its UTC offset"),
    "due date as a datetime": (lambda d: set_at("actions", 0, "due_date")(d, "2026-03-02T10:00:00+00:00"),
                               "actions[0].due_date: expected a date (YYYY-MM-DD)"),
    "flag as a string": (lambda d: set_at("notes", 0, "not_for_family")(d, "true"),
                         "notes[0].not_for_family: expected true or false, found text"),
    "duplicate subject uid": (lambda d: d["subjects"].append(dict(d["subjects"][0])),
                              "].uid: the same uid as subjects[0]"),
    "clashing note ids": (lambda d: set_at("notes", 1, "id")(d, d["notes"][0]["id"]),
                          "notes[1].id: the same id as notes[0]"),
    "agenda item its own parent": (lambda d: set_at("agenda", 0, "parent_id")(d, d["agenda"][0]["id"]),
                                   "agenda[0].parent_id: the agenda items' parents go round in a loop"),
    "reference to a missing item": (lambda d: set_at("decisions", 0, "agenda_item_id")(d, 424242),
                                    "decisions[0].agenda_item_id: no agenda item with id 424242"),
    "tag of a subject not in the file": (lambda d: set_at("notes", 0, "subjects")(d, ["0" * 32]),
                                         "notes[0].subjects[0]: no subject with this uid in the file"),
    "an id too big for SQLite": (lambda d: set_at("notes", 0, "id")(d, 2**70), "notes[0].id: expected a whole number"),
    "text over the length cap": (lambda d: set_at("notes", 0, "text")(d, "x" * 100_001),
                                 "notes[0].text: text is too long"),
    "a name of control characters": (lambda d: set_at("subjects", 0, "name")(d, "\x00\x07\x1b"),
                                     "subjects[0].name: text cannot be empty"),
    "unknown status": (lambda d: set_at("meeting", "status")(d, "deleted"), "meeting.status: expected one of"),
    "connected person without a name": (lambda d: set_at("subjects", 0, "connected_people")(d, [{"relationship": 5}]),
                                        "subjects[0].connected_people[0].name: missing"),
    "treat_as_child as a number": (lambda d: set_at("subjects", 0, "treat_as_child")(d, 1),
                                   "subjects[0].treat_as_child: expected true or false, found a number"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_document_is_refused_with_its_json_path(exported, other_laptop, tmp_path, case):
    change, expected = HOSTILE[case]
    change(exported)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    message = refused(other_laptop, path, expected)
    assert message.startswith("hostile.json: ") and message.endswith("nothing was imported.")


def test_a_valid_file_still_imports_with_connected_people(exported, other_laptop, tmp_path):
    path = tmp_path / "fine.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    meeting_id, imported = InterchangeService(other_laptop.ctx).import_file(path)
    assert imported
    kai = next(s for s in other_laptop.meetings.subjects(meeting_id) if s.name == "Kai Marlow")
    assert kai.connected_people == [{"name": "Dana Marlow", "relationship": "mother"}]
    assert kai.treat_as_child is False


@pytest.mark.parametrize("where", ["whole file", "inside notes"])
def test_100000_deep_nesting_is_reported_not_a_crash(exported, other_laptop, tmp_path, where):
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "deep.json"
    if where == "whole file":
        path.write_text(deep, encoding="utf-8")
    else:
        path.write_text(json.dumps(exported)[:-1] + f', "notes": {deep}}}', encoding="utf-8")
    refused(other_laptop, path, "nested far too deeply")


def _sealed(tmp_path, change) -> object:
    envelope = json.loads(sealed_file.seal(b'{"format": "efh-desktop-meeting"}', SEAL, purpose="meeting"))
    change(envelope)
    path = tmp_path / "crafted.efh"
    path.write_text(json.dumps(envelope), encoding="utf-8")
    return path


@pytest.mark.parametrize(("case", "change"), [
    ("salt not base64", lambda e: e["kdf"].__setitem__("salt", "!!!!")),
    ("nonce not base64", lambda e: e.__setitem__("nonce", "%%%%")),
    ("salt too short", lambda e: e["kdf"].__setitem__("salt", base64.b64encode(b"abc").decode())),
    ("4 GiB of memory", lambda e: e["kdf"].__setitem__("memory_cost", 4 * 1024 * 1024)),
    ("2 GiB of memory", lambda e: e["kdf"].__setitem__("memory_cost", 2 * 1024 * 1024)),
    ("time cost 50", lambda e: e["kdf"].__setitem__("time_cost", 50)),
    ("parallelism 64", lambda e: e["kdf"].__setitem__("parallelism", 64)),
    ("parallelism missing", lambda e: e["kdf"].pop("parallelism")),
    ("cost as text", lambda e: e["kdf"].__setitem__("time_cost", "3")),
])
def test_crafted_sealed_file_is_refused_before_argon2_runs(other_laptop, tmp_path, monkeypatch, case, change):
    def no_argon2(*_args):
        raise AssertionError("Argon2 ran on a crafted file")

    path = _sealed(tmp_path, change)
    monkeypatch.setattr(sealed_file, "derive_key", no_argon2)
    before = store_state(other_laptop)
    started = time.monotonic()
    with pytest.raises(StoreError, match="damaged or is not a sealed"):
        InterchangeService(other_laptop.ctx).import_file(path, passphrase=SEAL)
    assert time.monotonic() - started < 2 and store_state(other_laptop) == before


@pytest.mark.parametrize(("field", "value"), [("memory_cost", 4 * 1024 * 1024), ("memory_cost", 1024 * 1024 + 1),
                                              ("time_cost", 11), ("parallelism", 17)])
def test_key_header_with_costs_beyond_bounds_is_refused(data_dir, field, value):
    header_path = data_dir / HEADER_FILENAME
    data = json.loads(header_path.read_text(encoding="utf-8"))
    data["kdf"][field] = value
    header_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyHeaderDamaged):
        KeyHeader.load(header_path)


def test_cli_reports_a_hostile_file_in_one_line(exported, data_dir, tmp_path):
    exported["notes"][0]["text"] = ["not", "text"]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    line = assert_one_line_error(run_cli(data_dir, "meeting-import", str(path)))
    assert line == "efh-desktop: hostile.json: notes[0].text: expected text, found a list; nothing was imported."
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested far too deeply" in assert_one_line_error(run_cli(data_dir, "meeting-import", str(deep)))


def test_an_export_from_an_older_store_holds_only_references_inside_it(demo_services, other_laptop, tmp_path):
    """Records filed under another meeting's item (before that was refused) and checklist links to
    deleted records must not make the exported file one the strict import refuses."""
    from efh_desktop.store.tables import AgendaItem, ChecklistLink, ChecklistResponse, Note

    first, second = sorted(r.id for r in demo_services.meetings.list(type_key="complex_strategy"))[:2]
    with demo_services.ctx.transaction() as (session, _audit):
        elsewhere = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == second)).first()
        note = session.exec(select(Note).where(Note.meeting_id == first)).first()
        note.agenda_item_id = elsewhere.id
        session.add(note)
        response = session.exec(select(ChecklistResponse).where(ChecklistResponse.meeting_id == first)).first()
        session.add(ChecklistLink(response_id=response.id, record_kind="decision", record_id=987654))
    path = InterchangeService(demo_services.ctx).export(first, tmp_path / "older.json")
    meeting_id, imported = InterchangeService(other_laptop.ctx).import_file(path)
    assert imported and len(other_laptop.minutes.notes(meeting_id)) == len(demo_services.minutes.notes(first))
