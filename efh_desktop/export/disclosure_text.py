"""Redacting one text of a disclosure copy: what to mask, what to keep, what to ask the manager.

``TextRedactor`` is built once per meeting (the name index and detectors know every child, relative,
person of concern and professional of the meeting) and asked once per copy and text. It never
guesses silently in the family's favour or against the child's own record:

* Sure matches of another child (full name, alias, a word of the name, Arabic with a prefix, dotted
  initials), their date of birth in any written form, identifiers however spaced, address lines,
  any UK postcode not the child's own, e-mail addresses and handles built from their name: masked.
* Probable matches (inflected or mutated forms, near misspellings, a common word such as "Will"
  at the start of a sentence, a word shared with the subject child's own name, a capitalised word
  next to a masked one, undotted initials, any other handle or personal e-mail address, a date
  with the day and month of another child's birth): a ``Suspect`` with its sentence and what it
  would become; masked in the copy until the manager decides, and no copy is written before.
* The subject child's own name and details, and professionals' full names (attendees, chair,
  minute-taker, officer in charge) are kept, so "PC Will Arden" stays even if a child is Will.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from efh_desktop.domain.name_engine import STRONG, NameIndex, NameMatch, Person, initials_of, name_words
from efh_desktop.domain.name_folding import fold, fold_with_offsets, squash
from efh_desktop.domain.pii_detectors import (
    EMAIL,
    HANDLE,
    POSTCODE,
    PROFESSIONAL_DOMAINS,
    RECORD_REFERENCE,
    address_parts,
    find_dates,
    handle_holds,
    identifier_regex,
    phrase_regex,
    postcode_key,
)

# Names that are also ordinary English words: decided from context, never replaced blindly.
COMMON_WORDS = frozenset({
    "will", "may", "rose", "grace", "joy", "mark", "bill", "hope", "dawn", "faith", "june", "summer", "sky",
    "rich", "april", "august", "autumn", "amber", "ruby", "pearl", "iris", "lily", "daisy", "holly", "ivy",
    "jade", "river", "storm", "rain", "hunter", "chase", "cash", "king", "price", "young", "white", "black",
    "brown", "green", "gray", "grey", "baker", "cook", "smith", "wood", "hill", "field", "bell", "long",
    "little", "love", "sunny", "star", "angel", "honey", "penny", "sandy", "rock", "rocky", "frank", "sage",
    "ray", "jack", "pat", "sue", "don", "guy", "art", "bob", "rob", "nick", "gene", "dean", "major", "miles",
    "carol", "crystal", "destiny", "harmony", "heather", "hazel", "robin", "wren", "jay", "drew", "lane",
    "bay", "brook", "dale", "glen", "reed", "stone", "north", "west", "true", "blue", "red", "tiny", "chip",
    "sonny", "bea", "eve", "ash", "case", "page", "hall", "may's", "constance", "patience", "prudence",
    "noble", "bliss", "sterling", "win", "max", "chance", "ace", "nova", "sol", "tom", "ben",
})
_MONTH_KEYS = frozenset({"may", "june", "april", "august", "march"})
# Words that start a sentence or sit next to a name without being part of it.
_FUNCTION_WORDS = frozenset(fold(w) for w in (
    "The A An And Or But If Then When While After Before Since Until As At In On Of To For From With Without "
    "By About Mr Mrs Ms Miss Dr PC DC DS DI Sgt Insp Cllr Prof Sir Dame He She They It We I You His Her Their "
    "Its Our My Your This That These Those There Here Who Whom Whose What Which Child Person Parent Sibling "
    "Carer Relative Police School Mum Dad Mother Father Brother Sister Aunt Uncle Nan Gran Also Not No Yes "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Road Street Lane Park Avenue Close Way Drive Centre Team "
    "Service Social Youth Health Education Bristol England UK Safer Options Strategy Meeting Minutes "
    "Agreed Action Decision Note Notes Risk Plan Review Officer Operation Manager Worker Lead").split())
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n•\-–—\"“”(]\s*)$")
_UNDOTTED_INITIALS = re.compile(r"(?<![\w])([A-Z]{2,3})(?![\w])")
_CAP_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*")


@dataclass(frozen=True)
class ChildFacts:
    """What identifies one child (or a person of concern who is a child) in text."""

    subject_id: int
    name: str
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    identifiers: tuple[str, ...] = ()
    address: str = ""
    relatives: tuple[tuple[str, str], ...] = ()  # (name, relationship)


@dataclass(frozen=True)
class Suspect:
    """A point the manager must decide before a disclosure copy is written."""

    word: str
    reason: str
    where: str  # a path into the document, e.g. "sections[3].notes[0].text"
    key: str = ""  # stable across re-planning: the decision is stored against it
    sentence: str = ""
    proposal: str = ""  # what "mask" puts in its place
    decision: str = ""  # "", "mask" or "keep"


@dataclass
class Outcome:
    """One text redacted: the new text, what was replaced (kind, label) and what to ask."""

    text: str
    replaced: list[tuple[str, str]] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    replacement: str
    kind: str  # "name", "alias", "relative", "date of birth", "identifier", "address", "postcode", …
    label: str
    suspect: Suspect | None = None


def relationship_label(relationship: str) -> str:
    """"mother" → "Parent", "half-brother" → "Sibling", "foster carer" → "Carer"; else "Relative"."""
    r = fold(relationship)
    if any(w in r for w in ("mother", "father", "parent", "mum", "dad", "step")):
        return "Parent"
    if any(w in r for w in ("brother", "sister", "sibling", "twin")):
        return "Sibling"
    if any(w in r for w in ("carer", "guardian", "foster", "kinship", "special guardian")):
        return "Carer"
    return "Relative"


_FAMILY_ROLE = re.compile(r"\b(?:mother|father|mum|dad|parent|step|carer|guardian|grand|nan|gran|aunt|uncle|"
                          r"sibling|brother|sister|cousin|family|relative)", re.IGNORECASE)


def is_family_role(text: str) -> bool:
    return bool(_FAMILY_ROLE.search(text or ""))


def point_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:40]


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left:right].split())


class TextRedactor:
    """Knows a meeting's people once; redacts a text for one copy at a time."""

    def __init__(self, children: Sequence[ChildFacts], *, professionals: Sequence[str] = (),
                 pocs: Sequence[tuple[int, str, tuple[str, ...]]] = (), labels_for_pocs: bool = False) -> None:
        self.children = {c.subject_id: c for c in children}
        people: list[Person] = []
        for c in children:
            people.append(Person(("child", c.subject_id), c.name, c.aliases))
            for n, (name, _rel) in enumerate(c.relatives):
                if name.strip():
                    people.append(Person(("relative", c.subject_id, n), name, ()))
        self.pocs = {sid: (name, aliases) for sid, name, aliases in pocs}
        for sid, name, aliases in pocs:
            people.append(Person(("poc", sid), name, aliases, words=labels_for_pocs))
        for n, name in enumerate(dict.fromkeys(p for p in professionals if len(p.split()) >= 2)):
            people.append(Person(("pro", n), name, (), words=False))
        self.index = NameIndex(people)
        self._ids = {c.subject_id: [(x, identifier_regex(x)) for x in c.identifiers] for c in children}
        self._addresses = {c.subject_id: [(p, phrase_regex(p)) for p in address_parts(c.address)] for c in children}
        self._postcodes = {c.subject_id: {postcode_key(m.group(0)) for m in POSTCODE.finditer(c.address)}
                           for c in children}
        self._words = {c.subject_id: [*name_words(c.name), *(squash(a) for a in c.aliases)] for c in children}
        self._initials = {c.subject_id: initials_of(c.name).upper() for c in children}

    # -- one text ------------------------------------------------------------------------------------
    def redact(self, text: str, *, subject_id: int, labels: Mapping[int, str], poc_labels: Mapping[int, str],
               where: str, tagged: frozenset[int] = frozenset(), decisions: Mapping[str, str] | None = None,
               brackets: bool = False) -> Outcome:
        if not text or not text.strip():
            return Outcome(text)
        decisions = decisions or {}
        spans: list[_Span] = []
        protected: list[tuple[int, int]] = []
        ctx = _Ctx(self, text, subject_id, labels, poc_labels, where, tagged, brackets)
        for match in self.index.find(text):
            ctx.name_match(match, spans, protected)
        ctx.details(spans)
        ctx.handles(spans)
        ctx.neighbours(spans, protected)
        ctx.initials(spans, protected)
        return _apply(text, spans, decisions)


@dataclass
class _Ctx:
    r: TextRedactor
    text: str
    subject_id: int
    labels: Mapping[int, str]
    poc_labels: Mapping[int, str]
    where: str
    tagged: frozenset[int]
    brackets: bool

    def show(self, label: str) -> str:
        return f"[{label}]" if self.brackets else label

    def suspect(self, start: int, end: int, reason: str, proposal: str, kind: str) -> Suspect:
        word = self.text[start:end]
        sentence = sentence_around(self.text, start, end)
        occurrence = self.text[:start].count(word)
        return Suspect(word, reason, self.where, point_key(str(self.subject_id), kind, fold(word), fold(sentence),
                                                            str(occurrence)), sentence, proposal)

    def label_of(self, owners: Sequence[object]) -> tuple[str, str] | None:
        """(kind, label) for the owners of a match other than the subject child; None if none."""
        names, kind = [], "name"
        for owner in owners:
            if owner[0] == "child" and owner[1] in self.labels:
                names.append(self.labels[owner[1]])
            elif owner[0] == "relative" and owner[1] in self.labels:
                rel = self.r.children[owner[1]].relatives[owner[2]][1]
                names.append(f"{relationship_label(rel)} of {self.labels[owner[1]]}")
                kind = "relative"
            elif owner[0] == "poc" and owner[1] in self.poc_labels:
                names.append(self.poc_labels[owner[1]])
                kind = "person of concern"
            elif owner[0] == "poc" and owner[1] in self.labels:  # a person of concern who is a child
                names.append(self.labels[owner[1]])
        names = list(dict.fromkeys(names))
        return (kind, "/".join(names)) if names else None

    def name_match(self, m: NameMatch, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        owners = m.owners
        mine = any(o[0] in ("child", "relative", "poc") and o[1] == self.subject_id for o in owners)
        pro = any(o[0] == "pro" for o in owners)
        found = self.label_of(owners)
        if found is None:
            if mine or pro:
                protected.append((m.start, m.end))
            return
        kind, label = found
        if m.how == "alias":
            kind = "alias" if kind == "name" else kind
        word = self.text[m.start:m.end]
        end = m.end
        if re.search(r"['’]s$", word, re.IGNORECASE) and m.how not in ("near",):
            end -= 2  # keep the possessive: "Kai's mum" → "Child B's mum"
        if mine and m.how not in STRONG:
            spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                m.start, end, f"also part of the subject child's own name: {label} if it means them", label, kind)))
            return
        if pro and m.how in STRONG:
            spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                m.start, end, f"a professional's name that is also {label}'s name", label, kind)))
            return
        if m.how == "near":
            if not word[:1].isupper() or fold(word) in _FUNCTION_WORDS:
                return
            spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                m.start, end, f"spelt like {label}'s name: a misspelling?", label, kind)))
            return
        if m.how in ("inflected", "mutated"):
            spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                m.start, end, f"an inflected or mutated form of {label}'s name?", label, kind)))
            return
        if m.term in COMMON_WORDS or squash(word) in COMMON_WORDS:
            self.common_word(m, end, kind, label, spans)
            return
        if m.how == "initials":
            own = initials_of(self.r.children[self.subject_id].name) if self.subject_id in self.r.children else ""
            if own and own == m.term:
                spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                    m.start, end, f"initials of the subject child and of {label}", label, kind)))
                return
        spans.append(_Span(m.start, end, self.show(label), kind, label))

    def common_word(self, m: NameMatch, end: int, kind: str, label: str, spans: list[_Span]) -> None:
        word = self.text[m.start:end]
        before = self.text[:m.start]
        after = self.text[end:end + 8]
        month = m.term in _MONTH_KEYS and (re.search(r"\d\s*(?:st|nd|rd|th)?\s*(?:of\s+)?$", before)
                                           or re.match(r"\s*\d", after))
        if month:
            return  # "4 May 2026": a date, not a child
        child_ids = {o[1] for o in m.owners if o[0] in ("child", "relative")}
        about_them = bool(child_ids & self.tagged)
        if word[:1].isupper() and not _SENTENCE_END.search(before):
            spans.append(_Span(m.start, end, self.show(label), kind, label))  # a capital mid-sentence: a name
        elif word[:1].isupper() or about_them:
            spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                m.start, end, f"“{word}” is an ordinary word and {label}'s name: which is it here?", label, kind)))

    def details(self, spans: list[_Span]) -> None:
        text, subject = self.text, self.r.children.get(self.subject_id)
        own_dob = subject.date_of_birth if subject else None
        for mention in find_dates(text):
            for cid, label in self.labels.items():
                child = self.r.children.get(cid)
                if child is None or child.date_of_birth is None:
                    continue
                dob = child.date_of_birth
                shown = self.show(f"date of birth of {label}")
                if dob in mention.dates:
                    if own_dob is not None and own_dob in mention.dates:
                        spans.append(_Span(mention.start, mention.end, shown, "date of birth", label, self.suspect(
                            mention.start, mention.end, f"the subject child's date of birth and {label}'s",
                            shown, "date of birth")))
                    else:
                        spans.append(_Span(mention.start, mention.end, shown, "date of birth", label))
                    break
                if not mention.dates and (dob.day, dob.month) in mention.day_month:
                    spans.append(_Span(mention.start, mention.end, shown, "date of birth", label, self.suspect(
                        mention.start, mention.end, f"the day and month of {label}'s birth", shown,
                        "date of birth")))
                    break
        own_ids = {re.sub(r"[^0-9a-z]", "", x.lower()) for x in (subject.identifiers if subject else ())}
        for cid, label in self.labels.items():
            for _x, regex in self._ids_of(cid):
                for m in regex.finditer(text):
                    spans.append(_Span(m.start(), m.end(), self.show(f"identifier of {label}"), "identifier", label))
        for m in RECORD_REFERENCE.finditer(text):
            squashed = re.sub(r"[^0-9a-z]", "", m.group(0).lower())
            if not any(squashed.endswith(own) or own.endswith(squashed) for own in own_ids if own):
                spans.append(_Span(m.start(), m.end(), self.show("record identifier"), "identifier", "another record"))
        own_postcodes = self.r._postcodes.get(self.subject_id, set())
        for m in POSTCODE.finditer(text):
            key = postcode_key(m.group(0))
            if key in own_postcodes:
                continue
            owner = next((self.labels[c] for c in self.labels if key in self.r._postcodes.get(c, ())), None)
            spans.append(_Span(m.start(), m.end(), self.show(f"address of {owner}" if owner else "postcode"),
                               "address" if owner else "postcode", owner or "a postcode"))
        folded, origin = fold_with_offsets(text)
        own_parts = {p for p, _r in self.r._addresses.get(self.subject_id, ())}
        for cid, label in self.labels.items():
            for part, regex in self.r._addresses.get(cid, ()):
                if part in own_parts:
                    continue
                for m in regex.finditer(folded):
                    spans.append(_Span(origin[m.start()], origin[m.end() - 1] + 1,
                                       self.show(f"address of {label}"), "address", label))

    def _ids_of(self, cid: int):  # noqa: ANN202
        return [(x, r) for x, r in self.r._ids.get(cid, ()) if r is not None]

    def handles(self, spans: list[_Span]) -> None:
        text = self.text
        found = [(m.start(), m.end(), m.group(1), "e-mail address", m.group(2)) for m in EMAIL.finditer(text)]
        found += [(m.start(), m.end(), m.group(2), "handle", "") for m in HANDLE.finditer(text)
                  if not any(s <= m.start() < e for s, e, *_ in found)]
        for start, end, local, kind, domain in found:
            owner = self._handle_owner(local)
            if owner == self.subject_id:
                continue
            if owner is not None:
                label = self.labels[owner]
                spans.append(_Span(start, end, self.show(f"{kind} of {label}"), kind, label))
            elif kind == "handle" or not fold(domain).endswith(PROFESSIONAL_DOMAINS):
                shown = self.show(kind)
                spans.append(_Span(start, end, shown, kind, f"a {kind}", self.suspect(
                    start, end, f"a personal {kind}: whose is it?", shown, kind)))

    def _handle_owner(self, local: str) -> int | None:
        for cid in [self.subject_id, *self.labels]:
            child = self.r.children.get(cid)
            if child is None:
                continue
            words = self.r._words[cid]
            fulls = [squash(child.name), *(squash(a) for a in child.aliases)]
            surname = name_words(child.name)[-1] if name_words(child.name) else ""
            if handle_holds(local, words, fulls, initials_of(child.name), surname):
                return cid
        return None

    def neighbours(self, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        """A capitalised word right next to a masked name may be more of the name ("Child B Smithe")."""
        text = self.text
        masked = [s for s in spans if s.kind in ("name", "alias", "relative") and s.suspect is None]
        for span in masked:
            for m in (re.match(r"[ \t]+(" + _CAP_WORD.pattern + ")", text[span.end:]),):
                if m is None:
                    continue
                word = m.group(1)
                start = span.end + m.start(1)
                if self._plain_word(word, start, protected):
                    spans.append(_Span(start, start + len(word), self.show(span.label), span.kind, span.label,
                                       self.suspect(start, start + len(word),
                                                    f"a capitalised word next to {span.label}: more of the name?",
                                                    span.label, span.kind)))
            m = re.search("(" + _CAP_WORD.pattern + r")[ \t]+$", text[:span.start])
            if m is not None and self._plain_word(m.group(1), m.start(1), protected) \
                    and not _SENTENCE_END.search(text[:m.start(1)]):
                spans.append(_Span(m.start(1), m.end(1), self.show(span.label), span.kind, span.label,
                                   self.suspect(m.start(1), m.end(1),
                                                f"a capitalised word next to {span.label}: more of the name?",
                                                span.label, span.kind)))

    def _plain_word(self, word: str, start: int, protected: list[tuple[int, int]]) -> bool:
        if not word[:1].isupper() or len(word) < 2 or fold(word) in _FUNCTION_WORDS:
            return False
        if word.isupper() and len(word) <= 4:
            return False  # an agency's initials (YOT, CSC)
        return not any(s <= start < e for s, e in protected)

    def initials(self, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        own = self.r._initials.get(self.subject_id, "")
        for m in _UNDOTTED_INITIALS.finditer(self.text):
            letters = m.group(1)
            for cid, label in self.labels.items():
                if self.r._initials.get(cid) == letters and letters != own:
                    spans.append(_Span(m.start(1), m.end(1), self.show(label), "name", label, self.suspect(
                        m.start(1), m.end(1), f"the initials of {label}, or an abbreviation?", label, "initials")))
                    break


def _apply(text: str, spans: list[_Span], decisions: Mapping[str, str]) -> Outcome:
    """Replace the chosen spans (longest first where they overlap) and list what was asked."""
    out = Outcome(text)
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.suspect is not None, -(s.end - s.start), s.start)):
        if any(span.start < c.end and span.end > c.start for c in chosen):
            continue
        chosen.append(span)
    pieces, last = [], 0
    for span in sorted(chosen, key=lambda s: s.start):
        decision = decisions.get(span.suspect.key, "") if span.suspect is not None else "mask"
        if span.suspect is not None:
            out.suspects.append(Suspect(**{**span.suspect.__dict__, "decision": decision}))
        if decision == "keep":
            continue
        pieces += [text[last:span.start], span.replacement]
        last = span.end
        out.replaced.append((span.kind, span.label))
    pieces.append(text[last:])
    out.text = "".join(pieces)
    return out
