"""Red team, fifth round: leaks nobody had tried on a disclosure copy, end to end through the export
service (plan, decide every point as the manager, approve as a second person, write) and read back
from the written files. Each leak found has its test here; every person is fictional."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efh_desktop.domain.name_folding import fold
from efh_desktop.export.redaction import ChildIdentity, DisclosurePlanner
from tests.disclosure_helpers import decide_and_approve
from tests.test_redaction_redteam import KAI, meeting

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
TAYO = ChildIdentity(2, "Tayo Brennick", date_of_birth=date(2011, 6, 5), identifiers=("LCS-123456", "EHM-778890"))
CHILDREN = [KAI, TAYO]


def _note(written: str, tags: tuple[int, ...] = (1,), children=CHILDREN):
    doc = meeting([(f"Kai saw {written} there.", tags)], children=children)
    return DisclosurePlanner(doc, children).copy_for(1)


def _text(written: str) -> str:
    return _note(written).document.sections[0].notes[0].text


# -- 1. a date of birth in forms not yet read ----------------------------------------------------------
@pytest.mark.parametrize("written", [
    "5 VI 2011", "5.VI.2011", "05-vi-2011", "5/VI/11",  # Roman numeral months
    "05_06_2011", "05|06|2011", "05\\06\\2011",  # separators a system export or a typo uses
    "2011年6月5日", "2011년 6월 5일",  # Chinese/Japanese and Korean forms
    "050611", "110605",  # six digits: DDMMYY and YYMMDD
])
def test_a_date_of_birth_in_another_form_is_masked_or_asked(written):
    copy = _note(written)
    text = copy.document.sections[0].notes[0].text
    assert text == "Kai saw date of birth of Child B there.", text


def test_a_six_digit_run_that_is_a_date_of_birth_is_asked_not_masked_blindly():
    """Six digits are also a reference number: the manager is asked, masked until then."""
    copy = _note("050611")
    assert [s.word for s in copy.suspects] == ["050611"]


@pytest.mark.parametrize("written", ["born June 2011", "born in June 2011", "DOB: June 2011", "b. Jun 2011",
                                     "born in Mehefin 2011"])
def test_a_month_and_year_of_birth_is_asked(written):
    copy = _note(written)
    text = copy.document.sections[0].notes[0].text
    assert "2011" not in text and "Jun" not in text and "Mehefin" not in text, text
    assert copy.suspects


def test_six_digits_and_a_month_and_year_of_the_childs_own_are_left_alone():
    own = "Kai (born March 2010, ref 140310, seen 5 VI 2026) was safe."
    doc = meeting([(own, (1,))], children=CHILDREN)
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert copy.document.sections[0].notes[0].text == own and not copy.suspects


# -- 2. an identifier with letters for digits --------------------------------------------------------
@pytest.mark.parametrize("written", ["LCS l23456", "LCS-I23456", "LCS 1234S6",
                                     "EHM-77889O", "EHM 7788 9o"])
def test_an_identifier_with_look_alike_letters_is_masked(written):
    text = _text(written)
    assert text == "Kai saw identifier of Child B there.", text


def test_a_word_is_not_read_as_an_identifier():
    own = "Kai said hello23456 and Ol23 to Iris."
    doc = meeting([(own, (1,))], children=CHILDREN)
    assert DisclosurePlanner(doc, CHILDREN).copy_for(1).document.sections[0].notes[0].text == own
