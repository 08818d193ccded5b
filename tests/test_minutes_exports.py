"""Things that leave the laptop from a live meeting: the agency action digest (PDF) and the draft
email to First Response. Children appear by initials in the digest; files go only where chosen."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pypdf
import pytest

from efh_desktop.services.context import ServiceError


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages) + str(reader.metadata)


def test_police_digest_lists_their_actions_with_children_by_initials(demo_services, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "police.pdf"
    demo_services.action_digest.export_pdf("Police", out)
    text = pdf_text(out)
    assert "Partnership visit to Quickmart" in text and "Intelligence submission" in text
    assert "Return home interview" not in text, "another agency's action"
    for child in demo_services.subjects.list("child"):
        assert child.name not in text
    assert "OFFICIAL-SENSITIVE" in text
    assert sorted(p.name for p in folder.iterdir()) == ["police.pdf"]


def test_digest_for_an_agency_with_no_actions_is_refused(demo_services, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(ServiceError, match="no actions"):
        demo_services.action_digest.export_pdf("Licensing", folder / "x.pdf")
    assert list(folder.iterdir()) == []


def test_referral_draft_email_carries_the_discussion(demo_services, tmp_path):
    services = demo_services
    first = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    decision = next(d for d in services.minutes.decisions(first) if "Shay" in d.text)
    out = services.referral_email.write_draft(decision.id, tmp_path / "draft.eml")
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert "Shay Pendlebury" not in message["Subject"] and "S.P." in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Shay Pendlebury" in body and decision.text in body
    assert "Quarry Lane" in body, "the notes about Shay are the discussion"


def test_referral_email_needs_exactly_one_child(demo_services, tmp_path):
    first = min(r.id for r in demo_services.meetings.list(type_key="complex_strategy"))
    group_decision = next(d for d in demo_services.minutes.decisions(first) if "continue" in d.text)
    folder = tmp_path / "exports"
    folder.mkdir()
    # A decision about the group is neither about one child nor made by emailing First Response.
    with pytest.raises(ServiceError, match="one child|not made by emailing First Response"):
        demo_services.referral_email.write_draft(group_decision.id, folder / "x.eml")
    assert list(folder.iterdir()) == []


def test_all_actions_tab_lists_every_meeting(qtbot, demo_services, data_dir):
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    unlocker = UnlockService(data_dir, demo_services.profile, "Test User")
    ctl = SessionController(unlocker, 5)
    ctl._set_services(demo_services)
    window = MainWindow(ctl, Settings(), data_dir)
    qtbot.addWidget(window)
    window.show_all_actions()
    panel = window.all_actions
    rows = [panel.model.row_at(i) for i in range(panel.model.rowCount())]
    assert len(rows) == len(demo_services.actions.rows())
    assert {r.meeting_id for r in rows} >= {min(r.id for r in demo_services.meetings.list())}
    today = date.today()
    overdue = [r for r in rows if r.overdue(today)]
    assert rows[:len(overdue)] == overdue, "overdue first"
