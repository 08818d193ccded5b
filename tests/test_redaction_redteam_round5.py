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


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(born=st.dates(min_value=date(2005, 1, 1), max_value=date(2020, 12, 31)), form=st.integers(0, 6),
       name=st.sampled_from(["Tayo Brennick", "Łucja Wójcik", "İlayda Şahin", "Siân Llewellyn-Price", "فاطمة الزهراء",
                             "Jonas Straße", "Nguyễn Thị Lan"]))
def test_another_childs_date_of_birth_in_any_of_the_new_forms_never_shows(born, form, name):
    if born == KAI.date_of_birth:
        return
    d, m, y = born.day, born.month, born.year
    written = [f"{d} {ROMAN[m - 1]} {y}", f"{d:02d}.{ROMAN[m - 1].lower()}.{y % 100:02d}", f"{d:02d}_{m:02d}_{y}",
               f"{d:02d}|{m:02d}|{y}", f"{y}年{m}月{d}日", f"{y}년 {m}월 {d}일", f"{d:02d}{m:02d}{y % 100:02d}"][form]
    other = ChildIdentity(2, name, date_of_birth=born)
    copy = _note(written, children=[KAI, other])
    text = copy.document.sections[0].notes[0].text
    assert text == "Kai saw date of birth of Child B there.", (written, text)


# -- 3. a record about another child that is tagged with no child, end to end ---------------------------
def _files(written):
    txt = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    reader = pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf")))
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    outline = repr(reader.outline)
    d = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    word = "\n".join([x.text for x in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    return {"txt": txt, "pdf": pdf, "outline": outline, "docx": word, "names": " ".join(p.name for p in written)}


def _leaks(files, words):
    return {(where, w) for where, text in files.items() for w in words
            if re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", fold(" ".join(text.split())))}


def _plan(s, meeting_id, folder, who):
    return lambda: s.minutes_files.plan(meeting_id, folder, ("pdf", "docx", "txt"), full=False, disclosure_for=who)


def test_records_about_another_child_tagged_with_no_child_are_left_out_of_every_file(services, tmp_path):
    """With the name masked, "Child B was arrested on Friday with a knife" still tells Kai's family
    about the boy they know was in the group: a note, decision, action (tagged only with the peer
    group), agency disclosure and agenda item typed by hand, that name another child and not this
    one, are each asked about and left out unless the manager keeps them."""
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5), aliases=["Tiz"])
    crew = s.subjects.create("peer_group", "Quarry Lane group")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, crew.id])
    item = s.agenda.add(m.id, "Tayo: return home interview")
    s.agenda.add(m.id, "Leeds trip", parent_id=item)
    s.live.start(m.id)
    s.minutes.add_note(m.id, "He said he stayed at his uncle's in Leeds.", agenda_item_id=item)
    s.minutes.add_note(m.id, "Tayo was arrested on Friday with a knife.")
    s.minutes.add_note(m.id, "Kai was safe at school all week.")
    s.minutes.add_note(m.id, "Kai and Tayo were seen at the canal.")
    s.minutes.add_decision(m.id, "Refer Tiz to the NRM", rationale="trafficked to Leeds")
    a = s.minutes.add_action(m.id, "Visit the group's meeting place", owner="Jo Hale", subject_ids=[crew.id])
    s.minutes.set_action_status(a.id, "done", note="Tiz was there, carrying a blade")
    s.minutes.add_action(m.id, "School to check on Kai", owner="Jo Hale", subject_ids=[kai.id])
    s.sharing.add_disclosure(m.id, agency="Police", what="Tayo's custody record", recipient="YOT",
                             disclosed_on=None, purpose="bail conditions")
    planned = _plan(s, m.id, tmp_path, [kai.id])
    asked = [sp for sp in planned().copies[0].suspects if "and not this child" in sp.reason]
    assert len(asked) == 5, [(sp.where, sp.word) for sp in asked]
    files = _files(s.minutes_files.write(decide_and_approve(s, m.id, planned)))
    assert not _leaks(files, ("tayo", "tiz", "brennick", "leeds", "knife", "arrested", "blade", "custody",
                              "nrm", "uncle", "return home")), _leaks(files, ("leeds", "knife"))
    for where in ("txt", "pdf", "docx"):
        assert "Kai was safe at school all week." in " ".join(files[where].split()), where
        assert "Kai and Child B were seen at the canal." in " ".join(files[where].split()), where
        assert "School to check on Kai" in " ".join(files[where].split()), where


def test_a_record_about_another_child_kept_by_the_manager_is_in_the_copy_masked(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Tayo Brennick's school said the group meets on Fridays.")
    planned = _plan(s, m.id, tmp_path, [kai.id])
    files = _files(s.minutes_files.write(decide_and_approve(s, m.id, planned, decision="keep")))
    assert "Child B's school said the group meets on Fridays." in " ".join(files["txt"].split())
    assert not _leaks(files, ("tayo", "brennick"))


def test_the_copy_for_the_child_named_keeps_their_record():
    """The record is about Tayo: his own family's copy keeps it, and is not asked."""
    doc = meeting([("Tayo was arrested on Friday with a knife.", ())], children=CHILDREN)
    planner = DisclosurePlanner(doc, CHILDREN)
    own = planner.copy_for(2)
    assert [n.text for n in own.document.sections[0].notes] == ["Tayo was arrested on Friday with a knife."]
    assert not own.suspects
    other = planner.copy_for(1)
    assert other.document.sections[0].notes == () and len(other.suspects) == 1


# -- 4. a sign written as letters, a name cut short beside the rest of it -------------------------------
@pytest.mark.parametrize(("written", "rest"), [
    ("Tayo™", "tayo"), ("Brennick℠", "brennick"), ("T℡ayo", "ayo"),  # NFKC writes these signs as letters
    ("Tayo Bren", "bren"), ("Bren Tayo", "bren"),  # the surname cut short beside the first name
    ("Siân Llew", "llew"),
])
def test_a_sign_or_a_cut_name_beside_the_name_is_masked_or_asked(written, rest):
    children = [*CHILDREN, ChildIdentity(3, "Siân Llewellyn-Price")]
    text = _note(written, children=children).document.sections[0].notes[0].text
    assert rest not in fold(text), text
    assert text.startswith("Kai saw Child ") and text.endswith(" there."), text


def test_a_short_english_word_beside_a_name_that_starts_no_name_word_is_kept():
    text = _note("Tayo Bank").document.sections[0].notes[0].text  # "Bank": no word of Tayo's name
    assert text == "Kai saw Child B Bank there.", text


# -- 5. a child removed from the meeting after records were tagged with them ------------------------------
def test_a_child_removed_from_the_meeting_is_still_masked_and_their_records_left_out(services, tmp_path):
    """Rosie was added by mistake, notes were tagged with her, then she was taken off the meeting: her
    agenda item went, her notes landed under Other business, and "Rosie" (a first name another child
    of the store has too, so the store-wide sieve leaves it) was in Kai's family's copy as written."""
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    rosie = s.subjects.create("child", "Rosie Smith", date_of_birth=date(2012, 4, 9))
    s.subjects.create("child", "Rosie Hale")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, rosie.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Rosie was arrested with a knife.", subject_ids=[rosie.id])
    s.minutes.add_note(m.id, "Kai said Rosie (09/04/2012) was not there.", subject_ids=[kai.id])
    s.minutes.add_note(m.id, "Kai is fine.", subject_ids=[kai.id])
    s.meetings.remove_subject(m.id, rosie.id)
    files = _files(s.minutes_files.write(decide_and_approve(s, m.id, _plan(s, m.id, tmp_path, [kai.id]))))
    assert not _leaks(files, ("rosie", "smith", "knife", "arrested", "09/04/2012")), _leaks(files, ("rosie", "knife"))
    for where in ("txt", "pdf", "docx"):
        text = " ".join(files[where].split())
        assert "Kai is fine." in text and "Kai said Child B (date of birth of Child B) was not there." in text, where


def test_a_record_tagged_with_a_subject_no_longer_in_the_minutes_is_asked():
    """The pure planner, given no name for the removed subject: the record is asked, left out."""
    doc = meeting([("She was arrested with a knife.", (9,)), ("Kai is fine.", (1,))], children=CHILDREN)
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert [n.text for n in copy.document.sections[0].notes] == ["Kai is fine."]
    assert ["no longer a subject" in s.reason for s in copy.suspects] == [True]
    kept = DisclosurePlanner(doc, CHILDREN).copy_for(1, {copy.suspects[0].key: "keep"})
    assert len(kept.document.sections[0].notes) == 2


# -- known limits found in this round --------------------------------------------------------------------
def test_the_full_minutes_are_not_written_beside_a_familys_copy(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Tayo was arrested.", subject_ids=[tayo.id])

    def plan():
        return s.minutes_files.plan(m.id, tmp_path, ("txt",), per_child=True, disclosure_for=[kai.id])

    try:
        written = s.minutes_files.write(decide_and_approve(s, m.id, plan))
    except Exception:  # noqa: BLE001 - refusing the mixed folder is one way to pass
        written = []
    beside = [p for p in tmp_path.iterdir() if p.is_file() and "disclosure" not in p.name]
    assert not (beside and any("disclosure" in p.name for p in written)), [p.name for p in tmp_path.iterdir()]


NAMES = ["Tayo Brennick", "Łucja Wójcik", "İlayda Şahin", "Siân Llewellyn-Price", "فاطمة الزهراء", "Jonas Straße",
         "Nguyễn Thị Lan", "Zoë O'Sullivan", "Ömer Öztürk", "Dafydd ap Gwilym", "Ngozi Chukwuemeka"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), part=st.integers(0, 2), case=st.sampled_from([str, str.upper]),
       event=st.sampled_from(["was arrested with a knife", "went missing on Friday", "disclosed abuse at home"]))
def test_a_record_about_another_child_in_any_script_is_left_out_of_the_familys_copy(name, part, case, event):
    """Tagged with no child, naming another child in any script (full name, first or last name,
    any case): left out of Kai's family's copy until kept; in that child's own copy, kept as written."""
    written = case([name, name.split()[0], name.split()[-1]][part])
    other = ChildIdentity(2, name)
    doc = meeting([(f"{written} {event}.", ()), ("Kai is fine.", (1,))], children=[KAI, other])
    planner = DisclosurePlanner(doc, [KAI, other])
    kais = planner.copy_for(1)
    assert [n.text for n in kais.document.sections[0].notes] == ["Kai is fine."], written
    assert len([s for s in kais.suspects if "and not this child" in s.reason]) == 1
    theirs = planner.copy_for(2)
    assert f"{written} {event}." in [n.text for n in theirs.document.sections[0].notes]


# -- 6. a name run together with other letters; an address with its words run together ------------------
@pytest.mark.parametrize(("written", "rest"), [
    ("FreeTayo", "tayo"), ("KaiAndTayo", "tayo"), ("xXtayoXx", "tayo"), ("snapchat tayob11", "tayo"),
    ("tayob", "tayo"), ("TheBrennicks", "brennick"), ("Brennickshire", "brennick"),
    ("snap: tbrenn", "tbrenn"), ("tbren_11", "tbren"),  # an initial and the surname cut short
])
def test_a_name_run_together_with_other_letters_is_asked(written, rest):
    copy = _note(written)
    text = copy.document.sections[0].notes[0].text
    assert rest not in fold(text) and "Child B" in text, text
    assert copy.suspects, text


@pytest.mark.parametrize("written", ["umbrella", "Mehefin", "Hannah", "Kaiser"])
def test_an_english_word_a_month_or_another_name_holding_letters_of_a_name_is_kept(written):
    children = [*CHILDREN, ChildIdentity(3, "Ella Anna Brellis"), ChildIdentity(4, "Hefin Jenkins")]
    own = f"Kai saw {written} there."
    doc = meeting([(own, (1,))], children=children)
    copy = DisclosurePlanner(doc, children).copy_for(1)
    assert copy.document.sections[0].notes[0].text == own and not copy.suspects


@pytest.mark.parametrize("written", ["14 ElmGrove", "14Elm Grove", "14 ELMGROVE", "Flat 2, 14 Elm-Grove"])
def test_an_address_with_its_words_run_together_is_masked(written):
    tayo = ChildIdentity(2, "Tayo Brennick", address="14 Elm Grove, Brindley, BS3 9ZZ")
    text = _note(written, children=[KAI, tayo]).document.sections[0].notes[0].text
    assert "elm" not in fold(text) and "address of Child B" in text, text


# -- 7. scripts: Hebrew prefixes, Devanagari vowel signs, Arabic with two prefixes or tanween ------------
SCRIPTS = [KAI, ChildIdentity(2, "דוד כהן"), ChildIdentity(3, "प्रिया शर्मा"), ChildIdentity(4, "محمد الحسن")]


@pytest.mark.parametrize(("written", "rest"), [
    ("ודוד", "דוד"), ("לכהן", "כהן"), ("ושדוד", "דוד"),  # Hebrew: and-David, to-Cohen, and-that-David
    ("प्रिया", "\u093e"), ("प्रियाजी", "प्रिय"),  # the vowel sign left on the label; an honorific joined
    ("وبمحمد", "محمد"), ("محمدًا", "محمد"), ("محمدٌ", "\u064c"),  # two prefixes; tanween
])
def test_a_name_in_another_script_with_its_prefixes_and_marks_is_masked_or_asked(written, rest):
    text = _note(written, children=SCRIPTS).document.sections[0].notes[0].text
    assert rest not in text, text
    assert re.fullmatch(r"Kai saw Child [B-D] there\.", text), text


def test_a_checklist_note_about_another_child_only_is_asked_and_left_out():
    from dataclasses import replace

    from efh_desktop.export.minutes_document import ChecklistLine

    doc = meeting([], children=CHILDREN)
    doc = replace(doc, checklist=(ChecklistLine("1", "The scale of the concerns", "Considered",
                                                "Tayo is the most at risk; he was stabbed in May.", 0),
                                  ChecklistLine("2", "Immediate protective action", "Considered",
                                                "Kai and Tayo to be kept apart.", 0)))
    planner = DisclosurePlanner(doc, CHILDREN)
    kais = planner.copy_for(1)
    assert [c.note for c in kais.document.checklist] == ["", "Kai and Child B to be kept apart."]
    assert kais.document.checklist[0].state == "Considered"
    assert [s.where for s in kais.suspects if "and not this child" in s.reason] == ["checklist[0].note"]
    assert planner.copy_for(2).document.checklist[0].note == "Tayo is the most at risk; he was stabbed in May."


# -- 8. a date of birth in another language; "b." run into the date --------------------------------------
@pytest.mark.parametrize("written", ["5. Juni 2011", "5 juin 2011", "5 de junio de 2011", "5 giugno 2011",
                                     "5 czerwca 2011", "5 Haziran 2011", "5 iunie 2011", "5 junho 2011"])
def test_a_date_of_birth_with_a_month_in_another_language_is_masked(written):
    assert _text(written) == "Kai saw date of birth of Child B there."


def test_b_run_into_a_date_of_birth_is_masked():
    assert _text("Tayo b.5/6/2011") == "Kai saw Child B b.date of birth of Child B there."


@pytest.mark.parametrize(("written", "shown", "child"), [("Year 5 Maja went", "Year 5 {} went", 3),
                                                         ("Marco 2011", "{} 2011", 4)])
def test_a_child_named_like_a_foreign_month_is_still_masked_beside_a_number(written, shown, child):
    from efh_desktop.export.redaction import child_labels

    children = [*CHILDREN, ChildIdentity(3, "Maja Nowak"), ChildIdentity(4, "Marco Rossi")]
    label = child_labels(1, [c.subject_id for c in children if c.subject_id != 1])[child]
    assert _note(written, children=children).document.sections[0].notes[0].text == f"Kai saw {shown.format(label)} there."


# -- 9. every form found in this round, in every field that holds text, through every written file --------
def test_this_rounds_forms_in_every_field_are_in_no_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5), lcs_id="LCS-123456",
                             address="14 Elm Grove, Brindley, BS3 9ZZ")
    place = s.subjects.create("place", "FreeTayo wall", address="14 ElmGrove")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, place.id])
    s.meetings.update(m.id, title="Kai and Tayo™: strategy", venue="near 14Elm Grove", police_operation="Op Tayoland")
    s.setup.set_planning_agreement(m.id, kai.id, "shared with LCS l23456's YOT worker")
    s.agenda.add(m.id, "Kai, and Tayo Bren (born June 2011)")
    s.attendance.add(m.id, "Jo Hale", role="xXtayoXx's mentor", agency="YOT", status="apologies",
                     apology_reason="court for 5 VI 2011 child")
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai saw 050611 and 5 czerwca 2011 and 2011年6月5日.", subject_ids=[kai.id])
    a = s.minutes.add_action(m.id, "Call Kai's school", owner="Jo Hale", subject_ids=[kai.id])
    s.minutes.set_action_status(a.id, "done", note="Kai met tayob11 on 05|06|2011")
    s.sharing.save_child(m.id, kai.id, consent="refused", consent_reason="Kai's mum fears T℡ayo (b.5/6/2011)")
    s.setup.set_next_meeting(m.id, date(2026, 11, 20), "after EHM-l23456 is closed")
    row = s.checklist.rows(m.id)[0]
    s.checklist.set_status(m.id, row.key, "considered", "Kai and KaiAndTayo screened")
    s.live.end(m.id)
    for item in s.finalise.outstanding(m.id):
        s.finalise.override(m.id, item.key, "checked in test")
    s.finalise.finalise(m.id)
    s.finalise.amend(m.id, "meeting", "Kai, with Tayo Bren (5. Juni 2011)", "left out")
    planned = _plan(s, m.id, tmp_path, [kai.id])
    written = s.minutes_files.write(decide_and_approve(s, m.id, planned))
    files = _files(written)
    reader = pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf")))
    files["meta"] = " ".join(str(v) for v in (reader.metadata or {}).values())
    d = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    files["hf"] = "\n".join(x.text for sec in d.sections for part in (sec.header, sec.footer) for x in part.paragraphs)
    cp = d.core_properties
    files["props"] = " ".join(str(getattr(cp, k) or "") for k in ("title", "subject", "keywords", "comments",
                                                                  "category", "author", "last_modified_by"))
    found = {(where, bad) for where, text in files.items()
             for bad in ("tayo", "ayo", "brennick", "bren", "elm", "2011", "050611", "23456", "czerwca", "juni")
             if bad in fold(text).replace("™", "")}
    assert not found, found
    assert "Kai" in files["txt"] and "Kai" in files["pdf"] and "Kai" in files["docx"]


def test_this_childs_record_under_an_item_typed_with_another_childs_name_is_kept():
    """"Tayo's influence" is left out of Kai's copy until kept; what it says about Kai is not lost."""
    from efh_desktop.export.minutes_document import NoteLine, Section

    sections = (Section("2", "Tayo's influence", None, notes=(
        NoteLine(7, "CSC", "11am", "Kai follows him everywhere.", ()),
        NoteLine(8, "CSC", "11am", "He was stabbed in May.", ()))),)
    doc = meeting([], children=CHILDREN, extra_sections=sections)
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    texts = [(s.title, [n.text for n in s.notes]) for s in copy.document.sections]
    assert texts[-1] == ("Also recorded about Kai Marlow", ["Kai follows him everywhere."]), texts
    assert not any("stabbed" in n for _t, notes in texts for n in notes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), flips=st.lists(st.booleans(), min_size=30, max_size=30),
       joiner=st.sampled_from(["", "\u200b", "\u00ad", "\u00a0", "\u2060"]))
def test_another_childs_name_in_any_case_with_invisible_characters_never_shows(name, flips, joiner):
    """Each letter's case flipped at random, an invisible character (or none) between the letters of
    the first name: still masked (or asked), and the family's own child still reads as Kai."""
    first = name.split()[0]
    mixed = "".join(ch.swapcase() if flip else ch for ch, flip in zip(first, flips, strict=False))
    written = joiner.join(mixed) if joiner else mixed
    other = ChildIdentity(2, name)
    text = _note(written, children=[KAI, other]).document.sections[0].notes[0].text
    assert fold(first) not in fold(text), (written, text)
    assert text.startswith("Kai saw ") and "Child B" in text, (written, text)


def test_a_relatives_undotted_initials_are_asked_and_the_childs_own_relatives_left_alone():
    tayo = ChildIdentity(2, "Tayo Brennick", relatives=(("Folake Adeyemi", "mother"),))
    kai = ChildIdentity(1, "Kai Marlow", relatives=(("Rhian Pryce", "mother"),))
    doc = meeting([("Kai said FA and RP were at the FA cup final.", (1,))], children=[kai, tayo])
    copy = DisclosurePlanner(doc, [kai, tayo]).copy_for(1)
    assert copy.document.sections[0].notes[0].text == (
        "Kai said Parent of Child B and RP were at the Parent of Child B cup final.")
    assert len(copy.suspects) == 2 and all("Parent of Child B" in s.reason for s in copy.suspects)
    kept = DisclosurePlanner(doc, [kai, tayo]).copy_for(1, {copy.suspects[1].key: "keep"})
    assert kept.document.sections[0].notes[0].text.endswith("at the FA cup final.")
