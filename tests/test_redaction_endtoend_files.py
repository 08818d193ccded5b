"""Red team, end to end through the export service (plan, decide, approve, write): another child in
every part of a family's copy (title, venue, attendees and their agencies, apologies, agency notes,
consent reasons, action owners and agencies, agenda titles, a peer group and place named after a
child), in every written file (text, PDF text and properties, Word text, headers, footers and
properties, file names); two children with the same initials; a child added after approval; a child
renamed; a relative attending as a professional; an amendment after finalising. Fictional people."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import docx
import pypdf
import pytest

from efh_desktop.domain.name_folding import fold
from efh_desktop.services.errors import ServiceError
from tests.disclosure_helpers import decide_and_approve

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
BAD = ("tayo", "brennick", "folake", "adeyemi", "elm grove", "zainab", "qureshi", "lukasz", "wojcik",
       "owusu", "lcs-123456", "123456", "bs3 9zz", "5 june 2011", "oztürk", "ozturk")


def leaks(text):
    plain = fold(" ".join(text.split()))
    return [w for w in BAD if re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", plain)]


def test_no_part_of_the_copy_shows_another_child(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow", date_of_birth=date(2010, 3, 14))
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5), lcs_id="LCS-123456",
                             address="14 Elm Grove, Brindley, BS3 9ZZ", aliases=["T-Bone"],
                             connected_people=[{"name": "Folake Adeyemi", "relationship": "mother"}])
    luk = s.subjects.create("child", "Łukasz Wójcik", date_of_birth=date(2012, 1, 2))
    crew = s.subjects.create("peer_group", "Tayo's crew")
    place = s.subjects.create("place", "Elm Grove park")
    poc = s.subjects.create("person_of_concern", "Zainab Qureshi", treat_as_child=True)
    meeting = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, luk.id, crew.id,
                                                                        place.id, poc.id])
    s.meetings.update(meeting.id, title="Kai, Tayo and Łukasz", venue="Brennick Family Centre")
    s.attendance.add(meeting.id, "Folake Adeyemi", role="Mother", agency="Family", status="present")
    s.attendance.add(meeting.id, "Ama Owusu", role="Aunt of Tayo", agency="Family", status="apologies",
                     apology_reason="with Tayo at hospital")
    s.attendance.add(meeting.id, "Jo Hale", role="Teacher", agency="St Bede's (Tayo Brennick's school)",
                     status="apologies", apology_reason="Tayo Brennick's review")
    s.agenda.add(meeting.id, "Tayo and Kai together")
    s.live.start(meeting.id)
    s.minutes.add_note(meeting.id, "Kai was seen at the park.", source_agency="Tayo's school", subject_ids=[kai.id])
    s.minutes.add_note(meeting.id, "Kai was seen with Zainab.", subject_ids=[kai.id, crew.id])
    s.minutes.add_action(meeting.id, "Call Kai's school", owner="Folake Adeyemi", agency="Wójcik family",
                         due_date=date(2026, 12, 1), subject_ids=[kai.id])
    s.minutes.add_decision(meeting.id, "Kai to be safety planned", rationale="Łukasz's mother asked",
                           subject_ids=[kai.id])
    s.sharing.save_child(meeting.id, kai.id, consent="refused", consent_reason="Ama Owusu (Tayo's aunt) objected")

    def plan():
        return s.minutes_files.plan(meeting.id, tmp_path, ("pdf", "docx", "txt"), full=False,
                                    disclosure_for=[kai.id])

    asked = {sp.where.split("[")[0] for sp in plan().copies[0].suspects}
    assert {"attendance", "sharing"} <= asked, asked
    written = s.minutes_files.write(decide_and_approve(s, meeting.id, plan))
    txt = next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")
    reader = pypdf.PdfReader(str(next(p for p in written if p.suffix == ".pdf")))
    pdf = "\n".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    d = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    word = "\n".join([x.text for x in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    hf = "\n".join(x.text for sec in d.sections for part in (sec.header, sec.footer) for x in part.paragraphs)
    cp = d.core_properties
    props = " ".join(str(getattr(cp, k) or "") for k in dir(cp) if not k.startswith("_") and isinstance(getattr(cp, k), str))
    found = {w: leaks(t) for w, t in (("txt", txt), ("pdf", pdf), ("meta", meta), ("docx", word), ("hf", hf),
                                       ("props", props), ("names", " ".join(x.name for x in written)))}
    assert not any(found.values()), found
    assert "Kai" in txt and "Kai" in pdf and "Kai" in word


def _txt(written):
    return next(p for p in written if p.suffix == ".txt").read_text(encoding="utf-8")


def _planner(s, meeting_id, folder, who, overwrite=False):
    return lambda: s.minutes_files.plan(meeting_id, folder, ("txt",), full=False, disclosure_for=who,
                                        overwrite=overwrite)


def test_a_relative_attending_as_a_professional_is_masked(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick",
                             connected_people=[{"name": "Folake Adeyemi", "relationship": "mother"}])
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.attendance.add(m.id, "Folake Adeyemi", role="Teaching assistant", agency="Brindley Academy", status="present")
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai told Folake Adeyemi about it.", subject_ids=[kai.id])
    txt = _txt(s.minutes_files.write(decide_and_approve(s, m.id, _planner(s, m.id, tmp_path, [kai.id]))))
    assert "adeyemi" not in fold(txt) and "Kai told" in txt


def test_a_child_renamed_after_the_notes_is_still_masked_by_the_old_name(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai was with Tayo Brennick.", subject_ids=[kai.id])
    s.subjects.update(tayo.id, name="Tayo Okoro")
    txt = _txt(s.minutes_files.write(decide_and_approve(s, m.id, _planner(s, m.id, tmp_path, [kai.id]))))
    assert "brennick" not in fold(txt) and "tayo" not in fold(txt)


def test_an_amendment_after_finalising_is_masked(services, tmp_path):
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick", date_of_birth=date(2011, 6, 5))
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai was safe.", subject_ids=[kai.id])
    s.live.end(m.id)
    for item in s.finalise.outstanding(m.id):
        s.finalise.override(m.id, item.key, "checked in test")
    s.finalise.finalise(m.id)
    s.finalise.amend(m.id, "meeting", "Brennick (05/06/2011) also attended", "left out by mistake")
    txt = _txt(s.minutes_files.write(decide_and_approve(s, m.id, _planner(s, m.id, tmp_path, [kai.id]))))
    assert "brennick" not in fold(txt) and "2011" not in txt


def test_two_children_with_the_same_initials_get_a_file_each(services, tmp_path):
    """Kai Marlow and Keira Moss are both "KM": one file name for both copies would put Keira's copy
    (her name, Kai as Child B) where Kai's family's copy should be, or refuse half-way."""
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    keira = s.subjects.create("child", "Keira Moss")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, keira.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai Marlow and Keira Moss met.", subject_ids=[kai.id, keira.id])
    for overwrite in (False, True):
        folder = tmp_path / str(overwrite)
        folder.mkdir()
        written = s.minutes_files.write(decide_and_approve(s, m.id, _planner(s, m.id, folder, [kai.id, keira.id],
                                                                             overwrite)))
        assert len(set(written)) == 2, [p.name for p in written]
        texts = [p.read_text(encoding="utf-8") for p in written]
        assert sum("Copy for: Kai Marlow" in t and "Moss" not in t for t in texts) == 1
        assert sum("Copy for: Keira Moss" in t and "Marlow" not in t for t in texts) == 1


def test_a_child_added_after_approval_stops_the_write(services, tmp_path):
    """The approved plan named Xavi Lund, then not a child of the meeting; once he is, the copy the
    second person approved shows another child, and nothing is written from the old plan."""
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai was with Xavi Lund.", subject_ids=[kai.id])
    folder = tmp_path / "family"
    folder.mkdir()
    plan = _planner(s, m.id, folder, [kai.id])
    approved = decide_and_approve(s, m.id, plan)
    xavi = s.subjects.create("child", "Xavi Lund")
    s.meetings.add_subject(m.id, xavi.id)
    assert not plan().copies[0].ready
    with pytest.raises(ServiceError, match="approv"):
        s.minutes_files.write(approved)
    assert not list(folder.iterdir())


def test_the_redaction_log_is_not_written_beside_a_familys_copy(services, tmp_path):
    """The log names the children each copy masks ("Tayo (…): mask"): in the family's folder, beside
    their copy, it would give them what the copy took out. It is refused there, written elsewhere."""
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai was with Tayo's brother.", subject_ids=[kai.id])
    family, office = tmp_path / "family", tmp_path / "office"
    family.mkdir()
    office.mkdir()
    s.minutes_files.write(decide_and_approve(s, m.id, _planner(s, m.id, family, [kai.id])))
    with pytest.raises(ServiceError, match="another folder"):
        s.minutes_files.export_redaction_log(m.id, family / "redaction-log.csv")
    assert [p.suffix for p in family.iterdir()] == [".txt"]
    log = s.minutes_files.export_redaction_log(m.id, office / "redaction-log.csv")
    assert "Tayo" in log.read_text(encoding="utf-8")


def test_a_change_after_approval_stops_the_write_while_the_workers_render(services, tmp_path, monkeypatch):
    """With the render workers (nine files: three copies in three formats), the copies start rendering
    before the check that they are still the ones approved; when it fails, not one file is written,
    and the next export, approved again, writes every file."""
    from efh_desktop.export import render_pool

    monkeypatch.setenv("EFH_EXPORT_WORKERS", "2")
    render_pool.shut_down()
    s = services
    kai = s.subjects.create("child", "Kai Marlow")
    tayo = s.subjects.create("child", "Tayo Brennick")
    ola = s.subjects.create("child", "Ola Wiśniewska")
    m = s.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id, tayo.id, ola.id])
    s.live.start(m.id)
    s.minutes.add_note(m.id, "Kai was with Tayo, Ola and Xavi Lund.", subject_ids=[kai.id, tayo.id, ola.id])
    folder = tmp_path / "family"
    folder.mkdir()
    try:
        def plan():
            return s.minutes_files.plan(m.id, folder, ("pdf", "docx", "txt"), full=False,
                                        disclosure_for=[kai.id, tayo.id, ola.id])

        approved = decide_and_approve(s, m.id, plan)
        assert len(approved.files) >= render_pool.MIN_JOBS, "the pool's path, not one process"
        s.meetings.add_subject(m.id, s.subjects.create("child", "Xavi Lund").id)
        with pytest.raises(ServiceError, match="approv"):
            s.minutes_files.write(approved)
        assert not list(folder.iterdir()), "nothing rendered from the stale plan reached the folder"
        written = s.minutes_files.write(decide_and_approve(s, m.id, plan))
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
        assert len(written) == 9
        for p in written:
            if p.suffix == ".txt":
                assert "Lund" not in p.read_text(encoding="utf-8")
    finally:
        render_pool.shut_down()
