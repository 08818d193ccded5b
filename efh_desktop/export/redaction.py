"""Per-child copies of the minutes: the record copy and the disclosure (subject access) copy.

Pure functions on ``MinutesDocument``: no SQL, no Qt. A renderer only sees what these return, so
what is removed here cannot leak into a PDF or Word file. docs/redaction.md is the manager's guide.

Disclosure copy rules (DOMAIN.md §8), failing closed:

* The subject child keeps their own name and details. Every other child gets one label, "Child B",
  "Child C"… in the order of the subjects list ("Child A" is never used); a person of concern who
  is a child (marked so, or under 18 by date of birth) is another child whatever the policy.
* Left out: other children's agenda items *and every sub-item under them* (what is left is
  renumbered, so no "8.1" without an "8"); notes, decisions and actions tagged only with other
  children; other children's information-sharing lines; notes marked not for the family (each
  listed with the exemption the manager chooses).
* Every text field, names of people included, goes through ``TextRedactor`` (disclosure_text.py):
  names in any spelling, relatives ("Parent of Child B"), dates of birth in any form, identifiers,
  addresses, postcodes, e-mail addresses and handles. What is only probable is a ``Suspect``,
  masked until the manager decides; no disclosure copy is written while one is undecided.
* A last pass over the finished copy lists anything that still looks like another child as a
  suspect ("still in the copy"); there should be none.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from efh_desktop.domain.name_engine import name_words
from efh_desktop.domain.name_folding import fold
from efh_desktop.domain.pii_detectors import find_dates
from efh_desktop.export.disclosure_text import (
    ChildFacts,
    Suspect,
    TextRedactor,
    is_family_role,
    is_professional_role,
    point_key,
)
from efh_desktop.export.minutes_document import (
    Fact,
    MinutesDocument,
    NoteLine,
    PersonLine,
    Section,
    SubjectLine,
)

__all__ = ["ChildIdentity", "DisclosureCopy", "DisclosurePlanner", "Replacement", "Suspect", "Withheld",
           "child_label", "disclosure_copy", "record_copy", "redaction_log_entries"]

POC_POLICIES = ("keep", "label")
REPLACEMENT_REASONS = {
    "name": "Another child's name",
    "alias": "Another child's alias",
    "relative": "A relative or carer of another child",
    "date of birth": "Another child's date of birth",
    "identifier": "Another child's record identifier",
    "address": "Another child's address",
    "postcode": "A postcode that is not the child's own",
    "e-mail address": "An e-mail address",
    "handle": "A social media handle",
    "person of concern": "A person of concern (profile policy)",
}
DEFAULT_BASIS = "third_party"
REDACTION_NOTE = "Other children are shown as Child B, Child C…; their own sections are left out."
_PERSON_FACTS = {"Chair", "Minute-taker", "Officer in charge"}
_OWN_FIELDS = {"reference", "version", "marking"}
# An attendee there as the child or young person the meeting is about, not as a professional.
_YOUNG_PERSON = re.compile(r"\byoung person\b|\byp\b|\bchild\b|\bpupil\b|\bstudent\b|\bthe subject\b|"
                           r"\bself\b|\bhimself\b|\bherself\b|\bthemselves\b|\bteenager\b", re.IGNORECASE)


@dataclass(frozen=True)
class ChildIdentity:
    subject_id: int
    name: str
    aliases: tuple[str, ...] = ()
    date_of_birth_text: str = ""
    identifiers: tuple[str, ...] = ()
    address: str = ""
    date_of_birth: date | None = None
    relatives: tuple[tuple[str, str], ...] = ()  # (name, relationship): parents, siblings, carers…

    def facts(self) -> ChildFacts:
        dob = self.date_of_birth
        if dob is None and self.date_of_birth_text:
            readings = [d for m in find_dates(self.date_of_birth_text) for d in m.dates]
            dob = readings[0] if readings else None
        return ChildFacts(self.subject_id, self.name, tuple(self.aliases), dob, tuple(self.identifiers),
                          self.address, tuple(self.relatives))


@dataclass(frozen=True)
class Replacement:
    original_kind: str  # "name" | "alias" | "relative" | "date of birth" | "identifier" | "address" | …
    replaced_with: str
    count: int
    basis: str = DEFAULT_BASIS


@dataclass(frozen=True)
class Withheld:
    """A note not for the family, left out of the copy: the manager chooses its exemption."""

    record_id: int
    where: str
    agency: str
    excerpt: str  # the note's first words, for the manager's review only (never in the copy)
    key: str
    basis: str = ""  # "" until the manager chooses


@dataclass
class DisclosureCopy:
    document: MinutesDocument
    replacements: list[Replacement]
    suspects: list[Suspect]
    withheld: list[Withheld] = field(default_factory=list)

    @property
    def open_points(self) -> int:
        """Suspects not yet decided and withheld notes without an exemption: none before writing."""
        return sum(1 for s in self.suspects if not s.decision) + sum(1 for w in self.withheld if not w.basis)

    def digest(self) -> str:
        """What a second person approves: the copy's content and every decision in it."""
        h = hashlib.sha256(repr(self.document).encode("utf-8", "surrogatepass"))
        for s in sorted(self.suspects, key=lambda s: s.key):
            h.update(f"{s.key}={s.decision};".encode())
        for w in sorted(self.withheld, key=lambda w: w.key):
            h.update(f"{w.key}={w.basis};".encode())
        return h.hexdigest()


def child_labels(copy_for: int, others: Iterable[int]) -> dict[int, str]:
    """The label of each other child (by record number) in the copy for child ``copy_for``.

    In an order that says nothing a family could read back: not the order the children were added
    to the meeting (often alphabetical, or the order they came to notice), nor their names, but a
    digest of the copy's child and the other child's record number. So the labels are the same each
    time this copy is planned (its approval covers them) and differ from one family's copy to the
    next."""
    def order(subject_id: int) -> tuple[bytes, int]:
        return hashlib.sha256(f"efh-label:{copy_for}:{subject_id}".encode()).digest(), subject_id

    return {sid: child_label(n) for n, sid in enumerate(sorted(set(others), key=order))}


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
class DisclosurePlanner:
    """Built once per meeting; ``copy_for`` makes one child's disclosure copy. The name index and
    every text's matches are shared between copies, which keeps 40 copies fast."""

    def __init__(self, doc: MinutesDocument, children: Sequence[ChildIdentity], *, persons_of_concern: str = "keep",
                 poc_children: Sequence[ChildIdentity] = (), show_basis: bool = False,
                 bases: Mapping[str, str] | None = None) -> None:
        if persons_of_concern not in POC_POLICIES:
            raise ValueError(f"persons_of_concern must be one of {POC_POLICIES}, not {persons_of_concern!r}")
        self.doc, self.show_basis, self.bases = doc, show_basis, dict(bases or {})
        self.children = list(children)
        self.poc_children = [c for c in poc_children if c.subject_id not in {x.subject_id for x in children}]
        every = self.children + self.poc_children
        self.child_ids = {c.subject_id for c in self.children}
        self.all_ids = {c.subject_id for c in every}
        facts = [self._with_family_attendees(c.facts(), every) for c in every]
        self.pocs = [(s.subject_id, s.name, _aliases_of(s)) for s in doc.subjects
                     if s.kind_label == "Person of concern" and s.subject_id not in self.all_ids]
        self.poc_policy = persons_of_concern
        known = {fold(n) for f in facts for n, _r in f.relatives}
        family = [p.name for p in doc.attendance if is_family_role(f"{p.role} {p.agency}")
                  and fold(p.name) not in known]
        self.redactor = TextRedactor(facts, professionals=self._professionals(),
                                     pocs=self.pocs, labels_for_pocs=persons_of_concern == "label", family=family)
        self._facts = {f.subject_id: f for f in facts}

    def _professionals(self) -> list[str]:
        # A child of these minutes at the meeting ("Tayo Brennick, Young person") is that child, not
        # a professional: taken for one, every mention of them was asked as "a professional's name",
        # and keeping it left their name in the attendance list.
        children = {fold(n) for c in self.children + self.poc_children for n in (c.name, *c.aliases)}
        names = [p.name for p in self.doc.attendance if not is_family_role(f"{p.role} {p.agency}")
                 and not ((_YOUNG_PERSON.search(f"{p.role} {p.agency}") or fold(" ".join(p.name.split())) in children)
                          and not is_professional_role(f"{p.role} {p.agency}"))]
        names += [f.value.split(",")[0] for f in self.doc.facts if f.label in _PERSON_FACTS]
        return [n.strip() for n in names if n.strip()]

    def _with_family_attendees(self, child: ChildFacts, every: Sequence[ChildIdentity]) -> ChildFacts:
        """An attendee there as family who shares a word of a child's surname is that child's
        relative, unless already recorded as some child's relative (then that record decides)."""
        words_of = name_words(child.name)
        surnames = {fold(w) for w in words_of[1:]} if len(words_of) > 1 else set()
        recorded = {fold(n) for c in every for n, _r in c.relatives}
        extra = []
        for p in self.doc.attendance:
            if not is_family_role(f"{p.role} {p.agency}") or not surnames or fold(p.name) in recorded:
                continue
            words = {fold(w) for w in name_words(p.name)}
            if words & surnames and fold(p.name) != fold(child.name):
                extra.append((p.name, p.role or p.agency or "family"))
        return dataclasses.replace(child, relatives=child.relatives + tuple(extra)) if extra else child

    def copy_for(self, child_id: int, decisions: Mapping[str, str] | None = None,
                 withheld_bases: Mapping[str, str] | None = None) -> DisclosureCopy:
        """The copy for child ``child_id``. ``decisions``: point key → "mask" | "keep";
        ``withheld_bases``: point key → the basis chosen for a withheld note."""
        if child_id not in self.child_ids:
            raise ValueError(f"child {child_id} is not one of the children given")
        decisions, withheld_bases = dict(decisions or {}), dict(withheld_bases or {})
        # In an order no family can read back (child_labels).
        labels = child_labels(child_id, (c.subject_id for c in self.children + self.poc_children
                                         if c.subject_id != child_id))
        poc_labels = ({sid: f"Person of concern {n}" for n, (sid, _name, _a) in enumerate(self.pocs, 1)}
                      if self.poc_policy == "label" else {})
        suspects: list[Suspect] = []
        trimmed, withheld = self._trim(child_id, set(labels), labels, poc_labels, withheld_bases, decisions, suspects)
        counts: dict[tuple[str, str], int] = {}
        brackets = self.show_basis
        changed: set[str] = set()  # texts the pass rewrote: only they can hold a leftover
        groups = self._named_groups(child_id, set(labels), labels, decisions, suspects)

        def text(value: str, owner: Any, field_name: str, path: str, tagged: frozenset[int]) -> str:
            if isinstance(owner, MinutesDocument) and field_name in _OWN_FIELDS:
                return value  # the meeting's reference, version and marking are the council's own
            if isinstance(owner, SubjectLine) and field_name == "name" and owner.subject_id in groups:
                return groups[owner.subject_id][1]
            for pattern, label in groups.values():
                value = pattern.sub(label, value) if isinstance(pattern, re.Pattern) else value
            if isinstance(owner, SubjectLine) and field_name == "name" and owner.subject_id in labels:
                return value  # a label set in _trim
            if isinstance(owner, SubjectLine) and field_name == "name" and owner.subject_id in poc_labels:
                return value
            out = self.redactor.redact(value, subject_id=child_id, labels=labels, poc_labels=poc_labels,
                                       where=path, tagged=tagged, decisions=decisions, brackets=brackets)
            for kind_label in out.replaced:
                counts[kind_label] = counts.get(kind_label, 0) + 1
            suspects.extend(out.suspects)
            if out.text != value:
                changed.add(out.text)
            return out.text

        trimmed = self._amendments(trimmed, child_id, decisions, suspects)
        out = _map_strings(trimmed, text, "", tagged=frozenset())
        out = _strip_tags(out, set(labels))
        out = self._family_attendees(out, child_id, decisions, suspects)
        out = dataclasses.replace(out, copy_for=self._facts[child_id].name, filing="", redaction_note=REDACTION_NOTE)
        out, leftovers = self._leftovers(out, child_id, labels, poc_labels, decisions, changed)
        suspects += leftovers
        for line in self.doc.subjects:
            if line.subject_id in labels:
                counts[("name", labels[line.subject_id])] = counts.get(("name", labels[line.subject_id]), 0) + 1
            elif line.subject_id in poc_labels:
                key = ("person of concern", poc_labels[line.subject_id])
                counts[key] = counts.get(key, 0) + 1
        replacements = [Replacement(kind, label, n) for (kind, label), n in counts.items() if n]
        return DisclosureCopy(out, replacements, _unique(suspects), withheld)

    # -- internals -----------------------------------------------------------------------------------
    def _named_groups(self, child_id: int, other_ids: set[int], labels: Mapping[int, str],
                      decisions: Mapping[str, str], suspects: list[Suspect]) -> dict[int, tuple[Any, str]]:
        """A peer group or place named after another child ("Tayo's crew", "Brennick's yard"): masked
        to "Child B's crew" it still tells a family who knows the group which child Child B is, and
        with that every "Child B" in the copy. Asked; until kept, the whole name becomes "Peer group
        1" (or "Place 1") wherever it is written. Subject id → (pattern of the name, label)."""
        out: dict[int, tuple[Any, str]] = {}
        counts: dict[str, int] = {}
        for line in self.doc.subjects:
            # A person of concern kept by name (the profile's "keep" policy) named after a child too:
            # "Dean Brennick" (Tayo's brother), "Tayo's uncle", "Big Tiz" were kept whole.
            kept_poc = line.kind_label == "Person of concern" and self.poc_policy != "label"
            if (line.kind_label not in ("Peer group", "Place") and not kept_poc) or line.subject_id in self.all_ids:
                continue
            counts[line.kind_label] = counts.get(line.kind_label, 0) + 1
            named = self.redactor.children_in_name(line.name) if kept_poc else self.redactor.children_named(line.name)
            theirs = sorted(named & other_ids, key=lambda c: labels.get(c, ""))
            if not theirs or child_id in named:
                continue
            label = f"{line.kind_label} {counts[line.kind_label]}"
            who = "/".join(labels[c] for c in theirs)
            key = point_key(str(child_id), "group named after a child", str(line.subject_id), fold(line.name))
            decision = decisions.get(key, "")
            reason = (f"a person of concern whose name holds {who}'s name (a relative?): kept by name, it would "
                      f"tell the family who {who} is" if kept_poc else
                      f"a {line.kind_label.lower()} named after {who}: its name would tell the family who {who} is")
            suspects.append(Suspect(line.name, reason, f"subjects[{line.subject_id}].name", key, line.name,
                                    label, decision))
            if decision != "keep":
                # Any apostrophe or none ("Tayo's", "Tayo’s", "Tayos"), any spacing.
                body = "".join("['’ʼ‘`´]?" if ch in "'’ʼ‘`´" else r"\s+" if ch.isspace() else re.escape(ch)
                               for ch in " ".join(line.name.split()))
                pattern = re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)
                out[line.subject_id] = (pattern, label)
        return out

    def _trim(self, child_id: int, other_ids: set[int], labels: dict[int, str], poc_labels: dict[int, str],
              withheld_bases: Mapping[str, str], decisions: Mapping[str, str],
              suspects: list[Suspect]) -> tuple[MinutesDocument, list[Withheld]]:
        """Leave out what belongs to other children only, and notes not for the family."""
        doc = self.doc
        withheld: list[Withheld] = []

        def tagged_keep(ids: tuple[int, ...]) -> bool:
            # A record about another child (tagged with them and not with this child) is theirs,
            # even when a place or a person of concern is tagged too.
            return not ids or child_id in ids or not set(ids) & other_ids

        def about_others(kind: str, ident: str, texts: Sequence[str], path: str, extra: Sequence[str] = ()) -> bool:
            """A record tagged with no child, or an agenda item linked to none, whose words name
            another child and not this one ("Tayo was arrested with a knife", an item typed as "Tayo:
            return home interview"): with the name masked it still tells the family about that
            child. Asked, and left out until the manager keeps it. ``extra``: who the record is by or
            for (an owner "Tayo's mum", an agency "Tiz's YOT worker", a recipient), which names a child
            too; in the point's key only when the texts alone name no other child, so a point decided
            before they were read keeps its decision."""
            text = "\n".join(t for t in texts if t)
            named = self.redactor.children_named(text)
            extra_text = "\n".join(t for t in extra if t)
            if extra_text and not named & other_ids:
                text = "\n".join(t for t in (text, extra_text) if t)
                named = self.redactor.children_named(text)
            theirs = sorted(named & other_ids, key=lambda c: labels.get(c, ""))
            # This child named only by a name they share with another child ("Kai B was arrested"
            # beside Kai Brennick) is not this child named: the record may be the other's.
            if not theirs or (child_id in named and child_id in self.redactor.surely_named(text)):
                return False
            who = "/".join(labels[c] for c in theirs if c in labels)
            key = point_key(str(child_id), "about another child", kind, ident, fold(text))
            decision = decisions.get(key, "")
            what = {"section": "an agenda item", "checklist note": "a checklist note"}.get(
                kind, kind if kind.startswith(("the ", "an attendee")) else
                f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} tagged with no child")
            shared = " for certain (by a name they share)" if child_id in named else ""
            suspects.append(Suspect(" ".join(text.split()[:8]) + ("…" if len(text.split()) > 8 else ""),
                                    f"{what} that names {who} and not this child{shared}: is it about {who}? Left "
                                    "out unless kept", path, key, " ".join(text.split()), "(left out)", decision))
            return decision != "keep"

        subjects_here = {line.subject_id for line in doc.subjects} | self.all_ids

        def tagged_elsewhere(ids: tuple[int, ...], kind: str, ident: str, texts: Sequence[str], path: str) -> bool:
            """A record tagged with someone who is no longer a subject of these minutes (a child
            removed from the meeting after it was written; their records lose their agenda item and
            land under Other business) and not with this child: whose record is it? Asked, and left
            out unless the manager keeps it."""
            if not ids or child_id in ids or not set(ids) - subjects_here:
                return False
            text = " ".join(" ".join(t for t in texts if t).split())
            key = point_key(str(child_id), "tagged elsewhere", kind, ident, fold(text))
            decision = decisions.get(key, "")
            suspects.append(Suspect(" ".join(text.split()[:8]) + ("…" if len(text.split()) > 8 else ""),
                                    f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} tagged with someone who is no "
                                    "longer a subject of this meeting (a child removed from it?), not with this "
                                    "child: left out unless kept", path, key, text, "(left out)", decision))
            return decision != "keep"

        def keep(ids: tuple[int, ...], kind: str = "", ident: str = "", texts: Sequence[str] = (),
                 path: str = "", extra: Sequence[str] = ()) -> bool:
            if not tagged_keep(ids):
                return False
            if kind and tagged_elsewhere(ids, kind, ident, texts, path):
                return False
            if kind and not set(ids) & self.all_ids and about_others(kind, ident, texts, path, extra):
                return False
            return True

        def tags(ids: tuple[int, ...]) -> tuple[int, ...]:
            return ids  # kept for the text pass (context); other children's are removed after it

        def note(n: NoteLine, path: str) -> NoteLine | None:
            if not n.not_for_family:
                return dataclasses.replace(n, subject_ids=tags(n.subject_ids))
            key = point_key(str(child_id), "withheld note", str(n.record_id))
            basis = withheld_bases.get(key, "")
            withheld.append(Withheld(n.record_id, path, n.agency, " ".join(n.text.split()[:8]) + "…", key, basis))
            if self.show_basis:
                shown = self.bases.get(basis, basis) if basis else "an exemption"
                return NoteLine(n.record_id, n.agency, n.time, f"[withheld: {shown}]", (), False, False)
            return None

        dropped: list[str] = []
        typed: list[str] = []  # items left out because typed by hand with another child's name
        sections: list[Section] = []
        rescued: list[Section] = []  # this child's own records found under another child's item
        for section in doc.sections:
            under = any(re.match(re.escape(d) + r"(?!\d)", section.number) for d in dropped)
            typed_under = any(re.match(re.escape(d) + r"(?!\d)", section.number) for d in typed)
            theirs = section.subject_id in other_ids or under or (
                section.subject_id is None and about_others("section", "", (section.title,),
                                                            "agenda_item_left_out.title"))
            if theirs:
                dropped.append(section.number)
                hand_typed = typed_under or (section.subject_id not in other_ids and not under)
                if hand_typed:
                    typed.append(section.number)

                def mine_too(ids: tuple[int, ...], *texts: str, hand_typed: bool = hand_typed) -> bool:
                    # Under an item typed by hand, a record tagged with no child that names this child
                    # is theirs as well ("Kai follows him everywhere" under "Tayo's influence").
                    # Named for certain: "Kai" shared with Kai Brennick may be his record, not this child's.
                    return child_id in ids or (hand_typed and not set(ids) & self.all_ids
                                               and child_id in self.redactor.surely_named("\n".join(texts)))

                mine = Section("", "", None,
                               notes=tuple(n for n in section.notes if mine_too(n.subject_ids, n.text)),
                               decisions=tuple(d for d in section.decisions
                                               if mine_too(d.subject_ids, d.text, d.rationale, d.dissent)),
                               actions=tuple(a for a in section.actions
                                             if mine_too(a.subject_ids, a.description, a.closed, a.outcome,
                                                         a.evidence)))
                if mine.notes or mine.decisions or mine.actions:
                    rescued.append(mine)
                continue
            path = f"sections[{len(sections)}]"
            notes = [note(n, f"{path}.notes[{i}]") for i, n in enumerate(section.notes)
                     if keep(n.subject_ids, *(("note", str(n.record_id), (n.text,), f"{path}.notes[{i}]", (n.agency,))
                                              if not n.not_for_family else ()))]
            sections.append(dataclasses.replace(
                section,
                notes=tuple(n for n in notes if n is not None),
                decisions=tuple(dataclasses.replace(d, subject_ids=tags(d.subject_ids))
                                for i, d in enumerate(section.decisions)
                                if keep(d.subject_ids, "decision", str(d.record_id), (d.text, d.rationale, d.dissent),
                                        f"{path}.decisions[{i}]", (d.decided_by, d.agreed_by))),
                actions=tuple(dataclasses.replace(a, subject_ids=tags(a.subject_ids))
                              for i, a in enumerate(section.actions)
                              if keep(a.subject_ids, "action", str(a.record_id),
                                      (a.description, a.closed, a.outcome, a.evidence), f"{path}.actions[{i}]",
                                      (a.owner, a.agency)))))
        if rescued:
            # Kept, and said where they came from: a copy must not drop the child's own data silently.
            top = sum(1 for x in sections if "." not in x.number) + 1
            sections.append(Section(str(top), f"Also recorded about {self._facts[child_id].name}", None,
                                    notes=tuple(dataclasses.replace(n, subject_ids=tags(n.subject_ids))
                                                for r in rescued for n in r.notes if not n.not_for_family),
                                    decisions=tuple(d for r in rescued for d in r.decisions),
                                    actions=tuple(a for r in rescued for a in r.actions)))
        subjects = []
        for line in doc.subjects:
            if line.subject_id in other_ids:
                subjects.append(SubjectLine(line.subject_id, "Child", labels[line.subject_id], ""))
            elif line.subject_id in poc_labels:
                subjects.append(SubjectLine(line.subject_id, line.kind_label, poc_labels[line.subject_id], ""))
            else:
                subjects.append(line)
        # What is withheld from the family, and why, is not told to the family: left out and listed.
        sharing = []
        for share in doc.sharing:
            if share.subject_id != child_id:
                continue
            if share.withheld.strip() or share.withheld_reason.strip():
                key = point_key(str(child_id), "withheld sharing", fold(share.withheld), fold(share.withheld_reason))
                withheld.append(Withheld(0, "sharing.withheld", "information-sharing decision",
                                         " ".join(share.withheld.split()[:8]) + "…", key, withheld_bases.get(key, "")))
                share = dataclasses.replace(share, withheld="", withheld_reason="")
            sharing.append(share)
        # An amendment to a record the copy leaves out would restate it.
        kept = {(kind, r.record_id) for sec in sections for kind, records in
                (("note", sec.notes), ("decision", sec.decisions), ("action", sec.actions)) for r in records
                if not (isinstance(r, NoteLine) and r.text.startswith("[withheld"))}
        amendments = tuple(a for a in doc.amendments if _amended_record(a.target) is None
                           or _amended_record(a.target) in kept)
        # An agency's disclosure about another child is theirs, like a record tagged only with them.
        disclosures = tuple(d for i, d in enumerate(doc.disclosures)
                            if keep(d.subject_ids, "disclosure", "", (d.what, d.purpose), f"disclosures[{i}]",
                                    (d.agency, d.recipient)))
        # A checklist note about another child only ("Tayo is the most at risk; stabbed in May") is the
        # meeting's assessment of them: asked, the note left out (the item and its state stay).
        checklist = tuple(dataclasses.replace(c, note="") if c.note.strip() and about_others(
            "checklist note", c.number, (c.note,), f"checklist[{i}].note") else c for i, c in enumerate(doc.checklist))
        # What the meeting's own short texts say about another child only: an apology "with Tayo at
        # hospital", an attendee "on behalf of Tiz", the venue "Tiz's nan's house", the next meeting
        # "after Tayo's court date", an override's reason. With the name masked they still tell the
        # family about that child: asked, and left out unless kept.
        def said(kind: str, ident: str, value: str, path: str) -> bool:
            return bool(value.strip()) and about_others(kind, ident, (value,), path)

        attendance = []
        for i, p in enumerate(doc.attendance):
            status, sep, detail = p.attendance.partition(": ")
            if sep and said("an attendee's reason", p.name, detail, f"attendance[{i}].attendance"):
                p = dataclasses.replace(p, attendance=status)
            if said("an attendee's role", p.name, f"{p.role}\n{p.agency}", f"attendance[{i}].role"):
                p = dataclasses.replace(p, role="", agency="")
            attendance.append(p)
        facts = tuple(dataclasses.replace(f, value="(left out)")
                      if f.label not in _PERSON_FACTS and said(f"the meeting's {f.label.lower()}", f.label, f.value,
                                                                 f"facts[{i}].value") else f
                      for i, f in enumerate(doc.facts))
        title = doc.type_name if said("the meeting's title", "", doc.title, "title") else doc.title
        next_meeting = doc.next_meeting
        if said("the next meeting's reason", "", next_meeting, "next_meeting"):
            when, sep, _why = next_meeting.partition(": ")
            next_meeting = when if sep and re.search(r"\d{4}$", when) else ""
        overrides = tuple(dataclasses.replace(o, reason="(left out)")
                          if said("the reason for an override", o.item, o.reason, f"overrides[{i}].reason") else o
                          for i, o in enumerate(doc.overrides))
        trimmed = dataclasses.replace(doc, sections=tuple(_renumber(sections)), subjects=tuple(subjects),
                                      sharing=tuple(sharing), amendments=amendments, disclosures=disclosures,
                                      checklist=checklist, attendance=tuple(attendance), facts=facts, title=title,
                                      next_meeting=next_meeting, overrides=overrides)
        return trimmed, withheld

    def _amendments(self, doc: MinutesDocument, child_id: int, decisions: Mapping[str, str],
                    suspects: list[Suspect]) -> MinutesDocument:
        """An amendment whose target is written in words ("Decision 2, wording") may restate a record
        this copy leaves out: each is asked about, and left out until the manager keeps it."""
        kept = []
        for n, a in enumerate(doc.amendments):
            if _amended_record(a.target) is not None:
                kept.append(a)  # a record the copy holds (the others were left out in _trim)
                continue
            key = point_key(str(child_id), "amendment", fold(a.target), fold(a.before), fold(a.after))
            decision = decisions.get(key, "")
            suspects.append(Suspect(a.target, "an amendment: does it restate a record left out of this copy?",
                                    f"amendments[{n}]", key, f"{a.target}: now reads {a.after}", "(left out)",
                                    decision))
            if decision == "keep":
                kept.append(a)
        return dataclasses.replace(doc, amendments=tuple(kept))

    def _family_attendees(self, doc: MinutesDocument, child_id: int, decisions: Mapping[str, str],
                          suspects: list[Suspect]) -> MinutesDocument:
        """A family member at the meeting who is not known as this child's is asked about."""
        own = self._facts[child_id]
        own_names = {fold(n) for n, _r in own.relatives}
        surname = fold(name_words(own.name)[-1]) if name_words(own.name) else ""
        lines = []
        for n, p in enumerate(doc.attendance):
            original = self.doc.attendance[n] if n < len(self.doc.attendance) else p
            words = [fold(w) for w in name_words(original.name)]
            if (is_family_role(f"{original.role} {original.agency}") and fold(original.name) not in own_names
                    and (not words or surname not in words)):
                sentence = f"{original.name}, {original.role or original.agency}"
                key = point_key(str(child_id), "family attendee", fold(sentence))
                decision = decisions.get(key, "")
                suspects.append(Suspect(original.name, "a family member at the meeting not recorded as this "
                                        "child's: another child's relative?", f"attendance[{n}].name", key, sentence,
                                        "Family member", decision))
                if decision != "keep":
                    p = dataclasses.replace(p, name="Family member")
            lines.append(p)
        return dataclasses.replace(doc, attendance=tuple(lines))

    def _leftovers(self, doc: MinutesDocument, child_id: int, labels: Mapping[int, str],
                   poc_labels: Mapping[int, str], decisions: Mapping[str, str],
                   changed: set[str]) -> tuple[MinutesDocument, list[Suspect]]:
        """A second pass over what the first pass rewrote (a text it left alone had nothing of
        another child, so a second look at it would find the same nothing). What it still finds is
        a point to decide, masked as the second pass masks it unless the manager keeps it."""
        found: list[Suspect] = []

        def check(value: str, owner: Any, field_name: str, path: str, tagged: frozenset[int]) -> str:
            if (isinstance(owner, SubjectLine) and field_name == "name") or value not in changed:
                return value
            again = self.redactor.redact(value, subject_id=child_id, labels=labels, poc_labels=poc_labels,
                                         where=path, tagged=tagged, decisions={})
            if again.replaced and len(again.replaced) > len(again.suspects):
                key = point_key(str(child_id), "leftover", fold(value))
                decision = decisions.get(key, "")
                found.append(Suspect(value[:60], "another child's details are still in the copy", path,
                                     key, value, again.text, decision))
                return value if decision == "keep" else again.text
            return value

        return _map_strings(doc, check, "", tagged=frozenset()), found


def _amended_record(target: str) -> tuple[str, int] | None:
    """("note", 12) for an amendment of "entry:12.text" or "note:12"; None for the meeting itself."""
    m = re.match(r"\s*(entry|note|decision|action)\s*[:#]\s*(\d+)", target or "", re.IGNORECASE)
    if m is None:
        return None
    kind = m.group(1).lower()
    return ("note" if kind == "entry" else kind, int(m.group(2)))


def _strip_tags(doc: MinutesDocument, other_ids: set[int]) -> MinutesDocument:
    """Other children's ids off every record's tags (they were kept for the text pass's context)."""

    def clean(record: Any) -> Any:
        return dataclasses.replace(record, subject_ids=tuple(i for i in record.subject_ids if i not in other_ids))

    return dataclasses.replace(doc, sections=tuple(dataclasses.replace(
        s, notes=tuple(clean(n) for n in s.notes), decisions=tuple(clean(d) for d in s.decisions),
        actions=tuple(clean(a) for a in s.actions)) for s in doc.sections))


def _aliases_of(line: SubjectLine) -> tuple[str, ...]:
    for part in line.details.split(";"):
        part = part.strip()
        if part.startswith("also known as "):
            return tuple(a.strip() for a in part[len("also known as "):].split(",") if a.strip())
    return ()


def _renumber(sections: Sequence[Section]) -> list[Section]:
    """Number what is left as an agenda again: 1, 2, 2.1, 3… (depth from the old number)."""
    counters: list[int] = []
    out = []
    for section in sections:
        depth = section.number.count(".") if section.number else 0
        counters = counters[: depth + 1]
        while len(counters) < depth + 1:
            counters.append(0)
        counters[depth] += 1
        out.append(dataclasses.replace(section, number=".".join(str(c) for c in counters)))
    return out


def _unique(suspects: Sequence[Suspect]) -> list[Suspect]:
    seen, out = set(), []
    for s in suspects:
        if (s.key, s.where) not in seen:
            seen.add((s.key, s.where))
            out.append(s)
    return out


def disclosure_copy(doc: MinutesDocument, child_id: int, children: Sequence[ChildIdentity], *,
                    persons_of_concern: str = "keep", decisions: Mapping[str, str] | None = None,
                    ) -> tuple[MinutesDocument, list[Replacement], list[Suspect]]:
    """One disclosure copy without a planner: (copy, replacements, suspects). See ``DisclosurePlanner``."""
    result = DisclosurePlanner(doc, children, persons_of_concern=persons_of_concern).copy_for(child_id, decisions)
    return result.document, result.replacements, result.suspects


def redaction_log_entries(replacements: Sequence[Replacement], *, copy_for: str, actor: str,
                          when: datetime | str, bases: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Plain rows for the redaction log: who, when, which copy, what kind was replaced, by what, why."""
    stamp = when.isoformat() if isinstance(when, datetime) else str(when)
    bases = bases or {}
    return [{"when": stamp, "actor": actor, "copy_for": copy_for, "kind": r.original_kind,
             "replaced_with": r.replaced_with, "count": r.count,
             "reason": REPLACEMENT_REASONS.get(r.original_kind, "Redacted for a subject access request"),
             "basis": bases.get(r.basis, r.basis)}
            for r in replacements]


# -- walking the document ------------------------------------------------------------------------------
def _map_strings(obj: Any, fn: Callable[..., str], path: str, owner: Any = None, field_name: str = "", *,
                 tagged: frozenset[int]) -> Any:
    """``obj`` with every string inside passed through ``fn(text, owner, field, path, tagged)``;
    ``tagged`` is the subjects of the record the string belongs to (for context decisions)."""
    if isinstance(obj, str):
        return fn(obj, owner, field_name, path, tagged)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        ids = getattr(obj, "subject_ids", None)
        inner = frozenset(ids) if isinstance(ids, tuple) else tagged
        if isinstance(obj, (Fact, PersonLine)) or ids is None:
            inner = tagged if ids is None else inner
        changes = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, (str, tuple, list, dict)) or dataclasses.is_dataclass(value):
                changes[f.name] = _map_strings(value, fn, f"{path}.{f.name}".lstrip("."), obj, f.name, tagged=inner)
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(_map_strings(v, fn, f"{path}[{n}]", owner, field_name, tagged=tagged) for n, v in enumerate(obj))
    if isinstance(obj, list):
        return [_map_strings(v, fn, f"{path}[{n}]", owner, field_name, tagged=tagged) for n, v in enumerate(obj)]
    if isinstance(obj, dict):
        return {k: _map_strings(v, fn, f"{path}[{k!r}]", owner, field_name, tagged=tagged) for k, v in obj.items()}
    return obj
