""""Agenda out": the agenda as a PDF, in full or with children shown by initials only.

The initials-only copy is the one that leaves the laptop by email, so the tests read the PDF back
(all text and the document properties) and look for every child's name, first name, surname and
alias; they also check that what must stay (peer groups, places, persons of concern, professionals)
is still there, so a test cannot pass by blanking the page.
"""

from __future__ import annotations

import io
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlmodel import select

from efh_desktop.export.agenda_document import INITIALS_NOTE, build_agenda_document
from efh_desktop.export.agenda_pdf import render_agenda_pdf
from efh_desktop.export.name_masking import initials, mask_children, name_words, unique_initials
from efh_desktop.services.context import ServiceError
from efh_desktop.store.tables import AgendaItem, Attendee, AuditEvent, Meeting, Subject

WHEN = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)  # 10am in London in December


# -- helpers --------------------------------------------------------------------------------------
def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_everything(data: bytes) -> str:
    """All page text plus the document information and any outline titles, as one string."""
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata or {}
    parts = [pdf_text(data), *(str(v) for v in info.values())]
    if reader.xmp_metadata is not None:
        parts.append(str(reader.xmp_metadata.dc_title))

    def walk(outline) -> None:
        for entry in outline:
            if isinstance(entry, list):
                walk(entry)
            else:
                parts.append(str(entry.title))

    walk(reader.outline)
    return "\n".join(parts)


def normalised(text: str) -> str:
    return " ".join(text.split())


def contains_word(text: str, term: str) -> bool:
    pattern = r"\s+".join(re.escape(w) for w in term.split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) is not None


def leaks(text: str, terms: list[str]) -> list[str]:
    """Terms found in ``text``: whole-word in the normalised text, or glued together in the
    whitespace-stripped text (extraction sometimes drops spaces)."""
    flat, stripped = normalised(text), "".join(text.split())
    return [t for t in terms if contains_word(flat, t) or (len(t) >= 4 and "".join(t.split()) in stripped)]


def child_terms(children: list[Subject]) -> list[str]:
    """Every name, first name, surname and alias of ``children``."""
    terms: list[str] = []
    for child in children:
        terms += [child.name, *child.name.split(), *child.aliases]
    return sorted(set(terms))


def strategy_meeting(services) -> Meeting:
    """The demo's planned complex strategy meeting (14 December 2026)."""
    rows = [m for m in services.meetings.list(type_key="complex_strategy") if m.status == "planned"]
    assert rows, "the demo data should hold a planned complex strategy meeting"
    return services.meetings.get(rows[0].id)


def export_events(services, meeting_id: int) -> list[AuditEvent]:
    with services.ctx.reading() as session:
        return list(session.exec(select(AuditEvent).where(
            AuditEvent.action == "export", AuditEvent.entity == "agenda",
            AuditEvent.meeting_id == meeting_id).order_by(AuditEvent.id)))


@pytest.fixture
def demo(demo_services):
    meeting = strategy_meeting(demo_services)
    children = [s for s in demo_services.meetings.subjects(meeting.id) if s.kind == "child"]
    others = [s for s in demo_services.meetings.subjects(meeting.id) if s.kind != "child"]
    return demo_services, meeting, children, others


# -- initials -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("Kai Marlow", "K.M."),
    ("Amara Lindqvist-Obi", "A.L-O."),  # the hyphen stays: one double-barrelled surname
    ("Mary-Jane O'Brien", "M-J.O."),
    ("  noor   halvey ", "N.H."),
    ("Ann", "A."),
    ("Zoë Ørsted", "Z.Ø."),
    ("123", "(name withheld)"),
])
def test_initials(name, expected):
    assert initials(name) == expected


def test_children_with_the_same_initials_are_numbered():
    assert unique_initials(["Kai Marlow", "Kim Mason", "Ellis Quarrington", "Kyle Moss"]) == [
        "K.M.", "K.M. (2)", "E.Q.", "K.M. (3)"]


def test_name_words_skip_single_letters_and_particles():
    assert name_words("Noor van Halvey") == ["Noor", "Halvey"]
    assert name_words("Amara Lindqvist-Obi") == ["Amara", "Lindqvist-Obi", "Lindqvist", "Obi"]
    assert name_words("Kai J Marlow") == ["Kai", "Marlow"]


# -- mask_children --------------------------------------------------------------------------------
ANN_AND_ANNABEL = [("Ann", [], "A."), ("Annabel", [], "A. (2)")]


def test_a_name_inside_another_name_is_not_broken():
    text = "Annabel met Ann; ANNABEL and ann. Annabelle and Joanna are not children here."
    assert mask_children(text, ANN_AND_ANNABEL) == (
        "A. (2) met A.; A. (2) and A.. Annabelle and Joanna are not children here.")
    # Whichever order the children come in.
    assert mask_children(text, ANN_AND_ANNABEL[::-1]) == mask_children(text, ANN_AND_ANNABEL)


def test_names_aliases_and_name_words_are_replaced_whole_word_case_insensitive():
    kai = [("Kai Marlow", ["KJ"], "K.M.")]
    assert mask_children("Child: Kai Marlow", kai) == "Child: K.M."
    assert mask_children("kai  MARLOW\nand kj", kai) == "K.M.\nand K.M."
    assert mask_children("Kai's return home interview; Mrs Marlow called", kai) == (
        "K.M.'s return home interview; Mrs K.M. called")
    assert mask_children("Kaiser, Marlowe, KJX and MarlowKai stay", kai) == "Kaiser, Marlowe, KJX and MarlowKai stay"
    # A hyphen separates words, so a name inside a hyphenated compound is still masked.
    assert mask_children("Kai-related", kai) == "K.M.-related"


def test_name_words_can_be_left_alone_for_professionals_names():
    children = [("Alex Smith", [], "A.S.")]
    assert mask_children("Alex Brannigan", children, name_parts=False) == "Alex Brannigan"
    assert mask_children("Alex Smith's mother", children, name_parts=False) == "A.S.'s mother"


def test_hyphens_dashes_and_apostrophes_match_either_way():
    children = [("Amara Lindqvist-Obi", [], "A.L-O."), ("Mary-Jane O'Brien", ["T-Bone"], "M-J.O.")]
    text = "Amara Lindqvist\u2013Obi, Mary\u2011Jane O\u2019Brien, t-bone, Obi and Lindqvist"
    assert mask_children(text, children) == "A.L-O., M-J.O., M-J.O., A.L-O. and A.L-O."


def test_markup_characters_in_a_name_are_matched_literally():
    children = [("<b>Zed</b> & Co", [], "B.C.")]
    assert mask_children("Child: <b>Zed</b> & Co (Zed)", children) == "Child: B.C. (B.C.)"
    assert mask_children("Zed.* & [Co]", [("Zed.*", [], "Z.")]) == "Z. & [Co]"


def test_a_replacement_is_not_scanned_again():
    # Child A's replacement happens to be child B's name: a single pass never re-masks it.
    assert mask_children("Ann and Annabel", [("Ann", [], "Annabel"), ("Annabel", [], "X.")]) == "Annabel and X."


def test_a_shared_surname_names_both_children_never_the_wrong_one():
    children = [("Kai Marlow", [], "K.M."), ("Lily Marlow", [], "L.M."), ("Marlow", [], "M.")]
    # "Marlow" is one child's full name, so that wins over the others' surnames.
    assert mask_children("Marlow", children) == "M."
    assert mask_children("the Marlow family", children[:2]) == "the K.M./L.M. family"


def test_no_children_leaves_text_alone():
    assert mask_children("Kai Marlow", []) == "Kai Marlow"
    assert mask_children("", [("Kai Marlow", [], "K.M.")]) == ""


SYLLABLES = ["ka", "lo", "mi", "ra", "zen", "tu", "bel", "nor", "shi", "vo", "qua", "ry", "an", "ell"]
word = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map(lambda s: "".join(s).capitalize())
hyphenated = st.lists(word, min_size=1, max_size=2).map("-".join)
full_name = st.lists(hyphenated, min_size=1, max_size=3).map(" ".join)
child = st.tuples(full_name, st.lists(hyphenated, max_size=2))
# Fillers hold no letters, so after masking no name can survive inside a filler either.
FILLERS = [" ", ", ", " & ", " / ", " (", ") ", "'s ", " 2 ", " - ", ". ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(child, min_size=1, max_size=5), st.data())
def test_property_masking_leaves_no_name_or_alias(children, data):
    replacements = unique_initials(name for name, _ in children)
    table = [(name, aliases, r) for (name, aliases), r in zip(children, replacements, strict=True)]
    mentions = [term for name, aliases in children for term in (name, *aliases, *name.split())]
    picked = data.draw(st.lists(st.sampled_from(mentions), min_size=1, max_size=12))
    cases = data.draw(st.lists(st.sampled_from([str, str.upper, str.lower, str.title]),
                               min_size=len(picked), max_size=len(picked)))
    fillers = data.draw(st.lists(st.sampled_from(FILLERS), min_size=len(picked), max_size=len(picked)))
    text = "".join(case(m) + f for m, case, f in zip(picked, cases, fillers, strict=True))

    out = mask_children(text, table)

    for name, aliases in children:
        for term in (name, *aliases, *name_words(name)):
            assert not contains_word(out, term), (term, text, out)
            assert term.casefold() not in out.casefold(), (term, text, out)


# -- the document ---------------------------------------------------------------------------------
def _tiny_meeting():
    meeting = Meeting(id=1, type_key="complex_strategy", title="Planning for Ann", starts_at=WHEN,
                      chair_name="Ann Teacher", minute_taker="Sam Ortega", venue="Room 1")
    ann = Subject(id=1, kind="child", name="Ann", aliases=["Annie"])
    annabel = Subject(id=2, kind="child", name="Annabel", aliases=[])
    place = Subject(id=3, kind="place", name="Annabel's Cafe near Ann Street", aliases=[])
    sam = Subject(id=4, kind="child", name="Sam Jones", aliases=[])
    items = [  # deliberately out of order: the builder sorts by parent and position
        AgendaItem(id=12, meeting_id=1, parent_id=11, position=1, title="Ann's plan", planned_minutes=5),
        AgendaItem(id=10, meeting_id=1, parent_id=None, position=0, title="Welcome", planned_minutes=5),
        AgendaItem(id=11, meeting_id=1, parent_id=None, position=1, title="Child: Ann", planned_minutes=10),
        AgendaItem(id=13, meeting_id=1, parent_id=11, position=0, title="Annie at school", planned_minutes=15),
        AgendaItem(id=14, meeting_id=1, parent_id=None, position=2, title="Child: Annabel", planned_minutes=0),
        AgendaItem(id=15, meeting_id=1, parent_id=99, position=0, title="Orphan", planned_minutes=5),
    ]
    people = [Attendee(id=1, meeting_id=1, name="Ann Teacher", role="Head of Year", agency="Education",
                       status="present")]
    return meeting, [ann, annabel, place, sam], items, people


def test_document_numbers_and_times_items_parent_minutes_first():
    meeting, subjects, items, people = _tiny_meeting()
    doc = build_agenda_document(meeting, "Complex strategy meeting", "Service Manager", subjects, items, people,
                                initials_only=False, status_labels={"present": "Present"})
    assert [(i.number, i.title, i.starts_text, i.minutes, i.depth) for i in doc.items] == [
        ("1", "Welcome", "10am", 5, 0),
        ("2", "Child: Ann", "10:05am", 10, 0),
        ("2.1", "Annie at school", "10:15am", 15, 1),  # after the parent's own 10 minutes
        ("2.2", "Ann's plan", "10:30am", 5, 1),
        ("3", "Child: Annabel", "10:35am", 0, 0),
        ("4", "Orphan", "10:35am", 5, 0),  # a missing parent shows the item at the top level
    ]
    assert doc.date_text == "14 December 2026" and doc.time_text == "10am"
    assert doc.chair_text == "Ann Teacher, Service Manager"
    assert doc.attendees[0].status_label == "Present"
    assert doc.subjects[0].aliases == ("Annie",)


def test_document_initials_only_masks_children_everywhere_but_not_other_subjects_or_staff():
    meeting, subjects, items, people = _tiny_meeting()
    doc = build_agenda_document(meeting, "Complex strategy meeting", "Service Manager", subjects, items, people,
                                initials_only=True)
    assert [(s.kind_label, s.name, s.aliases) for s in doc.subjects] == [
        ("Child", "A.", ()), ("Child", "A. (2)", ()), ("Child", "S.J.", ()),
        ("Place", "A. (2)'s Cafe near A. Street", ())]
    assert [i.title for i in doc.items] == ["Welcome", "Child: A.", "A. at school", "A.'s plan",
                                           "Child: A. (2)", "Orphan"]
    assert doc.title == "Planning for A."
    # A professional's name keeps a first name it shares with a child ("Sam" of "Sam Jones")...
    assert doc.minute_taker == "Sam Ortega"
    # ...but a child's full name or alias is masked everywhere, even when that full name is one word.
    assert doc.chair_text == "A. Teacher, Service Manager"
    assert doc.attendees[0].name == "A. Teacher"
    assert "Ann" not in doc.metadata_title


# -- the PDF and the service ----------------------------------------------------------------------
def test_full_export_shows_names(demo, tmp_path):
    services, meeting, children, _others = demo
    out = services.agenda_export.export_pdf(meeting.id, tmp_path / "agenda.pdf", initials_only=False)
    text = normalised(pdf_text(out.read_bytes()))
    assert "Kai Marlow" in text
    assert "Child: Kai Marlow" in text
    assert "KJ" in text  # aliases are listed with the subjects
    assert INITIALS_NOTE not in text
    assert {c.name for c in children} >= {"Kai Marlow", "Noor Halvey", "Shay Pendlebury"}


def test_initials_only_export_holds_no_child_name_anywhere(demo, tmp_path):
    services, meeting, children, others = demo
    data = services.agenda_export.export_pdf(
        meeting.id, tmp_path / "agenda.pdf", initials_only=True).read_bytes()
    everything = pdf_everything(data)
    terms = child_terms(children)
    assert {"Kai", "Marlow", "KJ", "Nono", "Shaz", "T-Bone"} <= set(terms)
    assert leaks(everything, terms) == []

    text = normalised(pdf_text(data))
    assert "K.M." in text and "Child: K.M." in text
    assert INITIALS_NOTE in text
    # What is not a child stays: peer groups, places, persons of concern and the professionals.
    for subject in others:
        assert subject.name in text, subject.name
    assert {"The Quarry Lane group", "Larkhill Rec skate park", "Lorne Vasquez-Hill"} <= {s.name for s in others}
    for attendee in services.attendance.list(meeting.id):
        assert attendee.name in text, attendee.name
    assert "Priya Oduya" in text and "Alex Brannigan" in text
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of " in text

    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Agenda: Complex strategy meeting, 14 December 2026"
    assert reader.outline == []


def test_agenda_numbering_and_planned_start_times(demo):
    services, meeting, _children, _others = demo
    doc = services.agenda_export.document(meeting.id, initials_only=True)
    lines = {i.number: i for i in doc.items}
    assert doc.items[0].number == "1" and doc.items[0].starts_text == "10am"
    assert doc.items[0].title == "Introductions, apologies and confidentiality"
    # Each item starts when the one before it (in reading order) ends; sub-items after the parent's
    # own minutes, and the next top-level item after the last sub-item.
    clock = 0
    for line in doc.items:
        hours, minutes = divmod(10 * 60 + clock, 60)
        expected = {(12, 0): "midday"}.get((hours, minutes))
        expected = expected or f"{hours % 12 or 12}{'' if minutes == 0 else f':{minutes:02d}'}{'am' if hours < 12 else 'pm'}"
        assert line.starts_text == expected, line
        clock += line.minutes
    assert lines["4"].title.startswith("Peer group") and lines["4.1"].depth == 1
    assert lines["4"].starts_text == "10:35am" and lines["4.1"].starts_text == "10:45am"
    assert lines["4.2"].starts_text == "10:50am" and lines["5"].starts_text == "10:55am"
    child_items = [i for i in doc.items if i.title.startswith("Child: ")]
    assert len(child_items) == 6 and child_items[0].title == "Child: K.M."

    text = normalised(pdf_text(render_agenda_pdf(doc)))
    assert "10am" in text and "10:35am" in text and "4.1" in text
    assert text.index("Introductions, apologies") < text.index("Next meeting")


def test_each_export_is_audited(demo, tmp_path):
    services, meeting, _children, _others = demo
    exporter = services.agenda_export
    assert export_events(services, meeting.id) == []
    exporter.export_pdf(meeting.id, tmp_path / "full.pdf", initials_only=False)
    exporter.export_pdf(meeting.id, tmp_path / "initials.pdf", initials_only=True)
    events = export_events(services, meeting.id)
    # "intent" ties each completion to its "export_started" event (see services/export_writer.py).
    assert all(e.changes.get("intent") for e in events)
    assert [(e.entity_id, e.summary, {k: v for k, v in e.changes.items() if k != "intent"}) for e in events] == [
        (meeting.id, "Agenda exported as PDF", {"file": str(tmp_path / "full.pdf"), "initials_only": False}),
        (meeting.id, "Agenda exported as PDF (initials only)",
         {"file": str(tmp_path / "initials.pdf"), "initials_only": True}),
    ]
    assert all(e.actor == "Test User" for e in events)


def test_file_is_written_only_at_the_chosen_path(demo, tmp_path, monkeypatch):
    services, meeting, _children, _others = demo
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    folder = tmp_path / "chosen"
    folder.mkdir()
    out = services.agenda_export.export_pdf(meeting.id, folder / "agenda.pdf", initials_only=True)
    assert out == folder / "agenda.pdf"
    assert sorted(p.name for p in folder.iterdir()) == ["agenda.pdf"]
    assert list(system_temp.iterdir()) == []
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_folder_or_missing_folder_is_refused_and_nothing_is_recorded(demo, tmp_path):
    services, meeting, _children, _others = demo
    exporter = services.agenda_export
    with pytest.raises(ServiceError, match="folder"):
        exporter.export_pdf(meeting.id, tmp_path, initials_only=True)
    with pytest.raises(ServiceError, match="does not exist"):
        exporter.export_pdf(meeting.id, tmp_path / "missing" / "agenda.pdf", initials_only=True)
    assert not (tmp_path / "missing").exists()
    assert export_events(services, meeting.id) == []


def test_markup_in_a_childs_name_prints_literally(services, tmp_path):
    odd = services.subjects.create("child", "<b>Zed</b> & Co", aliases=["Z&Z"])
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[odd.id], chair_name="<i>Chair</i>")
    exporter = services.agenda_export
    full = normalised(pdf_text(exporter.export_pdf(meeting.id, tmp_path / "full.pdf", initials_only=False)
                               .read_bytes()))
    assert "Child: <b>Zed</b> & Co" in full
    assert "<b>Zed</b> & Co (also known as Z&Z)" in full
    assert "<i>Chair</i>" in full

    masked = pdf_everything(exporter.export_pdf(meeting.id, tmp_path / "initials.pdf", initials_only=True)
                            .read_bytes())
    assert leaks(masked, ["<b>Zed</b> & Co", "Zed", "Z&Z"]) == []
    assert "Child: B.C." in normalised(masked)


def test_ann_and_annabel_export(services, tmp_path):
    ann = services.subjects.create("child", "Ann")
    annabel = services.subjects.create("child", "Annabel")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[annabel.id, ann.id])
    data = services.agenda_export.export_pdf(meeting.id, tmp_path / "a.pdf", initials_only=True).read_bytes()
    text = normalised(pdf_text(data))
    assert "Child: A. Child: A. (2)" not in text  # sanity: items are separate rows
    assert "Child: A. (2)" in text and "Child: A." in text
    assert leaks(pdf_everything(data), ["Ann", "Annabel"]) == []


def test_rendering_is_reproducible(demo):
    services, meeting, _children, _others = demo
    doc = services.agenda_export.document(meeting.id, initials_only=True)
    assert render_agenda_pdf(doc) == render_agenda_pdf(doc)


def test_long_agenda_runs_over_pages_with_marking_and_page_numbers_on_each(services, tmp_path):
    tags = [chr(97 + n // 26) + chr(97 + n % 26) for n in range(40)]
    children = [services.subjects.create("child", f"Pat{t} Lee{t}") for t in tags]
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[c.id for c in children])
    data = services.agenda_export.export_pdf(meeting.id, tmp_path / "long.pdf", initials_only=True).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    assert total >= 3
    for n, page in enumerate(reader.pages, 1):
        text = normalised(page.extract_text())
        assert "OFFICIAL-SENSITIVE" in text and f"Page {n} of {total}" in text
    assert leaks(pdf_everything(data), [w for t in tags for w in (f"Pat{t}", f"Lee{t}")]) == []


def test_export_layer_is_plain_python():
    for name in ("agenda_document.py", "agenda_pdf.py", "name_masking.py"):
        source = (Path(__file__).resolve().parents[1] / "efh_desktop" / "export" / name).read_text("utf-8")
        assert "PySide6" not in source and "efh_desktop.services" not in source, name
