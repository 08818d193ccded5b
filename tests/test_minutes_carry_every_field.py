"""Every fact a user records that belongs in the record reaches the minutes (issue 14, item 2).

The test walks the SQLModel tables' columns. Each one is either filled below with a marker that
must appear in the minutes document and in every format (PDF, Word, LCS/EHM text and a child's
record copy), or listed in EXCLUDED with the reason it does not belong in the minutes. A new column
that is neither fails the test, so a field cannot be added and silently left out of the record.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pypdf
import pytest
from docx import Document

from efh_desktop.export.lcs_text import render_lcs_text
from efh_desktop.export.minutes_docx import render_minutes_docx
from efh_desktop.export.minutes_html import render_minutes_html
from efh_desktop.export.minutes_pdf import render_minutes_pdf
from efh_desktop.export.redaction import record_copy
from efh_desktop.store import tables

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
_BOOK = ("id", "uid", "meeting_id", "created_at", "updated_at", "position")  # bookkeeping everywhere

# Columns that do not belong in the minutes, each with why. Keys are "table.column".
EXCLUDED: dict[str, str] = {
    **{f"{t}.{c}": "bookkeeping" for t in ("meeting", "attendee", "agenda_item", "meeting_notification", "entry",
                                          "decision", "action", "checklist_response", "information_sharing",
                                          "amendment", "gate_override", "subject", "meeting_subject")
       for c in _BOOK},
    "meeting.series_id": "links meetings; the series is not a fact of this meeting's record",
    "attendee.role_key": "the profile role the rules match; the minutes print the requirement it covers",
    "meeting.actions_sent_on": "the distribution clock: shown on the finalise tab and meetings list, not minutes",
    "meeting.draft_sent_on": "the distribution clock: shown on the finalise tab and meetings list, not minutes",
    "meeting.accuracy_deadline": "the distribution clock: shown on the finalise tab and meetings list, not minutes",
    "meeting.accuracy_non_replies": "the distribution clock: shown on the finalise tab, not minutes",
    "meeting_subject.came_through": "decides where the copy is filed (LCS or EHM contact), not a fact of the minutes",
    "meeting.previous_meeting_id": "links meetings",
    "meeting.status": "the minutes say Draft or Final (the version), not the working state",
    "meeting.online_link": "a joining link for the day, not part of what was decided",
    "meeting.next_meeting_date": "shown as 'Next meeting' (checked below as next_meeting)",
    "attendee.email": "contact details for distribution; the record names people, roles and agencies",
    "agenda_item.parent_id": "the numbering (1.2) shows it",
    "agenda_item.template_key": "which template item it came from: internal",
    "agenda_item.subject_id": "the item's title names its subject",
    "agenda_item.planned_minutes": "the plan for the day, not the record",
    "agenda_item.actual_start": "item timings are for the chair; the meeting's actual start and end are recorded",
    "agenda_item.actual_end": "as agenda_item.actual_start",
    "meeting_notification.rule_key": "the rule's label is printed (checked as the 'Told:' fact)",
    "entry.agenda_item_id": "the section the note is printed under",
    "entry.kind": "every entry is printed as a note",
    "entry.author": "who typed it: the audit trail holds it",
    "decision.agenda_item_id": "the section it is printed under",
    "decision.author": "who typed it: the audit trail holds it",
    "action.agenda_item_id": "the section it is printed under",
    "action.origin_action_id": "links an action carried from an earlier meeting",
    "action.author": "who typed it: the audit trail holds it",
    "checklist_response.item_key": "the checklist point's number and title are printed",
    "checklist_response.deferred_to_meeting_id": "printed on the later meeting as 'deferred from'",
    "checklist_response.updated_by": "who ticked it: the audit trail holds it",
    "information_sharing.kind": "chooses the child or agency section",
    "information_sharing.subject_id": "the child the section is headed with",
    "information_sharing.action_id": "printed as the outreach action's words (checked as outreach)",
    "information_sharing.carried_from_id": "links to the earlier meeting's decision",
    "amendment.meeting_id": "bookkeeping",
    "gate_override.item_key": "the gate's words (message) are printed",
    "subject.kind": "printed as the kind label (Child, Place…)",
    "subject.archived": "a list filter",
    "subject.connected_people": "relatives are held for masking disclosure copies, not printed in the minutes",
    "subject.treat_as_child": "governs disclosure copies; not a fact of the meeting",
    "subject.place_kind": "a place's kind (checked on place subjects elsewhere); this meeting has a child",
    "subject.description": "free text about a group, place or person of concern; this meeting has a child",
    "subject.in_care": "said by the legal status 'Child in care' filled here",
    "meeting_subject.subject_id": "the subject line itself",
    "meeting_subject.reason": "not offered in the window (only meeting files carry it)",
}

TABLES = ("meeting", "attendee", "agenda_item", "meeting_notification", "entry", "decision", "action",
          "checklist_response", "information_sharing", "amendment", "gate_override", "subject", "meeting_subject")


def _columns() -> list[str]:
    by_name = {m.__tablename__: m for m in (getattr(tables, n) for n in tables.__all__)
               if isinstance(m, type) and getattr(m, "__tablename__", None) in TABLES}
    assert set(by_name) == set(TABLES)
    return [f"{name}.{column}" for name, model in by_name.items() for column in model.model_fields]


@pytest.fixture
def recorded(services):
    """A complex strategy meeting with every field filled, finalised with an override and amended."""
    s = services
    child = s.subjects.create("child", "Ffion Marker", aliases=["Zalias"], locality="Zlocalityc",
                              date_of_birth=date(2011, 3, 14), lcs_id="LCS-Zlcs", ehm_id="EHM-Zehm",
                              legal_status="child_in_care", in_care=True, open_referral=True, yot_order=True,
                              lead_professional="Zlead", allocated_worker="Zworker", address="1 Zaddress Street",
                              looked_after_on=date(2025, 6, 4))
    meeting = s.meetings.create(
        "complex_strategy", WHEN, subject_ids=[child.id], title="Ztitle", venue="Zvenue", locality="Zlocality",
        lead_authority="Zauthority", chair_name="Zchair", chair_role="service_manager", minute_taker="Zminuter",
        police_operation="Zoperation", officer_in_charge="Zofficer", concerns="criminal_exploitation,county_lines",
        cross_boundary=True, next_meeting_date=date(2026, 11, 30), next_meeting_reason="Znextreason")
    s.meetings.update(meeting.id, lead_area="Zleadarea", lead_area_decided_by="Zleaddecider")
    s.attendance.add(meeting.id, "Zattendee", role="Zrole", agency="Zagency", team="Zteam", status="apologies",
                     apology_reason="Zapology")
    s.attendance.add(meeting.id, "Zpart", status="part")
    part = s.attendance.list(meeting.id)[-1]
    s.attendance.update(part.id, part_attendance="Zleftearly")
    rule = s.profile.meeting_type("complex_strategy").required_attendees[0]
    s.attendance.update(part.id, rule_key=rule.key)
    first = s.agenda.tree(meeting.id)[0]
    s.agenda.rename(first.id, "Zagendatitle")
    s.setup.set_planning_agreement(meeting.id, child.id, "Zagreement")
    s.live.start(meeting.id)
    s.minutes.add_note(meeting.id, "Znote", source_agency="Znoteagency", subject_ids=[child.id],
                       not_for_family=True, childs_own_words=True)
    kind = _agreed_kind(s.profile)
    s.minutes.add_decision(meeting.id, "Zdecision", kind_key=kind.key, rationale="Zrationale", dissent="Zdissent",
                           decided_by="Zdecider", agreed_by="Zagreer", subject_ids=[child.id])
    tactic = s.profile.disruption_tactics[0]
    action = s.minutes.add_action(meeting.id, "Zaction", owner="Zowner", agency="Zactionagency",
                                  due_date=date(2026, 11, 9), category=tactic.key, subject_ids=[child.id])
    other = s.minutes.add_action(meeting.id, "Zdone", owner="Zowner2")
    s.minutes.set_action_status(other.id, "done", note="Zcompleted")
    intervention = s.minutes.add_action(meeting.id, "Zintervention", owner="Zowner3")
    s.history.record_outcome(intervention.id, outcome="Zoutcome", rating=_impact_key(s.profile),
                             evidence="Zevidence")
    third = s.minutes.add_action(meeting.id, "Znotdone")
    s.minutes.set_action_status(third.id, "not_done", reason="Zreason")
    row = s.checklist.rows(meeting.id)[0]
    s.checklist.set_status(meeting.id, row.key, "considered", "Zchecknote")
    s.sharing.save_child(meeting.id, child.id, to_share="Ztoshare", shared_by="Zsharer", share_by=date(2026, 11, 16),
                         withheld="Zwithheld", withheld_reason="Zwhy", consent="refused", consent_reason="Zconsent",
                         lawful_basis=next(iter(s.profile.lawful_bases)), lawful_basis_note="Zbasisnote",
                         decided_by="Zdecidedby", action_id=action.id)
    s.sharing.add_disclosure(meeting.id, agency="Zdiscagency", what="Zdiscwhat", recipient="Zdiscto",
                             disclosed_on=date(2026, 11, 23), purpose="Zdiscwhy", subject_id=child.id)
    for status in s.setup.notifications(meeting.id):
        s.setup.record_notification(meeting.id, status.rule_key, "Ztold", informed_by="Ztoldby",
                                    informed_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    s.live.end(meeting.id)
    s.live.record_times(meeting.id, datetime(2026, 11, 2, 10, 7, tzinfo=UTC), datetime(2026, 11, 2, 11, 43, tzinfo=UTC))
    for line in s.finalise.gate(meeting.id):
        s.finalise.override(meeting.id, line.item.key, "Zoverride")
    s.finalise.finalise(meeting.id)
    s.finalise.amend(meeting.id, "decision 1, wording", "Zafter", "Zamendreason", before="Zbefore")
    return s, meeting, child


# What each filled column must show as. Dates and times as the minutes print them (UK time).
SHOWN = {
    "meeting.type_key": "Complex strategy", "meeting.title": "Ztitle", "meeting.starts_at": "2 November 2026",
    "meeting.ends_at": "10am to", "meeting.venue": "Zvenue", "meeting.locality": "Zlocality",
    "meeting.lead_authority": "Zauthority", "meeting.chair_name": "Zchair", "meeting.chair_role": "",
    "meeting.minute_taker": "Zminuter", "meeting.police_operation": "Zoperation",
    "meeting.officer_in_charge": "Zofficer", "meeting.concerns": "Child criminal exploitation, County lines",
    "meeting.cross_boundary": "crosses local authority", "meeting.actual_start": "10:07am",
    "meeting.actual_end": "11:43am", "meeting.next_meeting_reason": "Znextreason",
    "meeting.finalised_by": "Test User", "meeting.finalised_at": "Finalised",
    "attendee.name": "Zattendee", "attendee.role": "Zrole", "attendee.agency": "Zagency", "attendee.team": "Zteam",
    "attendee.status": "Apologies", "attendee.apology_reason": "Zapology", "attendee.part_attendance": "Zleftearly",
    "attendee.rule_key": "overing Police Investigations team",
    "agenda_item.title": "Zagendatitle",
    "meeting_notification.recipient": "Ztold", "meeting_notification.informed_by": "Ztoldby",
    "meeting_notification.informed_at": "1 November 2026",
    "entry.text": "Znote", "entry.source_agency": "Znoteagency", "entry.not_for_family": "Not for the family",
    "entry.childs_own_words": "own words",
    "decision.kind_key": "", "decision.text": "Zdecision", "decision.rationale": "Zrationale",
    "decision.dissent": "Zdissent", "decision.decided_by": "Zdecider", "decision.agreed_by": "Zagreer",
    "action.description": "Zaction", "action.owner": "Zowner", "action.agency": "Zactionagency",
    "action.due_date": "9 November 2026", "action.category": "", "action.status": "Not done",
    "action.not_done_reason": "Zreason", "action.completion_note": "Zcompleted",
    "action.completed_at": "Closed:",
    "action.outcome": "Outcome: Zoutcome", "action.outcome_rating": "", "action.outcome_evidence": "Evidence: Zevidence",
    "meeting.lead_area": "Zleadarea leads", "meeting.lead_area_decided_by": "decided by Zleaddecider",
    "subject.looked_after_on": "looked after since 4 June 2025",
    "checklist_response.status": "Considered", "checklist_response.note": "Zchecknote",
    "information_sharing.agency": "Zdiscagency", "information_sharing.recipient": "Zdiscto",
    "information_sharing.disclosed_on": "23 November 2026", "information_sharing.purpose": "Zdiscwhy",
    "information_sharing.to_share": "Ztoshare", "information_sharing.shared_by": "Zsharer",
    "information_sharing.share_by": "16 November 2026", "information_sharing.withheld": "Zwithheld",
    "information_sharing.withheld_reason": "Zwhy", "information_sharing.consent": "Zconsent",
    "information_sharing.consent_reason": "Zconsent", "information_sharing.lawful_basis": "",
    "information_sharing.lawful_basis_note": "Zbasisnote", "information_sharing.decided_by": "Zdecidedby",
    "information_sharing.decided_at": "Zdecidedby,",
    "amendment.target": "decision 1, wording", "amendment.before": "Zbefore", "amendment.after": "Zafter",
    "amendment.reason": "Zamendreason", "amendment.author": "Test User",
    "gate_override.message": "", "gate_override.reason": "Zoverride", "gate_override.author": "Test User",
    "subject.name": "Ffion Marker", "subject.aliases": "Zalias", "subject.locality": "Zlocalityc",
    "subject.date_of_birth": "14 March 2011", "subject.lcs_id": "LCS-Zlcs", "subject.ehm_id": "EHM-Zehm",
    "subject.legal_status": "Child in care", "subject.open_referral": "open referral",
    "subject.yot_order": "YOT order", "subject.lead_professional": "Zlead", "subject.allocated_worker": "Zworker",
    "subject.address": "Zaddress", "meeting_subject.planning_agreement": "Zagreement",
    "next_meeting": "30 November 2026",
}


def _filled_in(services, meeting) -> dict[str, str]:
    """The profile-worded values the markers above leave open (labels chosen from the profile)."""
    p = services.profile
    kind = _agreed_kind(p)
    lines = services.finalise.overrides(meeting.id)
    return {"decision.kind_key": kind.label, "meeting.chair_role": p.role_label("service_manager"), "action.category": p.disruption_tactics[0].label,
            "information_sharing.lawful_basis": next(iter(p.lawful_bases.values())),
            "gate_override.message": lines[0].message[:25],
            # The rating in the impact scale's words, not its key.
            "action.outcome_rating": f"Impact: {p.impact_scale[_impact_key(p)]}"}


def _impact_key(profile):  # a rating whose words differ from its key
    return next(k for k, label in profile.impact_scale.items() if label.casefold() != k.replace("_", " "))


def _agreed_kind(profile):  # a decision kind that records who agreed
    return next(k for k in profile.decision_kinds_for("complex_strategy") if k.needs_agreement)


def _html_text(html: str) -> str:
    """What the in-window minutes view shows: the HTML laid out by Qt's rich text, as plain text
    (a marker hidden in markup would not be seen)."""
    from PySide6.QtGui import QTextDocument

    view = QTextDocument()
    view.setHtml(html)
    return view.toPlainText()


def _flat(text: str) -> str:
    # Headings in the text copy are in capitals; wrapping turns spaces into line breaks.
    return " ".join(text.replace("’", "'").split()).casefold()


def test_every_column_is_printed_or_excluded_for_a_reason():
    unclassified = [c for c in _columns() if c not in EXCLUDED and c not in SHOWN]
    assert unclassified == [], "each new column is printed in the minutes or excluded with a reason"
    assert not set(EXCLUDED) & set(SHOWN)


def test_every_recorded_fact_reaches_every_format(recorded, qapp):
    services, meeting, child = recorded
    expected = {**SHOWN, **_filled_in(services, meeting)}
    doc = services.minutes_builder.build(meeting.id)
    line = next(s for s in doc.subjects if s.subject_id == child.id)
    copy = record_copy(doc, line, filing="LCS Strategy form")
    pdf = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(doc)))
    copy_pdf = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(copy)))
    word = Document(io.BytesIO(render_minutes_docx(doc)))
    word_text = "\n".join([p.text for p in word.paragraphs]
                          + [c.text for t in word.tables for r in t.rows for c in r.cells])
    formats = {
        "PDF": "\n".join(page.extract_text() for page in pdf.pages),
        "Word": word_text,
        "LCS/EHM text": render_lcs_text(doc),
        "record copy (PDF)": "\n".join(page.extract_text() for page in copy_pdf.pages),
        "record copy (text)": render_lcs_text(copy),
        "minutes view": _html_text(render_minutes_html(doc)),
    }
    missing = {name: [column for column, shown in expected.items() if _flat(shown) not in _flat(text)]
               for name, text in formats.items()}
    assert missing == {name: [] for name in formats}
    assert "\nDate of meeting: 2 November 2026, 10am to midday\n" in render_lcs_text(doc), "not 'not recorded'"

