"""Screens flat with size: what each screen loads, on two store sizes in the SAME run.

    python -m benchmarks.screens_bench [--sizes large,xlarge] [--repeats 3] [--json FILE]

Both cached stores (benchmarks/synthetic_data.py, built if absent) are copied to scratch folders
and opened together; every case then runs on each store in turn, round after round, so a burst of
machine load falls on both alike. The figure is the median (and p99) per case per size and the
ratio of the second size to the first. Goal from issue 17: the bigger store at most 1.5 x the
smaller one for every screen, and search p99 at most 50 ms. Numbers only, nothing asserts.

Cases (the calls the screen makes; the same targets chosen the same way in both stores):

- ``open meeting``: ``MainWindow.open_meeting`` in the real window (offscreen), every panel filled,
  events processed; a minuted meeting with notes, decisions and actions (finalised, and with the
  store's most common number of children, the same in both stores: see ``Targets``);
- ``all actions``: ``ActionService.tracker_page()``, the tracker's first page (200 rows: the newest
  row of each chain, overdue first), what the All actions tab shows when opened;
- ``all actions, later page``: the page after the tenth (the keyset of page ten found untimed), what
  scrolling down loads;
- ``action history``: ``ActionService.history(id)`` for an action carried through meetings;
- ``subject history``: ``ActionService.rows(subject_id=child, latest_only=False)``, a child's actions;
- ``search``: ``SearchService.search(name)`` for a child's full name (limit 50);
- ``next meeting``: ``SeriesService.create_next_meeting`` after the last meeting of a series (writes);
- ``finalise``: the finalise screen's gate (``FinaliseService.gate``) then ``finalise`` on an ended
  meeting, gate items overridden beforehand (untimed) so the write happens;
- ``export planning``: ``MinutesFilesService.plan`` with the full minutes, a record copy per child and
  a disclosure copy for every child (what the export dialog does before writing).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
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

GOAL_RATIO = 1.5
GOAL_SEARCH_P99_MS = 50.0
CASES = ("open meeting", "all actions", "all actions, later page", "action history", "subject history", "search", "next meeting",
         "finalise", "export planning")
WRITES = ("next meeting", "finalise")  # a new target each time


def _evenly(items: list[Any], count: int) -> list[Any]:
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


class Targets:
    """What each case works on in one store, chosen the same way whatever the size."""

    def __init__(self, services: Any, count: int) -> None:
        with services.store.engine.connect() as conn:
            q = lambda sql: [r[0] for r in conn.exec_driver_sql(sql)]  # noqa: E731
            # Finalised meetings with actions, all with the same number of children: opening a meeting
            # and planning its export cost in proportion to its children (one copy each), so targets
            # picked by position alone compared two-child meetings on one store with five-child ones on
            # the other (export planning read 0.93x in one run, 1.51x in the next). The most common
            # number, which the generator gives the same share of meetings at every size.
            shapes = conn.exec_driver_sql(
                "SELECT m.id, (SELECT count(*) FROM meeting_subject ms JOIN subject s ON s.id = ms.subject_id "
                "WHERE ms.meeting_id = m.id AND s.kind = 'child') FROM meeting m WHERE m.status = 'finalised' "
                "AND EXISTS (SELECT 1 FROM action a WHERE a.meeting_id = m.id) ORDER BY m.id").all()
            by_children: dict[int, list[int]] = {}
            for meeting_id, children in shapes:
                by_children.setdefault(children, []).append(meeting_id)
            common = max(by_children, key=lambda n: (len(by_children[n]), n)) if by_children else 0
            self.meeting_children = common
            self.meetings = _evenly(by_children.get(common, []), count)
            self.chains = _evenly(q("SELECT DISTINCT origin_action_id FROM action WHERE origin_action_id IS NOT NULL "
                                    "ORDER BY origin_action_id"), count)
            self.children = _evenly(q("SELECT DISTINCT s.id FROM subject s JOIN action_subject t ON t.subject_id = s.id "
                                      "WHERE s.kind = 'child' ORDER BY s.id"), count)
            ids = ",".join(str(i) for i in self.children or [0])
            self.names = [n for (n,) in conn.exec_driver_sql(f"SELECT name FROM subject WHERE id IN ({ids})")]
            # The last meeting of a series that has taken place (nothing after it yet).
            self.series_heads = _evenly(q(
                "SELECT m.id FROM meeting m WHERE m.series_id IS NOT NULL AND m.status IN ('finalised', 'ended') "
                "AND NOT EXISTS (SELECT 1 FROM meeting n WHERE n.previous_meeting_id = m.id) ORDER BY m.id"), count)
            self.ended = _evenly(q("SELECT id FROM meeting WHERE status = 'ended' ORDER BY id"), count)


# The CPU seconds of the last timed call (this process, every thread): beside the wall clock,
# because on a shared machine a burst of other sessions' load stretches the wall clock of one
# sample and not the next, while the work done stays the same.
_last_cpu: list[float] = [0.0]


def _time(fn: Callable[[], Any]) -> float:
    cpu = time.process_time()
    started = time.perf_counter()
    fn()
    wall = time.perf_counter() - started
    _last_cpu[0] = time.process_time() - cpu
    return wall


class Store:
    def __init__(self, size: str, source: Path, passphrase: str, count: int, window: bool) -> None:
        self.size = size
        self.copy = scratch_copy(source, f"efh-screens-{size}-")
        self.services = open_store(self.copy, passphrase)
        self.targets = Targets(self.services, count)
        self.export_dir = Path(tempfile.mkdtemp(prefix="efh-screens-export-"))
        self.app = self.window = None
        if window:
            self.app, self.window = make_window(self.services, self.copy)
        self.used: dict[str, int] = {}
        self.deep_cursor: Any = None

    def _next(self, case: str, pool: list[Any]) -> Any:
        index = self.used.get(case, 0)
        self.used[case] = index + 1
        return pool[index % len(pool)] if pool else None

    def run(self, case: str) -> float | None:
        s, t = self.services, self.targets
        if case == "open meeting":
            if self.window is None:
                return None
            mid = self._next(case, t.meetings)

            def open_it() -> None:
                self.window.open_meeting(mid)
                self.app.processEvents()
            return _time(open_it)
        if case == "all actions":
            return _time(lambda: s.actions.tracker_page())
        if case == "all actions, later page":
            if self.deep_cursor is None:
                page = s.actions.tracker_page()
                for _ in range(9):
                    page = s.actions.tracker_page(after=page.cursor) if page.cursor else page
                self.deep_cursor = page.cursor
            cursor = self.deep_cursor
            return None if cursor is None else _time(lambda: s.actions.tracker_page(after=cursor))
        if case == "action history":
            aid = self._next(case, t.chains)
            return None if aid is None else _time(lambda: s.actions.history(aid))
        if case == "subject history":
            sid = self._next(case, t.children)
            return None if sid is None else _time(lambda: s.actions.rows(subject_id=sid, latest_only=False))
        if case == "search":
            name = self._next(case, t.names)
            return None if name is None else _time(lambda: s.search.search(name, limit=50))
        if case == "next meeting":
            index = self.used.get(case, 0)
            if index >= len(t.series_heads):
                return None
            mid = self._next(case, t.series_heads)
            return _time(lambda: s.series.create_next_meeting(mid))
        if case == "finalise":
            index = self.used.get(case, 0)
            if index >= len(t.ended):
                return None
            mid = self._next(case, t.ended)
            for item in s.finalise.outstanding(mid):  # untimed: the chair's overrides, so the write happens
                s.finalise.override(mid, item.key, "Benchmark: finalised without it")

            def finalise() -> None:
                s.finalise.gate(mid)
                s.finalise.finalise(mid)
            return _time(finalise)
        if case == "export planning":
            mid = self._next(case, t.meetings)
            children = [x.id for x in s.meetings.subjects(mid) if x.kind == "child"]
            def plan() -> None:  # the full minutes and record copies, and (on their own) the disclosure copies
                s.minutes_files.plan(mid, self.export_dir, ("pdf",), full=True, per_child=True)
                s.minutes_files.plan(mid, self.export_dir, ("pdf",), full=False, disclosure_for=children)
            return _time(plan)
        raise KeyError(case)

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.app.processEvents()
        self.services.lock()
        remove_scratch(self.copy)
        import shutil

        shutil.rmtree(self.export_dir, ignore_errors=True)


def measure(stores: list[Store], repeats: int, cases: tuple[str, ...],
            cpu: dict[str, dict[str, list[float]]] | None = None) -> dict[str, dict[str, list[float]]]:
    """Wall-clock samples per size and case; with ``cpu``, the CPU seconds of each sample into it."""
    samples: dict[str, dict[str, list[float]]] = {st.size: {c: [] for c in cases} for st in stores}
    if cpu is not None:
        cpu.update({st.size: {c: [] for c in cases} for st in stores})
    for store in stores:  # one untimed pass: caches, first-query costs
        for case in cases:
            if case not in WRITES:
                store.run(case)
        store.used.clear()
    for round_no in range(repeats):
        for case in cases:
            order = stores if round_no % 2 == 0 else list(reversed(stores))
            for store in order:
                value = store.run(case)
                if value is not None:
                    samples[store.size][case].append(value)
                    if cpu is not None:
                        cpu[store.size][case].append(_last_cpu[0])
    return samples


def summarise(samples: dict[str, dict[str, list[float]]], sizes: list[str],
              cpu: dict[str, dict[str, list[float]]] | None = None) -> list[dict[str, Any]]:
    rows = []
    small, big = sizes[0], sizes[-1]
    for case in CASES:
        if case not in samples[small]:
            continue
        a, b = samples[small][case], samples[big][case]
        ma, mb = median(a), median(b)
        ratio = (mb / ma) if (ma and mb is not None and len(sizes) > 1) else None
        row = {"case": case, "n": len(b), f"{small}_ms": ma * 1000 if ma is not None else None,
               f"{big}_ms": mb * 1000 if mb is not None else None,
               f"{small}_p99_ms": (percentile(a, 99) or 0) * 1000 if a else None,
               f"{big}_p99_ms": (percentile(b, 99) or 0) * 1000 if b else None,
               "ratio": ratio, "goal": f"<= {GOAL_RATIO}x", "verdict": verdict(ratio, GOAL_RATIO) if len(sizes) > 1
               else "-"}
        if cpu is not None and len(sizes) > 1:
            ca, cb = median(cpu[small][case]), median(cpu[big][case])
            row["cpu_ratio"] = (cb / ca) if (ca and cb is not None) else None
        rows.append(row)
        if case == "search":
            p99 = row[f"{big}_p99_ms"]
            rows.append({"case": f"search p99 ({big})", "n": len(b), f"{small}_ms": row[f"{small}_p99_ms"],
                         f"{big}_ms": p99, "ratio": None, "goal": f"<= {GOAL_SEARCH_P99_MS:.0f} ms",
                         "verdict": verdict(p99, GOAL_SEARCH_P99_MS)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.screens_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="large,xlarge", help="comma-separated, smaller first (default large,xlarge)")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; each case runs once per round per size")
    parser.add_argument("--targets", type=int, default=5, help="meetings/actions/children chosen per case")
    parser.add_argument("--seed", type=int, default=synthetic_data.DEFAULT_SEED)
    parser.add_argument("--no-window", action="store_true", help="skip the window case (open meeting)")
    parser.add_argument("--cases", help=f"comma-separated, a subset of: {', '.join(CASES)} (default all)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    cases = CASES
    if args.cases:
        cases = tuple(c.strip() for c in args.cases.split(",") if c.strip())
        unknown = [c for c in cases if c not in CASES]
        if unknown:
            parser.error(f"unknown case(s): {', '.join(unknown)}")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    passphrase = synthetic_data.passphrase_from_env()
    stores: list[Store] = []
    try:
        for size in sizes:
            source, _summary = synthetic_data.cached_store_dir(size, args.seed, passphrase,
                                                               progress=lambda line: print(line, flush=True))
            stores.append(Store(size, source, passphrase, args.targets,
                                window=not args.no_window and "open meeting" in cases))
        cpu: dict[str, dict[str, list[float]]] = {}
        samples = measure(stores, args.repeats, cases, cpu)
    finally:
        for store in stores:
            store.close()
    rows = summarise(samples, sizes, cpu)
    small, big = sizes[0], sizes[-1]
    print(f"Screens, {args.repeats} rounds, median ms ({small} and {big} in the same run):")
    print(f"{'case':<22} {'n':>3} {small + ' ms':>12} {big + ' ms':>12} {'ratio':>7}  {'goal':<10} {'verdict':<8} "
          "CPU ratio")
    for r in rows:
        print(f"{r['case']:<22} {r['n']:>3} {_fmt(r[f'{small}_ms'], '12.2f')} {_fmt(r[f'{big}_ms'], '12.2f')} "
              f"{_fmt(r['ratio'], '7.2f')}  {r['goal']:<10} {r['verdict']:<8} {_fmt(r.get('cpu_ratio'), '9.2f')}")
    if {"open meeting", "export planning"} & set(cases):
        shapes = ", ".join(f"{store.size} {store.targets.meeting_children}" for store in stores)
        print(f"(open meeting and export planning: finalised meetings with actions and the same number of "
              f"children in each store: {shapes})")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"sizes": sizes, "rows": rows, "samples": samples, "cpu_samples": cpu}, indent=2) + "\n",
                             encoding="utf-8")
    sys.stdout.flush()
    os._exit(0)  # as capture_bench: no Qt teardown under the garbage collector


if __name__ == "__main__":
    sys.exit(main())
