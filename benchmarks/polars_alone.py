"""Polars alone doing the aggregations the explorer needs, so the app's overhead is visible.

Run: ``uv run python benchmarks/polars_alone.py [FILE ...] [--runs N] [--json OUT]``
(no FILE: every synthetic dataset in benchmarks/out/, see generate_comtrade.py).

Each file is measured in a fresh interpreter, so its peak RSS (``ru_maxrss``) is its own.
Every query is a LazyFrame over ``pl.scan_parquet``/``pl.scan_csv`` (projection and
predicate pushdown apply) collected in full; the CSV is scanned with the exact schema so
nothing is inferred. Queries, on the value column ``primaryValue``:

a. monthly totals per reporter, partner and flow (the whole file);
a1. one pair's monthly totals per flow (what the first view needs once the pair is known);
b. pairs ranked by total trade (the whole file);
c. one month's HS chapters for one pair and flow, with share and YoY (that month and the
   same month a year before);
d. one chapter's 4-digit headings, same month, pair and flow;
e. one heading's 6-digit codes, same month, pair and flow;
f. one 6-digit code's monthly series for the pair and flow (the sparkline).

The pair is the largest (b), the month the latest, the flow X, the chapter, heading and
code the largest at their level; they are found once before timing. Times are the median
of N runs (default 5) and the first run; peak RSS is the process's running maximum after
each query (after import and before any query: ``baseline``).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_comtrade import COLUMNS, DEFAULT_OUT

VALUE = pl.col("primaryValue")
CODE = pl.col("cmdCode")
QUERIES = {
    "a": "monthly totals per reporter, partner, flow",
    "a1": "one pair's monthly totals per flow",
    "b": "pairs ranked by total trade",
    "c": "one month's chapters (pair, flow)",
    "d": "one chapter's headings",
    "e": "one heading's 6-digit codes",
    "f": "one code's monthly series",
}


def scan(path: Path) -> pl.LazyFrame:
    if path.suffix == ".csv":
        return pl.scan_csv(path, schema=COLUMNS)
    return pl.scan_parquet(path)


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def monthly_totals(lf: pl.LazyFrame) -> pl.DataFrame:
    return (
        lf.group_by("period", "reporterISO", "partnerISO", "flowCode")
        .agg(value=VALUE.sum())
        .sort("period", "reporterISO", "partnerISO", "flowCode")
        .collect()
    )


def pair_monthly(lf: pl.LazyFrame, params: dict) -> pl.DataFrame:
    """What the first view needs once the pair is known: its months by flow."""
    return (
        lf.filter(
            pl.col("reporterISO") == params["reporter"],
            pl.col("partnerISO") == params["partner"],
        )
        .group_by("period", "flowCode")
        .agg(value=VALUE.sum())
        .sort("period", "flowCode")
        .collect()
    )


def pairs_ranked(lf: pl.LazyFrame) -> pl.DataFrame:
    return (
        lf.group_by("reporterISO", "partnerISO")
        .agg(value=VALUE.sum())
        .sort("value", descending=True)
        .collect()
    )


def level(lf: pl.LazyFrame, params: dict, digits: int, prefix: str | None = None) -> pl.DataFrame:
    """Codes of ``digits`` digits under ``prefix`` for the month, pair and flow: value,
    share of the level and YoY against the same month a year before."""
    period, prior = params["period"], params["period"] - 100
    rows = lf.filter(
        pl.col("period").is_in([period, prior]),
        pl.col("reporterISO") == params["reporter"],
        pl.col("partnerISO") == params["partner"],
        pl.col("flowCode") == params["flow"],
    )
    if prefix is not None:
        rows = rows.filter(CODE.str.starts_with(prefix))
    return (
        rows.group_by(code=CODE.str.slice(0, digits))
        .agg(
            value=VALUE.filter(pl.col("period") == period).sum(),
            prior=VALUE.filter(pl.col("period") == prior).sum(),
        )
        .filter(pl.col("value") > 0)
        .with_columns(
            share=pl.col("value") / pl.col("value").sum(),
            yoy=pl.when(pl.col("prior") > 0).then(pl.col("value") / pl.col("prior") - 1),
        )
        .sort("value", descending=True)
        .collect()
    )


def code_series(lf: pl.LazyFrame, params: dict) -> pl.DataFrame:
    return (
        lf.filter(
            pl.col("reporterISO") == params["reporter"],
            pl.col("partnerISO") == params["partner"],
            pl.col("flowCode") == params["flow"],
            pl.col("cmdCode") == params["code"],
        )
        .group_by("period")
        .agg(value=VALUE.sum())
        .sort("period")
        .collect()
    )


def choose_params(lf: pl.LazyFrame) -> dict:
    """The pair, month and codes the drill-down queries use: the largest at each level."""
    top = pairs_ranked(lf).row(0, named=True)
    params = {
        "reporter": top["reporterISO"],
        "partner": top["partnerISO"],
        "flow": "X",
        "period": lf.select(pl.col("period").max()).collect().item(),
    }
    params["chapter"] = level(lf, params, 2)["code"][0]
    params["heading"] = level(lf, params, 4, params["chapter"])["code"][0]
    params["code"] = level(lf, params, 6, params["heading"])["code"][0]
    return params


def measure_file(path: Path, runs: int) -> dict:
    """Time every query on one file (in this process)."""
    lf = scan(path)
    baseline = peak_rss_mb()
    params = choose_params(lf)
    jobs: dict[str, Callable[[], pl.DataFrame]] = {
        "a": lambda: monthly_totals(lf),
        "a1": lambda: pair_monthly(lf, params),
        "b": lambda: pairs_ranked(lf),
        "c": lambda: level(lf, params, 2),
        "d": lambda: level(lf, params, 4, params["chapter"]),
        "e": lambda: level(lf, params, 6, params["heading"]),
        "f": lambda: code_series(lf, params),
    }
    results = {}
    for key, job in jobs.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            frame = job()
            times.append(time.perf_counter() - start)
        results[key] = {
            "query": QUERIES[key],
            "median_s": statistics.median(times),
            "first_s": times[0],
            "rows_out": frame.height,
            "peak_rss_mb": peak_rss_mb(),
        }
    return {
        "file": str(path),
        "format": path.suffix.lstrip("."),
        "bytes": path.stat().st_size,
        "params": params,
        "runs": runs,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": peak_rss_mb(),
        "queries": results,
    }


def measure_in_subprocess(path: Path, runs: int) -> dict:
    """One file in a fresh interpreter, so its peak RSS is not another file's."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(path), "--runs", str(runs)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        return {"file": str(path), "error": out.stderr.strip().splitlines()[-1:]}
    return json.loads(out.stdout)


def default_files(out: Path) -> list[Path]:
    order = {"100k": 0, "1m": 1, "10m": 2}

    def key(p: Path) -> tuple:
        return (order.get(p.stem.rsplit("-", 1)[-1], 9), p.suffix != ".parquet")

    files = [
        *out.glob("synthetic-comtrade-hs6-*.parquet"),
        *out.glob("synthetic-comtrade-hs6-*.csv"),
    ]
    return sorted(files, key=key)


def table(results: list[dict]) -> str:
    lines = [
        "| file | " + " | ".join(f"{k}. {v}" for k, v in QUERIES.items()) + " | peak RSS |",
        "| --- " * (len(QUERIES) + 2) + "|",
    ]
    for r in results:
        name = Path(r["file"]).name.removeprefix("synthetic-comtrade-hs6-")
        if "error" in r:
            lines.append(f"| {name} | error: {' '.join(r['error'])} |")
            continue
        cells = [f"{r['queries'][k]['median_s'] * 1000:.0f} ms" for k in QUERIES]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {r['peak_rss_mb']:.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_file(args.one, args.runs)))
        return
    files = args.files or default_files(DEFAULT_OUT)
    if not files:
        sys.exit(f"no data: run benchmarks/generate_comtrade.py first (looked in {DEFAULT_OUT})")
    results = []
    for path in files:
        print(f"polars alone: {path.name} …", file=sys.stderr)
        results.append(measure_in_subprocess(path, args.runs))
    print(f"polars {pl.__version__}, Python {platform.python_version()}, median of {args.runs}\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
