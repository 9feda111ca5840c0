"""`tradetui check --article` on a 1,000-word article: median wall time of the command.

The article is the project's own test articles (tests/data/articles/*.txt) joined until it
has at least 1,000 words, written to a temporary file. Each run is a fresh interpreter
(``python -m tradetui check --article FILE``), side by side with the floor every command
pays: ``python -c 'import polars'``. Both are timed twice: as this environment runs them
(with PYTHONDONTWRITEBYTECODE set, nothing is cached, so every run compiles polars and
tradetui from source) and with bytecode cached (PYTHONPYCACHEPREFIX in a temporary folder,
warmed by one run first), as an installed tool runs after its first start. In-process
timings of the reading alone and of reading plus checking (data already loaded) show
where the time goes.

Run: ``uv run python benchmarks/article_check.py [--runs 7]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "data" / "articles"
WORDS = 1000


def article_text() -> str:
    parts: list[str] = []
    words = 0
    while words < WORDS:
        for path in sorted(ARTICLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            parts.append(text)
            words += len(text.split())
            if words >= WORDS:
                break
    return "\n\n".join(parts)


def wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cached_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def in_process(path: Path, runs: int) -> tuple[float, float]:
    from tradetui.data.article import reader, source, verdicts
    from tradetui.data.load import load_dataset

    dataset = load_dataset(None)
    read_times, check_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = reader.read(source.read_file(str(path)), ("CHN", "RUS"))
        read_times.append(time.perf_counter() - start)
        verdicts.check_article(result, dataset)
        check_times.append(time.perf_counter() - start)
    return statistics.median(read_times), statistics.median(check_times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    text = article_text()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        python = sys.executable
        floor_cmd = [python, "-c", "import polars"]
        check_cmd = [python, "-m", "tradetui", "check", "--article", str(path)]
        floor = wall(floor_cmd, args.runs)
        command = wall(check_cmd, args.runs)
        env = cached_env(Path(folder))
        wall(floor_cmd, 1, env)
        wall(check_cmd, 1, env)  # writes the bytecode cache
        floor_cached = wall(floor_cmd, args.runs, env)
        command_cached = wall(check_cmd, args.runs, env)
        read_s, check_s = in_process(path, args.runs)
    print(f"article: {len(text.split())} words, median of {args.runs} runs")
    print("| measure | no bytecode cache | bytecode cached |")
    print("| --- | --- | --- |")
    print(
        f"| python -c 'import polars' (the floor) | {floor * 1000:.0f} ms | "
        f"{floor_cached * 1000:.0f} ms |"
    )
    print(
        f"| tradetui check --article (fresh interpreter) | {command * 1000:.0f} ms | "
        f"{command_cached * 1000:.0f} ms |"
    )
    print(f"| in process: read the article | {read_s * 1000:.1f} ms | |")
    print(f"| in process: read and check (data loaded) | {check_s * 1000:.1f} ms | |")


if __name__ == "__main__":
    main()
