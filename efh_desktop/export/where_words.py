"""Say in words where a point of the minutes is: "Checklist point 4, note", not "checklist[3].note".

The disclosure review and the export list show a manager what to look at; a path into the document
(``sections[3].notes[0].text``, the key suspects carry) means nothing to them. With the document,
section and checklist numbers are the ones printed in the minutes.
"""

from __future__ import annotations

import re

from efh_desktop.export.minutes_document import MinutesDocument

_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_LISTS = {"facts": "Meeting details, line", "attendance": "Attendance, person", "subjects": "Subjects, line",
          "sections": "Minutes item", "notes": "note", "decisions": "decision", "actions": "action",
          "checklist": "Checklist point", "sharing": "Information sharing, child", "overrides": "Override",
          "amendments": "Amendment", "disclosures": "Agency disclosure"}
_FIELDS = {"to_share": "what to share", "withheld_reason": "why withheld", "rationale": "reason",
           "decided_by": "decided by", "agreed_by": "agreed by", "shared_by": "shared by", "share_by": "share by",
           "kind_label": "kind", "child_name": "child's name", "lawful_basis": "lawful basis",
           "value": "", "text": "", "next_meeting": "Next meeting", "title": "title", "copy_for": "Copy for",
           "item": "what was outstanding", "status": "status", "what": "what was disclosed", "recipient": "to whom",
           "purpose": "why", "redaction_note": "Note on the copy", "due": "due date", "attendance": "attendance",
           "sharing": "Information sharing"}
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?![nr]i|s[eu]))", re.IGNORECASE)


def with_article(kind: str) -> str:
    """ "an alias", "a name", "an e-mail address", "a date of birth"."""
    return f"{'an' if _VOWEL_SOUND.match(kind) else 'a'} {kind}"


def where_in_words(path: str, doc: MinutesDocument | None = None) -> str:
    """``sections[3].notes[0].text`` as "Minutes item 4, note 1"; with ``doc``, the item and
    checklist numbers the minutes print ("Minutes item 2.1", "Checklist point 3.2")."""
    words: list[str] = []
    for part in path.split("."):
        match = _PART.fullmatch(part)
        if match is None:
            words.append(part)
            continue
        name, index = match.group(1), match.group(2)
        if index is None:
            label = _FIELDS.get(name, name.replace("_", " "))
            if label:
                words.append(label if words else label[:1].upper() + label[1:])
            continue
        number = str(int(index) + 1)
        if doc is not None and name == "sections" and int(index) < len(doc.sections) and doc.sections[int(index)].number:
            number = doc.sections[int(index)].number
        if doc is not None and name == "checklist" and int(index) < len(doc.checklist) and doc.checklist[int(index)].number:
            number = doc.checklist[int(index)].number
        words.append(f"{_LISTS.get(name, name.replace('_', ' '))} {number}")
    return ", ".join(words) or "the minutes"
