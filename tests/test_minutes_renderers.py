"""The minutes renderers (PDF, Word, LCS/EHM text) with odd text, and proof that they add nothing of
their own: everything in the output comes from the MinutesDocument (all data fictional)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from xml.sax.saxutils import escape

import docx
import pypdf
import pytest

from efh_desktop.export.lcs_text import render_lcs_text
from efh_desktop.export.minutes_document import (
    ActionLine,
    AmendmentLine,
    ChecklistLine,
    DecisionLine,
    Fact,
    MinutesDocument,
    NoteLine,
    OverrideLine,
    PersonLine,
    Section,
    SharingLine,
    SubjectLine,
)
from efh_desktop.export.minutes_docx import render_minutes_docx
from efh_desktop.export.minutes_pdf import render_minutes_pdf

ODD_NAME = 'Zed <b>"Zee"</b> O\'Neil & Co'
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
EMOJI_RENDERABLE = "☀ ★ ☺"  # DejaVu Sans has these
EMOJI_MISSING = "😀🧒"  # DejaVu Sans does not: present in Word and text, a box in the PDF
LONG_WORDS = ("lorem", "ipsum", "dolor", "amet", "consectetur", "adipiscing", "elit", "sed")
LONG_NOTE = ("Start of the long note. " + " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(2000)))[:9970]
LONG_NOTE = LONG_NOTE.rsplit(" ", 1)[0] + " END-OF-LONG-NOTE"


def minutes(*, copy_for: str = "", title: str = "Strategy meeting <EFH> & friends",
            long_note: str = LONG_NOTE) -> MinutesDocument:
    child, other = 1, 2
    s1 = Section(
        number="1", title="Welcome & introductions", subject_id=None,
        notes=(NoteLine(11, "Children's Social Care", "10:05am", "Everyone introduced themselves.", ()),),
    )
    s2 = Section(
        number="2", title=f"Child: {ODD_NAME}", subject_id=child,
        notes=(
            NoteLine(21, "Police", "10:20am", f"Seen near the <station> & the \"arcade\"; {HEBREW}; {ARABIC}",
                     (child,), not_for_family=True),
            NoteLine(22, "School", "10:31am", f"He said: 'I'm fine' {EMOJI_RENDERABLE} {EMOJI_MISSING}",
                     (child,), childs_own_words=True),
            NoteLine(23, "Youth Justice", "10:40am", long_note, (child,)),
        ),
        decisions=(DecisionLine(31, "Threshold", "Continue under EFH <strategy> & review.",
                                "Risk remains high > before", "Health disagreed: 'too soon'",
                                "Priya Oduya", "Police; School", (child,)),),
        actions=(ActionLine(41, "Return home interview <within 72h> & report", "Ola Finch", "Children's Services",
                            "4 December 2026", "Open", (child,)),),
    )
    s3 = Section(number="2.1", title="Peer group: Quay Street", subject_id=other)
    return MinutesDocument(
        meeting_id=7, reference="EFH-000123", version="Final", marking="OFFICIAL-SENSITIVE",
        title=title, type_name="EFH strategy meeting",
        facts=(Fact("Date", "2 November 2026"), Fact("Time", "10:00am to 11:30am"),
               Fact("Venue", "Room 4 <annex> & hall"), Fact("Chair", "Priya Oduya, Service Manager")),
        attendance=(PersonLine(ODD_NAME, "Detective Constable", "Police", "Present"),
                    PersonLine(f"Dana {HEBREW}", "Teacher", "School", "Apologies: clinic <commitment>")),
        subjects=(SubjectLine(child, "Child", ODD_NAME, "born 14 March 2010; LCS: LCS-900101"),
                  SubjectLine(other, "Peer group", "Quay Street group", "")),
        sections=(s1, s2, s3),
        checklist=(ChecklistLine("1", "Safety plan", "Considered", "Plan agreed & shared", 0),
                   ChecklistLine("1.1", "Missing episodes", "Not applicable", "None <since June>", 1)),
        sharing=(SharingLine(child, ODD_NAME, "Minutes & plan", "Ola Finch", "Police intelligence",
                             "Would prejudice an investigation", "Not sought", "Article 6(1)(e)",
                             "Priya Oduya, 2 November 2026, 11:20am"),),
        overrides=(OverrideLine("Health not present", "Information sent instead & read out", "Priya Oduya"),),
        next_meeting="16 November 2026, 10:00am, Room 4",
        amendments=(AmendmentLine("3 November 2026", "Priya Oduya", "Note 21", "near the station",
                                  "near the <station>", "typo & clarity"),),
        copy_for=copy_for, filing="LCS Strategy form" if copy_for else "",
        redaction_note="Other children are shown as Child B, Child C…" if copy_for else "",
    )


KEY_STRINGS = [ODD_NAME, "Welcome & introductions", "Seen near the <station> & the \"arcade\"",
               "Continue under EFH <strategy> & review.", "Reason: Risk remains high > before",
               "Dissent: Health disagreed: 'too soon'", "Return home interview <within 72h> & report",
               "None <since June>", "Information sent instead & read out", "16 November 2026, 10:00am, Room 4",
               "Room 4 <annex> & hall", "Apologies: clinic <commitment>", "END-OF-LONG-NOTE",
               "Not for the family", "OFFICIAL-SENSITIVE", "EFH-000123"]


def squash(text: str) -> str:
    return " ".join(text.split())


def nospace(text: str) -> str:
    return "".join(text.split())


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_all_strings(data: bytes) -> str:
    """Every object of the PDF as text, with streams decompressed: content, metadata, outline."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    out = [pdf_text(data), str(reader.metadata)]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - free entries of the xref table
            continue
        out.append(str(obj))
        if isinstance(obj, pypdf.generic.StreamObject):
            out.append(obj.get_data().decode("latin-1"))
    return "\n".join(out)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_minutes_pdf(minutes())


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return render_minutes_docx(minutes())


def test_pdf_holds_the_text_metadata_and_fonts(pdf_bytes):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    text = pdf_text(pdf_bytes)
    flat, tight = squash(text), nospace(text)
    for key in KEY_STRINGS:
        assert squash(key) in flat or nospace(key) in tight, key
    for word in EMOJI_RENDERABLE.split():
        assert word in text
    # pypdf may hand right-to-left runs back in either order; the letters must all be there.
    for rtl in (HEBREW, ARABIC):
        for word in rtl.split():
            # Right-to-left script is drawn in visual order and Arabic in its joined (presentation)
            # forms, so compare after NFKC, in either direction.
            shown = unicodedata.normalize("NFKC", text)
            assert word in shown or word[::-1] in shown, word
    assert len(reader.pages) >= 3, "the 10,000-character note runs over pages"
    assert re.search(r"Page 1 of \d+", text)
    assert "EFH-000123 · Final" in text
    meta = reader.metadata
    assert meta.title == "Strategy meeting <EFH> & friends"
    assert meta.author == "EFH Desktop"
    assert meta.subject == "EFH strategy meeting"
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
             if "/BaseFont" in f.get_object()}
    # ReportLab always lists Helvetica as /F1 (its starting font); the text is set in embedded DejaVu.
    assert {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"} <= fonts, fonts
    assert "/FontFile2" in pdf_all_strings(pdf_bytes)


def test_pdf_outline_is_the_headings_and_sections(pdf_bytes):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    titles = outline_titles(reader)
    assert titles[0] == "Strategy meeting <EFH> & friends"
    assert "1 Welcome & introductions" in titles
    assert f"2 Child: {ODD_NAME}" in titles
    assert "2.1 Peer group: Quay Street" in titles
    for heading in ("Attendance", "Subjects", "Minutes", "Checklist", "Information sharing", "Finalised without",
                    "Next meeting", "Amendments"):
        assert heading in titles
    # Bookmarks point at the page the heading is on, not all at page 1.
    pages = {reader.get_destination_page_number(d) for d in _flatten(reader.outline)}
    assert len(pages) > 1


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_pdf_is_reproducible_and_banner_only_on_copies(pdf_bytes):
    assert render_minutes_pdf(minutes()) == pdf_bytes
    assert "Copy for" not in pdf_text(pdf_bytes)
    copy = pdf_text(render_minutes_pdf(minutes(copy_for="Child A <Zed>")))
    assert "Copy for Child A <Zed>" in copy
    assert "File on: LCS Strategy form" in copy
    assert "Other children are shown as Child B" in copy


def test_docx_text_headings_and_escaping(docx_bytes):
    document = docx.Document(io.BytesIO(docx_bytes))
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            body += [cell.text for cell in row.cells]
    joined = "\n".join(body)
    for key in KEY_STRINGS[:-2] + [HEBREW, ARABIC, EMOJI_RENDERABLE, EMOJI_MISSING, LONG_NOTE]:
        assert key in joined, key[:60]
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))}
    assert headings["Attendance"] == "Heading 1"
    assert headings[f"2 Child: {ODD_NAME}"] == "Heading 2"
    assert headings[ODD_NAME] == "Heading 3"
    assert headings["Strategy meeting <EFH> & friends"] == "Title"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in section.footer.paragraphs[0].text
    parts = docx_parts(docx_bytes)
    xml = parts["word/document.xml"]
    assert escape(ODD_NAME) in xml and ODD_NAME not in xml
    assert "<b>" not in xml and "&lt;b&gt;" in xml
    assert "w:tblHeader" in xml


def test_docx_properties_and_parts_are_clean(docx_bytes):
    props = docx.Document(io.BytesIO(docx_bytes)).core_properties
    assert props.author == "EFH Desktop" and props.last_modified_by == "EFH Desktop"
    assert props.title == "Strategy meeting <EFH> & friends"
    assert props.subject == "EFH strategy meeting"
    assert props.comments == "" and props.keywords == "" and props.category == ""
    assert props.created.year == 2000 and props.modified.year == 2000
    parts = docx_parts(docx_bytes)
    everything = "\n".join(parts.values())
    for leftover in ("python-docx", "Microsoft Macintosh Word", "2013-12-23"):
        assert leftover not in everything, leftover
    assert "docProps/thumbnail.jpeg" not in parts
    for name in ("Priya", "Oduya", "Ola Finch", "Zed"):
        assert name not in parts["docProps/core.xml"] + parts["docProps/app.xml"]


def test_lcs_text_is_plain_complete_and_wrapped():
    text = render_lcs_text(minutes())
    flat = squash(text)
    for key in KEY_STRINGS + [HEBREW, ARABIC, EMOJI_MISSING, "Date of meeting: 2 November 2026", "ATTENDEES", "Attendees:"]:
        assert squash(key) in flat or squash(key).upper() in flat, key[:60]  # headings are in capitals
    assert squash(LONG_NOTE) in flat
    assert "2 CHILD: " + ODD_NAME.upper() in text
    assert all(len(line) <= 100 for line in text.splitlines())
    # No markup of its own: every "<" comes from the data.
    assert "<p>" not in text and "&amp;" not in text and "&lt;" not in text


def test_copy_for_banner_in_every_format():
    doc = minutes(copy_for="Child A")
    assert "Copy for Child A" in pdf_text(render_minutes_pdf(doc))
    assert "Copy for Child A" in "\n".join(p.text for p in docx.Document(io.BytesIO(render_minutes_docx(doc))).paragraphs)
    assert "Copy for: Child A" in render_lcs_text(doc)


@pytest.mark.parametrize("marker", ["Marwick", "Bartholomew"])
def test_renderers_add_nothing_of_their_own(marker):
    """A name the document does not hold appears nowhere in any output: not in the content
    streams, metadata, outline or any part of the Word file."""
    doc = minutes(copy_for="Child A", title="Strategy meeting, 2 November 2026")
    assert marker not in repr(doc)
    pdf = render_minutes_pdf(doc)
    assert marker.encode() not in pdf
    assert marker not in pdf_all_strings(pdf)
    for name, content in docx_parts(render_minutes_docx(doc)).items():
        assert marker not in content, name
    assert marker not in render_lcs_text(doc)


def test_empty_document_renders():
    empty = MinutesDocument(meeting_id=1, reference="", version="Draft", marking="OFFICIAL", title="",
                            type_name="EFH meeting", facts=(), attendance=(), subjects=(), sections=(),
                            checklist=(), sharing=(), overrides=(), next_meeting="", amendments=())
    assert pdf_text(render_minutes_pdf(empty))
    assert render_minutes_docx(empty)
    assert "Date of meeting: not recorded" in render_lcs_text(empty)
