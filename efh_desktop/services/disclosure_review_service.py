"""Use case "Review a disclosure copy": the manager decides every suspect (mask or keep) and the
exemption of every withheld note; a second named person approves the copy as it then stands.

Decisions are stored against each point's stable key (disclosure_text.point_key), so planning the
copy again keeps them; a point whose sentence changed gets a new key and is asked again. An
approval is for the copy's digest (content and decisions): any later change needs a new approval,
so what is written is exactly what the second person saw. Every decision and approval is audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from efh_desktop.domain.name_folding import fold
from efh_desktop.domain.text_rules import clean_short
from efh_desktop.services.context import AppContext, ServiceError
from efh_desktop.store.tables import DisclosureApproval, DisclosureDecision, Meeting

DECISIONS = ("mask", "keep", "withhold")


@dataclass(frozen=True)
class Decided:
    decision: str
    basis: str
    reason: str
    decided_by: str


class DisclosureReviewService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- reading -------------------------------------------------------------------------------------
    def decisions(self, meeting_id: int, subject_id: int) -> dict[str, Decided]:
        with self._ctx.reading() as session:
            rows = session.exec(select(DisclosureDecision).where(
                DisclosureDecision.meeting_id == meeting_id, DisclosureDecision.subject_id == subject_id)
                .order_by(col(DisclosureDecision.id)))
            # The latest decision on a point wins; earlier ones stay as its history.
            return {r.point_key: Decided(r.decision, r.basis, r.reason, r.decided_by) for r in rows}

    def approval(self, meeting_id: int, subject_id: int, digest: str) -> DisclosureApproval | None:
        with self._ctx.reading() as session:
            return session.exec(select(DisclosureApproval).where(
                DisclosureApproval.meeting_id == meeting_id, DisclosureApproval.subject_id == subject_id,
                DisclosureApproval.plan_digest == digest).order_by(col(DisclosureApproval.id).desc())).first()

    # -- deciding ------------------------------------------------------------------------------------
    def decide(self, meeting_id: int, subject_id: int, key: str, decision: str, *, basis: str = "",
               reason: str = "") -> None:
        """Record the manager's decision on one point: "mask" or "keep" a suspect, or "withhold" a
        note under ``basis`` (a key of the profile's redaction bases)."""
        self.decide_many(meeting_id, subject_id, [(key, decision, basis, reason)])

    def decide_many(self, meeting_id: int, subject_id: int, items: Iterable[tuple[str, str, str, str]]) -> int:
        items = list(items)
        bases = self._ctx.profile.redaction_bases
        for key, decision, basis, _reason in items:
            if decision not in DECISIONS:
                raise ServiceError(f"A decision is one of {', '.join(DECISIONS)}, not “{decision}”.")
            if not key or len(key) > 64:
                raise ServiceError("That point of the review is not known; review the copy again.")
            if decision == "withhold" and basis not in bases:
                raise ServiceError("Choose the exemption for a withheld note from the list: "
                                   + "; ".join(f"{k} ({v})" for k, v in bases.items()))
            if decision == "keep" and basis and basis not in bases:
                raise ServiceError(f"“{basis}” is not one of the profile's redaction bases.")
        with self._ctx.transaction() as (session, audit):
            if session.get(Meeting, meeting_id) is None:
                raise ServiceError("That meeting is no longer in the store.")
            for key, decision, basis, reason in items:
                session.add(DisclosureDecision(meeting_id=meeting_id, subject_id=subject_id, point_key=key,
                                               decision=decision, basis=basis,
                                               reason=clean_short(reason, "Reason"), decided_by=self._ctx.actor))
            audit.event("update", "disclosure_review", meeting_id, meeting_id=meeting_id,
                        summary=f"Disclosure review: {len(items)} point{'s' if len(items) != 1 else ''} decided",
                        changes={"subject_id": subject_id, "decisions": [d for _k, d, _b, _r in items]})
        return len(items)

    def approve(self, meeting_id: int, subject_id: int, digest: str, *, approver: str, role: str) -> None:
        """A second named person approves the copy whose digest is ``digest`` (see the module notes)."""
        approver, role = clean_short(approver, "Approver"), clean_short(role, "Role")
        if not approver.strip() or not role.strip():
            raise ServiceError("Give the approver's name and role (a senior manager).")
        if fold(approver) == fold(self._ctx.actor):
            raise ServiceError("A disclosure copy is approved by a second person, not by the one who prepared it.")
        with self._ctx.transaction() as (session, audit):
            session.add(DisclosureApproval(meeting_id=meeting_id, subject_id=subject_id, plan_digest=digest,
                                           approved_by=approver, approver_role=role, approved_at=self._ctx.clock.now()))
            audit.event("update", "disclosure_approval", meeting_id, meeting_id=meeting_id,
                        summary=f"Disclosure copy approved by {approver} ({role})",
                        changes={"subject_id": subject_id, "digest": digest})

    def load_decisions_file(self, meeting_id: int, path: Path) -> dict[int, list[tuple[str, str, str, str]]]:
        """A decisions file the manager wrote (JSON): ``{"decisions": [{"child": id, "key": …,
        "decision": "mask"|"keep"|"withhold", "basis": …, "reason": …}, …]}``. Returns them by child."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise ServiceError(f"The decisions file could not be read ({type(exc).__name__}).") from None
        rows = data.get("decisions") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise ServiceError('The decisions file needs a list under "decisions".')
        out: dict[int, list[tuple[str, str, str, str]]] = {}
        for n, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get("child"), int) or not isinstance(row.get("key"), str):
                raise ServiceError(f"decisions[{n}]: needs a child (a number) and a key (text).")
            values = [row.get(k, "") for k in ("decision", "basis", "reason")]
            if not all(isinstance(v, str) for v in values):
                raise ServiceError(f"decisions[{n}]: decision, basis and reason are text.")
            out.setdefault(row["child"], []).append((row["key"], *values))
        return out
