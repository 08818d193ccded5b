"""Start-up benchmark: EFH Desktop against a bare PySide6 window, measured in the same run.

    python -m benchmarks.startup --size large [--runs 5] [--json FILE] [--data-dir DIR]

Cases, run as child processes in alternating order (a rotating order, so drift in machine load
falls on every case alike), after one discarded warm-up run of each (disk cache, .pyc files):

- ``baseline``: benchmarks/bare_window.py, a QMainWindow with a QTableView that prints READY once
  the event loop has shown it;
- ``app-large`` / ``app-small``: ``python -m efh_desktop --data-dir DIR`` with EFH_PASSPHRASE,
  QT_QPA_PLATFORM=offscreen and EFH_EXIT_WHEN_READY=1. The GUI's contract: it unlocks with
  EFH_PASSPHRASE without a dialog, shows the main window, fills the meeting list, prints
  ``READY meetings=<n>`` and exits 0.

Time is wall clock from just before ``Popen`` to the moment the READY line is read. Peak memory is
the child's own maximum resident set size, taken from ``os.wait4(pid)``: the kernel's high-water
mark for exactly that child, with no sampling gaps. ``getrusage(RUSAGE_CHILDREN)`` is not used
because its ru_maxrss is the maximum over all children reaped so far, not a sum, so differences
hide any child smaller than an earlier one. Where ``os.wait4`` does not exist (Windows) psutil is
polled instead (``peak_wset`` there is also a true peak).

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
import shutil
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
STORE_CACHE = OUT_DIR / "stores"
BARE_WINDOW = BENCH_DIR / "bare_window.py"

GOAL_RATIO = 2.0
GOAL_PEAK_MB = 300.0
READY_RE = re.compile(r"^READY(?:\s+meetings=(\d+))?\s*$")


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    data_dir: Path | None = None
    expected_meetings: int | None = None


@dataclass
class Sample:
    seconds: float | None = None
    peak_rss_bytes: int | None = None
    meetings: int | None = None
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
        median = statistics.median(times) if times else None
        return {
            "case": self.name, "runs": len(times), "failed_runs": len(self.samples) - len(ok),
            "median_s": median, "min_s": min(times) if times else None, "max_s": max(times) if times else None,
            "ratio": (median / baseline_median) if (median is not None and baseline_median) else None,
            "peak_rss_mb_max": (max(peaks) / 2**20) if peaks else None,
            "peak_rss_mb_median": (statistics.median(peaks) / 2**20) if peaks else None,
            "meetings_reported": ok[-1].meetings if ok else None,
            "expected_meetings": self.expected_meetings, "error": self.error,
        }


# -- measuring one child --------------------------------------------------------------------------
def _wait_with_rusage(proc: subprocess.Popen, timeout: float) -> tuple[int | None, int | None, bool]:
    """Reap ``proc`` (killing it after ``timeout``); return (exit code, peak RSS bytes, killed)."""
    killed = False
    if hasattr(os, "wait4"):
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline and not killed:
                proc.kill()
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        proc.returncode = os.waitstatus_to_exitcode(status)  # we reaped it; tell Popen
        scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
        return proc.returncode, usage.ru_maxrss * scale, killed
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        killed = True
        code = proc.wait()
    return code, None, killed


class _PeakPoller(threading.Thread):
    """Fallback where os.wait4 is missing: poll psutil (peak_wset on Windows is a true peak)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        try:
            import psutil

            process = psutil.Process(self.pid)
            while not self._stop_event.is_set():
                info = process.memory_info()
                self.peak = max(self.peak, getattr(info, "peak_wset", 0) or info.rss)
                time.sleep(0.01)
        except Exception:  # noqa: BLE001 - the process ended, or psutil is missing
            return

    def stop(self) -> int | None:
        self._stop_event.set()
        self.join(1)
        return self.peak or None


def _tail(path_file: Any, lines: int = 12) -> str:
    path_file.seek(0)
    text = path_file.read().decode("utf-8", "replace").strip().splitlines()
    return "\n".join(text[-lines:])


def run_once(case: Case, timeout: float) -> Sample:
    env = {**os.environ, **case.env}
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(case.argv, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                env=env, cwd=PROJECT_ROOT, text=True, bufsize=1)
        poller = None if hasattr(os, "wait4") else _PeakPoller(proc.pid)
        if poller:
            poller.start()
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
                stamp, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                sample.error = f"no READY line within {timeout:.0f} s"
                break
            if line is None:
                sample.error = "exited without printing READY"
                break
            match = READY_RE.match(line.strip())
            if match:
                sample.seconds = stamp - started
                sample.meetings = int(match.group(1)) if match.group(1) else None
                break
        code, peak, killed = _wait_with_rusage(proc, 0.5 if sample.error.startswith("no READY") else 60.0)
        thread.join(2)
        if poller:
            peak = poller.stop()
        sample.exit_code, sample.peak_rss_bytes = code, peak
        if killed and not sample.error:
            sample.error = "did not exit within 60 s after READY (killed)"
        elif code not in (0, None) and not sample.error:
            sample.error = f"printed READY but exited with code {code}"
        if sample.error:
            tail = _tail(err)
            sample.error += f" (exit code {code})" + (f"; stderr:\n{tail}" if tail else "; no stderr")
    return sample


# -- stores -----------------------------------------------------------------------------------
def _marker(data_dir: Path) -> Path:
    return data_dir.with_name(data_dir.name + ".json")


def ensure_store(size_name: str, data_dir: Path | None, passphrase: str, seed: int) -> tuple[Path, dict]:
    """Reuse ``data_dir`` (or the cached store for this size), generating it first if absent."""
    from efh_desktop.paths import DB_FILENAME

    size = synthetic_data.SIZES[size_name]
    cached = data_dir is None
    if cached:
        data_dir = STORE_CACHE / f"{size_name}-seed{seed}-v{synthetic_data.GENERATOR_VERSION}"
    assert data_dir is not None
    marker = _marker(data_dir)
    if (data_dir / DB_FILENAME).exists():
        if marker.exists():
            return data_dir, json.loads(marker.read_text(encoding="utf-8"))
        if not cached:
            return data_dir, {}  # someone's own store: used as it is
        shutil.rmtree(data_dir)  # our own cache, left half-made by an interrupted run
    elif cached and data_dir.exists():
        shutil.rmtree(data_dir)
    print(f"Generating the {size_name} synthetic store in {data_dir} ...", flush=True)
    summary = synthetic_data.create_store(data_dir, size, passphrase=passphrase, seed=seed)
    print(f"  {summary['total_rows']:,} rows in {summary['total_seconds']:.1f} s, "
          f"{summary['db_bytes'] / 1e6:.1f} MB", flush=True)
    if cached:
        marker.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return data_dir, summary


def key_derivation_seconds(data_dir: Path, passphrase: str, repeats: int = 3) -> tuple[float | None, str]:
    """Median time to unwrap the key (Argon2id at the header's own cost), in this process."""
    from efh_desktop.paths import HEADER_FILENAME
    from efh_desktop.store.errors import StoreError
    from efh_desktop.store.key_header import KeyHeader, _wipe

    try:
        header = KeyHeader.load(data_dir / HEADER_FILENAME)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            _wipe(header.unwrap(passphrase))
            times.append(time.perf_counter() - t0)
    except StoreError as exc:
        return None, str(exc) or type(exc).__name__
    return statistics.median(times), (f"Argon2id t={header.time_cost}, m={header.memory_cost // 1024} MiB, "
                                      f"p={header.parallelism}")


# -- report -----------------------------------------------------------------------------------
def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_report(summaries: list[dict[str, Any]], goals: list[dict[str, Any]], info: dict[str, Any]) -> None:
    print()
    print(f"Start-up, {info['runs']} runs per case (+{info['warmup']} warm-up discarded); "
          f"{info['machine']['cpus']} CPUs, load {info['machine']['loadavg_before']}")
    header = f"{'case':<12} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'ratio':>6} {'peak RSS MB':>12}  meetings"
    print(header)
    print("-" * len(header))
    for s in summaries:
        meetings = "-" if s["meetings_reported"] is None else str(s["meetings_reported"])
        if s["expected_meetings"] is not None and s["meetings_reported"] not in (None, s["expected_meetings"]):
            meetings += f" (expected {s['expected_meetings']})"
        print(f"{s['case']:<12} {s['runs']:>4} {_fmt(s['median_s'], '.3f'):>9} {_fmt(s['min_s'], '.3f'):>7} "
              f"{_fmt(s['max_s'], '.3f'):>7} {_fmt(s['ratio'], '.2f'):>6} {_fmt(s['peak_rss_mb_max'], '.1f'):>12}  "
              f"{meetings}")
    kdf = info.get("key_derivation")
    if kdf:
        for name, item in kdf.items():
            if item["seconds"] is not None:
                print(f"  note: unwrapping the key for {name} takes {item['seconds']:.3f} s in-process "
                      f"({item['params']}); it is part of the app's start-up by design.")
    print()
    print("Goals (reported, not asserted):")
    for g in goals:
        print(f"  {g['case']:<10} {g['goal']:<32} {g['value']:<10} {g['verdict']}")
    errors = [s for s in summaries if s["error"]]
    for s in errors:
        print()
        print(f"{s['case']}: NOT MEASURED. {s['error']}")


def evaluate_goals(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    goals = []
    for s in summaries:
        if s["case"] == "baseline":
            continue
        ratio, peak = s["ratio"], s["peak_rss_mb_max"]
        goals.append({"case": s["case"], "goal": f"start-up ratio <= {GOAL_RATIO}",
                      "value": _fmt(ratio, ".2f"),
                      "verdict": "n/a" if ratio is None else ("met" if ratio <= GOAL_RATIO else "NOT MET")})
        goals.append({"case": s["case"], "goal": f"peak RSS <= {GOAL_PEAK_MB:.0f} MB",
                      "value": _fmt(peak, ".1f"),
                      "verdict": "n/a" if peak is None else ("met" if peak <= GOAL_PEAK_MB else "NOT MET")})
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
    parser.add_argument("--size", choices=("small", "large"), default="large",
                        help="the main database (default large); 'large' also runs the small variant")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per case (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded runs per case first (default 1)")
    parser.add_argument("--data-dir", type=Path, help="store to use for --size (generated there if empty); "
                        "default: a cached store under benchmarks/out/stores/")
    parser.add_argument("--seed", type=int, default=synthetic_data.DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for READY (default 120)")
    parser.add_argument("--baseline-only", action="store_true", help="measure the bare window only")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
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
        sizes = ["large", "small"] if args.size == "large" else ["small"]
        for size_name in sizes:
            data_dir, summary = ensure_store(size_name, args.data_dir if size_name == args.size else None,
                                             passphrase, args.seed)
            seconds, params = key_derivation_seconds(data_dir, passphrase)
            kdf[f"app-{size_name}"] = {"seconds": seconds, "params": params}
            env = {**child_env, "EFH_PASSPHRASE": passphrase, "EFH_EXIT_WHEN_READY": "1"}
            cases.append(Case(f"app-{size_name}", [sys.executable, "-m", "efh_desktop", "--data-dir", str(data_dir)],
                              env, data_dir, summary.get("meetings")))
            if seconds is None:
                print(f"warning: the passphrase does not open {data_dir}: {params}", file=sys.stderr)

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
    goals = evaluate_goals(summaries)
    info = {
        "runs": args.runs, "warmup": args.warmup, "size": args.size, "seed": args.seed,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "loadavg_before": [round(x, 2) for x in loadavg] if loadavg else None},
        "key_derivation": kdf, "app_skipped": skipped,
        "peak_rss_method": "os.wait4 ru_maxrss" if hasattr(os, "wait4") else "psutil polling",
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
