"""The CLI commands on a Spark table print and write what they do for the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

import spark_tables as tables
from cli_runs import run

pytestmark = pytest.mark.spark

CLAIM = """
[[claim]]
text = "China's exports to Russia in September 2023 came to 20 billion dollars"
period = "2023-09..2023-09"
flow = "CHN->RUS"
metric = "value"
value = 20.0
unit = "USD bn"
"""


def without_source(text: str) -> list[str]:
    """The output without the lines that name where the data came from."""
    return [line for line in text.splitlines() if "comtrade.parquet" not in line]


def test_summary_validate_check_and_export_match_the_local_file(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = files["small"]
    url = tables.table_url(path)
    for command in (["summary", "--from", "2023-08", "--to", "2023-09"], ["summary", "--json"]):
        local = run(capsys, *command, "--data", str(path))
        spark = run(capsys, *command, "--data", url)
        assert spark[0] == local[0] == 0
        assert without_source(spark[1]) == without_source(local[1])

    code, out, err = run(capsys, "validate", url)
    assert code == 0, err
    assert out.startswith(f"OK: Spark table parquet.`{path}` at 127.0.0.1:")
    assert "9 trade rows, 1 pair (CHN→RUS)" in out
    assert "note: 60 rows read; 54 HS rows in the commodity detail" in out

    claims = tmp_path / "claims.toml"
    claims.write_text(CLAIM, encoding="utf-8")
    local = run(capsys, "check", str(claims), "--data", str(path))
    spark = run(capsys, "check", str(claims), "--data", url)
    assert spark[0] == local[0] == 0, spark
    assert without_source(spark[1]) == without_source(local[1])

    mine, theirs = tmp_path / "spark.csv", tmp_path / "local.csv"
    assert run(capsys, "export", str(mine), "--data", url)[0] == 0
    assert run(capsys, "export", str(theirs), "--data", str(path))[0] == 0
    assert mine.read_bytes() == theirs.read_bytes()
