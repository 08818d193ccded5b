"""Is a person's name written somewhere in a text? A cheap first sieve over many people.

A disclosure copy masks every child of its meeting; but minutes also name children who were not
discussed there (a brother known from another meeting, a friend from last month's Safer Options),
and the store may hold tens of thousands of children. Matching each of them with the full name
engine would be slow, so this sieve keeps only the people whose name is written in the text: the
words of the name together (folded, so "Zoe Lukasik-Ozturk" finds "Zoë Łukasik-Öztürk"; first and
last in either order), joined up ("KaiMarlow") or letter by letter, or an alias of three letters or
more. Words of a common name scattered over different notes ("Kai" here, "Smith" there) are not
a name: with 60,000 children drawn from common names, that rule let thousands through. The
redactor then does the real matching for the few that pass. Pure: no SQL, no Qt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from efh_desktop.domain.name_folding import disguises, fold

_WORD = re.compile(r"[^\W\d_]+")
_HELD = re.compile(r"(.)\1+")
_SPACED_DASH = re.compile(r"(?<=[^\W\d_])(?: [-\u2010-\u2015]| ?[-\u2010-\u2015] )(?=[^\W\d_])")


def _squeeze(word: str) -> str:
    """Held-down letters once: "tayoooo" → "tayo", "brennick" → "brenick" (a sieve may over-match)."""
    return _HELD.sub(r"\1", word)


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """Every folded word of the texts; each hyphen or apostrophe half alone and joined to its
    neighbour; every two neighbouring words as "first second" (a name is written with its words
    together, so a child is not taken for named when "Kai" and "Smith" are in different notes); and a
    run of single letters joined ("K a i  M a r l o w" → "kaimarlow")."""
    out: set[str] = set()
    for text in texts:
        if not text:
            continue
        # Disguised spellings too ("T4y0", "Tаyо", "Tayoooo", "T&aacute;yo"): the redactor asks about them.
        readings = [fold(r) if not r.isascii() else r.casefold()
                    for r in [text, *(variant for variant, _s, _e in disguises(text))]]
        # A name split by a dash and a space ("Bren- nick", "Bren – nick") is also read joined.
        readings += [joined for r in readings if _SPACED_DASH.search(r) for joined in
                     (_SPACED_DASH.sub("-", r), _SPACED_DASH.sub("", r))]
        for folded in readings:
            sequence: list[str] = []
            for chunk in folded.split():
                pieces = _WORD.findall(chunk)
                out.update(pieces)
                if len(pieces) > 1:
                    out.add("".join(pieces))
                sequence.extend(pieces)
            # Neighbours with held-down letters squeezed ("Tayoooo" as "tayo"), with and without the
            # one-letter words a name's words leave out ("Aa O'Brien" → "aa brien").
            for seq in (sequence, [w for w in sequence if len(w) >= 2]):
                squeezed = [_squeeze(w) for w in seq]
                out.update(f"{a} {b}" for a, b in zip(squeezed, squeezed[1:], strict=False))
                out.update(f"{a} {b}" for a, b in zip(squeezed, squeezed[2:], strict=False))  # a middle name between
            run: list[str] = []
            for piece in [*sequence, ""]:
                if len(piece) == 1:
                    run.append(piece)
                    continue
                if len(run) >= 3:
                    out.add("".join(run))
                run = []
    return frozenset(out)


@lru_cache(maxsize=65536)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    # Names share their words (a store holds many Kais and Nowaks): folded once each.
    return tuple(_WORD.findall(fold(chunk) if not chunk.isascii() else chunk.casefold()))


def _all_words(name: str) -> list[str]:
    return [w for chunk in name.split() for w in _chunk_words(chunk)]


def first_words(names: Iterable[str]) -> Counter[str]:
    """How many names start with each (folded) word: the given names a store's children go by."""
    out: Counter[str] = Counter()
    for name in names:
        every = [w for w in _all_words(name) if len(w) >= 2]
        if every:
            out[every[0]] += 1
    return out


def could_be_named(name: str, aliases: Sequence[str], words: frozenset[str],
                   given_names: Mapping[str, int] | None = None) -> bool:
    """True when ``name`` may be written in the text whose words are ``words``: its words together
    in order, its first and last together in either order ("Kai Marlow", "Marlow, Kai"), or joined
    up ("KaiMarlow"); a one-word name of three letters or more anywhere; or an alias (every word, or
    joined). Errs towards True: a false one costs a little time. Called for every child in the
    store, so each name word is folded once (cached) and the cheap checks come first.

    A one-word name or alias that is also the first name of another child in ``given_names`` (counts
    from ``first_words`` over the whole store, this child included: what other children are called:
    "Rosie", "Loren") is not taken as naming this child on its own: dozens of children share it, and
    taking it let hundreds through, each then asked about on every "Rosie" in the copy's own child's
    sentences. Written with a surname, or joined, it is still found."""
    every = _all_words(name)
    parts = [w for w in every if len(w) >= 2]
    counts = given_names or {}

    def others_called(word: str) -> bool:
        return counts.get(word, 0) - (1 if parts and parts[0] == word else 0) > 0

    if len(parts) == 1:
        if parts[0] in words and len(parts[0]) >= 3 and not others_called(parts[0]):
            return True
    elif parts and (parts[0] in words or parts[-1] in words or "".join(every) in words
                    or "".join(parts) in words):
        if "".join(every) in words or "".join(parts) in words:
            return True
        first, last = _squeeze(parts[0]), _squeeze(parts[-1])
        if f"{first} {last}" in words or f"{last} {first}" in words:
            return True
        squeezed = [_squeeze(w) for w in parts]
        if all(f"{a} {b}" in words for a, b in zip(squeezed, squeezed[1:], strict=False)):
            return True
    for alias in aliases:
        a_every = _all_words(alias)
        a = [w for w in a_every if len(w) >= 2]
        if not a or sum(len(p) for p in a) < 3:
            continue
        sq = [_squeeze(w) for w in a]
        if (len(a_every) > 1 and "".join(a_every) in words) or (len(a) == 1 and a[0] in words and not others_called(a[0])) or \
                (len(a) > 1 and all(f"{x} {y}" in words for x, y in zip(sq, sq[1:], strict=False))):
            return True
    return False
