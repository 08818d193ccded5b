"""Per-child copies of the minutes: the record copy and the disclosure (subject access) copy.

Pure functions on ``MinutesDocument``: no SQL, no Qt. A renderer only sees what these return, so
what is removed here cannot leak into a PDF or Word file.

Disclosure copy rules (DOMAIN.md §8):

* The subject child keeps their own name. Every other child gets a consistent label, "Child B",
  "Child C"… in the order they appear in the subjects list ("Child A" is never used).
* Other children's names, aliases and each word of their names (whole words, via ``ChildMasker``),
  dates of birth, identifiers and addresses are replaced in every text field. Professional names
  (attendees, chair, minute-taker, owners, deciders, authors) only lose a child's full name or
  alias, so "Alex Brannigan" stays even when a child is called Alex.
* Sections about another child, other children's information-sharing lines, and notes, decisions
  and actions tagged only with other children are left out. Other children's subject lines become
  their label with no details.
* **Common words policy: replace and flag.** A name word or alias of another child that is also a
  common English word ("Rose", "Will") is replaced like any other name word (a leak is worse than
  an odd sentence), and every place it was replaced is listed as a ``Suspect`` so the manager can
  check the sentence and change it if the word was not the child.
* Any other child's name word, alias or identifier still found in the finished copy (for example a
  surname the subject child shares) is listed as a ``Suspect`` too; there should normally be none.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from efh_desktop.export.minutes_document import (
    ActionLine,
    AmendmentLine,
    DecisionLine,
    Fact,
    MinutesDocument,
    OverrideLine,
    PersonLine,
    SharingLine,
    SubjectLine,
)
from efh_desktop.export.name_masking import ChildMasker, _key, _pattern, name_words

COMMON_WORDS = frozenset({
    "will", "may", "rose", "grace", "joy", "mark", "bill", "hope", "dawn", "faith", "june", "summer", "sky",
    "rich", "april", "august", "autumn", "amber", "ruby", "pearl", "iris", "lily", "daisy", "holly", "ivy",
    "jade", "river", "storm", "rain", "hunter", "chase", "cash", "king", "price", "young", "white", "black",
    "brown", "green", "gray", "grey", "baker", "cook", "smith", "wood", "hill", "field", "bell", "long", "little",
    "love", "sunny", "star", "angel", "honey", "penny", "sandy", "rock", "rocky", "frank", "sage", "ray",
    "jack", "pat", "sue", "don", "guy", "art", "bob", "rob", "nick", "gene", "dean", "major", "miles",
    "carol", "crystal", "destiny", "harmony", "heather", "hazel", "robin", "wren", "jay", "drew", "lane",
    "bay", "brook", "dale", "glen", "reed", "stone", "north", "west", "true", "blue", "red", "tiny", "chip",
})

POC_POLICIES = ("keep", "label")
REPLACEMENT_REASONS = {
    "name": "Another child's name (subject access request)",
    "alias": "Another child's alias (subject access request)",
    "date of birth": "Another child's date of birth (subject access request)",
    "identifier": "Another child's record identifier (subject access request)",
    "address": "Another child's address (subject access request)",
}
REDACTION_NOTE = "Other children are shown as Child B, Child C…; their own sections are left out."

# Fields that hold a professional's name: only full names and aliases are replaced there.
_PERSON_FIELDS = {
    (PersonLine, "name"), (ActionLine, "owner"), (DecisionLine, "decided_by"), (DecisionLine, "agreed_by"),
    (SharingLine, "shared_by"), (SharingLine, "decided"), (OverrideLine, "author"), (AmendmentLine, "author"),
}
_PERSON_FACTS = {"Chair", "Minute-taker", "Officer in charge"}
_TOKEN_RE = re.compile("\ue000(\\d+)\ue001")


@dataclass(frozen=True)
class ChildIdentity:
    subject_id: int
    name: str
    aliases: tuple[str, ...] = ()
    date_of_birth_text: str = ""
    identifiers: tuple[str, ...] = ()
    address: str = ""


@dataclass(frozen=True)
class Replacement:
    original_kind: str  # "name" | "alias" | "date of birth" | "identifier" | "address"
    replaced_with: str
    count: int


@dataclass(frozen=True)
class Suspect:
    word: str
    reason: str
    where: str  # a path into the document, e.g. "sections[3].notes[0].text"


def child_label(index: int) -> str:
    """The label of the ``index``-th other child (0 → "Child B", 24 → "Child Z", 25 → "Child AA")."""
    n, letters = index + 2, ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return f"Child {letters}"


# -- the record copy ----------------------------------------------------------------------------------
def record_copy(doc: MinutesDocument, child: SubjectLine, *, filing: str) -> MinutesDocument:
    """The full minutes for ``child``'s record, with their name and identifiers on the front."""
    identifiers = [p.strip() for p in child.details.split(";")
                   if p.strip().startswith(("born ", "LCS:", "EHM:"))]
    copy_for = child.name + (f" ({'; '.join(identifiers)})" if identifiers else "")
    return dataclasses.replace(doc, copy_for=copy_for, filing=filing)


# -- the disclosure copy -----------------------------------------------------------------------------
def disclosure_copy(doc: MinutesDocument, child_id: int, children: Sequence[ChildIdentity], *,
                    persons_of_concern: str = "keep") -> tuple[MinutesDocument, list[Replacement], list[Suspect]]:
    """The minutes for a subject access request by (or about) child ``child_id``; see the module notes.

    ``persons_of_concern``: "keep" leaves them as recorded; "label" replaces each person of concern's
    name (and its words) with "Person of concern 1", "Person of concern 2"… like a child's.
    Returns the copy, what was replaced (kinds and counts, never the removed text) and suspects.
    """
    if persons_of_concern not in POC_POLICIES:
        raise ValueError(f"persons_of_concern must be one of {POC_POLICIES}, not {persons_of_concern!r}")
    subject = next((c for c in children if c.subject_id == child_id), None)
    if subject is None:
        raise ValueError(f"child {child_id} is not one of the children given")
    child_ids = {c.subject_id for c in children}
    order = {line.subject_id: n for n, line in enumerate(doc.subjects)}
    others = sorted((c for c in children if c.subject_id != child_id),
                    key=lambda c: (order.get(c.subject_id, len(order)), c.name))
    labels = {c.subject_id: child_label(n) for n, c in enumerate(others)}
    other_ids = set(labels)

    pocs: list[tuple[str, str]] = []
    if persons_of_concern == "label":
        pocs = [(line.name, f"Person of concern {n}") for n, line in enumerate(
            (s for s in doc.subjects if s.kind_label == "Person of concern" and s.subject_id not in child_ids), 1)]
    poc_names = {name for name, _label in pocs}

    redactor = _Redactor(subject, others, labels, pocs)
    trimmed = _trim(doc, child_id, other_ids, labels, poc_names)
    suspects: list[Suspect] = []

    def text(value: str, owner: Any, field_name: str, path: str) -> str:
        person = (type(owner), field_name) in _PERSON_FIELDS or (
            isinstance(owner, Fact) and field_name == "value" and owner.label in _PERSON_FACTS)
        if isinstance(owner, SubjectLine) and field_name == "name" and value in redactor.final_labels:
            return value  # a label we set ourselves
        suspects.extend(redactor.common_word_hits(value, path, person=person))
        return redactor(value, person=person)

    out = _map_strings(trimmed, text, "")
    out = dataclasses.replace(out, copy_for=subject.name, filing="", redaction_note=REDACTION_NOTE)
    _map_strings(out, lambda v, _o, _f, path: (suspects.extend(redactor.leftovers(v, path)), v)[1], "")
    # The subject list's lines for other children became their labels in _trim: those are
    # replacements too, and the manager's review and the redaction log must show them.
    for line in doc.subjects:
        if line.subject_id in labels:
            redactor.counts[("name", labels[line.subject_id])] = redactor.counts.get(("name", labels[line.subject_id]),
                                                                                     0) + 1
    replacements = [Replacement(kind, label, count) for (kind, label), count in redactor.counts.items() if count]
    return out, replacements, suspects


def redaction_log_entries(replacements: Sequence[Replacement], *, copy_for: str, actor: str,
                          when: datetime | str) -> list[dict]:
    """Plain rows for the redaction log: who, when, which copy, what kind was replaced, by what, why."""
    stamp = when.isoformat() if isinstance(when, datetime) else str(when)
    return [{"when": stamp, "actor": actor, "copy_for": copy_for, "kind": r.original_kind,
             "replaced_with": r.replaced_with, "count": r.count,
             "reason": REPLACEMENT_REASONS.get(r.original_kind, "Redacted for a subject access request")}
            for r in replacements]


# -- internals ---------------------------------------------------------------------------------------
def _trim(doc: MinutesDocument, child_id: int, other_ids: set[int], labels: dict[int, str],
          poc_names: set[str]) -> MinutesDocument:
    """Leave out what belongs to other children only (before any text is rewritten)."""

    def keep(ids: tuple[int, ...]) -> bool:
        return not ids or not set(ids) <= other_ids

    def tags(ids: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(i for i in ids if i not in other_ids)

    sections = []
    for section in doc.sections:
        if section.subject_id in other_ids:
            continue
        sections.append(dataclasses.replace(
            section,
            notes=tuple(dataclasses.replace(n, subject_ids=tags(n.subject_ids)) for n in section.notes
                        if keep(n.subject_ids)),
            decisions=tuple(dataclasses.replace(d, subject_ids=tags(d.subject_ids)) for d in section.decisions
                            if keep(d.subject_ids)),
            actions=tuple(dataclasses.replace(a, subject_ids=tags(a.subject_ids)) for a in section.actions
                          if keep(a.subject_ids))))
    subjects = []
    for line in doc.subjects:
        if line.subject_id in other_ids:
            subjects.append(SubjectLine(line.subject_id, line.kind_label, labels[line.subject_id], ""))
        elif line.name in poc_names:
            subjects.append(dataclasses.replace(line, details=""))
        else:
            subjects.append(line)
    return dataclasses.replace(doc, sections=tuple(sections), subjects=tuple(subjects),
                               sharing=tuple(s for s in doc.sharing if s.subject_id == child_id))


def _map_strings(obj: Any, fn: Callable[[str, Any, str, str], str], path: str, owner: Any = None,
                 field_name: str = "") -> Any:
    """``obj`` with every string inside passed through ``fn(text, owning dataclass, field, path)``."""
    if isinstance(obj, str):
        return fn(obj, owner, field_name, path)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: _map_strings(getattr(obj, f.name), fn, f"{path}.{f.name}".lstrip("."), obj, f.name)
                   for f in dataclasses.fields(obj)}
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(_map_strings(v, fn, f"{path}[{n}]", owner, field_name) for n, v in enumerate(obj))
    if isinstance(obj, list):
        return [_map_strings(v, fn, f"{path}[{n}]", owner, field_name) for n, v in enumerate(obj)]
    if isinstance(obj, dict):
        return {k: _map_strings(v, fn, f"{path}[{k!r}]", owner, field_name) for k, v in obj.items()}
    return obj


def _literal_regex(terms: Sequence[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(_pattern(t) for t in terms) + r")(?!\w)", re.IGNORECASE)


class _Redactor:
    """Rewrites one text at a time. Every replacement first becomes a private-use token, so no
    replacement is ever re-scanned; tokens are turned into labels (and counted) at the end."""

    def __init__(self, subject: ChildIdentity, others: Sequence[ChildIdentity], labels: dict[int, str],
                 pocs: Sequence[tuple[str, str]]) -> None:
        self._outputs: list[tuple[str, str, str]] = []  # token index -> (kind, label, text shown)
        self.counts: dict[tuple[str, str], int] = {}
        self.final_labels = set(labels.values()) | {label for _name, label in pocs}

        def token(kind: str, label: str, shown: str) -> str:
            self._outputs.append((kind, label, shown))
            self.counts.setdefault((kind, label), 0)
            return f"\ue000{len(self._outputs) - 1}\ue001"

        # 1. The subject child's own full name and aliases are protected, kept exactly as written.
        self._protect = _literal_regex([subject.name, *subject.aliases])
        # 2. Literal details: dates of birth, identifiers, addresses (longest first, one pass).
        literal: dict[str, str] = {}
        own = {_key(v) for v in (subject.address, subject.date_of_birth_text, *subject.identifiers) if v}
        for child in others:
            label = labels[child.subject_id]
            for kind, values, shown in (("address", (child.address,), f"[address of {label}]"),
                                        ("date of birth", (child.date_of_birth_text,), f"[date of birth of {label}]"),
                                        ("identifier", child.identifiers, f"[identifier of {label}]")):
                for value in values:
                    if value and value.strip() and _key(value) not in literal and _key(value) not in own:
                        literal[_key(value)] = token(kind, label, shown)
        self._literal_tokens = literal
        self._literal = _literal_regex(list(literal))
        # 3. Names and aliases through ChildMasker: a name-token and an alias-token per child.
        entries, person_entries = [], []
        for child in others:
            label = labels[child.subject_id]
            name_tok, alias_tok = token("name", label, label), token("alias", label, label)
            entries += [(child.name, (), name_tok), ("", tuple(child.aliases), alias_tok)]
            person_entries += [(child.name, (), name_tok), ("", tuple(child.aliases), alias_tok)]
        for name, label in pocs:
            tok = token("name", label, label)
            entries.append((name, (), tok))
            person_entries.append((name, (), tok))
        self._names = ChildMasker(entries, name_parts=True)
        self._person_names = ChildMasker(person_entries, name_parts=False)

        # What must not remain, and the common words to flag.
        own_words = {_key(w) for w in name_words(subject.name)} | {_key(a) for a in subject.aliases}
        self._common: list[tuple[re.Pattern[str], str]] = []
        self._shared: list[tuple[re.Pattern[str], str]] = []
        leftover: list[str] = []
        for child in others:
            label = labels[child.subject_id]
            words = [*name_words(child.name), *child.aliases]
            leftover += [child.name, *words, *child.identifiers, child.date_of_birth_text]
            for word in words:
                regex = re.compile(r"(?<!\w)" + _pattern(word) + r"(?!\w)", re.IGNORECASE)
                if _key(word) in COMMON_WORDS:
                    self._common.append((regex, label))
                elif _key(word) in own_words:
                    self._shared.append((regex, label))
        self._leftover = _literal_regex([t for t in leftover if t and _key(t) not in own])

    def __call__(self, text: str, *, person: bool) -> str:
        if not text:
            return text
        kept: list[str] = []

        def protect(match: re.Match[str]) -> str:
            kept.append(match.group(0))
            return f"\ue002{len(kept) - 1}\ue003"

        if self._protect is not None:
            text = self._protect.sub(protect, text)
        if self._literal is not None:
            text = self._literal.sub(lambda m: self._literal_tokens.get(_key(m.group(0)), "[redacted]"), text)
        text = (self._person_names if person else self._names)(text)
        text = _TOKEN_RE.sub(self._restore, text)
        return re.sub("\ue002(\\d+)\ue003", lambda m: kept[int(m.group(1))], text)

    def _restore(self, match: re.Match[str]) -> str:
        kind, label, shown = self._outputs[int(match.group(1))]
        self.counts[(kind, label)] += 1
        return shown

    def common_word_hits(self, text: str, path: str, *, person: bool) -> list[Suspect]:
        if person or not text:
            return []
        out = []
        for regex, label in self._common:
            out += [Suspect(m.group(0), f"also a common word: replaced with {label}; check it meant the child",
                            path) for m in regex.finditer(text)]
        for regex, label in self._shared:
            out += [Suspect(m.group(0), f"also part of the subject child's name: replaced with {label} "
                            "unless part of their full name; check", path) for m in regex.finditer(text)]
        return out

    def leftovers(self, text: str, path: str) -> list[Suspect]:
        if self._leftover is None or not text:
            return []
        return [Suspect(m.group(0), "another child's name, alias or identifier is still in the copy", path)
                for m in self._leftover.finditer(text)]
