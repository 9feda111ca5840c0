"""A month's drill-down opens only that month's Hive partitions, when they match."""

from __future__ import annotations

import polars as pl

from comtrade_files import write_comtrade
from tradetui.data.load import load_dataset

PAIR = {"reporter": "CHN", "partner": "RUS"}


def _hive(tmp_path, name: str, wrong_year: bool = False):
    frame = pl.read_csv(write_comtrade(tmp_path / f"{name}.csv"), infer_schema=False)
    folder = tmp_path / name
    for (period,), part in frame.group_by("period"):
        year = "2000" if wrong_year else period[:4]
        target = folder / f"year={year}" / f"month={period[4:]}" / f"part-{period}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_parquet(target)
    return load_dataset(folder), load_dataset(tmp_path / f"{name}.csv")


def _chapters(dataset, month: str) -> dict:
    table = dataset.aggregates.hs_rollup(month=month, flow="total", **PAIR)
    return {code: (value, yoy) for code, value, yoy in table.select("code", "value", "yoy").rows()}


def test_matching_partitions_narrow_the_months_read(tmp_path):
    hive, flat = _hive(tmp_path, "hive")
    for month in ("2023-09", "2023-08", "2022-09"):
        assert _chapters(hive, month) == _chapters(flat, month)
    plan = hive.detail.months("2023-09", "2023-09").explain()
    assert 'col("month")' in plan and 'col("year")' in plan


def test_partitions_that_do_not_match_the_periods_are_not_used(tmp_path):
    hive, flat = _hive(tmp_path, "odd", wrong_year=True)
    assert hive.trade.collect().height == flat.trade.collect().height
    assert _chapters(hive, "2023-09") == _chapters(flat, "2023-09")
    assert _chapters(hive, "2023-09")
    assert 'col("year")' not in hive.detail.months("2023-09", "2023-09").explain()
