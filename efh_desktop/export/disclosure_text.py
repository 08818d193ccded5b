"""Redacting one text of a disclosure copy: what to mask, what to keep, what to ask the manager.

``TextRedactor`` is built once per meeting (the name index and detectors know every child, relative,
person of concern and professional of the meeting) and asked once per copy and text. It never
guesses silently in the family's favour or against the child's own record:

* Sure matches of another child (full name, alias, a word of the name, Arabic with a prefix, dotted
  initials), their date of birth in any written form, identifiers however spaced, address lines,
  any UK postcode not the child's own, e-mail addresses and handles built from their name: masked.
* Probable matches (inflected or mutated forms, near misspellings, a common word such as "Will"
  at the start of a sentence, a word shared with the subject child's own name, a capitalised word
  next to a masked one, undotted initials (spaced too: "T B"), any other handle or personal e-mail
  address, a date with the day and month of another child's birth, a lower-case misspelling that is
  no English word, a lower-case common name used as a name or beside another sign of that child, a
  year of birth, a name disguised by look-alikes, escapes, symbols or a right-to-left override): a
  ``Suspect`` with its sentence and what it would become; masked in the copy until the manager
  decides, and no copy is written before. Where a doubt overlaps a mask and reaches past it, the
  mask is widened.
* The subject child's own name and details, and professionals' full names (attendees, chair,
  minute-taker, officer in charge) are kept, so "PC Will Arden" stays even if a child is Will.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from efh_desktop.domain.english_words import word_kind
from efh_desktop.domain.name_engine import TITLES, NameIndex, NameMatch, Person, initials_of, name_words
from efh_desktop.domain.name_folding import disguises, fold, fold_with_offsets, squash
from efh_desktop.domain.pii_detectors import (
    EMAIL,
    HANDLE,
    MONTH_WORDS,
    NUMBER_WORDS_RUN,
    POSTCODE,
    PROFESSIONAL_DOMAINS,
    RECORD_REFERENCE,
    SPACED_POSTCODE,
    DateMention,
    YearMention,
    address_partials,
    address_parts,
    find_birth_years,
    find_dates,
    handle_holds,
    identifier_plausible,
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
_UNDOTTED_INITIALS = re.compile(r"(?<![\w])([A-Z]{2,4})(?![\w])")
_CLAUSE_END = re.compile(r"[!?;\n]|\.(?=\s+[A-Z])")  # not the stop of "b." or "d.o.b."
_BORN = re.compile(r"born|birth", re.IGNORECASE)
_SPACED_CAPITALS = re.compile(r"(?<![\w])[A-Z](?:[ \t]{1,2}[A-Z](?![\w]))+")
_ADDRESS_WORD = re.compile(r"[^\W_]+")
# Two or three capitals joined by hyphens or full stops ("J-L", "H-W", "L.G."), for shortened initials.
_JOINED_CAPITALS = re.compile(r"(?<![\w.\-])([A-Z](?:[.\-][A-Z]){1,2}\.?)(?![\w\-])")
_MONTH_NAME = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(MONTH_WORDS, key=len, reverse=True)) + r")(?![^\W\d_])")
# One thing ``hits`` found in a text: (kind, start, end, *what it belongs to), by kind: ("dob", s, e,
# exact children, partial children, six digits alone), ("id", s, e, child), ("ref", s, e, key), ("postcode", s, e, key),
# ("address", s, e, child, part).
_Found = tuple[Any, ...]


def _keys(owners: Iterable[object]) -> list[tuple[Any, ...]]:
    """The name engine's owners as this module's keys (every owner it registers is a tuple)."""
    return [o for o in owners if isinstance(o, tuple)]
_PLACE_WORDS = frozenset({
    "school", "academy", "college", "project", "centre", "center", "lane", "road", "street", "avenue", "park",
    "close", "way", "drive", "court", "house", "hall", "church", "chapel", "mosque", "trust", "foundation",
    "hospital", "ward", "estate", "gardens", "green", "hill", "square", "place", "terrace", "row", "crescent",
    "primary", "secondary", "unit", "team", "service", "services", "club", "group", "ltd", "limited",
})
_CAP_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*")


_AFTER_NAME = re.compile(r"(?:[ \t]+|[-‐‑–])(" + _CAP_WORD.pattern + ")")
_WORD_BEFORE = re.compile("(" + _CAP_WORD.pattern + r")[ \t]+$")
_INITIAL_AFTER = re.compile(r"(?:,[ \t]*|[ \t]+)([A-Z])(\.?)(?![^\W_])")
_INITIAL_BEFORE = re.compile(r"(?<![^\W_.])([A-Z])(\.?)[ \t]+$")


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


def _title_case_around(text: str, start: int, end: int) -> bool:
    """Whether the words around a match are mostly capitalised (a heading, a name of a service,
    ALL CAPS): there a capital says nothing about a name."""
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start] + " " + text[end:end + 40])
    words = [w for w in words if len(w) > 2]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 2 > len(words)


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


_FAMILY_ROLE = re.compile(
    r"(?:mother|father|mum|mam|mom|dad|\bma\b|\bpa\b|\bda\b|mammy|parent|step|carer|guardian|grand|\bnan|"
    r"\bgran|nain|taid|mamgu|tadcu|aunt|uncle|sibling|brother|sister|\bsis\b|\bbro\b|twin|cousin|niece|nephew|"
    r"partner|boyfriend|girlfriend|godmother|godfather|ammi|abba|baba|\bkin\b|connected person|family|relative)",
    re.IGNORECASE)
# Roles that hold a family word but are a professional's ("Family support worker", "Parent advocate").
_PROFESSIONAL_ROLE = re.compile(r"worker|officer|advocate|practitioner|nurse|teacher|manager|social|therapist|"
                                r"mentor|coordinator|co-ordinator|police|\bpc\b|\bds\b|\bdc\b|doctor|"
                                r"paediatric|consultant|clinician|\bsenco\b|\bdsl\b|head of|deputy head",
                                re.IGNORECASE)


def is_professional_role(text: str) -> bool:
    """"Youth worker", "DS", "School nurse": a role only a professional holds."""
    return bool(_PROFESSIONAL_ROLE.search(text or ""))


def is_family_role(text: str) -> bool:
    text = text or ""
    return bool(_FAMILY_ROLE.search(text)) and not _PROFESSIONAL_ROLE.search(text)


def _without_titles(name: str) -> str:
    words = [w for w in name.split() if fold(w).strip(".") not in TITLES]
    return " ".join(words)


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
                 pocs: Sequence[tuple[int, str, tuple[str, ...]]] = (), labels_for_pocs: bool = False,
                 family: Sequence[str] = ()) -> None:
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
        # Professionals by their names without titles ("DS Morgan Ellery" is Morgan Ellery), words
        # included: a professional's first name that is also a child's is then asked about.
        for n, name in enumerate(dict.fromkeys(_without_titles(p) for p in professionals)):
            if len(name.split()) >= 2:
                people.append(Person(("pro", n), name, ()))
        # Family members at the meeting not known as any child's: asked about wherever they appear.
        for n, name in enumerate(dict.fromkeys(_without_titles(p) for p in family)):
            if name.strip():
                people.append(Person(("family", n), name, ()))
        self.index = NameIndex(people)
        self._ids = {c.subject_id: [(x, identifier_regex(x)) for x in c.identifiers] for c in children}
        self._ids_in_words = {c.subject_id: [(x, identifier_regex(x, in_words=True)) for x in c.identifiers]
                              for c in children}
        self._addresses = {c.subject_id: [(p, phrase_regex(p)) for p in address_parts(c.address)
                                          + address_partials(c.address)] for c in children}
        self._partials = {p for c in children for p in address_partials(c.address)}
        self._postcodes = {c.subject_id: {postcode_key(m.group(0)) for m in POSTCODE.finditer(c.address)}
                           for c in children}
        self._words = {c.subject_id: [*name_words(c.name), *(squash(a) for a in c.aliases)] for c in children}
        self._initials = {c.subject_id: initials_of(c.name).upper() for c in children}
        # Initials as people shorten a long name: a hyphenated word by its first half ("JD" for
        # Jean-Luc Dubois, "J-L" for Jean-Luc), the first and last words ("ML" for María José
        # Pérez López), the first two ("LG" for Lucía García Fernández: Spanish uses the first surname).
        self._initial_forms = {c.subject_id: _initial_forms(c.name) - {self._initials[c.subject_id]}
                               for c in children}
        # A word of a child's name that is no English word, run together with other letters
        # ("FreeTayo", "KaiAndTayo", "xXtayoXx", "tayob"): asked (``_Ctx.inside``).
        self._inside_words: dict[str, set[int]] = {}
        for c in children:
            for w in {squash(x) for x in self._words[c.subject_id]}:
                # Four letters, or three in a script that writes its vowels as marks (Devanagari "प्रिया").
                if (len(w) >= 4 or (len(w) == 3 and not w.isascii())) and w not in COMMON_WORDS \
                        and word_kind(w) in ("unknown", "name"):
                    self._inside_words.setdefault(w, set()).add(c.subject_id)
        # An initial and the surname cut short, as handles write them ("tbrenn" for Tayo Brennick).
        self._cut_forms: set[str] = set()
        for c in children:
            tokens = re.findall(r"[^\W\d_]+", fold(c.name))
            if len(tokens) >= 2 and len(tokens[-1]) >= 5:
                for k in range(4, len(tokens[-1])):
                    form = tokens[0][0] + tokens[-1][:k]
                    if word_kind(form) == "unknown":
                        self._cut_forms.add(form)
                        self._inside_words.setdefault(form, set()).add(c.subject_id)
        self._inside_re = (re.compile("|".join(re.escape(w) for w in sorted(self._inside_words, key=len, reverse=True)))
                           if self._inside_words else None)
        self._hits: dict[str, tuple[_Found, ...]] = {}
        self._dates: dict[str, list[DateMention]] = {}
        self._years: dict[str, list[YearMention]] = {}
        self._named: dict[str, frozenset[int]] = {}
        self._run_together: dict[str, tuple[tuple[int, int, str, str], ...]] = {}
        self._disguises: dict[str, list[tuple[str, list[int], list[int]]]] = {}
        # One pattern for every address part of every child, longest first; a match is mapped back
        # to the children whose address holds it.
        self._address_owners: dict[str, list[tuple[int, str]]] = {}
        for cid, parts in self._addresses.items():
            for part, _regex in parts:
                self._address_owners.setdefault(" ".join(_ADDRESS_WORD.findall(part)), []).append((cid, part))
        patterns = [phrase_regex(k).pattern for k in sorted(self._address_owners, key=len, reverse=True)]
        # A match is looked up by its letters and digits alone: "14 ElmGrove" and "14Elm Grove" are the
        # pattern's (no space needed between the words), and 14 Elm Grove's.
        self._address_by_letters: dict[str, list[tuple[int, str]]] = {}
        for key, owners in self._address_owners.items():
            self._address_by_letters.setdefault(key.replace(" ", ""), []).extend(owners)
        self._address_re = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    def disguises(self, text: str) -> list[tuple[str, list[int], list[int]]]:
        """``name_folding.disguises``, once per text for every copy of the meeting."""
        found = self._disguises.get(text)
        if found is None:
            found = disguises(text)
            if len(self._disguises) < 100_000:
                self._disguises[text] = found
        return found

    def birth_years(self, text: str) -> list[YearMention]:
        found = self._years.get(text)
        if found is None:
            found = find_birth_years(text) if any(ch.isdigit() for ch in text) or _BORN.search(text) else []
            if len(self._years) < 100_000:
                self._years[text] = found
        return found

    def dates(self, text: str) -> list[DateMention]:
        found = self._dates.get(text)
        if found is None:
            found = find_dates(text)
            if len(self._dates) < 100_000:
                self._dates[text] = found
        return found

    def hits(self, text: str) -> tuple[_Found, ...]:
        """Every date, identifier, postcode and address part in ``text`` with the children it could
        belong to, whoever the copy is for: found once per text for all copies of a meeting."""
        cached = self._hits.get(text)
        if cached is not None:
            return cached
        out: list[_Found] = []
        # Identifiers, references and postcodes are found in the folded text (full-width digits,
        # invisible characters, every dash and line break made plain) and mapped back.
        folded, origin = fold_with_offsets(text)

        def at(m: re.Match[str]) -> tuple[int, int]:
            return origin[m.start()], origin[m.end() - 1] + 1

        digits = any(ch.isdigit() for ch in folded)
        if digits or _MONTH_NAME.search(folded):  # a date of birth may be written all in words
            for mention in self.dates(text):
                exact = frozenset(c for c, f in self.children.items() if f.date_of_birth in mention.dates)
                partial = frozenset(c for c, f in self.children.items() if f.date_of_birth is not None
                                    and not mention.dates
                                    and (f.date_of_birth.day, f.date_of_birth.month) in mention.day_month)
                if exact or partial:
                    out.append(("dob", mention.start, mention.end, exact, partial, mention.loose))
        in_words = NUMBER_WORDS_RUN.search(folded) is not None  # an identifier may be read out in words
        if digits or in_words:
            for cid, regexes in (self._ids_in_words if in_words else self._ids).items():
                for x, regex in regexes:
                    if regex is not None:
                        out += [("id", *at(m), cid) for m in regex.finditer(folded)
                                if identifier_plausible(m.group(0), x)]
            out += [("ref", *at(m), re.sub(r"[^0-9a-z]", "", m.group(0).lower()))
                    for m in RECORD_REFERENCE.finditer(folded)]
            out += [("postcode", *at(m), postcode_key(m.group(0))) for m in POSTCODE.finditer(folded)]
            known = {k for keys in self._postcodes.values() for k in keys}
            out += [("postcode", *at(m), postcode_key(m.group(0))) for m in SPACED_POSTCODE.finditer(folded.upper())
                    if (POSTCODE.fullmatch(postcode_key(m.group(0))) or postcode_key(m.group(0)) in known)
                    and (postcode_key(m.group(0)) in known or m.group(0) == text[at(m)[0]:at(m)[1]])]
        if self._address_re is not None:
            for m in self._address_re.finditer(folded):
                for cid, part in self._address_by_letters.get("".join(_ADDRESS_WORD.findall(m.group(0))), ()):
                    out.append(("address", *at(m), cid, part))
        result = tuple(out)
        if len(self._hits) < 100_000:
            self._hits[text] = result
        return result

    def surely_named(self, text: str) -> frozenset[int]:
        """The children ``children_named`` finds by something that is theirs alone: "Kai" does not
        name Kai Marlow surely when Kai Brennick is a child of the meeting too."""
        found: set[int] = set()
        for m in self.index.find(text):
            if m.how not in ("full", "alias", "word", "possessive", "prefixed", "initials", "inflected"):
                continue
            if not (m.term not in COMMON_WORDS and word_kind(m.term) not in ("ordinary", "both")) and m.how != "full":
                continue
            owners = _keys(set(m.owners) | (self.index.all_owners(m.term) if m.how != "full" else set()))
            ids = {o[1] for o in owners if o[0] in ("child", "relative")}
            if len(ids) == 1:
                found |= ids
        for hit in self.hits(text):
            if hit[0] == "dob" and len(set(hit[3])) == 1:
                found |= set(hit[3])
            elif hit[0] in ("id", "address"):
                found.add(hit[3])
        return frozenset(found)

    def children_in_name(self, name: str) -> frozenset[int]:
        """The children a name is built from: a word of it that is a word of a child's name, an alias or
        a relative's name, and no English word ("Dean Brennick" and "Tayo's uncle" for Tayo
        Brennick, "Big Tiz" for Tiz). A person of concern's full name would hide these, being longer."""
        found: set[int] = set()
        for word in name_words(name):
            if word in COMMON_WORDS or word_kind(word) in ("ordinary", "both"):
                continue
            for owner in _keys(self.index.all_owners(word)):
                if owner[0] in ("child", "relative") and owner[1] in self.children:
                    found.add(owner[1])
        return frozenset(found) | self.children_named(name)

    def children_named(self, text: str) -> frozenset[int]:
        """The children (by subject id) a text names in a way that is no ordinary word: their full
        name, an alias, a name word that is no English word, their date of birth, identifier or
        address, or a relative of theirs. The same for every copy of the meeting."""
        found = self._named.get(text)
        if found is None:
            found = frozenset(_Ctx(self, text, 0, {}, {}, "", frozenset(), False).named_here()
                              | self._capitalised(text)) if text.strip() else frozenset()
            if len(self._named) < 100_000:
                self._named[text] = found
        return found

    def run_together(self, text: str) -> tuple[tuple[int, int, str, str], ...]:
        """(start, end, the whole word, the name word) for each word of a child's name that is no
        English word, inside a longer word that is none either; once per text for every copy."""
        cached = self._run_together.get(text)
        if cached is not None:
            return cached
        out: list[tuple[int, int, str, str]] = []
        regex = self._inside_re
        if regex is not None:
            folded, origin = fold_with_offsets(text)
            for m in regex.finditer(folded):
                first, last = m.start(), m.end()
                while first > 0 and folded[first - 1].isalpha():
                    first -= 1
                while last < len(folded) and folded[last].isalpha():
                    last += 1
                token = folded[first:last]
                if (token == m.group(0) and token not in self._cut_forms) or word_kind(token) != "unknown" \
                        or token in MONTH_WORDS:
                    continue  # the word itself (the name engine's), an English word, a name of its own, a month
                s_ = m.start() if m.start() - first > 2 else first
                e_ = m.end() if last - m.end() > 2 else last
                out.append((origin[s_], origin[e_ - 1] + 1, text[origin[first]:origin[last - 1] + 1], m.group(0)))
        result = tuple(out)
        if len(self._run_together) < 100_000:
            self._run_together[text] = result
        return result

    def _capitalised(self, text: str) -> set[int]:
        """Children named by a word of their name that is also an English word, with a capital ("Lan
        was arrested", "Rose said"), outside a date ("4 May") and outside a professional's name."""
        matches = [m for m in self.index.find(text) if m.how in ("full", "alias", "word", "possessive", "prefixed")]
        pros = [(m.start, m.end) for m in matches if any(o[0] == "pro" for o in _keys(m.owners))]
        dates = [(d.start, d.end) for d in self.dates(text)]
        out: set[int] = set()
        for m in matches:
            if not text[m.start:m.start + 1].isupper() or fold(text[m.start:m.end]) in MONTH_WORDS \
                    or any(m.start < e and m.end > s_ for s_, e in pros + dates):
                continue
            out |= {o[1] for o in _keys(m.owners) if o[0] in ("child", "relative")}
        return out

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
        found = self.index.find(text)
        for match in found:
            ctx.name_match(match, spans, protected)
        ctx.disguised(spans, protected)
        ctx.inside(spans, protected)
        ctx.details(spans)
        ctx.birth_years(spans)
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
    _named: set[int] | None = None

    def named_here(self) -> set[int]:
        """The children this text names in a way that is no ordinary word: a name word that is not
        English ("Hartle", "Okafor"), their full name, date of birth, identifier or address. A
        capitalised common word ("Rose") is not enough: "the rose garden" beside it stays."""
        if self._named is None:
            named: set[int] = set()
            for m in self.r.index.find(self.text):
                if m.how not in ("full", "alias", "word", "possessive", "prefixed", "initials", "inflected"):
                    continue
                plain = m.term not in COMMON_WORDS and word_kind(m.term) not in ("ordinary", "both")
                if plain or m.how == "full":
                    named |= {o[1] for o in _keys(m.owners) if o[0] in ("child", "relative")}
            for hit in self.r.hits(self.text):
                if hit[0] == "dob":
                    named |= set(hit[3])
                elif hit[0] in ("id", "address"):
                    named.add(hit[3])
            self._named = named
        return self._named

    def show(self, label: str) -> str:
        return f"[{label}]" if self.brackets else label

    def suspect(self, start: int, end: int, reason: str, proposal: str, kind: str) -> Suspect:
        word = self.text[start:end]
        sentence = sentence_around(self.text, start, end)
        occurrence = self.text.count(word, 0, start)
        return Suspect(word, reason, self.where, point_key(str(self.subject_id), kind, fold(word), fold(sentence),
                                                            str(occurrence)), sentence, proposal)

    def label_of(self, owners: Sequence[Any]) -> tuple[str, str] | None:
        """(kind, label) for the owners of a match other than the subject child; None if none. An
        owner is this module's key: ("child", id), ("relative", child id, index), ("poc", id)…"""
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
            elif owner[0] == "family":
                names.append("Family member")
                kind = "family member"
        names = list(dict.fromkeys(names))
        return (kind, "/".join(names)) if names else None

    def name_match(self, m: NameMatch, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        # Everyone the term could mean, not only the best kind of match: "Kai" may be the subject's
        # first name and another child's alias, and then the manager is asked.
        every = _keys(set(m.owners) | self.r.index.all_owners(m.term))
        mine = any(o[0] in ("child", "relative", "poc") and o[1] == self.subject_id for o in every)
        pro = any(o[0] == "pro" for o in every)
        found = self.label_of(tuple(every))
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
            word = word[:-2]
        capital = word[:1].isupper()

        def ask(reason: str) -> None:
            spans.append(_Span(m.start, end, self.show(label), kind, label,
                               self.suspect(m.start, end, reason, label, kind)))

        mention = self.in_date(m.start, end)
        if mention is not None and fold(word) in MONTH_WORDS:  # a foreign month ("5 Maja") is still a name
            day_first = re.search(r"\d\s*(?:st|nd|rd|th|ed|af|il)?\s*(?:of\s+|o\s+)?$", self.text[:m.start])
            if mention.dates or not mention.day_month or day_first:
                return  # "4 May 2026", "May 2026", "on 4 May": a date, not a child called May
            ask(f"“{word}” and a number: a date, or {label} and their age?")  # "June 13", "Mai 14"
            return
        if kind == "family member":
            ask("a family member at the meeting not recorded as this child's: another child's relative?")
            return
        sort = word_kind(squash(word)) if m.how in ("word", "alias", "possessive") else "unknown"
        # "both" (times, boss, jordan) is taken as the word in lower case: Webster's lists many
        # words with a capital too, and asking about every "times" would bury the real doubts.
        ordinary = m.term in COMMON_WORDS or sort in ("ordinary", "both")
        if ordinary and not capital:
            self.common_word(m, end, kind, label, spans)  # "he will", "the park": the child's own words
            return
        if mine:
            ask(f"also part of the subject child's own name (or a relative's), and {label}'s: which is meant?")
            return
        if pro:
            ask(f"a professional's name that is also {label}'s name")
            return
        if m.how == "near":
            if fold(word) in MONTH_WORDS:
                return  # "Mehefin" (June) is not a misspelling of Hefin
            if capital and fold(word) not in _FUNCTION_WORDS and word_kind(squash(word)) != "ordinary":
                ask(f"spelt like {label}'s name: a misspelling?")
            elif not capital and len(m.term) >= 5 and len(squash(word)) >= 5 and word_kind(squash(word)) == "unknown":
                # "brenick", "brennik": no English word, one or two letters from a name of five or more.
                ask(f"spelt like {label}'s name in lower case: a misspelling?")
            return
        if m.how in ("inflected", "mutated"):
            if capital or word_kind(squash(word)) != "ordinary":
                ask(f"an inflected or mutated form of {label}'s name?")
            return
        if m.how == "particle":
            if capital:
                ask(f"“{word}” is part of {label}'s name, and a particle of many names: is it them?")
            return
        if ordinary:
            self.common_word(m, end, kind, label, spans)
            return
        if m.how == "possessive":
            ask(f"“{word}”: {label}'s name with a possessive s?")
            return
        if m.how == "initials":
            own = initials_of(self.r.children[self.subject_id].name) if self.subject_id in self.r.children else ""
            if own and own == m.term:
                ask(f"initials of the subject child and of {label}")
                return
        spans.append(_Span(m.start, end, self.show(label), kind, label))

    def disguised(self, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        """Another child's name written with look-alike letters of another script ("Тауо"), digits
        for letters ("T4y0 Br3nn1ck") or letters held down ("Tayoooo"): asked, masked until then."""
        variants = self.r.disguises(self.text)
        if not variants:
            return
        seen = bytearray(len(self.text))  # 1 where a name is already masked or asked
        for s_, e in [(sp.start, sp.end) for sp in spans] + protected:
            seen[s_:e] = b"\x01" * (e - s_)
        # A word found and left as an English word ("Brie" in "Brie\u006e") is no cover: the disguised
        # reading of it is masked whole. The subject's own names and professionals' stay covered.
        for variant, starts, ends in variants:
            for m in self.r.index.find(variant):
                if m.how not in ("full", "alias", "word", "possessive", "prefixed") or m.end <= m.start:
                    continue
                # min and max: a right-to-left override shows the letters in the reverse order
                start, end = min(starts[m.start:m.end]), max(ends[m.start:m.end])
                if start > 0 and self.text[start - 1] == "\u202e":
                    start -= 1  # the override goes with the name, or the label would show reversed
                    if self.text[end:end + 1] == "\u202c":
                        end += 1
                pieces = _uncovered(self.text, start, end, seen)
                if not pieces:
                    continue
                every = _keys(set(m.owners) | self.r.index.all_owners(m.term))
                if any(o[0] == "pro" or (o[0] in ("child", "relative", "poc") and o[1] == self.subject_id)
                       for o in every):
                    continue  # the subject's own name, or a professional's, however written
                labelled = self.label_of(tuple(every))
                if labelled is None:
                    continue
                word = self.text[start:end]
                # The case is read as shown: a name under a right-to-left override ("\u202egreB") is a
                # deliberate disguise, asked even when it is also an English word (berg, gross).
                shown = variant[m.start:m.end]
                if not shown[:1].isupper() and word[:1] not in "$@€|£¢¥\u202e" and (
                        m.term in COMMON_WORDS or word_kind(m.term) in ("ordinary", "both")):
                    continue  # "sooo" is not Soo, "wi11" in lower case is the word
                kind, label = labelled
                for s_, e in pieces:  # what another match has not already covered ("Tаyо" of "Tаyо Brеnnick")
                    seen[s_:e] = b"\x01" * (e - s_)
                    spans.append(_Span(s_, e, self.show(label), kind, label, self.suspect(
                        s_, e, f"“{word}” reads as {label}'s name written with look-alike letters, digits or "
                        "repeated letters: is it them?", label, kind)))

    def inside(self, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        """A word of another child's name that is no English word, run together with other letters
        into a word that is none either ("FreeTayo", "KaiAndTayo", "xXtayoXx", "tayob"): asked. The name
        is masked with what is left of the word when that is two letters or fewer (an initial, a
        decoration), and alone otherwise ("FreeChild B")."""
        taken = [(sp.start, sp.end) for sp in spans] + protected
        for start, end, whole, word in self.r.run_together(self.text):
            owners = sorted(self.r._inside_words[word] & set(self.labels), key=lambda c: self.labels[c])
            if not owners or any(start < e and end > s for s, e in taken):
                continue
            taken.append((start, end))
            label = "/".join(self.labels[c] for c in owners)
            spans.append(_Span(start, end, self.show(label), "name", label, self.suspect(
                start, end, f"“{whole}” holds {label}'s name run together with other letters: is it them?", label,
                "name inside a word")))

    def in_date(self, start: int, end: int) -> DateMention | None:
        return next((d for d in self.r.dates(self.text) if d.start <= start and end <= d.end), None)

    def common_word(self, m: NameMatch, end: int, kind: str, label: str, spans: list[_Span]) -> None:
        """An ordinary word that is also a name: a capital in mid-sentence, in ordinary prose and
        not the start of a place's name, is the child; a capital elsewhere is asked; lower case is
        asked only in a record about that child, and otherwise is the subject's own text."""
        word = self.text[m.start:end]
        before = self.text[:m.start]
        child_ids = {o[1] for o in _keys(m.owners) if o[0] in ("child", "relative")}
        # Lower case is asked in a record about that child, in a text that names them another way
        # ("Rose" or "Child B" in the same note), or where the word is used as a name ("with summer",
        # "summer's phone", "summer said"); elsewhere it is the subject child's own word.
        about_them = bool(child_ids & self.tagged) or (
            not word[:1].isupper() and m.how in ("word", "alias", "possessive") and len(m.term) >= 3
            and fold(word) not in _FUNCTION_WORDS and fold(word) not in TITLES
            and (bool(child_ids & self.named_here()) or _used_as_name(self.text, m.start, m.end, m.term)))
        nxt = re.match(r"[ \t]+([^\W\d_]+)", self.text[end:])
        place_next = bool(nxt and fold(nxt.group(1)) in _PLACE_WORDS)
        if m.how != "possessive" and word[:1].isupper() and not _SENTENCE_END.search(before) and not place_next \
                and not _title_case_around(self.text, m.start, end) and fold(word) not in MONTH_WORDS:
            spans.append(_Span(m.start, end, self.show(label), kind, label))  # a capital mid-sentence: a name
        elif word[:1].isupper() or about_them:
            spans.append(_Span(m.start, end, self.show(label), kind, label, self.suspect(
                m.start, end, f"“{word}” is an ordinary word and {label}'s name: which is it here?", label, kind)))

    def details(self, spans: list[_Span]) -> None:
        """Dates of birth, identifiers, postcodes and addresses, from the meeting-wide hits."""
        subject = self.r.children.get(self.subject_id)
        own_ids = {re.sub(r"[^0-9a-z]", "", x.lower()) for x in (subject.identifiers if subject else ())}
        own_postcodes = self.r._postcodes.get(self.subject_id, set())
        own_parts = {p for p, _r in self.r._addresses.get(self.subject_id, ())}
        hits = self.r.hits(self.text)
        # The subject's own address, however laid out: nothing inside it is another child's.
        own_spans = [(h[1], h[2]) for h in hits if (h[0] == "address" and h[3] == self.subject_id)
                     or (h[0] == "postcode" and h[3] in own_postcodes)]
        own_spans += [(h[1], h[2]) for h in hits if h[0] == "id" and h[3] == self.subject_id]
        for hit in hits:
            if hit[0] in ("address", "postcode", "id", "ref") and any(hit[1] < e and hit[2] > s_
                                                                      for s_, e in own_spans):
                continue
            kind, start, end = hit[0], hit[1], hit[2]
            if kind == "dob":
                exact, partial = hit[3], hit[4]
                cid = next((c for c in exact if c in self.labels), None)
                if cid is not None:
                    label, shown = self.labels[cid], self.show(f"date of birth of {self.labels[cid]}")
                    doubt = self.suspect(start, end, f"the subject child's date of birth and {label}'s", shown,
                                         "date of birth") if self.subject_id in exact else None
                    if hit[5] and doubt is None:  # six digits alone: a date of birth, or a reference?
                        doubt = self.suspect(start, end, f"six digits that read as {label}'s date of birth: "
                                             "a date, or a reference number?", shown, "date of birth")
                    spans.append(_Span(start, end, shown, "date of birth", label, doubt))
                    continue
                cid = next((c for c in partial if c in self.labels), None)
                if cid is not None:
                    label, shown = self.labels[cid], self.show(f"date of birth of {self.labels[cid]}")
                    spans.append(_Span(start, end, shown, "date of birth", label, self.suspect(
                        start, end, f"the day and month of {label}'s birth", shown, "date of birth")))
            elif kind == "id" and hit[3] in self.labels:
                label = self.labels[hit[3]]
                spans.append(_Span(start, end, self.show(f"identifier of {label}"), "identifier", label))
            elif kind == "ref":
                squashed = hit[3]
                if not any(squashed.endswith(own) or own.endswith(squashed) for own in own_ids if own):
                    spans.append(_Span(start, end, self.show("record identifier"), "identifier", "another record"))
            elif kind == "postcode" and hit[3] not in own_postcodes:
                owner = next((self.labels[c] for c in self.labels if hit[3] in self.r._postcodes.get(c, ())), None)
                spans.append(_Span(start, end, self.show(f"address of {owner}" if owner else "postcode"),
                                   "address" if owner else "postcode", owner or "a postcode"))
            elif kind == "address" and hit[3] in self.labels and hit[4] not in own_parts:
                label, part = self.labels[hit[3]], hit[4]
                shown = self.show(f"address of {label}")
                # A street without its house number may be a place's or a group's name too
                # ("the Tanner Row group"): asked, not replaced blindly.
                doubt = None if any(ch.isdigit() for ch in part) and part not in self.r._partials else self.suspect(
                    start, end, f"part of {label}'s address, or something else?", shown, "address")
                spans.append(_Span(start, end, shown, "address", label, doubt))

    def birth_years(self, spans: list[_Span]) -> None:
        """A year of birth alone: beside another child's name ("Tayo (2011)", "Tayo, born 2011") it
        is theirs, masked when it is their year and asked when not; "born 2011" elsewhere is asked
        when it is another child's year and not the subject child's. An age ("aged 14") is kept."""
        mentions = self.r.birth_years(self.text)
        if not mentions:
            return
        subject = self.r.children.get(self.subject_id)
        own = subject.date_of_birth.year if subject is not None and subject.date_of_birth is not None else None
        by_label = {label: cid for cid, label in self.labels.items()}
        names = [s for s in spans if s.kind in ("name", "alias")]
        for y in mentions:
            years_of = {cid for cid in self.labels if (f := self.r.children.get(cid)) is not None
                        and f.date_of_birth is not None and f.date_of_birth.year in y.years}
            near: set[int] = set()
            for s_ in names:
                if s_.end <= y.start and y.start - s_.end <= 40 and not _CLAUSE_END.search(self.text[s_.end:y.start]):
                    near |= {by_label[p] for p in s_.label.split("/") if p in by_label}
            theirs = near & years_of
            if theirs and own not in y.years:
                label = self.labels[min(theirs)]
                spans.append(_Span(y.start, y.end, self.show(f"year of birth of {label}"), "date of birth", label))
            elif near:
                label = self.labels[min(theirs or near)]
                shown = self.show(f"year of birth of {label}")
                spans.append(_Span(y.start, y.end, shown, "date of birth", label, self.suspect(
                    y.start, y.end, f"a year beside {label}'s name: their year of birth?", shown, "year of birth")))
            elif y.stated and years_of and own not in y.years:
                label = "/".join(self.labels[c] for c in sorted(years_of))
                shown = self.show(f"year of birth of {label}")
                spans.append(_Span(y.start, y.end, shown, "date of birth", label, self.suspect(
                    y.start, y.end, f"{label}'s year of birth: is it them?", shown, "year of birth")))

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
                shown = self.show(f"{kind} of {label}")
                work = kind == "e-mail address" and fold(domain).endswith(PROFESSIONAL_DOMAINS)
                spans.append(_Span(start, end, shown, kind, label, self.suspect(
                    start, end, f"a work e-mail address that looks like {label}'s name: a professional's?",
                    shown, kind) if work else None))
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
        # A lone initial beside a name, sure or asked: "T. Child B", "Child B, T.", "Kai O." where
        # Kai is also another child's name ("A" and "I" only with a stop).
        for span in [s for s in spans if s.kind in ("name", "alias", "relative")]:
            base = max(0, span.start - 8)
            for m, start in ((_INITIAL_AFTER.match(text, span.end), 0),
                             (_INITIAL_BEFORE.search(text[base:span.start]), base)):
                if m is not None and (m.group(2) or m.group(1) not in "AI") \
                        and not any(s_ <= start + m.start(1) < e for s_, e in protected):
                    first, last = start + m.start(1), start + m.end(2)
                    spans.append(_Span(first, last, self.show(span.label), span.kind, span.label, self.suspect(
                        first, last, f"an initial next to {span.label}: theirs?", span.label, span.kind)))
        for span in masked:
            # Only the words just before a name are looked at: a search of everything before each
            # name made a long note (100,000 characters) take minutes.
            base = max(0, span.start - 200)
            before = text[base:span.start]
            for m in (_AFTER_NAME.match(text, span.end),):
                if m is None:
                    continue
                word = m.group(1)
                start = m.start(1)
                if self._plain_word(word, start, protected) or self._piece_of_name(word, start, span.label, protected):
                    spans.append(_Span(start, start + len(word), self.show(span.label), span.kind, span.label,
                                       self.suspect(start, start + len(word),
                                                    f"a capitalised word next to {span.label}: more of the name?",
                                                    span.label, span.kind)))
            m = _WORD_BEFORE.search(before)
            if m is not None and (self._plain_word(m.group(1), base + m.start(1), protected)
                                  or self._piece_of_name(m.group(1), base + m.start(1), span.label, protected)):
                first, last = base + m.start(1), base + m.end(1)
                spans.append(_Span(first, last, self.show(span.label), span.kind, span.label,
                                   self.suspect(first, last,
                                                f"a capitalised word next to {span.label}: more of the name?",
                                                span.label, span.kind)))

    def _piece_of_name(self, word: str, start: int, label: str, protected: list[tuple[int, int]]) -> bool:
        """The start of a word of that child's name, cut short, beside the rest of it ("Tayo Bren" for
        Tayo Brennick): asked even when it is an English word ("bren")."""
        piece = squash(word)
        if len(piece) < 3 or not word[:1].isupper() or any(s <= start < e for s, e in protected):
            return False
        owners = [cid for cid, lab in self.labels.items() if lab in label.split("/")]
        return any(w != piece and w.startswith(piece) for cid in owners for w in
                   (squash(x) for x in self.r._words.get(cid, ())))

    def _plain_word(self, word: str, start: int, protected: list[tuple[int, int]]) -> bool:
        if not word[:1].isupper() or len(word) < 2 or fold(word) in _FUNCTION_WORDS:
            return False
        if word_kind(squash(word)) == "ordinary":
            return False  # "Yesterday Child B ran", "Sadly Child B": words, not more of the name
        if word.isupper() and len(word) <= 4:
            return False  # an agency's initials (YOT, CSC)
        return not any(s <= start < e for s, e in protected)

    def initials(self, spans: list[_Span], protected: list[tuple[int, int]]) -> None:
        own = self.r._initials.get(self.subject_id, "")
        found = [(m.start(1), m.end(1), m.group(1)) for m in _UNDOTTED_INITIALS.finditer(self.text)]
        # Spaced capitals ("T B", "T  B"): every two or three neighbours of a run are tried.
        for m in _SPACED_CAPITALS.finditer(self.text):
            letters = [(m.start() + k.start(), m.start() + k.end()) for k in re.finditer(r"[A-Z]", m.group(0))]
            for size in (2, 3):
                for i in range(len(letters) - size + 1):
                    start, end = letters[i][0], letters[i + size - 1][1]
                    found.append((start, end, "".join(self.text[s_] for s_, _e in letters[i:i + size])))
        subject = self.r.children.get(self.subject_id)
        own_relatives = {initials_of(n).upper() for n, _r in (subject.relatives if subject else ())}
        own_forms = self.r._initial_forms.get(self.subject_id, set()) | {own} | own_relatives
        shortened = [(m.start(1), m.end(1), re.sub(r"[^A-Z]", "", m.group(1)))
                     for m in _JOINED_CAPITALS.finditer(self.text)]
        for start, end, letters_of in found + shortened:
            for cid, label in self.labels.items():
                if letters_of not in own_forms and letters_of in self.r._initial_forms.get(cid, ()):
                    spans.append(_Span(start, end, self.show(label), "name", label, self.suspect(
                        start, end, f"the initials of {label}'s name shortened, or an abbreviation?", label,
                        "initials")))
                    break
                if (start, end, letters_of) in shortened:
                    continue
                if self.r._initials.get(cid) == letters_of and letters_of != own:
                    spans.append(_Span(start, end, self.show(label), "name", label, self.suspect(
                        start, end, f"the initials of {label}, or an abbreviation?", label, "initials")))
                    break
            else:
                # A relative's initials ("FA" for Folake Adeyemi), unless a relative of this child's has them.
                for cid, label in self.labels.items():
                    child = self.r.children.get(cid)
                    for name, relationship in (child.relatives if child else ()):
                        if initials_of(name).upper() == letters_of and letters_of not in own_relatives | {own}:
                            shown = f"{relationship_label(relationship)} of {label}"
                            spans.append(_Span(start, end, self.show(shown), "relative", shown, self.suspect(
                                start, end, f"the initials of {shown}, or an abbreviation?", shown, "initials")))
                            break
                    else:
                        continue
                    break


# The words around a lower-case ordinary word that make it a name: a person is met, told, seen…
# ("with summer", "told summer") or says and does ("summer said", "summer disclosed").
_PERSON_BEFORE = frozenset({
    "with", "told", "tell", "tells", "telling", "saw", "see", "sees", "seen", "met", "meet", "meets", "called",
    "phoned", "texted", "messaged", "visited", "asked", "named", "nicknamed", "aka", "hit", "punched", "kicked",
    "assaulted", "threatened", "followed", "befriended", "groomed", "dating", "seeing", "friends", "sister",
    "brother", "cousin", "girlfriend", "boyfriend", "mate", "pal",
})
_PERSON_AFTER = frozenset({
    "said", "says", "told", "tells", "disclosed", "discloses", "reported", "stated", "admitted", "denied",
    "explained", "replied", "alleged", "confirmed", "refused", "agreed", "wants", "wanted", "went", "ran",
    "texted", "messaged", "phoned", "lives", "lived", "attends", "attended", "absconded", "returned",
    "arrived", "left", "cried", "shouted", "screamed", "claimed", "insisted", "smiled", "laughed",
})
# Virtues and abstract words that follow "with" in ordinary prose ("with hope", "with grace").
_WITH_WORDS = frozenset({"hope", "grace", "joy", "faith", "patience", "prudence", "constance", "harmony", "love",
                         "bliss", "destiny", "chance", "will", "care", "honey", "sage"})


def _initial_forms(name: str) -> set[str]:
    """The initials a long name is shortened to (capitals), the full initials included."""
    words = [w for w in fold(_without_titles(name)).split() if re.search(r"[^\W\d_]", w)]
    pieces = [re.findall(r"[^\W\d_]+", w) for w in words]
    pieces = [p for p in pieces if p]
    firsts = "".join(p[0][0] for p in pieces)  # a hyphenated word by its first half
    forms = {firsts, "".join(x[0] for p in pieces for x in p)}
    if len(pieces) >= 3:
        forms |= {firsts[0] + firsts[-1], firsts[:2]}
    if len(pieces) == 1 and len(pieces[0]) >= 2:
        forms.add("".join(x[0] for x in pieces[0]))
    forms |= {"".join(x[0] for x in p) for p in pieces if len(p) >= 2}  # "JL" for Jean-Luc
    return {f.upper() for f in forms if len(f) >= 2}


def _used_as_name(text: str, start: int, end: int, term: str) -> bool:
    after = text[end:end + 24]
    if re.match(r"['’]s(?![^\W\d_])", after) or re.search(r"['’]s$", text[start:end]):
        return True  # "summer's phone"
    before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, start - 24):start])
    if before is not None:
        prev = before.group(1).lower()
        if prev in _PERSON_BEFORE and not (prev == "with" and term in _WITH_WORDS):
            return True
    nxt = re.match(r"[ \t]+([^\W\d_]+)", after)
    return nxt is not None and nxt.group(1).lower() in _PERSON_AFTER


def _uncovered(text: str, start: int, end: int, covered: bytearray) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` where ``covered`` is 0, without the spaces and stops around."""
    free = [not covered[i] for i in range(start, end)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(free):
        if free[i]:
            j = i
            while j < len(free) and free[j]:
                j += 1
            stretch = text[start + i:start + j]
            edge = r"[^\s,:.!?()]" if "&" in stretch else r"[^\s,;:.!?()]"  # an entity keeps its ";"
            piece = re.search(edge + "(?:.*" + edge + ")?", stretch, re.DOTALL)
            if piece is not None:
                out.append((start + i + piece.start(), start + i + piece.end()))
            i = j
        else:
            i += 1
    return out


def _apply(text: str, spans: list[_Span], decisions: Mapping[str, str]) -> Outcome:
    """Replace the chosen spans (longest first where they overlap) and list what was asked."""
    out = Outcome(text)
    chosen: list[_Span] = []
    left: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.suspect is not None, -(s.end - s.start), s.start)):
        if any(span.start < c.end and span.end > c.start for c in chosen):
            left.append(span)
            continue
        chosen.append(span)
    # Fail closed: a doubt that overlaps what is masked and reaches past it ("T\x61yo", where a
    # postcode was found in "x61yo") widens that mask, unless the manager keeps the doubt.
    for span in left:
        if span.suspect is None or decisions.get(span.suspect.key, "") == "keep":
            continue
        for n, c in enumerate(chosen):
            if span.start < c.end and span.end > c.start and (span.start < c.start or span.end > c.end) \
                    and not any(o is not c and span.start < o.end and span.end > o.start for o in chosen):
                wider = span if span.end - span.start > c.end - c.start else c
                chosen[n] = _Span(min(c.start, span.start), max(c.end, span.end), wider.replacement, wider.kind,
                                  wider.label, c.suspect)
                out.suspects.append(Suspect(**{**span.suspect.__dict__, "decision": decisions.get(
                    span.suspect.key, "")}))
                break
    # The marks that belong to a name's last letter go with it (a Devanagari vowel sign, an Arabic
    # tanween): left behind they would sit on the label ("Child Eा") and show what was there.
    for n, c in enumerate(chosen):
        end = c.end
        while end < len(text) and unicodedata.category(text[end]).startswith("M") \
                and not any(o.start <= end < o.end for o in chosen):
            end += 1
        if end != c.end:
            chosen[n] = _Span(c.start, end, c.replacement, c.kind, c.label, c.suspect)
    pieces: list[str] = []
    last = 0
    for span in sorted(chosen, key=lambda s: s.start):
        decision = decisions.get(span.suspect.key, "") if span.suspect is not None else "mask"
        if span.suspect is not None:
            out.suspects.append(Suspect(**{**span.suspect.__dict__, "decision": decision}))
        if decision == "keep":
            continue
        if pieces and span.start == last and pieces[-1] == span.replacement:
            last = span.end  # two pieces of one name side by side ("Jone" and "\u0073"): one label
            continue
        pieces += [text[last:span.start], span.replacement]
        last = span.end
        out.replaced.append((span.kind, span.label))
    pieces.append(text[last:])
    out.text = "".join(pieces)
    return out
