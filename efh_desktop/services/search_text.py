"""Turning what a user types into a safe LIKE pattern: % and _ are meant literally."""

from __future__ import annotations


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards escaped; use with ``escape="\\\\"``."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
