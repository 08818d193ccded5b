"""The redaction gaps closed, through the export service the window uses: the copy is planned, every
point decided and approved, and the written text and PDF files hold none of the disguises (a name
split by a dash and a space, spaced initials, escapes and encodings, lower-case misspellings, a
lower-case common name used as a name, a year of birth beside a name). Fictional people."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pypdf

from efh_desktop.domain.name_folding import fold
from tests.disclosure_helpers import decide_and_approve

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
NOTE = ("Kai was with Bren -nick, T B, Ta\\u0079o, T%61yo, &#84ayo, brenick and brennik. Kai went out with "
        "summer. Tayo (born 2011) and Tayo (2011) were there.")


def leaks(text: str) -> list[str]:
    """The disguises undone by hand (independently of the redactor), then searched for."""
    plain = " ".join(text.split())
    plain = plain.replace("\\u0079", "y").replace("%61", "a").replace("&#84", "T").replace("\\x61", "a")
    plain = re.sub(r"(?<=\w) ?[-–] ?(?=\w)", "", fold(plain))
    found = [w for w in ("tayo", "brennick", "brenick", "brennik", "summer", "2011", "t b")
             if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", plain)]
    return found


def test_the_closed_gaps_are_in_no_written_file(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5))
    summer = s.subjects.create("child", "Summer Okafor", date_of_birth=date(2012, 2, 9))
    meeting = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, summer.id])
    s.meetings.update(meeting.id, title="Kai and Bren- nick: strategy")
    s.live.start(meeting.id)
    s.minutes.add_note(meeting.id, NOTE, subject_ids=[kai.id])
    s.minutes.add_decision(meeting.id, "Kai to be kept apart from T\\x61yo", rationale="Bren – nick (2011) is a risk",
                           subject_ids=[kai.id])
    s.minutes.add_action(meeting.id, "Call the school about Kai", owner="Bren- nick", subject_ids=[kai.id])

    def plan():
        return s.minutes_files.plan(meeting.id, tmp_path, ("pdf", "txt"), full=False, disclosure_for=[kai.id])

    first = plan().copies[0]
    words = {p.word for p in first.suspects}
    assert {"T B", "brenick", "brennik", "summer"} <= words, words
    assert any("\\u0079" in w for w in words) and any("%61" in w for w in words)
    written = s.minutes_files.write(decide_and_approve(s, meeting.id, plan))
    assert {p.suffix for p in written} == {".pdf", ".txt"}
    txt = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    reader = pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf")))
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    for where, text in (("txt", txt), ("pdf", pdf), ("file names", " ".join(p.name for p in written))):
        assert not leaks(text), (where, leaks(text))
    assert "Kai" in txt and "Kai" in pdf
    from efh_desktop.export.redaction import child_labels

    assert f"year of birth of {child_labels(kai.id, [tayo.id, summer.id])[tayo.id]}" in txt


def test_the_demo_disclosure_copies_ask_nothing(demo_services, tmp_path):
    """The new doubts (lower-case misspellings, common names used as names, spaced initials, years of
    birth) must not bury a manager in points: every disclosure copy of the demo's meetings (17 when
    this was written) is planned with no point to decide."""
    s = demo_services
    copies = 0
    for row in s.meetings.list():
        children = [c.id for c in s.meetings.subjects(row.id) if c.kind == "child"]
        if not children:
            continue
        plan = s.minutes_files.plan(row.id, tmp_path, ("txt",), full=False, disclosure_for=children)
        for copy in plan.copies:
            copies += 1
            assert not [p for p in copy.suspects if not p.decision], [(p.word, p.reason) for p in copy.suspects]
    assert copies >= 10
