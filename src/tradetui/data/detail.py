"""The commodity detail of an imported file: HS-level rows, lazy over the source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

# Narrows the source to first..last (YYYY-MM, either may be None) by its own columns.
MonthFilter = Callable[[str | None, str | None], pl.LazyFrame]


@dataclass(frozen=True)
class Detail:
    """Rows in schema.DETAIL_COLUMNS, never collected whole (the source may be huge).

    ``frame`` is every row. Its ``period`` is computed from the source, so a filter on it
    cannot reach the file reader; ``source_months``, when the importer has one, filters
    the source's own period column instead, so a Parquet reader skips the row groups
    outside the months asked for (a month of 10 million rows then reads in milliseconds).
    """

    frame: pl.LazyFrame
    source_months: MonthFilter | None = None
    # Rows in ``frame`` when the importer counted them in its pass (None: not counted).
    rows: int | None = None

    def months(self, first: str | None, last: str | None) -> pl.LazyFrame:
        """The rows of first..last (inclusive; None is open-ended)."""
        frame = self.frame
        if self.source_months is not None and (first is not None or last is not None):
            frame = self.source_months(first, last)
        keep = pl.lit(True)
        if first is not None:
            keep &= pl.col("period") >= first
        if last is not None:
            keep &= pl.col("period") <= last
        return frame.filter(keep)


def as_detail(detail: Detail | pl.LazyFrame) -> Detail:
    return detail if isinstance(detail, Detail) else Detail(detail)
