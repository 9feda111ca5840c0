"""HS levels computed on a Spark cluster: ``hs.level_query`` in Spark's words.

The query filters pair, flows, months (on the source's period column, so files and
partitions outside them are never read) and code prefix first, groups on the cluster
and brings back the few hundred rows of one level as Arrow. tradetui.data.hs does the
rest (names, shares, year-on-year, sparklines) in polars, as for a local file.

One difference: where a source gives one code several descriptions, the local reader
keeps the first it meets and Spark, which has no row order, the smallest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from tradetui.data import hs, schema

# Builds and runs a Spark query, its rows as polars (spark.engine: tagged, cancellable).
Collect = Callable[[Callable[[], DataFrame]], pl.DataFrame]


@dataclass(frozen=True)
class SparkDetail:
    """The commodity detail as Spark DataFrames: ``months(first, last)`` narrows the
    source before the detail's columns are computed; ``rows`` is counted by the sums."""

    months: Callable[[str | None, str | None], DataFrame]
    collect: Collect
    rows: int


def _sum_or_null(name: str = "value") -> Column:
    """A sum with a missing part is missing (Spark, like polars, would skip the nulls)."""
    return F.when(F.count_if(F.col(name).isNull()) == 0, F.sum(name))


def _pair_rows(
    detail: SparkDetail,
    reporter: str,
    partner: str,
    flows: list[str],
    first: str | None,
    last: str | None,
    prefix: str | None,
) -> DataFrame:
    keep = (F.col("reporter") == reporter) & (F.col("partner") == partner)
    keep &= F.col("flow").isin(*flows)
    if first is not None:
        keep &= F.col("period") >= first
    if last is not None:
        keep &= F.col("period") <= last
    if prefix is not None:
        keep &= F.col("hs_code").startswith(prefix)
    return detail.months(first, last).filter(keep)


def level_query(
    detail: SparkDetail,
    *,
    level: int,
    reporter: str,
    partner: str,
    flow: str,
    first: str | None,
    last: str | None,
    prefix: str | None,
) -> pl.LazyFrame:
    """(period, code, value, name, deeper), as ``hs.level_query``, computed by Spark."""
    where = {"reporter": reporter, "partner": partner, "first": first, "last": last}
    return detail.collect(
        lambda: _level_plan(detail, level=level, flow=flow, prefix=prefix, **where)
    ).lazy()


def _level_plan(
    detail: SparkDetail,
    *,
    level: int,
    reporter: str,
    partner: str,
    flow: str,
    first: str | None,
    last: str | None,
    prefix: str | None,
) -> DataFrame:
    flows = hs._flows(flow)
    rows = _pair_rows(detail, reporter, partner, flows, first, last, prefix)
    per_flow = (
        rows.select(
            "period",
            "flow",
            "value",
            "description",
            F.length("hs_code").alias("digits"),
            F.substring("hs_code", 1, level).alias("code"),
        )
        .filter(F.col("digits").isin(*hs.LEVELS) & (F.col("digits") >= level))
        .groupBy("period", "flow", "code", "digits")
        .agg(_sum_or_null().alias("value"), F.min("description").alias("name"))
        .groupBy("period", "flow", "code")
        .agg(
            # The nearest level at or below `level`: the smallest digits of the code.
            F.min(F.struct("digits", "value"))["value"].alias("value"),
            F.max(F.when(F.col("digits") == level, F.col("name"))).alias("name"),
            (F.max("digits") > level).alias("deeper"),
        )
    )
    if flow != schema.TOTAL:
        query = per_flow.select("period", "code", "value", "name", "deeper")
    else:
        both = (
            _pair_rows(detail, reporter, partner, flows, first, last, None)
            .groupBy("period")
            .agg((F.count_distinct("flow") == len(flows)).alias("both"))
        )
        query = (
            per_flow.groupBy("period", "code")
            .agg(
                _sum_or_null().alias("value"),
                F.min("name").alias("name"),
                F.bool_or("deeper").alias("deeper"),
            )
            .join(both, on="period", how="left")
            .select(
                "period",
                "code",
                F.when(F.col("both"), F.col("value")).alias("value"),
                "name",
                "deeper",
            )
        )
    return query
