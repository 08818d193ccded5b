"""Is a person's name written somewhere in a text? A cheap first sieve over many people.

A disclosure copy masks every child of its meeting; but minutes also name children who were not
discussed there (a brother known from another meeting, a friend from last month's Safer Options),
and the store may hold tens of thousands of children. Matching each of them with the full name
engine would be slow, so this sieve keeps only the people whose name could be in the text: every
word of the name among the text's words (folded, so "Zoe Lukasik-Ozturk" finds "Zoë Łukasik-Öztürk"),
or the name joined up ("KaiMarlow"), or an alias of three letters or more. The redactor then does
the real matching for the few that pass. Pure: no SQL, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from efh_desktop.domain.name_folding import disguises, fold

_WORD = re.compile(r"[^\W\d_]+")


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """Every folded word of the texts, each hyphen or apostrophe half alone and joined to its neighbour."""
    out: set[str] = set()
    for text in texts:
        if not text:
            continue
        # Disguised spellings too ("T4y0", "Tаyо", "Tayoooo", "T&aacute;yo"): the redactor asks about them.
        for reading in [text, *(variant for variant, _s, _e in disguises(text))]:
            folded = fold(reading) if not reading.isascii() else reading.casefold()
            for chunk in folded.split():
                pieces = _WORD.findall(chunk)
                out.update(pieces)
                if len(pieces) > 1:
                    out.add("".join(pieces))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    # Names share their words (a store holds many Kais and Nowaks): folded once each.
    return tuple(_WORD.findall(fold(chunk) if not chunk.isascii() else chunk.casefold()))


def _all_words(name: str) -> list[str]:
    return [w for chunk in name.split() for w in _chunk_words(chunk)]


def could_be_named(name: str, aliases: Sequence[str], words: frozenset[str]) -> bool:
    """True when ``name`` (every word of it, its first and last, or joined up) or one of ``aliases``
    may be written in the text whose words are ``words``. Errs towards True: a false one costs a
    little time. Called for every child in the store, so each name is split and folded once."""
    every = _all_words(name)
    parts = [w for w in every if len(w) >= 2]
    if len(parts) == 1:
        if parts[0] in words and len(parts[0]) >= 3:
            return True
    elif parts:
        hits = [p in words for p in parts]
        if all(hits) or (hits[0] and hits[-1]) or "".join(every) in words or "".join(parts) in words:
            return True
    for alias in aliases:
        a_every = _all_words(alias)
        a = [w for w in a_every if len(w) >= 2]
        if a and sum(len(p) for p in a) >= 3 and (all(p in words for p in a) or "".join(a_every) in words):
            return True
    return False
