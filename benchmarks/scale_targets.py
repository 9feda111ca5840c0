"""The scale targets: tradetui against polars alone, side by side in the same run.

Run: ``uv run python benchmarks/scale_targets.py [--sets 10m 10m-csv 100m 1b] [--runs N]``
after generating the data (``generate_comtrade.py --sizes 10m`` for the 10 M file and CSV,
``generate_big.py --sizes 100m 1b`` for the Hive-partitioned sets). Writes
``benchmarks/out/scale_targets.json`` and prints a Markdown table.

For each set, each in a fresh interpreter:

- polars alone, all pairs: ``scan → group_by(period, reporter, partner, flow).sum()``,
  the least any tool must do before it can rank the pairs and show one; and polars alone
  for one pair (its two directions), with the filter pushed down;
- tradetui (benchmarks/app_level.py, 120×40 headless): launch → the monthly table with
  rows (the pair first on Parquet), launch → every pair read, the drill steps, cursor
  moves and the peak RSS; once with the default pair and once with ``--pair`` given;
- ``load_dataset`` alone (what ``tradetui validate`` does): time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import app_level  # noqa: E402
from generate_comtrade import DEFAULT_OUT  # noqa: E402

SETS = {
    "10m": "synthetic-comtrade-hs6-10m.parquet",
    "10m-csv": "synthetic-comtrade-hs6-10m.csv",
    "100m": "big-100m",
    "1b": "big-1b",
}
GIVEN = ("RUS", "CHN")  # a pair given on the command line (not the default China → Russia)

_POLARS = """
import resource, sys, time
import polars as pl
sys.path.insert(0, {here!r})
from generate_comtrade import COLUMNS
path, pair = {path!r}, {pair!r}
start = time.perf_counter()
if path.endswith(".csv"):
    lf = pl.scan_csv(path, schema=COLUMNS)
elif path.endswith(".parquet"):
    lf = pl.scan_parquet(path)
else:
    lf = pl.scan_parquet(path + "/**/*.parquet", hive_partitioning=True)
keys = ["period", "reporterISO", "partnerISO", "flowCode"]
if pair:
    lf = lf.filter(pl.col("reporterISO").is_in(pair), pl.col("partnerISO").is_in(pair))
rows = lf.group_by(keys).agg(pl.col("primaryValue").sum()).collect().height
print(time.perf_counter() - start, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

_LOAD = """
import resource, sys, time
start = time.perf_counter()
from tradetui.data.load import load_dataset
dataset = load_dataset({path!r})
rows = dataset.trade.collect().height
print(time.perf_counter() - start, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _fresh(code: str) -> dict:
    """Run ``code`` in a new interpreter; (seconds from its start, rows, peak RSS MB)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    seconds, rows, rss = done.stdout.split()
    return {
        "seconds": float(seconds),
        "process_s": time.perf_counter() - started,  # the interpreter's start included
        "rows": int(rows),
        "peak_rss_mb": float(rss),
    }


def measure(name: str, path: Path, runs: int, presses: int) -> dict:
    pair = list(GIVEN)
    result = {"set": name, "path": str(path)}
    print(f"{name}: polars alone", file=sys.stderr, flush=True)
    result["polars_all"] = [
        _fresh(_POLARS.format(here=str(HERE), path=str(path), pair=None)) for _ in range(runs)
    ]
    result["polars_pair"] = [
        _fresh(_POLARS.format(here=str(HERE), path=str(path), pair=pair)) for _ in range(runs)
    ]
    print(f"{name}: load_dataset", file=sys.stderr, flush=True)
    result["load"] = _fresh(_LOAD.format(path=str(path)))
    print(f"{name}: the app", file=sys.stderr, flush=True)
    result["app"] = app_level.measure_in_subprocess(path, presses=presses, runs=runs)
    result["app_pair_given"] = app_level.measure_in_subprocess(
        path, presses=presses, runs=runs, pair=GIVEN
    )
    return result


def _median(values: list[float]) -> float | None:
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def table(results: list[dict]) -> str:
    def polars(r: dict, key: str) -> float | None:
        return _median([run.get("process_s") for run in r[key]])

    def step(app: dict, name: str, key: str = "shown_s") -> float | None:
        return app.get("steps", {}).get(name, {}).get(key)

    def s(value: float | None) -> str:
        if value is None:
            return "—"
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"

    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}×" if a and b else "—"

    lines = [
        "| set | polars all pairs | tradetui, table (pair first) | every pair read | ratio "
        "| polars one pair | pair given: table | ratio | month / chapters / headings "
        "| cursor (median) | peak RSS |",
        "| --- " * 11 + "|",
    ]
    for r in results:
        app, given = r["app"], r["app_pair_given"]
        all_pairs, one_pair = polars(r, "polars_all"), polars(r, "polars_pair")
        complete = step(app, "complete")
        drills = " / ".join(
            s(step(app, n)) for n in ("drill_month", "drill_chapters", "drill_chapter")
        )
        lines.append(
            f"| {r['set']} | {s(all_pairs)} | {s(step(app, 'launch'))} | {s(complete)} "
            f"| {ratio(complete, all_pairs)} | {s(one_pair)} | {s(step(given, 'launch'))} "
            f"| {ratio(step(given, 'launch'), one_pair)} | {drills} "
            f"| {s(step(app, 'main_nav', 'median_s'))} | {app.get('peak_rss_mb', 0):.0f} MB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=tuple(SETS), default=list(SETS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args(argv)
    target = args.out / "scale_targets.json"
    previous = json.loads(target.read_text()) if target.exists() else {}
    for name in args.sets:
        path = args.out / SETS[name]
        if not path.exists():
            print(f"{name}: {path} missing, generate it first", file=sys.stderr)
            continue
        runs = 1 if name == "1b" else args.runs
        previous[name] = measure(name, path, runs, args.presses)
        target.write_text(json.dumps(previous, indent=1))
    print(table([previous[n] for n in SETS if n in previous]))


if __name__ == "__main__":
    main()
