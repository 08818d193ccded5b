"""Which of many people could be named in a text: the sieve of ``name_presence`` turned round.

``could_be_named`` asks one person at a time; asked for every child of an extra-large store (60,000)
on every export plan it cost most of a second. Every way it can say yes needs a word of the name or
alias (two letters or more: the first, the last, any alias word) or the name or alias written joined
up ("kaimarlow") to be among the text's words. So an index from those words to the people who have
them gives, for a text, the few people worth asking: the **candidates**, always a superset of those
the sieve keeps. The sieve itself then decides for each candidate, with the same counts of first
names over everyone (``first_words``), so the answer is exactly the full scan's.

Conservative on purpose (a child missed is a child unmasked in another family's copy): every word of
two letters or more of the name and of each alias is a key, with and without held-down letters
squeezed, and so are the joined forms; on the text's side every word, and each half of every
"first second" pair, squeezed and not. tests/test_name_sieve_index.py compares this with asking
everyone, over names from many scripts, disguised and joined-up spellings. Pure: no SQL, no Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

# The sieve's own word splitting and squeezing, so the keys are the words it compares.
from efh_desktop.domain.name_presence import _all_words, _squeeze, could_be_named, first_words


@lru_cache(maxsize=131072)
def _keys_of(text: str) -> frozenset[str]:
    every = _all_words(text)
    parts = [w for w in every if len(w) >= 2]
    keys = {*parts, "".join(every), "".join(parts)}
    keys.discard("")
    return frozenset({*keys, *(_squeeze(k) for k in keys)})


def sieve_keys(name: str, aliases: Sequence[str] = ()) -> frozenset[str]:
    """The words of a person's name and aliases that the text must hold for the sieve to keep them."""
    out = set(_keys_of(name))
    for alias in aliases:
        out |= _keys_of(alias)
    return frozenset(out)


def text_keys(words: Iterable[str]) -> set[str]:
    """The keys a text offers, from its ``words_of``: every word and each half of a pair, squeezed and not."""
    out: set[str] = set()
    for entry in words:
        for word in entry.split(" "):
            if word:
                out.add(word)
                out.add(_squeeze(word))
    return out


class NameSieveIndex:
    """The people of one state of the store (id, name, aliases), indexed by ``sieve_keys``. Read-only
    once built: a change to anyone means a new index (services/child_name_sieve.py)."""

    def __init__(self, people: Iterable[tuple[int, str, Sequence[str]]]) -> None:
        self._people: dict[int, tuple[str, tuple[str, ...]]] = {}
        self._by_key: dict[str, list[int]] = {}
        for pid, name, aliases in people:
            names = tuple(aliases)
            self._people[pid] = (name, names)
            for key in sieve_keys(name, names):
                self._by_key.setdefault(key, []).append(pid)
        # What the other children are called, over everyone (the sieve's ``given_names``).
        self.given_names: Counter[str] = first_words(name for name, _a in self._people.values())

    def __len__(self) -> int:
        return len(self._people)

    def candidates(self, words: Iterable[str]) -> set[int]:
        """Everyone who has a key among the text's: a superset of those the sieve keeps."""
        found: set[int] = set()
        by_key = self._by_key
        for key in text_keys(words):
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
