"""`tradetui export`: each format, no overwrite without --force, bad extensions, ranges."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from cli_runs import HEADER, assert_one_error_line, run
from tradetui.data import export, metrics
from tradetui.data.load import load_dataset


@pytest.fixture
def trade(tmp_path: Path) -> Path:
    """CHN→RUS, single months 2022-01 to 2023-12, with values that are not round in binary."""
    rows = []
    for year in (2022, 2023):
        for month in range(1, 13):
            period = f"{year}-{month:02d}"
            exports, imports = 1 + month / 10 + (year - 2022), 2.3 - month / 30
            rows.append(f"{period},{period},CHN,RUS,export,{exports},USD bn\n")
            rows.append(f"{period},{period},CHN,RUS,import,{imports},USD bn\n")
    path = tmp_path / "trade.csv"
    path.write_text(HEADER + "".join(rows))
    return path


def expected(data: Path, granularity: str = "month", start=None, end=None) -> pl.DataFrame:
    wide = metrics.periods(load_dataset(data).trade, "CHN", "RUS")
    return export.period_table(wide, granularity, start, end, "CHN", "RUS")


def read(path: Path, schema: pl.Schema) -> pl.DataFrame:
    if path.suffix == ".csv":
        return pl.read_csv(path, schema=schema)
    if path.suffix == ".json":
        return pl.read_json(path, schema=schema)
    return pl.read_parquet(path)


@pytest.mark.parametrize("name", ["out.csv", "out.parquet", "out.json"])
def test_writes_each_format(
    capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "exports" / name
    out.parent.mkdir()
    code, stdout, err = run(capsys, "export", str(out), "--data", str(trade))
    assert (code, err) == (0, "")
    assert stdout == f"Wrote 24 month rows of CHN→RUS (2022-01 to 2023-12) to {out}\n"
    table = expected(trade)
    assert_frame_equal(read(out, table.schema), table, check_exact=True)
    assert sorted(p.name for p in out.parent.iterdir()) == [name]


def test_writes_markdown(capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    code, _, err = run(capsys, "--data", str(trade), "export", str(out), "--granularity", "year")
    assert (code, err) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert text == export.to_markdown(expected(trade, "year"))
    assert text.startswith("| period | period_start | period_end | months | reporter |")
    assert "\n| 2023 | 2023-01 | 2023-12 | 12 | CHN | RUS |" in text


def test_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me\n")
    line = assert_one_error_line(*run(capsys, "export", str(out), "--data", str(trade)))
    assert line == f"tradetui: error: {out}: the file exists; pass --force to overwrite it"
    assert out.read_text() == "keep me\n"

    code, _, err = run(capsys, "export", str(out), "--data", str(trade), "--force")
    assert (code, err) == (0, "")
    assert_frame_equal(pl.read_csv(out, schema=expected(trade).schema), expected(trade))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "trade.csv"]


@pytest.mark.parametrize("name", ["out.txt", "out.xlsx", "out"])
def test_bad_extension_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    line = assert_one_error_line(*run(capsys, "export", str(out), "--data", str(trade)))
    assert line.startswith(f"tradetui: error: {out}: cannot tell the export format from ")
    assert line.endswith("expected a name ending in .csv, .parquet, .json, .md")
    assert not out.exists()


def test_from_to_range(capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    code, stdout, _ = run(
        capsys,
        "export",
        str(out),
        "--data",
        str(trade),
        "--from",
        "2023-04",
        "--to",
        "2023-09",
        "--granularity",
        "quarter",
        "--reporter",
        "chn",
        "--partner",
        "rus",
    )
    assert code == 0
    assert stdout == f"Wrote 2 quarter rows of CHN→RUS (2023-04 to 2023-09) to {out}\n"
    back = pl.read_csv(out, schema=pl.Schema(export.PERIOD_COLUMNS))
    assert back["period"].to_list() == ["2023-Q2", "2023-Q3"]
    assert_frame_equal(back, expected(trade, "quarter", "2023-04", "2023-09"), check_exact=True)
    # Growth against 2022 is there although 2022 lies outside the range.
    assert back["yoy_total"].null_count() == 0


def test_only_from_runs_to_the_end_of_the_data(
    capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tail.json"
    code, _, _ = run(capsys, "export", str(out), "--data", str(trade), "--from", "2023-10")
    assert code == 0
    back = pl.read_json(out, schema=pl.Schema(export.PERIOD_COLUMNS))
    assert back["period"].to_list() == ["2023-10", "2023-11", "2023-12"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-05", "--granularity", "quarter"], "--from 2023-05 falls inside quarter"),
        (["--from", "2023-13"], "--from: '2023-13' is not a month"),
        (["--from", "2021-01"], "--from 2021-01 is outside the data, which covers 2022-01"),
        (["--from", "2023-06", "--to", "2023-01"], "--from 2023-06 is after --to 2023-01"),
        (["--reporter", "CHN"], "give both --reporter and --partner"),
        (["--reporter", "RUS", "--partner", "CHN"], "no trade for RUS→CHN in the data"),
    ],
)
def test_bad_range_or_pair_is_one_line(
    capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out.csv"
    line = assert_one_error_line(*run(capsys, "export", str(out), "--data", str(trade), *args))
    assert line.startswith(f"tradetui: error: {message}")
    assert not out.exists()


def test_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], trade: Path, tmp_path: Path
) -> None:
    out = tmp_path / "nowhere" / "out.csv"
    line = assert_one_error_line(*run(capsys, "export", str(out), "--data", str(trade)))
    assert line == f"tradetui: error: {out}: no folder {out.parent}; expected an existing folder"


def test_bad_granularity_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    line = assert_one_error_line(
        *run(capsys, "export", str(tmp_path / "o.csv"), "--granularity", "week")
    )
    assert "argument --granularity: invalid choice: 'week'" in line
    assert line.endswith("see 'tradetui export --help'")


def test_embedded_data_by_default(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "2023.csv"
    code, stdout, _ = run(capsys, "export", str(out), "--from", "2023-01", "--to", "2023-12")
    assert code == 0
    # China publishes January and February together: 11 rows for 2023.
    assert stdout == f"Wrote 11 month rows of CHN→RUS (2023-01 to 2023-12) to {out}\n"
    back = pl.read_csv(out, schema=pl.Schema(export.PERIOD_COLUMNS))
    assert back["period"][0] == "2023-01..2023-02"
    assert back.filter(period="2023-09")["ytd_total"].item() == pytest.approx(176.4)


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: tradetui export")
    assert "examples:" in out and "--force" in out
