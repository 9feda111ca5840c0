"""Reconciliation of derived months against single months published directly."""

from __future__ import annotations

import json

import polars as pl
import pytest

from tradetui.data import reconcile
from tradetui.data.load import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def table(dataset) -> pl.DataFrame:
    return reconcile.reconcile(dataset, 0.2)


def row_of(table: pl.DataFrame, period: str, flow: str) -> dict:
    rows = table.filter((pl.col("period_start") == period) & (pl.col("flow") == flow))
    assert rows.height == 1
    return rows.row(0, named=True)


def test_finds_the_october_2023_import_difference(dataset, table) -> None:
    row = row_of(table, "2023-10", "import")
    assert row["derived"] == pytest.approx(11.505)
    assert row["published"] == pytest.approx(11.1)
    assert row["difference"] == pytest.approx(0.405)
    assert row["above_threshold"]
    assert row["method"] == "ytd_diff"
    flagged = reconcile.above(table)
    assert (flagged["period_start"][0], flagged["flow"][0]) == ("2023-10", "import")


def test_compares_every_derived_month_that_has_a_published_month(dataset, table) -> None:
    trade = dataset.trade.collect()
    expected = trade.filter(
        pl.col("method").is_in(["ytd_diff", "ytd_first"])
        & pl.col("value").is_not_null()
        & pl.col("published_value").is_not_null()
    )
    assert table.height == expected.height
    assert set(table["method"]) <= {"ytd_diff", "ytd_first"}
    for row in table.iter_rows(named=True):
        assert row["difference"] == pytest.approx(row["derived"] - row["published"], abs=1e-6)
        assert row["above_threshold"] == (abs(row["difference"]) > 0.2)


def test_sources_are_the_figures_behind_each_value(dataset, table) -> None:
    published = dataset.published.collect()
    titles = dict(zip(published["figure_id"], published["source_title"], strict=True))
    urls = dict(zip(published["figure_id"], published["source_url"], strict=True))
    trade = dataset.trade.collect()
    row = row_of(table, "2023-10", "import")
    source = trade.filter((pl.col("period_start") == "2023-10") & (pl.col("flow") == "import")).row(
        0, named=True
    )
    assert row["derived_figures"] == source["value_figures"].split(";")
    assert row["derived_titles"] == [titles[f] for f in row["derived_figures"]]
    assert row["derived_urls"] == [urls[f] for f in row["derived_figures"]]
    assert row["published_figure"] == source["published_figure"]
    assert row["published_url"] == urls[source["published_figure"]]


def test_the_threshold_decides_what_is_above_it(dataset) -> None:
    everything = reconcile.reconcile(dataset, 0.0)
    nothing = reconcile.reconcile(dataset, 100.0)
    assert everything["above_threshold"].sum() == (everything["difference"] != 0).sum()
    assert nothing["above_threshold"].sum() == 0


def test_to_dict_is_json_with_counts(table) -> None:
    data = json.loads(json.dumps(reconcile.to_dict(table, 0.2)))
    assert data["compared"] == table.height
    assert data["above_threshold"] == table["above_threshold"].sum()
    assert len(data["rows"]) == table.height
    first = data["rows"][0]
    assert set(first) >= {"from", "to", "flow", "derived", "published", "difference"}


def test_a_trade_file_without_published_figures_gives_null_sources(tmp_path) -> None:
    trade = tmp_path / "trade.csv"
    load_dataset().trade.collect().write_csv(trade)
    table = reconcile.reconcile(load_dataset(trade))
    assert table.height > 0
    assert table["published_title"].null_count() == table.height
    assert all(t == [None] * len(t) for t in table["derived_titles"].to_list())
