"""Writing the minutes: the full minutes, a record copy for each child (with where to file it) and
disclosure copies for a subject access request, in PDF, Word and LCS/EHM text.

Two steps, so a person can look before anything is written: ``plan`` builds every document (and,
for disclosure copies, the list of replacements and suspects to review); ``write`` renders and writes
each file atomically where the user chose, with an audit event per file, the redaction log for
disclosure copies and the filing list for record copies. File names carry the meeting reference
and a child's identifier or initials, never a name.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from efh_desktop.domain.uk_dates import format_datetime
from efh_desktop.export.minutes_document import MinutesDocument
from efh_desktop.export.name_masking import initials
from efh_desktop.export.redaction import (
    ChildIdentity,
    DisclosurePlanner,
    Replacement,
    Suspect,
    Withheld,
    record_copy,
    redaction_log_entries,
)
from efh_desktop.export.render_pool import MIN_JOBS, RenderFailed, Rendering, RenderJob, warm_up
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.disclosure_review_service import DisclosureReviewService
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.services.frozen_rows import FilingDetails, frozen_all
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.minutes_builder import MinutesBuilder
from efh_desktop.services.subject_service import SubjectService
from efh_desktop.store.tables import FilingEntry, RedactionLog

FORMATS = ("pdf", "docx", "txt")
DISCLOSURE_ALONE = ("A disclosure copy is written on its own, to a folder of its own: the full minutes and the "
                    "record copies name every child. Write them separately, to another folder.")
# Files written are recorded in groups (one folder sync, one transaction): at most this many, and
# at least this often, so progress moves and Cancel is never far away.
FLUSH_FILES = 8
FLUSH_SECONDS = 1.0


@dataclass
class PlannedCopy:
    kind: str  # "full" | "record" | "disclosure"
    document: MinutesDocument
    stem: str  # file name without extension
    subject_id: int | None = None
    filing: str = ""
    replacements: list[Replacement] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)
    digest: str = ""  # what a second person approves (disclosure copies)
    approved_by: str = ""  # "Name (role), when" once approved for this digest

    @property
    def open_points(self) -> int:
        """Suspects undecided and withheld notes without an exemption (disclosure copies)."""
        return sum(1 for s in self.suspects if not s.decision) + sum(1 for w in self.withheld if not w.basis)

    @property
    def ready(self) -> bool:
        return self.kind != "disclosure" or (self.open_points == 0 and bool(self.approved_by))


@dataclass
class ExportPlan:
    meeting_id: int
    folder: Path
    formats: tuple[str, ...]
    copies: list[PlannedCopy]
    overwrite: bool = False  # the user chose to replace files already there (--force)

    @property
    def files(self) -> list[Path]:
        return [self.folder / f"{c.stem}.{fmt}" for c in self.copies for fmt in self.formats]


class MinutesFilesService:
    def __init__(self, ctx: AppContext, builder: MinutesBuilder, *, meetings: MeetingService,
                 subjects: SubjectService, disclosure_review: DisclosureReviewService) -> None:
        self._ctx = ctx
        self._builder = builder
        self._meetings = meetings
        self._subjects = subjects
        self._disclosure_review = disclosure_review

    def plan(self, meeting_id: int, folder: Path, formats: Sequence[str] = ("pdf",), *, full: bool = True,
             per_child: bool = False, disclosure_for: Sequence[int] = (), overwrite: bool = False,
             start_workers: bool = True) -> ExportPlan:
        """``start_workers``: start the render workers for a plan of many files (they are ready when the
        review is done); False when the plan is only a check (``write``'s own, while they render)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise ServiceError(f"The folder {folder} does not exist; choose an existing folder.")
        # Before building anything: the data folder is refused whatever the files are called.
        ExportWriter(self._ctx).check_folder(folder)
        bad = [f for f in formats if f not in FORMATS]
        if bad or not formats:
            raise ServiceError(f"Formats can be {', '.join(FORMATS)}" + (f"; not {bad[0]}." if bad else "."))
        with self._ctx.one_read():  # one read session for the whole plan
            plan = self._plan(meeting_id, folder, formats, full, per_child, disclosure_for, overwrite)
        if start_workers and len(plan.files) >= MIN_JOBS:
            warm_up()  # the render workers start while the copies are reviewed
        return plan

    def _plan(self, meeting_id: int, folder: Path, formats: Sequence[str], full: bool, per_child: bool,
              disclosure_for: Sequence[int], overwrite: bool) -> ExportPlan:
        if disclosure_for and (full or per_child):
            # The full minutes and the record copies name every child: in the folder a family's copy is
            # given from, one wrong file handed over is a breach. A disclosure copy is written alone.
            raise ServiceError(DISCLOSURE_ALONE)
        self._refuse_mixed_folder(folder, disclosure=bool(disclosure_for))
        doc = self._builder.build(meeting_id)
        meeting = self._meetings.get(meeting_id)
        children = {c.subject_id: c for c in self._builder.child_identities(meeting_id)}
        lines = {s.subject_id: s for s in doc.subjects}
        copies: list[PlannedCopy] = []
        if full:
            copies.append(PlannedCopy("full", doc, f"minutes-{doc.reference}"))
        if per_child:
            for child_id, child in children.items():
                filing = self._builder.filing_for(meeting, self._subjects.get(child_id))
                copies.append(PlannedCopy("record", record_copy(doc, lines[child_id], filing=filing),
                                          f"minutes-{doc.reference}-record-{self._tag(child)}", child_id, filing))
        planner = None
        for child_id in disclosure_for:
            if child_id not in children:
                raise ServiceError("A disclosure copy is for a child discussed at this meeting.")
            if planner is None:
                profile = self._ctx.profile
                # Besides the persons of concern who are children, any child known to the store whose
                # name is written in these minutes is another child in every copy.
                pocs = self._builder.poc_children(meeting_id)
                elsewhere = self._builder.children_named_elsewhere(doc, [*children.values(), *pocs])
                planner = DisclosurePlanner(doc, list(children.values()),
                                            persons_of_concern=profile.persons_of_concern_in_disclosures,
                                            poc_children=[*pocs, *elsewhere],
                                            show_basis=profile.show_redaction_basis, bases=profile.redaction_bases)
            copies.append(self._disclosure(planner, meeting_id, child_id,
                                           f"minutes-{doc.reference}-disclosure-{self._tag(children[child_id])}"))
        copies = self._unique_stems(copies)
        plan = ExportPlan(meeting_id, folder, tuple(formats), copies, overwrite)
        existing = [p.name for p in plan.files if p.exists()]
        if existing and not overwrite:
            raise ServiceError(f"{existing[0]} already exists in that folder; choose another folder so nothing "
                               "is overwritten.")
        return plan

    @staticmethod
    def _refuse_mixed_folder(folder: Path, *, disclosure: bool) -> None:
        """A disclosure copy is not written where minutes that name every child already are, nor those
        minutes where a family's copy already is (file names as this service writes them)."""
        names = [p.name for p in folder.iterdir() if p.is_file() and p.name.startswith("minutes-")]
        family = [n for n in names if "-disclosure-" in n]
        others = [n for n in names if "-disclosure-" not in n]
        if disclosure and others:
            raise ServiceError(f"That folder holds {others[0]}, which names every child: write the disclosure "
                               "copy to a folder of its own.")
        if not disclosure and family:
            raise ServiceError(f"That folder holds the disclosure copy {family[0]}: write the full minutes and "
                               "record copies to another folder, not the one a family's copy is given from.")

    def _disclosure(self, planner: DisclosurePlanner, meeting_id: int, child_id: int, stem: str) -> PlannedCopy:
        review = self._disclosure_review
        decided = review.decisions(meeting_id, child_id)
        decisions = {k: d.decision for k, d in decided.items() if d.decision in ("mask", "keep")}
        bases = {k: d.basis for k, d in decided.items() if d.decision == "withhold"}
        result = planner.copy_for(child_id, decisions, bases)
        digest = result.digest()
        approval = review.approval(meeting_id, child_id, digest)
        approved = (f"{approval.approved_by} ({approval.approver_role}), {format_datetime(approval.approved_at)}"
                    if approval is not None else "")
        return PlannedCopy("disclosure", result.document, stem, child_id, "", result.replacements,
                           result.suspects, result.withheld, digest, approved)

    def write(self, plan: ExportPlan, progress: Callable[[int, int], None] | None = None,
              reason: str = "", stop: Callable[[], bool] | None = None) -> list[Path]:
        """Render and write every file of ``plan``; ``progress(done, total)`` as files are recorded.
        ``stop()`` (the user pressed Cancel) is asked after each file: the files written so far are
        recorded, ``progress`` is told, and writing stops there (the caller's progress raises)."""
        # Fail closed: a disclosure copy is written only when every point is decided and a second
        # person has approved it as it now stands; nothing at all is written otherwise.
        for copy in plan.copies:
            if copy.kind == "disclosure" and copy.open_points:
                raise ServiceError(f"{copy.stem}: {copy.open_points} point{'s' if copy.open_points != 1 else ''} "
                                   "still to decide in the review; nothing written.")
            if copy.kind == "disclosure" and not copy.approved_by:
                raise ServiceError(f"{copy.stem}: a second person (a senior manager) has not yet approved this "
                                   "disclosure copy; nothing written.")
        writer = ExportWriter(self._ctx)
        total = len(plan.files)
        targets = [(copy, fmt) for copy in plan.copies for fmt in plan.formats]
        for path in plan.files:
            writer.check(path, overwrite=plan.overwrite)  # refused before anything is rendered
        # Rendering (the slow part) runs on every core (export/render_pool.py); each file is written
        # here as soon as its bytes come back, while the rest render, and recorded in groups: the
        # folder synced once and one transaction of audit events per group (ExportBatch).
        jobs = [RenderJob(copy.document, fmt, record_pdf=copy.kind == "record" and fmt == "pdf")
                for copy, fmt in targets]
        # The workers start on the copies now, while this process checks that every disclosure copy
        # is still the one approved (planning them again: the longest step of the check). Until it
        # passes, nothing is written: the rendered bytes stay in memory, and are dropped if it fails.
        rendering = Rendering(jobs)
        try:
            self._check_still_approved(plan)
            return self._write_rendered(plan, writer, targets, rendering, total, progress, reason, stop)
        finally:
            rendering.cancel()

    def _write_rendered(self, plan: ExportPlan, writer: ExportWriter, targets: list[tuple[PlannedCopy, str]],
                        rendering: Rendering, total: int, progress: Callable[[int, int], None] | None,
                        reason: str, stop: Callable[[], bool] | None) -> list[Path]:
        paths: dict[int, Path] = {}
        started = time.monotonic()
        with writer.batch("export", plan.folder, [p.name for p in plan.files], entity_id=plan.meeting_id,
                          meeting_id=plan.meeting_id, overwrite=plan.overwrite) as batch:

            def record() -> None:
                nonlocal started
                batch.flush()
                started = time.monotonic()
                if progress is not None:
                    progress(len(batch.recorded), total)

            try:
                for index, data in rendering.results():  # as each is ready, not in plan order
                    copy, fmt = targets[index]
                    path = plan.folder / f"{copy.stem}.{fmt}"
                    batch.add(path, data, entity=f"minutes_{copy.kind}",
                              summary=f"Minutes written ({copy.kind} copy, {fmt.upper()})",
                              changes={"subject_id": copy.subject_id},
                              extra=functools.partial(self._record, plan=plan, copy=copy, path=path, fmt=fmt,
                                                      reason=reason))
                    paths[index] = path
                    if (batch.pending >= FLUSH_FILES or time.monotonic() - started >= FLUSH_SECONDS
                            or (stop is not None and stop())):
                        record()
            except RenderFailed as exc:
                copy, fmt = targets[exc.index]
                batch.flush()  # the files finished before it are whole: recorded, and kept
                raise ServiceError(f"{copy.stem}.{fmt} could not be made ({exc.reason}); it was not written. "
                                   f"{self._kept(batch.recorded, total)}") from None
            if batch.pending:
                record()
        return [paths[i] for i in sorted(paths)]

    @staticmethod
    def _kept(recorded: list[Path], total: int) -> str:
        if not recorded:
            return "No file was written."
        return f"{len(recorded)} of {total} files were written and recorded before it; the others were not."

    def _check_still_approved(self, plan: ExportPlan) -> None:
        """The approval covers the copy as it stood when planned. If the minutes or the children
        changed since (a child added to the meeting whom the approved copy names, a child renamed,
        a new note), the copy planned now differs from the approved one, and nothing is written from
        the old plan: it is reviewed and approved again."""
        ids = [c.subject_id for c in plan.copies if c.kind == "disclosure" and c.subject_id is not None]
        if not ids:
            return
        fresh = self.plan(plan.meeting_id, plan.folder, plan.formats, full=False, disclosure_for=ids,
                          overwrite=True, start_workers=False)
        now = {c.subject_id: c.digest for c in fresh.copies}
        for copy in plan.copies:
            if copy.kind == "disclosure" and now.get(copy.subject_id) != copy.digest:
                raise ServiceError(f"{copy.stem}: the minutes or their children changed after this copy was "
                                   "approved; review it again and have it approved again. Nothing written.")

    def _record(self, session: Session, *, plan: ExportPlan, copy: PlannedCopy, path: Path, fmt: str,
                reason: str) -> None:
        """Rows that belong to a written file, committed with its completion audit event."""
        if copy.kind == "disclosure":
            session.add(self._log(plan.meeting_id, copy, path.name, reason))
        if copy.kind == "record" and fmt == plan.formats[0]:
            session.add(FilingEntry(meeting_id=plan.meeting_id, subject_id=saved_id(copy.subject_id),
                                    destination=copy.filing, file_name=path.name))

    def _log(self, meeting_id: int, copy: PlannedCopy, file_name: str, reason: str) -> RedactionLog:
        """The redaction log entry of one disclosure file: every replacement with its basis, every
        point the manager decided (who, what, why), every withheld note's exemption, the approval."""
        ctx, bases = self._ctx, self._ctx.profile.redaction_bases
        stamp = self._ctx.clock.now().isoformat()
        decided = self._disclosure_review.decisions(meeting_id, saved_id(copy.subject_id))
        rows = redaction_log_entries(copy.replacements, copy_for=copy.document.copy_for, actor=ctx.actor,
                                     when=stamp, bases=bases)
        rows += [{"when": stamp, "actor": decided[w.key].decided_by if w.key in decided else ctx.actor,
                  "copy_for": copy.document.copy_for, "kind": "withheld note", "replaced_with": "(left out)",
                  "count": 1, "reason": f"Not for the family ({w.agency or 'agency not recorded'})",
                  "basis": bases.get(w.basis, w.basis)} for w in copy.withheld]
        points = [{"word": s.word, "reason": s.reason, "where": s.where, "decision": s.decision,
                   "decided_by": decided[s.key].decided_by if s.key in decided else "",
                   "why": decided[s.key].reason if s.key in decided else ""} for s in copy.suspects]
        why = "; ".join(p for p in (reason, f"approved by {copy.approved_by}") if p)
        return RedactionLog(meeting_id=meeting_id, subject_id=copy.subject_id, file_name=file_name,
                            replacements=rows, suspects=points, reason=why, author=ctx.actor)

    # -- the filing list ----------------------------------------------------------------------------
    def filing(self, meeting_id: int) -> list[FilingDetails]:
        with self._ctx.reading() as session:
            return frozen_all(FilingDetails, session.exec(select(FilingEntry).where(FilingEntry.meeting_id == meeting_id)
                                                          .order_by(col(FilingEntry.id))))

    def tick(self, entry_id: int, filed: bool = True) -> None:
        """Filed on the child's record (LCS/EHM), or not after all. Allowed after finalising: filing
        is what happens to finalised minutes."""
        with self._ctx.transaction() as (session, audit):
            entry = session.get(FilingEntry, entry_id)
            if entry is None:
                raise NotFound("filing entry", entry_id)
            entry.filed, entry.filed_by = filed, self._ctx.actor if filed else ""
            entry.filed_at = self._ctx.clock.now() if filed else None
            session.add(entry)
            audit.event("update", "filing_entry", entry_id, meeting_id=entry.meeting_id,
                        summary="Copy ticked as filed" if filed else "Copy no longer ticked as filed")

    def filing_complete(self, meeting_id: int) -> bool:
        entries = self.filing(meeting_id)
        return bool(entries) and all(e.filed for e in entries)

    def redaction_log(self, meeting_id: int) -> list[RedactionLog]:
        with self._ctx.reading() as session:
            return list(session.exec(select(RedactionLog).where(RedactionLog.meeting_id == meeting_id)
                                     .order_by(col(RedactionLog.id))))

    def export_redaction_log(self, meeting_id: int, out_path: Path, *, overwrite: bool = False) -> Path:
        """The redaction log as CSV (who, when, which copy, what was replaced and why), where chosen;
        an existing file is replaced only with ``overwrite`` (the user confirmed it)."""
        import csv
        import io

        out_path = Path(out_path)
        if out_path.is_dir() or not out_path.parent.is_dir():
            raise ServiceError("Choose a file name in an existing folder for the redaction log.")
        files = ExportWriter(self._ctx)
        files.check(out_path, overwrite=overwrite)
        logs = self.redaction_log(meeting_id)
        # The log names every child masked in every copy: beside a family's copy it would hand the
        # family what the copy took out.
        beside = next((log.file_name for log in logs if (out_path.parent / log.file_name).exists()), "")
        if beside:
            raise ServiceError(f"That folder holds the disclosure copy {beside}, and the redaction log names the "
                               "other children it masks: save the log in another folder.")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["when", "by", "file", "copy for", "replaced", "replaced with", "times", "why",
                         "legal basis", "decided by hand", "approval"])
        for log in logs:
            checked = "; ".join(f"{s['word']} ({s['reason']}): {s.get('decision') or 'undecided'}"
                                + (f" by {s['decided_by']}" if s.get("decided_by") else "")
                                + (f", {s['why']}" if s.get("why") else "") for s in log.suspects)
            for row in log.replacements or [{}]:
                writer.writerow([row.get("when", log.created_at.isoformat()), row.get("actor", log.author),
                                 log.file_name, row.get("copy_for", ""), row.get("kind", ""),
                                 row.get("replaced_with", ""), row.get("count", ""), row.get("reason", ""),
                                 row.get("basis", ""), checked, log.reason])
        return files.write(out_path, buffer.getvalue().encode("utf-8"), entity="redaction_log", entity_id=meeting_id,
                            meeting_id=meeting_id, overwrite=overwrite, summary="Redaction log exported")

    @staticmethod
    def _unique_stems(copies: list[PlannedCopy]) -> list[PlannedCopy]:
        """Two children with the same initials (Kai Marlow, Keira Moss: "KM") would share one file
        name: one family's copy written over, or put where, the other's should be. Each such copy
        gets the child's record number as well, so every copy has its own file."""
        seen: dict[str, int] = {}
        for c in copies:
            seen[c.stem] = seen.get(c.stem, 0) + 1
        return [dataclasses.replace(c, stem=f"{c.stem}-{c.subject_id}") if seen[c.stem] > 1 and c.subject_id else c
                for c in copies]

    @staticmethod
    def _tag(child: ChildIdentity) -> str:
        """A child's identifier (or initials) for a file name: never the name itself."""
        raw = child.identifiers[0] if child.identifiers else initials(child.name).replace(".", "")
        return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in raw) or f"child{child.subject_id}"


