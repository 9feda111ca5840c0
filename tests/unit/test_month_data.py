"""The month details gathered for one period, checked against the embedded data files."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from tradetui.data import metrics
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.month import balance_side, month_details, step

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def wide(dataset):
    return metrics.periods(dataset.trade)


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _trade_row(period: str, flow: str) -> dict[str, str]:
    (row,) = [
        r
        for r in _csv_rows("trade_monthly.csv")
        if r["period_start"] == period and r["flow"] == flow
    ]
    return row


def test_september_2023_flows_are_the_ytd_differences_of_the_trade_file(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    # Jan–Sep YTD minus Jan–Aug YTD, as published: 81.4-71.8, 94.9-83.3, 176.4-155.1.
    for flow, attr, expected in (
        ("export", "export", 9.6),
        ("import", "import_", 11.6),
        ("total", "total", 21.3),
    ):
        sep, aug = _trade_row("2023-09", flow), _trade_row("2023-08", flow)
        by_hand = float(sep["ytd_published"]) - float(aug["ytd_published"])
        assert by_hand == pytest.approx(expected, abs=1e-9)
        assert getattr(details, attr) == pytest.approx(expected, abs=1e-9)
    assert details.balance == pytest.approx(9.6 - 11.6)
    assert details.balance_favours == "China deficit (Russia surplus)"
    assert details.title == "September 2023 (2023-09)"
    assert details.ytd_label == "Jan–Sep 2023"
    assert details.ytd_total == pytest.approx(176.4)


def test_september_2023_growth_rank_and_share_come_from_the_wide_table(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    aug = wide.filter(pl.col("period_start") == "2023-08")["total"][0]
    sep_2022 = wide.filter(pl.col("period_start") == "2022-09")["total"][0]
    assert details.mom_total == pytest.approx((21.3 / aug - 1) * 100)
    assert details.previous_label == "2023-08"
    assert details.yoy_total == pytest.approx((21.3 / sep_2022 - 1) * 100)
    year = metrics.year_view(wide, 2023)
    # Ranked by the mean per month: Jan–Feb (33.685, 16.8 a month) is below September.
    bigger = year.filter(pl.col("total") / pl.col("months") > 21.3)["period_start"].to_list()
    assert details.rank == len(bigger) + 1
    assert bigger == ["2023-11", "2023-12"]
    assert details.share_of_year == pytest.approx(
        21.3 / metrics.year_record(wide, 2023).total * 100
    )


def test_september_in_other_years_lists_every_september_with_yoy(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    frame = details.other_years
    septembers = sorted(
        {
            r["period_start"]
            for r in _csv_rows("trade_monthly.csv")
            if r["period_start"].endswith("-09")
        }
    )
    assert frame["period_start"].to_list() == septembers
    assert frame.filter(pl.col("current"))["year"].to_list() == [2023]
    sep_2022 = frame.filter(pl.col("year") == 2022)["total"][0]
    current = frame.filter(pl.col("year") == 2023).row(0, named=True)
    assert current["yoy_total"] == pytest.approx((21.3 / sep_2022 - 1) * 100)


def test_september_2023_events_are_grouped_around_the_month(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    events = details.events
    expected_in = [r["title"] for r in _csv_rows("events.csv") if r["start_date"][:7] == "2023-09"]
    in_month = events.filter(pl.col("group") == "in")["title"].to_list()
    assert in_month == expected_in
    assert any("Eastern Economic Forum" in title for title in in_month)
    assert any("Wang Yi" in title and "Putin" in title for title in in_month)
    expected_after = [
        r["title"] for r in _csv_rows("events.csv") if r["start_date"][:7] == "2023-10"
    ]
    assert events.filter(pl.col("group") == "after")["title"].to_list() == expected_after
    before = events.filter(pl.col("group") == "before")
    assert before["month"].to_list() == ["2023-08"] * before.height


def test_september_2023_sources_resolve_the_ytd_figure_ids_to_their_urls(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    published = {r["figure_id"]: r for r in _csv_rows("published_figures.csv")}
    for flow in ("export", "import", "total"):
        row = _trade_row("2023-09", flow)
        figures = details.sources.filter(pl.col("flow") == flow)
        ytd = figures.filter(pl.col("figure_id") == row["ytd_figure"]).row(0, named=True)
        assert ytd["source_url"] == published[row["ytd_figure"]]["source_url"]
        assert "YTD" in ytd["roles"]
        for figure_id in row["value_figures"].split(";"):
            assert figure_id in figures["figure_id"].to_list()
    methods = dict(zip(details.provenance["flow"], details.provenance["method"], strict=True))
    assert methods == {"export": "ytd_diff", "import": "ytd_diff", "total": "ytd_diff"}


def test_a_directly_published_figure_that_differs_shows_both_and_the_difference(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    row = details.provenance.filter(pl.col("flow") == "import").row(0, named=True)
    published = float(_trade_row("2023-09", "import")["published_value"])
    assert row["published_value"] == pytest.approx(published)
    assert row["difference"] == pytest.approx(11.6 - published)
    export = details.provenance.filter(pl.col("flow") == "export").row(0, named=True)
    assert export["difference"] is None  # 9.6 derived and 9.6 published agree


def test_commodities_are_those_published_for_exactly_the_month(dataset, wide):
    details = month_details(dataset, wide, "2023-09")
    expected = sorted(
        r["commodity_id"]
        for r in _csv_rows("commodities.csv")
        if r["period_start"] == "2023-09" and r["period_end"] == "2023-09"
    )
    assert sorted(details.commodities["commodity_id"].to_list()) == expected
    assert set(details.commodities["unit"].to_list()) == {
        r["unit"] for r in _csv_rows("commodities.csv") if r["commodity_id"] in expected
    }


def test_the_jan_feb_period_is_one_combined_release(dataset, wide):
    details = month_details(dataset, wide, "2024-01")
    assert (details.period_start, details.period_end) == ("2024-01", "2024-02")
    assert details.title == "January–February 2024 (2024-01..2024-02)"
    assert details.total == pytest.approx(float(_trade_row("2024-01", "total")["value"]))
    assert details.mom_total is None  # no single month to compare with
    assert details.ytd_total == pytest.approx(details.total)
    assert details.other_years["period_start"].str.slice(5).unique().to_list() == ["01"]
    commodity_ids = sorted(
        r["commodity_id"]
        for r in _csv_rows("commodities.csv")
        if r["period_start"] == "2024-01" and r["period_end"] == "2024-02"
    )
    assert sorted(details.commodities["commodity_id"].to_list()) == commodity_ids
    by_month = {"before": ("2023-12",), "in": ("2024-01", "2024-02"), "after": ("2024-03",)}
    for group, months in by_month.items():
        expected = [r["title"] for r in _csv_rows("events.csv") if r["start_date"][:7] in months]
        got = details.events.filter(pl.col("group") == group)["title"].to_list()
        assert sorted(got) == sorted(expected)
    assert details.events.filter(pl.col("group") == "in").height > 0
    methods = set(details.provenance["method"].to_list())
    assert methods == {"ytd_first"}


def test_a_month_with_no_published_figures_stays_missing_not_zero(dataset, wide):
    # March 2021: Jan–Mar is known, but neither Jan–Feb nor March alone.
    assert _trade_row("2021-03", "total")["value"] == ""
    details = month_details(dataset, wide, "2021-03")
    for value in (details.export, details.import_, details.total, details.balance):
        assert value is None
    assert details.balance_favours is None
    assert details.rank is None
    assert details.provenance["method"].to_list() == [None, None, None]
    assert details.provenance["value"].null_count() == 3
    # Its YTD figures are still listed as sources (Jan–Mar 2021), but none derived a value.
    assert set(details.sources["roles"]) == {"YTD"}


def test_a_derived_month_says_its_precision_and_whether_its_flows_add_up(dataset, wide):
    june = month_details(dataset, wide, "2021-06")
    precision = dict(zip(june.provenance["flow"], june.provenance["precision"], strict=True))
    # The total comes from "$63 bn" for Jan–Jun: known to half a billion.
    assert precision == {"export": 0.0005, "import": 0.0005, "total": 0.5}
    assert june.flows_add_up is True
    assert june.flow_sums["difference"] == pytest.approx(6.025 + 6.394 - 12.35)
    jan_feb = month_details(dataset, wide, "2025-01")
    assert (jan_feb.total, jan_feb.months) == (34.764, 2)
    assert "g0656" in jan_feb.provenance.filter(pl.col("flow") == "total")["note"][0]


def test_stepping_crosses_year_boundaries_and_stops_at_the_ends(wide):
    assert step(wide, "2023-12", 1) == "2024-01"
    assert step(wide, "2024-01", -1) == "2023-12"
    first, last = wide["period_start"].min(), wide["period_start"].max()
    assert step(wide, first, -1) is None
    assert step(wide, last, 1) is None


def test_an_unknown_period_is_one_human_error(dataset, wide):
    with pytest.raises(DataError, match="'2019-05' is not in the data"):
        month_details(dataset, wide, "2019-05")
    with pytest.raises(DataError, match="not a month"):
        month_details(dataset, wide, "Sept")


def test_balance_side_names_who_is_in_surplus():
    assert balance_side(-2.0, "China", "Russia") == "China deficit (Russia surplus)"
    assert balance_side(1.0, "China", "Russia") == "China surplus (Russia deficit)"
    assert balance_side(None, "China", "Russia") is None
