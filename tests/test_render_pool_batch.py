"""Issue 17 item 6: the copies are written while the workers render, recorded in groups (one folder
sync and one transaction per group), with the same promises as one file at a time: a crash leaves
an intent naming what was unfinished, a copy that cannot be made is named and nothing of it is left,
and the workers never load the window. No timing here (benchmarks/export_bench.py)."""

from __future__ import annotations

import dataclasses
import os

import pytest
from sqlmodel import select

from efh_desktop.atomic_write import TEMP_SUFFIX, new_temp_path
from efh_desktop.export import render_pool
from efh_desktop.services.context import ServiceError
from efh_desktop.services.export_writer import ExportWriter, recover_interrupted
from efh_desktop.store.tables import AuditEvent, FilingEntry


@pytest.fixture(autouse=True)
def fresh_pool():
    render_pool.shut_down()
    yield
    render_pool.shut_down()


def _events(services, *actions: str) -> list[AuditEvent]:
    with services.ctx.reading() as session:
        return [e for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)) if e.action in actions]


def _meeting(services):
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    return meeting


def test_every_file_is_recorded_once_and_each_group_had_its_intent_first(demo_services, tmp_path, monkeypatch):
    services = demo_services
    monkeypatch.setenv("EFH_EXPORT_WORKERS", "1")
    meeting = _meeting(services)
    folder = tmp_path / "out"
    folder.mkdir()
    plan = services.minutes_files.plan(meeting, folder, ("pdf", "txt", "docx"), per_child=True)
    seen: list[tuple[int, int]] = []
    written = services.minutes_files.write(plan, progress=lambda done, total: seen.append((done, total)))
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written), "no temporary file left"
    recorded = [e.changes["file"] for e in _events(services, "export")]
    assert sorted(recorded) == sorted(str(p) for p in written), "each file recorded once"
    assert seen[-1] == (len(written), len(written)) and [d for d, _ in seen] == sorted({d for d, _ in seen})
    # Far fewer intents than files, and every recorded file was named by an intent committed before it.
    started = _events(services, "export_started", "export")
    intents = [e for e in started if e.action == "export_started"]
    assert 1 <= len(intents) < len(written)
    named: set[str] = set()
    for event in started:
        if event.action == "export_started":
            named = set(event.changes["names"])
        else:
            assert os.path.basename(event.changes["file"]) in named
    with services.ctx.reading() as session:
        assert len(list(session.exec(select(FilingEntry).where(FilingEntry.meeting_id == meeting)))) \
            == sum(1 for c in plan.copies if c.kind == "record")


def test_a_crash_mid_group_leaves_an_intent_the_next_start_closes(demo_services, tmp_path):
    """Files written since the last record, and a temporary file, when the process died: the next
    start removes the temporary file (plaintext) and says which files are there unrecorded."""
    services = demo_services
    folder = tmp_path / "out"
    folder.mkdir()
    names = ["a.txt", "b.txt", "c.txt", "d.txt"]
    writer = ExportWriter(services.ctx)
    batch = writer.batch("export", folder, names, meeting_id=_meeting(services)).__enter__()
    batch.add(folder / "a.txt", b"first", entity="minutes_record", summary="Minutes written")
    batch.flush()
    batch.add(folder / "b.txt", b"second", entity="minutes_record", summary="Minutes written")
    stray = new_temp_path(folder / "c.txt")
    stray.write_bytes(b"plaintext case data")
    # ... and the process dies here: no flush, no clean-up.
    notes = recover_interrupted(services.ctx)
    assert len(notes) == 1
    assert "3 files (b.txt and others) was interrupted" in notes[0] and "removed" in notes[0]
    assert "1 of them is there but not recorded as complete (b.txt)" in notes[0]
    assert not stray.exists() and not any(p.name.endswith(TEMP_SUFFIX) for p in folder.iterdir())
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]
    recorded = [e.changes["file"] for e in _events(services, "export")]
    assert recorded == [str(folder / "a.txt")]
    assert recover_interrupted(services.ctx) == [], "closed once"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_copy_that_cannot_be_made_is_named_and_leaves_nothing_of_it(demo_services, tmp_path, monkeypatch, workers):
    services = demo_services
    monkeypatch.setenv("EFH_EXPORT_WORKERS", workers)
    meeting = _meeting(services)
    folder = tmp_path / "out"
    folder.mkdir()
    plan = services.minutes_files.plan(meeting, folder, ("txt", "pdf"), per_child=True)
    broken = plan.copies[2]
    # A document a renderer cannot lay out (in a worker too: the fault travels with the copy).
    plan.copies[2] = dataclasses.replace(broken, document=dataclasses.replace(broken.document, sections=None))
    with pytest.raises(ServiceError) as caught:
        services.minutes_files.write(plan)
    message = str(caught.value)
    assert f"{broken.stem}.txt could not be made (TypeError); it was not written." in message
    left = sorted(p.name for p in folder.iterdir())
    assert f"{broken.stem}.txt" not in left and not any(n.endswith(TEMP_SUFFIX) for n in left)
    recorded = sorted(os.path.basename(e.changes["file"]) for e in _events(services, "export"))
    assert recorded == left, "what is on disk is what the trail says was written"
    if left:
        assert f"{len(left)} of {len(plan.files)} files were written and recorded before it" in message
    else:
        assert "No file was written." in message
    assert "Traceback" not in message


def test_record_copies_from_front_sheets_are_the_same_files(demo_services, tmp_path, monkeypatch):
    """The workers get a record copy's front sheet only (the minutes travel once): same pages."""
    import pypdf

    services = demo_services
    meeting = _meeting(services)
    plan = services.minutes_files.plan(meeting, tmp_path, ("pdf",), full=False, per_child=True)
    jobs = [render_pool.RenderJob(c.document, "pdf", record_pdf=True) for c in plan.copies]
    monkeypatch.setenv("EFH_EXPORT_WORKERS", "1")
    alone = dict(render_pool.render_all(jobs * 4))
    monkeypatch.setenv("EFH_EXPORT_WORKERS", "2")
    pooled = dict(render_pool.render_all(jobs * 4))
    assert sorted(alone) == sorted(pooled) == list(range(len(jobs) * 4))

    def text(data: bytes) -> list[str]:
        import io

        return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]

    for index in (0, len(jobs) - 1):
        assert text(alone[index]) == text(pooled[index])
        assert "Copy for" in text(pooled[index])[0]


def test_workers_never_load_the_window(demo_services, tmp_path, monkeypatch):
    from tests.pool_probe import gui_modules_after

    services = demo_services
    monkeypatch.setenv("EFH_EXPORT_WORKERS", "2")
    plan = services.minutes_files.plan(_meeting(services), tmp_path, ("pdf",))
    pool = render_pool._the_pool()
    assert pool is not None
    job = render_pool.RenderJob(plan.copies[0].document, "pdf")
    assert pool.submit(gui_modules_after, job, None).result(timeout=300) == []
