"""Tag suggestions while typing: whole words, longest match, first names only when unambiguous."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from efh_desktop.domain.tag_suggestions import SubjectTerms, Suggestion, suggest_subjects

KAI = SubjectTerms(1, "child", "Kai Marlow", ("KM",))
ANN = SubjectTerms(2, "child", "Ann Brook")
ANNABEL = SubjectTerms(3, "child", "Annabel Fenwick", ("Bel",))
QUICKMART = SubjectTerms(4, "place", "Quickmart", ("the Quickmart on Dove Street",))
GROUP = SubjectTerms(5, "peer_group", "Harbour Lane group", ("HLG",))
UNCLE = SubjectTerms(6, "person_of_concern", "Dex Harlan", ("Uncle D",))
ALL = (KAI, ANN, ANNABEL, QUICKMART, GROUP, UNCLE)


def ids(text: str, subjects=ALL) -> list[int]:
    return [s.subject_id for s in suggest_subjects(text, subjects)]


def test_full_name_alias_and_first_name_in_text_order():
    text = "Kai was seen at the Quickmart with HLG and Uncle D."
    assert suggest_subjects(text, ALL) == [
        Suggestion(1, "Kai", 0, 3),
        Suggestion(4, "Quickmart", 20, 29),
        Suggestion(5, "HLG", 35, 38),
        Suggestion(6, "Uncle D", 43, 50),
    ]


def test_case_insensitive_and_matched_text_is_as_typed():
    [found] = suggest_subjects("spoke to KAI MARLOW's mum", ALL)
    assert found == Suggestion(1, "KAI MARLOW", 9, 19)


def test_ann_is_not_found_inside_annabel():
    assert ids("Annabel said she was frightened") == [3]
    assert ids("Annabel and Ann") == [3, 2]


def test_possessive_still_matches():
    assert ids("Kai's phone was seized") == [1]
    assert ids("Kai\u2019s phone was seized") == [1]


def test_words_inside_longer_words_are_not_matched():
    assert ids("Kaiser road, annex, the QuickmartExpress") == []


def test_longest_match_wins_and_matches_do_not_overlap():
    # The alias "the Quickmart on Dove Street" covers "Quickmart", one suggestion spanning it all.
    assert suggest_subjects("at the Quickmart on Dove Street", ALL) == [
        Suggestion(4, "the Quickmart on Dove Street", 3, 31)]
    # The longer of two overlapping terms wins, whichever starts first.
    longer = SubjectTerms(7, "place", "Marlow Park Youth Club")
    assert [s.matched for s in suggest_subjects("Kai Marlow Park Youth Club", (KAI, longer))] == [
        "Kai", "Marlow Park Youth Club"]


def test_each_subject_once_at_its_first_mention():
    assert suggest_subjects("Bel met Kai. Later Annabel Fenwick and Kai Marlow left.", ALL) == [
        Suggestion(3, "Bel", 0, 3), Suggestion(1, "Kai", 8, 11)]


def test_first_names_are_for_children_only():
    assert ids("Dex was there") == []  # a person of concern is found by full name or alias only
    assert ids("Dex Harlan was there") == [6]


def test_shared_first_name_is_not_suggested():
    other_kai = SubjectTerms(8, "child", "Kai Okafor")
    assert ids("Kai was at school", (KAI, other_kai)) == []
    assert ids("Kai Okafor and Kai Marlow", (KAI, other_kai)) == [8, 1]


def test_first_name_clashing_with_another_subjects_alias_is_not_suggested():
    place = SubjectTerms(9, "place", "Kai's Kebabs", ("Kai",))
    assert ids("Kai said", (KAI, place)) == []
    assert ids("Kai Marlow said", (KAI, place)) == [1]


def test_a_term_that_names_two_subjects_is_not_suggested():
    twin = SubjectTerms(10, "child", "Kai Marlow")
    assert ids("Kai Marlow said", (KAI, twin)) == []
    assert ids("KM said", (KAI, twin)) == [1]  # the alias still tells them apart


def test_spacing_hyphens_apostrophes_and_unicode():
    zoe = SubjectTerms(11, "child", "Zoë O'Neill-Price")
    assert ids("zoë  o\u2019neill\u2013price", (zoe,)) == [11]
    assert ids("ZOË was calm", (zoe,)) == [11]
    decomposed = unicodedata.normalize("NFD", "met Zoë today")
    [found] = suggest_subjects(decomposed, (zoe,))
    assert decomposed[found.start:found.end] == found.matched == unicodedata.normalize("NFD", "Zoë")
    assert ids("Zoëy", (zoe,)) == []


def test_non_latin_names():
    child = SubjectTerms(12, "child", "Ілля Коваль")
    assert ids("ілля був у парку", (child,)) == [12]
    assert ids("Бачили ІЛЛЯ КОВАЛЬ?", (child,)) == [12]
    assert ids("Іллями", (child,)) == []


def test_aliases_may_be_a_list_and_empty_input_is_quiet():
    listy = SubjectTerms(13, "child", "Rhys Penn", ["Ryz"])  # type: ignore[arg-type]
    assert ids("Ryz", (listy,)) == [13]
    assert suggest_subjects("", ALL) == [] and suggest_subjects("Kai", ()) == []


SYLLABLES = ["ka", "ri", "mo", "ne", "lu", "ta", "zi", "bel", "dra", "vo", "sen", "qua"]
name_st = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join)


@given(short=name_st, extra=name_st, surname=name_st, filler=st.lists(st.sampled_from(
    ["said", "was", "seen", "with", "at", "the", "park", "and", "'s", ",", "."]), max_size=6),
    possessive=st.booleans(), upper=st.booleans())
def test_a_name_is_never_found_inside_a_longer_name(short, extra, surname, filler, possessive, upper):
    longer = short + extra
    subjects = (SubjectTerms(1, "child", f"{short.title()} {surname.title()}"),
                SubjectTerms(2, "child", f"{longer.title()} {surname.title()}z"))
    mention = longer.upper() if upper else longer.title()
    text = " ".join([*filler, mention + ("'s" if possessive else ""), *filler])
    found = suggest_subjects(text, subjects)
    assert 1 not in [s.subject_id for s in found]
    assert [s.subject_id for s in found] == [2]
    assert found[0].matched == mention and text[found[0].start:found[0].end] == mention
    # And with both mentioned, the shorter is found only where it stands alone.
    both = f"{text} then {short}"
    spans = {s.subject_id: s for s in suggest_subjects(both, subjects)}
    assert both[spans[1].start:spans[1].end] == short
    assert spans[1].start == len(text) + len(" then ")
