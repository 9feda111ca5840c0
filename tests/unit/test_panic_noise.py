"""Panics of polars: caught as bad data, and their reports kept off the terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.polars_errors import PANIC, reason
from tradetui.panic_noise import without_reports

PANICS = Path(__file__).resolve().parents[1] / "data" / "bad" / "parquet-polars-panics.parquet"

REPORT = """\

thread 'tokio-rt-worker' (12014) panicked at crates/polars-io/src/utils/byte_source.rs:585:9:
assertion failed: range.end as u64 <= self.size
stack backtrace:
   0: __rustc::rust_begin_unwind
note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.

thread 'async-executor-1' (12020) panicked at crates/polars-stream/src/mod.rs:432:30:
called `Result::unwrap()` on an `Err` value
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
"""


def test_the_corpus_file_makes_polars_panic() -> None:
    # The file is what the test says it is: polars itself panics on it, not a plain error.
    with pytest.raises(PANIC):
        pl.scan_parquet(PANICS).collect()


def test_the_data_layer_turns_the_panic_into_one_line() -> None:
    with pytest.raises(DataError) as caught:
        load_dataset(PANICS)
    assert "damaged Parquet data (polars failed on it: assertion failed: range.end" in str(
        caught.value
    )


def test_the_reason_is_the_innermost_assertion() -> None:
    nested = PANIC(
        'called `Result::unwrap()` on an `Err` value: JoinError::Panic(Id(7), "called '
        '`Result::unwrap()` on an `Err` value: JoinError::Panic(Id(6), \\"assertion failed: '
        'x <= y\\", ...)", ...)'
    )
    assert reason(nested) == "polars failed on it: assertion failed: x <= y"


def test_reports_are_removed_and_other_lines_kept() -> None:
    text = "tradetui: warning: kept\n" + REPORT + "also kept\n"
    assert without_reports(text) == "tradetui: warning: kept\nalso kept\n"
    assert without_reports("plain\n\nlines\n") == "plain\n\nlines\n"


@pytest.mark.parametrize("command", ["validate", "summary", "reconcile", "export"])
def test_a_real_process_prints_one_line(command: str, tmp_path: Path) -> None:
    args = [command, str(PANICS)] if command == "validate" else [command, "--data", str(PANICS)]
    if command == "export":
        args.append(str(tmp_path / "out.csv"))
    done = subprocess.run(
        [sys.executable, "-m", "tradetui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"RUST_BACKTRACE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "damaged Parquet data" in lines[0]
    assert "panicked" not in done.stderr and "Traceback" not in done.stderr
