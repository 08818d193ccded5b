"""An agency's actions as a PDF to send on the day: what that partner took away from a meeting (or
is carrying across meetings). Children appear by initials, because the digest leaves the laptop by
email; the file is written only where the user chooses, and the export is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.export.action_digest_pdf import ActionDigest, DigestRow, render_action_digest_pdf
from efh_desktop.export.name_masking import ChildMasker, unique_initials
from efh_desktop.services.context import ServiceError
from efh_desktop.services.export_writer import ExportWriter


class ActionDigestService:
    def __init__(self, services) -> None:  # noqa: ANN001 - the Services facade
        self._services = services

    def digest(self, agency: str, *, meeting_id: int | None = None, today: date | None = None) -> ActionDigest:
        services = self._services
        today = today or services.ctx.clock.today()
        rows = services.actions.rows(meeting_id=meeting_id, agency=agency, today=today)
        if not rows:
            raise ServiceError(f"There are no actions for {agency or 'that agency'} to send.")
        children = [s for s in services.subjects.list("child", include_archived=True)]
        initials = unique_initials([c.name for c in children])
        masker = ChildMasker([(c.name, c.aliases, initials[i]) for i, c in enumerate(children)])
        title = services.meetings.get(meeting_id).title if meeting_id else None
        digest_rows = tuple(DigestRow(
            description=masker(r.description), owner=r.owner, due=r.due_date, status_label=r.status_label,
            meeting_title=masker(r.meeting_title), meeting_date=to_uk(r.meeting_date).date(),
            subjects_text=masker(", ".join(r.subjects)), overdue=r.overdue(today)) for r in rows)
        return ActionDigest(agency=agency, generated_on=today, meeting_title=masker(title) if title else None,
                            rows=digest_rows, marking=services.profile.protective_marking)

    def export_pdf(self, agency: str, out_path: Path, *, meeting_id: int | None = None,
                   overwrite: bool = False) -> Path:
        """``overwrite`` only when the user confirmed replacing the file (the save dialog asks)."""
        out_path = Path(out_path)
        if out_path.is_dir() or not out_path.parent.is_dir():
            raise ServiceError("Choose a file name in an existing folder for the digest.")
        writer = ExportWriter(self._services.ctx)
        writer.check(out_path, overwrite=overwrite)
        data = render_action_digest_pdf(self.digest(agency, meeting_id=meeting_id))
        return writer.write(out_path, data, entity="action_digest", entity_id=meeting_id, meeting_id=meeting_id,
                            overwrite=overwrite, summary=f"Action digest for {agency} exported as PDF")
