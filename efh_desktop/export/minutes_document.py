"""The minutes of one meeting as plain data: what every renderer (PDF, Word, LCS/EHM text) lays out.

Built from the database by ``services/minutes_builder.py``; per-child copies and redaction
transform this data before any renderer sees it (``export/redaction.py``), so a renderer can never
leak what the document no longer holds. Every string here is final display text (UK dates and times
already formatted); renderers escape it for their format and add nothing of their own but layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """A labelled line of the header: ("Chair", "Priya Oduya, Service Manager")."""

    label: str
    value: str


@dataclass(frozen=True)
class PersonLine:
    name: str
    role: str
    agency: str
    attendance: str  # "Present", "Apologies: clinic commitment", "Sent information instead"


@dataclass(frozen=True)
class SubjectLine:
    subject_id: int
    kind_label: str  # "Child", "Peer group", "Place", "Person of concern"
    name: str
    details: str  # e.g. "born 14 March 2010; Child in care; LCS: LCS-900101"


@dataclass(frozen=True)
class NoteLine:
    record_id: int
    agency: str
    time: str  # "10:35am"
    text: str
    subject_ids: tuple[int, ...]
    not_for_family: bool = False
    childs_own_words: bool = False


@dataclass(frozen=True)
class DecisionLine:
    record_id: int
    kind_label: str
    text: str
    rationale: str
    dissent: str
    decided_by: str
    agreed_by: str
    subject_ids: tuple[int, ...]


@dataclass(frozen=True)
class ActionLine:
    record_id: int
    description: str
    owner: str
    agency: str
    due: str  # "4 December 2026" or "no date"
    status: str  # "Open", "Done", "Not done: the agency did not do it"
    subject_ids: tuple[int, ...]
    tactic: str = ""  # the disruption tactic, where one applies
    closed: str = ""  # when it was closed and the completion note: "4 June 2026, the shop was visited"
    # An intervention's outcome (issue 16), recorded when it is closed: what changed, the rating's
    # words from the profile's impact scale ("Some improvement") and the evidence for it.
    outcome: str = ""
    impact: str = ""
    evidence: str = ""

    @property
    def status_text(self) -> str:
        """The Status cell as every renderer prints it: status, then tactic and when it was closed."""
        return "\n".join(p for p in (self.status, f"Tactic: {self.tactic}" if self.tactic else "",
                                      f"Closed: {self.closed}" if self.closed else "") if p)

    def outcome_pairs(self) -> list[tuple[str, str]]:
        """The intervention's outcome as (label, value), empty values left out, in the order every
        renderer prints them."""
        pairs = [("Outcome", self.outcome), ("Impact", self.impact), ("Evidence", self.evidence)]
        return [(label, value) for label, value in pairs if value]

    @property
    def action_text(self) -> str:
        """The Action cell as every renderer prints it: what was agreed, then the outcome under it
        (the widest column: an outcome is a sentence or two, not a word), a blank line between."""
        pairs = self.outcome_pairs()
        if not pairs:
            return self.description
        return "\n".join([self.description, "", *(f"{label}: {value}" for label, value in pairs)])


@dataclass(frozen=True)
class Section:
    """One agenda item with what was recorded under it; ``subject_id`` set for a per-subject item."""

    number: str
    title: str
    subject_id: int | None
    notes: tuple[NoteLine, ...] = ()
    decisions: tuple[DecisionLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()


@dataclass(frozen=True)
class ChecklistLine:
    number: str
    title: str
    state: str  # "Considered", "Not applicable", …
    note: str
    depth: int


@dataclass(frozen=True)
class SharingLine:
    """The information-sharing decision for one child (a copy for a child keeps only its own)."""

    subject_id: int
    child_name: str
    to_share: str
    shared_by: str
    withheld: str
    withheld_reason: str
    consent: str
    lawful_basis: str
    decided: str  # "Priya Oduya, 2 November 2026, 11:20am"
    share_by: str = ""  # "by 4 December 2026"
    outreach: str = ""  # Safer Options: the outreach action that uses the agreed words

    def pairs(self) -> list[tuple[str, str]]:
        """(label, value) in the order every renderer prints them; empty values left out."""
        pairs = [("To share", self.to_share), ("Shared by", self.shared_by), ("Share by", self.share_by),
                 ("Outreach action", self.outreach), ("Withheld", self.withheld),
                 ("Why withheld", self.withheld_reason), ("Consent", self.consent),
                 ("Lawful basis", self.lawful_basis), ("Decided", self.decided)]
        return [(label, value) for label, value in pairs if value]


@dataclass(frozen=True)
class DisclosureLine:
    """Information an agency disclosed, to whom, when and why (the sharing panel's agency records)."""

    agency: str
    what: str
    recipient: str
    when: str
    purpose: str
    subject_ids: tuple[int, ...] = ()

    def pairs(self) -> list[tuple[str, str]]:
        pairs = [("What", self.what), ("To", self.recipient), ("When", self.when), ("Why", self.purpose)]
        return [(label, value) for label, value in pairs if value]


@dataclass(frozen=True)
class OverrideLine:
    item: str  # what the gate said was outstanding
    reason: str
    author: str


@dataclass(frozen=True)
class AmendmentLine:
    when: str
    author: str
    target: str
    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class MinutesDocument:
    meeting_id: int
    reference: str  # e.g. "EFH-000123"; printed in the footer with the version
    version: str  # "Draft", "Final", "Final, amended 1 time(s)"
    marking: str  # protective marking, "OFFICIAL-SENSITIVE" by default
    title: str
    type_name: str
    facts: tuple[Fact, ...]
    attendance: tuple[PersonLine, ...]
    subjects: tuple[SubjectLine, ...]
    sections: tuple[Section, ...]
    checklist: tuple[ChecklistLine, ...]
    sharing: tuple[SharingLine, ...]
    overrides: tuple[OverrideLine, ...]
    next_meeting: str
    amendments: tuple[AmendmentLine, ...]
    # Set on per-child copies: who the copy is for and where it is filed (LCS Strategy form, …).
    copy_for: str = ""
    filing: str = ""
    redaction_note: str = ""  # e.g. "Other children are shown as Child B, Child C…"
    extra: dict[str, str] = field(default_factory=dict)
    disclosures: tuple[DisclosureLine, ...] = ()
