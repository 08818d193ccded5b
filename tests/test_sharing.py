"""Consent and information sharing through the services: a decision per child, the reasons the
minutes need, agency disclosures, notes not for the family beside the decision, the outreach
action, carrying forward with history, and the finalisation gate."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.services.context import ServiceError

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def setup(services):
    ann = services.subjects.create("child", "Ann Testshare")
    bo = services.subjects.create("child", "Bo Testshare")
    meeting = services.meetings.create("safer_options", WHEN, subject_ids=[ann.id, bo.id])
    return services, meeting, ann, bo


def test_a_decision_per_child_with_reasons(setup):
    services, meeting, ann, _bo = setup
    sharing = services.sharing
    assert [c.record for c in sharing.children(meeting.id)] == [None, None]
    with pytest.raises(ServiceError, match="why consent"):
        sharing.save_child(meeting.id, ann.id, to_share="The plan", consent="refused")
    with pytest.raises(ServiceError, match="withheld"):
        sharing.save_child(meeting.id, ann.id, withheld="Police intelligence", consent="given")
    with pytest.raises(ServiceError, match="lawful basis"):
        sharing.save_child(meeting.id, ann.id, consent="given", lawful_basis="because")
    record = sharing.save_child(meeting.id, ann.id, to_share="The safety plan & the youth offer",
                                shared_by="Sam Test", share_by=date(2026, 12, 10),
                                withheld="Police intelligence about the car",
                                withheld_reason="It would harm a police investigation",
                                consent="not_sought", consent_reason="Risk to the child if the family is told now",
                                lawful_basis="uk_gdpr_6_1_e", lawful_basis_note="Children Act 1989 s47")
    assert record.decided_by == "Test User" and record.decided_at is not None
    again = sharing.save_child(meeting.id, ann.id, consent="given", consent_reason="")
    assert again.id == record.id, "one decision per child per meeting, changed in place"
    with pytest.raises(ServiceError, match="Only a child discussed"):
        outsider = services.subjects.create("child", "Not Discussed")
        sharing.save_child(meeting.id, outsider.id, consent="given")


def test_notes_not_for_the_family_are_listed_beside_the_decision(setup):
    services, meeting, ann, bo = setup
    services.minutes.add_note(meeting.id, "Intelligence: not to be shared", not_for_family=True, subject_ids=[ann.id])
    services.minutes.add_note(meeting.id, "Ordinary note", subject_ids=[ann.id])
    children = {c.subject.id: c for c in services.sharing.children(meeting.id)}
    assert [n.text for n in children[ann.id].not_for_family] == ["Intelligence: not to be shared"]
    assert children[bo.id].not_for_family == ()


def test_agency_disclosures_and_the_outreach_action(setup):
    services, meeting, ann, _bo = setup
    disclosure = services.sharing.add_disclosure(meeting.id, agency="Police", what="Missing episodes",
                                                 recipient="Ashcombe School", disclosed_on=date(2026, 12, 8),
                                                 purpose="To plan supervision at school", subject_id=ann.id)
    assert [d.id for d in services.sharing.disclosures(meeting.id)] == [disclosure.id]
    outreach = services.minutes.add_action(meeting.id, "Outreach visit to the family", owner="FIF Worker",
                                           agency="Families in Focus (FIF)", due_date=date(2026, 12, 12))
    record = services.sharing.save_child(meeting.id, ann.id, to_share="We are worried about who Ann meets",
                                         consent="sought", action_id=outreach.id)
    assert record.action_id == outreach.id
    other = services.meetings.create("safer_options", WHEN)
    foreign = services.minutes.add_action(other.id, "Elsewhere")
    with pytest.raises(ServiceError, match="action of this meeting"):
        services.sharing.save_child(meeting.id, ann.id, action_id=foreign.id)


def test_carried_forward_for_review_with_history_and_the_gate(setup):
    services, meeting, ann, bo = setup
    keys = {line.item.key for line in services.finalise.gate(meeting.id)}
    assert {f"sharing:child:{ann.id}", f"sharing:child:{bo.id}"} <= keys
    first = services.sharing.save_child(meeting.id, ann.id, to_share="The plan", consent="given")
    keys = {line.item.key for line in services.finalise.gate(meeting.id)}
    assert f"sharing:child:{ann.id}" not in keys and f"sharing:child:{bo.id}" in keys
    following = services.series.create_next_meeting(meeting.id)
    carried = {c.subject.id: c.record for c in services.sharing.children(following.id)}
    assert carried[ann.id].to_share == "The plan" and carried[ann.id].carried_from_id == first.id
    assert carried[ann.id].decided_at is None, "to be confirmed at the review"
    assert f"sharing:child:{ann.id}" in {line.item.key for line in services.finalise.gate(following.id)}
    confirmed = services.sharing.save_child(following.id, ann.id, to_share="The plan, now with the school's part")
    assert [r.id for r in services.sharing.history(confirmed.id)] == [first.id, confirmed.id]
