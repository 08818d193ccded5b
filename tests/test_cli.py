"""The headless command, run as a user would run it: in its own process, with the real Argon2 cost
(this process's cheap test settings do not reach it). Errors are one line on stderr, never a traceback."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSPHRASE

from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
from efh_desktop.store.engine import keyed_connect
from efh_desktop.store.key_header import KeyHeader

PROJECT_ROOT = Path(__file__).resolve().parents[1]
UK_DATE = re.compile(r"\b([1-9]|[12]\d|3[01]) (January|February|March|April|May|June|July|August|September|"
                     r"October|November|December) \d{4}\b")


def cli_env(passphrase: str | None = PASSPHRASE) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFH_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])))
    if passphrase is not None:
        env["EFH_PASSPHRASE"] = passphrase
    return env


def run_cli(data_dir: Path, *args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "efh_desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=cli_env(passphrase), cwd=PROJECT_ROOT, timeout=120)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("efh-desktop: ")
    return lines[0]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """A data folder created by the CLI itself (first run through EFH_PASSPHRASE) with the demo data."""
    folder = tmp_path_factory.mktemp("cli") / "EFH Desktop Demo"
    result = run_cli(folder, "demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Demo data loaded."
    assert (folder / DB_FILENAME).exists() and (folder / HEADER_FILENAME).exists()
    return folder


# Three Brindley and Ashcombe meetings, and a year of Safer Options in Fenwick South (twelve).
DEMO_MEETINGS = 15


def test_demo_twice_then_meetings(demo_dir):
    again = run_cli(demo_dir, "demo")
    assert again.returncode == 0, again.stderr
    assert "already there" in again.stdout

    result = run_cli(demo_dir, "meetings")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()
    assert len(rows) == DEMO_MEETINGS, rows  # the second `demo` added nothing
    for row in rows:
        ident, type_name, when, status = row.split("\t")
        assert ident.isdigit() and type_name and status
        assert UK_DATE.search(when), when
    assert "2 November 2026" in result.stdout
    assert "25 November 2026" in result.stdout
    assert result.stderr == ""


def test_a_store_made_outside_the_tests_uses_the_full_key_stretching(demo_dir):
    """The suite's own stores use cheap Argon2id (tests/conftest.py); the app's, made here by the CLI
    in its own process, must use the production costs: 3 passes over 64 MiB, 2 lanes."""
    header = KeyHeader.load(demo_dir / HEADER_FILENAME)
    assert (header.time_cost, header.memory_cost, header.parallelism) == (3, 64 * 1024, 2)


def test_check(demo_dir):
    result = run_cli(demo_dir, "check")
    assert result.returncode == 0, result.stderr
    assert "cipher integrity: ok" in result.stdout.splitlines()
    assert "quick check: ok" in result.stdout.splitlines()


def test_backup_and_refusal_to_overwrite(demo_dir, tmp_path):
    out = tmp_path / "exports" / "efh-backup.db"
    result = run_cli(demo_dir, "backup", "--out", str(out))
    assert result.returncode == 0, result.stderr
    key_file = out.with_name(out.name + ".keyheader")
    assert out.exists() and key_file.exists()
    assert "verified" in result.stdout

    # The backup opens with the key its own key file unwraps, and holds the demo meetings.
    key = KeyHeader.load(key_file).unwrap(PASSPHRASE)
    conn = keyed_connect(out, key)
    try:
        assert conn.execute("SELECT count(*) FROM meeting").fetchone()[0] == DEMO_MEETINGS
    finally:
        conn.close()

    hashes = (sha256(out), sha256(key_file))
    second = run_cli(demo_dir, "backup", "--out", str(out))
    line = assert_one_line_error(second)
    assert "already exists" in line
    assert (sha256(out), sha256(key_file)) == hashes
    assert sorted(p.name for p in out.parent.iterdir()) == ["efh-backup.db", "efh-backup.db.keyheader"]


def test_wrong_passphrase(demo_dir):
    before = (sha256(demo_dir / DB_FILENAME), sha256(demo_dir / HEADER_FILENAME))
    result = run_cli(demo_dir, "meetings", passphrase="not the right passphrase")
    line = assert_one_line_error(result)
    assert "passphrase" in line
    assert "not the right passphrase" not in result.stderr + result.stdout
    assert result.stdout == ""
    assert (sha256(demo_dir / DB_FILENAME), sha256(demo_dir / HEADER_FILENAME)) == before


def test_passphrase_file(demo_dir, tmp_path):
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = run_cli(demo_dir, "--passphrase-file", str(secret), "meetings", passphrase=None)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == DEMO_MEETINGS


def test_no_passphrase_at_all_creates_nothing(tmp_path):
    folder = tmp_path / "EFH Desktop"
    # Only "demo" may start a database, and even it needs a passphrase to do so.
    result = run_cli(folder, "demo", passphrase=None)
    line = assert_one_line_error(result)
    assert "EFH_PASSPHRASE" in line
    assert not (folder / DB_FILENAME).exists() and not (folder / HEADER_FILENAME).exists()


def test_broken_profile_names_the_file(demo_dir, tmp_path):
    broken = tmp_path / "council-profile.toml"
    broken.write_text('name = "Unclosed\n[[meeting_types\n', encoding="utf-8")
    result = run_cli(demo_dir, "--profile", str(broken), "meetings")
    line = assert_one_line_error(result)
    assert "council-profile.toml" in line
    assert result.stdout == ""


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_the_cli_creates_are_private(demo_dir):
    assert (demo_dir.stat().st_mode & 0o777) == 0o700
    for path in demo_dir.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, f"{path.relative_to(demo_dir)} is readable by others"


def test_meeting_export_and_import_between_folders(demo_dir, tmp_path):
    out = tmp_path / "moved.json"
    result = run_cli(demo_dir, "meeting-export", "--meeting", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "not sealed" in result.stdout
    chair = tmp_path / "chair"
    assert run_cli(chair, "demo").returncode == 0  # the chair's laptop has its own store
    first = run_cli(chair, "meeting-import", str(out))
    assert first.returncode == 0 and "imported as" in first.stdout, first.stderr
    second = run_cli(chair, "meeting-import", str(out))
    assert second.returncode == 0 and "already here" in second.stdout
    bad = run_cli(chair, "meeting-import", str(tmp_path / "missing.json"))
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1


def test_export_command_writes_the_minutes(demo_dir, tmp_path):
    out = tmp_path / "minutes"
    family = tmp_path / "family"
    out.mkdir()
    family.mkdir()
    # The full minutes and the record copies to one folder ...
    written = run_cli(demo_dir, "export", "--meeting", "1", "--out", str(out), "--format", "pdf,txt", "--per-child")
    assert written.returncode == 0, written.stderr
    assert "minutes-EFH-000001.pdf" in {p.name for p in out.iterdir()}
    # ... a family's disclosure copy on its own: never with the record copies, which name every child.
    mixed = run_cli(demo_dir, "export", "--meeting", "1", "--out", str(family), "--per-child",
                    "--disclosure-for", "LCS-900101")
    assert mixed.returncode == 1 and "on its own" in mixed.stderr and not list(family.iterdir())
    beside = run_cli(demo_dir, "export", "--meeting", "1", "--out", str(out), "--disclosure-for", "LCS-900101")
    assert beside.returncode == 1 and "names every child" in beside.stderr, beside.stderr
    args = ("export", "--meeting", "1", "--out", str(family), "--format", "pdf,txt", "--disclosure-for", "LCS-900101")
    refused = run_cli(demo_dir, *args)
    # Fail closed: the open points are printed under their copy and nothing at all is written.
    assert refused.returncode == 1 and "Nothing written" in refused.stderr, refused.stderr
    assert not list(family.iterdir())
    child = int(re.search(r"\(child (\d+)\)", refused.stdout).group(1))
    points = re.findall(r"^  (suspect|withheld) ([0-9a-f]{40}):", refused.stdout, re.MULTILINE)
    assert points and refused.stdout.startswith("Disclosure copy minutes-EFH-000001-disclosure-LCS-900101")
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps({"decisions": [
        {"child": child, "key": key, "decision": "mask" if kind == "suspect" else "withhold",
         "basis": "" if kind == "suspect" else "crime_prevention", "reason": "checked against the record"}
        for kind, key in points]}), encoding="utf-8")
    waiting = run_cli(demo_dir, *args, "--decisions", str(decisions))
    assert waiting.returncode == 1 and "second person" in waiting.stderr and not list(family.iterdir())
    same = run_cli(demo_dir, *args, "--approved-by", getpass.getuser().upper(), "--approver-role", "Service Manager")
    assert same.returncode == 1 and "second person" in same.stderr  # the preparer cannot approve their own copy
    result = run_cli(demo_dir, *args, "--approved-by", "Ngozi Achterberg", "--approver-role", "Service Manager")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in family.iterdir())
    assert names and all("disclosure-LCS-900101" in n for n in names), names
    again = run_cli(demo_dir, "export", "--meeting", "1", "--out", str(out))
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1 and "already exists" in again.stderr
    nobody = run_cli(demo_dir, "export", "--meeting", "1", "--out", str(out), "--disclosure-for", "Nobody")
    assert nobody.returncode == 1 and "No single child" in nobody.stderr
