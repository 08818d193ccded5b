"""Detectors for what identifies a person besides a name: dates in any written form, record
identifiers however spaced, UK postcodes, address lines, e-mail addresses and social handles.

Each detector returns spans in the text as written with what was found, so redaction can compare
what a text says (a date, a normalised identifier) with what it knows (another child's date of
birth, LCS number), whatever the form. Pure Python, no Qt, no SQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from efh_desktop.domain.name_folding import fold, fold_with_offsets, squash

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    # Welsh month names, as a Welsh-speaking minute-taker may write them.
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7,
    "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
    # ... and as they are written after "o" (soft mutation): "5ed o Fehefin".
    "fehefin": 6, "fai": 5, "orffennaf": 7, "dachwedd": 11, "ragfyr": 12, "fawrth": 3, "fedi": 9,
}
_ENGLISH_MONTHS = list(_MONTHS)[:12]
# Month names of languages minutes quote or a family's interpreter writes (folded: no accents): read
# in dates with a day or a year only ("5 czerwca 2011", "5. Juni 2011"), never as words on their own
# (Marco, Julio and Mars are names and words too), so they are not in MONTH_WORDS.
_FOREIGN_MONTHS = {w: n for n, words in enumerate((
    "januar janvier enero gennaio janeiro styczen stycznia ianuarie ocak",
    "februar fevrier febrero febbraio fevereiro luty lutego februarie subat",
    "marz mars marzo marco marzec marca martie mart",
    "avril abril aprile kwiecien kwietnia aprilie nisan",
    "mayo maggio maio maja mayis",
    "juni juin junio giugno junho czerwiec czerwca iunie haziran",
    "juli juillet julio luglio julho lipiec lipca iulie temmuz",
    "aout agosto sierpien sierpnia agustos",
    "septembre septiembre setiembre settembre setembro wrzesien wrzesnia septembrie eylul",
    "oktober octobre octubre ottobre outubro pazdziernik pazdziernika octombrie ekim",
    "novembre noviembre novembro listopad listopada noiembrie kasim",
    "dezember decembre diciembre dicembre dezembro grudzien grudnia decembrie aralik",
), 1) for w in words.split()}
_MONTH_ABBR = {name[:3]: _MONTHS[name] for name in _ENGLISH_MONTHS} | {"sept": 9}
_MONTH_WORD = (r"(?:" + "|".join(sorted({*_MONTHS, *_MONTH_ABBR, *_FOREIGN_MONTHS}, key=len, reverse=True))
               + r")\.?")
# English and Welsh only: a month and a year with no day ("Marco 2011" is a name and a year).
_MONTH_WORD_HERE = r"(?:" + "|".join(sorted({*_MONTHS, *_MONTH_ABBR}, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?"  # English and Welsh ordinals
_SEP = r"[ \t]*(?:(?:of|o|de|di|du)[ \t]+)?"  # "5th of June", "5ed o Fehefin", "5 de junio"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}
_ROMAN_MONTH = "|".join(sorted(_ROMAN, key=len, reverse=True))


def _cjk(signs: str) -> str:
    """The year, month or day sign of a Chinese, Japanese or Korean date, as folded text holds it (a
    Hangul syllable may be in its letters)."""
    return "(?:" + "|".join(re.escape(f) for ch in signs for f in {ch, unicodedata.normalize("NFD", ch)}) + ")"
_YEAR = r"(?:\d{4}|'?\d{2})"
# Patterns run on folded text (name_folding): dashes are "-", white space and line breaks one " ",
# invisible characters gone, full-width digits ASCII.
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_ORDINAL_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth")
_DAY_NUMBERS = ({w: n for n, w in enumerate(_ORDINAL_UNITS, 1)} | {w: n for n, w in enumerate(_ORDINAL_TEENS, 10)}
                | {"twentieth": 20, "thirtieth": 30}
                | {f"twenty {w}": 20 + n for n, w in enumerate(_ORDINAL_UNITS, 1)} | {"thirty first": 31})
_DAY_WORD = r"(?:" + "|".join(w.replace(" ", r"[ \-]") for w in sorted(_DAY_NUMBERS, key=len, reverse=True)) + r")"
_SMALL = r"(?:(?:" + "|".join(_TENS) + r")(?:[ \-](?:" + "|".join(_UNITS) + r"))?|" + "|".join(_TEENS) + "|" \
    + "|".join(_UNITS) + r")"
_YEAR_WORDS = (r"(?:two thousand(?: and)?(?:[ \-]" + _SMALL + r")?|(?:nineteen|twenty)[ \-](?:(?:oh|o|nought)[ \-](?:"
               + "|".join(_UNITS) + r")|" + _SMALL + r"))")


def _small_number(words: str) -> int:
    """"twenty-one" → 21, "eleven" → 11, "oh five" → 5 (words already matched by ``_SMALL``)."""
    total = 0
    for w in re.split(r"[ \-]+", words.strip()):
        if w in _TENS:
            total += 20 + 10 * _TENS.index(w)
        elif w in _TEENS:
            total += 10 + _TEENS.index(w)
        elif w in _UNITS:
            total += 1 + _UNITS.index(w)
    return total


def _year_in_words(text: str) -> int | None:
    words = re.sub(r"[ \-]+", " ", fold(text))
    if words.startswith("two thousand"):
        return 2000 + _small_number(words[len("two thousand"):].replace(" and ", " "))
    century, _sep, rest = words.partition(" ")
    if not rest:
        return None
    return (1900 if century == "nineteen" else 2000) + _small_number(re.sub(r"^(?:oh|o|nought) ", "", rest))


def _day_in_words(text: str) -> int:
    return _DAY_NUMBERS.get(re.sub(r"[ \-]+", " ", fold(text)), 0)


_DATE_PATTERNS = [
    # 05/06/2011, 5.6.11, 5-6-2011, 5 / 6 / 2011, 05 06 2011, 05_06_2011, 05|06|2011, 05\06\2011
    ("dmy", re.compile(r"(?<!\d)(?<!\d\.)(\d{1,2}) ?([/.\- _|\\]) ?(\d{1,2}) ?\2 ?(\d{4}|\d{2})(?!\d)")),
    # 2011-06-05, 2011/6/5, 2011.06.05, 2011 06 05, 2011_06_05
    ("ymd", re.compile(r"(?<!\d)(\d{4}) ?([/.\- _|\\]) ?(\d{1,2}) ?\2 ?(\d{1,2})(?!\d)")),
    # 5 VI 2011, 5.VI.2011, 05-vi-11: a Roman numeral month, as many European forms write it
    ("d_roman_y", re.compile(r"(?<![\w])(\d{1,2}) ?([/.\- ]) ?(" + _ROMAN_MONTH + r") ?\2 ?(\d{4}|\d{2})(?![\w])",
                             re.IGNORECASE)),
    # 2011年6月5日 (Chinese, Japanese), 2011년 6월 5일 (Korean)
    ("cjk", re.compile(r"(?<!\d)(\d{4}) ?" + _cjk("年년") + r" ?(\d{1,2}) ?" + _cjk("月월") + r" ?(\d{1,2})(?: ?"
                       + _cjk("日일") + r")?(?!\d)")),
    # 05/06: a day and month with no year (asked about only when it is another child's birthday)
    ("dm", re.compile(r"(?<![\d/.])(\d{1,2}) ?/ ?(\d{1,2})(?![\d]|/ ?\d)")),
    # 2011-Jun-05, 2011 June 5
    ("y_month_d", re.compile(r"(?<![\w])(\d{4})[ ,\-]+(" + _MONTH_WORD + r")[ ,\-]+(\d{1,2})" + _ORD + r"(?![\w])",
                             re.IGNORECASE)),
    # 5th June 2011, 5 Jun 11, 5th of June, 2011, 05-Jun-2011, 5ed o Fehefin 2011
    ("d_month_y", re.compile(r"(?<![\w])(\d{1,2})" + _ORD + r"\.?[ \-]*" + _SEP + r"(" + _MONTH_WORD + r")[ ,\-]*"
                             r"(?:(?:de|del)[ \t]+)?(" + _YEAR + r"|" + _YEAR_WORDS + r")?(?![\w])", re.IGNORECASE)),
    # June 5 2011, Jun 5, 2011, June 5th, June the 5th, '11, Jun-05-2011
    ("month_d_y", re.compile(r"(?<![\w])(" + _MONTH_WORD + r")[ \-]+(?:the )?(\d{1,2})" + _ORD + r"(?:[ ,\-]+("
                             + _YEAR + r"|" + _YEAR_WORDS + r"))?(?![\w])", re.IGNORECASE)),
    # Written in words: "the fifth of June two thousand and eleven", "June the twenty-first, 2011"
    ("d_words", re.compile(r"(?<![\w])(?:the )?(" + _DAY_WORD + r")(?: of)?[ ,\-]+(" + _MONTH_WORD + r")(?:,? (\d{4}|"
                           + _YEAR_WORDS + r"))?(?![\w])", re.IGNORECASE)),
    ("month_d_words", re.compile(r"(?<![\w])(" + _MONTH_WORD + r")[ ,]+(?:the )?(" + _DAY_WORD + r")(?:,? (\d{4}|"
                                 + _YEAR_WORDS + r"))?(?![\w])", re.IGNORECASE)),
    # June 2026, Jan 2011: a month, not a day (a name "May" here is the month)
    ("month_y", re.compile(r"(?<![\w])(" + _MONTH_WORD_HERE + r")[ ,]+(\d{4})(?![\w])", re.IGNORECASE)),
    # 20110605 and 05062011 (compact, as in some system exports)
    ("compact", re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")),
    ("compact_dmy", re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])((?:19|20)\d{2})(?!\d)")),
    # 050611, 110605: six digits, day-month-year or year-month-day (or month-day-year). Six digits are
    # also a reference number, so a reading that is a child's date of birth is only ever asked about.
    ("compact6", re.compile(r"(?<![\d.\-/])(\d{2})(\d{2})(\d{2})(?![\d.\-/])")),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    dates: tuple[date, ...]  # every reading of the text (5/6/11: 5 June 2011 and 6 May 2011)
    day_month: tuple[tuple[int, int], ...]  # (day, month) readings, for dates written without a year
    loose: bool = False  # six digits alone ("050611"): a date, or a reference number? Only ever asked


def _years(text: str | None) -> list[int]:
    if not text:
        return []
    digits = text.lstrip("'")
    year = int(digits)
    if len(digits) == 2:
        return [2000 + year, 1900 + year]
    return [year]


MONTH_WORDS = frozenset({*_MONTHS, *_MONTH_ABBR})


def _month(word: str) -> int | None:
    w = fold(word).rstrip(".")
    if not w:
        return None
    return _MONTHS.get(w) or _MONTH_ABBR.get(w) or _FOREIGN_MONTHS.get(w)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text``, in any common form, with all its plausible readings; the
    offsets are in ``text`` as given."""
    folded, origin = fold_with_offsets(text)
    return [DateMention(origin[d.start], origin[d.end - 1] + 1, d.dates, d.day_month, d.loose)
            for d in _find_dates(folded)]


def _find_dates(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for form, regex in _DATE_PATTERNS:
        for m in regex.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            readings: list[date] = []
            day_month: list[tuple[int, int]] = []
            if form == "dmy":
                a, b, years = int(m.group(1)), int(m.group(3)), _years(m.group(4))
                for d, mo in ((a, b), (b, a)):  # UK first, then US order
                    readings += [x for y in years if (x := _safe(y, mo, d))]
            elif form == "ymd":
                readings = [x for x in [_safe(int(m.group(1)), int(m.group(3)), int(m.group(4)))] if x]
            elif form == "d_roman_y":
                roman = _ROMAN[m.group(3).lower()]
                readings = [x for y in _years(m.group(4)) if (x := _safe(y, roman, int(m.group(1))))]
            elif form == "cjk":
                readings = [x for x in [_safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))] if x]
            elif form == "compact6":
                a, b, c = int(m.group(1)), int(m.group(2)), int(m.group(3))
                found = {x for y, mo, d in ((c, b, a), (a, b, c), (c, a, b)) for year in (2000 + y, 1900 + y)
                         if (x := _safe(year, mo, d))}
                if found:
                    out.append(DateMention(m.start(), m.end(), tuple(sorted(found)), (), loose=True))
                    taken.append((m.start(), m.end()))
                continue
            elif form == "month_y":
                if _month(m.group(1)) is None:
                    continue
                out.append(DateMention(m.start(), m.end(), (), ()))
                taken.append((m.start(), m.end()))
                continue
            elif form == "compact":
                readings = [x for x in [_safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))] if x]
            elif form == "compact_dmy":
                readings = [x for x in [_safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))] if x]
            elif form == "dm":
                a, b = int(m.group(1)), int(m.group(2))
                day_month = [(d, mo) for d, mo in ((a, b), (b, a)) if _safe(2000, mo, d)]
            elif form in ("d_words", "month_d_words"):
                day_text, word = (m.group(1), m.group(2)) if form == "d_words" else (m.group(2), m.group(1))
                word_month, word_day, year_text = _month(word), _day_in_words(day_text), m.group(3)
                if word_month is None or not word_day:
                    continue
                word_year = (int(year_text) if year_text.isdigit() else _year_in_words(year_text)) if year_text else None
                day_month.append((word_day, word_month))
                readings = [x for x in [_safe(word_year, word_month, word_day)] if x] if word_year else []
            elif form == "y_month_d":
                month = _month(m.group(2))
                readings = [x for x in [_safe(int(m.group(1)), month, int(m.group(3)))] if x] if month else []
            else:
                day, word, year = ((m.group(1), m.group(2), m.group(3)) if form == "d_month_y"
                                   else (m.group(2), m.group(1), m.group(3)))
                month = _month(word)
                if month is None:
                    continue
                day_month.append((int(day), month))
                in_words = _year_in_words(year) if year and not year.lstrip("'").isdigit() else None
                readings = [x for y in ([in_words] if in_words else _years(year)) if (x := _safe(y, month, int(day)))]
                if not year and not _safe(2000, month, int(day)):
                    continue
            if readings or day_month:
                out.append(DateMention(m.start(), m.end(), tuple(readings), tuple(day_month)))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


# -- identifiers --------------------------------------------------------------------------------------
_ID_SEP = r"[\s\-./:#_,]{0,3}"


# Letters written for digits in a record number: O for 0, l, I and | for 1, Z for 2, S for 5, B for 8.
_DIGIT_LOOKALIKES = {"0": "o", "1": "li|!", "2": "z", "5": "s", "8": "b"}
_LOOKALIKE_LETTERS = frozenset("".join(_DIGIT_LOOKALIKES.values()))
_DIGIT_WORDS = {"0": "zero|oh|nought|nil", **{str(n): w for n, w in enumerate(_UNITS, 1)}}
# A digit of an identifier may be read out and written in words: "LCS nine oh oh one oh one".
_DIGIT_AS_WORD = {d: rf"(?:{d}|(?<![a-z])(?:{w})(?![a-z]))" for d, w in _DIGIT_WORDS.items()}
NUMBER_WORDS_RUN = re.compile(r"(?<![a-z])(?:(?:" + "|".join(_DIGIT_WORDS.values()) + r"|\d)[\s\-.,/]{1,3}){3,}"
                              r"(?:" + "|".join(_DIGIT_WORDS.values()) + r")(?![a-z])", re.IGNORECASE)


def identifier_regex(identifier: str, *, in_words: bool = False) -> re.Pattern[str] | None:
    """A pattern for one record identifier written with any spacing or separators, its letter prefix
    optional ("LCS-900101" also finds "LCS 900 101", "lcs900101" and "900101"); ``in_words``: its digits
    may also be written as words ("nine oh oh one oh one"), a slower pattern."""
    letters = [ch for ch in identifier if ch.isalnum()]
    if len(letters) < 4:
        return None
    i = 0
    while i < len(letters) and letters[i].isalpha():
        i += 1
    prefix, body = letters[:i], letters[i:]
    if sum(ch.isdigit() for ch in body) < 4:
        body, prefix = letters, []
    pre = (r"(?:" + _ID_SEP.join(re.escape(c) for c in prefix) + _ID_SEP + r")?") if prefix else ""

    def one(n: int, c: str) -> str:
        written = _DIGIT_AS_WORD[c] if in_words and c in _DIGIT_AS_WORD else re.escape(c)
        like = _DIGIT_LOOKALIKES.get(c)
        if not like:
            return written
        # A letter for the digit ("LCS l23456", "EHM-77889O"), never a letter inside a word.
        edge = (r"(?<![a-z])" if n == 0 else "") + "[" + like + "]" + (r"(?![a-z])" if n == len(body) - 1 else "")
        return f"(?:{written}|{edge})"

    core = _ID_SEP.join(one(n, c) for n, c in enumerate(body))
    return re.compile(r"(?<![0-9])" + pre + core + r"(?![0-9])", re.IGNORECASE)


def identifier_plausible(found: str, identifier: str) -> bool:
    """A match of ``identifier_regex(identifier)`` that is mostly digits: after its letter prefix,
    two letters written for digits at most ("LCS l23456" is the number, "lolilo" is not)."""
    letters = "".join(ch for ch in identifier if ch.isalnum())
    i = 0
    while i < len(letters) and letters[i].isalpha():
        i += 1
    prefix = letters[:i].lower()
    core = found.lower()
    if prefix:
        core = re.sub("^" + _ID_SEP.join(re.escape(c) for c in prefix) + _ID_SEP, "", core)
    core = re.sub(r"(?<![a-z])(?:" + "|".join(_DIGIT_WORDS.values()) + r")(?![a-z])", "0", core)
    return sum(ch in _LOOKALIKE_LETTERS for ch in core) <= 2


# Any LCS/EHM-style reference, whoever it belongs to: "LCS 123456", "EHM12 3456", "NHS no. 943 476 5919".
RECORD_REFERENCE = re.compile(
    r"(?<![0-9A-Za-z])(?:LCS|EHM|NHS|CRN|UPN|ULN|PNC|CRIS|NI)\b[\s\-./:#_]*(?:no\.?|number|num|id)?"
    r"[\s\-./:#_]*(?!(?:19|20)\d\d\s*-\s*(?:19|20)?\d\d\b)\d(?:[\s\-./]?\d){5,14}(?!\d)", re.IGNORECASE)

# UK postcodes, with or without the space, any case.
POSTCODE = re.compile(r"(?<![0-9A-Za-z])([A-Z]{1,2}\d[A-Z\d]?)[\s\-]*(\d[A-Z]{2})(?![0-9A-Za-z])", re.IGNORECASE)


# A postcode spaced oddly ("B S 3 9 Z Z", "BS39 ZZ"): taken as one in capitals, and in any case
# when it is a postcode known to the store (the caller compares ``postcode_key``).
SPACED_POSTCODE = re.compile(r"(?<![0-9A-Za-z])([A-Z](?:[ \-]?[A-Z])?[ \-]?\d(?:[ \-]?[A-Z\d])?[ \-]?\d[ \-]?[A-Z]"
                             r"[ \-]?[A-Z])(?![0-9A-Za-z])")


def postcode_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text).upper()


# -- addresses -----------------------------------------------------------------------------------------
def address_parts(address: str) -> list[str]:
    """The parts of an address worth finding alone: each line or comma part, the street without its
    house number, and the house number with the street ("14 Elm Grove, Bristol BS3 1AA" →
    "14 elm grove", "elm grove", "bristol bs3 1aa")."""
    parts: list[str] = []
    for piece in re.split(r"[,\n;]+", address):
        text = fold(piece)
        if not text:
            continue
        if POSTCODE.fullmatch(text.strip()):
            continue  # postcodes are found by their own detector
        words = text.split()
        if len(words) >= 2 or any(ch.isdigit() for ch in text):
            parts.append(text)
        street = re.sub(r"^(?:flat|apartment|unit)?\s*\d+[a-z]?\s*", "", text).strip()
        if street != text and len(street.split()) >= 2:
            parts.append(street)
        for variant in _street_type_variants(text) + _street_type_variants(street):
            parts.append(variant)  # "Quarry Rd", "22 Quarry Ln" for Quarry Road, 22 Quarry Lane
    return list(dict.fromkeys(p for p in parts if len(squash(p)) >= 5))


_STREET_TYPES = {
    "road": ("rd",), "street": ("st",), "lane": ("ln", "la"), "avenue": ("ave", "av"), "close": ("cl",),
    "drive": ("dr",), "court": ("ct",), "crescent": ("cres",), "gardens": ("gdns",), "terrace": ("terr", "tce"),
    "place": ("pl",), "square": ("sq",), "grove": ("gr",), "park": ("pk",), "parade": ("pde",),
}


def _street_type_variants(part: str) -> list[str]:
    words = part.split()
    if len(words) < 2 or words[-1] not in _STREET_TYPES:
        return []
    return [" ".join([*words[:-1], short]) for short in _STREET_TYPES[words[-1]]]


def address_partials(address: str) -> list[str]:
    """House number and the street's first word ("22 quarry" for 22 Quarry Lane): likely the
    address, but "14 church services" is not 14 Church Road, so only ever asked about."""
    out = []
    for piece in re.split(r"[,\n;]+", address):
        m = re.match(r"^(?:flat|apartment|unit)?\s*(\d+[a-z]?)\s+([^\W\d_]+)\s+\S", fold(piece))
        if m:
            out.append(f"{m.group(1)} {m.group(2)}")
    return out


def phrase_regex(phrase: str) -> re.Pattern[str]:
    """A folded phrase found in folded text with any spacing and punctuation between its words."""
    words = re.findall(r"[^\W_]+", phrase)
    return re.compile(r"(?<![^\W_])" + r"[\W_]{0,3}".join(re.escape(w) for w in words) + r"(?![^\W_])")


# -- e-mail addresses and handles ----------------------------------------------------------------------
EMAIL = re.compile(r"(?<![\w.+-])([\w.+'-]+)@([\w-]+(?:\.[\w-]+)+)")
HANDLE = re.compile(r"(?<![\w@#&])([@#])([^\W][\w.]{1,40})")
PROFESSIONAL_DOMAINS = (".gov.uk", ".nhs.uk", "nhs.net", ".police.uk", ".sch.uk", ".ac.uk", ".org.uk",
                        ".pnn.police.uk", ".cjsm.net")


def handle_holds(local: str, words: Iterable[str], fulls: Iterable[str], initials: str, surname: str) -> bool:
    """Whether a handle or e-mail local part is built from a person's name: a name word of three or
    more letters inside it, the full name joined up, initial + surname, or first name + initials."""
    text = squash(local)
    if not text:
        return False
    if any(f and f in text for f in fulls):
        return True
    if any(len(w) >= 3 and w in text for w in words):
        return True
    if surname and initials and (initials[0] + surname) in text:
        return True
    return len(initials) >= 2 and text.endswith(initials) and any(len(w) >= 3 and text.startswith(w)
                                                                 for w in words)


# -- a year of birth alone ---------------------------------------------------------------------------
@dataclass(frozen=True)
class YearMention:
    start: int  # the year as written, in the text as given
    end: int
    years: tuple[int, ...]  # its readings ("'11": 2011 and 1911)
    stated: bool  # said to be a year of birth ("born 2011", "b. 2011", "DOB 2011"), not only "(2011)"


_BIRTH_WORD = (r"(?:born(?:[ \t]+in)?|b\.|d\.?o\.?b\.?|y\.?o\.?b\.?|year[ \t]+of[ \t]+birth|birth[ \t]+year)"
               r"[ \t]*(?:[:\-][ \t]*)?")
# A month may come before the year ("born June 2011", "(Mehefin 2011)"): the two are masked together.
_YEAR_VALUE = (r"(?:(?P<month>" + _MONTH_WORD_HERE + r")[ \t,]+)?(?P<year>(?:19|20)\d{2}|'\d{2}|" + _YEAR_WORDS
               + r")(?![\w'])")
_STATED_YEAR = re.compile(r"(?<![^\W\d_])" + _BIRTH_WORD + _YEAR_VALUE, re.IGNORECASE)
_BRACKET_YEAR = re.compile(r"\([ \t]*(?:" + _BIRTH_WORD + r")?" + _YEAR_VALUE + r"[ \t]*\)", re.IGNORECASE)


def find_birth_years(text: str) -> list[YearMention]:
    """Years given as a year of birth ("born 2011", "b. 2011", "DOB: 2011", "born twenty eleven"),
    and years alone in brackets ("(2011)"), which beside a name are one too. A full date is
    ``find_dates``' (a year inside one is not repeated here)."""
    folded, origin = fold_with_offsets(text)
    out: list[YearMention] = []
    taken: list[tuple[int, int]] = []
    for regex, stated in ((_STATED_YEAR, True), (_BRACKET_YEAR, False)):
        for m in regex.finditer(folded):
            first = m.start("month") if m.group("month") else m.start("year")
            if any(first < e and m.end("year") > s for s, e in taken):
                continue
            taken.append((first, m.end("year")))
            written = m.group("year")
            years = _years(written) if written[-1].isdigit() else [y for y in [_year_in_words(written)] if y]
            if years:
                out.append(YearMention(origin[first], origin[m.end("year") - 1] + 1, tuple(years), stated))
    return sorted(out, key=lambda y: y.start)
