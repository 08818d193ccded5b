"""Render a ``MinutesDocument`` as simple HTML for the minutes view in the window.

Built from the same document the PDF, Word and text copies are made from, in the PDF's order and
wording (headings, labels, "Nothing was recorded under this item.", "Decided by …; agreed by …"),
so the minute-taker reads in the window exactly what the PDF will say. Every string is escaped:
names and notes are never read as markup. Qt's rich text shows it (a subset of HTML 4).
"""

from __future__ import annotations

from html import escape

from efh_desktop.export.minutes_document import MinutesDocument, Section


def _t(text: str) -> str:
    """Escaped, with the text's own line breaks kept."""
    return escape(text or "").replace("\n", "<br>")


def _table(head: tuple[str, ...] | None, rows: list[list[str]]) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="4" width="100%">']
    if head:
        out.append("<tr>" + "".join(f"<th align='left'>{_t(h)}</th>" for h in head) + "</tr>")
    out += ["<tr>" + "".join(f"<td valign='top'>{_t(c)}</td>" for c in row) + "</tr>" for row in rows]
    out.append("</table>")
    return "".join(out)


def _pairs(pairs: list[tuple[str, str]]) -> str:
    """A label column and a value column, as the PDF's fact and sharing tables."""
    rows = "".join(f"<tr><td valign='top' width='25%'><b>{_t(label)}</b></td><td valign='top'>{_t(value)}</td></tr>"
                   for label, value in pairs)
    return f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{rows}</table>'



def _section(section: Section) -> str:
    out = [f"<h3>{_t(' '.join(p for p in (section.number, section.title) if p))}</h3>"]
    if not (section.notes or section.decisions or section.actions):
        out.append("<p><i>Nothing was recorded under this item.</i></p>")
    for note in section.notes:
        meta = " · ".join(part for part in (note.agency, note.time) if part)
        out.append(f"<p><b>{_t(meta or 'Note')}</b>")
        flags = [label for on, label in ((note.not_for_family, "Not for the family"),
                                         (note.childs_own_words, "The child's own words")) if on]
        if flags:
            out.append(f"<br><i>{_t('; '.join(flags))}</i>")
        out.append(f"<br>{_t(note.text)}</p>")
    for decision in section.decisions:
        label = f"Decision ({decision.kind_label})" if decision.kind_label else "Decision"
        out.append(f"<p><b>{_t(label)}</b><br>{_t(decision.text)}")
        if decision.rationale:
            out.append(f"<br>&nbsp;&nbsp;&nbsp;&nbsp;{_t('Reason: ' + decision.rationale)}")
        if decision.dissent:
            out.append(f"<br>&nbsp;&nbsp;&nbsp;&nbsp;{_t('Dissent: ' + decision.dissent)}")
        who = "; ".join(part for part in (f"Decided by {decision.decided_by}" if decision.decided_by else "",
                                          f"agreed by {decision.agreed_by}" if decision.agreed_by else "") if part)
        if who:
            out.append(f"<br><i>{_t(who)}</i>")
        out.append("</p>")
    if section.actions:
        out.append("<p><b>Actions</b></p>")
        out.append(_table(("Action", "Owner", "Agency", "Due", "Status"),
                          [[a.action_text, a.owner, a.agency, a.due, a.status_text] for a in section.actions]))
    return "".join(out)


def render_minutes_html(doc: MinutesDocument) -> str:
    title = doc.title or doc.type_name
    out = [f"<html><body><p align='center'><b>{_t(doc.marking)}</b></p>" if doc.marking else "<html><body>",
           f"<h1>{_t(title)}</h1>"]
    if doc.type_name and doc.type_name != title:
        out.append(f"<p>{_t(doc.type_name)}</p>")
    if doc.copy_for:
        lines = [f"Copy for {doc.copy_for}"] + ([f"File on: {doc.filing}"] if doc.filing else [])
        out.append(f"<p><b>{_t(chr(10).join(lines))}</b></p>")
    if doc.redaction_note:
        out.append(f"<p><i>{_t(doc.redaction_note)}</i></p>")
    if doc.facts:
        out.append(_pairs([(f.label, f.value) for f in doc.facts]))
    out.append("<h2>Attendance</h2>")
    out.append(_table(("Name", "Role", "Agency", "Attendance"),
                      [[a.name, a.role, a.agency, a.attendance] for a in doc.attendance])
               if doc.attendance else "<p>No attendance was recorded.</p>")
    out.append("<h2>Subjects</h2>")
    out.append(_table(("Subject", "Name", "Details"), [[s.kind_label, s.name, s.details] for s in doc.subjects])
               if doc.subjects else "<p>No subjects were discussed.</p>")
    if doc.sections:
        out.append("<h2>Minutes</h2>")
        out += [_section(section) for section in doc.sections]
    if doc.checklist:
        out.append("<h2>Checklist</h2>")
        out.append(_table(("Item", "State", "Note"),
                          [["\u2003" * max(c.depth, 0) + " ".join(p for p in (c.number, c.title) if p), c.state, c.note]
                           for c in doc.checklist]))
    if doc.sharing:
        out.append("<h2>Information sharing</h2>")
        for line in doc.sharing:
            out.append(f"<h3>{_t(line.child_name)}</h3>")
            if line.pairs():
                out.append(_pairs(line.pairs()))
    if doc.disclosures:
        out.append("<h2>Information disclosed by agencies</h2>")
        for disclosure in doc.disclosures:
            out.append(f"<h3>{_t(disclosure.agency or 'Agency not recorded')}</h3>")
            if disclosure.pairs():
                out.append(_pairs(disclosure.pairs()))
    if doc.overrides:
        out.append("<h2>Finalised without</h2>")
        out.append(_table(("Outstanding", "Reason", "By"), [[o.item, o.reason, o.author] for o in doc.overrides]))
    if doc.next_meeting:
        out.append(f"<h2>Next meeting</h2><p>{_t(doc.next_meeting)}</p>")
    if doc.amendments:
        out.append("<h2>Amendments</h2>")
        for a in doc.amendments:
            out.append(f"<p><b>{_t(' · '.join(p for p in (a.when, a.author, a.target) if p))}</b>"
                       f"<br>{_t('Before: ' + a.before)}<br>{_t('After: ' + a.after)}"
                       + (f"<br>{_t('Reason: ' + a.reason)}" if a.reason else "") + "</p>")
    footer = " · ".join(p for p in (doc.reference, doc.version) if p)
    if footer:
        out.append(f"<p><i>{_t(footer)}</i></p>")
    out.append("</body></html>")
    return "".join(out)
