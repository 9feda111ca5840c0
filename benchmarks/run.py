"""The scale benchmarks of issue 5, end to end: data, polars alone, tables, the app.

Run: ``uv run python benchmarks/run.py`` (or ``benchmarks/run.sh``), options below.
Not part of the test suite. On 2 cores the whole run takes about 11 minutes (2 more to
generate the data), most of it the 10 M-row CSV and Textual's DataTable at 100 k rows.

1. generates the synthetic Comtrade-shaped files that are missing (generate_comtrade.py:
   100 k, 1 M and 10 M rows, Parquet and CSV, seeded) under ``--out``;
2. times polars alone on each file (polars_alone.py);
3. times Textual's DataTable against textual-fastdatatable (tables.py), the latter laid
   over the project's environment by ``uv run --with`` for that run only;
4. runs the app-level measurements (app_level.py) on each Parquet file (``--app-csv``
   adds the CSVs); they report "not available" for any piece the app does not have yet.

Writes ``OUT/results.json`` (everything, machine included; a part left out with ``--skip``
keeps its figures from the previous run) and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import app_level  # noqa: E402
import generate_comtrade  # noqa: E402
import polars_alone  # noqa: E402
import tables  # noqa: E402

FDT = "textual-fastdatatable==0.19.5"


def machine() -> dict:
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    with open("/proc/meminfo") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024**2, 1)
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu_model": cpu,
        "python": platform.python_version(),
        "polars": importlib.metadata.version("polars"),
        "textual": importlib.metadata.version("textual"),
        "platform": platform.platform(),
    }


def run_tables(out: Path, rows: list[int], presses: int) -> dict:
    """tables.py with textual-fastdatatable laid over the environment; without it if uv
    cannot provide it (then fastdatatable reports "not installed")."""
    target = out / "tables.json"
    script = str(HERE / "tables.py")
    args = ["--rows", *map(str, rows), "--presses", str(presses), "--json", str(target)]
    commands = []
    if shutil.which("uv"):
        commands.append(["uv", "run", "--with", FDT, "python", script, *args])
    commands.append([sys.executable, script, *args])
    for command in commands:
        target.unlink(missing_ok=True)
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if done.returncode == 0 and target.exists():
            print(done.stdout)
            return json.loads(target.read_text())
    return {"error": "tables.py failed", "results": []}


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def app_table(results: list[dict]) -> str:
    """Shown (first frame with the rows) and, in brackets, settled (screen quiet)."""
    lines = [
        "| file | launch → monthly table | enter: month | c: chapters | enter: headings "
        "| nav repaint, main (median) | nav repaint, headings (median) | peak RSS | note |",
        "| --- " * 9 + "|",
    ]
    for r in results:
        s = r.get("steps", {})

        def shown(step: str, s: dict = s) -> str:
            if step not in s:
                return "—"
            return f"{seconds(s[step]['shown_s'])} ({seconds(s[step]['settled_s'])})"

        def nav(step: str, s: dict = s) -> str:
            return seconds(s[step]["median_s"]) if step in s else "—"

        notes = [r.get("note", "")]
        if "not_available" in r:
            notes.append("not available: " + r["not_available"])
        lines.append(
            f"| {Path(r['file']).name.removeprefix('synthetic-comtrade-hs6-')} "
            f"| {shown('launch')} | {shown('drill_month')} | {shown('drill_chapters')} "
            f"| {shown('drill_chapter')} | {nav('main_nav')} | {nav('commodity_nav')} "
            f"| {r.get('peak_rss_mb', 0):.0f} MB | {'; '.join(n for n in notes if n)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=generate_comtrade.DEFAULT_OUT)
    parser.add_argument("--sizes", nargs="+", default=list(generate_comtrade.SIZES))
    parser.add_argument("--runs", type=int, default=5, help="polars alone: runs per query")
    parser.add_argument("--presses", type=int, default=15, help="key presses per measure")
    parser.add_argument("--table-rows", nargs="+", type=int, default=tables.ROWS)
    parser.add_argument("--skip", nargs="*", default=[], choices=["polars", "tables", "app"])
    parser.add_argument("--app-csv", action="store_true", help="also run the app on the CSVs")
    parser.add_argument("--app-runs", type=int, default=3, help="app sessions per file (median)")
    args = parser.parse_args(argv)
    started = time.time()

    sizes = [generate_comtrade.parse_size(s) for s in args.sizes]
    files = {n: generate_comtrade.ensure(args.out, n) for n in sizes}
    target = args.out / "results.json"
    # A part skipped keeps its figures from the last run that measured it.
    previous = json.loads(target.read_text()) if target.exists() else {}
    results: dict = {
        **{k: v for k, v in previous.items() if k in ("polars_alone", "tables", "app")},
        "machine": machine(),
        "seed": generate_comtrade.SEED,
        "command": "uv run python benchmarks/run.py " + " ".join(argv or sys.argv[1:]),
        "files": {
            generate_comtrade.size_label(n): {
                fmt: {"path": str(p), "bytes": p.stat().st_size} for fmt, p in paths.items()
            }
            for n, paths in files.items()
        },
    }
    m = results["machine"]
    print(
        f"{m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB, Python {m['python']}, "
        f"polars {m['polars']}, textual {m['textual']}\n"
    )

    if "polars" not in args.skip:
        alone = []
        for paths in files.values():
            for path in paths.values():
                print(f"polars alone: {path.name} …", file=sys.stderr)
                alone.append(polars_alone.measure_in_subprocess(path, args.runs))
        results["polars_alone"] = alone
        print(f"## polars alone (median of {args.runs})\n")
        print(polars_alone.table(alone) + "\n")

    if "tables" not in args.skip:
        print("## tables\n")
        results["tables"] = run_tables(args.out, args.table_rows, args.presses)

    if "app" not in args.skip:
        app = []
        for paths in files.values():
            for fmt, path in paths.items():
                if fmt == "csv" and not args.app_csv:
                    continue
                print(f"app: {path.name} …", file=sys.stderr)
                app.append(app_level.measure_in_subprocess(path, args.presses, args.app_runs))
        results["app"] = {"targets": app_level.TARGETS, "runs": args.app_runs, "results": app}
        print(
            f"## app (median of {args.app_runs} sessions; shown, in brackets settled; "
            "targets: launch ≤ 2 s at 10 M Parquet, drill ≤ 150 ms, navigation ≤ 50 ms "
            "median, peak ≤ 1.5 GB)\n"
        )
        print(app_table(app) + "\n")

    results["seconds"] = time.time() - started
    target.write_text(json.dumps(results, indent=2))
    print(f"results: {target} ({results['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
