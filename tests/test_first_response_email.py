"""The draft email to First Response: headers, draft flag, initials in Subject, name only in body."""

from __future__ import annotations

from datetime import date
from email import policy
from email.parser import BytesParser

from efh_desktop.export.first_response_email import NOTHING_RECORDED, build_referral_email, eml_bytes

FIELDS = dict(
    to="First Response <first.response@example.gov.uk>",
    sender="Safer Options North <safer.options.north@example.gov.uk>",
    child_name="Kai Marlow",
    child_identifiers="LCS 4410093, date of birth 3 March 2011",
    meeting_title="Safer Options meeting",
    meeting_date=date(2026, 6, 4),
    decision_text="Open a FIF referral for Kai.",
    rationale="Kai has been found in Harbour Lane twice this month\nand his school reports missed days.",
    discussion=["Police: Kai was stopped with an older male on 28 May.", "",
                "Education: attendance down to 71%\nsince Easter."],
    decided_by="Priya Desai, Area Deputy Service Manager",
)


def build(**changes):
    return build_referral_email(**{**FIELDS, **changes})


def parsed(**changes):
    return BytesParser(policy=policy.default).parsebytes(eml_bytes(build(**changes)))


def text_of(message) -> str:
    """The body with the CRLF line ends of the wire format turned back into newlines."""
    return message.get_content().replace("\r\n", "\n")


def test_headers():
    message = parsed()
    assert message["To"] == FIELDS["to"]
    assert message["From"] == FIELDS["sender"]
    assert message["Subject"] == "OFFICIAL-SENSITIVE: Safer Options referral decision for K.M."
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() in ("utf-8", "us-ascii")


def test_eml_is_crlf_and_seven_bit():
    data = eml_bytes(build(child_name="Zoë Ångström-Nwosu"))
    assert b"X-Unsent: 1\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(byte < 128 for byte in data)


def test_full_name_only_in_the_body_never_in_any_header():
    data = eml_bytes(build(meeting_title="Team around Kai Marlow", child_name="Kai Marlow"))
    message = BytesParser(policy=policy.default).parsebytes(data)
    headers = "\n".join(f"{k}: {v}" for k, v in message.items())
    assert "Kai" not in headers and "Marlow" not in headers
    assert message["Subject"] == "OFFICIAL-SENSITIVE: Team around K.M. referral decision for K.M."
    body = text_of(message)
    assert "Child: Kai Marlow" in body and "Identifiers: LCS 4410093, date of birth 3 March 2011" in body


def test_body_says_what_why_discussion_and_who():
    body = text_of(parsed())
    assert body.startswith("OFFICIAL-SENSITIVE\n") and body.rstrip().endswith("OFFICIAL-SENSITIVE")
    assert "The Safer Options meeting on 4 June 2026 made a referral decision about Kai Marlow." in body
    assert "Decision\nOpen a FIF referral for Kai.\n" in body
    assert "Reasons\nKai has been found in Harbour Lane twice this month\nand his school reports missed days.\n" in body
    assert ("Summary of the discussion\n- Police: Kai was stopped with an older male on 28 May.\n"
            "- Education: attendance down to 71%\n  since Easter.\n") in body
    assert "Decided by: Priya Desai, Area Deputy Service Manager" in body


def test_nothing_recorded_is_said_not_left_blank():
    body = text_of(parsed(rationale="  ", discussion=[], decided_by="", child_identifiers=""))
    assert f"Reasons\n{NOTHING_RECORDED}" in body
    assert f"Summary of the discussion\n{NOTHING_RECORDED}" in body
    assert f"Decided by: {NOTHING_RECORDED}" in body
    assert f"Identifiers: {NOTHING_RECORDED}" in body


def test_round_trip_keeps_non_ascii_and_markup_literally():
    message = parsed(child_name="Siân Ó Dálaigh", decision_text="Refer <b>now</b> & tell CSC")
    assert message["Subject"].endswith("referral decision for S.Ó.D.")
    body = text_of(message)
    assert "Child: Siân Ó Dálaigh" in body and "Refer <b>now</b> & tell CSC" in body


def test_line_breaks_cannot_reach_the_headers():
    message = parsed(to="a@example.gov.uk\r\nBcc: leak@example.com", meeting_title="Safer\nOptions")
    assert message["Bcc"] is None
    assert message["Subject"] == "OFFICIAL-SENSITIVE: Safer Options referral decision for K.M."


def test_eml_bytes_adds_the_draft_flag_without_changing_the_message():
    message = build()
    del message["X-Unsent"]
    assert b"X-Unsent: 1\r\n" in eml_bytes(message)
    assert message["X-Unsent"] is None


def test_pure_and_repeatable():
    assert eml_bytes(build()) == eml_bytes(build())
