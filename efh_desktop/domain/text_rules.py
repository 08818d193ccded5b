"""What text a record will accept. Odd text (markup characters, emoji, right-to-left script) is
kept exactly; only what would break storage or display is refused or removed."""

from __future__ import annotations

import unicodedata

from efh_desktop.domain.name_folding import fold_with_offsets

MAX_NAME = 200
MAX_SHORT = 1_000
MAX_TEXT = 100_000


class TextRejected(ValueError):
    """``str()`` is one sentence naming the field."""


def _strip_controls(value: str, *, keep_newlines: bool) -> str:
    allowed = {"\n", "\t"} if keep_newlines else set()
    # NUL and other C0 controls truncate or garble text in SQLite tools and PDF renderers; private-use
    # characters have no agreed meaning and are kept free as search-match markers.
    return "".join(ch for ch in value if ch in allowed or unicodedata.category(ch) not in ("Cc", "Co"))


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
    for raw in values:
        alias = clean_name(raw, "Alias", required=False)
        if alias and alias.casefold() not in {a.casefold() for a in seen}:
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
