"""Everything an unlocked session can do, in one object the window and the CLI both hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from efh_desktop.domain.profile import PracticeProfile
from efh_desktop.services.action_digest_service import ActionDigestService
from efh_desktop.services.action_service import ActionService
from efh_desktop.services.agenda_export_service import AgendaExportService
from efh_desktop.services.agenda_service import AgendaService
from efh_desktop.services.attendance_service import AttendanceService
from efh_desktop.services.checklist_service import ChecklistService
from efh_desktop.services.context import AppContext
from efh_desktop.services.disclosure_review_service import DisclosureReviewService
from efh_desktop.services.draft_service import DraftService
from efh_desktop.services.ecomap_service import EcomapService
from efh_desktop.services.export_writer import ExportWriter, recover_interrupted
from efh_desktop.services.finalise_service import FinaliseService
from efh_desktop.services.history_service import HistoryService
from efh_desktop.services.interchange_service import InterchangeService
from efh_desktop.services.live_service import LiveService
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.minutes_builder import MinutesBuilder
from efh_desktop.services.minutes_files_service import MinutesFilesService
from efh_desktop.services.minutes_service import MinutesService
from efh_desktop.services.practice_service import PracticeService
from efh_desktop.services.referral_email_service import ReferralEmailService
from efh_desktop.services.relation_service import RelationService
from efh_desktop.services.search_service import SearchService
from efh_desktop.services.series_service import SeriesService
from efh_desktop.services.setup_service import SetupService
from efh_desktop.services.sharing_service import SharingService
from efh_desktop.services.subject_service import SubjectService
from efh_desktop.store.backup import backup_database
from efh_desktop.store.integrity import IntegrityReport, check_integrity
from efh_desktop.store.vault import OpenStore


@dataclass
class Services:
    """The composition root of an unlocked session: it builds every service once and hands each one
    exactly the services it uses (their constructors say what that is). Nothing below this module
    receives it; the window, the CLI and the tests reach the use cases as ``services.<name>``."""

    store: OpenStore
    ctx: AppContext
    meetings: MeetingService = field(init=False)
    subjects: SubjectService = field(init=False)
    attendance: AttendanceService = field(init=False)
    minutes: MinutesService = field(init=False)
    agenda: AgendaService = field(init=False)
    series: SeriesService = field(init=False)
    setup: SetupService = field(init=False)
    live: LiveService = field(init=False)
    actions: ActionService = field(init=False)
    search: SearchService = field(init=False)
    checklist: ChecklistService = field(init=False)
    finalise: FinaliseService = field(init=False)
    sharing: SharingService = field(init=False)
    drafts: DraftService = field(init=False)
    minutes_builder: MinutesBuilder = field(init=False)
    minutes_files: MinutesFilesService = field(init=False)
    disclosure_review: DisclosureReviewService = field(init=False)
    interchange: InterchangeService = field(init=False)
    agenda_export: AgendaExportService = field(init=False)
    action_digest: ActionDigestService = field(init=False)
    referral_email: ReferralEmailService = field(init=False)
    relations: RelationService = field(init=False)
    history: HistoryService = field(init=False)
    ecomap: EcomapService = field(init=False)
    # Sentences for the user about exports a crash interrupted (found and tidied at open).
    recovery_notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        ctx = self.ctx
        # Services that use only the context.
        self.meetings = MeetingService(ctx)
        self.subjects = SubjectService(ctx)
        self.attendance = AttendanceService(ctx)
        self.minutes = MinutesService(ctx)
        self.agenda = AgendaService(ctx)
        self.series = SeriesService(ctx)
        self.live = LiveService(ctx)
        self.actions = ActionService(ctx)
        self.search = SearchService(ctx)
        self.sharing = SharingService(ctx)
        self.drafts = DraftService(ctx)
        self.disclosure_review = DisclosureReviewService(ctx)
        self.interchange = InterchangeService(ctx)
        self.referral_email = ReferralEmailService(ctx)
        self.practice = PracticeService(ctx)
        # Services built on others (order matters: each one's parts exist first).
        self.setup = SetupService(ctx, self.meetings)
        self.checklist = ChecklistService(ctx, self.meetings, self.minutes)
        self.finalise = FinaliseService(ctx, self.setup)
        self.minutes_builder = MinutesBuilder(
            ctx, meetings=self.meetings, subjects=self.subjects, attendance=self.attendance, minutes=self.minutes,
            agenda=self.agenda, checklist=self.checklist, sharing=self.sharing, finalise=self.finalise,
            setup=self.setup)
        self.minutes_files = MinutesFilesService(ctx, self.minutes_builder, meetings=self.meetings,
                                                 subjects=self.subjects, disclosure_review=self.disclosure_review)
        self.agenda_export = AgendaExportService(ctx, self.meetings, self.attendance)
        self.action_digest = ActionDigestService(ctx, self.actions, self.subjects, self.meetings)
        # Issue 16: relationships, history and the ecomap (each uses only the context).
        self.relations = RelationService(ctx)
        self.history = HistoryService(ctx)
        self.ecomap = EcomapService(ctx)

    @classmethod
    def for_store(cls, store: OpenStore, profile: PracticeProfile, actor: str) -> Services:
        services = cls(store=store, ctx=AppContext(store.engine, profile, actor, store.location.data_dir))
        services.recovery_notes = recover_interrupted(services.ctx)
        return services

    @property
    def profile(self) -> PracticeProfile:
        return self.ctx.profile

    def check(self) -> IntegrityReport:
        return check_integrity(self.store.engine)

    def backup(self, out_path: Path | str, *, overwrite: bool = False) -> dict[str, int]:
        """A verified encrypted backup and its key file, where the user chose (never in the data folder).

        The intent is audited before anything is written, so a store that another process keeps
        locked refuses here (after the busy timeout) with nothing on disk; if the completion cannot be
        recorded, both files are removed again: what the user is told and what exists always agree."""
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
        audit it. Raises ``StoreError`` with a sentence for the user (wrong passphrase, too short…)."""
        self.store.change_passphrase(current, new, repeat)
        with self.ctx.transaction() as (_session, audit):
            audit.event("update", "passphrase", summary="Passphrase changed (key re-wrapped)")

    @property
    def is_open(self) -> bool:
        """False once the session is locked: a late timer or a closing panel must not save then."""
        return self.store.is_open

    def lock(self) -> None:
        from efh_desktop.export.render_pool import shut_down

        shut_down()  # the export workers may hold the last export's minutes in memory
        self.store.close()
