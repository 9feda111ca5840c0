"""Metrics on tiny hand-written frames (expected values worked out by hand in comments),
plus a few checks on the embedded data worked out from data/trade_monthly.csv."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_series_equal

from tradetui.data import metrics, schema
from tradetui.data.load import load_dataset

Flows = tuple[float | None, float | None, float | None]  # export, import, total


def trade(
    periods: dict[str, Flows],
    ytd: dict[str, float] | None = None,
    reporter: str = "CHN",
    partner: str = "RUS",
) -> pl.LazyFrame:
    """A trade table from {'2023-01..2023-02' or '2023-03': (export, import, total)};
    ``ytd`` gives a published YTD total for some periods."""
    rows = []
    for period, values in periods.items():
        start, _, end = period.partition("..")
        for flow, value in zip(schema.FLOWS, values, strict=True):
            rows.append(
                {
                    "period_start": start,
                    "period_end": end or start,
                    "reporter": reporter,
                    "partner": partner,
                    "flow": flow,
                    "value": value,
                    "unit": "USD bn",
                    "ytd_published": (ytd or {}).get(period) if flow == schema.TOTAL else None,
                }
            )
    return pl.DataFrame(rows, schema=schema.TRADE_COLUMNS, strict=False).lazy()


# Two years; 2023 has a missing May.
BASE = {
    "2022-01..2022-02": (8.0, 12.0, 20.0),
    "2022-03": (5.0, 7.0, 12.0),
    "2022-04": (5.0, 6.0, 11.0),
    "2022-05": (6.0, 7.0, 13.0),
    "2023-01..2023-02": (10.0, 15.0, 25.0),
    "2023-03": (6.0, 9.0, 15.0),
    "2023-04": (4.0, 6.0, 10.0),
    "2023-05": (None, None, None),
    "2023-06": (7.0, 9.0, 16.0),
}


@pytest.fixture(scope="module")
def wide() -> pl.DataFrame:
    return metrics.periods(trade(BASE))


def column(frame: pl.DataFrame, name: str) -> list:
    return frame[name].to_list()


def approx_list(values: list[float | None]) -> list:
    return [None if v is None else pytest.approx(v) for v in values]


# --- the wide period table -------------------------------------------------------------


def test_periods_have_months_and_balance_from_the_reporters_side(wide: pl.DataFrame) -> None:
    assert column(wide, "months") == [2, 1, 1, 1, 2, 1, 1, 1, 1]
    # balance = export - import: China's deficit is negative.
    assert column(wide, "balance")[:2] == [-4.0, -2.0]
    assert column(wide, "share_export")[1] == pytest.approx(5 / 12 * 100)


def test_yoy_compares_the_same_period_including_jan_feb_with_jan_feb(wide: pl.DataFrame) -> None:
    # 25/20, 15/12, 10/11; May 2023 is missing; June 2022 does not exist.
    assert column(wide, "yoy_total") == approx_list(
        [None, None, None, None, 25.0, 25.0, -100 / 11, None, None]
    )
    # Jan-Feb exports 10/8, imports 15/12; March exports 6/5, imports 9/7.
    assert column(wide, "yoy_export")[4:6] == approx_list([25.0, 20.0])
    assert column(wide, "yoy_import")[4:6] == approx_list([25.0, 200 / 7])


def test_mom_only_between_consecutive_single_months(wide: pl.DataFrame) -> None:
    # 2022: Mar after Jan-Feb has none; Apr 11/12; May 13/11.
    # 2023: Mar after Jan-Feb none; Apr 10/15; May missing; Jun follows a missing May.
    assert column(wide, "mom_total") == approx_list(
        [None, None, -100 / 12, 200 / 11, None, None, -100 / 3, None, None]
    )


def test_running_ytd_stops_at_a_missing_month(wide: pl.DataFrame) -> None:
    assert column(wide, "ytd_total") == approx_list([20, 32, 43, 56, 25, 40, 50, None, None])
    assert column(wide, "ytd_export")[4:7] == approx_list([10, 16, 20])
    # 25/20, 40/32, 50/43.
    assert column(wide, "ytd_yoy_total")[4:] == approx_list([25, 25, 700 / 43, None, None])


def test_running_ytd_stops_where_a_month_has_no_row() -> None:
    wide = metrics.periods(
        trade(
            {
                "2023-01..2023-02": (10.0, 15.0, 25.0),
                "2023-03": (6.0, 9.0, 15.0),
                "2023-05": (4.0, 6.0, 10.0),  # April absent
                "2024-03": (6.0, 9.0, 15.0),  # Jan-Feb 2024 absent
            }
        )
    )
    assert column(wide, "ytd_total") == [25.0, 40.0, None, None]


def test_published_ytd_wins_over_the_running_sum() -> None:
    wide = metrics.periods(
        trade(
            {
                "2023-01..2023-02": (None, None, 25.0),
                "2023-03": (None, None, 15.0),
                "2023-04": (None, None, 10.0),
            },
            ytd={"2023-01..2023-02": 25.0, "2023-03": 40.5},
        )
    )
    # March keeps the (revised) published 40.5; April has none, so 25 + 15 + 10.
    assert column(wide, "ytd_total") == [25.0, 40.5, 50.0]


def test_total_falls_back_to_export_plus_import() -> None:
    wide = metrics.periods(trade({"2023-03": (6.0, 9.0, None), "2023-04": (4.0, None, None)}))
    assert column(wide, "total") == [15.0, None]
    assert column(wide, "method_total") == ["sum_of_flows", None]


def test_rolling_three_months_needs_exactly_the_last_three_months(wide: pl.DataFrame) -> None:
    # Mar after Jan-Feb: (12 + 20) / 3; Apr: February is inside Jan-Feb, so none;
    # May 2022: (12 + 11 + 13) / 3; 2023: Mar (15 + 25) / 3, then Apr none, May/Jun gap.
    assert column(wide, "rolling3_total") == approx_list(
        [None, 32 / 3, None, 12, None, 40 / 3, None, None, None]
    )


def test_pairs_rank_by_trade_without_counting_flows_twice() -> None:
    lf = pl.concat(
        [
            trade({"2023-03": (4.0, 6.0, 10.0)}, partner="RUS"),
            trade({"2023-03": (7.0, 8.0, None)}, partner="KAZ"),
            trade({"2023-03": (None, None, 12.0)}, partner="MNG"),
        ]
    )
    ranked = metrics.pairs(lf)
    assert column(ranked, "partner") == ["KAZ", "MNG", "RUS"]
    assert column(ranked, "value") == [15.0, 12.0, 10.0]
    assert column(metrics.periods(lf), "total") == [15.0]
    assert column(metrics.periods(lf, "CHN", "RUS"), "total") == [10.0]
    assert metrics.periods(lf, "CHN", "USA").is_empty()


# --- aggregation -----------------------------------------------------------------------


def test_quarters_use_the_ytd_difference_where_published() -> None:
    wide = metrics.periods(
        trade(
            {
                "2024-01..2024-02": (None, None, 20.0),
                "2024-03": (None, None, 10.0),
                "2024-04": (None, None, 10.0),
                "2024-05": (None, None, 10.0),
                "2024-06": (None, None, 10.0),
            },
            ytd={"2024-01..2024-02": 20, "2024-03": 30.5, "2024-05": 51, "2024-06": 61.5},
        )
    )
    quarters = metrics.aggregate(wide, "quarter")
    assert column(quarters, "label") == ["2024-Q1", "2024-Q2"]
    # Q1 = 30.5 - 0, Q2 = 61.5 - 30.5 (not the sum 30); MoM 31 / 30.5.
    assert column(quarters, "total") == approx_list([30.5, 31.0])
    assert column(quarters, "months_covered") == [3, 3]
    assert column(quarters, "mom_total") == approx_list([None, (31 / 30.5 - 1) * 100])


def test_quarters_fall_back_to_the_sum_of_their_periods() -> None:
    wide = metrics.periods(
        trade(
            {
                "2023-01..2023-02": (None, None, None),
                "2023-03": (None, None, 12.0),
                "2023-04": (None, None, 10.0),
                "2023-05": (None, None, 11.0),
                "2023-06": (None, None, 9.0),
            }
        )
    )
    quarters = metrics.aggregate(wide, "quarter")
    # No YTD (Jan-Feb is missing): Q1 has a missing period, Q2 = 10 + 11 + 9.
    assert column(quarters, "total") == [None, 30.0]


def test_a_quarter_after_a_month_with_no_row_does_not_take_that_month_in() -> None:
    wide = metrics.periods(
        trade(
            {
                "2024-01..2024-02": (None, None, 20.0),
                "2024-04": (None, None, 10.0),  # March absent
                "2024-05": (None, None, 10.0),
                "2024-06": (None, None, 10.5),
            },
            ytd={"2024-01..2024-02": 20, "2024-04": 41, "2024-06": 61.5},
        )
    )
    # Not 61.5 - 20 (that would include March): the sum of April to June.
    assert column(metrics.aggregate(wide, "quarter"), "total") == [20.0, 30.5]


def test_incomplete_quarters_and_years(wide: pl.DataFrame) -> None:
    quarters = metrics.aggregate(wide, "quarter")
    assert column(quarters, "label") == ["2022-Q1", "2022-Q2", "2023-Q1", "2023-Q2"]
    assert column(quarters, "months_covered") == [3, 2, 3, 3]
    # 2022-Q2 = 56 - 32 over two months; 2023-Q2 has a missing May and no YTD after it.
    assert column(quarters, "total") == [32.0, 24.0, 40.0, None]
    # 40/32; a quarter compares only with the same months a year earlier.
    assert column(quarters, "yoy_total") == approx_list([None, None, 25.0, None])
    # No MoM for or after the two-month 2022-Q2.
    assert column(quarters, "mom_total") == [None, None, None, None]
    years = metrics.aggregate(wide, "year")
    assert column(years, "label") == ["2022", "2023"]
    assert column(years, "total") == [56.0, None]
    assert column(years, "months_covered") == [5, 6]
    assert metrics.aggregate(wide, "month") is wide
    with pytest.raises(ValueError, match="week"):
        metrics.aggregate(wide, "week")


def test_year_record_totals_and_single_month_peak_and_trough(wide: pl.DataFrame) -> None:
    rec = metrics.year_record(wide, 2022)
    assert (rec.months_covered, rec.complete) == (5, False)
    assert (rec.export, rec.import_, rec.total, rec.balance) == (24.0, 32.0, 56.0, -8.0)
    assert rec.yoy_total is None
    # Jan-Feb (20) is not a single month, so the peak is May.
    assert rec.peak == ("2022-05", 13.0)
    assert rec.trough == ("2022-04", 11.0)
    assert rec.monthly_totals == [20.0, 12.0, 11.0, 13.0]
    later = metrics.year_record(wide, 2023)
    assert later.total is None
    assert (later.peak, later.trough) == (("2023-06", 16.0), ("2023-04", 10.0))
    empty = metrics.year_record(wide, 2030)
    assert (empty.months_covered, empty.total, empty.monthly_totals) == (0, None, [])


def test_year_view_ranks_periods_and_gives_their_share(wide: pl.DataFrame) -> None:
    view = metrics.year_view(wide, 2022)
    # By the mean per month: Jan-Feb's 20 is 10 a month, below Mar 12, Apr 11 and May 13.
    assert column(view, "rank") == [4, 2, 3, 1]
    assert column(view, "share_of_year") == approx_list(
        [20 / 0.56, 12 / 0.56, 11 / 0.56, 13 / 0.56]
    )


def test_range_record_uses_ytd_from_january_and_sums_otherwise(wide: pl.DataFrame) -> None:
    jan_apr = metrics.range_record(wide, "2023-01", "2023-04")
    # YTD 50 against 43; exports 20 against 18.
    assert (jan_apr["total"], jan_apr["previous"]["total"]) == (50.0, 43.0)
    assert jan_apr["yoy_total"] == pytest.approx(700 / 43)
    assert jan_apr["yoy_export"] == pytest.approx(100 / 9)
    assert (jan_apr["periods"], jan_apr["months"]) == (3, 4)
    assert jan_apr["largest_month"] == ("2023-03", 15.0)
    # Mar-May 2022: 12 + 11 + 13; exports 16 against imports 20; no 2021 to compare with.
    spring = metrics.range_record(wide, "2022-03", "2022-05")
    assert (spring["total"], spring["balance"], spring["yoy_total"]) == (36.0, -4.0, None)
    assert metrics.range_record(wide, "2023-03", "2023-06")["total"] is None


def test_largest_moves_by_absolute_change(wide: pl.DataFrame) -> None:
    moves = metrics.largest_moves(wide, 2)
    assert column(moves, "period_start") == ["2023-04", "2022-05"]


def test_cagr_and_target_progress() -> None:
    assert metrics.cagr(100, 121, 2) == pytest.approx(10.0)
    assert metrics.cagr(None, 121, 2) is None
    assert metrics.cagr(0, 121, 2) is None
    assert metrics.cagr(100, 121, 0) is None
    assert metrics.target_progress(50, 200) == pytest.approx(25.0)
    assert metrics.target_progress(None, 200) is None
    assert metrics.target_progress(50, 0) is None


def test_event_window_counts_jan_feb_as_two_months(wide: pl.DataFrame) -> None:
    window = metrics.event_window(wide, "2022-03", months=2)
    # Before: Jan-Feb 20 over 2 months; after: Apr and May (11 + 13) / 2.
    assert (window.before_mean, window.before_covered) == (10.0, 2)
    assert (window.after_mean, window.after_covered) == (12.0, 2)
    assert window.change_pct == pytest.approx(20.0)


def test_event_window_skips_split_periods_and_gaps(wide: pl.DataFrame) -> None:
    window = metrics.event_window(wide, "2023-04", months=2)
    # Before Feb-Mar: Jan-Feb reaches outside, so March alone; after May-Jun: May missing.
    assert (window.before_mean, window.before_covered) == (15.0, 1)
    assert (window.after_mean, window.after_covered) == (16.0, 1)
    assert window.change_pct == pytest.approx(100 / 15)
    nothing = metrics.event_window(wide, "2030-01")
    assert (nothing.before_mean, nothing.after_covered, nothing.change_pct) == (None, 0, None)


# --- the embedded data, worked out by hand from data/trade_monthly.csv ------------------


@pytest.fixture(scope="module")
def embedded() -> pl.DataFrame:
    return metrics.periods(load_dataset().trade)


def row(wide: pl.DataFrame, start: str) -> dict:
    return wide.filter(pl.col("period_start") == start).row(0, named=True)


def test_september_2023_is_the_difference_of_two_ytd_releases(embedded: pl.DataFrame) -> None:
    sep = row(embedded, "2023-09")
    # 176.4 - 155.1, 81.4 - 71.8, 94.9 - 83.3 (Jan-Sep minus Jan-Aug 2023).
    assert sep["total"] == pytest.approx(21.3)
    assert sep["export"] == pytest.approx(9.6)
    assert sep["import"] == pytest.approx(11.6)
    assert sep["ytd_total"] == pytest.approx(176.4)
    # Jan-Sep 2022 was 136.089.
    assert sep["ytd_yoy_total"] == pytest.approx((176.4 / 136.089 - 1) * 100)
    assert sep["method_total"] == "ytd_diff"


def test_embedded_jan_feb_and_gaps(embedded: pl.DataFrame) -> None:
    # Jan-Feb 2024 37.01 against Jan-Feb 2023 33.685.
    assert row(embedded, "2024-01")["yoy_total"] == pytest.approx((37.01 / 33.685 - 1) * 100)
    # Apr 2024: Jan-May 96.5 - May 19.8 - Jan-Mar 56.68; its flows stay missing.
    april = row(embedded, "2024-04")
    assert (april["total"], april["export"], april["import"]) == (20.02, None, None)
    assert row(embedded, "2024-05")["mom_total"] == pytest.approx((19.8 / 20.02 - 1) * 100)
    assert row(embedded, "2024-03")["mom_total"] is None  # after Jan-Feb, not a single month
    quarters = metrics.aggregate(embedded, "quarter")
    q2 = quarters.filter(pl.col("label") == "2024-Q2").row(0, named=True)
    # Jan-Jun 116.87 - Jan-Mar 56.68, although April is missing.
    assert q2["total"] == pytest.approx(60.19)


def test_embedded_2023_year_record(embedded: pl.DataFrame) -> None:
    rec = metrics.year_record(embedded, 2023)
    assert rec.complete
    assert (rec.total, rec.export, rec.import_) == (240.11, 110.97, 129.14)
    assert rec.balance == pytest.approx(-18.17)
    assert rec.yoy_total == pytest.approx((240.11 / 190.271 - 1) * 100)
    # December 240.11 - 218.176; April 73.148 - 53.845.
    assert rec.peak == ("2023-12", pytest.approx(21.934))
    assert rec.trough == ("2023-04", pytest.approx(19.303))
    assert_series_equal(
        metrics.pairs(load_dataset().trade)["partner"], pl.Series("partner", ["RUS"])
    )
