"""Exports: format from the extension, atomic writes, no silent overwrite, CSV formula
neutralising, round trips per format, and the exported period tables."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal, assert_series_equal

from tradetui.data import export, metrics
from tradetui.data.errors import DataError

# --- helpers ----------------------------------------------------------------------------


def sample() -> pl.DataFrame:
    """Text that needs no neutralising, floats that only survive in full precision, nulls."""
    return pl.DataFrame(
        {
            "period": ["2023-01..2023-02", "2023-03", "2023-04", "2023-05"],
            "note": ["plain", "", None, 'ünïcødé, with a comma and "quotes"'],
            "value": [0.1 + 0.2, 1 / 3, None, 123456789.123456789],
            "balance": [-5.698999999999998, 1e-5, -1e20, None],
            "months": pl.Series([2, 1, 1, None], dtype=pl.Int64),
            "flag": [True, False, None, True],
        }
    )


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def unescape_cells(line: str) -> list[str]:
    """Split a pipe-table row at unescaped '|' and undo to_markdown's escapes."""
    cells: list[str] = []
    current: list[str] = []
    chars = iter(line)
    for char in chars:
        if char == "\\":
            following = next(chars)
            current.append({"n": "\n", "r": "\r"}.get(following, following))
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    cells.append("".join(current))
    # The row starts and ends with a '|'; each cell is padded with one space either side.
    return [cell[1:-1] for cell in cells[1:-1]]


def read_markdown(text: str, schema: pl.Schema) -> pl.DataFrame:
    """Parse a to_markdown table back into a frame of ``schema``; '—' is missing."""
    lines = text.rstrip("\n").split("\n")
    header = unescape_cells(lines[0])
    assert header == list(schema.names())
    rows = [unescape_cells(line) for line in lines[2:]]
    columns = {
        name: [row[i] if row[i] != export.MISSING else None for row in rows]
        for i, name in enumerate(header)
    }
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    return frame.with_columns(
        (pl.col(name) == "true") if dtype == pl.Boolean else pl.col(name).cast(dtype)
        for name, dtype in schema.items()
    )


# --- format from the extension ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("out.csv", "csv"),
        ("OUT.CSV", "csv"),
        ("a.b.parquet", "parquet"),
        ("out.json", "json"),
        ("table.md", "markdown"),
    ],
)
def test_format_comes_from_the_extension(name: str, kind: str) -> None:
    assert export.format_for(Path("/tmp") / name) == kind


@pytest.mark.parametrize("name", ["out.txt", "out.xlsx", "out", "out.csv.gz", ".csv"])
def test_unknown_extension_is_one_line_naming_the_file(name: str) -> None:
    with pytest.raises(DataError) as caught:
        export.format_for(name)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{name}: ")
    assert ".csv, .parquet, .json, .md" in message


def test_unknown_extension_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        export.write_frame(sample(), tmp_path / "out.xlsx")
    assert listing(tmp_path) == []


# --- round trips ----------------------------------------------------------------------------


def test_csv_round_trip_keeps_full_precision(tmp_path: Path) -> None:
    frame = sample()
    path = export.write_frame(frame, tmp_path / "out.csv")
    assert path == tmp_path / "out.csv"
    back = pl.read_csv(path, schema=frame.schema)
    assert_frame_equal(back, frame, check_exact=True)


def test_parquet_round_trip(tmp_path: Path) -> None:
    frame = sample()
    path = export.write_frame(frame, tmp_path / "out.parquet")
    assert_frame_equal(pl.read_parquet(path), frame, check_exact=True)


def test_json_round_trip_is_an_array_of_rows(tmp_path: Path) -> None:
    frame = sample()
    path = export.write_frame(frame, tmp_path / "out.json")
    assert path.read_text(encoding="utf-8").startswith('[{"period":"2023-01..2023-02"')
    back = pl.read_json(path, schema=frame.schema)
    assert_frame_equal(back, frame, check_exact=True)


def test_markdown_round_trip(tmp_path: Path) -> None:
    frame = sample().with_columns(
        note=pl.Series(["a | b", "", None, "two\nlines \\ and \\| and \r"], dtype=pl.String)
    )
    path = export.write_frame(frame, tmp_path / "out.md")
    back = read_markdown(path.read_text(encoding="utf-8"), frame.schema)
    # Text comes back exactly; floats to MARKDOWN_DIGITS significant digits.
    assert_frame_equal(back.select(pl.exclude(pl.Float64)), frame.select(pl.exclude(pl.Float64)))
    assert_frame_equal(back, frame, check_exact=False, rel_tol=1e-11, abs_tol=0.0)


def test_markdown_round_trip_of_a_period_table(tmp_path: Path) -> None:
    table = export.period_table(metrics.periods(small_trade()), "quarter")
    path = export.write_frame(table, tmp_path / "q.md")
    back = read_markdown(path.read_text(encoding="utf-8"), table.schema)
    assert_frame_equal(back, table, check_exact=False, rel_tol=1e-11, abs_tol=0.0)


def test_markdown_table_layout() -> None:
    frame = pl.DataFrame(
        {"name": ["x|y", "a\nb", "", None], "value": [29.116000000000007, None, -1.5, 2.0]}
    )
    assert export.to_markdown(frame) == (
        "| name | value |\n"
        "|---|---:|\n"
        "| x\\|y | 29.116 |\n"
        "| a\\nb | — |\n"
        "|  | -1.5 |\n"
        "| — | 2.0 |\n"
    )


def test_markdown_of_an_empty_frame_is_its_header() -> None:
    frame = pl.DataFrame(schema={"period": pl.String, "total": pl.Float64})
    assert export.to_markdown(frame) == "| period | total |\n|---|---:|\n"


# --- atomic writes ---------------------------------------------------------------------------


def test_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    for name in ("a.csv", "a.parquet", "a.json", "a.md"):
        export.write_frame(sample(), tmp_path / name)
    assert listing(tmp_path) == ["a.csv", "a.json", "a.md", "a.parquet"]


def half_written_then(error: BaseException):
    def writer(frame: pl.DataFrame, out) -> None:
        out.write(b"period,note\n2023-01,half")  # a partial file, then the failure
        raise error

    return writer


@pytest.mark.parametrize(
    "error",
    [
        OSError(28, "No space left on device"),
        pl.exceptions.ComputeError("cannot write this column"),
    ],
)
def test_failed_write_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old contents\n")
    monkeypatch.setitem(export._WRITERS, "csv", half_written_then(error))
    with pytest.raises(DataError) as caught:
        export.write_frame(sample(), target, force=True)
    message = str(caught.value)
    assert message.startswith(f"{target}: cannot write")
    assert "\n" not in message
    assert target.read_text() == "old contents\n"
    assert listing(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("error", [RuntimeError("surprise"), KeyboardInterrupt()])
def test_unexpected_failure_or_interrupt_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    monkeypatch.setitem(export._WRITERS, "json", half_written_then(error))
    with pytest.raises(type(error)):
        export.write_frame(sample(), tmp_path / "out.json")
    assert listing(tmp_path) == []


def test_existing_file_is_refused_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old contents\n")
    with pytest.raises(export.FileExists) as caught:
        export.write_frame(sample(), target)
    assert isinstance(caught.value, DataError)
    assert caught.value.path == target
    assert str(caught.value) == f"{target}: the file exists; confirm to overwrite it"
    assert target.read_text() == "old contents\n"
    assert listing(tmp_path) == ["out.csv"]

    export.write_frame(sample(), target, force=True)
    assert_frame_equal(pl.read_csv(target, schema=sample().schema), sample())
    assert listing(tmp_path) == ["out.csv"]


def test_a_file_created_during_the_write_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    real = export._WRITERS["csv"]

    def meanwhile(frame: pl.DataFrame, out) -> None:
        target.write_text("written by someone else\n")
        real(frame, out)

    monkeypatch.setitem(export._WRITERS, "csv", meanwhile)
    with pytest.raises(export.FileExists):
        export.write_frame(sample(), target)
    assert target.read_text() == "written by someone else\n"
    assert listing(tmp_path) == ["out.csv"]


def test_without_hard_links_a_new_file_is_still_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source, destination) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = export.write_frame(sample(), tmp_path / "out.parquet")
    assert_frame_equal(pl.read_parquet(path), sample())
    assert listing(tmp_path) == ["out.parquet"]


def test_overwritten_file_keeps_its_permissions_and_a_new_one_follows_the_umask(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    target.chmod(0o640)
    export.write_frame(sample(), target, force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    umask = os.umask(0)
    os.umask(umask)
    fresh = export.write_frame(sample(), tmp_path / "new.md")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_missing_folder_is_one_line_naming_the_path(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    with pytest.raises(DataError) as caught:
        export.write_frame(sample(), target)
    assert str(caught.value) == (
        f"{target}: no folder {target.parent}; expected an existing folder"
    )


def test_a_folder_in_the_way_is_refused_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(DataError, match="is a folder"):
        export.write_frame(sample(), tmp_path / "out.csv", force=True)
    assert (tmp_path / "out.csv").is_dir()


def test_no_permission_is_one_line_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(path: Path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(export, "_temporary", refused)
    target = tmp_path / "out.parquet"
    with pytest.raises(DataError) as caught:
        export.write_frame(sample(), target)
    assert str(caught.value) == f"{target}: cannot write (Permission denied)"


def test_markdown_of_an_unwritable_column_is_one_line(tmp_path: Path) -> None:
    frame = pl.DataFrame({"nested": [[1, 2], [3]]})
    target = tmp_path / "out.md"
    with pytest.raises(DataError) as caught:
        export.write_frame(frame, target)
    assert str(caught.value).startswith(f"{target}: cannot write a Markdown table")
    assert listing(tmp_path) == []


# --- CSV formula injection ---------------------------------------------------------------------

DANGEROUS = ["=1+2", "+41 20", "-cmd", "@SUM(A1:A9)", "\tx", "\rx", '=HYPERLINK("http://x")']
HARMLESS = ["plain", "a=b", "2023-09", " =spaced", "", None]


def test_text_starting_a_formula_is_prefixed_with_a_quote() -> None:
    frame = pl.DataFrame(
        {
            "text": DANGEROUS + HARMLESS,
            "number": [-1.5, 2.0, -3.0, 0.0, 1e-5, -1e20, 7.0, -8.0, 9.0, -10.0, 11.0, -12.5, None],
            "count": pl.Series([-1, 2, -3, 4, 5, 6, 7, 8, 9, 10, 11, -12, None], dtype=pl.Int64),
        }
    )
    safe = export.neutralise(frame)
    assert safe["text"].to_list() == ["'" + v for v in DANGEROUS] + HARMLESS
    assert_series_equal(safe["number"], frame["number"])
    assert_series_equal(safe["count"], frame["count"])
    assert safe.schema == frame.schema


def test_categorical_text_is_neutralised_too() -> None:
    frame = pl.DataFrame({"c": pl.Series(["=x", "y"], dtype=pl.Categorical)})
    assert export.neutralise(frame)["c"].to_list() == ["'=x", "y"]


def test_csv_file_quotes_dangerous_text_but_not_negative_numbers(tmp_path: Path) -> None:
    frame = pl.DataFrame(
        {"=label": ["=1+2", "-1.5", "fine"], "balance": [-1.5, -0.25, 3.0]},
    )
    path = export.write_frame(frame, tmp_path / "out.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "'=label,balance",
        "'=1+2,-1.5",
        "'-1.5,-0.25",
        "fine,3.0",
    ]
    back = pl.read_csv(path)
    assert back.schema["balance"] == pl.Float64
    assert back["balance"].to_list() == [-1.5, -0.25, 3.0]


@pytest.mark.parametrize("name", ["out.parquet", "out.json", "out.md"])
def test_only_csv_is_neutralised(tmp_path: Path, name: str) -> None:
    frame = pl.DataFrame({"text": ["=1+2", "-x"]})
    path = export.write_frame(frame, tmp_path / name)
    if name.endswith(".parquet"):
        assert pl.read_parquet(path)["text"].to_list() == ["=1+2", "-x"]
    else:
        assert "=1+2" in path.read_text(encoding="utf-8")
        assert "'=1+2" not in path.read_text(encoding="utf-8")


# --- the exported period tables ------------------------------------------------------------------


def small_trade() -> pl.DataFrame:
    """CHN→RUS for 2022–2023 (January and February combined, as China publishes them) and a
    smaller CHN→KAZ pair."""
    rows = []
    for year in (2022, 2023):
        periods = [(f"{year}-01", f"{year}-02")] + [
            (f"{year}-{m:02d}", f"{year}-{m:02d}") for m in range(3, 13)
        ]
        for i, (start, end) in enumerate(periods):
            scale = 2 if start == end else 4
            export_value = scale * (1.0 + i / 10 + (year - 2022))
            rows += [
                (start, end, "CHN", "RUS", "export", export_value),
                (start, end, "CHN", "RUS", "import", scale * 1.5),
                (start, end, "CHN", "KAZ", "export", 0.5),
            ]
    return pl.DataFrame(
        rows,
        schema=["period_start", "period_end", "reporter", "partner", "flow", "value"],
        orient="row",
    ).with_columns(
        unit=pl.lit("USD bn"),
        method=pl.lit(None, pl.String),
        ytd_published=pl.lit(None, pl.Float64),
    )


def test_period_table_columns_are_stable() -> None:
    wide = metrics.periods(small_trade(), "CHN", "RUS")
    for granularity in ("month", "quarter", "year"):
        table = export.period_table(wide, granularity, reporter="CHN", partner="RUS")
        assert table.schema == pl.Schema(export.PERIOD_COLUMNS)
    empty = export.period_table(wide.clear(), "month")
    assert empty.schema == pl.Schema(export.PERIOD_COLUMNS)
    assert empty.height == 0


def test_period_table_by_month_matches_the_wide_table() -> None:
    wide = metrics.periods(small_trade(), "CHN", "RUS")
    table = export.period_table(wide, "month", "2023-01", "2023-06", "CHN", "RUS")
    assert table["period"].to_list() == [
        "2023-01..2023-02",
        "2023-03",
        "2023-04",
        "2023-05",
        "2023-06",
    ]
    inside = wide.filter(pl.col("year") == 2023).head(5)
    for column in ("export", "import", "total", "balance", "yoy_total", "ytd_total"):
        assert_series_equal(table[column], inside[column])
    assert_series_equal(table["pop_total"], inside["mom_total"], check_names=False)
    assert table["months"].to_list() == [2, 1, 1, 1, 1]
    assert set(table["reporter"]) == {"CHN"} and set(table["partner"]) == {"RUS"}
    # Growth needs the year before, which lies outside the range: it is still there.
    assert table["yoy_total"].null_count() == 0


def test_period_table_by_quarter_and_year() -> None:
    wide = metrics.periods(small_trade(), "CHN", "RUS")
    quarters = export.period_table(wide, "quarter", "2023-01", "2023-12")
    assert quarters["period"].to_list() == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    assert_series_equal(
        quarters["total"], metrics.aggregate(wide, "quarter").filter(year=2023)["total"]
    )
    years = export.period_table(wide, "year")
    assert years["period"].to_list() == ["2022", "2023"]
    assert years["months"].to_list() == [12, 12]
    assert years["pop_total"].null_count() == 2  # no period-on-period change by year


def test_period_table_with_one_end_runs_to_the_data(tmp_path: Path) -> None:
    wide = metrics.periods(small_trade(), "CHN", "RUS")
    assert export.period_table(wide, "month", start="2023-11")["period"].to_list() == [
        "2023-11",
        "2023-12",
    ]
    assert export.period_table(wide, "month", end="2022-03")["period"].to_list() == [
        "2022-01..2022-02",
        "2022-03",
    ]


@pytest.mark.parametrize(
    ("granularity", "start", "end", "message"),
    [
        ("month", "2023-02", None, "--from 2023-02 falls inside the combined period Jan–Feb 2023"),
        ("quarter", "2023-01", "2023-05", "--to 2023-05 falls inside quarter 2023-Q2"),
        ("year", "2023-04", None, "--from 2023-04 falls inside year 2023"),
        ("month", "2023-13", None, "--from: '2023-13' is not a month"),
        ("month", "2019-01", None, "--from 2019-01 is outside the data"),
        ("month", "2023-05", "2023-03", "--from 2023-05 is after --to 2023-03"),
    ],
)
def test_period_table_bad_range_is_one_line(
    granularity: str, start: str | None, end: str | None, message: str
) -> None:
    wide = metrics.periods(small_trade(), "CHN", "RUS")
    with pytest.raises(DataError) as caught:
        export.period_table(wide, granularity, start, end)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_pair_periods_defaults_to_the_largest_pair_and_names_pairs_when_absent() -> None:
    reporter, partner, wide = metrics.pair_periods(small_trade(), doing="export")
    assert (reporter, partner) == ("CHN", "RUS")
    assert wide.height == 22
    with pytest.raises(DataError, match="no trade for RUS→CHN in the data; pairs found: CHN→RUS"):
        metrics.pair_periods(small_trade(), "RUS", "CHN")


def test_view_rows_export_as_the_same_columns() -> None:
    from tradetui import state

    wide = metrics.periods(small_trade(), "CHN", "RUS")
    rows = state.view_rows(wide, 2023, "quarter")
    frame = export.period_frame(rows, "quarter", "CHN", "RUS")
    assert_frame_equal(
        frame, export.period_table(wide, "quarter", "2023-01", "2023-12", "CHN", "RUS")
    )


def test_default_names() -> None:
    assert export.default_name(2023, "month") == "tradetui-2023-month.csv"
    assert export.default_name(2023, "quarter", ".md") == "tradetui-2023-quarter.md"
    assert export.default_name(2023, "year") == "tradetui-by-year.csv"


# --- safe to open and to cat ------------------------------------------------------------

HOSTILE = [
    "CHN\x1b]52;c;ZXZpbA==\x07",  # OSC 52: would set the reader's clipboard
    "\x1b[2J\x1b[31mred",
    "bell\x07 nul\x00 del\x7f",
    "c1\x85\x9b31m",
    "rtl\u202eevil",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](http://x/y.png)",
    "a | b & &amp; <b>bold</b>",
]
CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


def hostile_frame() -> pl.DataFrame:
    return pl.DataFrame({"reporter": HOSTILE, "total": [float(i) for i in range(len(HOSTILE))]})


@pytest.mark.parametrize("name", ["out.csv", "out.md"])
def test_exports_hold_no_control_character_from_the_data(tmp_path: Path, name: str) -> None:
    path = export.write_frame(hostile_frame(), tmp_path / name)
    text = path.read_text(encoding="utf-8")
    found = [c for c in CONTROLS if c in text and c != "\n"]
    assert found == [], found
    assert "\u202e" not in text
    assert "CHN␛]52;c;ZXZpbA==␇" in text.replace("\\]", "]")  # as the screen shows it


def test_a_header_from_data_is_marked_too(tmp_path: Path) -> None:
    frame = pl.DataFrame({"name\x1b[2J": ["x"]})
    for name in ("out.csv", "out.md"):
        text = export.write_frame(frame, tmp_path / name).read_text(encoding="utf-8")
        assert "\x1b" not in text and "name␛[2J" in text.replace("\\[", "[")


def test_csv_keeps_line_feeds_in_cells_but_marks_carriage_returns(tmp_path: Path) -> None:
    frame = pl.DataFrame({"note": ["two\nlines", "over\rwrite"]})
    back = pl.read_csv(export.write_frame(frame, tmp_path / "out.csv"))
    assert back["note"].to_list() == ["two\nlines", "over␍write"]


def test_markdown_escapes_html_links_and_images_from_data() -> None:
    text = export.to_markdown(hostile_frame())
    assert "<img" not in text.replace("\\<img", "")
    assert "\\<img src=x onerror=alert(1)\\>" in text
    assert "\\[x\\](javascript:alert(1))" in text
    assert "!\\[i\\](http://x/y.png)" in text
    assert "a \\| b \\& \\&amp; \\<b\\>bold\\</b\\>" in text
    # No unescaped '[' , '<' or '&' is left anywhere a renderer could act on it.
    body = text.split("\n", 2)[2]
    assert not re.search(r"(?<!\\)[\[<&]", body)


def test_markdown_round_trip_of_markup_like_text(tmp_path: Path) -> None:
    frame = pl.DataFrame({"note": HOSTILE[5:]})
    back = read_markdown(export.to_markdown(frame), frame.schema)
    assert back["note"].to_list() == HOSTILE[5:]
