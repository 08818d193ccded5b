"""One name-matching engine: finds where people's names are written in a text, however written.

Used by tag suggestions (which subject a note mentions), masking (initials in agendas and digests),
redaction of disclosure copies and the leftover check, so all four agree on what a name is.

A ``Person`` has an owner key (whatever the caller uses: a subject id, "relative:12:0"…), a full
name and aliases. ``NameIndex.find(text)`` returns ``NameMatch`` spans in the text as written, each
with how sure it is (``how``):

* "full" / "alias": the whole name or an alias, in any spacing, case, accents, dashes or apostrophes,
  joined up ("KaiMarlow", "first_last10" → "first last"), with an English possessive.
* "word": one word of a name ("Kai", "Marlow"; both halves of "Jones-Patel" and the whole joined up,
  "JonesPatel"; "O'Brien", "OBrien", "O'Briens'").
* "inflected": a word with a common inflected ending of Polish, Welsh, German and other languages
  ("Małgorzaty", "Małgorzacie" for Małgorzata): probably the person; callers ask a human.
* "mutated": a Welsh initial mutation ("Ngareth", "Fethan", "Ddafydd"): probably the person.
* "prefixed": Arabic with a prefixed conjunction or preposition (و، ف، ب، ل، ك، ال), Hebrew with
  its joined prefixes (ו، ה، ב، ל، מ، ש، כ: "ודוד", and David).
* "near": within a small edit distance of a name word (a misspelling): perhaps the person.
* "initials": dotted initials ("K.M.", "K. M.") equal to a person's initials.

Word boundaries treat digits, underscores and punctuation as boundaries ("Name2" holds "Name").
Pure Python, no Qt, no SQL; the index is built once per set of people and caches per text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from efh_desktop.domain.name_folding import fold_with_offsets, squash

# Words that are part of many surnames but are ordinary words (or nearly) on their own.
PARTICLES = frozenset({
    "ab", "ap", "al", "el", "bin", "bint", "ibn", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "la", "le", "les", "mac", "st", "ter", "van", "von", "y", "and", "of", "the",
})
# Titles, ranks and relationship nouns written as part of a name ("Mrs Brennick", "DS Morgan
# Ellery", "Nan"): never a name word on their own, or every "Mrs" in a copy would be masked.
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "sir", "dame", "master", "lord", "lady",
    "pc", "dc", "ds", "di", "dci", "dsi", "sgt", "insp", "pcso", "cllr", "cpl", "sister", "nurse",
    "mum", "mam", "mom", "dad", "nan", "nana", "gran", "granny", "grandad", "grandma", "grandpa", "aunt",
    "auntie", "aunty", "uncle", "mother", "father", "brother", "sis", "bro", "baby", "unknown", "not", "known",
})
# Endings of inflected or possessive forms, longest first (folded: no accents).
_ENDINGS = ("owie", "owi", "ach", "ami", "ego", "emu", "iem", "ie", "om", "ow", "em", "es", "ei", "en",
            "y", "i", "e", "a", "o", "u", "s")
# Stem consonants that change before an ending (Polish "t" → "c" in "Małgorzacie"; "d" → "dz").
_ALTERNATIONS = (("c", "t"), ("c", "k"), ("dz", "d"), ("dz", "g"), ("rz", "r"), ("sz", "ch"), ("z", "g"))
# Welsh initial mutations: the mutated start → the radical start it may come from.
_WELSH = (("ngh", "c"), ("mh", "p"), ("nh", "t"), ("ng", "g"), ("ch", "c"), ("ph", "p"), ("th", "t"),
          ("dd", "d"), ("f", "b"), ("f", "m"), ("g", "c"), ("b", "p"), ("d", "t"), ("m", "b"), ("n", "d"),
          ("l", "ll"), ("r", "rh"), ("", "g"))
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_HEBREW_PREFIXES = ("וה", "וב", "ול", "ומ", "וש", "שה", "מה", "ו", "ה", "ב", "ל", "מ", "ש", "כ")
_TOKEN_RE = re.compile(r"[^\W\d_]+")
# Initials: single letters joined by full stops or hyphens ("K.M.", "K. M.", "F.S-J."); the letters
# must be capitals in the text as written, so "a.m." and "p.m." are never taken for a person.
_INITIALS_RE = re.compile(r"(?<![^\W\d_])((?:[^\W\d_] ?[.\-] ?){1,4}[^\W\d_]\.?)(?![^\W\d_])")
# One term found: (how it matched, the squashed term, whose name it is).
_Hit = tuple[str, str, set[object]]


@dataclass(frozen=True)
class Person:
    owner: object
    name: str
    aliases: tuple[str, ...] = ()
    words: bool = True  # match single words of the name too (False for professionals)
    only_words: tuple[str, ...] | None = None  # these words alone instead of every word of the name


@dataclass(frozen=True)
class NameMatch:
    start: int  # in the text as given
    end: int
    owners: tuple[object, ...]
    how: str
    term: str = ""  # the folded term matched, for messages and keys


def name_words(name: str) -> list[str]:
    """The words of a name worth matching on their own: at least two letters and not a particle;
    both halves of a hyphenated or apostrophe word and the word joined up ("O'Brien" → "obrien")."""
    out: list[str] = []
    folded = fold_with_offsets(name)[0]
    chunks = [c for c in folded.split() if c.strip(".") not in TITLES]
    # A surname of several words is also written joined: "van der Berg" → "vanderberg", "St John" → "stjohn".
    for k in range(2, len(chunks)):
        joined = "".join(_TOKEN_RE.findall("".join(chunks[-k:])))
        if len(joined) >= 4 and joined not in out:
            out.append(joined)
    for chunk in folded.split():
        pieces = _TOKEN_RE.findall(chunk)
        candidates = ["".join(pieces)] + (pieces if len(pieces) > 1 else [])
        for part in candidates:
            if len(part) >= 2 and part not in PARTICLES and part not in TITLES and part not in out:
                out.append(part)
    return out


def particle_words(name: str) -> list[str]:
    """Name words that are particles ("Lê", "Al", "Van"): found only with a capital, and asked."""
    folded = fold_with_offsets(name)[0]
    return [p for p in _TOKEN_RE.findall(folded) if p in PARTICLES]


def initials_of(name: str) -> str:
    """Folded first letters of each word of a name, hyphen halves included: "Mary-Jane O'Brien" → "mjob"."""
    return "".join(p[0] for p in _TOKEN_RE.findall(fold_with_offsets(name)[0]) if p)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up (returning limit + 1) once over ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
            best = min(best, cur[j])
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class NameIndex:
    """Compiled once for a set of people; ``find`` is cached per text."""

    def __init__(self, people: Sequence[Person], *, near: bool = True) -> None:
        self.people = tuple(people)
        self._near = near
        self._terms: dict[str, dict[str, set[object]]] = {}  # squashed term → how → owners
        self._initials: dict[str, set[object]] = {}
        self._max_tokens = 1
        for person in self.people:
            for kind, term in [("full", person.name)] + [("alias", a) for a in person.aliases]:
                key = squash(term)
                if len(key) >= 2:
                    self._add(key, kind, person.owner)
                    self._max_tokens = max(self._max_tokens, len(_TOKEN_RE.findall(fold_with_offsets(term)[0])))
            if person.words:
                chosen = name_words(person.name) if person.only_words is None else [
                    squash(w) for w in person.only_words if len(squash(w)) >= 2]
                for word in chosen:
                    self._add(word, "word", person.owner)
                if person.only_words is None:
                    for word in particle_words(person.name):
                        self._add(word, "particle", person.owner)
                letters = initials_of(person.name)
                if len(letters) >= 2:
                    self._initials.setdefault(letters, set()).add(person.owner)
        self._max_tokens += 1  # a joined-up name can be split once more than written ("Jones Patel")
        self._literal_terms: dict[str, tuple[str, str, set[object]]] = {}
        for person in self.people:
            for kind, term in [("full", person.name)] + [("alias", a) for a in person.aliases]:
                literal = re.sub(r"\s+", " ", fold_with_offsets(term)[0].strip())
                if re.search(r"[^\w\s\-]|\d|_", literal) and len(literal.replace(" ", "")) >= 2:
                    entry = self._literal_terms.setdefault(literal, (kind, squash(term) or literal, set()))
                    entry[2].add(person.owner)
        self._literal = (re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(t).replace(r"\ ", r"\s+") for t in sorted(self._literal_terms, key=len, reverse=True))
            + r")(?!\w)") if self._literal_terms else None)
        # Mc and Mac are one prefix written two ways, and "M'" is its old short form: "Mac Donald" or
        # "M'Donald" for McDonald, "Mc Kay" for MacKay. Found only as two words ("Mac Donald"), since as
        # one ("MacDonald") the misspelling rule already asks; a misspelling, so always asked.
        self._spellings: dict[str, tuple[str, set[object]]] = {}
        for key in [k for k in self._terms if len(k) >= 5]:
            rest = key[3:] if key.startswith("mac") else key[2:] if key.startswith("mc") else ""
            if len(rest) >= 3:
                owners = self.all_owners(key)
                for other in ("mac" + rest, "mc" + rest, "m" + rest):
                    if other != key and other not in self._terms:
                        self._spellings.setdefault(other, (key, set()))[1].update(owners)
        self._word_keys = [k for k, hows in self._terms.items() if len(k) >= 4]
        self._near_cache: dict[str, _Hit | None] = {}
        self._variant_cache: dict[str, _Hit | None] = {}
        self._prefixes = {k[:n] for k in (*self._terms, *self._spellings) for n in range(1, len(k) + 1)}
        self.find = lru_cache(maxsize=65536)(self._find)

    def _add(self, key: str, how: str, owner: object) -> None:
        self._terms.setdefault(key, {}).setdefault(how, set()).add(owner)

    def all_owners(self, key: str) -> set[object]:
        """Everyone a folded term could mean, as a full name, alias or word."""
        hows = self._terms.get(key, {})
        return set().union(*hows.values()) if hows else set()

    # -- finding -------------------------------------------------------------------------------------
    def _find(self, text: str) -> tuple[NameMatch, ...]:
        if not text or not self._terms:
            return ()
        folded, origin = fold_with_offsets(text)
        spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(folded)]
        # The best term at every token, then the longest first overall, never overlapping: in
        # "Kai Marlow Park Youth Club" the place's name wins over the child's full name.
        candidates: list[tuple[int, int, str, str, set[object]]] = []  # folded start, end, how, key, owners
        for i in range(len(spans)):
            for (how, key, owners), used in self._matches_at(folded, spans, i):
                candidates.append((spans[i][0], spans[i + used - 1][1], how, key, owners))
        if self._literal is not None:
            # Names written with symbols ("<b>Zed</b> & Co") are also found as written.
            for m in self._literal.finditer(folded):
                key = re.sub(r"\s+", " ", m.group(0))
                candidates.append((m.start(), m.end(), *self._literal_terms[key]))
        taken = bytearray(len(folded))  # 1 where a longer match already is (linear in a long text)
        found: list[NameMatch] = []
        for s, e, how, key, owners in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            end = origin[e - 1] + 1
            while end < len(text) and (unicodedata.combining(text[end]) or text[end] == "\u0621"):
                end += 1  # a decomposed accent belongs to the letter before it, a final hamza to the name
            found.append(NameMatch(origin[s], end, tuple(sorted(owners, key=str)), how, key))
        for m in _INITIALS_RE.finditer(folded):
            letters = "".join(ch for ch in m.group(1) if ch.isalpha())
            initial_owners = self._initials.get(letters)
            start, end = origin[m.start(1)], origin[m.end(1) - 1] + 1
            if initial_owners and all(ch.isupper() for ch in text[start:end] if ch.isalpha()):
                found.append(NameMatch(start, end, tuple(sorted(initial_owners, key=str)), "initials", letters))
        found.sort(key=lambda x: (x.start, -x.end))
        return tuple(found)

    def _matches_at(self, folded: str, spans: list[tuple[int, int]], i: int) -> list[tuple[_Hit, int]]:
        """Every term starting at token ``i``: ((how, key, owners), tokens used), longest first.
        Tokens are joined one at a time and the join stops once no term starts with it."""
        out: list[tuple[_Hit, int]] = []
        # A name written letter by letter ("M a r l o w", "K-a-i") is one token per letter: such a
        # run may be joined whole, however long (the prefix check below still stops it early).
        run = 0
        while i + run < len(spans) and spans[i + run][1] - spans[i + run][0] == 1:
            run += 1
        limit = min(len(spans) - i, self._max_tokens + run)
        key = ""
        for used in range(1, limit + 1):
            if used > 1 and not _joinable(folded, spans[i + used - 2:i + used]):
                break
            s, e = spans[i + used - 1]
            key += folded[s:e]
            hit = self._exact(key) or self._possessive(key)
            if hit is None and used == 1:
                hit = self._variant_cached(key)
            if hit is None and used > 1:
                hit = self._spelling(key)
            if hit is not None:
                out.append((hit, used))
            if key not in self._prefixes:
                break
        out.reverse()
        return out

    def _spelling(self, key: str) -> _Hit | None:
        """"macdonald" (written "Mac Donald") for McDonald, with a possessive too: a misspelling."""
        for base in (key, key[:-1] if key.endswith("s") else ""):
            found = self._spellings.get(base) if base else None
            if found is not None:
                return "near", found[0], found[1]
        return None

    def _variant_cached(self, key: str) -> _Hit | None:
        if key not in self._variant_cache:
            self._variant_cache[key] = self._variant(key)
        return self._variant_cache[key]

    def _exact(self, key: str) -> _Hit | None:
        hows = self._terms.get(key)
        if not hows:
            return None
        for how in ("full", "alias", "word", "particle"):
            if how in hows:
                return how, key, hows[how]
        return None

    def _possessive(self, key: str) -> _Hit | None:
        # "O'Briens'" and "Kais" (a possessive without its apostrophe) for O'Brien and Kai.
        # "es" only after the letters English adds it to (Jameses, not Jones for Jon).
        for ending in ("es", "s"):
            base = key[: -len(ending)]
            if key.endswith(ending) and len(base) >= 2 and (ending == "s" or base.endswith(("s", "x", "z", "ch",
                                                                                              "sh"))):
                hit = self._exact(base)
                if hit is None and ending == "es" and len(base) >= 4 and base[-1] == base[-2]:
                    hit = self._exact(base[:-1])  # a plural with its last letter doubled: "Tizzes" for Tiz
                if hit is not None and hit[0] != "particle":
                    return ("full" if hit[0] == "full" else "possessive"), hit[1], hit[2]
        return None

    def _variant(self, key: str) -> _Hit | None:
        if len(key) < 3:
            return None
        if _is_arabic(key):
            for prefix in _ARABIC_PREFIXES:
                if key.startswith(prefix) and len(key) - len(prefix) >= 2:
                    hit = self._exact(key[len(prefix):])
                    if hit is not None:
                        return "prefixed", hit[1], hit[2]
            return None
        if _is_hebrew(key):
            # Hebrew joins "and", "the", "in", "to", "from", "that", "as" to the next word: "ודוד" is "and David".
            for prefix in _HEBREW_PREFIXES:
                if key.startswith(prefix) and len(key) - len(prefix) >= 2:
                    hit = self._exact(key[len(prefix):])
                    if hit is not None:
                        return "prefixed", hit[1], hit[2]
            return None
        for stem in _stems(key):
            hit = self._exact(stem)
            if hit is not None and len(stem) >= 4:
                return "inflected", hit[1], hit[2]
        for mutated, radical in _WELSH:
            if key.startswith(mutated) and len(key) - len(mutated) + len(radical) >= 4:
                hit = self._exact(radical + key[len(mutated):])
                if hit is not None:
                    return "mutated", hit[1], hit[2]
        if self._near and len(key) >= 4:
            return self._nearest(key)
        return None

    def _nearest(self, key: str) -> _Hit | None:
        if key in self._near_cache:
            return self._near_cache[key]
        found = self._nearest_uncached(key)
        self._near_cache[key] = found
        return found

    def _nearest_uncached(self, key: str) -> _Hit | None:
        limit = 1 if len(key) < 7 else 2
        for term in self._word_keys:
            if term[0] != key[0] and term[-1] != key[-1]:
                continue  # misspellings keep one end: saves most comparisons
            if abs(len(term) - len(key)) <= limit and edit_distance(key, term, limit) <= limit:
                owners: set[object] = set().union(*self._terms[term].values())
                return "near", term, owners
        return None


def _joinable(folded: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Tokens may form one name across white space alone ("Kai  Marlow"), across one dash with a
    space on either side or both ("Bren- nick", "Bren -nick", "Bren – nick": a hyphenation left behind
    or a disguise) or, with no space, across dashes, apostrophes, dots, underscores or digits
    ("O'Brien", "kai_marlow10", "Jones-Patel"); never across a comma or a mix ("Kai 's")."""
    for (_s, e), (s2, _e2) in zip(spans, spans[1:], strict=False):
        gap = folded[e:s2]
        if len(gap) > 3:
            return False
        if gap in (" -", "- ", " - "):
            continue
        if gap.strip() and (any(ch.isspace() for ch in gap) or any(ch not in "-'._0123456789" for ch in gap)):
            return False
    return True


@lru_cache(maxsize=16384)
def _stems(key: str) -> tuple[str, ...]:
    out: list[str] = []
    for ending in _ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            base = key[: -len(ending)]
            # A bare "e" after the whole name is English spelling ("Marlowe" is not Marlow), not an
            # inflection: there it must replace the name's final vowel.
            for restored in (("a", "o", "y") if ending == "e" else ("", "a", "e", "o", "y")):
                out.append(base + restored)
            for changed, back in _ALTERNATIONS:
                if base.endswith(changed):
                    stem = base[: -len(changed)] + back
                    out += [stem + "a", stem + "e", stem, stem + "o"]
    return tuple(dict.fromkeys(s for s in out if s != key))


def _is_hebrew(text: str) -> bool:
    return any("\u05d0" <= ch <= "\u05ea" for ch in text)


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
