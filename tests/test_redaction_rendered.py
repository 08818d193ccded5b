"""Redaction is real in the files themselves: for every disclosure copy, the text pypdf extracts
from the PDF (pages, metadata, outline) and every part of the Word file hold no other child's name,
alias, date of birth or identifier, while the subject child's own notes are there."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import pypdf
from hypothesis import HealthCheck, given, settings

from efh_desktop.export.minutes_docx import render_minutes_docx
from efh_desktop.export.minutes_pdf import render_minutes_pdf
from efh_desktop.export.redaction import ChildIdentity, disclosure_copy
from tests.test_redaction import _document, meetings


def pdf_everything(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts.append(str(reader.metadata or {}))

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                parts.append(str(getattr(item, "title", "")))

    walk(reader.outline)
    return " ".join(parts)


def docx_everything(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    # Word splits text into runs; the words we look for sit inside one run, so tag-stripping suffices.
    return re.sub(r"<[^>]+>", " ", xml)


def contains(term: str, text: str) -> bool:
    norm = lambda s: unicodedata.normalize("NFKC", s).casefold()  # noqa: E731
    return re.search(rf"(?<!\w){re.escape(norm(term))}(?!\w)", norm(" ".join(text.split()))) is not None


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_rendered_disclosure_copies_hold_no_other_child(meeting):
    people, notes = meeting
    doc = _document(people, notes)
    children = [ChildIdentity(n + 1, name, aliases, "1 May 2010", (f"LCS-{n + 1:06d}",))
                for n, (name, aliases) in enumerate(people)]
    for child in children:
        copy, _replacements, _suspects = disclosure_copy(doc, child.subject_id, children)
        rendered = {"pdf": pdf_everything(render_minutes_pdf(copy)), "docx": docx_everything(render_minutes_docx(copy))}
        own_words = {w.casefold() for w in child.name.split()} | {a.casefold() for a in child.aliases}
        for fmt, text in rendered.items():
            assert contains(child.name, text), fmt
            for other in children:
                if other.subject_id == child.subject_id:
                    continue
                for term in (other.name, *other.name.split(), *other.aliases, *other.identifiers):
                    if term.casefold() not in own_words:
                        assert not contains(term, text), (fmt, term, child.name)
