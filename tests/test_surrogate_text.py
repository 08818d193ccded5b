"""Lone surrogates (from broken clipboards, JSON escapes, bad input methods) in any text: every
service stores something, never "Unexpected error (UnicodeEncodeError)"."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efh_desktop.domain.text_rules import clean_name, clean_text, without_surrogates
from efh_desktop.services.search_text import like_pattern

# Any code point, surrogates included (Hypothesis leaves them out unless asked), plus the cases
# that matter most: lone halves and a pair that should become one emoji.
ANY_CHAR = st.characters(exclude_categories=())
NASTY = st.sampled_from(["\ud800", "\udfff", "\ud83d\ude00", "\udc00\ud800", "a\ud83d"])
TEXT = st.lists(st.one_of(ANY_CHAR, NASTY), min_size=1, max_size=40).map("".join)


def storable(text: str) -> bool:
    text.encode("utf-8")  # raises for any surrogate left behind
    return True


def test_pairs_join_and_lone_halves_are_replaced():
    assert without_surrogates("\ud83d\ude00") == "\N{GRINNING FACE}"
    assert without_surrogates("Kai\ud800 M") == "Kai\N{REPLACEMENT CHARACTER} M"
    assert clean_name("\udfffMia") == "\N{REPLACEMENT CHARACTER}Mia"
    assert like_pattern("Zo\u00eb\ud800") == "%zoe\N{REPLACEMENT CHARACTER}%"  # what a list filter binds


@given(TEXT)
def test_text_rules_always_give_storable_text(text):
    assert storable(clean_text(text)) and storable(like_pattern(text))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_every_service_path_stores_text_with_surrogates(services, text):
    name = "x" + text  # a name may not be blank once controls are gone
    child = services.subjects.create("child", name, aliases=[text], description=text)
    meeting = services.meetings.create("complex_strategy", datetime(2026, 3, 2, 10, tzinfo=UTC))
    services.meetings.update(meeting.id, title=text, venue=text)
    item = services.agenda.add(meeting.id, name)
    services.meetings.add_subject(meeting.id, child.id, reason=text)
    services.attendance.add(meeting.id, name, agency=text)
    note = services.minutes.add_note(meeting.id, name, subject_ids=[child.id], agenda_item_id=item)
    services.minutes.update("note", note.id, text=name, source_agency=text)
    services.minutes.add_decision(meeting.id, name, rationale=text)
    services.minutes.add_action(meeting.id, name, owner=text)
    services.drafts.save(meeting.id, {"text": text, text: [text]})
    services.search.search(text)
    services.subjects.list(text=text)
    services.attendance.directory(text)
    stored = [services.subjects.get(child.id).name, services.meetings.get(meeting.id).title,
              services.minutes.notes(meeting.id)[0].source_agency, str(services.drafts.load(meeting.id))]
    assert all(storable(value) for value in stored)
