"""Child process for the two-process tests (tests/test_two_processes.py): record notes for a while.

    python tests/two_writer.py DATA_DIR MEETING_ID SECONDS START_AT [PAUSE_MS]

Unlocks the store (EFH_PASSPHRASE), waits until the wall clock reaches START_AT (so two children
begin together), then calls ``services.minutes.add_note`` in a loop for SECONDS and prints one
JSON line: calls, failures (by error class), waits (calls that took over WAIT_MS, i.e. that waited
for the other process's lock) and the slowest call. Saving through the services is exactly what
the window does when the minute-taker presses Enter. PAUSE_MS (default 0) rests between saves: a
tight loop in both processes measures the worst case, where SQLite's busy handler is not fair (the
process that just committed usually takes the lock again before the sleeping one wakes).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WAIT_MS = 50.0


def main(argv: list[str]) -> int:
    data_dir, meeting_id, seconds, start_at = Path(argv[1]), int(argv[2]), float(argv[3]), float(argv[4])
    pause = float(argv[5]) / 1000 if len(argv) > 5 else 0.0
    from efh_desktop.domain.profile import load_profile
    from efh_desktop.services.unlock_service import UnlockService

    services, _ = UnlockService(data_dir, load_profile(), f"Writer {os.getpid()} (fictional)").unlock(
        os.environ["EFH_PASSPHRASE"])
    calls, waits, slowest = 0, 0, 0.0
    failures: Counter[str] = Counter()
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            began = time.monotonic()
            try:
                services.minutes.add_note(meeting_id, f"note {calls} from {os.getpid()} (fictional)")
            except Exception as exc:  # noqa: BLE001 - counted, this is what the user would have seen
                failures[type(exc).__name__] += 1
            took = (time.monotonic() - began) * 1000
            waits += took > WAIT_MS
            slowest = max(slowest, took)
            calls += 1
            time.sleep(pause)
    finally:
        services.lock()
    print(json.dumps({"calls": calls, "failures": sum(failures.values()), "by_error": dict(failures),
                      "waits": waits, "slowest_ms": round(slowest, 1)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
