"""An agency's actions as a PDF to send on the day: what that partner took away from a meeting (or
is carrying across meetings). Children appear by initials, because the digest leaves the laptop by
email; the file is written only where the user chooses, and the export is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.export.name_masking import ChildMasker, unique_initials
from efh_desktop.services.action_service import ActionService
from efh_desktop.services.context import AppContext, ServiceError
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.subject_service import SubjectService

if TYPE_CHECKING:  # the renderer (and ReportLab) is imported when a digest is made, not at start-up
    from efh_desktop.export.action_digest_pdf import ActionDigest


class ActionDigestService:
    def __init__(self, ctx: AppContext, actions: ActionService, subjects: SubjectService,
                 meetings: MeetingService) -> None:
        self._ctx = ctx
        self._actions = actions
        self._subjects = subjects
        self._meetings = meetings

    def digest(self, agency: str, *, meeting_id: int | None = None, today: date | None = None) -> ActionDigest:
        from efh_desktop.export.action_digest_pdf import ActionDigest, DigestRow

        today = today or self._ctx.clock.today()
        rows = self._actions.rows(meeting_id=meeting_id, agency=agency, today=today)
        if not rows:
            raise ServiceError(f"There are no actions for {agency or 'that agency'} to send.")
        children = [s for s in self._subjects.list("child", include_archived=True)]
        initials = unique_initials([c.name for c in children])
        masker = ChildMasker([(c.name, c.aliases, initials[i]) for i, c in enumerate(children)])
        title = self._meetings.get(meeting_id).title if meeting_id else None
        digest_rows = tuple(DigestRow(
            description=masker(r.description), owner=r.owner, due=r.due_date, status_label=r.status_label,
            meeting_title=masker(r.meeting_title), meeting_date=to_uk(r.meeting_date).date(),
            subjects_text=masker(", ".join(r.subjects)), overdue=r.overdue(today)) for r in rows)
        return ActionDigest(agency=agency, generated_on=today, meeting_title=masker(title) if title else None,
                            rows=digest_rows, marking=self._ctx.profile.protective_marking)

    def export_pdf(self, agency: str, out_path: Path, *, meeting_id: int | None = None,
                   overwrite: bool = False) -> Path:
        """``overwrite`` only when the user confirmed replacing the file (the save dialog asks)."""
        out_path = Path(out_path)
        if out_path.is_dir() or not out_path.parent.is_dir():
            raise ServiceError("Choose a file name in an existing folder for the digest.")
        writer = ExportWriter(self._ctx)
        writer.check(out_path, overwrite=overwrite)
        from efh_desktop.export.action_digest_pdf import render_action_digest_pdf

        data = render_action_digest_pdf(self.digest(agency, meeting_id=meeting_id))
        return writer.write(out_path, data, entity="action_digest", entity_id=meeting_id, meeting_id=meeting_id,
                            overwrite=overwrite, summary=f"Action digest for {agency} exported as PDF")
