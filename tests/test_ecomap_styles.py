"""Each relationship has its own line in the ecomap, on screen and on the PDF page (issue 16 item 4:
"line styles by relationship"): no two relationships are drawn alike, so the key can tell them apart
without relying on which shapes a line joins."""

from __future__ import annotations

from efh_desktop.domain.ecomap import LINE_STYLES


def test_every_relationship_has_its_own_line_style_name():
    assert len(set(LINE_STYLES.values())) == len(LINE_STYLES)


def test_no_two_relationships_are_drawn_alike_in_the_window(qtbot):
    from efh_desktop.gui.ecomap_view import pen_for

    drawn = {}
    for relation, style in LINE_STYLES.items():
        pen = pen_for(style)
        drawn.setdefault((pen.style(), round(pen.widthF(), 1), pen.color().name()), []).append(relation)
    assert all(len(same) == 1 for same in drawn.values()), [same for same in drawn.values() if len(same) > 1]


def test_no_two_relationships_are_drawn_alike_on_the_pdf_page():
    from efh_desktop.export import ecomap_pdf

    class Recorder:
        def setLineWidth(self, width):  # noqa: N802 - reportlab's names
            self.width = width

        def setStrokeColor(self, colour):  # noqa: N802
            self.colour = colour.hexval()

        def setDash(self, *dash):  # noqa: N802
            self.dash = repr(dash)

    drawn = {}
    for relation, style in LINE_STYLES.items():
        canvas = Recorder()
        ecomap_pdf._line(canvas, style)
        drawn.setdefault((canvas.width, canvas.colour, canvas.dash), []).append(relation)
    assert all(len(same) == 1 for same in drawn.values()), [same for same in drawn.values() if len(same) > 1]
