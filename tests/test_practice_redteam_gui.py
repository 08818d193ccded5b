"""Issue 15 red team in the window: what the rules now say shows where the chair reads it (the set-up
tab's findings and the next-meeting proposal), with dates typed by keyboard. Fictional names."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt


def at(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 10, tzinfo=UTC)


def _findings(window):
    panel = window.workspace.findings
    return [panel.item(i).text() for i in range(panel.count())]


def _type_next_date(qtbot, form, text):
    form.next_date.edit.setFocus()
    form.next_date.edit.selectAll()
    qtbot.keyClicks(form.next_date.edit, text)
    qtbot.keyClick(form.next_date.edit, Qt.Key.Key_Return)


def test_core_group_after_a_review_conference_is_8_weekly_in_the_set_up(qtbot, window, tmp_path):
    services = window.services
    child = services.subjects.create("child", "Kai Marlow", legal_status="child_protection")
    services.meetings.create("cp_conference", at(date(2026, 3, 2)), subject_ids=[child.id])
    services.meetings.create("cp_conference", at(date(2026, 5, 28)), subject_ids=[child.id])
    core = services.meetings.create("core_group", at(date(2026, 6, 1)), subject_ids=[child.id])
    window.open_meeting(core.id)
    form = window.workspace.setup_form
    assert "Core group meetings are held at least every 8 weeks after a review child protection conference: by 27 July 2026." in form.proposal.text()
    _type_next_date(qtbot, form, "20 July 2026")  # 7 weeks: within the 8 after a review conference
    qtbot.waitUntil(lambda: services.meetings.get(core.id).next_meeting_date == date(2026, 7, 20))
    assert "Warning" not in form.status.text()
    assert not any("Core group meetings are held" in f for f in _findings(window))
    _type_next_date(qtbot, form, "3 August 2026")  # 9 weeks: later than the cadence
    qtbot.waitUntil(lambda: services.meetings.get(core.id).next_meeting_date == date(2026, 8, 3))
    qtbot.waitUntil(lambda: any("at least every 8 weeks after a review child protection conference" in f
                                for f in _findings(window)))
    window.grab().save("/tmp/rt15-core-group.png")


def test_step_up_is_not_two_processes_but_a_tac_alongside_is(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Tayo Brennick", legal_status="child_in_need")
    services.meetings.create("child_in_need", at(date(2026, 5, 1)), subject_ids=[child.id])
    services.meetings.create("cp_strategy", at(date(2026, 6, 1)), subject_ids=[child.id])
    icpc = services.meetings.create("cp_conference", at(date(2026, 6, 19)), subject_ids=[child.id])
    window.open_meeting(icpc.id)
    assert not any("already in" in f for f in _findings(window))
    services.meetings.create("team_around_the_child", at(date(2026, 7, 1)), subject_ids=[child.id])
    window.open_meeting(icpc.id)
    assert any(f.startswith("⚠ Warning: ") and "Tayo Brennick is already in a Team Around the Child meeting "
               "(1 July 2026). One child, one individual planning process at a time." in f
               for f in _findings(window))


def test_complex_strategy_eligibility_and_lead_area_in_the_findings(qtbot, window, tmp_path):
    services = window.services
    named = services.subjects.create("child", "Noor Halvey")
    group = services.subjects.create("peer_group", "Hollin Road group", locality="Ashcombe North")
    for name in ("Siân Ó Dálaigh", "Zoë Ångström-Nwosu"):
        services.subjects.add_member(group.id, services.subjects.create("child", name).id)
    p1 = services.subjects.create("place", "Gorse Lane skate park", locality="Ashcombe North")
    p2 = services.subjects.create("place", "Quayside arcade", locality="Brindley East")
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), locality="Brindley East",
                                       subject_ids=[named.id, group.id, p1.id, p2.id])
    window.open_meeting(meeting.id)
    found = _findings(window)
    assert not any("Only one child is on this meeting" in f for f in found)
    assert any("Most of the places and peer groups on this meeting are in Ashcombe North (2 of 3), and this "
               "meeting is for Brindley East. Complex strategies should be led by the local authority and "
               "locality area where the harm is primarily occurring." in f for f in found)
    window.grab().save("/tmp/rt15-complex-strategy.png")


def test_finalised_meeting_without_copies_shows_the_filing_step(qtbot, window):
    from datetime import timedelta

    services = window.services
    held = date.today() - timedelta(days=3)
    child = services.subjects.create("child", "Łukasz Wróblewski")
    meeting = services.meetings.create("complex_strategy", at(held), subject_ids=[child.id])
    services.meetings.update(meeting.id, status="ended")
    for line in services.finalise.gate(meeting.id):
        if line.item.blocking:
            services.finalise.override(meeting.id, line.item.key, "Red-team test: finalised regardless.")
    services.finalise.finalise(meeting.id)
    window.open_meeting(meeting.id)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)  # 8 Finalise and export
    qtbot.waitUntil(lambda: window.workspace.tabs.currentWidget() is window.workspace.finalise)
    clock = window.workspace.finalise.clock
    texts = [clock.steps.item(i).text() for i in range(clock.steps.count())]
    assert any("No child's copy is filed yet (1 child)." in t for t in texts)
    window.grab().save("/tmp/rt15-finalise-clock.png")
