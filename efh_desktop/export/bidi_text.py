"""Right-to-left text (Hebrew, Arabic) for PDF output.

ReportLab draws characters in the order they are stored. Names and notes in right-to-left scripts
must be put into visual order (Unicode bidirectional algorithm, python-bidi) and Arabic letters
joined into their contextual forms (arabic-reshaper) first, line by line. Word and plain text keep
the logical order; their readers lay it out themselves.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """``text`` in the order a left-to-right renderer must draw it; unchanged when there is no RTL."""
    if not _has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))
