"""Offer subject tags while a note is typed: find the subjects a piece of text mentions.

Rules (the tests pin each one down):

* A subject is found by its full name, any alias and, for a child only, the first word of the
  name on its own ("Kai" for Kai Marlow), provided no other given subject could be meant by that
  word (a second Kai, or a place or group whose name or alias is "Kai"). A term that belongs to
  more than one subject (two children called "Kai Marlow") is not suggested at all: offering the
  wrong child is worse than offering none.
* Whole words only, case-insensitive, any Unicode letters: "Ann" is never found inside "Annabel",
  "Kai's" and "Kai’s" still find Kai, any run of white space matches a space, any hyphen or dash a
  hyphen, curly and straight apostrophes alike. Text in decomposed Unicode (e + combining
  diaeresis) matches a name stored composed.
* The longest match wins and matches never overlap: in "Kai Marlow" the full name is one match,
  not also the first name. Each subject is reported once, at its first mention, in text order.

``start`` and ``end`` index the text exactly as given, so the caller can underline the mention.
Pure Python and cached per subject list, because it runs on every keystroke.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_APOSTROPHES = "'\u2018\u2019\u02bc`"


@dataclass(frozen=True)
class SubjectTerms:
    id: int
    kind: str  # "child", "peer_group", "place", "person_of_concern"
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    subject_id: int
    matched: str  # the text as typed, e.g. "kai's" gives "kai"
    start: int
    end: int


def suggest_subjects(text: str, subjects: Sequence[SubjectTerms]) -> list[Suggestion]:
    """The subjects ``text`` mentions, each once at its first mention, in text order."""
    if not text or not subjects:
        return []
    # Aliases may arrive as a list; the cache needs every part hashable.
    terms = _compile(tuple(SubjectTerms(s.id, s.kind, s.name, tuple(s.aliases)) for s in subjects))
    normal, origin = _nfc_with_offsets(text)
    found = []  # (start, end, subject_id) in the normalised text, overlapping, every term
    for regex, subject_id in terms:
        found += [(m.start(), m.end(), subject_id) for m in regex.finditer(normal)]
    taken: list[tuple[int, int, int]] = []
    for start, end, subject_id in sorted(found, key=lambda f: (f[0] - f[1], f[0])):  # longest first
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, subject_id))
    first: dict[int, Suggestion] = {}
    for start, end, subject_id in sorted(taken):
        if subject_id not in first:
            a, b = origin[start], origin[end]
            first[subject_id] = Suggestion(subject_id, text[a:b], a, b)
    return sorted(first.values(), key=lambda s: s.start)


def _key(term: str) -> str:
    # lower(), not casefold(): "ß" must stay "ß" for the IGNORECASE pattern built from this key.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", term).strip()).lower()
    text = re.sub("[" + re.escape(_HYPHENS) + "]", "-", text)
    return re.sub("[" + re.escape(_APOSTROPHES) + "]", "'", text)


def _pattern(key: str) -> re.Pattern[str]:
    pieces = {" ": r"\s+", "-": "[" + re.escape(_HYPHENS) + "]", "'": "[" + re.escape(_APOSTROPHES) + "]"}
    body = "".join(pieces.get(ch) or re.escape(ch) for ch in key)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _compile(subjects: tuple[SubjectTerms, ...]) -> tuple[tuple[re.Pattern[str], int], ...]:
    owners: dict[str, set[int]] = {}  # every full name and alias → the subjects it names
    for subject in subjects:
        for term in (subject.name, *subject.aliases):
            if _key(term):
                owners.setdefault(_key(term), set()).add(subject.id)
    first_names: dict[str, set[int]] = {}
    for subject in subjects:
        if subject.kind == "child":
            words = subject.name.split()
            if len(words) > 1 and sum(ch.isalpha() for ch in words[0]) >= 2:
                first_names.setdefault(_key(words[0]), set()).add(subject.id)
    for key, ids in first_names.items():
        owners.setdefault(key, set()).update(ids)  # a clash with any other term makes it ambiguous
    return tuple((_pattern(key), next(iter(ids))) for key, ids in owners.items() if len(ids) == 1)


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` in NFC, and for each index of it (and its end) the matching index in ``text``.

    Each base character is normalised with the combining marks that follow it, so an offset never
    lands inside a character the person sees as one.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            piece = unicodedata.normalize("NFC", text[start:i])
            out.append(piece)
            origin += [start] * len(piece)
            start = i
    origin.append(len(text))
    return "".join(out), origin
