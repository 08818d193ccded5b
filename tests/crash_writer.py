"""Child process for the crash-safety harness (tests/test_crash_safety.py): it writes, the test kills it.

    python tests/crash_writer.py DATA_DIR SEED               # record minutes until killed
    python tests/crash_writer.py DATA_DIR SEED backup OUT    # record a note, write a backup, repeat

The passphrase comes from EFH_PASSPHRASE. The store must already exist (the test creates it, with
cheap Argon2 parameters that are kept in its key header), so this script only unlocks it.

Everything goes through the services, exactly as the window does it: one call, one transaction.
The protocol on stdout, one flushed line each:

    ready MEETING_ID                   unlocked; the harness meeting exists
    begin SEQ KIND LENGTH              about to call the service (NOT an acknowledgement)
    ack SEQ KIND ID                    the call returned: the window would now show "saved"
    begin-backup I NAME / ack-backup I NAME     the same for ``services.backup(OUT/NAME)``

The text of record SEQ of run SEED is a pure function of (SEED, SEQ), ``record_for`` below, so the
test can recompute what must be in the database without trusting anything this process says.
The loop runs until killed; as a safety net it stops when stdout is gone (the test died) or after
MAX_SECONDS, so a lost child can never fill the disk.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MEETING_TITLE = "Crash harness meeting (fictional)"
ACTOR = "Crash Harness (fictional)"
KINDS = ("note", "decision", "action")
BIG_LENGTH = 10_000
BIG_CHANCE = 0.12  # of notes
MAX_SECONDS = 300.0

# Text a minute-taker might paste: markup, SQL-looking text, quotes, emoji (with ZWJ sequences),
# right-to-left script, combining marks, astral-plane letters, tabs, newlines and U+2028.
ODD = (
    "O'Brien", '"quoted"', "back\\slash", "100% of _all_", "<b>bold</b> &amp; <i>", "'; DROP TABLE entry; --",
    "\U0001f642 \U0001f469\u200d\U0001f467", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u05e9\u05dc\u05d5\u05dd", "e\u0301clair", "\u6f22\u5b57", "tab\there", "line\nbreak", "a\u2028b",
    "zero\u200bwidth", "\U0001d518\U0001d52b\U0001d526", "\u00a3\u20ac\u00a5", "{json: [1, 2]}", "caf\u00e9",
)
FILLER = ("lorem ", "ipsum ", "\u00e9t\u00e9 ", "\U0001f4dd ", "\u0627\u0644\u0646\u0635 ", "\u4e2d\u6587 ",
          "line\n", "tab\t", "<x>&", "'\"", "\\", "%_")
AGENCIES = ("Police (fictional)", "Children's Services", "Health \u2013 CAMHS", "Youth Justice & Co")
OWNERS = ("Sam Ortega", "Aoife O'Neill", "Zo\u00eb Ng", "\u0633\u0627\u0631\u0627 \u0639\u0644\u064a")


def main_field(kind: str) -> str:
    return "description" if kind == "action" else "text"


def record_for(seed: int, seq: int) -> tuple[str, dict[str, str]]:
    """(kind, keyword arguments of the service call) of record ``seq`` in run ``seed``.

    Every value is already in the form the text rules store (no control characters other than
    newline and tab, nothing to trim), so the database must hold exactly these strings.
    """
    rng = random.Random(f"crash-writer:{seed}:{seq}")
    kind = rng.choice(KINDS)
    head = f"{kind} {seq} (run {seed}) " + " \u00b7 ".join(rng.sample(ODD, 3))
    if kind == "note" and rng.random() < BIG_CHANCE:
        parts = [head, " "]
        size = len(head) + 1
        while size < BIG_LENGTH:
            piece = rng.choice(FILLER)
            parts.append(piece)
            size += len(piece)
        text = "".join(parts)[: BIG_LENGTH - 1] + "\u220e"  # exactly 10,000 characters, nothing to trim
    else:
        text = head + f" \u2014 end {seq}."
    if kind == "note":
        return kind, {"text": text, "source_agency": rng.choice(AGENCIES)}
    if kind == "decision":
        return kind, {"text": text, "rationale": f"rationale {seq}: " + rng.choice(ODD)}
    return kind, {"description": text, "owner": rng.choice(OWNERS)}


def emit(line: str) -> None:
    """The acknowledgement channel. A closed pipe (the test is gone) ends the process."""
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        os._exit(2)


def harness_meeting(services) -> int:  # Services
    for row in services.meetings.list(text=MEETING_TITLE):
        if row.title == MEETING_TITLE:
            return row.id
    meeting = services.meetings.create("complex_strategy", datetime(2025, 3, 4, 10, 0, tzinfo=UTC),
                                       title=MEETING_TITLE, venue="Room 1 (fictional)")
    return meeting.id


def record_one(services, meeting_id: int, seed: int, seq: int) -> None:  # Services
    kind, fields = record_for(seed, seq)
    add = {"note": services.minutes.add_note, "decision": services.minutes.add_decision,
           "action": services.minutes.add_action}[kind]
    emit(f"begin {seq} {kind} {len(fields[main_field(kind)])}")
    row = add(meeting_id, **fields)
    emit(f"ack {seq} {kind} {row.id}")


def run_minutes(services, seed: int) -> None:
    meeting_id = harness_meeting(services)
    emit(f"ready {meeting_id}")
    started = time.monotonic()
    seq = 0
    while time.monotonic() - started < MAX_SECONDS:
        record_one(services, meeting_id, seed, seq)
        seq += 1


def run_backups(services, seed: int, out_dir: Path) -> None:
    """One record, then one backup, repeated: the backups are taken of a store that keeps changing."""
    meeting_id = harness_meeting(services)
    emit(f"ready {meeting_id}")
    started = time.monotonic()
    seq = 0
    while time.monotonic() - started < MAX_SECONDS:
        record_one(services, meeting_id, seed, seq)
        name = f"crash-{seed}-{seq}.efhbak"
        emit(f"begin-backup {seq} {name}")
        services.backup(out_dir / name)
        emit(f"ack-backup {seq} {name}")
        seq += 1


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "backup"):
        print(__doc__, file=sys.stderr)
        return 64
    data_dir, seed = Path(argv[1]), int(argv[2])
    passphrase = os.environ.get("EFH_PASSPHRASE")
    if not passphrase:
        print("EFH_PASSPHRASE is not set", file=sys.stderr)
        return 64

    from efh_desktop.domain.profile import load_profile
    from efh_desktop.services.unlock_service import UnlockService

    services, _ = UnlockService(data_dir, load_profile(), ACTOR).unlock(passphrase)
    if len(argv) == 5:
        run_backups(services, seed, Path(argv[4]))
    else:
        run_minutes(services, seed)
    return 3  # only reached after MAX_SECONDS: the test should have killed us long before


if __name__ == "__main__":
    sys.exit(main(sys.argv))
