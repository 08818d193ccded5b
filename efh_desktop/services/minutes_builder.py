"""Use case "Minutes out": build one meeting's minutes as plain data (``MinutesDocument``).

``MinutesBuilder`` only reads through the existing services; it never changes a row. Renderers and
per-child copies (``export/redaction.py``) work on what it returns. ``filing_for`` says where a
child's record copy is filed, by the practice profile's recording destinations.

For a finalised meeting the subjects come from the snapshot taken at finalising, not from the live
subject rows: finalised minutes say what they said, whatever is later changed about a child.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from efh_desktop.domain.name_folding import fold
from efh_desktop.domain.name_presence import words_of
from efh_desktop.domain.practice_rules import filing_condition_holds, has_open_referral
from efh_desktop.domain.uk_dates import format_date, format_datetime, format_time, format_time_range, to_uk
from efh_desktop.export.minutes_document import (
    ActionLine,
    AmendmentLine,
    ChecklistLine,
    DecisionLine,
    DisclosureLine,
    Fact,
    MinutesDocument,
    NoteLine,
    OverrideLine,
    PersonLine,
    Section,
    SharingLine,
    SubjectLine,
)
from efh_desktop.export.redaction import ChildIdentity
from efh_desktop.services.agenda_service import AgendaService
from efh_desktop.services.attendance_service import ATTENDANCE_LABELS, AttendanceService
from efh_desktop.services.checklist_service import ChecklistService
from efh_desktop.services.child_name_sieve import ChildNameSieve
from efh_desktop.services.context import AppContext, saved_id
from efh_desktop.services.finalise_service import FinaliseService
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.minutes_service import MinutesService
from efh_desktop.services.practice_service import PracticeService
from efh_desktop.services.setup_service import SetupService
from efh_desktop.services.sharing_service import CONSENT_LABELS, SharingService
from efh_desktop.services.subject_service import KIND_LABELS, SubjectService
from efh_desktop.store.tables import Subject

OTHER_BUSINESS = "Other business"
_ACTION_STATUS = {"open": "Open", "done": "Done", "not_done": "Not done"}


def version_text(finalised: bool, amendments: int) -> str:
    """"Draft", "Final", "Final, amended 1 time", "Final, amended 3 times"."""
    if not finalised:
        return "Draft"
    if not amendments:
        return "Final"
    return f"Final, amended {amendments} time{'s' if amendments != 1 else ''}"


def child_condition_holds(condition: str, child: Any, *, came_through: str = "",
                          open_referral_statuses: tuple[str, ...] = ()) -> bool:
    """Whether a recording destination's ``child_condition`` holds for a child (a ``Subject``): the
    open referral comes from the tick box or the legal status, and the EHM referral from how the
    child came to the meeting (``meeting_subject.came_through``), never from having an EHM id."""
    open_referral = has_open_referral(bool(getattr(child, "open_referral", False)),
                                      getattr(child, "legal_status", "") or "", open_referral_statuses)
    return filing_condition_holds(condition, open_referral=open_referral, came_through=came_through)


def _under_18(born: Any, on: Any) -> bool:
    if born is None:
        return False
    return bool((on.year - born.year - ((on.month, on.day) < (born.month, born.day))) < 18)


def _identity(s: Any) -> ChildIdentity:
    relatives = tuple((str(p.get("name", "")).strip(), str(p.get("relationship", "")).strip())
                      for p in (s.connected_people or ()) if isinstance(p, dict) and str(p.get("name", "")).strip())
    return ChildIdentity(
        subject_id=s.id, name=s.name, aliases=tuple(a for a in (s.aliases or ()) if a.strip()),
        date_of_birth_text=format_date(s.date_of_birth) if s.date_of_birth else "",
        identifiers=tuple(x for x in (s.lcs_id, s.ehm_id) if x and x.strip()), address=s.address or "",
        date_of_birth=s.date_of_birth, relatives=relatives)


def _strings(obj: Any) -> Iterator[str]:
    """Every string in a minutes document (dataclasses, tuples and dicts all the way down)."""
    if isinstance(obj, str):
        yield obj
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            yield from _strings(getattr(obj, f.name))
    elif isinstance(obj, (tuple, list, frozenset, set)):
        for item in obj:
            yield from _strings(item)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k)
            yield from _strings(v)


class MinutesBuilder:
    """Builds ``MinutesDocument`` objects from the database through the services it is given (it
    reads only; the composition root, ``app_services.Services``, hands it the session's instances)."""

    def __init__(self, ctx: AppContext, *, meetings: MeetingService, subjects: SubjectService,
                 attendance: AttendanceService, minutes: MinutesService, agenda: AgendaService,
                 checklist: ChecklistService, sharing: SharingService, finalise: FinaliseService,
                 setup: SetupService) -> None:
        self._ctx = ctx
        self._meetings = meetings
        self._subjects = subjects
        self._attendance = attendance
        self._minutes = minutes
        self._agenda = agenda
        self._checklist = checklist
        self._sharing = sharing
        self._finalise = finalise
        self._setup = setup  # who was told about the meeting; planning agreements
        self._sieve = ChildNameSieve()  # children of the whole store named in the minutes

    # -- filing -------------------------------------------------------------------------------------
    def filing_for(self, meeting: Any, child: Any) -> str:
        """The label of the first destination for the meeting's type whose condition holds for the
        child; the first destination's label when none holds; "" when the type names none."""
        profile = self._ctx.profile
        if meeting.type_key not in profile.meeting_types:
            return ""
        destinations = profile.destinations_for(meeting.type_key)
        came_through = PracticeService(self._ctx).came_through(meeting.id, child.id)
        for destination in destinations:
            if child_condition_holds(destination.child_condition, child, came_through=came_through,
                                     open_referral_statuses=profile.open_referral_statuses):
                return destination.label
        return destinations[0].label if destinations else ""

    def subjects(self, meeting_id: int) -> list[Any]:
        """The meeting's subjects as its minutes print them: frozen at finalising, else as they are."""
        frozen = self._finalise.frozen_subjects(meeting_id)
        return frozen if frozen is not None else self._meetings.subjects(meeting_id)

    def child_identities(self, meeting_id: int) -> list[ChildIdentity]:
        """Every child of the meeting, in meeting order, as redaction needs them. For finalised
        minutes (frozen subjects) the child's present name and aliases are masked too, besides the
        frozen ones: notes may have been written with either, and masking fails closed."""
        live = {s.id: s for s in self._meetings.subjects(meeting_id)}
        return [self._with_present_names(_identity(s), live.get(s.id)) for s in self.subjects(meeting_id)
                if s.kind == "child"]

    def poc_children(self, meeting_id: int) -> list[ChildIdentity]:
        """Persons of concern who are children (marked so, or under 18 at the meeting by date of
        birth): a disclosure copy treats them as children whatever the profile's policy. For
        finalised minutes, as they stood when finalised."""
        meeting = self._meetings.get(meeting_id)
        # The UK day of the meeting: at 00:30 on an 18th birthday (23:30 UTC the day before) they are 18.
        on = to_uk(meeting.starts_at).date() if meeting.starts_at else self._ctx.clock.today()
        live = {s.id: s for s in self._meetings.subjects(meeting_id)}
        return [self._with_present_names(_identity(s), live.get(s.id)) for s in self.subjects(meeting_id)
                if s.kind == "person_of_concern" and (s.treat_as_child or _under_18(s.date_of_birth, on))]

    def children_named_elsewhere(self, doc: MinutesDocument, known: Sequence[ChildIdentity]) -> list[ChildIdentity]:
        """Children in the store who were not discussed at this meeting but whose name or alias is
        written in its minutes (a brother known from another meeting, last month's Safer Options):
        a disclosure copy masks them as other children too. A child whose name is the same as one of
        the meeting's children is left to that child: masking it would take the copy's own child's
        name out of their copy. One who shares a professional's name is included: the redactor keeps
        the professional's full name and asks about the shared words, as for the meeting's children."""
        words = words_of(_strings(doc))
        known_ids = {c.subject_id for c in known}
        taken = {fold(c.name) for c in known}
        with self._ctx.reading() as session:
            # Exactly the children the sieve keeps when asked about everyone, found through an index
            # of their names that is never older than this read (services/child_name_sieve.py).
            found = self._sieve.named_in(session, words, known_ids)
            rows = [session.get(Subject, sid) for sid in found]
            # A child removed from the meeting after records were tagged with them is still in them.
            shown = {line.subject_id for line in doc.subjects} | known_ids | set(found)
            records = [r.subject_ids for sec in doc.sections for r in sec.notes] + [
                r.subject_ids for sec in doc.sections for r in sec.decisions] + [
                r.subject_ids for sec in doc.sections for r in sec.actions] + [d.subject_ids for d in doc.disclosures]
            tagged = {i for ids in records for i in ids}
            rows += [row for sid in sorted(tagged - shown) if (row := session.get(Subject, sid)) is not None
                     and row.kind == "child"]
        return [_identity(s) for s in rows if s is not None and fold(s.name) not in taken]

    @staticmethod
    def _with_present_names(identity: ChildIdentity, now: Any) -> ChildIdentity:
        if now is None:
            return identity
        names = [*identity.aliases, now.name, *(now.aliases or ())]
        return replace(identity, aliases=tuple(dict.fromkeys(a for a in names if a.strip() and a != identity.name)))

    # -- the document ---------------------------------------------------------------------------------
    def build(self, meeting_id: int) -> MinutesDocument:
        with self._ctx.one_read():  # one read session for every service asked below
            return self._build(meeting_id)

    def _build(self, meeting_id: int) -> MinutesDocument:
        profile = self._ctx.profile
        meeting = self._meetings.get(meeting_id)
        type_name = profile.meeting_type(meeting.type_key).name  # a stand-in's name says it is not in the profile
        amendments = self._finalise.amendments(meeting_id)
        subjects = self.subjects(meeting_id)
        finalised = meeting.status == "finalised" or meeting.finalised_at is not None
        return MinutesDocument(
            meeting_id=meeting_id,
            reference=f"EFH-{meeting_id:06d}",
            version=version_text(finalised, len(amendments)),
            marking=profile.protective_marking,
            title=meeting.title or type_name,
            type_name=type_name,
            facts=tuple(self._facts(meeting, type_name)),
            attendance=tuple(self._attendance_lines(meeting_id)),
            subjects=tuple(self._subject_line(s, meeting_id) for s in subjects),
            sections=tuple(self._sections(meeting_id)),
            checklist=tuple(ChecklistLine(r.number, r.title, r.status_label,
                                          "\n".join(t for t in (r.note, r.deferred_from) if t), r.depth)
                            for r in self._checklist.rows(meeting_id)),
            sharing=tuple(self._sharing_lines(meeting_id, {x.id: x.name for x in subjects})),
            overrides=tuple(self._overrides(meeting_id, finalised)),
            next_meeting=self._next_meeting(meeting),
            amendments=tuple(AmendmentLine(format_datetime(a.created_at), a.author, a.target, a.before, a.after,
                                           a.reason) for a in amendments),
            disclosures=tuple(self._disclosures(meeting_id)),
        )

    def _disclosures(self, meeting_id: int) -> list[DisclosureLine]:
        return [DisclosureLine(r.agency or "", r.to_share or "", r.recipient or "",
                               format_date(r.disclosed_on) if r.disclosed_on else "", r.purpose or "",
                               (r.subject_id,) if r.subject_id else ())
                for r in self._sharing.disclosures(meeting_id)]

    def _told(self, meeting_id: int) -> list[tuple[str, str]]:
        """Who was told about the meeting (a complex strategy's notifications): one fact each."""
        out = []
        for status in self._setup.notifications(meeting_id):
            told = status.recorded
            if told is None:
                continue
            how = ", ".join(p for p in (told.recipient, f"told by {told.informed_by}" if told.informed_by else "",
                                        format_datetime(told.informed_at) if told.informed_at else "") if p)
            out.append((f"Told: {status.label}", how))
        return out

    def _overrides(self, meeting_id: int, finalised: bool) -> list[OverrideLine]:
        """Finalised minutes print each override with the gate's words as recorded then (today's gate
        would word it from today's data, or no longer list it); a draft shows the gate as it is."""
        finalise = self._finalise
        if finalised:
            return [OverrideLine(o.message, o.reason, o.author) for o in finalise.overrides(meeting_id)]
        return [OverrideLine(line.item.message, o.reason, o.author)
                for line in finalise.gate(meeting_id) for o in line.overrides]

    def _facts(self, meeting: Any, type_name: str) -> list[Fact]:
        profile = self._ctx.profile
        when = format_date(meeting.starts_at)
        times = format_time_range(meeting.starts_at, meeting.ends_at)
        chair_role = profile.role_label(meeting.chair_role) if meeting.chair_role else ""
        pairs = [
            ("Meeting", type_name),
            ("Date and time", ", ".join(p for p in (when, times) if p)),
            ("Venue", meeting.venue or ""),
            ("Chair", ", ".join(p for p in (meeting.chair_name or "", chair_role) if p)),
            ("Minute-taker", meeting.minute_taker or ""),
            ("Police operation", meeting.police_operation or ""),
            ("Officer in charge", meeting.officer_in_charge or ""),
            ("Lead authority", meeting.lead_authority or ""),
            ("Locality", meeting.locality or ""),
            ("Concerns", ", ".join(profile.concern_label(c) for c in (meeting.concerns or "").split(",") if c)),
            ("Across boundaries", "Yes: the harm crosses local authority or police force boundaries"
             if meeting.cross_boundary else ""),
            ("Lead area", self._lead_area(meeting)),
            ("Actual start and end", self._actual_times(meeting)),
            *self._told(meeting.id),
            ("Finalised", ", ".join(p for p in (meeting.finalised_by or "",
                                                format_datetime(meeting.finalised_at) if meeting.finalised_at else "")
                                    if p)),
        ]
        return [Fact(label, value) for label, value in pairs if value]

    @staticmethod
    def _lead_area(meeting: Any) -> str:
        """Where harm crosses boundaries, the area that leads and who decided it (the Safer Options
        Manager and the Deputy Service Manager): "Northmoor leads, decided by …"."""
        area, by = (meeting.lead_area or "").strip(), (meeting.lead_area_decided_by or "").strip()
        if not by:
            return f"{area} leads" if area else ""
        return f"{area} leads, decided by {by}" if area else f"Decided by {by} (the area is not recorded)"

    @staticmethod
    def _actual_times(meeting: Any) -> str:
        if meeting.actual_start is None:
            return ""
        if meeting.actual_end is None:
            return f"started {format_datetime(meeting.actual_start)}"
        if to_uk(meeting.actual_end).date() == to_uk(meeting.actual_start).date():  # the UK days
            return f"{format_date(meeting.actual_start)}, {format_time_range(meeting.actual_start, meeting.actual_end)}"
        return f"{format_datetime(meeting.actual_start)} to {format_datetime(meeting.actual_end)}"

    def _attendance_lines(self, meeting_id: int) -> list[PersonLine]:
        meeting = self._meetings.get(meeting_id)
        self._covers = {r.key: r.label for r in self._ctx.profile.meeting_type(meeting.type_key).required_attendees}
        out = []
        for a in self._attendance.list(meeting_id):
            status = ATTENDANCE_LABELS.get(a.status, a.status)
            detail = a.apology_reason if a.status == "apologies" else a.part_attendance if a.status == "part" else ""
            # The team with the agency; the profile's required attendee this person covers with the role.
            covers = self._covers.get(a.rule_key, a.rule_key) if a.rule_key else ""
            role = f"{a.role}, covering {covers}" if a.role and covers else a.role or (f"Covering {covers}" if covers
                                                                                      else "")
            agency = ", ".join(p for p in (a.agency or "", a.team or "") if p)
            out.append(PersonLine(a.name, role, agency, f"{status}: {detail}" if detail else status))
        return out

    def _subject_line(self, s: Any, meeting_id: int) -> SubjectLine:
        details = self._subjects.describe(s)
        extra = []
        if s.kind == "child" and getattr(s, "looked_after_on", None):
            extra.append(f"looked after since {format_date(s.looked_after_on)}")  # after the legal status and ids
        if s.aliases:
            extra.append("also known as " + ", ".join(s.aliases))
        for label, value in (("lead professional", s.lead_professional), ("allocated worker", s.allocated_worker)):
            if value:
                extra.append(f"{label} {value}")
        if s.address:
            extra.append(s.address)
        if s.locality:
            extra.append(s.locality)

        agreement = self._setup.planning_agreement(meeting_id, s.id)
        if agreement.strip():
            # A child in another planning process (a YOT order): how the meetings are arranged.
            extra.append(f"planning agreement: {agreement.strip()}")
        return SubjectLine(s.id, KIND_LABELS.get(s.kind, s.kind), s.name, "; ".join(p for p in (details, *extra) if p))

    def _sections(self, meeting_id: int) -> list[Section]:
        tags = self._minutes.tags_for_meeting(meeting_id)
        sections = []
        top = 0
        for node in self._agenda.tree(meeting_id):
            top += node.depth == 0
            sections.append(self._section(node.number, node.title, node.subject_id,
                                          self._minutes.records_for_item(meeting_id, node.id), tags))
        loose = self._minutes.records_for_item(meeting_id, None)
        if loose:
            sections.append(self._section(str(top + 1), OTHER_BUSINESS, None, loose, tags))
        return sections

    def _section(self, number: str, title: str, subject_id: int | None, records: list[tuple[str, Any]],
                 tags: dict[tuple[str, int], list[int]]) -> Section:
        kinds = self._ctx.profile.decision_kinds
        notes, decisions, actions = [], [], []
        for kind, row in records:
            ids = tuple(tags.get((kind, row.id), ()))
            if kind == "note":
                notes.append(NoteLine(row.id, row.source_agency or "", format_time(row.created_at), row.text, ids,
                                      bool(row.not_for_family), bool(row.childs_own_words)))
            elif kind == "decision":
                label = kinds[row.kind_key].label if row.kind_key in kinds else row.kind_key
                decisions.append(DecisionLine(row.id, label or "Decision", row.text, row.rationale or "",
                                              row.dissent or "", row.decided_by or "", row.agreed_by or "", ids))
            else:
                status = _ACTION_STATUS.get(row.status, row.status)
                if row.status == "not_done" and row.not_done_reason:
                    status = f"{status}: {row.not_done_reason}"
                closed = ", ".join(p for p in (format_date(row.completed_at) if row.completed_at else "",
                                               row.completion_note or "") if p)
                actions.append(ActionLine(row.id, row.description, row.owner or "", row.agency or "",
                                          format_date(row.due_date) if row.due_date else "no date", status, ids,
                                          tactic=self._tactic(row.category), closed=closed,
                                          outcome=(row.outcome or "").strip(), impact=self._impact(row.outcome_rating),
                                          evidence=(row.outcome_evidence or "").strip()))
        return Section(number, title, subject_id, tuple(notes), tuple(decisions), tuple(actions))

    def _impact(self, key: str) -> str:
        """The rating in the words of the profile's impact scale; a key a newer profile dropped is
        printed as recorded."""
        return self._ctx.profile.impact_scale.get(key, key) if key else ""

    def _tactic(self, key: str) -> str:
        if not key:
            return ""
        try:
            return self._ctx.profile.disruption_tactic(key).label
        except KeyError:
            return key  # a tactic a newer profile dropped: the minutes still say what was recorded

    def _sharing_lines(self, meeting_id: int, names: dict[int, str]) -> list[SharingLine]:
        profile = self._ctx.profile
        out = []
        for child in self._sharing.children(meeting_id):
            r = child.record
            if r is None:
                continue
            consent = CONSENT_LABELS.get(r.consent, r.consent)
            basis = profile.lawful_bases.get(r.lawful_basis, r.lawful_basis) if r.lawful_basis else ""
            decided = ", ".join(p for p in (r.decided_by or "", format_datetime(r.decided_at)) if p)
            out.append(SharingLine(
                subject_id=saved_id(child.subject.id), child_name=names.get(saved_id(child.subject.id), child.subject.name),
                to_share=r.to_share or "",
                shared_by=r.shared_by or "", withheld=r.withheld or "", withheld_reason=r.withheld_reason or "",
                consent=f"{consent}: {r.consent_reason}" if r.consent_reason else consent,
                lawful_basis=f"{basis} ({r.lawful_basis_note})" if basis and r.lawful_basis_note else basis,
                decided=decided, share_by=f"by {format_date(r.share_by)}" if r.share_by else "",
                outreach=self._outreach(meeting_id, r.action_id)))
        return out

    def _outreach(self, meeting_id: int, action_id: int | None) -> str:
        if action_id is None:
            return ""
        for _kind, row in self._records(meeting_id):
            if _kind == "action" and row.id == action_id:
                return str(row.description)
        return ""

    def _records(self, meeting_id: int) -> list[tuple[str, Any]]:
        minutes = self._minutes
        return [r for node in self._agenda.tree(meeting_id) for r in minutes.records_for_item(meeting_id, node.id)] \
            + minutes.records_for_item(meeting_id, None)

    @staticmethod
    def _next_meeting(meeting: Any) -> str:
        if meeting.next_meeting_date is None:
            return meeting.next_meeting_reason or ""
        text = format_date(meeting.next_meeting_date)
        return f"{text}: {meeting.next_meeting_reason}" if meeting.next_meeting_reason else text
