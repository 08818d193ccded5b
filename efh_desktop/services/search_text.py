"""Turning what a user types into a safe, accent- and case-insensitive LIKE condition."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func

from efh_desktop.domain.text_rules import fold_for_search, without_surrogates


def like_pattern(text: str) -> str:
    """``%text%`` folded like ``efh_fold`` with LIKE's wildcards escaped: % and _ are meant literally."""
    folded = fold_for_search(without_surrogates(text)) or ""  # SQLite cannot bind a lone surrogate
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(column: Any, text: str) -> ColumnElement[bool]:
    # ``column``: a model attribute or any column expression
    """``column`` contains ``text``, ignoring case and accents (the database's ``efh_fold``)."""
    return func.efh_fold(column).like(like_pattern(text), escape="\\")
