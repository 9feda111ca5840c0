"""Whether a period's exports and imports add up to its total, within their rounding.

Published figures are rounded, and a value computed from several of them inherits the
rounding of each. A value's ``precision`` is half a unit of the last digit of its least
precise input; it may be off by that much for each figure it is computed from (the ids in
``value_figures``). So exports + imports may differ from the total by up to the sum of
the three allowances; a larger difference means the figures contradict each other, and
the period is shown as not adding up (never hidden). A value without a stated precision
(a file of its own) is taken as exact to USD 1 mn (±0.0005 bn) from one figure.
"""

from __future__ import annotations

import polars as pl

from tradetui.data import schema

DEFAULT_PRECISION = 0.0005
_KEY = ["period_start", "period_end", "reporter", "partner"]
_NAMES = {schema.EXPORT: "exports", schema.IMPORT: "imports", schema.TOTAL: "total"}


def flow_sums(trade: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """One row per period and pair with all three flows: the values, their precision and
    input counts, ``difference`` (exports + imports − total), ``allowed`` (what rounding can
    explain) and ``adds_up``."""
    lf = trade.lazy()
    names = lf.collect_schema().names()
    precision = pl.col("precision") if "precision" in names else pl.lit(None, pl.Float64)
    figures = pl.col("value_figures") if "value_figures" in names else pl.lit(None, pl.String)
    long = (
        lf.filter(pl.col("value").is_not_null() & pl.col("flow").is_in(schema.FLOWS))
        .select(
            *_KEY,
            "flow",
            "value",
            precision=precision.fill_null(DEFAULT_PRECISION),
            inputs=(figures.str.count_matches(";") + 1).fill_null(1).cast(pl.Int64),
        )
        .collect()
    )
    if long.is_empty():
        return _empty()
    wide = long.pivot(on="flow", index=_KEY, values=["value", "precision", "inputs"])
    if any(f"value_{f}" not in wide.columns for f in schema.FLOWS):
        return _empty()
    allowed = pl.sum_horizontal(
        pl.col(f"precision_{f}") * pl.col(f"inputs_{f}") for f in schema.FLOWS
    )
    return (
        wide.drop_nulls([f"value_{f}" for f in schema.FLOWS])
        .with_columns(
            difference=pl.col("value_export") + pl.col("value_import") - pl.col("value_total"),
            allowed=allowed,
        )
        .with_columns(adds_up=pl.col("difference").abs() <= pl.col("allowed") + 1e-9)
        .sort(_KEY)
    )


def not_adding_up(trade: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """The rows of :func:`flow_sums` whose flows do not add up."""
    return flow_sums(trade).filter(~pl.col("adds_up"))


def flags(trade: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """period_start, period_end, reporter, partner, flows_add_up (absent: not all three)."""
    return flow_sums(trade).select(*_KEY, flows_add_up="adds_up")


def explain(row: dict) -> str:
    """Why a row of :func:`flow_sums` does (not) add up, in one sentence."""

    def part(flow: str) -> str:
        figures = row[f"inputs_{flow}"]
        source = f", {figures} figures" if figures > 1 else ""
        return f"{_NAMES[flow]} {row[f'value_{flow}']:g} (±{row[f'precision_{flow}']:g}{source})"

    total = row["value_export"] + row["value_import"]
    gap = abs(row["difference"])
    verdict = "more than" if not row["adds_up"] else "within"
    return (
        f"{part(schema.EXPORT)} + {part(schema.IMPORT)} = {total:.6g} against "
        f"{part(schema.TOTAL)}: {gap:.3g} apart, {verdict} the {row['allowed']:.3g} their "
        "rounding allows (± for each figure a value comes from)"
    )


def _empty() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            **{c: pl.String for c in _KEY},
            **{
                f"{p}_{f}": t
                for p, t in (("value", pl.Float64), ("precision", pl.Float64), ("inputs", pl.Int64))
                for f in schema.FLOWS
            },
            "difference": pl.Float64,
            "allowed": pl.Float64,
            "adds_up": pl.Boolean,
        }
    )
