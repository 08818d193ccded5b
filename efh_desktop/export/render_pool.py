"""Render many copies of the minutes on every core (issue 17: export uses both cores).

The per-child record and disclosure copies are already built (and, for disclosure copies, redacted
and reviewed) when they reach here: only the rendering to PDF, Word or text runs in the worker
processes. Each worker gets the documents by pickling over its pipe, in memory; nothing is written
to disk to pass them, and the workers never see the database, its key or the passphrase. The bytes
come back the same way, each copy as soon as its chunk is done, and the caller writes the files
while the rest render (services/export_writer.py ``ExportBatch``).

What the main process still does is kept small, because on two cores it takes time from a worker:
a record copy's PDF is its own front sheet on the shared full minutes, so its job carries only the
front sheet's data (``front_sheet_only``), and the full minutes (PDF, and the document should a
front sheet run longer than a page) travel as bytes with each chunk, each worker unpickling and
parsing them once per export.

Workers are started with "spawn" (the same on Linux, Windows and macOS, and no copy of the
parent's memory, which holds the unlocked store), once per process and kept for the next export;
planning an export starts them (``warm_up``), so they are ready by the time the review is done.
They import the renderers only, never Qt: the app's entry points (``python -m efh_desktop``, the
console script, the frozen bundle, which calls ``multiprocessing.freeze_support()``) import nothing
of the window before their ``__main__`` guard. Small exports (and a machine with one core, or
``EFH_EXPORT_WORKERS=1``) render in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from efh_desktop.export.minutes_document import MinutesDocument

MIN_JOBS = 8  # fewer files than this render in-process
# Chunks per worker: each carries a couple of copies (one pickle and one round trip for two), small
# enough that the last ones to finish leave a core idle only briefly: 80 copies on two workers go
# in chunks of two.
_CHUNKS_PER_WORKER = 20


@dataclass(frozen=True)
class RenderJob:
    document: MinutesDocument
    fmt: str  # "pdf" | "docx" | "txt"
    record_pdf: bool = False  # a record copy's PDF: a front sheet on the shared full minutes


class RenderFailed(Exception):
    """One copy could not be made. ``index``: its job; ``reason``: the error's type, never its text
    (which could quote the minutes)."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"copy {index} could not be made ({reason})")
        self.index, self.reason = index, reason


@dataclass(frozen=True)
class _Failure:
    """A job that failed in a worker (returned, not raised, so the chunk's other copies come back)."""

    reason: str


def render(document: MinutesDocument, fmt: str) -> bytes:
    """One document in one format. Renderers are imported when used: ReportLab and python-docx are
    not needed at start-up."""
    if fmt == "pdf":
        from efh_desktop.export.minutes_pdf import render_minutes_pdf

        return render_minutes_pdf(document)
    if fmt == "docx":
        from efh_desktop.export.minutes_docx import render_minutes_docx

        return render_minutes_docx(document)
    from efh_desktop.export.lcs_text import render_lcs_text

    return render_lcs_text(document).encode("utf-8")


_parsed: dict[str, Any] = {}  # per process: this export's shared minutes (PDF parsed, document), once each


def _once(blob: bytes, make: Callable[[bytes], Any]) -> Any:
    key = hashlib.sha256(blob).hexdigest()
    if key not in _parsed:
        if len(_parsed) > 1:
            _parsed.clear()  # one export at a time: keep one meeting's minutes, not every one's
        _parsed[key] = make(blob)
    return _parsed[key]


def _base_reader(base_pdf: bytes) -> Any:
    import io

    import pypdf

    return _once(base_pdf, lambda blob: pypdf.PdfReader(io.BytesIO(blob)))


def render_job(job: RenderJob, base_pdf: bytes | None, base: MinutesDocument | None = None) -> bytes:
    """``base``: the full minutes behind a record copy's front sheet, needed when ``job.document``
    holds only the front sheet (``front_sheet_only``) and that sheet runs longer than a page."""
    if job.record_pdf:
        from efh_desktop.export.record_copy_pdf import render_record_pdf

        assert base_pdf is not None
        return render_record_pdf(job.document, _base_reader(base_pdf), base)
    return render(job.document, job.fmt)


def base_pdf_for(document: MinutesDocument) -> bytes:
    """The full minutes behind every record copy's front sheet, rendered once per export."""
    from efh_desktop.export.record_copy_pdf import shared_minutes_pdf

    return shared_minutes_pdf(document)


def _render_chunk(jobs: Sequence[RenderJob], base_pdf: bytes | None,
                  base_blob: bytes | None = None) -> list[bytes | _Failure]:
    """In a worker: a few jobs, the shared minutes (PDF and pickled document) sent once with them.
    A job that fails comes back as a ``_Failure``; the others still come back."""
    base = _once(base_blob, pickle.loads) if base_blob is not None else None
    out: list[bytes | _Failure] = []
    for job in jobs:
        try:
            out.append(render_job(job, base_pdf, base))
        except Exception as exc:  # noqa: BLE001 - reported by the caller, naming the copy
            out.append(_Failure(type(exc).__name__))
    return out


def _warm() -> bool:
    """In a worker, before the first export needs it: import the renderers, load the fonts and lay
    out one tiny page, so the first copy does not pay for ReportLab's first use."""
    import pypdf  # noqa: F401

    from efh_desktop.export import agenda_pdf, minutes_pdf, record_copy_pdf  # noqa: F401
    from efh_desktop.export.pdf_fonts import register_fonts

    register_fonts()
    minutes_pdf.render_minutes_pdf(MinutesDocument(
        meeting_id=0, reference="EFH-000000", version="Draft", marking="OFFICIAL", title="Warm-up",
        type_name="Warm-up", facts=(), attendance=(), subjects=(), sections=(), checklist=(), sharing=(),
        overrides=(), next_meeting="", amendments=()))
    return True


def workers_wanted() -> int:
    setting = os.environ.get("EFH_EXPORT_WORKERS", "").strip()
    if setting.isdigit():
        return max(1, int(setting))
    return min(4, os.cpu_count() or 1)


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _the_pool() -> ProcessPoolExecutor | None:
    global _pool
    workers = workers_wanted()
    if workers < 2:
        return None
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def warm_up() -> None:
    """Start the workers now (an export is being planned; writing comes after the review)."""
    pool = _the_pool()
    if pool is not None:
        for _ in range(workers_wanted()):
            pool.submit(_warm)


def worker_pids() -> list[int]:
    """The workers' process ids (the export benchmark adds up their CPU time)."""
    pool = _pool
    processes = getattr(pool, "_processes", None) or {}
    return sorted(int(pid) for pid in processes)


def shut_down() -> None:
    """Stop the workers (the store is locked, or the app closes)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _front_only(job: RenderJob) -> RenderJob:
    from efh_desktop.export.record_copy_pdf import front_sheet_only

    return dataclasses.replace(job, document=front_sheet_only(job.document))


def _local(jobs: Sequence[RenderJob], indices: Sequence[int], base_pdf: bytes | None) -> Iterator[tuple[int, bytes]]:
    for index in indices:
        try:
            data = render_job(jobs[index], base_pdf)
        except Exception as exc:
            raise RenderFailed(index, type(exc).__name__) from exc
        yield index, data


def render_all(jobs: Sequence[RenderJob]) -> Iterator[tuple[int, bytes]]:
    """``(index, bytes)`` for every job, each as soon as it is ready (so the caller writes files while
    the rest render). Record PDFs share one rendering of the full minutes: one worker makes it first,
    the others start on the other copies meanwhile. A copy that cannot be made raises ``RenderFailed``
    naming its job (the copies yielded before it are whole)."""
    rendering = Rendering(jobs)
    try:
        yield from rendering.results()
    finally:
        rendering.cancel()


class Rendering:
    """Every job of an export, started on the workers as soon as this is made, so the caller can do
    its last checks (services/minutes_files_service.py: is every disclosure copy still the one
    approved?) while the copies render. Nothing leaves this object but bytes, through ``results()``;
    ``cancel()`` (always, in a ``finally``) drops what has not been taken, so a refused export
    writes nothing. With no pool (few jobs, one core) nothing starts until ``results()`` is read."""

    def __init__(self, jobs: Sequence[RenderJob]) -> None:
        self._jobs = jobs
        self._pool = _the_pool() if len(jobs) >= MIN_JOBS else None
        self._record = [i for i, j in enumerate(jobs) if j.record_pdf]
        self._chunks: dict[Future[Any], list[int]] = {}
        self._base_future: Future[Any] | None = None
        self._base_document: MinutesDocument | None = None
        self._broken = False
        if self._pool is not None:
            try:
                self._start()
            except BrokenProcessPool:
                self._broken = True  # a worker died before the export: results() renders here

    def _start(self) -> None:
        from efh_desktop.export.record_copy_pdf import base_minutes

        jobs = self._jobs
        if self._record:
            self._base_document = base_minutes(jobs[self._record[0]].document)
            self._base_future = self._the_pool().submit(base_pdf_for, self._base_document)
        self._submit([i for i, j in enumerate(jobs) if not j.record_pdf], None)

    def _the_pool(self) -> ProcessPoolExecutor:
        assert self._pool is not None
        return self._pool

    def _submit(self, indices: list[int], *shared: bytes | None) -> None:
        size = max(1, -(-len(self._jobs) // (workers_wanted() * _CHUNKS_PER_WORKER)))
        for start in range(0, len(indices), size):
            chunk = indices[start:start + size]
            sent = [_front_only(self._jobs[i]) if self._jobs[i].record_pdf else self._jobs[i] for i in chunk]
            self._chunks[self._the_pool().submit(_render_chunk, sent, *shared)] = chunk

    def results(self) -> Iterator[tuple[int, bytes]]:
        jobs, record = self._jobs, self._record
        if self._pool is None:
            try:
                local_base = base_pdf_for(jobs[record[0]].document) if record else None
            except Exception as exc:
                raise RenderFailed(record[0], type(exc).__name__) from exc
            yield from _local(jobs, range(len(jobs)), local_base)
            return
        done: set[int] = set()
        base: bytes | None = None
        try:
            if self._broken:
                raise BrokenProcessPool("a worker stopped before the export started")
            pending: set[Future[Any]] = set(self._chunks) | ({self._base_future} if self._base_future else set())
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    if future is self._base_future:
                        try:
                            base = future.result()
                        except BrokenProcessPool:
                            raise
                        except Exception as exc:
                            raise RenderFailed(record[0], type(exc).__name__) from exc
                        before = set(self._chunks)
                        self._submit(record, base, pickle.dumps(self._base_document, protocol=pickle.HIGHEST_PROTOCOL))
                        pending |= set(self._chunks) - before
                        continue
                    for index, data in zip(self._chunks[future], future.result(), strict=True):
                        if isinstance(data, _Failure):
                            raise RenderFailed(index, data.reason)
                        done.add(index)
                        yield index, data
        except BrokenProcessPool:
            # A worker died (killed, or out of memory): this process renders what is left.
            shut_down()
            if record and base is None:
                base = base_pdf_for(jobs[record[0]].document)
            yield from _local(jobs, [i for i in range(len(jobs)) if i not in done], base)

    def cancel(self) -> None:
        for future in (*self._chunks, *((self._base_future,) if self._base_future else ())):
            future.cancel()
