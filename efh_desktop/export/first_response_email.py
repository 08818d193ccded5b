"""The email that puts a referral decision into effect: First Response is sent a summary of the
discussion and the decision (Bristol guidance; DOMAIN.md §6).

The app never sends mail. It builds a draft ``.eml`` that the minute-taker opens in Outlook (the
``X-Unsent: 1`` header makes Outlook open it as an unsent draft, ready to check and send from the
council's own mailbox).

The Subject line carries the child's initials only: subjects travel in mail headers, inbox lists
and phone notifications, where a full name should not appear. The meeting title is masked the same
way in case it names the child. The child's full name and identifiers appear only in the body.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from email import policy
from email.message import EmailMessage

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.export.agenda_document import DEFAULT_MARKING
from efh_desktop.export.name_masking import initials, mask_children

NOTHING_RECORDED = "None recorded."


def build_referral_email(*, to: str, sender: str, child_name: str, child_identifiers: str, meeting_title: str,
                         meeting_date: date, decision_text: str, rationale: str, discussion: Sequence[str],
                         decided_by: str, decision_kind: str = "", agreed_by: str = "",
                         agreement_of: str = "") -> EmailMessage:
    """A draft email to First Response recording a referral decision about one child.

    ``agreed_by`` is who agreed a threshold decision and ``agreement_of`` whose agreement it needs
    (in Safer Options, the Area DSM's: "Area Deputy Service Managers are responsible for any
    threshold decisions within Safer Options meetings")."""
    child_initials = initials(child_name)
    title = _one_line(meeting_title) or "Safer Options"
    subject_title = mask_children(title, [(child_name, (), child_initials)])
    # "Safer Options meeting" reads better as "Safer Options referral decision".
    if subject_title.lower().endswith(" meeting"):
        subject_title = subject_title[: -len(" meeting")]

    message = EmailMessage(policy=policy.SMTP)
    message["To"] = _one_line(to)
    message["From"] = _one_line(sender)
    kind = _one_line(decision_kind)
    what = f"{kind} for {child_initials}" if kind else f"referral decision for {child_initials}"
    message["Subject"] = f"{DEFAULT_MARKING}: {subject_title}: {what}" if kind else (
        f"{DEFAULT_MARKING}: {subject_title} {what}")
    message["X-Unsent"] = "1"
    # Quoted-printable keeps the file 7-bit and readable, whatever letters the names hold.
    message.set_content(_body(child_name=child_name, child_identifiers=child_identifiers, title=title,
                              meeting_date=meeting_date, decision_text=decision_text, rationale=rationale,
                              discussion=discussion, decided_by=decided_by, decision_kind=kind,
                              agreed_by=agreed_by, agreement_of=agreement_of),
                        cte="quoted-printable")
    return message


def eml_bytes(message: EmailMessage) -> bytes:
    """The message as an ``.eml`` file (CRLF line ends), marked as an unsent draft for Outlook."""
    if message["X-Unsent"] is None:
        message = copy.deepcopy(message)  # the caller's message is left as it was
        message["X-Unsent"] = "1"
    return message.as_bytes(policy=policy.SMTP)


def _body(*, child_name: str, child_identifiers: str, title: str, meeting_date: date, decision_text: str,
          rationale: str, discussion: Sequence[str], decided_by: str, decision_kind: str = "",
          agreed_by: str = "", agreement_of: str = "") -> str:
    name = _one_line(child_name)
    identifiers = _one_line(child_identifiers)
    points = [_bullet(point) for point in discussion if point.strip()]
    lines = [
        DEFAULT_MARKING,
        "",
        "Dear First Response,",
        "",
        f"The {title} on {format_date(meeting_date)} made a referral decision about {name}. The "
        "decision, the reasons for it and a summary of the discussion are below.",
        "",
        *([f"Please {decision_kind[0].lower()}{decision_kind[1:]}." if decision_kind else "", ""]
          if decision_kind else []),
        f"Child: {name}",
        f"Identifiers: {identifiers or NOTHING_RECORDED}",
        "",
        f"Decision: {decision_kind}" if decision_kind else "Decision",
        _block(decision_text),
        "",
        "Reasons",
        _block(rationale),
        "",
        "Summary of the discussion",
        *(points or [NOTHING_RECORDED]),
        "",
        f"Decided by: {_one_line(decided_by) or NOTHING_RECORDED}",
        *([f"Agreed by{f' ({_one_line(agreement_of)})' if agreement_of.strip() else ''}: {_one_line(agreed_by)}"]
          if agreed_by.strip() else []),
        "",
        DEFAULT_MARKING,
    ]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """Header-safe: a header may not hold a line break, so any run of white space becomes a space."""
    return " ".join((text or "").split())


def _block(text: str) -> str:
    kept = [line.rstrip() for line in (text or "").strip().splitlines()]
    return "\n".join(kept) if kept else NOTHING_RECORDED


def _bullet(point: str) -> str:
    """"- first line", later lines indented to sit under the text."""
    lines = [line.strip() for line in point.strip().splitlines() if line.strip()]
    return "\n".join(["- " + lines[0], *("  " + line for line in lines[1:])])
