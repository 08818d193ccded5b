"""Render a ``MinutesDocument`` as a plain-text block for pasting into the LCS Strategy form or an
EHM casenote: no markup, headings in capitals, every line at most 100 characters.

The text holds only what the document holds (a per-child copy is already redacted) and is returned
exactly: nothing is escaped, because the case-record boxes take plain text.
"""

from __future__ import annotations

import textwrap

from efh_desktop.export.minutes_document import MinutesDocument, Section

WIDTH = 100
# The builder's label is "Date and time"; a document from elsewhere may say "Date".
_DATE_FACTS = ("date", "date of meeting", "date and time")


def _wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """Wrap each line of ``text`` (its own line breaks kept), continuing under ``indent``."""
    out: list[str] = []
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            out.append("")
            continue
        out += textwrap.wrap(line, width=width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=True, break_on_hyphens=False, expand_tabs=True,
                             replace_whitespace=True, drop_whitespace=True) or [""]
    return out


def _labelled(label: str, value: str, indent: str = "") -> list[str]:
    """"Label: value" wrapped, continuation lines under the start of the line."""
    return _wrap(f"{label}: {value}", indent)


def _heading(title: str) -> list[str]:
    return ["", *_wrap(title.upper())]


def _fact(doc: MinutesDocument, *labels: str) -> str:
    for fact in doc.facts:
        if fact.label.strip().lower() in labels:
            return fact.value
    return ""


def _section(section: Section) -> list[str]:
    out = _heading(" ".join(p for p in (section.number, section.title) if p))
    if not (section.notes or section.decisions or section.actions):
        out.append("Nothing was recorded under this item.")
    for note in section.notes:
        flags = [label for on, label in ((note.not_for_family, "Not for the family"),
                                         (note.childs_own_words, "The child's own words")) if on]
        meta = " · ".join(p for p in (note.agency, note.time) if p) or "Note"
        if flags:
            meta += f" ({'; '.join(flags)})"
        out += _wrap(meta + ":")
        out += _wrap(note.text, "  ")
    for decision in section.decisions:
        label = f"Decision ({decision.kind_label})" if decision.kind_label else "Decision"
        out += _labelled(label, decision.text)
        if decision.rationale:
            out += _labelled("Reason", decision.rationale, "  ")
        if decision.dissent:
            out += _labelled("Dissent", decision.dissent, "  ")
        if decision.decided_by:
            out += _labelled("Decided by", decision.decided_by, "  ")
        if decision.agreed_by:
            out += _labelled("Agreed by", decision.agreed_by, "  ")
    if section.actions:
        out.append("Actions:")
        for action in section.actions:
            out += _wrap(f"- {action.description}", "  ")
            details = "; ".join(p for p in (f"Owner: {action.owner}" if action.owner else "",
                                            f"Agency: {action.agency}" if action.agency else "",
                                            f"Due: {action.due}" if action.due else "",
                                            f"Status: {action.status}" if action.status else "",
                                            f"Tactic: {action.tactic}" if action.tactic else "",
                                            f"Closed: {action.closed}" if action.closed else "") if p)
            if details:
                out += _wrap(details, "    ")
            for label, value in action.outcome_pairs():
                out += _labelled(label, value, "    ")
    return out


def render_lcs_text(doc: MinutesDocument) -> str:
    """The minutes as plain text, ready to paste; ends with a newline."""
    out: list[str] = _wrap((doc.title or doc.type_name).upper())
    if doc.marking:
        out += _wrap(doc.marking)
    if doc.copy_for:
        out += _labelled("Copy for", doc.copy_for)
        if doc.filing:
            out += _labelled("File on", doc.filing)
    if doc.redaction_note:
        out += _wrap(doc.redaction_note)
    out.append("")
    if doc.type_name:
        out += _labelled("Type of meeting", doc.type_name)
    out += _labelled("Date of meeting", _fact(doc, *_DATE_FACTS) or "not recorded")
    for fact in doc.facts:
        if fact.label.strip().lower() not in _DATE_FACTS:
            out += _labelled(fact.label, fact.value)
    if doc.reference or doc.version:
        out += _labelled("Reference", " · ".join(p for p in (doc.reference, doc.version) if p))

    present = [a for a in doc.attendance if not a.attendance.lower().startswith(("apolog", "absent", "did not"))]
    absent = [a for a in doc.attendance if a not in present]
    out += _heading("Attendees")
    out.append("Attendees:")
    for person in present:
        line = ", ".join(p for p in (person.name, person.role, person.agency) if p)
        if person.attendance and person.attendance != "Present":
            line += f" ({person.attendance})"
        out += _wrap(f"- {line}", "  ")
    if not present:
        out.append("  None recorded.")
    if absent:
        out.append("Apologies and absent:")
        for person in absent:
            line = ", ".join(p for p in (person.name, person.role, person.agency) if p)
            out += _wrap(f"- {line}: {person.attendance}", "  ")

    if doc.subjects:
        out += _heading("Subjects")
        for subject in doc.subjects:
            out += _wrap(f"- {subject.kind_label}: {subject.name}" + (f"; {subject.details}" if subject.details
                                                                      else ""), "  ")
    for section in doc.sections:
        out += _section(section)
    if doc.checklist:
        out += _heading("Checklist")
        for item in doc.checklist:
            indent = "  " * max(item.depth, 0)
            label = " ".join(p for p in (item.number, item.title) if p)
            out += _wrap(f"{label}: {item.state}" + (f". {item.note}" if item.note else ""), indent)
    if doc.sharing:
        out += _heading("Information sharing")
        for share in doc.sharing:
            out += _wrap(f"{share.child_name}:")
            for label, value in share.pairs():
                out += _labelled(label, value, "  ")
    if doc.disclosures:
        out += _heading("Information disclosed by agencies")
        for disclosure in doc.disclosures:
            out += _wrap(f"{disclosure.agency or 'Agency not recorded'}:")
            for label, value in disclosure.pairs():
                out += _labelled(label, value, "  ")
    if doc.overrides:
        out += _heading("Finalised without")
        for override in doc.overrides:
            out += _wrap(f"- {override.item}", "  ")
            out += _labelled("Reason", override.reason, "    ")
            if override.author:
                out += _labelled("By", override.author, "    ")
    if doc.next_meeting:
        out += _heading("Next meeting")
        out += _wrap(doc.next_meeting)
    if doc.amendments:
        out += _heading("Amendments")
        for a in doc.amendments:
            out += _wrap(" · ".join(p for p in (a.when, a.author, a.target) if p) + ":")
            out += _labelled("Before", a.before, "  ")
            out += _labelled("After", a.after, "  ")
            if a.reason:
                out += _labelled("Reason", a.reason, "  ")
    return "\n".join(line.rstrip() for line in out).strip("\n") + "\n"
