"""Red team, through the export service and the written files: another child's name written in
disguise in the meeting's title, a note, an action and the register is in none of the disclosure
files (text, PDF text and properties, Word text and properties, file names). Fictional people."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import docx
import pypdf

from efh_desktop.domain.name_folding import fold
from tests.disclosure_helpers import decide_and_approve

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
DISGUISED = ("T4y0 Br3nn1ck", "Tаyо", "BRENNNNICK", "T. Brennick", "the fifth of June two thousand and eleven",
             "B S 3 9 Z Z", "LCS one two three four five six")


def _leaks(text: str) -> list[str]:
    plain = fold(" ".join(text.split())).translate(str.maketrans("0134", "oiea"))
    plain = re.sub(r"(\w)\1{2,}", r"\1", plain)
    return [w for w in ("tayo", "brennick", "brenick", "fifth of june", "3 9 z z", "four five six", "t.")
            if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", plain)]


def test_disguised_names_are_in_no_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2011, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5), lcs_id="LCS-123456",
                             address="14 Elm Grove, Brindley, BS3 9ZZ")
    meeting = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.meetings.update(meeting.id, title="Kai and T4y0: strategy")
    s.live.start(meeting.id)
    s.minutes.add_note(meeting.id, "Kai was seen with " + "; ".join(DISGUISED) + ".", subject_ids=[kai.id])
    s.minutes.add_action(meeting.id, "Call Tаyо's school about Kai", owner="Brennnnick household",
                         subject_ids=[kai.id])

    def plan():
        return s.minutes_files.plan(meeting.id, tmp_path, ("pdf", "docx", "txt"), full=False,
                                    disclosure_for=[kai.id])

    first = plan().copies[0]
    assert first.open_points, "the disguised forms are put to the manager"
    written = s.minutes_files.write(decide_and_approve(s, meeting.id, plan))
    assert {p.suffix for p in written} == {".pdf", ".docx", ".txt"}
    for path in written:
        assert not _leaks(path.name) and "kai" not in path.name.lower(), path.name
    txt = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    reader = pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf")))
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    meta = reader.metadata or {}
    pdf_props = " ".join(str(meta.get(k, "")) for k in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator"))
    pdf_marks = " ".join(str(o.title) for o in reader.outline if hasattr(o, "title"))
    document = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    word = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    props = document.core_properties
    word_props = " ".join(str(getattr(props, k) or "") for k in ("title", "author", "subject", "keywords",
                                                                "comments", "category", "last_modified_by"))
    for where, text in (("txt", txt), ("pdf", pdf), ("pdf properties", pdf_props), ("pdf bookmarks", pdf_marks),
                        ("docx", word), ("docx properties", word_props)):
        assert not _leaks(text), (where, _leaks(text))
    assert "Kai" in txt and "Kai" in pdf and "Kai" in word
