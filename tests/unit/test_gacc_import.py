"""GACC-style report files: the monthly series derived exactly as the embedded build does."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tradetui.data import build, gacc, schema, sources
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset

ROOT = Path(__file__).resolve().parents[2]
RESEARCH_REPORTS = ROOT / "data" / "research" / build.RESEARCH_REPORTS
HEADER = sources.GACC_COLUMNS


@pytest.fixture(autouse=True)
def own_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))


def write_reports(path: Path, rows: list[tuple], header: tuple[str, ...] = HEADER) -> Path:
    """rows: (start, end, kind, flow, value, currency); the rest is filled in."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number, (start, end, kind, flow, value, currency) in enumerate(rows, 1):
            unit = "bn" if value else ""
            source = (f"https://example.org/{number}", f"page {number}", "2024-01-01", "quote")
            full = (start, end, kind, flow, value, unit, currency, "", *source)
            writer.writerow(full[: len(header)])
    return path


ROWS = [
    ("2019-01", "2019-12", "year", "total", "110.75", "USD"),  # a growth base, no months
    ("2023-01", "2023-02", "month", "total", "33.685", "USD"),
    ("2023-01", "2023-03", "ytd", "total", "53.845", "USD"),
    ("2023-01", "2023-03", "ytd", "total", "53.8", "USD"),  # less precise: not chosen
    ("2023-01", "2023-03", "ytd", "cn_exports_to_ru", "24.69", "USD"),
    ("2023-04", "2023-04", "month", "total", "19.45", "USD"),
    ("2023-01", "2023-03", "ytd", "total", "373.6", "CNY"),
]


def test_a_report_file_gives_the_monthly_series_and_its_figures(tmp_path: Path) -> None:
    path = write_reports(tmp_path / "reports.csv", ROWS)
    data = load_dataset(path)
    assert data.source_format == "gacc"
    assert data.origin == f"GACC report file {path}"
    assert data.missing == ("events", "commodities")
    assert data.detail is None
    assert "reporter CHN, partner RUS" in data.notes[0]

    trade = data.trade.collect()
    assert set(trade["reporter"]) == {"CHN"} and set(trade["partner"]) == {"RUS"}
    # 2019 has only a full year: the series starts with the first year that has a month.
    assert trade["period_start"].min() == "2023-01"
    totals = trade.filter(pl.col("flow") == "total").select(
        "period_start", "period_end", "value", "method", "value_figures"
    )
    expected = pl.DataFrame(
        {
            "period_start": ["2023-01", "2023-03", "2023-04"],
            "period_end": ["2023-02", "2023-03", "2023-04"],
            "value": [33.685, 20.16, 19.45],
            "method": ["ytd_first", "ytd_diff", "published_month"],
            "value_figures": ["g0002", "g0002;g0003", "g0006"],
        }
    )
    assert_frame_equal(totals, expected)

    published = data.published.collect()
    assert published.columns == list(schema.PUBLISHED_COLUMNS)
    assert published.height == len(ROWS)
    assert published.filter(pl.col("chosen"))["figure_id"].to_list() == [
        "g0001",
        "g0002",
        "g0003",
        "g0005",
        "g0006",
        "g0007",
    ]


def test_the_research_file_gives_the_embedded_dataset() -> None:
    embedded = load_dataset()
    imported = load_dataset(RESEARCH_REPORTS)
    assert_frame_equal(imported.trade.collect(), embedded.trade.collect())
    assert_frame_equal(imported.published.collect(), embedded.published.collect())


def test_a_parquet_report_file_gives_the_same_series(tmp_path: Path) -> None:
    path = write_reports(tmp_path / "reports.csv", ROWS)
    parquet = tmp_path / "reports.parquet"
    pl.read_csv(path, infer_schema=False).write_parquet(parquet)
    assert_frame_equal(load_dataset(parquet).trade.collect(), load_dataset(path).trade.collect())


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    short = write_reports(tmp_path / "short.csv", ROWS, header=HEADER[:7])
    full = write_reports(tmp_path / "full.csv", ROWS)
    assert_frame_equal(load_dataset(short).trade.collect(), load_dataset(full).trade.collect())


def test_the_embedded_exclusions_apply_where_they_match(tmp_path: Path) -> None:
    rows = [
        ("2023-01", "2023-11", "ytd", "total", "218.176", "USD"),
        ("2023-01", "2023-11", "ytd", "total", "218", "USD"),  # excluded: a round number
        ("2023-01", "2023-12", "ytd", "total", "240.11", "USD"),
    ]
    data = load_dataset(write_reports(tmp_path / "reports.csv", rows))
    published = data.published.collect()
    assert published["usable"].to_list() == [True, False, True]
    assert published["excluded_because"][1] == build._BOUND
    december = data.trade.filter(pl.col("flow") == "total", pl.col("period_end") == "2023-12")
    assert december.collect()["value"].to_list() == [pytest.approx(21.934)]


def test_the_build_still_requires_every_exclusion_to_match() -> None:
    raw = pl.DataFrame([dict.fromkeys(HEADER, None)], schema=dict.fromkeys(HEADER, pl.String))
    raw = raw.with_columns(
        period_start=pl.lit("2023-01"),
        period_end=pl.lit("2023-09"),
        kind=pl.lit("ytd"),
        flow=pl.lit("total"),
        value=pl.lit("176.4"),
        unit=pl.lit("bn"),
        currency=pl.lit("USD"),
    )
    with pytest.raises(DataError, match="matches no research row"):
        build.figures_from_reports(raw)
    assert build.figures_from_reports(raw, every_exclusion_matches=False).height == 1


@pytest.mark.parametrize(
    ("row", "column", "found", "expected"),
    [
        (("2023-01", "2023-03", "ytd", "exports", "1", "USD"), "flow", "'exports'", "one of"),
        (("2023-01", "2023-03", "cumulative", "total", "1", "USD"), "kind", "'cumulative'", "one"),
        (
            ("2023-1", "2023-03", "ytd", "total", "1", "USD"),
            "period_start",
            "'2023-1'",
            "a month as YYYY-MM",
        ),
        (("2023-01", "2023-03", "ytd", "total", "1.2.3", "USD"), "value", "'1.2.3'", "a number"),
        (("2023-01", "2023-03", "ytd", "total", "1", "EUR"), "currency", "'EUR'", "USD, CNY"),
        (
            ("2023-03", "2023-01", "ytd", "total", "1", "USD"),
            "period_end",
            "'2023-01'",
            "an end month on or",
        ),
    ],
    ids=["flow", "kind", "period", "value", "currency", "end-before-start"],
)
def test_a_bad_cell_names_its_line_and_column(
    tmp_path: Path, row: tuple, column: str, found: str, expected: str
) -> None:
    path = write_reports(tmp_path / "bad.csv", [ROWS[1], row])
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        f"{path}: line 3, column {column}: found {found}, expected {expected}"
    )


def test_a_file_without_usd_figures_is_refused(tmp_path: Path) -> None:
    path = write_reports(
        tmp_path / "cny.csv", [("2023-01", "2023-03", "ytd", "total", "373.6", "CNY")]
    )
    with pytest.raises(DataError, match="no usable USD figure"):
        load_dataset(path)


def test_a_file_without_any_month_is_refused(tmp_path: Path) -> None:
    path = write_reports(tmp_path / "years.csv", [ROWS[0]])
    with pytest.raises(DataError, match="no month can be derived"):
        load_dataset(path)


def test_derive_monthly_matches_the_build_from_its_first_year() -> None:
    figures = build.published_figures(RESEARCH_REPORTS.parent)
    assert_frame_equal(
        gacc.derive_monthly(figures, "research"), build.monthly_trade(figures, build.FIRST_YEAR)
    )
