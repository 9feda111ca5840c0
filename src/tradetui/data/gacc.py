"""GACC-style report figures (the research layout of cn_ru_gacc_reports.csv) as tradetui tables.

Each row is one trade figure as one page published it: a month, a year-to-date
(cumulative) or a full-year value. The monthly table is derived exactly as the embedded
dataset is built (tradetui.data.build; rules in docs/data.md): exclusions, the choice
among conflicting figures, then month n = YTD(n) - YTD(n-1) and every other month the
figures determine (tradetui.data.derive). The layout has no reporter
or partner column: its figures are China's customs (GACC) view of China–Russia trade,
so reporter is CHN and partner RUS.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data import build, schema
from tradetui.data.errors import DataError, shown_columns
from tradetui.data.sources import GACC_COLUMNS, GACC_REQUIRED
from tradetui.data.validate import (
    bad_rows,
    collect_table,
    period_problems,
    raise_problems,
    validate_trade,
)

KINDS = ("month", "ytd", "year")
UNITS = ("bn", "mn")
CURRENCIES = ("USD", "CNY")


@dataclass(frozen=True)
class GaccImport:
    """``trade`` in schema.TRADE_COLUMNS (validated); ``published`` every figure of the file
    in schema.PUBLISHED_COLUMNS; ``notes`` one line each."""

    trade: pl.DataFrame
    published: pl.DataFrame
    notes: tuple[str, ...]


def check_reports(
    df: pl.DataFrame, name: str, row_word: str = "line", first_row: int = 2
) -> pl.DataFrame:
    """Check a reports table read as text; return it with every research column.

    Bad rows are named ``row_word`` N, counted from ``first_row`` (validate.bad_rows).
    """
    missing = [c for c in GACC_REQUIRED if c not in df.columns]
    if missing:
        raise DataError(
            f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"expected columns {', '.join(GACC_REQUIRED)} (found {shown_columns(df.columns)})"
        )
    if df.height == 0:
        raise DataError(f"{name}: has a header but no data rows")
    df = df.with_columns(pl.col(c).cast(pl.String).str.strip_chars() for c in df.columns)
    df = df.with_columns(
        pl.lit(None, pl.String).alias(c) for c in GACC_COLUMNS if c not in df.columns
    )

    def empty(column: str) -> pl.Expr:
        return pl.col(column).fill_null("") == ""

    def one_of(column: str, allowed: tuple[str, ...], may_be_empty: bool = False) -> pl.Expr:
        inside = pl.col(column).is_in(allowed).fill_null(False)
        return ~(inside | empty(column)) if may_be_empty else ~inside

    def not_number(column: str) -> pl.Expr:
        return ~empty(column) & pl.col(column).cast(pl.Float64, strict=False).is_null()

    def check(bad: pl.Expr, column: str, expected: str) -> list[str]:
        return bad_rows(df, bad, column, name, expected, row_word, first_row)

    problems = period_problems(df, name, row_word, first_row)
    problems += check(one_of("kind", KINDS), "kind", "one of " + ", ".join(KINDS))
    flows = tuple(build.RESEARCH_FLOWS)
    problems += check(one_of("flow", flows), "flow", "one of " + ", ".join(flows))
    problems += check(not_number("value"), "value", "a number (or empty)")
    problems += check(not_number("yoy_pct"), "yoy_pct", "a number (or empty)")
    raise_problems(problems)
    value = pl.col("value").cast(pl.Float64)
    in_bn = value * pl.when(pl.col("unit") == "mn").then(0.001).otherwise(1.0)
    problems += check(
        value.is_nan() | value.is_infinite() | (value < 0) | (in_bn > schema.MAX_VALUE_BN),
        "value",
        f"a number ≥ 0 and at most {schema.MAX_VALUE_BN:,.0f} bn",
    )
    problems += check(
        one_of("unit", UNITS, may_be_empty=True) | (~empty("value") & empty("unit")),
        "unit",
        "bn or mn (empty only without a value)",
    )
    problems += check(
        one_of("currency", CURRENCIES, may_be_empty=True), "currency", "USD, CNY or empty"
    )
    start, end = pl.col("period_start"), pl.col("period_end")
    problems += check(
        (start > end) | (start.str.slice(0, 4) != end.str.slice(0, 4)),
        "period_end",
        "an end month on or after period_start, in the same year",
    )
    raise_problems(problems)
    return df


def derive_monthly(figures: pl.DataFrame, name: str) -> pl.DataFrame:
    """The monthly table from the chosen figures, from the first year with any month.

    The embedded build starts in 2021 because the earlier years hold only annual figures
    (kept as the base of growth rates); starting at the first year with a derivable value
    is the same rule for any file.
    """
    usd = figures.filter(
        pl.col("chosen") & (pl.col("currency") == "USD") & pl.col("flow").is_in(schema.FLOWS)
    )
    if usd.is_empty():
        raise DataError(
            f"{name}: no usable USD figure of exports, imports or total; expected rows with "
            "currency USD and a value"
        )
    first = int(usd["period_start"].str.slice(0, 4).min())
    trade = build.monthly_trade(figures, first_year=first)
    known = trade.filter(pl.col("value").is_not_null())
    if known.is_empty():
        raise DataError(
            f"{name}: no month can be derived; expected USD figures of single months or "
            "year-to-date (from January) releases"
        )
    start = known["period_start"].str.slice(0, 4).min()
    return trade.filter(pl.col("period_start").str.slice(0, 4) >= start)


def read_gacc(
    lf: pl.LazyFrame, name: str = "GACC report file", row_word: str = "line", first_row: int = 2
) -> GaccImport:
    """Read a reports file scanned as text (see module doc); bad rows are named
    ``row_word`` N, counted from ``first_row``."""
    raw = check_reports(collect_table(lf, name), name, row_word, first_row)
    figures = build.figures_from_reports(raw.select(GACC_COLUMNS), every_exclusion_matches=False)
    trade = validate_trade(derive_monthly(figures, name).lazy(), f"{name} (monthly series)")
    excluded = figures.filter(pl.col("excluded_because").is_not_null()).height
    notes = [
        "figures read as China's customs (GACC) view of China–Russia trade: reporter CHN, "
        "partner RUS",
        f"{figures.height:,} published figures, {figures['chosen'].sum():,} chosen"
        + (f", {excluded:,} excluded by the embedded dataset's rules" if excluded else "")
        + "; months derived from year-to-date releases",
    ]
    return GaccImport(trade=trade.collect(), published=figures, notes=tuple(notes))
