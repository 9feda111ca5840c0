"""Classes of hostile input beyond the corpus files: each gives one line and exit 2 from the
CLI, never a traceback, and never a wrong "OK" (tests/data/bad/README.md lists the corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runs import HEADER, assert_one_error_line, run
from tradetui.data.errors import DataError
from tradetui.data.periods import parse_month

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
