"""Hostile numbers and types: non-finite values and strict --json, Parquet amounts that are
no numbers, published figures and growth rates; one line and exit 2, or null where unknown."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import polars as pl
import pytest

from cli_runs import HEADER, assert_one_error_line, run
from hostile_files import COMTRADE_KEYS, GOOD_ROWS, TRADE_KEYS, strict_json
from tradetui.data.text import json_text


def tiny_base(tmp_path: Path) -> Path:
    """Two years of one pair, the first at 1e-320 bn: growth over it overflows a float."""
    rows = [
        f"{year}-{month:02d},{year}-{month:02d},CHN,RUS,{flow},{value},USD bn"
        for year, value in ((2022, "1e-320"), (2023, "5"))
        for month in range(1, 13)
        for flow in ("export", "import")
    ]
    path = tmp_path / "tiny.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n")
    return path


def test_growth_over_almost_nothing_is_unknown_not_infinite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "summary", "--json", "--data", str(tiny_base(tmp_path)))
    assert code == 0
    flows = strict_json(out)["flows"]
    assert flows["export"]["value"] == 60.0
    assert flows["export"]["yoy_pct"] is None  # 5 / 1e-320 overflows: not a growth rate


@pytest.mark.parametrize("command", ["summary", "reconcile", "check"])
def test_every_json_command_writes_strict_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    code, out, err = run(capsys, command, "--json", "--data", str(tiny_base(tmp_path)))
    assert "Traceback" not in err
    assert code in (0, 1), err  # check: 1 when a claim is not consistent
    strict_json(out)


def test_the_json_writer_turns_non_finite_numbers_into_null() -> None:
    value = {"a": math.inf, "b": [-math.inf, math.nan, 1.5], "c": "inf"}
    assert strict_json(json_text(value)) == {"a": None, "b": [None, None, 1.5], "c": "inf"}


WRONG_AMOUNTS = {
    "boolean": ([True, False], "Boolean"),
    "date": ([dt.date(2023, 1, 1)] * 2, "Date"),
    "datetime": ([dt.datetime(2023, 1, 1)] * 2, "Datetime"),
    "duration": ([dt.timedelta(days=1)] * 2, "Duration"),  # once read as 86.4 bn USD
}


@pytest.mark.parametrize("kind", sorted(WRONG_AMOUNTS))
@pytest.mark.parametrize(("layout", "column"), [("comtrade", "primaryValue"), ("trade", "value")])
def test_an_amount_column_that_holds_no_numbers_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, layout: str, column: str
) -> None:
    values, dtype = WRONG_AMOUNTS[kind]
    keys = COMTRADE_KEYS if layout == "comtrade" else TRADE_KEYS
    path = tmp_path / f"{layout}-{kind}.parquet"
    pl.DataFrame({**keys, column: values}).write_parquet(path)
    for args in (["validate", str(path)], ["summary", "--data", str(path)]):
        line = assert_one_error_line(*run(capsys, *args))
        assert f"column {column}: found {dtype}" in line
        assert "expected numbers (or text holding numbers)" in line


def test_a_duration_in_any_column_is_refused_not_called_damaged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.parquet"
    frame = {**TRADE_KEYS, "value": [1.0, 2.0], "note": [dt.timedelta(hours=1)] * 2}
    pl.DataFrame(frame).write_parquet(path)
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "column note: found Duration" in line and "damaged" not in line


def test_an_integer_customs_code_is_refused_clearly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "comtrade.parquet"
    frame = {**COMTRADE_KEYS, "primaryValue": [1e9, 2e9], "customsCode": [0, 5]}
    pl.DataFrame(frame).write_parquet(path)
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "column customsCode: found Int64 values, expected text codes such as C00" in line


def test_integer_codes_where_comtrade_has_numbers_are_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "comtrade.parquet"
    frame = {
        **COMTRADE_KEYS,
        "primaryValue": [1e9, 2e9],
        "motCode": [0, 0],
        "period": [202301, 202302],
    }
    pl.DataFrame(frame).write_parquet(path)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, err
    assert out.startswith("OK: ") and "periods 2023-01 to 2023-02" in out


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("published_value", "inf", "found 'inf', expected a finite number"),
        ("published_value", "nan", "found 'nan', expected a finite number"),
        ("published_value", "-5", "found '-5', expected a non-negative number"),
        ("published_value", "lots", "found 'lots', expected a number (or empty)"),
        ("ytd_published", "1e400", "found '1e400', expected a finite number"),
    ],
)
def test_the_published_figures_beside_a_value_are_amounts_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, column: str, cell: str, expected: str
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(
        HEADER.strip() + f",{column}\n2023-01,2023-01,CHN,RUS,export,1.5,USD bn,{cell}\n"
        "2023-02,2023-02,CHN,RUS,export,1,USD bn,\n"
    )
    for args in (["validate", str(path)], ["reconcile", "--data", str(path)]):
        line = assert_one_error_line(*run(capsys, *args))
        assert f"line 2, column {column}: {expected}" in line


def test_a_config_with_a_5000_digit_number_warns_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("event_window = " + "9" * 5000 + "\n")
    code, out, err = run(capsys, "--config", str(config), "summary")
    assert code == 0
    assert out.startswith("China–Russia trade")
    assert err.count("\n") == 1 and "not valid TOML" in err and "using the default settings" in err


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1e400", "found '1e400', expected a finite number"),
        ("nan", "found 'nan', expected a finite number"),
        ("-150", "found '-150', expected a growth rate of at least -100 %"),
    ],
)
def test_a_gacc_growth_rate_is_finite_and_no_fall_beyond_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, cell: str, expected: str
) -> None:
    path = tmp_path / "gacc.csv"
    path.write_text(
        "period_start,period_end,kind,flow,value,unit,currency,yoy_pct\n"
        f"2023-01,2023-02,ytd,total,33.6,bn,USD,{cell}\n"
        "2023-01,2023-03,ytd,total,53.8,bn,USD,\n"
    )
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert f"line 2, column yoy_pct: {expected}" in line


def test_the_numbers_of_a_dataset_s_published_figures_are_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "trade_monthly.csv").write_text(HEADER + GOOD_ROWS)
    header = "figure_id,period_start,period_end,kind,reporter,partner,flow,value,unit,yoy_pct\n"
    published = folder / "published_figures.csv"
    published.write_text(header + "f1,2023-01,2023-02,ytd,CHN,RUS,total,inf,USD bn,\n")
    line = assert_one_error_line(*run(capsys, "validate", str(folder)))
    assert "published_figures.csv: line 2, column value: found 'inf', expected a finite" in line
    # A published balance may be negative; a growth rate may fall, but not below -100 %.
    published.write_text(header + "f1,2023-01,2023-02,ytd,CHN,RUS,balance,-13.5,USD bn,-20\n")
    code, out, err = run(capsys, "validate", str(folder))
    assert code == 0, err
    assert "1 published figures" in out
