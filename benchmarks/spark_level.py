"""The explorer on a Spark Connect table and on the same Parquet file read by polars, side
by side: launch → monthly table, month, chapters, a chapter's headings, and the client's
peak memory.

Run: ``uv run --no-sync python benchmarks/spark_level.py FILE.parquet sc://HOST:PORT [--runs N]``
(the server must read FILE at the same path: a local server, scripts/spark-connect-server).
Each session is a fresh interpreter running benchmarks/app_level.py's ``measure_app`` (the
same steps and the same repaint rule as the app-level benchmarks); figures are medians,
peak RSS the largest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ("launch", "drill_month", "drill_chapters", "drill_chapter")

_SESSION = """
import asyncio, json, sys
sys.path.insert(0, {here!r})
import app_level
print(json.dumps(asyncio.run(app_level.measure_app({source!r}, {started!r}, 5))))
"""


def session(source: str) -> dict:
    started = time.time()
    code = _SESSION.format(here=str(HERE), source=source, started=started)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        return {"not_available": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(lines[-1])


def row(name: str, sessions: list[dict]) -> str:
    cells = [name]
    for step in STEPS:
        found = [s["steps"][step]["shown_s"] for s in sessions if step in s.get("steps", {})]
        cells.append(f"{statistics.median(found):.2f} s" if found else "n/a")
    rss = [s["peak_rss_mb"] for s in sessions if "peak_rss_mb" in s]
    cells.append(f"{max(rss):.0f} MB" if rss else "n/a")
    missing = [s["not_available"] for s in sessions if "not_available" in s]
    if missing:
        cells.append(missing[0])
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("remote", help="sc://HOST:PORT of a server that reads FILE")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sources = {
        "polars (local file)": str(args.file),
        "Spark Connect": f"{args.remote.rstrip('/')}/parquet.`{args.file.resolve()}`",
    }
    print("| backend | " + " | ".join(STEPS) + " | client peak RSS |")
    print("| --- " * (len(STEPS) + 2) + "|")
    for name, source in sources.items():
        sessions = [session(source) for _ in range(args.runs)]
        print(row(name, sessions), flush=True)
        print(json.dumps(sessions), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
