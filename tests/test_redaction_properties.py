"""Property tests for disclosure copies with names as varied as real ones: Latin with accents, ß,
dotted and dotless I, Polish, Welsh, Irish, Vietnamese, Arabic with and without vowel marks,
hyphens and apostrophes, written in notes the ways people write them (no accents, capitals,
possessives, digits, zero-width characters, joined up, as handles and e-mail addresses), and dates
of birth in every written form. The check folds text its own way and reads every field of the
copy, and for a few examples the rendered PDF, Word and text files."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from efh_desktop.export.lcs_text import render_lcs_text
from efh_desktop.export.minutes_docx import render_minutes_docx
from efh_desktop.export.minutes_pdf import render_minutes_pdf
from efh_desktop.export.redaction import ChildIdentity, DisclosurePlanner
from tests.test_redaction import strings
from tests.test_redaction_redteam import folded, meeting
from tests.test_redaction_rendered import docx_everything, pdf_everything

FIRSTS = ["Renée", "Zoë", "José", "Ágnes", "Søren", "Łucja", "Małgorzata", "Bartłomiej", "Gwenllïan", "Siân",
          "Dafydd", "Ffion", "Jürgen", "İpek", "Işıl", "Çağla", "Thảo", "Ngozi", "Oluwaseun", "Aoife", "Siobhán",
          "Ciarán", "محمد", "فاطمة", "عائشة", "مُحَمَّد", "Yaroslava", "Zdeněk", "Břetislav", "Ødegård", "Eilidh",
          "Tadhg", "Rhiannon", "Mehmet", "Fiifi", "Kwabena", "Anaïs", "Maëlle", "Jérôme"]
SURNAMES = ["O'Brien", "Jones-Patel", "Groß", "Wiśniewska", "Al-Masri", "Ó Súilleabháin", "Nguyễn", "Yılmaz",
            "ap Rhys", "MacLeòid", "Kowalczyk", "الحسن", "Dąbrowski", "Żółkiewska", "Ní Bhriain", "Özdemir",
            "Müller-Lüdenscheidt", "Lefèvre", "D'Souza", "Van der Berg", "Bảo", "Strauß", "Çelik", "Ahmadi-Rad"]
ZW = ["\u200b", "\u00ad", "\u200d", "\u2060"]


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", text)
                                               if not unicodedata.combining(ch)))


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


@st.composite
def written(draw, name: str) -> str:
    """One way a minute-taker may write ``name`` in a note."""
    first = name.split()[0]
    surname = name.split(" ", 1)[1]
    form = draw(st.sampled_from(["exact", "upper", "plain", "possessive", "bare possessive", "zw", "digits",
                                 "joined", "handle", "first", "surname", "email"]))
    if form == "exact":
        return name
    if form == "upper":
        return name.upper()
    if form == "plain":
        return strip_accents(name)
    if form == "possessive":
        return f"{first}'s"
    if form == "bare possessive":
        return f"{first}s" if first.isascii() else first
    if form == "zw":
        cut = draw(st.integers(1, max(1, len(first) - 1)))
        return first[:cut] + draw(st.sampled_from(ZW)) + first[cut:]
    if form == "digits":
        return f"{first}{draw(st.integers(0, 99))}"
    if form == "joined":
        return letters(strip_accents(name)) + str(draw(st.integers(1, 9)))
    if form == "handle":
        return "@" + letters(strip_accents(name)).lower() + str(draw(st.integers(0, 99)))
    if form == "email":
        return (letters(strip_accents(first))[:1] + letters(strip_accents(surname))).lower() + "@example.org"
    return first if form == "first" else surname


DATE_FORMS = [
    lambda d: f"{d.day} {d:%B} {d.year}", lambda d: f"{d:%d/%m/%Y}", lambda d: f"{d.day}.{d.month}.{d:%y}",
    lambda d: d.isoformat(), lambda d: f"{d.day}th {d:%B} {d.year}", lambda d: f"{d:%B} {d.day} {d.year}",
    lambda d: f"{d:%b} {d.day}, {d.year}", lambda d: f"{d:%d-%m-%Y}", lambda d: f"{d.day}/{d.month}/{d:%y}",
]


@st.composite
def meetings(draw):
    count = draw(st.integers(min_value=2, max_value=4))
    firsts = draw(st.lists(st.sampled_from(FIRSTS), min_size=count, max_size=count, unique_by=folded))
    surnames = draw(st.lists(st.sampled_from(SURNAMES), min_size=count, max_size=count, unique_by=folded))
    names = [f"{f} {s}" for f, s in zip(firsts, surnames, strict=True)]
    words = [w for n in names for w in re.findall(r"[^\W\d_]+", folded(n)) if len(w) >= 2]
    assume(len(set(words)) == len(words))  # every name word distinct, as in a real meeting
    dobs = draw(st.lists(st.dates(date(2006, 1, 1), date(2016, 12, 28)), min_size=count, max_size=count,
                         unique=True))
    assume(all(d.day > 12 for d in dobs))  # so 5/6 and 6/5 readings never make two children's dates alike
    children = [ChildIdentity(n + 1, name, (), f"{d.day} {d:%B} {d.year}", (f"LCS-{700000 + n + 1}",),
                              date_of_birth=d) for n, (name, d) in enumerate(zip(names, dobs, strict=True))]
    notes = []
    for child in children:
        notes.append((f"{child.name} was seen at school on Monday.", (child.subject_id,)))
        other = children[draw(st.integers(0, count - 1))]
        if other is child:
            continue
        mention = draw(written(other.name))
        born = draw(st.sampled_from(DATE_FORMS))(other.date_of_birth)
        notes.append((f"{child.name} was with {mention} (born {born}, LCS {700000 + other.subject_id}) "
                      f"near the park.", (child.subject_id, other.subject_id)))
    return children, notes


def leaks(text: str, child: ChildIdentity, children: list[ChildIdentity]) -> list[str]:
    out = []
    own = set(re.findall(r"[^\W\d_]+", folded(child.name)))
    body = folded("".join(ch for ch in text if ch not in "".join(ZW)))
    for other in children:
        if other is child:
            continue
        for word in re.findall(r"[^\W\d_]+", folded(other.name)):
            if len(word) < 3 or word in own or word in {"van", "der", "bhriain"} and len(word) < 4:
                continue
            # Inside longer words too (handles, e-mail addresses and Arabic prefixes join them), but
            # never across two words: "with Aoife" holds no "thao".
            if any(word in letters(strip_accents(token)) or word in token for token in body.split()):
                out.append(word)
        if str(700000 + other.subject_id) in text:
            out.append("identifier")
        d = other.date_of_birth
        for form in DATE_FORMS:
            if form(d) in text:
                out.append(form(d))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(meetings())
def test_no_other_child_in_any_field_of_any_copy(meeting_data):
    children, notes = meeting_data
    doc = meeting(notes, children=children)
    planner = DisclosurePlanner(doc, children)
    for child in children:
        result = planner.copy_for(child.subject_id)
        text = "\n".join(strings(result.document))
        assert not leaks(text, child, children), (child.name, leaks(text, child, children), text)
        # The child's own note is word for word.
        own = f"{child.name} was seen at school on Monday."
        assert own in [n.text for s in result.document.sections for n in s.notes]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(meetings())
def test_no_other_child_in_the_rendered_files(meeting_data):
    children, notes = meeting_data
    doc = meeting(notes, children=children)
    planner = DisclosurePlanner(doc, children)
    for child in children:
        copy = planner.copy_for(child.subject_id).document
        for rendered in (pdf_everything(render_minutes_pdf(copy)), docx_everything(render_minutes_docx(copy)),
                         render_lcs_text(copy)):
            # PDF text of right-to-left lines comes out in visual order and shaped: fold it back.
            plain = unicodedata.normalize("NFKC", rendered)
            assert not leaks(plain, child, children), (child.name, leaks(plain, child, children))
