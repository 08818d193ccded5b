"""A practice profile that lacks a stored meeting's type (another council's, or an older profile):
the meeting still opens and exports, with a generic description and a warning naming the type.
A profile nested too deeply to read is a clear message naming the file, not RecursionError."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from test_cli import assert_one_line_error, run_cli

from efh_desktop.domain.profile import DEFAULT_PROFILE_PATH, ProfileError, load_profile
from efh_desktop.services.context import ServiceError
from efh_desktop.services.unlock_service import UnlockService
from tests.conftest import PASSPHRASE

GONE = "safer_options"


@pytest.fixture
def profile_without_type(tmp_path):
    text = DEFAULT_PROFILE_PATH.read_text(encoding="utf-8")
    start = text.index(f'[[meeting_types]]\nkey = "{GONE}"\n')
    end = text.index("[[meeting_types]]", start + 1)
    path = tmp_path / "other-council.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert GONE not in load_profile(path).meeting_types
    return path


@pytest.fixture
def stored(services, data_dir, profile_without_type):
    """The demo data recorded under the full profile (the test is marked demo_store), then the
    store reopened with the other one."""
    meeting_id = services.meetings.list(type_key=GONE)[0].id
    services.lock()
    other, _ = UnlockService(data_dir, load_profile(profile_without_type), "Test User").unlock(PASSPHRASE)
    yield other, meeting_id
    other.lock()


@pytest.mark.demo_store
def test_export_uses_a_generic_type_and_warns(stored, tmp_path):
    services, meeting_id = stored
    out = tmp_path / "minutes"
    out.mkdir()
    plan = services.minutes_files.plan(meeting_id, out, ("pdf", "docx", "txt"), per_child=True)
    assert services.minutes_files.write(plan)
    assert "not in this practice profile" in services.minutes_builder.build(meeting_id).type_name
    findings = services.setup.findings(meeting_id)
    assert findings[0].key == "meeting_type_missing" and repr(GONE) in findings[0].message
    assert services.setup.propose_next(meeting_id) is not None  # the stand-in asks nothing


@pytest.mark.demo_store
def test_new_meetings_still_need_a_real_type(stored):
    services, meeting_id = stored
    with pytest.raises(ServiceError, match="no meeting type 'safer_options'"):
        services.meetings.create(GONE, datetime(2027, 1, 4, 10, tzinfo=UTC))
    with pytest.raises(ServiceError, match="no meeting type 'safer_options'"):
        services.series.create_next_meeting(meeting_id)


@pytest.mark.demo_store
def test_the_workspace_opens_the_meeting(qtbot, stored):
    from efh_desktop.gui.meeting_workspace import MeetingWorkspace

    services, meeting_id = stored
    workspace = MeetingWorkspace(services)
    qtbot.addWidget(workspace)
    workspace.show_meeting(meeting_id)
    assert "not in this practice profile" in workspace.subheading.text()
    workspace.clear()


@pytest.mark.demo_store
def test_cli_export_warns_in_one_line_and_writes(services, data_dir, profile_without_type, tmp_path):
    meeting_id = services.meetings.list(type_key=GONE)[0].id
    services.lock()
    out = tmp_path / "minutes"
    out.mkdir()
    result = run_cli(data_dir, "--profile", str(profile_without_type), "export", "--meeting", str(meeting_id),
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "warning: The meeting type 'safer_options' is not" in result.stderr
    assert any(p.suffix == ".pdf" for p in out.iterdir())


def test_deeply_nested_profile_names_the_file(data_dir, tmp_path):
    deep = tmp_path / "deep-council.toml"
    deep.write_text("name = 'x'\nnested = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^deep-council\.toml: nested far too deeply"):
        load_profile(deep)
    line = assert_one_line_error(run_cli(data_dir, "--profile", str(deep), "meetings"))
    assert "deep-council.toml" in line and "nested far too deeply" in line
