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


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    from efh_desktop.export.pdf_fonts import FONT, register_fonts

    register_fonts()
    face = pdfmetrics.getFont(FONT).face  # type: ignore[attr-defined]  # a TTFont: pdf_fonts registers only those
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


@lru_cache(maxsize=4096)
def printable(text: str) -> str:
    """``text`` as the PDF font can draw it: right-to-left script in visual order, and any character
    the font has no glyph for (most emoji) written as its name in brackets, "[child]", rather than
    printed as an empty box that says nothing. Invisible joiners and variation selectors go."""
    glyphs = _glyphs()
    out = []
    for ch in text:
        if ord(ch) in glyphs or ch in "\n\t" or unicodedata.category(ch) == "Zs":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cf", "Mn", "Sk") and ord(ch) not in glyphs:
            continue  # zero-width joiners, variation selectors, skin-tone modifiers
        else:
            out.append(f"[{unicodedata.name(ch, 'symbol').lower()}]")
    return visual("".join(out))
