"""Recording consent and information sharing through the window, by keyboard."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_record_a_decision_for_each_child(qtbot, window, message_boxes):
    services = window.services
    ann = services.subjects.create("child", "Ann <Test> & Co")
    bo = services.subjects.create("child", "Bo Testshare")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[ann.id, bo.id])
    services.minutes.add_note(meeting.id, "Police intelligence", not_for_family=True, subject_ids=[ann.id])
    window.open_meeting(meeting.id)
    panel = window.workspace.sharing
    window.workspace.tabs.setCurrentWidget(panel)
    window.activateWindow()
    assert panel.children_list.item(0).text() == "✗  Ann <Test> & Co"
    assert panel.not_for_family.item(0).text().endswith("Police intelligence")
    panel.to_share.setFocus()
    qtbot.keyClicks(panel.to_share, "Our worries about older young people & the plan")
    panel.consent.setCurrentIndex(panel.consent.findData("not_sought"))
    panel.save()
    assert panel.message.text().startswith("Not saved") and "consent" in panel.message.text()
    qtbot.keyClicks(panel.consent_reason, "Telling the family now would put Ann at risk")
    panel.basis.setCurrentIndex(1)
    panel.to_share.setFocus()
    qtbot.keyClick(panel.to_share, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = services.sharing.children(meeting.id)[0].record
    assert record is not None and record.consent == "not_sought" and record.lawful_basis
    assert panel.children_list.item(0).text().startswith("✓")
    assert panel.children_list.currentRow() == 1, "moves on to the next child without a decision"
    gate = {line.item.key for line in services.finalise.gate(meeting.id)}
    assert f"sharing:child:{ann.id}" not in gate and f"sharing:child:{bo.id}" in gate
    assert message_boxes == []
