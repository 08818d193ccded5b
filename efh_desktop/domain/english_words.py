"""Is a word an ordinary English word, a name, or both? Decides what a lower-case match of a
child's name means in the subject child's own sentences.

"park", "care", "he", "blessing": a child may be called Min-jun Park, Cara, Ming He or Blessing,
and the same word in the subject child's own sentences must not be rewritten. "freya", "noah":
names, even in lower case. "jordan", "harry": both, so asked. Two word lists from the
``english-words`` package, read once when first needed:

* GCIDE's headwords say whether a word is English at all ("kai" and "tayo" are not); simple
  inflections ("times", "lines", "hoped", "caring") count as the word.
* Webster's Second keeps capitals: a word it lists only with a capital is a name ("Freya"), one it
  lists both ways is both ("Jordan", "jordan").
"""

from __future__ import annotations

import logging
from functools import lru_cache

_ENDINGS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("'s", ""))


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    try:
        from english_words import get_english_words_set

        return (frozenset(get_english_words_set(["gcide"], lower=True, alpha=True)),
                frozenset(get_english_words_set(["web2"], lower=False, alpha=True)))
    except (ImportError, OSError, ValueError):  # a broken install: nothing is ordinary, so more is masked
        logging.getLogger(__name__).warning("english word lists unavailable: redaction masks more")
        return frozenset(), frozenset()


def _stems(w: str) -> list[str]:
    return [w] + [w[: -len(e)] + r for e, r in _ENDINGS if w.endswith(e) and len(w) - len(e) >= 2]


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Whether the folded ``word`` (or its stem without -s, -es, -ed, -ing) is an English word."""
    w = word.lower()
    gcide, _web2 = _lists()
    return len(w) >= 2 and any(s in gcide for s in _stems(w))


@lru_cache(maxsize=65536)
def word_kind(word: str) -> str:
    """"ordinary" (an English word and no name), "both" (a word and a name: jordan, harry), "name"
    (English only as a name: freya, noah) or "unknown" (not an English word: kai, tayo)."""
    w = word.lower()
    if not is_english_word(w):
        return "unknown"
    _gcide, web2 = _lists()
    stems = _stems(w)
    capital = any(s.capitalize() in web2 for s in stems)
    lower = any(s in web2 for s in stems)
    if capital and not lower:
        return "name"
    return "both" if capital else "ordinary"
