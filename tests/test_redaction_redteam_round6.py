"""Red team, sixth round: leaks nobody had tried on a disclosure copy. Each leak found has its test
here, through the planner the export service uses and, where a field only the services fill is
involved, end to end (plan, decide every point as the manager, approve as a second person, write,
and read every written file back). Every person here is fictional."""

from __future__ import annotations

import dataclasses
from datetime import date

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efh_desktop.domain.name_folding import fold
from efh_desktop.export.minutes_document import ActionLine, DecisionLine, PersonLine, Section
from efh_desktop.export.redaction import ChildIdentity, DisclosurePlanner
from tests.disclosure_helpers import decide_and_approve
from tests.test_redaction import strings
from tests.test_redaction_redteam import KAI, meeting
from tests.test_redaction_redteam_round5 import WHEN, _plan

TAYO = ChildIdentity(2, "Tayo Brennick", ("Tiz",))
CHILDREN = [KAI, TAYO]


def _written(written) -> dict[str, str]:
    """Every artefact a disclosure copy writes, as text: the LCS text, the PDF's text, metadata and
    outline, the Word document's paragraphs, tables, headers, footers and core properties, and the
    file names."""
    out: dict[str, str] = {"names": " ".join(p.name for p in written)}
    for p in written:
        if p.suffix == ".txt":
            out["txt"] = p.read_text(encoding="utf-8")
        elif p.suffix == ".pdf":
            reader = pypdf.PdfReader(str(p))
            out["pdf"] = "\n".join(page.extract_text() for page in reader.pages)
            out["pdf meta"] = " ".join(str(v) for v in (reader.metadata or {}).values()) + repr(reader.outline)
        elif p.suffix == ".docx":
            d = docx.Document(str(p))
            out["docx"] = "\n".join([x.text for x in d.paragraphs]
                                    + [c.text for t in d.tables for r in t.rows for c in r.cells])
            out["docx headers"] = "\n".join(x.text for sec in d.sections for part in (sec.header, sec.footer)
                                            for x in part.paragraphs)
            cp = d.core_properties
            out["docx props"] = " ".join(str(getattr(cp, k) or "") for k in (
                "title", "subject", "keywords", "comments", "category", "author", "last_modified_by"))
    return out


def _found(files: dict[str, str], words) -> set[tuple[str, str]]:
    return {(where, w) for where, text in files.items() for w in words if fold(w) in fold(" ".join(text.split()))}


# -- 1. a child at the meeting as an attendee (a young person attending) ------------------------------
def test_a_child_attending_the_meeting_is_not_taken_for_a_professional():
    """Tayo came to the meeting ("Tayo Brennick, Young person"): the planner took every attendee who
    is no family member for a professional, so each "Tayo" in Kai's copy was put to the manager as "a
    professional's name that is also Child B's name", and a manager who kept the professional's name
    (as the point invites) left Tayo's full name in the attendance list."""
    doc = meeting([("Tayo said he was fine.", (1,))], children=CHILDREN,
                  attendance=(PersonLine("Tayo Brennick", "Young person", "", "Present"),))
    planner = DisclosurePlanner(doc, CHILDREN)
    copy = planner.copy_for(1)
    assert not [s for s in copy.suspects if "professional" in s.reason], [(s.word, s.reason) for s in copy.suspects]
    kept = planner.copy_for(1, {s.key: "keep" for s in copy.suspects})
    shown = "\n".join(strings(kept.document))
    assert "Tayo" not in shown and "Brennick" not in shown, shown
    assert kept.document.attendance[0].name == "Child B"


@pytest.mark.parametrize(("name", "role"), [("Tayo Brennick", ""), ("Tiz", "Young person"),
                                            ("Tayo Brennick", "Child"), ("tayo brennick", "YP (self)"),
                                            ("Tayo Brennick", "Pupil")])
def test_a_child_in_the_attendance_list_is_masked_whatever_the_role_says(name, role):
    doc = meeting([], children=CHILDREN, attendance=(PersonLine(name, role, "", "Present"),))
    planner = DisclosurePlanner(doc, CHILDREN)
    kept = planner.copy_for(1, {s.key: "keep" for s in planner.copy_for(1).suspects})
    assert kept.document.attendance[0].name == "Child B", kept.document.attendance


def test_a_professional_who_shares_a_childs_name_is_still_asked():
    """The rule above must not mask every professional: a youth worker called Tayo Okafor is kept, and
    the "Tayo" that may be either of them is asked."""
    doc = meeting([("Tayo called the school.", (1,))], children=CHILDREN,
                  attendance=(PersonLine("Tayo Okafor", "Youth worker", "YOT", "Present"),))
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert copy.document.attendance[0].name == "Tayo Okafor"
    assert [s.word for s in copy.suspects if "professional" in s.reason] == ["Tayo"]


def test_a_young_person_at_the_meeting_is_masked_in_every_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", aliases=["Tiz"])
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.attendance.add(m.id, "Tayo Brennick", role="Young person", status="present")
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai and Tayo were at the canal.", subject_ids=[kai.id])
    planned = _plan(s, m.id, tmp_path, [kai.id])
    assert not [p for p in planned().copies[0].suspects if "professional" in p.reason]
    files = _written(s.minutes_files.write(decide_and_approve(s, m.id, planned, decision="keep")))
    assert not _found(files, ("tayo", "brennick", "tiz")), _found(files, ("tayo", "brennick"))
    assert "Kai and Child B were at the canal." in " ".join(files["txt"].split())


def test_a_child_protection_officer_is_still_a_professional():
    doc = meeting([("Tayo called the school.", (1,))], children=CHILDREN,
                  attendance=(PersonLine("Tayo Okafor", "Child protection officer", "Police", "Present"),))
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert copy.document.attendance[0].name == "Tayo Okafor"


# -- 2. a record tagged with no child that names another child only in its owner ----------------------
def test_an_action_whose_owner_names_another_child_is_asked_and_left_out():
    """"Take him to the NRM interview", owner "Tayo's mum", tagged with no child: the owner was not
    read for whom the record is about, so the action was in Kai's copy as "Child B's mum" taking
    "him" to an NRM interview: Tayo's referral, told to Kai's family."""
    action = ActionLine(9, "Take him to the NRM interview", "Tayo's mum", "", "no date", "Open", ())
    doc = meeting([], children=CHILDREN, actions=(action,))
    planner = DisclosurePlanner(doc, CHILDREN)
    copy = planner.copy_for(1)
    assert not [a for sec in copy.document.sections for a in sec.actions]
    asked = [s for s in copy.suspects if "and not this child" in s.reason]
    assert len(asked) == 1 and "Child B" in asked[0].reason
    assert [a.owner for sec in planner.copy_for(2).document.sections for a in sec.actions] == ["Tayo's mum"]


def test_a_decision_whose_maker_names_another_child_is_asked_and_left_out():
    decision = DecisionLine(8, "Decision", "Refer to the NRM", "trafficked", "", "Tiz's social worker", "", ())
    doc = meeting([], children=CHILDREN, extra_sections=(Section("2", "Decisions", None, decisions=(decision,)),))
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert not [d for sec in copy.document.sections for d in sec.decisions]
    assert [s for s in copy.suspects if "and not this child" in s.reason]


def test_an_action_owned_by_this_childs_own_mum_is_kept():
    action = ActionLine(9, "Take him to the NRM interview", "Kai's mum", "", "no date", "Open", ())
    doc = meeting([], children=CHILDREN, actions=(action,))
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert [a.owner for sec in copy.document.sections for a in sec.actions] == ["Kai's mum"]
    assert not copy.suspects


# -- 3. Mc, Mac and M' written the other way, in two words ---------------------------------------------
def _note_text(written: str, other: ChildIdentity) -> tuple[str, list]:
    doc = meeting([(f"Kai saw {written} there.", (1,))], children=[KAI, other])
    copy = DisclosurePlanner(doc, [KAI, other]).copy_for(1)
    return copy.document.sections[0].notes[0].text, copy.suspects


@pytest.mark.parametrize(("name", "written"), [
    ("Rory McDonald", "Mac Donald"), ("Rory McDonald", "M'Donald"), ("Rory McDonald", "Mʼdonald"),
    ("Rory MacDonald", "Mc Donald"), ("Eilidh MacKay", "Mc Kay"), ("Eilidh MacKay", "MC KAY"),
    ("Rory McDonald", "Mac Donald's"), ("Rory McDonald", "mac donald"),
])
def test_mc_and_mac_written_the_other_way_in_two_words_are_asked(name, written):
    """"MacDonald" for a child recorded as McDonald was asked (a misspelling), but "Mac Donald" and
    "M'Donald" were left in the copy as written."""
    text, suspects = _note_text(written, ChildIdentity(2, name))
    assert "donald" not in fold(text) and "kay" not in fold(text), text
    assert text.startswith("Kai saw Child B") and suspects, (text, suspects)


def test_mac_and_mc_words_of_no_name_are_left_alone():
    own = "Kai saw the Mac Book, a Mc Flurry and M Adams there."
    doc = meeting([(own, (1,))], children=[KAI, ChildIdentity(2, "Rory McDonald")])
    copy = DisclosurePlanner(doc, [KAI, ChildIdentity(2, "Rory McDonald")]).copy_for(1)
    assert copy.document.sections[0].notes[0].text == own and not copy.suspects


# -- 4. the meeting's own short texts that say something about another child only ----------------------
def test_an_apology_or_role_about_another_child_is_asked_and_left_out():
    """"Apologies: with Amara at court" (Tayo's sister) and "Advocate, on behalf of Tiz" were kept with
    the names masked ("with Sibling of Child B at court"): the family learnt that Child B's sister was
    in court and that Child B has an advocate. Each is now a point, left out unless kept."""
    tayo = ChildIdentity(2, "Tayo Brennick", ("Tiz",), relatives=(("Amara Brennick", "sister"),))
    attendance = (PersonLine("Rhian Pryce", "Advocate", "on behalf of Tiz", "Present"),
                  PersonLine("Jo Hale", "Youth worker", "YOT", "Apologies: with Amara at court"),
                  PersonLine("Ffion Rees", "Teacher", "Brindley School", "Apologies: with Kai on a trip"))
    doc = meeting([], children=[KAI, tayo], attendance=attendance)
    planner = DisclosurePlanner(doc, [KAI, tayo])
    copy = planner.copy_for(1)
    people = [(p.name, p.role, p.agency, p.attendance) for p in copy.document.attendance]
    assert people == [("Rhian Pryce", "", "", "Present"), ("Jo Hale", "Youth worker", "YOT", "Apologies"),
                      ("Ffion Rees", "Teacher", "Brindley School", "Apologies: with Kai on a trip")], people
    assert len([s for s in copy.suspects if "and not this child" in s.reason]) == 2
    kept = planner.copy_for(1, {s.key: "keep" for s in copy.suspects})
    assert [p.attendance for p in kept.document.attendance][1] == "Apologies: with Sibling of Child B at court"
    own = planner.copy_for(2)
    assert [p.attendance for p in own.document.attendance][1] == "Apologies: with Amara at court"


def test_the_venue_title_next_meeting_and_override_about_another_child_are_asked_and_left_out():
    from efh_desktop.export.minutes_document import Fact, OverrideLine

    doc = meeting([], children=CHILDREN)
    doc = doc.__class__(**{**doc.__dict__, "title": "Strategy for Tayo Brennick",
                           "facts": (*doc.facts, Fact("Venue", "Tiz's nan's house"),
                                     Fact("Police operation", "Op Castle")),
                           "next_meeting": "20 November 2026: after Tayo's court date",
                           "overrides": (OverrideLine("Voice of the child", "Tiz would not speak to us", "Priya Oduya"),)})
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    shown = "\n".join(strings(copy.document))
    for gone in ("nan", "court", "speak", "Strategy for"):
        assert gone not in shown, (gone, shown)
    out = copy.document
    assert out.title == "Complex strategy" and out.next_meeting == "20 November 2026"
    assert [f.value for f in out.facts if f.label == "Police operation"] == ["Op Castle"]
    assert len([s for s in copy.suspects if "and not this child" in s.reason]) == 4


def test_meeting_texts_about_this_child_or_both_are_kept_masked():
    from efh_desktop.export.minutes_document import Fact

    doc = meeting([], children=CHILDREN)
    doc = doc.__class__(**{**doc.__dict__, "title": "Kai and Tayo: strategy",
                           "facts": (*doc.facts, Fact("Venue", "Kai's school")),
                           "next_meeting": "20 November 2026: after Kai's review"})
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert copy.document.title == "Kai and Child B: strategy"
    assert copy.document.next_meeting == "20 November 2026: after Kai's review"
    assert not copy.suspects


def test_an_apology_about_another_child_is_in_no_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", aliases=["Tiz"],
                             connected_people=[{"name": "Amara Brennick", "relationship": "sister"}])
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.meetings.update(m.id, venue="Tiz's nan's house")
    s.attendance.add(m.id, "Rhian Pryce", role="Advocate", agency="on behalf of Tiz", status="present")
    s.attendance.add(m.id, "Jo Hale", role="Youth worker", agency="YOT", status="apologies",
                     apology_reason="with Amara at hospital")
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai is safe.", subject_ids=[kai.id])
    s.setup.set_next_meeting(m.id, date(2026, 11, 20), "after Tayo's court date")
    planned = _plan(s, m.id, tmp_path, [kai.id])
    files = _written(s.minutes_files.write(decide_and_approve(s, m.id, planned)))
    assert not _found(files, ("nan", "hospital", "court", "behalf", "advocate")), _found(files, ("nan", "hospital"))
    assert "Kai is safe." in files["txt"] and "Rhian Pryce" in files["txt"] and "20 November 2026" in files["txt"]


# -- 5. a peer group or place named after another child ------------------------------------------------
def test_a_peer_group_named_after_another_child_is_asked_and_labelled():
    """"Tayo's crew" became "Child B's crew" in every copy: a family who knows the group by its name
    then knows who Child B is, and so every line about Child B. The group's name is asked, and until
    kept it is "Peer group 1" wherever it is written."""
    from efh_desktop.export.minutes_document import SubjectLine

    crew = SubjectLine(5, "Peer group", "Tayo's crew", "meets at the canal")
    place = SubjectLine(6, "Place", "Canal towpath", "")
    sections = (Section("2", "Peer group: Tayo's crew", 5, notes=(
        __import__("efh_desktop.export.minutes_document", fromlist=["NoteLine"]).NoteLine(
            7, "Police", "11am", "Kai was seen with tayo's  crew twice.", (1,)),)),)
    doc = meeting([("Kai is in Tayo's crew.", (1,))], children=CHILDREN, pocs=(crew, place), extra_sections=sections)
    planner = DisclosurePlanner(doc, CHILDREN)
    copy = planner.copy_for(1)
    shown = "\n".join(strings(copy.document))
    assert "crew" not in shown.casefold(), shown
    assert "Kai is in Peer group 1." in shown and "Kai was seen with Peer group 1 twice." in shown
    assert "Canal towpath" in shown
    assert [s.proposal for s in copy.suspects] == ["Peer group 1"]
    kept = planner.copy_for(1, {copy.suspects[0].key: "keep"})
    assert "Kai is in Child B's crew." in "\n".join(strings(kept.document))
    assert "Tayo's crew" in "\n".join(strings(planner.copy_for(2).document))


def test_a_group_named_after_this_child_or_no_child_is_left_alone():
    from efh_desktop.export.minutes_document import SubjectLine

    doc = meeting([("Kai is in Kai's crew and the Quarry boys.", (1,))], children=CHILDREN,
                  pocs=(SubjectLine(5, "Peer group", "Kai's crew", ""), SubjectLine(6, "Peer group", "Quarry boys", "")))
    copy = DisclosurePlanner(doc, CHILDREN).copy_for(1)
    assert copy.document.sections[0].notes[0].text == "Kai is in Kai's crew and the Quarry boys."
    assert not copy.suspects


def test_a_peer_group_named_after_another_child_is_in_no_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick")
    crew = s.subjects.create("peer_group", "Tayo’s crew")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, crew.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai still goes about with Tayo's crew and TAYOS CREW.", subject_ids=[kai.id])
    planned = _plan(s, m.id, tmp_path, [kai.id])
    files = _written(s.minutes_files.write(decide_and_approve(s, m.id, planned)))
    assert not _found(files, ("tayo", "crew")), _found(files, ("tayo", "crew"))
    assert "Kai still goes about with Peer group 1 and Peer group 1." in " ".join(files["txt"].split())


# -- 6. initials of a long name, shortened as people write them -----------------------------------------
@pytest.mark.parametrize(("name", "written"), [
    ("Jean-Luc Dubois", "JD"), ("Jean-Luc Dubois", "J-L"), ("Jean-Luc Dubois", "J.L."), ("Jean-Luc Dubois", "JL"),
    ("Ellie Hartley-Whitmore", "H-W"), ("Ellie Hartley-Whitmore", "EH"),
    ("Lucía García Fernández", "LG"), ("Lucía García Fernández", "L.G."), ("María José Pérez López", "MJ"),
    ("María José Pérez López", "ML"), ("María José Pérez López", "MJPL"),
])
def test_shortened_initials_of_another_child_are_asked(name, written):
    """Only a child's full initials were asked ("JLD"): "JD", "J-L" for Jean-Luc Dubois, "LG" for Lucía
    García Fernández (the first surname, as Spanish shortens it) or "MJPL" (four letters) were left."""
    text, suspects = _note_text(written, ChildIdentity(2, name))
    assert text == "Kai saw Child B there.", text
    assert [s.word for s in suspects] == [written]


def test_shortened_initials_of_this_child_and_abbreviations_are_left_alone():
    kai = ChildIdentity(1, "Kai-Jon Marlow Reyes")
    other = ChildIdentity(2, "Tayo Brennick")
    own = "KM, KJ, K-J and KR met the A-B road team, DS KM, CID, MASH and the NHS."
    doc = meeting([(own, (1,))], children=[kai, other])
    copy = DisclosurePlanner(doc, [kai, other]).copy_for(1)
    assert copy.document.sections[0].notes[0].text == own and not copy.suspects


# -- 7. this round's fields with names from many scripts -------------------------------------------------
NAMES = ["Tayo Brennick", "Siobhán O'Neill", "Łucja Wójcik", "Nguyễn Thị Lan", "Zoë Müller", "İlayda Şahin",
         "Rory McDonald", "فاطمة الزهراء", "Дмитрий Иванов", "Αλέξανδρος Παππάς", "Ama Mensah-Boateng",
         "Anjali Raghunathan", "Jean-Luc Dubois", "Lucía García Fernández", "Mòrag NicLeòid", "Ngozi Eze"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), where=st.integers(0, 5), upper=st.booleans(),
       apostrophe=st.sampled_from(["'", "’", "ʼ", "‘", "`"]))
def test_another_childs_first_name_in_this_rounds_fields_never_shows(name, where, upper, apostrophe):
    """The first name of another child, in capitals or not, with any apostrophe, written in an
    apology, an attendee's role, an action's owner, a decision's maker, the venue or a peer group's
    name: never in the copy as written (masked, labelled or left out), and Kai's own lines kept."""
    from efh_desktop.export.minutes_document import Fact, SubjectLine

    first = name.split()[0].upper() if upper else name.split()[0]
    other = ChildIdentity(2, name)
    said = f"{first}{apostrophe}s"
    attendance = (PersonLine("Jo Hale", "Youth worker", "YOT", f"Apologies: with {first} at court" if where == 0
                             else "Present"),
                  PersonLine("Rhian Pryce", f"Advocate for {first}" if where == 1 else "Advocate", "", "Present"))
    actions = (ActionLine(9, "Visit the flat", f"{said} mum" if where == 2 else "Jo Hale", "", "no date", "Open", ()),)
    decisions = (DecisionLine(8, "Decision", "Refer to the NRM", "", "", f"{said} worker" if where == 3 else "Chair",
                              "", ()),)
    doc = meeting([("Kai is safe.", (1,))], children=[KAI, other], attendance=attendance, actions=actions,
                  extra_sections=(Section("2", "Decisions", None, decisions=decisions),),
                  pocs=(SubjectLine(5, "Peer group", f"{said} crew" if where == 5 else "Quarry boys", ""),))
    if where == 4:
        doc = doc.__class__(**{**doc.__dict__, "facts": (*doc.facts, Fact("Venue", f"{said} nan's house"))})
    copy = DisclosurePlanner(doc, [KAI, other]).copy_for(1)
    shown = "\n".join(strings(copy.document))
    assert fold(name.split()[0]) not in fold(shown), (where, shown)
    assert "Kai is safe." in shown
    assert copy.suspects, where


def test_a_plural_with_its_last_letter_doubled_is_asked():
    """"the Tizzes" (Tiz and his mates) was left in the copy: "es" was only taken after s, x, z, ch, sh."""
    text, suspects = _note_text("the Tizzes", TAYO)
    assert text == "Kai saw the Child B there." and suspects, text


# -- known limits of this round (docs/redaction.md) --------------------------------------------------------
@pytest.mark.xfail(strict=True, reason="a known limit, docs/redaction.md: Irish genitive with a slender vowel")
def test_irish_genitive_with_a_slender_vowel_is_a_known_limit():
    text, _suspects = _note_text("mac Sheáin", ChildIdentity(2, "Seán Mac Giolla"))
    assert "she" not in fold(text), text


@pytest.mark.xfail(strict=True, reason="a known limit, docs/redaction.md: a surname in its other-language form")
def test_a_surname_in_its_other_language_form_is_a_known_limit():
    text, _suspects = _note_text("Ó Súilleabháin", ChildIdentity(2, "Niamh O'Sullivan"))
    assert "suilleabhain" not in fold(text), text


@pytest.mark.parametrize("where", ["note agency", "action agency", "disclosure recipient", "disclosure agency"])
def test_a_record_whose_agency_or_recipient_names_another_child_is_asked_and_left_out(where):
    """"He breached his curfew" from "Tayo's YOT worker", an action for "Tiz's YOT team", the custody
    record disclosed to "Tayo's mum": tagged with no child and their words naming none, they were kept
    with the name masked ("Child B's YOT worker: He breached his curfew.")."""
    from efh_desktop.export.minutes_document import DisclosureLine, NoteLine

    note = NoteLine(5, "Tayo's YOT worker" if where == "note agency" else "Police", "10am", "He breached his curfew.", ())
    action = ActionLine(9, "Check the curfew", "Jo Hale", "Tiz's YOT team" if where == "action agency" else "YOT",
                        "no date", "Open", ())
    disclosure = DisclosureLine("Tiz's YOT team" if where == "disclosure agency" else "Police", "custody record",
                                "Tayo's mum" if where == "disclosure recipient" else "YOT", "", "bail")
    doc = meeting([], children=CHILDREN, extra_sections=(Section("2", "Updates", None, notes=(note,), actions=(action,)),))
    doc = doc.__class__(**{**doc.__dict__, "disclosures": (disclosure,)})
    planner = DisclosurePlanner(doc, CHILDREN)
    copy = planner.copy_for(1)
    shown = "\n".join(strings(copy.document))
    assert "Child B's" not in shown, shown
    assert len([s for s in copy.suspects if "and not this child" in s.reason]) == 1
    own = "\n".join(strings(planner.copy_for(2).document))
    assert "He breached his curfew." in own and "custody record" in own


def test_a_point_decided_before_owners_were_read_keeps_its_decision():
    """The owner counts only when the record's own words name no other child, so a point about "Tayo
    was arrested", decided before this round, is not asked again because its owner is now read."""
    action = ActionLine(9, "Tayo was arrested", "Jo Hale", "Police", "no date", "Open", ())
    before = DisclosurePlanner(meeting([], children=CHILDREN, actions=(
        dataclasses.replace(action, owner="", agency=""),)), CHILDREN).copy_for(1).suspects
    after = DisclosurePlanner(meeting([], children=CHILDREN, actions=(action,)), CHILDREN).copy_for(1).suspects
    assert [s.key for s in before] == [s.key for s in after]


# -- 8. Arabic script names as Urdu and Persian keyboards, or hand, write them ------------------------------
@pytest.mark.parametrize(("name", "written"), [
    ("فاطمة الزهراء", "الزهرا"),  # the final hamza left off
    ("فاطمة الزهراء", "فاطمہ"),  # Urdu heh goal for teh marbuta
    ("فاطمة الزهراء", "الزهراء"),  # as recorded: no hamza left behind the label
    ("عائشة صديقي", "عايشه"),  # hamza on its seat written as a plain yeh
    ("مؤمن يوسف", "مومن"),  # hamza on waw written as a plain waw
    ("يحيى خان", "یحیے"),  # Persian yeh and Urdu yeh barree
])
def test_an_arabic_script_name_as_other_keyboards_write_it_is_masked(name, written):
    """Teh marbuta, alef maqsura and the Persian yeh were already unified; the Urdu heh and yeh, hamza
    on its seat and a final hamza left off were not, so "الزهرا" stayed in the copy for الزهراء."""
    text, _suspects = _note_text(written, ChildIdentity(2, name))
    assert text == "Kai saw Child B there.", text


@pytest.mark.xfail(strict=True, reason="a known limit, docs/redaction.md: simplified and traditional Chinese")
def test_a_chinese_name_in_the_other_character_set_is_a_known_limit():
    text, _suspects = _note_text("张伟", ChildIdentity(2, "張偉"))
    assert text == "Kai saw Child B there.", text


# -- 9. a person of concern, kept by name, whose name holds another child's --------------------------------
@pytest.mark.parametrize("name", ["Dean Brennick", "Tayo's uncle", "Big Tiz", "Dean Brennick-Ode"])
def test_a_person_of_concern_named_after_another_child_is_asked(name):
    """Under the profile's default policy persons of concern keep their names; the longest match wins,
    so "Dean Brennick" (Tayo's brother, 19), "Tayo's uncle" or "Big Tiz" were kept whole in Kai's copy,
    Tayo's name with them. Now a point; until kept the person is "Person of concern 1" everywhere."""
    from efh_desktop.export.minutes_document import SubjectLine

    doc = meeting([(f"Kai met {name} at the flat.", (1,))], children=CHILDREN,
                  pocs=(SubjectLine(7, "Person of concern", name, "aged 30"),))
    planner = DisclosurePlanner(doc, CHILDREN)
    copy = planner.copy_for(1)
    shown = "\n".join(strings(copy.document))
    assert "Kai met Person of concern 1 at the flat." in shown
    assert not {"tayo", "tiz", "brennick"} & set(fold(shown).replace("'", " ").split()), shown
    assert [s.word for s in copy.suspects] == [name]
    assert f"Kai met {name} at the flat." in "\n".join(strings(planner.copy_for(1, {copy.suspects[0].key: "keep"})
                                                               .document))


def test_a_person_of_concern_with_no_childs_name_keeps_it():
    from efh_desktop.export.minutes_document import SubjectLine

    for name in ("Marcus Quell", "Kai's uncle", "Big Will"):
        doc = meeting([(f"Kai met {name} at the flat.", (1,))], children=[KAI, ChildIdentity(2, "Will Hart")],
                      pocs=(SubjectLine(7, "Person of concern", name, "aged 30"),))
        copy = DisclosurePlanner(doc, [KAI, ChildIdentity(2, "Will Hart")]).copy_for(1)
        assert f"Kai met {name} at the flat." in "\n".join(strings(copy.document)), name
        assert not copy.suspects, (name, copy.suspects)


def test_a_person_of_concern_named_after_another_child_is_in_no_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick")
    dean = s.subjects.create("person_of_concern", "Dean Brennick")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, dean.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai was seen in Dean Brennick's car.", subject_ids=[kai.id, dean.id])
    planned = _plan(s, m.id, tmp_path, [kai.id])
    files = _written(s.minutes_files.write(decide_and_approve(s, m.id, planned)))
    assert not _found(files, ("brennick", "dean", "tayo")), _found(files, ("brennick", "dean"))
    assert "Kai was seen in Person of concern 1's car." in " ".join(files["txt"].split())


# -- 10. a record about another child who shares this child's first name ------------------------------------
@pytest.mark.parametrize("written", ["Kai B was arrested with a knife.", "Brennick was arrested; Kai was not.",
                                     "Kai (the other one) was arrested with a knife."])
def test_a_record_naming_a_child_who_shares_this_childs_first_name_is_asked(written):
    """Kai Marlow's copy, with Kai Brennick at the same meeting: "Kai B was arrested with a knife",
    tagged with no child, was taken as naming this child (the "Kai" they share), so only the words
    were asked; the manager masking "Kai" as Child B left "Child B Child B was arrested with a knife"
    in the copy. The record is now asked, and left out unless kept."""
    other = ChildIdentity(2, "Kai Brennick")
    doc = meeting([(written, ())], children=[KAI, other])
    copy = DisclosurePlanner(doc, [KAI, other]).copy_for(1)
    assert copy.document.sections[0].notes == ()
    assert [s for s in copy.suspects if "and not this child for certain" in s.reason]


def test_a_record_naming_this_child_for_certain_is_kept():
    other = ChildIdentity(2, "Kai Brennick")
    doc = meeting([("Kai Marlow and Kai Brennick were seen at the canal.", ())], children=[KAI, other])
    copy = DisclosurePlanner(doc, [KAI, other]).copy_for(1)
    assert len(copy.document.sections[0].notes) == 1
    assert copy.document.sections[0].notes[0].text == "Kai Marlow and Child B were seen at the canal."


# -- 11. end to end: this round's forms, names from many scripts, every written artefact -------------------
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(NAMES), apostrophe=st.sampled_from(["'", "’", "ʼ"]))
def test_this_rounds_fields_through_the_services_leave_no_trace_in_any_file(services, tmp_path_factory, name,
                                                                           apostrophe):
    s = services
    tmp = tmp_path_factory.mktemp("copy")
    first = name.split()[0]
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    other = s.subjects.create("child", name)
    crew = s.subjects.create("peer_group", f"{first}{apostrophe}s crew")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, other.id, crew.id])
    s.meetings.update(m.id, venue=f"{first}{apostrophe}s nan{apostrophe}s house")
    s.attendance.add(m.id, name, role="Young person", status="present")
    s.attendance.add(m.id, "Jo Hale", role="Youth worker", agency="YOT", status="apologies",
                     apology_reason=f"with {first} at hospital")
    s.live.start(m.id)
    s.minutes.add_note(m.id, f"Kai is often with {first}{apostrophe}s crew.", subject_ids=[kai.id])
    s.minutes.add_action(m.id, "Take him to the NRM interview", owner=f"{first}{apostrophe}s mum")
    s.setup.set_next_meeting(m.id, date(2026, 11, 20), f"after {first}{apostrophe}s court date")
    planned = lambda: s.minutes_files.plan(m.id, tmp, ("pdf", "docx", "txt"), full=False,  # noqa: E731
                                           disclosure_for=[kai.id])
    files = _written(s.minutes_files.write(decide_and_approve(s, m.id, planned)))
    assert not _found(files, (first, "crew", "nan", "hospital", "nrm", "court")), _found(files, (first, "crew"))
    assert "Kai is often with Peer group 1." in " ".join(files["txt"].split())


def test_labels_do_not_follow_the_order_children_were_added():
    """Children added to a meeting in alphabetical order get Child B, Child C… in that order, which a
    family who knows the group's names could read back. The labels now come from something that says
    nothing about the names (the same labels whatever order the children were added in)."""
    aaron, zara = ChildIdentity(2, "Aaron Bell"), ChildIdentity(3, "Zara Khan")
    one = DisclosurePlanner(meeting([("Aaron and Zara.", (1,))], children=[KAI, aaron, zara]), [KAI, aaron, zara])
    two = DisclosurePlanner(meeting([("Aaron and Zara.", (1,))], children=[KAI, zara, aaron]), [KAI, zara, aaron])
    assert (one.copy_for(1).document.sections[0].notes[0].text
            == two.copy_for(1).document.sections[0].notes[0].text)


def test_a_record_under_an_item_left_out_is_kept_for_this_child_only_when_it_names_them_for_certain():
    """Under "Tayo's influence" (left out of Kai Marlow's copy), "Kai follows him everywhere" was kept
    for Kai Marlow under "Also recorded about …", though Kai Brennick is at the meeting too and it may
    be his: masking the "Kai" as Child B then told the family about Child B."""
    from efh_desktop.export.minutes_document import NoteLine

    kai_b, tayo = ChildIdentity(2, "Kai Brennick"), ChildIdentity(3, "Tayo Okafor")
    sections = (Section("2", "Tayo's influence", None, notes=(
        NoteLine(7, "CSC", "11am", "Kai follows him everywhere.", ()),
        NoteLine(8, "CSC", "11am", "Kai Marlow copies him.", ()))),)
    doc = meeting([], children=[KAI, kai_b, tayo], extra_sections=sections)
    copy = DisclosurePlanner(doc, [KAI, kai_b, tayo]).copy_for(1)
    rescued = [(s.title, [n.text for n in s.notes]) for s in copy.document.sections if s.title.startswith("Also")]
    assert rescued == [("Also recorded about Kai Marlow", ["Kai Marlow copies him."])], rescued
