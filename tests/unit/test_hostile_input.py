"""Classes of hostile input beyond the corpus files: each gives one line and exit 2 from the
CLI, never a traceback, and never a wrong "OK" (tests/data/bad/README.md lists the corpus)."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import os
from pathlib import Path

import polars as pl
import pytest

from cli_runs import HEADER, assert_one_error_line, run
from tradetui.data import sources
from tradetui.data.errors import DataError, clipped
from tradetui.data.load import load_dataset
from tradetui.data.periods import parse_month
from tradetui.data.text import json_text

# --- periods -------------------------------------------------------------------------


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


# --- non-finite numbers and --json ---------------------------------------------------


def strict_json(text: str) -> object:
    """Parse as a strict JSON reader would: Infinity and NaN are not JSON."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


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


# --- long values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--from", "9" * 100_000],
        ["summary", "--reporter", "Z" * 100_000, "--partner", "RUS"],
        ["export", "--granularity", "x" * 100_000, "out.csv"],
        ["validate", "/nonexistent/" + "n" * 100_000 + ".csv"],
    ],
)
def test_no_line_quotes_more_than_about_80_characters_of_a_value(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert len(line) < 500, len(line)


def test_a_long_claims_field_is_cut(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    path.write_text(
        '[[claim]]\ntext = "x"\nperiod = "2023"\nflow = "' + "A" * 100_000 + '"\n'
        'metric = "value"\nvalue = 1\nunit = "USD bn"\n'
    )
    line = assert_one_error_line(*run(capsys, "check", str(path)))
    assert "unknown flow 'AAAA" in line and len(line) < 400, len(line)


def test_clipping_keeps_apostrophes_and_short_values() -> None:
    line = "x: found 'abc', expected China's figures " + "and more words " * 10
    assert clipped(line) == line
    cut = clipped("x: found '" + "9" * 500 + "', expected a number")
    assert cut == "x: found '" + "9" * 75 + "...', expected a number"


# --- paths ---------------------------------------------------------------------------

NO_USER = "~tradetui-no-such-user-x9"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"{NO_USER}/trade.csv"],
        ["summary", "--data", f"{NO_USER}/trade.csv"],
        ["check", f"{NO_USER}/claims.toml"],
        ["export", f"{NO_USER}/out.csv"],
        ["--data", f"{NO_USER}/trade.csv"],
    ],
)
def test_a_home_folder_of_no_user_is_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert f"'{NO_USER}' names no user on this system" in line


def test_a_config_naming_data_of_no_user_says_where_it_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{NO_USER}/trade.csv"\n')
    line = assert_one_error_line(*run(capsys, "--config", str(config), "summary"))
    assert "names no user" in line


def test_an_export_name_near_the_limit_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 250 bytes is a legal name; the temporary name beside it must still fit.
    target = tmp_path / ("a" * 246 + ".csv")
    code, _, err = run(capsys, "export", str(target))
    assert code == 0, err
    assert target.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.parametrize(
    "args", [["export", "{long}.csv"], ["validate", "{long}.csv"], ["check", "{long}.toml"]]
)
def test_a_name_too_long_for_the_file_system_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    long = str(tmp_path / ("b" * 300))
    line = assert_one_error_line(*run(capsys, *[a.format(long=long) for a in args]))
    assert "the name is too long for the file system" in line


# --- files that are not regular or never end -------------------------------------------


def fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def test_a_pipe_or_a_device_is_never_an_export_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    device = tmp_path / "null.csv"
    device.symlink_to("/dev/null")
    for target in (fifo(tmp_path, "pipe.csv"), device):
        for extra in ([], ["--force"]):
            line = assert_one_error_line(*run(capsys, "export", str(target), *extra))
            assert "not a regular file (a pipe, socket or device)" in line
    assert device.is_symlink()  # left as it was


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_as_data_is_one_line(capsys: pytest.CaptureFixture[str], target: str) -> None:
    for args in (["validate", target], ["summary", "--data", target], ["--data", target]):
        line = assert_one_error_line(*run(capsys, *args))
        assert target in line


def test_a_link_to_a_device_named_like_data_is_not_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")  # read, it would never end
    for args in (["validate", str(link)], ["--data", str(link)]):
        line = assert_one_error_line(*run(capsys, *args))
        assert "not a regular file (a pipe, socket or device)" in line


# --- Parquet columns of the wrong type ---------------------------------------------------

COMTRADE_KEYS = {
    "period": ["202301", "202302"],
    "reporterISO": ["CHN", "CHN"],
    "partnerISO": ["RUS", "RUS"],
    "flowCode": ["X", "X"],
    "cmdCode": ["TOTAL", "TOTAL"],
}
TRADE_KEYS = {
    "period_start": ["2023-01", "2023-02"],
    "period_end": ["2023-01", "2023-02"],
    "reporter": ["CHN", "CHN"],
    "partner": ["RUS", "RUS"],
    "flow": ["export", "export"],
    "unit": ["USD bn", "USD bn"],
}
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


# --- overlapping periods ---------------------------------------------------------------


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


# --- validate and the explorer agree ----------------------------------------------------


def wide_header_file(tmp_path: Path) -> Path:
    """A trade table whose header is over 64 KB: 3,000 extra columns before the needed ones."""
    extra = [f"extra_column_with_a_long_name_{i:05d}" for i in range(3000)]
    names = [*extra, *HEADER.strip().split(",")]
    cells = [""] * len(extra) + ["2023-01", "2023-01", "CHN", "RUS", "export", "1", "USD bn"]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(names) + "\n" + ",".join(cells) + "\n")
    assert len(",".join(names)) > sources.HEAD_BYTES
    return path


def test_a_header_wider_than_64_kb_is_read_alike_by_validate_and_the_explorer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = wide_header_file(tmp_path)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, err
    assert out.startswith("OK: ")
    assert sources.peek(path) == sources.FORMAT_TRADETUI  # the explorer's pre-check
    opened: list[object] = []
    monkeypatch.setattr("tradetui.app.make_app", lambda *args: opened.append(args) or _Ran())
    code, _, err = run(capsys, "--data", str(path))
    assert code == 0, err
    assert opened


class _Ran:
    return_code = 0

    def run(self) -> None:
        pass


def test_the_pre_check_splits_a_quoted_header_as_a_csv_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        '\n\n"period_start","period_end",reporter,partner,flow,value,unit,"a, b"\n'
        "2023-01,2023-01,CHN,RUS,export,1,USD bn,x\n"
    )
    assert sources.peek(path) == sources.FORMAT_TRADETUI
    assert load_dataset(path).trade.collect().height == 1


# --- found by trying as a hostile user ---------------------------------------------------


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


def test_a_pipe_in_place_of_a_dataset_table_is_said_not_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "trade_monthly.csv").write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,1,USD bn\n")
    fifo(folder, "events.csv")
    line = assert_one_error_line(*run(capsys, "validate", str(folder)))
    assert "events.csv: not a regular file (a pipe, socket or device)" in line


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


def test_a_config_with_a_5000_digit_number_warns_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("event_window = " + "9" * 5000 + "\n")
    code, out, err = run(capsys, "--config", str(config), "summary")
    assert code == 0
    assert out.startswith("China–Russia trade")
    assert err.count("\n") == 1 and "not valid TOML" in err and "using the default settings" in err


def test_a_float_period_with_a_fraction_is_not_cut_to_a_month(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "comtrade.parquet"
    frame = {**COMTRADE_KEYS, "primaryValue": [1e9, 2e9], "period": [202301.0, 202302.5]}
    pl.DataFrame(frame).write_parquet(path)
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "row 2, column period: found '202302.5', expected a period" in line


def test_a_column_named_twice_is_refused_by_validate_and_the_pre_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(
        "period_start,period_end,reporter,partner,flow,value,value,unit\n"
        "2023-01,2023-01,CHN,RUS,export,1,2,USD bn\n"
    )
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "the header names column 'value' more than once" in line
    with pytest.raises(DataError, match="names column 'value' more than once"):
        sources.peek(path)


def test_unnamed_trailing_columns_may_repeat(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(HEADER.strip() + ",,\n2023-01,2023-01,CHN,RUS,export,1,USD bn,,\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 0, err


def test_a_file_name_that_is_not_utf8_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    name = os.fsdecode(b"x\xff\xfe.csv")
    (folder / name).write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,1,USD bn\n")
    for path in (folder, folder / name):
        line = assert_one_error_line(*run(capsys, "validate", str(path)))
        assert "x\\xff\\xfe.csv: the name is not valid UTF-8" in line


@pytest.mark.parametrize(
    "args", [["validate", ""], ["summary", "--data", " "], ["export", ""], ["--data", ""]]
)
def test_an_empty_path_is_not_the_current_folder(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert "found an empty path" in line


GOOD_ROWS = "2023-01,2023-01,CHN,RUS,export,1,USD bn\n"


def good_files(tmp_path: Path) -> list[Path]:
    """Good files in every encoding and shape the full read accepts."""
    text = HEADER + GOOD_ROWS
    files = {
        "utf16-le.csv": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16-be.csv": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "bom.csv": codecs.BOM_UTF8 + text.encode(),
        "latin1.csv": (HEADER.strip() + ",note\n" + GOOD_ROWS.strip() + ",ação\n").encode(
            "latin-1"
        ),
        "semicolons.csv": text.replace(",", ";").encode(),
        "tabs-quoted.csv": text.replace(",", "\t").replace("unit", '"unit"').encode(),
        "blank-lines-first.csv": b"\n\r\n" + text.encode(),
        "crlf.csv": text.replace("\n", "\r\n").encode(),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    return [*paths, wide_header_file(tmp_path)]


def test_the_pre_check_accepts_every_good_file_the_full_read_accepts(tmp_path: Path) -> None:
    for path in good_files(tmp_path):
        assert load_dataset(path).trade.collect().height == 1, path
        assert sources.peek(path) == sources.FORMAT_TRADETUI, path


def test_the_pre_check_is_never_stricter_than_the_full_read() -> None:
    bad = Path(__file__).resolve().parents[1] / "data" / "bad"
    for path in sorted(p for p in bad.iterdir() if p.suffix != ".md"):
        try:
            sources.peek(path)
        except DataError as refused:
            with pytest.raises(DataError) as caught:
                load_dataset(path)
            assert str(caught.value) == str(refused), path


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
