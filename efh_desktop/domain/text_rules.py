"""What text a record will accept. Odd text (markup characters, emoji, right-to-left script) is
kept exactly; only what would break storage or display is refused or removed."""

from __future__ import annotations

import re

from efh_desktop.domain.name_folding import fold_with_offsets

MAX_NAME = 200
MAX_SHORT = 1_000
MAX_TEXT = 100_000


class TextRejected(ValueError):
    """``str()`` is one sentence naming the field."""


def without_surrogates(value: str) -> str:
    """Text that can be stored as UTF-8. A surrogate pair (as some Windows clipboards and JSON
    escapes hand over an emoji) becomes the character it encodes; a lone surrogate encodes nothing,
    so it becomes U+FFFD (\N{REPLACEMENT CHARACTER}), which shows that something was lost. Without
    this SQLite's UTF-8 encoding fails and the user sees only "Unexpected error"."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return value


# Unicode's control characters (category Cc, fixed by its stability policy) and its private-use
# ranges (Co); tests/test_text_rules_speed.py checks them against unicodedata. One regular
# expression instead of a category look-up per character: a 3,900-character note was cleaned in
# ~0.6 ms, in the keystroke that records it (issue 17).
_CC_CO = "\x7f-\x9f\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_CONTROLS = re.compile(f"[\x00-\x1f{_CC_CO}]")
_CONTROLS_BUT_TAB_AND_NEWLINE = re.compile(f"[\x00-\x08\x0b-\x1f{_CC_CO}]")


def _strip_controls(value: str, *, keep_newlines: bool) -> str:
    value = without_surrogates(value)
    # NUL and other C0 controls truncate or garble text in SQLite tools and PDF renderers; private-use
    # characters have no agreed meaning and are kept free as search-match markers. A tab and a
    # newline are kept where the text may have lines.
    return (_CONTROLS_BUT_TAB_AND_NEWLINE if keep_newlines else _CONTROLS).sub("", value)


def clean_name(value: str | None, field: str = "Name", *, required: bool = True) -> str:
    text = " ".join(_strip_controls(value or "", keep_newlines=False).split())
    if required and not text:
        raise TextRejected(f"{field} cannot be empty.")
    if len(text) > MAX_NAME:
        raise TextRejected(f"{field} is too long ({len(text):,} characters; the limit is {MAX_NAME:,}).")
    return text


def clean_short(value: str | None, field: str) -> str:
    text = _strip_controls(value or "", keep_newlines=False).strip()
    if len(text) > MAX_SHORT:
        raise TextRejected(f"{field} is too long ({len(text):,} characters; the limit is {MAX_SHORT:,}).")
    return text


def clean_text(value: str | None, field: str = "Text", *, required: bool = False) -> str:
    text = _strip_controls(value or "", keep_newlines=True).strip()
    if required and not text:
        raise TextRejected(f"{field} cannot be empty.")
    if len(text) > MAX_TEXT:
        raise TextRejected(f"{field} is too long ({len(text):,} characters; the limit is {MAX_TEXT:,}).")
    return text


def clean_aliases(values: list[str] | tuple[str, ...] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    seen: list[str] = []
    folded: set[str] = set()  # a set, not a scan of ``seen`` per alias: 10,000 pasted aliases took seconds
    for raw in values:
        alias = clean_name(raw, "Alias", required=False)
        if alias and alias.casefold() not in folded:
            folded.add(alias.casefold())
            seen.append(alias)
    return seen


def fold_for_search(value: object) -> str | None:
    """Case- and accent-insensitive form of text, for searching ("Zoë" matches "zoe", "ÜNAL" "ünal",
    "Groß" "gross", "İpek" "ipek", "Łucja" "lucja").

    SQLite's own LIKE folds ASCII letters only, and names in this service often are not ASCII; the
    database registers this as the SQL function ``efh_fold`` so both sides fold the same way. The
    folding is the name engine's (domain/name_folding.py), so search and redaction agree.
    """
    if value is None:
        return None
    return fold_with_offsets(str(value))[0]
