"""Filters on Hive partition columns (``year=2024/month=01/``), so that a month's query
opens only that month's files: without them, every file's footer is read to find that
its row groups hold other months, which at a thousand files costs seconds."""

from __future__ import annotations

import polars as pl

YEAR, MONTH = "year", "month"


def month_partitions(dtypes: dict, first: str | None, last: str | None) -> pl.Expr | None:
    """A filter on the ``year`` (and, for one month, ``month``) partition columns for the
    months first..last (YYYY-MM), or None when the source has no such integer columns."""
    if not (dtypes.get(YEAR, pl.Null()).is_integer()):
        return None
    keep = pl.lit(True)
    if first is not None:
        keep &= pl.col(YEAR) >= int(first[:4])
    if last is not None:
        keep &= pl.col(YEAR) <= int(last[:4])
    if first is not None and first == last and dtypes.get(MONTH, pl.Null()).is_integer():
        keep &= pl.col(MONTH) == int(first[5:7])
    return keep


def partition_keys(dtypes: dict, period_column: str) -> list[str]:
    """The integer ``year``/``month`` columns to check against a ``period`` column (none
    without an integer ``year``)."""
    if period_column != "period" or not dtypes.get(YEAR, pl.Null()).is_integer():
        return []
    return [c for c in (YEAR, MONTH) if dtypes.get(c, pl.Null()).is_integer()]


WRONG = "_tt_partition_wrong"


def wrong_partition(dtypes: dict, keys: list[str]) -> pl.Expr:
    """Per row: its ``year`` (or, for a month, ``month``) partition is not its period's.
    Checked per batch, outside the sums, so the partitions add no key to them."""
    if dtypes["period"].is_integer():
        period = pl.col("period")
        monthly = period >= 10_000
        year = pl.when(monthly).then(period // 100).otherwise(period)
        month = period % 100
    else:
        text = pl.col("period").cast(pl.String).str.strip_chars()
        monthly = text.str.len_chars() == 6
        year = text.str.slice(0, 4).cast(pl.Int64, strict=False)
        month = text.str.slice(4, 2).cast(pl.Int64, strict=False)
    wrong = year.ne_missing(pl.col(YEAR))
    if MONTH in keys:
        wrong |= monthly & month.ne_missing(pl.col(MONTH))
    return wrong.fill_null(True).alias(WRONG)
