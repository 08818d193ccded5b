"""The one way text is folded before names are compared: tag suggestions, masking, redaction, the
leftover check and search all go through here, so they can never disagree about what "the same
name" means again.

``fold`` gives the comparison form of a text; ``fold_with_offsets`` also says, for each character of
that form, where it came from in the original, so a match can be replaced in the text as written.

What folding does (every step was once a leak):
* Unicode NFKC per character (full-width letters, ligatures, non-breaking spaces become ordinary).
* Full case folding: "ß" → "ss", "İ" → "i" (the combining dot goes with the accents), "ı" → "i".
* Small capitals, regional indicators and negative or bracketed letters read as letters ("ᴛᴀʏᴏ").
* Accents removed: "Renée" → "renee", "Małgorzata" → "malgorzata", "Ŵyn" → "wyn"; letters with no
  decomposition are mapped by hand (ł, ø, đ, æ, œ, þ, ð, ħ).
* Invisible characters removed: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks,
  Arabic tatweel. Arabic vowel marks go with the accents; alef and yeh variants are unified.
* A hyphen at a line break between letters is joined ("Mar-\\nlow" → "marlow").
* Every dash is "-", every apostrophe "'", every run of white space one " ".
"""

from __future__ import annotations

import html
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
    # Urdu and Persian letters for heh and yeh ("فاطمہ" for فاطمة), hamza on a seat or on the line
    # (often left off at the end: "الزهرا" for الزهراء).
    "\u06c1": "\u0647", "\u06c2": "\u0647", "\u06c3": "\u0647", "\u06be": "\u0647", "\u06c0": "\u0647",
    "\u06d2": "\u064a", "\u06d3": "\u064a", "\u0626": "\u064a", "\u0624": "\u0648", "\u0621": "",
}
# Letters NFKC leaves as symbols, which every reader reads as the letter: small capitals ("ᴛᴀʏᴏ"),
# regional indicators ("🇹🇦🇾🇴"), negative circled and squared letters ("🅣🅐🅨🅞", "🆃🅰🆈🅾") and
# parenthesised ones ("🄣🄐🄨🄞", which NFKC would write with brackets). Looked up before NFKC.
_LETTER_SYMBOLS = {
    **dict(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz", strict=True)),
    **{chr(base + k): chr(ord("a") + k) for base in (0x1F1E6, 0x1F150, 0x1F170, 0x1F110) for k in range(26)},
}
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])[" + re.escape(HYPHENS) + r"\u00ad][ \t]*\r?\n[ \t]*(?=[^\W\d_])")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character (possibly "" or several characters)."""
    if ch in INVISIBLE:
        return ""
    if ch in _LETTER_SYMBOLS:
        return _LETTER_SYMBOLS[ch]
    if ch in HYPHENS:
        return "-"
    if ch in APOSTROPHES:
        return "'"
    if ch.isspace():
        return " "
    if unicodedata.category(ch) in ("Cf", "Cc", "Me", "Co", "Cs") or "\ufe00" <= ch <= "\ufe0f" \
            or "\U000e0100" <= ch <= "\U000e01ef" or ch == "\u2800":
        return ""  # format and control characters, variation selectors, tags, blank braille
    if unicodedata.category(ch) == "So" and len(unicodedata.normalize("NFKC", ch)) > 1:
        return " "  # a sign NFKC writes as letters ("™" → "TM", "℡" → "TEL") ends a word, or "Tayo™" is "TayoTM"
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
        # ASCII control characters (NUL, DEL…) vanish in a PDF: they go the slow way, and are removed.
        if not re.search(r"\s\s|[\t\n\r\f\v\x00-\x1f\x7f]", lowered):
            return lowered, list(range(len(text) + 1))
    skip: set[int] = set()
    for m in _LINE_BREAK_HYPHEN.finditer(text):
        skip.update(range(m.start(), m.end()))
    if skip:
        return _fold_each(text, skip)
    # Runs of plain ASCII (printable, single spaces, no backtick) fold to their lower case one for
    # one, so only the other characters go one at a time: a 4,000-character note with a few
    # accented names folds in a tenth of the time (tag suggestions run as the note is typed).
    out: list[str] = []
    origin: list[int] = []
    done = 0
    for m in _PLAIN_RUN.finditer(text):
        if m.start() > done:
            _fold_chars(text, done, m.start(), out, origin)
        out.append(m.group(0).lower())
        origin.extend(range(m.start(), m.end()))
        done = m.end()
    _fold_chars(text, done, len(text), out, origin)
    origin.append(len(text))
    return "".join(out), origin


_PLAIN_RUN = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*")


def _fold_chars(text: str, start: int, end: int, out: list[str], origin: list[int]) -> None:
    for i in range(start, end):
        folded = fold_char(text[i])
        if folded == " " and out and out[-1][-1:] == " ":
            continue
        for c in folded:
            out.append(c)
            origin.append(i)


def _fold_each(text: str, skip: set[int]) -> tuple[str, list[int]]:
    """The character-by-character fold (also the reference the tests compare the fast one with)."""
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


# -- disguised spellings ---------------------------------------------------------------------------------
# Letters of other scripts that look like Latin ones, and digits written for letters ("T4y0 Br3nn1ck"):
# one character for one, so offsets stay those of the text as written.
_LOOK_ALIKE = str.maketrans({
    **dict(zip("аеорсухіјѕһԁӏԛԝкмнтвАВЕКМНОРСТХУІЈЅԚԜ", "aeopcyxijshdlqwkmhtbABEKMHOPCTXYIJSQW", strict=True)),
    **dict(zip("αονρτιυχκγΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aovptiuxkyABEZHIKMNOPTYX", strict=True)),
    # Cherokee capitals, Armenian and Latin IPA letters that are Latin ones to the eye ("ᎢᎪYO").
    **dict(zip("ᎠᎡᎢᎥᎩᎪᎫᎬᏃᎳᎷᎻᏀᏒᏚᏞᏟᏢᏦᏴᏙօսհոցɑɡɩʏ", "DRTiyAJEZWMHGRSLCPKBVounhgagiy", strict=True)),
})
_LEET = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"}
_LETTER_DIGIT = re.compile(r"[^\W\d_][0-9]|[0-9][^\W\d_]")
# "10am", "1st", "5kg" and the halves of a postcode ("BS3", "9ZZ") are no names written in digits.
_NUMBER_WITH_UNIT = re.compile(r"(?i:\d+(?:st|nd|rd|th|am|pm|s|k|m|kg|km|cm|mm|ml|h|hrs?|mins?|yrs?|mph))"
                               r"|[A-Z]{1,2}\d{1,2}[A-Z]?|\d[A-Z]{2}")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")



def _copy(text: str, start: int, end: int, chars: list[str], starts: list[int], ends: list[int]) -> None:
    """Characters ``start``..``end`` of ``text`` kept as written, each spanning itself (the offset
    map every rewritten reading below builds)."""
    chars.extend(text[start:end])
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))

def disguises(text: str) -> list[tuple[str, list[int], list[int]]]:
    """Readings of ``text`` with look-alike letters made Latin, digits inside words made the letters
    they stand for (1 as i and as l) and letters held down ("Tayoooo") written once and twice:
    ``(variant, starts, ends)``, where ``starts[i]``/``ends[i]`` are the span in ``text`` of the
    variant's character ``i``. Empty when nothing in the text is disguised."""
    looks = text.translate(_LOOK_ALIKE)
    bases: list[str] = []
    if _LETTER_DIGIT.search(looks):
        # Only the words holding a letter next to a digit ("T4y0"), found from each such pair.
        words: list[tuple[int, int]] = []
        for m in _LETTER_DIGIT.finditer(looks):
            if words and m.start() < words[-1][1]:
                continue
            start, end = m.start(), m.end()
            while start > 0 and (looks[start - 1].isalnum()):
                start -= 1
            while end < len(looks) and looks[end].isalnum():
                end += 1
            if not _NUMBER_WITH_UNIT.fullmatch(looks, start, end):
                words.append((start, end))
        for one in ("i", "l") if words else ():
            table = str.maketrans({**_LEET, "1": one})
            pieces, done = [], 0
            for start, end in words:
                pieces += [looks[done:start], looks[start:end].translate(table)]
                done = end
            bases.append("".join([*pieces, looks[done:]]))
    elif looks != text:
        bases.append(looks)
    out: list[tuple[str, list[int], list[int]]] = []
    for base in bases or [text]:
        if base != text:
            out.append((base, list(range(len(base))), list(range(1, len(base) + 1))))
        if _REPEATS.search(base):
            for keep in (1, 2):
                chars: list[str] = []
                starts: list[int] = []
                ends: list[int] = []
                done = 0
                for m in _REPEATS.finditer(base):
                    _copy(base, done, m.start(), chars, starts, ends)
                    for k in range(keep):
                        chars.append(base[m.start() + k])
                        starts.append(m.start() + k)
                        ends.append(m.end() if k == keep - 1 else m.start() + k + 1)
                    done = m.end()
                _copy(base, done, len(base), chars, starts, ends)
                out.append(("".join(chars), starts, ends))
    if _MARKUP.search(text):
        out.append(_without_markup(text))
    if _INNER_SYMBOLS.search(text) or _SYMBOL_FIRST.search(text):
        out.append(_without_symbols(text))
    if "\u202e" in text:
        out.append(_overrides_undone(text))
    return out


# Emoji and symbols typed between the letters of a name ("T🔥ayo", "T@yo", "$hay", "Ta+yo"): dropped,
# or read as the letter they stand for; a right-to-left override ("\u202eoyaT" shows as "Tayo").
_INNER_SYMBOLS = re.compile(r"(?<=[^\W\d_])[^\w\s'’\-‐‑–—.,;:!?()\[\]{}\"“”<>&#%*_~^/\\]+(?=[^\W\d_])")
_SYMBOL_FIRST = re.compile(r"(?<![\w@$])\$(?=[^\W\d_])")
_SYMBOL_LETTERS = {"@": "a", "$": "s", "€": "e", "|": "l", "£": "l", "¢": "c", "¥": "y", "+": ""}


def _without_symbols(text: str) -> tuple[str, list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    runs = sorted([*_INNER_SYMBOLS.finditer(text), *_SYMBOL_FIRST.finditer(text)], key=lambda m: m.start())
    for m in runs:
        if m.start() < done:
            continue
        _copy(text, done, m.start(), chars, starts, ends)
        run = m.group(0)
        letter = _SYMBOL_LETTERS.get(run, "") if len(run) == 1 else ""
        if letter:
            chars.append(letter)
            starts.append(m.start())
            ends.append(m.end())
        done = m.end()
    _copy(text, done, len(text), chars, starts, ends)
    return "".join(chars).translate(_LOOK_ALIKE), starts, ends


def _overrides_undone(text: str) -> tuple[str, list[int], list[int]]:
    """The text as shown: each run after a right-to-left override (to its pop, or the line's end)
    reversed."""
    order: list[int] = []
    i = 0
    while i < len(text):
        if text[i] != "\u202e":
            order.append(i)
            i += 1
            continue
        j = i + 1
        while j < len(text) and text[j] not in "\u202c\n":
            j += 1
        order.extend(range(j - 1, i, -1))
        i = j
    return "".join(text[k] for k in order), order, [k + 1 for k in order]


# Escapes of programming languages and encodings typed or pasted into a name ("Ta\\u0079o", "T\\x61yo",
# "Ta\\171o", "&#84ayo", "T%61yo", "U+0054"), each read as the character it stands for; a backslash
# before a letter that is no escape ("T\\ayo") is dropped.
_ESCAPE = (r"\\u\{[0-9A-Fa-f]{1,6}\}|\\x\{[0-9A-Fa-f]{1,6}\}|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\x[0-9A-Fa-f]{2}"
           r"|\\[0-7]{3}|\\N\{[A-Za-z0-9 \-]{1,60}\}|U\+[0-9A-Fa-f]{4}|&#[0-9]{1,7};?|&#[xX][0-9A-Fa-f]{1,6};"
           r"|(?:%[0-9A-Fa-f]{2})+|\\")
# Markup typed or pasted into a name: tags, entities, emphasis ("T<i>ay</i>o", "T&aacute;yo", "T**ayo**").
_MARKUP = re.compile(_ESCAPE + r"|<[^<>\n]{0,40}>|&#?[0-9A-Za-z]{1,10};|[*_~^]")


def _escaped(token: str) -> list[str]:
    """The characters an escape or a run of URL-encoded bytes stands for, one per character of the
    result, or [] when it stands for nothing readable."""
    try:
        if token.startswith("%"):
            raw = bytes(int(token[i + 1:i + 3], 16) for i in range(0, len(token), 3))
            return list(raw.decode("utf-8", "replace"))
        if token.startswith(("\\u{", "\\x{")):
            return [chr(int(token[3:-1], 16))]
        if token.startswith(("\\u", "\\U", "\\x")):
            return [chr(int(token[2:], 16))]
        if token.startswith("\\N{"):
            return [unicodedata.lookup(token[3:-1])]
        if token.startswith("U+"):
            return [chr(int(token[2:], 16))]
        if token.startswith("\\") and token[1:].isdigit():
            return [chr(int(token[1:], 8))]
    except (ValueError, KeyError, OverflowError):
        return []
    return []


def _without_markup(text: str) -> tuple[str, list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for m in _MARKUP.finditer(text):
        _copy(text, done, m.start(), chars, starts, ends)
        token = m.group(0)
        if token.startswith(("%", "\\", "U+")):
            decoded = _escaped(token)
            step = 3 if token.startswith("%") else len(token)
            # A URL-encoded run gives one character per byte or bytes: each spans the whole run's
            # bytes it came from (one character per run of one-byte characters is exact).
            if token.startswith("%") and len(decoded) == len(token) // 3:
                for k, ch in enumerate(decoded):
                    chars.append(ch)
                    starts.append(m.start() + k * step)
                    ends.append(m.start() + (k + 1) * step)
            else:
                for ch in decoded:
                    chars.append(ch)
                    starts.append(m.start())
                    ends.append(m.end())
        else:
            entity = html.unescape(token) if token.startswith("&") else ""
            if len(entity) == 1 and entity != token:
                chars.append(entity)
                starts.append(m.start())
                ends.append(m.end())
        done = m.end()
    _copy(text, done, len(text), chars, starts, ends)
    return "".join(chars).translate(_LOOK_ALIKE), starts, ends
