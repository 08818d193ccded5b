"""Use case "Agenda out": print or save a meeting's agenda as a PDF, in full or with children shown
by initials only (the copy that goes out by email; full names stay on the laptop).

An export is plaintext by nature, so it is written only to the path the user chose, atomically
(a temporary file beside the target, then a rename: nothing lands in the system temp folder), and
recorded in the audit trail in the same unit of work.
"""

from __future__ import annotations

from pathlib import Path

from efh_desktop.export.agenda_document import AgendaDocument, build_agenda_document
from efh_desktop.services.attendance_service import ATTENDANCE_LABELS, AttendanceService
from efh_desktop.services.context import AppContext, ServiceError
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.subject_service import KIND_LABELS


class AgendaExportService:
    """Builds, renders and writes agenda exports through the existing services."""

    def __init__(self, ctx: AppContext, meetings: MeetingService, attendance: AttendanceService) -> None:
        self._ctx = ctx
        self._meetings = meetings
        self._attendance = attendance

    def document(self, meeting_id: int, *, initials_only: bool) -> AgendaDocument:
        """The agenda as plain data, already redacted when ``initials_only``: for previews and tests."""
        meeting = self._meetings.get(meeting_id)
        profile = self._ctx.profile
        meeting_type = profile.meeting_types.get(meeting.type_key)
        type_name = meeting_type.name if meeting_type is not None else meeting.type_key
        chair_role = profile.role_label(meeting.chair_role) if meeting.chair_role else ""
        return build_agenda_document(
            meeting, type_name, chair_role, self._meetings.subjects(meeting_id),
            self._meetings.agenda(meeting_id), self._attendance.list(meeting_id),
            initials_only=initials_only, kind_labels=KIND_LABELS, status_labels=ATTENDANCE_LABELS,
            marking=profile.protective_marking)

    def export_pdf(self, meeting_id: int, out_path: Path, *, initials_only: bool, overwrite: bool = False) -> Path:
        """Write the agenda PDF to exactly ``out_path`` and audit it; returns ``out_path``.

        ``overwrite`` only when the user confirmed replacing the file (the save dialog asks)."""
        out_path = Path(out_path)
        if out_path.is_dir():
            raise ServiceError(f"{out_path} is a folder; choose a file name for the agenda.")
        if not out_path.parent.is_dir():
            raise ServiceError(f"The folder {out_path.parent} does not exist; choose another place to save.")
        writer = ExportWriter(self._ctx)
        writer.check(out_path, overwrite=overwrite)
        # Renderers are imported when used: ReportLab is not needed at start-up.
        from efh_desktop.export.agenda_pdf import render_agenda_pdf

        # Render before any transaction opens: the database is not held while ReportLab works.
        data = render_agenda_pdf(self.document(meeting_id, initials_only=initials_only))
        summary = "Agenda exported as PDF" + (" (initials only)" if initials_only else "")
        # The writer removes the file again if its audit event cannot be committed.
        return writer.write(out_path, data, entity="agenda", entity_id=meeting_id, meeting_id=meeting_id,
                            overwrite=overwrite, summary=summary, changes={"initials_only": initials_only})
