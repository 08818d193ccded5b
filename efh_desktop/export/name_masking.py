"""Replace children's names in free text with their initials, before any renderer sees the text.

Conventions (the tests pin each one down):

* **Initials**: the first letter of each space-separated word, upper-cased, each followed by a full
  stop. A hyphenated word keeps its hyphen so a double-barrelled surname still reads as one name:
  "Kai Marlow" → "K.M.", "Amara Lindqvist-Obi" → "A.L-O.", "Mary-Jane O'Brien" → "M-J.O.".
  Words with no letter are skipped; a name with no letter at all becomes "(name withheld)".
  Two children with the same initials are told apart by number: "K.M." and "K.M. (2)".
* **What is replaced**: each child's full name and every alias; with ``name_parts`` (the default)
  also each word of the name on its own ("Kai's return home interview" → "K.M.'s return home
  interview") and each half of a hyphenated word. Single letters and surname particles ("van",
  "de", "al"…) are not replaced on their own: they would mangle ordinary text. Turning
  ``name_parts`` off is for fields that hold a professional's name, where "Alex" in "Alex
  Brannigan" must not be touched because a child is also called Alex.
* **Matching**: whole words (a name is never replaced inside a longer word, so "Ann" inside
  "Annabel" is left for Annabel's own rule), case-insensitive, any run of white space matching a
  space, any hyphen or dash matching a hyphen, and curly or straight apostrophes alike. Longer
  terms are tried first, in a single pass, so a replacement is never itself re-scanned.
* **Ambiguity**: a full name or alias beats a word of someone else's name. A term that belongs to
  several children at the same level (two brothers' shared surname) becomes all their initials
  joined with "/" ("K.M./L.M."): never the wrong child alone.

Pure Python, no Qt, no database: the per-child redaction of minutes will reuse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import cast

from efh_desktop.domain.name_engine import NameIndex, Person

NO_INITIALS = "(name withheld)"

_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_APOSTROPHES = "'\u2018\u2019\u02bc`"
_HYPHEN_CLASS = "[" + re.escape(_HYPHENS) + "]"
_APOSTROPHE_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
# Words that are part of many surnames but are ordinary words (or nearly) on their own.
_PARTICLES = frozenset({
    "ab", "ap", "al", "el", "bin", "bint", "ibn", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "la", "le", "les", "mac", "st", "ter", "van", "von", "y", "and", "of", "the",
})
_POSSESSIVE = re.compile(r"[" + re.escape(_APOSTROPHES) + r"]s$", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+(?:[" + re.escape(_HYPHENS + _APOSTROPHES) + r"][^\W\d_]+)*")

ChildNames = tuple[str, Sequence[str], str]  # (name, aliases, replacement)


def initials(name: str) -> str:
    """"Kai Marlow" → "K.M."; "Amara Lindqvist-Obi" → "A.L-O." (see the module notes)."""
    words = []
    for word in unicodedata.normalize("NFC", name).split():
        pieces = [next((ch for ch in piece if ch.isalpha()), "") for piece in re.split(_HYPHEN_CLASS, word)]
        pieces = [p.upper() for p in pieces if p]
        if pieces:
            words.append("-".join(pieces))
    return "".join(w + "." for w in words) or NO_INITIALS


def unique_initials(names: Iterable[str]) -> list[str]:
    """Initials for each name in order; repeats are numbered from the second: "K.M.", "K.M. (2)"."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = initials(name)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return out


def _key(term: str) -> str:
    """The form two spellings of one term share: case, spacing, dashes and apostrophes ignored."""
    text = unicodedata.normalize("NFC", term).casefold()
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(_HYPHEN_CLASS, "-", text)
    return re.sub(_APOSTROPHE_CLASS, "'", text)


def _pattern(term: str) -> str:
    out = []
    for ch in _key(term):
        if ch == " ":
            out.append(r"\s+")
        elif ch == "-":
            out.append(_HYPHEN_CLASS)
        elif ch == "'":
            out.append(_APOSTROPHE_CLASS)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def name_words(name: str) -> list[str]:
    """The words of a name worth replacing on their own (see the module notes)."""
    parts: list[str] = []
    for word in _WORD_RE.findall(unicodedata.normalize("NFC", name)):
        candidates = [word, *re.split(_HYPHEN_CLASS, word)] if re.search(_HYPHEN_CLASS, word) else [word]
        for part in candidates:
            letters = sum(ch.isalpha() for ch in part)
            if letters >= 2 and _key(part) not in _PARTICLES and part not in parts:
                parts.append(part)
    return parts


class ChildMasker:
    """Compiled once for a set of children, then applied to every text field of a document.

    Finding names is the shared name engine's (domain/name_engine.py): every spelling redaction
    masks is masked here too (no accents, ß/İ, invisible characters, joined up, inflected). Probable
    forms (inflected, mutated, a capitalised near-misspelling) are masked as well: an agenda sent by
    e-mail is no place to guess in a name's favour."""

    def __init__(self, children: Sequence[ChildNames], *, name_parts: bool = True) -> None:
        people = [Person(n, name, tuple(a for a in aliases if a and a.strip()), words=name_parts)
                  for n, (name, aliases, _replacement) in enumerate(children)]
        self._replacements = [replacement for _name, _aliases, replacement in children]
        # No near-misspellings here: nobody reviews an agenda's initials, and Marlowe is not Marlow.
        self._index = NameIndex(people, near=False)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        pieces, last = [], 0
        for match in self._index.find(text):
            if match.start < last:
                continue
            if match.how == "near" and not text[match.start:match.start + 1].isupper():
                continue
            end = match.end
            if _POSSESSIVE.search(text[match.start:end]):
                end -= 2  # "Kai's" → "K.M.'s"
            reps = list(dict.fromkeys(self._replacements[cast(int, o)] for o in match.owners))  # owners: indexes
            pieces += [text[last:match.start], "/".join(reps) or NO_INITIALS]
            last = end
        pieces.append(text[last:])
        return unicodedata.normalize("NFC", "".join(pieces))


def mask_children(text: str, children: Sequence[ChildNames], *, name_parts: bool = True) -> str:
    """``text`` with every child's name, alias (and, by default, name word) replaced by the
    child's replacement text, usually their initials. ``children`` is (name, aliases, replacement)."""
    return ChildMasker(children, name_parts=name_parts)(text)
