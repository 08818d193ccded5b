"""Everything an unlocked session can do, in one object the window and the CLI both hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from efh_desktop.domain.profile import PracticeProfile
from efh_desktop.services.context import AppContext
from efh_desktop.store.vault import OpenStore

if TYPE_CHECKING:  # the modules themselves load when their service is first used (issue 17)
    from efh_desktop.services.action_digest_service import ActionDigestService
    from efh_desktop.services.action_service import ActionService
    from efh_desktop.services.agenda_export_service import AgendaExportService
    from efh_desktop.services.agenda_service import AgendaService
    from efh_desktop.services.attendance_service import AttendanceService
    from efh_desktop.services.checklist_service import ChecklistService
    from efh_desktop.services.disclosure_review_service import DisclosureReviewService
    from efh_desktop.services.draft_service import DraftService
    from efh_desktop.services.ecomap_service import EcomapService
    from efh_desktop.services.finalise_service import FinaliseService
    from efh_desktop.services.history_service import HistoryService
    from efh_desktop.services.interchange_service import InterchangeService
    from efh_desktop.services.live_service import LiveService
    from efh_desktop.services.meeting_list import MeetingList
    from efh_desktop.services.meeting_service import MeetingService
    from efh_desktop.services.minutes_builder import MinutesBuilder
    from efh_desktop.services.minutes_files_service import MinutesFilesService
    from efh_desktop.services.minutes_service import MinutesService
    from efh_desktop.services.practice_service import PracticeService
    from efh_desktop.services.referral_email_service import ReferralEmailService
    from efh_desktop.services.relation_service import RelationService
    from efh_desktop.services.search_service import SearchService
    from efh_desktop.services.search_upkeep import SearchUpkeep
    from efh_desktop.services.series_service import SeriesService
    from efh_desktop.services.setup_service import SetupService
    from efh_desktop.services.sharing_service import SharingService
    from efh_desktop.services.subject_service import SubjectService
    from efh_desktop.store.integrity import IntegrityReport


@dataclass
class Services:
    """The composition root of an unlocked session: it hands each service exactly the services it
    uses (their constructors say what that is). Nothing below this module receives it; the window,
    the CLI and the tests reach the use cases as ``services.<name>``.

    Each service is built, and its module imported, the first time it is used (issue 17: the
    start-up pays for the meetings list only, not for the ecomap's networkx, the bank holidays, the
    export and redaction modules or the interchange schema), then kept for the session. A service
    built on others asks for them here, so they are built first, once. ``functools.cached_property``
    keeps the instance in the object's ``__dict__`` (a test can still replace one)."""

    store: OpenStore
    ctx: AppContext
    # Sentences for the user about exports a crash interrupted (found and tidied at open).
    recovery_notes: list[str] = field(default_factory=list)

    # -- services that use only the context ------------------------------------------------------
    @cached_property
    def meeting_list(self) -> MeetingList:
        """The meetings list and its overdue steps, in SQLAlchemy Core: what start-up reads before the
        ORM is loaded (issue 17)."""
        from efh_desktop.services.meeting_list import MeetingList

        return MeetingList(self.ctx)

    @cached_property
    def meetings(self) -> MeetingService:
        from efh_desktop.services.meeting_service import MeetingService

        return MeetingService(self.ctx)

    @cached_property
    def subjects(self) -> SubjectService:
        from efh_desktop.services.subject_service import SubjectService

        return SubjectService(self.ctx)

    @cached_property
    def attendance(self) -> AttendanceService:
        from efh_desktop.services.attendance_service import AttendanceService

        return AttendanceService(self.ctx)

    @cached_property
    def minutes(self) -> MinutesService:
        from efh_desktop.services.minutes_service import MinutesService

        return MinutesService(self.ctx)

    @cached_property
    def agenda(self) -> AgendaService:
        from efh_desktop.services.agenda_service import AgendaService

        return AgendaService(self.ctx)

    @cached_property
    def series(self) -> SeriesService:
        from efh_desktop.services.series_service import SeriesService

        return SeriesService(self.ctx)

    @cached_property
    def live(self) -> LiveService:
        from efh_desktop.services.live_service import LiveService

        return LiveService(self.ctx)

    @cached_property
    def actions(self) -> ActionService:
        from efh_desktop.services.action_service import ActionService

        return ActionService(self.ctx)

    @cached_property
    def search(self) -> SearchService:
        from efh_desktop.services.search_service import SearchService

        return SearchService(self.ctx)

    @cached_property
    def search_upkeep(self) -> SearchUpkeep:
        from efh_desktop.services.search_upkeep import SearchUpkeep

        return SearchUpkeep(self.ctx)

    @cached_property
    def sharing(self) -> SharingService:
        from efh_desktop.services.sharing_service import SharingService

        return SharingService(self.ctx)

    @cached_property
    def drafts(self) -> DraftService:
        from efh_desktop.services.draft_service import DraftService

        return DraftService(self.ctx)

    @cached_property
    def disclosure_review(self) -> DisclosureReviewService:
        from efh_desktop.services.disclosure_review_service import DisclosureReviewService

        return DisclosureReviewService(self.ctx)

    @cached_property
    def interchange(self) -> InterchangeService:
        from efh_desktop.services.interchange_service import InterchangeService

        return InterchangeService(self.ctx)

    @cached_property
    def referral_email(self) -> ReferralEmailService:
        from efh_desktop.services.referral_email_service import ReferralEmailService

        return ReferralEmailService(self.ctx)

    @cached_property
    def practice(self) -> PracticeService:
        from efh_desktop.services.practice_service import PracticeService

        return PracticeService(self.ctx)

    # Issue 16: relationships, history and the ecomap (each uses only the context).
    @cached_property
    def relations(self) -> RelationService:
        from efh_desktop.services.relation_service import RelationService

        return RelationService(self.ctx)

    @cached_property
    def history(self) -> HistoryService:
        from efh_desktop.services.history_service import HistoryService

        return HistoryService(self.ctx)

    @cached_property
    def ecomap(self) -> EcomapService:
        from efh_desktop.services.ecomap_service import EcomapService

        return EcomapService(self.ctx)

    # -- services built on others (each one's parts are asked for, so built, first) -------------
    @cached_property
    def setup(self) -> SetupService:
        from efh_desktop.services.setup_service import SetupService

        return SetupService(self.ctx, self.meetings)

    @cached_property
    def checklist(self) -> ChecklistService:
        from efh_desktop.services.checklist_service import ChecklistService

        return ChecklistService(self.ctx, self.meetings, self.minutes)

    @cached_property
    def finalise(self) -> FinaliseService:
        from efh_desktop.services.finalise_service import FinaliseService

        return FinaliseService(self.ctx, self.setup)

    @cached_property
    def minutes_builder(self) -> MinutesBuilder:
        from efh_desktop.services.minutes_builder import MinutesBuilder

        return MinutesBuilder(
            self.ctx, meetings=self.meetings, subjects=self.subjects, attendance=self.attendance, minutes=self.minutes,
            agenda=self.agenda, checklist=self.checklist, sharing=self.sharing, finalise=self.finalise,
            setup=self.setup)

    @cached_property
    def minutes_files(self) -> MinutesFilesService:
        from efh_desktop.services.minutes_files_service import MinutesFilesService

        return MinutesFilesService(self.ctx, self.minutes_builder, meetings=self.meetings,
                                   subjects=self.subjects, disclosure_review=self.disclosure_review)

    @cached_property
    def agenda_export(self) -> AgendaExportService:
        from efh_desktop.services.agenda_export_service import AgendaExportService

        return AgendaExportService(self.ctx, self.meetings, self.attendance)

    @cached_property
    def action_digest(self) -> ActionDigestService:
        from efh_desktop.services.action_digest_service import ActionDigestService

        return ActionDigestService(self.ctx, self.actions, self.subjects, self.meetings)

    @classmethod
    def for_store(cls, store: OpenStore, profile: PracticeProfile, actor: str) -> Services:
        from efh_desktop.services.export_recovery import recover_interrupted

        services = cls(store=store, ctx=AppContext(store.engine, profile, actor, store.location.data_dir))
        services.recovery_notes = recover_interrupted(services.ctx)
        return services

    @property
    def profile(self) -> PracticeProfile:
        return self.ctx.profile

    def check(self) -> IntegrityReport:
        from efh_desktop.store.integrity import check_integrity

        return check_integrity(self.store.engine)

    def backup(self, out_path: Path | str, *, overwrite: bool = False) -> dict[str, int]:
        """A verified encrypted backup and its key file, where the user chose (never in the data folder).

        The intent is audited before anything is written, so a store that another process keeps
        locked refuses here (after the busy timeout) with nothing on disk; if the completion cannot be
        recorded, both files are removed again: what the user is told and what exists always agree."""
        from efh_desktop.services.export_writer import ExportWriter
        from efh_desktop.store.backup import backup_database

        out_path = Path(out_path)
        key_path = out_path.with_name(out_path.name + ".keyheader")
        writer = ExportWriter(self.ctx)
        if not out_path.expanduser().resolve().parent.exists():
            writer.check_folder(out_path.parent)  # refuse the data folder before creating anything in it
            out_path.parent.mkdir(parents=True, exist_ok=True)
        target = writer.check(out_path, overwrite=overwrite)  # links resolved: the real file is written
        key_target = writer.check(key_path, overwrite=overwrite)
        with writer.intent("backup", "database", out_path, names=[target.name, key_target.name],
                           target=target) as intent:
            counts = backup_database(self.store.engine, self.store.key, target, overwrite=overwrite)
            intent.adopt(target)
            # The key header travels with the backup: without it the copy cannot be unlocked. It records
            # the backup's own file salt (sqlcipher_export gave the copy a new one), so a restored pair
            # is recognised as belonging together.
            with open(target, "rb") as handle:
                salt = handle.read(16)
            header = self.store.header.for_database(salt)
            intent.write(key_target, (header.to_json() + "\n").encode("utf-8"), overwrite=overwrite)
            intent.complete(f"Backup written to {out_path.name}", {"rows": sum(counts.values())})
        return counts

    def change_passphrase(self, current: str, new: str, repeat: str) -> None:
        """Re-wrap the database key with a new passphrase (the database itself is not rewritten), then
        audit it. Raises ``StoreError`` with a sentence for the user (wrong passphrase, too short, a full
        disk…), which always says whether the passphrase has changed: the key file on disk decides."""
        from efh_desktop.services.passphrase_change import audit_failed, header_on_disk, not_written
        from efh_desktop.store.errors import StoreError

        before = self.store.header
        try:
            self.store.change_passphrase(current, new, repeat)
        except StoreError:
            self.store.header = before  # refused before anything was written
            raise
        except Exception as exc:  # noqa: BLE001 - a write that failed: see what the key file now holds
            # The session must go on with the key file that is on disk, never the one that was
            # refused: a later backup copies this header, and the next change unwraps it.
            on_disk = header_on_disk(self.store.location.header_path)
            if on_disk is None or on_disk.wrapped_key == before.wrapped_key:
                self.store.header = before
                raise not_written(exc) from None
            self.store.header = on_disk  # written after all (the folder's sync failed after the rename)
        try:
            with self.ctx.transaction() as (_session, audit):
                audit.event("update", "passphrase", summary="Passphrase changed (key re-wrapped)")
        except Exception as exc:  # noqa: BLE001 - the key file is already written: say so
            raise audit_failed(exc) from None

    @property
    def is_open(self) -> bool:
        """False once the session is locked: a late timer or a closing panel must not save then."""
        return self.store.is_open

    def lock(self) -> None:
        from efh_desktop.export.render_pool import shut_down

        shut_down()  # the export workers may hold the last export's minutes in memory
        self.store.close()
