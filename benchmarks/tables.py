"""Textual's DataTable against textual-fastdatatable, filled from a polars DataFrame.

Run: ``uv run --with textual-fastdatatable==0.19.5 python benchmarks/tables.py
[--rows 100 1000 10000 100000] [--presses N] [--repeats N] [--json OUT]``.
textual-fastdatatable is not a project dependency: ``--with`` lays it (and pyarrow, which
it needs) over the project's environment for this run only; without it, only Textual's
DataTable is measured.

For each widget and row count, in a fresh interpreter (so peak RSS is that case's own),
a headless app (``App.run_test``, 120×40) shows one table of 8 columns:
- ``first table``: a 10-row table, the first in the process, which pays the one-off
  costs (lazy imports, style caches); it is then removed;
- ``show``: from mounting the widget (Textual's DataTable: mount, add_columns, then
  add_rows from ``DataFrame.iter_rows()``; fastdatatable: ``DataTable(data=frame)``, its
  polars backend) to the last repaint once the screen is quiet; median of ``--repeats``
  (one, if a show takes over 10 s);
- ``down``: ``down`` pressed N times from the top row (the cursor moves inside the view);
  ``page``: ``pagedown`` N times then ``pageup`` N times (each draws rows not drawn
  before); from the key press to the first repaint after it, median and max over the
  presses that repainted (at the end of a short table a press moves nothing).
A repaint is a call of ``App._display`` with an update: the compositor has rendered the
changed lines (headless, nothing is written to a terminal).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.widget import Widget

SEED = 20240501
ROWS = [100, 1_000, 10_000, 100_000]
WIDGETS = ["DataTable", "fastdatatable"]
FDT_REQUIREMENT = "textual-fastdatatable==0.19.5"
QUIET_S = 0.08  # no repaint for this long: the screen has settled


def frame(rows: int, seed: int = SEED) -> pl.DataFrame:
    """8 columns like a commodity table: period, pair, flow, code, description, value, share."""
    rng = np.random.default_rng([seed, rows])
    codes = pl.Series(rng.integers(10_000, 979_999, rows)).cast(pl.String).str.zfill(6)
    value = np.round(np.exp(rng.normal(13.0, 2.0, rows)), 2)
    return pl.DataFrame(
        {
            "period": pl.Series(rng.integers(2019, 2025, rows) * 100 + rng.integers(1, 13, rows))
            .cast(pl.String)
            .str.slice(0, 4)
            + "-"
            + pl.Series(rng.integers(1, 13, rows)).cast(pl.String).str.zfill(2),
            "reporter": rng.choice(["CHN", "RUS", "KAZ", "MNG", "DEU", "USA"], rows),
            "partner": rng.choice(["CHN", "RUS", "IND", "TUR", "JPN", "KOR"], rows),
            "flow": rng.choice(["export", "import"], rows),
            "hs_code": codes,
            "description": "SYNTHETIC subheading " + codes,
            "value": value,
            "share": np.round(value / value.sum() * 100, 4),
        }
    )


class TableBench(App):
    """An empty host; records when each repaint happens."""

    CSS = "#host { height: 1fr; } #host > * { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.paints: list[float] = []

    def compose(self) -> ComposeResult:
        yield Container(id="host")

    def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        super()._display(screen, renderable)
        if renderable is not None:
            self.paints.append(time.perf_counter())


async def settle(app: TableBench, since: float, limit: float = 300.0) -> tuple[float, float]:
    """(first, last) repaint after ``since``, in seconds, once nothing repaints for QUIET_S.

    Polling on a short timer is the point here: a repaint is what is being timed.
    """
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        count = len(app.paints)
        await asyncio.sleep(QUIET_S)
        if len(app.paints) == count:
            break
    after = [t - since for t in app.paints if t >= since]
    if not after:
        return float("nan"), float("nan")
    return after[0], after[-1]


async def _measure(widget: str, rows: int, presses: int, repeats: int) -> dict:
    data = frame(rows)
    app = TableBench()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        host = app.query_one("#host")
        # Imported before the clock starts: importing pyarrow alone takes ~0.4 s.
        if widget == "DataTable":
            from textual.widgets import DataTable
        else:
            from textual_fastdatatable import DataTable as FastDataTable

        async def show(rows: pl.DataFrame) -> tuple[Widget, float, float]:
            start = time.perf_counter()
            if widget == "DataTable":
                table = DataTable()
                await host.mount(table)
                table.add_columns(*rows.columns)
                table.add_rows(rows.iter_rows())
            else:
                table = FastDataTable(data=rows)
                await host.mount(table)
            fill = time.perf_counter() - start
            table.focus()
            _, shown = await settle(app, start)
            return table, fill, shown

        # The first table in a process pays one-off costs (lazy imports, caches): a
        # 10-row table takes them, and is timed as ``cold_show``.
        warm, _, cold = await show(data.head(10))
        await warm.remove()
        fills, shows = [], []
        for attempt in range(repeats):
            table, fill, shown = await show(data)
            fills.append(fill)
            shows.append(shown)
            # One slow show says enough (Textual's DataTable takes ~40 s at 100 k rows).
            if attempt < repeats - 1 and shown < 10:
                await table.remove()
            else:
                break
        keys = {}
        # down from the top row: the cursor moves inside the view. page: pagedown N times
        # then pageup N times, each showing rows not drawn before. A press that moved
        # nothing (at the end of a short table) does not repaint and is not counted.
        sequences = {
            "down": ["down"] * presses,
            "page": ["pagedown"] * presses + ["pageup"] * presses,
        }
        for name, sequence in sequences.items():
            firsts, lasts = [], []
            for key in sequence:
                t0 = time.perf_counter()
                await pilot.press(key)
                first, last = await settle(app, t0)
                if first == first:  # not NaN: it repainted
                    firsts.append(first)
                    lasts.append(last)
            keys[name] = {
                "presses_repainted": len(firsts),
                "first_repaint_median_s": statistics.median(firsts) if firsts else None,
                "first_repaint_max_s": max(firsts) if firsts else None,
                "settled_median_s": statistics.median(lasts) if lasts else None,
            }
        cursor = table.cursor_coordinate.row
    return {
        "widget": widget,
        "rows": rows,
        "columns": data.width,
        "cold_show_10_rows_s": cold,
        "fill_s": statistics.median(fills),
        "show_s": statistics.median(shows),
        "shows_s": shows,
        "keys": keys,
        "cursor_row_after": cursor,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def fastdatatable_version() -> str | None:
    try:
        return importlib.metadata.version("textual-fastdatatable")
    except importlib.metadata.PackageNotFoundError:
        return None


def run_case(widget: str, rows: int, presses: int, repeats: int) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--one",
            widget,
            str(rows),
            "--presses",
            str(presses),
            "--repeats",
            str(repeats),
        ],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["failed"])[-1]
        return {"widget": widget, "rows": rows, "error": last}
    return json.loads(out.stdout)


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(results: list[dict]) -> str:
    lines = [
        "| widget | rows | show (median) | down: repaint median / max "
        "| pagedown/up: repaint median / max | first table (10 rows) | peak RSS |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['widget']} | {r['rows']:,} | not available: {r['error']} |")
            continue
        down, page = r["keys"]["down"], r["keys"]["page"]
        lines.append(
            f"| {r['widget']} | {r['rows']:,} | {ms(r['show_s'])} "
            f"| {ms(down['first_repaint_median_s'])} / {ms(down['first_repaint_max_s'])} "
            f"| {ms(page['first_repaint_median_s'])} / {ms(page['first_repaint_max_s'])} "
            f"| {ms(r['cold_show_10_rows_s'])} | {r['peak_rss_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def run(rows: list[int], presses: int, repeats: int = 3) -> dict:
    version = fastdatatable_version()
    results = []
    for widget in WIDGETS:
        for n in rows:
            if widget == "fastdatatable" and version is None:
                results.append(
                    {"widget": widget, "rows": n, "error": f"not installed ({FDT_REQUIREMENT})"}
                )
                continue
            print(f"tables: {widget} × {n:,} rows …", file=sys.stderr)
            results.append(run_case(widget, n, presses, repeats))
    return {
        "textual": importlib.metadata.version("textual"),
        "polars": pl.__version__,
        "textual_fastdatatable": version,
        "python": platform.python_version(),
        "presses": presses,
        "repeats": repeats,
        "results": results,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", nargs="+", type=int, default=ROWS)
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--repeats", type=int, default=3, help="shows per case (median)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", nargs=2, metavar=("WIDGET", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        widget, rows = args.one
        print(json.dumps(asyncio.run(_measure(widget, int(rows), args.presses, args.repeats))))
        return
    report = run(args.rows, args.presses, args.repeats)
    print(
        f"textual {report['textual']}, textual-fastdatatable {report['textual_fastdatatable']},"
        f" polars {report['polars']}, 8 columns, 120×40, median of {args.presses} presses\n"
    )
    print(table(report["results"]))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
