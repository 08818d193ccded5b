"""Which of many people could be named in a text: the sieve of ``name_presence`` turned round.

``could_be_named`` asks one person at a time; asked for every child of an extra-large store (60,000)
on every export plan it cost most of a second. Every way it can say yes needs one particular entry
of the text's ``words_of`` to be there: a one-word name or alias itself; a longer name joined up
("kaimarlow"), or its first and last as neighbours ("kai marlow", "marlow kai"), or its first two
as neighbours (the first of "every pair"); an alias joined up or its first two as neighbours. Those
entries are the person's **keys**; an index from keys to people gives, for a text, the few people
worth asking (the candidates, a superset of those the sieve keeps), looked up entry by entry. The
sieve itself then decides for each candidate, with the same counts of first names over everyone
(``first_words``), so the answer is exactly asking everyone's.

Single words would not do as keys: a store's children share a few hundred first names and
surnames, so "Kai" in the minutes made a fifth of the store candidates.

The keys mirror ``could_be_named``'s rules, word splitting and squeezing (imported from it): a new
way for the sieve to say yes needs its key here, or a child named that way is missed and left
unmasked in another family's copy. tests/test_name_sieve_index.py compares the index with asking
everyone over generated stores and texts (names from many scripts; upper case, "Last, First",
joined up, letter by letter, disguised, held-down letters) and fails on any difference.
Pure: no SQL, no Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache

# The sieve's own word splitting and squeezing, so the keys are the words it compares.
from efh_desktop.domain.name_presence import _all_words, _squeeze, could_be_named, first_words


@lru_cache(maxsize=131072)
def _name_keys(name: str) -> tuple[frozenset[str], str]:
    # could_be_named keeps a name only when one of these is among the text's words: a one-word name
    # itself (returned apart: it counts only when no other child is called that); for more words,
    # the name joined up (with or without its one-letter words), the first and last as neighbours in
    # either order, or the first two as neighbours (the first of its "every pair").
    every = _all_words(name)
    parts = [w for w in every if len(w) >= 2]
    if len(parts) <= 1:
        return frozenset(), (parts[0] if parts else "")
    first, last = _squeeze(parts[0]), _squeeze(parts[-1])
    return frozenset({"".join(every), "".join(parts), f"{first} {last}", f"{last} {first}",
                      f"{first} {_squeeze(parts[1])}"}), ""


@lru_cache(maxsize=131072)
def _alias_keys(alias: str) -> tuple[frozenset[str], str]:
    # An alias counts joined up (two words or more), with every pair of its words as neighbours (so
    # the first pair), or as its one word (returned apart, as for a one-word name).
    every = _all_words(alias)
    parts = [w for w in every if len(w) >= 2]
    keys = set()
    if len(every) > 1:
        keys.add("".join(every))
    if len(parts) > 1:
        keys.add(f"{_squeeze(parts[0])} {_squeeze(parts[1])}")
    return frozenset(keys), (parts[0] if len(parts) == 1 else "")


def _first_part(name: str) -> str:
    parts = [w for w in _all_words(name) if len(w) >= 2]
    return parts[0] if parts else ""


def sieve_keys(name: str, aliases: Sequence[str] = (), given_names: Mapping[str, int] | None = None) -> frozenset[str]:
    """The entries of a text's ``words_of`` of which the sieve needs at least one to keep this person.
    A one-word name or alias is a key unless another child is called that (``given_names``, from
    ``first_words`` over everyone: the sieve's own rule), since then it names nobody on its own."""
    counts = given_names or {}
    first = _first_part(name)
    out, lone = _name_keys(name)
    keys = set(out)
    words = [lone] if lone else []
    for alias in aliases:
        more, one = _alias_keys(alias)
        keys |= more
        if one:
            words.append(one)
    for word in words:
        if counts.get(word, 0) - (1 if first == word else 0) <= 0:
            keys.add(word)
    return frozenset(keys)


class NameSieveIndex:
    """The people of one state of the store (id, name, aliases), indexed by ``sieve_keys``. Read-only
    once built: a change to anyone means a new index (services/child_name_sieve.py)."""

    def __init__(self, people: Iterable[tuple[int, str, Sequence[str]]]) -> None:
        self._people: dict[int, tuple[str, tuple[str, ...]]] = {pid: (name, tuple(aliases))
                                                                 for pid, name, aliases in people}
        # What the other children are called, over everyone (the sieve's ``given_names``).
        self.given_names: Counter[str] = first_words(name for name, _a in self._people.values())
        self._by_key: dict[str, list[int]] = {}
        for pid, (name, aliases) in self._people.items():
            for key in sieve_keys(name, aliases, self.given_names):
                self._by_key.setdefault(key, []).append(pid)

    def __len__(self) -> int:
        return len(self._people)

    def candidates(self, words: Iterable[str]) -> set[int]:
        """Everyone who has a key among the text's words: a superset of those the sieve keeps."""
        found: set[int] = set()
        by_key = self._by_key
        for key in words:
            ids = by_key.get(key)
            if ids:
                found.update(ids)
        return found

    def named(self, words: frozenset[str], exclude: Collection[int] = ()) -> list[int]:
        """The ids (ascending) of those ``could_be_named`` keeps for a text whose ``words_of`` are
        ``words``, leaving out ``exclude``: exactly what asking everyone gives."""
        people, given = self._people, self.given_names
        return sorted(pid for pid in self.candidates(words) if pid not in exclude
                      and could_be_named(people[pid][0], people[pid][1], words, given))


def named_by_full_scan(people: Iterable[tuple[int, str, Sequence[str]]], words: frozenset[str],
                       exclude: Collection[int] = ()) -> list[int]:
    """The same answer by asking everyone (the reference, and the way when no index can be trusted)."""
    everyone = [(pid, name, tuple(aliases)) for pid, name, aliases in people]
    given = first_words(name for _pid, name, _a in everyone)
    return sorted(pid for pid, name, aliases in everyone
                  if pid not in exclude and could_be_named(name, aliases, words, given))
