"""Make resources/templates/word-template.docx, the Word template the minutes are written with.

Run after changing the house style: `python resources/templates/make_word_template.py`. The template holds styles
and page set-up only (no text, no names, fixed neutral properties), so it can be committed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent / "word-template.docx"
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)


def main() -> None:
    document = Document()
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = "Arial", Pt(11), INK
    normal.paragraph_format.space_after = Pt(4)
    for name, size, colour in (("Title", 20, INK), ("Subtitle", 13, ACCENT), ("Heading 1", 15, ACCENT),
                               ("Heading 2", 12.5, ACCENT), ("Heading 3", 11.5, INK)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb, style.font.bold = "Arial", Pt(size), colour, True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.space_before = Pt(10 if name.startswith("Heading") else 0)
        style.paragraph_format.keep_with_next = True
    props = document.core_properties
    props.author = props.last_modified_by = "EFH Desktop"
    props.title = props.subject = props.comments = props.keywords = props.category = ""
    props.created = props.modified = props.last_printed = dt.datetime(2000, 1, 1)
    props.revision = 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
