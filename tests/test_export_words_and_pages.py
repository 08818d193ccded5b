"""Export review in words and one page count per file (issue 14, item 12): a point is shown as
"Checklist point 4, note", never "checklist[3].note"; "an alias", never "a alias"; a record copy's
pages run "Page 1 of N" to "Page N of N" across the front sheet and the minutes."""

from __future__ import annotations

import re

import pypdf
import pytest

from efh_desktop.export.where_words import where_in_words, with_article


@pytest.mark.parametrize(("path", "words"), [
    ("checklist[3].note", "Checklist point 4, note"),
    ("overrides[1].reason", "Override 2, reason"),
    ("sections[3].notes[0].text", "Minutes item 4, note 1"),
    ("sections[0].decisions[2].rationale", "Minutes item 1, decision 3, reason"),
    ("sharing[0].to_share", "Information sharing, child 1, what to share"),
    ("sharing.withheld", "Information sharing, withheld"),
    ("attendance[1].name", "Attendance, person 2, name"),
    ("facts[2].value", "Meeting details, line 3"),
    ("amendments[0].after", "Amendment 1, after"),
    ("next_meeting", "Next meeting"),
])
def test_paths_are_said_in_words(path, words):
    assert where_in_words(path) == words
    assert "[" not in where_in_words(path) and "_" not in where_in_words(path)


def test_with_the_document_the_printed_numbers_are_used(demo_services):
    meeting = min(r.id for r in demo_services.meetings.list(type_key="complex_strategy"))
    doc = demo_services.minutes_builder.build(meeting)
    sub = next(n for n, c in enumerate(doc.checklist) if "." in c.number)
    assert where_in_words(f"checklist[{sub}].note", doc) == f"Checklist point {doc.checklist[sub].number}, note"


@pytest.mark.parametrize(("kind", "phrase"), [("alias", "an alias"), ("name", "a name"),
                                              ("e-mail address", "an e-mail address"), ("identifier", "an identifier"),
                                              ("date of birth", "a date of birth"), ("user name", "a user name")])
def test_kinds_take_the_right_article(kind, phrase):
    assert with_article(kind) == phrase


def test_record_copy_pages_are_numbered_across_the_whole_file(demo_services, tmp_path):
    services = demo_services
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    folder = tmp_path / "out"
    folder.mkdir()
    plan = services.minutes_files.plan(meeting, folder, ("pdf",), full=True, per_child=True)
    written = services.minutes_files.write(plan)
    record = next(p for p in written if "record" in p.name)
    pages = pypdf.PdfReader(str(record)).pages
    numbers = [re.search(r"Page (\d+) of (\d+)", page.extract_text()).groups() for page in pages]
    total = str(len(pages))
    assert total != "1"
    assert numbers == [(str(n), total) for n in range(1, len(pages) + 1)]
    full = next(p for p in written if "record" not in p.name)
    full_pages = pypdf.PdfReader(str(full)).pages
    assert f"Page 1 of {len(full_pages)}" in full_pages[0].extract_text(), "the full minutes count from 1"
    assert len(pages) == len(full_pages) + 1
