"""Shared fixtures. Qt runs offscreen and the keyring is the null backend unless a test injects a
fake; Argon2id is made cheap so the many unlocks in the suite stay fast (the real cost is covered
by the CLI tests, which run in their own processes)."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("EFH_PASSPHRASE", None)
os.environ.pop("EFH_DATA_DIR", None)
os.environ.pop("EFH_POLICY_FILE", None)

import pytest

from efh_desktop.store.key_header import set_kdf_defaults

set_kdf_defaults(time_cost=1, memory_cost=8 * 1024, parallelism=1)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="session")
def profile():
    from efh_desktop.domain.profile import load_profile

    return load_profile()


@pytest.fixture(scope="session")
def template_store_dir(tmp_path_factory, profile) -> Path:
    """An encrypted store at the current schema, built once and copied per test (Anki's pattern)."""
    from efh_desktop.services.unlock_service import UnlockService

    folder = tmp_path_factory.mktemp("template-store")
    services, _ = UnlockService(folder, profile, "Test User").create(PASSPHRASE, PASSPHRASE)
    services.lock()
    return folder


@pytest.fixture(scope="session")
def demo_store_dir(tmp_path_factory, template_store_dir, profile) -> Path:
    """The template store with the demo data loaded, built once per run: generating the demo takes
    seconds, copying its two files takes milliseconds."""
    from efh_desktop.services.demo_service import load_demo
    from efh_desktop.services.unlock_service import UnlockService

    folder = tmp_path_factory.mktemp("demo-store") / "data"
    shutil.copytree(template_store_dir, folder)
    services, _ = UnlockService(folder, profile, "Test User").unlock(PASSPHRASE)
    assert load_demo(services)
    services.lock()
    return folder


def wants_demo_store(request: pytest.FixtureRequest) -> bool:
    """A test gets the demo store when it asks for ``demo_services`` or is marked ``demo_store``."""
    return "demo_services" in request.fixturenames or request.node.get_closest_marker("demo_store") is not None


@pytest.fixture
def data_dir(request, tmp_path, template_store_dir) -> Path:
    """This test's own copy of the empty template store, or of the demo store (see wants_demo_store),
    so every test may write and none sees another's changes."""
    source = request.getfixturevalue("demo_store_dir") if wants_demo_store(request) else template_store_dir
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return target


@pytest.fixture
def unlocker(data_dir, profile):
    from efh_desktop.services.unlock_service import UnlockService

    return UnlockService(data_dir, profile, "Test User")


@pytest.fixture
def services(unlocker):
    svc, _ = unlocker.unlock(PASSPHRASE)
    yield svc
    if svc.store.is_open:
        svc.lock()


@pytest.fixture
def demo_services(services):
    """The services on this test's copy of the demo store (data_dir copied it)."""
    from efh_desktop.services.demo_service import load_demo

    assert not load_demo(services), "the demo data is already there, copied with the store"
    return services


@pytest.fixture(autouse=True)
def no_machine_policy(monkeypatch, tmp_path_factory):
    """A policy file on the machine running the tests must not change them; a test that wants a
    policy sets EFH_POLICY_FILE (or replaces machine_policy_path itself)."""
    from efh_desktop import policy

    nowhere = tmp_path_factory.getbasetemp() / "no-machine-policy" / "policy.toml"
    monkeypatch.setattr(policy, "machine_policy_path", lambda platform=None: nowhere)
    monkeypatch.delenv(policy.POLICY_ENV, raising=False)


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """No real modal message box in tests (it would wait for a click that never comes): each one is
    recorded, and answered "Yes"/"OK", so a test can assert on what the user would have been told."""
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:  # pragma: no cover
        yield []
        return
    shown: list[tuple[str, str, str]] = []

    def recorder(kind):
        def show(_parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Yes if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    # The window's own boxes (gui/message_box.py, plain text) are answered where they are shown.
    from efh_desktop.gui import message_box

    monkeypatch.setattr(message_box, "_run", lambda kind, parent, title, text, *args: recorder(kind)(parent, title, text))
    yield shown


@pytest.fixture(autouse=True)
def loggers_stay_enabled():
    """logging.config.dictConfig/fileConfig disable every logger that already exists unless told not
    to; a test (or a tool it runs in-process) that does so would silence the app's log for every
    later test, which then fail or pass depending on order. Fail the test that did it, and undo it."""
    yield
    disabled = [name for name, logger in logging.Logger.manager.loggerDict.items()
                if isinstance(logger, logging.Logger) and logger.disabled]
    for name in disabled:
        logging.getLogger(name).disabled = False
    assert not disabled, f"this test disabled loggers (dictConfig or fileConfig run in-process?): {disabled}"


@pytest.fixture(autouse=True)
def release_session_controllers(monkeypatch):
    """Each SessionController watches every event of the application (its idle timer) and, through
    the window's slots connected to its signals, keeps its window alive: a reference cycle through
    Qt's connections that Python's collector cannot see. The app makes one per run; the suite makes
    hundreds, and every event then passed through all of them, so each GUI test ran slower than the
    one before. After each test its controllers are locked and deleted, which drops the filter and
    the connections (and so the window's Python objects)."""
    import shiboken6

    from efh_desktop.gui.session_controller import SessionController

    made: list[SessionController] = []
    original_init = SessionController.__init__

    def init_and_track(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(SessionController, "__init__", init_and_track)
    yield
    for controller in made:
        if shiboken6.isValid(controller):
            controller.lock()
            shiboken6.delete(controller)
    made.clear()


@pytest.fixture
def window(qtbot, unlocker, data_dir):
    """The main window on an unlocked, empty store, shown and active (a test file that needs demo
    data or another set-up defines its own ``window``)."""
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.settings import Settings

    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    win = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    controller.lock()
