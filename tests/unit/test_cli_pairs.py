"""`tradetui summary` for a chosen reporter-partner pair."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cli_runs import run


def two_pairs(path: Path) -> Path:
    rows = []
    for month in [f"2023-{m:02d}" for m in range(1, 13)]:
        rows += [
            (month, "CHN", "RUS", "export", 8.0),
            (month, "CHN", "RUS", "import", 10.0),
            (month, "RUS", "CHN", "import", 7.0),
            (month, "RUS", "CHN", "export", 9.0),
        ]
    pl.DataFrame(
        rows, schema=["period_start", "reporter", "partner", "flow", "value"], orient="row"
    ).with_columns(period_end=pl.col("period_start"), unit=pl.lit("USD bn")).write_csv(path)
    return path


def test_summary_of_the_mirror_pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = two_pairs(tmp_path / "t.csv")
    code, out, _ = run(
        capsys, "summary", "--data", str(data), "--reporter", "rus", "--partner", "CHN"
    )
    assert code == 0
    assert "Russia's exports to China" in out
    # 12 months × 9.0 of Russia's own exports, not China's 10.0 a month of imports.
    assert "108.0" in out


def test_summary_default_pair_is_the_largest(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "summary", "--data", str(two_pairs(tmp_path / "t.csv")))
    assert code == 0
    assert "China's exports to Russia" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--reporter", "CHN"), "give both --reporter and --partner"),
        (("--reporter", "CHN", "--partner", "KAZ"), "no trade for CHN→KAZ"),
    ],
)
def test_bad_pair_is_one_line_and_exit_2(tmp_path: Path, capsys, args, message) -> None:
    code, out, err = run(capsys, "summary", "--data", str(two_pairs(tmp_path / "t.csv")), *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
