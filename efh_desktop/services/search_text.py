"""Turning what a user types into a safe, accent- and case-insensitive LIKE condition."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, func

from efh_desktop.domain.text_rules import fold_for_search, without_surrogates

# SQLite refuses a LIKE pattern longer than this many bytes ("LIKE or GLOB pattern too complex",
# SQLITE_MAX_LIKE_PATTERN_LENGTH): a pasted page of text in a filter box ended in "Unexpected error".
MAX_LIKE_PATTERN_BYTES = 50_000


def like_pattern(text: str) -> str:
    """``%text%`` folded like ``efh_fold`` with LIKE's wildcards escaped: % and _ are meant literally."""
    folded = fold_for_search(without_surrogates(text)) or ""  # SQLite cannot bind a lone surrogate
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(column: Any, text: str) -> ColumnElement[bool]:
    # ``column``: a model attribute or any column expression
    """``column`` contains ``text``, ignoring case and accents (the database's ``efh_fold``).

    A filter longer than SQLite's LIKE allows is longer than anything a filtered column holds (names,
    identifiers and titles are at most a thousand characters): it matches nothing, without asking."""
    pattern = like_pattern(text)
    if len(pattern.encode("utf-8")) > MAX_LIKE_PATTERN_BYTES:
        return false()
    return func.efh_fold(column).like(pattern, escape="\\")
