"""Red team, third round: ways of writing another child that leaked from a disclosure copy before
(issues 10-12 re-checked). Each case is masked, or a point masked until the manager decides; the
copy's own child is kept. Every person here is fictional."""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from datetime import date

import pytest

from efh_desktop.domain.name_folding import disguises
from efh_desktop.domain.pii_detectors import find_dates
from efh_desktop.export.minutes_document import PersonLine
from efh_desktop.export.redaction import ChildIdentity, DisclosurePlanner
from tests.test_redaction import strings
from tests.test_redaction_redteam import KAI, meeting

TAYO = ChildIdentity(2, "Tayo Brennick", (), "5 June 2011", ("LCS-123456",), date_of_birth=date(2011, 6, 5),
                     address="14 Elm Grove, Brindley, BS3 9ZZ", relatives=(("Sandra Quell", "mother"),))


def copy_of(note: str, *, children: tuple[ChildIdentity, ...] = (KAI, TAYO), **kw):
    doc = meeting([(note, (1, 2))], children=list(children), **kw)
    return DisclosurePlanner(doc, list(children)).copy_for(1)


def note_text(note: str, **kw) -> str:
    return copy_of(note, **kw).document.sections[0].notes[0].text


def shows_tayo(text: str) -> bool:
    """The name however disguised: look-alike letters and digits undone, repeats squeezed."""
    plain = html.unescape(re.sub(r"<[^<>]*>|[*]", "", text)).translate(str.maketrans("аеоуТАУОВ0134", "aeoyTAYOBoiea"))
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    plain = re.sub(r"(\w)\1{2,}", r"\1", plain.replace("\x00", "").replace("\x7f", ""))
    return re.search(r"tayo|brenn?ick", plain, re.IGNORECASE) is not None


@pytest.mark.parametrize("written", [
    "Tаyо Brеnnick",  # Cyrillic а, о, е inside Latin names
    "ТАУО",  # all look-alike capitals
    "T4y0 Br3nn1ck",  # digits for letters
    "Tay0",
    "Tayoooo", "BRENNNNICK",  # letters held down
    "Ta\x00yo", "Tay\x7fo",  # control characters a PDF does not show
    "T&aacute;yo", "&#84;ayo", "T<i>ay</i>o", "T**ayo**", "Br&eacute;nnick",  # markup typed or pasted in
])
def test_a_disguised_name_is_masked_until_decided(written):
    copy = copy_of(f"Kai said {written} was outside.")
    text = copy.document.sections[0].notes[0].text
    assert not shows_tayo(text), text
    assert text.startswith("Kai said ") and text.endswith(" was outside.")
    decided = {s.key: "keep" for s in copy.suspects}
    assert all(s.proposal == "Child B" for s in copy.suspects)
    if copy.suspects:  # a doubt, masked until the manager decides; "keep" puts it back
        kept = DisclosurePlanner(meeting([(f"Kai said {written} was outside.", (1, 2))], children=[KAI, TAYO]),
                                 [KAI, TAYO]).copy_for(1, decided)
        assert written in kept.document.sections[0].notes[0].text


def test_disguises_leave_ordinary_text_and_the_childs_own_name_alone():
    own = "K4i was sooo happy; he wi11 go on 5th June 2026 to room B12 with Name10."
    assert note_text(own) == own
    assert disguises("plain words only") == []


@pytest.mark.parametrize("written", ["T. Brennick", "T Brennick", "Brennick, T.", "Brennick T", "Mr T. Brennick"])
def test_an_initial_beside_a_masked_name_is_asked(written):
    copy = copy_of(f"Kai saw {written} at the shop.")
    text = copy.document.sections[0].notes[0].text
    assert not re.search(r"\bT\b", text) and "Brennick" not in text, text
    assert any("initial" in s.reason for s in copy.suspects)


def test_an_article_or_i_beside_a_name_is_not_an_initial():
    copy = copy_of("A Brennick cousin called. Tayo I think went.")
    assert not any("initial" in s.reason for s in copy.suspects)


@pytest.mark.parametrize("written", ["the fifth of June two thousand and eleven", "fifth June 2011",
                                     "June the fifth, twenty eleven", "5th of June two thousand eleven"])
def test_a_date_of_birth_written_in_words(written):
    text = note_text(f"Kai's friend was born {written}, the police said.")
    assert "fifth" not in text and "2011" not in text and "eleven" not in text, text
    assert "date of birth of Child B" in text


def test_dates_in_words_are_read():
    (mention,) = find_dates("fourteenth of March nineteen ninety-nine")
    assert mention.dates == (date(1999, 3, 14),)
    (mention,) = find_dates("on the twenty-first of May")
    assert mention.day_month == ((21, 5),) and not mention.dates
    assert find_dates("the second week of term") == []


def test_a_day_and_month_without_a_year_is_asked():
    copy = copy_of("Tayo's party is on 05/06; Kai scored 3/10 and 24/7 support is there.")
    text = copy.document.sections[0].notes[0].text
    assert "05/06" not in text and "3/10" in text and "24/7" in text
    assert any("day and month" in s.reason for s in copy.suspects)


@pytest.mark.parametrize("written", ["LCS one two three four five six", "1 two 3 four 5 six"])
def test_an_identifier_read_out_in_words(written):
    text = note_text(f"Kai gave the number {written} to the officer.")
    assert "four" not in text and "identifier of Child B" in text, text


def test_the_childs_own_identifier_in_words_is_kept():
    own = "Kai gave LCS nine oh oh one oh one; someone two three four five six was it."
    assert note_text(own) == own


@pytest.mark.parametrize("written", ["B S 3 9 Z Z", "BS39 ZZ", "bs39 zz", "BS3-9ZZ"])
def test_a_postcode_spaced_oddly(written):
    text = note_text(f"Kai was dropped at {written} last night.")
    assert "9" not in text and "address of Child B" in text, text


def test_an_unknown_postcode_spaced_oddly_in_capitals_is_masked_the_childs_own_kept():
    kai = dataclasses.replace(KAI, address="2 Ash Row, Brindley, BS4 1AA")
    text = note_text("Kai lives at B S 4 1 A A; the car went to M 1 1 A E; in 2 2 days.", children=(kai, TAYO))
    assert text == "Kai lives at B S 4 1 A A; the car went to postcode; in 2 2 days."


def test_a_leftover_decided_mask_is_masked_in_the_copy():
    """What only the last pass finds is masked until the manager keeps it: deciding "mask" on it
    once did nothing, and the name went into the file."""
    pasted = "Tayo Brennick tayo.brennick@mail.test"  # a name with an e-mail typed in as an attendee
    doc = meeting([(f"{pasted} rang about Kai.", (1,))], children=[KAI, TAYO],
                  attendance=(PersonLine(pasted, "Youth worker", "Brindley Youth", "Present"),))
    planner = DisclosurePlanner(doc, [KAI, TAYO])
    first = planner.copy_for(1)
    leftovers = [s for s in first.suspects if "still in the copy" in s.reason]
    assert leftovers
    for decision in ("", "mask"):
        copy = planner.copy_for(1, {s.key: decision for s in leftovers} if decision else None)
        assert not any(shows_tayo(t) for t in strings(copy.document)), decision
    kept = planner.copy_for(1, {s.key: "keep" for s in leftovers})
    assert any("Tayo Brennick" in t for t in strings(kept.document))


def test_a_very_long_note_is_redacted_whole():
    """100,000 characters: every mention masked to the very end (a search back from each name over
    the whole note once made this take half a minute; benchmarks/ keeps the numbers)."""
    note = ("Kai met Tayo at 14 Elm Grove on 5 June 2011. Sandra Quell rang. T. Brennick left. " * 1200)[:100_000]
    copy = copy_of(note + " Last: Tayo.")
    text = copy.document.sections[0].notes[0].text
    assert not shows_tayo(text) and "Sandra" not in text and "Elm Grove" not in text
    assert text.endswith("Last: Child B.") and text.count("Kai met") == note.count("Kai met")


def test_an_initial_beside_a_first_name_two_children_share_is_asked():
    """Kai Marlow's copy; Kai Obuya is another child: "Kai O." is asked, the "O." too."""
    obuya = ChildIdentity(3, "Kai Obuya")
    copy = copy_of("Kai O. was there; Kai Marlow was not.", children=(KAI, TAYO, obuya))
    text = copy.document.sections[0].notes[0].text
    assert "O." not in text and text.endswith("Kai Marlow was not."), text
    assert {s.word for s in copy.suspects} >= {"Kai", "O."}
