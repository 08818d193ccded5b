"""Writing the minutes for the case record: full, per child, disclosure; files only where chosen,
audited; the filing list and the redaction log."""

from __future__ import annotations

import pypdf
import pytest

from efh_desktop.services.context import ServiceError
from tests.disclosure_helpers import decide_and_approve


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return "\n".join(p.extract_text() for p in reader.pages) + str(reader.metadata)


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    return out


def test_full_record_and_disclosure_copies(demo_services, folder):
    services = demo_services
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    children = [s for s in services.meetings.subjects(meeting) if s.kind == "child"]
    kai = next(c for c in children if c.name == "Kai Marlow")
    family = folder.parent / "family"  # a family's copy is written on its own, to a folder of its own
    family.mkdir()
    with pytest.raises(ServiceError, match="on its own"):
        services.minutes_files.plan(meeting, folder, ("pdf", "txt"), per_child=True, disclosure_for=[kai.id])

    def plan_again():
        return services.minutes_files.plan(meeting, family, ("pdf", "txt"), full=False, disclosure_for=[kai.id])

    written = services.minutes_files.write(services.minutes_files.plan(meeting, folder, ("pdf", "txt"),
                                                                       per_child=True))
    assert len(written) == 2 * (1 + len(children))
    plan = plan_again()
    assert len(plan.copies) == 1
    # Fail closed: with points undecided and no second person's approval, nothing at all is written.
    assert plan.copies[-1].open_points and not plan.copies[-1].ready
    with pytest.raises(ServiceError, match="still to decide"):
        services.minutes_files.write(plan)
    assert list(family.iterdir()) == []
    plan = decide_and_approve(services, meeting, plan_again)
    written = [*written, *services.minutes_files.write(plan)]
    assert sorted(p.name for p in [*folder.iterdir(), *family.iterdir()]) == sorted(p.name for p in written)
    with pytest.raises(ServiceError, match="names every child"):
        services.minutes_files.plan(meeting, folder, ("txt",), full=False, disclosure_for=[kai.id], overwrite=True)
    with pytest.raises(ServiceError, match="disclosure copy"):
        services.minutes_files.plan(meeting, family, ("txt",), overwrite=True)
    assert all("Marlow" not in p.name and "Kai" not in p.name for p in written), "no names in file names"
    full = pdf_text(next(p for p in written if p.name == f"minutes-EFH-{meeting:06d}.pdf"))
    assert all(c.name in full for c in children)
    record = pdf_text(next(p for p in written if "record-LCS-900101" in p.name and p.suffix == ".pdf"))
    assert "Copy for Kai Marlow" in record and "File on" in record, "the front sheet"
    assert all(c.name in record for c in children), "then the full minutes"
    disclosure = pdf_text(next(p for p in written if "disclosure" in p.name and p.suffix == ".pdf"))
    assert "Kai Marlow" in disclosure
    for other in children:
        if other.id != kai.id:
            assert other.name not in disclosure and other.lcs_id not in disclosure
    filing = services.minutes_files.filing(meeting)
    assert len(filing) == len(children) and all(e.destination for e in filing)
    assert not services.minutes_files.filing_complete(meeting)
    for entry in filing:
        services.minutes_files.tick(entry.id)
    assert services.minutes_files.filing_complete(meeting)
    logs = services.minutes_files.redaction_log(meeting)  # one per file written (PDF and text)
    assert len(logs) == 2 and {log.file_name.rsplit(".", 1)[1] for log in logs} == {"pdf", "txt"}
    assert all(log.subject_id == kai.id and log.replacements and log.author == "Test User" for log in logs)
    with pytest.raises(ServiceError, match="already exists"):
        services.minutes_files.plan(meeting, folder, ("pdf",))
    log_file = services.minutes_files.export_redaction_log(meeting, folder.parent / "redaction-log.csv")
    rows = log_file.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("when,by,file,copy for") and any("Child B" in row for row in rows[1:])
    assert any("withheld note" in row and "DPA 2018" in row for row in rows[1:]), "each exemption is logged"
    assert all("approved by Ngozi Achterberg" in row for row in rows[1:])


def test_bad_requests_write_nothing(demo_services, folder, tmp_path):
    meeting = demo_services.meetings.list()[0].id
    with pytest.raises(ServiceError, match="does not exist"):
        demo_services.minutes_files.plan(meeting, tmp_path / "nowhere")
    with pytest.raises(ServiceError, match="Formats"):
        demo_services.minutes_files.plan(meeting, folder, ("rtf",))
    outsider = demo_services.subjects.create("child", "Not At This Meeting")
    with pytest.raises(ServiceError, match="discussed at this meeting"):
        demo_services.minutes_files.plan(meeting, folder, full=False, disclosure_for=[outsider.id])
    assert list(folder.iterdir()) == []


def test_marking_and_person_of_concern_policy_come_from_the_profile(demo_services, folder):
    import dataclasses

    services = demo_services
    services.ctx.profile = dataclasses.replace(services.profile, protective_marking="OFFICIAL",
                                               persons_of_concern_in_disclosures="label")
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    kai = next(s for s in services.meetings.subjects(meeting) if s.name == "Kai Marlow")
    plan = services.minutes_files.plan(meeting, folder, ("txt",), full=False, disclosure_for=[kai.id])
    assert all(copy.document.marking == "OFFICIAL" for copy in plan.copies)
    assert services.minutes_files.plan(meeting, folder.parent, ("txt",)).copies[0].document.marking == "OFFICIAL"
    disclosure = next(c for c in plan.copies if c.kind == "disclosure")
    names = [s.name for s in disclosure.document.subjects]
    assert "Lorne Vasquez-Hill" not in names and any(n.startswith("Person of concern") for n in names)
