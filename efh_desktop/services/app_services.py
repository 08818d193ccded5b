"""Everything an unlocked session can do, in one object the window and the CLI both hold."""

from __future__ import annotations

from dataclasses import dataclass, field

from efh_desktop.domain.profile import PracticeProfile
from efh_desktop.services.action_service import ActionService
from efh_desktop.services.agenda_service import AgendaService
from efh_desktop.services.attendance_service import AttendanceService
from efh_desktop.services.checklist_service import ChecklistService
from efh_desktop.services.context import AppContext
from efh_desktop.services.disclosure_review_service import DisclosureReviewService
from efh_desktop.services.draft_service import DraftService
from efh_desktop.services.finalise_service import FinaliseService
from efh_desktop.services.live_service import LiveService
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.minutes_files_service import MinutesFilesService
from efh_desktop.services.minutes_service import MinutesService
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
    minutes_files: MinutesFilesService = field(init=False)
    disclosure_review: DisclosureReviewService = field(init=False)

    def __post_init__(self) -> None:
        self.agenda = AgendaService(self.ctx)
        self.series = SeriesService(self.ctx)
        self.setup = SetupService(self.ctx)
        self.live = LiveService(self.ctx)
        self.actions = ActionService(self.ctx)
        self.search = SearchService(self.ctx)
        self.checklist = ChecklistService(self.ctx)
        self.finalise = FinaliseService(self.ctx)
        self.sharing = SharingService(self.ctx)
        self.drafts = DraftService(self.ctx)
        self.disclosure_review = DisclosureReviewService(self.ctx)
        self.minutes_files = MinutesFilesService(self)
        self.meetings = MeetingService(self.ctx)
        self.subjects = SubjectService(self.ctx)
        self.attendance = AttendanceService(self.ctx)
        self.minutes = MinutesService(self.ctx)

    @classmethod
    def for_store(cls, store: OpenStore, profile: PracticeProfile, actor: str) -> Services:
        return cls(store=store, ctx=AppContext(store.engine, profile, actor))

    @property
    def profile(self) -> PracticeProfile:
        return self.ctx.profile

    def check(self) -> IntegrityReport:
        return check_integrity(self.store.engine)

    def backup(self, out_path) -> dict[str, int]:  # noqa: ANN001
        counts = backup_database(self.store.engine, self.store.key, out_path)
        # The key header travels with the backup: without it the copy cannot be unlocked. It records
        # the backup's own file salt (sqlcipher_export gave the copy a new one), so a restored pair
        # is recognised as belonging together.
        with open(out_path, "rb") as handle:
            salt = handle.read(16)
        self.store.header.for_database(salt).save(out_path.with_name(out_path.name + ".keyheader"))
        with self.ctx.transaction() as (_session, audit):
            audit.event("backup", "database", summary=f"Backup written to {out_path.name}",
                        changes={"file": str(out_path), "rows": sum(counts.values())})
        return counts

    def lock(self) -> None:
        self.store.close()
