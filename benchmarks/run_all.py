"""Every benchmark, one command, one table.

    python -m benchmarks.run_all --size small      # the CI smoke test: each benchmark once, quickly
    python -m benchmarks.run_all --size large      # the figures on the large store
    python -m benchmarks.run_all --size xlarge     # large and extra-large side by side (ratios)
    python -m benchmarks.run_all --only screens,capture --json benchmarks/out/all.json

Each benchmark runs in its own process with ``--json`` (Qt, encrypted engines and exit paths stay
apart), after the synthetic stores it needs are found in the cache or built (the build time is a
row of the table). The table has one row per figure: benchmark, case, size(s), value, baseline or
ratio, goal and verdict (met / NOT MET / - when no goal applies). Figures are never asserted: the
exit status is non-zero only when a benchmark crashed or could not measure, which is what the CI
smoke test checks.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import synthetic_data

ROOT = Path(__file__).resolve().parent.parent

# size -> (stores to build, per-benchmark arguments)
PROFILES: dict[str, dict[str, Any]] = {
    "small": {"stores": ["small"], "startup": ["--size", "small", "--runs", "1", "--warmup", "0"],
              "search": ["--size", "small", "--queries", "5"],
              "capture": ["--sizes", "small", "--records", "20", "--baseline", "10"],
              "screens": ["--sizes", "small", "--repeats", "1", "--targets", "2"],
               "export": ["--children", "4", "--actions", "20", "--notes", "40", "--warm", "0.5", "--rounds", "1"],
               "ecomap": ["--repeats", "3"]},
    "large": {"stores": ["small", "large"], "startup": ["--size", "large"], "search": ["--size", "large"],
              "capture": ["--sizes", "large", "--records", "500"],
              "screens": ["--sizes", "small,large"], "export": [], "ecomap": []},
    "xlarge": {"stores": ["large", "xlarge"], "startup": ["--size", "xlarge"], "search": ["--size", "xlarge"],
               "capture": ["--sizes", "large,xlarge", "--records", "500"],
               "screens": ["--sizes", "large,xlarge"], "export": [], "ecomap": []},
}
MODULES = {"startup": "benchmarks.startup", "search": "benchmarks.search_bench", "capture": "benchmarks.capture_bench",
           "screens": "benchmarks.screens_bench", "export": "benchmarks.export_bench",
           "ecomap": "benchmarks.ecomap_bench"}


def _f(value: Any, spec: str = ".2f") -> str:
    if value is None or value == "":
        return "-"
    return format(value, spec) if isinstance(value, int | float) else str(value)


# -- turning each benchmark's JSON into rows --------------------------------------------------------
Row = dict[str, Any]


def rows_startup(data: dict[str, Any]) -> list[Row]:
    rows = []
    goals = {(g["case"], g["goal"].split()[0]): g for g in data.get("goals", [])}
    for s in data.get("summaries", []):
        app = s["case"] not in ("baseline", "floor")
        if app and s.get("paint_median_s") is not None:
            rows.append({"bench": "startup", "case": f"{s['case']} first paint", "size": "",
                         "value": s["paint_median_s"], "unit": "s", "ratio": s.get("paint_ratio"),
                         "vs": "bare window", "goal": "ratio <= 2.0",
                         "verdict": goals.get((s["case"], "first"), {}).get("verdict", "-")})
        rows.append({"bench": "startup", "case": f"{s['case']} list filled" if app else s["case"], "size": "",
                     "value": s["median_s"], "unit": "s",
                     "ratio": s.get("floor_ratio") if app else s["ratio"], "vs": "floor" if app else "bare window",
                     "goal": "ratio <= 1.5" if app else "",
                     "verdict": goals.get((s["case"], "list"), {}).get("verdict", "-") if app else "-"})
        if app:
            rows.append({"bench": "startup", "case": f"{s['case']} peak RSS", "size": "", "value": s["peak_rss_mb_max"],
                         "unit": "MB", "ratio": None, "vs": "", "goal": "<= 300 MB",
                         "verdict": goals.get((s["case"], "peak"), {}).get("verdict", "-")})
    return rows


def rows_search(data: dict[str, Any]) -> list[Row]:
    size = data.get("info", {}).get("size", "")
    goal = data.get("info", {}).get("goal", {})
    rows = []
    for s in data.get("summary", []):
        is_name = s["case"] == "name"
        rows.append({"bench": "search", "case": f"{s['case']} p50", "size": size, "value": s["p50_ms"], "unit": "ms",
                     "ratio": s["ratio_p50"], "vs": "count(*)", "goal": "", "verdict": "-"})
        rows.append({"bench": "search", "case": f"{s['case']} p99", "size": size, "value": s["p99_ms"], "unit": "ms",
                     "ratio": s["ratio_p99"], "vs": "count(*)", "goal": "<= 100 ms" if is_name else "",
                     "verdict": goal.get("verdict", "-") if is_name else "-"})
    return rows


def rows_capture(data: dict[str, Any]) -> list[Row]:
    rows = []
    for r in data.get("rows", []):
        if not (r["case"].startswith("all,") or r["case"].startswith("raw")):
            continue
        for q in ("p50", "p99"):
            rows.append({"bench": "capture", "case": f"{r['case']} {q}", "size": r["size"], "value": r[f"{q}_ms"],
                         "unit": "ms", "ratio": r["ratio_p50"] if q == "p50" else None, "vs": "raw commit",
                         "goal": r["goal"] if q == "p99" else "", "verdict": r["verdict"] if q == "p99" else "-"})
    for size, problems in (data.get("failures") or {}).items():
        rows.append({"bench": "capture", "case": "records not shown", "size": size, "value": len(problems),
                     "unit": "", "ratio": None, "vs": "", "goal": "0", "verdict": "NOT MET"})
    return rows


def rows_screens(data: dict[str, Any]) -> list[Row]:
    sizes = data.get("sizes", [])
    small, big = sizes[0], sizes[-1]
    rows = []
    for r in data.get("rows", []):
        rows.append({"bench": "screens", "case": r["case"], "size": f"{small}→{big}" if len(sizes) > 1 else small,
                     "value": r.get(f"{big}_ms"), "unit": "ms", "small": r.get(f"{small}_ms"),
                     "ratio": r.get("ratio"), "vs": small if len(sizes) > 1 else "", "goal": r["goal"],
                     "verdict": r["verdict"]})
    return rows


def rows_export(data: dict[str, Any]) -> list[Row]:
    return [{"bench": "export", "case": f"{data['files']} copies", "size": "", "value": data["total_s"], "unit": "s",
             "ratio": data["ratio_to_baseline"], "vs": "full minutes", "goal": f"<= {data['goal_s']:.0f} s",
             "verdict": "met" if data["met"] else "NOT MET"},
            {"bench": "export", "case": f"{data['files']} copies, one process", "size": "",
             "value": data["single_process_s"], "unit": "s", "ratio": data["single_process_s"] / data["baseline_full_pdf_s"],
             "vs": "full minutes", "goal": "", "verdict": "-"},
            {"bench": "export", "case": f"{data['files']} copies, {data['workers']} workers", "size": "",
             "value": data["pool_s"], "unit": "s", "ratio": data["pool_ratio"], "vs": "one process",
             "goal": f"<= {data['goal_pool_ratio']}x", "verdict": "met" if data["pool_met"] else "NOT MET"},
            {"bench": "export", "case": "planning", "size": "", "value": data["plan_s"], "unit": "s", "ratio": None,
             "vs": "", "goal": "", "verdict": "-"}]


def rows_ecomap(data: dict[str, Any]) -> list[Row]:
    size = f"{data['nodes']} nodes/{data['edges']} links"
    return [{"bench": "ecomap", "case": "build + draw", "size": size, "value": data["total_ms"], "unit": "ms",
             "ratio": data["ratio_to_baseline"], "vs": "plain shapes", "goal": f"<= {data['goal_total_ms']:.0f} ms",
             "verdict": "met" if data["total_met"] else "NOT MET"},
            {"bench": "ecomap", "case": "first of the session (cold)", "size": size, "value": data["first_total_ms"],
             "unit": "ms", "ratio": None, "vs": "", "goal": "", "verdict": "-"},
            {"bench": "ecomap", "case": "build (links + layout)", "size": size, "value": data["build_ms"], "unit": "ms",
             "ratio": None, "vs": "", "goal": "", "verdict": "-"},
            {"bench": "ecomap", "case": "drag step p50", "size": size, "value": data["drag_p50_ms"], "unit": "ms",
             "ratio": None, "vs": "", "goal": "", "verdict": "-"},
            {"bench": "ecomap", "case": "drag step p99", "size": size, "value": data["drag_p99_ms"], "unit": "ms",
             "ratio": None, "vs": "", "goal": f"<= {data['goal_drag_p99_ms']:.0f} ms",
             "verdict": "met" if data["drag_met"] else "NOT MET"}]


ADAPTERS: dict[str, Callable[[dict[str, Any]], list[Row]]] = {
    "startup": rows_startup, "search": rows_search, "capture": rows_capture, "screens": rows_screens,
    "export": rows_export, "ecomap": rows_ecomap}


def run(name: str, args: list[str], out: Path, timeout: float) -> tuple[list[Row], str]:
    cmd = [sys.executable, "-m", MODULES[name], *args, "--json", str(out)]
    print(f"$ {' '.join(cmd[1:])}", flush=True)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, timeout=timeout, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    except subprocess.TimeoutExpired:
        return [], f"{name}: no result within {timeout:.0f} s"
    took = time.perf_counter() - started
    lines = [ln for ln in proc.stdout.splitlines() if "propagateSizeHints" not in ln]
    print("\n".join("  " + ln for ln in lines[-40:]), flush=True)
    if proc.returncode != 0 or not out.exists():
        return [], f"{name}: exit status {proc.returncode} after {took:.0f} s"
    try:
        return ADAPTERS[name](json.loads(out.read_text(encoding="utf-8"))), ""
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        return [], f"{name}: its results could not be read ({type(exc).__name__}: {exc})"


def print_table(rows: list[Row]) -> None:
    print()
    header = (f"{'benchmark':<9} {'case':<34} {'size':<14} {'value':>10} {'unit':<4} {'ratio':>8} {'vs':<12} "
              f"{'goal':<14} verdict")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['bench']:<9} {r['case'][:34]:<34} {r['size'][:14]:<14} {_f(r['value']):>10} {r['unit']:<4} "
              f"{_f(r['ratio']):>8} {r['vs'][:12]:<12} {r['goal'][:14]:<14} {r['verdict']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_all", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=tuple(PROFILES), default="small")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(MODULES)}")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per benchmark (default 3600)")
    parser.add_argument("--json", type=Path, help="also write every row to this file")
    args = parser.parse_args(argv)
    profile = PROFILES[args.size]
    chosen = [n for n in MODULES if not args.only or n in args.only.split(",")]

    rows: list[Row] = []
    problems: list[str] = []
    for size in profile["stores"]:
        cached = synthetic_data.is_cached(size)
        try:
            _folder, summary = synthetic_data.cached_store(size, progress=lambda line: print(line, flush=True))
        except Exception as exc:  # noqa: BLE001 - reported, and the run fails
            problems.append(f"synthetic {size}: {type(exc).__name__}: {exc}")
            continue
        rows.append({"bench": "data", "case": f"build {size} ({summary['total_rows']:,} rows)", "size": size,
                     "value": summary["total_seconds"], "unit": "s", "ratio": None,
                     "vs": "cached" if cached else "built now", "goal": "", "verdict": "-"})
    with tempfile.TemporaryDirectory(prefix="efh-run-all-") as scratch:
        for name in chosen:
            found, problem = run(name, profile[name], Path(scratch) / f"{name}.json", args.timeout)
            rows += found
            if problem:
                problems.append(problem)
    print_table(rows)
    if problems:
        print()
        for problem in problems:
            print(f"FAILED: {problem}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"size": args.size, "rows": rows, "problems": problems}, indent=2) + "\n",
                             encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
