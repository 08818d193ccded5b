"""Writing the minutes: the full minutes, a record copy for each child (with where to file it) and
disclosure copies for a subject access request, in PDF, Word and LCS/EHM text.

Two steps, so a person can look before anything is written: ``plan`` builds every document (and,
for disclosure copies, the list of replacements and suspects to review); ``write`` renders and writes
each file atomically where the user chose, with an audit event per file, the redaction log for
disclosure copies and the filing list for record copies. File names carry the meeting reference
and a child's identifier or initials, never a name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from efh_desktop.export.minutes_document import MinutesDocument
from efh_desktop.export.name_masking import initials
from efh_desktop.export.redaction import (
    Replacement,
    Suspect,
    disclosure_copy,
    record_copy,
    redaction_log_entries,
)
from efh_desktop.services.context import NotFound, ServiceError
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.services.minutes_export_service import MinutesBuilder
from efh_desktop.store.tables import FilingEntry, RedactionLog, utcnow

FORMATS = ("pdf", "docx", "txt")


def _render(doc: MinutesDocument, fmt: str) -> bytes:
    # Renderers are imported when used: ReportLab and python-docx are not needed at start-up.
    if fmt == "pdf":
        from efh_desktop.export.minutes_pdf import render_minutes_pdf

        return render_minutes_pdf(doc)
    if fmt == "docx":
        from efh_desktop.export.minutes_docx import render_minutes_docx

        return render_minutes_docx(doc)
    from efh_desktop.export.lcs_text import render_lcs_text

    return render_lcs_text(doc).encode("utf-8")


@dataclass
class PlannedCopy:
    kind: str  # "full" | "record" | "disclosure"
    document: MinutesDocument
    stem: str  # file name without extension
    subject_id: int | None = None
    filing: str = ""
    replacements: list[Replacement] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)


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
    def __init__(self, services) -> None:  # noqa: ANN001 - the Services facade
        self._services = services
        self._builder = MinutesBuilder(services)

    def plan(self, meeting_id: int, folder: Path, formats: Sequence[str] = ("pdf",), *, full: bool = True,
             per_child: bool = False, disclosure_for: Sequence[int] = (), overwrite: bool = False) -> ExportPlan:
        folder = Path(folder)
        if not folder.is_dir():
            raise ServiceError(f"The folder {folder} does not exist; choose an existing folder.")
        # Before building anything: the data folder is refused whatever the files are called.
        ExportWriter(self._services.ctx).check_folder(folder)
        bad = [f for f in formats if f not in FORMATS]
        if bad or not formats:
            raise ServiceError(f"Formats can be {', '.join(FORMATS)}" + (f"; not {bad[0]}." if bad else "."))
        doc = self._builder.build(meeting_id)
        meeting = self._services.meetings.get(meeting_id)
        children = {c.subject_id: c for c in self._builder.child_identities(meeting_id)}
        lines = {s.subject_id: s for s in doc.subjects}
        copies: list[PlannedCopy] = []
        if full:
            copies.append(PlannedCopy("full", doc, f"minutes-{doc.reference}"))
        if per_child:
            for child_id, child in children.items():
                filing = self._builder.filing_for(meeting, self._services.subjects.get(child_id))
                copies.append(PlannedCopy("record", record_copy(doc, lines[child_id], filing=filing),
                                          f"minutes-{doc.reference}-record-{self._tag(child)}", child_id, filing))
        for child_id in disclosure_for:
            if child_id not in children:
                raise ServiceError("A disclosure copy is for a child discussed at this meeting.")
            copy, replacements, suspects = disclosure_copy(
                doc, child_id, list(children.values()),
                persons_of_concern=self._services.profile.persons_of_concern_in_disclosures)
            copies.append(PlannedCopy("disclosure", copy, f"minutes-{doc.reference}-disclosure-"
                                      f"{self._tag(children[child_id])}", child_id, "", replacements, suspects))
        plan = ExportPlan(meeting_id, folder, tuple(formats), copies, overwrite)
        existing = [p.name for p in plan.files if p.exists()]
        if existing and not overwrite:
            raise ServiceError(f"{existing[0]} already exists in that folder; choose another folder so nothing "
                               "is overwritten.")
        return plan

    def write(self, plan: ExportPlan, progress: Callable[[int, int], None] | None = None,
              reason: str = "") -> list[Path]:
        written: list[Path] = []
        writer = ExportWriter(self._services.ctx)
        total = len(plan.files)
        shared_minutes = None  # the full minutes (a parsed PDF) behind every record copy's front sheet
        for copy in plan.copies:
            for fmt in plan.formats:
                path = plan.folder / f"{copy.stem}.{fmt}"
                if copy.kind == "record" and fmt == "pdf":
                    from efh_desktop.export.record_copy_pdf import base_minutes, render_record_pdf

                    if shared_minutes is None:
                        import io

                        import pypdf

                        shared_minutes = pypdf.PdfReader(io.BytesIO(_render(base_minutes(copy.document), "pdf")))
                    data = render_record_pdf(copy.document, shared_minutes)
                else:
                    data = _render(copy.document, fmt)
                writer.write(path, data, entity=f"minutes_{copy.kind}", entity_id=plan.meeting_id,
                             meeting_id=plan.meeting_id, overwrite=plan.overwrite,
                             summary=f"Minutes written ({copy.kind} copy, {fmt.upper()})",
                             changes={"subject_id": copy.subject_id},
                             extra=lambda session, copy=copy, path=path, fmt=fmt: self._record(
                                 session, plan, copy, path, fmt, reason))
                written.append(path)
                if progress is not None:
                    progress(len(written), total)
        return written

    def _record(self, session, plan: ExportPlan, copy: PlannedCopy, path: Path, fmt: str,  # noqa: ANN001
                reason: str) -> None:
        """Rows that belong to a written file, committed with its completion audit event."""
        if copy.kind == "disclosure":
            session.add(RedactionLog(
                meeting_id=plan.meeting_id, subject_id=copy.subject_id, file_name=path.name,
                replacements=redaction_log_entries(copy.replacements, copy_for=copy.document.copy_for,
                                                   actor=self._services.ctx.actor, when=utcnow().isoformat()),
                suspects=[{"word": s.word, "reason": s.reason, "where": s.where} for s in copy.suspects],
                reason=reason, author=self._services.ctx.actor))
        if copy.kind == "record" and fmt == plan.formats[0]:
            session.add(FilingEntry(meeting_id=plan.meeting_id, subject_id=copy.subject_id,
                                    destination=copy.filing, file_name=path.name))

    # -- the filing list ----------------------------------------------------------------------------
    def filing(self, meeting_id: int) -> list[FilingEntry]:
        with self._services.ctx.reading() as session:
            return list(session.exec(select(FilingEntry).where(FilingEntry.meeting_id == meeting_id)
                                     .order_by(FilingEntry.id)))

    def tick(self, entry_id: int, filed: bool = True) -> None:
        """Filed on the child's record (LCS/EHM), or not after all. Allowed after finalising: filing
        is what happens to finalised minutes."""
        with self._services.ctx.transaction() as (session, audit):
            entry = session.get(FilingEntry, entry_id)
            if entry is None:
                raise NotFound("filing entry", entry_id)
            entry.filed, entry.filed_by = filed, self._services.ctx.actor if filed else ""
            entry.filed_at = utcnow() if filed else None
            session.add(entry)
            audit.event("update", "filing_entry", entry_id, meeting_id=entry.meeting_id,
                        summary="Copy ticked as filed" if filed else "Copy no longer ticked as filed")

    def filing_complete(self, meeting_id: int) -> bool:
        entries = self.filing(meeting_id)
        return bool(entries) and all(e.filed for e in entries)

    def redaction_log(self, meeting_id: int) -> list[RedactionLog]:
        with self._services.ctx.reading() as session:
            return list(session.exec(select(RedactionLog).where(RedactionLog.meeting_id == meeting_id)
                                     .order_by(RedactionLog.id)))

    def export_redaction_log(self, meeting_id: int, out_path: Path, *, overwrite: bool = False) -> Path:
        """The redaction log as CSV (who, when, which copy, what was replaced and why), where chosen;
        an existing file is replaced only with ``overwrite`` (the user confirmed it)."""
        import csv
        import io

        out_path = Path(out_path)
        if out_path.is_dir() or not out_path.parent.is_dir():
            raise ServiceError("Choose a file name in an existing folder for the redaction log.")
        files = ExportWriter(self._services.ctx)
        files.check(out_path, overwrite=overwrite)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["when", "by", "file", "copy for", "replaced", "replaced with", "times", "why",
                         "words checked by hand"])
        for log in self.redaction_log(meeting_id):
            checked = "; ".join(f"{s['word']} ({s['reason']})" for s in log.suspects)
            for row in log.replacements or [{}]:
                writer.writerow([row.get("when", log.created_at.isoformat()), log.author, log.file_name,
                                 row.get("copy_for", ""), row.get("kind", ""), row.get("replaced_with", ""),
                                 row.get("count", ""), row.get("reason", log.reason), checked])
        return files.write(out_path, buffer.getvalue().encode("utf-8"), entity="redaction_log", entity_id=meeting_id,
                            meeting_id=meeting_id, overwrite=overwrite, summary="Redaction log exported")

    @staticmethod
    def _tag(child) -> str:  # noqa: ANN001 - a ChildIdentity
        """A child's identifier (or initials) for a file name: never the name itself."""
        raw = child.identifiers[0] if child.identifiers else initials(child.name).replace(".", "")
        return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in raw) or f"child{child.subject_id}"


