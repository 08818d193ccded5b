"""Red team, fourth round: disguises nobody had tried on a disclosure copy. Each is masked, or a
point masked until the manager decides; those still a known limit (docs/redaction.md) are marked
xfail(strict), so fixing one shows. The copy's own child is kept. Every person here is fictional."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from efh_desktop.export.redaction import ChildIdentity, DisclosurePlanner
from tests.test_redaction_redteam import KAI, meeting

CHILDREN = [KAI, ChildIdentity(2, "Tayo Brennick", date_of_birth=date(2011, 6, 5)), ChildIdentity(3, "Ilkay Demir"),
            ChildIdentity(4, "Jonas Straße"), ChildIdentity(5, "Rhodri Llwyd"), ChildIdentity(6, "Łukasz Nowak"),
            ChildIdentity(7, "محمد الحسن"), ChildIdentity(8, "Shay Pendlebury")]
# (written, what must not be readable in the copy afterwards)
CAUGHT = [
    ("\u202eoyaT", "oyat"),  # a right-to-left override: shows as "Tayo"
    ("\u202eoyaT\u202c", "oyat"),
    ("T🔥ayo", "ayo"),  # emoji between the letters
    ("T🔥a🔥y🔥o", "yo"),
    ("T\u2764\ufe0fayo", "ayo"),  # an emoji with its variation selector
    ("T@yo", "yo"),  # symbols for letters
    ("$hay", "hay"),
    ("Ta+yo", "yo"),
    ("ᎢᎪYO", "yo"),  # Cherokee capitals that look Latin
    ("Ταγο", "γο"),  # Greek gamma for y
    ("https://example.com/tayo.brennick/profile", "tayo"),  # inside a web address
    ("instagram.com/tayobrennick", "tayo"),
    ("tayo.brennick@gmail.com", "tayo"),
    ("tayo.brennick (at) mail dot com", "tayo"),
    ("İLKAY", "lkay"),  # Turkish dotted capital I
    ("ılkay", "lkay"),  # and the dotless i
    ("ILKAY DEMİR", "demir"),
    ("STRAßE", "stra"),  # ß and SS
    ("STRASSE", "stra"),
    ("Jonas Strasse", "stras"),
    ("Lwyd", "lwyd"),  # Welsh soft mutation of Llwyd
    ("LLWYD", "llwyd"),
    ("Lukasz", "lukasz"),  # Polish Ł written plain
    ("ŁUKASZ", "łukasz"),
    ("مُحَمَّد", "مُحَمَّد"),  # Arabic with vowel marks
    ("محـــمد", "محـــمد"),  # and with tatweel
    ("Ｔａｙｏ", "ｔａｙｏ"),  # full-width letters
    ("𝐓𝐚𝐲𝐨", "𝐚𝐲𝐨"),  # mathematical bold
    ("Ⓣⓐⓨⓞ", "ⓐⓨⓞ"),  # circled letters
    ("T̸a̸y̸o̸", "a̸y̸o̸"),  # a combining overlay on each letter
    ("ᵀᵃʸᵒ", "ᵃʸᵒ"),  # modifier (superscript) letters
    ("T_a_y_o", "a_y_o"),
    ("Bren\u2011nick", "nick"),  # a non-breaking hyphen
    ("Pendle\nbury", "bury"),  # split by a line break (a PDF table cell's wrap)
    ("Tayo\u00a0Brennick", "tayo"),
    ("Ta\u2063yo", "yo"),  # an invisible separator
    ("#JusticeForTayo", "tayo"),  # run into a hashtag
    ("Tayo (b.2011)", "2011"),  # a year of birth with no space
    ("T.\u00a0B.", "t."),  # dotted initials with a non-breaking space
]
HELD = [
    ("kciN nerB", "kcin"),  # written backwards: no reader takes it for a name without being told
    ("FreeTayo", "tayo"),  # run together with an ordinary word (known gap)
    ("تايو", "تايو"),  # the name in another script than recorded (known gap)
]


def _copy(written: str):
    doc = meeting([(f"Kai saw {written} there.", (1,))], children=CHILDREN)
    return DisclosurePlanner(doc, CHILDREN).copy_for(1)


def _readable(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@pytest.mark.parametrize(("written", "rest"), CAUGHT)
def test_a_new_disguise_is_masked_or_asked(written, rest):
    copy = _copy(written)
    text = copy.document.sections[0].notes[0].text
    assert _readable(rest) not in _readable(text), text
    assert text.startswith("Kai saw ") and text.endswith(" there."), text
    assert re.search(r"Child [B-I]", text), text


@pytest.mark.parametrize(("written", "rest"), HELD)
@pytest.mark.xfail(strict=True, reason="a known limit, docs/redaction.md")
def test_a_disguise_still_a_known_limit(written, rest):
    text = _copy(written).document.sections[0].notes[0].text
    assert _readable(rest) not in _readable(text), text


def test_a_right_to_left_override_in_the_childs_own_text_is_left_alone():
    own = "Kai wrote \u202eyppah\u202c on the wall and T🔥 emoji; cost $5; a+b."
    doc = meeting([(own, (1,))], children=CHILDREN)
    assert DisclosurePlanner(doc, CHILDREN).copy_for(1).document.sections[0].notes[0].text == own
