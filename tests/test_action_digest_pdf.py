"""One agency's action digest as PDF: rows, overdue first and marked, marking on every page."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from efh_desktop.export.action_digest_pdf import (
    NO_DATE,
    OVERDUE,
    ActionDigest,
    DigestRow,
    ordered_rows,
    render_action_digest_pdf,
)

TODAY = date(2026, 6, 4)


def row(description: str, due: date | None, *, overdue: bool = False, **changes) -> DigestRow:
    fields = dict(description=description, owner="PC Jo Whitcombe", due=due, status_label="Open",
                  meeting_title="Safer Options meeting (North)", meeting_date=date(2026, 5, 21),
                  subjects_text="K.M., Quickmart", overdue=overdue)
    return DigestRow(**{**fields, **changes})


def text_of(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


ROWS = (
    row("Share ecomap with Education", date(2026, 6, 18)),
    row("Partnership visit to Quickmart", date(2026, 5, 28), overdue=True),
    row("Check CCTV retention", None),
    row("Prevention interview for K.M.", date(2026, 6, 1), overdue=True, owner="DC Amir Haddad"),
)


def test_rows_agency_dates_and_overdue_first():
    digest = ActionDigest("Police", TODAY, "Safer Options meeting (North)", ROWS)
    [page] = text_of(render_action_digest_pdf(digest))
    assert "Actions for Police" in page
    assert "Made on 4 June 2026. 4 actions, 2 overdue." in page
    order = [page.index(r.description) for r in (ROWS[1], ROWS[3], ROWS[0], ROWS[2])]
    assert order == sorted(order)  # overdue (earliest first), then by date, undated last
    assert page.count(OVERDUE) == 2
    last_overdue = page.rindex(OVERDUE)
    assert last_overdue < page.index(ROWS[0].description)
    assert "28 May 2026" in page and "18 June 2026" in page and NO_DATE in page
    assert "DC Amir Haddad" in page and "About: K.M., Quickmart" in page
    # One meeting for every row: said once, not in a column.
    assert "Agreed at Safer Options meeting (North), 21 May 2026." in page
    assert "Due Action Owner Status " in page and "Status Meeting" not in page
    assert "OFFICIAL-SENSITIVE" in page and "Page 1 of 1" in page


def test_ordering_is_stable_for_equal_keys():
    a, b = row("A", None), row("B", None)
    assert ordered_rows((a, b)) == [a, b]


def test_empty_digest_says_so():
    [page] = text_of(render_action_digest_pdf(ActionDigest("Health", TODAY, None, ())))
    assert "There are no actions for Health." in page and "OFFICIAL-SENSITIVE" in page


def test_long_digest_has_marking_and_page_numbers_on_every_page():
    rows = tuple(row(f"Action number {n} with a longer description to wrap over two lines in the cell",
                     date(2026, 7, 1 + n % 28), overdue=n % 3 == 0, meeting_title=f"Safer Options {n % 2}")
                 for n in range(60))
    pages = text_of(render_action_digest_pdf(ActionDigest("Police", TODAY, None, rows)))
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        assert page.count("OFFICIAL-SENSITIVE") == 2  # header and footer
        assert f"Page {n} of {len(pages)}" in page
        assert "Due Action Owner Status Meeting" in page  # the header row repeats
    everything = " ".join(pages)
    numbers = [int(n) for n in re.findall(r"Action number (\d+)", everything)]
    assert sorted(numbers) == list(range(60))
    assert set(numbers[:20]) == set(range(0, 60, 3))  # every overdue row before any other


def test_actions_from_several_meetings_get_a_meeting_column():
    rows = (row("First", None), row("Second", None, meeting_title="Complex strategy (Op Kestrel)",
                                    meeting_date=date(2026, 4, 30)))
    [page] = text_of(render_action_digest_pdf(ActionDigest("Police", TODAY, None, rows)))
    assert "Due Action Owner Status Meeting" in page and "Agreed at" not in page
    assert "Complex strategy (Op Kestrel)" in page and "30 April 2026" in page and "21 May 2026" in page


def test_markup_characters_are_printed_literally():
    nasty = row("Visit <b>Zed</b> & Co's <i>shop</i>", None, owner="A & B <Ltd>", subjects_text="<script>")
    digest = ActionDigest("Police & <Partners>", TODAY, "Meeting <1> & more", (nasty,))
    [page] = text_of(render_action_digest_pdf(digest))
    for literal in ("Visit <b>Zed</b> & Co's <i>shop</i>", "A & B <Ltd>", "About: <script>",
                    "Actions for Police & <Partners>", "Meeting <1> & more"):
        assert literal in page


def test_metadata_title_and_reproducible_bytes():
    digest = ActionDigest("Police", TODAY, None, ROWS)
    data = render_action_digest_pdf(digest)
    assert PdfReader(io.BytesIO(data)).metadata.title == "Actions for Police, 4 June 2026"
    assert data == render_action_digest_pdf(digest)


def test_non_latin_text_survives():
    digest = ActionDigest("Cyngor Caerdydd", TODAY, None, (row("Ymweliad â'r siop, Łódź, Ілля", None),))
    [page] = text_of(render_action_digest_pdf(digest))
    assert "Ymweliad â'r siop, Łódź, Ілля" in page
