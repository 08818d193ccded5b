"""The disclosure review through the services the window and the CLI use: connected people and
persons of concern who are children reach the copy, decisions are kept against stable keys, and a
second person's approval covers exactly the copy as it stood."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.services.context import ServiceError
from tests.disclosure_helpers import decide_and_approve
from tests.test_redaction import strings


@pytest.fixture
def meeting(services, tmp_path):
    kai = services.subjects.create("child", "Kai Marlow", lcs_id="LCS-900101")
    tayo = services.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5),
                                    connected_people="Sandra Quell, mother\nDeji Brennick, older brother")
    young = services.subjects.create("person_of_concern", "Jaylen Okoro", treat_as_child=True)
    m = services.meetings.create("complex_strategy", datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    for s in (kai, tayo, young):
        services.meetings.add_subject(m.id, s.id)
    services.minutes.add_note(m.id, "Kai was seen with Tayo and Jaylen Okoro; Sandra Quell and Deji were told. "
                              "Tayo's birthday is 05/06/2011.", source_agency="Police",
                              subject_ids=[kai.id, tayo.id])
    folder = tmp_path / "out"
    folder.mkdir()

    def plan():
        return services.minutes_files.plan(m.id, folder, ("txt",), full=False, disclosure_for=[kai.id])

    return services, m.id, kai, tayo, plan, folder


def test_connected_people_and_a_child_person_of_concern_are_masked(meeting):
    from efh_desktop.export.redaction import child_labels

    services, _m, kai, tayo, plan, _folder = meeting
    assert services.subjects.get(tayo.id).connected_people == [
        {"name": "Sandra Quell", "relationship": "mother"}, {"name": "Deji Brennick", "relationship": "older brother"}]
    copy = plan().copies[0]
    text = "\n".join(strings(copy.document))
    for term in ("Tayo", "Brennick", "Sandra", "Quell", "Deji", "Jaylen", "Okoro", "05/06/2011"):
        assert term not in text, term
    young = next(s.id for s in services.meetings.subjects(_m) if s.id not in (kai.id, tayo.id))
    labels = child_labels(kai.id, [tayo.id, young])
    assert f"Parent of {labels[tayo.id]}" in text and f"Sibling of {labels[tayo.id]}" in text
    assert labels[young] in text


def test_connected_people_are_validated(services):
    with pytest.raises(ServiceError, match="name and a relationship"):
        services.subjects.create("child", "Ana Lee", connected_people=[("a", "b", "c")])
    with pytest.raises(TextRejected):
        services.subjects.create("child", "Ana Lee", connected_people=[{"name": "", "relationship": "mother"}])


def test_nothing_is_written_until_decided_and_approved_by_a_second_person(meeting):
    services, m, kai, _tayo, plan, folder = meeting
    first = plan()
    copy = first.copies[0]
    with pytest.raises(ServiceError, match="still to decide|second person"):
        services.minutes_files.write(first)
    review = services.disclosure_review
    with pytest.raises(ServiceError, match="exemption"):
        review.decide(m, kai.id, "x" * 40, "withhold", basis="not-a-basis")
    ready = decide_and_approve(services, m, plan)
    with pytest.raises(ServiceError, match="second person"):
        review.approve(m, kai.id, ready.copies[0].digest, approver="test user", role="Service Manager")
    # A change to the meeting after approval changes the copy: the approval no longer covers it.
    services.minutes.add_note(m, "Kai is back at school.", subject_ids=[kai.id])
    changed = plan()
    assert changed.copies[0].digest != ready.copies[0].digest and not changed.copies[0].approved_by
    with pytest.raises(ServiceError, match="second person"):
        services.minutes_files.write(changed)
    assert list(folder.iterdir()) == []
    again = decide_and_approve(services, m, plan)
    [path] = services.minutes_files.write(again, reason="Subject access request")
    assert path.exists() and copy.stem in path.name
    [log] = services.minutes_files.redaction_log(m)
    assert "approved by Ngozi Achterberg (Service Manager)" in log.reason
    assert all(row["basis"] for row in log.replacements)


def test_decisions_survive_re_planning_and_keep_is_applied(meeting):
    services, m, kai, _tayo, plan, _folder = meeting
    services.minutes.add_note(m, "Brenick was there (a misspelling). Kai will attend.", subject_ids=[kai.id])
    copy = plan().copies[0]
    point = next(s for s in copy.suspects if s.word == "Brenick")
    assert point.sentence == "Brenick was there (a misspelling)." and not point.decision
    services.disclosure_review.decide(m, kai.id, point.key, "keep", reason="not a child here")
    again = plan().copies[0]
    assert next(s for s in again.suspects if s.key == point.key).decision == "keep"
    assert any("Brenick was there" in n.text for sec in again.document.sections for n in sec.notes)


def test_a_decisions_file_with_bad_rows_is_refused_with_its_place(services, tmp_path):
    bad = tmp_path / "d.json"
    bad.write_text('{"decisions": [{"child": "one", "key": "k"}]}', encoding="utf-8")
    with pytest.raises(ServiceError, match=r"decisions\[0\]"):
        services.disclosure_review.load_decisions_file(1, bad)
    bad.write_text("[" * 100000, encoding="utf-8")
    with pytest.raises(ServiceError, match="could not be read"):
        services.disclosure_review.load_decisions_file(1, bad)
