"""The main screen's view logic, without running the app."""

from __future__ import annotations

import polars as pl

from tradetui import state
from tradetui.data import metrics
from tradetui.data.load import load_dataset


def wide() -> pl.DataFrame:
    return metrics.periods(load_dataset().trade)


def test_country_names_fall_back_to_the_code() -> None:
    assert state.country_name("CHN") == "China"
    assert state.country_name("RUS") == "Russia"
    assert state.country_name("XYZ") == "XYZ"


def test_every_iso_code_is_named_so_pairs_are_never_a_mix_of_names_and_codes() -> None:
    assert state.pair_label("IND", "UZB") == "India → Uzbekistan"
    assert state.country_name("BOL") == "Bolivia"  # the common name, not ISO's formal one
    assert state.country_name("uzb") == "uzb"  # a code is matched as the file writes it


def test_month_view_has_one_row_per_period_with_rank_and_share() -> None:
    table = wide()
    rows = state.view_rows(table, 2023, "month")
    periods = table.filter(pl.col("year") == 2023)
    assert rows["key"].to_list() == periods["period_start"].to_list()
    assert rows["name"][0] == "Jan–Feb"
    year_total = metrics.year_record(table, 2023).total
    # Rank 1 is the largest total per month: a single month, not the two-month Jan–Feb.
    top = rows.sort(pl.col("total") / pl.col("months"), descending=True).row(0, named=True)
    assert top["rank"] == 1 and top["months"] == 1
    assert rows.filter(pl.col("key") == "2023-01")["rank"][0] == rows.height
    assert abs(top["share_of_year"] - top["total"] / year_total * 100) < 1e-9


def test_sort_keeps_missing_values_last() -> None:
    # 2021 has Jan–Feb and March without a total; amounts sort by their mean per month.
    rows = state.view_rows(wide(), 2021, "month")
    for descending in (True, False):
        shown = state.sort_rows(rows, "total", descending)
        totals = (shown["total"] / shown["months"]).to_list()
        known = [t for t in totals if t is not None]
        assert known == sorted(known, reverse=descending)
        assert len(known) < len(totals)
        assert totals[len(known) :] == [None] * (len(totals) - len(known))


def test_event_filter_matches_title_or_summary_in_any_case() -> None:
    events = pl.DataFrame(
        {
            "event_id": ["a", "b", "c"],
            "category": ["energy", "finance", "energy"],
            "title": ["Pipeline deal", "Bond issue", "Other"],
            "summary": [None, "about a PIPELINE", "nothing"],
        }
    )
    assert state.filter_events(events, "pipeline", None)["event_id"].to_list() == ["a", "b"]
    assert state.filter_events(events, "pipeline", "energy")["event_id"].to_list() == ["a"]
    assert state.filter_events(events, "", "energy")["event_id"].to_list() == ["a", "c"]


def test_sparkline_series_spreads_a_combined_release_and_skips_missing_months() -> None:
    table = wide()
    values, missing, spread = state.monthly_series(table, 2023)
    jan_feb = table.filter(pl.col("period_start") == "2023-01")["total"][0]
    assert values[:2] == [jan_feb / 2, jan_feb / 2]
    assert len(values) == 12 and missing == 0 and spread
    _, missing_2021, _ = state.monthly_series(table, 2021)
    assert missing_2021 == 3  # no Jan–Feb 2021 release, nor March 2021
