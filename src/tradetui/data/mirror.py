"""Mirror statistics: the same flows as both sides record them.

China's exports to Russia are also Russia's imports from China. When a dataset holds
both reporters, the two records rarely agree (imports are valued CIF, exports FOB;
timing, partner attribution and confidentiality differ). The gap is shown, never hidden.
"""

from __future__ import annotations

import polars as pl

from tradetui.data import metrics

MIRROR_COLUMNS = (
    "export",
    "mirror_export",
    "export_gap",
    "export_gap_pct",
    "import",
    "mirror_import",
    "import_gap",
    "import_gap_pct",
)


def _gap_pct(own: str, mirror: str) -> pl.Expr:
    return pl.when(pl.col(mirror) > 0).then((pl.col(own) / pl.col(mirror) - 1) * 100)


def has_mirror(trade: pl.LazyFrame | pl.DataFrame, reporter: str, partner: str) -> bool:
    """Whether the partner also reports trade with the reporter."""
    found = (
        trade.lazy()
        .filter((pl.col("reporter") == partner) & (pl.col("partner") == reporter))
        .select(pl.len())
        .collect()
        .item()
    )
    return found > 0


def mirror_table(
    trade: pl.LazyFrame | pl.DataFrame, reporter: str, partner: str
) -> pl.DataFrame | None:
    """Per period both records of each flow, and the gap (own − mirror, USD bn and %).

    ``mirror_export`` is the partner's imports from the reporter; ``mirror_import`` the
    partner's exports to the reporter. Only periods both sides cover alike are listed
    (a combined Jan–Feb release does not match two single months). None when the partner
    does not report.
    """
    if not has_mirror(trade, reporter, partner):
        return None
    keys = ["period_start", "period_end"]
    own = metrics.periods(trade, reporter, partner).select(*keys, "export", "import")
    other = metrics.periods(trade, partner, reporter).select(
        *keys,
        pl.col("import").alias("mirror_export"),
        pl.col("export").alias("mirror_import"),
    )
    return (
        own.join(other, on=keys, how="inner")
        .with_columns(
            export_gap=pl.col("export") - pl.col("mirror_export"),
            import_gap=pl.col("import") - pl.col("mirror_import"),
            export_gap_pct=_gap_pct("export", "mirror_export"),
            import_gap_pct=_gap_pct("import", "mirror_import"),
        )
        .select(*keys, *MIRROR_COLUMNS)
        .sort(keys)
    )


def mirror_row(mirror: pl.DataFrame | None, period_start: str, period_end: str) -> dict | None:
    """The mirror record of one period, or None."""
    if mirror is None:
        return None
    found = mirror.filter(
        (pl.col("period_start") == period_start) & (pl.col("period_end") == period_end)
    )
    return found.row(0, named=True) if found.height else None
