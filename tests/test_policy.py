"""The machine policy IT sets (issue 12, item 6): the council's profile wins over the user's choice,
and the idle lock cannot be set longer than the policy's maximum. A bad policy file is one clear
message naming the file and the key, and the program starts anyway with safe defaults. Tested
through Settings.load and the main window, the code the program itself runs at start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from efh_desktop import policy
from efh_desktop.policy import SAFE_IDLE_CAP, load_policy
from efh_desktop.policy import machine_policy_path as real_machine_policy_path
from efh_desktop.settings import Settings
from tests.conftest import PASSPHRASE

PROFILES = Path(__file__).resolve().parents[1] / "resources" / "profiles"


def _policy_file(folder: Path, text: str, monkeypatch=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "policy.toml"
    path.write_text(text, encoding="utf-8")
    if monkeypatch is not None:
        monkeypatch.setenv(policy.POLICY_ENV, str(path))
    return path


def _council_profile(folder: Path) -> Path:
    """A council's own profile: the bundled one under another name (all fictional)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (PROFILES / "bristol.toml").read_text(encoding="utf-8")
    path = folder / "council.toml"
    path.write_text(text.replace('name = "Bristol practice guidance"', 'name = "Testshire practice guidance"', 1),
                    encoding="utf-8")
    return path


def test_platform_locations():
    assert real_machine_policy_path("linux") == Path("/etc/efh-desktop/policy.toml")
    assert real_machine_policy_path("darwin") == Path("/Library/Application Support/EFH Desktop/policy.toml")
    windows = real_machine_policy_path("win32")
    assert windows.parts[-2:] == ("EFH Desktop", "policy.toml")


def test_no_policy_changes_nothing(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.policy.files == () and settings.policy.problems == ()
    assert settings.idle_cap() == 240 and settings.profile_file(None) is None


def test_profile_and_cap_from_the_policy(tmp_path, monkeypatch):
    council = _council_profile(tmp_path / "policy")
    _policy_file(tmp_path / "policy", 'profile = "council.toml"\nmax_idle_lock_minutes = 15\n', monkeypatch)
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"idle_lock_minutes": 60, "profile_path": "/elsewhere.toml"}),
                                        encoding="utf-8")
    settings = Settings.load(data)
    assert settings.policy.problems == ()
    # A relative profile path is beside the policy file; it wins over Settings and --profile alike.
    assert settings.profile_file(None) == council
    assert settings.profile_file(Path("/from/the/command/line.toml")) == council
    assert settings.idle_lock_minutes == 60, "the user's own value is kept"
    assert settings.effective_idle_minutes() == 15 and settings.idle_cap() == 15
    settings.save(data)
    saved = json.loads((data / "settings.json").read_text(encoding="utf-8"))
    assert set(saved) == {"idle_lock_minutes", "profile_path", "user_name", "user_role"}, "the policy is never saved per user"


@pytest.mark.parametrize(("text", "key_words", "cap"), [
    ('max_idle_lock_minutes = 15\nprofile = "council.toml\n', ["not valid TOML", "line 2"], SAFE_IDLE_CAP),
    ("max_idle_lock_minutes = \"ten\"\n", ["'max_idle_lock_minutes'", "1 to 240"], SAFE_IDLE_CAP),
    ("max_idle_lock_minutes = 0\n", ["'max_idle_lock_minutes'"], SAFE_IDLE_CAP),
    ("max_idle_lock_minutes = true\n", ["'max_idle_lock_minutes'"], SAFE_IDLE_CAP),
    ("profile = 7\nmax_idle_lock_minutes = 20\n", ["'profile'", "own choice"], 20),
    ("max_idle_minutes = 20\nmax_idle_lock_minutes = 30\n", ["'max_idle_minutes'", "does not know"], 30),
])
def test_a_bad_policy_is_one_clear_message_and_safe(tmp_path, monkeypatch, text, key_words, cap):
    path = _policy_file(tmp_path, text, monkeypatch)
    settings = Settings.load(tmp_path)
    [problem] = settings.policy.problems
    assert str(path) in problem
    for words in key_words:
        assert words in problem
    assert settings.policy.max_idle_lock_minutes == cap, "what can be read applies; a cap it cannot read is safe"
    assert settings.policy.profile is None


def test_not_utf8_and_unreadable_files(tmp_path, monkeypatch):
    path = tmp_path / "policy.toml"
    path.write_bytes(b"max_idle_lock_minutes = 15 # \xff\xfe\n")
    [problem] = load_policy([path]).problems
    assert str(path) in problem and "UTF-8" in problem
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    found = load_policy([folder])
    assert found.max_idle_lock_minutes == SAFE_IDLE_CAP and "not a file" in found.problems[0]


def test_the_variable_cannot_lift_the_machine_policy(tmp_path, monkeypatch):
    machine = _policy_file(tmp_path / "machine", 'profile = "/council/machine.toml"\nmax_idle_lock_minutes = 10\n')
    monkeypatch.setattr(policy, "machine_policy_path", lambda platform=None: machine)
    _policy_file(tmp_path / "mine", 'profile = "/mine.toml"\nmax_idle_lock_minutes = 240\n', monkeypatch)
    found = load_policy()
    assert found.max_idle_lock_minutes == 10 and found.idle_source == machine
    assert found.profile == Path("/council/machine.toml") and found.profile_source == machine
    _policy_file(tmp_path / "mine", "max_idle_lock_minutes = 3\n", monkeypatch)
    assert load_policy().max_idle_lock_minutes == 3, "it may only add restrictions"


# -- through the window -----------------------------------------------------------------------------
def _window(qtbot, unlocker, settings, data_dir, minutes=60):
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController

    controller = SessionController(unlocker, idle_minutes=minutes)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    win = MainWindow(controller, settings, data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_window_holds_the_cap_and_says_why(qtbot, unlocker, data_dir, tmp_path, monkeypatch, message_boxes):
    from PySide6.QtWidgets import QInputDialog

    _policy_file(tmp_path / "policy", "max_idle_lock_minutes = 15\n", monkeypatch)
    settings = Settings.load(data_dir)
    win = _window(qtbot, unlocker, settings, data_dir, minutes=60)
    try:
        assert win.controller.idle_minutes == 15, "a longer idle lock from before the policy is cut to it"
        asked = {}

        def get_int(parent, title, label, value, low, high, *rest):
            asked.update(label=label, value=value, high=high)
            return 200, True  # as if the user got past the limit somehow

        monkeypatch.setattr(QInputDialog, "getInt", get_int)
        win.idle_action.trigger()
        assert asked["high"] == 15 and asked["value"] == 15
        assert "at most 15" in asked["label"] and "IT" in asked["label"]
        assert win.controller.idle_minutes == 15
        assert Settings.load(data_dir).idle_lock_minutes == 15
        assert message_boxes == []
    finally:
        win.controller.lock()


def test_the_window_says_a_bad_policy_once_and_runs(qtbot, unlocker, data_dir, tmp_path, monkeypatch,
                                                    message_boxes):
    path = _policy_file(tmp_path / "policy", "max_idle_lock_minutes = 'forever'\n", monkeypatch)
    win = _window(qtbot, unlocker, Settings.load(data_dir), data_dir, minutes=60)
    try:
        qtbot.waitUntil(lambda: bool(message_boxes), timeout=3000)
        [(kind, title, text)] = message_boxes
        assert (kind, title) == ("warning", "Machine policy")
        assert str(path) in text and "'max_idle_lock_minutes'" in text
        assert win.controller.idle_minutes == SAFE_IDLE_CAP
        assert win.services is not None and win.new_meeting_action.isEnabled()
    finally:
        win.controller.lock()


def test_the_window_will_not_change_a_policy_profile(qtbot, unlocker, data_dir, tmp_path, monkeypatch,
                                                     message_boxes):
    from PySide6.QtWidgets import QFileDialog

    _council_profile(tmp_path / "policy")
    path = _policy_file(tmp_path / "policy", 'profile = "council.toml"\n', monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pytest.fail("no file should be asked for"))
    win = _window(qtbot, unlocker, Settings.load(data_dir), data_dir, minutes=5)
    try:
        win.profile_action.trigger()
        [(kind, _title, text)] = message_boxes
        assert kind == "information" and "IT has set the practice profile" in text and str(path) in text
        assert Settings.load(data_dir).profile_path == ""
    finally:
        win.controller.lock()


def test_the_command_line_uses_the_council_profile(tmp_path, monkeypatch, capsys):
    """The same start-up path as the window (Settings.load, then profile_file)."""
    from efh_desktop import cli

    council = _council_profile(tmp_path / "policy")
    _policy_file(tmp_path / "policy", f'profile = "{council.as_posix()}"\n', monkeypatch)
    args = cli.build_parser().parse_args(["meetings"])
    profile, settings = cli._load_profile(args, tmp_path)
    assert profile.name == "Testshire practice guidance"
    broken = tmp_path / "policy" / "broken.toml"
    broken.write_text("[profile\n", encoding="utf-8")
    _policy_file(tmp_path / "policy", 'profile = "broken.toml"\n', monkeypatch)
    with pytest.raises(cli.ServiceErrorLine, match="set by the machine policy .*policy.toml, key 'profile'"):
        cli._load_profile(args, tmp_path)
