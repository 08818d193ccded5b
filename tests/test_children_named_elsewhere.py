"""Children the store knows who were not discussed at the meeting, named in its minutes.

A note says "Kai was with Tyler Ó Súilleabháin at the arcade": Tyler is a child known from another
meeting, not a subject of this one. Kai's family's copy must not show Tyler (DOMAIN.md §8: a copy
never shows another child), so every child in the store whose name or alias is written in the
minutes is another child in every disclosure copy: labelled, with their date of birth and record
ids masked too. Checked through the export service the dialog uses, in the copy and in the files.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pypdf
from hypothesis import given, settings
from hypothesis import strategies as st

from efh_desktop.domain.name_folding import fold
from efh_desktop.domain.name_presence import could_be_named, first_words, words_of
from tests.disclosure_helpers import decide_and_approve

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
TYLER = "Tyler Ó Súilleabháin"


def _plan(services, meeting_id, folder, child_id):
    return services.minutes_files.plan(meeting_id, folder, ("pdf", "txt"), full=False, disclosure_for=[child_id])


def _meeting(services, note: str):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2011, 3, 14))
    zoe = s.subjects.create("child", "Zoë Łukasik-Öztürk", date_of_birth=date(2010, 7, 1))
    tyler = s.subjects.create("child", TYLER, aliases=["T-Bone"], date_of_birth=date(2012, 2, 29),
                              lcs_id="LCS-550912")
    dafydd = s.subjects.create("child", "Dafydd ap Siôn", aliases=["Daf"])
    other = s.meetings.create("safer_options", WHEN, subject_ids=[tyler.id, dafydd.id])
    meeting = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, zoe.id])
    assert other.id != meeting.id
    s.live.start(meeting.id)
    s.minutes.add_note(meeting.id, note, subject_ids=[kai.id])
    return s, meeting, kai, zoe, tyler


NOTE = ("Kai was seen with Tyler O Suilleabhain (born 29/02/2012, LCS-550912) at the arcade; "
        "T-Bone gave him a phone. Daf was there too.")


def test_a_child_known_from_another_meeting_is_masked_in_the_copy_and_the_files(services, tmp_path):
    s, meeting, kai, _zoe, _tyler = _meeting(services, NOTE)
    copy = _plan(s, meeting.id, tmp_path, kai.id).copies[0]
    note = next(n.text for sec in copy.document.sections for n in sec.notes if "arcade" in n.text)
    theirs = ("Tyler", "Suilleabhain", "Súilleabháin", "T-Bone", "29/02/2012", "550912", "Daf ")
    for word in theirs:
        assert fold(word) not in fold(note), f"{word!r} of a child known elsewhere is in Kai's copy: {note}"
    assert "Kai" in note, "the copy's own child keeps their name"
    assert "Child" in note, "the child known elsewhere is given a label"
    plan = decide_and_approve(s, meeting.id, lambda: _plan(s, meeting.id, tmp_path, kai.id))
    written = s.minutes_files.write(plan)
    text = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    pdf = "\n".join(page.extract_text() for page in
                    pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf"))).pages)
    for rendered in (text, pdf):
        flat = fold(" ".join(rendered.split()))
        assert "arcade" in flat
        for word in theirs:
            assert fold(word.strip()) + (" " if word.endswith(" ") else "") not in flat, \
                f"{word!r} leaked into the written copy"


def test_full_minutes_are_not_changed(services):
    s, meeting, *_ = _meeting(services, NOTE)
    doc = s.minutes_builder.build(meeting.id)
    assert any(TYLER.split()[0] in n.text for sec in doc.sections for n in sec.notes)


def test_a_child_elsewhere_with_the_copys_own_childs_name_does_not_mask_it(services, tmp_path):
    """Two children share a name across meetings: the copy's own child keeps theirs."""
    s, meeting, kai, *_ = _meeting(services, "Kai Marlow said he feels safer at school.")
    s.subjects.create("child", "Kai Marlow", date_of_birth=date(2013, 1, 5))
    copy = _plan(s, meeting.id, tmp_path, kai.id).copies[0]
    note = next(n.text for sec in copy.document.sections for n in sec.notes if "safer" in n.text)
    assert "Kai Marlow" in note


def test_a_child_elsewhere_who_is_not_named_changes_nothing(services, tmp_path):
    s, meeting, kai, *_ = _meeting(services, "Kai has been attending the boxing club every week.")
    copy = _plan(s, meeting.id, tmp_path, kai.id).copies[0]
    note = next(n.text for sec in copy.document.sections for n in sec.notes if "boxing" in n.text)
    assert note == "Kai has been attending the boxing club every week."


# -- the sieve: never misses a name written in any script, spacing or case -------------------------------

_LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzàéîõüßłøđæœþçñ") + ["İ", "ı", "ŵ", "ŷ", "ą", "ę",
                                                                            "ż", "ś", "ć", "ń"])
_WORDS = st.one_of(
    st.text(_LETTERS, min_size=2, max_size=9).map(str.capitalize),
    st.sampled_from(["Siân", "Llŷr", "Gwenllïan", "Ffion", "Łucja", "Wojciech", "Grzegorz", "Straße",
                     "İlkay", "Yıldız", "Łukasik-Öztürk", "O'Brien", "ap Dafydd", "محمد", "فاطمة",
                     "Nguyễn", "Đặng", "Zoë", "Ó Súilleabháin"]),
)


@settings(max_examples=150, deadline=None)
@given(first=_WORDS, last=_WORDS, before=st.sampled_from(["", "Seen: ", "(", "—  ", "\u00a0"]),
       after=st.sampled_from(["", ".", "'s phone", ")", "  and others", "\u200b"]),
       upper=st.booleans())
def test_the_sieve_finds_a_name_however_it_is_written(first, last, before, after, upper):
    name = f"{first} {last}"
    written = f"Notes {before}{name.upper() if upper else name}{after} end"
    assert could_be_named(name, (), words_of([written]))
    joined = f"Notes {first}{last.replace(' ', '')} end"  # "KaiMarlow"
    assert could_be_named(name, (), words_of([joined])) or not fold(first).isalpha()


def test_the_sieve_skips_names_not_written():
    words = words_of(["Kai was seen near the station with older males."])
    assert not could_be_named("Tyler Brennan", (), words)
    assert not could_be_named("Siân ap Dafydd", ("Daf",), words)
    assert could_be_named("Siân ap Dafydd", ("Daf",), words_of(["Daf was there"]))
    assert could_be_named("Zoë Łukasik-Öztürk", (), words_of(["ZOE LUKASIK OZTURK"]))


def test_the_sieve_finds_a_disguised_name():
    for written in ("T4y0 Br3nn1ck", "Tаyо Brеnnick", "Tayoooo Brennnick", "T&aacute;yo Br&eacute;nnick"):
        assert could_be_named("Tayo Brennick", (), words_of([f"Kai saw {written} today."])), written


def test_a_child_elsewhere_who_shares_a_professionals_name_is_not_passed_silently(services, tmp_path):
    """Rhodri Evans the youth worker attends; a child called Rhodri Evans is known from another
    meeting. The worker's full name stays (attendance), but a bare "Rhodri" in a note could be
    either: it is put to the manager, masked until decided."""
    s, meeting, kai, *_ = _meeting(services, "Kai spoke to Rhodri about the arcade.")
    s.subjects.create("child", "Rhodri Evans", date_of_birth=date(2012, 8, 8))
    s.attendance.add(meeting.id, "Rhodri Evans", role="Youth worker", agency="Youth service")
    s.minutes.add_note(meeting.id, "Rhodri Evans will arrange detached youth work.", subject_ids=[kai.id])
    copy = _plan(s, meeting.id, tmp_path, kai.id).copies[0]
    notes = [n.text for sec in copy.document.sections for n in sec.notes]
    spoke = next(n for n in notes if "arcade" in n)
    assert "Rhodri" not in spoke, "a shared first name is masked until the manager decides"
    assert any(x.word == "Rhodri" and "professional" in x.reason for x in copy.suspects), \
        "and it is a point for the manager"


def test_the_sieve_wants_a_name_written_together():
    """A common first name in one note and a common surname in another is not a child's name: with
    tens of thousands of children, taking it for one let thousands through (and masked ordinary
    words as "Child D")."""
    words = words_of(["Kai was at school.", "Mrs Smith will call the family."])
    assert not could_be_named("Kai Smith", (), words)
    for written in ("Kai Smith", "SMITH, Kai", "Smith Kai", "KaiSmith", "K a i  S m i t h", "Kai James Smith"):
        assert could_be_named("Kai Smith", (), words_of([f"Seen: {written} at the station."])), written
    assert could_be_named("Kai James Smith", (), words_of(["Kai Smith was seen."]))


def test_a_one_word_alias_that_is_other_childrens_first_name_is_not_enough():
    """Dozens of children are called Rosie: another child's alias "Rosie" alone does not make every
    Rosie in the minutes that child (it would ask about the copy's own Rosie on every line). The
    alias still counts when it is nobody's first name ("T-Bone", "Daf"), and the full name always does."""
    given = first_words(["Rosie Adebayo", "Rosie Nowak", "Kai Marlow"])
    words = words_of(["Rosie said she feels safer; T-Bone was not seen."])
    assert not could_be_named("Tia Brennick", ("Rosie",), words, given)
    assert could_be_named("Tia Brennick", ("T-Bone",), words, given)
    assert could_be_named("Rosie Nowak", (), words_of(["Rosie Nowak was there"]), given)
    assert not could_be_named("Rosie", (), words, given), "a one-word name that is a common first name"


def test_a_child_known_by_one_name_is_found_unless_others_share_it():
    given = first_words(["Dex", "Kai Marlow", "Rosie Nowak"])
    assert could_be_named("Dex", (), words_of(["Dex was outside the shop."]), given)
    given = first_words(["Dex", "Dex Halloran", "Kai Marlow"])
    assert not could_be_named("Dex", (), words_of(["Dex was outside the shop."]), given)
