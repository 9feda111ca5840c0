"""Loading datasets, and the one-line errors that bad input gets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tradetui.data import schema
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset

HEADER = "period_start,period_end,reporter,partner,flow,value,unit"
GOOD_ROWS = (
    "2023-01,2023-02,CHN,RUS,total,33.685,USD bn",
    "2023-03,2023-03,CHN,RUS,total,20.16,USD bn",
)


def write(folder: Path, text: str, name: str = "trade.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def trade_file(folder: Path, *rows: str, header: str = HEADER) -> Path:
    return write(folder, "\n".join((header, *rows)) + "\n")


def error_for(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


# --- loading ---------------------------------------------------------------------------


def test_embedded_dataset_loads_with_every_table() -> None:
    data = load_dataset()
    trade = data.trade.collect()
    assert data.missing == ()
    assert "GACC" in data.origin
    assert list(trade.columns) == list(schema.TRADE_COLUMNS)
    assert set(trade["flow"]) == set(schema.FLOWS)
    assert (trade["unit"] == "USD bn").all()
    assert trade.filter(pl.col("reporter") != "CHN").is_empty()
    sep = trade.filter((pl.col("period_start") == "2023-09") & (pl.col("flow") == "total"))
    assert sep["value"].to_list() == [21.3]
    assert data.events.collect().height > 0
    assert data.commodities.collect().height > 0
    assert data.published.collect().schema["chosen"] == pl.Boolean


def test_a_single_trade_file_loads_and_reports_the_missing_tables(tmp_path: Path) -> None:
    data = load_dataset(trade_file(tmp_path, *GOOD_ROWS))
    assert data.missing == ("events", "commodities", "published figures")
    assert data.trade.collect()["value"].to_list() == [33.685, 20.16]
    assert data.events.collect().is_empty()


def test_a_folder_dataset_loads_trade_and_events(tmp_path: Path) -> None:
    trade_file(tmp_path, *GOOD_ROWS).rename(tmp_path / schema.TRADE_FILE)
    write(
        tmp_path,
        "start_date,end_date,title\n2023-03-21,2023-03-22,Summit\n2023-05,,Forum\n",
        schema.EVENTS_FILE,
    )
    data = load_dataset(tmp_path)
    assert data.missing == ("commodities", "published figures")
    events = data.events.collect()
    assert events["start"].to_list() == [date(2023, 3, 21), date(2023, 5, 1)]
    assert events["month"].to_list() == ["2023-03", "2023-05"]
    assert events["date_precision"].to_list() == ["day", "month"]


def test_a_parquet_trade_file_round_trips(tmp_path: Path) -> None:
    source = load_dataset(trade_file(tmp_path, *GOOD_ROWS)).trade.collect()
    parquet = tmp_path / "trade.parquet"
    source.select(list(schema.TRADE_REQUIRED)).write_parquet(parquet)
    assert_frame_equal(load_dataset(parquet).trade.collect(), source)


def test_a_period_column_stands_for_single_months(tmp_path: Path) -> None:
    path = trade_file(
        tmp_path,
        "2023-09,CHN,RUS,export,9.6,USD bn",
        header="period,reporter,partner,flow,value,unit",
    )
    row = load_dataset(path).trade.collect().row(0, named=True)
    assert (row["period_start"], row["period_end"], row["value"]) == ("2023-09", "2023-09", 9.6)


def test_usd_mn_is_converted_to_usd_bn(tmp_path: Path) -> None:
    path = trade_file(
        tmp_path,
        "2023-09,2023-09,CHN,RUS,total,21300,USD mn",
        "2023-10,2023-10,CHN,RUS,total,,USD mn",
    )
    trade = load_dataset(path).trade.collect()
    assert trade["value"].to_list() == [pytest.approx(21.3), None]
    assert trade["unit"].to_list() == ["USD bn", "USD bn"]


def test_a_precision_is_kept_and_converted_with_the_unit(tmp_path: Path) -> None:
    path = trade_file(
        tmp_path,
        "2023-09,2023-09,CHN,RUS,total,21300,USD mn,50",
        "2023-10,2023-10,CHN,RUS,total,20080,USD mn,",
        header=HEADER + ",precision",
    )
    trade = load_dataset(path).trade.collect()
    assert trade["precision"].to_list() == [pytest.approx(0.05), None]


@pytest.mark.parametrize("bad", ["abc", "-0.5", "inf"])
def test_a_bad_precision_names_its_line(tmp_path: Path, bad: str) -> None:
    path = trade_file(
        tmp_path, f"2023-09,2023-09,CHN,RUS,total,21.3,USD bn,{bad}", header=HEADER + ",precision"
    )
    assert error_for(path) == (
        f"{path}: line 2, column precision: found '{bad}', expected a number ≥ 0 (half a "
        "unit of the last published digit) or empty"
    )


# --- bad input: one line naming the file, where, what was found and what was expected ---


def test_a_folder_without_a_trade_file(tmp_path: Path) -> None:
    write(tmp_path, "start_date,title\n", schema.EVENTS_FILE)
    message = error_for(tmp_path)
    assert "not a tradetui dataset" in message
    assert "expected trade_monthly.csv" in message


def test_a_missing_path(tmp_path: Path) -> None:
    assert "no such file or directory" in error_for(tmp_path / "nowhere.csv")


def test_an_empty_file(tmp_path: Path) -> None:
    message = error_for(write(tmp_path, ""))
    assert "the file is empty; expected a header row and data" in message


def test_a_header_only_file(tmp_path: Path) -> None:
    assert "has a header but no data rows" in error_for(trade_file(tmp_path))


def test_a_missing_column(tmp_path: Path) -> None:
    path = trade_file(
        tmp_path,
        "2023-09,2023-09,CHN,RUS,total,USD bn",
        header="period_start,period_end,reporter,partner,flow,unit",
    )
    message = error_for(path)
    assert "missing column value" in message
    assert "expected columns period_start, period_end" in message
    assert "found period_start" in message


@pytest.mark.parametrize(
    ("row", "column", "found", "expected"),
    [
        ("2023-09,2023-09,CHN,RUS,total,abc,USD bn", "value", "'abc'", "a number"),
        ("2023-09,2023-09,CHN,RUS,total,-1.5,USD bn", "value", "'-1.5'", "a non-negative"),
        ("2023-09,2023-09,CHN,RUS,total,NaN,USD bn", "value", "'NaN'", "a finite number"),
        ("2023-09,2023-09,CHN,RUS,total,inf,USD bn", "value", "'inf'", "a finite number"),
        ("2023-13,2023-13,CHN,RUS,total,1,USD bn", "period_start", "'2023-13'", "YYYY-MM"),
        ("2023/09,2023-09,CHN,RUS,total,1,USD bn", "period_start", "'2023/09'", "YYYY-MM"),
        ("2023-09,2023-08,CHN,RUS,total,1,USD bn", "period_end", "'2023-08'", "on or after"),
        ("2023-09,2023-09,CHN,RUS,trade,1,USD bn", "flow", "'trade'", "one of export, import"),
        ("2023-09,2023-09,,RUS,total,1,USD bn", "reporter", "an empty cell", "a country code"),
    ],
    ids=[
        "text-value",
        "negative",
        "nan",
        "inf",
        "month-13",
        "slash",
        "end-before-start",
        "unknown-flow",
        "no-reporter",
    ],
)
def test_a_bad_cell_names_its_line_and_column(
    tmp_path: Path, row: str, column: str, found: str, expected: str
) -> None:
    message = error_for(trade_file(tmp_path, GOOD_ROWS[0], row))
    assert f": line 3, column {column}: found {found}, expected " in message
    assert expected in message


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    message = error_for(trade_file(tmp_path, *GOOD_ROWS, GOOD_ROWS[1]))
    assert "duplicate key on lines 3, 4: 2023-03..2023-03 CHN->RUS total" in message
    assert "expected one row per period, pair and flow" in message


def test_two_units_in_one_file(tmp_path: Path) -> None:
    path = trade_file(tmp_path, GOOD_ROWS[0], "2023-03,2023-03,CHN,RUS,total,20160,USD mn")
    message = error_for(path)
    assert "column unit: found units (USD bn, USD mn), expected one" in message


def test_an_unknown_unit(tmp_path: Path) -> None:
    message = error_for(trade_file(tmp_path, "2023-09,2023-09,CHN,RUS,total,1,EUR bn"))
    assert "column unit: found 'EUR bn', expected one of USD bn, USD mn" in message


def test_many_bad_rows_give_a_few_lines_and_a_count(tmp_path: Path) -> None:
    rows = [f"2023-09,2023-09,CHN,P{n},total,x,USD bn" for n in range(8)]
    with pytest.raises(DataError) as caught:
        load_dataset(trade_file(tmp_path, *rows))
    assert len(caught.value.problems) == 6
    assert caught.value.problems[-1].endswith("column value: 3 more such rows")


# --- events ----------------------------------------------------------------------------


def events_folder(folder: Path, *rows: str) -> Path:
    trade_file(folder, *GOOD_ROWS).rename(folder / schema.TRADE_FILE)
    write(folder, "\n".join(("start_date,end_date,title", *rows)) + "\n", schema.EVENTS_FILE)
    return folder / schema.EVENTS_FILE


@pytest.mark.parametrize(
    ("row", "column", "found", "expected"),
    [
        ("2023/03/21,,Summit", "start_date", "'2023/03/21'", "a date as YYYY-MM-DD"),
        ("2023-02-30,,Summit", "start_date", "'2023-02-30'", "a date as YYYY-MM-DD"),
        (",,Summit", "start_date", "an empty cell", "a date as YYYY-MM-DD"),
        ("2023-03-21,soon,Summit", "end_date", "'soon'", "a date as YYYY-MM-DD, YYYY-MM"),
        ("2023-03-21,2023-03-20,Summit", "end_date", "'2023-03-20'", "on or after start_date"),
    ],
    ids=["slashes", "no-such-day", "empty", "text-end", "end-before-start"],
)
def test_a_bad_event_date_names_its_line_and_column(
    tmp_path: Path, row: str, column: str, found: str, expected: str
) -> None:
    path = events_folder(tmp_path, "2023-03-01,,Forum", row)
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: line 3, column {column}: found {found}, expected ")
    assert expected in message


def test_events_without_a_title_column(tmp_path: Path) -> None:
    trade_file(tmp_path, *GOOD_ROWS).rename(tmp_path / schema.TRADE_FILE)
    path = write(tmp_path, "start_date\n2023-03-21\n", schema.EVENTS_FILE)
    with pytest.raises(DataError, match="missing column title; expected start_date, title"):
        load_dataset(tmp_path)
    assert path.exists()
