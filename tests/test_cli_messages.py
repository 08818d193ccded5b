"""The command line's honesty about secrets and errors: one line per error (nothing printed by
logging before it is set up), EFH_PASSPHRASE not kept in the window's environment, and a warning
for a passphrase file others can read."""

from __future__ import annotations

import os

import pytest
from conftest import PASSPHRASE
from test_cli import assert_one_line_error, run_cli

from efh_desktop import cli
from efh_desktop.paths import DB_FILENAME


def test_an_error_before_logging_is_set_up_is_one_line(tmp_path):
    folder = tmp_path / "EFH Desktop"
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(b"an orphaned database without its key file")
    line = assert_one_line_error(run_cli(folder, "meetings"))
    assert "key file" in line  # and no "command failed: KeyHeaderMissing" after it


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_passphrase_file_others_can_read_is_warned_about(data_dir, tmp_path):
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o644)
    shared = run_cli(data_dir, "--passphrase-file", str(secret), "meetings", passphrase=None)
    assert shared.returncode == 0, shared.stderr
    assert shared.stderr.splitlines() == [f"efh-desktop: warning: {secret} is readable by other users; "
                                          "chmod 600 it."]
    secret.chmod(0o600)
    private = run_cli(data_dir, "--passphrase-file", str(secret), "meetings", passphrase=None)
    assert private.returncode == 0 and private.stderr == ""


@pytest.fixture
def fake_window(monkeypatch):
    """The window replaced by a recorder of what it would have been given, and of its environment."""
    from efh_desktop.gui import app

    seen: dict = {}

    def run_gui(**kwargs) -> int:
        seen.update(kwargs, environ_has_passphrase="EFH_PASSPHRASE" in os.environ)
        if kwargs["early_unlock"] is not None:
            kwargs["early_unlock"].result().lock()  # the early unlock used the passphrase taken
        return 0

    monkeypatch.setattr(app, "run_gui", run_gui)
    umask = os.umask(0o022)  # main() tightens the umask; this process is shared with other tests
    os.umask(umask)
    yield seen
    os.umask(umask)


@pytest.mark.parametrize("store", ["existing", "first run"])
def test_the_window_does_not_keep_the_passphrase_in_its_environment(fake_window, monkeypatch, data_dir,
                                                                     tmp_path, store):
    folder = data_dir if store == "existing" else tmp_path / "new"
    monkeypatch.setenv("EFH_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--data-dir", str(folder)]) == 0
    assert fake_window["environ_has_passphrase"] is False and "EFH_PASSPHRASE" not in os.environ
    if store == "existing":
        assert fake_window["early_unlock"] is not None and fake_window["env_passphrase"] is None
    else:  # nothing to unlock early: the window creates the store with it
        assert fake_window["early_unlock"] is None and fake_window["env_passphrase"] == PASSPHRASE
