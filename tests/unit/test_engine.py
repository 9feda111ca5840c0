"""The aggregate seam: every view's query answered by the local (polars) engine."""

from __future__ import annotations

import polars as pl
import pytest

from comtrade_files import write_comtrade
from tradetui.data import engine, hs, metrics
from tradetui.data.load import load_dataset

PAIR = {"reporter": "CHN", "partner": "RUS"}


@pytest.fixture
def dataset(tmp_path):
    return load_dataset(write_comtrade(tmp_path / "comtrade.csv"))


def test_the_dataset_answers_through_the_local_engine(dataset):
    asked = dataset.aggregates
    assert isinstance(asked, engine.LocalAggregates)
    assert asked is dataset.aggregates  # one per dataset, so its results are kept
    ranking = asked.pair_ranking()
    assert ranking.select("reporter", "partner").rows() == [("CHN", "RUS")]
    assert ranking.equals(metrics.pairs(dataset.trade))


def test_monthly_totals_are_the_pairs_period_table(dataset):
    wide = dataset.aggregates.monthly_totals("CHN", "RUS")
    assert wide.equals(metrics.periods(dataset.trade, "CHN", "RUS"))
    # TOTAL rows: 10 bn a side, scaled by 1.0, 1.5 and 2.0 per month.
    assert wide["export"].to_list() == pytest.approx([10.0, 15.0, 20.0])
    # None is the largest pair.
    assert dataset.aggregates.monthly_totals(None, None).equals(wide)


def test_hs_rollup_levels_and_kept_results(dataset, monkeypatch):
    asked = dataset.aggregates
    chapters = asked.hs_rollup(month="2023-09", flow="export", sparklines=False, **PAIR)
    assert dict(chapters.select("code", "value").rows()) == pytest.approx({"27": 12.0, "87": 8.0})
    headings = asked.hs_rollup(month="2023-09", flow="export", parent="27", **PAIR)
    assert dict(headings.select("code", "value").rows()) == pytest.approx(
        {"2709": 10.0, "2710": 2.0}
    )
    assert headings["sparkline"].null_count() == 0

    # Asked again, nothing is read: the computed tables are kept.
    def no_read(*args, **kwargs):
        raise AssertionError("the source was read again")

    monkeypatch.setattr(hs, "level_table", no_read)
    monkeypatch.setattr(hs, "add_sparklines", no_read)
    again = asked.hs_rollup(month="2023-09", flow="export", parent="27", **PAIR)
    assert again.equals(headings)


def test_code_series_and_facts(dataset):
    asked = dataset.aggregates
    series = asked.code_series("2709", flow="import", first="2022-01", last="2023-12", **PAIR)
    assert series["period"].to_list() == ["2022-09", "2023-08", "2023-09"]
    assert series["value"].to_list() == pytest.approx([5.0, 7.5, 10.0])
    assert asked.has_detail()
    facts = asked.facts()
    assert facts.duplicates == 0
    assert facts.notes == dataset.notes
    assert any("rows read" in note for note in facts.notes)


def test_no_detail_is_said(tmp_path):
    trade = load_dataset(None)
    assert not trade.aggregates.has_detail()
    with pytest.raises(ValueError, match="no commodity detail"):
        trade.aggregates.hs_rollup(month="2023-09", flow="export", **PAIR)
    assert isinstance(trade.aggregates.pair_ranking(), pl.DataFrame)
