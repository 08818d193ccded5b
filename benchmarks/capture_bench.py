"""Keystroke to screen: from the minute-taker's last key (Ctrl+Enter on a note, Enter on an action
line) to the new record painted in the live panel's list, through the real window, on two store
sizes in the SAME run (default large and xlarge).

    python -m benchmarks.capture_bench [--sizes large,xlarge] [--records 500] [--json FILE]

Each cached store (benchmarks/synthetic_data.py, built if absent) is copied to a scratch folder and
opened in its own main window (offscreen); the newest planned meeting is opened on the live tab and
started. Records then alternate note, action, note ... (``--records`` in all per size, after ten
uncounted warm-up records) and alternate between the sizes, so a burst of machine load falls on
both. All records go under the same agenda item, so the list grows to ``--records`` entries: a list
that is reloaded per record shows here as a p99 that grows with the list.

Per record, from just before the key event:

- ``to list``: the key event has been handled: the record is the last item of the list, marked
  "saving…" (checked: the count went up by one and the last item shows the typed text);
- ``to screen``: the list's viewport has been repainted (``repaint()``, synchronous) with it;
- ``to commit``: the service call has returned on the writer thread (gui/record_writer.py), i.e.
  the transaction is committed and synced (WAL, synchronous=FULL);
- ``to saved``: the row and the form say "saved" (on the GUI thread, after the commit; checked).
  The event loop runs meanwhile, as it would while the minute-taker types the next record.
- ``CPU to screen``: the GUI thread's own CPU time (``time.thread_time``) over ``to screen``: the
  key's work without the time the thread waited for a core, which a loaded machine adds to the
  wall-clock figures (read it beside them: it is what the code costs).

Baseline in the same run, per size: a raw SQLCipher insert-and-commit of one note on the same file
with the same pragmas, the floor durability itself costs. Goal (issue 17): p99 to screen at most
16 ms (one frame at 60 Hz). Numbers only, nothing asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import synthetic_data
from benchmarks.harness import (
    fmt as _fmt,
)
from benchmarks.harness import (
    make_window,
    median,
    open_store,
    percentile,
    remove_scratch,
    scratch_copy,
    verdict,
)

GOAL_P99_MS = 16.0
WARMUP = 10


def raw_baseline(db_path: Path, key: bytes | bytearray, meeting_id: int, count: int) -> list[float]:
    from efh_desktop.store.engine import keyed_connect

    conn = keyed_connect(db_path, key)
    now = datetime.now(UTC).isoformat(sep=" ")
    timings = []
    try:
        for n in range(count):
            started = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("INSERT INTO entry (meeting_id, kind, text, source_agency, not_for_family, childs_own_words, "
                         "author, created_at, updated_at) VALUES (?, 'note', ?, 'Police', 0, 0, 'Benchmark', ?, ?)",
                         (meeting_id, f"Baseline note {n}", now, now))
            conn.execute("COMMIT")
            timings.append(time.perf_counter() - started)
        conn.execute("DELETE FROM entry WHERE text LIKE 'Baseline note %'")
    finally:
        conn.close()
    return timings


class Capture:
    """One store, one window, the live panel of its newest planned meeting, started."""

    def __init__(self, size: str, source: Path, passphrase: str) -> None:
        self.size = size
        self.copy = scratch_copy(source, f"efh-capture-{size}-")
        self.services = open_store(self.copy, passphrase)
        planned = [m for m in self.services.meetings.list() if m.status == "planned"]
        self.meeting_id = planned[0].id
        self.app, self.window = make_window(self.services, self.copy)
        self.window.open_meeting(self.meeting_id)
        self.window.workspace.tabs.setCurrentWidget(self.window.workspace.live)
        self.panel = self.window.workspace.live
        self.panel.start_meeting()
        self.app.processEvents()
        self.committed_at = 0.0
        minutes = self.services.minutes
        for name in ("add_note", "add_action"):  # stamp the moment the committing call returns
            original = getattr(minutes, name)

            def stamped(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
                row = _original(*args, **kwargs)
                self.committed_at = time.perf_counter()
                return row
            setattr(minutes, name, stamped)
        self.samples: dict[str, dict[str, list[float]]] = {
            kind: {"to list": [], "to screen": [], "CPU to screen": [], "to commit": [], "to saved": []} for kind in ("note", "action")}
        self.saved_at = 0.0
        self.panel.capture.settled.connect(self._settled)
        self.failures: list[str] = []

    def _settled(self, _pending: Any) -> None:
        self.saved_at = time.perf_counter()

    def record(self, n: int, counted: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        capture, records = self.panel.capture, self.panel.records
        kind = "note" if n % 2 == 0 else "action"
        if kind == "note":
            capture.set_mode("note")
            text = f"Police said the group was seen at the park on evening {n}."
            capture.note_text.setPlainText(text)
            target, key, modifier = capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        else:
            capture.set_mode("action")
            text = f"Visit the shop {n}"
            capture.action_line.setText(f"{text} @PC Test #police !in 2 weeks")
            target, key, modifier = capture.action_line, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier
        if self.app.activeWindow() is not self.window:  # shortcuts (Ctrl+Enter) go to the active window
            self.window.activateWindow()
        # What typing the record has already shown (the text, the mode) is painted before the last
        # key, as it would have been while typing: the figure is the last key's own work.
        self.app.processEvents()
        self.window.repaint()
        before = records.count()
        self.committed_at = self.saved_at = 0.0
        cpu_started = time.thread_time()
        started = time.perf_counter()
        QTest.keyClick(target, key, modifier)
        listed = time.perf_counter()
        records.viewport().repaint()
        painted = time.perf_counter()
        cpu = time.thread_time() - cpu_started
        last = records.item(records.count() - 1)
        shown = records.count() == before + 1 and last is not None and text in last.text()
        # Then the event loop runs (as while the next record is typed) until the row says saved.
        deadline = time.perf_counter() + 60
        while capture.writer.pending() and time.perf_counter() < deadline:
            self.app.processEvents()
            time.sleep(0.0002)
        last = records.item(records.count() - 1)
        saved = (last is not None and text in last.text() and not last.text().startswith("Saving")
                 and "saved" in capture.message.text() and self.committed_at and self.saved_at)
        if not shown or not saved:
            self.failures.append(f"{kind} {n}: not shown or not saved ({capture.message.text()})")
        elif counted:
            bucket = self.samples[kind]
            bucket["to commit"].append(self.committed_at - started)
            bucket["to list"].append(listed - started)
            bucket["to screen"].append(painted - started)
            bucket["CPU to screen"].append(cpu)
            bucket["to saved"].append(self.saved_at - started)
        self.app.processEvents()  # what the event loop would do between keystrokes (timers, paints)

    def baseline(self, count: int) -> list[float]:
        from efh_desktop.paths import DB_FILENAME

        return raw_baseline(self.copy / DB_FILENAME, self.services.store.key, self.meeting_id, count)

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        if self.services.store.is_open:
            self.services.lock()
        remove_scratch(self.copy)


def _ms(value: float | None) -> float | None:
    return None if value is None else value * 1000


def summarise(stores: list[Capture], baselines: dict[str, list[float]]) -> list[dict[str, Any]]:
    rows = []
    for store in stores:
        base = baselines[store.size]
        rows.append({"size": store.size, "case": "raw insert+commit", "n": len(base), "p50_ms": _ms(median(base)),
                     "p99_ms": _ms(percentile(base, 99)), "ratio_p50": 1.0, "goal": "", "verdict": "-"})
        for phase in ("to list", "to screen", "CPU to screen", "to commit", "to saved"):
            values = store.samples["note"][phase] + store.samples["action"][phase]
            for kind, sample in (("note", store.samples["note"][phase]), ("action", store.samples["action"][phase]),
                                 ("all", values)):
                p99 = _ms(percentile(sample, 99))
                goal = phase == "to screen"
                rows.append({"size": store.size, "case": f"{kind}, {phase}", "n": len(sample),
                             "p50_ms": _ms(median(sample)), "p99_ms": p99,
                             "ratio_p50": (median(sample) / median(base)) if sample and median(base) else None,
                             "goal": f"p99 <= {GOAL_P99_MS:.0f} ms" if goal else "",
                             "verdict": verdict(p99, GOAL_P99_MS) if goal else "-"})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capture_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="large,xlarge", help="comma-separated (default large,xlarge)")
    parser.add_argument("--size", help="one size only (same as --sizes SIZE)")
    parser.add_argument("--records", type=int, default=500, help="records per size, alternating note and action")
    parser.add_argument("--baseline", type=int, default=100, help="raw commits per size (default 100)")
    parser.add_argument("--seed", type=int, default=synthetic_data.DEFAULT_SEED)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sizes = [args.size] if args.size else [s.strip() for s in args.sizes.split(",") if s.strip()]
    passphrase = synthetic_data.passphrase_from_env()

    stores: list[Capture] = []
    try:
        for size in sizes:
            source, _summary = synthetic_data.cached_store_dir(size, args.seed, passphrase,
                                                               progress=lambda line: print(line, flush=True))
            stores.append(Capture(size, source, passphrase))
        baselines = {s.size: s.baseline(args.baseline) for s in stores}
        for n in range(args.records + WARMUP):
            order = stores if n % 2 == 0 else list(reversed(stores))
            for store in order:
                store.record(n, counted=n >= WARMUP)
        rows = summarise(stores, baselines)
        failures = {s.size: s.failures for s in stores if s.failures}
        shown = {s.size: s.panel.records.count() for s in stores}
    finally:
        for store in stores:
            store.close()

    print(f"Keystroke to screen, {args.records} records per size (alternating note and action), ms:")
    print(f"{'size':<8} {'case':<26} {'n':>4} {'p50':>8} {'p99':>8} {'p50/raw':>8}  {'goal':<14} verdict")
    for r in rows:
        print(f"{r['size']:<8} {r['case']:<26} {r['n']:>4} {_fmt(r['p50_ms'], '8.2f')} {_fmt(r['p99_ms'], '8.2f')} "
              f"{_fmt(r['ratio_p50'], '8.2f')}  {r['goal']:<14} {r['verdict']}")
    if len(stores) > 1:
        a, b = stores[0].size, stores[-1].size
        get = {(r["size"], r["case"]): r for r in rows}
        ratio = (get[(b, "all, to screen")]["p99_ms"] or 0) / (get[(a, "all, to screen")]["p99_ms"] or 1)
        print(f"p99 to screen, {b} / {a}: {ratio:.2f}")
    print(f"Items in the live list at the end: {shown}")
    for size, problems in failures.items():
        print(f"{size}: {len(problems)} records not shown, e.g. {problems[0]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"sizes": sizes, "rows": rows, "failures": failures}, indent=2) + "\n",
                             encoding="utf-8")
    sys.stdout.flush()
    # Leave without tearing Qt down under the garbage collector (PySide6 can crash at interpreter
    # exit when widgets outlive the application); everything worth keeping is printed and flushed.
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    sys.exit(main())
