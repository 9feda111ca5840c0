"""The chart's series, placement, event markers and cursor, from small hand-made frames."""

from __future__ import annotations

import polars as pl
import pytest

from tradetui.data import chart
from tradetui.data.errors import DataError


def wide(rows: list[tuple[str, str, float | None, float | None]]) -> pl.DataFrame:
    """A wide table from (period_start, period_end, export, import) rows."""
    frame = pl.DataFrame(
        rows,
        schema={
            "period_start": pl.String,
            "period_end": pl.String,
            "export": pl.Float64,
            "import": pl.Float64,
        },
        orient="row",
    )
    months = (
        pl.col("period_end").str.slice(5, 2).cast(pl.Int32)
        - pl.col("period_start").str.slice(5, 2).cast(pl.Int32)
        + 1
    )
    return frame.with_columns(
        months=months,
        year=pl.col("period_start").str.slice(0, 4).cast(pl.Int32),
        total=pl.col("export") + pl.col("import"),
        balance=pl.col("export") - pl.col("import"),
    )


TWO_YEARS = wide(
    [
        ("2022-11", "2022-11", 5.0, 6.0),
        ("2022-12", "2022-12", 5.5, 6.5),
        ("2023-01", "2023-02", 10.0, 12.0),
        ("2023-03", "2023-03", None, 7.0),
        ("2023-04", "2023-04", 6.0, 7.5),
        ("2023-05", "2023-05", 6.5, None),
        ("2023-06", "2023-06", 7.0, 8.0),
    ]
)

EVENTS = pl.DataFrame(
    {
        "event_id": ["a", "b", "c", "d", "e"],
        "month": ["2022-10", "2023-02", "2023-02", "2023-04", "2023-06"],
        "start_date": ["2022-10-05", "2023-02-20", "2023-02-03", "2023-04-01", "2023-06-09"],
        "category": ["summit", "summit", "energy", "energy", "sanctions"],
        "title": ["Too early", "Late Feb summit", "Early Feb deal", "April deal", "Package"],
    }
)


def test_jan_feb_is_drawn_as_its_monthly_mean_at_mid_period() -> None:
    periods = chart.chart_periods(TWO_YEARS, "2022-11", "2023-06")
    row = chart.period_at(periods, "2023-01")
    assert row is not None
    january, february = chart.month_index("2023-01"), chart.month_index("2023-02")
    assert row["x"] == pytest.approx((january + february) / 2)
    assert row["total_mean"] == pytest.approx(11.0)
    # The published values stay as they are for the readout.
    assert row["total"] == pytest.approx(22.0)
    # A single month sits on its own index.
    assert chart.period_at(periods, "2023-03")["x"] == chart.month_index("2023-03")


def test_series_split_at_missing_values_into_runs() -> None:
    periods = chart.chart_periods(TWO_YEARS, "2022-11", "2023-06")
    exports = chart.split_runs(periods, "export_mean")
    # March's export is missing: the line stops before it and starts again after it.
    assert [len(xs) for xs, _ in exports] == [3, 3]
    assert exports[0][1] == pytest.approx([5.0, 5.5, 5.0])
    assert exports[1][0][0] == chart.month_index("2023-04")
    imports = chart.split_runs(periods, "import_mean")
    # May's import is missing, leaving June on its own.
    assert [len(xs) for xs, _ in imports] == [5, 1]
    totals = chart.split_runs(periods, "total_mean")
    assert [len(xs) for xs, _ in totals] == [3, 1, 1]
    assert all(value is not None and value > 0 for _, ys in totals for value in ys)


def test_a_hole_between_periods_also_ends_a_run() -> None:
    holed = TWO_YEARS.filter(pl.col("period_start") != "2023-04")
    periods = chart.chart_periods(holed, "2022-11", "2023-06")
    assert [len(xs) for xs, _ in chart.split_runs(periods, "import_mean")] == [4, 1]


def test_event_markers_follow_the_category() -> None:
    every = chart.event_markers(EVENTS, "2022-11", "2023-06")
    # October 2022 is outside the range; two February events share one marker.
    assert every["month"].to_list() == ["2023-02", "2023-04", "2023-06"]
    assert every["count"].to_list() == [2, 1, 1]
    assert every["x"][0] == chart.month_index("2023-02")
    assert every["titles"][0].to_list() == ["Early Feb deal", "Late Feb summit"]
    energy = chart.event_markers(EVENTS, "2022-11", "2023-06", "energy")
    assert energy["month"].to_list() == ["2023-02", "2023-04"]
    assert chart.event_markers(EVENTS, "2022-11", "2023-06", "forum").is_empty()


def test_events_of_a_period_include_both_months_of_jan_feb() -> None:
    markers = chart.event_markers(EVENTS, "2022-11", "2023-06", "summit")
    assert chart.events_in_period(markers, "2023-01", "2023-02") == ["Late Feb summit"]
    assert chart.events_in_period(markers, "2023-03", "2023-03") == []


def test_cursor_steps_over_periods_and_stops_at_the_ends() -> None:
    periods = chart.chart_periods(TWO_YEARS, "2022-11", "2023-06")
    # Jan–Feb is one step: from December to Jan–Feb to March.
    assert chart.step_cursor(periods, "2022-12", 1) == "2023-01"
    assert chart.step_cursor(periods, "2023-01", 1) == "2023-03"
    assert chart.step_cursor(periods, "2023-03", -1) == "2023-01"
    # February counts as the Jan–Feb period.
    assert chart.step_cursor(periods, "2023-02", 0) == "2023-01"
    assert chart.step_cursor(periods, "2022-11", -1) == "2022-11"
    assert chart.step_cursor(periods, "2023-06", 5) == "2023-06"
    assert chart.step_cursor(periods, "2023-04", -100000) == "2022-11"
    # No cursor yet: start on the latest period.
    assert chart.step_cursor(periods, None, 0) == "2023-06"
    # A month past the range lands on its nearest end.
    assert chart.step_cursor(periods, "2030-01", 0) == "2023-06"
    assert chart.step_cursor(periods, "2001-01", 0) == "2022-11"


def test_ranges_all_last_12_months_and_a_year() -> None:
    assert chart.range_bounds(TWO_YEARS, "all") == ("2022-11", "2023-06")
    assert chart.range_bounds(TWO_YEARS, "last12") == ("2022-11", "2023-06")
    assert chart.range_bounds(TWO_YEARS, "2023") == ("2023-01", "2023-06")
    data = chart.build_chart(TWO_YEARS, EVENTS, "2022")
    assert data.periods["period_start"].to_list() == ["2022-11", "2022-12"]
    assert data.markers.is_empty()
    assert chart.range_choices([2022, 2023]) == ["all", "last12", "2022", "2023"]
    with pytest.raises(DataError, match="2019"):
        chart.range_bounds(TWO_YEARS, "2019")


def test_last_12_months_starts_eleven_months_before_the_last() -> None:
    long = wide(
        [(f"2022-{m:02d}", f"2022-{m:02d}", 1.0, 1.0) for m in range(3, 13)]
        + [("2023-01", "2023-02", 2.0, 2.0), ("2023-03", "2023-03", 1.0, 1.0)]
    )
    assert chart.range_bounds(long, "last12") == ("2022-04", "2023-03")


def test_month_index_round_trips() -> None:
    assert chart.index_month(chart.month_index("2023-09")) == "2023-09"
    assert chart.month_index("2024-01") - chart.month_index("2023-12") == 1


def test_a_new_range_keeps_the_cursor_or_its_calendar_month() -> None:
    year_2022 = chart.chart_periods(TWO_YEARS, "2022-01", "2022-12")
    # June 2023 is not in 2022, and neither is June 2022 (the data starts in November).
    assert chart.place_cursor(year_2022, "2023-06") == "2022-12"
    assert chart.place_cursor(year_2022, "2023-11") == "2022-11"
    every = chart.chart_periods(TWO_YEARS, "2022-11", "2023-06")
    assert chart.place_cursor(every, "2023-04") == "2023-04"
    assert chart.place_cursor(every, None) == "2023-06"
