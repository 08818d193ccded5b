"""Finalised minutes are frozen (issue 11 item 4): the subjects are snapshotted at finalising and the
minutes print the snapshot, so renaming a child, or changing their legal status or aliases, later
never changes what a finalised meeting's re-export says. Through the services, as the window does."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.store.tables import Subject

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _set_directly(services, subject_id: int, **fields) -> None:
    """Schema 0009's columns, which the subject service does not edit yet."""
    with services.ctx.transaction() as (session, _audit):
        subject = session.get(Subject, subject_id)
        for key, value in fields.items():
            setattr(subject, key, value)
        session.add(subject)


@pytest.fixture
def finalised(services):
    child = services.subjects.create("child", "Isla Wrenfield", aliases=["Izzy"], date_of_birth=date(2011, 5, 4),
                                     lcs_id="LCS-1001", legal_status="not_open")
    _set_directly(services, child.id, connected_people=[{"name": "Marta Wrenfield", "relationship": "mother"}])
    adult = services.subjects.create("person_of_concern", "Dax Corrigan")
    _set_directly(services, adult.id, treat_as_child=True)
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id, adult.id],
                                       chair_role="service_manager")
    services.minutes.add_note(meeting.id, "Isla was seen at the station (fictional).", subject_ids=[child.id])
    for item in services.finalise.outstanding(meeting.id):
        services.finalise.override(meeting.id, item.key, "Agreed by the chair.")
    services.finalise.finalise(meeting.id)
    return meeting, child, adult


def _txt(services, meeting_id: int, folder) -> str:
    folder.mkdir()
    plan = services.minutes_files.plan(meeting_id, folder, ("txt",))
    (path,) = services.minutes_files.write(plan)
    return path.read_text(encoding="utf-8")


def test_later_changes_to_a_child_do_not_change_finalised_minutes(services, finalised, tmp_path):
    meeting, child, adult = finalised
    builder = services.minutes_builder
    before = builder.build(meeting.id)
    text_before = _txt(services, meeting.id, tmp_path / "before")
    assert "Isla Wrenfield" in text_before and "Izzy" in text_before

    services.subjects.update(child.id, name="Isla Renamed", aliases=["Lou"], legal_status="open_referral",
                             lcs_id="LCS-9999", date_of_birth=date(2012, 1, 1))
    _set_directly(services, child.id, connected_people=[{"name": "Someone Else", "relationship": "aunt"}])
    services.subjects.update(adult.id, name="Dax Changed")
    _set_directly(services, adult.id, treat_as_child=False)

    after = builder.build(meeting.id)
    assert after.subjects == before.subjects
    assert [s.name for s in after.subjects] == ["Isla Wrenfield", "Dax Corrigan"]
    text_after = _txt(services, meeting.id, tmp_path / "after")
    assert "Isla Wrenfield" in text_after and "Izzy" in text_after
    for later in ("Isla Renamed", "Lou", "LCS-9999", "Open referral", "Dax Changed"):
        assert later not in text_after, later

    frozen = {s.id: s for s in services.finalise.frozen_subjects(meeting.id)}
    assert frozen[child.id].legal_status == "not_open" and frozen[child.id].lcs_id == "LCS-1001"
    assert frozen[child.id].date_of_birth == date(2011, 5, 4)
    assert frozen[child.id].connected_people == [{"name": "Marta Wrenfield", "relationship": "mother"}]
    assert frozen[adult.id].treat_as_child is True


def test_redaction_masks_both_the_frozen_and_the_present_name(services, finalised):
    meeting, child, _adult = finalised
    services.subjects.update(child.id, name="Isla Renamed", aliases=["Lou"])
    (identity,) = services.minutes_builder.child_identities(meeting.id)
    assert identity.name == "Isla Wrenfield"
    assert {"Izzy", "Isla Renamed", "Lou"} <= set(identity.aliases)


def test_a_meeting_not_yet_finalised_shows_the_subjects_as_they_are(services):
    child = services.subjects.create("child", "Noor Ashby")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id])
    services.subjects.update(child.id, name="Noor Ashby-Reed")
    assert services.finalise.frozen_subjects(meeting.id) is None
    assert [s.name for s in services.minutes_builder.build(meeting.id).subjects] == ["Noor Ashby-Reed"]


def test_a_finalised_meeting_moved_to_another_laptop_stays_frozen(services, finalised, template_store_dir,
                                                                    tmp_path, profile):
    import shutil

    from conftest import PASSPHRASE

    from efh_desktop.services.interchange_service import InterchangeService
    from efh_desktop.services.unlock_service import UnlockService

    meeting, child, _adult = finalised
    services.subjects.update(child.id, name="Isla Renamed")
    path = InterchangeService(services.ctx).export(meeting.id, tmp_path / "meeting.json")
    other = tmp_path / "other"
    shutil.copytree(template_store_dir, other)
    laptop, _ = UnlockService(other, profile, "Other User").unlock(PASSPHRASE)
    try:
        imported, fresh = InterchangeService(laptop.ctx).import_file(path)
        assert fresh
        names = [s.name for s in laptop.minutes_builder.build(imported).subjects]
        assert names == ["Isla Wrenfield", "Dax Corrigan"]
        assert laptop.check().ok
    finally:
        laptop.lock()
