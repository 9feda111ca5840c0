"""Hostile periods: years out of range or in other digits, and overlapping periods; one line
and exit 2 from every command, never a traceback or a wrong "OK"."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cli_runs import HEADER, assert_one_error_line, run
from hostile_files import COMTRADE_KEYS, strict_json
from tradetui.data.errors import DataError
from tradetui.data.periods import parse_month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0000-01", "is not a month of years 1900 to 2100"),
        ("1000-06", "is not a month of years 1900 to 2100"),
        ("9999-12", "is not a month of years 1900 to 2100"),
        ("2101-01", "is not a month of years 1900 to 2100"),
        ("٢٠٢٣-01", "is not a month; expected YYYY-MM"),
        ("２０２３-01", "is not a month; expected YYYY-MM"),
        ("2023-٠١", "is not a month; expected YYYY-MM"),
    ],
)
def test_a_month_needs_ascii_digits_and_a_year_in_range(text: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        parse_month(text, "--from")


def test_the_edges_of_the_year_range_are_months() -> None:
    assert parse_month("1900-01").year == 1900
    assert parse_month("2100-12").year == 2100


@pytest.mark.parametrize("option", ["--from", "--to"])
@pytest.mark.parametrize("month", ["0000-01", "9999-12", "٢٠٢٣-01", "２０２３-01"])
@pytest.mark.parametrize("command", ["summary", "export"])
def test_from_and_to_are_checked_in_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, month: str, option: str
) -> None:
    args = [command, option, month]
    if command == "export":
        args.append(str(tmp_path / "out.csv"))
    line = assert_one_error_line(*run(capsys, *args))
    assert f"{option}: '{month}' is not a month" in line
    assert not (tmp_path / "out.csv").exists()


def test_year_9999_in_a_file_is_refused_before_summary_can_reach_year_10000(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(HEADER + "9999-12,9999-12,CHN,RUS,export,1,USD bn\n")
    for args in (["validate", str(path)], ["summary", "--data", str(path)]):
        line = assert_one_error_line(*run(capsys, *args))
        assert "found '9999-12', expected a month of years 1900 to 2100" in line


@pytest.mark.parametrize("date", ["0000-01-01", "9999-12-31", "٢٠٢٣-01-01"])
def test_event_dates_need_a_year_in_range(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, date: str
) -> None:
    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "trade_monthly.csv").write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,1,USD bn\n")
    (folder / "events.csv").write_text(f"start_date,title\n2023-01-05,Fine\n{date},Odd\n")
    line = assert_one_error_line(*run(capsys, "validate", str(folder)))
    assert f"line 3, column start_date: found '{date}', expected a date" in line


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            ["2023-01,2023-02,CHN,RUS,export,3", "2023-02,2023-02,CHN,RUS,export,1"],
            "lines 2 and 3 overlap: 2023-01..2023-02 and 2023-02 CHN->RUS export",
        ),
        (
            ["2023-03,2023-03,CHN,RUS,total,1", "2023-01,2023-12,CHN,RUS,total,9"],
            "lines 2 and 3 overlap: 2023-03 and 2023-01..2023-12 CHN->RUS total",
        ),
        (
            [
                "2023-01,2023-03,CHN,RUS,import,3",
                "2023-05,2023-05,CHN,RUS,import,1",
                "2023-02,2023-04,CHN,RUS,import,1",
            ],
            "lines 2 and 4 overlap: 2023-01..2023-03 and 2023-02..2023-04 CHN->RUS import",
        ),
    ],
)
def test_overlapping_periods_of_one_pair_and_flow_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rows: list[str], expected: str
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(HEADER + "".join(f"{row},USD bn\n" for row in rows))
    for args in (["validate", str(path)], ["summary", "--data", str(path)]):
        line = assert_one_error_line(*run(capsys, *args))
        assert expected in line


def test_periods_of_other_flows_and_pairs_may_differ(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(
        HEADER
        + "2023-01,2023-02,CHN,RUS,export,3,USD bn\n"
        + "2023-02,2023-02,CHN,RUS,import,1,USD bn\n"
        + "2023-02,2023-02,CHN,KAZ,export,1,USD bn\n"
        + "2023-03,2023-03,CHN,RUS,export,1,USD bn\n"
    )
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, err
    assert out.startswith("OK: ")


def test_a_comtrade_year_beside_its_months_is_left_out_with_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "comtrade.csv"
    path.write_text(
        "period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n"
        "2023,CHN,RUS,X,TOTAL,12000000000\n"
        + "".join(f"2023{m:02d},CHN,RUS,X,TOTAL,1000000000\n" for m in range(1, 13))
    )
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, err
    assert "1 annual values left out: the same years have monthly rows" in out
    code, out, _ = run(capsys, "summary", "--json", "--data", str(path))
    assert code == 0
    assert strict_json(out)["flows"]["export"]["value"] == 12.0  # the months, not 24


def test_a_comtrade_ref_period_not_written_as_a_day_is_no_period(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # '2023' in refPeriodId of a monthly row was once read as the year 2023.
    path = tmp_path / "comtrade.csv"
    path.write_text(
        "refPeriodId,freqCode,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n"
        "2023,M,CHN,RUS,X,TOTAL,5\n"
    )
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "column refPeriodId: found '2023', expected a period's first day as YYYYMMDD" in line


def test_a_float_period_with_a_fraction_is_not_cut_to_a_month(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "comtrade.parquet"
    frame = {**COMTRADE_KEYS, "primaryValue": [1e9, 2e9], "period": [202301.0, 202302.5]}
    pl.DataFrame(frame).write_parquet(path)
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "row 2, column period: found '202302.5', expected a period" in line
