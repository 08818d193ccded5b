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
    ("ᴛᴀʏᴏ", "ᴀʏᴏ"),  # small capitals
    ("🇹🇦🇾🇴", "🇦🇾🇴"),  # regional indicator letters
    ("🅣🅐🅨🅞", "🅐🅨🅞"),  # negative circled letters
    ("🆃🅰🆈🅾", "🅰🆈🅾"),  # negative squared letters
    ("🄣🄐🄨🄞", "🄐🄨🄞"),  # parenthesised letters
    ("Ta\u3164yo", "yo"),  # a Hangul filler (shows as a blank)
    ("Ta‧yo", "yo"),  # a hyphenation point
    ("Ta·yo", "yo"),  # a middle dot
    ("Ta<!-- -->yo", "yo"),  # an HTML comment inside
    ("T&#173;ayo", "ayo"),  # a soft hyphen as an entity
    ("T . B .", "t ."),  # dotted initials spaced out
    ("[Tayo](http://x.test/a)", "tayo"),  # a Markdown link
    ("Tayo\\u0027s", "tayo"),  # an escaped apostrophe
    ("FreeTayo", "tayo"),  # run together with an ordinary word (caught in round 5)
]
HELD = [
    ("kciN nerB", "kcin"),  # written backwards: no reader takes it for a name without being told
    ("تايو", "تايو"),  # the name in another script than recorded (known gap)
    ("B.T.", "b.t."),  # initials surname first (BT is also a company)
    ("oʎɐ⊥", "oʎɐ⊥"),  # upside-down letters
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


# -- through the export service: every field that holds text, and the files' names ------------------------
def test_new_disguises_in_every_field_are_in_no_written_file(services, tmp_path):
    from datetime import UTC, datetime

    import pypdf

    from efh_desktop.domain.name_folding import fold
    from tests.disclosure_helpers import decide_and_approve

    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5))
    meeting = s.meetings.create("complex_strategy", datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
                                subject_ids=[kai.id, tayo.id])
    s.meetings.update(meeting.id, title="Kai and T🔥ayo: strategy")
    s.agenda.add(meeting.id, "Kai, and T@yo's school (b. 2011)")
    s.live.start(meeting.id)
    s.minutes.add_note(meeting.id, "Kai saw \u202eoyaT\u202c and ᎢᎪYO; Bren\u2011nick left.", subject_ids=[kai.id])
    s.minutes.add_decision(meeting.id, "Kai is to be kept safe", rationale="Br%65nnick (2011) is a risk to Kai",
                           subject_ids=[kai.id])
    s.minutes.add_action(meeting.id, "Call the school about Kai", owner="T B", subject_ids=[kai.id])
    s.sharing.save_child(meeting.id, kai.id, consent="refused", consent_reason="Kai's mum fears Tayo's family")

    def plan():
        return s.minutes_files.plan(meeting.id, tmp_path, ("pdf", "txt"), full=False, disclosure_for=[kai.id])

    assert plan().copies[0].open_points
    written = s.minutes_files.write(decide_and_approve(s, meeting.id, plan))
    txt = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    reader = pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf")))
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    for where, text in (("txt", txt), ("pdf", pdf), ("names", " ".join(p.name for p in written))):
        plain = fold(text).replace("%65", "e")
        plain = re.sub(r"[🔥@\u202e\u202c]", "", plain)
        for term in ("tayo", "oyat", "ayo", "brennick", "nick", "2011", "t b"):
            assert not re.search(r"(?<![^\W\d_])" + re.escape(term) + r"(?![^\W\d_])", plain), (where, term)
        assert "ᎢᎪ" not in text, where
    assert "Kai" in txt and "Kai" in pdf


def test_a_right_to_left_override_goes_with_the_masked_name():
    """Left behind, it would show the label reversed ("B dlihC") and the rest of the line too."""
    from efh_desktop.export.redaction import child_labels

    text = _copy("\u202eoyaT\u202c").document.sections[0].notes[0].text
    tayo = next(c.subject_id for c in CHILDREN if c.name.startswith("Tayo"))
    label = child_labels(1, [c.subject_id for c in CHILDREN if c.subject_id != 1])[tayo]
    assert text == f"Kai saw {label} there.", text
