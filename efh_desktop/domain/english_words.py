"""Is a word an ordinary English word? Decides whether a lower-case match of a name is the name.

"park", "care", "he", "blessing", "will": a child may be called Park, Cara, He, Blessing or Will,
and the same word in the subject child's own sentences must not be rewritten. The word list is
GCIDE's headwords (the ``english-words`` package), read once when first needed; simple inflections
("times", "lines", "hoped", "caring") count as the word.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a broken install: treat nothing as ordinary (masks more)
        return frozenset()
    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Whether the folded ``word`` (or its stem without -s, -es, -ed, -ing) is an English word."""
    w = word.lower()
    if len(w) < 2:
        return False
    words = _words()
    if w in words:
        return True
    for ending, restore in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("'s", "")):
        if w.endswith(ending) and len(w) - len(ending) >= 2 and (w[: -len(ending)] + restore) in words:
            return True
    return False
