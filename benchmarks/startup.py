"""Start-up benchmark: how soon the explorer draws, and how soon the data is on screen.

Run: ``uv run python benchmarks/startup.py [--runs N]``. Prints a Markdown table; the
numbers in benchmarks/RESULTS.md were produced by this script.

Measured, each as the median of N runs:
- ``import``: a fresh interpreter importing tradetui.app (what a user waits for before
  Textual can draw anything; polars is not imported yet);
- ``first frame``: from App.run_test() entry to the first screen being mounted;
- ``data on screen``: from App.run_test() entry to the explorer showing the data, in a
  fresh interpreter (so the explorer's and polars' imports, done in a worker, count);
- ``load + periods``: the data layer alone (load_dataset + metrics.periods).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time


def time_import() -> float:
    code = "import time; t=time.perf_counter(); import tradetui.app; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


async def _time_app() -> tuple[float, float]:
    from tradetui.app import make_app

    app = make_app()
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        first_frame = time.perf_counter() - start
        while getattr(app, "loaded", None) is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        on_screen = time.perf_counter() - start
    return first_frame, on_screen


def time_app() -> tuple[float, float]:
    """Run the app in a fresh interpreter so no import is already cached."""
    code = (
        "import asyncio, sys; sys.path.insert(0, 'benchmarks'); import startup; "
        "print(*asyncio.run(startup._time_app()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, loaded = out.stdout.split()
    return float(first), float(loaded)


def time_data_layer() -> float:
    from tradetui.data import metrics
    from tradetui.data.load import load_dataset

    start = time.perf_counter()
    metrics.periods(load_dataset().trade)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    imports = [time_import() for _ in range(runs)]
    frames, loads = zip(*(time_app() for _ in range(runs)), strict=True)
    layer = [time_data_layer() for _ in range(runs)]

    def ms(values) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms"

    print(f"Python {platform.python_version()}, {platform.machine()}, {runs} runs, median\n")
    print("| measure | time |\n| --- | --- |")
    print(f"| import tradetui.app (fresh interpreter) | {ms(imports)} |")
    print(f"| first frame (run_test entry → screen mounted) | {ms(frames)} |")
    print(f"| data on screen (run_test entry → explorer shows the data) | {ms(loads)} |")
    print(f"| data layer: load_dataset + periods | {ms(layer)} |")


if __name__ == "__main__":
    main()
