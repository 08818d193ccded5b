"""Offer subject tags while a note is typed: find the subjects a piece of text mentions.

Rules (the tests pin each one down):

* A subject is found by its full name, any alias and, for a child only, the first word of the
  name on its own ("Kai" for Kai Marlow), provided no other given subject could be meant by that
  word (a second Kai, or a place or group whose name or alias is "Kai"). A term that belongs to
  more than one subject (two children called "Kai Marlow") is not suggested at all: offering the
  wrong child is worse than offering none.
* Names are found by the shared name engine (domain/name_engine.py), so a tag is offered for every
  spelling redaction would mask: any case, accents or none ("Renee" for Renée), ß and İ, invisible
  characters, joined up, with a possessive; whole words only ("Ann" is never found inside
  "Annabel"), digits and underscores are boundaries.
* The longest match wins and matches never overlap: in "Kai Marlow" the full name is one match,
  not also the first name. Each subject is reported once, at its first mention, in text order.

``start`` and ``end`` index the text exactly as given, so the caller can underline the mention.
Pure Python and cached per subject list, because it runs on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from efh_desktop.domain.name_engine import NameIndex, Person
from efh_desktop.domain.name_folding import fold, squash

_SUGGESTED = ("full", "alias", "word", "prefixed", "possessive")
_LETTERS = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['\u2018\u2019\u02bc`]s$", re.IGNORECASE)


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
    index, owners = _compile(tuple(SubjectTerms(s.id, s.kind, s.name, tuple(s.aliases)) for s in subjects))
    first: dict[int, Suggestion] = {}
    for match in index.find(text):
        if match.how not in _SUGGESTED:
            continue
        matched = text[match.start:match.end]
        end = match.end
        if _POSSESSIVE.search(matched):
            matched, end = matched[:-2], end - 2
        ids = owners.get(_words(matched), {o for o in match.owners if isinstance(o, int)})  # subject ids
        if len(ids) != 1:
            continue  # ambiguous: offering the wrong subject is worse than none
        subject_id = next(iter(ids))
        if subject_id not in first:
            first[subject_id] = Suggestion(subject_id, matched, match.start, end)
    return sorted(first.values(), key=lambda s: s.start)


@lru_cache(maxsize=8)
def _compile(subjects: tuple[SubjectTerms, ...]) -> tuple[NameIndex, dict[str, set[int]]]:
    people = []
    for s in subjects:
        words = s.name.split()
        first_name = (words[0],) if s.kind == "child" and len(words) > 1 and len(squash(words[0])) >= 2 else ()
        people.append(Person(s.id, s.name, s.aliases, words=bool(first_name), only_words=first_name))
    index = NameIndex(people, near=False)
    # Every subject any term could mean, across full names, aliases and first names: a clash
    # between kinds of term ("Kai" a place and a child's first name) makes the term ambiguous.
    owners: dict[str, set[int]] = {}
    for subject, person in zip(subjects, people, strict=True):
        for term in (person.name, *person.aliases, *(person.only_words or ())):
            key = _words(term)
            if key:
                owners.setdefault(key, set()).add(subject.id)
    return index, owners


def _words(term: str) -> str:
    """A term's folded words, spaced: "Ka Ka" and "Kaka" stay apart when asking who is meant."""
    return " ".join(_LETTERS.findall(fold(term)))
