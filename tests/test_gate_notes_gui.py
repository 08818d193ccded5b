"""The finalise panel lists the timescale notes after the gate's items; they never disable
finalising, need no reason, and Enter on one goes to the distribution clock (by keyboard)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

NOTE_ROLE = Qt.ItemDataRole.UserRole + 4


def test_notes_are_listed_never_block_and_lead_to_the_clock(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Siân Øberg-Nakamura")
    meeting = services.meetings.create("safer_options", datetime(2026, 6, 5, 10, tzinfo=UTC), subject_ids=[child.id])
    services.minutes.add_action(meeting.id, "Speak to the Fernbank Rec manager")
    services.meetings.update(meeting.id, status="ended")
    for line in services.finalise.gate(meeting.id):
        services.finalise.override(meeting.id, line.item.key, "Agreed at the meeting.")
    window.open_meeting(meeting.id)
    panel = window.workspace.finalise
    window.workspace.tabs.setCurrentWidget(panel)
    panel.refresh()
    texts = [panel.items.item(row).text() for row in range(panel.items.count())]
    notes = [t for t in texts if t.startswith("Note: ")]
    assert any("the guidance: actions circulated the same day" in t for t in notes)
    assert any("the guidance: the record within 1 working day where possible" in t for t in notes)
    assert panel.finalise_button.isEnabled()  # notes never hold finalising back
    assert "Nothing outstanding" in panel.status.text()

    panel.items.setFocus()
    qtbot.keyClick(panel.items, Qt.Key.Key_End)
    assert panel.items.currentItem().data(NOTE_ROLE)
    panel.override_button.click()
    assert "no reason is needed" in panel.message.text()
    assert not [o for o in services.finalise.overrides(meeting.id) if o.item_key.startswith("distribution:")]
    qtbot.keyClick(panel.items, Qt.Key.Key_Return)
    assert panel.clock.steps.hasFocus()
