"""Repeated rows across the files of a folder: the same export saved twice, or two
downloads that overlap. Their values are kept once, never summed twice.

The first pass groups its partial sums by file as well (one more key of few values);
a (period, pair, flow, HS level) group found in two files or more may hold repeated
rows. Only then are those groups read again, narrowly, row by row: a repeated key
(period, reporter, partner, flow, code, breakdown codes) keeps the row of the first file
in name order, and the notes say how many were left out and how many differed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

FILE = "_tt_file"  # the file a row came from (polars' include_file_paths)


@dataclass(frozen=True)
class Repeats:
    """Rows left out because an earlier file holds the same key, and of those how many
    had another value there."""

    rows: int = 0
    differing: int = 0

    def note(self) -> str | None:
        if not self.rows:
            return None
        differ = (
            f", {self.differing:,} of them with another value there"
            if self.differing
            else ", all with the same value"
        )
        return (
            f"{self.rows:,} repeated rows (same period, reporter, partner, flow and code in "
            f"another file) counted once, from the first file in name order{differ}"
        )


def shared_groups(sums: pl.DataFrame, keys: Sequence[str]) -> pl.DataFrame:
    """The ``keys`` of the groups that more than one file contributes to."""
    return (
        sums.group_by(keys)
        .agg(files=pl.col(FILE).n_unique())
        .filter(pl.col("files") > 1)
        .select(keys)
    )


def first_copies(rows: pl.LazyFrame, key: Sequence[str]) -> pl.LazyFrame:
    """``rows`` without the repeats of a key in later files (name order)."""
    return rows.filter(pl.col(FILE) == pl.col(FILE).min().over(key))


def count(rows: pl.LazyFrame, key: Sequence[str], value: str) -> Repeats:
    """How many rows of ``rows`` repeat a key of an earlier file, and how many of those
    hold a value other than the first file's."""
    found = (
        rows.group_by(key)
        .agg(
            rows=pl.len(),
            differing=pl.col(value).ne_missing(pl.col(value).sort_by(FILE).first()).sum(),
        )
        .filter(pl.col("rows") > 1)
        .select((pl.col("rows") - 1).sum().alias("extra"), pl.col("differing").sum())
        .collect()
    )
    return Repeats(int(found["extra"][0] or 0), int(found["differing"][0] or 0))
