"""The fonts every PDF from the app is set in, registered with ReportLab once per process.

DejaVu Sans (shipped in resources/fonts; Vera's descendant with far wider coverage: Welsh, Czech,
Polish, Greek, Cyrillic…). There is deliberately no fallback to the Vera files inside ReportLab: they
lack those letters, so a PDF made with them silently loses names. A missing font means a broken
installation, and the export stops saying so (MissingPackageData).

Kept apart from ``pdf_style`` so ``bidi_text`` can ask which glyphs the font has without importing
the styles (which themselves use ``bidi_text``).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from efh_desktop.paths import RESOURCES_DIR, package_file

FONT = "EFHVera"
FONT_BOLD = "EFHVera-Bold"
FONT_ITALIC = "EFHVera-Italic"
FONT_BOLD_ITALIC = "EFHVera-BoldItalic"

_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf",
               FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}


def register_fonts() -> None:
    """Register the four faces and their family (so <b> and <i> in markup find them); idempotent."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(package_file(RESOURCES_DIR, "fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
