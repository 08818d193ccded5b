"""Two processes saving notes to one store at once, as fast as they can (issue 11 item 6).

    python -m benchmarks.two_writers [--seconds 8] [--pause-ms 0]

Each child (tests/two_writer.py) unlocks the same fresh store, then both save in a loop for the
same seconds; prints calls, failures (by error class), waits (calls over 50 ms) and the slowest
call, per process and in total. Numbers only, no assertions. Before write transactions began
IMMEDIATE about two thirds of the calls failed with "database is locked"; see docs/security.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase (fictional)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--pause-ms", type=float, default=0.0)
    args = parser.parse_args()
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    from efh_desktop.domain.profile import load_profile
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.store.key_header import set_kdf_defaults

    set_kdf_defaults(time_cost=1, memory_cost=8 * 1024, parallelism=1)  # unlock cost is not measured here
    with tempfile.TemporaryDirectory(prefix="efh-two-writers-") as scratch:
        folder = Path(scratch) / "data"
        services, _ = UnlockService(folder, load_profile(), "Benchmark (fictional)").create(PASSPHRASE, PASSPHRASE)
        meeting = services.meetings.create("complex_strategy", datetime(2025, 3, 4, 10, 0, tzinfo=UTC),
                                           title="Two writers (fictional)")
        services.lock()
        env = dict(os.environ, EFH_PASSPHRASE=PASSPHRASE)
        start_at = time.time() + 4.0
        procs = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "two_writer.py"), str(folder),
                                   str(meeting.id), str(args.seconds), str(start_at), str(args.pause_ms)],
                                  stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT) for _ in range(2)]
        results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    total = {k: sum(r[k] for r in results) for k in ("calls", "failures", "waits")}
    print(json.dumps({"seconds": args.seconds, "per_process": results, "total": total,
                      "failure_rate": round(total["failures"] / max(total["calls"], 1), 3)}, indent=1))


if __name__ == "__main__":
    main()
