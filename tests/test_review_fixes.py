"""Regression tests for defects found in review: each one failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from efh_desktop.domain.uk_dates import uk_wall_time_to_utc
from efh_desktop.services.context import ServiceError
from efh_desktop.settings import Settings
from efh_desktop.store.errors import StoreError
from tests.conftest import PASSPHRASE

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_a_locked_store_cannot_be_read_or_written(services):
    services.subjects.create("child", "Lia Testlock")
    services.lock()
    with pytest.raises(StoreError, match="locked"):
        services.subjects.list()
    with pytest.raises(StoreError, match="locked"):
        services.subjects.create("child", "Should Not Exist")


def test_demo_data_is_never_mixed_into_case_records(services):
    from efh_desktop.services.demo_service import load_demo

    services.subjects.create("child", "Real Case Child")
    with pytest.raises(ServiceError, match="already holds"):
        load_demo(services)
    assert [r.name for r in services.subjects.list()] == ["Real Case Child"]


def test_read_commands_never_create_a_store(tmp_path):
    missing = tmp_path / "typo"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    env.update(EFH_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(PROJECT_ROOT))
    for command in ("meetings", "check"):
        result = subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(missing), command],
                                capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 1
        assert "no EFH Desktop database" in result.stderr
        assert not missing.exists()
    missing.mkdir()
    result = subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(missing), "meetings"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1 and list(missing.iterdir()) == []


def test_subject_added_later_gets_its_agenda_item_in_place(services):
    child = services.subjects.create("child", "Ada Testfirst")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id])
    late = services.subjects.create("child", "Ben Testlater")
    place = services.subjects.create("place", "Test Park")
    services.meetings.add_subject(meeting.id, late.id)
    services.meetings.add_subject(meeting.id, place.id)
    top = [n.title for n in services.agenda.tree(meeting.id) if n.parent_id is None]
    assert top.index("Child: Ben Testlater") == top.index("Child: Ada Testfirst") + 1
    assert top.index("Place: Test Park") < top.index("Child: Ada Testfirst"), "places come before children"
    sub_items = [n.title for n in services.agenda.tree(meeting.id) if n.parent_id is not None]
    assert sub_items, "the place's template sub-items came with it"
    services.meetings.remove_subject(meeting.id, place.id)
    assert not any("Test Park" in n.title for n in services.agenda.tree(meeting.id))


def test_next_meeting_follows_the_cadence_and_bank_holidays(services):
    held = uk_wall_time_to_utc(date(2026, 12, 18), time(14, 0))
    meeting = services.meetings.create("safer_options", held)
    following = services.series.create_next_meeting(meeting.id)
    # Weekly would be Friday 25 December 2026 (Christmas Day): the working day before.
    assert following.starts_at == uk_wall_time_to_utc(date(2026, 12, 24), time(14, 0))


def test_next_meeting_copies_are_audited(demo_services):
    from sqlmodel import select

    from efh_desktop.store.tables import AuditEvent

    first = min(r.id for r in demo_services.meetings.list(type_key="complex_strategy"))
    following = demo_services.series.create_next_meeting(first)
    with demo_services.ctx.reading() as session:
        entities = [e.entity for e in session.exec(select(AuditEvent).where(AuditEvent.meeting_id == following.id))]
    assert entities.count("meeting_subject") == len(demo_services.meetings.subjects(first))
    assert entities.count("attendee") == len(demo_services.attendance.list(first))
    assert entities.count("action") == len(demo_services.minutes.actions(following.id))


def test_search_ignores_case_and_accents_beyond_ascii(services):
    services.subjects.create("child", "Ünal Öz", aliases=["Zoë", "Łukasz"])
    for typed in ("ünal", "ÜNAL", "unal", "zoe", "ZOË", "łukasz"):
        assert [r.name for r in services.subjects.list(text=typed)] == ["Ünal Öz"], typed
    assert services.subjects.list(text="u00") == [], "no JSON escapes to match against"


@pytest.mark.parametrize("content", ["[1, 2]", '{"user_name": null, "idle_lock_minutes": "ten"}',
                                     '{"idle_lock_minutes": true}', "not json"])
def test_malformed_settings_fall_back_to_defaults(tmp_path, content):
    (tmp_path / "settings.json").write_text(content, encoding="utf-8")
    settings = Settings.load(tmp_path)
    assert settings.idle_lock_minutes == 5 and settings.user_name == ""
    assert settings.actor()


def test_good_settings_values_survive_a_bad_neighbour(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"idle_lock_minutes": 12, "user_name": 7}), encoding="utf-8")
    assert Settings.load(tmp_path).idle_lock_minutes == 12
