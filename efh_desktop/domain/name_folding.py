"""The one way text is folded before names are compared: tag suggestions, masking, redaction, the
leftover check and search all go through here, so they can never disagree about what "the same
name" means again.

``fold`` gives the comparison form of a text; ``fold_with_offsets`` also says, for each character of
that form, where it came from in the original, so a match can be replaced in the text as written.

What folding does (every step was once a leak):
* Unicode NFKC per character (full-width letters, ligatures, non-breaking spaces become ordinary).
* Full case folding: "ß" → "ss", "İ" → "i" (the combining dot goes with the accents), "ı" → "i".
* Accents removed: "Renée" → "renee", "Małgorzata" → "malgorzata", "Ŵyn" → "wyn"; letters with no
  decomposition are mapped by hand (ł, ø, đ, æ, œ, þ, ð, ħ).
* Invisible characters removed: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks,
  Arabic tatweel. Arabic vowel marks go with the accents; alef and yeh variants are unified.
* A hyphen at a line break between letters is joined ("Mar-\\nlow" → "marlow").
* Every dash is "-", every apostrophe "'", every run of white space one " ".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u0640\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07"
# Letters that NFKD leaves alone but a person typing without the key would write plainly.
_BY_HAND = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h", "ı": "i", "ŀ": "l",
    "ß": "ss", "ſ": "s", "ĸ": "k", "ŋ": "n", "ŧ": "t",
    # Arabic: alef forms, alef maqsura and teh marbuta as commonly typed without them.
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a",
    "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643",
}
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])[" + re.escape(HYPHENS) + r"\u00ad][ \t]*\r?\n[ \t]*(?=[^\W\d_])")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character (possibly "" or several characters)."""
    if ch in INVISIBLE:
        return ""
    if ch in HYPHENS:
        return "-"
    if ch in APOSTROPHES:
        return "'"
    if ch.isspace():
        return " "
    if unicodedata.category(ch) in ("Cf", "Cc", "Me", "Co", "Cs") or "\ufe00" <= ch <= "\ufe0f" \
            or "\U000e0100" <= ch <= "\U000e01ef" or ch == "\u2800":
        return ""  # format and control characters, variation selectors, tags, blank braille
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        c = _BY_HAND.get(c, c)
        for d in unicodedata.normalize("NFKD", c):
            # Every mark goes, not only those with a combining class: Devanagari, Bengali and
            # Gurmukhi vowel signs would otherwise split a name into pieces.
            if unicodedata.combining(d) or unicodedata.category(d).startswith("M") or d in INVISIBLE:
                continue
            out.append(_BY_HAND.get(d, d))
    return "".join(out)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``(folded, origin)``: ``origin[i]`` is the index in ``text`` of the character that gave
    ``folded[i]``; ``origin[len(folded)]`` is ``len(text)``. White space runs become one space."""
    if text.isascii() and "`" not in text and "-\n" not in text and "-\r" not in text:
        lowered = text.lower()
        if not re.search(r"\s\s|[\t\n\r\f\v]", lowered):
            return lowered, list(range(len(text) + 1))
    skip: set[int] = set()
    for m in _LINE_BREAK_HYPHEN.finditer(text):
        skip.update(range(m.start(), m.end()))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if i in skip:
            continue
        folded = fold_char(ch)
        if folded == " " and out and out[-1] == " ":
            continue
        for c in folded:
            out.append(c)
            origin.append(i)
    origin.append(len(text))
    return "".join(out), origin


def fold(text: str) -> str:
    """The comparison form of ``text`` (see the module notes)."""
    return fold_with_offsets(text)[0].strip()


def squash(text: str) -> str:
    """Letters only, folded: "O'Brien" → "obrien", "Jones-Patel" → "jonespatel", "Name2" → "name"."""
    return "".join(ch for ch in fold(text) if ch.isalpha())
