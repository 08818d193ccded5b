"""Render many copies of the minutes on every core (issue 17: export uses both cores).

The per-child record and disclosure copies are already built (and, for disclosure copies, redacted
and reviewed) when they reach here: only the rendering to PDF, Word or text runs in the worker
processes. Each worker gets the documents by pickling over its pipe, in memory; nothing is written
to disk to pass them, and the workers never see the database, its key or the passphrase. The bytes
come back the same way, and the caller writes every file itself with the safe writer, in plan order.

Workers are started with "spawn" (the same on Linux, Windows and macOS, and no copy of the
parent's memory, which holds the unlocked store), once per process and kept for the next export;
the frozen bundle's entry point calls ``multiprocessing.freeze_support()`` so a worker started from
the executable runs this module instead of a second window. Small exports (and a machine with one
core, or ``EFH_EXPORT_WORKERS=1``) render in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from efh_desktop.export.minutes_document import MinutesDocument

MIN_JOBS = 8  # fewer files than this render in-process
# Chunks per worker: each carries a few copies (one pickle and one round trip for several), and they
# are small enough that the last ones to finish (and the files still to be written here after them)
# leave a core idle only briefly: with 80 copies on two workers, chunks of four, not seven.
_CHUNKS_PER_WORKER = 10


@dataclass(frozen=True)
class RenderJob:
    document: MinutesDocument
    fmt: str  # "pdf" | "docx" | "txt"
    record_pdf: bool = False  # a record copy's PDF: a front sheet on the shared full minutes


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


_parsed_base: dict[str, Any] = {}  # per process: the shared full minutes, parsed once


def _base_reader(base_pdf: bytes) -> Any:
    import io

    import pypdf

    key = hashlib.sha256(base_pdf).hexdigest()
    reader = _parsed_base.get(key)
    if reader is None:
        _parsed_base.clear()  # one export at a time: keep one meeting's minutes, not every one's
        reader = _parsed_base[key] = pypdf.PdfReader(io.BytesIO(base_pdf))
    return reader


def render_job(job: RenderJob, base_pdf: bytes | None) -> bytes:
    if job.record_pdf:
        from efh_desktop.export.record_copy_pdf import render_record_pdf

        assert base_pdf is not None
        return render_record_pdf(job.document, _base_reader(base_pdf))
    return render(job.document, job.fmt)


def base_pdf_for(document: MinutesDocument) -> bytes:
    """The full minutes behind every record copy's front sheet, rendered once per export."""
    from efh_desktop.export.record_copy_pdf import shared_minutes_pdf

    return shared_minutes_pdf(document)


def _render_chunk(jobs: Sequence[RenderJob], base_pdf: bytes | None) -> list[bytes]:
    """In a worker: a few jobs, the shared minutes' PDF sent once with them."""
    return [render_job(job, base_pdf) for job in jobs]


def _warm() -> bool:
    """In a worker, before the first export needs it: import the renderers and load the fonts."""
    import pypdf  # noqa: F401

    from efh_desktop.export import agenda_pdf, minutes_pdf, record_copy_pdf  # noqa: F401
    from efh_desktop.export.pdf_fonts import register_fonts

    register_fonts()
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


def shut_down() -> None:
    """Stop the workers (the store is locked, or the app closes)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def render_all(jobs: Sequence[RenderJob]) -> Iterator[tuple[int, bytes]]:
    """``(index, bytes)`` for every job, each as soon as it is ready (so the caller writes files while
    the rest render). Record PDFs share one rendering of the full minutes: one worker makes it first,
    the others start on the other copies meanwhile."""
    pool = _the_pool() if len(jobs) >= MIN_JOBS else None
    record = [i for i, j in enumerate(jobs) if j.record_pdf]
    if pool is None:
        local_base = base_pdf_for(jobs[record[0]].document) if record else None
        for index, job in enumerate(jobs):
            yield index, render_job(job, local_base)
        return
    size = max(1, -(-len(jobs) // (workers_wanted() * _CHUNKS_PER_WORKER)))
    chunks: dict[Future[Any], list[int]] = {}

    def submit(indices: list[int], base: bytes | None) -> None:
        for start in range(0, len(indices), size):
            chunk = indices[start:start + size]
            chunks[pool.submit(_render_chunk, [jobs[i] for i in chunk], base)] = chunk

    done: set[int] = set()
    base: bytes | None = None
    try:
        base_future = pool.submit(base_pdf_for, jobs[record[0]].document) if record else None
        submit([i for i, j in enumerate(jobs) if not j.record_pdf], None)
        pending: set[Future[Any]] = set(chunks) | ({base_future} if base_future else set())
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                if future is base_future:
                    base = future.result()
                    before = set(chunks)
                    submit(record, base)
                    pending |= set(chunks) - before
                    continue
                for index, data in zip(chunks[future], future.result(), strict=True):
                    done.add(index)
                    yield index, data
    except BrokenProcessPool:
        # A worker died (killed, or out of memory): this process renders what is left.
        shut_down()
        if record and base is None:
            base = base_pdf_for(jobs[record[0]].document)
        for index, job in enumerate(jobs):
            if index not in done:
                yield index, render_job(job, base)
    finally:
        for future in chunks:
            future.cancel()
