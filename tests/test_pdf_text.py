"""Text as the PDF font can draw it: right-to-left in visual order, emoji it has no glyph for named."""

from __future__ import annotations

import unicodedata

from efh_desktop.export.bidi_text import printable, visual


def test_missing_glyphs_are_named_not_boxes():
    shown = printable("He drew 🧒 and 👩\u200d👧 for us")
    assert "[child]" in shown and "[woman]" in shown and "[girl]" in shown
    assert shown.startswith("He drew ") and shown.endswith(" for us")


def test_latin_text_is_untouched_and_rtl_is_reordered():
    assert printable("Kai Marlow <b> & Co") == "Kai Marlow <b> & Co"
    hebrew = "שלום"
    assert visual(hebrew) == hebrew[::-1]
    arabic = visual("مرحبا")
    assert unicodedata.normalize("NFKC", arabic) == "مرحبا"[::-1], "joined forms, drawn right to left"
