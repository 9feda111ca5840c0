"""One pair of a big Comtrade source, read before the rest so that its table shows first.

The pair's rows (both directions, for the mirror) are read through a filter on the
source's own reporterISO and partnerISO columns, which reaches the file reader: a Parquet
file sorted by reporter and partner (as Comtrade's bulk files are) skips the other row
groups. The dataset it gives is ``partial``: its ranking knows only this pair, and the
whole source is read after it (tradetui.data.load) to complete the picture.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tradetui.data import comtrade, duplicates, schema, sources
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset, _ordered, open_any
from tradetui.data.progress import SILENT, Progress
from tradetui.data.validate import EVENT_OUTPUT_COLUMNS

_ISO = ("reporterISO", "partnerISO")


def read_pair(
    path: Path | str, reporter: str, partner: str, progress: Progress = SILENT
) -> Dataset | None:
    """The dataset of ``reporter`` and ``partner`` alone, or None where that cannot be
    read first: not a Comtrade Parquet source, no ISO country columns, or no rows of the
    pair. A CSV has no statistics to skip by: reading its pair first would read it twice.

    Bad data is not reported here (DataError means None): the full read says it.
    """
    try:
        source = open_any(path, progress, check_encoding=False)
        if source.format != sources.FORMAT_COMTRADE or source.file_type != "parquet":
            return None
        lf = comtrade.canonical(source.scan(duplicates.FILE if source.several_files else None))
        names = lf.collect_schema()
        if not all(column in names and names[column] == pl.String for column in _ISO):
            return None
        pair = [reporter, partner]
        mine = lf.filter(pl.col(_ISO[0]).is_in(pair) & pl.col(_ISO[1]).is_in(pair))
        found = comtrade.read_comtrade(
            mine, source.name, progress, row_word=source.row_word, first_row=source.first_row
        )
    except (DataError, pl.exceptions.PolarsError):
        return None
    if found.trade.filter(
        (pl.col("reporter") == reporter) & (pl.col("partner") == partner)
    ).is_empty():
        return None
    return Dataset(
        trade=found.trade.lazy(),
        events=pl.LazyFrame(schema=EVENT_OUTPUT_COLUMNS),
        commodities=pl.LazyFrame(schema=schema.COMMODITY_COLUMNS),
        published=pl.LazyFrame(schema=schema.PUBLISHED_COLUMNS),
        origin=source.describe(),
        missing=_ordered(["events", "commodities", "published figures"]),
        detail=found.detail,
        source_format=source.format,
        notes=(f"{reporter}→{partner} read first; the other pairs are still being read",),
        duplicates=found.duplicates,
        partial=True,
    )


def pair_in(dataset: Dataset, pair: tuple[str, str] | None) -> tuple[str, str] | None:
    """``pair`` when the dataset has trade for it, else None (its largest pair is shown)."""
    if pair is None:
        return None
    reporter, partner = pair
    trade = dataset.trade.filter((pl.col("reporter") == reporter) & (pl.col("partner") == partner))
    return pair if trade.select(pl.len()).collect().item() else None
