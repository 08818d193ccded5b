"""One-line actions: description, @owner, #agency, !due, and problems said plainly."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from efh_desktop.domain.action_line import ActionLine, match_agency, parse_action_line

AGENCIES = ("Police", "Children's Social Care", "Education", "Health", "Housing", "Youth Offending Team",
            "Avon and Somerset Fire and Rescue")
TODAY = date(2026, 12, 2)  # a Wednesday
NEXT_MEETING = date(2027, 1, 13)


def parse(text: str, **kwargs) -> ActionLine:
    kwargs.setdefault("next_meeting", NEXT_MEETING)
    return parse_action_line(text, agencies=AGENCIES, today=TODAY, **kwargs)


def test_the_example_from_the_brief():
    assert parse("Partnership visit to Quickmart @PC Jo Whitcombe #police !in 2 weeks") == ActionLine(
        description="Partnership visit to Quickmart", owner="PC Jo Whitcombe", agency="Police",
        due=date(2026, 12, 16), due_text="in 2 weeks", problems=())


def test_parts_in_any_order_and_extra_spaces_tidied():
    line = parse("  Return home interview   for K.M.  !next meeting  #csc @Sam  Okoro ")
    assert line == ActionLine("Return home interview for K.M.", "Sam Okoro", "Children's Social Care",
                              NEXT_MEETING, "next meeting", ())


def test_description_only():
    assert parse("Share ecomap with Safer Options") == ActionLine("Share ecomap with Safer Options", "", "",
                                                                  None, "", ())


@pytest.mark.parametrize(("typed", "expected"), [
    ("police", "Police"), ("POL", "Police"), ("pol", "Police"), ("social", "Children's Social Care"),
    ("csc", "Children's Social Care"), ("yot", "Youth Offending Team"), ("Youth", "Youth Offending Team"),
    ("asfr", "Avon and Somerset Fire and Rescue"), ("edu", "Education"),
])
def test_agency_matching(typed, expected):
    assert match_agency(typed, AGENCIES) == (expected, "")


def test_ambiguous_agency_is_kept_as_typed_with_a_problem():
    line = parse("Check tenancy #h")
    assert line.agency == "h"
    assert line.problems == ('"h" could be Health or Housing: kept as typed.',)


def test_unknown_agency_is_kept_as_typed_with_a_problem():
    line = parse("Check tenancy #Landlord Forum")
    assert line.agency == "Landlord Forum"
    assert line.problems == ('"Landlord Forum" is not in the list of agencies: kept as typed.',)


def test_no_agency_list_means_nothing_to_check():
    line = parse_action_line("Visit #Police", agencies=(), today=TODAY, next_meeting=None)
    assert line.agency == "Police" and line.problems == ()


def test_due_dates_use_the_uk_date_reader():
    assert parse("Visit !4/12/2026").due == date(2026, 12, 4)
    assert parse("Visit !12/4/2027").due == date(2027, 4, 12)
    assert parse("Visit !Friday").due == date(2026, 12, 4)
    assert parse("Visit !in 5 working days").due == date(2026, 12, 9)


def test_bad_due_date_keeps_the_text_and_says_why():
    line = parse("Visit !31/02/2027")
    assert (line.due, line.due_text) == (None, "31/02/2027")
    assert line.problems == ("There is no 31 February 2027.",)
    line = parse("Visit !next meeting", next_meeting=None)
    assert line.due is None and line.problems == ("No next meeting date is set yet.",)


def test_markers_only_count_at_the_start_of_a_word():
    line = parse("Email jo@example.org about Flat #3 and check CCTV! @Jo")
    assert line.description == "Email jo@example.org about Flat #3 and check CCTV!"
    assert line.owner == "Jo" and line.problems == ()
    assert parse("Ring back ! soon").description == "Ring back ! soon"


def test_missing_description_is_a_problem():
    line = parse("@Jo #police")
    assert line.description == "" and line.owner == "Jo" and line.agency == "Police"
    assert line.problems == ("The action needs a description before any @, # or ! part.",)


def test_a_part_given_twice_keeps_the_first():
    line = parse("Visit @Jo @Sam")
    assert line.owner == "Jo"
    assert line.problems == ('More than one owner was given: kept "Jo", left out "Sam".',)


def test_unicode_owner_names():
    assert parse("Visit @Siân Ó Dálaigh #health").owner == "Siân Ó Dálaigh"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_never_raises_on_any_text(text):
    line = parse(text)
    assert isinstance(line, ActionLine)
    assert line.description == " ".join(line.description.split())
