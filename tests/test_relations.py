"""Relationships as data (issue 16): every relation through the services, audited, carried in the
meeting file; the queries the rules need (related children, a person of concern across meetings)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from efh_desktop.services.context import ServiceError
from efh_desktop.services.relation_service import RELATIONS, relations_between
from efh_desktop.services.unlock_service import UnlockService
from efh_desktop.store.tables import AuditEvent, SubjectLink
from tests.conftest import PASSPHRASE


def make(services, kind, name, **fields):
    return services.subjects.create(kind, name, **fields).id


@pytest.fixture
def people(services):
    return {
        "ava": make(services, "child", "Ava Łukasiewicz"), "ben": make(services, "child", "Ben Øyelaran"),
        "cai": make(services, "child", "Cai ap Rhys"), "dua": make(services, "child", "Duʼa Haddad"),
        "group": make(services, "peer_group", "Northside Crew"), "park": make(services, "place", "Fernbank Rec"),
        "school": make(services, "place", "Hollow Lane Academy"), "poc": make(services, "person_of_concern", "Dex Marl"),
    }


def audit_actions(services, entity="subject_link"):
    with services.ctx.reading() as session:
        return [(e.action, e.summary) for e in session.exec(select(AuditEvent).where(AuditEvent.entity == entity)
                                                             .order_by(AuditEvent.id))]


@pytest.mark.parametrize("relation,a,b", [
    ("sibling", "ava", "ben"), ("half_sibling", "ava", "cai"), ("friend", "ben", "cai"), ("partner", "cai", "dua"),
    ("harmed_by", "dua", "ben"), ("member", "ava", "group"), ("linked", "poc", "ava"), ("linked", "poc", "park"),
    ("linked", "poc", "group"), ("seen_at", "ben", "park"), ("lives_at", "cai", "park"),
    ("goes_to_school_at", "dua", "school"),
])
def test_every_relation_is_recorded_read_from_both_ends_and_audited(services, people, relation, a, b):
    row = services.relations.add(people[a], people[b], relation, known="Seen together most evenings",
                                 source="Police")
    assert (row.relation, row.from_id, row.to_id) == (relation, people[a], people[b])
    assert [r.id for r in services.relations.links_of(people[a])] == [row.id]
    assert [r.id for r in services.relations.links_of(people[b])] == [row.id]
    assert row.known == "Seen together most evenings" and row.source == "Police"
    assert audit_actions(services)[-1][0] == "create"
    services.relations.remove(row.id)
    assert services.relations.links_of(people[a]) == []
    assert audit_actions(services)[-1][0] == "delete"


def test_ends_are_put_the_right_way_round_and_wrong_kinds_are_refused(services, people):
    member = services.relations.add(people["group"], people["ava"], "member", from_date=date(2026, 3, 1))
    assert (member.from_id, member.to_id) == (people["ava"], people["group"])
    assert member.phrase(people["ava"]) == "member of Northside Crew (from 1 March 2026)"
    assert member.phrase(people["group"]).startswith("has member Ava")
    with pytest.raises(ServiceError, match="does not join a place and a place"):
        services.relations.add(people["park"], people["school"], "sibling")
    with pytest.raises(ServiceError, match="itself"):
        services.relations.add(people["ava"], people["ava"], "friend")
    with pytest.raises(ServiceError, match="Unknown relationship"):
        services.relations.add(people["ava"], people["ben"], "cousin")
    harmed = services.relations.add(people["dua"], people["ben"], "harmed_by")
    assert harmed.phrase(people["dua"]) == "harmed by Ben Øyelaran"
    assert harmed.phrase(people["ben"]) == "has harmed Duʼa Haddad"


def test_a_link_recorded_twice_is_refused_symmetric_ones_either_way_round(services, people):
    services.relations.add(people["ava"], people["ben"], "sibling")
    with pytest.raises(ServiceError, match="already recorded"):
        services.relations.add(people["ben"], people["ava"], "sibling")
    services.relations.add(people["dua"], people["ben"], "harmed_by")
    services.relations.add(people["ben"], people["dua"], "harmed_by")  # the other way is another fact


def test_membership_dates_and_what_is_known_can_be_changed_and_bad_dates_are_refused(services, people):
    row = services.relations.add(people["ava"], people["group"], "member", from_date=date(2026, 1, 5))
    with pytest.raises(ServiceError, match="before"):
        services.relations.update(row.id, to_date=date(2025, 12, 1))
    changed = services.relations.update(row.id, to_date=date(2026, 6, 30), known="Left the group after a move")
    assert changed.to_date == date(2026, 6, 30) and changed.known == "Left the group after a move"
    assert changed.dates() == " (5 January 2026 to 30 June 2026)"
    assert audit_actions(services)[-1][0] == "update"
    with pytest.raises(ServiceError, match="no field"):
        services.relations.update(row.id, relation="friend")
    with pytest.raises(ServiceError):
        services.relations.add(people["ava"], people["park"], "seen_at", from_date="yesterday")


def test_link_these_from_a_note_records_its_source(services, people):
    meeting = services.meetings.create("safer_options", datetime(2026, 6, 4, 9, tzinfo=UTC),
                                       subject_ids=[people["ava"], people["poc"]])
    note = services.minutes.add_note(meeting.id, "Dex was seen collecting Ava from school in a grey car.",
                                     source_agency="Education", subject_ids=[people["ava"], people["poc"]])
    row = services.relations.link_from_note(note.id, people["ava"], people["poc"], "linked")
    assert (row.from_id, row.to_id) == (people["poc"], people["ava"])
    assert row.note_id == note.id and row.known.startswith("Dex was seen collecting")
    assert row.source == "Note at Safer Options meeting, 4 June 2026 (Education)"
    with pytest.raises(ServiceError, match="Tag the note"):
        services.relations.link_from_note(note.id, people["ava"], people["park"], "seen_at")


def test_related_child_pairs_take_siblings_and_half_siblings_transitively(services, people):
    services.relations.add(people["ava"], people["ben"], "sibling")
    services.relations.add(people["ben"], people["cai"], "half_sibling")
    services.relations.add(people["cai"], people["dua"], "friend")  # friends are not related
    pairs = services.relations.related_child_pairs()
    pair = lambda a, b: (min(people[a], people[b]), max(people[a], people[b]))  # noqa: E731
    assert pairs == {pair("ava", "ben"), pair("ben", "cai"), pair("ava", "cai")}
    assert services.relations.related_child_pairs([people["ava"], people["cai"], people["dua"]]) == {
        pair("ava", "cai")}
    assert services.relations.sibling_group(people["cai"]) == sorted([people["ava"], people["ben"], people["cai"]])
    assert len(services.relations.unrelated_groups([people["ava"], people["ben"], people["dua"]])) == 2


def test_a_person_of_concern_linked_to_unrelated_children_in_different_meetings_prompts(services, people):
    when = datetime(2026, 5, 1, 10, tzinfo=UTC)
    services.meetings.create("safer_options", when, subject_ids=[people["ava"]])
    services.meetings.create("safer_options", when.replace(day=8), subject_ids=[people["dua"]])
    services.relations.add(people["poc"], people["ava"], "linked", known="Gives lifts")
    assert services.relations.persons_linked_to_unrelated_children() == []
    services.relations.add(people["poc"], people["dua"], "linked", known="Messages on social media")
    [prompt] = services.relations.persons_linked_to_unrelated_children()
    assert prompt.person_id == people["poc"] and prompt.unrelated_groups == 2
    assert "complex strategy" in prompt.message and "Ava Łukasiewicz" in prompt.message
    # Siblings are related: then there is one unrelated child, and no prompt.
    services.relations.add(people["ava"], people["dua"], "sibling")
    assert services.relations.persons_linked_to_unrelated_children() == []


def test_both_children_in_one_meeting_is_not_across_meetings(services, people):
    services.meetings.create("safer_options", datetime(2026, 5, 1, 10, tzinfo=UTC),
                             subject_ids=[people["ava"], people["dua"]])
    services.relations.add(people["poc"], people["ava"], "linked")
    services.relations.add(people["poc"], people["dua"], "linked")
    assert services.relations.persons_linked_to_unrelated_children() == []


def test_connected_people_are_read_with_the_relationships(services, people):
    services.subjects.update(people["ava"], connected_people="Marta Łukasiewicz, mother\nJon Reed, foster carer")
    assert [p["relationship"] for p in services.relations.connected_people(people["ava"])] == ["mother",
                                                                                               "foster carer"]


def test_every_relation_key_is_one_the_table_knows():
    from efh_desktop.store.tables import LINK_RELATIONS

    assert set(RELATIONS) == set(LINK_RELATIONS)
    assert {r.key for r in relations_between("child", "place")} == {"seen_at", "lives_at", "goes_to_school_at"}
    assert {r.key for r in relations_between("place", "person_of_concern")} == {"linked"}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(known=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60),
       source=st.sampled_from(["Police", "Ysgol Gymraeg", "Straße-Jugendamt", "İlçe polis", "الشرطة", "Policja"]))
def test_what_is_known_in_any_script_is_kept(services, people, known, source):
    row = services.relations.add(people["poc"], people["park"], "linked", known=known, source=source)
    try:
        assert services.relations.get(row.id).source == source
    finally:
        services.relations.remove(row.id)


# -- the meeting file ---------------------------------------------------------------------------------
@pytest.fixture
def other_laptop(tmp_path, template_store_dir, profile):
    folder = tmp_path / "chair-laptop"
    shutil.copytree(template_store_dir, folder)
    services, _ = UnlockService(folder, profile, "Chair").unlock(PASSPHRASE)
    yield services
    services.lock()


def test_links_and_outcomes_travel_in_the_meeting_file_once(services, people, other_laptop, tmp_path):
    services.subjects.update(people["ava"], connected_people="Marta Łukasiewicz, mother")
    meeting = services.meetings.create("safer_options", datetime(2026, 6, 4, 9, tzinfo=UTC),
                                       subject_ids=[people["ava"], people["ben"], people["park"], people["poc"]])
    services.relations.add(people["ava"], people["ben"], "sibling")
    services.relations.add(people["poc"], people["park"], "linked", known="Runs the kiosk", source="Police",
                           from_date=date(2026, 2, 1))
    services.relations.add(people["ava"], people["school"], "goes_to_school_at")  # the school is not in the file
    action = services.minutes.add_action(meeting.id, "Detached youth work at the rec", subject_ids=[people["park"]])
    services.history.record_outcome(action.id, outcome="Fewer reports of gatherings", rating="improved",
                                    evidence="Police calls down from 9 to 3")
    path = services.interchange.export(meeting.id, tmp_path / "m.efhmeeting")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {link["relation"] for link in data["links"]} == {"sibling", "linked"}
    new_id, imported = other_laptop.interchange.import_file(path)
    assert imported
    again, imported_again = other_laptop.interchange.import_file(path)
    assert (again, imported_again) == (new_id, False)
    with other_laptop.ctx.reading() as session:
        links = list(session.exec(select(SubjectLink)))
    assert sorted(link.relation for link in links) == ["linked", "sibling"]
    linked = next(link for link in links if link.relation == "linked")
    assert (linked.known, linked.source, linked.from_date) == ("Runs the kiosk", "Police", date(2026, 2, 1))
    [moved] = other_laptop.minutes.actions(new_id)
    assert (moved.outcome, moved.outcome_rating, moved.outcome_evidence) == (
        "Fewer reports of gatherings", "improved", "Police calls down from 9 to 3")
    ava = next(s for s in other_laptop.meetings.subjects(new_id) if s.name.startswith("Ava"))
    assert other_laptop.relations.connected_people(ava.id)[0]["name"] == "Marta Łukasiewicz"


def test_a_hostile_file_with_a_link_of_the_wrong_kinds_is_refused_whole(services, people, other_laptop, tmp_path):
    meeting = services.meetings.create("safer_options", datetime(2026, 6, 4, 9, tzinfo=UTC),
                                       subject_ids=[people["park"], people["group"]])
    data = services.interchange.to_dict(meeting.id)
    park, group = (s["uid"] for s in data["subjects"])
    data["links"] = [{"from_uid": park, "to_uid": group, "relation": "sibling"}]
    path = tmp_path / "bad.efhmeeting"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ServiceError, match=r"links\[0\]\.relation: sibling does not join"):
        other_laptop.interchange.import_file(path)
    data["links"] = [{"from_uid": park, "to_uid": "nobody", "relation": "linked"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ServiceError, match=r"links\[0\]\.to_uid: no subject"):
        other_laptop.interchange.import_file(path)
