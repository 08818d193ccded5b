"""Export uses both cores (issue 17): the per-child copies are rendered by worker processes and come
back as the same files, written by the safe writer with the same audit trail and filing list, and
a disclosure copy still needs its review and approval first. No timing here (benchmarks/)."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pypdf
import pytest

from efh_desktop.export import render_pool
from efh_desktop.services.context import ServiceError
from tests.disclosure_helpers import decide_and_approve


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)


@pytest.fixture(autouse=True)
def fresh_pool():
    render_pool.shut_down()
    yield
    render_pool.shut_down()


def _meeting(services):
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    children = [s for s in services.meetings.subjects(meeting) if s.kind == "child"]
    return meeting, children


def _write(services, meeting, children, folder, monkeypatch, workers: str, *, fresh: bool):
    """The full minutes and a record copy per child into ``folder``/records, and every child's
    disclosure copy into ``folder``/family (a family's copy is written on its own): both through the
    pool when ``workers`` is not "1"."""
    monkeypatch.setenv("EFH_EXPORT_WORKERS", workers)
    folder.mkdir()
    records, family = folder / "records", folder / "family"
    records.mkdir()
    family.mkdir()

    def plan():
        return services.minutes_files.plan(meeting, family, ("pdf", "txt"), full=False,
                                           disclosure_for=[c.id for c in children])

    first = plan()
    assert len(first.files) >= render_pool.MIN_JOBS
    if workers != "1":
        assert render_pool._pool is not None, "planning starts the workers"
    if fresh:
        with pytest.raises(ServiceError, match="still to decide"):
            services.minutes_files.write(first)  # the review still comes first, pool or not
        assert list(family.iterdir()) == []
    copies = services.minutes_files.plan(meeting, records, ("pdf", "txt"), per_child=True)
    assert len(copies.files) >= render_pool.MIN_JOBS
    return [*services.minutes_files.write(copies),
            *services.minutes_files.write(decide_and_approve(services, meeting, plan))]


def test_worker_processes_write_the_same_files(demo_services, tmp_path, monkeypatch):
    services = demo_services
    meeting, children = _meeting(services)
    pooled = _write(services, meeting, children, tmp_path / "pool", monkeypatch, "2", fresh=True)
    assert render_pool._pool is not None, "rendered by the workers"
    render_pool.shut_down()
    alone = _write(services, meeting, children, tmp_path / "one", monkeypatch, "1", fresh=False)
    assert render_pool._pool is None
    assert [p.name for p in pooled] == [p.name for p in alone], "returned in plan order"
    assert sorted(p.name for p in (tmp_path / "pool").glob("*/*")) == sorted(p.name for p in pooled)
    for a, b in zip(alone, pooled, strict=True):
        if a.suffix == ".txt":
            assert a.read_bytes() == b.read_bytes()
        else:
            assert _text(a) == _text(b)
    # Each file written is filed once per record copy, whichever way it was rendered.
    assert len(services.minutes_files.filing(meeting)) == 2 * len(children)
    monkeypatch.setenv("EFH_EXPORT_WORKERS", "2")
    render_pool.warm_up()
    assert render_pool._pool is not None
    services.lock()
    assert render_pool._pool is None, "locking stops the workers (they held the minutes in memory)"


class _DeadPool:
    """A pool whose worker died: every future fails as a killed process's does."""

    def submit(self, *_args, **_kwargs):
        future: Future = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future

    def shutdown(self, **_kwargs) -> None:
        pass


def test_a_dead_worker_leaves_the_rest_to_this_process(demo_services, tmp_path, monkeypatch):
    services = demo_services
    meeting, children = _meeting(services)
    monkeypatch.setattr(render_pool, "_the_pool", lambda: _DeadPool())
    folder = tmp_path / "out"
    folder.mkdir()
    plan = services.minutes_files.plan(meeting, folder, ("pdf", "txt"), per_child=True)
    written = services.minutes_files.write(plan)
    assert len(written) == len(plan.files) >= render_pool.MIN_JOBS
    assert all(p.stat().st_size > 0 for p in written)
    assert "Copy for" in _text(next(p for p in written if "record" in p.name and p.suffix == ".pdf"))
