"""Start-up benchmark: EFH Desktop against a bare PySide6 window, measured in the same run.

    python -m benchmarks.startup --size large [--runs 5] [--json FILE] [--data-dir DIR]

Cases, run as child processes in alternating order (a rotating order, so drift in machine load
falls on every case alike), after one discarded warm-up run of each (disk cache, .pyc files):

- ``baseline``: benchmarks/bare_window.py, a QMainWindow with a QTableView that prints READY once
  the event loop has shown it;
- ``floor`` (information): the same window plus the unavoidable work of this architecture in its
  cheapest arrangement: SQLAlchemy and SQLModel imported before PySide6, while one Argon2id key
  is derived at the store's cost in a thread. What the chosen libraries and the deliberate key
  stretching cost before any of the app's own code runs. The goals are not applied to it;
- ``app-large`` / ``app-small``: ``python -m efh_desktop --data-dir DIR`` with EFH_PASSPHRASE,
  QT_QPA_PLATFORM=offscreen and EFH_EXIT_WHEN_READY=1. The GUI's contract: it unlocks with
  EFH_PASSPHRASE without a dialog, shows the main window, fills the meeting list (its first page
  and the count), prints ``READY meetings=<n> loaded=<rows read>`` and exits 0.

Time is wall clock from just before ``Popen`` to the moment the READY line is read. Peak memory is
the child's own peak resident set size: on Linux VmHWM from /proc/<pid>/status (the kernel's
high-water mark for the child's address space, read while it runs; exact, not sampled), elsewhere
psutil polling. ``getrusage(RUSAGE_CHILDREN)`` / ``os.wait4`` ru_maxrss are NOT used: on Linux a
child spawned by vfork+exec inherits this harness's high-water mark, and RUSAGE_CHILDREN is a
maximum over all reaped children, so differences cannot isolate one child (see ``PeakMeter``).

Numbers are reported as ratios to the baseline median; nothing here asserts. The goals (app start
≤ 2.0 × baseline, peak RSS ≤ 300 MB) are printed as met / not met.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import synthetic_data

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
BARE_WINDOW = BENCH_DIR / "bare_window.py"

GOAL_RATIO = 2.0  # kept for readers of older JSON: READY against the bare window
GOAL_PAINT_RATIO = 2.0
GOAL_FLOOR_RATIO = 1.5
GOAL_PEAK_MB = 300.0
PAIRED = {"small": ["small"], "large": ["large", "small"], "xlarge": ["xlarge", "large"]}  # sizes measured together
# meetings: how many the list counts; loaded: how many rows it has read (a page: issue 17).
READY_RE = re.compile(r"^READY(?:\s+meetings=(\d+))?(?:\s+loaded=(\d+))?\s*$")


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    data_dir: Path | None = None
    expected_meetings: int | None = None
    cwd: Path | None = None  # the source tree to run from (None: this one)


@dataclass
class Sample:
    seconds: float | None = None
    paint_seconds: float | None = None  # the first window's first paint (a PAINTED line), if printed
    peak_rss_bytes: int | None = None  # peak until exit
    peak_at_ready_bytes: int | None = None  # peak until READY (exact on Linux)
    meetings: int | None = None
    loaded: int | None = None  # rows read into the list when READY came
    exit_code: int | None = None
    error: str = ""


@dataclass
class CaseResult:
    name: str
    data_dir: str | None = None
    expected_meetings: int | None = None
    samples: list[Sample] = field(default_factory=list)
    warmup: Sample | None = None
    error: str = ""

    def ok_samples(self) -> list[Sample]:
        return [s for s in self.samples if not s.error and s.seconds is not None]

    def summary(self, baseline_median: float | None) -> dict[str, Any]:
        ok = self.ok_samples()
        times = [s.seconds for s in ok if s.seconds is not None]
        peaks = [s.peak_rss_bytes for s in ok if s.peak_rss_bytes is not None]
        at_ready = [s.peak_at_ready_bytes for s in ok if s.peak_at_ready_bytes is not None]
        median = statistics.median(times) if times else None
        paints = [s.paint_seconds for s in ok if s.paint_seconds is not None]
        paint = statistics.median(paints) if paints else None
        return {
            "paint_median_s": paint,
            "paint_ratio": (paint / baseline_median) if (paint is not None and baseline_median) else None,
            "case": self.name, "runs": len(times), "failed_runs": len(self.samples) - len(ok),
            "median_s": median, "min_s": min(times) if times else None, "max_s": max(times) if times else None,
            "ratio": (median / baseline_median) if (median is not None and baseline_median) else None,
            "peak_rss_mb_max": (max(peaks) / 2**20) if peaks else None,
            "peak_rss_mb_median": (statistics.median(peaks) / 2**20) if peaks else None,
            "peak_at_ready_mb_max": (max(at_ready) / 2**20) if at_ready else None,
            "meetings_reported": ok[-1].meetings if ok else None,
            "loaded_reported": ok[-1].loaded if ok else None,
            "expected_meetings": self.expected_meetings, "error": self.error,
        }


# -- measuring one child --------------------------------------------------------------------------
def _vm_hwm(pid: int) -> int | None:
    """The process's peak RSS so far (Linux VmHWM, bytes); None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None  # a zombie has no memory lines


class PeakMeter:
    """Tracks a child's peak resident memory while it runs.

    Linux: VmHWM from /proc/<pid>/status, the kernel's high-water mark for the child's own address
    space, which starts fresh at exec; being a maximum, a read at any moment is exact up to that
    moment, so polling loses nothing but the last few milliseconds before exit. (The ru_maxrss that
    ``os.wait4`` or ``getrusage(RUSAGE_CHILDREN)`` return is no use here: Linux carries the parent's
    high-water mark into a vforked child across exec, so every child reads at least as large as this
    harness; and RUSAGE_CHILDREN is a maximum over all reaped children, not per child.)
    Elsewhere: psutil (Windows' peak_wset is a true peak; plain rss is sampled).
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.method = "VmHWM" if sys.platform.startswith("linux") else "psutil"
        self._process: Any = None
        if self.method == "psutil":
            try:
                import psutil

                self._process = psutil.Process(pid)
            except Exception:  # noqa: BLE001 - already gone, or psutil missing
                self._process = None

    def read(self) -> None:
        if self.method == "VmHWM":
            value = _vm_hwm(self.pid)
        else:
            try:
                info = self._process.memory_info() if self._process else None
                value = (getattr(info, "peak_wset", 0) or info.rss) if info else None
            except Exception:  # noqa: BLE001 - the process has ended
                value = None
        if value:
            self.peak = max(self.peak, value)


def _reap(proc: subprocess.Popen, meter: PeakMeter, timeout: float) -> tuple[int | None, bool]:
    """Wait for ``proc`` to exit (killing it after ``timeout``), reading its memory until it goes.

    Reading and reaping happen in this one thread, so a pid is never read after it was reaped.
    """
    killed = False
    deadline = time.monotonic() + timeout
    while True:
        meter.read()
        code = proc.poll()
        if code is not None:
            return code, killed
        if time.monotonic() > deadline and not killed:
            proc.kill()
            killed = True
            return proc.wait(), killed
        time.sleep(0.005)


def _tail(stream: Any, lines: int = 12) -> str:
    stream.seek(0)
    text = stream.read().decode("utf-8", "replace").strip().splitlines()
    return "\n".join(text[-lines:])


def run_once(case: Case, timeout: float) -> Sample:
    """One child: seconds from just before Popen to the READY line, and its peak RSS."""
    env = {**os.environ, **case.env}
    # An installed app runs from compiled bytecode (pip and the bundle compile it). With
    # PYTHONDONTWRITEBYTECODE set in the shell, the app's own ~150 modules would be compiled from
    # source on every run (site-packages already have their .pyc), which the baseline and floor
    # never pay: the warm-up run writes the .pyc files, as the warm-up is meant to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(case.argv, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                env=env, cwd=case.cwd or PROJECT_ROOT, text=True, bufsize=1)
        meter = PeakMeter(proc.pid)  # Popen returns after exec, so this is the new program's memory
        lines: queue.Queue[tuple[float, str | None]] = queue.Queue()

        def reader() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.put((time.perf_counter(), line))  # stamped as read, not when the main thread looks
            lines.put((time.perf_counter(), None))

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        sample = Sample()
        deadline = started + timeout
        while True:
            try:
                stamp, line = lines.get(timeout=0.01)
            except queue.Empty:
                meter.read()
                if time.perf_counter() > deadline:
                    sample.error = (f"no READY line within {timeout:.0f} s (a dialog may be waiting: does "
                                    "EFH_PASSPHRASE open the store, and does the GUI honour EFH_EXIT_WHEN_READY?)")
                    break
                continue
            if line is None:
                sample.error = "exited without printing READY"
                break
            if line.strip() == "PAINTED" and sample.paint_seconds is None:
                sample.paint_seconds = stamp - started
                continue
            match = READY_RE.match(line.strip())
            if match:
                sample.seconds = stamp - started
                sample.meetings = int(match.group(1)) if match.group(1) else None
                sample.loaded = int(match.group(2)) if match.group(2) else None
                meter.read()
                sample.peak_at_ready_bytes = meter.peak or None
                break
        code, killed = _reap(proc, meter, 0.5 if sample.error.startswith("no READY") else 60.0)
        thread.join(2)
        sample.exit_code, sample.peak_rss_bytes = code, meter.peak or None
        if killed and not sample.error:
            sample.error = "did not exit within 60 s after READY (killed)"
        elif code != 0 and not sample.error:
            sample.error = f"printed READY but exited with code {code}"
        if sample.error:
            tail = _tail(err)
            sample.error += f" (exit code {code})" + (f"; stderr:\n{tail}" if tail else "; no stderr")
    return sample


# -- stores -----------------------------------------------------------------------------------
def _marker(data_dir: Path) -> Path:
    return data_dir.with_name(data_dir.name + ".json")


def ensure_store(size_name: str, data_dir: Path | None, passphrase: str, seed: int) -> tuple[Path, dict]:
    """Reuse ``data_dir`` (or the cached store for this size, see synthetic_data.cached_store),
    generating it first if absent."""
    from efh_desktop.paths import DB_FILENAME

    if data_dir is None:
        return synthetic_data.cached_store_dir(size_name, seed, passphrase,
                                               progress=lambda line: print(line, flush=True))
    size = synthetic_data.SIZES[size_name]
    marker = _marker(data_dir)
    if (data_dir / DB_FILENAME).exists():
        if marker.exists():
            return data_dir, json.loads(marker.read_text(encoding="utf-8"))
        return data_dir, {}  # someone's own store: used as it is
    print(f"Generating the {size_name} synthetic store in {data_dir} ...", flush=True)
    summary = synthetic_data.create_store(data_dir, size, passphrase=passphrase, seed=seed)
    print(f"  {summary['total_rows']:,} rows in {summary['total_seconds']:.1f} s, "
          f"{summary['db_bytes'] / 1e6:.1f} MB", flush=True)
    return data_dir, summary


def key_derivation(data_dir: Path, passphrase: str, repeats: int = 3) -> dict[str, Any]:
    """Median time to unwrap the store's key (Argon2id at the header's own cost), in this process."""
    from efh_desktop.paths import HEADER_FILENAME
    from efh_desktop.store.errors import StoreError
    from efh_desktop.store.key_header import KeyHeader, wipe

    try:
        header = KeyHeader.load(data_dir / HEADER_FILENAME)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            wipe(header.unwrap(passphrase))
            times.append(time.perf_counter() - t0)
    except StoreError as exc:
        return {"seconds": None, "error": str(exc) or type(exc).__name__}
    return {"seconds": statistics.median(times), "time_cost": header.time_cost,
            "memory_cost": header.memory_cost, "parallelism": header.parallelism,
            "params": f"Argon2id t={header.time_cost}, m={header.memory_cost // 1024} MiB, p={header.parallelism}"}


# -- report -----------------------------------------------------------------------------------
def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_report(summaries: list[dict[str, Any]], goals: list[dict[str, Any]], info: dict[str, Any]) -> None:
    print()
    print(f"Start-up, {info['runs']} runs per case (+{info['warmup']} warm-up discarded); "
          f"{info['machine']['cpus']} CPUs, load {info['machine']['loadavg_before']}")
    header = (f"{'case':<12} {'runs':>4} {'paint s':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'ratio':>6} "
              f"{'/floor':>6} {'peak RSS MB':>12} {'at READY':>9}  meetings")
    print(header)
    print("-" * len(header))
    for s in summaries:
        meetings = "-" if s["meetings_reported"] is None else str(s["meetings_reported"])
        if s["expected_meetings"] is not None and s["meetings_reported"] not in (None, s["expected_meetings"]):
            meetings += f" (expected {s['expected_meetings']})"
        if s.get("loaded_reported") is not None and s["loaded_reported"] != s["meetings_reported"]:
            meetings += f" ({s['loaded_reported']} rows read)"
        print(f"{s['case']:<12} {s['runs']:>4} {_fmt(s['paint_median_s'], '.3f'):>8} {_fmt(s['median_s'], '.3f'):>9} "
              f"{_fmt(s['min_s'], '.3f'):>7} "
              f"{_fmt(s['max_s'], '.3f'):>7} {_fmt(s['ratio'], '.2f'):>6} {_fmt(s.get('floor_ratio'), '.2f'):>6} "
              f"{_fmt(s['peak_rss_mb_max'], '.1f'):>12} "
              f"{_fmt(s['peak_at_ready_mb_max'], '.1f'):>9}  {meetings}")
    kdf = info.get("key_derivation")
    if kdf:
        for name, item in kdf.items():
            if item.get("seconds") is not None:
                print(f"  note: unwrapping the key for {name} takes {item['seconds']:.3f} s in-process "
                      f"({item['params']}); it is part of the app's start-up by design.")
    print()
    print("Goals (reported, not asserted):")
    if not goals:
        print("  (no app case was measured)")
    for g in goals:
        print(f"  {g['case']:<10} {g['goal']:<34} {g['value']:<10} {g['verdict']}")
    errors = [s for s in summaries if s["error"]]
    print("(peak RSS MB: the highest over the runs, until the child exited; at READY: until READY was read)")
    for s in errors:
        print()
        print(f"{s['case']}: NOT MEASURED. {s['error']}")


def evaluate_goals(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Issue 17: the first paint at most 2 x the bare window; the list filled (READY) at most 1.5 x the
    floor (libraries + key stretching); peak memory at most 300 MB. All in the same run."""
    goals = []

    def verdict(value: float | None, goal: float) -> str:
        return "n/a" if value is None else ("met" if value <= goal else "NOT MET")

    for s in summaries:
        if s["case"] in ("baseline", "floor"):
            continue
        paint, filled, peak = s["paint_ratio"], s.get("floor_ratio"), s["peak_rss_mb_max"]
        goals.append({"case": s["case"], "goal": f"first paint <= {GOAL_PAINT_RATIO} x bare window",
                      "value": _fmt(paint, ".2f"), "verdict": verdict(paint, GOAL_PAINT_RATIO)})
        goals.append({"case": s["case"], "goal": f"list filled <= {GOAL_FLOOR_RATIO} x floor",
                      "value": _fmt(filled, ".2f"), "verdict": verdict(filled, GOAL_FLOOR_RATIO)})
        goals.append({"case": s["case"], "goal": f"peak RSS <= {GOAL_PEAK_MB:.0f} MB",
                      "value": _fmt(peak, ".1f"), "verdict": verdict(peak, GOAL_PEAK_MB)})
    return goals


# -- main -------------------------------------------------------------------------------------
def gui_status() -> str:
    """"" when efh_desktop.gui.app can be found, else why the app cases cannot run."""
    sys.path.insert(0, str(PROJECT_ROOT))
    try:
        if importlib.util.find_spec("efh_desktop.gui.app") is None:
            return "efh_desktop/gui/app.py does not exist yet (the GUI has not landed)"
    except ImportError as exc:
        return f"efh_desktop.gui cannot be imported ({type(exc).__name__})"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=tuple(PAIRED), default="large",
                        help="the main database (default large); 'large' also runs the small variant, "
                        "'xlarge' the large one")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per case (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs per case first (default 1)")
    parser.add_argument("--data-dir", type=Path, help="store to use for --size (generated there if empty); "
                        "default: a cached store under ~/.cache/efh-bench/")
    parser.add_argument("--seed", type=int, default=synthetic_data.DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for READY (default 120)")
    parser.add_argument("--baseline-only", action="store_true", help="measure the bare window only")
    parser.add_argument("--no-floor", action="store_true", help="skip the informational 'floor' case")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--compare-tree", type=Path, metavar="DIR",
                        help="also run the app from this source tree (e.g. `git worktree add DIR <commit>`) as "
                             "other-<size>, in the same rotation, for before/after figures from one run")
    args = parser.parse_args(argv)

    passphrase = synthetic_data.passphrase_from_env()
    child_env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    cases = [Case("baseline", [sys.executable, str(BARE_WINDOW)], child_env)]
    skipped = ""
    kdf: dict[str, Any] = {}
    if args.baseline_only:
        skipped = "--baseline-only given"
    else:
        skipped = gui_status()
    if not skipped:
        sizes = PAIRED[args.size]
        for size_name in sizes:
            data_dir, summary = ensure_store(size_name, args.data_dir if size_name == args.size else None,
                                             passphrase, args.seed)
            kdf[f"app-{size_name}"] = derivation = key_derivation(data_dir, passphrase)
            env = {**child_env, "EFH_PASSPHRASE": passphrase, "EFH_EXIT_WHEN_READY": "1"}
            cases.append(Case(f"app-{size_name}", [sys.executable, "-m", "efh_desktop", "--data-dir", str(data_dir)],
                              env, data_dir, summary.get("meetings")))
            if args.compare_tree is not None:
                # The same program from another source tree (``-m`` puts the working folder first
                # on the path), in the same rotation: before/after figures from one run.
                tree = args.compare_tree.resolve()
                cases.append(Case(f"other-{size_name}", cases[-1].argv, {**env, "PYTHONPATH": str(tree)},
                                  data_dir, summary.get("meetings"), cwd=tree))
            if derivation["seconds"] is None:
                print(f"warning: the passphrase does not open {data_dir}: {derivation['error']}", file=sys.stderr)
    if not args.no_floor:
        # The Argon2id cost of the main store's header (the production default when there is none).
        costs = next((k for k in kdf.values() if k["seconds"] is not None), None)
        if costs is None:
            from efh_desktop.store.key_header import kdf_defaults

            costs = kdf_defaults()
        params = [str(costs[k]) for k in ("time_cost", "memory_cost", "parallelism")]
        cases.insert(1, Case("floor", [sys.executable, str(BARE_WINDOW), "--floor", *params], child_env))

    results = {c.name: CaseResult(c.name, str(c.data_dir) if c.data_dir else None, c.expected_meetings)
               for c in cases}
    loadavg = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"Cases: {', '.join(c.name for c in cases)}; {args.warmup} warm-up + {args.runs} runs each.", flush=True)
    for warm in range(args.warmup):
        for case in cases:
            sample = run_once(case, args.timeout)
            results[case.name].warmup = sample
            if sample.error and warm == args.warmup - 1:
                results[case.name].error = f"warm-up run failed: {sample.error}"
    live = [c for c in cases if not results[c.name].error]
    for i in range(args.runs):
        order = live[i % len(live):] + live[:i % len(live)] if live else []
        for case in order:
            sample = run_once(case, args.timeout)
            results[case.name].samples.append(sample)
            state = f"{sample.seconds:.3f} s" if sample.seconds is not None else "FAILED"
            peak = f", {sample.peak_rss_bytes / 2**20:.0f} MB" if sample.peak_rss_bytes else ""
            print(f"  run {i + 1}/{args.runs} {case.name:<10} {state}{peak}", flush=True)
            if sample.error and not results[case.name].error:
                results[case.name].error = f"run {i + 1} failed: {sample.error}"

    baseline_times = [s.seconds for s in results["baseline"].ok_samples() if s.seconds is not None]
    baseline_median = statistics.median(baseline_times) if baseline_times else None
    summaries = [r.summary(baseline_median) for r in results.values()]
    floor = next((x for x in summaries if x["case"] == "floor"), None)
    for x in summaries:
        x["floor_ratio"] = (x["median_s"] / floor["median_s"]) if (floor and floor["median_s"] and
                                                                   x["median_s"] is not None) else None
    goals = evaluate_goals(summaries)
    info = {
        "runs": args.runs, "warmup": args.warmup, "size": args.size, "seed": args.seed,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "loadavg_before": [round(x, 2) for x in loadavg] if loadavg else None},
        "key_derivation": kdf, "app_skipped": skipped,
        "peak_rss_method": ("VmHWM from /proc (exact high-water mark)" if sys.platform.startswith("linux")
                            else "psutil polling"),
    }
    print_report(summaries, goals, info)
    if skipped:
        print()
        print(f"App cases not run: {skipped}. Only the baseline was measured.")
    if args.json:
        payload = {"info": info, "summaries": summaries, "goals": goals,
                   "samples": {name: [asdict(s) for s in r.samples] for name, r in results.items()}}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"Results written to {args.json}")
    # Exit status says whether everything could be measured, never whether a goal was met.
    return 1 if any(s["error"] for s in summaries) else 0


if __name__ == "__main__":
    sys.exit(main())
