"""The demo's year of Safer Options meetings about Harbourside Steps (issue 16 item 6): each
intervention's outcome is recorded between the meetings, as it would be, so each meeting's review
lists what it should, and the next meeting's review has one closed since the last meeting and one
still open."""

from __future__ import annotations

from efh_desktop.domain.uk_dates import to_uk


def test_the_next_meeting_reviews_one_closed_since_the_last_and_one_still_open(demo_services):
    s = demo_services
    fenwick = sorted((m for m in s.meetings.list(type_key="safer_options") if "Fenwick" in (m.title or "")),
                     key=lambda m: m.starts_at)
    assert len(fenwick) == 12
    review = s.history.interventions_for_review(fenwick[-1].id)
    assert [(i.text, i.status) for i in review] == [
        ("School engagement at both schools about the Steps", "done"),
        ("Guardianship: briefing for the ferry terminal staff", "open")]
    assert review[0].rating == "No change" and review[0].outcome
    # Each outcome was recorded after its meeting and before the next one: no review lists more than
    # the intervention agreed at the meeting before and one closed since.
    for month, meeting in enumerate(fenwick[1:], start=1):
        listed = s.history.interventions_for_review(meeting.id)
        assert {i.meeting_id for i in listed} <= {m.id for m in fenwick[:month]}
        assert len(listed) <= 2, (to_uk(meeting.starts_at).date(), [i.text for i in listed])
