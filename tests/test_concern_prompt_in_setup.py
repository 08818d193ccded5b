"""Issue 16 item 5 in set-up: a person of concern linked to several unrelated children discussed at
different meetings prompts "consider a complex strategy" in "What still needs attention" of a
meeting about that person; siblings are related, so two siblings do not. Fictional people only."""

from __future__ import annotations

from datetime import UTC, datetime

from efh_desktop.domain.practice_rules import person_of_concern_prompt

KEY = "person_of_concern_unrelated_children"
WHEN = datetime(2026, 5, 1, 10, tzinfo=UTC)


def _hints(services, meeting_id):
    return [f for f in services.setup.findings(meeting_id) if f.key == KEY]


def _two_children_at_two_meetings(services):
    ava = services.subjects.create("child", "Ava Łukasiewicz").id
    dua = services.subjects.create("child", "Duʼa Haddad").id
    poc = services.subjects.create("person_of_concern", "Dex Þórsson-Müßig").id
    services.meetings.create("safer_options", WHEN, subject_ids=[ava])
    services.meetings.create("safer_options", WHEN.replace(day=8), subject_ids=[dua])
    services.relations.add(poc, ava, "linked", known="Gives lifts")
    services.relations.add(poc, dua, "linked", known="Messages on social media")
    about = services.meetings.create("safer_options", WHEN.replace(day=15), subject_ids=[poc])
    return ava, dua, poc, about


def test_unrelated_children_at_different_meetings_prompt_a_complex_strategy(services):
    _ava, _dua, poc, about = _two_children_at_two_meetings(services)
    [hint] = _hints(services, about.id)
    assert hint.severity == "hint" and hint.subject_id == poc
    assert hint.message.startswith("Dex Þórsson-Müßig is linked to 2 unrelated children discussed at 2 different "
                                   "meetings: consider whether a complex strategy meeting is needed.")
    assert "more than one unrelated child" in hint.message


def test_siblings_are_related_so_two_siblings_do_not_prompt(services):
    ava, dua, _poc, about = _two_children_at_two_meetings(services)
    services.relations.add(ava, dua, "sibling")
    assert _hints(services, about.id) == []


def test_a_third_unrelated_child_counts_but_a_sibling_does_not(services):
    ava, _dua, poc, about = _two_children_at_two_meetings(services)
    cai = services.subjects.create("child", "Cai ap Rhys").id
    services.meetings.create("safer_options", WHEN.replace(day=22), subject_ids=[cai])
    services.relations.add(poc, cai, "linked")
    services.relations.add(ava, cai, "half_sibling")
    [hint] = _hints(services, about.id)
    assert "linked to 2 unrelated children discussed at 3 different meetings" in hint.message


def test_only_on_a_meeting_about_that_person(services):
    ava, _dua, _poc, _about = _two_children_at_two_meetings(services)
    other = services.subjects.create("person_of_concern", "Ifeoma Ğüneş").id
    unrelated = services.meetings.create("safer_options", WHEN.replace(day=29), subject_ids=[other, ava])
    assert _hints(services, unrelated.id) == []


def test_children_discussed_together_at_one_meeting_do_not_prompt(services):
    ava = services.subjects.create("child", "Ava Łukasiewicz").id
    dua = services.subjects.create("child", "Duʼa Haddad").id
    poc = services.subjects.create("person_of_concern", "Dex Marl").id
    services.meetings.create("safer_options", WHEN, subject_ids=[ava, dua])
    services.relations.add(poc, ava, "linked")
    services.relations.add(poc, dua, "linked")
    about = services.meetings.create("safer_options", WHEN.replace(day=8), subject_ids=[poc])
    assert _hints(services, about.id) == []


def test_the_ecomap_prompt_and_the_setup_hint_agree(services):
    _ava, _dua, poc, about = _two_children_at_two_meetings(services)
    [prompt] = services.relations.persons_linked_to_unrelated_children()
    assert prompt.person_id == poc and prompt.unrelated_groups == 2
    assert len(_hints(services, about.id)) == 1


def test_domain_rule_both_directions(profile):
    safer = profile.meeting_type("safer_options")
    assert person_of_concern_prompt(safer, 7, "Dex Marl", 2, 2) is not None
    assert person_of_concern_prompt(safer, 7, "Dex Marl", 1, 3) is None  # one unrelated child (siblings)
    assert person_of_concern_prompt(safer, 7, "Dex Marl", 2, 1) is None  # all at one meeting
    # On a complex strategy the hint would suggest the meeting already being held.
    assert person_of_concern_prompt(profile.meeting_type("complex_strategy"), 7, "Dex Marl", 3, 3) is None


def test_siblings_recorded_as_links_are_not_more_than_one_unrelated_child(services):
    """"More than one unrelated child": a complex strategy about two children is questioned once a
    sibling (or half-sibling, through a third child) link is recorded, and not before."""
    zoe = services.subjects.create("child", "Zoë Wiśniewska").id
    siân = services.subjects.create("child", "Siân ap Dafydd").id
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[zoe, siân],
                                       chair_role="service_manager")

    def related():
        return [f for f in services.setup.findings(meeting.id) if f.key == "complex_strategy_related_children"]

    assert related() == []
    through = services.subjects.create("child", "İpek Yılmaz").id  # not on the meeting
    services.relations.add(zoe, through, "half_sibling")
    services.relations.add(through, siân, "sibling")
    [finding] = related()
    assert "not more than one unrelated child" in finding.message
    services.relations.remove(next(r.id for r in services.relations.links_of(siân) if r.relation == "sibling"))
    assert related() == []
    friend = services.relations.add(zoe, siân, "friend")  # friends are not related
    assert related() == [] and friend.relation == "friend"
