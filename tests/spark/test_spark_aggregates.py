"""The Spark backend answers every query of the seam as the polars backend does, on the
same Comtrade-shaped files, byte for byte once floats are rounded."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import spark_tables as tables
from tradetui.data import schema
from tradetui.data.load import Dataset, load_dataset

pytestmark = pytest.mark.spark

DIGITS = 9  # USD bn to the dollar


def rounded(frame: pl.DataFrame) -> bytes:
    """The frame as NDJSON with every float rounded: equal bytes, equal frames."""
    out = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype.is_float():
            column = column.round(DIGITS)
        elif dtype == hs_series():
            column = column.list.eval(
                pl.struct(
                    pl.element().struct.field("period"),
                    pl.element().struct.field("value").round(DIGITS),
                )
            )
        out.append(column)
    return frame.select(out).write_ndjson().encode()


def hs_series() -> pl.DataType:
    from tradetui.data.hs import LEVEL_SCHEMA

    return LEVEL_SCHEMA["series"]


def both(path: Path) -> tuple[Dataset, Dataset]:
    return load_dataset(path), load_dataset(tables.table_url(path))


@pytest.mark.parametrize("name", ["small", "varied", "typed"])
def test_the_trade_table_pairs_and_months_are_the_same(files: dict[str, Path], name: str) -> None:
    local, spark = both(files[name])
    order = ["reporter", "partner", "period_start", "period_end", "flow"]
    assert rounded(spark.trade.collect().sort(order)) == rounded(local.trade.collect().sort(order))
    assert spark.aggregates.facts() == local.aggregates.facts()
    assert rounded(spark.aggregates.pair_ranking()) == rounded(local.aggregates.pair_ranking())
    for reporter, partner in [*tables.PAIRS, (None, None)]:
        assert rounded(spark.aggregates.monthly_totals(reporter, partner)) == rounded(
            local.aggregates.monthly_totals(reporter, partner)
        )


# Each file's first pair through every flow and level (a query is a second or so here).
HS_PAIRS = {"small": ("CHN", "RUS"), "varied": ("CHN", "RUS"), "typed": ("398", "W00")}


@pytest.mark.parametrize("name", ["small", "varied", "typed"])
def test_every_hs_level_sparkline_and_series_is_the_same(files: dict[str, Path], name: str) -> None:
    local, spark = both(files[name])
    assert spark.aggregates.has_detail() and local.aggregates.has_detail()
    reporter, partner = HS_PAIRS[name]
    month = local.trade.collect()["period_end"].max()
    asked = 0
    for flow in schema.FLOWS:
        for parent in (None, "27", "2709"):
            where = {"month": month, "reporter": reporter, "partner": partner, "flow": flow}
            mine = spark.aggregates.hs_rollup(**where, parent=parent)
            theirs = local.aggregates.hs_rollup(**where, parent=parent)
            assert rounded(mine) == rounded(theirs), (where, parent)
            asked += theirs.height
        for code in ("27", "270900"):
            where = {"reporter": reporter, "partner": partner, "flow": flow}
            span = {"first": "2021-01", "last": month}
            assert rounded(spark.aggregates.code_series(code, **where, **span)) == rounded(
                local.aggregates.code_series(code, **where, **span)
            )
    assert asked > 0  # the levels compared were not all empty


def test_the_typed_layout_reads_m49_codes_and_the_world(files: dict[str, Path]) -> None:
    _, spark = both(files["typed"])
    ranked = spark.aggregates.pair_ranking()
    assert set(zip(ranked["reporter"], ranked["partner"], strict=True)) == {
        ("156", "643"),
        ("643", "156"),
        ("156", "398"),
        ("398", "W00"),
    }
    assert ranked.filter(pl.col("partner") == "W00")["world"].to_list() == [True]
