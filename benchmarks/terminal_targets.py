"""Start-up in a real terminal against floors measured in the same run.

Run: ``uv run python benchmarks/terminal_targets.py [--runs 5]`` (needs tmux). Each app is
launched in a fresh tmux session at 120×40 and the pane is read every 10 ms; times are
from launching the command (the interpreter's start and every import included):

- Textual's hello world (floor/hello_app.py): first frame = "Hello, world" on screen;
- the floor app (floor/floor_app.py): polars reads data/trade_monthly.csv and one year is
  shown in a DataTable: first frame = its header, data = a row of the table;
- tradetui on the embedded data: first frame = its title bar, data = the trade table's
  title with its year ("[1] Trade 2025"), drawn once the rows are in.

Prints the medians and the ratios to the floors, and writes ``benchmarks/out/startup.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
APPS = {
    "hello": ([PYTHON, str(ROOT / "benchmarks/floor/hello_app.py")], "Hello, world", None),
    "floor": ([PYTHON, str(ROOT / "benchmarks/floor/floor_app.py")], "Floor", "2026-01"),
    "tradetui": ([str(ROOT / ".venv/bin/tradetui")], "tradetui", "[1] Trade 20"),
}
TIMEOUT_S = 60.0
# A tmux server of its own, kept up by an idle session so no launch waits for it to start.
TMUX = ["tmux", "-L", "tradetui-bench"]


def _pane(session: str) -> str:
    done = subprocess.run(
        [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
    )
    return done.stdout


def one_run(name: str, run: int) -> dict:
    command, first_text, data_text = APPS[name]
    session = f"tt-start-{name}-{run}-{time.time_ns()}"
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", *command],
        check=True,
        cwd=ROOT,
    )
    first = data = None
    try:
        while time.perf_counter() - start < TIMEOUT_S:
            screen = _pane(session)
            now = time.perf_counter() - start
            if first is None and first_text in screen:
                first = now
            if data_text is None and first is not None:
                break
            if data_text is not None and data_text in screen:
                data = now
                break
            time.sleep(0.01)
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)
    return {"first_frame_s": first, "data_s": data}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    runs = {name: [] for name in APPS}
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep", "3600"], check=True)
    try:
        for run in range(args.runs):  # interleaved, so a busy moment hits every app alike
            for name in APPS:
                runs[name].append(one_run(name, run))
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)

    def median(name: str, key: str) -> float | None:
        values = [r[key] for r in runs[name] if r[key] is not None]
        return statistics.median(values) if values else None

    result = {
        name: {key: median(name, key) for key in ("first_frame_s", "data_s")} for name in APPS
    }
    result["runs"] = runs
    out = ROOT / "benchmarks" / "out" / "startup.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    hello, floor, ours = result["hello"], result["floor"], result["tradetui"]
    print(f"hello world first frame  {hello['first_frame_s']:.2f} s")
    print(f"floor app   first frame  {floor['first_frame_s']:.2f} s, data {floor['data_s']:.2f} s")
    print(f"tradetui    first frame  {ours['first_frame_s']:.2f} s, data {ours['data_s']:.2f} s")
    first_ratio = ours["first_frame_s"] / hello["first_frame_s"]
    print(f"first frame ratio (tradetui / hello world): {first_ratio:.2f}")
    print(f"data ratio (tradetui / floor app): {ours['data_s'] / floor['data_s']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
